//! The document resources: State, Activity Profile, Agent Profile (xAPI 1.0.3 Communication §2.2–§2.7,
//! §3.1).
//!
//! Sans-IO building blocks for an LRS (or a client) that stores documents elsewhere:
//!
//! - [`DocumentParams::parse`]: the query parameters of each resource and method, validated;
//! - [`ETag::of`]: the SHA-1 ETag of a document, and [`decide`]: proceed, `304`, `412` or `409` from the
//!   stored document's ETag and the request's `If-Match` / `If-None-Match`;
//! - [`merge_json_documents`]: the JSON merge of a POST onto an existing document;
//! - [`last_modified_header`]: the `Last-Modified` value.
//!
//! Gaps: the 2.0 `428 Precondition Required` answer (a 2.0 LRS may require a precondition on more
//! requests; the wording could not be checked, and the ADL 2.0 suite expects `409` for a PUT without
//! precondition on an existing document) is not decided here; [`ConcurrencyRules::Xapi2`] extends the
//! `409` rule to the State resource, and only 1.0.3 refuses a profile PUT without precondition on a new
//! document ([`Decision::MissingPrecondition`]). Storage, `Last-Modified` values and which documents
//! match `since` are the caller's.
//!
//! # Example
//!
//! ```
//! use http::{HeaderMap, Method};
//! use learnwire_xapi::documents::*;
//!
//! let stored = br#"{"x":1}"#;
//! let current = ETag::of(stored);
//! let mut headers = HeaderMap::new();
//! headers.insert("If-Match", "\"0000\"".parse()?);
//! let decision = decide(DocumentResource::State, &Method::POST, Some(&current), &headers, ConcurrencyRules::Xapi1)?;
//! assert_eq!(decision, Decision::PreconditionFailed);
//! assert_eq!(decision.status(), Some(http::StatusCode::PRECONDITION_FAILED));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod etag;
mod merge;
mod params;

pub use etag::{ConcurrencyRules, Decision, ETag, InvalidPrecondition, decide};
pub use merge::{Document, MergeError, MergeSide, merge_json_documents};
pub use params::{DocumentParams, DocumentResource};

use chrono::{DateTime, Utc};

/// An HTTP date (RFC 9110 §5.6.7 IMF-fixdate) for `Last-Modified`: `Sun, 06 Nov 1994 08:49:37 GMT`.
///
/// # Example
///
/// ```
/// use chrono::{TimeZone, Utc};
///
/// let at = Utc.with_ymd_and_hms(1994, 11, 6, 8, 49, 37).unwrap();
/// assert_eq!(learnwire_xapi::documents::last_modified_header(at), "Sun, 06 Nov 1994 08:49:37 GMT");
/// ```
pub fn last_modified_header(time: DateTime<Utc>) -> String {
    time.format("%a, %d %b %Y %H:%M:%S GMT").to_string()
}
