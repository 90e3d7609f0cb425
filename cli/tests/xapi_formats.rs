//! `learnwire xapi validate --format sarif|junit`: the SARIF log's structure as SARIF 2.1.0 defines it
//! (rules from the xapi registry, results located by the input file, the JSON Lines line and the JSON
//! pointer), and the JUnit document's shape (parsed back with quick-xml), a hostile key included.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Output, Stdio};

use serde_json::Value;

#[path = "support/junit.rs"]
mod junit_support;

use junit_support::junit;

const VALID: &str = r#"{"actor":{"mbox":"mailto:a@example.com"},"verb":{"id":"http://adlnet.gov/expapi/verbs/completed"},"object":{"id":"http://example.com/a"}}"#;
const INVALID: &str = r#"{"actor":{"mbox":"a@example.com"},"verb":{"id":"http://adlnet.gov/expapi/verbs/completed"},"object":{"id":"http://example.com/a"}}"#;
/// A statement with a key written to break out of XML text and attributes, with a control character.
const HOSTILE: &str = r#"{"actor":{"mbox":"mailto:a@example.com"},"verb":{"id":"http://adlnet.gov/expapi/verbs/completed"},"object":{"id":"http://example.com/a"},"<&\"'\u0001x":1}"#;

fn temp_file(name: &str, contents: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("learnwire-xapi-formats-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, contents).unwrap();
    path
}

fn run(args: &[&str], stdin: &str) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_learnwire"))
        .arg("xapi")
        .arg("validate")
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut pipe = child.stdin.take().unwrap();
    pipe.write_all(stdin.as_bytes()).unwrap();
    drop(pipe);
    child.wait_with_output().unwrap()
}

fn sarif(output: &Output) -> Value {
    serde_json::from_slice(&output.stdout).unwrap()
}

fn results(log: &Value) -> Vec<Value> {
    log["runs"][0]["results"].as_array().unwrap().clone()
}

fn pointer(result: &Value) -> &str {
    result["locations"][0]["logicalLocations"][0]["fullyQualifiedName"]
        .as_str()
        .unwrap()
}

#[test]
fn sarif_log_has_version_schema_one_run_and_rules_from_the_xapi_registry_for_codes_that_appear() {
    let output = run(&["--format", "sarif", "-"], INVALID);
    assert_eq!(output.status.code(), Some(1), "{output:?}");
    let log = sarif(&output);
    assert_eq!(log["version"], "2.1.0");
    assert_eq!(
        log["$schema"],
        "https://json.schemastore.org/sarif-2.1.0.json"
    );
    let runs = log["runs"].as_array().unwrap();
    assert_eq!(runs.len(), 1);
    let driver = &runs[0]["tool"]["driver"];
    assert_eq!(driver["name"], "learnwire");
    let rules = driver["rules"].as_array().unwrap();
    let ids: Vec<&str> = rules
        .iter()
        .map(|rule| rule["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["xapi.agent.mbox"]);
    let info = learnwire_xapi::CODES
        .iter()
        .find(|info| info.code.as_str() == "xapi.agent.mbox")
        .unwrap();
    assert_eq!(rules[0]["shortDescription"]["text"], info.summary);
    assert_eq!(rules[0]["properties"]["reference"], info.reference);
    assert_eq!(rules[0]["defaultConfiguration"]["level"], "error");
    let results = results(&log);
    assert_eq!(results.len(), 1);
    assert_eq!(results[0]["ruleId"], "xapi.agent.mbox");
    assert_eq!(results[0]["ruleIndex"], 0);
    assert_eq!(results[0]["level"], "error");
    assert!(
        results[0]["message"]["text"]
            .as_str()
            .unwrap()
            .contains("mailto")
    );
}

#[test]
fn sarif_locates_an_issue_by_file_line_of_json_lines_and_json_pointer() {
    let path = temp_file("lines.jsonl", &format!("{VALID}\n\n{INVALID}\n"));
    let output = run(
        &["--lines", "--format", "sarif", path.to_str().unwrap()],
        "",
    );
    assert_eq!(output.status.code(), Some(1), "{output:?}");
    let results = results(&sarif(&output));
    assert_eq!(results.len(), 1);
    let physical = &results[0]["locations"][0]["physicalLocation"];
    assert!(
        physical["artifactLocation"]["uri"]
            .as_str()
            .unwrap()
            .ends_with("/lines.jsonl"),
        "{physical}"
    );
    assert_eq!(physical["region"]["startLine"], 3);
    assert_eq!(pointer(&results[0]), "/actor/mbox");
    assert_eq!(
        results[0]["locations"][0]["logicalLocations"][0]["kind"],
        "object"
    );
}

#[test]
fn sarif_pointer_of_a_batch_statement_starts_with_its_index_and_stdin_is_named_stdin() {
    let output = run(&["--format", "sarif", "-"], &format!("[{VALID},{INVALID}]"));
    assert_eq!(output.status.code(), Some(1));
    let results = results(&sarif(&output));
    assert_eq!(results.len(), 1);
    assert_eq!(pointer(&results[0]), "/1/actor/mbox");
    let physical = &results[0]["locations"][0]["physicalLocation"];
    assert_eq!(physical["artifactLocation"]["uri"], "stdin");
    assert!(physical.get("region").is_none(), "{physical}");
}

#[test]
fn sarif_of_valid_statements_has_no_results_and_exits_zero() {
    let output = run(&["--format", "sarif", "--summary", "-"], VALID);
    assert_eq!(output.status.code(), Some(0), "{output:?}");
    let log = sarif(&output);
    assert!(results(&log).is_empty());
    assert!(
        log["runs"][0]["tool"]["driver"]["rules"]
            .as_array()
            .unwrap()
            .is_empty()
    );
}

#[test]
fn sarif_keeps_a_hostile_key_in_the_json_pointer() {
    let output = run(&["--format", "sarif", "-"], HOSTILE);
    assert_eq!(output.status.code(), Some(1));
    let results = results(&sarif(&output));
    assert_eq!(results[0]["ruleId"], "xapi.json.unknown-key");
    assert_eq!(pointer(&results[0]), "/<&\"'\u{1}x");
}

#[test]
fn junit_has_one_testsuite_per_file_and_one_testcase_per_line_failed_with_every_error() {
    let path = temp_file(
        "junit.jsonl",
        &format!("{VALID}\n[{INVALID},{HOSTILE}]\nnot json\n"),
    );
    let output = run(
        &["--lines", "--format", "junit", path.to_str().unwrap()],
        "",
    );
    assert_eq!(output.status.code(), Some(1), "{output:?}");
    let xml = String::from_utf8(output.stdout).unwrap();
    assert!(xml.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites"));
    let (suites, cases) = junit(&xml);
    assert_eq!(suites, [path.to_string_lossy()]);
    let names: Vec<&str> = cases.iter().map(|case| case.name.as_str()).collect();
    assert_eq!(names, ["line 1", "line 2", "line 3"]);
    assert!(
        cases
            .iter()
            .all(|case| case.classname == path.to_string_lossy())
    );
    assert!(cases[0].failure.is_none());
    let (message, kind, text) = cases[1].failure.as_ref().unwrap();
    assert!(message.contains("2 errors"), "{message}");
    assert_eq!(kind, "xapi.agent.mbox");
    assert!(text.contains("xapi.agent.mbox at /0/actor/mbox"), "{text}");
    assert!(
        text.contains("xapi.json.unknown-key at /1/<&\"'\u{FFFD}x"),
        "{text}"
    );
    let (_, kind, _) = cases[2].failure.as_ref().unwrap();
    assert_eq!(kind, "xapi.json.malformed");
}

#[test]
fn junit_of_one_document_is_one_testcase_and_a_hostile_key_is_escaped() {
    let output = run(&["--format", "junit", "-"], HOSTILE);
    assert_eq!(output.status.code(), Some(1));
    let xml = String::from_utf8(output.stdout).unwrap();
    // Nothing of the key reaches the document unescaped: no raw control character, no raw `<&`.
    assert!(!xml.contains('\u{1}'), "{xml}");
    assert!(!xml.contains("<&"), "{xml}");
    assert!(xml.contains("&lt;&amp;&quot;&#39;\u{FFFD}x"), "{xml}");
    let (suites, cases) = junit(&xml);
    assert_eq!(suites, ["stdin"]);
    assert_eq!(cases.len(), 1);
    assert_eq!(cases[0].name, "document");
    let (_, kind, text) = cases[0].failure.as_ref().unwrap();
    assert_eq!(kind, "xapi.json.unknown-key");
    assert!(text.contains("/<&\"'\u{FFFD}x"), "{text}");
}

#[test]
fn junit_of_a_valid_document_has_a_passing_testcase_and_exits_zero() {
    let output = run(&["--format", "junit", "-"], VALID);
    assert_eq!(output.status.code(), Some(0), "{output:?}");
    let (suites, cases) = junit(&String::from_utf8(output.stdout).unwrap());
    assert_eq!(suites.len(), 1);
    assert_eq!(cases.len(), 1);
    assert!(cases[0].failure.is_none());
}

#[test]
fn a_closed_stdout_pipe_is_not_a_panic_in_lines_output() {
    let lines: String = (0..5_000)
        .map(|n| if n % 2 == 0 { VALID } else { INVALID })
        .map(|statement| format!("{statement}\n"))
        .collect();
    let path = temp_file("closed-pipe.jsonl", &lines);
    for format in ["text", "json"] {
        let mut child = Command::new(env!("CARGO_BIN_EXE_learnwire"))
            .args(["xapi", "validate", "--lines", "--format", format])
            .arg(&path)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        drop(child.stdout.take());
        let output = child.wait_with_output().unwrap();
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(1), "{format}: {stderr}");
        assert!(!stderr.contains("panicked"), "{format}: {stderr}");
    }
}

#[test]
fn each_lines_result_is_written_before_the_next_line_is_read() {
    use std::io::{BufRead, BufReader};
    let mut child = Command::new(env!("CARGO_BIN_EXE_learnwire"))
        .args(["xapi", "validate", "--lines"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut input = child.stdin.take().unwrap();
    let mut output = BufReader::new(child.stdout.take().unwrap());
    let (sender, receiver) = std::sync::mpsc::channel();
    let reader = std::thread::spawn(move || {
        for _ in 0..2 {
            let mut line = String::new();
            output.read_line(&mut line).unwrap();
            sender.send(line).unwrap();
        }
    });
    // One line in, its result out, while the input stays open (a live stream).
    writeln!(input, "{VALID}").unwrap();
    input.flush().unwrap();
    let first = receiver
        .recv_timeout(std::time::Duration::from_secs(20))
        .expect("the first result is written before more input arrives");
    assert_eq!(first, "line 1: statement 0: valid\n");
    writeln!(input, "{INVALID}").unwrap();
    drop(input);
    let second = receiver
        .recv_timeout(std::time::Duration::from_secs(20))
        .unwrap();
    assert_eq!(second, "line 2: statement 1: invalid\n");
    reader.join().unwrap();
    assert_eq!(child.wait().unwrap().code(), Some(1));
}
