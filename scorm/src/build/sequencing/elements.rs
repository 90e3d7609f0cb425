//! The child elements of `imsss:sequencing`, one reader each. Each records what the document wrote
//! ([`Written`]) so that an `IDRef` can be resolved against the collection.

use learnwire_report::quote;

use super::Place;
use super::parts::{rollup_rule, sequencing_rule};
use super::vocabulary::{
    EXIT_ACTIONS, POST_ACTIONS, PRE_ACTIONS, REQUIRED_FOR, TIMINGS, read_bool, vocab,
};
use crate::build::manifest::{is_scorm_ns, unexpected};
use crate::build::values::{collapse, decimal, is_duration, non_negative_integer};
use crate::build::{Ctx, ns_is};
use crate::manifest::{Sequencing, Written};
use crate::parse::ns::Ns;
use crate::rules;

/// `imsss:controlMode`.
pub(super) fn control_mode(ctx: &mut Ctx<'_, '_>, el: usize, seq: &mut Sequencing) {
    let c = &mut seq.control_mode;
    for (name, slot, part) in [
        ("choice", &mut c.choice, Written::CHOICE),
        ("choiceExit", &mut c.choice_exit, Written::CHOICE_EXIT),
        ("flow", &mut c.flow, Written::FLOW),
        ("forwardOnly", &mut c.forward_only, Written::FORWARD_ONLY),
        (
            "useCurrentAttemptObjectiveInfo",
            &mut c.use_current_attempt_objective_info,
            Written::USE_CURRENT_OBJECTIVE,
        ),
        (
            "useCurrentAttemptProgressInfo",
            &mut c.use_current_attempt_progress_info,
            Written::USE_CURRENT_PROGRESS,
        ),
    ] {
        if read_bool(ctx, el, name, slot) {
            seq.written.set(part);
        }
    }
}

/// `imsss:sequencingRules`: pre-, exit- and post-condition rules (an organization may not use
/// `exitParent` or `previous` after it, S04-43).
pub(super) fn sequencing_rules(
    ctx: &mut Ctx<'_, '_>,
    el: usize,
    place: Place,
    seq: &mut Sequencing,
    referenced: &mut Vec<(String, usize)>,
) {
    for rule_el in ctx.children(el) {
        let rule_element = ctx.el(rule_el);
        let (kind, actions): (&str, &[&str]) = match (rule_element.ns, rule_element.local) {
            (Ns::Imsss, "preConditionRule") => ("pre", &PRE_ACTIONS),
            (Ns::Imsss, "exitConditionRule") => ("exit", &EXIT_ACTIONS),
            (Ns::Imsss, "postConditionRule") => ("post", &POST_ACTIONS),
            (ns, _) => {
                if is_scorm_ns(ns) {
                    unexpected(ctx, rule_el);
                }
                continue;
            }
        };
        let rule = sequencing_rule(ctx, rule_el, actions, referenced);
        if kind == "post"
            && place == Place::Organization
            && matches!(rule.action.as_str(), "exitParent" | "previous")
        {
            ctx.emit(
                rules::SEQ_ORG_ACTION,
                rule_el,
                format!(
                    "{} is not allowed in an organization's post-condition rules",
                    quote(&rule.action)
                ),
            );
        }
        let rules_list = &mut seq.sequencing_rules;
        match kind {
            "pre" => rules_list.pre_condition.push(rule),
            "exit" => rules_list.exit_condition.push(rule),
            _ => rules_list.post_condition.push(rule),
        }
    }
}

/// `imsss:limitConditions`: `attemptLimit` and `attemptAbsoluteDurationLimit` are kept; ADL advises
/// caution with the other limits (S04-45).
pub(super) fn limit_conditions(ctx: &mut Ctx<'_, '_>, el: usize, seq: &mut Sequencing) {
    if let Some(value) = ctx.plain(el, "attemptLimit") {
        seq.limit_conditions.attempt_limit = non_negative_integer(value);
        if seq.limit_conditions.attempt_limit.is_none() {
            vocab(ctx, el, "attemptLimit", value);
        }
    }
    for name in [
        "attemptAbsoluteDurationLimit",
        "attemptExperiencedDurationLimit",
        "activityAbsoluteDurationLimit",
        "activityExperiencedDurationLimit",
    ] {
        if let Some(value) = ctx.plain(el, name) {
            if !is_duration(value) {
                vocab(ctx, el, name, value);
            }
            if name == "attemptAbsoluteDurationLimit" {
                seq.limit_conditions.attempt_absolute_duration_limit =
                    Some(value.trim().to_owned());
            } else {
                ctx.emit(
                    rules::SEQ_CAUTION,
                    el,
                    format!("ADL advises caution with {name}"),
                );
            }
        }
    }
    for name in ["beginTimeLimit", "endTimeLimit"] {
        if ctx.plain(el, name).is_some() {
            ctx.emit(
                rules::SEQ_CAUTION,
                el,
                format!("ADL advises caution with {name}"),
            );
        }
    }
}

/// `imsss:rollupRules`: its attributes and its `rollupRule` elements (which replace a referenced
/// collection member's, even when there are none).
pub(super) fn rollup_rules(ctx: &mut Ctx<'_, '_>, el: usize, seq: &mut Sequencing) {
    seq.written.set(Written::ROLLUP_RULES);
    let r = &mut seq.rollup_rules;
    for (name, slot, part) in [
        (
            "rollupObjectiveSatisfied",
            &mut r.rollup_objective_satisfied,
            Written::ROLLUP_OBJECTIVE_SATISFIED,
        ),
        (
            "rollupProgressCompletion",
            &mut r.rollup_progress_completion,
            Written::ROLLUP_PROGRESS_COMPLETION,
        ),
    ] {
        if read_bool(ctx, el, name, slot) {
            seq.written.set(part);
        }
    }
    if let Some(value) = ctx.plain(el, "objectiveMeasureWeight") {
        match decimal(value) {
            Some(w) if (0.0..=1.0).contains(&w) => {
                seq.rollup_rules.objective_measure_weight = w;
                seq.written.set(Written::OBJECTIVE_MEASURE_WEIGHT);
            }
            _ => vocab(ctx, el, "objectiveMeasureWeight", value),
        }
    }
    for rule_el in ctx.kids(el, ns_is::imsss, "rollupRule") {
        let rule = rollup_rule(ctx, rule_el);
        seq.rollup_rules.rules.push(rule);
    }
}

/// `imsss:randomizationControls`.
pub(super) fn randomization_controls(ctx: &mut Ctx<'_, '_>, el: usize, seq: &mut Sequencing) {
    let r = &mut seq.randomization_controls;
    for (name, slot, part) in [
        (
            "randomizationTiming",
            &mut r.randomization_timing,
            Written::RANDOMIZATION_TIMING,
        ),
        (
            "selectionTiming",
            &mut r.selection_timing,
            Written::SELECTION_TIMING,
        ),
    ] {
        if let Some(value) = ctx.plain(el, name) {
            let value = collapse(value).into_owned();
            if TIMINGS.contains(&value.as_str()) {
                *slot = value;
                seq.written.set(part);
            } else {
                vocab(ctx, el, name, &value);
            }
        }
    }
    if read_bool(
        ctx,
        el,
        "reorderChildren",
        &mut seq.randomization_controls.reorder_children,
    ) {
        seq.written.set(Written::REORDER_CHILDREN);
    }
    if let Some(value) = ctx.plain(el, "selectCount") {
        seq.randomization_controls.select_count = non_negative_integer(value);
        if seq.randomization_controls.select_count.is_none() {
            vocab(ctx, el, "selectCount", value);
        }
    }
}

/// `imsss:deliveryControls`.
pub(super) fn delivery_controls(ctx: &mut Ctx<'_, '_>, el: usize, seq: &mut Sequencing) {
    let d = &mut seq.delivery_controls;
    for (name, slot, part) in [
        ("tracked", &mut d.tracked, Written::TRACKED),
        (
            "completionSetByContent",
            &mut d.completion_set_by_content,
            Written::COMPLETION_SET_BY_CONTENT,
        ),
        (
            "objectiveSetByContent",
            &mut d.objective_set_by_content,
            Written::OBJECTIVE_SET_BY_CONTENT,
        ),
    ] {
        if read_bool(ctx, el, name, slot) {
            seq.written.set(part);
        }
    }
}

/// `adlseq:constrainedChoiceConsiderations`.
pub(super) fn constrained_choice(ctx: &mut Ctx<'_, '_>, el: usize, seq: &mut Sequencing) {
    if read_bool(ctx, el, "preventActivation", &mut seq.prevent_activation) {
        seq.written.set(Written::PREVENT_ACTIVATION);
    }
    if read_bool(ctx, el, "constrainChoice", &mut seq.constrain_choice) {
        seq.written.set(Written::CONSTRAIN_CHOICE);
    }
}

/// `adlseq:rollupConsiderations`.
pub(super) fn rollup_considerations(ctx: &mut Ctx<'_, '_>, el: usize, seq: &mut Sequencing) {
    let r = &mut seq.rollup_considerations;
    for (name, slot, part) in [
        (
            "requiredForSatisfied",
            &mut r.required_for_satisfied,
            Written::REQUIRED_FOR_SATISFIED,
        ),
        (
            "requiredForNotSatisfied",
            &mut r.required_for_not_satisfied,
            Written::REQUIRED_FOR_NOT_SATISFIED,
        ),
        (
            "requiredForCompleted",
            &mut r.required_for_completed,
            Written::REQUIRED_FOR_COMPLETED,
        ),
        (
            "requiredForIncomplete",
            &mut r.required_for_incomplete,
            Written::REQUIRED_FOR_INCOMPLETE,
        ),
    ] {
        if let Some(value) = ctx.plain(el, name) {
            let value = collapse(value).into_owned();
            if REQUIRED_FOR.contains(&value.as_str()) {
                *slot = value;
                seq.written.set(part);
            } else {
                vocab(ctx, el, name, &value);
            }
        }
    }
    if read_bool(
        ctx,
        el,
        "measureSatisfactionIfActive",
        &mut seq.rollup_considerations.measure_satisfaction_if_active,
    ) {
        seq.written.set(Written::MEASURE_SATISFACTION_IF_ACTIVE);
    }
}

/// `adlseq:objectives`: each `adlseq:objective` needs an `objectiveID` (recorded in `referenced`: it must
/// name an objective of the activity) and at least one `mapInfo` with a `targetObjectiveID` (S04-51).
pub(super) fn adl_objectives(
    ctx: &mut Ctx<'_, '_>,
    el: usize,
    seq: &mut Sequencing,
    referenced: &mut Vec<(String, usize)>,
) {
    seq.written.set(Written::ADL_OBJECTIVES);
    for objective in ctx.kids(el, ns_is::adlseq, "objective") {
        let id = ctx
            .plain(objective, "objectiveID")
            .map(|v| collapse(v).into_owned())
            .unwrap_or_default();
        if id.is_empty() {
            ctx.emit(
                rules::SEQ_STRUCTURE,
                objective,
                "adlseq:objective needs an objectiveID",
            );
        } else {
            referenced.push((id.clone(), objective));
            seq.adl_objective_ids.push(id);
        }
        let maps = ctx.kids(objective, ns_is::adlseq, "mapInfo");
        if maps.is_empty() {
            ctx.emit(
                rules::SEQ_STRUCTURE,
                objective,
                "adlseq:objective needs at least one mapInfo",
            );
        }
        for map in maps {
            if ctx
                .plain(map, "targetObjectiveID")
                .map(|v| collapse(v).is_empty())
                .unwrap_or(true)
            {
                ctx.emit(
                    rules::SEQ_STRUCTURE,
                    map,
                    "mapInfo needs a non-blank targetObjectiveID",
                );
            }
        }
    }
}
