//! What a `sequencing` element wrote, and applying it over the `sequencingCollection` member its `IDRef`
//! names.

use super::Sequencing;

/// Which attributes (and list-valued elements) of a `sequencing` the document wrote. The model applies the
/// spec's defaults, so this is what tells a written `choice="true"` from the default `true` when an
/// `IDRef` is resolved. Optional values (`attemptLimit`, `selectCount`, `objectives`...) need no bit:
/// `Some` is written.
///
/// It is not part of a model's value: two sequencings with the same values are equal whatever they wrote.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct Written(u32);

impl PartialEq for Written {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

/// `fn(resolved, local)`: copies one written part of `local` into `resolved`.
type Apply = fn(&mut Sequencing, &Sequencing);

macro_rules! parts {
    ($($bit:literal $name:ident => |$out:ident, $local:ident| $copy:expr;)*) => {
        impl Written {
            $(
                #[doc = concat!("`", stringify!($name), "` was written.")]
                pub(crate) const $name: u32 = 1 << $bit;
            )*
        }
        /// Every bit with how to copy its part.
        const PARTS: &[(u32, Apply)] = &[$((Written::$name, |$out, $local| $copy)),*];
    };
}

parts! {
    0 CHOICE => |o, l| o.control_mode.choice = l.control_mode.choice;
    1 CHOICE_EXIT => |o, l| o.control_mode.choice_exit = l.control_mode.choice_exit;
    2 FLOW => |o, l| o.control_mode.flow = l.control_mode.flow;
    3 FORWARD_ONLY => |o, l| o.control_mode.forward_only = l.control_mode.forward_only;
    4 USE_CURRENT_OBJECTIVE => |o, l| o.control_mode.use_current_attempt_objective_info =
        l.control_mode.use_current_attempt_objective_info;
    5 USE_CURRENT_PROGRESS => |o, l| o.control_mode.use_current_attempt_progress_info =
        l.control_mode.use_current_attempt_progress_info;
    6 ROLLUP_RULES => |o, l| o.rollup_rules.rules.clone_from(&l.rollup_rules.rules);
    7 ROLLUP_OBJECTIVE_SATISFIED => |o, l| o.rollup_rules.rollup_objective_satisfied =
        l.rollup_rules.rollup_objective_satisfied;
    8 ROLLUP_PROGRESS_COMPLETION => |o, l| o.rollup_rules.rollup_progress_completion =
        l.rollup_rules.rollup_progress_completion;
    9 OBJECTIVE_MEASURE_WEIGHT => |o, l| o.rollup_rules.objective_measure_weight =
        l.rollup_rules.objective_measure_weight;
    10 RANDOMIZATION_TIMING => |o, l| o.randomization_controls.randomization_timing
        .clone_from(&l.randomization_controls.randomization_timing);
    11 SELECTION_TIMING => |o, l| o.randomization_controls.selection_timing
        .clone_from(&l.randomization_controls.selection_timing);
    12 REORDER_CHILDREN => |o, l| o.randomization_controls.reorder_children =
        l.randomization_controls.reorder_children;
    13 TRACKED => |o, l| o.delivery_controls.tracked = l.delivery_controls.tracked;
    14 COMPLETION_SET_BY_CONTENT => |o, l| o.delivery_controls.completion_set_by_content =
        l.delivery_controls.completion_set_by_content;
    15 OBJECTIVE_SET_BY_CONTENT => |o, l| o.delivery_controls.objective_set_by_content =
        l.delivery_controls.objective_set_by_content;
    16 PREVENT_ACTIVATION => |o, l| o.prevent_activation = l.prevent_activation;
    17 CONSTRAIN_CHOICE => |o, l| o.constrain_choice = l.constrain_choice;
    18 REQUIRED_FOR_SATISFIED => |o, l| o.rollup_considerations.required_for_satisfied
        .clone_from(&l.rollup_considerations.required_for_satisfied);
    19 REQUIRED_FOR_NOT_SATISFIED => |o, l| o.rollup_considerations.required_for_not_satisfied
        .clone_from(&l.rollup_considerations.required_for_not_satisfied);
    20 REQUIRED_FOR_COMPLETED => |o, l| o.rollup_considerations.required_for_completed
        .clone_from(&l.rollup_considerations.required_for_completed);
    21 REQUIRED_FOR_INCOMPLETE => |o, l| o.rollup_considerations.required_for_incomplete
        .clone_from(&l.rollup_considerations.required_for_incomplete);
    22 MEASURE_SATISFACTION_IF_ACTIVE => |o, l| o.rollup_considerations.measure_satisfaction_if_active =
        l.rollup_considerations.measure_satisfaction_if_active;
    23 ADL_OBJECTIVES => |o, l| o.adl_objective_ids.clone_from(&l.adl_objective_ids);
}

impl Written {
    /// Records that `part` (one of the constants) was written.
    pub(crate) fn set(&mut self, part: u32) {
        self.0 |= part;
    }

    /// Whether `part` was written.
    pub(crate) fn has(self, part: u32) -> bool {
        self.0 & part != 0
    }
}

/// `local` applied over `base` (the collection member its `IDRef` names): see
/// [`Sequencing::applied_over`].
pub(super) fn apply(local: &Sequencing, base: &Sequencing) -> Sequencing {
    let mut out = base.clone();
    out.id.clone_from(&local.id);
    out.id_ref.clone_from(&local.id_ref);
    for (part, copy) in PARTS {
        if local.written.has(*part) {
            copy(&mut out, local);
        }
    }
    out.written.set(local.written.0);
    let rules = &local.sequencing_rules;
    for (written, resolved) in [
        (
            &rules.pre_condition,
            &mut out.sequencing_rules.pre_condition,
        ),
        (
            &rules.exit_condition,
            &mut out.sequencing_rules.exit_condition,
        ),
        (
            &rules.post_condition,
            &mut out.sequencing_rules.post_condition,
        ),
    ] {
        if !written.is_empty() {
            resolved.clone_from(written);
        }
    }
    let limits = &local.limit_conditions;
    if limits.attempt_limit.is_some() {
        out.limit_conditions.attempt_limit = limits.attempt_limit;
    }
    if limits.attempt_absolute_duration_limit.is_some() {
        out.limit_conditions
            .attempt_absolute_duration_limit
            .clone_from(&limits.attempt_absolute_duration_limit);
    }
    if local.randomization_controls.select_count.is_some() {
        out.randomization_controls.select_count = local.randomization_controls.select_count;
    }
    if local.objectives.is_some() {
        out.objectives.clone_from(&local.objectives);
    }
    out
}
