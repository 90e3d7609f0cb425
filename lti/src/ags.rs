//! Assignment and Grade Services 2.0 (<https://www.imsglobal.org/spec/lti-ags/v2p0>), both ways,
//! sans-IO: a tool builds each `http::Request` and reads the `http::Response`; a platform reads each
//! request into an [`AgsRequest`] and answers with an [`AgsResponse`].
//!
//! | Call | Tool: build, read | Platform: read, answer |
//! |---|---|---|
//! | list line items (`resource_link_id`, `resource_id`, `tag`, `limit`, paged) | [`ListLineItems`] → [`Page`](crate::paging::Page)`<Vec<LineItem>>` | [`AgsRequest::ListLineItems`], [`AgsResponse::LineItems`] |
//! | get a line item | [`GetLineItem`] → [`LineItem`] | [`AgsRequest::GetLineItem`], [`AgsResponse::LineItem`] |
//! | create a line item | [`CreateLineItem`] → [`LineItem`] | [`AgsRequest::CreateLineItem`], [`AgsResponse::Created`] |
//! | update a line item | [`UpdateLineItem`] → [`LineItem`] | [`AgsRequest::UpdateLineItem`], [`AgsResponse::LineItem`] |
//! | delete a line item | [`DeleteLineItem`] | [`AgsRequest::DeleteLineItem`], [`AgsResponse::NoContent`] |
//! | post a score (`…/scores`) | [`PostScore`] | [`AgsRequest::PostScore`], [`AgsResponse::NoContent`] |
//! | list results (`…/results`, `user_id`, `limit`, paged) | [`ListResults`] → [`Page`](crate::paging::Page)`<Vec<LineItemResult>>` | [`AgsRequest::ListResults`], [`AgsResponse::Results`] |
//!
//! Line items and scores are checked against the spec's rules before a tool sends them and when a
//! platform receives them (every problem with its JSON pointer, in the report of
//! `lti.service.invalid`). What a platform sends back is read by its shape only, so one platform's
//! quirk (an empty `tag`) does not stop a tool.
//!
//! # Example
//!
//! ```
//! use learnwire_lti::ags::{GetLineItem, LineItem};
//! use learnwire_lti::{Url, http};
//!
//! let call = GetLineItem::new(Url::parse("https://lms.example.edu/lineitems/1")?);
//! let response = http::Response::builder()
//!     .header("content-type", "application/vnd.ims.lis.v2.lineitem+json; charset=utf-8")
//!     .body(br#"{"id":"https://lms.example.edu/lineitems/1","label":"Quiz","scoreMaximum":10}"#.to_vec())?;
//! assert_eq!(call.parse_http_response(response)?.label, "Quiz");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod client;
mod model;
mod server;

pub use client::{
    CreateLineItem, DeleteLineItem, GetLineItem, LineItemsQuery, ListLineItems, ListResults,
    PostScore, UpdateLineItem,
};
pub use model::{
    ActivityProgress, GradingProgress, InvalidTimestamp, LineItem, LineItemResult, Score,
    Submission, Timestamp,
};
pub use server::{AgsRequest, AgsResource, AgsResponse, ResultsQuery};
