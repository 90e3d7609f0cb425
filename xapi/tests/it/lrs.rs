//! LRS helpers: StatementResult and more, format ids/canonical, Accept-Language, receive_statements.
#![cfg(test)]

use chrono::{TimeZone, Utc};
use learnwire_xapi::lrs::{
    AcceptLanguage, CanonicalSource, NoCanonical, ReceiveError, ReceiveOptions, StatementResult,
    format_statement, more_irl, read_more_request, receive_statements,
};
use learnwire_xapi::query::{StatementFormat, StatementQuery};
use serde_json::{Value, json};

#[test]
fn statement_result_round_trip_and_response() {
    let result = StatementResult::new(vec![json!({"id": "x"})], None);
    assert_eq!(
        serde_json::to_value(&result).unwrap(),
        json!({"statements": [{"id": "x"}], "more": ""})
    );
    let back: StatementResult =
        serde_json::from_value(json!({"statements": [], "more": ""})).unwrap();
    assert_eq!(back.more, None);
    let back: StatementResult = serde_json::from_value(json!({"statements": []})).unwrap();
    assert_eq!(back.more, None);
    let now = Utc.with_ymd_and_hms(2023, 11, 14, 22, 13, 20).unwrap();
    let response = result.to_http_response("1.0.3", now).unwrap();
    assert_eq!(
        response.headers()["X-Experience-API-Consistent-Through"],
        "2023-11-14T22:13:20.000Z"
    );
}

#[test]
fn more_irl_rules() {
    let query = StatementQuery::parse("limit=5&ascending=true").unwrap();
    let more = more_irl("/lrs/statements", &query, "page", "10 20").unwrap();
    assert_eq!(more, "/lrs/statements?limit=5&ascending=true&page=10+20");
    let (again, cursor) = read_more_request(more.split_once('?').unwrap().1, "page").unwrap();
    assert_eq!(again, query);
    assert_eq!(cursor.as_deref(), Some("10 20"));
    for bad in [
        "lrs/statements",
        "//evil.example/x",
        "https://x/y",
        "/a?b",
        "/a#b",
    ] {
        assert!(more_irl(bad, &query, "page", "1").is_err(), "{bad}");
    }
    assert!(more_irl("/s", &query, "limit", "1").is_err());
    assert!(read_more_request("page=&limit=1", "page").is_err());
    assert!(read_more_request("page=1&Limit=1", "page").is_err());
}

fn stored() -> Value {
    json!({
        "actor": {"objectType": "Group", "name": "g", "member": [{"name": "Ann", "mbox": "mailto:ann@example.com"}]},
        "verb": {"id": "http://x/v", "display": {"en-US": "did", "fr-FR": "a fait", "de": "tat"}},
        "object": {"id": "http://x/a", "objectType": "Activity", "definition": {
            "name": {"en-US": "A", "fr-FR": "Un"},
            "interactionType": "choice",
            "choices": [{"id": "c1", "description": {"en-US": "one", "fr-FR": "un"}}]
        }},
        "context": {"instructor": {"name": "T", "account": {"homePage": "http://x", "name": "t"}},
                    "contextActivities": {"parent": {"id": "http://x/p", "definition": {"name": {"en": "P"}}}}}
    })
}

#[test]
fn format_ids() {
    let ids = format_statement(
        &stored(),
        StatementFormat::Ids,
        &AcceptLanguage::default(),
        &NoCanonical,
    );
    assert_eq!(
        ids["actor"],
        json!({"objectType": "Group", "member": [{"objectType": "Agent", "mbox": "mailto:ann@example.com"}]})
    );
    assert_eq!(ids["verb"], json!({"id": "http://x/v"}));
    assert_eq!(
        ids["object"],
        json!({"id": "http://x/a", "objectType": "Activity"})
    );
    assert_eq!(
        ids["context"]["instructor"],
        json!({"objectType": "Agent", "account": {"homePage": "http://x", "name": "t"}})
    );
    assert_eq!(
        ids["context"]["contextActivities"]["parent"],
        json!({"id": "http://x/p"})
    );
    let exact = format_statement(
        &stored(),
        StatementFormat::Exact,
        &AcceptLanguage::default(),
        &NoCanonical,
    );
    assert_eq!(exact, stored());
}

struct Canon;
impl CanonicalSource for Canon {
    fn activity_definition(&self, id: &str) -> Option<Value> {
        (id == "http://x/p").then(|| json!({"name": {"en-GB": "Parent", "fr-FR": "Parent FR"}}))
    }
    fn verb_display(&self, _id: &str) -> Option<Value> {
        None
    }
}

#[test]
fn format_canonical_filters_each_language_map() {
    let fr = format_statement(
        &stored(),
        StatementFormat::Canonical,
        &AcceptLanguage::parse("fr-CA, fr;q=0.9, en;q=0.5"),
        &Canon,
    );
    assert_eq!(fr["verb"]["display"], json!({"fr-FR": "a fait"}));
    assert_eq!(fr["object"]["definition"]["name"], json!({"fr-FR": "Un"}));
    assert_eq!(
        fr["object"]["definition"]["choices"][0]["description"],
        json!({"fr-FR": "un"})
    );
    assert_eq!(
        fr["context"]["contextActivities"]["parent"]["definition"]["name"],
        json!({"fr-FR": "Parent FR"})
    );
    assert_eq!(fr["actor"], stored()["actor"], "agents as in exact");
    let german = format_statement(
        &stored(),
        StatementFormat::Canonical,
        &AcceptLanguage::parse("de"),
        &NoCanonical,
    );
    assert_eq!(german["verb"]["display"], json!({"de": "tat"}));
    assert_eq!(
        german["object"]["definition"]["name"]
            .as_object()
            .unwrap()
            .len(),
        1,
        "one language even without a match"
    );
}

#[test]
fn receive_json_bodies() {
    let body = br#"[{"actor": {"mbox": "mailto:a@example.com"}, "verb": {"id": "http://x/v"}, "object": {"id": "http://x/a"}}]"#;
    let received = receive_statements(
        "application/json; charset=utf-8",
        body,
        &ReceiveOptions::default(),
    )
    .unwrap();
    assert!(received.batch);
    let invalid = br#"{"actor": {"mbox": "a@example.com"}, "verb": {"id": "http://x/v"}, "object": {"id": "http://x/a"}}"#;
    let error =
        receive_statements("application/json", invalid, &ReceiveOptions::default()).unwrap_err();
    assert!(matches!(error, ReceiveError::Invalid(_)));
    assert_eq!(error.code().as_str(), "xapi.agent.mbox");
    let error = receive_statements("text/plain", body, &ReceiveOptions::default()).unwrap_err();
    assert_eq!(error.code().as_str(), "xapi.request.content-type");
    let with_attachment = br#"{"actor": {"mbox": "mailto:a@example.com"}, "verb": {"id": "http://x/v"}, "object": {"id": "http://x/a"},
        "attachments": [{"usageType": "http://x/u", "display": {"en-US": "a"}, "contentType": "text/plain", "length": 1,
        "sha2": "0000000000000000000000000000000000000000000000000000000000000000"}]}"#;
    let error = receive_statements(
        "application/json",
        with_attachment,
        &ReceiveOptions::default(),
    )
    .unwrap_err();
    assert_eq!(error.code().as_str(), "xapi.attachment.missing-part");
}

#[test]
fn alternate_request_syntax() {
    use learnwire_xapi::XapiVersion;
    use learnwire_xapi::lrs::read_alternate_request;
    let form = "Authorization=Basic+eA%3D%3D&content-type=application%2Fjson&Content-Length=99&If-Match=%22abc%22\
                &agent=%7B%22mbox%22%3A%22mailto%3Aa%40b.c%22%7D&content=%7B%22a%22%3A%22%C3%A9%22%7D";
    let request = http::Request::post("/xapi/activities/state?method=PUT")
        .header("Content-Type", "application/x-www-form-urlencoded")
        .header("X-Experience-API-Version", "1.0.3")
        .body(form.as_bytes().to_vec())
        .unwrap();
    let real = read_alternate_request(&request, XapiVersion::V1_0_3)
        .unwrap()
        .unwrap();
    assert_eq!(real.method(), http::Method::PUT);
    assert_eq!(
        real.uri().query(),
        Some("agent=%7B%22mbox%22%3A%22mailto%3Aa%40b.c%22%7D")
    );
    assert_eq!(real.headers()["authorization"], "Basic eA==");
    assert_eq!(real.headers()["content-type"], "application/json");
    assert_eq!(real.headers()["if-match"], "\"abc\"");
    assert_eq!(real.headers()["x-experience-api-version"], "1.0.3");
    assert_eq!(
        real.headers()["content-length"],
        real.body().len().to_string().as_str()
    );
    assert_eq!(real.body(), "{\"a\":\"é\"}".as_bytes());

    let plain = http::Request::post("/xapi/statements")
        .body(Vec::new())
        .unwrap();
    assert!(
        read_alternate_request(&plain, XapiVersion::V1_0_3)
            .unwrap()
            .is_none()
    );
    let code = |uri: &str, method: http::Method, body: &[u8], version| {
        let request = http::Request::builder()
            .method(method)
            .uri(uri)
            .body(body.to_vec())
            .unwrap();
        read_alternate_request(&request, version)
            .unwrap_err()
            .code()
            .as_str()
    };
    let post = http::Method::POST;
    assert_eq!(
        code("/s?method=PUT", post.clone(), b"", XapiVersion::V2_0_0),
        "xapi.alternate.removed"
    );
    assert_eq!(
        code("/s?method=PUT", http::Method::GET, b"", XapiVersion::V1_0_3),
        "xapi.alternate.not-post"
    );
    assert_eq!(
        code("/s?method=PATCH", post.clone(), b"", XapiVersion::V1_0_3),
        "xapi.alternate.method"
    );
    assert_eq!(
        code(
            "/s?method=PUT&limit=1",
            post.clone(),
            b"",
            XapiVersion::V1_0_3
        ),
        "xapi.alternate.query-parameter"
    );
    assert_eq!(
        code(
            "/s?method=PUT",
            post.clone(),
            b"content=a&content=b",
            XapiVersion::V1_0_3
        ),
        "xapi.alternate.duplicate-parameter"
    );
    assert_eq!(
        code("/s?method=PUT", post, b"If-Match=%0A", XapiVersion::V1_0_3),
        "xapi.alternate.form"
    );
}

#[test]
fn stored_statement_comparison() {
    use learnwire_xapi::XapiVersion;
    use learnwire_xapi::lrs::{StoredComparison, compare_with_stored};
    let incoming = json!({"id": "2a41c918-b88b-4220-8e5f-0d6f2e5a1f33", "actor": {"mbox": "mailto:a@b.c"},
                          "verb": {"id": "http://x/v"}, "object": {"id": "http://x/a"}, "result": {"duration": "PT1.001S"}});
    let mut stored = incoming.clone();
    stored["stored"] = json!("2024-01-01T00:00:00Z");
    stored["authority"] = json!({"mbox": "mailto:lrs@b.c"});
    stored["result"]["duration"] = json!("PT1.00S");
    assert_eq!(
        compare_with_stored(&stored, &incoming, XapiVersion::V2_0_0),
        StoredComparison::Same
    );
    assert_eq!(
        compare_with_stored(&stored, &incoming, XapiVersion::V1_0_3),
        StoredComparison::Conflict
    );
    assert_eq!(
        StoredComparison::Same.status(&http::Method::POST),
        http::StatusCode::OK
    );
    assert_eq!(
        StoredComparison::Conflict.status(&http::Method::PUT),
        http::StatusCode::CONFLICT
    );
}

#[test]
fn client_side_query_round_trip() {
    use learnwire_xapi::lrs::ResultError;
    let query = StatementQuery::parse("verb=http%3A%2F%2Fx%2Fv&limit=1").unwrap();
    let request = query
        .to_http_request("https://lrs.example.com/xapi/statements", "2.0.0")
        .unwrap();
    assert_eq!(
        request.uri().query(),
        Some("verb=http%3A%2F%2Fx%2Fv&limit=1")
    );
    assert_eq!(request.headers()["X-Experience-API-Version"], "2.0.0");
    assert_eq!(
        StatementQuery::parse(request.uri().query().unwrap()).unwrap(),
        query
    );
    assert!(query.to_http_request("/relative", "2.0.0").is_err());
    assert!(query.to_http_request("https://x/s?a=b", "2.0.0").is_err());

    let now = Utc.with_ymd_and_hms(2024, 1, 1, 0, 0, 0).unwrap();
    let page = StatementResult::new(
        vec![json!({"id": "a"})],
        Some("/xapi/statements?cursor=1".into()),
    );
    let response = page.to_http_response("2.0.0", now).unwrap();
    assert_eq!(
        StatementResult::parse_http_response(&response).unwrap(),
        page
    );
    let refused = http::Response::builder()
        .status(401)
        .body(b"no".to_vec())
        .unwrap();
    assert!(matches!(
        StatementResult::parse_http_response(&refused),
        Err(ResultError::Status { .. })
    ));
    let garbage = http::Response::new(b"[]".to_vec());
    assert!(matches!(
        StatementResult::parse_http_response(&garbage),
        Err(ResultError::Body(_))
    ));
}

#[test]
fn agents_and_activities_resources() {
    use learnwire_xapi::lrs::{Person, parse_activities_query, parse_agents_query};
    let codes = |report: learnwire_report::Report| -> Vec<&'static str> {
        report.errors().map(|i| i.code.as_str()).collect()
    };
    assert_eq!(
        parse_activities_query("activityId=http%3A%2F%2Fx%2Fa").unwrap(),
        "http://x/a"
    );
    assert_eq!(
        codes(parse_activities_query("").unwrap_err()),
        ["xapi.query.missing-parameter"]
    );
    assert_eq!(
        codes(parse_activities_query("activityId=a").unwrap_err()),
        ["xapi.query.iri"]
    );
    assert_eq!(
        codes(parse_activities_query("activityId=http%3A%2F%2Fx&x=1").unwrap_err()),
        ["xapi.query.unknown-parameter"]
    );
    let group = "agent=%7B%22objectType%22%3A%22Group%22%2C%22mbox%22%3A%22mailto%3Ag%40b.c%22%7D";
    assert_eq!(
        codes(parse_agents_query(group).unwrap_err()),
        ["xapi.query.agent"]
    );
    assert_eq!(
        codes(parse_agents_query("").unwrap_err()),
        ["xapi.query.missing-parameter"]
    );
    let agent =
        parse_agents_query("agent=%7B%22openid%22%3A%22http%3A%2F%2Fid.example%2Fann%22%7D")
            .unwrap();
    let person = Person::from_agents(&[agent.clone(), agent]);
    assert_eq!(
        person.to_json(),
        json!({"objectType": "Person", "openid": ["http://id.example/ann"]})
    );
}

#[test]
fn one_hostile_post_gives_a_bounded_rejection() {
    // Issue #7, item 6: one POST of a 250 KiB statement with thousands of repeated keys under
    // long ancestor keys used to cost gigabytes; the rejection is now capped and small.
    let body = crate::security::hostile_statement();
    let error = receive_statements("application/json", &body, &ReceiveOptions::default())
        .expect_err("hostile statement accepted");
    assert_eq!(error.code().as_str(), "xapi.json.duplicate-key");
    let ReceiveError::Invalid(report) = error else {
        panic!("{error:?}");
    };
    let statement = &report.statements[0].report;
    let limits = learnwire_xapi::Limits::default();
    assert_eq!(statement.issues().len(), limits.max_issues());
    assert_eq!(
        statement.issues().len() + statement.dropped(),
        15_999 + 5_000 + 3_000
    );
    let serialized = serde_json::to_vec(&*report).unwrap();
    assert!(
        serialized.len() < 4 << 20,
        "{} bytes of report",
        serialized.len()
    );
}
