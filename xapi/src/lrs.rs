//! The LRS resources (xAPI 1.0.3 Communication §2, Data §2.5), sans-IO: each reads an `http::Request`
//! or its parts and says what to answer; storage, authentication and the clock are the caller's.
//!
//! Statements:
//!
//! - [`StatementsRequest::from_http_request`]: **the front door of PUT/POST `/statements`**: an
//!   `http::Request` (version negotiation, alternate syntax, method, `statementId`, content type, limits,
//!   `multipart/mixed` attachments, every statement rule once, signatures) to typed statements with ids,
//!   or a [`ReceiveError`] whose [`to_http_response`](ReceiveError::to_http_response) is the answer
//!   (`400`/`405`/`409`/`413` with every problem's code, pointer and message);
//! - [`receive_statements`]: the same checks on a body whose headers were read elsewhere;
//! - [`compare_with_stored`]: an id already stored: no-op or `409 Conflict` (by [`equivalence`]);
//!   [`voiding`]: what a voiding statement does to its target;
//! - [`StatementResult`] and [`more_irl`] / [`read_more_request`]: query answers ([`query`]) and their
//!   next page; [`format_statement`] with [`AcceptLanguage`]: the `format` parameter (`ids`, `canonical`
//!   language filtering per language map) applied to a stored statement;
//! - [`multipart`]: `multipart/mixed` bodies read and built; [`signature`]: signed statements;
//! - [`read_alternate_request`]: the 1.0.3 alternate request syntax turned into the request it stands for.
//!
//! The other resources: [`about`] (and `X-Experience-API-Version` negotiation), [`documents`] (State,
//! Activity Profile, Agent Profile), [`parse_agents_query`] with [`Person`], [`parse_activities_query`].
//!
//! Gaps: canonical Activity definitions and Verb displays come from the caller ([`CanonicalSource`]);
//! voiding and StatementRef filtering, `X-Experience-API-Consistent-Through` values and the `more` cursor
//! content are the store's; authentication (OAuth, Basic) is out of scope.

pub mod about;
mod alternate;
mod conflict;
pub mod documents;
pub mod equivalence;
mod format;
mod language;
pub mod multipart;
pub mod query;
mod receive;
mod resources;
mod result;
pub mod signature;
pub mod voiding;

pub use alternate::{AlternateError, read_alternate_request};
pub use conflict::{StoredComparison, compare_with_stored};
pub use format::{CanonicalSource, NoCanonical, format_statement};
pub use language::AcceptLanguage;
pub use receive::{
    RandomIds, ReceiveError, ReceiveOptions, ReceivedAttachment, ReceivedStatements, StatementIds,
    StatementsRequest, receive_statements,
};
pub use resources::{Person, parse_activities_query, parse_agents_query};
pub use result::{MoreIrlError, ResultError, StatementResult, more_irl, read_more_request};
