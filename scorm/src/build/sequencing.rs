//! `imsss:sequencing` and the ADL sequencing extensions (S04-40..52).

use std::collections::BTreeSet;

use learnwire_report::quote;

use super::manifest::{is_scorm_ns, unexpected};
use super::values::{boolean, collapse, decimal, is_duration, non_negative_integer};
use super::{Ctx, ns_is};
use crate::manifest::{
    ConditionCombination, MapInfo, Objective, Objectives, RollupRule, RuleCondition, Sequencing,
    SequencingRule,
};
use crate::parse::ns::Ns;
use crate::rules;

/// Where a sequencing element sits.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Place {
    Item,
    Organization,
    Collection,
}

const RULE_CONDITIONS: [&str; 12] = [
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
const ROLLUP_CONDITIONS: [&str; 9] = [
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
const PRE_ACTIONS: [&str; 4] = [
    "skip",
    "disabled",
    "hiddenFromChoice",
    "stopForwardTraversal",
];
const EXIT_ACTIONS: [&str; 1] = ["exit"];
const POST_ACTIONS: [&str; 6] = [
    "exitParent",
    "exitAll",
    "retry",
    "retryAll",
    "continue",
    "previous",
];
const ROLLUP_ACTIONS: [&str; 4] = ["satisfied", "notSatisfied", "completed", "incomplete"];
const CHILD_SETS: [&str; 5] = ["all", "any", "none", "atLeastCount", "atLeastPercent"];
const TIMINGS: [&str; 3] = ["never", "once", "onEachNewAttempt"];
const REQUIRED_FOR: [&str; 4] = ["always", "ifAttempted", "ifNotSkipped", "ifNotSuspended"];

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
            ctx.declare_id(&id, el);
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

/// How objective identifiers are compared: percent-decoded where the escapes are valid, then collapsed.
fn objective_key(id: &str) -> String {
    let decoded = crate::launch::normalize_key(id);
    collapse(&decoded).into_owned()
}

fn read_bool(ctx: &mut Ctx<'_, '_>, el: usize, name: &str, slot: &mut bool) {
    if let Some(value) = ctx.plain(el, name) {
        match boolean(value) {
            Some(parsed) => *slot = parsed,
            None => vocab(ctx, el, name, value),
        }
    }
}

fn vocab(ctx: &mut Ctx<'_, '_>, el: usize, name: &str, value: &str) {
    ctx.emit(
        rules::SEQ_VOCABULARY,
        el,
        format!("{name} {} is not allowed here", quote(value)),
    );
}

fn conditions(
    ctx: &mut Ctx<'_, '_>,
    el: usize,
    child_name: &'static str,
    allowed: &[&str],
    referenced: &mut Vec<(String, usize)>,
) -> Vec<RuleCondition> {
    let mut out = Vec::new();
    for condition in ctx.kids(el, ns_is::imsss, child_name) {
        let mut parsed = RuleCondition::default();
        match ctx
            .plain(condition, "condition")
            .map(|v| collapse(v).into_owned())
        {
            Some(value) if allowed.contains(&value.as_str()) => {
                if matches!(
                    value.as_str(),
                    "timeLimitExceeded" | "outsideAvailableTimeRange"
                ) {
                    ctx.emit(
                        rules::SEQ_CAUTION,
                        condition,
                        format!("ADL advises caution with the {value} condition"),
                    );
                }
                parsed.condition = value;
            }
            Some(value) => vocab(ctx, condition, "condition", &value),
            None => ctx.emit(
                rules::SEQ_STRUCTURE,
                condition,
                "a condition needs a condition attribute",
            ),
        }
        match ctx
            .plain(condition, "operator")
            .map(|v| collapse(v).into_owned())
            .as_deref()
        {
            None | Some("noOp") => {}
            Some("not") => parsed.not = true,
            Some(other) => vocab(ctx, condition, "operator", other),
        }
        if let Some(value) = ctx.plain(condition, "measureThreshold") {
            match decimal(value) {
                Some(m) if (-1.0..=1.0).contains(&m) => parsed.measure_threshold = Some(m),
                _ => vocab(ctx, condition, "measureThreshold", value),
            }
        }
        if let Some(value) = ctx.plain(condition, "referencedObjective") {
            let value = collapse(value).into_owned();
            referenced.push((value.clone(), condition));
            parsed.referenced_objective = Some(value);
        }
        out.push(parsed);
    }
    if out.is_empty() {
        ctx.emit(
            rules::SEQ_STRUCTURE,
            el,
            "conditions need at least one condition",
        );
    }
    out
}

fn combination(
    ctx: &mut Ctx<'_, '_>,
    el: usize,
    default: ConditionCombination,
) -> ConditionCombination {
    match ctx
        .plain(el, "conditionCombination")
        .map(|v| collapse(v).into_owned())
        .as_deref()
    {
        None => default,
        Some("all") => ConditionCombination::All,
        Some("any") => ConditionCombination::Any,
        Some(other) => {
            vocab(ctx, el, "conditionCombination", other);
            default
        }
    }
}

fn action(ctx: &mut Ctx<'_, '_>, el: usize, child: &'static str, allowed: &[&str]) -> String {
    let actions = ctx.kids(el, ns_is::imsss, child);
    let [one] = actions.as_slice() else {
        ctx.emit(
            rules::SEQ_STRUCTURE,
            el,
            format!("a rule needs exactly one {child}"),
        );
        return String::new();
    };
    match ctx.plain(*one, "action").map(|v| collapse(v).into_owned()) {
        Some(value) if allowed.contains(&value.as_str()) => value,
        Some(value) => {
            vocab(ctx, *one, "action", &value);
            value
        }
        None => {
            ctx.emit(
                rules::SEQ_STRUCTURE,
                *one,
                "an action element needs an action attribute",
            );
            String::new()
        }
    }
}

fn sequencing_rule(
    ctx: &mut Ctx<'_, '_>,
    el: usize,
    actions: &[&str],
    referenced: &mut Vec<(String, usize)>,
) -> SequencingRule {
    let mut rule = SequencingRule::default();
    let condition_sets = ctx.kids(el, ns_is::imsss, "ruleConditions");
    match condition_sets.as_slice() {
        [one] => {
            rule.condition_combination = combination(ctx, *one, ConditionCombination::All);
            rule.conditions = conditions(ctx, *one, "ruleCondition", &RULE_CONDITIONS, referenced);
        }
        _ => ctx.emit(
            rules::SEQ_STRUCTURE,
            el,
            "a sequencing rule needs exactly one ruleConditions",
        ),
    }
    rule.action = action(ctx, el, "ruleAction", actions);
    rule
}

fn rollup_rule(ctx: &mut Ctx<'_, '_>, el: usize) -> RollupRule {
    let mut rule = RollupRule::default();
    if let Some(value) = ctx.plain(el, "childActivitySet") {
        let value = collapse(value).into_owned();
        if CHILD_SETS.contains(&value.as_str()) {
            rule.child_activity_set = value;
        } else {
            vocab(ctx, el, "childActivitySet", &value);
        }
    }
    if let Some(value) = ctx.plain(el, "minimumCount") {
        match non_negative_integer(value) {
            Some(count) => rule.minimum_count = count,
            None => vocab(ctx, el, "minimumCount", value),
        }
    }
    if let Some(value) = ctx.plain(el, "minimumPercent") {
        match decimal(value) {
            Some(p) if (0.0..=1.0).contains(&p) => rule.minimum_percent = p,
            _ => vocab(ctx, el, "minimumPercent", value),
        }
    }
    let mut ignored = Vec::new();
    match ctx.kids(el, ns_is::imsss, "rollupConditions").as_slice() {
        [one] => {
            rule.condition_combination = combination(ctx, *one, ConditionCombination::Any);
            rule.conditions = conditions(
                ctx,
                *one,
                "rollupCondition",
                &ROLLUP_CONDITIONS,
                &mut ignored,
            );
        }
        _ => ctx.emit(
            rules::SEQ_STRUCTURE,
            el,
            "a rollup rule needs exactly one rollupConditions",
        ),
    }
    rule.action = action(ctx, el, "rollupAction", &ROLLUP_ACTIONS);
    rule
}

fn objectives(ctx: &mut Ctx<'_, '_>, el: usize) -> Objectives {
    let mut objectives = Objectives::default();
    let primaries = ctx.kids(el, ns_is::imsss, "primaryObjective");
    match primaries.as_slice() {
        [one] => objectives.primary = objective(ctx, *one, true),
        _ => ctx.emit(
            rules::SEQ_STRUCTURE,
            el,
            "objectives needs exactly one primaryObjective",
        ),
    }
    for other in ctx.kids(el, ns_is::imsss, "objective") {
        let parsed = objective(ctx, other, false);
        objectives.others.push(parsed);
    }
    let mut seen = BTreeSet::new();
    for objective in std::iter::once(&objectives.primary).chain(objectives.others.iter()) {
        if let Some(id) = &objective.id
            && !seen.insert(id.clone())
        {
            ctx.emit(
                rules::SEQ_OBJECTIVE_DUPLICATE,
                el,
                format!("objectiveID {} is used twice", quote(id)),
            );
        }
    }
    objectives
}

fn objective(ctx: &mut Ctx<'_, '_>, el: usize, primary: bool) -> Objective {
    let mut objective = Objective {
        id: ctx
            .plain(el, "objectiveID")
            .map(|v| collapse(v).into_owned()),
        ..Objective::default()
    };
    read_bool(
        ctx,
        el,
        "satisfiedByMeasure",
        &mut objective.satisfied_by_measure,
    );
    if let Some(&measure) = ctx.kids(el, ns_is::imsss, "minNormalizedMeasure").first() {
        let value = ctx.text_of(measure);
        match decimal(value) {
            Some(m) if (-1.0..=1.0).contains(&m) => objective.min_normalized_measure = m,
            _ => vocab(ctx, measure, "minNormalizedMeasure", value),
        }
    }
    for map in ctx.kids(el, ns_is::imsss, "mapInfo") {
        let target = ctx
            .plain(map, "targetObjectiveID")
            .map(|v| collapse(v).into_owned())
            .unwrap_or_default();
        if target.is_empty() {
            ctx.emit(
                rules::SEQ_STRUCTURE,
                map,
                "mapInfo needs a non-blank targetObjectiveID",
            );
        }
        let mut info = MapInfo {
            target_objective_id: target,
            read_satisfied_status: true,
            read_normalized_measure: true,
            write_satisfied_status: false,
            write_normalized_measure: false,
        };
        read_bool(
            ctx,
            map,
            "readSatisfiedStatus",
            &mut info.read_satisfied_status,
        );
        read_bool(
            ctx,
            map,
            "readNormalizedMeasure",
            &mut info.read_normalized_measure,
        );
        read_bool(
            ctx,
            map,
            "writeSatisfiedStatus",
            &mut info.write_satisfied_status,
        );
        read_bool(
            ctx,
            map,
            "writeNormalizedMeasure",
            &mut info.write_normalized_measure,
        );
        objective.map_info.push(info);
    }
    let blank = objective.id.as_deref().is_none_or(str::is_empty);
    if blank && (!primary || !objective.map_info.is_empty()) {
        ctx.emit(
            rules::SEQ_STRUCTURE,
            el,
            "this objective needs a non-blank objectiveID",
        );
    }
    objective
}
