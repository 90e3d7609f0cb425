//! StatementResult and its `more` IRL (Data §2.5).

use learnwire_report::Report;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use url::form_urlencoded;

use crate::query::{StatementQuery, at, split_query};

/// The answer to a GET `/statements` query (Data §2.5).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct StatementResult {
    /// The statements found (empty when none matched).
    pub statements: Vec<Value>,
    /// The relative IRL of the next page; `None` (written `""`) when there is none.
    #[serde(default, serialize_with = "write_more", deserialize_with = "read_more")]
    pub more: Option<String>,
}

impl StatementResult {
    /// A result page.
    pub fn new(statements: Vec<Value>, more: Option<String>) -> Self {
        Self { statements, more }
    }

    /// The `200 OK` answer, with `Content-Type`, `X-Experience-API-Version` and
    /// `X-Experience-API-Consistent-Through` (RFC 3339) set.
    ///
    /// # Errors
    ///
    /// [`http::Error`] when `version` is not a valid header value.
    pub fn to_http_response(
        &self,
        version: &str,
        consistent_through: chrono::DateTime<chrono::Utc>,
    ) -> Result<http::Response<Vec<u8>>, http::Error> {
        let body = serde_json::to_vec(self).unwrap_or_default();
        http::Response::builder()
            .status(http::StatusCode::OK)
            .header(http::header::CONTENT_TYPE, "application/json")
            .header("X-Experience-API-Version", version)
            .header(
                "X-Experience-API-Consistent-Through",
                consistent_through.to_rfc3339_opts(chrono::SecondsFormat::Millis, true),
            )
            .body(body)
    }
}

/// Why a GET `/statements` response could not be read.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ResultError {
    /// The LRS answered with another status than `200 OK`; the body is kept.
    #[error("{}: the LRS answered {status}", self.code())]
    Status {
        /// The status.
        status: http::StatusCode,
        /// The raw body, as sent.
        body: Vec<u8>,
    },
    /// The body is not a StatementResult (JSON object with a `statements` array).
    #[error("{}: the body is not a StatementResult", self.code())]
    Body(#[source] serde_json::Error),
}

crate::codes::error_codes!(ResultError {
    Status => "xapi.client.status", "the LRS answered another status than 200 OK", "Communication §2.1.3";
    Body => "xapi.client.statement-result", "the body is not a StatementResult", "Data §2.5";
});

impl StatementResult {
    /// Reads the `application/json` answer to a GET `/statements` query (for `multipart/mixed` answers,
    /// use [`parse_statement_response`](crate::multipart::parse_statement_response)).
    ///
    /// # Errors
    ///
    /// [`ResultError`] for a non-200 status or a body that is not a StatementResult.
    pub fn parse_http_response(response: &http::Response<Vec<u8>>) -> Result<Self, ResultError> {
        if response.status() != http::StatusCode::OK {
            return Err(ResultError::Status {
                status: response.status(),
                body: response.body().clone(),
            });
        }
        serde_json::from_slice(response.body()).map_err(ResultError::Body)
    }
}

fn write_more<S: serde::Serializer>(
    more: &Option<String>,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    serializer.serialize_str(more.as_deref().unwrap_or(""))
}

fn read_more<'de, D: serde::Deserializer<'de>>(
    deserializer: D,
) -> Result<Option<String>, D::Error> {
    let text = Option::<String>::deserialize(deserializer)?;
    Ok(text.filter(|more| !more.is_empty()))
}

/// Why a `more` IRL could not be built.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum MoreIrlError {
    /// The path is not an absolute path (`/...`) without scheme, host, query or fragment.
    #[error("{}: the more path must be an absolute path without scheme, host, query or fragment", self.code())]
    Path,
    /// The cursor parameter name is a statement query parameter.
    #[error("{}: the cursor parameter name clashes with a statement query parameter", self.code())]
    CursorName,
}

crate::codes::error_codes!(MoreIrlError {
    Path => "xapi.more.path",
        "the more path is not an absolute path without scheme, host, query or fragment", "Data §2.5";
    CursorName => "xapi.more.cursor-name",
        "the cursor parameter name is a statement query parameter", "Communication §2.1.3";
});

/// Builds the `more` IRL of a page: `path` (full path, no scheme/host/port, Data §2.5), the original
/// query, and an opaque cursor under `cursor_param` (the LRS's own continuation token).
///
/// # Errors
///
/// [`MoreIrlError`] for a path with a scheme, host, query or fragment, or a clashing cursor name.
///
/// # Example
///
/// ```
/// use learnwire_xapi::lrs::{more_irl, read_more_request};
/// use learnwire_xapi::query::StatementQuery;
///
/// let query = StatementQuery::parse("verb=http%3A%2F%2Fx%2Fv&limit=2")?;
/// let more = more_irl("/xapi/statements", &query, "cursor", "b64:abc").unwrap();
/// assert_eq!(more, "/xapi/statements?verb=http%3A%2F%2Fx%2Fv&limit=2&cursor=b64%3Aabc");
/// let (again, cursor) = read_more_request(more.split_once('?').unwrap().1, "cursor")?;
/// assert_eq!((again, cursor.as_deref()), (query, Some("b64:abc")));
/// # Ok::<(), learnwire_report::Report>(())
/// ```
pub fn more_irl(
    path: &str,
    query: &StatementQuery,
    cursor_param: &str,
    cursor: &str,
) -> Result<String, MoreIrlError> {
    let path_ok = path.starts_with('/')
        && !path.starts_with("//")
        && !path.contains(['?', '#'])
        && !path.chars().any(|c| c.is_control() || c == ' ');
    if !path_ok {
        return Err(MoreIrlError::Path);
    }
    if crate::query::STATEMENT_QUERY_PARAMETERS.contains(&cursor_param) || cursor_param.is_empty() {
        return Err(MoreIrlError::CursorName);
    }
    let mut query_string = query.to_query_string();
    let mut cursor_pair = form_urlencoded::Serializer::new(String::new());
    cursor_pair.append_pair(cursor_param, cursor);
    if !query_string.is_empty() {
        query_string.push('&');
    }
    query_string.push_str(&cursor_pair.finish());
    Ok(format!("{path}?{query_string}"))
}

/// Reads the query of a request made on a `more` IRL: the statement query plus the cursor.
///
/// # Errors
///
/// The [`Report`] of the statement query's problems (the cursor parameter is not one of them).
pub fn read_more_request(
    query: &str,
    cursor_param: &str,
) -> Result<(StatementQuery, Option<String>), Report> {
    let mut report = Report::new();
    let Some(pairs) = split_query(query, &mut report) else {
        return Err(report);
    };
    if !report.is_valid() {
        return Err(report);
    }
    let mut rest = form_urlencoded::Serializer::new(String::new());
    let mut cursor = None;
    for (name, value) in pairs {
        if name == cursor_param {
            cursor = Some(value);
        } else {
            rest.append_pair(&name, &value);
        }
    }
    if cursor.as_deref().is_some_and(str::is_empty) {
        report.error(
            crate::query::CURSOR,
            at(cursor_param),
            "the cursor is empty",
        );
        return Err(report);
    }
    let query = StatementQuery::parse(&rest.finish())?;
    Ok((query, cursor))
}
