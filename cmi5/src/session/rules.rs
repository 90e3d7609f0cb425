//! The rules, in CATAPULT's order (`lrs.js` `beforeLRSRequest`). CATAPULT stops at the first
//! violation; here every violation is reported, in that order, except the checks that need a part an
//! earlier check found missing (no context: no context checks).
//!
//! Deliberate differences from CATAPULT, each argued in the crate docs' coverage table:
//! - the actor is compared by identifier (the account), not by deep JSON equality: a display name the
//!   AU adds does not change who the learner is;
//! - context template activities are looked up by id in the same list, not by position: an AU that
//!   adds its own grouping activity before the publisher's has overwritten nothing ([10.2.1.0-7]);
//! - a failed statement reaching the masteryScore is reported under [9.3.5.0-2] (CATAPULT cites
//!   9.3.6.0-1, an abandoned requirement, by mistake);
//! - the progress extension (C5R-17) is checked; CATAPULT does not.

use learnwire_report::{Code, JsonPointer, Location, Report, Severity, quote};
use learnwire_xapi::statement::{Actor, ContextActivities, Ifi, Statement, StatementObject};

use super::{
    CMI5_CATEGORY, Cmi5Verb, MASTERY_SCORE_EXTENSION, MOVEON_CATEGORY, PROGRESS_EXTENSION,
    SessionJudge, StatementKind,
};
use crate::launch::{LaunchMode, SESSION_ID_EXTENSION};

/// What the rules found out about the statement.
pub(super) struct Judged {
    pub(super) kind: StatementKind,
    /// The cmi5 verb of a defined statement, when its verb is one.
    pub(super) verb: Option<Cmi5Verb>,
}

struct Out<'r> {
    report: &'r mut Report,
}

impl Out<'_> {
    fn push(&mut self, code: &'static str, pointer: JsonPointer, message: impl Into<String>) {
        let code = Code::new(code);
        let message = message.into();
        match learnwire_report::find_code(crate::CODES, code.as_str())
            .map_or(Severity::Error, |info| info.severity)
        {
            Severity::Warning => self.report.warning(code, Location::json(pointer), message),
            _ => self.report.error(code, Location::json(pointer), message),
        }
    }
}

fn root() -> JsonPointer {
    JsonPointer::root()
}

fn category_index(activities: Option<&ContextActivities>, id: &str) -> Option<usize> {
    activities?
        .category
        .as_ref()?
        .iter()
        .position(|activity| activity.id.as_str() == id)
}

pub(super) fn check(judge: &SessionJudge, statement: &Statement, report: &mut Report) -> Judged {
    let mut out = Out { report };
    let verb_iri = statement.verb.id.as_str();
    let activities = statement
        .context
        .as_ref()
        .and_then(|context| context.context_activities.as_ref());
    let defined = category_index(activities, CMI5_CATEGORY).is_some();
    let verb = Cmi5Verb::from_iri(verb_iri);
    let kind = if defined {
        StatementKind::Defined
    } else {
        StatementKind::Allowed
    };

    // 9.1.0.0-1, 6.3.0.0-1, 9.7.0.0-1/2.
    if statement.id.is_none() {
        out.push(
            "cmi5.statement.id",
            root().key("id"),
            "the statement has no id (cmi5 §9.1, [9.1.0.0-1])",
        );
    }
    if statement.is_voiding() {
        out.push(
            "cmi5.statement.voiding",
            root().key("verb").key("id"),
            "an AU may not void statements (cmi5 §6.3, [6.3.0.0-1])",
        );
    }
    match &statement.timestamp {
        None => out.push(
            "cmi5.statement.timestamp",
            root().key("timestamp"),
            "the statement has no timestamp (cmi5 §9.7, [9.7.0.0-1])",
        ),
        Some(timestamp) if !is_utc(timestamp.as_str()) => out.push(
            "cmi5.statement.timestamp-utc",
            root().key("timestamp"),
            format!(
                "the timestamp {} is not in UTC (cmi5 §9.7, [9.7.0.0-2])",
                quote(timestamp.as_str())
            ),
        ),
        Some(_) => {}
    }

    // 8.1.3.0-3: the launch actor.
    let launch_ifi = &judge.settings.actor.ifi;
    let same_actor = matches!(&statement.actor, Actor::Agent(agent) if &agent.ifi == launch_ifi);
    if !same_actor {
        out.push(
            "cmi5.statement.actor",
            root().key("actor"),
            "the actor is not the launch actor (cmi5 §8.1.3, [8.1.3.0-3])",
        );
    }

    // Context: 9.6.0.0-1, 10.2.1.0-6/7, 9.6.2.2-2, 9.6.1.0-1, 9.6.3.1-4.
    check_context(judge, statement, defined, verb, &mut out);

    // Session gating: 9.3.0.0-4, 9.3.0.0-5, 9.3.6.0-2.
    // CATAPULT lets any statement with the initialized verb id through here, even one without the
    // cmi5 category, which then does not start the session: a cmi5 allowed statement accepted before
    // the session's initialized (found by the cmi5_statement_rules fuzz target). The first statement
    // must be the cmi5 defined initialized (§9.3.2: "the first statement (of any kind)").
    let starts_session = defined && verb == Some(Cmi5Verb::Initialized);
    if !judge.initialized && !starts_session {
        out.push(
            "cmi5.session.not-initialized",
            root().key("verb").key("id"),
            "the session's first statement must be the cmi5 defined initialized (cmi5 §9.3, §9.3.2, [9.3.0.0-4])",
        );
    }
    if judge.terminated {
        out.push(
            "cmi5.session.terminated",
            root(),
            "the session was terminated; no statement may follow (cmi5 §9.3, [9.3.0.0-5])",
        );
    }
    if judge.abandoned {
        out.push(
            "cmi5.session.abandoned",
            root(),
            "the LMS abandoned the session; no statement may follow (cmi5 §9.3.6, [9.3.6.0-2])",
        );
    }

    if defined {
        check_defined(judge, statement, verb, &mut out);
    }
    check_progress(
        judge,
        statement,
        defined && verb == Some(Cmi5Verb::Completed),
        &mut out,
    );

    Judged {
        kind,
        verb: if defined { verb } else { None },
    }
}

/// UTC as CATAPULT reads it: `Z`, `+00:00`, `+0000` or `+00` at the end.
fn is_utc(text: &str) -> bool {
    text.ends_with('Z')
        || text.ends_with('z')
        || text.ends_with("+00:00")
        || text.ends_with("+0000")
        || text.ends_with("+00")
}

fn check_context(
    judge: &SessionJudge,
    statement: &Statement,
    defined: bool,
    verb: Option<Cmi5Verb>,
    out: &mut Out<'_>,
) {
    let Some(context) = &statement.context else {
        out.push(
            "cmi5.context.missing",
            root().key("context"),
            "the statement has no context (cmi5 §9.6, [9.6.0.0-1])",
        );
        return;
    };
    let provided = serde_json::to_value(context).unwrap_or_default();
    check_template(&judge.template, &provided, out);

    if let Some(index) = category_index(context.context_activities.as_ref(), MOVEON_CATEGORY) {
        let allowed = defined
            && matches!(
                verb,
                Some(Cmi5Verb::Passed | Cmi5Verb::Failed | Cmi5Verb::Completed)
            );
        if !allowed {
            out.push(
                "cmi5.context.moveon-forbidden",
                root()
                    .key("context")
                    .key("contextActivities")
                    .key("category")
                    .index(index),
                "only cmi5 defined passed, failed and completed statements carry the moveOn category (cmi5 §9.6.2.2, [9.6.2.2-2])",
            );
        }
    }

    let registration_matches = context.registration.as_ref().is_some_and(|registration| {
        registration.to_uuid() == judge.settings.registration.to_uuid()
    });
    if !registration_matches {
        out.push(
            "cmi5.context.registration",
            root().key("context").key("registration"),
            if context.registration.is_none() {
                "context.registration is missing (cmi5 §9.6.1, [9.6.1.0-1])"
            } else {
                "context.registration is not the launch registration (cmi5 §9.6.1, [9.6.1.0-1])"
            },
        );
    }

    let has_session_id = context.extensions.as_ref().is_some_and(|extensions| {
        extensions.iter().any(|(key, value)| {
            key.as_str() == SESSION_ID_EXTENSION && !value.is_null() && value != ""
        })
    });
    if !has_session_id {
        out.push(
            "cmi5.context.session-id",
            root().key("context").key("extensions"),
            "the session id extension is missing (cmi5 §9.6.3.1, [9.6.3.1-4])",
        );
    }
}

/// Every value of the template is in the context, unmodified: activity lists by id, object members
/// by deep equality, other values by deep equality.
fn check_template(template: &serde_json::Value, provided: &serde_json::Value, out: &mut Out<'_>) {
    let Some(template) = template.as_object() else {
        return;
    };
    let context = root().key("context");
    for (name, expected) in template {
        let here = context.key(name);
        let given = provided.get(name);
        if name == "contextActivities" {
            let Some(lists) = expected.as_object() else {
                continue;
            };
            for (list, activities) in lists {
                for activity in activities.as_array().into_iter().flatten() {
                    let id = activity.get("id");
                    let found = given
                        .and_then(|given| given.get(list))
                        .and_then(serde_json::Value::as_array)
                        .is_some_and(|items| items.iter().any(|item| item.get("id") == id));
                    if !found {
                        out.push(
                            "cmi5.context.template",
                            here.key(list),
                            format!(
                                "the context template's {list} activity {} is missing (cmi5 §10.2.1, [10.2.1.0-6])",
                                id.map_or_else(String::new, |id| quote(&id.to_string()))
                            ),
                        );
                    }
                }
            }
        } else if let Some(members) = expected.as_object() {
            for (key, value) in members {
                if given.and_then(|given| given.get(key)) != Some(value) {
                    out.push(
                        "cmi5.context.template",
                        here.key(key),
                        format!(
                            "context.{name} lacks or overwrites the context template's {} (cmi5 §10.2.1, [10.2.1.0-7])",
                            quote(key)
                        ),
                    );
                }
            }
        } else if given != Some(expected) {
            out.push(
                "cmi5.context.template",
                here,
                format!(
                    "context.{name} lacks or overwrites the context template's value (cmi5 §10.2.1, [10.2.1.0-7])"
                ),
            );
        }
    }
}

fn check_defined(
    judge: &SessionJudge,
    statement: &Statement,
    verb: Option<Cmi5Verb>,
    out: &mut Out<'_>,
) {
    // 9.2.0.0-2/3.
    match &statement.actor {
        Actor::Agent(agent) => {
            if !matches!(agent.ifi, Ifi::Account(_)) {
                out.push(
                    "cmi5.actor.account",
                    root().key("actor"),
                    "the actor of a cmi5 defined statement must have an account (cmi5 §9.2, [9.2.0.0-3])",
                );
            }
        }
        _ => out.push(
            "cmi5.actor.not-agent",
            root().key("actor").key("objectType"),
            "the actor of a cmi5 defined statement must be an Agent (cmi5 §9.2, [9.2.0.0-2])",
        ),
    }

    // 9.4.0.0-1, 8.1.5.0-6.
    let activity_id = judge.settings.activity_id.as_str();
    match &statement.object {
        StatementObject::Activity(activity) if activity.id.as_str() == activity_id => {}
        StatementObject::Activity(activity) => out.push(
            "cmi5.object.activity-id",
            root().key("object").key("id"),
            format!(
                "the object {} is not the launch activityId {} (cmi5 §9.4, [8.1.5.0-6])",
                quote(activity.id.as_str()),
                quote(activity_id)
            ),
        ),
        _ => out.push(
            "cmi5.object.activity-id",
            root().key("object"),
            "the object of a cmi5 defined statement must be the AU's activity (cmi5 §9.4, [9.4.0.0-1])",
        ),
    }

    let judged = matches!(
        verb,
        Some(Cmi5Verb::Completed | Cmi5Verb::Passed | Cmi5Verb::Failed)
    );
    // 10.2.2.0-2/3.
    let mode = judge.settings.launch_data.launch_mode;
    if judged && mode != LaunchMode::Normal {
        out.push(
            "cmi5.session.launch-mode",
            root().key("verb").key("id"),
            format!(
                "no completed, passed or failed in a {mode} session (cmi5 §10.2.2, [10.2.2.0-{}])",
                if mode == LaunchMode::Browse { 2 } else { 3 }
            ),
        );
    }

    check_result(judge, statement, verb, out);
    check_order(judge, statement, verb, out);
}

fn check_result(
    judge: &SessionJudge,
    statement: &Statement,
    verb: Option<Cmi5Verb>,
    out: &mut Out<'_>,
) {
    let result = root().key("result");
    let Some(outcome) = &statement.result else {
        let missing = match verb {
            Some(Cmi5Verb::Completed) => Some((
                "cmi5.result.completion",
                "completed needs result.completion true (cmi5 §9.5.3, [9.5.3.0-1])",
            )),
            Some(Cmi5Verb::Passed) => Some((
                "cmi5.result.success",
                "passed needs result.success true (cmi5 §9.5.2, [9.5.2.0-1])",
            )),
            Some(Cmi5Verb::Failed) => Some((
                "cmi5.result.success",
                "failed needs result.success false (cmi5 §9.5.2, [9.5.2.0-2])",
            )),
            Some(Cmi5Verb::Terminated) => Some((
                "cmi5.result.duration",
                "terminated needs result.duration (cmi5 §9.5.4.1, [9.5.4.1-1])",
            )),
            _ => None,
        };
        if let Some((code, message)) = missing {
            out.push(code, result, message);
        }
        return;
    };

    // 9.5.3.0-1/2.
    if verb == Some(Cmi5Verb::Completed) {
        if outcome.completion != Some(true) {
            out.push(
                "cmi5.result.completion",
                result.key("completion"),
                "completed needs result.completion true (cmi5 §9.5.3, [9.5.3.0-1])",
            );
        }
    } else if outcome.completion.is_some() {
        out.push(
            "cmi5.result.completion-forbidden",
            result.key("completion"),
            "only completed carries result.completion (cmi5 §9.5.3, [9.5.3.0-2])",
        );
    }
    // 9.5.2.0-1/2/3.
    match verb {
        Some(Cmi5Verb::Passed) if outcome.success != Some(true) => out.push(
            "cmi5.result.success",
            result.key("success"),
            "passed needs result.success true (cmi5 §9.5.2, [9.5.2.0-1])",
        ),
        Some(Cmi5Verb::Failed) if outcome.success != Some(false) => out.push(
            "cmi5.result.success",
            result.key("success"),
            "failed needs result.success false (cmi5 §9.5.2, [9.5.2.0-2])",
        ),
        Some(Cmi5Verb::Passed | Cmi5Verb::Failed) => {}
        _ if outcome.success.is_some() => out.push(
            "cmi5.result.success-forbidden",
            result.key("success"),
            "only passed and failed carry result.success (cmi5 §9.5.2, [9.5.2.0-3])",
        ),
        _ => {}
    }
    // 9.6.2.2-1.
    let activities = statement
        .context
        .as_ref()
        .and_then(|context| context.context_activities.as_ref());
    if (outcome.completion.is_some() || outcome.success.is_some())
        && category_index(activities, MOVEON_CATEGORY).is_none()
    {
        out.push(
            "cmi5.context.moveon-category",
            root().key("context").key("contextActivities").key("category"),
            "a cmi5 defined statement with result.success or result.completion needs the moveOn category (cmi5 §9.6.2.2, [9.6.2.2-1])",
        );
    }
    // 9.5.1.0-2/3, 9.6.3.2-2.
    if let Some(score) = &outcome.score {
        if !matches!(verb, Some(Cmi5Verb::Passed | Cmi5Verb::Failed)) {
            out.push(
                "cmi5.result.score-forbidden",
                result.key("score"),
                "only passed and failed carry result.score (cmi5 §9.5.1, [9.5.1.0-2])",
            );
        }
        if score.raw.is_some() && (score.min.is_none() || score.max.is_none()) {
            out.push(
                "cmi5.result.score-raw",
                result.key("score"),
                "score.raw needs score.min and score.max (cmi5 §9.5.1, [9.5.1.0-3])",
            );
        }
        if let Some(mastery) = judge.settings.launch_data.mastery_score {
            let value = statement
                .context
                .as_ref()
                .and_then(|context| context.extensions.as_ref())
                .and_then(|extensions| {
                    extensions
                        .iter()
                        .find(|(key, _)| key.as_str() == MASTERY_SCORE_EXTENSION)
                        .map(|(_, value)| value)
                });
            let pointer = root()
                .key("context")
                .key("extensions")
                .key(MASTERY_SCORE_EXTENSION);
            match value {
                None => out.push(
                    "cmi5.context.mastery-score",
                    pointer,
                    format!(
                        "a scored statement needs the masteryScore extension {mastery} (cmi5 §9.6.3.2, [9.6.3.2-2])"
                    ),
                ),
                Some(value) if value.as_f64() != Some(mastery.as_f64()) => out.push(
                    "cmi5.context.mastery-score",
                    pointer,
                    format!(
                        "the masteryScore extension {} is not the session's {mastery} (cmi5 §9.6.3.2, [9.6.3.2-2])",
                        quote(&value.to_string())
                    ),
                ),
                Some(_) => {}
            }
        }
    }
    // 9.5.4.1-1..4.
    if outcome.duration.is_none() {
        let requirement = match verb {
            Some(Cmi5Verb::Terminated) => Some(1),
            Some(Cmi5Verb::Completed) => Some(2),
            Some(Cmi5Verb::Passed) => Some(3),
            Some(Cmi5Verb::Failed) => Some(4),
            _ => None,
        };
        if let (Some(requirement), Some(verb)) = (requirement, verb) {
            out.push(
                "cmi5.result.duration",
                result.key("duration"),
                format!("{verb} needs result.duration (cmi5 §9.5.4.1, [9.5.4.1-{requirement}])"),
            );
        }
    }
}

fn check_order(
    judge: &SessionJudge,
    statement: &Statement,
    verb: Option<Cmi5Verb>,
    out: &mut Out<'_>,
) {
    let verb_pointer = root().key("verb").key("id");
    let used = |wanted: Cmi5Verb| judge.used.contains(&wanted);
    let scaled = statement
        .result
        .as_ref()
        .and_then(|outcome| outcome.score.as_ref())
        .and_then(|score| score.scaled);
    let mastery = judge.settings.launch_data.mastery_score;
    let duplicate = |out: &mut Out<'_>, verb: Cmi5Verb| {
        out.push(
            "cmi5.session.duplicate-verb",
            root().key("verb").key("id"),
            format!("{verb} was already used in this session (cmi5 §9.3, [9.3.0.0-2])"),
        );
    };
    match verb {
        Some(Cmi5Verb::Initialized) => {
            if judge.initialized || used(Cmi5Verb::Initialized) {
                duplicate(out, Cmi5Verb::Initialized);
            }
        }
        Some(Cmi5Verb::Terminated) => {
            if used(Cmi5Verb::Terminated) {
                duplicate(out, Cmi5Verb::Terminated);
            }
        }
        Some(Cmi5Verb::Completed) => {
            if used(Cmi5Verb::Completed) {
                duplicate(out, Cmi5Verb::Completed);
            } else if judge.progress.completed {
                out.push(
                    "cmi5.registration.completed-twice",
                    verb_pointer,
                    "completed was already recorded in this registration (cmi5 §9.3, [9.3.0.0-6])",
                );
            }
        }
        Some(Cmi5Verb::Passed) => {
            if let (Some(mastery), Some(scaled)) = (mastery, scaled)
                && !mastery.is_reached_by(scaled)
            {
                out.push(
                    "cmi5.result.below-mastery",
                    root().key("result").key("score").key("scaled"),
                    format!(
                        "passed with scaled score {scaled} below the masteryScore {mastery} (cmi5 §9.3.4, [9.3.4.0-2])"
                    ),
                );
            }
            if used(Cmi5Verb::Passed) {
                duplicate(out, Cmi5Verb::Passed);
            }
            if used(Cmi5Verb::Failed) {
                out.push(
                    "cmi5.session.passed-and-failed",
                    verb_pointer.clone(),
                    "failed was already used in this session (cmi5 §9.3, [9.3.0.0-3])",
                );
            }
            if judge.progress.passed && !used(Cmi5Verb::Passed) {
                out.push(
                    "cmi5.registration.passed-twice",
                    verb_pointer,
                    "passed was already recorded in this registration (cmi5 §9.3, [9.3.0.0-7])",
                );
            }
        }
        Some(Cmi5Verb::Failed) => {
            if let (Some(mastery), Some(scaled)) = (mastery, scaled)
                && mastery.is_reached_by(scaled)
            {
                out.push(
                    "cmi5.result.reaches-mastery",
                    root().key("result").key("score").key("scaled"),
                    format!(
                        "failed with scaled score {scaled} at or above the masteryScore {mastery} (cmi5 §9.3.5, [9.3.5.0-2])"
                    ),
                );
            }
            if used(Cmi5Verb::Failed) {
                duplicate(out, Cmi5Verb::Failed);
            }
            if used(Cmi5Verb::Passed) {
                out.push(
                    "cmi5.session.passed-and-failed",
                    verb_pointer.clone(),
                    "passed was already used in this session (cmi5 §9.3, [9.3.0.0-3])",
                );
            } else if judge.progress.passed {
                out.push(
                    "cmi5.registration.failed-after-passed",
                    verb_pointer,
                    "passed was already recorded in this registration (cmi5 §9.3, [9.3.0.0-8])",
                );
            }
        }
        Some(lms) if lms.is_lms_only() => out.push(
            "cmi5.statement.lms-verb",
            verb_pointer,
            format!("{lms} is issued by the LMS, never by an AU (cmi5 §9.3)"),
        ),
        _ => out.push(
            "cmi5.statement.unknown-verb",
            verb_pointer,
            format!(
                "{} is not a cmi5 defined verb, yet the statement carries the cmi5 category (cmi5 §9.3, [9.3.0.0-1])",
                quote(statement.verb.id.as_str())
            ),
        ),
    }
}

fn check_progress(
    judge: &SessionJudge,
    statement: &Statement,
    is_completed: bool,
    out: &mut Out<'_>,
) {
    let Some(value) = statement
        .result
        .as_ref()
        .and_then(|outcome| outcome.extensions.as_ref())
        .and_then(|extensions| {
            extensions
                .iter()
                .find(|(key, _)| key.as_str() == PROGRESS_EXTENSION)
                .map(|(_, value)| value)
        })
    else {
        return;
    };
    let pointer = root()
        .key("result")
        .key("extensions")
        .key(PROGRESS_EXTENSION);
    if value.as_u64().is_none_or(|progress| progress > 100) {
        out.push(
            "cmi5.result.progress",
            pointer.clone(),
            format!(
                "progress {} is not an integer from 0 to 100 (cmi5 §9.5.5.1)",
                quote(&value.to_string())
            ),
        );
    }
    if is_completed || judge.progress.completed {
        out.push(
            "cmi5.result.progress-after-completed",
            pointer,
            "progress should not be set on or after completed (cmi5 §9.5.5.1)",
        );
    }
}
