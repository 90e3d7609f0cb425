//! The LRS over HTTP on a loopback port: each test starts the binary on a fresh database (port 0, the
//! address read from its first line) and speaks HTTP/1.1 to it with a small client of our own.
#![cfg(test)]

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};

use base64::Engine as _;
use serde_json::{Value, json};

const USER: &str = "tester";
const PASSWORD: &str = "secret";

struct Server {
    child: Child,
    address: String,
    db: std::path::PathBuf,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        if self.db.as_os_str().is_empty() {
            return; // kept by `stop_keeping_db`
        }
        for suffix in ["", "-wal", "-shm"] {
            let _ = std::fs::remove_file(format!("{}{suffix}", self.db.display()));
        }
    }
}

static COUNTER: AtomicUsize = AtomicUsize::new(0);

fn start() -> Server {
    start_with(&[])
}

fn start_with(extra: &[&str]) -> Server {
    let db = std::env::temp_dir().join(format!(
        "learnwire-lrs-test-{}-{}.sqlite",
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::SeqCst)
    ));
    start_on(db, extra)
}

/// Starts the binary on the database file `db` (a new or an existing one), removed when dropped.
fn start_on(db: std::path::PathBuf, extra: &[&str]) -> Server {
    let mut child = Command::new(env!("CARGO_BIN_EXE_learnwire-lrs"))
        .args(["--listen", "127.0.0.1:0", "--db"])
        .arg(&db)
        .args(["--user", USER, "--password", PASSWORD])
        .args(extra)
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("the server starts");
    let stdout = child.stdout.take().expect("stdout");
    let mut line = String::new();
    BufReader::new(stdout).read_line(&mut line).expect("a line");
    let address = line
        .trim()
        .strip_prefix("listening on http://")
        .and_then(|rest| rest.strip_suffix("/xapi"))
        .unwrap_or_else(|| panic!("unexpected first line {line:?}"))
        .to_owned();
    Server { child, address, db }
}

#[derive(Debug)]
struct Reply {
    status: u16,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

impl Reply {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(key, _)| key.eq_ignore_ascii_case(name))
            .map(|(_, value)| value.as_str())
    }

    fn count(&self, name: &str) -> usize {
        self.headers
            .iter()
            .filter(|(key, _)| key.eq_ignore_ascii_case(name))
            .count()
    }

    fn json(&self) -> Value {
        serde_json::from_slice(&self.body)
            .unwrap_or_else(|_| panic!("not JSON: {}", String::from_utf8_lossy(&self.body)))
    }

    fn code(&self) -> String {
        self.json()["code"].as_str().unwrap_or_default().to_owned()
    }
}

fn basic(user: &str, password: &str) -> String {
    format!(
        "Basic {}",
        base64::engine::general_purpose::STANDARD.encode(format!("{user}:{password}"))
    )
}

impl Server {
    /// Stops the server and keeps its database file, whose path it returns.
    fn stop_keeping_db(mut self) -> std::path::PathBuf {
        let _ = self.child.kill();
        let _ = self.child.wait();
        std::mem::take(&mut self.db)
    }

    /// A raw request: `headers` as given (nothing added but Host, Content-Length, Connection).
    fn raw(&self, method: &str, target: &str, headers: &[(&str, &str)], body: &[u8]) -> Reply {
        let mut stream = TcpStream::connect(&self.address).expect("connect");
        let mut head = format!(
            "{method} {target} HTTP/1.1\r\nHost: {}\r\nConnection: close\r\nContent-Length: {}\r\n",
            self.address,
            body.len()
        );
        for (name, value) in headers {
            head.push_str(&format!("{name}: {value}\r\n"));
        }
        head.push_str("\r\n");
        stream.write_all(head.as_bytes()).expect("write");
        stream.write_all(body).expect("write body");
        let mut bytes = Vec::new();
        stream.read_to_end(&mut bytes).expect("read");
        let split = bytes
            .windows(4)
            .position(|window| window == b"\r\n\r\n")
            .expect("a header block");
        let head = String::from_utf8_lossy(&bytes[..split]).to_string();
        let body = bytes[split + 4..].to_vec();
        let mut lines = head.split("\r\n");
        let status = lines
            .next()
            .and_then(|line| line.split(' ').nth(1))
            .and_then(|code| code.parse().ok())
            .expect("a status");
        let headers = lines
            .filter_map(|line| line.split_once(':'))
            .map(|(name, value)| (name.trim().to_owned(), value.trim().to_owned()))
            .collect();
        Reply {
            status,
            headers,
            body,
        }
    }

    /// An authenticated xAPI request with `version`.
    fn call(
        &self,
        method: &str,
        target: &str,
        version: &str,
        extra: &[(&str, &str)],
        body: &[u8],
    ) -> Reply {
        let auth = basic(USER, PASSWORD);
        let mut headers = vec![
            ("Authorization", auth.as_str()),
            ("X-Experience-API-Version", version),
        ];
        headers.extend_from_slice(extra);
        self.raw(method, target, &headers, body)
    }

    fn post_json(&self, target: &str, version: &str, body: &Value) -> Reply {
        self.call(
            "POST",
            target,
            version,
            &[("Content-Type", "application/json")],
            body.to_string().as_bytes(),
        )
    }

    fn put_json(&self, target: &str, version: &str, body: &Value) -> Reply {
        self.call(
            "PUT",
            target,
            version,
            &[("Content-Type", "application/json")],
            body.to_string().as_bytes(),
        )
    }

    fn get(&self, target: &str, version: &str) -> Reply {
        self.call("GET", target, version, &[], b"")
    }
}

fn statement(verb: &str, mbox: &str) -> Value {
    json!({
        "actor": {"objectType": "Agent", "mbox": format!("mailto:{mbox}")},
        "verb": {"id": format!("http://example.com/verbs/{verb}"), "display": {"en-US": verb}},
        "object": {"id": "http://example.com/activities/a", "definition": {"name": {"en-US": "A"}}}
    })
}

fn encode(text: &str) -> String {
    url::form_urlencoded::byte_serialize(text.as_bytes()).collect()
}

const V1: &str = "1.0.3";
const V2: &str = "2.0.0";

#[test]
fn statements_are_stored_with_lrs_properties_and_returned_by_id() {
    let lrs = start();
    let posted = lrs.post_json("/xapi/statements", V1, &statement("did", "a@example.com"));
    assert_eq!(posted.status, 200);
    assert_eq!(posted.header("X-Experience-API-Version"), Some(V1));
    let id = posted.json()[0].as_str().expect("an id").to_owned();
    let got = lrs.get(&format!("/xapi/statements?statementId={id}"), V1);
    assert_eq!(got.status, 200);
    let stored = got.json();
    assert_eq!(stored["id"], id.as_str());
    assert!(stored["stored"].is_string());
    assert_eq!(
        stored["timestamp"], stored["stored"],
        "timestamp defaults to stored"
    );
    assert_eq!(stored["authority"]["account"]["name"], USER);
    assert_eq!(stored["version"], "1.0.0");
    assert!(got.header("Last-Modified").is_some());
    assert!(got.header("X-Experience-API-Consistent-Through").is_some());
    assert_eq!(got.count("Date"), 1, "exactly one Date header");
    let head = lrs.call(
        "HEAD",
        &format!("/xapi/statements?statementId={id}"),
        V1,
        &[],
        b"",
    );
    assert_eq!(head.status, 200);
    assert!(head.body.is_empty());
    let missing = lrs.get(
        "/xapi/statements?statementId=2a41c918-b88b-4220-8e5f-0d6f2e5a1f33",
        V1,
    );
    assert_eq!(missing.status, 404);
    assert!(
        missing
            .header("X-Experience-API-Consistent-Through")
            .is_some()
    );
}

#[test]
fn a_resent_statement_is_a_no_op_and_a_different_one_with_its_id_conflicts() {
    let lrs = start();
    let id = "fd41c918-b88b-4b20-a0a5-a4c32391aaa0";
    let put = |body: &Value| lrs.put_json(&format!("/xapi/statements?statementId={id}"), V1, body);
    let first = statement("did", "a@example.com");
    assert_eq!(put(&first).status, 204);
    // The same statement again (display order and an explicit id do not matter): 204, nothing changes.
    let mut again = first.clone();
    again["id"] = json!(id);
    assert_eq!(put(&again).status, 204);
    let different = statement("other", "a@example.com");
    let conflict = put(&different);
    assert_eq!(conflict.status, 409);
    assert_eq!(conflict.code(), "xapi.request.conflict");
    let stored = lrs
        .get(&format!("/xapi/statements?statementId={id}"), V1)
        .json();
    assert_eq!(stored["verb"]["id"], "http://example.com/verbs/did");
}

#[test]
fn a_batch_with_one_bad_statement_stores_nothing() {
    let lrs = start();
    let good_id = "2a41c918-b88b-4220-8e5f-0d6f2e5a1f33";
    let mut good = statement("did", "a@example.com");
    good["id"] = json!(good_id);
    let mut bad = statement("did", "b@example.com");
    bad["actor"]["mbox"] = json!("b@example.com");
    let refused = lrs.post_json("/xapi/statements", V1, &json!([good, bad]));
    assert_eq!(refused.status, 400);
    assert_eq!(refused.code(), "xapi.agent.mbox");
    assert_eq!(refused.json()["issues"][0]["location"], "/1/actor/mbox");
    let got = lrs.get(&format!("/xapi/statements?statementId={good_id}"), V1);
    assert_eq!(got.status, 404);
}

#[test]
fn a_voided_statement_is_found_only_by_voided_statement_id() {
    let lrs = start();
    let target = "8f87ccde-bb56-4c2e-ab83-44982ef22df0";
    let mut original = statement("did", "a@example.com");
    original["id"] = json!(target);
    assert_eq!(lrs.post_json("/xapi/statements", V1, &original).status, 200);
    let voiding = json!({
        "actor": {"mbox": "mailto:admin@example.com"},
        "verb": {"id": "http://adlnet.gov/expapi/verbs/voided"},
        "object": {"objectType": "StatementRef", "id": target}
    });
    let voiding_id = lrs.post_json("/xapi/statements", V1, &voiding).json()[0]
        .as_str()
        .expect("id")
        .to_owned();
    assert_eq!(
        lrs.get(&format!("/xapi/statements?statementId={target}"), V1)
            .status,
        404
    );
    let voided = lrs.get(&format!("/xapi/statements?voidedStatementId={target}"), V1);
    assert_eq!(voided.status, 200);
    assert_eq!(voided.json()["id"], target);
    let all = lrs.get("/xapi/statements", V1).json();
    let ids: Vec<&str> = all["statements"]
        .as_array()
        .expect("statements")
        .iter()
        .filter_map(|s| s["id"].as_str())
        .collect();
    assert_eq!(
        ids,
        [voiding_id.as_str()],
        "the voiding statement is listed, the voided one not"
    );
    // A voiding statement whose target is unknown is accepted (R-O02).
    let mut unknown = voiding.clone();
    unknown["object"]["id"] = json!("11111111-1111-4111-8111-111111111111");
    assert_eq!(lrs.post_json("/xapi/statements", V1, &unknown).status, 200);
}

#[test]
fn queries_filter_page_with_a_relative_more_and_order() {
    let lrs = start();
    for (verb, mbox) in [
        ("a", "x@example.com"),
        ("b", "y@example.com"),
        ("a", "y@example.com"),
    ] {
        assert_eq!(
            lrs.post_json("/xapi/statements", V1, &statement(verb, mbox))
                .status,
            200
        );
    }
    let by_verb = lrs
        .get(
            &format!(
                "/xapi/statements?verb={}",
                encode("http://example.com/verbs/a")
            ),
            V1,
        )
        .json();
    assert_eq!(by_verb["statements"].as_array().map(Vec::len), Some(2));
    let agent = encode(r#"{"mbox":"mailto:y@example.com"}"#);
    let by_agent = lrs
        .get(&format!("/xapi/statements?agent={agent}"), V1)
        .json();
    assert_eq!(by_agent["statements"].as_array().map(Vec::len), Some(2));
    let page = lrs.get("/xapi/statements?limit=2", V1);
    assert!(page.header("X-Experience-API-Consistent-Through").is_some());
    let page = page.json();
    assert_eq!(page["statements"].as_array().map(Vec::len), Some(2));
    let more = page["more"].as_str().expect("a more link").to_owned();
    assert!(more.starts_with("/xapi/statements?"), "relative: {more}");
    let next = lrs.get(&more, V1).json();
    assert_eq!(next["statements"].as_array().map(Vec::len), Some(1));
    assert_eq!(next["more"], "");
    // Newest first by default, oldest first with ascending.
    let newest = lrs.get("/xapi/statements", V1).json()["statements"][0]["actor"].clone();
    let oldest =
        lrs.get("/xapi/statements?ascending=true", V1).json()["statements"][0]["actor"].clone();
    assert_eq!(newest["mbox"], "mailto:y@example.com");
    assert_eq!(oldest["mbox"], "mailto:x@example.com");
    let ids = lrs.get("/xapi/statements?format=ids&limit=1", V1).json();
    assert_eq!(
        ids["statements"][0]["object"],
        json!({"id": "http://example.com/activities/a"})
    );
    let bad = lrs.get("/xapi/statements?Verb=x", V1);
    assert_eq!(bad.status, 400);
    assert_eq!(bad.code(), "xapi.query.unknown-parameter");
    assert!(bad.header("X-Experience-API-Consistent-Through").is_some());
}

#[test]
fn documents_follow_etags_and_each_version_s_concurrency_rules() {
    let lrs = start();
    let agent = encode(r#"{"mbox":"mailto:a@example.com"}"#);
    let activity = encode("http://example.com/activities/a");
    let state = format!("/xapi/activities/state?activityId={activity}&agent={agent}&stateId=s");
    let json_type = [("Content-Type", "application/json")];
    // State: no precondition needed.
    let put = lrs.call("PUT", &state, V1, &json_type, br#"{"a":1}"#);
    assert_eq!(put.status, 204);
    let got = lrs.get(&state, V1);
    assert_eq!(got.status, 200);
    let etag = got.header("ETag").expect("an ETag").to_owned();
    assert!(
        etag.starts_with('"') && etag.ends_with('"'),
        "quoted: {etag}"
    );
    assert!(got.header("Last-Modified").is_some());
    // POST merges JSON objects.
    let post = lrs.call("POST", &state, V1, &json_type, br#"{"b":2}"#);
    assert_eq!(post.status, 204);
    assert_eq!(lrs.get(&state, V1).json(), json!({"a": 1, "b": 2}));
    let not_json = lrs.call("POST", &state, V1, &[("Content-Type", "text/plain")], b"x");
    assert_eq!(not_json.status, 400);
    assert_eq!(not_json.code(), "xapi.document.merge-not-json");
    // Preconditions.
    let etag = lrs.get(&state, V1).header("ETag").expect("ETag").to_owned();
    let wrong = [
        ("Content-Type", "application/json"),
        ("If-Match", "\"nope\""),
    ];
    let failed = lrs.call("PUT", &state, V1, &wrong, b"{}");
    assert_eq!(failed.status, 412);
    assert_eq!(failed.code(), "xapi.document.precondition-failed");
    let right = [
        ("Content-Type", "application/json"),
        ("If-Match", etag.as_str()),
    ];
    assert_eq!(
        lrs.call("PUT", &state, V1, &right, br#"{"c":3}"#).status,
        204
    );
    let none_match = [("Content-Type", "application/json"), ("If-None-Match", "*")];
    assert_eq!(lrs.call("PUT", &state, V1, &none_match, b"{}").status, 412);
    let current = lrs.get(&state, V1).header("ETag").expect("ETag").to_owned();
    let cached = lrs.call(
        "GET",
        &state,
        V1,
        &[("If-None-Match", current.as_str())],
        b"",
    );
    assert_eq!(cached.status, 304);
    // Profiles: 1.0.3 wants a precondition on a new document (400) and answers 409 on an existing one.
    let profile = format!("/xapi/activities/profile?activityId={activity}&profileId=p");
    let required = lrs.call("PUT", &profile, V1, &json_type, b"{}");
    assert_eq!(required.status, 400);
    assert_eq!(required.code(), "xapi.document.precondition-required");
    assert_eq!(
        lrs.call("PUT", &profile, V1, &none_match, b"{}").status,
        204
    );
    let conflict = lrs.call("PUT", &profile, V1, &json_type, b"{}");
    assert_eq!(conflict.status, 409);
    assert_eq!(conflict.code(), "xapi.document.conflict");
    // 2.0: the State resource is guarded too.
    assert_eq!(lrs.call("PUT", &state, V2, &json_type, b"{}").status, 409);
    // Ids, delete.
    let ids = lrs.get(
        &format!("/xapi/activities/state?activityId={activity}&agent={agent}"),
        V1,
    );
    assert_eq!(ids.json(), json!(["s"]));
    assert_eq!(lrs.call("DELETE", &state, V1, &[], b"").status, 204);
    assert_eq!(lrs.get(&state, V1).status, 404);
}

#[test]
fn concurrent_writers_with_the_same_etag_let_exactly_one_win() {
    let lrs = start();
    let activity = encode("http://example.com/activities/c");
    let profile = format!("/xapi/activities/profile?activityId={activity}&profileId=race");
    let create = [("Content-Type", "application/json"), ("If-None-Match", "*")];
    assert_eq!(lrs.call("PUT", &profile, V2, &create, b"{}").status, 204);
    let etag = lrs
        .get(&profile, V2)
        .header("ETag")
        .expect("ETag")
        .to_owned();
    let statuses: Vec<u16> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..8)
            .map(|writer| {
                let lrs = &lrs;
                let profile = &profile;
                let etag = etag.as_str();
                scope.spawn(move || {
                    let headers = [("Content-Type", "application/json"), ("If-Match", etag)];
                    let body = format!(r#"{{"writer":{writer}}}"#);
                    lrs.call("PUT", profile, V2, &headers, body.as_bytes())
                        .status
                })
            })
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().expect("a writer"))
            .collect()
    });
    assert_eq!(
        statuses.iter().filter(|s| **s == 204).count(),
        1,
        "{statuses:?}"
    );
    assert_eq!(
        statuses.iter().filter(|s| **s == 412).count(),
        7,
        "{statuses:?}"
    );
}

#[test]
fn version_header_is_negotiated_and_required_except_on_about() {
    let lrs = start();
    let auth = basic(USER, PASSWORD);
    let missing = lrs.raw(
        "GET",
        "/xapi/statements",
        &[("Authorization", auth.as_str())],
        b"",
    );
    assert_eq!(missing.status, 400);
    assert_eq!(missing.code(), "xapi.version-header.missing");
    let old = lrs.call("GET", "/xapi/statements", "0.9", &[], b"");
    assert_eq!(old.status, 400);
    assert_eq!(old.code(), "xapi.version-header.unsupported");
    let two = lrs.get("/xapi/statements", V2);
    assert_eq!(two.status, 200);
    assert_eq!(two.header("X-Experience-API-Version"), Some(V2));
    let patch = lrs.get("/xapi/statements", "1.0.1");
    assert_eq!(patch.header("X-Experience-API-Version"), Some(V1));
    let about = lrs.raw("GET", "/xapi/about", &[], b"");
    assert_eq!(about.status, 200);
    assert_eq!(about.json()["version"], json!(["1.0.3", "2.0.0"]));
    // 2.0 stores the timestamp in UTC and the version it was sent under.
    let mut offset = statement("did", "a@example.com");
    offset["timestamp"] = json!("2024-05-01T12:00:00+02:00");
    let id = lrs.post_json("/xapi/statements", V2, &offset).json()[0]
        .as_str()
        .expect("id")
        .to_owned();
    let stored = lrs
        .get(&format!("/xapi/statements?statementId={id}"), V2)
        .json();
    assert_eq!(stored["timestamp"], "2024-05-01T10:00:00Z");
    assert_eq!(stored["version"], "2.0.0");
}

#[test]
fn a_server_of_one_version_labels_refusals_with_it() {
    let lrs = start_with(&["--xapi-versions", "1.0.3"]);
    let auth = basic(USER, PASSWORD);
    let missing = lrs.raw(
        "GET",
        "/xapi/statements",
        &[("Authorization", auth.as_str())],
        b"",
    );
    assert_eq!(missing.status, 400);
    assert_eq!(missing.header("X-Experience-API-Version"), Some(V1));
    let two = lrs.get("/xapi/statements", V2);
    assert_eq!(two.status, 400);
    assert_eq!(two.code(), "xapi.version-header.unsupported");
    let about = lrs.raw("GET", "/xapi/about", &[], b"");
    assert_eq!(about.json()["version"], json!(["1.0.3"]));
    // Both versions (the default): the latest labels a request that names none.
    let both = start();
    let missing = both.raw(
        "GET",
        "/xapi/statements",
        &[("Authorization", auth.as_str())],
        b"",
    );
    assert_eq!(missing.header("X-Experience-API-Version"), Some(V2));
}

#[test]
fn requests_without_valid_credentials_are_refused() {
    let lrs = start();
    let none = lrs.raw(
        "GET",
        "/xapi/statements",
        &[("X-Experience-API-Version", V1)],
        b"",
    );
    assert_eq!(none.status, 401);
    assert!(none.header("WWW-Authenticate").is_some());
    let wrong = basic(USER, "guess");
    let bad = lrs.raw(
        "GET",
        "/xapi/statements",
        &[
            ("X-Experience-API-Version", V1),
            ("Authorization", wrong.as_str()),
        ],
        b"",
    );
    assert_eq!(bad.status, 401);
}

#[test]
fn attachments_are_stored_and_returned_byte_exact() {
    use learnwire_xapi::multipart::{MultipartBuilder, parse_statement_response, sha256_hex};
    let lrs = start();
    let data: Vec<u8> = (0..=255u8)
        .chain(b"\r\n--not-a-boundary\r\n".iter().copied())
        .collect();
    let mut with = statement("did", "a@example.com");
    with["attachments"] = json!([{
        "usageType": "http://example.com/usage", "display": {"en-US": "bytes"},
        "contentType": "application/octet-stream", "length": data.len(), "sha2": sha256_hex(&data)
    }]);
    let body = MultipartBuilder::new(with.to_string().into_bytes())
        .attachment("application/octet-stream", data.clone())
        .build()
        .expect("a body");
    let posted = lrs.call(
        "POST",
        "/xapi/statements",
        V1,
        &[("Content-Type", body.content_type.as_str())],
        &body.body,
    );
    assert_eq!(
        posted.status,
        200,
        "{}",
        String::from_utf8_lossy(&posted.body)
    );
    let id = posted.json()[0].as_str().expect("id").to_owned();
    let got = lrs.get(
        &format!("/xapi/statements?statementId={id}&attachments=true"),
        V1,
    );
    assert_eq!(got.status, 200);
    let content_type = got.header("Content-Type").expect("a type").to_owned();
    assert!(
        content_type.starts_with("multipart/mixed"),
        "{content_type}"
    );
    let listed = lrs.get("/xapi/statements?attachments=true", V1);
    let parsed = parse_statement_response(
        listed.header("Content-Type").expect("type"),
        &listed.body,
        &learnwire_xapi::Limits::default(),
    )
    .expect("a multipart StatementResult");
    assert_eq!(parsed.attachments.len(), 1);
    assert_eq!(parsed.attachments[0].content, data.as_slice());
    // An attachment declared without a part and without fileUrl is refused.
    let only_json = lrs.post_json("/xapi/statements", V1, &with);
    assert_eq!(only_json.status, 400);
    assert_eq!(only_json.code(), "xapi.attachment.missing-part");
}

#[test]
fn bodies_over_the_limits_are_413_with_the_rule_named() {
    let lrs = start();
    let mut big = statement("did", "a@example.com");
    big["object"]["definition"]["name"]["en-US"] = json!("x".repeat(1 << 20));
    let refused = lrs.post_json("/xapi/statements", V1, &big);
    assert_eq!(refused.status, 413);
    assert_eq!(refused.code(), "xapi.limit.body-size");
    let state = format!(
        "/xapi/activities/state?activityId={}&agent={}&stateId=big",
        encode("http://example.com/a"),
        encode(r#"{"mbox":"mailto:a@example.com"}"#)
    );
    let document = vec![b'x'; (1 << 20) + 1];
    let too_big = lrs.call(
        "PUT",
        &state,
        V1,
        &[("Content-Type", "text/plain")],
        &document,
    );
    assert_eq!(too_big.status, 413);
    assert_eq!(too_big.code(), "xapi.limit.body-size");
}

#[test]
fn the_alternate_syntax_is_read_under_1_0_3_and_refused_under_2_0() {
    let lrs = start();
    let auth = basic(USER, PASSWORD);
    let content = encode(&statement("did", "a@example.com").to_string());
    let id = "3b41c918-b88b-4220-8e5f-0d6f2e5a1f33";
    let form = format!(
        "statementId={id}&X-Experience-API-Version=1.0.3&Authorization={}&content={content}",
        encode(&auth)
    );
    let form_type = [("Content-Type", "application/x-www-form-urlencoded")];
    let put = lrs.raw(
        "POST",
        "/xapi/statements?method=PUT",
        &form_type,
        form.as_bytes(),
    );
    assert_eq!(put.status, 204, "{}", String::from_utf8_lossy(&put.body));
    assert_eq!(
        lrs.get(&format!("/xapi/statements?statementId={id}"), V1)
            .status,
        200
    );
    let two = form.replace("1.0.3", "2.0.0");
    let refused = lrs.raw(
        "POST",
        "/xapi/statements?method=PUT",
        &form_type,
        two.as_bytes(),
    );
    assert_eq!(refused.status, 400);
    assert_eq!(refused.code(), "xapi.alternate.removed");
}

#[test]
fn activities_and_agents_answer_what_statements_said() {
    let lrs = start();
    let mut first = statement("did", "a@example.com");
    first["actor"]["name"] = json!("Ann");
    first["object"]["definition"] = json!({"name": {"en-US": "A"}});
    let mut second = statement("did", "a@example.com");
    second["object"]["definition"] = json!({"name": {"fr-FR": "Un"}});
    for body in [first, second] {
        assert_eq!(lrs.post_json("/xapi/statements", V1, &body).status, 200);
    }
    let activity = lrs
        .get(
            &format!(
                "/xapi/activities?activityId={}",
                encode("http://example.com/activities/a")
            ),
            V1,
        )
        .json();
    assert_eq!(
        activity["definition"]["name"],
        json!({"en-US": "A", "fr-FR": "Un"})
    );
    let person = lrs
        .get(
            &format!(
                "/xapi/agents?agent={}",
                encode(r#"{"mbox":"mailto:a@example.com"}"#)
            ),
            V1,
        )
        .json();
    assert_eq!(person["objectType"], "Person");
    assert_eq!(person["name"], json!(["Ann"]));
    assert_eq!(person["mbox"], json!(["mailto:a@example.com"]));
}

#[test]
fn signed_statements_are_verified_and_a_tampered_one_is_refused() {
    use learnwire_xapi::multipart::MultipartBuilder;
    use learnwire_xapi::signature::{SignatureAlgorithm, SigningKey, sign_statement};
    let lrs = start();
    let key = SigningKey::from_rsa_pem(include_bytes!(
        "../../xapi/testdata/signature/signer.key.pem"
    ))
    .expect("the test key");
    let mut original = statement("passed", "a@example.com");
    original["id"] = json!("5c41c918-b88b-4220-8e5f-0d6f2e5a1f33");
    let signed = sign_statement(&original, &key, SignatureAlgorithm::Rs256, &[]).expect("signed");
    let send = |statement: &Value| {
        let body = MultipartBuilder::new(statement.to_string().into_bytes())
            .attachment("application/octet-stream", signed.jws.clone().into_bytes())
            .build()
            .expect("a body");
        lrs.call(
            "POST",
            "/xapi/statements",
            V1,
            &[("Content-Type", body.content_type.as_str())],
            &body.body,
        )
    };
    let mut tampered = signed.statement.clone();
    tampered["verb"]["id"] = json!("http://example.com/verbs/failed");
    let refused = send(&tampered);
    assert_eq!(refused.status, 400);
    assert_eq!(refused.code(), "xapi.signature.mismatch");
    let accepted = send(&signed.statement);
    assert_eq!(
        accepted.status,
        200,
        "{}",
        String::from_utf8_lossy(&accepted.body)
    );
    // Stored with its signature attachment, returned with the JWS bytes.
    let got = lrs.get(
        "/xapi/statements?statementId=5c41c918-b88b-4220-8e5f-0d6f2e5a1f33&attachments=true",
        V1,
    );
    assert_eq!(got.status, 200);
    let jws = signed.jws.as_bytes();
    assert!(got.body.windows(jws.len()).any(|window| window == jws));
}

#[test]
fn the_page_size_is_a_server_option_and_limit_zero_gets_a_full_page() {
    let lrs = start_with(&["--page-size", "2"]);
    for mbox in ["a@example.com", "b@example.com", "c@example.com"] {
        assert_eq!(
            lrs.post_json("/xapi/statements", V2, &statement("p", mbox))
                .status,
            200
        );
    }
    for target in [
        "/xapi/statements",
        "/xapi/statements?limit=0",
        "/xapi/statements?limit=50",
    ] {
        let page = lrs.get(target, V2).json();
        assert_eq!(
            page["statements"].as_array().map(Vec::len),
            Some(2),
            "{target}"
        );
        let more = page["more"].as_str().expect("a more link").to_owned();
        assert!(!more.is_empty(), "{target}: a third statement remains");
        let rest = lrs.get(&more, V2).json();
        assert_eq!(rest["statements"].as_array().map(Vec::len), Some(1));
    }
    let one = lrs.get("/xapi/statements?limit=1", V2).json();
    assert_eq!(one["statements"].as_array().map(Vec::len), Some(1));
}

#[test]
fn agent_and_activity_filters_page_newest_first_and_match_statementref_targets() {
    let lrs = start();
    let target = "5d1c6e1e-4b5a-4c7e-9f00-0a1b2c3d4e5f";
    let mut original = statement("did", "rare@example.com");
    original["id"] = json!(target);
    original["object"]["id"] = json!("http://example.com/activities/rare");
    assert_eq!(lrs.post_json("/xapi/statements", V2, &original).status, 200);
    for index in 0..5 {
        let other = statement("did", &format!("other{index}@example.com"));
        assert_eq!(lrs.post_json("/xapi/statements", V2, &other).status, 200);
    }
    let mut again = statement("redid", "rare@example.com");
    again["object"]["id"] = json!("http://example.com/activities/rare");
    let again_id = lrs.post_json("/xapi/statements", V2, &again).json()[0]
        .as_str()
        .expect("id")
        .to_owned();
    let referring = json!({
        "actor": {"mbox": "mailto:someone@example.com"},
        "verb": {"id": "http://example.com/verbs/commented"},
        "object": {"objectType": "StatementRef", "id": target}
    });
    let referring_id = lrs.post_json("/xapi/statements", V2, &referring).json()[0]
        .as_str()
        .expect("id")
        .to_owned();
    let agent = encode(r#"{"mbox":"mailto:rare@example.com"}"#);
    let activity = encode("http://example.com/activities/rare");
    for filter in [format!("agent={agent}"), format!("activity={activity}")] {
        let ids = |target: &str| -> Vec<String> {
            lrs.get(target, V2).json()["statements"]
                .as_array()
                .expect("statements")
                .iter()
                .map(|s| s["id"].as_str().unwrap_or_default().to_owned())
                .collect()
        };
        assert_eq!(
            ids(&format!("/xapi/statements?{filter}")),
            [referring_id.as_str(), again_id.as_str(), target],
            "{filter}: newest first, the StatementRef to a match included"
        );
        assert_eq!(
            ids(&format!("/xapi/statements?{filter}&ascending=true")),
            [target, again_id.as_str(), referring_id.as_str()],
            "{filter}"
        );
        let page = lrs
            .get(&format!("/xapi/statements?{filter}&limit=2"), V2)
            .json();
        let first: Vec<&str> = page["statements"]
            .as_array()
            .expect("statements")
            .iter()
            .filter_map(|s| s["id"].as_str())
            .collect();
        assert_eq!(
            first,
            [referring_id.as_str(), again_id.as_str()],
            "{filter}"
        );
        let more = page["more"].as_str().expect("more").to_owned();
        assert_eq!(ids(&more), [target], "{filter}: the rest by more");
        let with_verb = format!(
            "/xapi/statements?{filter}&verb={}",
            encode("http://example.com/verbs/redid")
        );
        assert_eq!(ids(&with_verb), [again_id.as_str()], "{filter} and verb");
    }
}

/// Three batches, posted a few milliseconds apart (3, 2 and 1 statements; a batch shares one
/// `stored`): the ids of each, in the order posted, and each batch's `stored` as the LRS shows it.
fn post_three_batches(lrs: &Server) -> (Vec<Vec<String>>, Vec<String>) {
    let mut batches = Vec::new();
    let mut stored = Vec::new();
    for (batch, size) in [3, 2, 1].into_iter().enumerate() {
        std::thread::sleep(std::time::Duration::from_millis(3));
        let statements: Vec<Value> = (0..size)
            .map(|index| statement(&format!("b{batch}s{index}"), "window@example.com"))
            .collect();
        let posted = lrs.post_json("/xapi/statements", V2, &Value::Array(statements));
        assert_eq!(posted.status, 200);
        let ids: Vec<String> = posted
            .json()
            .as_array()
            .expect("ids")
            .iter()
            .map(|id| id.as_str().expect("an id").to_owned())
            .collect();
        let first = lrs
            .get(&format!("/xapi/statements?statementId={}", ids[0]), V2)
            .json();
        stored.push(first["stored"].as_str().expect("stored").to_owned());
        batches.push(ids);
    }
    assert!(
        stored[0] < stored[1] && stored[1] < stored[2],
        "three distinct stored: {stored:?}"
    );
    (batches, stored)
}

/// The ids `target` answers, page by page through `more`.
fn pages_of(lrs: &Server, target: &str) -> Vec<Vec<String>> {
    let mut pages = Vec::new();
    let mut next = target.to_owned();
    loop {
        let reply = lrs.get(&next, V2);
        assert_eq!(
            reply.status,
            200,
            "{next}: {}",
            String::from_utf8_lossy(&reply.body)
        );
        let page = reply.json();
        pages.push(
            page["statements"]
                .as_array()
                .expect("statements")
                .iter()
                .map(|s| s["id"].as_str().unwrap_or_default().to_owned())
                .collect(),
        );
        match page["more"].as_str() {
            Some("") | None => return pages,
            Some(more) => next = more.to_owned(),
        }
    }
}

/// `text` (an RFC 3339 instant) moved by `nanoseconds` and written with offset `offset_seconds`
/// and nanoseconds.
fn instant(text: &str, nanoseconds: i64, offset_seconds: i32) -> String {
    let parsed = chrono::DateTime::parse_from_rfc3339(text).expect("an RFC 3339 stored");
    let moved = parsed + chrono::Duration::nanoseconds(nanoseconds);
    let offset = chrono::FixedOffset::east_opt(offset_seconds).expect("an offset");
    moved
        .with_timezone(&offset)
        .to_rfc3339_opts(chrono::SecondsFormat::Nanos, false)
}

/// `since` excludes and `until` includes a statement's own `stored`, compared as instants (another
/// offset, a nanosecond either side), in both orders, and `more` pages through a batch sharing one
/// `stored` (a page ends inside the first batch).
fn assert_windows_follow_stored(lrs: &Server, batches: &[Vec<String>], stored: &[String]) {
    let [a, b, c] = [&batches[0], &batches[1], &batches[2]];
    let join = |parts: &[&Vec<String>]| -> Vec<String> {
        parts.iter().flat_map(|part| part.iter().cloned()).collect()
    };
    let cases: Vec<(String, Vec<String>)> = vec![
        (format!("since={}", encode(&stored[0])), join(&[b, c])),
        (format!("until={}", encode(&stored[1])), join(&[a, b])),
        (
            format!("since={}&until={}", encode(&stored[0]), encode(&stored[1])),
            join(&[b]),
        ),
        (
            format!("since={}&until={}", encode(&stored[0]), encode(&stored[0])),
            Vec::new(),
        ),
        (
            format!("since={}", encode(&instant(&stored[0], 0, 3600))),
            join(&[b, c]),
        ),
        (
            format!("until={}", encode(&instant(&stored[1], 0, -19_800))),
            join(&[a, b]),
        ),
        (
            format!("since={}", encode(&instant(&stored[0], 1, 0))),
            join(&[b, c]),
        ),
        (
            format!("since={}", encode(&instant(&stored[0], -1, 0))),
            join(&[a, b, c]),
        ),
        (
            format!("until={}", encode(&instant(&stored[1], -1, 0))),
            join(&[a]),
        ),
        (
            format!("until={}", encode(&instant(&stored[1], 1, 7200))),
            join(&[a, b]),
        ),
    ];
    for (window, oldest_first) in cases {
        let ascending = pages_of(lrs, &format!("/xapi/statements?{window}&ascending=true"));
        let mut newest_first = oldest_first.clone();
        newest_first.reverse();
        assert_eq!(ascending, [oldest_first], "{window} ascending");
        let descending = pages_of(lrs, &format!("/xapi/statements?{window}"));
        assert_eq!(descending, [newest_first], "{window} descending");
    }
    // Pages of 2 from just before the first batch: the first page ends inside it.
    let before = encode(&instant(&stored[0], -1_000_000, 0));
    let every = join(&[a, b, c]);
    let ascending = pages_of(
        lrs,
        &format!("/xapi/statements?since={before}&ascending=true&limit=2"),
    );
    let expected: Vec<Vec<String>> = every.chunks(2).map(<[String]>::to_vec).collect();
    assert_eq!(ascending, expected, "ascending pages of 2");
    let mut reversed = every.clone();
    reversed.reverse();
    let descending = pages_of(
        lrs,
        &format!(
            "/xapi/statements?since={before}&until={}&limit=2",
            encode(&stored[2])
        ),
    );
    let expected: Vec<Vec<String>> = reversed.chunks(2).map(<[String]>::to_vec).collect();
    assert_eq!(descending, expected, "descending pages of 2");
}

#[test]
fn since_excludes_and_until_includes_a_statement_s_own_stored_in_both_orders_across_pages() {
    let lrs = start();
    let (batches, stored) = post_three_batches(&lrs);
    assert_windows_follow_stored(&lrs, &batches, &stored);
}

#[test]
fn a_database_file_from_before_the_stored_index_gains_it_on_open_and_answers_windows_alike() {
    let lrs = start();
    let (batches, stored) = post_three_batches(&lrs);
    let db = lrs.stop_keeping_db();
    {
        // As the LRS left it before the index: no `statements_stored`, `user_version` 0.
        let file = rusqlite::Connection::open(&db).expect("the database");
        file.execute_batch("DROP INDEX statements_stored; PRAGMA user_version = 0;")
            .expect("back to the file before the index");
    }
    let lrs = start_on(db.clone(), &[]);
    assert_windows_follow_stored(&lrs, &batches, &stored);
    let file = rusqlite::Connection::open(&db).expect("the database");
    let index: i64 = file
        .query_row(
            "SELECT count(*) FROM sqlite_schema WHERE type = 'index' AND name = 'statements_stored'",
            [],
            |row| row.get(0),
        )
        .expect("the schema");
    assert_eq!(index, 1, "the index is created on open");
    let version: i64 = file
        .query_row("PRAGMA user_version", [], |row| row.get(0))
        .expect("user_version");
    assert_eq!(version, 1, "checked: stored follows insertion order");
    // A batch stored after reopening is after the window's old end.
    let later = lrs.post_json(
        "/xapi/statements",
        V2,
        &statement("later", "window@example.com"),
    );
    assert_eq!(later.status, 200);
    let later_id = later.json()[0].as_str().expect("an id").to_owned();
    assert_eq!(
        pages_of(
            &lrs,
            &format!("/xapi/statements?since={}", encode(&stored[2]))
        ),
        [vec![later_id]]
    );
}

#[test]
fn a_client_polling_since_the_last_stored_it_read_misses_no_batch_posted_right_after() {
    let lrs = start();
    // Batches posted back to back: after reading each one's stored, a poll with since= that stored
    // (exclusive) must still find every later batch. (Over HTTP they rarely share a millisecond;
    // stored_now's unit test covers batches that do.)
    let mut ids = Vec::new();
    let mut stored = Vec::new();
    for n in 0..20 {
        let posted = lrs.post_json(
            "/xapi/statements",
            V2,
            &statement(&format!("poll{n}"), "poll@example.com"),
        );
        assert_eq!(posted.status, 200);
        let id = posted.json()[0].as_str().expect("an id").to_owned();
        let read = lrs
            .get(&format!("/xapi/statements?statementId={id}"), V2)
            .json();
        stored.push(read["stored"].as_str().expect("stored").to_owned());
        ids.push(id);
    }
    for (n, since) in stored.iter().enumerate() {
        let mut later: Vec<String> = pages_of(
            &lrs,
            &format!("/xapi/statements?since={}&ascending=true", encode(since)),
        )
        .concat();
        later.sort();
        let mut expected: Vec<String> = ids[n + 1..].to_vec();
        expected.sort();
        assert_eq!(later, expected, "since the stored of batch {n}: {since}");
    }
}
