//! Validate, then build the typed model.

use learnwire_report::{JsonPointer, Location, Report};
use serde_json::Value;

use crate::body::{BodyReport, check_body};
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
    let (body, values) = check_body(bytes, options);
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
    match values.into_iter().next() {
        Some(value) => build(value),
        None => Err(body.flatten()),
    }
}

/// Validates a body (one statement or a batch) and builds every statement. A batch is atomic:
/// one invalid statement rejects it all.
///
/// # Errors
/// The [`BodyReport`] when anything is invalid.
pub fn parse_statements(bytes: &[u8], options: &Options) -> Result<Vec<Statement>, BodyReport> {
    let (mut body, values) = check_body(bytes, options);
    if !body.is_valid() {
        return Err(body);
    }
    let mut statements = Vec::with_capacity(values.len());
    for (index, value) in values.into_iter().enumerate() {
        match build(value) {
            Ok(statement) => statements.push(statement),
            Err(report) => {
                if let Some(slot) = body.statements.get_mut(index) {
                    slot.report.merge(report);
                }
                return Err(body);
            }
        }
    }
    Ok(statements)
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
        build(value)
    }
}

fn build(value: Value) -> Result<Statement, Report> {
    serde_json::from_value(value).map_err(|error| {
        let mut report = Report::new();
        report.error(
            Rule::Internal.code(),
            Location::json(JsonPointer::root()),
            format!("the validator accepted a statement the typed model refused (a bug): {error}"),
        );
        report
    })
}
