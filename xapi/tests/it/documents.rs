//! Document resources: parameters per resource and method, the ETag decision table, JSON merge.
#![cfg(test)]

use http::{HeaderMap, Method};
use learnwire_xapi::documents::{
    ConcurrencyRules, Decision, Document, DocumentParams, DocumentResource, ETag, MergeError,
    MergeSide, decide, merge_json_documents,
};
use serde_json::json;

const ACTIVITY: &str = "activityId=http%3A%2F%2Fexample.com%2Fa";
const AGENT: &str = "agent=%7B%22mbox%22%3A%22mailto%3Aa%40example.com%22%7D";

fn errors(resource: DocumentResource, method: Method, query: &str) -> Vec<&'static str> {
    match DocumentParams::parse(resource, &method, query) {
        Ok(_) => Vec::new(),
        Err(report) => report.errors().map(|issue| issue.code.as_str()).collect(),
    }
}

#[test]
fn state_parameters() {
    use DocumentResource::State;
    let query = format!(
        "{ACTIVITY}&{AGENT}&registration=ec531277-b57b-4c15-8d91-d292c5b2b8f7&stateId=bookmark"
    );
    let params = DocumentParams::parse(State, &Method::PUT, &query).unwrap();
    assert_eq!(params.activity_id.as_deref(), Some("http://example.com/a"));
    assert_eq!(params.agent, Some(json!({"mbox": "mailto:a@example.com"})));
    assert_eq!(
        DocumentParams::parse(State, &Method::PUT, &params.to_query_string(State)).unwrap(),
        params
    );
    assert!(
        errors(
            State,
            Method::GET,
            &format!("{ACTIVITY}&{AGENT}&since=2024-01-01T00%3A00%3A00Z")
        )
        .is_empty()
    );
    assert!(
        errors(State, Method::DELETE, &format!("{ACTIVITY}&{AGENT}")).is_empty(),
        "multiple delete"
    );
    assert_eq!(
        errors(State, Method::PUT, &format!("{ACTIVITY}&{AGENT}")),
        ["xapi.query.missing-parameter"]
    );
    assert_eq!(
        errors(State, Method::GET, &format!("{AGENT}&stateId=s")),
        ["xapi.query.missing-parameter"]
    );
    assert_eq!(
        errors(
            State,
            Method::GET,
            &format!("{ACTIVITY}&{AGENT}&stateId=s&since=2024-01-01T00%3A00%3A00Z")
        ),
        ["xapi.query.unexpected-parameter"]
    );
    assert_eq!(
        errors(
            State,
            Method::GET,
            &format!("{ACTIVITY}&{AGENT}&profileId=p")
        ),
        ["xapi.query.unknown-parameter"]
    );
    assert_eq!(
        errors(State, Method::PATCH, &format!("{ACTIVITY}&{AGENT}")),
        ["xapi.document.method"]
    );
    let group =
        "agent=%7B%22objectType%22%3A%22Group%22%2C%22mbox%22%3A%22mailto%3Ag%40example.com%22%7D";
    assert_eq!(
        errors(State, Method::GET, &format!("{ACTIVITY}&{group}")),
        ["xapi.query.agent"]
    );
    assert_eq!(
        errors(State, Method::PUT, &format!("{ACTIVITY}&{AGENT}&stateId=")),
        ["xapi.query.string"]
    );
}

#[test]
fn profile_parameters() {
    use DocumentResource::{ActivityProfile, AgentProfile};
    assert!(errors(ActivityProfile, Method::GET, ACTIVITY).is_empty());
    assert!(
        errors(
            ActivityProfile,
            Method::POST,
            &format!("{ACTIVITY}&profileId=p")
        )
        .is_empty()
    );
    assert_eq!(
        errors(ActivityProfile, Method::DELETE, ACTIVITY),
        ["xapi.query.missing-parameter"]
    );
    assert_eq!(
        errors(ActivityProfile, Method::GET, &format!("{ACTIVITY}&{AGENT}")),
        ["xapi.query.unknown-parameter"]
    );
    assert!(
        errors(
            AgentProfile,
            Method::GET,
            &format!("{AGENT}&since=2024-01-01T00%3A00%3A00Z")
        )
        .is_empty()
    );
    assert_eq!(
        errors(AgentProfile, Method::PUT, "profileId=p"),
        ["xapi.query.missing-parameter"]
    );
    assert_eq!(
        errors(AgentProfile, Method::GET, "agent=%7B%7D"),
        ["xapi.query.agent"]
    );
    assert_eq!(ActivityProfile.id_parameter(), "profileId");
    assert_eq!(AgentProfile.path(), "agents/profile");
}

fn headers(if_match: Option<&str>, if_none_match: Option<&str>) -> HeaderMap {
    let mut map = HeaderMap::new();
    if let Some(value) = if_match {
        map.insert("if-match", value.parse().unwrap());
    }
    if let Some(value) = if_none_match {
        map.insert("if-none-match", value.parse().unwrap());
    }
    map
}

/// (resource, method, document exists, If-Match, If-None-Match, rules, expected)
type Row<'a> = (
    DocumentResource,
    Method,
    bool,
    Option<&'a str>,
    Option<&'a str>,
    ConcurrencyRules,
    Decision,
);

#[test]
fn etag_decision_table() {
    use Decision::*;
    use DocumentResource::{AgentProfile, State};
    let doc = ETag::of(br#"{"a":1}"#);
    let tag = doc.to_header_value();
    let bare = doc.as_str().to_owned();
    let weak = format!("W/{tag}");
    let list = format!("\"nope\", {tag}");
    // (resource, method, document exists, If-Match, If-None-Match, rules, expected)
    let table: Vec<Row<'_>> = vec![
        (
            AgentProfile,
            Method::PUT,
            true,
            None,
            None,
            ConcurrencyRules::Xapi1,
            Conflict,
        ),
        // No document yet and no precondition: refused under 1.0.3 (XAPI-00273 in the ADL suite),
        // accepted under 2.0.
        (
            AgentProfile,
            Method::PUT,
            false,
            None,
            None,
            ConcurrencyRules::Xapi1,
            MissingPrecondition,
        ),
        (
            AgentProfile,
            Method::PUT,
            false,
            None,
            None,
            ConcurrencyRules::Xapi2,
            Proceed,
        ),
        (
            State,
            Method::PUT,
            false,
            None,
            None,
            ConcurrencyRules::Xapi1,
            Proceed,
        ),
        (
            AgentProfile,
            Method::PUT,
            true,
            Some(&tag),
            None,
            ConcurrencyRules::Xapi1,
            Proceed,
        ),
        (
            AgentProfile,
            Method::PUT,
            true,
            Some(&bare),
            None,
            ConcurrencyRules::Xapi1,
            Proceed,
        ),
        (
            AgentProfile,
            Method::PUT,
            true,
            Some(&list),
            None,
            ConcurrencyRules::Xapi1,
            Proceed,
        ),
        (
            AgentProfile,
            Method::PUT,
            true,
            Some(&weak),
            None,
            ConcurrencyRules::Xapi1,
            PreconditionFailed,
        ),
        (
            AgentProfile,
            Method::PUT,
            true,
            Some("\"other\""),
            None,
            ConcurrencyRules::Xapi1,
            PreconditionFailed,
        ),
        (
            AgentProfile,
            Method::PUT,
            false,
            Some(&tag),
            None,
            ConcurrencyRules::Xapi1,
            PreconditionFailed,
        ),
        (
            AgentProfile,
            Method::PUT,
            true,
            Some("*"),
            None,
            ConcurrencyRules::Xapi1,
            Proceed,
        ),
        (
            AgentProfile,
            Method::PUT,
            false,
            Some("*"),
            None,
            ConcurrencyRules::Xapi1,
            PreconditionFailed,
        ),
        (
            AgentProfile,
            Method::PUT,
            true,
            None,
            Some("*"),
            ConcurrencyRules::Xapi1,
            PreconditionFailed,
        ),
        (
            AgentProfile,
            Method::PUT,
            false,
            None,
            Some("*"),
            ConcurrencyRules::Xapi1,
            Proceed,
        ),
        (
            AgentProfile,
            Method::POST,
            true,
            None,
            None,
            ConcurrencyRules::Xapi1,
            Proceed,
        ),
        (
            AgentProfile,
            Method::POST,
            true,
            Some("\"other\""),
            None,
            ConcurrencyRules::Xapi1,
            PreconditionFailed,
        ),
        (
            AgentProfile,
            Method::DELETE,
            true,
            Some("\"other\""),
            None,
            ConcurrencyRules::Xapi1,
            PreconditionFailed,
        ),
        (
            AgentProfile,
            Method::DELETE,
            true,
            Some(&tag),
            None,
            ConcurrencyRules::Xapi1,
            Proceed,
        ),
        (
            AgentProfile,
            Method::GET,
            true,
            None,
            Some(&tag),
            ConcurrencyRules::Xapi1,
            NotModified,
        ),
        (
            AgentProfile,
            Method::GET,
            true,
            None,
            Some(&weak),
            ConcurrencyRules::Xapi1,
            NotModified,
        ),
        (
            AgentProfile,
            Method::GET,
            true,
            None,
            Some("\"other\""),
            ConcurrencyRules::Xapi1,
            Proceed,
        ),
        (
            State,
            Method::PUT,
            true,
            None,
            None,
            ConcurrencyRules::Xapi1,
            Proceed,
        ),
        (
            State,
            Method::PUT,
            true,
            None,
            None,
            ConcurrencyRules::Xapi2,
            Conflict,
        ),
        (
            State,
            Method::PUT,
            true,
            Some("\"other\""),
            None,
            ConcurrencyRules::Xapi1,
            PreconditionFailed,
        ),
    ];
    for (row, (resource, method, exists, if_match, if_none_match, rules, expected)) in
        table.into_iter().enumerate()
    {
        let current = exists.then_some(&doc);
        let got = decide(
            resource,
            &method,
            current,
            &headers(if_match, if_none_match),
            rules,
        )
        .unwrap();
        assert_eq!(
            got, expected,
            "row {row}: {resource:?} {method} exists={exists} {if_match:?} {if_none_match:?}"
        );
    }
    assert_eq!(
        Decision::Conflict.status(),
        Some(http::StatusCode::CONFLICT)
    );
    assert_eq!(Decision::Proceed.status(), None);
    for bad in ["\"unterminated", "W/bare", ","] {
        let mut map = HeaderMap::new();
        map.insert(
            "if-match",
            http::HeaderValue::from_bytes(bad.as_bytes()).unwrap(),
        );
        assert!(
            decide(
                AgentProfile,
                &Method::PUT,
                Some(&doc),
                &map,
                ConcurrencyRules::Xapi1
            )
            .is_err(),
            "{bad}"
        );
    }
}

#[test]
fn a_missing_precondition_is_400_and_json_posted_to_no_document_must_be_an_object() {
    assert_eq!(
        Decision::MissingPrecondition.status(),
        Some(http::StatusCode::BAD_REQUEST)
    );
    let posted =
        |bytes: &'static [u8]| merge_json_documents(None, Document::new("application/json", bytes));
    assert_eq!(posted(br#"{"a":1}"#).unwrap(), br#"{"a":1}"#);
    for bad in [&br#"{"a":1}["#[..], b"[1]", b"not json"] {
        assert_eq!(
            merge_json_documents(None, Document::new("application/json", bad)).unwrap_err(),
            MergeError::NotObject {
                side: MergeSide::Posted
            }
        );
    }
    // Another type is stored as sent.
    assert_eq!(
        merge_json_documents(None, Document::new("text/plain", b"[")).unwrap(),
        b"["
    );
}

#[test]
fn each_refusal_decision_has_a_registered_code() {
    let refusals = [
        (
            Decision::PreconditionFailed,
            "xapi.document.precondition-failed",
            412,
        ),
        (Decision::Conflict, "xapi.document.conflict", 409),
        (
            Decision::MissingPrecondition,
            "xapi.document.precondition-required",
            400,
        ),
    ];
    for (decision, code, status) in refusals {
        assert_eq!(decision.refusal_code().map(|c| c.as_str()), Some(code));
        assert_eq!(decision.status().map(|s| s.as_u16()), Some(status));
        assert!(
            learnwire_xapi::CODES
                .iter()
                .any(|info| info.code.as_str() == code)
        );
    }
    assert_eq!(Decision::Proceed.refusal_code(), None);
    assert_eq!(Decision::NotModified.refusal_code(), None);
}

#[test]
fn etag_is_quoted_lowercase_sha1() {
    let tag = ETag::of(b"hello");
    assert_eq!(tag.as_str(), "aaf4c61ddcc5e8a2dabede0f3b482cd9aea9434d");
    assert_eq!(
        tag.to_string(),
        "\"aaf4c61ddcc5e8a2dabede0f3b482cd9aea9434d\""
    );
}

#[test]
fn json_merge() {
    let stored = Document::new("application/json", br#"{"x":"foo","y":{"deep":1}}"#);
    let posted = Document::new(
        "application/json",
        br#"{"x":"bash","y":{"other":2},"z":"faz"}"#,
    );
    let merged: serde_json::Value =
        serde_json::from_slice(&merge_json_documents(Some(stored), posted).unwrap()).unwrap();
    assert_eq!(merged, json!({"x": "bash", "y": {"other": 2}, "z": "faz"}));
    let text = Document::new("text/plain", b"hi");
    assert_eq!(merge_json_documents(None, text).unwrap(), b"hi");
    assert_eq!(
        merge_json_documents(Some(text), posted).unwrap_err(),
        MergeError::NotJson {
            side: MergeSide::Existing
        }
    );
    let array = Document::new("application/json", b"[1]");
    let err = merge_json_documents(Some(stored), array).unwrap_err();
    assert_eq!(
        err,
        MergeError::NotObject {
            side: MergeSide::Posted
        }
    );
    assert_eq!(err.code().as_str(), "xapi.document.merge-not-object");
    let dup = Document::new("application/json", br#"{"a":1,"a":2}"#);
    assert!(merge_json_documents(Some(stored), dup).is_err());
}
