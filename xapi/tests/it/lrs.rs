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
fn format_ids_keeps_only_identifiers_and_an_activity_is_its_id_alone() {
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
    // An Activity keeps its id only, objectType included in what is left out (XAPI-00171).
    assert_eq!(ids["object"], json!({"id": "http://x/a"}));
    let mut sub = stored();
    sub["object"] = json!({"objectType": "SubStatement", "actor": {"mbox": "mailto:b@example.com", "name": "B"},
                           "verb": {"id": "http://x/w", "display": {"en": "w"}},
                           "object": {"objectType": "Activity", "id": "http://x/b", "definition": {"name": {"en": "B"}}}});
    let sub_ids = format_statement(
        &sub,
        StatementFormat::Ids,
        &AcceptLanguage::default(),
        &NoCanonical,
    );
    assert_eq!(sub_ids["object"]["object"], json!({"id": "http://x/b"}));
    assert_eq!(
        sub_ids["object"]["actor"],
        json!({"objectType": "Agent", "mbox": "mailto:b@example.com"})
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
    use learnwire_xapi::lrs::read_alternate_request;
    use learnwire_xapi::{Limits, XapiVersion};
    let form = "Authorization=Basic+eA%3D%3D&content-type=application%2Fjson&Content-Length=99&If-Match=%22abc%22\
                &agent=%7B%22mbox%22%3A%22mailto%3Aa%40b.c%22%7D&content=%7B%22a%22%3A%22%C3%A9%22%7D";
    let request = http::Request::post("/xapi/activities/state?method=PUT")
        .header("Content-Type", "application/x-www-form-urlencoded")
        .header("X-Experience-API-Version", "1.0.3")
        .body(form.as_bytes().to_vec())
        .unwrap();
    let real = read_alternate_request(&request, XapiVersion::V1_0_3, &Limits::default())
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
        read_alternate_request(&plain, XapiVersion::V1_0_3, &Limits::default())
            .unwrap()
            .is_none()
    );
    let code = |uri: &str, method: http::Method, body: &[u8], version| {
        let request = http::Request::builder()
            .method(method)
            .uri(uri)
            .body(body.to_vec())
            .unwrap();
        read_alternate_request(&request, version, &Limits::default())
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
fn alternate_content_without_a_content_type_parameter_is_json() {
    use learnwire_xapi::lrs::{ReceiveOptions, StatementsRequest, read_alternate_request};
    use learnwire_xapi::{Limits, XapiVersion};
    let form = "statementId=2a41c918-b88b-4220-8e5f-0d6f2e5a1f33&X-Experience-API-Version=1.0.3\
                &content=%7B%22actor%22%3A%7B%22mbox%22%3A%22mailto%3Aa%40b.c%22%7D%2C%22verb%22%3A%7B%22id%22%3A%22http%3A%2F%2Fx%2Fv%22%7D%2C%22object%22%3A%7B%22id%22%3A%22http%3A%2F%2Fx%2Fa%22%7D%7D";
    let request = http::Request::post("/xapi/statements?method=PUT")
        .header("Content-Type", "application/x-www-form-urlencoded")
        .body(form.as_bytes().to_vec())
        .unwrap();
    let real = read_alternate_request(&request, XapiVersion::V1_0_3, &Limits::default())
        .unwrap()
        .unwrap();
    assert_eq!(real.headers()["content-type"], "application/json");
    let received =
        StatementsRequest::from_http_request(&request, &ReceiveOptions::default()).unwrap();
    assert_eq!(received.to_http_response().status(), 204);
    // A Content-Type parameter is kept; no content, no type.
    let typed = http::Request::post("/xapi/activities/state?method=PUT")
        .body(b"Content-Type=text%2Fplain&content=hi".to_vec())
        .unwrap();
    let real = read_alternate_request(&typed, XapiVersion::V1_0_3, &Limits::default())
        .unwrap()
        .unwrap();
    assert_eq!(real.headers()["content-type"], "text/plain");
    let empty = http::Request::post("/xapi/statements?method=GET")
        .body(b"limit=1".to_vec())
        .unwrap();
    let real = read_alternate_request(&empty, XapiVersion::V1_0_3, &Limits::default())
        .unwrap()
        .unwrap();
    assert!(!real.headers().contains_key("content-type"));
}

#[test]
fn alternate_form_body_is_bounded_by_limits_max_alternate_body_bytes() {
    use learnwire_xapi::lrs::read_alternate_request;
    use learnwire_xapi::{Limits, XapiVersion};
    assert_eq!(Limits::default().max_alternate_body_bytes(), 2 << 20);
    let form = b"X-Experience-API-Version=1.0.3&content=%7B%7D";
    let request = http::Request::post("/xapi/statements?method=POST")
        .body(form.to_vec())
        .unwrap();
    let exact = Limits::default().with_max_alternate_body_bytes(form.len());
    assert!(
        read_alternate_request(&request, XapiVersion::V1_0_3, &exact)
            .unwrap()
            .is_some()
    );
    let below = Limits::default().with_max_alternate_body_bytes(form.len() - 1);
    let error = read_alternate_request(&request, XapiVersion::V1_0_3, &below).unwrap_err();
    assert_eq!(error.code().as_str(), "xapi.alternate.form");
    // The front door reads the limit from its validation options.
    let options = learnwire_xapi::lrs::ReceiveOptions::default()
        .with_validation(learnwire_xapi::Options::new(XapiVersion::V1_0_3).with_limits(below));
    let refused =
        learnwire_xapi::lrs::StatementsRequest::from_http_request(&request, &options).unwrap_err();
    assert_eq!(refused.code().as_str(), "xapi.alternate.form");
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

/// The front door of PUT/POST `/statements` (issue #8): an `http::Request` in, typed statements with ids
/// or the `http::Response` to send out.
mod front_door {
    use http::{Method, Request, StatusCode};
    use learnwire_xapi::XapiVersion;
    use learnwire_xapi::lrs::{
        RandomIds, ReceiveError, ReceiveOptions, StatementIds, StatementsRequest,
    };
    use learnwire_xapi::multipart::{MultipartBuilder, sha256_hex};
    use learnwire_xapi::signature::{SignatureAlgorithm, SigningKey, sign_statement};
    use serde_json::{Value, json};

    const ID_A: &str = "2a41c918-b88b-4220-8e5f-0d6f2e5a1f33";
    const ID_B: &str = "6690e6c9-3ef0-4ed3-8b37-7f3964730bee";

    fn statement() -> Value {
        json!({"actor": {"mbox": "mailto:a@example.com"}, "verb": {"id": "http://x/v"},
               "object": {"id": "http://x/a"}})
    }

    fn request(method: Method, uri: &str, version: &str, body: &Value) -> Request<Vec<u8>> {
        Request::builder()
            .method(method)
            .uri(uri)
            .header("X-Experience-API-Version", version)
            .header("Content-Type", "application/json")
            .body(serde_json::to_vec(body).unwrap())
            .unwrap()
    }

    fn post(body: &Value) -> Request<Vec<u8>> {
        request(Method::POST, "/xapi/statements", "1.0.3", body)
    }

    /// Ids 00000000-0000-4000-8000-00000000000n, n = 1, 2, ...
    fn sequence() -> impl FnMut() -> uuid::Uuid {
        let mut next = 0u128;
        move || {
            next += 1;
            uuid::Uuid::from_u128(0x0000_0000_0000_4000_8000_0000_0000_0000 | next)
        }
    }

    fn receive(request: &Request<Vec<u8>>) -> Result<StatementsRequest, ReceiveError> {
        StatementsRequest::from_http_request_with_ids(
            request,
            &ReceiveOptions::default(),
            &mut sequence(),
        )
    }

    fn refusal(request: &Request<Vec<u8>>) -> (ReceiveError, http::Response<Vec<u8>>, Value) {
        let error = receive(request).unwrap_err();
        let response = error.to_http_response_for(request, &ReceiveOptions::default());
        let body = serde_json::from_slice(response.body()).unwrap();
        (error, response, body)
    }

    #[test]
    fn a_post_batch_keeps_sent_ids_assigns_the_others_and_answers_200_with_the_ids() {
        let mut with_id = statement();
        with_id["id"] = json!(ID_A);
        let received = receive(&post(&json!([statement(), with_id, statement()]))).unwrap();
        let ids: Vec<&str> = received.ids().iter().map(|id| id.as_str()).collect();
        assert_eq!(
            ids,
            [
                "00000000-0000-4000-8000-000000000001",
                ID_A,
                "00000000-0000-4000-8000-000000000002"
            ]
        );
        assert!(received.id_assigned(0) && !received.id_assigned(1));
        assert!(received.is_batch());
        assert_eq!(received.version(), XapiVersion::V1_0_3);
        let response = received.to_http_response();
        assert_eq!(response.status(), StatusCode::OK);
        assert_eq!(response.headers()["X-Experience-API-Version"], "1.0.3");
        assert_eq!(response.headers()["Content-Type"], "application/json");
        let body: Vec<String> = serde_json::from_slice(response.body()).unwrap();
        assert_eq!(body, ids);
        // The typed statements are the statements sent, ids aside.
        let stored = received.into_statements();
        assert_eq!(stored[0].verb.id.as_str(), "http://x/v");
    }

    #[test]
    fn random_ids_are_version_4_uuids() {
        let mut ids = RandomIds::default();
        let a = ids.next_id().unwrap();
        let b = ids.next_id().unwrap();
        assert_ne!(a, b);
        assert_eq!(a.get_version_num(), 4);
        assert_eq!(a.get_variant(), uuid::Variant::RFC4122);
        let received =
            StatementsRequest::from_http_request(&post(&statement()), &ReceiveOptions::default())
                .unwrap();
        assert_eq!(received.ids()[0].to_uuid().get_version_num(), 4);
    }

    #[test]
    fn a_put_takes_the_statement_id_and_answers_204() {
        let uri = format!("/xapi/statements?statementId={ID_A}");
        let received = receive(&request(Method::PUT, &uri, "1.0.3", &statement())).unwrap();
        assert_eq!(received.ids()[0].as_str(), ID_A);
        assert!(received.id_assigned(0));
        let response = received.to_http_response();
        assert_eq!(response.status(), StatusCode::NO_CONTENT);
        assert!(response.body().is_empty());
        let mut same = statement();
        same["id"] = json!(ID_A.to_uppercase());
        let received = receive(&request(Method::PUT, &uri, "1.0.3", &same)).unwrap();
        assert!(!received.id_assigned(0));
    }

    #[test]
    fn a_put_whose_statement_has_another_id_is_refused() {
        let mut other = statement();
        other["id"] = json!(ID_B);
        let uri = format!("/xapi/statements?statementId={ID_A}");
        let (error, response, body) = refusal(&request(Method::PUT, &uri, "1.0.3", &other));
        assert!(matches!(error, ReceiveError::StatementIdMismatch { .. }));
        assert_eq!(response.status(), StatusCode::BAD_REQUEST);
        assert_eq!(body["code"], "xapi.request.statement-id-mismatch");
        assert_eq!(body["issues"][0]["location"], "/id");
    }

    #[test]
    fn a_put_needs_one_valid_statement_id_and_a_post_takes_no_parameter() {
        for (method, uri, code) in [
            (
                Method::PUT,
                "/xapi/statements",
                "xapi.query.missing-parameter",
            ),
            (
                Method::PUT,
                "/xapi/statements?statementId=12",
                "xapi.query.uuid",
            ),
            (
                Method::PUT,
                "/xapi/statements?statementId=2a41c918-b88b-4220-8e5f-0d6f2e5a1f33&verb=x",
                "xapi.query.unknown-parameter",
            ),
            (
                Method::POST,
                "/xapi/statements?statementId=2a41c918-b88b-4220-8e5f-0d6f2e5a1f33",
                "xapi.query.unknown-parameter",
            ),
        ] {
            let (error, response, body) = refusal(&request(method, uri, "1.0.3", &statement()));
            assert_eq!(error.code().as_str(), code, "{uri}");
            assert_eq!(response.status(), StatusCode::BAD_REQUEST);
            assert_eq!(body["issues"][0]["code"], code);
        }
    }

    #[test]
    fn a_put_of_a_batch_is_refused() {
        let uri = format!("/xapi/statements?statementId={ID_A}");
        let (error, response, _) =
            refusal(&request(Method::PUT, &uri, "1.0.3", &json!([statement()])));
        assert!(matches!(error, ReceiveError::BatchNotAllowed));
        assert_eq!(error.code().as_str(), "xapi.statement.not-object");
        assert_eq!(response.status(), StatusCode::BAD_REQUEST);
    }

    #[test]
    fn the_version_header_is_negotiated_and_required() {
        let mut no_header = post(&statement());
        no_header.headers_mut().remove("X-Experience-API-Version");
        let (error, response, body) = refusal(&no_header);
        assert_eq!(error.code().as_str(), "xapi.version-header.missing");
        assert_eq!(response.status(), StatusCode::BAD_REQUEST);
        assert_eq!(response.headers()["X-Experience-API-Version"], "2.0.0");
        assert_eq!(body["status"], 400);
        for version in ["0.95", "1.1.0", "2.0.0-rc"] {
            let (error, ..) = refusal(&request(
                Method::POST,
                "/xapi/statements",
                version,
                &statement(),
            ));
            assert_eq!(error.code().as_str(), "xapi.version-header.unsupported");
        }
        let only_two = ReceiveOptions::default().with_versions(&[XapiVersion::V2_0_0]);
        let error =
            StatementsRequest::from_http_request(&post(&statement()), &only_two).unwrap_err();
        assert_eq!(error.code().as_str(), "xapi.version-header.unsupported");
    }

    #[test]
    fn statements_are_validated_under_the_negotiated_version() {
        let mut with_context_agents = statement();
        with_context_agents["context"] = json!({"contextAgents": [
            {"objectType": "contextAgent", "agent": {"mbox": "mailto:b@example.com"},
             "relevantTypes": ["http://x/t"]}
        ]});
        let v1 = request(
            Method::POST,
            "/xapi/statements",
            "1.0.3",
            &with_context_agents,
        );
        let (error, ..) = refusal(&v1);
        assert_eq!(error.code().as_str(), "xapi.json.unknown-key");
        let v2 = request(
            Method::POST,
            "/xapi/statements",
            "2.0.0",
            &with_context_agents,
        );
        let received = receive(&v2).unwrap();
        assert_eq!(received.version(), XapiVersion::V2_0_0);
        assert_eq!(
            received.to_http_response().headers()["X-Experience-API-Version"],
            "2.0.0"
        );
    }

    #[test]
    fn another_method_is_405_with_allow() {
        let (error, response, body) = refusal(&request(
            Method::GET,
            "/xapi/statements",
            "1.0.3",
            &statement(),
        ));
        assert_eq!(error.code().as_str(), "xapi.request.method");
        assert_eq!(response.status(), StatusCode::METHOD_NOT_ALLOWED);
        assert_eq!(response.headers()["Allow"], "PUT, POST");
        assert_eq!(body["code"], "xapi.request.method");
    }

    #[test]
    fn a_missing_or_other_content_type_is_400_as_xapi_00127_requires() {
        let mut none = post(&statement());
        none.headers_mut().remove("Content-Type");
        let mut text = post(&statement());
        text.headers_mut()
            .insert("Content-Type", "text/plain".parse().unwrap());
        let mut form_data = post(&statement());
        form_data.headers_mut().insert(
            "Content-Type",
            "multipart/form-data; boundary=x".parse().unwrap(),
        );
        let mut twice = post(&statement());
        twice
            .headers_mut()
            .append("Content-Type", "application/json".parse().unwrap());
        for request in [none, text, form_data, twice] {
            let (error, response, _) = refusal(&request);
            assert_eq!(error.code().as_str(), "xapi.request.content-type");
            assert_eq!(response.status(), StatusCode::BAD_REQUEST);
        }
    }

    #[test]
    fn a_body_over_the_limit_is_413() {
        let mut big = statement();
        big["object"]["definition"] = json!({"name": {"en": "x".repeat(2 << 20)}});
        let (error, response, body) = refusal(&post(&big));
        assert_eq!(error.code().as_str(), "xapi.limit.body-size");
        assert_eq!(response.status(), StatusCode::PAYLOAD_TOO_LARGE);
        assert_eq!(body["code"], "xapi.limit.body-size");
    }

    #[test]
    fn an_invalid_batch_answers_400_listing_every_problem_with_its_pointer() {
        let mut bad = statement();
        bad["actor"]["mbox"] = json!("a@example.com");
        bad["verb"]["id"] = json!("passed");
        let (error, response, body) = refusal(&post(&json!([statement(), bad])));
        assert_eq!(response.status(), StatusCode::BAD_REQUEST);
        assert_eq!(body["code"], "xapi.agent.mbox");
        let issues: Vec<(String, String)> = body["issues"]
            .as_array()
            .unwrap()
            .iter()
            .map(|issue| {
                (
                    issue["code"].as_str().unwrap().to_owned(),
                    issue["location"].as_str().unwrap().to_owned(),
                )
            })
            .collect();
        assert_eq!(
            issues,
            [
                ("xapi.agent.mbox".to_owned(), "/1/actor/mbox".to_owned()),
                ("xapi.format.iri".to_owned(), "/1/verb/id".to_owned())
            ]
        );
        assert_eq!(body["dropped"], 0);
        // One log line names the code, the place and what is wrong.
        let line = error.to_string();
        assert!(
            line.starts_with("xapi.agent.mbox: the batch of 2 statements is refused: 2 errors, the first at /1/actor/mbox: "),
            "{line}"
        );
        assert_eq!(body["message"], line);
    }

    #[test]
    fn multipart_attachments_and_signatures_come_through() {
        let key =
            SigningKey::from_rsa_pem(include_bytes!("../../testdata/signature/signer.key.pem"))
                .unwrap();
        let data = b"notes".to_vec();
        let mut with_file = statement();
        with_file["attachments"] = json!([{"usageType": "http://x/u", "display": {"en-US": "notes"},
            "contentType": "text/plain", "length": 5, "sha2": sha256_hex(&data)}]);
        // The signed payload holds the notes attachment too (attachments are compared).
        let signed = sign_statement(&with_file, &key, SignatureAlgorithm::Rs256, &[]).unwrap();
        let with_file = signed.statement.clone();
        let body = MultipartBuilder::new(serde_json::to_vec(&with_file).unwrap())
            .attachment("text/plain", data.clone())
            .attachment("application/octet-stream", signed.jws.clone().into_bytes())
            .build()
            .unwrap();
        let request = Request::post("/xapi/statements")
            .header("X-Experience-API-Version", "1.0.3")
            .header("Content-Type", &body.content_type)
            .body(body.body)
            .unwrap();
        let received = receive(&request).unwrap();
        assert_eq!(received.attachments().len(), 2);
        assert_eq!(received.attachments()[0].content, data);
        assert_eq!(received.signatures().len(), 1);
        assert_eq!(
            received.statements()[0].attachments.as_ref().unwrap().len(),
            2
        );
    }

    #[test]
    fn the_alternate_syntax_is_read_under_1_0_3_and_refused_under_2_0() {
        let content = serde_json::to_string(&statement()).unwrap();
        let form = |version: &str| {
            url::form_urlencoded::Serializer::new(String::new())
                .append_pair("X-Experience-API-Version", version)
                .append_pair("Content-Type", "application/json")
                .append_pair("statementId", ID_A)
                .append_pair("content", &content)
                .finish()
        };
        let alternate = |version: &str| {
            Request::post("/xapi/statements?method=PUT")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .body(form(version).into_bytes())
                .unwrap()
        };
        let received = receive(&alternate("1.0.3")).unwrap();
        assert_eq!(received.method(), Method::PUT);
        assert_eq!(received.ids()[0].as_str(), ID_A);
        assert_eq!(received.to_http_response().status(), StatusCode::NO_CONTENT);
        let (error, response, _) = refusal(&alternate("2.0.0"));
        assert_eq!(error.code().as_str(), "xapi.alternate.removed");
        assert_eq!(response.status(), StatusCode::BAD_REQUEST);
        let only_two = ReceiveOptions::default().with_versions(&[XapiVersion::V2_0_0]);
        let error =
            StatementsRequest::from_http_request(&alternate("2.0.0"), &only_two).unwrap_err();
        assert_eq!(error.code().as_str(), "xapi.alternate.removed");
        let off = ReceiveOptions::default().with_alternate_syntax(false);
        let error = StatementsRequest::from_http_request(&alternate("1.0.3"), &off).unwrap_err();
        assert_eq!(error.code().as_str(), "xapi.alternate.removed");
    }

    #[test]
    fn a_resent_statement_is_a_no_op_and_a_different_one_a_409() {
        let mut sent = statement();
        sent["id"] = json!(ID_A);
        let received = receive(&post(&json!([sent.clone(), statement()]))).unwrap();
        let mut stored = sent.clone();
        stored["stored"] = json!("2024-01-01T00:00:00Z");
        let same = received
            .compare_with_stored(|id| (id.as_str() == ID_A).then(|| stored.clone()))
            .unwrap();
        assert_eq!(same, [true, false]);
        stored["object"]["id"] = json!("http://x/other");
        let error = received
            .compare_with_stored(|id| (id.as_str() == ID_A).then(|| stored.clone()))
            .unwrap_err();
        assert_eq!(error.code().as_str(), "xapi.request.conflict");
        let response = error.to_http_response(XapiVersion::V1_0_3);
        assert_eq!(response.status(), StatusCode::CONFLICT);
        let body: Value = serde_json::from_slice(response.body()).unwrap();
        assert_eq!(body["issues"][0]["location"], "/0/id");
    }

    #[test]
    fn every_error_display_names_its_code() {
        let requests = [
            request(Method::DELETE, "/xapi/statements", "1.0.3", &statement()),
            request(Method::POST, "/xapi/statements", "9.9", &statement()),
            request(Method::POST, "/xapi/statements?x=1", "1.0.3", &statement()),
            post(&json!({"actor": {}})),
        ];
        for request in &requests {
            let error = receive(request).unwrap_err();
            let line = error.to_string();
            assert!(line.starts_with(&format!("{}: ", error.code())), "{line}");
            assert!(line.len() > error.code().as_str().len() + 10, "{line}");
        }
    }
}
