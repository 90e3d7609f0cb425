//! A statements request body as an LRS receives it on `PUT`/`POST /statements`: one statement or an
//! array (a batch), read strictly (duplicate keys, limits) and validated statement by statement.

use std::collections::BTreeMap;

use learnwire_report::{JsonPointer, Location, Report, Severity, quote};
use serde::Serialize;

use crate::json::node::Node;
use crate::json::{self, ReadError};
use crate::validate::validate_node;
use crate::{Options, Rule};

/// The verdict on one request body.
///
/// The reports of the body and of all its statements keep at most
/// [`Limits::max_issues`](crate::Limits::max_issues) issues together; past that each report only counts
/// what it found ([`Report::dropped`]), so a hostile body cannot make the verdict large.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct BodyReport {
    /// Problems with the body as a whole (not JSON, too large, too deep, too many statements).
    /// Pointers are relative to the body.
    pub body: Report,
    /// True when the body is an array (a batch).
    pub batch: bool,
    /// One report per statement, in order. Pointers are relative to the statement.
    pub statements: Vec<StatementReport>,
}

/// The verdict on one statement of a body.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct StatementReport {
    /// Position in the batch (0 for a single statement).
    pub index: usize,
    /// The statement's `id` when it has a string one.
    pub id: Option<String>,
    /// Every problem found.
    pub report: Report,
}

impl BodyReport {
    /// True when the body and every statement are valid (a batch is atomic).
    pub fn is_valid(&self) -> bool {
        self.body.is_valid()
            && self
                .statements
                .iter()
                .all(|statement| statement.report.is_valid())
    }

    /// Every error and warning, body issues first, then each statement's (pointers of statements
    /// in a batch prefixed with their index), and the count of every report's dropped issues.
    pub fn flatten(&self) -> Report {
        let mut all = self.body.clone();
        for statement in &self.statements {
            let severity = if statement.report.is_valid() {
                Severity::Warning
            } else {
                Severity::Error
            };
            all.count_dropped(statement.report.dropped(), severity);
            for issue in statement.report.issues() {
                let mut issue = issue.clone();
                if self.batch
                    && let Location::Json { pointer } = &issue.location
                {
                    let prefixed = format!("/{}{}", statement.index, pointer.as_str());
                    issue.location = Location::json(pointer_from(&prefixed));
                }
                all.push(issue);
            }
        }
        all
    }
}

fn pointer_from(text: &str) -> JsonPointer {
    // Segments are already escaped: rebuild without escaping again.
    let mut pointer = JsonPointer::root();
    for segment in text.split('/').skip(1) {
        let unescaped = segment.replace("~1", "/").replace("~0", "~");
        pointer = pointer.key(&unescaped);
    }
    pointer
}

/// Validates a statements request body: one statement, or an array of statements (a batch).
///
/// Checks, in order and before expensive work: [`Limits::max_body_bytes`](crate::Limits::max_body_bytes),
/// JSON syntax (UTF-8, no `NaN`, no trailing data), [`Limits::max_batch_statements`](crate::Limits),
/// [`Limits::max_statement_bytes`](crate::Limits), nesting depth, duplicate keys; then every statement
/// rule, and duplicate statement ids within a batch.
///
/// ```
/// use learnwire_xapi::{Options, validate_statement_body};
/// let body = br#"{"actor": {"mbox": "mailto:a@example.com"},
///                 "verb": {"id": "http://adlnet.gov/expapi/verbs/completed"},
///                 "object": {"id": "http://example.com/course"},
///                 "object": {"id": "http://example.com/other"}}"#;
/// let report = validate_statement_body(body, &Options::default());
/// assert!(!report.is_valid());
/// assert!(report.statements[0].report.has_code("xapi.json.duplicate-key"));
/// ```
pub fn validate_statement_body(bytes: &[u8], options: &Options) -> BodyReport {
    check_body(bytes, options)
}

/// Validates a body.
pub(crate) fn check_body(bytes: &[u8], options: &Options) -> BodyReport {
    let limits = options.limits();
    let mut report = BodyReport {
        body: Report::with_issue_limit(limits.max_issues()),
        batch: false,
        statements: Vec::new(),
    };
    if bytes.len() > limits.max_body_bytes() {
        report.body.error(
            Rule::LimitBody.code(),
            Location::json(JsonPointer::root()),
            format!("the body is larger than {} bytes", limits.max_body_bytes()),
        );
        return report;
    }
    let first = bytes.iter().find(|byte| !byte.is_ascii_whitespace());
    if first == Some(&b'[') {
        report.batch = true;
        let elements = match json::split_batch(bytes, limits) {
            Ok(elements) => elements,
            Err(error) => {
                error.report_into(&mut report.body);
                return report;
            }
        };
        let mut ids: BTreeMap<String, usize> = BTreeMap::new();
        // The issue budget the statements share.
        let mut budget = limits.max_issues();
        for (index, raw) in elements.iter().enumerate() {
            let (mut statement, id) = one(raw.get().as_bytes(), index, options, budget);
            if let Some(id) = id {
                let key = id.to_ascii_lowercase();
                if let Some(first) = ids.get(&key) {
                    statement.report.error(
                        Rule::BatchDuplicateId.code(),
                        Location::json(JsonPointer::root().key("id")),
                        format!(
                            "statement id {} is also used by statement {first} of this batch",
                            quote(&id)
                        ),
                    );
                } else {
                    ids.insert(key, index);
                }
            }
            let failed = !statement.report.is_valid();
            budget = budget.saturating_sub(statement.report.issues().len());
            report.statements.push(statement);
            if failed && options.stop_at_first_error() {
                break;
            }
        }
        report
    } else {
        let (statement, _) = one(bytes, 0, options, limits.max_issues());
        report.statements.push(statement);
        report
    }
}

/// Reads and validates one statement's bytes, keeping at most `budget` issues; also returns its
/// full `id` when it is a string.
fn one(
    bytes: &[u8],
    index: usize,
    options: &Options,
    budget: usize,
) -> (StatementReport, Option<String>) {
    let mut statement = StatementReport {
        index,
        id: None,
        report: Report::with_issue_limit(budget),
    };
    if bytes.len() > options.limits().max_statement_bytes() {
        statement.report.error(
            Rule::LimitStatement.code(),
            Location::json(JsonPointer::root()),
            format!(
                "the statement is larger than {} bytes",
                options.limits().max_statement_bytes()
            ),
        );
        return (statement, None);
    }
    let record = if options.stop_at_first_error() {
        1
    } else {
        budget
    };
    let strict = match json::read(bytes, options.limits(), record) {
        Ok(strict) => strict,
        Err(ReadError { rule, message }) => {
            statement
                .report
                .error(rule.code(), Location::json(JsonPointer::root()), message);
            return (statement, None);
        }
    };
    let full_id = strict
        .value
        .get("id")
        .and_then(Node::as_str)
        .map(str::to_owned);
    statement.id = full_id.clone().filter(|id| id.len() <= 128);
    for found in strict.duplicates {
        let message =
            found.message("this property appears more than once in its object".to_owned());
        statement.report.error(
            Rule::DuplicateKey.code(),
            Location::json(found.pointer),
            message,
        );
        if options.stop_at_first_error() {
            return (statement, full_id);
        }
    }
    statement
        .report
        .count_dropped(strict.more_duplicates, Severity::Error);
    statement.report = validate_node(&strict.value, options, statement.report);
    (statement, full_id)
}
