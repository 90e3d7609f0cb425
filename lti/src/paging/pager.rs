//! Following `next` links, sans-IO: the caller sends each request, the pager decides the next URL.

use std::collections::BTreeSet;

use learnwire_report::{Code, Untrusted};
use url::{Origin, Url};

use super::link_header::{LinkError, Links};
use crate::Limits;
use crate::codes;

/// Why a [`Pager`] stopped following pages.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum PagingError {
    /// The `next` link points to another origin (scheme, host, port) than the first request: the bearer
    /// token would be sent there, so the link is not followed.
    #[error("{}: next link {next} leaves the origin {origin} of the first request", self.code())]
    CrossOrigin {
        /// The `next` link.
        next: Untrusted,
        /// The first request's origin.
        origin: String,
    },
    /// The `next` link points to a page already read (compared without the fragment).
    #[error("{}: next link {next} points to a page already read", self.code())]
    Loop {
        /// The `next` link.
        next: Untrusted,
    },
    /// Following `next` would read more pages than [`Limits::max_pages`].
    #[error("{}: more than {limit} pages", self.code())]
    TooManyPages {
        /// The limit.
        limit: usize,
    },
    /// The pages read hold more items than [`Limits::max_paged_items`].
    #[error("{}: more than {limit} items over all pages", self.code())]
    TooManyItems {
        /// The limit.
        limit: usize,
    },
    /// The page has no `next` link but a malformed link value: it may have been the `next` one, so
    /// stopping would silently drop pages (the failure of readers that only know `rel="next"`).
    #[error(transparent)]
    Link(#[from] LinkError),
}

impl PagingError {
    /// The stable code: `lti.paging.cross-origin`, `lti.paging.loop`, `lti.paging.too-many-pages`,
    /// `lti.paging.too-many-items`, or the link's `lti.link.*` code.
    pub fn code(&self) -> Code {
        match self {
            Self::CrossOrigin { .. } => codes::PAGING_CROSS_ORIGIN,
            Self::Loop { .. } => codes::PAGING_LOOP,
            Self::TooManyPages { .. } => codes::PAGING_TOO_MANY_PAGES,
            Self::TooManyItems { .. } => codes::PAGING_TOO_MANY_ITEMS,
            Self::Link(error) => error.code(),
        }
    }
}

/// Decides, page after page, which URL to fetch next: the `next` link as given (never rebuilt), on
/// the first request's origin only, never a page already read, within [`Limits::max_pages`] and
/// [`Limits::max_paged_items`].
///
/// # Example
///
/// ```
/// use learnwire_lti::paging::{Links, Pager};
/// use learnwire_lti::{Limits, Url};
///
/// let first = Url::parse("https://lms.example.edu/lineitems")?;
/// let mut pager = Pager::new(&first, &Limits::default());
/// let links = Links::parse("<https://lms.example.edu/lineitems?p=2>; rel=next", &first, &Limits::default())?;
/// let next = pager.next_url(&links, 10)?.unwrap();
/// assert_eq!(next.as_str(), "https://lms.example.edu/lineitems?p=2");
/// let again = Links::parse("<https://lms.example.edu/lineitems>; rel=next", &next, &Limits::default())?;
/// assert_eq!(pager.next_url(&again, 10).unwrap_err().code().as_str(), "lti.paging.loop");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug)]
pub struct Pager {
    origin: Origin,
    seen: BTreeSet<String>,
    pages: usize,
    items: usize,
    max_pages: usize,
    max_items: usize,
}

impl Pager {
    /// A pager for the listing whose first request goes to `first_url`.
    pub fn new(first_url: &Url, limits: &Limits) -> Self {
        let mut seen = BTreeSet::new();
        seen.insert(without_fragment(first_url));
        Self {
            origin: first_url.origin(),
            seen,
            pages: 0,
            items: 0,
            max_pages: limits.max_pages(),
            max_items: limits.max_paged_items(),
        }
    }

    /// Records a page just read (its links and how many items it held) and returns the URL of the next
    /// page, or `None` when it was the last.
    ///
    /// # Errors
    ///
    /// A [`PagingError`]; the pager should not be used after one.
    pub fn next_url(&mut self, links: &Links, items: usize) -> Result<Option<Url>, PagingError> {
        self.pages = self.pages.saturating_add(1);
        self.items = self.items.saturating_add(items);
        if self.items > self.max_items {
            return Err(PagingError::TooManyItems {
                limit: self.max_items,
            });
        }
        let Some(next) = links.next() else {
            return match links.problems().first() {
                Some(problem) => Err(PagingError::Link(problem.clone())),
                None => Ok(None),
            };
        };
        if next.origin() != self.origin || !self.origin.is_tuple() {
            return Err(PagingError::CrossOrigin {
                next: Untrusted::new(next.as_str()),
                origin: self.origin.ascii_serialization(),
            });
        }
        if !self.seen.insert(without_fragment(next)) {
            return Err(PagingError::Loop {
                next: Untrusted::new(next.as_str()),
            });
        }
        if self.pages >= self.max_pages {
            return Err(PagingError::TooManyPages {
                limit: self.max_pages,
            });
        }
        Ok(Some(next.clone()))
    }

    /// Pages recorded so far.
    pub fn pages(&self) -> usize {
        self.pages
    }

    /// Items recorded so far, all pages together.
    pub fn items(&self) -> usize {
        self.items
    }
}

fn without_fragment(url: &Url) -> String {
    let mut url = url.clone();
    url.set_fragment(None);
    url.into()
}
