//! A listing followed page after page, sans-IO: the follower hands out the next request and reads the
//! response; the caller sends it.

use http::{Request, Response};
use url::Url;

use super::Page;
use super::pager::Pager;
use crate::Limits;
use crate::services::{BuildRequestError, ServiceError};

/// A listing call that answers in pages: [`ListLineItems`](crate::ags::ListLineItems),
/// [`ListResults`](crate::ags::ListResults), [`ListMembers`](crate::nrps::ListMembers).
pub trait PagedCall: Sized {
    /// What one page holds.
    type Items;

    /// The URL this call requests.
    fn url(&self) -> &Url;

    /// The same call for another page: `url` as given, the same limits.
    fn for_page(&self, url: Url) -> Self;

    /// The request for this call's page.
    ///
    /// # Errors
    ///
    /// [`BuildRequestError`] for a bad URL or token.
    fn to_http_request(&self, access_token: &str) -> Result<Request<Vec<u8>>, BuildRequestError>;

    /// Reads this call's page.
    ///
    /// # Errors
    ///
    /// [`ServiceError`].
    fn parse_http_response(
        &self,
        response: Response<Vec<u8>>,
    ) -> Result<Page<Self::Items>, ServiceError>;

    /// How many items a page holds (counted against [`Limits::max_paged_items`]).
    fn item_count(items: &Self::Items) -> usize;
}

/// Follows a listing to its last page: [`next_request`](Self::next_request) gives the request to send
/// (`None` once the last page was read), [`read`](Self::read) reads its response and moves on, through
/// a [`Pager`] (same origin, no loop, bounded pages and items).
///
/// # Example
///
/// ```
/// use learnwire_lti::ags::{LineItemsQuery, ListLineItems};
/// use learnwire_lti::paging::PageFollower;
/// use learnwire_lti::{Limits, Url, http};
///
/// let first = ListLineItems::new(&Url::parse("https://lms.example.edu/lineitems")?, &LineItemsQuery::default());
/// let mut follower = PageFollower::new(first, &Limits::default());
/// let request = follower.next_request("token")?.unwrap();
/// let answer = http::Response::builder().header("content-type", "application/vnd.ims.lis.v2.lineitemcontainer+json").body(b"[]".to_vec())?;
/// assert!(follower.read(answer)?.items.is_empty());
/// assert!(follower.next_request("token")?.is_none());
/// # let _ = request;
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug)]
pub struct PageFollower<C> {
    call: Option<C>,
    pager: Pager,
}

impl<C: PagedCall> PageFollower<C> {
    /// A follower starting with `first`.
    pub fn new(first: C, limits: &Limits) -> Self {
        Self {
            pager: Pager::new(first.url(), limits),
            call: Some(first),
        }
    }

    /// The request for the next page to read, or `None` when the listing is complete (or stopped by an
    /// error of [`read`](Self::read)).
    ///
    /// # Errors
    ///
    /// [`BuildRequestError`] for a bad URL or token.
    pub fn next_request(
        &self,
        access_token: &str,
    ) -> Result<Option<Request<Vec<u8>>>, BuildRequestError> {
        self.call
            .as_ref()
            .map(|call| call.to_http_request(access_token))
            .transpose()
    }

    /// Reads the response to the last [`next_request`](Self::next_request) and returns the page (its
    /// items and links: NRPS puts `differences` on the last page); the next request then goes to its
    /// `next` link, or there is none.
    ///
    /// # Errors
    ///
    /// [`ServiceError`], including [`ServiceError::Paging`] for a `next` link to another origin, a
    /// loop, or too many pages or items; the listing then stops. Reading once the listing is complete
    /// (nothing was requested) is refused as `lti.paging.too-many-pages`.
    pub fn read(&mut self, response: Response<Vec<u8>>) -> Result<Page<C::Items>, ServiceError> {
        let Some(call) = self.call.take() else {
            return Err(ServiceError::Paging(super::PagingError::TooManyPages {
                limit: self.pager.pages(),
            }));
        };
        let page = call.parse_http_response(response)?;
        let next = self
            .pager
            .next_url(&page.links, C::item_count(&page.items))?;
        self.call = next.map(|url| call.for_page(url));
        Ok(page)
    }

    /// Pages read so far.
    pub fn pages(&self) -> usize {
        self.pager.pages()
    }

    /// Whether the listing is complete (or stopped).
    pub fn is_done(&self) -> bool {
        self.call.is_none()
    }
}
