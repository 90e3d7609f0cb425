//! Voiding (Data 2.3.2): the checks that need the voided statement.
//!
//! The rule that needs only the voiding statement (its object is a StatementRef) runs in every
//! validation (`xapi.voiding.object`). What needs storage is here: call
//! [`check_voiding_target`] with the statement the reference points to, when the LRS has it.

use learnwire_report::{JsonPointer, Location, Report};

use crate::statement::StatementObject;
use crate::{Rule, Statement};

/// What an LRS should do with a voiding statement once it knows the target.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum VoidingOutcome {
    /// The target exists and is not itself voiding: mark it voided.
    VoidTarget,
    /// The target is unknown: accept and store (R-O02: never reject for a missing target).
    TargetUnknown,
    /// The target is a voiding statement: the LRS may reject; if accepted it has no effect.
    TargetIsVoiding,
}

/// The id a voiding statement voids, or `None` when `statement` is not a (well-formed) voiding
/// statement.
pub fn voided_id(statement: &Statement) -> Option<&crate::types::XapiUuid> {
    if !statement.is_voiding() {
        return None;
    }
    match &statement.object {
        StatementObject::StatementRef(reference) => Some(&reference.id),
        _ => None,
    }
}

/// Decides what voiding `target` means. `target` is the stored statement the voiding statement's
/// StatementRef names, or `None` when the LRS does not have it. A `TargetIsVoiding` outcome is
/// also written to `report` as a warning (`xapi.voiding.target`): a voiding statement cannot be
/// voided.
///
/// ```
/// use learnwire_xapi::voiding::{VoidingOutcome, check_voiding_target};
/// use learnwire_xapi::Report;
/// let mut report = Report::new();
/// assert_eq!(check_voiding_target(None, &mut report), VoidingOutcome::TargetUnknown);
/// ```
pub fn check_voiding_target(target: Option<&Statement>, report: &mut Report) -> VoidingOutcome {
    match target {
        None => VoidingOutcome::TargetUnknown,
        Some(target) if target.is_voiding() => {
            report.warning(
                Rule::VoidingTarget.code(),
                Location::json(JsonPointer::root().key("object").key("id")),
                "the target is itself a voiding statement: voiding it has no effect",
            );
            VoidingOutcome::TargetIsVoiding
        }
        Some(_) => VoidingOutcome::VoidTarget,
    }
}
