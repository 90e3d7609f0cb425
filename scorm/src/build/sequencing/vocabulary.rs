//! The sequencing vocabularies and the small readers shared by the sequencing builders.

use learnwire_report::quote;

use crate::build::Ctx;
use crate::build::values::{boolean, collapse};
use crate::rules;

pub(super) const RULE_CONDITIONS: [&str; 12] = [
    "satisfied",
    "objectiveStatusKnown",
    "objectiveMeasureKnown",
    "objectiveMeasureGreaterThan",
    "objectiveMeasureLessThan",
    "completed",
    "activityProgressKnown",
    "attempted",
    "attemptLimitExceeded",
    "timeLimitExceeded",
    "outsideAvailableTimeRange",
    "always",
];
pub(super) const ROLLUP_CONDITIONS: [&str; 9] = [
    "satisfied",
    "objectiveStatusKnown",
    "objectiveMeasureKnown",
    "completed",
    "activityProgressKnown",
    "attempted",
    "attemptLimitExceeded",
    "timeLimitExceeded",
    "outsideAvailableTimeRange",
];
pub(super) const PRE_ACTIONS: [&str; 4] = [
    "skip",
    "disabled",
    "hiddenFromChoice",
    "stopForwardTraversal",
];
pub(super) const EXIT_ACTIONS: [&str; 1] = ["exit"];
pub(super) const POST_ACTIONS: [&str; 6] = [
    "exitParent",
    "exitAll",
    "retry",
    "retryAll",
    "continue",
    "previous",
];
pub(super) const ROLLUP_ACTIONS: [&str; 4] =
    ["satisfied", "notSatisfied", "completed", "incomplete"];
pub(super) const CHILD_SETS: [&str; 5] = ["all", "any", "none", "atLeastCount", "atLeastPercent"];
pub(super) const TIMINGS: [&str; 3] = ["never", "once", "onEachNewAttempt"];
pub(super) const REQUIRED_FOR: [&str; 4] =
    ["always", "ifAttempted", "ifNotSkipped", "ifNotSuspended"];

/// How objective identifiers are compared: percent-decoded where the escapes are valid, then collapsed.
pub(super) fn objective_key(id: &str) -> String {
    let decoded = crate::launch::normalize_key(id);
    collapse(&decoded).into_owned()
}

/// Reads the boolean attribute `name` of `el` into `slot`; true when a valid value was written (an
/// invalid one is reported and leaves `slot` as it was).
pub(super) fn read_bool(ctx: &mut Ctx<'_, '_>, el: usize, name: &str, slot: &mut bool) -> bool {
    let Some(value) = ctx.plain(el, name) else {
        return false;
    };
    match boolean(value) {
        Some(parsed) => {
            *slot = parsed;
            true
        }
        None => {
            vocab(ctx, el, name, value);
            false
        }
    }
}

pub(super) fn vocab(ctx: &mut Ctx<'_, '_>, el: usize, name: &str, value: &str) {
    ctx.emit(
        rules::SEQ_VOCABULARY,
        el,
        format!("{name} {} is not allowed here", quote(value)),
    );
}
