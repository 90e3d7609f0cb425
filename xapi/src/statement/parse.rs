//! Validate, then build the typed model.

use learnwire_report::{JsonPointer, Location, Report};
use serde_json::Value;

use crate::json::body::{BodyReport, check_body};
use crate::statement::UncheckedStatement;
use crate::{Options, Rule, Statement};

/// Validates one statement body (not a batch) and builds the typed [`Statement`].
///
/// # Errors
/// The full [`Report`] when the body is not one valid statement (a batch is refused with
/// `xapi.statement.not-object`). If the typed model rejects a statement the validator accepted,
/// that is a bug in this crate, reported as `xapi.internal` rather than a panic.
///
/// ```
/// use learnwire_xapi::{Options, parse_statement};
/// let body = br#"{"actor": {"objectType": "Group", "member": [{"mbox": "mailto:a@example.com"}]},
///                 "verb": {"id": "http://adlnet.gov/expapi/verbs/attended"},
///                 "object": {"id": "http://example.com/meeting"}}"#;
/// let statement = parse_statement(body, &Options::default()).unwrap();
/// assert!(matches!(statement.actor, learnwire_xapi::statement::Actor::Group(_)));
/// ```
pub fn parse_statement(bytes: &[u8], options: &Options) -> Result<Statement, Report> {
    let body = check_body(bytes, options);
    if body.batch {
        let mut report = body.flatten();
        report.error(
            Rule::StatementNotObject.code(),
            Location::json(JsonPointer::root()),
            "expected one statement, found an array",
        );
        return Err(report);
    }
    if !body.is_valid() {
        return Err(body.flatten());
    }
    build(crate::json::from_checked_slice::<UncheckedStatement>(bytes)).map(Statement::from)
}

/// Validates a body (one statement or a batch) and builds every statement. A batch is atomic:
/// one invalid statement rejects it all.
///
/// # Errors
/// The [`BodyReport`] when anything is invalid.
pub fn parse_statements(bytes: &[u8], options: &Options) -> Result<Vec<Statement>, BodyReport> {
    let mut body = check_body(bytes, options);
    if !body.is_valid() {
        return Err(body);
    }
    let built = if body.batch {
        build(crate::json::from_checked_slice::<Vec<UncheckedStatement>>(
            bytes,
        ))
        .map(|list| list.into_iter().map(Statement::from).collect())
    } else {
        build(crate::json::from_checked_slice::<UncheckedStatement>(bytes))
            .map(|statement| vec![Statement::from(statement)])
    };
    built.map_err(|report| {
        body.body.merge(report);
        body
    })
}

impl Statement {
    /// Validates a parsed JSON value and builds the typed statement.
    ///
    /// # Errors
    /// The [`Report`] of [`crate::validate_value`] when the statement is invalid.
    pub fn from_value(value: Value, options: &Options) -> Result<Self, Report> {
        let report = crate::validate_value(&value, options);
        if !report.is_valid() {
            return Err(report);
        }
        build(serde_json::from_value::<UncheckedStatement>(value)).map(Self::from)
    }
}

/// Turns a typed-model failure after a clean report into an internal issue.
fn build<T>(built: Result<T, serde_json::Error>) -> Result<T, Report> {
    built.map_err(|error| {
        let mut report = Report::new();
        report.error(
            Rule::Internal.code(),
            Location::json(JsonPointer::root()),
            format!("the validator accepted a statement the typed model refused (a bug): {error}"),
        );
        report
    })
}
