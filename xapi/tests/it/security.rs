//! JSON-level cases of the security catalogue (XAPI-01..20), each with a fixture of our own and
//! the specific code it must produce.

use std::time::{Duration, Instant};

use learnwire_xapi::{BodyReport, Options, parse_statement, validate_statement_body};
use serde_json::{Value, json};

fn baseline() -> Value {
    json!({
        "id": "fd41c918-b88b-4b20-a0a5-a4c32391aaa0",
        "actor": {"objectType": "Agent", "name": "Ann", "mbox": "mailto:ann@example.com"},
        "verb": {"id": "http://adlnet.gov/expapi/verbs/completed", "display": {"en-US": "completed"}},
        "object": {"objectType": "Activity", "id": "http://example.com/courses/1"},
        "result": {"score": {"scaled": 0.8, "raw": 80, "min": 0, "max": 100}, "duration": "PT12M30S"},
        "timestamp": "2024-05-01T10:00:00Z",
        "version": "1.0.3"
    })
}

fn check(bytes: &[u8]) -> BodyReport {
    validate_statement_body(bytes, &Options::default())
}

fn codes(report: &BodyReport) -> Vec<String> {
    report
        .flatten()
        .issues()
        .iter()
        .map(|issue| format!("{} {}", issue.code, issue.location))
        .collect()
}

/// Asserts `bytes` is rejected with `code` (at `pointer` when given).
fn rejects(bytes: &[u8], code: &str, pointer: Option<&str>) {
    let report = check(bytes);
    assert!(
        !report.is_valid(),
        "accepted: {}",
        String::from_utf8_lossy(bytes)
    );
    let found = report.flatten().issues().iter().any(|issue| {
        issue.code.as_str() == code && pointer.is_none_or(|want| issue.location.to_string() == want)
    });
    assert!(
        found,
        "expected {code} at {pointer:?}, got {:?}",
        codes(&report)
    );
}

fn with(path: &[&str], value: Value) -> Vec<u8> {
    let mut statement = baseline();
    let mut at = &mut statement;
    let (last, parents) = path.split_last().unwrap();
    for key in parents {
        at = at.get_mut(*key).unwrap();
    }
    at[*last] = value;
    serde_json::to_vec(&statement).unwrap()
}

#[test]
fn xapi_01_valid_control() {
    let one = serde_json::to_vec(&baseline()).unwrap();
    assert!(check(&one).is_valid(), "{:?}", codes(&check(&one)));
    assert!(parse_statement(&one, &Options::default()).is_ok());
    let mut second = baseline();
    second["id"] = json!("fd41c918-b88b-4b20-a0a5-a4c32391aaa1");
    let batch = serde_json::to_vec(&json!([baseline(), second])).unwrap();
    let report = check(&batch);
    assert!(report.is_valid(), "{:?}", codes(&report));
    assert_eq!(report.statements.len(), 2);
}

#[test]
fn xapi_02_deep_nesting() {
    let mut deep = String::from(
        r#"{"actor":{"mbox":"mailto:a@b.c"},"verb":{"id":"http://x/v"},"object":{"id":"http://x/a"},"result":{"extensions":{"http://x/e":"#,
    );
    deep.push_str(&"[".repeat(100_000));
    deep.push_str(&"]".repeat(100_000));
    deep.push_str("}}}");
    let options = Options::default();
    let report = validate_statement_body(deep.as_bytes(), &options);
    assert!(
        report.flatten().has_code("xapi.limit.depth"),
        "{:?}",
        codes(&report)
    );
    let top = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    rejects(top.as_bytes(), "xapi.limit.depth", None);
}

#[test]
fn xapi_03_duplicate_keys() {
    let actor_twice =
        br#"{"actor":{"mbox":"mailto:a@example.com"},"actor":{"mbox":"mailto:b@example.com"},
        "verb":{"id":"http://x/v"},"object":{"id":"http://x/a"}}"#;
    rejects(actor_twice, "xapi.json.duplicate-key", Some("/actor"));
    let id_twice = br#"{"id":"fd41c918-b88b-4b20-a0a5-a4c32391aaa0","id":"fd41c918-b88b-4b20-a0a5-a4c32391aaa1",
        "actor":{"mbox":"mailto:a@example.com"},"verb":{"id":"http://x/v"},"object":{"id":"http://x/a"}}"#;
    rejects(id_twice, "xapi.json.duplicate-key", Some("/id"));
    let in_extensions = br#"{"actor":{"mbox":"mailto:a@example.com"},"verb":{"id":"http://x/v"},
        "object":{"id":"http://x/a"},"result":{"extensions":{"http://x/e":1,"http://x/e":2}}}"#;
    rejects(
        in_extensions,
        "xapi.json.duplicate-key",
        Some("/result/extensions/http:~1~1x~1e"),
    );
    let in_language_map = br#"{"actor":{"mbox":"mailto:a@example.com"},"verb":{"id":"http://x/v","display":{"en":"a","en":"b"}},
        "object":{"id":"http://x/a"}}"#;
    rejects(
        in_language_map,
        "xapi.json.duplicate-key",
        Some("/verb/display/en"),
    );
    assert!(parse_statement(actor_twice, &Options::default()).is_err());
}

#[test]
fn xapi_04_huge_numbers() {
    let raw = String::from_utf8(with(&["result", "score", "raw"], json!(1))).unwrap();
    let huge = raw.replace(r#""raw":1"#, r#""raw":1e400"#);
    rejects(huge.as_bytes(), "xapi.json.number-out-of-range", None);
    let negative = raw.replace(r#""raw":1"#, r#""raw":80,"min":-1e400"#);
    rejects(negative.as_bytes(), "xapi.json.number-out-of-range", None);
    let digits = "9".repeat(100_000);
    let long = raw.replace(r#""raw":1"#, &format!(r#""raw":{digits}"#));
    let started = Instant::now();
    let report = check(long.as_bytes());
    assert!(!report.is_valid());
    assert!(started.elapsed() < Duration::from_secs(2), "not linear");
}

#[test]
fn xapi_05_lone_surrogates() {
    for escape in [r"\ud800", r"\udc00", r"\udc00\ud800"] {
        let body = format!(
            r#"{{"actor":{{"mbox":"mailto:a@example.com","name":"{escape}"}},"verb":{{"id":"http://x/v"}},"object":{{"id":"http://x/a"}}}}"#
        );
        rejects(body.as_bytes(), "xapi.json.malformed", Some(""));
    }
}

#[test]
fn xapi_06_invalid_utf8() {
    let valid = serde_json::to_vec(&baseline()).unwrap();
    let text = String::from_utf8(valid.clone()).unwrap();
    let at = text.find("Ann").unwrap();
    let mut raw_ff = valid.clone();
    raw_ff[at] = 0xFF;
    rejects(&raw_ff, "xapi.json.malformed", None);
    let mut overlong = valid.clone();
    overlong[at] = 0xC0;
    overlong[at + 1] = 0xAE;
    rejects(&overlong, "xapi.json.malformed", None);
    let utf16: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
    rejects(&utf16, "xapi.json.malformed", None);
}

#[test]
fn xapi_07_oversized_body() {
    let name = "a".repeat(2 << 20);
    let body = with(&["actor", "name"], json!(name));
    let report = check(&body);
    assert!(
        report.body.has_code("xapi.limit.body-size"),
        "{:?}",
        codes(&report)
    );
    let mut options = Options::default();
    options = options.with_limits(options.limits().with_max_statement_bytes(1024));
    let body = with(&["actor", "name"], json!("a".repeat(2000)));
    let report = validate_statement_body(&body, &options);
    assert!(report.flatten().has_code("xapi.limit.statement-size"));
}

#[test]
fn xapi_08_million_empty_objects() {
    let mut body = String::from("[");
    body.push_str(&vec!["{}"; 300_000].join(","));
    body.push(']');
    let report = check(body.as_bytes());
    assert!(
        report.body.has_code("xapi.limit.batch-size"),
        "{:?}",
        codes(&report)
    );
    assert!(
        report.statements.is_empty(),
        "nothing built before the limit"
    );
}

#[test]
fn xapi_09_non_json_syntax() {
    let base = String::from_utf8(serde_json::to_vec(&baseline()).unwrap()).unwrap();
    for bad in [
        base.replace(r#""raw":80"#, r#""raw":NaN"#),
        base.replace(r#""raw":80"#, r#""raw":Infinity"#),
        base.replacen('{', "{ // comment\n", 1),
        format!("{base} trailing"),
    ] {
        rejects(bad.as_bytes(), "xapi.json.malformed", Some(""));
    }
}

#[test]
fn xapi_10_agent_identifiers() {
    let both = with(
        &["actor"],
        json!({"mbox": "mailto:a@example.com", "account": {"homePage": "http://x", "name": "a"}}),
    );
    rejects(&both, "xapi.agent.ifi-count", Some("/actor"));
    let no_mailto = with(&["actor"], json!({"mbox": "a@example.com"}));
    rejects(&no_mailto, "xapi.agent.mbox", Some("/actor/mbox"));
    let short_sha = with(&["actor"], json!({"mbox_sha1sum": "abc123"}));
    rejects(
        &short_sha,
        "xapi.agent.mbox-sha1sum",
        Some("/actor/mbox_sha1sum"),
    );
}

#[test]
fn xapi_11_verb_id_not_iri() {
    rejects(
        &with(&["verb", "id"], json!("completed")),
        "xapi.format.iri",
        Some("/verb/id"),
    );
}

#[test]
fn xapi_12_id_not_uuid() {
    rejects(
        &with(&["id"], json!("not-a-uuid")),
        "xapi.format.uuid",
        Some("/id"),
    );
}

#[test]
fn xapi_13_invalid_timestamp() {
    rejects(
        &with(&["timestamp"], json!("2023-13-45T25:61:00Z")),
        "xapi.format.timestamp",
        Some("/timestamp"),
    );
}

#[test]
fn xapi_14_score_out_of_range() {
    rejects(
        &with(&["result", "score", "scaled"], json!(1.5)),
        "xapi.result.score",
        Some("/result/score/scaled"),
    );
    rejects(
        &with(&["result", "score", "raw"], json!(150)),
        "xapi.result.score",
        Some("/result/score/raw"),
    );
}

#[test]
fn xapi_15_invalid_duration() {
    rejects(
        &with(&["result", "duration"], json!("P1Y2X")),
        "xapi.format.duration",
        Some("/result/duration"),
    );
}

#[test]
fn xapi_16_unsupported_version() {
    rejects(
        &with(&["version"], json!("3.0.0")),
        "xapi.format.version",
        Some("/version"),
    );
}

#[test]
fn xapi_17_nested_substatement() {
    let inner = json!({"objectType": "SubStatement", "actor": {"mbox": "mailto:a@example.com"},
        "verb": {"id": "http://x/v"}, "object": {"id": "http://x/a"}});
    let outer = json!({"objectType": "SubStatement", "actor": {"mbox": "mailto:a@example.com"},
        "verb": {"id": "http://x/v"}, "object": inner});
    rejects(
        &with(&["object"], outer),
        "xapi.substatement.nested",
        Some("/object/object"),
    );
}

#[test]
fn xapi_18_invalid_language_tag() {
    rejects(
        &with(&["verb", "display"], json!({"en_US!": "completed"})),
        "xapi.format.language-tag",
        Some("/verb/display/en_US!"),
    );
}

#[test]
fn xapi_19_extension_key_not_iri() {
    rejects(
        &with(&["result", "extensions"], json!({"not an iri": 1})),
        "xapi.format.iri",
        Some("/result/extensions/not an iri"),
    );
}

#[test]
fn xapi_20_null_and_shape() {
    rejects(
        &with(&["result"], Value::Null),
        "xapi.json.null",
        Some("/result"),
    );
    rejects(
        &with(&["actor"], json!([])),
        "xapi.json.type",
        Some("/actor"),
    );
    // Null inside extensions is allowed.
    let null_extension = with(&["result", "extensions"], json!({"http://x/e": null}));
    assert!(check(&null_extension).is_valid());
}

#[test]
fn every_problem_is_reported() {
    let mut statement = baseline();
    statement["id"] = json!("nope");
    statement["verb"]["id"] = json!("completed");
    statement["result"]["score"]["scaled"] = json!(7);
    statement["timestamp"] = json!("yesterday");
    statement["Actor"] = json!({});
    let report = check(&serde_json::to_vec(&statement).unwrap());
    let found = codes(&report);
    for want in [
        "xapi.format.uuid /id",
        "xapi.format.iri /verb/id",
        "xapi.result.score /result/score/scaled",
        "xapi.format.timestamp /timestamp",
        "xapi.json.key-case /Actor",
    ] {
        assert!(
            found.iter().any(|code| code == want),
            "missing {want} in {found:?}"
        );
    }
    let mut first_only = Options::default();
    first_only = first_only.with_stop_at_first_error(true);
    let report = validate_statement_body(&serde_json::to_vec(&statement).unwrap(), &first_only);
    assert!(!report.is_valid());
    assert_eq!(report.flatten().errors().count(), 1);
}

#[test]
fn batch_duplicate_ids_and_voiding() {
    let batch = serde_json::to_vec(&json!([baseline(), baseline()])).unwrap();
    rejects(&batch, "xapi.batch.duplicate-id", Some("/1/id"));
    let voiding = with(
        &["verb", "id"],
        json!("http://adlnet.gov/expapi/verbs/voided"),
    );
    rejects(&voiding, "xapi.voiding.object", Some("/object"));
    let mut good = baseline();
    good["verb"]["id"] = json!("http://adlnet.gov/expapi/verbs/voided");
    good["object"] =
        json!({"objectType": "StatementRef", "id": "fd41c918-b88b-4b20-a0a5-a4c32391aaa2"});
    good.as_object_mut().unwrap().remove("result");
    let statement =
        parse_statement(&serde_json::to_vec(&good).unwrap(), &Options::default()).unwrap();
    assert!(learnwire_xapi::voiding::voided_id(&statement).is_some());
    let mut report = learnwire_xapi::Report::new();
    let outcome = learnwire_xapi::voiding::check_voiding_target(Some(&statement), &mut report);
    assert_eq!(
        outcome,
        learnwire_xapi::voiding::VoidingOutcome::TargetIsVoiding
    );
    assert!(report.has_code("xapi.voiding.target"));
}

/// The shared hostile statement (15 999 + 5 000 + 3 000 problems): see the testkit.
pub(crate) fn hostile_statement() -> Vec<u8> {
    learnwire_testkit::hostile::duplicate_key_statement()
}

#[test]
fn duplicate_keys_under_long_ancestors_keep_the_report_capped_and_small() {
    let body = hostile_statement();
    let options = Options::default();
    let report = validate_statement_body(&body, &options);
    assert!(!report.is_valid());
    let statement = &report.statements[0].report;
    assert_eq!(statement.issues().len(), options.limits().max_issues());
    // 16 000 repeated keys (one of the 16 000 "k" is the first), 5 000 unknown keys, 3 000 nulls:
    // what is not kept is counted.
    assert_eq!(
        statement.issues().len() + statement.dropped(),
        15_999 + 5_000 + 3_000
    );
    let first = &statement.issues()[0];
    assert_eq!(first.code.as_str(), "xapi.json.duplicate-key");
    assert_eq!(
        first.location.to_string(),
        "/result/extensions/http:~1~1x~1e",
        "the deepest ancestor whose pointer fits"
    );
    assert!(first.message.contains("longer than the pointer limit"));
    for issue in statement.issues() {
        assert!(issue.location.to_string().len() <= options.limits().max_pointer_bytes());
    }
    let serialized = serde_json::to_vec(&report).unwrap();
    assert!(
        serialized.len() < 4 << 20,
        "{} bytes of report",
        serialized.len()
    );
    let flat = report.flatten();
    assert_eq!(flat.dropped(), statement.dropped());
    assert!(!flat.is_valid());
    assert!(parse_statement(&body, &options).is_err());
}

#[test]
fn many_problems_of_other_kinds_are_counted_once_the_report_is_full() {
    let mut options = Options::default();
    options = options.with_limits(options.limits().with_max_issues(100));
    let mut text = String::from(
        r#"{"actor":{"mbox":"mailto:a@example.com"},"verb":{"id":"http://x/v"},"object":{"id":"http://x/a"},"#,
    );
    for index in 0..5_000 {
        text.push_str(&format!(r#""u{index}":null,"#));
    }
    text.push_str(r#""context":{"contextActivities":{"other":["#);
    text.push_str(&vec!["null"; 3_000].join(","));
    text.push_str("]}}}");
    let report = validate_statement_body(text.as_bytes(), &options);
    let statement = &report.statements[0].report;
    assert_eq!(statement.issues().len(), 100);
    assert_eq!(statement.dropped(), 5_000 + 3_000 - 100);
    assert!(
        statement
            .issues()
            .iter()
            .all(|issue| issue.code.as_str() == "xapi.json.unknown-key")
    );
    assert!(!report.is_valid());
}

#[test]
fn report_size_is_bounded_by_the_issue_and_pointer_limits() {
    // Ancestor keys just short of the pointer limit: every kept pointer is as long as allowed.
    let options = Options::default();
    let limits = options.limits();
    let key = "a".repeat(limits.max_pointer_bytes() - 50);
    let mut text = format!(
        r#"{{"actor":{{"mbox":"mailto:a@example.com"}},"verb":{{"id":"http://x/v"}},"object":{{"id":"http://x/a"}},"result":{{"extensions":{{"http://x/e":{{"{key}":{{"#
    );
    for _ in 0..30_000 {
        text.push_str(r#""k":1,"#);
    }
    text.push_str(r#""k":1}}}}}"#);
    let report = validate_statement_body(text.as_bytes(), &options);
    let statement = &report.statements[0].report;
    assert_eq!(statement.issues().len(), limits.max_issues());
    assert_eq!(statement.dropped(), 30_000 - limits.max_issues());
    assert!(statement.issues()[0].location.to_string().ends_with("/k"));
    let serialized = serde_json::to_vec(&report).unwrap();
    assert!(
        serialized.len() <= limits.max_issues() * (limits.max_pointer_bytes() + 512),
        "{} bytes of report",
        serialized.len()
    );
}

#[test]
fn a_batch_shares_one_issue_budget() {
    let mut options = Options::default();
    options = options.with_limits(options.limits().with_max_issues(50));
    let mut one = String::from(
        r#"{"actor":{"mbox":"mailto:a@example.com"},"verb":{"id":"http://x/v"},"object":{"id":"http://x/a"}"#,
    );
    for index in 0..40 {
        one.push_str(&format!(r#","u{index}":0"#));
    }
    one.push('}');
    let batch = format!("[{}]", [one.as_str(); 10].join(","));
    let report = validate_statement_body(batch.as_bytes(), &options);
    let kept: usize = report
        .statements
        .iter()
        .map(|statement| statement.report.issues().len())
        .sum();
    let dropped: usize = report
        .statements
        .iter()
        .map(|statement| statement.report.dropped())
        .sum();
    assert_eq!(kept, 50);
    assert_eq!(kept + dropped, 400);
    assert!(report.statements.iter().all(|s| !s.report.is_valid()));
    let flat = report.flatten();
    assert_eq!(flat.issues().len(), 50);
    assert_eq!(flat.dropped(), 350);
    assert!(!flat.is_valid());
}

/// A statement whose deepest value sits `levels` levels down (the statement object is level 1).
fn nested_statement(levels: usize) -> String {
    // statement (1), result (2), extensions (3), then arrays.
    let arrays = levels - 3;
    format!(
        r#"{{"actor":{{"mbox":"mailto:a@example.com"}},"verb":{{"id":"http://x/v"}},"object":{{"id":"http://x/a"}},"result":{{"extensions":{{"http://x/e":{}1{}}}}}}}"#,
        "[".repeat(arrays),
        "]".repeat(arrays)
    )
}

#[test]
fn depth_limit_holds_exactly_at_the_limit_and_one_past() {
    let options = Options::default();
    let at_limit = nested_statement(options.limits().max_depth());
    let report = validate_statement_body(at_limit.as_bytes(), &options);
    assert!(report.is_valid(), "{:?}", codes(&report));
    assert!(parse_statement(at_limit.as_bytes(), &options).is_ok());
    let batch = format!("[{at_limit},{at_limit}]");
    assert!(check(batch.as_bytes()).is_valid());
    assert_eq!(
        learnwire_xapi::parse_statements(batch.as_bytes(), &options)
            .unwrap()
            .len(),
        2
    );
    let received = learnwire_xapi::lrs::receive_statements(
        "application/json",
        batch.as_bytes(),
        &learnwire_xapi::lrs::ReceiveOptions::new(options),
    );
    assert!(received.is_ok(), "{received:?}");
    rejects(
        nested_statement(options.limits().max_depth() + 1).as_bytes(),
        "xapi.limit.depth",
        Some(""),
    );
    let mut small = Options::default();
    small = small.with_limits(small.limits().with_max_depth(10));
    assert!(validate_statement_body(nested_statement(10).as_bytes(), &small).is_valid());
    let report = validate_statement_body(nested_statement(11).as_bytes(), &small);
    assert!(report.flatten().has_code("xapi.limit.depth"));
}

#[test]
fn multipart_statements_part_has_the_depth_limit_of_application_json() {
    use learnwire_xapi::lrs::{ReceiveError, ReceiveOptions, receive_statements};
    use learnwire_xapi::multipart::MultipartBuilder;
    let options = ReceiveOptions::new(Options::default());
    let max = Options::default().limits().max_depth();
    assert_eq!(max, 128, "serde_json alone stops at 127");
    let receive = |json: String| {
        let body = MultipartBuilder::new(json.into_bytes()).build().unwrap();
        receive_statements(&body.content_type, &body.body, &options).map(|r| r.statements.len())
    };
    let at_limit = nested_statement(max);
    assert_eq!(receive(at_limit.clone()).unwrap(), 1);
    assert_eq!(receive(format!("[{at_limit},{at_limit}]")).unwrap(), 2);
    for past in [
        nested_statement(max + 1),
        format!("[{}]", nested_statement(max + 1)),
    ] {
        match receive(past) {
            Err(ReceiveError::Invalid(report)) => {
                assert!(report.flatten().has_code("xapi.limit.depth"))
            }
            other => panic!("expected xapi.limit.depth, got {other:?}"),
        }
    }
    // Far past the limit the statements part is refused before serde_json recurses.
    let error = receive(format!("{}{}", "[".repeat(100_000), "]".repeat(100_000))).unwrap_err();
    assert_eq!(error.code().as_str(), "xapi.multipart.invalid-statements");
}

#[test]
fn the_largest_depth_limit_fits_a_two_mebibyte_stack() {
    let worker = std::thread::Builder::new()
        .stack_size(2 << 20)
        .spawn(|| {
            let mut options = Options::default();
            options = options.with_limits(options.limits().with_max_depth(1_000_000));
            let max = learnwire_xapi::Limits::MAX_DEPTH;
            let deepest = nested_statement(max);
            let report = validate_statement_body(deepest.as_bytes(), &options);
            assert!(report.is_valid(), "{:?}", codes(&report));
            let statement = parse_statement(deepest.as_bytes(), &options).unwrap();
            let batch = format!("[{deepest}]");
            assert!(learnwire_xapi::parse_statements(batch.as_bytes(), &options).is_ok());
            let value = serde_json::to_value(&statement).unwrap();
            assert!(learnwire_xapi::validate_value(&value, &options).is_valid());
            let past = validate_statement_body(nested_statement(max + 1).as_bytes(), &options);
            assert!(past.flatten().has_code("xapi.limit.depth"));
        })
        .unwrap();
    worker.join().unwrap();
}
