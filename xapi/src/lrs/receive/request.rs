//! The front door of an LRS's `/statements` resource for PUT and POST: an `http::Request` in, typed
//! statements with ids (or the `http::Response` refusing them) out.

use http::header::{CONTENT_TYPE, HeaderValue};
use http::{HeaderMap, Method, StatusCode, Uri};
use learnwire_report::{JsonPointer, Location, Report, quote};
use serde_json::Value;

use super::{ReceiveError, ReceiveOptions, receive_body};
use crate::about::{VERSION_HEADER, VersionNegotiation};
use crate::lrs::{AlternateError, StoredComparison, compare_with_stored, read_alternate_request};
use crate::query::split_query;
use crate::query::values::{MISSING, UNKNOWN, at, uuid};
use crate::signature::CheckedSignature;
use crate::statement::UncheckedStatement;
use crate::types::XapiUuid;
use crate::{Rule, Statement, XapiVersion};

/// Where the ids of statements sent without one come from. Randomness is an input: an LRS uses
/// [`RandomIds`] (what [`StatementsRequest::from_http_request`] does), a test a fixed sequence. Any
/// `FnMut() -> uuid::Uuid` is one.
pub trait StatementIds {
    /// The next id (a random, version 4 UUID in normal use); `None` when none can be made, which
    /// refuses the request as an internal error rather than storing a statement without an id.
    fn next_id(&mut self) -> Option<uuid::Uuid>;
}

impl<F: FnMut() -> uuid::Uuid> StatementIds for F {
    fn next_id(&mut self) -> Option<uuid::Uuid> {
        Some(self())
    }
}

/// Random version 4 UUIDs (RFC 9562 §5.4) from aws-lc-rs's CSPRNG.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct RandomIds;

impl StatementIds for RandomIds {
    fn next_id(&mut self) -> Option<uuid::Uuid> {
        let mut bytes = [0u8; 16];
        aws_lc_rs::rand::fill(&mut bytes).ok()?;
        Some(uuid::Builder::from_random_bytes(bytes).into_uuid())
    }
}

/// One attachment part of a `multipart/mixed` request, its hash checked against its bytes and matched
/// to the statements' attachment metadata.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct ReceivedAttachment {
    /// The SHA-2 of [`content`](Self::content), lowercase hex (the `X-Experience-API-Hash`).
    pub sha2: String,
    /// The part's `Content-Type`, if it had one.
    pub content_type: Option<String>,
    /// The bytes.
    pub content: Vec<u8>,
}

/// A PUT or POST `/statements` request that passed every check: the statements typed, each with its
/// id (the `statementId` of a PUT, the one sent, or one assigned), ready to store.
///
/// [`from_http_request`](Self::from_http_request) checks, in order: the 1.0.3 alternate request syntax
/// (read when [`ReceiveOptions::alternate_syntax`]; refused under 2.0); `X-Experience-API-Version`
/// against [`ReceiveOptions::versions`]; the method (PUT or POST); the query (PUT: exactly a
/// `statementId` UUID, POST: none); `Content-Type` (`application/json` or `multipart/mixed`); then the
/// body with [`receive_statements`](super::receive_statements): limits, `multipart/mixed` parts and
/// attachment hashes, every statement rule under the negotiated version (once), signatures; a PUT holds
/// one statement whose `id`, if any, is the `statementId`. Storage is the caller's:
/// [`compare_with_stored`](Self::compare_with_stored) decides the no-ops and conflicts with what it
/// has stored.
///
/// # Example
///
/// ```
/// use learnwire_xapi::lrs::{ReceiveOptions, StatementsRequest};
///
/// let request = http::Request::post("/xapi/statements")
///     .header("X-Experience-API-Version", "1.0.3")
///     .header("Content-Type", "application/json")
///     .body(br#"{"actor": {"mbox": "mailto:a@example.com"}, "verb": {"id": "http://x/v"},
///               "object": {"id": "http://x/a"}}"#.to_vec())?;
/// let received = StatementsRequest::from_http_request(&request, &ReceiveOptions::default())?;
/// assert_eq!(received.statements().len(), 1);
/// assert!(received.statements()[0].id.is_some(), "an id was assigned");
/// let response = received.to_http_response();
/// assert_eq!(response.status(), 200);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone)]
pub struct StatementsRequest {
    method: Method,
    version: XapiVersion,
    statements: Vec<Statement>,
    assigned: Vec<bool>,
    batch: bool,
    attachments: Vec<ReceivedAttachment>,
    signatures: Vec<CheckedSignature>,
    warnings: Report,
}

impl StatementsRequest {
    /// Reads a PUT or POST `/statements` request; statements sent without an id get a random one
    /// ([`RandomIds`]).
    ///
    /// # Errors
    ///
    /// The first [`ReceiveError`]; [`ReceiveError::to_http_response`] is the answer to send.
    pub fn from_http_request<B: AsRef<[u8]>>(
        request: &http::Request<B>,
        options: &ReceiveOptions,
    ) -> Result<Self, ReceiveError> {
        Self::from_http_request_with_ids(request, options, &mut RandomIds)
    }

    /// [`from_http_request`](Self::from_http_request) with the ids of statements sent without one taken
    /// from `ids`.
    ///
    /// # Errors
    ///
    /// As [`from_http_request`](Self::from_http_request).
    ///
    /// # Example
    ///
    /// ```
    /// use learnwire_xapi::lrs::{ReceiveOptions, StatementsRequest};
    ///
    /// let request = http::Request::post("/xapi/statements")
    ///     .header("X-Experience-API-Version", "2.0.0")
    ///     .header("Content-Type", "application/json")
    ///     .body(br#"[{"actor": {"mbox": "mailto:a@example.com"}, "verb": {"id": "http://x/v"},
    ///                "object": {"id": "http://x/a"}}]"#.to_vec())?;
    /// let mut ids = || uuid::Uuid::from_u128(0x2a41c918_b88b_4220_8e5f_0d6f2e5a1f33);
    /// let received =
    ///     StatementsRequest::from_http_request_with_ids(&request, &ReceiveOptions::default(), &mut ids)?;
    /// assert_eq!(received.ids()[0].as_str(), "2a41c918-b88b-4220-8e5f-0d6f2e5a1f33");
    /// assert_eq!(received.to_http_response().body(), br#"["2a41c918-b88b-4220-8e5f-0d6f2e5a1f33"]"#);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn from_http_request_with_ids<B: AsRef<[u8]>, I: StatementIds + ?Sized>(
        request: &http::Request<B>,
        options: &ReceiveOptions,
        ids: &mut I,
    ) -> Result<Self, ReceiveError> {
        let alternate = alternate(request, options)?;
        let (method, uri, headers, body) = match &alternate {
            Some(real) => (
                real.method(),
                real.uri(),
                real.headers(),
                real.body().as_slice(),
            ),
            None => (
                request.method(),
                request.uri(),
                request.headers(),
                request.body().as_ref(),
            ),
        };
        let version = VersionNegotiation::new(options.versions()).negotiate_headers(headers)?;
        if alternate.is_some() && version != XapiVersion::V1_0_3 {
            return Err(AlternateError::Removed.into());
        }
        let put = match *method {
            Method::PUT => true,
            Method::POST => false,
            _ => {
                return Err(ReceiveError::Method {
                    method: method.clone(),
                });
            }
        };
        let statement_id = statement_id(uri, put)?;
        let content_type = content_type(headers)?;
        let validation = options.validation().with_version(version);
        let received = receive_body(content_type, body, &validation, options.signatures())?;
        if put && received.batch {
            return Err(ReceiveError::BatchNotAllowed);
        }
        let mut statements = Vec::with_capacity(received.statements.len());
        let mut assigned = Vec::with_capacity(received.statements.len());
        for value in received.statements {
            let mut statement = build(value)?;
            match (&statement_id, &statement.id) {
                (Some(expected), Some(id)) if !same_id(expected, id) => {
                    return Err(ReceiveError::StatementIdMismatch {
                        statement_id: expected.clone(),
                        id: id.clone(),
                    });
                }
                (_, Some(_)) => assigned.push(false),
                (Some(expected), None) => {
                    statement.id = Some(expected.clone());
                    assigned.push(true);
                }
                (None, None) => {
                    let id = ids.next_id().ok_or_else(no_id)?;
                    statement.id = Some(XapiUuid::from_uuid(id));
                    assigned.push(true);
                }
            }
            statements.push(statement);
        }
        let attachments = received
            .attachments
            .into_iter()
            .map(|part| ReceivedAttachment {
                sha2: part.sha2,
                content_type: part.content_type.map(str::to_owned),
                content: part.content.to_vec(),
            })
            .collect();
        Ok(Self {
            method: method.clone(),
            version,
            statements,
            assigned,
            batch: received.batch,
            attachments,
            signatures: received.signatures,
            warnings: received.report.flatten(),
        })
    }

    /// PUT or POST (the real method of an alternate-syntax request).
    pub fn method(&self) -> &Method {
        &self.method
    }

    /// The negotiated xAPI version (send it back in `X-Experience-API-Version`).
    pub fn version(&self) -> XapiVersion {
        self.version
    }

    /// The statements, in order, each with its id.
    pub fn statements(&self) -> &[Statement] {
        &self.statements
    }

    /// The statements, to store.
    pub fn into_statements(self) -> Vec<Statement> {
        self.statements
    }

    /// The ids of the statements, in order (what a POST answers with).
    pub fn ids(&self) -> Vec<&XapiUuid> {
        self.statements
            .iter()
            .filter_map(|statement| statement.id.as_ref())
            .collect()
    }

    /// Whether the id of statement `index` was assigned here (from the `statementId` of a PUT or
    /// generated) rather than sent in the statement. A stored statement's `id` is then the LRS's, which
    /// the equivalence rules of a later resend take into account.
    pub fn id_assigned(&self, index: usize) -> bool {
        self.assigned.get(index).copied().unwrap_or(false)
    }

    /// Whether the body was an array (a POST batch).
    pub fn is_batch(&self) -> bool {
        self.batch
    }

    /// The attachment parts of a `multipart/mixed` request, their hashes checked (empty for
    /// `application/json`, whose attachments all have a `fileUrl`).
    pub fn attachments(&self) -> &[ReceivedAttachment] {
        &self.attachments
    }

    /// The signatures checked, one per signed statement (whether to trust an `x5c` chain is the
    /// caller's: [`CheckedSignature::certificates`]).
    pub fn signatures(&self) -> &[CheckedSignature] {
        &self.signatures
    }

    /// The validation warnings (the statements have no error), pointers prefixed with the statement's
    /// index in a batch.
    pub fn warnings(&self) -> &Report {
        &self.warnings
    }

    /// Compares each statement whose id was sent with the statement of that id the LRS already stores
    /// (`stored` looks it up, as stored: with `stored`, `authority`, ...): logically equivalent, nothing to
    /// store for it (the returned `true`); different, the whole request is refused with `409 Conflict`
    /// (Communication §2.1.1/§2.1.2, R-P04). A batch is atomic, so one conflict refuses it all.
    ///
    /// # Errors
    ///
    /// [`ReceiveError::Conflict`] for the first statement that differs from its stored namesake.
    pub fn compare_with_stored<F: FnMut(&XapiUuid) -> Option<Value>>(
        &self,
        mut stored: F,
    ) -> Result<Vec<bool>, ReceiveError> {
        let mut already = Vec::with_capacity(self.statements.len());
        for (index, statement) in self.statements.iter().enumerate() {
            let Some(id) = statement.id.as_ref() else {
                already.push(false);
                continue;
            };
            let Some(existing) = stored(id) else {
                already.push(false);
                continue;
            };
            let incoming = serde_json::to_value(statement).map_err(|error| {
                internal(format!("a received statement does not serialize: {error}"))
            })?;
            match compare_with_stored(&existing, &incoming, self.version) {
                StoredComparison::Same => already.push(true),
                _ => {
                    return Err(ReceiveError::Conflict {
                        index,
                        id: id.clone(),
                    });
                }
            }
        }
        Ok(already)
    }

    /// The answer once the statements are stored: `200 OK` with the JSON array of ids for a POST
    /// (Communication §2.1.2), `204 No Content` for a PUT (§2.1.1); `X-Experience-API-Version` set.
    pub fn to_http_response(&self) -> http::Response<Vec<u8>> {
        let (status, body) = if self.method == Method::PUT {
            (StatusCode::NO_CONTENT, Vec::new())
        } else {
            let ids: Vec<&str> = self.ids().into_iter().map(XapiUuid::as_str).collect();
            let body = serde_json::to_vec(&ids).unwrap_or_default();
            (StatusCode::OK, body)
        };
        let mut response = http::Response::new(body);
        *response.status_mut() = status;
        let headers = response.headers_mut();
        if status == StatusCode::OK {
            headers.insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
        }
        headers.insert(
            VERSION_HEADER,
            HeaderValue::from_static(self.version.as_str()),
        );
        response
    }
}

impl ReceiveError {
    /// [`to_http_response`](Self::to_http_response) with the version of the request when it could be
    /// read, otherwise the latest of `options`' versions.
    pub fn to_http_response_for<B>(
        &self,
        request: &http::Request<B>,
        options: &ReceiveOptions,
    ) -> http::Response<Vec<u8>> {
        let negotiation = VersionNegotiation::new(options.versions());
        let version = negotiation
            .negotiate_headers(request.headers())
            .ok()
            .or_else(|| negotiation.latest())
            .unwrap_or_default();
        self.to_http_response(version)
    }
}

/// The request an alternate-syntax request stands for, or `None` when it does not use the syntax.
fn alternate<B: AsRef<[u8]>>(
    request: &http::Request<B>,
    options: &ReceiveOptions,
) -> Result<Option<http::Request<Vec<u8>>>, ReceiveError> {
    // Read as 1.0.3 when the LRS serves it and reads the syntax; otherwise as 2.0, which refuses it
    // (after the syntax's own checks).
    let reads = options.alternate_syntax() && options.versions().contains(&XapiVersion::V1_0_3);
    let version = if reads {
        XapiVersion::V1_0_3
    } else {
        XapiVersion::V2_0_0
    };
    Ok(read_alternate_request(
        request,
        version,
        options.validation().limits(),
    )?)
}

/// The `statementId` of a PUT (required, a UUID, alone); a POST takes no parameter.
fn statement_id(uri: &Uri, put: bool) -> Result<Option<XapiUuid>, ReceiveError> {
    let mut report = Report::new();
    let pairs = split_query(uri.query().unwrap_or(""), &mut report).unwrap_or_default();
    let mut found = None;
    for (name, value) in &pairs {
        if put && name == "statementId" {
            found = uuid(name, value, &mut report).map(XapiUuid::from_uuid);
        } else {
            let what = if put {
                "a PUT to the statements resource takes only statementId"
            } else {
                "a POST to the statements resource takes no parameter"
            };
            report.error(
                UNKNOWN,
                crate::query::values::at_untrusted(name),
                format!("{what}, not {}", quote(name)),
            );
        }
    }
    if put && found.is_none() && !pairs.iter().any(|(name, _)| name == "statementId") {
        report.error(
            MISSING,
            at("statementId"),
            "a PUT to the statements resource needs statementId",
        );
    }
    if report.is_valid() {
        Ok(found)
    } else {
        Err(ReceiveError::Query(Box::new(report)))
    }
}

fn content_type(headers: &HeaderMap) -> Result<&str, ReceiveError> {
    let mut values = headers.get_all(CONTENT_TYPE).iter();
    match (values.next(), values.next()) {
        (Some(value), None) => value
            .to_str()
            .map_err(|_| ReceiveError::UnsupportedContentType),
        _ => Err(ReceiveError::UnsupportedContentType),
    }
}

/// The typed statement of a value the validator accepted (never validated again).
fn build(value: Value) -> Result<Statement, ReceiveError> {
    serde_json::from_value::<UncheckedStatement>(value)
        .map(Statement::from)
        .map_err(|error| {
            internal(format!(
                "the validator accepted a statement the typed model refused (a bug): {error}"
            ))
        })
}

fn same_id(a: &XapiUuid, b: &XapiUuid) -> bool {
    a.as_str().eq_ignore_ascii_case(b.as_str())
}

fn no_id() -> ReceiveError {
    internal("no statement id could be generated (the random source failed)".to_owned())
}

fn internal(message: String) -> ReceiveError {
    let mut report = Report::new();
    report.error(
        Rule::Internal.code(),
        Location::json(JsonPointer::root()),
        message,
    );
    ReceiveError::Internal(Box::new(report))
}
