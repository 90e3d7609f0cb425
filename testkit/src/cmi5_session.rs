//! Oracle of the `cmi5_statement_rules` fuzz target: a recorded AU session judged by
//! `learnwire_cmi5::session::SessionJudge` against a fixed launch (actor, registration, activityId,
//! session id, masteryScore 0.8, moveOn CompletedOrPassed).
//!
//! Input: a JSON array of statements (each judged in order), or anything else judged as one statement.

use learnwire_cmi5::launch::{AuLaunchSettings, LaunchData, LaunchMode};
use learnwire_cmi5::session::{AuProgress, Cmi5Verb, SessionJudge, SessionSettings, StatementKind};
use learnwire_cmi5::{MasteryScore, MoveOn};
use learnwire_xapi::statement::{Account, Agent, Ifi};
use learnwire_xapi::types::{Iri, XapiUuid};

/// The fixed launch of the fuzz target, in the given launch mode.
///
/// # Panics
///
/// Never: the values are constants the types accept.
#[must_use]
pub fn fuzz_session(mode: LaunchMode) -> SessionJudge {
    let (Ok(home), Ok(registration), Ok(activity)) = (
        Iri::parse("https://lms.example.com"),
        XapiUuid::parse("4eb0e063-669b-479a-86b3-f9be9ac88a1d"),
        Iri::parse("https://lms.example.com/activities/au-1"),
    ) else {
        panic!("the fixed launch values are not accepted");
    };
    let au = AuLaunchSettings::new("https://example.com/course/au-1", "index.html")
        .with_move_on(MoveOn::CompletedOrPassed)
        .with_mastery_score(MasteryScore::from_ten_thousandths(8_000));
    let Ok(data) = LaunchData::for_au(&au, "c7b6f0a9-482c-4c03-acc1-548289126963", mode) else {
        panic!("the fixed launch data is refused");
    };
    let actor = Agent::new(Ifi::Account(Account::new(home, "learner-7")));
    SessionJudge::new(
        SessionSettings::new(actor, registration, activity, data),
        AuProgress::new(),
    )
}

/// Splits the input into statements: the elements of a JSON array, else the whole input.
fn statements(data: &[u8]) -> Vec<Vec<u8>> {
    match serde_json::from_slice::<Vec<Box<serde_json::value::RawValue>>>(data) {
        Ok(items) => items
            .iter()
            .map(|item| item.get().as_bytes().to_vec())
            .collect(),
        Err(_) => vec![data.to_vec()],
    }
}

/// Oracles, in each launch mode:
/// - judging is deterministic (two fresh judges give the same verdicts and the same final state);
/// - every issue's code is a `cmi5.*` code of `learnwire_cmi5::CODES` or an `xapi.*` code of
///   `learnwire_xapi::CODES`, every issue located by a JSON pointer, and a rejected statement's first
///   issue is an error;
/// - the accepted cmi5 defined statements obey the ordering rules on their own: the first accepted
///   statement is `initialized`, nothing is accepted after `terminated`, no cmi5 defined verb twice,
///   not both passed and failed, no completed/passed/failed outside Normal mode, and no LMS verb;
/// - the judge's progress is exactly what the accepted statements say (a rejected statement changes
///   nothing).
///
/// # Panics
///
/// When an oracle fails.
pub fn statement_rules_oracle(data: &[u8]) {
    let items = statements(data);
    for mode in [LaunchMode::Normal, LaunchMode::Browse] {
        let mut judge = fuzz_session(mode);
        let mut again = fuzz_session(mode);
        let mut accepted: Vec<(StatementKind, Option<Cmi5Verb>)> = Vec::new();
        for item in &items {
            let verdict = judge.judge_bytes(item);
            let twin = again.judge_bytes(item);
            if verdict != twin {
                panic!("the same statement got two verdicts");
            }
            for issue in verdict.report().issues() {
                let code = issue.code.as_str();
                let known = learnwire_cmi5::CODES
                    .iter()
                    .chain(learnwire_xapi::CODES)
                    .any(|info| info.code.as_str() == code);
                if !known {
                    panic!("the code {code} is in no CODES registry");
                }
                if !matches!(issue.location, learnwire_cmi5::Location::Json { .. }) {
                    panic!("the issue {code} has no JSON location");
                }
            }
            if !verdict.is_accepted()
                && !verdict
                    .report()
                    .issues()
                    .first()
                    .is_some_and(learnwire_cmi5::Issue::is_error)
            {
                panic!("a rejected statement's first issue is not an error");
            }
            if verdict.is_accepted() {
                accepted.push((verdict.kind(), verdict.verb()));
            }
        }
        check_order(&accepted, mode);
        let mut progress = AuProgress::new();
        for (_, verb) in &accepted {
            match verb {
                Some(Cmi5Verb::Completed) => progress.completed = true,
                Some(Cmi5Verb::Passed) => progress.passed = true,
                Some(Cmi5Verb::Failed) => progress.failed = true,
                _ => {}
            }
        }
        if judge.progress() != progress || again.progress() != progress {
            panic!("the judge's progress is not what the accepted statements say");
        }
    }
}

fn check_order(accepted: &[(StatementKind, Option<Cmi5Verb>)], mode: LaunchMode) {
    if let Some((_, first)) = accepted.first()
        && *first != Some(Cmi5Verb::Initialized)
    {
        panic!("the first accepted statement is not a cmi5 defined initialized");
    }
    let mut seen: Vec<Cmi5Verb> = Vec::new();
    for (kind, verb) in accepted {
        if seen.contains(&Cmi5Verb::Terminated) {
            panic!("a statement was accepted after terminated");
        }
        if *kind == StatementKind::NotXapi {
            panic!("a statement that is not xAPI was accepted");
        }
        let Some(verb) = *verb else {
            continue;
        };
        if seen.contains(&verb) {
            panic!("{verb} was accepted twice in one session");
        }
        if verb.is_lms_only() {
            panic!("the LMS verb {verb} was accepted from the AU");
        }
        if matches!(verb, Cmi5Verb::Passed | Cmi5Verb::Failed)
            && (seen.contains(&Cmi5Verb::Passed) || seen.contains(&Cmi5Verb::Failed))
        {
            panic!("passed and failed were both accepted in one session");
        }
        if mode != LaunchMode::Normal
            && matches!(
                verb,
                Cmi5Verb::Completed | Cmi5Verb::Passed | Cmi5Verb::Failed
            )
        {
            panic!("{verb} was accepted in a {mode} session");
        }
        seen.push(verb);
    }
}
