//! Rules, conditions and objectives inside `imsss:sequencing`.

use std::collections::BTreeSet;

use learnwire_report::quote;

use super::vocabulary::{
    CHILD_SETS, ROLLUP_ACTIONS, ROLLUP_CONDITIONS, RULE_CONDITIONS, read_bool, vocab,
};
use crate::build::values::{collapse, decimal, non_negative_integer};
use crate::build::{Ctx, ns_is};
use crate::manifest::{
    ConditionCombination, MapInfo, Objective, Objectives, RollupRule, RuleCondition, SequencingRule,
};
use crate::rules;

pub(super) fn conditions(
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

pub(super) fn combination(
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

pub(super) fn action(
    ctx: &mut Ctx<'_, '_>,
    el: usize,
    child: &'static str,
    allowed: &[&str],
) -> String {
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

pub(super) fn sequencing_rule(
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

pub(super) fn rollup_rule(ctx: &mut Ctx<'_, '_>, el: usize) -> RollupRule {
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

pub(super) fn objectives(ctx: &mut Ctx<'_, '_>, el: usize) -> Objectives {
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

pub(super) fn objective(ctx: &mut Ctx<'_, '_>, el: usize, primary: bool) -> Objective {
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
