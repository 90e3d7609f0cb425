//! Why a PUT/POST `/statements` request was refused, and the answer to send.

use http::{HeaderValue, StatusCode};
use learnwire_report::{Code, CodeInfo, Issue, Location, Report, Severity};
use serde_json::{Map, Value, json};

use crate::about::{VERSION_HEADER, VersionError};
use crate::lrs::AlternateError;
use crate::multipart::{MultipartError, MultipartLimit};
use crate::signature::SignatureError;
use crate::types::XapiUuid;
use crate::{BodyReport, Rule, XapiVersion};

/// Why a PUT/POST `/statements` request was refused. [`status`](Self::status) is the HTTP status to
/// answer with, [`to_http_response`](Self::to_http_response) the whole answer; `Display` names the
/// code and what is wrong, for a log line.
#[derive(Debug, Clone, thiserror::Error)]
#[non_exhaustive]
pub enum ReceiveError {
    /// The `Content-Type` is missing, or neither `application/json` nor `multipart/mixed`
    /// (`400 Bad Request`: XAPI-00127 asks 400 for a statement request whose `Content-Type` is neither
    /// `application/json` nor `multipart/mixed`, and the ADL conformance suite checks it).
    #[error(
        "{}: the Content-Type is missing, or neither application/json nor multipart/mixed",
        self.code()
    )]
    UnsupportedContentType,
    /// The `multipart/mixed` structure or attachment matching failed.
    #[error(transparent)]
    Multipart(#[from] MultipartError),
    /// A statement is invalid: the report of every statement, each problem with its code and
    /// pointer (pointers of a batch start with the statement's index).
    #[error("{}", invalid_summary(.0))]
    Invalid(Box<BodyReport>),
    /// A signed statement failed its checks.
    #[error(transparent)]
    Signature(#[from] SignatureError),
    /// The `X-Experience-API-Version` header is missing or names a version this LRS does not serve
    /// (Communication §3.3, R-P06).
    #[error(transparent)]
    Version(#[from] VersionError),
    /// An alternate-syntax request (`?method=`, Communication §1.3) that cannot be read, or one sent under
    /// xAPI 2.0, which removed the syntax (R-P07).
    #[error(transparent)]
    Alternate(#[from] AlternateError),
    /// The method is neither PUT nor POST (`405 Method Not Allowed`).
    #[error("{}: the statements resource takes PUT or POST, not {method}", self.code())]
    Method {
        /// The request's method.
        method: http::Method,
    },
    /// The query parameters are wrong for the method: PUT takes exactly a valid `statementId`, POST none
    /// (Communication §2.1.1, §2.1.2, §3.2; R-P03, R-P05). Every problem, located at `/<parameter>`.
    #[error("{}", report_summary("the query parameters are refused", .0))]
    Query(Box<Report>),
    /// A PUT body is an array: PUT stores one statement.
    #[error("{}: a PUT body is one statement, not an array", self.code())]
    BatchNotAllowed,
    /// The statement of a PUT has an `id` other than the `statementId` parameter (R-P03).
    #[error(
        "{}: the statement's id {id} is not the statementId {statement_id}",
        self.code()
    )]
    StatementIdMismatch {
        /// The `statementId` parameter.
        statement_id: XapiUuid,
        /// The statement's `id`.
        id: XapiUuid,
    },
    /// A statement with this id is already stored and differs from this one (`409 Conflict`,
    /// Communication §2.1.1/§2.1.2, R-P04).
    #[error(
        "{}: statement {index} has the id {id} of a stored statement that differs from it",
        self.code()
    )]
    Conflict {
        /// 0-based position of the statement in the request.
        index: usize,
        /// The id.
        id: XapiUuid,
    },
    /// A bug of this crate (the typed model refused a statement the validator accepted, or no id
    /// could be made): `500 Internal Server Error`.
    #[error("{}", report_summary("internal error", .0))]
    Internal(Box<Report>),
}

const CONTENT_TYPE: CodeInfo = CodeInfo::error(
    "xapi.request.content-type",
    "the Content-Type is missing, or neither application/json nor multipart/mixed",
    "Communication §1.5, §2.1.1",
);
const METHOD: CodeInfo = CodeInfo::error(
    "xapi.request.method",
    "the statements resource takes PUT or POST",
    "Communication §2.1",
);
const STATEMENT_ID_MISMATCH: CodeInfo = CodeInfo::error(
    "xapi.request.statement-id-mismatch",
    "the statement of a PUT has an id other than the statementId parameter",
    "Communication §2.1.1; R-P03",
);
const CONFLICT: CodeInfo = CodeInfo::error(
    "xapi.request.conflict",
    "a statement has the id of a stored statement that differs from it",
    "Communication §2.1.1, §2.1.2; R-P04",
);

impl ReceiveError {
    /// The codes of this error's own (the others are its inner errors' and the report's), with their
    /// summaries and spec references (part of the crate's [`CODES`](crate::CODES)).
    pub const CODES: &'static [CodeInfo] = &[CONTENT_TYPE, METHOD, STATEMENT_ID_MISMATCH, CONFLICT];

    /// The stable code: the inner error's, or the first error's of the report.
    pub fn code(&self) -> Code {
        match self {
            Self::UnsupportedContentType => CONTENT_TYPE.code,
            Self::Multipart(error) => error.code(),
            Self::Signature(error) => error.code(),
            Self::Version(error) => error.code(),
            Self::Alternate(error) => error.code(),
            Self::Method { .. } => METHOD.code,
            Self::BatchNotAllowed => Rule::StatementNotObject.code(),
            Self::StatementIdMismatch { .. } => STATEMENT_ID_MISMATCH.code,
            Self::Conflict { .. } => CONFLICT.code,
            Self::Invalid(report) => first_error(&report.flatten()),
            Self::Query(report) | Self::Internal(report) => first_error(report),
        }
    }

    /// The HTTP status to answer with: `400 Bad Request` for a request that breaks a rule, `405` for
    /// another method, `409 Conflict`, `413 Content Too Large` for a body over
    /// [`Limits::max_body_bytes`](crate::Limits::max_body_bytes) or
    /// [`Limits::max_multipart_bytes`](crate::Limits::max_multipart_bytes), `500` for an internal error.
    /// Another content type is a `400` (XAPI-00127), not a `415`.
    pub fn status(&self) -> StatusCode {
        match self {
            Self::Method { .. } => StatusCode::METHOD_NOT_ALLOWED,
            Self::Conflict { .. } => StatusCode::CONFLICT,
            Self::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
            Self::Multipart(MultipartError::LimitExceeded {
                limit: MultipartLimit::Body | MultipartLimit::StatementsPart,
                ..
            }) => StatusCode::PAYLOAD_TOO_LARGE,
            Self::Invalid(report) if report.body.has_code(Rule::LimitBody.code().as_str()) => {
                StatusCode::PAYLOAD_TOO_LARGE
            }
            _ => StatusCode::BAD_REQUEST,
        }
    }

    /// Every problem as report issues: the report's for [`Invalid`](Self::Invalid),
    /// [`Query`](Self::Query) and [`Internal`](Self::Internal) (a batch's pointers prefixed with the
    /// statement's index), otherwise one issue with this error's code and message.
    pub fn issues(&self) -> Report {
        match self {
            Self::Invalid(report) => report.flatten(),
            Self::Query(report) | Self::Internal(report) => (**report).clone(),
            other => {
                let mut report = Report::new();
                let location = match other {
                    Self::StatementIdMismatch { .. } => {
                        Location::json(learnwire_report::JsonPointer::root().key("id"))
                    }
                    Self::Conflict { index, .. } => Location::json(
                        learnwire_report::JsonPointer::root()
                            .key(&index.to_string())
                            .key("id"),
                    ),
                    _ => Location::Whole,
                };
                report.push(Issue::new(
                    other.code(),
                    Severity::Error,
                    location,
                    other.detail(),
                ));
                report
            }
        }
    }

    /// The answer to send: [`status`](Self::status), `Content-Type: application/json`,
    /// `X-Experience-API-Version` (`version`: the negotiated version, or the latest the LRS serves when
    /// none was negotiated), `Allow: PUT, POST` on a `405`, and a JSON body:
    ///
    /// ```json
    /// {"status": 400, "code": "xapi.agent.mbox", "message": "…",
    ///  "issues": [{"code": "xapi.agent.mbox", "severity": "error", "location": "/1/actor/mbox", "message": "…"}],
    ///  "dropped": 0}
    /// ```
    ///
    /// `location` is a JSON pointer into the statements (absent for the request as a whole);
    /// `dropped` counts the problems past [`Limits::max_issues`](crate::Limits::max_issues), not listed.
    pub fn to_http_response(&self, version: XapiVersion) -> http::Response<Vec<u8>> {
        let report = self.issues();
        let issues: Vec<Value> = report.issues().iter().map(issue_json).collect();
        let body = json!({
            "status": self.status().as_u16(),
            "code": self.code().as_str(),
            "message": self.to_string(),
            "issues": issues,
            "dropped": report.dropped(),
        });
        let mut response = http::Response::new(body.to_string().into_bytes());
        *response.status_mut() = self.status();
        let headers = response.headers_mut();
        headers.insert(
            http::header::CONTENT_TYPE,
            HeaderValue::from_static("application/json"),
        );
        headers.insert(VERSION_HEADER, HeaderValue::from_static(version.as_str()));
        if self.status() == StatusCode::METHOD_NOT_ALLOWED {
            headers.insert(http::header::ALLOW, HeaderValue::from_static("PUT, POST"));
        }
        response
    }

    /// The message without the code in front.
    fn detail(&self) -> String {
        let text = self.to_string();
        let code = self.code();
        text.strip_prefix(code.as_str())
            .and_then(|rest| rest.strip_prefix(": "))
            .map_or_else(|| text.clone(), str::to_owned)
    }
}

fn issue_json(issue: &Issue) -> Value {
    let mut map = Map::new();
    map.insert("code".into(), Value::from(issue.code.as_str()));
    map.insert(
        "severity".into(),
        Value::from(match issue.severity {
            Severity::Warning => "warning",
            _ => "error",
        }),
    );
    if !matches!(issue.location, Location::Whole) {
        map.insert("location".into(), Value::from(issue.location.to_string()));
    }
    map.insert("message".into(), Value::from(issue.message.as_str()));
    Value::Object(map)
}

/// The first error's code (a report without one would be a bug: `xapi.internal`).
fn first_error(report: &Report) -> Code {
    report
        .errors()
        .next()
        .map_or(Rule::Internal.code(), |issue| issue.code)
}

/// `<code>: <what>: <n> errors, the first at <location>: <message>`.
fn report_summary(what: &str, report: &Report) -> String {
    let errors = report.errors().count().saturating_add(report.dropped());
    match report.errors().next() {
        None => format!("{}: {what}", Rule::Internal.code()),
        Some(first) if errors <= 1 => format!(
            "{}: {what}: at {}: {}",
            first.code,
            describe(&first.location),
            first.message
        ),
        Some(first) => format!(
            "{}: {what}: {errors} errors, the first at {}: {}",
            first.code,
            describe(&first.location),
            first.message
        ),
    }
}

fn invalid_summary(body: &BodyReport) -> String {
    let what = if body.batch {
        format!(
            "the batch of {} statements is refused",
            body.statements.len()
        )
    } else {
        "the statement is refused".to_owned()
    };
    report_summary(&what, &body.flatten())
}

fn describe(location: &Location) -> String {
    match location {
        Location::Whole => "the body".to_owned(),
        Location::Json { pointer } if pointer.as_str().is_empty() => "the root".to_owned(),
        other => other.to_string(),
    }
}
