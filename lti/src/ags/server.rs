//! The platform's side of AGS: read each request into a typed [`AgsRequest`], answer with an
//! [`AgsResponse`] or the [`ServiceRequestError`]'s response.

use http::{Method, Request, Response, StatusCode, Uri};
use learnwire_report::{Report, quote};
use serde::de::DeserializeOwned;
use serde_json::Value;
use url::Url;

use super::client::LineItemsQuery;
use super::model::{LineItem, LineItemResult, Score, line_item_problems, score_problems};
use crate::Limits;
use crate::claims::AgsScope;
use crate::codes;
use crate::paging::PageLinks;
use crate::service_token::Scope;
use crate::services::{
    LINE_ITEM_CONTAINER_MEDIA_TYPE, LINE_ITEM_MEDIA_TYPE, RESULT_CONTAINER_MEDIA_TYPE,
    SCORE_MEDIA_TYPE, ServiceRequestError, check_accept, check_request, empty_response, from_value,
    json_response, parse_limit, pointer, query_pairs, read_request_body,
};

/// Which AGS resource the platform's router matched: the line items container of a context, one line
/// item, its scores URL (`…/scores`) or its results URL (`…/results`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum AgsResource {
    /// The line items container: `GET` (list), `POST` (create).
    LineItems,
    /// One line item: `GET`, `PUT`, `DELETE`.
    LineItem,
    /// A line item's scores URL: `POST`.
    Scores,
    /// A line item's results URL: `GET`.
    Results,
}

/// The filters of a results listing (AGS 2.0 §3.3).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct ResultsQuery {
    /// `user_id`: only this user's result.
    pub user_id: Option<String>,
    /// `limit`: at most this many results per page.
    pub limit: Option<u32>,
    /// Other parameters (the platform's own paging), in order.
    pub other: Vec<(String, String)>,
}

/// An AGS request a platform received, read and checked: which operation, its filters or its body.
/// The line item it is about is the request URL, which the platform's router already matched.
///
/// # Example
///
/// ```
/// use learnwire_lti::ags::{AgsRequest, AgsResource};
/// use learnwire_lti::{Limits, http};
///
/// let request = http::Request::get("https://lms.example.edu/lineitems?tag=quiz&limit=5")
///     .header("authorization", "Bearer t")
///     .header("accept", "application/vnd.ims.lis.v2.lineitemcontainer+json")
///     .body(Vec::new())?;
/// let AgsRequest::ListLineItems(query) = AgsRequest::from_http_request(&request, AgsResource::LineItems, &Limits::default())? else { panic!() };
/// assert_eq!((query.tag.as_deref(), query.limit), (Some("quiz"), Some(5)));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub enum AgsRequest {
    /// `GET` the line items container.
    ListLineItems(LineItemsQuery),
    /// `POST` a new line item to the container (checked against the rules; its `id` is the platform's
    /// to set).
    CreateLineItem(LineItem),
    /// `GET` one line item.
    GetLineItem,
    /// `PUT` a line item's new state (checked against the rules). Its `id`, when present, is the URL
    /// the request was sent to (`lti.ags.id-mismatch` otherwise); see
    /// [`from_http_request`](Self::from_http_request) for how the two are compared.
    UpdateLineItem(LineItem),
    /// `DELETE` a line item.
    DeleteLineItem,
    /// `POST` a score (checked against the rules).
    PostScore(Score),
    /// `GET` a line item's results.
    ListResults(ResultsQuery),
}

const CONTAINER_METHODS: &[&str] = &["GET", "POST"];
const LINE_ITEM_METHODS: &[&str] = &["GET", "PUT", "DELETE"];
const SCORES_METHODS: &[&str] = &["POST"];
const RESULTS_METHODS: &[&str] = &["GET"];

impl AgsRequest {
    /// Reads a request to `resource`: the method (405 otherwise), a bearer token present (401), `Accept`
    /// (406), the body's `Content-Type` (415), size (413), strict JSON and the spec's rules (400, every
    /// problem listed), the query filters (400 on a repeated or malformed one, or a query longer than
    /// [`Limits::max_query_bytes`]). The token itself is the
    /// caller's to check, against [`required_scope`](Self::required_scope).
    ///
    /// A line item `PUT` whose body has an `id` must name the line item the request was sent to, since
    /// a line item's `id` is its URL (AGS 2.0 §3.2); a mismatch is one more problem of the 400 report,
    /// `lti.ags.id-mismatch` at `/id`. A body without `id` is accepted. Both are compared as parsed
    /// URLs (WHATWG URL parsing, as the [`url`] crate does): scheme and host letter case, a default port
    /// and `.`/`..` segments do not matter; everything else does, byte for byte: the path (a trailing
    /// slash makes another URL, percent-escapes are not decoded), the query (platforms such as Moodle
    /// put the line item in it) and a fragment (never part of a request, so an `id` with one is
    /// refused). When the request's URI is in origin form (`/lineitems/1`, as an HTTP/1.1 server
    /// receives it) only the path and query are compared: the scheme and host the tool used are not in
    /// the URI, and a `Host` header may have been rewritten by a proxy.
    ///
    /// # Errors
    ///
    /// A [`ServiceRequestError`]; answer with its
    /// [`to_http_response`](ServiceRequestError::to_http_response).
    pub fn from_http_request(
        request: &Request<Vec<u8>>,
        resource: AgsResource,
        limits: &Limits,
    ) -> Result<Self, ServiceRequestError> {
        match resource {
            AgsResource::LineItems => {
                let method = check_request(request, CONTAINER_METHODS, None)?;
                if method == Method::POST {
                    check_accept(request, LINE_ITEM_MEDIA_TYPE)?;
                    let item = read_line_item(request, limits)?;
                    return Ok(Self::CreateLineItem(item));
                }
                check_accept(request, LINE_ITEM_CONTAINER_MEDIA_TYPE)?;
                let single = ["resource_link_id", "resource_id", "tag", "limit"];
                let mut query = LineItemsQuery::default();
                for (name, value) in query_pairs(request, &single, limits)? {
                    match name.as_str() {
                        "resource_link_id" => query.resource_link_id = Some(value),
                        "resource_id" => query.resource_id = Some(value),
                        "tag" => query.tag = Some(value),
                        "limit" => query.limit = Some(parse_limit(&value)?),
                        _ => query.other.push((name, value)),
                    }
                }
                Ok(Self::ListLineItems(query))
            }
            AgsResource::LineItem => {
                let method = check_request(request, LINE_ITEM_METHODS, None)?;
                if method == Method::DELETE {
                    return Ok(Self::DeleteLineItem);
                }
                check_accept(request, LINE_ITEM_MEDIA_TYPE)?;
                if method == Method::PUT {
                    let item = read_line_item_update(request, limits)?;
                    return Ok(Self::UpdateLineItem(item));
                }
                Ok(Self::GetLineItem)
            }
            AgsResource::Scores => {
                check_request(request, SCORES_METHODS, None)?;
                let score =
                    read_checked(request, SCORE_MEDIA_TYPE, limits, score_problems, "score")?;
                Ok(Self::PostScore(score))
            }
            AgsResource::Results => {
                check_request(request, RESULTS_METHODS, Some(RESULT_CONTAINER_MEDIA_TYPE))?;
                let mut query = ResultsQuery::default();
                for (name, value) in query_pairs(request, &["user_id", "limit"], limits)? {
                    match name.as_str() {
                        "user_id" => query.user_id = Some(value),
                        "limit" => query.limit = Some(parse_limit(&value)?),
                        _ => query.other.push((name, value)),
                    }
                }
                Ok(Self::ListResults(query))
            }
        }
    }

    /// The narrowest scope that allows the operation (AGS 2.0 §3.1): `lineitem.readonly` to read line
    /// items, `lineitem` to change them, `score` to post a score, `result.readonly` to read results.
    /// [`is_allowed_by`](Self::is_allowed_by) says whether a granted scope covers it.
    pub fn required_scope(&self) -> AgsScope {
        match self {
            Self::ListLineItems(_) | Self::GetLineItem => AgsScope::LineItemReadOnly,
            Self::CreateLineItem(_) | Self::UpdateLineItem(_) | Self::DeleteLineItem => {
                AgsScope::LineItem
            }
            Self::PostScore(_) => AgsScope::Score,
            Self::ListResults(_) => AgsScope::ResultReadOnly,
        }
    }

    /// Whether `scope` allows the operation: its [`required_scope`](Self::required_scope), or
    /// `lineitem` for reading line items (the full scope includes reading).
    pub fn is_allowed_by(&self, scope: &AgsScope) -> bool {
        self.accepted_scopes().contains(&scope.as_str())
    }

    /// The scope URIs any one of which allows the operation, narrowest first: for reading line items
    /// `lineitem.readonly` and `lineitem`, otherwise the [`required_scope`](Self::required_scope) alone.
    /// A token check taking one scope (such as
    /// [`AccessTokenVerifier::check`](crate::service_token::AccessTokenVerifier::check)) passes when it
    /// passes for one of them.
    pub fn accepted_scopes(&self) -> &'static [&'static str] {
        const READ: &[&str] = &[Scope::AGS_LINE_ITEM_READONLY, Scope::AGS_LINE_ITEM];
        const WRITE: &[&str] = &[Scope::AGS_LINE_ITEM];
        const SCORE: &[&str] = &[Scope::AGS_SCORE];
        const RESULTS: &[&str] = &[Scope::AGS_RESULT_READONLY];
        match self {
            Self::ListLineItems(_) | Self::GetLineItem => READ,
            Self::CreateLineItem(_) | Self::UpdateLineItem(_) | Self::DeleteLineItem => WRITE,
            Self::PostScore(_) => SCORE,
            Self::ListResults(_) => RESULTS,
        }
    }
}

/// Reads a line item body, checked against the rules.
fn read_line_item(
    request: &Request<Vec<u8>>,
    limits: &Limits,
) -> Result<LineItem, ServiceRequestError> {
    let rules = line_item_problems;
    read_checked(request, LINE_ITEM_MEDIA_TYPE, limits, rules, "line item")
}

/// Reads a body of `media_type`, checks the rules (every problem reported), then reads the typed
/// value.
fn read_checked<T: DeserializeOwned>(
    request: &Request<Vec<u8>>,
    media_type: &'static str,
    limits: &Limits,
    rules: fn(&Value, &mut Report),
    expected: &'static str,
) -> Result<T, ServiceRequestError> {
    let value = read_request_body(request, media_type, limits)?;
    let mut report = Report::new();
    rules(&value, &mut report);
    typed(value, report, expected)
}

/// Reads a line item `PUT` body: the rules of every line item, then its `id`, when present, is the
/// request's URL.
fn read_line_item_update(
    request: &Request<Vec<u8>>,
    limits: &Limits,
) -> Result<LineItem, ServiceRequestError> {
    let value = read_request_body(request, LINE_ITEM_MEDIA_TYPE, limits)?;
    let mut report = Report::new();
    line_item_problems(&value, &mut report);
    line_item_id_problems(&value, request.uri(), &mut report);
    typed(value, report, "line item")
}

/// The typed value of a body whose rules were checked into `report`, or the report of its problems.
fn typed<T: DeserializeOwned>(
    value: Value,
    report: Report,
    expected: &'static str,
) -> Result<T, ServiceRequestError> {
    if !report.is_valid() {
        return Err(ServiceRequestError::Invalid { report });
    }
    from_value(value).map_err(|reason| ServiceRequestError::Shape { expected, reason })
}

/// Reports `lti.ags.id-mismatch` at `/id` when the body's `id` is not the URL `target` the request was
/// sent to (compared as [`AgsRequest::from_http_request`] documents). An `id` that is not a URL string
/// is `lti.ags.id`, reported by the line item rules, and not compared.
fn line_item_id_problems(value: &Value, target: &Uri, report: &mut Report) {
    let Some(text) = value.get("id").and_then(Value::as_str) else {
        return;
    };
    let Ok(id) = Url::parse(text) else {
        return;
    };
    if request_url(target, &id).is_none_or(|requested| requested != id) {
        report.error(
            codes::AGS_ID_MISMATCH,
            pointer(&["id"]),
            format!(
                "id {} is not the URL the request was sent to, {}",
                quote(text),
                quote(&target.to_string())
            ),
        );
    }
}

/// The URL the request was sent to, as a parsed URL: the URI itself when it is absolute, otherwise its
/// path and query on `id`'s scheme and host (the only parts an origin-form URI has). `None` when it
/// cannot be read as a URL.
fn request_url(target: &Uri, id: &Url) -> Option<Url> {
    if target.scheme().is_some() && target.authority().is_some() {
        return Url::parse(&target.to_string()).ok();
    }
    let mut rebuilt = id.clone();
    rebuilt.set_fragment(None);
    rebuilt.set_path(target.path());
    rebuilt.set_query(target.query());
    Some(rebuilt)
}

/// A platform's answer to an [`AgsRequest`], with the media type and, for listings, the `Link` header.
///
/// # Example
///
/// ```
/// use learnwire_lti::ags::{AgsResponse, LineItem};
/// use learnwire_lti::paging::PageLinks;
/// use learnwire_lti::Url;
///
/// let page = AgsResponse::LineItems {
///     items: vec![LineItem::new("Quiz 1", 10.0)],
///     links: PageLinks::new().with_next(Url::parse("https://lms.example.edu/lineitems?page=2")?),
/// };
/// let response = page.to_http_response();
/// assert_eq!(response.headers()["content-type"], "application/vnd.ims.lis.v2.lineitemcontainer+json");
/// assert_eq!(response.headers()["link"], r#"<https://lms.example.edu/lineitems?page=2>; rel="next""#);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub enum AgsResponse {
    /// A page of line items (200).
    LineItems {
        /// The page's line items.
        items: Vec<LineItem>,
        /// `next` (required when more pages follow), `prev`, `first`, `last`.
        links: PageLinks,
    },
    /// One line item (200): a `GET` or `PUT` answer.
    LineItem(LineItem),
    /// A created line item, with its `id` (201).
    Created(LineItem),
    /// A page of results (200).
    Results {
        /// The page's results.
        results: Vec<LineItemResult>,
        /// Paging links.
        links: PageLinks,
    },
    /// No content (204): a deleted line item, an accepted score.
    NoContent,
}

impl AgsResponse {
    /// The HTTP response: status, `Content-Type`, JSON body, `Link` header.
    pub fn to_http_response(&self) -> Response<Vec<u8>> {
        match self {
            Self::LineItems { items, links } => {
                let mut response =
                    json_response(StatusCode::OK, LINE_ITEM_CONTAINER_MEDIA_TYPE, items);
                links.apply(&mut response);
                response
            }
            Self::LineItem(item) => json_response(StatusCode::OK, LINE_ITEM_MEDIA_TYPE, item),
            Self::Created(item) => json_response(StatusCode::CREATED, LINE_ITEM_MEDIA_TYPE, item),
            Self::Results { results, links } => {
                let mut response =
                    json_response(StatusCode::OK, RESULT_CONTAINER_MEDIA_TYPE, results);
                links.apply(&mut response);
                response
            }
            Self::NoContent => empty_response(StatusCode::NO_CONTENT),
        }
    }
}
