//! The report: every issue found in one document.

use std::fmt;

use serde::ser::SerializeStruct;
use serde::{Serialize, Serializer};

use crate::{Code, Location};

/// How serious an issue is.
///
/// A spec MUST broken is an [`Error`](Severity::Error) and makes the document invalid; a SHOULD broken, or a
/// risk worth knowing about, is a [`Warning`](Severity::Warning).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
#[non_exhaustive]
pub enum Severity {
    /// The document breaks a requirement: it is invalid.
    Error,
    /// The document is valid but something deserves attention.
    Warning,
}

/// One problem found in a document.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct Issue {
    /// The stable code of the rule broken.
    pub code: Code,
    /// Error or warning.
    pub severity: Severity,
    /// Where the problem is.
    pub location: Location,
    /// A plain sentence for a person; untrusted text in it is quoted with [`quote`](crate::quote).
    pub message: String,
}

impl Issue {
    /// An issue from its parts.
    pub fn new(
        code: Code,
        severity: Severity,
        location: Location,
        message: impl Into<String>,
    ) -> Self {
        Self {
            code,
            severity,
            location,
            message: message.into(),
        }
    }

    /// Whether this issue is an error.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

/// Every issue found in one document, in the order found.
///
/// # Example
///
/// ```
/// use learnwire_report::{Code, Location, Report};
///
/// let mut report = Report::new();
/// report.warning(Code::new("scorm.item.title-empty"), Location::Whole, "item has an empty title");
/// assert!(report.is_valid());
/// report.error(Code::new("scorm.manifest.missing"), Location::Whole, "no imsmanifest.xml at the root");
/// assert!(!report.is_valid());
/// assert!(report.has_code("scorm.manifest.missing"));
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Report {
    issues: Vec<Issue>,
    issue_limit: usize,
    dropped: usize,
    dropped_errors: bool,
}

impl Default for Report {
    fn default() -> Self {
        Self::new()
    }
}

impl Report {
    /// The default [`issue_limit`](Self::issue_limit).
    pub const DEFAULT_ISSUE_LIMIT: usize = 10_000;

    /// An empty report keeping at most [`Self::DEFAULT_ISSUE_LIMIT`] issues.
    pub fn new() -> Self {
        Self::with_issue_limit(Self::DEFAULT_ISSUE_LIMIT)
    }

    /// An empty report keeping at most `limit` issues; later ones are counted in [`dropped`](Self::dropped).
    pub fn with_issue_limit(limit: usize) -> Self {
        Self {
            issues: Vec::new(),
            issue_limit: limit,
            dropped: 0,
            dropped_errors: false,
        }
    }

    /// How many issues this report keeps at most.
    pub fn issue_limit(&self) -> usize {
        self.issue_limit
    }

    /// Adds an issue (or counts it as dropped once the limit is reached).
    pub fn push(&mut self, issue: Issue) {
        if self.issues.len() < self.issue_limit {
            self.issues.push(issue);
        } else {
            self.dropped = self.dropped.saturating_add(1);
            self.dropped_errors |= issue.is_error();
        }
    }

    /// True once the report keeps no more issues: every later one is only counted in
    /// [`dropped`](Self::dropped).
    ///
    /// A validator checks this before building an issue's location and message, so that past the
    /// limit reporting a problem costs nothing but a count (see [`count_dropped`](Self::count_dropped)).
    pub fn is_full(&self) -> bool {
        self.issues.len() >= self.issue_limit
    }

    /// Counts `count` issues of `severity` as found but not kept, without building them (for a
    /// validator that stopped building issues once the report [is full](Self::is_full)). A dropped
    /// error still makes the report invalid.
    ///
    /// # Example
    ///
    /// ```
    /// use learnwire_report::{Report, Severity};
    ///
    /// let mut report = Report::with_issue_limit(0);
    /// assert!(report.is_full());
    /// report.count_dropped(3, Severity::Error);
    /// assert_eq!(report.dropped(), 3);
    /// assert!(!report.is_valid());
    /// ```
    pub fn count_dropped(&mut self, count: usize, severity: Severity) {
        if count == 0 {
            return;
        }
        self.dropped = self.dropped.saturating_add(count);
        self.dropped_errors |= severity == Severity::Error;
    }

    /// Adds an error.
    pub fn error(&mut self, code: Code, location: Location, message: impl Into<String>) {
        self.push(Issue::new(code, Severity::Error, location, message));
    }

    /// Adds a warning.
    pub fn warning(&mut self, code: Code, location: Location, message: impl Into<String>) {
        self.push(Issue::new(code, Severity::Warning, location, message));
    }

    /// Adds every issue of `other` (and its dropped count).
    pub fn merge(&mut self, other: Report) {
        self.dropped = self.dropped.saturating_add(other.dropped);
        self.dropped_errors |= other.dropped_errors;
        for issue in other.issues {
            self.push(issue);
        }
    }

    /// True when no error was found (warnings allowed).
    pub fn is_valid(&self) -> bool {
        !self.dropped_errors && !self.issues.iter().any(Issue::is_error)
    }

    /// True when nothing at all was found.
    pub fn is_empty(&self) -> bool {
        self.issues.is_empty() && self.dropped == 0
    }

    /// The issues kept, in the order found.
    pub fn issues(&self) -> &[Issue] {
        &self.issues
    }

    /// Takes the issues out.
    pub fn into_issues(self) -> Vec<Issue> {
        self.issues
    }

    /// The errors kept.
    pub fn errors(&self) -> impl Iterator<Item = &Issue> {
        self.issues.iter().filter(|issue| issue.is_error())
    }

    /// The warnings kept.
    pub fn warnings(&self) -> impl Iterator<Item = &Issue> {
        self.issues.iter().filter(|issue| !issue.is_error())
    }

    /// How many issues were found past the limit and not kept.
    pub fn dropped(&self) -> usize {
        self.dropped
    }

    /// Whether some kept issue has this code.
    pub fn has_code(&self, code: &str) -> bool {
        self.issues.iter().any(|issue| issue.code.as_str() == code)
    }

    /// Turns every warning whose code satisfies `pred` into an error (how a strict profile is applied).
    pub fn escalate(&mut self, pred: impl Fn(Code) -> bool) {
        for issue in &mut self.issues {
            if issue.severity == Severity::Warning && pred(issue.code) {
                issue.severity = Severity::Error;
            }
        }
    }
}

/// One log line: `error xapi.agent.mbox-scheme at /actor/mbox: mbox must start with mailto:`.
///
/// # Example
///
/// ```
/// use learnwire_report::{Code, Issue, Location, Severity};
///
/// let issue = Issue::new(Code::new("demo.a"), Severity::Warning, Location::Whole, "odd");
/// assert_eq!(issue.to_string(), "warning demo.a at package: odd");
/// ```
impl fmt::Display for Issue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let severity = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        write!(
            f,
            "{severity} {} at {}: {}",
            self.code, self.location, self.message
        )
    }
}

/// One log line: the verdict, the counts and the first error (or warning) in full.
///
/// # Example
///
/// ```
/// use learnwire_report::{Code, JsonPointer, Location, Report};
///
/// let mut report = Report::new();
/// assert_eq!(report.to_string(), "valid: no issues");
/// report.error(Code::new("demo.a"), Location::json(JsonPointer::root().key("x")), "bad x");
/// report.warning(Code::new("demo.b"), Location::Whole, "odd");
/// assert_eq!(report.to_string(), "invalid: 1 error, 1 warning; first: error demo.a at /x: bad x");
/// ```
impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let errors = self.errors().count();
        let warnings = self.issues.len().saturating_sub(errors);
        let verdict = if self.is_valid() { "valid" } else { "invalid" };
        if self.is_empty() {
            return write!(f, "{verdict}: no issues");
        }
        let plural = |n: usize| if n == 1 { "" } else { "s" };
        write!(
            f,
            "{verdict}: {errors} error{}, {warnings} warning{}",
            plural(errors),
            plural(warnings)
        )?;
        if self.dropped > 0 {
            write!(f, " (and {} more not kept)", self.dropped)?;
        }
        if let Some(first) = self.errors().next().or_else(|| self.issues.first()) {
            write!(f, "; first: {first}")?;
        }
        Ok(())
    }
}

impl Serialize for Report {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut state = serializer.serialize_struct("Report", 3)?;
        state.serialize_field("valid", &self.is_valid())?;
        state.serialize_field("issues", &self.issues)?;
        state.serialize_field("dropped", &self.dropped)?;
        state.end()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::JsonPointer;

    #[test]
    fn limit_counts_dropped_and_keeps_verdict() {
        let mut report = Report::with_issue_limit(1);
        report.warning(Code::new("a.b"), Location::Whole, "first");
        report.error(Code::new("a.c"), Location::Whole, "second");
        assert_eq!(report.issues().len(), 1);
        assert_eq!(report.dropped(), 1);
        assert!(!report.is_valid(), "a dropped error still makes it invalid");
    }

    #[test]
    fn is_full_at_the_limit_and_count_dropped_keeps_the_verdict() {
        let mut report = Report::with_issue_limit(1);
        assert!(!report.is_full());
        report.warning(Code::new("a.b"), Location::Whole, "first");
        assert!(report.is_full());
        report.count_dropped(2, Severity::Warning);
        assert_eq!(report.dropped(), 2);
        assert!(report.is_valid(), "dropped warnings keep it valid");
        report.count_dropped(0, Severity::Error);
        assert!(report.is_valid(), "nothing counted");
        report.count_dropped(1, Severity::Error);
        assert_eq!(report.dropped(), 3);
        assert!(!report.is_valid());
    }

    #[test]
    fn serializes_for_the_cli() {
        let mut report = Report::new();
        report.error(
            Code::new("xapi.agent.mbox-scheme"),
            Location::json(JsonPointer::root().key("actor")),
            "bad",
        );
        let json = serde_json::to_value(&report).unwrap();
        assert_eq!(
            json,
            serde_json::json!({
                "valid": false,
                "dropped": 0,
                "issues": [{"code": "xapi.agent.mbox-scheme", "severity": "error", "location": "/actor", "message": "bad"}]
            })
        );
    }

    #[test]
    fn escalate_turns_selected_warnings_into_errors() {
        let mut report = Report::new();
        report.warning(Code::new("s.x"), Location::Whole, "x");
        report.warning(Code::new("s.y"), Location::Whole, "y");
        report.escalate(|code| code.as_str() == "s.x");
        assert_eq!(report.errors().count(), 1);
        assert_eq!(report.warnings().count(), 1);
    }
}
