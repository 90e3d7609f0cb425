//! Paging of AGS and NRPS listings: RFC 8288 `Link` headers ([`Links`]) and a sans-IO page follower
//! ([`Pager`]).
//!
//! Peers read `Link` with a regular expression for `rel="next"` (pylti1p3 then read 2 of 5 line items
//! from a platform writing `rel=next`) or looked for a header named `rel="next"` (atomic-lti). Here the
//! field is read by its grammar: several links per field and several fields, `rel` quoted or not, several
//! relation types in one `rel`, parameter names in any case, targets kept as written. The pager follows
//! `next` exactly as given, on the first request's origin only, and refuses a page loop.
//!
//! # Example
//!
//! ```
//! use learnwire_lti::paging::{Links, Pager};
//! use learnwire_lti::{Limits, Url};
//!
//! let first = Url::parse("https://lms.example.edu/lineitems")?;
//! let mut pager = Pager::new(&first, &Limits::default());
//! let links = Links::parse(r#"<https://evil.example/steal>; rel="next""#, &first, &Limits::default())?;
//! let refused = pager.next_url(&links, 1).unwrap_err();
//! assert_eq!(refused.code().as_str(), "lti.paging.cross-origin");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod follow;
mod link_header;
mod pager;

pub use follow::{PageFollower, PagedCall};

pub use link_header::{Link, LinkError, Links};
pub use pager::{Pager, PagingError};

/// One page of a listing: its items and the links of its response.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct Page<T> {
    /// The page's items (line items, results, or an NRPS membership container).
    pub items: T,
    /// The links of the response's `Link` headers (`next`, `prev`, `first`, `last`, `differences`).
    pub links: Links,
}

impl<T> Page<T> {
    /// A page of `items` with `links`.
    pub fn new(items: T, links: Links) -> Self {
        Self { items, links }
    }
}

/// The paging links a platform puts on a listing response, written as one `Link` header value with
/// quoted `rel` values (`<…>; rel="next", <…>; rel="first"`).
///
/// # Example
///
/// ```
/// use learnwire_lti::paging::PageLinks;
/// use learnwire_lti::Url;
///
/// let links = PageLinks::new().with_next(Url::parse("https://lms.example.edu/lineitems?page=2")?);
/// assert_eq!(links.header_value().unwrap(), r#"<https://lms.example.edu/lineitems?page=2>; rel="next""#);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct PageLinks {
    /// `next`: the following page (required by the specs when the page is not the last).
    pub next: Option<url::Url>,
    /// `prev`: the previous page.
    pub prev: Option<url::Url>,
    /// `first`: the first page.
    pub first: Option<url::Url>,
    /// `last`: the last page.
    pub last: Option<url::Url>,
    /// `differences` (NRPS): the changes since this response.
    pub differences: Option<url::Url>,
}

impl PageLinks {
    /// No links.
    pub fn new() -> Self {
        Self::default()
    }

    /// Sets `next`.
    #[must_use]
    pub fn with_next(mut self, url: url::Url) -> Self {
        self.next = Some(url);
        self
    }

    /// Sets `prev`.
    #[must_use]
    pub fn with_prev(mut self, url: url::Url) -> Self {
        self.prev = Some(url);
        self
    }

    /// Sets `first`.
    #[must_use]
    pub fn with_first(mut self, url: url::Url) -> Self {
        self.first = Some(url);
        self
    }

    /// Sets `last`.
    #[must_use]
    pub fn with_last(mut self, url: url::Url) -> Self {
        self.last = Some(url);
        self
    }

    /// Sets `differences`.
    #[must_use]
    pub fn with_differences(mut self, url: url::Url) -> Self {
        self.differences = Some(url);
        self
    }

    /// The `Link` header value, or `None` when there is no link. A serialized URL never holds `<`,
    /// `>` or a space (the url crate percent-encodes them), so the targets need no escaping.
    pub fn header_value(&self) -> Option<http::HeaderValue> {
        let parts: Vec<String> = [
            (&self.next, "next"),
            (&self.prev, "prev"),
            (&self.first, "first"),
            (&self.last, "last"),
            (&self.differences, "differences"),
        ]
        .into_iter()
        .filter_map(|(url, rel)| url.as_ref().map(|url| format!("<{url}>; rel=\"{rel}\"")))
        .collect();
        if parts.is_empty() {
            return None;
        }
        http::HeaderValue::from_str(&parts.join(", ")).ok()
    }

    /// Adds the `Link` header to `response` (nothing when there is no link).
    pub(crate) fn apply(&self, response: &mut http::Response<Vec<u8>>) {
        if let Some(value) = self.header_value() {
            response.headers_mut().insert(http::header::LINK, value);
        }
    }
}
