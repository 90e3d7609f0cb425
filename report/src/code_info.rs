//! The registry entry every crate keeps for each code it can emit.

use crate::{Code, Severity};

/// One stable code a crate can emit: its text, how it is reported, a one-line summary and the spec rule or
/// reference behind it.
///
/// Every Learnwire crate exposes `pub const CODES: &[CodeInfo]`, the list of every code it can emit, in
/// reports and in the `code()` of its errors. A workspace test checks that every emitted code is listed
/// and that no code is listed twice.
///
/// `severity` is the severity the code has in its strictest reading: a rule that is an error under a strict
/// profile and a warning under a lenient one is listed as [`Severity::Error`]. Codes of failed operations
/// (errors of a `Result`) are errors.
///
/// # Example
///
/// ```
/// use learnwire_report::{CodeInfo, Severity};
///
/// const CODES: &[CodeInfo] = &[
///     CodeInfo::error("demo.thing.missing", "a thing is missing", "Demo spec §1"),
///     CodeInfo::warning("demo.thing.odd", "a thing looks odd", "Demo spec §2"),
/// ];
/// assert_eq!(CODES[0].code.as_str(), "demo.thing.missing");
/// assert_eq!(CODES[1].severity, Severity::Warning);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct CodeInfo {
    /// The stable code.
    pub code: Code,
    /// Its severity in the strictest reading.
    pub severity: Severity,
    /// What it means, in one line.
    pub summary: &'static str,
    /// The spec section, rule id or advisory behind the check.
    pub reference: &'static str,
}

impl CodeInfo {
    /// An entry with every field given.
    pub const fn new(
        code: &'static str,
        severity: Severity,
        summary: &'static str,
        reference: &'static str,
    ) -> Self {
        Self {
            code: Code::new(code),
            severity,
            summary,
            reference,
        }
    }

    /// An error code.
    pub const fn error(code: &'static str, summary: &'static str, reference: &'static str) -> Self {
        Self::new(code, Severity::Error, summary, reference)
    }

    /// A warning code.
    pub const fn warning(
        code: &'static str,
        summary: &'static str,
        reference: &'static str,
    ) -> Self {
        Self::new(code, Severity::Warning, summary, reference)
    }
}

/// Looks a code up in a crate's list.
///
/// # Example
///
/// ```
/// use learnwire_report::{CodeInfo, find_code};
///
/// const CODES: &[CodeInfo] = &[CodeInfo::error("demo.a", "a", "§1")];
/// assert!(find_code(CODES, "demo.a").is_some());
/// assert!(find_code(CODES, "demo.b").is_none());
/// ```
pub fn find_code<'a>(codes: &'a [CodeInfo], code: &str) -> Option<&'a CodeInfo> {
    codes.iter().find(|info| info.code.as_str() == code)
}
