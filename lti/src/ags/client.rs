//! The tool's side of AGS: each call builds its `http::Request` and reads the `http::Response`.

use http::{Method, Request, Response};
use learnwire_report::Untrusted;
use url::Url;

use super::model::{LineItem, LineItemResult, Score, line_item_problems, score_problems};
use crate::Limits;
use crate::paging::Page;
use crate::services::call::{Call, append_query, service_call};
use crate::services::{
    BuildRequestError, LINE_ITEM_CONTAINER_MEDIA_TYPE, LINE_ITEM_MEDIA_TYPE,
    RESULT_CONTAINER_MEDIA_TYPE, SCORE_MEDIA_TYPE, ServiceError, bearer_request, with_path_segment,
};

/// The filters of a line items listing (AGS 2.0 §3.2), read by [`ListLineItems`] and by the
/// platform's [`AgsRequest::ListLineItems`](super::AgsRequest::ListLineItems).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct LineItemsQuery {
    /// `resource_link_id`: only the line items bound to this resource link.
    pub resource_link_id: Option<String>,
    /// `resource_id`: only the line items with this tool resource id.
    pub resource_id: Option<String>,
    /// `tag`: only the line items with this tag.
    pub tag: Option<String>,
    /// `limit`: at most this many line items per page.
    pub limit: Option<u32>,
    /// Other parameters (the platform's own paging: `page`, `per_page`, …), in order.
    pub other: Vec<(String, String)>,
}

impl LineItemsQuery {
    /// Sets `resource_link_id`.
    #[must_use]
    pub fn with_resource_link_id(mut self, id: impl Into<String>) -> Self {
        self.resource_link_id = Some(id.into());
        self
    }

    /// Sets `resource_id`.
    #[must_use]
    pub fn with_resource_id(mut self, id: impl Into<String>) -> Self {
        self.resource_id = Some(id.into());
        self
    }

    /// Sets `tag`.
    #[must_use]
    pub fn with_tag(mut self, tag: impl Into<String>) -> Self {
        self.tag = Some(tag.into());
        self
    }

    /// Sets `limit`.
    #[must_use]
    pub fn with_limit(mut self, limit: u32) -> Self {
        self.limit = Some(limit);
        self
    }
}

/// `GET` the line items container, with filters (AGS 2.0 §3.2). The answer is one page.
///
/// # Example
///
/// ```
/// use learnwire_lti::ags::{LineItemsQuery, ListLineItems};
/// use learnwire_lti::Url;
///
/// let container = Url::parse("https://lms.example.edu/mod/lti/services.php/2/lineitems?type_id=1")?;
/// let call = ListLineItems::new(&container, &LineItemsQuery::default().with_tag("quiz").with_limit(50));
/// let request = call.to_http_request("access-token")?;
/// assert_eq!(request.uri(), "https://lms.example.edu/mod/lti/services.php/2/lineitems?type_id=1&tag=quiz&limit=50");
/// assert_eq!(request.headers()["accept"], "application/vnd.ims.lis.v2.lineitemcontainer+json");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug)]
pub struct ListLineItems {
    url: Url,
    limits: Limits,
}

impl ListLineItems {
    /// The first page: the container URL with the filters appended to its query.
    pub fn new(line_items_url: &Url, query: &LineItemsQuery) -> Self {
        let mut url = line_items_url.clone();
        let limit = query.limit.map(|limit| limit.to_string());
        append_query(
            &mut url,
            [
                ("resource_link_id", query.resource_link_id.as_deref()),
                ("resource_id", query.resource_id.as_deref()),
                ("tag", query.tag.as_deref()),
                ("limit", limit.as_deref()),
            ],
        );
        let other = query.other.iter();
        append_query(
            &mut url,
            other.map(|(name, value)| (name.as_str(), Some(value.as_str()))),
        );
        Self {
            url,
            limits: Limits::default(),
        }
    }

    /// The request: `GET`, `Authorization: Bearer`, `Accept: application/vnd.ims.lis.v2.lineitemcontainer+json`.
    ///
    /// # Errors
    ///
    /// [`BuildRequestError`] for a URL that is not a service URL or an unusable token.
    pub fn to_http_request(
        &self,
        access_token: &str,
    ) -> Result<Request<Vec<u8>>, BuildRequestError> {
        self.get(access_token, LINE_ITEM_CONTAINER_MEDIA_TYPE)
    }

    /// Reads one page of line items and its links.
    ///
    /// # Errors
    ///
    /// [`ServiceError`]: status, media type, size, JSON, shape, `Link` headers.
    pub fn parse_http_response(
        &self,
        response: Response<Vec<u8>>,
    ) -> Result<Page<Vec<LineItem>>, ServiceError> {
        self.read_container(
            &response,
            LINE_ITEM_CONTAINER_MEDIA_TYPE,
            "line item container",
        )
    }
}

/// `GET` one line item (AGS 2.0 §3.2).
///
/// See the [module example](crate::ags) for reading its response.
#[derive(Clone, Debug)]
pub struct GetLineItem {
    url: Url,
    limits: Limits,
}

impl GetLineItem {
    /// The call for the line item at `line_item_url` (its `id`).
    pub fn new(line_item_url: Url) -> Self {
        Self {
            url: line_item_url,
            limits: Limits::default(),
        }
    }

    /// The request: `GET`, `Accept: application/vnd.ims.lis.v2.lineitem+json`.
    ///
    /// # Errors
    ///
    /// [`BuildRequestError`] for a URL that is not a service URL or an unusable token.
    pub fn to_http_request(
        &self,
        access_token: &str,
    ) -> Result<Request<Vec<u8>>, BuildRequestError> {
        self.get(access_token, LINE_ITEM_MEDIA_TYPE)
    }

    /// Reads the line item.
    ///
    /// # Errors
    ///
    /// [`ServiceError`].
    pub fn parse_http_response(
        &self,
        response: Response<Vec<u8>>,
    ) -> Result<LineItem, ServiceError> {
        read_line_item(self, &response)
    }
}

fn read_line_item(
    call: &impl Call,
    response: &Response<Vec<u8>>,
) -> Result<LineItem, ServiceError> {
    let (item, _) = call.read_document(response, LINE_ITEM_MEDIA_TYPE, "line item")?;
    Ok(item)
}

/// `POST` a new line item to the container (AGS 2.0 §3.2); the platform answers with the line item
/// and its `id`.
///
/// # Example
///
/// ```
/// use learnwire_lti::ags::{CreateLineItem, LineItem};
/// use learnwire_lti::Url;
///
/// let container = Url::parse("https://lms.example.edu/lineitems")?;
/// let request = CreateLineItem::new(container, LineItem::new("Quiz 1", 10.0)).to_http_request("t")?;
/// assert_eq!(request.headers()["content-type"], "application/vnd.ims.lis.v2.lineitem+json");
/// let refused = CreateLineItem::new(Url::parse("https://lms.example.edu/lineitems")?, LineItem::new("", 10.0));
/// assert_eq!(refused.to_http_request("t").unwrap_err().code().as_str(), "lti.service.invalid");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug)]
pub struct CreateLineItem {
    url: Url,
    item: LineItem,
    limits: Limits,
}

impl CreateLineItem {
    /// The call creating `item` in the container at `line_items_url`.
    pub fn new(line_items_url: Url, item: LineItem) -> Self {
        Self {
            url: line_items_url,
            item,
            limits: Limits::default(),
        }
    }

    /// The request: `POST` the line item as `application/vnd.ims.lis.v2.lineitem+json`.
    ///
    /// # Errors
    ///
    /// [`BuildRequestError::Invalid`] when the line item breaks a rule (every problem listed), or a
    /// bad URL or token.
    pub fn to_http_request(
        &self,
        access_token: &str,
    ) -> Result<Request<Vec<u8>>, BuildRequestError> {
        send_line_item(self, Method::POST, &self.item, access_token)
    }

    /// Reads the created line item (200 or 201).
    ///
    /// # Errors
    ///
    /// [`ServiceError`].
    pub fn parse_http_response(
        &self,
        response: Response<Vec<u8>>,
    ) -> Result<LineItem, ServiceError> {
        read_line_item(self, &response)
    }
}

fn send_line_item(
    call: &impl Call,
    method: Method,
    item: &LineItem,
    access_token: &str,
) -> Result<Request<Vec<u8>>, BuildRequestError> {
    let accept = Some(LINE_ITEM_MEDIA_TYPE);
    let body = (LINE_ITEM_MEDIA_TYPE, item);
    call.send_checked(method, access_token, accept, body, line_item_problems)
}

/// `PUT` a line item's new state to its URL (AGS 2.0 §3.2).
///
/// # Example
///
/// ```
/// use learnwire_lti::ags::{LineItem, UpdateLineItem};
/// use learnwire_lti::Url;
///
/// let mut item = LineItem::new("Quiz 1 (final)", 20.0);
/// item.id = Some(Url::parse("https://lms.example.edu/lineitems/9")?);
/// let request = UpdateLineItem::of(item)?.to_http_request("t")?;
/// assert_eq!((request.method().as_str(), request.uri().path()), ("PUT", "/lineitems/9"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug)]
pub struct UpdateLineItem {
    url: Url,
    item: LineItem,
    limits: Limits,
}

impl UpdateLineItem {
    /// The call replacing the line item at `line_item_url` with `item`.
    pub fn new(line_item_url: Url, item: LineItem) -> Self {
        Self {
            url: line_item_url,
            item,
            limits: Limits::default(),
        }
    }

    /// The call updating `item` at its own `id`.
    ///
    /// # Errors
    ///
    /// [`BuildRequestError::Url`] when the line item has no `id`.
    pub fn of(item: LineItem) -> Result<Self, BuildRequestError> {
        match item.id.clone() {
            Some(url) => Ok(Self::new(url, item)),
            None => Err(BuildRequestError::Url {
                url: Untrusted::new(""),
                reason: "the line item has no id",
            }),
        }
    }

    /// The request: `PUT` the line item as `application/vnd.ims.lis.v2.lineitem+json`.
    ///
    /// # Errors
    ///
    /// As [`CreateLineItem::to_http_request`].
    pub fn to_http_request(
        &self,
        access_token: &str,
    ) -> Result<Request<Vec<u8>>, BuildRequestError> {
        send_line_item(self, Method::PUT, &self.item, access_token)
    }

    /// Reads the updated line item.
    ///
    /// # Errors
    ///
    /// [`ServiceError`].
    pub fn parse_http_response(
        &self,
        response: Response<Vec<u8>>,
    ) -> Result<LineItem, ServiceError> {
        read_line_item(self, &response)
    }
}

/// `DELETE` a line item (AGS 2.0 §3.2).
///
/// # Example
///
/// ```
/// use learnwire_lti::ags::DeleteLineItem;
/// use learnwire_lti::{Url, http};
///
/// let call = DeleteLineItem::new(Url::parse("https://lms.example.edu/lineitems/9")?);
/// assert_eq!(call.to_http_request("t")?.method(), "DELETE");
/// call.parse_http_response(http::Response::builder().status(204).body(Vec::new())?)?;
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug)]
pub struct DeleteLineItem {
    url: Url,
    limits: Limits,
}

impl DeleteLineItem {
    /// The call deleting the line item at `line_item_url`.
    pub fn new(line_item_url: Url) -> Self {
        Self {
            url: line_item_url,
            limits: Limits::default(),
        }
    }

    /// The request: `DELETE`, no body.
    ///
    /// # Errors
    ///
    /// [`BuildRequestError`] for a bad URL or token.
    pub fn to_http_request(
        &self,
        access_token: &str,
    ) -> Result<Request<Vec<u8>>, BuildRequestError> {
        bearer_request(Method::DELETE, &self.url, access_token, None, None)
    }

    /// Checks the answer is a success (any 2xx; a body is ignored).
    ///
    /// # Errors
    ///
    /// [`ServiceError::Status`] (or a too large body or `Link` header).
    pub fn parse_http_response(&self, response: Response<Vec<u8>>) -> Result<(), ServiceError> {
        self.read_success(&response)
    }
}

/// `POST` a score to the line item's scores URL: the line item URL with `/scores` added to its path,
/// before its query (AGS 2.0 §3.4).
///
/// # Example
///
/// ```
/// use learnwire_lti::ags::{ActivityProgress, GradingProgress, PostScore, Score, Timestamp};
/// use learnwire_lti::Url;
///
/// let line_item = Url::parse("https://lms.example.edu/mod/lti/services.php/2/lineitems/5/lineitem?type_id=1")?;
/// let score = Score::new("user-1".try_into()?, Timestamp::parse("2026-12-03T14:00:00.5Z")?,
///     ActivityProgress::Completed, GradingProgress::FullyGraded).with_score(7.0, 10.0);
/// let request = PostScore::new(&line_item, score)?.to_http_request("t")?;
/// assert_eq!(request.uri(), "https://lms.example.edu/mod/lti/services.php/2/lineitems/5/lineitem/scores?type_id=1");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug)]
pub struct PostScore {
    url: Url,
    score: Score,
    limits: Limits,
}

impl PostScore {
    /// The call posting `score` to the line item at `line_item_url`.
    ///
    /// # Errors
    ///
    /// [`BuildRequestError::Url`] when `line_item_url` is not a service URL.
    pub fn new(line_item_url: &Url, score: Score) -> Result<Self, BuildRequestError> {
        Ok(Self {
            url: with_path_segment(line_item_url, "scores")?,
            score,
            limits: Limits::default(),
        })
    }

    /// The scores URL.
    pub fn url(&self) -> &Url {
        &self.url
    }

    /// The request: `POST` the score as `application/vnd.ims.lis.v1.score+json`.
    ///
    /// # Errors
    ///
    /// [`BuildRequestError::Invalid`] when the score breaks a rule (every problem listed), or a bad
    /// token.
    pub fn to_http_request(
        &self,
        access_token: &str,
    ) -> Result<Request<Vec<u8>>, BuildRequestError> {
        let body = (SCORE_MEDIA_TYPE, &self.score);
        self.send_checked(Method::POST, access_token, None, body, score_problems)
    }

    /// Checks the answer is a success (200, 201, 202 or 204 are all seen; a body is ignored).
    ///
    /// # Errors
    ///
    /// [`ServiceError::Status`] (or a too large body or `Link` header).
    pub fn parse_http_response(&self, response: Response<Vec<u8>>) -> Result<(), ServiceError> {
        self.read_success(&response)
    }
}

/// `GET` the results of a line item: the line item URL with `/results` added to its path, `user_id`
/// and `limit` appended to its query (AGS 2.0 §3.3). The answer is one page.
///
/// # Example
///
/// ```
/// use learnwire_lti::ags::ListResults;
/// use learnwire_lti::Url;
///
/// let line_item = Url::parse("https://lms.example.edu/lineitems/9?type_id=1")?;
/// let call = ListResults::new(&line_item, Some("user-1"), Some(100))?;
/// assert_eq!(call.url().as_str(), "https://lms.example.edu/lineitems/9/results?type_id=1&user_id=user-1&limit=100");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug)]
pub struct ListResults {
    url: Url,
    limits: Limits,
}

impl ListResults {
    /// The first page of the results of the line item at `line_item_url`.
    ///
    /// # Errors
    ///
    /// [`BuildRequestError::Url`] when `line_item_url` is not a service URL.
    pub fn new(
        line_item_url: &Url,
        user_id: Option<&str>,
        limit: Option<u32>,
    ) -> Result<Self, BuildRequestError> {
        let mut url = with_path_segment(line_item_url, "results")?;
        let limit = limit.map(|limit| limit.to_string());
        append_query(
            &mut url,
            [("user_id", user_id), ("limit", limit.as_deref())],
        );
        Ok(Self {
            url,
            limits: Limits::default(),
        })
    }

    /// The request: `GET`, `Accept: application/vnd.ims.lis.v2.resultcontainer+json`.
    ///
    /// # Errors
    ///
    /// [`BuildRequestError`] for a bad URL or token.
    pub fn to_http_request(
        &self,
        access_token: &str,
    ) -> Result<Request<Vec<u8>>, BuildRequestError> {
        self.get(access_token, RESULT_CONTAINER_MEDIA_TYPE)
    }

    /// Reads one page of results and its links.
    ///
    /// # Errors
    ///
    /// [`ServiceError`].
    pub fn parse_http_response(
        &self,
        response: Response<Vec<u8>>,
    ) -> Result<Page<Vec<LineItemResult>>, ServiceError> {
        self.read_container(&response, RESULT_CONTAINER_MEDIA_TYPE, "result container")
    }
}

service_call!(
    ListLineItems,
    paged Vec<LineItem>,
    Vec::len,
    "A later page: `url` (a `next` link) exactly as given."
);
service_call!(
    ListResults,
    paged Vec<LineItemResult>,
    Vec::len,
    "A later page: `url` (a `next` link) exactly as given."
);
service_call!(GetLineItem, with_limits);
service_call!(CreateLineItem, with_limits);
service_call!(UpdateLineItem, with_limits);
service_call!(DeleteLineItem);
service_call!(PostScore, with_limits);
