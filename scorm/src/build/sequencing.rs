//! `imsss:sequencing` and the ADL sequencing extensions (S04-40..52).

use std::collections::BTreeSet;

use learnwire_report::quote;

use super::manifest::{is_scorm_ns, unexpected};
use super::values::{collapse, decimal, is_duration, non_negative_integer};
use super::{Ctx, ns_is};
use crate::manifest::Sequencing;
use crate::parse::ns::Ns;
use crate::rules;

mod parts;
mod vocabulary;

use parts::{objectives, rollup_rule, sequencing_rule};
use vocabulary::{
    EXIT_ACTIONS, POST_ACTIONS, PRE_ACTIONS, REQUIRED_FOR, TIMINGS, objective_key, read_bool, vocab,
};

/// Where a sequencing element sits.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Place {
    Item,
    Organization,
    Collection,
}

/// Builds one `imsss:sequencing`.
pub(crate) fn build_sequencing(ctx: &mut Ctx<'_, '_>, el: usize, place: Place) -> Sequencing {
    let mut seq = Sequencing {
        id: ctx.plain(el, "ID").map(|v| collapse(v).into_owned()),
        id_ref: ctx.plain(el, "IDRef").map(|v| collapse(v).into_owned()),
        ..Sequencing::default()
    };
    match (place, &seq.id) {
        (Place::Collection, Some(id)) => {
            let id = id.clone();
            ctx.seq_ids.push((id.clone(), el));
            ctx.declare_id(std::borrow::Cow::Owned(id), el);
        }
        (Place::Collection, None) => ctx.emit(
            rules::SEQ_ID,
            el,
            "a sequencing of the collection needs an ID",
        ),
        (_, Some(_)) => ctx.emit(
            rules::SEQ_ID,
            el,
            "sequencing/@ID is allowed only inside sequencingCollection",
        ),
        (_, None) => {}
    }
    if let Some(id_ref) = &seq.id_ref {
        if place == Place::Collection {
            ctx.emit(
                rules::SEQ_ID,
                el,
                "sequencing/@IDRef is not allowed inside sequencingCollection",
            );
        } else {
            ctx.seq_refs.push((id_ref.clone(), el));
        }
    }
    let mut seen = BTreeSet::new();
    let mut referenced = Vec::new();
    for child in ctx.children(el) {
        let element = ctx.el(child);
        let (ns, local) = (element.ns, element.local);
        if matches!(ns, Ns::Imsss | Ns::Adlseq) && !seen.insert((ns == Ns::Adlseq, local)) {
            ctx.emit(
                rules::MANIFEST_DUPLICATE_CHILD,
                child,
                format!("{} may appear only once", quote(element.qname)),
            );
        }
        match (ns, local) {
            (Ns::Imsss, "controlMode") => {
                let c = &mut seq.control_mode;
                for (name, slot) in [
                    ("choice", &mut c.choice),
                    ("choiceExit", &mut c.choice_exit),
                    ("flow", &mut c.flow),
                    ("forwardOnly", &mut c.forward_only),
                    (
                        "useCurrentAttemptObjectiveInfo",
                        &mut c.use_current_attempt_objective_info,
                    ),
                    (
                        "useCurrentAttemptProgressInfo",
                        &mut c.use_current_attempt_progress_info,
                    ),
                ] {
                    read_bool(ctx, child, name, slot);
                }
            }
            (Ns::Imsss, "sequencingRules") => {
                for rule_el in ctx.children(child) {
                    let rule_element = ctx.el(rule_el);
                    let (kind, actions): (&str, &[&str]) =
                        match (rule_element.ns, rule_element.local) {
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
                    let rule = sequencing_rule(ctx, rule_el, actions, &mut referenced);
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
            (Ns::Imsss, "limitConditions") => {
                if let Some(value) = ctx.plain(child, "attemptLimit") {
                    seq.limit_conditions.attempt_limit = non_negative_integer(value);
                    if seq.limit_conditions.attempt_limit.is_none() {
                        vocab(ctx, child, "attemptLimit", value);
                    }
                }
                for name in [
                    "attemptAbsoluteDurationLimit",
                    "attemptExperiencedDurationLimit",
                    "activityAbsoluteDurationLimit",
                    "activityExperiencedDurationLimit",
                ] {
                    if let Some(value) = ctx.plain(child, name) {
                        if !is_duration(value) {
                            vocab(ctx, child, name, value);
                        }
                        if name == "attemptAbsoluteDurationLimit" {
                            seq.limit_conditions.attempt_absolute_duration_limit =
                                Some(value.trim().to_owned());
                        } else {
                            ctx.emit(
                                rules::SEQ_CAUTION,
                                child,
                                format!("ADL advises caution with {name}"),
                            );
                        }
                    }
                }
                for name in ["beginTimeLimit", "endTimeLimit"] {
                    if ctx.plain(child, name).is_some() {
                        ctx.emit(
                            rules::SEQ_CAUTION,
                            child,
                            format!("ADL advises caution with {name}"),
                        );
                    }
                }
            }
            (Ns::Imsss, "auxiliaryResources") => {
                ctx.emit(
                    rules::SEQ_CAUTION,
                    child,
                    "ADL advises caution with auxiliaryResources",
                );
            }
            (Ns::Imsss, "rollupRules") => {
                let r = &mut seq.rollup_rules;
                read_bool(
                    ctx,
                    child,
                    "rollupObjectiveSatisfied",
                    &mut r.rollup_objective_satisfied,
                );
                read_bool(
                    ctx,
                    child,
                    "rollupProgressCompletion",
                    &mut r.rollup_progress_completion,
                );
                if let Some(value) = ctx.plain(child, "objectiveMeasureWeight") {
                    match decimal(value) {
                        Some(w) if (0.0..=1.0).contains(&w) => {
                            seq.rollup_rules.objective_measure_weight = w
                        }
                        _ => vocab(ctx, child, "objectiveMeasureWeight", value),
                    }
                }
                for rule_el in ctx.kids(child, ns_is::imsss, "rollupRule") {
                    let rule = rollup_rule(ctx, rule_el);
                    seq.rollup_rules.rules.push(rule);
                }
            }
            (Ns::Imsss, "objectives") => seq.objectives = Some(objectives(ctx, child)),
            (Ns::Imsss, "randomizationControls") => {
                let r = &mut seq.randomization_controls;
                for (name, slot) in [
                    ("randomizationTiming", &mut r.randomization_timing),
                    ("selectionTiming", &mut r.selection_timing),
                ] {
                    if let Some(value) = ctx.plain(child, name) {
                        let value = collapse(value).into_owned();
                        if TIMINGS.contains(&value.as_str()) {
                            *slot = value;
                        } else {
                            vocab(ctx, child, name, &value);
                        }
                    }
                }
                read_bool(
                    ctx,
                    child,
                    "reorderChildren",
                    &mut seq.randomization_controls.reorder_children,
                );
                if let Some(value) = ctx.plain(child, "selectCount") {
                    seq.randomization_controls.select_count = non_negative_integer(value);
                    if seq.randomization_controls.select_count.is_none() {
                        vocab(ctx, child, "selectCount", value);
                    }
                }
            }
            (Ns::Imsss, "deliveryControls") => {
                let d = &mut seq.delivery_controls;
                for (name, slot) in [
                    ("tracked", &mut d.tracked),
                    ("completionSetByContent", &mut d.completion_set_by_content),
                    ("objectiveSetByContent", &mut d.objective_set_by_content),
                ] {
                    read_bool(ctx, child, name, slot);
                }
            }
            (Ns::Adlseq, "constrainedChoiceConsiderations") => {
                read_bool(ctx, child, "preventActivation", &mut seq.prevent_activation);
                read_bool(ctx, child, "constrainChoice", &mut seq.constrain_choice);
            }
            (Ns::Adlseq, "rollupConsiderations") => {
                let r = &mut seq.rollup_considerations;
                for (name, slot) in [
                    ("requiredForSatisfied", &mut r.required_for_satisfied),
                    ("requiredForNotSatisfied", &mut r.required_for_not_satisfied),
                    ("requiredForCompleted", &mut r.required_for_completed),
                    ("requiredForIncomplete", &mut r.required_for_incomplete),
                ] {
                    if let Some(value) = ctx.plain(child, name) {
                        let value = collapse(value).into_owned();
                        if REQUIRED_FOR.contains(&value.as_str()) {
                            *slot = value;
                        } else {
                            vocab(ctx, child, name, &value);
                        }
                    }
                }
                read_bool(
                    ctx,
                    child,
                    "measureSatisfactionIfActive",
                    &mut seq.rollup_considerations.measure_satisfaction_if_active,
                );
            }
            (Ns::Adlseq, "objectives") => {
                for objective in ctx.kids(child, ns_is::adlseq, "objective") {
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
            (ns, _) if is_scorm_ns(ns) => unexpected(ctx, child),
            _ => {}
        }
    }
    if seq.id_ref.is_none() && place != Place::Collection {
        // ADL compares objective identifiers as anyURI values: percent-decoded, whitespace collapsed
        // (CTS OB-02a, OB-12a). Collection members are completed by the items that reference them.
        let known: BTreeSet<String> = seq
            .objectives
            .iter()
            .flat_map(|o| std::iter::once(&o.primary).chain(o.others.iter()))
            .filter_map(|o| o.id.as_deref())
            .map(objective_key)
            .collect();
        for (id, at) in &referenced {
            if !known.contains(&objective_key(id)) {
                ctx.emit(
                    rules::SEQ_OBJECTIVE_REF,
                    *at,
                    format!(
                        "objective {} is not an objective of this activity",
                        quote(id)
                    ),
                );
            }
        }
    }
    if let Some(objectives) = &seq.objectives {
        // S04-48: within one activity, one writer per global objective and field.
        let mut writers = BTreeSet::new();
        for objective in std::iter::once(&objectives.primary).chain(objectives.others.iter()) {
            for map in &objective.map_info {
                for (field, writes) in [
                    ("writeSatisfiedStatus", map.write_satisfied_status),
                    ("writeNormalizedMeasure", map.write_normalized_measure),
                ] {
                    if writes && !writers.insert((map.target_objective_id.clone(), field)) {
                        ctx.emit(
                            rules::SEQ_MULTIPLE_WRITERS,
                            el,
                            format!("more than one mapInfo of this activity sets {field} for global objective {}", quote(&map.target_objective_id)),
                        );
                    }
                }
            }
        }
    }
    seq
}
