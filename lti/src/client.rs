//! The async HTTP client of the tool side (feature `client`, off by default): sends the sans-IO calls of
//! [`service_token`](crate::service_token), [`ags`](crate::ags) and [`nrps`](crate::nrps) and loops over
//! their pages with the sans-IO [`PageFollower`](crate::paging::PageFollower) (a
//! [`Pager`](crate::paging::Pager) inside).
//!
//! | Call | Method of [`ServiceClient`] | Scopes asked for |
//! |---|---|---|
//! | access token (cached per scope set) | [`token`](ServiceClient::token), [`fetch_token`] | the call's |
//! | list line items (every page, or a [`Stream`](futures_util::Stream) of pages) | [`list_line_items`](ServiceClient::list_line_items), [`line_item_pages`](ServiceClient::line_item_pages) | `lineitem.readonly` and `lineitem` |
//! | get, create, update, delete a line item | [`get_line_item`](ServiceClient::get_line_item), [`create_line_item`](ServiceClient::create_line_item), [`update_line_item`](ServiceClient::update_line_item), [`delete_line_item`](ServiceClient::delete_line_item) | `lineitem.readonly` and `lineitem` to read, `lineitem` to change |
//! | post a score (`…/scores`) | [`post_score`](ServiceClient::post_score) | `score` |
//! | list results (`…/results`) | [`list_results`](ServiceClient::list_results), [`result_pages`](ServiceClient::result_pages) | `result.readonly` |
//! | NRPS membership (all members, `differences`) | [`list_members`](ServiceClient::list_members), [`member_pages`](ServiceClient::member_pages) | `contextmembership.readonly` |
//!
//! Each call asks the token endpoint for the scopes that allow it (the platform grants those it
//! registered), so one [`TokenCache`](crate::service_token::TokenCache) entry serves each kind of call
//! until it expires; a `401` answer drops the cached token and the call is tried once more with a new one.
//!
//! The transport is one trait, [`HttpClient`], with one implementation, [`ReqwestClient`]: reqwest on
//! rustls (aws-lc-rs), no default features, redirects never followed (a redirect answer is a
//! `lti.service.status` error: a bearer token is never forwarded), a connect timeout and an overall
//! timeout per request ([`ClientOptions`]), and bodies read chunk by chunk up to the call's limit
//! ([`Limits::max_oauth_body_bytes`](crate::Limits::max_oauth_body_bytes) for tokens,
//! [`Limits::max_service_body_bytes`](crate::Limits::max_service_body_bytes) for AGS and NRPS): a longer
//! body is dropped at the limit, never buffered whole. Any other stack can implement [`HttpClient`].
//!
//! Hostile answers end in a typed [`ClientError`] with a stable code: a `next` link to another origin
//! (`lti.paging.cross-origin`), a page loop (`lti.paging.loop`), too many pages or items, a body over the
//! limit (`lti.service.too-large`, `lti.token-response.too-large`), a wrong media type
//! (`lti.service.media-type`), a token response without `expires_in` (`lti.token-response.expires-in`),
//! a server that never answers (`lti.client.timeout`).
//!
//! # Example
//!
//! ```no_run
//! # async fn run() -> Result<(), Box<dyn std::error::Error>> {
//! use std::sync::Arc;
//! use learnwire_lti::ags::{ActivityProgress, GradingProgress, Score, Timestamp};
//! use learnwire_lti::client::{ClientOptions, ReqwestClient, ServiceClient};
//! use learnwire_lti::keys::SigningKey;
//! use learnwire_lti::Url;
//!
//! let key = Arc::new(SigningKey::generate(None)?);
//! let http = ReqwestClient::new(&ClientOptions::default())?;
//! let client = ServiceClient::new(http, Url::parse("https://lms.example.edu/token")?, "client-1", key);
//! let line_item = Url::parse("https://lms.example.edu/lineitems/1")?;
//! let score = Score::new("user-1".try_into()?, Timestamp::parse("2026-12-03T14:00:00Z")?,
//!     ActivityProgress::Completed, GradingProgress::FullyGraded).with_score(8.0, 10.0);
//! client.post_score(&line_item, score).await?;
//! let results = client.list_results(&line_item, None, None).await?;
//! # let _ = results;
//! # Ok(())
//! # }
//! ```

mod error;
mod service;
mod transport;

pub use error::{ClientError, TransportError};
pub use service::{Membership, ServiceClient, fetch_token};
pub use transport::{ClientOptions, HttpClient, ReqwestClient};
