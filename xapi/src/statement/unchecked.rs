//! How a [`Statement`] is deserialized: checked by every rule for callers, unchecked only inside
//! the crate, after the validator has passed the same bytes.

use std::fmt::Write as _;

use serde::Deserialize;
use serde::de::{self, Deserializer};
use serde_json::Value;

use super::{Actor, Attachment, Context, Statement, StatementObject, StatementOutcome, Verb};
use crate::types::{Timestamp, Version, XapiUuid};
use crate::{Options, Report, XapiVersion, validate_value};

/// Issues named in the message of a refused statement; the rest are counted.
const ISSUES_IN_MESSAGE: usize = 3;

/// The fields of a [`Statement`] read by serde alone, without the statement rules: only for JSON
/// the validator has already accepted ([`crate::parse_statement`], [`Statement::from_value`]), so
/// the LRS path validates once.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub(crate) struct UncheckedStatement {
    #[serde(default)]
    id: Option<XapiUuid>,
    actor: Actor,
    verb: Verb,
    object: StatementObject,
    #[serde(default)]
    result: Option<StatementOutcome>,
    #[serde(default)]
    context: Option<Context>,
    #[serde(default)]
    timestamp: Option<Timestamp>,
    #[serde(default)]
    stored: Option<Timestamp>,
    #[serde(default)]
    authority: Option<Actor>,
    #[serde(default)]
    version: Option<Version>,
    #[serde(default)]
    attachments: Option<Vec<Attachment>>,
}

impl From<UncheckedStatement> for Statement {
    fn from(fields: UncheckedStatement) -> Self {
        let UncheckedStatement {
            id,
            actor,
            verb,
            object,
            result,
            context,
            timestamp,
            stored,
            authority,
            version,
            attachments,
        } = fields;
        Self {
            id,
            actor,
            verb,
            object,
            result,
            context,
            timestamp,
            stored,
            authority,
            version,
            attachments,
        }
    }
}

/// Runs every statement rule before building (see [`Statement`]).
impl<'de> Deserialize<'de> for Statement {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let value = crate::json::deserialize_value(deserializer)?;
        if let Err(report) = check(&value) {
            return Err(de::Error::custom(refusal(&report)));
        }
        UncheckedStatement::deserialize(value)
            .map(Self::from)
            .map_err(de::Error::custom)
    }
}

/// Valid under the default options of xAPI 1.0.3 or of 2.0; otherwise the report of the version
/// the statement declares.
fn check(value: &Value) -> Result<(), Report> {
    let declares_v2 = value
        .get("version")
        .and_then(Value::as_str)
        .is_some_and(|version| version.starts_with("2."));
    let (first, second) = if declares_v2 {
        (XapiVersion::V2_0_0, XapiVersion::V1_0_3)
    } else {
        (XapiVersion::V1_0_3, XapiVersion::V2_0_0)
    };
    let report = validate_value(value, &Options::new(first));
    if report.is_valid() || validate_value(value, &Options::new(second)).is_valid() {
        Ok(())
    } else {
        Err(report)
    }
}

/// `invalid xAPI statement: <code> at <pointer>: <message>; …` for the first errors.
fn refusal(report: &Report) -> String {
    let mut message = String::from("invalid xAPI statement");
    let mut count = 0usize;
    for issue in report.errors() {
        if count < ISSUES_IN_MESSAGE {
            let separator = if count == 0 { ": " } else { "; " };
            let _ = write!(
                message,
                "{separator}{} at {}: {}",
                issue.code, issue.location, issue.message
            );
        }
        count = count.saturating_add(1);
    }
    let more = count
        .saturating_sub(ISSUES_IN_MESSAGE)
        .saturating_add(report.dropped());
    if more > 0 {
        let _ = write!(message, " (and {more} more)");
    }
    message
}
