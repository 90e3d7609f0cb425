//! `learnwire xapi validate`.

use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Output, Stdio};

const VALID: &str = r#"{"actor":{"mbox":"mailto:a@example.com"},"verb":{"id":"http://adlnet.gov/expapi/verbs/completed"},"object":{"id":"http://example.com/a"}}"#;
const INVALID: &str = r#"{"actor":{"mbox":"a@example.com"},"verb":{"id":"completed"},"object":{"id":"http://example.com/a"}}"#;

fn temp_file(name: &str, contents: &[u8]) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("learnwire-xapi-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, contents).unwrap();
    path
}

fn run(args: &[&str], stdin: Option<&[u8]>) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_learnwire"));
    command.arg("xapi").arg("validate").args(args);
    command
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = command.spawn().unwrap();
    let mut pipe = child.stdin.take().unwrap();
    pipe.write_all(stdin.unwrap_or_default()).unwrap();
    drop(pipe);
    child.wait_with_output().unwrap()
}

fn json_lines(output: &Output) -> Vec<serde_json::Value> {
    String::from_utf8(output.stdout.clone())
        .unwrap()
        .lines()
        .map(|line| serde_json::from_str(line).unwrap())
        .collect()
}

#[test]
fn valid_statement_exits_zero() {
    let path = temp_file("valid.json", VALID.as_bytes());
    let output = run(&[path.to_str().unwrap()], None);
    assert_eq!(output.status.code(), Some(0), "{output:?}");
    assert!(String::from_utf8_lossy(&output.stdout).contains("statement 0: valid"));
}

#[test]
fn invalid_statement_lists_codes_as_json() {
    let output = run(&["--format", "json", "-"], Some(INVALID.as_bytes()));
    assert_eq!(output.status.code(), Some(1));
    let lines = json_lines(&output);
    assert_eq!(lines.len(), 1);
    assert_eq!(lines[0]["index"], 0);
    assert_eq!(lines[0]["valid"], false);
    let codes: Vec<&str> = lines[0]["issues"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["code"].as_str().unwrap())
        .collect();
    assert_eq!(codes, ["xapi.agent.mbox", "xapi.format.iri"]);
    assert_eq!(lines[0]["issues"][0]["location"], "/actor/mbox");
}

#[test]
fn batch_gives_one_line_per_statement() {
    let body = format!("[{VALID},{INVALID}]");
    let output = run(&["--format", "json"], Some(body.as_bytes()));
    assert_eq!(output.status.code(), Some(1));
    let lines = json_lines(&output);
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[0]["valid"], true);
    assert_eq!(lines[1]["index"], 1);
    assert_eq!(lines[1]["valid"], false);
}

#[test]
fn not_json_gives_one_invalid_line() {
    let output = run(&["--format", "json"], Some(b"not json at all"));
    assert_eq!(output.status.code(), Some(1));
    let lines = json_lines(&output);
    assert_eq!(lines.len(), 1);
    assert_eq!(lines[0]["valid"], false);
    assert_eq!(lines[0]["issues"][0]["code"], "xapi.json.malformed");
}

#[test]
fn json_lines_stream_and_summary() {
    let mut input = String::new();
    for index in 0..50 {
        input.push_str(if index % 10 == 3 { INVALID } else { VALID });
        input.push('\n');
    }
    input.push_str("\n{broken\n");
    let path = temp_file("stream.jsonl", input.as_bytes());
    let output = run(
        &[
            "--lines",
            "--summary",
            "--format",
            "json",
            path.to_str().unwrap(),
        ],
        None,
    );
    assert_eq!(output.status.code(), Some(1));
    let lines = json_lines(&output);
    assert_eq!(lines.len(), 1);
    assert_eq!(lines[0]["statements"], 51);
    assert_eq!(lines[0]["valid"], 45);
    assert_eq!(lines[0]["invalid"], 6);
    let output = run(
        &["--lines", "--format", "json", path.to_str().unwrap()],
        None,
    );
    let lines = json_lines(&output);
    assert_eq!(lines.len(), 51);
    assert_eq!(lines[3]["line"], 4);
    assert_eq!(lines[50]["line"], 52);
    // The index counts statements across the stream; `line` says where each came from.
    for (position, line) in lines.iter().enumerate() {
        assert_eq!(line["index"], position);
    }
}

#[test]
fn overlong_line_is_reported_not_buffered() {
    let mut input = "x".repeat(300 * 1024);
    input.push('\n');
    input.push_str(VALID);
    input.push('\n');
    let output = run(&["--lines", "--format", "json"], Some(input.as_bytes()));
    let lines = json_lines(&output);
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[0]["issues"][0]["code"], "xapi.limit.statement-size");
    assert_eq!(lines[1]["valid"], true);
}

#[test]
fn version_two_accepts_context_agents() {
    let body = r#"{"actor":{"mbox":"mailto:a@example.com"},"verb":{"id":"http://x/v"},"object":{"id":"http://x/a"},
        "version":"2.0.0","context":{"contextAgents":[{"objectType":"contextAgent","agent":{"mbox":"mailto:b@example.com"},"relevantTypes":["http://x/t"]}]}}"#;
    assert_eq!(
        run(&["--xapi-version", "2.0.0"], Some(body.as_bytes()))
            .status
            .code(),
        Some(0)
    );
    assert_eq!(run(&[], Some(body.as_bytes())).status.code(), Some(1));
}

#[test]
fn multipart_body_is_checked() {
    let boundary = "abc123";
    let body = format!(
        "--{boundary}\r\nContent-Type: application/json\r\n\r\n{VALID}\r\n--{boundary}--\r\n"
    );
    let content_type = format!("multipart/mixed; boundary={boundary}");
    let output = run(
        &["--content-type", &content_type, "--format", "json"],
        Some(body.as_bytes()),
    );
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stdout)
    );
    let truncated = format!("--{boundary}\r\nContent-Type: application/json\r\n\r\n{VALID}");
    let output = run(
        &["--content-type", &content_type, "--format", "json"],
        Some(truncated.as_bytes()),
    );
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(json_lines(&output)[0]["valid"], false);
}

#[test]
fn usage_and_io_errors_exit_two() {
    assert_eq!(run(&["/no/such/file.json"], None).status.code(), Some(2));
    assert_eq!(run(&["--xapi-version", "3.0"], None).status.code(), Some(2));
    assert_eq!(
        run(&["--lines", "--content-type", "application/json"], None)
            .status
            .code(),
        Some(2)
    );
}

#[test]
fn hostile_input_never_panics() {
    for input in [
        &b"\xff\xfe"[..],
        b"[[[[[[[[[[[[[[[[[[",
        b"{\"actor\":1e999}",
        b"",
        b"[]",
    ] {
        let output = run(&["--format", "json"], Some(input));
        assert!(matches!(output.status.code(), Some(0 | 1)), "{output:?}");
        assert!(
            output.stderr.is_empty(),
            "{}",
            String::from_utf8_lossy(&output.stderr)
        );
    }
}

#[test]
fn hostile_statement_output_stays_bounded() {
    let path = temp_file(
        "hostile.json",
        &learnwire_testkit::hostile::duplicate_key_statement(),
    );
    let output = run(&["--format", "json", path.to_str().unwrap()], None);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        output.stdout.len() < 4 << 20,
        "{} bytes of output",
        output.stdout.len()
    );
    let lines = json_lines(&output);
    assert_eq!(lines.len(), 1);
    assert_eq!(lines[0]["issues"].as_array().unwrap().len(), 10_000);
    assert_eq!(lines[0]["dropped"], 15_999 + 5_000 + 3_000 - 10_000);
    assert_eq!(
        lines[0]["issues"][0]["location"],
        "/result/extensions/http:~1~1x~1e"
    );
    let output = run(&[path.to_str().unwrap()], None);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        output.stdout.len() < 4 << 20,
        "{} bytes of output",
        output.stdout.len()
    );
    let text = String::from_utf8(output.stdout).unwrap();
    assert!(
        text.contains("and 13999 more issues not listed"),
        "{}",
        text.lines().last().unwrap_or_default()
    );
    // The same body in --lines mode.
    let output = run(
        &["--lines", "--format", "json", path.to_str().unwrap()],
        None,
    );
    assert!(output.stdout.len() < 4 << 20);
    assert_eq!(
        json_lines(&output)[0]["dropped"],
        15_999 + 5_000 + 3_000 - 10_000
    );
}

#[test]
fn lines_mode_treats_a_form_feed_line_as_an_error_not_a_blank() {
    // Only an empty line or one of JSON whitespace (space, tab, CR) is skipped.
    let input = format!("{VALID}\n\n  \t \r\n\x0c\n\x0b\n{VALID}\n");
    let output = run(&["--lines", "--format", "json"], Some(input.as_bytes()));
    assert_eq!(output.status.code(), Some(1));
    let lines = json_lines(&output);
    assert_eq!(lines.len(), 4, "{lines:?}");
    assert_eq!(lines[0]["valid"], true);
    for (at, line_number) in [(1, 4), (2, 5)] {
        assert_eq!(lines[at]["line"], line_number);
        assert_eq!(lines[at]["valid"], false);
        assert_eq!(lines[at]["issues"][0]["code"], "xapi.json.malformed");
    }
    assert_eq!(lines[3]["valid"], true);
    assert_eq!(lines[3]["line"], 6);
}
