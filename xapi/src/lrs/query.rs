//! GET `/statements` query parameters (xAPI 1.0.3 Communication §2.1.3).
//!
//! [`StatementQuery::parse`] reads a query string (percent-decoding with `url`'s `form_urlencoded`) and
//! checks every parameter: names are case-sensitive and unknown ones are refused (Communication §3.2,
//! XAPI-00324/325); `statementId` and `voidedStatementId` exclude each other and every other parameter
//! but `attachments` and `format`; `agent` is the JSON of an Agent or identified Group; `verb` and
//! `activity` are IRIs; `registration` and the ids UUIDs; `since`/`until` RFC 3339 timestamps; `limit` a
//! non-negative integer; booleans exactly `true`/`false`. Every problem is an issue in a
//! [`Report`] with its own code (`xapi.query.*`), located at `/<parameter>`.
//! [`StatementQuery::to_query_string`] builds the string back; parse → build → parse is the identity.
//!
//! # Example
//!
//! ```
//! use learnwire_xapi::query::{StatementFormat, StatementQuery};
//!
//! let query = StatementQuery::parse(
//!     "agent=%7B%22mbox%22%3A%22mailto%3Aa%40example.com%22%7D&verb=http%3A%2F%2Fadlnet.gov%2Fexpapi%2Fverbs%2Fpassed&limit=10&format=ids",
//! )?;
//! assert_eq!(query.limit, Some(10));
//! assert_eq!(query.format, Some(StatementFormat::Ids));
//! assert_eq!(StatementQuery::parse(&query.to_query_string())?, query);
//!
//! let report = StatementQuery::validate("statementId=x&Verb=y");
//! assert!(report.has_code("xapi.query.uuid"));
//! assert!(report.has_code("xapi.query.unknown-parameter"));
//! # Ok::<(), learnwire_report::Report>(())
//! ```

mod agent;
mod codes;
pub(crate) mod values;

pub(crate) use agent::AgentKind;
pub use codes::PARAMETER_CODES;
pub(crate) use codes::{CURSOR, METHOD, NOT_HERE};
pub(crate) use values::{at, split_query};

use std::fmt;

use chrono::{DateTime, FixedOffset};
use learnwire_report::{Location, Report, quote};
use serde_json::Value;
use url::form_urlencoded;

use codes::{EXCLUSIVE_IDS, FORMAT, ID_WITH_FILTER, LIMIT};

/// The parameter names of GET `/statements`, in the order [`StatementQuery::to_query_string`] writes them.
pub const STATEMENT_QUERY_PARAMETERS: [&str; 14] = [
    "statementId",
    "voidedStatementId",
    "agent",
    "verb",
    "activity",
    "registration",
    "related_activities",
    "related_agents",
    "since",
    "until",
    "limit",
    "format",
    "attachments",
    "ascending",
];

/// The `format` parameter: how much of Agents, Activities and Verbs to return.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum StatementFormat {
    /// Only what identifies each object (`ids`).
    Ids,
    /// As received (`exact`, the default).
    #[default]
    Exact,
    /// Canonical Activity definitions and Verb displays, one language per map (`canonical`).
    Canonical,
}

impl StatementFormat {
    /// The parameter value.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Ids => "ids",
            Self::Exact => "exact",
            Self::Canonical => "canonical",
        }
    }
}

impl fmt::Display for StatementFormat {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The parameters of a GET `/statements` request. `None` means "not sent" (the spec default applies).
#[derive(Debug, Clone, Default, PartialEq)]
#[non_exhaustive]
pub struct StatementQuery {
    /// `statementId`: fetch one statement.
    pub statement_id: Option<uuid::Uuid>,
    /// `voidedStatementId`: fetch one voided statement.
    pub voided_statement_id: Option<uuid::Uuid>,
    /// `agent`: an Agent or identified Group (JSON object, validated).
    pub agent: Option<Value>,
    /// `verb`: a verb IRI.
    pub verb: Option<String>,
    /// `activity`: an activity IRI.
    pub activity: Option<String>,
    /// `registration`.
    pub registration: Option<uuid::Uuid>,
    /// `related_activities` (default false).
    pub related_activities: Option<bool>,
    /// `related_agents` (default false).
    pub related_agents: Option<bool>,
    /// `since` (exclusive), on `stored`.
    pub since: Option<DateTime<FixedOffset>>,
    /// `until` (inclusive), on `stored`.
    pub until: Option<DateTime<FixedOffset>>,
    /// `limit` (0 = the server's maximum).
    pub limit: Option<u64>,
    /// `format` (default exact).
    pub format: Option<StatementFormat>,
    /// `attachments` (default false): answer with `multipart/mixed` and the attachment data.
    pub attachments: Option<bool>,
    /// `ascending` (default false).
    pub ascending: Option<bool>,
}

impl StatementQuery {
    /// An empty query (every parameter absent).
    pub fn new() -> Self {
        Self::default()
    }

    /// Parses and validates a query string (with or without the leading `?`).
    ///
    /// # Errors
    ///
    /// The [`Report`] of every problem when any is an error.
    pub fn parse(query: &str) -> Result<Self, Report> {
        let mut report = Report::new();
        let parsed = read(query, &mut report);
        if report.is_valid() {
            Ok(parsed)
        } else {
            Err(report)
        }
    }

    /// Every problem of a query string (empty report when it is valid).
    pub fn validate(query: &str) -> Report {
        let mut report = Report::new();
        read(query, &mut report);
        report
    }

    /// Whether this query asks for one statement (`statementId` or `voidedStatementId`).
    pub fn is_single(&self) -> bool {
        self.statement_id.is_some() || self.voided_statement_id.is_some()
    }

    /// The format asked for, [`StatementFormat::Exact`] when absent.
    pub fn format_or_default(&self) -> StatementFormat {
        self.format.unwrap_or_default()
    }

    /// A GET request for this query on the Statement Resource at `endpoint` (an absolute URL such as
    /// `https://lrs.example.com/xapi/statements`), with `X-Experience-API-Version` set.
    ///
    /// # Errors
    ///
    /// [`QueryRequestError`] when `endpoint` is not an absolute URL without query, or a header is invalid.
    ///
    /// # Example
    ///
    /// ```
    /// use learnwire_xapi::query::StatementQuery;
    ///
    /// let mut query = StatementQuery::new();
    /// query.limit = Some(10);
    /// let request = query.to_http_request("https://lrs.example.com/xapi/statements", "1.0.3")?;
    /// assert_eq!(request.uri(), "https://lrs.example.com/xapi/statements?limit=10");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn to_http_request(
        &self,
        endpoint: &str,
        version: &str,
    ) -> Result<http::Request<Vec<u8>>, QueryRequestError> {
        let mut url = url::Url::parse(endpoint).map_err(|_| QueryRequestError::Endpoint)?;
        if url.query().is_some() || url.cannot_be_a_base() {
            return Err(QueryRequestError::Endpoint);
        }
        let query = self.to_query_string();
        url.set_query((!query.is_empty()).then_some(query.as_str()));
        http::Request::get(url.as_str())
            .header("X-Experience-API-Version", version)
            .body(Vec::new())
            .map_err(|_| QueryRequestError::Header)
    }

    /// The query string (without `?`), parameters in [`STATEMENT_QUERY_PARAMETERS`] order, values
    /// form-urlencoded; absent parameters are left out.
    pub fn to_query_string(&self) -> String {
        let mut out = form_urlencoded::Serializer::new(String::new());
        let text = |flag: Option<bool>| flag.map(|flag| if flag { "true" } else { "false" });
        let pairs: [(&str, Option<String>); 14] = [
            (
                "statementId",
                self.statement_id.map(|id| id.hyphenated().to_string()),
            ),
            (
                "voidedStatementId",
                self.voided_statement_id
                    .map(|id| id.hyphenated().to_string()),
            ),
            ("agent", self.agent.as_ref().map(Value::to_string)),
            ("verb", self.verb.clone()),
            ("activity", self.activity.clone()),
            (
                "registration",
                self.registration.map(|id| id.hyphenated().to_string()),
            ),
            (
                "related_activities",
                text(self.related_activities).map(str::to_owned),
            ),
            (
                "related_agents",
                text(self.related_agents).map(str::to_owned),
            ),
            ("since", self.since.as_ref().map(values::format_timestamp)),
            ("until", self.until.as_ref().map(values::format_timestamp)),
            ("limit", self.limit.map(|limit| limit.to_string())),
            (
                "format",
                self.format.map(|format| format.as_str().to_owned()),
            ),
            ("attachments", text(self.attachments).map(str::to_owned)),
            ("ascending", text(self.ascending).map(str::to_owned)),
        ];
        for (name, value) in pairs {
            if let Some(value) = value {
                out.append_pair(name, &value);
            }
        }
        out.finish()
    }
}

/// Why [`StatementQuery::to_http_request`] could not build a request.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum QueryRequestError {
    /// The endpoint is not an absolute URL without a query.
    #[error("{}: the endpoint is not an absolute URL without a query", self.code())]
    Endpoint,
    /// The version is not a valid header value.
    #[error("{}: the version is not a valid header value", self.code())]
    Header,
}

crate::codes::error_codes!(QueryRequestError {
    Endpoint => "xapi.client.endpoint", "the endpoint is not an absolute URL without a query", "RFC 3986 §4.3";
    Header => "xapi.client.header", "a header value cannot be sent", "RFC 9110 §5.5";
});

fn read(query: &str, report: &mut Report) -> StatementQuery {
    let mut parsed = StatementQuery::default();
    let Some(pairs) = split_query(query, report) else {
        return parsed;
    };
    for (name, value) in &pairs {
        let (name, value) = (name.as_str(), value.as_str());
        match name {
            "statementId" => parsed.statement_id = values::uuid(name, value, report),
            "voidedStatementId" => parsed.voided_statement_id = values::uuid(name, value, report),
            "agent" => {
                parsed.agent =
                    values::agent(name, value, AgentKind::AgentOrIdentifiedGroup, report);
            }
            "verb" => parsed.verb = values::iri(name, value, report),
            "activity" => parsed.activity = values::iri(name, value, report),
            "registration" => parsed.registration = values::uuid(name, value, report),
            "related_activities" => {
                parsed.related_activities = values::boolean(name, value, report)
            }
            "related_agents" => parsed.related_agents = values::boolean(name, value, report),
            "since" => parsed.since = values::timestamp(name, value, report),
            "until" => parsed.until = values::timestamp(name, value, report),
            "limit" => parsed.limit = limit(value, report),
            "format" => parsed.format = format(value, report),
            "attachments" => parsed.attachments = values::boolean(name, value, report),
            "ascending" => parsed.ascending = values::boolean(name, value, report),
            _ => report.error(
                values::UNKNOWN,
                values::at_untrusted(name),
                format!("{} is not a parameter of GET /statements", quote(name)),
            ),
        }
    }
    let present = |wanted: &str| pairs.iter().any(|(name, _)| name == wanted);
    if present("statementId") && present("voidedStatementId") {
        report.error(
            EXCLUSIVE_IDS,
            Location::Whole,
            "statementId and voidedStatementId cannot be used together",
        );
    }
    if present("statementId") || present("voidedStatementId") {
        for (name, _) in &pairs {
            let allowed = ["statementId", "voidedStatementId", "attachments", "format"];
            if !allowed.contains(&name.as_str())
                && STATEMENT_QUERY_PARAMETERS.contains(&name.as_str())
            {
                report.error(
                    ID_WITH_FILTER,
                    at(name),
                    format!("{name} cannot be used with statementId or voidedStatementId"),
                );
            }
        }
    }
    parsed
}

fn limit(value: &str, report: &mut Report) -> Option<u64> {
    let digits = !value.is_empty() && value.bytes().all(|b| b.is_ascii_digit());
    match value.parse::<u64>().ok().filter(|_| digits) {
        Some(limit) => Some(limit),
        None => {
            report.error(
                LIMIT,
                at("limit"),
                format!("limit {} is not a non-negative integer", quote(value)),
            );
            None
        }
    }
}

fn format(value: &str, report: &mut Report) -> Option<StatementFormat> {
    match value {
        "ids" => Some(StatementFormat::Ids),
        "exact" => Some(StatementFormat::Exact),
        "canonical" => Some(StatementFormat::Canonical),
        _ => {
            report.error(
                FORMAT,
                at("format"),
                format!("format {} is not ids, exact or canonical", quote(value)),
            );
            None
        }
    }
}
