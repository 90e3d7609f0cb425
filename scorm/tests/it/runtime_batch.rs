//! Persistence: the attempt serialises with serde, a commit is applied as a batch of sets (each
//! rejected element reported, the rest kept), and scorm-again's commit bodies are read (rules PM-01,
//! PM-02, PM-08, RT-06, DV-SA-15).

use learnwire_scorm::Version;
use learnwire_scorm::runtime::{
    Api, Attempt, CommitError, Options, Setup, read_scorm_again_commit,
};

const V12: Version = Version::Scorm12;
const V04: Version = Version::Scorm2004Edition4;

fn running(version: Version, attempt: Attempt) -> Api {
    let mut api = Api::new(
        version,
        attempt,
        Setup::new("u1", "Doe, Jane"),
        Options::default(),
    );
    assert_eq!(api.initialize(""), "true");
    api
}

#[test]
fn an_attempt_round_trips_through_json_and_resumes() {
    let mut api = running(V04, Attempt::new());
    api.set_value("cmi.location", "page 3");
    api.set_value("cmi.interactions.0.id", "q1");
    api.set_value("cmi.interactions.0.objectives.0.id", "o1");
    api.set_value("cmi.exit", "suspend");
    assert_eq!(api.terminate(""), "true");
    let json = serde_json::to_string(api.attempt()).unwrap();
    let back: Attempt = serde_json::from_str(&json).unwrap();
    assert_eq!(&back, api.attempt());
    let mut api = running(V04, back);
    assert_eq!(api.get_value("cmi.entry"), "resume");
    assert_eq!(api.get_value("cmi.location"), "page 3");
    assert_eq!(api.get_value("cmi.interactions.0.objectives.0.id"), "o1");
    let value: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(value["data"]["values"]["cmi.location"], "page 3");
    assert_eq!(
        value["data"]["lists"]["cmi.interactions"][0]["values"]["id"],
        "q1"
    );
}

#[test]
fn a_batch_reports_each_rejected_element_and_keeps_the_rest() {
    let mut api = running(V04, Attempt::new());
    let sets: Vec<(String, String)> = [
        ("cmi.location", "p1"),
        ("cmi.score.scaled", "2"),
        ("cmi.interactions.0.type", "choice"),
        ("cmi.learner_id", "attacker"),
        ("cmi.nothing", "x"),
        ("cmi.objectives.3.id", "o"),
        ("cmi.suspend_data", "state"),
        ("cmi.exit", "done"),
    ]
    .iter()
    .map(|(e, v)| (e.to_string(), v.to_string()))
    .collect();
    let report = api.apply_sets(&sets);
    let found: Vec<(String, String)> = report
        .issues()
        .iter()
        .map(|i| (i.code.as_str().to_owned(), i.location.to_string()))
        .collect();
    let expected = [
        ("scorm.runtime.out-of-range", "/1"),
        ("scorm.runtime.dependency", "/2"),
        ("scorm.runtime.access", "/3"),
        ("scorm.runtime.undefined-element", "/4"),
        ("scorm.runtime.index", "/5"),
        ("scorm.runtime.type-mismatch", "/7"),
    ];
    let expected: Vec<(String, String)> = expected
        .iter()
        .map(|(c, l)| (c.to_string(), l.to_string()))
        .collect();
    assert_eq!(found, expected);
    assert!(
        report.issues()[0].message.contains("error 407"),
        "{}",
        report.issues()[0].message
    );
    assert_eq!(api.get_value("cmi.location"), "p1");
    assert_eq!(api.get_value("cmi.suspend_data"), "state");
    assert_eq!(
        api.get_value("cmi.learner_id"),
        "u1",
        "LMS-owned values are never taken (PM-08)"
    );
    assert_eq!(
        api.get_value("cmi.interactions._count"),
        "0",
        "nothing half-applied (P-09)"
    );
}

#[test]
fn a_batch_outside_a_running_session_is_refused() {
    let mut api = Api::new(
        V12,
        Attempt::new(),
        Setup::new("u", "n"),
        Options::default(),
    );
    let report = api.apply_sets(&[("cmi.core.lesson_location".into(), "x".into())]);
    assert_eq!(report.issues()[0].code.as_str(), "scorm.runtime.state");
}

#[test]
fn scorm_again_nested_commit_sets_ids_and_types_first() {
    let body = br#"{"cmi":{"core":{"student_id":"attacker","lesson_status":"completed","score":{"raw":85,"min":"","max":"100","_children":"raw,min,max"},"exit":"suspend","session_time":"00:05:00"},
        "suspend_data":"abc","interactions":{"0":{"student_response":"t","type":"true-false","id":"q1","result":"correct"}},
        "objectives":[{"status":"passed","id":"obj1"}]},"completionStatus":"completed","totalTimeSeconds":300}"#;
    let commit = read_scorm_again_commit(V12, body).unwrap();
    let elements: Vec<&str> = commit.sets.iter().map(|(e, _)| e.as_str()).collect();
    let position = |name: &str| elements.iter().position(|e| *e == name).unwrap();
    assert!(position("cmi.interactions.0.id") < position("cmi.interactions.0.type"));
    assert!(position("cmi.interactions.0.type") < position("cmi.interactions.0.student_response"));
    assert!(position("cmi.objectives.0.id") < position("cmi.objectives.0.status"));
    assert!(commit.ignored.contains(&"cmi.core.student_id".to_owned()));
    assert!(
        commit
            .ignored
            .contains(&"cmi.core.score._children".to_owned())
    );
    assert!(!elements.iter().any(|e| e.contains("completionStatus")));
    let mut api = running(V12, Attempt::new());
    let report = api.apply_commit(&commit);
    assert!(report.is_empty(), "{report:?}");
    assert_eq!(api.get_value("cmi.core.score.raw"), "85");
    assert_eq!(
        api.get_value("cmi.core.score.min"),
        "",
        "empty value of an unset element skipped"
    );
    assert_eq!(api.get_value("cmi.core.student_id"), "u1");
    assert_eq!(api.get_value("cmi.objectives.0.status"), "passed");
    assert_eq!(api.terminate(""), "true");
    assert_eq!(
        api.attempt().data.value("cmi.core.total_time"),
        Some("0000:05:00.00")
    );
    assert!(api.attempt().suspended);
}

#[test]
fn scorm_again_flattened_and_runtime_data_shapes_are_read() {
    let flat = br#"{"cmi.interactions.0.type":"numeric","cmi.interactions.10.id":"b","cmi.interactions.2.id":"a","cmi.interactions.0.id":"q","cmi.score.scaled":"0.5"}"#;
    let commit = read_scorm_again_commit(V04, flat).unwrap();
    let elements: Vec<&str> = commit.sets.iter().map(|(e, _)| e.as_str()).collect();
    assert_eq!(
        elements,
        [
            "cmi.interactions.0.id",
            "cmi.interactions.0.type",
            "cmi.interactions.2.id",
            "cmi.interactions.10.id",
            "cmi.score.scaled"
        ]
    );
    let wrapped =
        br#"{"runtimeData":{"cmi":{"location":"p2","learner_name":"x"}},"successStatus":"passed"}"#;
    let commit = read_scorm_again_commit(V04, wrapped).unwrap();
    assert_eq!(commit.sets, [("cmi.location".to_owned(), "p2".to_owned())]);
    assert_eq!(commit.ignored, ["cmi.learner_name"]);
}

#[test]
fn unreadable_commit_bodies_have_their_code() {
    for (case, body) in [
        ("not JSON", &b"{"[..]),
        ("not an object", b"[1,2]"),
        ("no cmi", br#"{"completionStatus":"completed"}"#),
    ] {
        let error = read_scorm_again_commit(V04, body).unwrap_err();
        assert_eq!(
            error.code().as_str(),
            "scorm.runtime.commit-invalid",
            "{case}"
        );
        assert!(
            error
                .to_string()
                .starts_with("scorm.runtime.commit-invalid"),
            "{case}"
        );
    }
    let huge = vec![b' '; 16 * 1024 * 1024 + 1];
    assert!(matches!(
        read_scorm_again_commit(V04, &huge),
        Err(CommitError::TooLarge { .. })
    ));
}

#[test]
fn limits_bound_records_and_characters() {
    use learnwire_scorm::runtime::Limits;
    let limits = Limits::default()
        .with_max_records(2)
        .with_max_value_chars(10)
        .with_max_total_chars(2_000);
    let mut api = Api::new(
        V04,
        Attempt::new(),
        Setup::new("u", "n"),
        Options::default().with_limits(limits),
    );
    api.initialize("");
    assert_eq!(api.set_value("cmi.interactions.0.id", "a"), "true");
    assert_eq!(api.set_value("cmi.interactions.1.id", "b"), "true");
    assert_eq!(api.set_value("cmi.interactions.2.id", "c"), "false");
    assert_eq!(api.get_last_error(), "351", "records cap (PM-06)");
    assert_eq!(api.set_value("cmi.location", "12345678901"), "false");
    assert_eq!(api.get_last_error(), "351", "value cap");
    let limits = Limits::default().with_max_total_chars(2_000);
    let mut api = Api::new(
        V04,
        Attempt::new(),
        Setup::new("u", "n"),
        Options::default().with_limits(limits),
    );
    api.initialize("");
    let refused = (0..400).find(|i| {
        api.set_value(
            &format!("cmi.comments_from_learner.{i}.location"),
            "0123456789",
        ) == "false"
    });
    assert!(refused.is_some(), "the total cap was never reached");
    assert_eq!(api.get_last_error(), "351", "total cap");
    assert!(api.size() <= 2_000, "size {}", api.size());
    let mut api12 = Api::new(
        V12,
        Attempt::new(),
        Setup::new("u", "n"),
        Options::default().with_limits(Limits::default().with_max_records(1)),
    );
    api12.initialize("");
    api12.set_value("cmi.objectives.0.id", "a");
    assert_eq!(api12.set_value("cmi.objectives.1.id", "b"), "false");
    assert_eq!(api12.get_last_error(), "405", "1.2 cap is 405");
}
