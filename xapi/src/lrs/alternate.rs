//! The 1.0.3 Alternate Request Syntax (Communication §1.3): a POST `?method=X` whose form body carries
//! the content, some headers and the query parameters. Removed in xAPI 2.0.

use http::header::{CONTENT_LENGTH, CONTENT_TYPE, HeaderName, HeaderValue};
use http::{Method, Request};
use learnwire_report::quote;
use url::form_urlencoded;

use crate::{Limits, XapiVersion};

/// Form parameters the LRS must treat as headers (Communication §1.3).
const HEADER_PARAMETERS: [&str; 6] = [
    "Authorization",
    "X-Experience-API-Version",
    "Content-Type",
    "Content-Length",
    "If-Match",
    "If-None-Match",
];

/// Why an alternate-syntax request was refused (`400 Bad Request`).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum AlternateError {
    /// xAPI 2.0 removed the alternate syntax.
    #[error("{}: the alternate request syntax is not part of xAPI 2.0", self.code())]
    Removed,
    /// Alternate requests are POSTs.
    #[error("{}: an alternate-syntax request must be a POST", self.code())]
    NotPost,
    /// The `method` parameter is not GET, HEAD, PUT, POST or DELETE.
    #[error("{}: method {method} is not an xAPI method", self.code())]
    UnknownMethod {
        /// The value (quoted).
        method: String,
    },
    /// A query parameter other than `method` (they belong in the form body).
    #[error("{}: query parameter {name} is not allowed beside method", self.code())]
    QueryParameter {
        /// The name (quoted).
        name: String,
    },
    /// A form parameter appears twice.
    #[error("{}: form parameter {name} repeated", self.code())]
    DuplicateParameter {
        /// The name (quoted).
        name: String,
    },
    /// A header parameter is not a valid header value, or the form is too large or not UTF-8.
    #[error("{}: the form body is invalid", self.code())]
    InvalidForm,
}

crate::codes::error_codes!(AlternateError {
    Removed => "xapi.alternate.removed", "the alternate request syntax is not part of xAPI 2.0", "R-P07";
    NotPost => "xapi.alternate.not-post", "an alternate-syntax request is not a POST", "Communication §1.3";
    UnknownMethod => "xapi.alternate.method",
        "the method parameter is not GET, HEAD, PUT, POST or DELETE", "Communication §1.3";
    QueryParameter => "xapi.alternate.query-parameter",
        "a query parameter other than method beside the alternate syntax", "Communication §1.3";
    DuplicateParameter => "xapi.alternate.duplicate-parameter",
        "an alternate-syntax parameter is repeated", "Communication §1.3";
    InvalidForm => "xapi.alternate.form",
        "the alternate-syntax form body is too large, not UTF-8 or has a bad header value",
        "Communication §1.3";
});

/// Turns an alternate-syntax request into the request it stands for; `Ok(None)` when `request` does not
/// use the syntax (no `method` query parameter).
///
/// The form parameters `Authorization`, `X-Experience-API-Version`, `Content-Type`, `Content-Length`,
/// `If-Match`, `If-None-Match` (names case-insensitive) become headers (replacing the outer ones;
/// `Content-Length` is set to the content's real length), `content` becomes the body, every other
/// parameter goes to the query string. A non-empty `content` without a `Content-Type` parameter is
/// `application/json`.
///
/// # Errors
///
/// [`AlternateError`]: under xAPI 2.0, for anything but a POST with `method` as its only query
/// parameter and a well-formed form body of at most [`Limits::max_alternate_body_bytes`] bytes.
///
/// # Example
///
/// ```
/// use learnwire_xapi::{Limits, XapiVersion};
/// use learnwire_xapi::lrs::read_alternate_request;
///
/// let form = "X-Experience-API-Version=1.0.3&Content-Type=application%2Fjson&statementId=2a41c918-b88b-4220-8e5f-0d6f2e5a1f33&content=%7B%7D";
/// let request = http::Request::post("/xapi/statements?method=PUT").body(form.as_bytes().to_vec())?;
/// let real = read_alternate_request(&request, XapiVersion::V1_0_3, &Limits::default())?.unwrap();
/// assert_eq!(real.method(), http::Method::PUT);
/// assert_eq!(real.uri(), "/xapi/statements?statementId=2a41c918-b88b-4220-8e5f-0d6f2e5a1f33");
/// assert_eq!(real.headers()["X-Experience-API-Version"], "1.0.3");
/// assert_eq!(real.body(), b"{}");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn read_alternate_request<B: AsRef<[u8]>>(
    request: &Request<B>,
    version: XapiVersion,
    limits: &Limits,
) -> Result<Option<Request<Vec<u8>>>, AlternateError> {
    let query = request.uri().query().unwrap_or("");
    let pairs: Vec<(String, String)> = form_urlencoded::parse(query.as_bytes())
        .into_owned()
        .collect();
    let mut methods = pairs.iter().filter(|(name, _)| name == "method");
    let Some((_, method)) = methods.next() else {
        return Ok(None);
    };
    if methods.next().is_some() {
        return Err(AlternateError::DuplicateParameter {
            name: quote("method"),
        });
    }
    if let Some((name, _)) = pairs.iter().find(|(name, _)| name != "method") {
        return Err(AlternateError::QueryParameter { name: quote(name) });
    }
    if version == XapiVersion::V2_0_0 {
        return Err(AlternateError::Removed);
    }
    if request.method() != Method::POST {
        return Err(AlternateError::NotPost);
    }
    let method = match method.as_str() {
        "GET" => Method::GET,
        "HEAD" => Method::HEAD,
        "PUT" => Method::PUT,
        "POST" => Method::POST,
        "DELETE" => Method::DELETE,
        other => {
            return Err(AlternateError::UnknownMethod {
                method: quote(other),
            });
        }
    };
    let body = request.body().as_ref();
    if body.len() > limits.max_alternate_body_bytes() || std::str::from_utf8(body).is_err() {
        return Err(AlternateError::InvalidForm);
    }
    let mut builder = Request::builder().method(method);
    let mut headers = request.headers().clone();
    headers.remove(CONTENT_TYPE);
    headers.remove(CONTENT_LENGTH);
    let mut seen: Vec<String> = Vec::new();
    let mut query_out = form_urlencoded::Serializer::new(String::new());
    let mut content = Vec::new();
    for (name, value) in form_urlencoded::parse(body) {
        let folded = name.to_ascii_lowercase();
        if seen.contains(&folded) {
            return Err(AlternateError::DuplicateParameter { name: quote(&name) });
        }
        seen.push(folded);
        if name == "content" {
            content = value.into_owned().into_bytes();
        } else if name.eq_ignore_ascii_case("Content-Length") {
            // Replaced below by the length of the content actually carried.
        } else if let Some(header) = HEADER_PARAMETERS
            .iter()
            .find(|h| h.eq_ignore_ascii_case(&name))
        {
            let header_name = HeaderName::from_static(static_lower(header));
            let header_value =
                HeaderValue::from_str(&value).map_err(|_| AlternateError::InvalidForm)?;
            headers.insert(header_name, header_value);
        } else {
            query_out.append_pair(&name, &value);
        }
    }
    headers.insert(CONTENT_LENGTH, HeaderValue::from(content.len()));
    if !content.is_empty() && !headers.contains_key(CONTENT_TYPE) {
        // The form said nothing of the content's type: xAPI content is JSON (statements, and the
        // documents clients send through this syntax); the ADL conformance suite sends statements so
        // (XAPI-00336).
        headers.insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
    }
    let query = query_out.finish();
    let path = request.uri().path();
    let uri = if query.is_empty() {
        path.to_owned()
    } else {
        format!("{path}?{query}")
    };
    builder = builder.uri(uri);
    if let Some(target) = builder.headers_mut() {
        *target = headers;
    }
    builder
        .body(content)
        .map(Some)
        .map_err(|_| AlternateError::InvalidForm)
}

fn static_lower(header: &str) -> &'static str {
    match header {
        "Authorization" => "authorization",
        "X-Experience-API-Version" => "x-experience-api-version",
        "Content-Type" => "content-type",
        "Content-Length" => "content-length",
        "If-Match" => "if-match",
        _ => "if-none-match",
    }
}
