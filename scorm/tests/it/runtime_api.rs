//! The run-time API: state machines, return strings and every error code of both versions (rules
//! Part A, Part B, Part C; vectors TV-A-*, TV-12-17..19).

use learnwire_scorm::Version;
use learnwire_scorm::runtime::{
    Api, ApiCall, Attempt, Options, SCORM_12_ERRORS, SCORM_2004_ERRORS, SessionState, Setup,
};

const V12: Version = Version::Scorm12;
const V04: Version = Version::Scorm2004Edition4;

pub(crate) fn new_api(version: Version) -> Api {
    Api::new(
        version,
        Attempt::new(),
        Setup::new("learner-1", "Doe, Jane"),
        Options::default(),
    )
}

pub(crate) fn running(version: Version) -> Api {
    let mut api = new_api(version);
    assert_eq!(api.initialize(""), "true");
    api
}

/// Asserts that the last call returned `result` and set `error`, naming the case.
#[track_caller]
pub(crate) fn expect(api: &Api, case: &str, got: &str, result: &str, error: u16) {
    assert_eq!(
        (got, api.last_error().as_u16()),
        (result, error),
        "{case}: diagnostic {}",
        api.get_diagnostic("")
    );
}

#[test]
fn scorm_2004_api_sequence_of_the_conformance_suite_tv_a() {
    let mut api = new_api(V04);
    assert_eq!(api.get_last_error(), "0", "TV-A-01");
    let text = api.get_error_string("0");
    assert!(!text.is_empty() && text.len() < 255, "TV-A-02");
    assert!(api.get_diagnostic("0").len() < 255, "TV-A-03");
    let got = api.commit("");
    expect(&api, "TV-A-04", &got, "false", 142);
    let got = api.set_value("cmi.location", "test");
    expect(&api, "TV-A-05", &got, "false", 132);
    let got = api.get_value("cmi.location");
    expect(&api, "TV-A-06", &got, "", 122);
    let got = api.initialize("illegal");
    expect(&api, "TV-A-07", &got, "false", 201);
    for _ in 0..3 {
        assert_eq!(api.get_last_error(), "201", "TV-A-08");
    }
    assert_eq!(api.get_error_string(""), "", "TV-A-09");
    assert_eq!(api.get_last_error(), "201", "TV-A-09 keeps the error");
    let diagnostic = api.get_diagnostic("");
    assert!(
        !diagnostic.is_empty() && diagnostic.chars().count() <= 255,
        "TV-A-10"
    );
    let got = api.initialize("");
    expect(&api, "TV-A-11", &got, "true", 0);
    let got = api.initialize("");
    expect(&api, "TV-A-12", &got, "false", 103);
    let got = api.set_value("", "test");
    expect(&api, "TV-A-13", &got, "false", 351);
    let got = api.set_value("cmi.location", "test");
    expect(&api, "TV-A-14", &got, "true", 0);
    let got = api.get_value("");
    expect(&api, "TV-A-15", &got, "", 301);
    let got = api.get_value("cmi.location");
    expect(&api, "TV-A-16", &got, "test", 0);
    let got = api.commit("illegal");
    expect(&api, "TV-A-17", &got, "false", 201);
    let got = api.commit("");
    expect(&api, "TV-A-18", &got, "true", 0);
    assert!(!api.get_error_string("402").is_empty(), "TV-A-19");
    assert_eq!(api.get_error_string("001"), "", "TV-A-20");
    assert_eq!(api.get_error_string("1444"), "", "TV-A-20");
    let got = api.terminate("");
    expect(&api, "TV-A-21 first", &got, "true", 0);
    let got = api.terminate("");
    expect(&api, "TV-A-21 second", &got, "false", 113);
    let got = api.get_value("cmi.location");
    expect(&api, "TV-A-22 get", &got, "", 123);
    let got = api.set_value("cmi.location", "x");
    expect(&api, "TV-A-22 set", &got, "false", 133);
    let got = api.commit("");
    expect(&api, "TV-A-22 commit", &got, "false", 143);
    let got = api.initialize("");
    expect(&api, "TV-A-22 initialize", &got, "false", 104);
    assert_eq!(api.state(), SessionState::Terminated);
}

#[test]
fn scorm_2004_terminate_before_initialize_is_112_and_argument_is_201() {
    let mut api = new_api(V04);
    let got = api.terminate("");
    expect(&api, "112", &got, "false", 112);
    let mut api = running(V04);
    let got = api.terminate("x");
    expect(&api, "201 on Terminate", &got, "false", 201);
    assert_eq!(api.state(), SessionState::Running);
}

#[test]
fn scorm_2004_storage_failures_are_111_and_391_and_keep_the_session_running() {
    let mut api = running(V04);
    api.set_value("cmi.session_time", "PT1M");
    let got = api.commit_with("", |_| false);
    expect(&api, "391", &got, "false", 391);
    let got = api.terminate_with("", |_| false);
    expect(&api, "111", &got, "false", 111);
    assert_eq!(api.state(), SessionState::Running);
    assert_eq!(
        api.get_value("cmi.total_time"),
        "PT0H0M0S",
        "failed terminate rolled back"
    );
    let got = api.terminate("");
    expect(&api, "retry", &got, "true", 0);
    assert_eq!(api.attempt().data.value("cmi.total_time"), Some("PT1M"));
}

#[test]
fn scorm_12_state_machine_tv_12_17_to_19() {
    let mut api = new_api(V12);
    let got = api.lms_get_value("cmi.core.student_id");
    expect(&api, "TV-12-18 get before init", &got, "", 301);
    let got = api.lms_set_value("cmi.core.lesson_location", "x");
    expect(&api, "set before init", &got, "false", 301);
    let got = api.lms_commit("");
    expect(&api, "commit before init", &got, "false", 301);
    let got = api.lms_finish("");
    expect(&api, "finish before init", &got, "false", 301);
    for (case, got) in [
        ("TV-12-17 LMSInitialize(x)", api.lms_initialize("x")),
        ("TV-12-17 LMSFinish(x)", api.lms_finish("x")),
        ("TV-12-17 LMSCommit(x)", api.lms_commit("x")),
    ] {
        expect(&api, case, &got, "false", 201);
    }
    let got = api.lms_initialize("");
    expect(&api, "LMSInitialize", &got, "true", 0);
    let got = api.lms_initialize("");
    expect(&api, "TV-12-19 second LMSInitialize", &got, "false", 101);
    let got = api.lms_commit("");
    expect(&api, "LMSCommit", &got, "true", 0);
    let got = api.lms_commit_failure();
    expect(&api, "LMSCommit storage failure", &got, "false", 101);
    let got = api.lms_finish("");
    expect(&api, "LMSFinish", &got, "true", 0);
    for (case, got) in [
        ("get after finish", api.lms_get_value("cmi.core.student_id")),
        (
            "set after finish",
            api.lms_set_value("cmi.core.lesson_location", "x"),
        ),
        ("commit after finish", api.lms_commit("")),
        ("finish after finish", api.lms_finish("")),
        ("initialize after finish", api.lms_initialize("")),
    ] {
        let result = if case.starts_with("get") { "" } else { "false" };
        expect(&api, case, &got, result, 101);
    }
    assert_eq!(api.lms_get_last_error(), "101");
    assert_eq!(api.lms_get_error_string("101"), "General exception");
    assert_eq!(
        api.lms_get_error_string("406"),
        "",
        "no 2004 code in 1.2 (RT-01)"
    );
}

trait CommitFailure {
    fn lms_commit_failure(&mut self) -> String;
}

impl CommitFailure for Api {
    fn lms_commit_failure(&mut self) -> String {
        self.commit_with("", |_| false)
    }
}

#[test]
fn scorm_12_finish_storage_failure_is_101_and_stays_running() {
    let mut api = running(V12);
    let got = api.terminate_with("", |_| false);
    expect(&api, "LMSFinish failure", &got, "false", 101);
    assert_eq!(api.state(), SessionState::Running);
}

#[test]
fn support_calls_never_change_the_last_error() {
    for version in [V12, V04] {
        let mut api = running(version);
        api.set_value("cmi.nothing", "x");
        let before = api.last_error();
        assert_eq!(before.as_u16(), 401, "{version}");
        api.get_error_string("0");
        api.get_diagnostic("");
        api.get_last_error();
        assert_eq!(api.last_error(), before, "{version}");
        api.get_value(if version.is_2004() {
            "cmi.mode"
        } else {
            "cmi.core.lesson_mode"
        });
        assert_eq!(
            api.get_last_error(),
            "0",
            "{version}: success resets (A04-15)"
        );
    }
}

#[test]
fn diagnostics_name_the_element_and_stay_under_255_characters() {
    let mut api = running(V04);
    api.set_value("cmi.exit", "done");
    let diagnostic = api.get_diagnostic("");
    assert!(
        diagnostic.contains("cmi.exit") && diagnostic.starts_with("406"),
        "{diagnostic}"
    );
    api.set_value(&"cmi.x".repeat(200), "v");
    assert!(api.get_diagnostic("").chars().count() <= 255);
    assert_eq!(api.get_diagnostic("201"), "General Argument Error");
}

#[test]
fn every_error_code_has_its_string_in_its_version_only() {
    let api12 = new_api(V12);
    let api04 = new_api(V04);
    for (code, text) in SCORM_12_ERRORS {
        assert_eq!(
            api12.get_error_string(&code.to_string()),
            *text,
            "1.2 code {code}"
        );
    }
    for (code, text) in SCORM_2004_ERRORS {
        assert_eq!(
            api04.get_error_string(&code.to_string()),
            *text,
            "2004 code {code}"
        );
    }
    let codes12: Vec<u16> = SCORM_12_ERRORS.iter().map(|(c, _)| *c).collect();
    assert_eq!(
        codes12,
        [0, 101, 201, 202, 203, 301, 401, 402, 403, 404, 405]
    );
    let codes04: Vec<u16> = SCORM_2004_ERRORS.iter().map(|(c, _)| *c).collect();
    assert_eq!(
        codes04,
        [
            0, 101, 102, 103, 104, 111, 112, 113, 122, 123, 132, 133, 142, 143, 201, 301, 351, 391,
            401, 402, 403, 404, 405, 406, 407, 408
        ]
    );
}

/// Every code a version defines is produced by some call, except 2004's 101 (no call fails without a
/// more specific code) and 402 (every element is implemented).
#[test]
fn every_error_code_is_produced_by_some_call() {
    fn produce(version: Version, code: u16) -> Option<u16> {
        let mut api = running(version);
        let is_2004 = version.is_2004();
        let got = match (is_2004, code) {
            (_, 0) => {
                api.get_value("cmi._version");
                api.last_error()
            }
            (true, 101) => return None,
            (true, 102) => {
                let mut fresh = new_api(version);
                fresh.initialize_with("", || false);
                assert_eq!(fresh.state(), SessionState::NotInitialized);
                fresh.last_error()
            }
            (true, 402) => return None,
            (true, 103) | (false, 101) => {
                api.initialize("");
                api.last_error()
            }
            (true, 104) => {
                api.terminate("");
                api.initialize("");
                api.last_error()
            }
            (true, 111) => {
                api.terminate_with("", |_| false);
                api.last_error()
            }
            (true, 112) => {
                let mut fresh = new_api(version);
                fresh.terminate("");
                fresh.last_error()
            }
            (true, 113) => {
                api.terminate("");
                api.terminate("");
                api.last_error()
            }
            (true, 122) | (true, 132) | (true, 142) => {
                let mut fresh = new_api(version);
                match code {
                    122 => fresh.get_value("cmi.location"),
                    132 => fresh.set_value("cmi.location", "x"),
                    _ => fresh.commit(""),
                };
                fresh.last_error()
            }
            (true, 123) | (true, 133) | (true, 143) => {
                api.terminate("");
                match code {
                    123 => api.get_value("cmi.location"),
                    133 => api.set_value("cmi.location", "x"),
                    _ => api.commit(""),
                };
                api.last_error()
            }
            (_, 201) => {
                api.commit("x");
                api.last_error()
            }
            (false, 202) => {
                api.get_value("cmi.core.lesson_status._children");
                api.last_error()
            }
            (false, 203) => {
                api.get_value("cmi.core._count");
                api.last_error()
            }
            (false, 301) => {
                let mut fresh = new_api(version);
                fresh.get_value("cmi.core.student_id");
                fresh.last_error()
            }
            (true, 301) => {
                api.get_value("cmi.objectives.0.id");
                api.last_error()
            }
            (true, 351) => {
                api.set_value("cmi.objectives.7.id", "x");
                api.last_error()
            }
            (true, 391) => {
                api.commit_with("", |_| false);
                api.last_error()
            }
            (_, 401) => {
                api.get_value("xyz.score.result");
                api.last_error()
            }
            (false, 402) => {
                api.set_value("cmi.core._children", "x");
                api.last_error()
            }
            (false, 403) => {
                api.set_value("cmi.core.student_id", "x");
                api.last_error()
            }
            (false, 404) => {
                api.get_value("cmi.core.exit");
                api.last_error()
            }
            (false, 405) => {
                api.set_value("cmi.core.score.raw", "abc");
                api.last_error()
            }
            (true, 403) => {
                api.get_value("cmi.location");
                api.last_error()
            }
            (true, 404) => {
                api.set_value("cmi.credit", "no-credit");
                api.last_error()
            }
            (true, 405) => {
                api.get_value("cmi.exit");
                api.last_error()
            }
            (true, 406) => {
                api.set_value("cmi.exit", "illegal_state");
                api.last_error()
            }
            (true, 407) => {
                api.set_value("cmi.score.scaled", "-2.0");
                api.last_error()
            }
            (true, 408) => {
                api.set_value("cmi.interactions.0.type", "fill-in");
                api.last_error()
            }
            _ => panic!("no producer for {version} {code}"),
        };
        Some(got.as_u16())
    }
    for (version, codes) in [(V12, SCORM_12_ERRORS), (V04, SCORM_2004_ERRORS)] {
        for (code, _) in codes {
            if let Some(got) = produce(version, *code) {
                assert_eq!(got, *code, "{version}: error {code}");
            }
        }
    }
}

#[test]
fn calls_replay_by_either_familys_names() {
    let mut api = new_api(V12);
    let calls = [
        ("LMSInitialize", vec![""], "true", 0),
        ("SetValue", vec!["cmi.core.score.raw", "85"], "true", 0),
        ("LMSGetValue", vec!["cmi.core.score.raw"], "85", 0),
        ("GetLastError", vec![], "0", 0),
        ("LMSFinish", vec![""], "true", 0),
    ];
    for (name, args, result, error) in calls {
        let args: Vec<String> = args.into_iter().map(String::from).collect();
        let outcome = api.call(&ApiCall::parse(name, &args).unwrap());
        assert_eq!(
            (outcome.result.as_str(), outcome.error.as_u16()),
            (result, error),
            "{name}"
        );
    }
    assert!(ApiCall::parse("Launch", &[]).is_err());
    let error = ApiCall::parse("GetLastError", &["x".into()]).unwrap_err();
    assert_eq!(error.code().as_str(), "scorm.runtime.call-invalid");
    assert!(error.to_string().starts_with("scorm.runtime.call-invalid"));
}
