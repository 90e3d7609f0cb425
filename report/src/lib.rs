//! The validation report shared by every Learnwire crate.
//!
//! # Overview
//!
//! A validator never stops at the first problem: it walks the whole document and records each problem as an
//! [`Issue`] in a [`Report`]. An issue has a stable dotted [`Code`] (for logs, tests and JSON output), a
//! [`Severity`], a [`Location`] (a JSON pointer, an XML element path with line and column, or a package
//! entry) and a plain message.
//!
//! # Quick start
//!
//! ```
//! use learnwire_report::{Code, JsonPointer, Location, Report};
//!
//! let mut report = Report::new();
//! let at = JsonPointer::root().key("actor").key("mbox");
//! report.error(Code::new("xapi.agent.mbox-scheme"), Location::json(at), "mbox must start with mailto:");
//! assert!(!report.is_valid());
//! assert_eq!(report.errors().count(), 1);
//! assert_eq!(report.issues()[0].location.to_string(), "/actor/mbox");
//! ```
//!
//! # Rule registries
//!
//! Every crate lists the codes it can emit as `pub const CODES: &[CodeInfo]`. A crate whose rules have a
//! [`Level`] (an error, an error only under its strict profile, or a warning) declares them once with
//! [`rules!`], which builds a [`Rule`] constant per code and the crate's `ALL` and `CODES` from the same
//! lines.
//!
//! # Crate features
//!
//! None. The crate depends on `serde` only, so every other crate can share it.
//!
//! # Untrusted input
//!
//! A hostile document can produce a very large number of issues. A report keeps at most
//! [`Report::issue_limit`] issues (10 000 by default, see [`Report::with_issue_limit`]); past that it counts
//! what it dropped ([`Report::dropped`]) so memory stays bounded. A validator asks [`Report::is_full`] before
//! building an issue's location and message, and past the limit only counts the problem
//! ([`Report::count_dropped`]), so time stays linear too. Messages given to [`Report::error`] should
//! pass attacker-controlled text through [`quote`], which truncates and escapes it.

#![forbid(unsafe_code)]

mod code;
mod code_info;
mod location;
mod pointer;
mod quote;
mod report;
mod rule;
mod untrusted;

pub use code::Code;
pub use code_info::{CodeInfo, find_code};
pub use location::{Location, XmlPosition};
pub use pointer::JsonPointer;
pub use quote::quote;
pub use report::{Issue, Report, Severity};
pub use rule::{Level, Rule};
pub use untrusted::Untrusted;
