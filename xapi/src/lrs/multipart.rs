//! `multipart/mixed` statement requests and responses (xAPI 1.0.3 Communication §1.5.2, RFC 2046 §5.1).
//!
//! A statement request that carries attachment data is a `multipart/mixed` body: the first part holds the
//! statement(s) as `application/json`, every further part the raw bytes of one attachment, named by its
//! `X-Experience-API-Hash` header (the SHA-2 of the bytes, hex). This module
//!
//! - splits such a body into parts ([`parse_multipart`]), with every size and count bounded by [`Limits`]
//!   (the `max_multipart_bytes`, `max_parts`, `max_part_header_line`, `max_part_headers` and
//!   `max_boundary` limits, and `max_body_bytes` for the statements part)
//!   and checked *while scanning*, before any allocation sized from the input;
//! - matches the parts to the statements' attachment objects by SHA-2 and checks hashes, lengths, content
//!   types and that no part is missing or extra ([`parse_statement_request`], [`parse_statement_response`]);
//! - builds such bodies ([`MultipartBuilder`], [`build_statement_request`]).
//!
//! Signature attachments are matched here but their own checks (content type, JWS) are made by
//! [`crate::signature::verify_request_signatures`]; [`crate::lrs::receive_statements`] runs both.
//!
//! Strictness (fail closed): only CRLF line ends; folded header lines and repeated `Content-Type`,
//! `Content-Transfer-Encoding`, `X-Experience-API-Hash` or `Content-Length` headers are refused; a
//! `Content-Transfer-Encoding` other than `binary` is refused (a missing one is read as `binary`, as the
//! LRS SHOULD assume); two parts with the same hash are refused (one copy per attachment data); text after
//! a delimiter on its line is refused. The preamble and epilogue are ignored.
//!
//! # Example
//!
//! ```
//! use learnwire_xapi::multipart::{build_statement_request, parse_statement_request, Limits};
//! use serde_json::json;
//!
//! let data = b"hello".to_vec();
//! let statement = json!({
//!     "actor": {"mbox": "mailto:a@example.com"},
//!     "verb": {"id": "http://adlnet.gov/expapi/verbs/answered"},
//!     "object": {"id": "http://example.com/q1"},
//!     "attachments": [{
//!         "usageType": "http://example.com/usage/text",
//!         "display": {"en-US": "note"},
//!         "contentType": "text/plain",
//!         "length": 5,
//!         "sha2": learnwire_xapi::multipart::sha256_hex(&data),
//!     }]
//! });
//! let body = build_statement_request(&statement, &[("text/plain", data.as_slice())])?;
//! let request = parse_statement_request(&body.content_type, &body.body, &Limits::default())?;
//! assert_eq!(request.attachments.len(), 1);
//! assert_eq!(request.attachments[0].content, b"hello");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod build;
mod content_type;
mod error;
pub(crate) mod matching;
mod parse;

/// The crate's one limits value, re-exported here where the multipart functions take it.
pub use crate::Limits;
pub use crate::types::MediaType;
pub use build::{BuildError, MultipartBody, MultipartBuilder, build_statement_request};
pub use content_type::parse_media_type;
pub use error::{MalformedReason, MultipartError, MultipartLimit};
pub(crate) use matching::parse_statement_request_with;
pub use matching::{
    AttachmentPart, DeclaredAttachment, SIGNATURE_USAGE_TYPE, StatementRequest,
    parse_statement_request, parse_statement_response, sha256_hex,
};
pub use parse::{Multipart, Part, parse_multipart};
