//! What the AGS and NRPS calls share, both ways: the errors of a tool reading a response
//! ([`ServiceError`]) or building a request ([`BuildRequestError`]), the error of a platform reading a
//! request ([`ServiceRequestError`], which turns into the HTTP error response), and the media types.

use http::header::{ACCEPT, ALLOW, AUTHORIZATION, CONTENT_TYPE, WWW_AUTHENTICATE};
use http::{HeaderMap, HeaderValue, Method, Request, Response, StatusCode};
use learnwire_jose::{JsonError, read_json};
use learnwire_report::{Code, Report, Untrusted};
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::{Value, json};
use url::Url;

use crate::Limits;
use crate::codes;
use crate::paging::{LinkError, Links, PagingError};

pub(crate) mod call;

/// `application/vnd.ims.lis.v2.lineitemcontainer+json`: a JSON array of line items (AGS 2.0 §3.2).
pub const LINE_ITEM_CONTAINER_MEDIA_TYPE: &str =
    "application/vnd.ims.lis.v2.lineitemcontainer+json";
/// `application/vnd.ims.lis.v2.lineitem+json`: one line item (AGS 2.0 §3.2).
pub const LINE_ITEM_MEDIA_TYPE: &str = "application/vnd.ims.lis.v2.lineitem+json";
/// `application/vnd.ims.lis.v1.score+json`: one score, posted (AGS 2.0 §3.4).
pub const SCORE_MEDIA_TYPE: &str = "application/vnd.ims.lis.v1.score+json";
/// `application/vnd.ims.lis.v2.resultcontainer+json`: a JSON array of results (AGS 2.0 §3.3).
pub const RESULT_CONTAINER_MEDIA_TYPE: &str = "application/vnd.ims.lis.v2.resultcontainer+json";
/// `application/vnd.ims.lti-nrps.v2.membershipcontainer+json`: a membership container (NRPS 2.0).
pub const MEMBERSHIP_CONTAINER_MEDIA_TYPE: &str =
    "application/vnd.ims.lti-nrps.v2.membershipcontainer+json";

/// Why a tool refused a service response.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ServiceError {
    /// The status is not a success (2xx). The start of the body is kept, cut, for the log.
    #[error("{}: the service answered {status}: {body}", self.code())]
    Status {
        /// The status received.
        status: StatusCode,
        /// The start of the body, as text.
        body: Untrusted,
    },
    /// `Content-Type` is missing or not the media type of the call (parameters such as `charset` are
    /// ignored; the type and subtype compare without case).
    #[error("{}: expected Content-Type {expected}, got {found}", self.code())]
    MediaType {
        /// The media type the call expects.
        expected: &'static str,
        /// What the response said (`""` when it had no `Content-Type`).
        found: Untrusted,
    },
    /// The body is longer than [`Limits::max_service_body_bytes`]; decided on its length.
    #[error("{}: the body is {length} bytes, more than the limit of {limit}", self.code())]
    TooLarge {
        /// The body's length.
        length: usize,
        /// The limit.
        limit: usize,
    },
    /// The body is not strict JSON (syntax, depth, a duplicate member).
    #[error("{}: the body is not strict JSON: {source}", self.code())]
    Json {
        /// The JSON reader's error.
        #[source]
        source: JsonError,
    },
    /// The body is JSON but not the document the media type names (a member missing or of the wrong
    /// type, an object where the container is an array).
    #[error("{}: the body is not a {expected}: {reason}", self.code())]
    Shape {
        /// What document was expected.
        expected: &'static str,
        /// What is wrong, as serde says it (cut).
        reason: Untrusted,
    },
    /// The `Link` headers are too large or hold too many links.
    #[error(transparent)]
    Link(#[from] LinkError),
    /// Following the pages stopped: another origin, a loop, too many pages or items (from
    /// [`Pager::next_url`](crate::paging::Pager::next_url), so one error type covers a listing loop).
    #[error(transparent)]
    Paging(#[from] PagingError),
}

impl ServiceError {
    /// The stable code: `lti.service.status`, `lti.service.media-type`, `lti.service.too-large`,
    /// `lti.service.json`, `lti.service.shape`, the link's `lti.link.*` or the pager's `lti.paging.*`.
    pub fn code(&self) -> Code {
        match self {
            Self::Status { .. } => codes::SERVICE_STATUS,
            Self::MediaType { .. } => codes::SERVICE_MEDIA_TYPE,
            Self::TooLarge { .. } => codes::SERVICE_TOO_LARGE,
            Self::Json { .. } => codes::SERVICE_JSON,
            Self::Shape { .. } => codes::SERVICE_SHAPE,
            Self::Link(error) => error.code(),
            Self::Paging(error) => error.code(),
        }
    }
}

/// Why a tool could not build a service request.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum BuildRequestError {
    /// A service URL is not an absolute `http`/`https` URL with a host and a path.
    #[error("{}: {url} is not a service URL: {reason}", self.code())]
    Url {
        /// The URL.
        url: Untrusted,
        /// What is wrong.
        reason: &'static str,
    },
    /// The access token is empty or holds characters a header value cannot.
    #[error("{}: the access token is empty or not a valid header value", self.code())]
    Token,
    /// The line item or score to send breaks a rule of the spec; the report lists every problem with
    /// its JSON pointer.
    #[error("{}: the document breaks the spec: {report}", self.code())]
    Invalid {
        /// Every problem found.
        report: Report,
    },
}

impl BuildRequestError {
    /// The stable code: `lti.service.url`, `lti.service.token` or `lti.service.invalid`.
    pub fn code(&self) -> Code {
        match self {
            Self::Url { .. } => codes::SERVICE_URL,
            Self::Token => codes::SERVICE_TOKEN,
            Self::Invalid { .. } => codes::SERVICE_INVALID,
        }
    }
}

/// Why a platform refused a service request; [`to_http_response`](Self::to_http_response) is the answer
/// to send (status, JSON body naming the code, `Allow` or `WWW-Authenticate` where HTTP wants one).
///
/// # Example
///
/// ```
/// use learnwire_lti::services::ServiceRequestError;
///
/// let answer = ServiceRequestError::not_found("line item 9").to_http_response();
/// assert_eq!(answer.status(), 404);
/// assert!(String::from_utf8(answer.into_body())?.contains(r#""error":"lti.service.not-found""#));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ServiceRequestError {
    /// The method is not one the endpoint serves (405).
    #[error("{}: method {method} is not allowed here (allowed: {})", self.code(), allowed.join(", "))]
    Method {
        /// The method received.
        method: Untrusted,
        /// The methods the endpoint serves.
        allowed: &'static [&'static str],
    },
    /// The `Accept` header excludes the endpoint's media type (406).
    #[error("{}: Accept excludes {expected}", self.code())]
    NotAcceptable {
        /// The media type the endpoint answers with.
        expected: &'static str,
    },
    /// The body's `Content-Type` is not the endpoint's media type (415).
    #[error("{}: expected Content-Type {expected}, got {found}", self.code())]
    UnsupportedMediaType {
        /// The media type the endpoint reads.
        expected: &'static str,
        /// What the request said (`""` when absent).
        found: Untrusted,
    },
    /// The body is longer than [`Limits::max_service_body_bytes`] (413).
    #[error("{}: the body is {length} bytes, more than the limit of {limit}", self.code())]
    TooLarge {
        /// The body's length.
        length: usize,
        /// The limit.
        limit: usize,
    },
    /// The body is not strict JSON (400).
    #[error("{}: the body is not strict JSON: {source}", self.code())]
    Json {
        /// The JSON reader's error.
        #[source]
        source: JsonError,
    },
    /// The body is JSON but not the document the media type names (400).
    #[error("{}: the body is not a {expected}: {reason}", self.code())]
    Shape {
        /// What document was expected.
        expected: &'static str,
        /// What is wrong (cut).
        reason: Untrusted,
    },
    /// The body breaks rules of the spec; the report lists every problem with its JSON pointer (400).
    #[error("{}: {report}", self.code())]
    Invalid {
        /// Every problem found.
        report: Report,
    },
    /// A query parameter is repeated, malformed or out of range (400).
    #[error("{}: query parameter {parameter}: {reason}", self.code())]
    Query {
        /// The parameter's name.
        parameter: Untrusted,
        /// What is wrong.
        reason: &'static str,
    },
    /// The resource does not exist, or is not the caller's (404). Made by the platform with
    /// [`not_found`](Self::not_found) after its own lookup.
    #[error("{}: {what} not found", self.code())]
    NotFound {
        /// What was looked for.
        what: Untrusted,
    },
    /// No bearer access token, or one the platform does not accept (401). Made by the platform with
    /// [`unauthorized`](Self::unauthorized), or by the parsers when `Authorization` is not `Bearer`.
    #[error("{}: no valid bearer access token", self.code())]
    Unauthorized,
    /// The token does not grant the endpoint's scope (403). Made by the platform with
    /// [`insufficient_scope`](Self::insufficient_scope).
    #[error("{}: the access token does not grant {required}", self.code())]
    Scope {
        /// The scope the endpoint requires.
        required: &'static str,
    },
}

impl ServiceRequestError {
    /// The stable code (`lti.service.*`).
    pub fn code(&self) -> Code {
        match self {
            Self::Method { .. } => codes::SERVICE_METHOD,
            Self::NotAcceptable { .. } => codes::SERVICE_NOT_ACCEPTABLE,
            Self::UnsupportedMediaType { .. } => codes::SERVICE_UNSUPPORTED_MEDIA_TYPE,
            Self::TooLarge { .. } => codes::SERVICE_TOO_LARGE,
            Self::Json { .. } => codes::SERVICE_JSON,
            Self::Shape { .. } => codes::SERVICE_SHAPE,
            Self::Invalid { .. } => codes::SERVICE_INVALID,
            Self::Query { .. } => codes::SERVICE_QUERY,
            Self::NotFound { .. } => codes::SERVICE_NOT_FOUND,
            Self::Unauthorized => codes::SERVICE_UNAUTHORIZED,
            Self::Scope { .. } => codes::SERVICE_SCOPE,
        }
    }

    /// A 404 for `what` (a line item id, a resource link), for the platform's own lookups.
    pub fn not_found(what: &str) -> Self {
        Self::NotFound {
            what: Untrusted::new(what),
        }
    }

    /// A 401, for a token the platform's own check refused.
    pub fn unauthorized() -> Self {
        Self::Unauthorized
    }

    /// A 403 naming the scope the endpoint requires.
    pub fn insufficient_scope(required: &'static str) -> Self {
        Self::Scope { required }
    }

    /// The HTTP status: 400, 401, 403, 404, 405, 406, 413 or 415.
    pub fn status(&self) -> StatusCode {
        match self {
            Self::Method { .. } => StatusCode::METHOD_NOT_ALLOWED,
            Self::NotAcceptable { .. } => StatusCode::NOT_ACCEPTABLE,
            Self::UnsupportedMediaType { .. } => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            Self::TooLarge { .. } => StatusCode::PAYLOAD_TOO_LARGE,
            Self::Json { .. } | Self::Shape { .. } | Self::Invalid { .. } | Self::Query { .. } => {
                StatusCode::BAD_REQUEST
            }
            Self::NotFound { .. } => StatusCode::NOT_FOUND,
            Self::Unauthorized => StatusCode::UNAUTHORIZED,
            Self::Scope { .. } => StatusCode::FORBIDDEN,
        }
    }

    /// The error response: its [`status`](Self::status), a JSON body
    /// `{"error": code, "message": text, "problems": [{"code", "location", "message"}]}` (problems only
    /// for [`Invalid`](Self::Invalid)), `Allow` on a 405, `WWW-Authenticate: Bearer` on a 401 and 403.
    pub fn to_http_response(&self) -> Response<Vec<u8>> {
        let mut body = json!({ "error": self.code().as_str(), "message": self.to_string() });
        if let (Self::Invalid { report }, Some(object)) = (self, body.as_object_mut()) {
            let problems: Vec<Value> = report
                .issues()
                .iter()
                .map(|issue| {
                    json!({
                        "code": issue.code.as_str(),
                        "location": issue.location.to_string(),
                        "message": issue.message,
                    })
                })
                .collect();
            object.insert("problems".to_owned(), Value::Array(problems));
        }
        let mut response = json_response(self.status(), "application/json", &body);
        let headers = response.headers_mut();
        match self {
            Self::Method { allowed, .. } => {
                if let Ok(value) = HeaderValue::from_str(&allowed.join(", ")) {
                    headers.insert(ALLOW, value);
                }
            }
            Self::Unauthorized => {
                headers.insert(WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
            }
            Self::Scope { required } => {
                let value = format!("Bearer error=\"insufficient_scope\", scope=\"{required}\"");
                if let Ok(value) = HeaderValue::from_str(&value) {
                    headers.insert(WWW_AUTHENTICATE, value);
                }
            }
            _ => {}
        }
        response
    }
}

/// A response with `body` serialized as JSON and `Content-Type: media_type`; a 500 if serialization
/// fails (it cannot for this crate's types).
pub(crate) fn json_response<T: Serialize>(
    status: StatusCode,
    media_type: &'static str,
    body: &T,
) -> Response<Vec<u8>> {
    let (status, media_type, bytes) = match serde_json::to_vec(body) {
        Ok(bytes) => (status, media_type, bytes),
        Err(_) => (
            StatusCode::INTERNAL_SERVER_ERROR,
            "application/json",
            br#"{"error":"internal"}"#.to_vec(),
        ),
    };
    let mut response = Response::new(bytes);
    *response.status_mut() = status;
    response
        .headers_mut()
        .insert(CONTENT_TYPE, HeaderValue::from_static(media_type));
    response
}

/// An empty response with `status` (204 for a deleted line item or an accepted score).
pub(crate) fn empty_response(status: StatusCode) -> Response<Vec<u8>> {
    let mut response = Response::new(Vec::new());
    *response.status_mut() = status;
    response
}

/// Whether a `Content-Type` value names `expected`: the type/subtype compared without ASCII case,
/// parameters (`charset=utf-8`) ignored.
pub(crate) fn is_media_type(value: Option<&HeaderValue>, expected: &str) -> bool {
    value
        .and_then(|value| value.to_str().ok())
        .and_then(|value| value.split(';').next())
        .is_some_and(|essence| essence.trim().eq_ignore_ascii_case(expected))
}

/// A `Content-Type` value as received, for an error (`""` when absent).
fn found_media_type(value: Option<&HeaderValue>) -> Untrusted {
    Untrusted::new(
        &value
            .map(|value| String::from_utf8_lossy(value.as_bytes()).into_owned())
            .unwrap_or_default(),
    )
}

/// Whether the `Accept` fields allow `expected` (no `Accept` allows everything; `*/*` and
/// `application/*` match; a range with `q=0` refuses).
pub(crate) fn accepts(headers: &HeaderMap, expected: &str) -> bool {
    let mut any = false;
    for value in headers.get_all(ACCEPT) {
        any = true;
        let Ok(value) = value.to_str() else { continue };
        for range in value.split(',') {
            let mut parts = range.split(';');
            let essence = parts.next().unwrap_or_default().trim();
            let refused = parts.any(|param| {
                let param = param.trim();
                param
                    .split_once('=')
                    .is_some_and(|(name, q)| name.trim().eq_ignore_ascii_case("q") && is_zero(q))
            });
            let matches = essence == "*/*"
                || essence.eq_ignore_ascii_case("application/*")
                || essence.eq_ignore_ascii_case(expected);
            if matches && !refused {
                return true;
            }
        }
    }
    !any
}

fn is_zero(q: &str) -> bool {
    let q = q.trim();
    q.strip_prefix('0').is_some_and(|rest| {
        rest.is_empty() || rest.trim_start_matches('.').trim_matches('0').is_empty()
    })
}

/// Checks a service URL: absolute, `http` or `https`, with a host, able to take a path.
pub(crate) fn check_service_url(url: &Url) -> Result<(), BuildRequestError> {
    let reason = if !matches!(url.scheme(), "https" | "http") {
        Some("the scheme is not https or http")
    } else if url.host().is_none() || url.cannot_be_a_base() {
        Some("it has no host")
    } else {
        None
    };
    match reason {
        Some(reason) => Err(BuildRequestError::Url {
            url: Untrusted::new(url.as_str()),
            reason,
        }),
        None => Ok(()),
    }
}

/// `url` with `/segment` added to its path, before the query (AGS 2.0: the scores and results URLs
/// are the line item URL with `/scores` or `/results` appended to the path); a trailing `/` of the path
/// is not doubled, and the fragment is dropped.
pub(crate) fn with_path_segment(url: &Url, segment: &str) -> Result<Url, BuildRequestError> {
    check_service_url(url)?;
    let mut url = url.clone();
    url.set_fragment(None);
    let path = url.path().trim_end_matches('/').to_owned();
    url.set_path(&format!("{path}/{segment}"));
    Ok(url)
}

/// A request with `Authorization: Bearer`, `Accept` and, with a body, `Content-Type`.
pub(crate) fn bearer_request(
    method: Method,
    url: &Url,
    access_token: &str,
    accept: Option<&'static str>,
    body: Option<(&'static str, Vec<u8>)>,
) -> Result<Request<Vec<u8>>, BuildRequestError> {
    check_service_url(url)?;
    if access_token.is_empty() || access_token.contains([' ', '\t']) {
        return Err(BuildRequestError::Token);
    }
    let authorization = HeaderValue::from_str(&format!("Bearer {access_token}"))
        .map_err(|_| BuildRequestError::Token)?;
    let mut builder = Request::builder()
        .method(method)
        .uri(url.as_str())
        .header(AUTHORIZATION, authorization);
    if let Some(accept) = accept {
        builder = builder.header(ACCEPT, accept);
    }
    let body = match body {
        Some((media_type, bytes)) => {
            builder = builder.header(CONTENT_TYPE, media_type);
            bytes
        }
        None => Vec::new(),
    };
    builder.body(body).map_err(|_| BuildRequestError::Url {
        url: Untrusted::new(url.as_str()),
        reason: "it is not a valid request target",
    })
}

/// Serializes a document to send; the crate's types always serialize.
pub(crate) fn to_json_body<T: Serialize>(value: &T) -> Result<Vec<u8>, BuildRequestError> {
    serde_json::to_vec(value).map_err(|error| BuildRequestError::Invalid {
        report: {
            let mut report = Report::new();
            report.error(
                codes::SERVICE_INVALID,
                learnwire_report::Location::json(learnwire_report::JsonPointer::root()),
                error.to_string(),
            );
            report
        },
    })
}

/// Checks a response's status (2xx), then its `Content-Type` and body when `expected` names a media
/// type, and reads its `Link` headers against `request_url`.
pub(crate) fn read_response(
    response: &Response<Vec<u8>>,
    expected: Option<&'static str>,
    request_url: &Url,
    limits: &Limits,
) -> Result<(Option<Value>, Links), ServiceError> {
    let body = response.body();
    if !response.status().is_success() {
        let start = body.get(..256).unwrap_or(body);
        return Err(ServiceError::Status {
            status: response.status(),
            body: Untrusted::new(&String::from_utf8_lossy(start)),
        });
    }
    if body.len() > limits.max_service_body_bytes() {
        return Err(ServiceError::TooLarge {
            length: body.len(),
            limit: limits.max_service_body_bytes(),
        });
    }
    let links = Links::from_headers(response.headers(), request_url, limits)?;
    let Some(expected) = expected else {
        return Ok((None, links));
    };
    let content_type = response.headers().get(CONTENT_TYPE);
    if !is_media_type(content_type, expected) {
        return Err(ServiceError::MediaType {
            expected,
            found: found_media_type(content_type),
        });
    }
    let value =
        read_json(body, &limits.service_json()).map_err(|source| ServiceError::Json { source })?;
    Ok((Some(value), links))
}

/// Reads a typed document from a JSON value already read strictly.
pub(crate) fn from_value<T: DeserializeOwned>(value: Value) -> Result<T, Untrusted> {
    serde_json::from_value(value).map_err(|error| Untrusted::new(&error.to_string()))
}

/// The server-side checks every endpoint shares: the method among `allowed`, `Accept` allowing the
/// answer's media type, a bearer token present. Returns the method.
pub(crate) fn check_request(
    request: &Request<Vec<u8>>,
    allowed: &'static [&'static str],
    answers_with: Option<&'static str>,
) -> Result<Method, ServiceRequestError> {
    let method = request.method().clone();
    if !allowed.contains(&method.as_str()) {
        return Err(ServiceRequestError::Method {
            method: Untrusted::new(method.as_str()),
            allowed,
        });
    }
    if bearer_token(request.headers()).is_none() {
        return Err(ServiceRequestError::Unauthorized);
    }
    if let Some(media_type) = answers_with {
        check_accept(request, media_type)?;
    }
    Ok(method)
}

/// A 406 unless the request's `Accept` allows `media_type`, the media type of the answer.
pub(crate) fn check_accept(
    request: &Request<Vec<u8>>,
    media_type: &'static str,
) -> Result<(), ServiceRequestError> {
    if accepts(request.headers(), media_type) {
        Ok(())
    } else {
        Err(ServiceRequestError::NotAcceptable {
            expected: media_type,
        })
    }
}

/// The bearer token of an `Authorization: Bearer …` header (the scheme in any case), if there is one.
pub(crate) fn bearer_token(headers: &HeaderMap) -> Option<&str> {
    let value = headers.get(AUTHORIZATION)?.to_str().ok()?;
    let (scheme, token) = value.split_once(' ')?;
    let token = token.trim();
    (scheme.eq_ignore_ascii_case("bearer") && !token.is_empty()).then_some(token)
}

/// Reads a request body of `media_type`: its `Content-Type`, its size, strict JSON.
pub(crate) fn read_request_body(
    request: &Request<Vec<u8>>,
    media_type: &'static str,
    limits: &Limits,
) -> Result<Value, ServiceRequestError> {
    let content_type = request.headers().get(CONTENT_TYPE);
    if !is_media_type(content_type, media_type) {
        return Err(ServiceRequestError::UnsupportedMediaType {
            expected: media_type,
            found: found_media_type(content_type),
        });
    }
    let body = request.body();
    if body.len() > limits.max_service_body_bytes() {
        return Err(ServiceRequestError::TooLarge {
            length: body.len(),
            limit: limits.max_service_body_bytes(),
        });
    }
    read_json(body, &limits.service_json()).map_err(|source| ServiceRequestError::Json { source })
}

/// The query parameters of a request URI, decoded; a parameter named in `single` may appear once; the
/// query is at most [`Limits::max_query_bytes`] long.
pub(crate) fn query_pairs(
    request: &Request<Vec<u8>>,
    single: &[&str],
    limits: &Limits,
) -> Result<Vec<(String, String)>, ServiceRequestError> {
    let query = request.uri().query().unwrap_or_default();
    if query.len() > limits.max_query_bytes() {
        return Err(ServiceRequestError::Query {
            parameter: Untrusted::new(""),
            reason: "the query is longer than the limit",
        });
    }
    let mut pairs: Vec<(String, String)> = Vec::new();
    for (name, value) in url::form_urlencoded::parse(query.as_bytes()) {
        if single.contains(&name.as_ref()) && pairs.iter().any(|(known, _)| *known == name) {
            return Err(ServiceRequestError::Query {
                parameter: Untrusted::new(&name),
                reason: "it appears more than once",
            });
        }
        pairs.push((name.into_owned(), value.into_owned()));
    }
    Ok(pairs)
}

/// A `limit` query value: a whole number from 1 to `u32::MAX`.
pub(crate) fn parse_limit(value: &str) -> Result<u32, ServiceRequestError> {
    match value.parse::<u32>() {
        Ok(limit) if limit > 0 && value.bytes().all(|b| b.is_ascii_digit()) => Ok(limit),
        _ => Err(ServiceRequestError::Query {
            parameter: Untrusted::new("limit"),
            reason: "it is not a whole number greater than zero",
        }),
    }
}

/// The location of the member at `path` (object member names from the root), for a rule's report.
pub(crate) fn pointer(path: &[&str]) -> learnwire_report::Location {
    let mut pointer = learnwire_report::JsonPointer::root();
    for part in path {
        pointer = pointer.key(part);
    }
    learnwire_report::Location::json(pointer)
}
