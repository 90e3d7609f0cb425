//! `learnwire cmi5 session`: verdicts per statement, the moveOn state, the satisfied statements, exit
//! codes 0/1/2 and no panic on unusable input.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use std::path::PathBuf;
use std::process::{Command, Output};

use serde_json::{Value, json};

const COURSE: &str = r#"<?xml version="1.0" encoding="utf-8"?>
<courseStructure xmlns="https://w3id.org/xapi/profiles/cmi5/v1/CourseStructure.xsd">
  <course id="https://example.com/course">
    <title><langstring lang="en">Course</langstring></title>
    <description><langstring lang="en">Course</langstring></description>
  </course>
  <block id="https://example.com/block">
    <title><langstring lang="en">Block</langstring></title>
    <description><langstring lang="en">Block</langstring></description>
    <au id="https://example.com/au-1" moveOn="CompletedOrPassed" masteryScore="0.8">
      <title><langstring lang="en">AU 1</langstring></title>
      <description><langstring lang="en">AU 1</langstring></description>
      <url>https://content.example.com/au-1/index.html</url>
    </au>
  </block>
</courseStructure>"#;

const ACTIVITY: &str = "https://lms.example.com/activities/au-1";
const REGISTRATION: &str = "4eb0e063-669b-479a-86b3-f9be9ac88a1d";
const SESSION: &str = "c7b6f0a9-482c-4c03-acc1-548289126963";

fn statement(word: &str, result: Option<Value>) -> Value {
    let mut category = vec![json!({"id": "https://w3id.org/xapi/cmi5/context/categories/cmi5"})];
    if matches!(word, "completed" | "passed" | "failed") {
        category.push(json!({"id": "https://w3id.org/xapi/cmi5/context/categories/moveon"}));
    }
    let mut value = json!({
        "id": "fd41c918-b88b-4b20-a0a5-a4c32391aaa0",
        "timestamp": "2024-05-01T10:00:00Z",
        "actor": {"objectType": "Agent", "account": {"homePage": "https://lms.example.com", "name": "learner-7"}},
        "verb": {"id": format!("http://adlnet.gov/expapi/verbs/{word}")},
        "object": {"id": ACTIVITY},
        "context": {
            "registration": REGISTRATION,
            "contextActivities": {"grouping": [{"id": "https://example.com/au-1"}], "category": category},
            "extensions": {"https://w3id.org/xapi/cmi5/context/extensions/sessionid": SESSION}
        }
    });
    if let Some(result) = result {
        value["result"] = result;
    }
    value
}

struct Files {
    dir: PathBuf,
}

impl Files {
    fn new(name: &str, statements: &Value) -> Self {
        let dir =
            std::env::temp_dir().join(format!("learnwire-cmi5-cli-{name}-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("cmi5.xml"), COURSE).unwrap();
        std::fs::write(dir.join("statements.json"), statements.to_string()).unwrap();
        Self { dir }
    }

    fn run(&self, extra: &[&str]) -> Output {
        let course = self.dir.join("cmi5.xml");
        let statements = self.dir.join("statements.json");
        let mut args: Vec<String> = vec![
            "cmi5".into(),
            "session".into(),
            "--course".into(),
            course.display().to_string(),
            "--au".into(),
            "https://example.com/au-1".into(),
        ];
        args.extend(extra.iter().map(|arg| (*arg).to_owned()));
        args.push(statements.display().to_string());
        Command::new(env!("CARGO_BIN_EXE_learnwire"))
            .args(&args)
            .output()
            .unwrap()
    }
}

impl Drop for Files {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

fn lines(output: &Output) -> Vec<Value> {
    String::from_utf8(output.stdout.clone())
        .unwrap()
        .lines()
        .map(|line| serde_json::from_str(line).unwrap())
        .collect()
}

#[test]
fn cmi5_session_accepts_a_conformant_session_and_lists_the_satisfied_statements() {
    let statements = json!([
        statement("initialized", None),
        statement("passed", Some(json!({"success": true, "duration": "PT1M"}))),
        statement("terminated", Some(json!({"duration": "PT2M"}))),
    ]);
    let files = Files::new("ok", &statements);
    let output = files.run(&["--format", "json"]);
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let lines = lines(&output);
    assert_eq!(lines.len(), 4);
    assert_eq!(lines[0]["index"], 0);
    assert_eq!(lines[0]["verdict"], "accepted");
    assert_eq!(lines[1]["verb"], "passed");
    let outcome = &lines[3];
    assert_eq!(outcome["moveOn"], "CompletedOrPassed");
    assert_eq!(outcome["satisfied"], true);
    assert_eq!(outcome["courseSatisfied"], true);
    let by_session = outcome["satisfiedBySession"].as_array().unwrap();
    assert_eq!(by_session.len(), 2);
    assert_eq!(
        by_session[0]["object"]["definition"]["type"],
        "https://w3id.org/xapi/cmi5/activitytype/block"
    );
    assert_eq!(
        by_session[1]["context"]["extensions"]["https://w3id.org/xapi/cmi5/context/extensions/sessionid"],
        SESSION
    );
}

#[test]
fn cmi5_session_exits_1_and_names_the_code_of_a_rejected_statement() {
    let statements = json!([
        statement("initialized", None),
        statement(
            "passed",
            Some(json!({"success": true, "duration": "PT1M", "score": {"scaled": 0.5}}))
        ),
    ]);
    let files = Files::new("rejected", &statements);
    let output = files.run(&["--format", "json"]);
    assert_eq!(output.status.code(), Some(1));
    let lines = lines(&output);
    assert_eq!(lines[1]["verdict"], "rejected");
    let codes: Vec<&str> = lines[1]["codes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c.as_str().unwrap())
        .collect();
    assert_eq!(
        codes,
        ["cmi5.context.mastery-score", "cmi5.result.below-mastery"]
    );
    assert_eq!(lines[2]["satisfied"], false);
    let text = files.run(&[]);
    let stdout = String::from_utf8(text.stdout).unwrap();
    assert!(stdout.contains("#1 rejected passed (defined)"), "{stdout}");
    assert!(
        stdout.contains("cmi5.result.below-mastery at /result/score/scaled"),
        "{stdout}"
    );
}

#[test]
fn cmi5_session_exits_2_for_unusable_input_without_panicking() {
    let files = Files::new("unusable", &json!({"not": "an array"}));
    let output = files.run(&[]);
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).starts_with("learnwire: "));
    let empty = Files::new("empty", &json!([]));
    let output = empty.run(&[]);
    assert_eq!(
        output.status.code(),
        Some(2),
        "no statement to take the launch values from"
    );
    let output = Command::new(env!("CARGO_BIN_EXE_learnwire"))
        .args([
            "cmi5",
            "session",
            "--course",
            "/no/such/cmi5.xml",
            "--au",
            "x",
            "/no/such.json",
        ])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
}

#[test]
fn cmi5_session_exits_2_for_an_unknown_au() {
    let files = Files::new("unknown-au", &json!([statement("initialized", None)]));
    let course = files.dir.join("cmi5.xml");
    let statements = files.dir.join("statements.json");
    let output = Command::new(env!("CARGO_BIN_EXE_learnwire"))
        .args(["cmi5", "session", "--course"])
        .arg(&course)
        .args(["--au", "https://example.com/nope"])
        .arg(&statements)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("cmi5.moveon.unknown-au"));
}

#[test]
fn cmi5_session_refuses_duplicate_keys_as_not_xapi() {
    let files = Files::new("dup", &json!([]));
    std::fs::write(
        files.dir.join("statements.json"),
        br#"[{"id":"fd41c918-b88b-4b20-a0a5-a4c32391aaa0","actor":{"account":{"homePage":"https://lms.example.com","name":"learner-7"}},"verb":{"id":"http://adlnet.gov/expapi/verbs/initialized"},"verb":{"id":"http://adlnet.gov/expapi/verbs/passed"},"object":{"id":"https://lms.example.com/activities/au-1"},"context":{"registration":"4eb0e063-669b-479a-86b3-f9be9ac88a1d","extensions":{"https://w3id.org/xapi/cmi5/context/extensions/sessionid":"s"}}}]"#,
    )
    .unwrap();
    let output = files.run(&["--format", "json"]);
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(lines(&output)[0]["codes"][0], "cmi5.statement.xapi");
}

#[test]
fn cmi5_session_skip_lms_lists_lms_statements_as_skipped() {
    let mut satisfied = statement("initialized", None);
    satisfied["verb"]["id"] = json!("https://w3id.org/xapi/adl/verbs/satisfied");
    let mut launched = statement("launched", None);
    launched["id"] = json!("a6a9f4a4-6a36-466c-91a0-6daea4e0a5a4");
    let statements = json!([
        launched,
        statement("initialized", None),
        statement(
            "completed",
            Some(json!({"completion": true, "duration": "PT1M"}))
        ),
        satisfied,
        statement("terminated", Some(json!({"duration": "PT2M"}))),
    ]);
    let files = Files::new("skip-lms", &statements);
    let judged = files.run(&["--format", "json"]);
    assert_eq!(
        judged.status.code(),
        Some(1),
        "launched and satisfied judged as the AU's"
    );
    assert_eq!(
        lines(&judged)[0]["codes"][0],
        "cmi5.session.not-initialized"
    );
    let output = files.run(&["--format", "json", "--skip-lms"]);
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stdout)
    );
    let lines = lines(&output);
    assert_eq!(lines[0]["verdict"], "skipped");
    assert_eq!(lines[0]["kind"], "lms");
    assert_eq!(lines[3]["verb"], "satisfied");
    assert_eq!(lines[5]["skipped"], 2);
    assert_eq!(lines[5]["satisfied"], true);
}
