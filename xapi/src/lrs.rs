//! What an LRS does around statements (xAPI 1.0.3 Communication §2.1, Data §2.5), sans-IO.
//!
//! - [`receive_statements`]: a PUT/POST `/statements` body checked end to end (content type, multipart
//!   and attachments, statement validation, signatures);
//! - [`StatementResult`] and [`more_irl`] / [`read_more_request`]: query answers and their next page;
//! - [`format_statement`] with [`AcceptLanguage`]: the `format` parameter (`ids`, `canonical` language
//!   filtering per language map) applied to a stored statement.
//!
//! - [`read_alternate_request`]: the 1.0.3 alternate request syntax turned into the request it stands for;
//! - [`parse_agents_query`], [`Person`], [`parse_activities_query`]: the Agents and Activities resources;
//! - [`compare_with_stored`]: an id already stored: no-op or `409 Conflict` (by
//!   [`crate::equivalence`]).
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

pub use alternate::{AlternateError, MAX_ALTERNATE_BODY, read_alternate_request};
pub use conflict::{StoredComparison, compare_with_stored};
pub use format::{CanonicalSource, NoCanonical, format_statement};
pub use language::AcceptLanguage;
pub use receive::{ReceiveError, ReceiveOptions, ReceivedStatements, receive_statements};
pub use resources::{Person, parse_activities_query, parse_agents_query};
pub use result::{MoreIrlError, ResultError, StatementResult, more_irl, read_more_request};
