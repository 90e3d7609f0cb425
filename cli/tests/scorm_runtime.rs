//! `learnwire scorm runtime`: replayed calls, their results and error codes, the final state, the exit
//! status (0: every call left error 0; 1: some did not; 2: unusable input) and never a panic.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::path::PathBuf;
use std::process::{Command, Output};

fn temp_file(name: &str, contents: &[u8]) -> PathBuf {
    let dir = std::env::temp_dir().join(format!(
        "learnwire-scorm-runtime-cli-{}",
        std::process::id()
    ));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, contents).unwrap();
    path
}

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_learnwire"))
        .arg("scorm")
        .arg("runtime")
        .args(args)
        .output()
        .unwrap()
}

fn json_lines(output: &Output) -> Vec<serde_json::Value> {
    String::from_utf8(output.stdout.clone())
        .unwrap()
        .lines()
        .map(|line| serde_json::from_str(line).unwrap())
        .collect()
}

const CALLS_2004: &str = r#"[{"call":"Initialize","args":[""]},{"call":"SetValue","args":["cmi.score.raw","85"]},{"call":"GetValue","args":["cmi.score.raw"]},{"call":"GetLastError","args":[]},{"call":"SetValue","args":["cmi.exit","suspend"]},{"call":"Terminate","args":[""]}]"#;

#[test]
fn every_call_is_printed_as_a_json_line_then_the_state_and_exit_is_zero() {
    let path = temp_file("ok.json", CALLS_2004.as_bytes());
    let output = run(&[
        "--scorm-version",
        "2004",
        "--format",
        "json",
        path.to_str().unwrap(),
    ]);
    assert_eq!(output.status.code(), Some(0), "{output:?}");
    let lines = json_lines(&output);
    assert_eq!(lines.len(), 7);
    assert_eq!(
        lines[1],
        serde_json::json!({"index":1,"call":"SetValue","result":"true","error":0})
    );
    assert_eq!(lines[2]["result"], "85");
    assert_eq!(lines[6]["session"], "terminated");
    assert_eq!(lines[6]["state"]["suspended"], true);
    assert_eq!(lines[6]["state"]["data"]["values"]["cmi.score.raw"], "85");
}

#[test]
fn a_failed_call_exits_one_and_scorm_12_names_are_read() {
    let calls = r#"[{"call":"LMSInitialize","args":[""]},{"call":"LMSSetValue","args":["cmi.core.student_id","x"]},{"call":"LMSGetLastError","args":[]},{"call":"LMSFinish","args":[""]}]"#;
    let path = temp_file("fail.json", calls.as_bytes());
    let output = run(&[
        "--scorm-version",
        "1.2",
        "--format",
        "json",
        path.to_str().unwrap(),
    ]);
    assert_eq!(output.status.code(), Some(1), "{output:?}");
    let lines = json_lines(&output);
    assert_eq!(
        lines[1],
        serde_json::json!({"index":1,"call":"LMSSetValue","result":"false","error":403})
    );
    assert_eq!(lines[2]["result"], "403");
}

#[test]
fn text_output_shows_results_codes_and_values() {
    let path = temp_file("text.json", CALLS_2004.as_bytes());
    let output = run(&["--scorm-version", "2004", path.to_str().unwrap()]);
    let text = String::from_utf8(output.stdout).unwrap();
    assert!(text.contains("1: SetValue -> \"true\" (error 0)"), "{text}");
    assert!(text.contains("cmi.score.raw = \"85\""), "{text}");
    assert!(text.contains("session: terminated"), "{text}");
}

#[test]
fn unusable_input_exits_two_without_a_panic() {
    let cases: [(&str, &[u8]); 6] = [
        ("not json", b"{"),
        ("not an array", b"{}"),
        ("no call name", br#"[{"args":[]}]"#),
        ("unknown function", br#"[{"call":"Launch","args":[]}]"#),
        (
            "too many arguments",
            br#"[{"call":"GetLastError","args":["x"]}]"#,
        ),
        (
            "argument not a string",
            br#"[{"call":"GetValue","args":[1]}]"#,
        ),
    ];
    for (case, body) in cases {
        let path = temp_file("bad.json", body);
        let output = run(&["--scorm-version", "2004", path.to_str().unwrap()]);
        assert_eq!(output.status.code(), Some(2), "{case}: {output:?}");
        assert!(
            String::from_utf8_lossy(&output.stderr).starts_with("learnwire:"),
            "{case}"
        );
    }
    let output = run(&["--scorm-version", "2004", "/nonexistent/calls.json"]);
    assert_eq!(output.status.code(), Some(2));
    let output = run(&["--scorm-version", "3", "x.json"]);
    assert_eq!(output.status.code(), Some(2));
}

const MANIFEST: &str = r#"<manifest identifier="M" xmlns="http://www.imsproject.org/xsd/imscp_rootv1p1p2" xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_rootv1p2"><metadata><schema>ADL SCORM</schema><schemaversion>1.2</schemaversion></metadata><organizations default="O"><organization identifier="O"><title>T</title><item identifier="I" identifierref="R"><title>L</title><adlcp:masteryscore>80</adlcp:masteryscore><adlcp:datafromlms>chapter=3</adlcp:datafromlms></item></organization></organizations><resources><resource identifier="R" type="webcontent" adlcp:scormtype="sco" href="a.html"><file href="a.html"/></resource></resources></manifest>"#;

#[test]
fn a_packages_item_gives_the_initial_values() {
    let manifest = temp_file("imsmanifest.xml", MANIFEST.as_bytes());
    let calls = r#"[{"call":"LMSInitialize","args":[""]},{"call":"LMSGetValue","args":["cmi.launch_data"]},{"call":"LMSGetValue","args":["cmi.student_data.mastery_score"]},{"call":"LMSSetValue","args":["cmi.core.score.raw","79"]},{"call":"LMSFinish","args":[""]}]"#;
    let path = temp_file("package.json", calls.as_bytes());
    let output = run(&[
        "--scorm-version",
        "1.2",
        "--package",
        manifest.to_str().unwrap(),
        "--item",
        "I",
        "--format",
        "json",
        path.to_str().unwrap(),
    ]);
    assert_eq!(output.status.code(), Some(0), "{output:?}");
    let lines = json_lines(&output);
    assert_eq!(lines[1]["result"], "chapter=3");
    assert_eq!(lines[2]["result"], "80");
    assert_eq!(
        lines[5]["state"]["data"]["values"]["cmi.core.lesson_status"],
        "failed"
    );
    let output = run(&[
        "--scorm-version",
        "2004",
        "--package",
        manifest.to_str().unwrap(),
        "--item",
        "I",
        path.to_str().unwrap(),
    ]);
    assert_eq!(output.status.code(), Some(2), "version family mismatch");
    let output = run(&[
        "--scorm-version",
        "1.2",
        "--package",
        manifest.to_str().unwrap(),
        "--item",
        "NOPE",
        path.to_str().unwrap(),
    ]);
    assert_eq!(output.status.code(), Some(2), "unknown item");
}
