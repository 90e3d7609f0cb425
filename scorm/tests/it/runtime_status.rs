//! Status rules, time and sessions (rules Part I; vectors TV-B-*, TV-12-11..16), the initial state from
//! a package's item (rules F04-01..F04-05, D12-19, D12-29..31), and data-model behaviour (TV-D-*).

use learnwire_scorm::runtime::{Api, Attempt, Credit, MasteryOverride, Mode, Options, Setup};
use learnwire_scorm::{Options as CheckOptions, Version, check_manifest};

use crate::runtime_api::expect;

const V12: Version = Version::Scorm12;
const V04: Version = Version::Scorm2004Edition4;

fn session(version: Version, attempt: Attempt, setup: Setup, options: Options) -> Api {
    let mut api = Api::new(version, attempt, setup, options);
    assert_eq!(api.initialize(""), "true");
    api
}

fn start(version: Version, attempt: Attempt, setup: &Setup) -> Api {
    session(version, attempt, setup.clone(), Options::default())
}

fn with(threshold: Option<&str>, passing: Option<&str>) -> Setup {
    let mut setup = Setup::new("u", "Doe, Jane");
    setup.completion_threshold = threshold.map(String::from);
    setup.scaled_passing_score = passing.map(String::from);
    setup
}

fn end(mut api: Api) -> Attempt {
    assert_eq!(api.terminate(""), "true", "{}", api.get_diagnostic(""));
    api.into_attempt()
}

#[test]
fn completion_status_follows_the_threshold_at_its_boundaries() {
    let cases = [
        (
            "progress equal to the threshold completes (ST04-09)",
            Some("0.8"),
            Some("0.8"),
            "completed",
        ),
        (
            "progress above the threshold",
            Some("0.8"),
            Some("0.9"),
            "completed",
        ),
        (
            "progress just below",
            Some("0.8"),
            Some("0.7999999"),
            "incomplete",
        ),
        (
            "no progress measure: unknown (ST04-03)",
            Some("0.8"),
            None,
            "unknown",
        ),
        (
            "no threshold: the SCO's value (ST04-04)",
            None,
            Some("0.1"),
            "completed",
        ),
    ];
    for (case, threshold, progress, expected) in cases {
        let mut api = start(V04, Attempt::new(), &with(threshold, None));
        api.set_value("cmi.completion_status", "completed");
        if let Some(progress) = progress {
            assert_eq!(
                api.set_value("cmi.progress_measure", progress),
                "true",
                "{case}"
            );
        }
        assert_eq!(
            api.get_value("cmi.completion_status"),
            expected,
            "{case}: live"
        );
        let attempt = end(api);
        assert_eq!(
            attempt.data.value("cmi.completion_status"),
            Some(expected),
            "{case}: stored (ST04-11)"
        );
    }
}

#[test]
fn success_status_follows_the_scaled_passing_score_at_its_boundaries() {
    let cases = [
        (
            "score equal to the passing score passes (TV-B-11)",
            Some("-0.5"),
            Some("-0.5"),
            "passed",
        ),
        ("score below fails", Some("-0.5"), Some("-1.0"), "failed"),
        ("score above passes", Some("-0.5"), Some("1.0"), "passed"),
        ("no score: unknown (ST04-07)", Some("0.6"), None, "unknown"),
        (
            "no passing score: the SCO's value (ST04-08)",
            None,
            Some("-1"),
            "failed",
        ),
    ];
    for (case, passing, score, expected) in cases {
        let mut api = start(V04, Attempt::new(), &with(None, passing));
        api.set_value("cmi.success_status", "failed");
        if let Some(score) = score {
            assert_eq!(api.set_value("cmi.score.scaled", score), "true", "{case}");
        }
        assert_eq!(api.get_value("cmi.success_status"), expected, "{case}");
    }
}

#[test]
fn a_threshold_overrides_whatever_the_sco_sets_tv_b_13_14() {
    let mut api = start(V04, Attempt::new(), &with(Some("0.6"), Some("0.6")));
    api.set_value("cmi.completion_status", "completed");
    api.set_value("cmi.success_status", "passed");
    assert_eq!(api.get_value("cmi.completion_status"), "unknown");
    assert_eq!(api.get_value("cmi.success_status"), "unknown");
    api.set_value("cmi.progress_measure", "0.7");
    api.set_value("cmi.score.scaled", "0.7");
    for status in ["unknown", "incomplete"] {
        assert_eq!(api.set_value("cmi.completion_status", status), "true");
        assert_eq!(api.get_value("cmi.completion_status"), "completed");
    }
    assert_eq!(api.set_value("cmi.success_status", "failed"), "true");
    assert_eq!(api.get_value("cmi.success_status"), "passed");
}

#[test]
fn scorm_2004_sessions_follow_the_conformance_suite_tv_b_01_to_08() {
    let setup = with(None, None);
    // S1: suspend with data.
    let mut api = start(V04, Attempt::new(), &setup);
    assert_eq!(api.get_value("cmi.entry"), "ab-initio");
    api.set_value("cmi.session_time", "PT01M");
    api.set_value("cmi.suspend_data", "visit=2");
    api.set_value("cmi.exit", "suspend");
    let attempt = end(api);
    // S2 (TV-B-01).
    let mut api = start(V04, attempt, &setup);
    assert_eq!(api.get_value("cmi.entry"), "resume");
    assert_eq!(api.get_value("cmi.total_time"), "PT1M");
    assert_eq!(api.get_value("cmi.completion_status"), "unknown");
    assert_eq!(api.get_value("cmi.suspend_data"), "visit=2");
    api.set_value("cmi.completion_status", "completed");
    api.set_value("cmi.session_time", "PT0H0M0S");
    api.set_value("cmi.exit", "suspend");
    let attempt = end(api);
    // S3 (TV-B-02, TV-B-03).
    let mut api = start(V04, attempt, &setup);
    assert_eq!(api.get_value("cmi.completion_status"), "completed");
    assert_eq!(api.get_value("cmi.total_time"), "PT1M");
    api.set_value("cmi.progress_measure", "0.5");
    api.set_value("cmi.completion_status", "incomplete");
    api.set_value("cmi.session_time", "PT01H059M020S");
    api.set_value("cmi.exit", "suspend");
    let attempt = end(api);
    let mut api = start(V04, attempt, &setup);
    assert_eq!(api.get_value("cmi.completion_status"), "incomplete");
    assert_eq!(api.get_value("cmi.total_time"), "PT2H20S");
    // S5 time-out ends the attempt (TV-B-04).
    api.set_value("cmi.exit", "time-out");
    let attempt = end(api);
    let mut api = start(V04, attempt, &setup);
    assert_eq!(api.get_value("cmi.entry"), "ab-initio");
    assert_eq!(api.get_value("cmi.total_time"), "PT0H0M0S");
    assert_eq!(api.get_value("cmi.completion_status"), "unknown");
    let got = api.get_value("cmi.suspend_data");
    expect(&api, "TV-B-04 suspend_data of a new attempt", &got, "", 403);
    // suspendAll without exit (TV-B-05).
    api.set_value("cmi.session_time", "P0Y029DT0H");
    api.set_value("adl.nav.request", "suspendAll");
    let attempt = end(api);
    let mut api = start(V04, attempt, &setup);
    assert_eq!(api.get_value("cmi.entry"), "resume");
    assert_eq!(api.get_value("cmi.total_time"), "P29D");
    // exit normal ends it (TV-B-06); preferences stay with the learner (F04-09).
    api.set_value("cmi.learner_preference.audio_level", "2.5");
    api.set_value("cmi.exit", "normal");
    let attempt = end(api);
    let mut api = start(V04, attempt, &setup);
    assert_eq!(api.get_value("cmi.entry"), "ab-initio");
    assert_eq!(api.get_value("cmi.total_time"), "PT0H0M0S");
    assert_eq!(api.get_value("cmi.learner_preference.audio_level"), "2.5");
    // exit "" ends it too (TV-B-07).
    api.set_value("cmi.completion_status", "completed");
    api.set_value("cmi.exit", "");
    let attempt = end(api);
    let mut api = start(V04, attempt, &setup);
    assert_eq!(api.get_value("cmi.entry"), "ab-initio");
    assert_eq!(api.get_value("cmi.completion_status"), "unknown");
    // exit normal with suspendAll resumes (TV-B-08).
    api.set_value("cmi.suspend_data", "foobar");
    api.set_value("cmi.exit", "normal");
    api.set_value("adl.nav.request", "suspendAll");
    let mut api = {
        assert_eq!(api.terminate(""), "true");
        let end = api.session_end().unwrap().clone();
        assert_eq!(end.navigation_request.as_deref(), Some("suspendAll"));
        assert!(end.suspended && !end.attempt_ended);
        start(V04, api.into_attempt(), &setup)
    };
    assert_eq!(api.get_value("cmi.entry"), "resume");
    assert_eq!(api.get_value("cmi.suspend_data"), "foobar");
}

#[test]
fn review_mode_has_an_empty_entry() {
    let setup = with(None, None).with_mode(Mode::Review);
    let mut api = start(V04, Attempt::new(), &setup);
    assert_eq!(api.get_value("cmi.entry"), "");
    assert_eq!(api.get_value("cmi.mode"), "review");
}

fn finish_12(setup: &Setup, policy: MasteryOverride, sets: &[(&str, &str)]) -> Attempt {
    let options = Options::default().with_mastery_override(policy);
    let mut api = session(V12, Attempt::new(), setup.clone(), options);
    for (element, value) in sets {
        assert_eq!(api.set_value(element, value), "true", "{element}={value}");
    }
    end(api)
}

/// A case of the 1.2 finish rules: name, setup, policy, sets, expected status.
type FinishCase = (
    &'static str,
    Setup,
    MasteryOverride,
    Vec<(&'static str, &'static str)>,
    &'static str,
);

fn mastery(score: &str) -> Setup {
    let mut setup = Setup::new("u", "Doe, Jane");
    setup.mastery_score = Some(score.into());
    setup
}

#[test]
fn scorm_12_lesson_status_at_finish_tv_12_14_to_16() {
    let plain = Setup::new("u", "Doe, Jane");
    let status = |attempt: &Attempt| {
        attempt
            .data
            .value("cmi.core.lesson_status")
            .map(String::from)
    };
    let default = MasteryOverride::default();
    #[rustfmt::skip]
    let cases: Vec<FinishCase> = vec![
        ("never set: completed (ST12-03)", plain.clone(), default, vec![], "completed"),
        ("never set, raw below mastery: failed (TV-12-14)", mastery("80"), default, vec![("cmi.core.score.raw", "70")], "failed"),
        ("raw equal to mastery passes", mastery("80"), default, vec![("cmi.core.score.raw", "80")], "passed"),
        ("no raw score: no override", mastery("80"), default, vec![], "completed"),
        ("SCO incomplete stays (TV-12-15, CR12)", mastery("80"), default, vec![ ("cmi.core.lesson_status", "incomplete"), ("cmi.core.score.raw", "90"), ], "incomplete"),
        ("Always overrides incomplete", mastery("80"), MasteryOverride::Always, vec![ ("cmi.core.lesson_status", "incomplete"), ("cmi.core.score.raw", "90"), ], "passed"),
        ("Never keeps completed", mastery("80"), MasteryOverride::Never, vec![("cmi.core.score.raw", "10")], "completed"),
        ("WhenStatusUnset keeps a SCO-set status", mastery("80"), MasteryOverride::WhenStatusUnset, vec![ ("cmi.core.lesson_status", "completed"), ("cmi.core.score.raw", "10"), ], "completed"),
        ("browse: browsed (TV-12-16)", plain.clone().with_mode(Mode::Browse), default, vec![], "browsed"),
        ("no-credit: no mastery override (ST12-06)", mastery("80").with_credit(Credit::NoCredit), default, vec![("cmi.core.score.raw", "10")], "completed"),
        ("no mastery: SCO's status stands", plain, default, vec![("cmi.core.lesson_status", "failed")], "failed"),
    ];
    for (case, setup, policy, sets, expected) in cases {
        let attempt = finish_12(&setup, policy, &sets);
        assert_eq!(status(&attempt).as_deref(), Some(expected), "{case}");
    }
}

#[test]
fn scorm_12_time_entry_and_suspend_tv_12_11_12() {
    let setup = Setup::new("u", "Doe, Jane");
    let mut api = start(V12, Attempt::new(), &setup);
    assert_eq!(
        api.get_value("cmi.core.lesson_status"),
        "not attempted",
        "TV-12-01"
    );
    assert_eq!(api.get_value("cmi.core.entry"), "ab-initio", "TV-12-01");
    assert_eq!(api.get_value("cmi.core.total_time"), "0000:00:00.00");
    api.set_value("cmi.core.session_time", "00:01:00");
    api.set_value("cmi.core.exit", "");
    let attempt = end(api);
    let mut api = start(V12, attempt, &setup);
    assert_eq!(
        api.get_value("cmi.core.total_time"),
        "0000:01:00.00",
        "TV-12-11"
    );
    assert_eq!(api.get_value("cmi.core.entry"), "", "TV-12-11");
    api.set_value("cmi.suspend_data", "state");
    api.set_value("cmi.core.session_time", "0001:30:00.5");
    api.set_value("cmi.core.exit", "suspend");
    let attempt = end(api);
    let mut api = start(V12, attempt, &setup);
    assert_eq!(api.get_value("cmi.core.entry"), "resume", "TV-12-12");
    assert_eq!(api.get_value("cmi.suspend_data"), "state", "TV-12-12");
    assert_eq!(api.get_value("cmi.core.total_time"), "0001:31:00.50");
}

#[test]
fn session_time_is_added_once_at_termination_and_commit_adds_nothing() {
    let setup = with(None, None);
    let mut api = start(V04, Attempt::new(), &setup);
    api.set_value("cmi.session_time", "PT10M");
    api.commit("");
    api.set_value("cmi.session_time", "PT20M");
    api.commit("");
    assert_eq!(
        api.get_value("cmi.total_time"),
        "PT0H0M0S",
        "Commit adds nothing (ST04-25)"
    );
    api.set_value("cmi.exit", "suspend");
    let attempt = end(api);
    assert_eq!(
        attempt.data.value("cmi.total_time"),
        Some("PT20M"),
        "the last session_time (ST04-27)"
    );
    let api = start(V04, attempt, &setup);
    let attempt = end(api);
    assert_eq!(
        attempt.data.value("cmi.total_time"),
        Some("PT20M"),
        "no session_time adds nothing"
    );
}

const MANIFEST_2004: &[u8] = br#"<manifest identifier="M" xmlns="http://www.imsglobal.org/xsd/imscp_v1p1"
    xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_v1p3" xmlns:imsss="http://www.imsglobal.org/xsd/imsss">
  <metadata><schema>ADL SCORM</schema><schemaversion>2004 4th Edition</schemaversion></metadata>
  <organizations default="O"><organization identifier="O"><title>T</title>
    <item identifier="I1" identifierref="R"><title>One</title>
      <adlcp:timeLimitAction>continue,message</adlcp:timeLimitAction>
      <adlcp:dataFromLMS>Launch Data Test</adlcp:dataFromLMS>
      <adlcp:completionThreshold completedByMeasure="true" minProgressMeasure="0.8"/>
      <imsss:sequencing>
        <imsss:limitConditions attemptAbsoluteDurationLimit="PT1H30M"/>
        <imsss:objectives><imsss:primaryObjective objectiveID="P" satisfiedByMeasure="true">
          <imsss:minNormalizedMeasure>0.6</imsss:minNormalizedMeasure></imsss:primaryObjective></imsss:objectives>
      </imsss:sequencing>
    </item>
    <item identifier="I2" identifierref="R"><title>Two</title>
      <imsss:sequencing><imsss:objectives><imsss:primaryObjective objectiveID="P2">
        <imsss:minNormalizedMeasure>0.7</imsss:minNormalizedMeasure></imsss:primaryObjective></imsss:objectives></imsss:sequencing>
    </item>
  </organization></organizations>
  <resources><resource identifier="R" type="webcontent" adlcp:scormType="sco" href="a.html"><file href="a.html"/></resource></resources>
</manifest>"#;

#[test]
fn scorm_2004_initial_state_comes_from_the_item_f04_01_to_05() {
    let check = check_manifest(MANIFEST_2004, &CheckOptions::default());
    assert!(check.is_valid(), "{:#?}", check.report);
    let items: Vec<_> = check.items().collect();
    let item = |id: &str| items.iter().find(|e| e.item.identifier == id).unwrap();
    let one = item("I1");
    let setup = Setup::new("u", "Jane").with_item(one.item, one.sequencing().as_deref(), true);
    let mut api = start(V04, Attempt::new(), &setup);
    assert_eq!(
        api.get_value("cmi.launch_data"),
        "Launch Data Test",
        "F04-01"
    );
    assert_eq!(
        api.get_value("cmi.time_limit_action"),
        "continue,message",
        "TV-D-28"
    );
    assert_eq!(api.get_value("cmi.completion_threshold"), "0.8", "F04-04");
    assert_eq!(api.get_value("cmi.scaled_passing_score"), "0.6", "F04-05");
    assert_eq!(api.get_value("cmi.max_time_allowed"), "PT1H30M", "F04-03");
    assert_eq!(api.get_value("cmi.learner_id"), "u");
    assert_eq!(api.get_value("cmi.objectives._count"), "1", "F04-12");
    assert_eq!(api.get_value("cmi.objectives.0.id"), "P", "F04-12");
    assert_eq!(api.get_value("cmi.objectives.0.success_status"), "unknown");
    let two = item("I2");
    let setup = Setup::new("u", "Jane").with_item(two.item, two.sequencing().as_deref(), true);
    let mut api = start(V04, Attempt::new(), &setup);
    for element in [
        "cmi.launch_data",
        "cmi.completion_threshold",
        "cmi.scaled_passing_score",
        "cmi.max_time_allowed",
    ] {
        let got = api.get_value(element);
        expect(
            &api,
            &format!("{element} absent (F04-01..05, TV-B-16)"),
            &got,
            "",
            403,
        );
    }
    assert_eq!(
        api.get_value("cmi.time_limit_action"),
        "continue,no message",
        "F04-02"
    );
}

const MANIFEST_12: &[u8] = br#"<manifest identifier="M" xmlns="http://www.imsproject.org/xsd/imscp_rootv1p1p2" xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_rootv1p2"><metadata><schema>ADL SCORM</schema><schemaversion>1.2</schemaversion></metadata><organizations default="O"><organization identifier="O"><title>T</title><item identifier="I" identifierref="R"><title>L</title><adlcp:masteryscore>80</adlcp:masteryscore><adlcp:maxtimeallowed>00:30:00</adlcp:maxtimeallowed><adlcp:timelimitaction>exit,message</adlcp:timelimitaction><adlcp:datafromlms>chapter=3</adlcp:datafromlms></item></organization></organizations><resources><resource identifier="R" type="webcontent" adlcp:scormtype="sco" href="a.html"><file href="a.html"/></resource></resources></manifest>"#;

#[test]
fn scorm_12_initial_state_comes_from_the_item_tv_12_13() {
    let check = check_manifest(MANIFEST_12, &CheckOptions::default());
    assert!(check.is_valid(), "{:#?}", check.report);
    let entry = check.items().find(|e| e.item.identifier == "I").unwrap();
    let setup = Setup::new("u", "Doe, Jane").with_item(entry.item, None, false);
    let mut api = start(V12, Attempt::new(), &setup);
    assert_eq!(api.get_value("cmi.launch_data"), "chapter=3");
    assert_eq!(api.get_value("cmi.student_data.mastery_score"), "80");
    assert_eq!(
        api.get_value("cmi.student_data.max_time_allowed"),
        "00:30:00"
    );
    assert_eq!(
        api.get_value("cmi.student_data.time_limit_action"),
        "exit,message"
    );
    api.set_value("cmi.core.score.raw", "79.5");
    let attempt = end(api);
    assert_eq!(attempt.data.value("cmi.core.lesson_status"), Some("failed"));
}

#[test]
fn data_model_vectors_of_the_conformance_suite_tv_d() {
    let mut api = start(V04, Attempt::new(), &with(None, None));
    #[rustfmt::skip]
    let cases: &[(&str, &str, Option<&str>, &str, u16)] = &[
        ("TV-D-01 set cmi", "cmi", Some("illegal"), "false", 401),
        ("TV-D-01 get cmi", "cmi", None, "", 401),
        ("TV-D-02 set _version", "cmi._version", Some("1.0.0"), "false", 404),
        ("TV-D-02 get _version", "cmi._version", None, "1.0", 0),
        ("TV-D-03 read-only beats type", "cmi.completion_threshold", Some("test"), "false", 404),
        ("TV-D-04 credit", "cmi.credit", Some("illegal_state"), "false", 404),
        ("TV-D-04 total_time", "cmi.total_time", Some("PT2M"), "false", 404),
        ("TV-D-08 location unset", "cmi.location", None, "", 403),
        ("TV-D-09 location empty", "cmi.location", Some(""), "true", 0),
        ("TV-D-09 read empty", "cmi.location", None, "", 0),
        ("TV-D-11 set _count", "cmi.objectives._count", Some("illegal"), "false", 404),
        ("TV-D-11 get _count", "cmi.objectives._count", None, "0", 0),
        ("TV-D-12 no records", "cmi.objectives.0.id", None, "", 301),
        ("TV-D-13 id", "cmi.objectives.0.id", Some("INTID0"), "true", 0),
        ("TV-D-13 write once", "cmi.objectives.0.id", Some("WriteOnceViolation"), "false", 351),
        ("TV-D-13 same again", "cmi.objectives.0.id", Some("INTID0"), "true", 0),
        ("TV-D-14 success default", "cmi.objectives.0.success_status", None, "unknown", 0),
        ("TV-D-14 completion default", "cmi.objectives.0.completion_status", None, "unknown", 0),
        ("TV-D-15 scaled unset", "cmi.objectives.0.score.scaled", None, "", 403),
        ("TV-D-16 empty id", "cmi.objectives.1.id", Some(""), "false", 406),
        ("TV-D-16 no record created", "cmi.objectives.1.id", None, "", 301),
        ("TV-D-17 setup", "cmi.objectives.1.id", Some("MYID01"), "true", 0),
        ("TV-D-17 duplicate", "cmi.objectives.2.id", Some("MYID01"), "false", 351),
        ("TV-D-18 urn:", "cmi.objectives.2.id", Some("urn:"), "false", 406),
        ("TV-D-18 space", "cmi.objectives.2.id", Some("urn:adl:lms Test/OBJ01"), "false", 406),
        ("TV-D-19 gap", "cmi.objectives.7.id", Some("INTID"), "false", 351),
        ("TV-D-22 scaled", "cmi.objectives.0.score.scaled", Some("1.0000999"), "false", 407),
        ("TV-D-23 raw", "cmi.objectives.0.score.raw", Some("invalid"), "false", 406),
        ("TV-D-24 status", "cmi.objectives.0.completion_status", Some(""), "false", 406),
        ("TV-D-25 progress", "cmi.progress_measure", Some("0.000099999887765544"), "true", 0),
        ("TV-D-25 progress negative", "cmi.progress_measure", Some("-1.0"), "false", 407),
        ("TV-D-30 audio default", "cmi.learner_preference.audio_level", None, "1", 0),
        ("TV-D-30 audio negative", "cmi.learner_preference.audio_level", Some("-1.0"), "false", 407),
        ("TV-D-31 captioning", "cmi.learner_preference.audio_captioning", Some(""), "false", 406),
        ("TV-D-32 empty lang", "cmi.comments_from_learner.0.comment", Some("{lang=}"), "false", 406),
        ("TV-D-33 lang AB", "cmi.comments_from_learner.0.comment", Some("{lang=AB}"), "true", 0),
        ("TV-D-33 read back", "cmi.comments_from_learner.0.comment", None, "{lang=AB}", 0),
        ("TV-D-35 timestamp Z", "cmi.comments_from_learner.0.timestamp", Some("2004-04-01T09:45:58Z"), "false", 406),
        ("TV-D-36 from lms", "cmi.comments_from_lms.0.comment", Some("x"), "false", 404),
        ("TV-D-37 type before id", "cmi.interactions.0.type", Some("fill-in"), "false", 408),
        ("TV-D-37 no record", "cmi.interactions.0.type", None, "", 301),
        ("TV-D-38 gap", "cmi.interactions.1.timestamp", Some("2004"), "false", 351),
        ("TV-D-39 id", "cmi.interactions.0.id", Some("INT1"), "true", 0),
        ("TV-D-39 pattern needs type", "cmi.interactions.0.correct_responses.0.pattern", Some("true"), "false", 408),
        ("TV-D-39 response needs type", "cmi.interactions.0.learner_response", Some("true"), "false", 408),
        ("TV-D-40 weighting unset", "cmi.interactions.0.weighting", None, "", 403),
        ("TV-D-41 type", "cmi.interactions.0.type", Some("other-fill-in"), "false", 406),
        ("TV-D-42 result", "cmi.interactions.0.result", Some("-3500.043"), "true", 0),
        ("TV-D-42 result comma", "cmi.interactions.0.result", Some("34,000.00"), "false", 406),
        ("TV-D-43 objective", "cmi.interactions.0.objectives.0.id", Some("DUPLICATEID"), "true", 0),
        ("TV-D-43 duplicate", "cmi.interactions.0.objectives.1.id", Some("DUPLICATEID"), "false", 351),
        ("I04-43 type", "cmi.interactions.0.type", Some("true-false"), "true", 0),
        ("I04-43 first pattern", "cmi.interactions.0.correct_responses.0.pattern", Some("true"), "true", 0),
        ("I04-43 second pattern", "cmi.interactions.0.correct_responses.1.pattern", Some("false"), "false", 351),
        ("P-10 leading zero lenient", "cmi.interactions.00.id", None, "INT1", 0),
        ("N04-01 nav", "adl.nav.request", Some("{target=activity_1}choice"), "true", 0),
        ("TV-D-50 valid choice", "adl.nav.request_valid.choice.{target=activity_2}", None, "unknown", 0),
        ("GV-12 malformed target", "adl.nav.request_valid.choice.{target=}", None, "", 301),
        ("X-01 no children", "cmi.location._children", None, "", 301),
        ("X-02 no count", "cmi.score._count", None, "", 301),
        ("X-03 no version", "cmi.score._version", None, "", 301),
        ("P-04 cmi._children", "cmi._children", None, "", 301),
        ("P-02 container", "cmi.score", Some("1"), "false", 401),
        ("RT-08 case", "cmi.Location", None, "", 401),
        ("DV-PW-05 1.2 name in 2004", "cmi.core.lesson_status", None, "", 401),
    ];
    for (case, element, value, result, error) in cases {
        let got = match value {
            Some(value) => api.set_value(element, value),
            None => api.get_value(element),
        };
        expect(&api, case, &got, result, *error);
    }
}

#[test]
fn changing_an_interactions_type_drops_its_responses_i04_12() {
    let mut api = start(V04, Attempt::new(), &with(None, None));
    api.set_value("cmi.interactions.0.id", "q1");
    api.set_value("cmi.interactions.0.type", "choice");
    assert_eq!(
        api.set_value("cmi.interactions.0.correct_responses.0.pattern", "a[,]b"),
        "true"
    );
    let got = api.set_value("cmi.interactions.0.correct_responses.1.pattern", "a[,]b");
    expect(
        &api,
        "I04-14 choice patterns are unique",
        &got,
        "false",
        351,
    );
    assert_eq!(
        api.set_value("cmi.interactions.0.learner_response", "a"),
        "true"
    );
    api.set_value("cmi.interactions.0.type", "choice");
    assert_eq!(
        api.get_value("cmi.interactions.0.correct_responses._count"),
        "1",
        "same type keeps"
    );
    api.set_value("cmi.interactions.0.type", "numeric");
    assert_eq!(
        api.get_value("cmi.interactions.0.correct_responses._count"),
        "0"
    );
    let got = api.get_value("cmi.interactions.0.learner_response");
    expect(&api, "learner_response dropped", &got, "", 403);
}

#[test]
fn scorm_12_data_model_vectors_tv_12() {
    let mut api = start(V12, Attempt::new(), &Setup::new("u", "Doe, Jane"));
    #[rustfmt::skip]
    let cases: &[(&str, &str, Option<&str>, &str, u16)] = &[
        ("TV-12-02 core children", "cmi.core._children", None, "student_id,student_name,lesson_location,credit,lesson_status,entry,score,total_time,lesson_mode,exit,session_time", 0),
        ("TV-12-03 status", "cmi.core.lesson_status", Some("completed"), "true", 0),
        ("TV-12-03 read", "cmi.core.lesson_status", None, "completed", 0),
        ("TV-12-04 not attempted", "cmi.core.lesson_status", Some("not attempted"), "false", 405),
        ("TV-12-05 raw 101", "cmi.core.score.raw", Some("101"), "true", 0),
        ("TV-12-05 raw abc", "cmi.core.score.raw", Some("abc"), "false", 405),
        ("TV-12-05 raw blank", "cmi.core.score.raw", Some(""), "true", 0),
        ("TV-12-06 exit", "cmi.core.exit", None, "", 404),
        ("TV-12-07 student_id", "cmi.core.student_id", Some("x"), "false", 403),
        ("TV-12-08 children", "cmi.core._children", Some("x"), "false", 402),
        ("TV-12-09 no children", "cmi.core.lesson_status._children", None, "", 202),
        ("TV-12-09 no count", "cmi.core._count", None, "", 203),
        ("TV-12-10 other model", "xyz.score.result", None, "", 401),
        ("TV-12-20 id", "cmi.interactions.0.id", Some("q1"), "true", 0),
        ("TV-12-20 write only", "cmi.interactions.0.id", None, "", 404),
        ("D12-50 any child creates", "cmi.interactions.1.time", Some("12:00:00"), "true", 0),
        ("P-06 gap", "cmi.interactions.5.id", Some("q"), "false", 201),
        ("GV-07 out of range", "cmi.objectives.0.id", None, "", 201),
        ("A12-10 empty", "", None, "", 201),
        ("GV-06 _version elsewhere", "cmi.core._version", None, "", 401),
        ("I12-11 incorrect (lenient)", "cmi.interactions.0.result", Some("incorrect"), "true", 0),
        ("E12-01 2004 name", "cmi.learner_id", None, "", 401),
    ];
    for (case, element, value, result, error) in cases {
        let got = match value {
            Some(value) => api.set_value(element, value),
            None => api.get_value(element),
        };
        expect(&api, case, &got, result, *error);
    }
}

#[test]
fn scorm_12_strict_profile_checks_score_ranges_and_feedback() {
    let options = Options::new(learnwire_scorm::Profile::Strict);
    let mut api = session(V12, Attempt::new(), Setup::new("u", "Doe, Jane"), options);
    let got = api.set_value("cmi.core.score.raw", "101");
    expect(&api, "D12-57 strict range", &got, "false", 405);
    let got = api.set_value("cmi.interactions.0.result", "incorrect");
    expect(&api, "I12-11 strict", &got, "false", 405);
    let got = api.set_value("cmi.objectives.01.id", "o");
    expect(&api, "P-10 strict leading zero", &got, "false", 201);
}

#[test]
fn request_valid_answers_come_from_the_setup_n04_14() {
    let mut setup = with(None, None);
    setup.request_valid.insert("continue".into(), "true".into());
    setup
        .request_valid
        .insert("choice.{target=activity_2}".into(), "false".into());
    let mut api = start(V04, Attempt::new(), &setup);
    assert_eq!(api.get_value("adl.nav.request_valid.continue"), "true");
    assert_eq!(api.get_value("adl.nav.request_valid.previous"), "unknown");
    assert_eq!(
        api.get_value("adl.nav.request_valid.choice.{target=activity_2}"),
        "false"
    );
    assert_eq!(
        api.get_value("adl.nav.request_valid.choice.{target=activity_3}"),
        "unknown"
    );
    let got = api.set_value("adl.nav.request_valid.continue", "false");
    expect(&api, "request_valid is read-only", &got, "false", 404);
}

#[test]
fn lenient_scorm_12_stores_incorrect_as_wrong_and_exit_normal_as_empty() {
    let mut api = start(V12, Attempt::new(), &Setup::new("u", "Doe, Jane"));
    api.set_value("cmi.interactions.0.result", "incorrect");
    api.set_value("cmi.core.exit", "suspend");
    api.set_value("cmi.core.exit", "normal");
    let attempt = end(api);
    let interactions = attempt.data.list("cmi.interactions");
    assert_eq!(interactions[0].value("result"), Some("wrong"), "I12-11");
    assert!(!attempt.suspended, "exit normal read as \"\" (DV-SA-05)");
    let options = Options::new(learnwire_scorm::Profile::Strict);
    let mut api = session(V12, Attempt::new(), Setup::new("u", "n"), options);
    let got = api.set_value("cmi.core.exit", "normal");
    expect(&api, "DV-SA-05 strict", &got, "false", 405);
}

#[test]
fn lenient_profile_converts_scorm_again_durations_t04_17() {
    let mut api = start(V04, Attempt::new(), &with(None, None));
    assert_eq!(api.set_value("cmi.interactions.0.id", "q"), "true");
    assert_eq!(
        api.set_value("cmi.interactions.0.latency", "PT1,5S"),
        "true"
    );
    assert_eq!(api.get_value("cmi.interactions.0.latency"), "PT1.5S");
    assert_eq!(api.set_value("cmi.session_time", "P1W"), "true");
    let got = api.set_value("cmi.interactions.0.timestamp", "2040-01-01T10:00:00.123");
    expect(&api, "T04-14 lenient timestamp", &got, "true", 0);
    let attempt = end(api);
    assert_eq!(attempt.data.value("cmi.total_time"), Some("P7D"));
    let options = Options::new(learnwire_scorm::Profile::Strict);
    let mut api = session(V04, Attempt::new(), Setup::new("u", "n"), options);
    let got = api.set_value("cmi.session_time", "P1W");
    expect(&api, "T04-17 strict", &got, "false", 406);
    api.set_value("cmi.interactions.0.id", "q");
    let got = api.set_value("cmi.interactions.0.timestamp", "2040-01-01T10:00:00.123");
    expect(&api, "T04-14 strict timestamp", &got, "false", 406);
    let mut api = start(V12, Attempt::new(), &Setup::new("u", "n"));
    assert_eq!(api.set_value("cmi.core.session_time", "1:00:00"), "true");
    let attempt = end(api);
    assert_eq!(
        attempt.data.value("cmi.core.total_time"),
        Some("0001:00:00.00"),
        "DV-SA-04"
    );
}

#[test]
fn review_mode_never_changes_the_stored_attempt_st04_30() {
    let setup = with(None, None);
    let mut api = start(V04, Attempt::new(), &setup);
    api.set_value("cmi.location", "p5");
    api.set_value("cmi.exit", "suspend");
    let attempt = end(api);
    let review = setup.clone().with_mode(Mode::Review);
    let mut api = start(V04, attempt.clone(), &review);
    assert_eq!(api.set_value("cmi.location", "p9"), "true");
    assert_eq!(api.get_value("cmi.location"), "p9");
    let mut stored = None;
    assert_eq!(
        api.commit_with("", |a| {
            stored = Some(a.clone());
            true
        }),
        "true"
    );
    assert_eq!(stored.unwrap().data.value("cmi.location"), Some("p5"));
    let after = end(api);
    assert_eq!(after.data.value("cmi.location"), Some("p5"));
    assert!(after.suspended, "the reviewed attempt stays as it was");
}

#[test]
fn scorm_12_attempt_policy_pm_04() {
    use learnwire_scorm::runtime::NewAttempt12;
    let setup = Setup::new("u", "Doe, Jane");
    let cases = [
        (
            "Never keeps the attempt (ST12-08)",
            NewAttempt12::Never,
            "completed",
            "",
            "",
            "state",
        ),
        (
            "after a non-suspend exit",
            NewAttempt12::AfterNonSuspendExit,
            "incomplete",
            "",
            "ab-initio",
            "",
        ),
        (
            "when done, completed",
            NewAttempt12::AfterNonSuspendExitWhenDone,
            "completed",
            "logout",
            "ab-initio",
            "",
        ),
        (
            "when done, incomplete keeps",
            NewAttempt12::AfterNonSuspendExitWhenDone,
            "incomplete",
            "",
            "",
            "state",
        ),
        (
            "suspend always keeps",
            NewAttempt12::AfterNonSuspendExit,
            "completed",
            "suspend",
            "resume",
            "state",
        ),
    ];
    for (case, policy, status, exit, entry, data) in cases {
        let options = Options::default().with_new_attempt_12(policy);
        let mut api = session(V12, Attempt::new(), setup.clone(), options.clone());
        api.set_value("cmi.core.lesson_status", status);
        api.set_value("cmi.suspend_data", "state");
        api.set_value("cmi.core.exit", exit);
        let attempt = end(api);
        let mut api = session(V12, attempt, setup.clone(), options);
        assert_eq!(api.get_value("cmi.core.entry"), entry, "{case}: entry");
        assert_eq!(api.get_value("cmi.suspend_data"), data, "{case}: data");
    }
}

#[test]
fn shared_data_follows_its_map_permissions_tv_d_44_to_49() {
    use learnwire_scorm::manifest::DataMap;
    let mut setup = with(None, None);
    for (id, read, write) in [
        ("tarID1", true, true),
        ("tarID2", true, false),
        ("tarID3", false, true),
        ("tarID4", false, false),
    ] {
        let mut map = DataMap::default();
        map.target_id = id.into();
        map.read_shared_data = read;
        map.write_shared_data = write;
        setup.shared_data.push(map);
    }
    let mut api = start(V04, Attempt::new(), &setup);
    let cases: &[(&str, &str, Option<&str>, &str, u16)] = &[
        ("TV-D-44 count", "adl.data._count", None, "4", 0),
        ("N04-08 id", "adl.data.1.id", None, "tarID2", 0),
        ("TV-D-45 unwritten", "adl.data.0.store", None, "", 403),
        (
            "TV-D-46 write=false",
            "adl.data.1.store",
            Some("x"),
            "false",
            404,
        ),
        (
            "TV-D-46 both false",
            "adl.data.3.store",
            Some("x"),
            "false",
            404,
        ),
        (
            "TV-D-47 read=false set",
            "adl.data.2.store",
            Some("v"),
            "true",
            0,
        ),
        ("TV-D-47 read=false get", "adl.data.2.store", None, "", 405),
        (
            "TV-D-48 id read-only",
            "adl.data.0.id",
            Some("illegal"),
            "false",
            404,
        ),
        (
            "N04-11 no new records",
            "adl.data.4.store",
            Some("x"),
            "false",
            351,
        ),
        (
            "TV-D-49 64000+",
            "adl.data.0.store",
            Some(&"s".repeat(64_001)),
            "true",
            0,
        ),
    ];
    for (case, element, value, result, error) in cases {
        let got = match value {
            Some(value) => api.set_value(element, value),
            None => api.get_value(element),
        };
        expect(&api, case, &got, result, *error);
    }
    let attempt = end(api);
    let mut api = start(V04, attempt, &setup);
    assert_eq!(
        api.get_value("adl.data.0.store").len(),
        64_001,
        "N04-12 kept"
    );
}

#[test]
fn terminate_hands_the_evaluated_data_to_sequencing_ho_03_to_07() {
    let mut api = start(V04, Attempt::new(), &with(Some("0.8"), Some("0.5")));
    api.set_value("cmi.progress_measure", "0.9");
    api.set_value("cmi.score.scaled", "0.4");
    api.set_value("cmi.score.raw", "40");
    api.set_value("cmi.objectives.0.id", "obj-1");
    api.set_value("cmi.objectives.0.success_status", "passed");
    api.set_value("cmi.objectives.0.score.scaled", "0.9");
    api.set_value("cmi.objectives.0.completion_status", "not attempted");
    assert_eq!(api.terminate(""), "true");
    let transfer = api.session_end().unwrap().transfer.clone().unwrap();
    assert_eq!(
        transfer.completed,
        Some(true),
        "HO-03: evaluated, 0.9 >= 0.8"
    );
    assert_eq!(transfer.progress_measure.as_deref(), Some("0.9"), "HO-04");
    assert_eq!(
        transfer.satisfied,
        Some(false),
        "HO-05: evaluated, 0.4 < 0.5"
    );
    assert!(!transfer.clear_satisfaction);
    assert_eq!(transfer.normalized_measure.as_deref(), Some("0.4"), "HO-06");
    let objective = &transfer.objectives[0];
    assert_eq!(objective.id, "obj-1", "HO-07");
    assert_eq!(objective.satisfied, Some(true));
    assert_eq!(objective.normalized_measure.as_deref(), Some("0.9"));
    assert_eq!(
        objective.completed,
        Some(false),
        "not attempted -> incomplete (HO-03)"
    );

    let mut api = start(V04, Attempt::new(), &with(None, None));
    api.set_value("cmi.success_status", "unknown");
    assert_eq!(api.terminate(""), "true");
    let transfer = api.session_end().unwrap().transfer.clone().unwrap();
    assert_eq!(
        (transfer.satisfied, transfer.clear_satisfaction),
        (None, true),
        "HO-05 explicit unknown"
    );
    assert_eq!(
        transfer.normalized_measure, None,
        "HO-06: no scaled score, no measure"
    );

    let api = start(V04, Attempt::new(), &with(None, None));
    let mut api = api;
    assert_eq!(api.terminate(""), "true");
    let transfer = api.session_end().unwrap().transfer.clone().unwrap();
    assert!(
        !transfer.clear_satisfaction,
        "HO-05: an untouched unknown changes nothing"
    );
    assert_eq!(transfer.completed, None);
}
