//! xAPI 1.0.3 and 2.0 (IEEE 9274.1.1-2023) statements: a typed model, every statement rule of
//! the specification with a stable code and a JSON pointer per problem, and the parts of an LRS
//! that concern statements (batches, voiding, limits).
//!
//! # Overview
//!
//! - **An LRS's PUT/POST `/statements`**: [`lrs::StatementsRequest::from_http_request`] reads the
//!   whole `http::Request` (version negotiation, alternate syntax, method, `statementId`, content type,
//!   limits, `multipart/mixed` attachments, every statement rule once, signatures) into typed
//!   [`Statement`]s with ids, or a [`lrs::ReceiveError`] whose `to_http_response` is the answer to
//!   send (`400`/`405`/`409`/`413`, every problem with its code, pointer and message).
//! - [`validate_statement_body`]: a `PUT`/`POST /statements` body (one statement or a batch) as
//!   raw bytes → [`BodyReport`] with every problem of every statement. Duplicate keys, nesting
//!   depth and sizes are checked while reading, before the rules run. Raw bodies are read into a
//!   borrowed tree (strings point into the body when they have no escapes, objects are small
//!   vectors), not a `serde_json::Value`: reading and checking a statement that way costs less than
//!   `serde_json::from_slice::<Value>` alone. The rules never need the typed model.
//! - [`validate_value`]: one statement already parsed into a `serde_json::Value` → [`Report`].
//! - [`parse_statement`] / [`parse_statements`]: validate, then build the typed [`Statement`].
//! - [`Options`]: the xAPI version ([`XapiVersion`]), [`Limits`] (every limit of the crate, one
//!   value), `stop_at_first_error` and a [`Policy`] for the points implementations dispute (defaults
//!   follow the ADL conformance test suite).
//! - [`Rule`]: every statement rule's code (`xapi.agent.ifi-count`…) and the rule id of the xAPI
//!   rules list it implements; [`CODES`]: every code the crate can emit (rules, request parameters,
//!   and the `code()` of every error), with severity, summary and reference. The report types
//!   ([`Report`], [`Issue`], [`Code`], [`CodeInfo`], [`Location`], [`JsonPointer`], [`Severity`]) are
//!   re-exported: no direct dependency on `learnwire-report` is needed.
//! - The rest of an LRS or a client in [`lrs`]: [`lrs::receive_statements`] (a body whose headers were
//!   read elsewhere), [`lrs::multipart`], [`lrs::signature`], [`lrs::query`], [`lrs::documents`],
//!   [`lrs::about`], [`lrs::equivalence`], [`lrs::voiding`], `more` IRLs and `format`.
//!
//! The crate has three layers, one folder each: reading (`json/`: bytes to a strict JSON tree, bounded
//! by [`Limits`]), the statement model and its validation ([`statement`], [`types`], the validator and
//! [`Rule`]), and the LRS resources ([`lrs`]). The resource modules are also re-exported at the root
//! under their former paths (`learnwire_xapi::multipart`, `::signature`, `::query`, `::documents`,
//! `::about`, `::equivalence`, `::voiding`).
//!
//! # Quick start
//!
//! An LRS receiving statements: one call from the HTTP request to statements to store, or to the
//! response refusing them.
//!
//! ```
//! use learnwire_xapi::lrs::{ReceiveOptions, StatementsRequest};
//!
//! # let request = http::Request::post("/xapi/statements").header("X-Experience-API-Version", "2.0.0")
//! #     .header("Content-Type", "application/json").body(br#"{"actor": {"mbox": "mailto:a@example.com"},
//! #     "verb": {"id": "http://adlnet.gov/expapi/verbs/completed"}, "object": {"id": "http://example.com/a"}}"#.to_vec())?;
//! # fn store(_: &[learnwire_xapi::Statement]) {}
//! let options = ReceiveOptions::default();
//! let response = match StatementsRequest::from_http_request(&request, &options) {
//!     // Typed statements, validated once, each with its id; then 200 with the ids (POST) or 204 (PUT).
//!     Ok(received) => { store(received.statements()); received.to_http_response() }
//!     // 400, 405, 409, 413..., a JSON body listing every problem's code, pointer and message.
//!     Err(refused) => refused.to_http_response_for(&request, &options),
//! };
//! # assert_eq!(response.status(), 200);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! Validating statements without HTTP, every problem with its code and pointer:
//!
//! ```
//! use learnwire_xapi::{Options, XapiVersion, parse_statement, validate_statement_body};
//!
//! let body = br#"{
//!     "actor": {"mbox": "mailto:learner@example.com", "name": "A Learner"},
//!     "verb": {"id": "http://adlnet.gov/expapi/verbs/completed", "display": {"en-US": "completed"}},
//!     "object": {"id": "http://example.com/courses/rust"},
//!     "result": {"score": {"scaled": 0.9}, "duration": "PT1H2M"},
//!     "timestamp": "2024-05-01T10:00:00Z"
//! }"#;
//! let options = Options::new(XapiVersion::V2_0_0);
//! assert!(validate_statement_body(body, &options).is_valid());
//! let statement = parse_statement(body, &options).unwrap();
//! assert_eq!(statement.verb.id.as_str(), "http://adlnet.gov/expapi/verbs/completed");
//!
//! let bad = br#"{"actor": {"mbox": "learner@example.com"}, "verb": {"id": "completed"},
//!                "object": {"id": "http://example.com/a"}}"#;
//! let report = validate_statement_body(bad, &options);
//! let codes: Vec<&str> = report.flatten().issues().iter().map(|i| i.code.as_str()).collect();
//! assert_eq!(codes, ["xapi.agent.mbox", "xapi.format.iri"]);
//! ```
//!
//! # Crate features
//!
//! None. Leniency is chosen at run time through [`Policy`].
//!
//! # Spec coverage
//!
//! Every statement rule of sections A–O of the rules list that can be checked on the statement
//! alone: JSON types, nulls, unknown keys and key case, duplicate keys, UUIDs, IRIs (RFC 3987 via
//! `iri-string`), language tags (BCP 47 via `oxilangtag`), `mailto:` IRIs, SHA-1/SHA-2 digests,
//! media types, timestamps (calendar-checked, `-00:00` refused; by default ISO 8601 combined
//! date-times in basic or extended format under 1.0.3, as Data 4.5 and XAPI-00123 require, and RFC
//! 3339 under 2.0, with a space separator allowed; see [`TimestampSyntax`]), ISO 8601 durations
//! (§4.4.3.2 only), versions, Agents/Groups/IFIs/accounts, authority (three-legged OAuth groups),
//! verbs, activities and interaction components, StatementRef, SubStatement, result/score, context
//! (2.0 `contextAgents`/`contextGroups`), attachments metadata (a signature attachment is
//! `application/octet-stream`), voiding (object must be a StatementRef;
//! [`voiding::check_voiding_target`] for the part that needs the target), batches (duplicate ids,
//! size).
//!
//! Request-level rules (version header, alternate syntax, PUT `statementId`, conflicts, multipart parts,
//! signatures) are checked by the front door in [`lrs`]. Honest gaps:
//! `authority` is validated but an LRS must still overwrite it from credentials (R-J01);
//! `mailto:` addresses are checked for shape (local part, domain), not against RFC 5322 in full.
//!
//! # Untrusted input
//!
//! Every entry point takes attacker-controlled bytes. Work is bounded by [`Limits`] (body 1 MiB,
//! statement 256 KiB, depth 128, batch 1 000 statements, strings 64 KiB, 10 000 items per
//! array/object, extension values included; `multipart/mixed` bodies 32 MiB in at most 256 parts),
//! each checked before the work it protects; all
//! parsers are linear-time (no backtracking regular expressions). Reports are bounded too: at most
//! 10 000 issues per body, each located by a pointer of at most 1 KiB; problems past that are
//! counted without building a location or a message. Messages quote attacker text through
//! [`learnwire_report::quote`] (truncated, escaped). Nothing panics on any input (fuzzed:
//! `fuzz/fuzz_targets/xapi_statement.rs`).
//!
//! # Security
//!
//! Duplicate keys are refused (serde_json would keep the last one silently, so two readers could
//! see two different statements); lone surrogates and invalid UTF-8 are refused; numbers that do
//! not fit a double are refused. A valid statement is not an authorised one: authority and stored
//! are the LRS's job (the front door assigns missing ids, from a caller-replaceable random source).
//! Signed statements are read and verified by `learnwire-jose` (pinned RS256/384/512, keys parsed
//! once, `jwk`/`jku`/`x5u` refused, `x5c` certificates parsed with `x509-parser`); trusting an `x5c`
//! chain is the caller's decision.

#![forbid(unsafe_code)]

mod codes;
mod json;
mod limits;
pub mod lrs;
mod options;
pub mod statement;
pub mod types;
mod validate;

pub use codes::CODES;
pub use json::body::{BodyReport, StatementReport, validate_statement_body};
pub use learnwire_report::{Code, CodeInfo, Issue, JsonPointer, Location, Report, Severity};
pub use limits::Limits;
pub use lrs::{about, documents, equivalence, multipart, query, signature, voiding};
pub use options::{Options, Policy, UnknownXapiVersion, UuidPolicy, XapiVersion};
pub use statement::{Statement, parse_statement, parse_statements};
pub use types::TimestampSyntax;
pub use validate::{Rule, validate_value};

/// The verb that voids a statement (Data 2.3.2).
pub const VOIDED_VERB: &str = "http://adlnet.gov/expapi/verbs/voided";
