//! Statement comparison (Data §2.3.1): what is ignored and what is not.
#![cfg(test)]

use learnwire_xapi::equivalence::{
    EquivalenceOptions, statements_equivalent, statements_equivalent_with,
};
use serde_json::{Value, json};

fn base() -> Value {
    json!({
        "id": "2a41c918-b88b-4220-8e5f-0d6f2e5a1f33",
        "actor": {"objectType": "Group", "name": "team", "member": [
            {"mbox": "mailto:a@example.com"}, {"account": {"homePage": "http://x", "name": "b"}}
        ]},
        "verb": {"id": "http://adlnet.gov/expapi/verbs/passed", "display": {"en-US": "passed"}},
        "object": {"id": "http://example.com/exam", "definition": {"name": {"en": "Exam"}}},
        "result": {"score": {"scaled": 0.5, "raw": 5}, "duration": "PT2M"},
        "context": {"registration": "ec531277-b57b-4c15-8d91-d292c5b2b8f7",
                    "contextActivities": {"parent": {"id": "http://example.com/course"}}},
        "timestamp": "2023-11-14T22:13:20.123Z",
        "attachments": [{"usageType": "http://x/u", "display": {"en": "a"}, "contentType": "text/plain",
                         "length": 1, "sha2": "0000000000000000000000000000000000000000000000000000000000000000"}]
    })
}

fn changed(edit: impl Fn(&mut Value)) -> Value {
    let mut value = base();
    edit(&mut value);
    value
}

#[test]
fn allowed_differences_are_ignored() {
    let same: Vec<(&str, Value)> = vec![
        (
            "stored and authority",
            changed(|s| {
                s["stored"] = json!("2024-01-01T00:00:00Z");
                s["authority"] = json!({"mbox": "mailto:lrs@example.com"});
            }),
        ),
        ("version added", changed(|s| s["version"] = json!("1.0.0"))),
        (
            "id absent on one side",
            changed(|s| {
                s.as_object_mut().unwrap().remove("id");
            }),
        ),
        (
            "id case",
            changed(|s| s["id"] = json!("2A41C918-B88B-4220-8E5F-0D6F2E5A1F33")),
        ),
        (
            "timestamp zone",
            changed(|s| s["timestamp"] = json!("2023-11-15T00:13:20.123+02:00")),
        ),
        (
            "timestamp precision",
            changed(|s| s["timestamp"] = json!("2023-11-14T22:13:20.1234567Z")),
        ),
        (
            "verb display",
            changed(|s| s["verb"]["display"] = json!({"fr": "réussi"})),
        ),
        (
            "activity definition",
            changed(|s| {
                s["object"].as_object_mut().unwrap().remove("definition");
            }),
        ),
        (
            "explicit objectTypes",
            changed(|s| {
                s["object"]["objectType"] = json!("Activity");
                s["actor"]["member"][0]["objectType"] = json!("Agent");
            }),
        ),
        (
            "member order",
            changed(|s| {
                let members = s["actor"]["member"].as_array_mut().unwrap();
                members.reverse();
            }),
        ),
        (
            "mbox domain case",
            changed(|s| s["actor"]["member"][0]["mbox"] = json!("mailto:a@EXAMPLE.com")),
        ),
        (
            "contextActivities array",
            changed(|s| {
                s["context"]["contextActivities"]["parent"] =
                    json!([{"id": "http://example.com/course", "objectType": "Activity"}]);
            }),
        ),
        (
            "registration case",
            changed(|s| {
                s["context"]["registration"] = json!("EC531277-B57B-4C15-8D91-D292C5B2B8F7")
            }),
        ),
        (
            "number form",
            changed(|s| s["result"]["score"]["raw"] = json!(5.0)),
        ),
        (
            "attachments",
            changed(|s| {
                s.as_object_mut().unwrap().remove("attachments");
            }),
        ),
    ];
    for (what, other) in same {
        assert!(
            statements_equivalent(&base(), &other),
            "{what} should be ignored"
        );
        assert!(
            statements_equivalent(&other, &base()),
            "{what} should be ignored (symmetric)"
        );
    }
}

#[test]
fn real_differences_count() {
    let different: Vec<(&str, Value)> = vec![
        (
            "id",
            changed(|s| s["id"] = json!("6690e6c9-3ef0-4ed3-8b37-7f3964730bee")),
        ),
        (
            "timestamp instant",
            changed(|s| s["timestamp"] = json!("2023-11-14T22:13:21.123Z")),
        ),
        (
            "duration as a string",
            changed(|s| s["result"]["duration"] = json!("PT120S")),
        ),
        (
            "score",
            changed(|s| s["result"]["score"]["scaled"] = json!(0.6)),
        ),
        (
            "verb id",
            changed(|s| s["verb"]["id"] = json!("http://adlnet.gov/expapi/verbs/failed")),
        ),
        (
            "mbox local part case",
            changed(|s| s["actor"]["member"][0]["mbox"] = json!("mailto:A@example.com")),
        ),
        (
            "group name",
            changed(|s| s["actor"]["name"] = json!("other")),
        ),
        (
            "member removed",
            changed(|s| {
                s["actor"]["member"].as_array_mut().unwrap().pop();
            }),
        ),
        (
            "context activity",
            changed(|s| {
                s["context"]["contextActivities"]["parent"]["id"] = json!("http://x/other")
            }),
        ),
        (
            "result removed",
            changed(|s| {
                s.as_object_mut().unwrap().remove("result");
            }),
        ),
        (
            "activity id case",
            changed(|s| s["object"]["id"] = json!("http://example.com/EXAM")),
        ),
    ];
    for (what, other) in different {
        assert!(!statements_equivalent(&base(), &other), "{what} must count");
    }
    let strict = EquivalenceOptions::new().with_attachments(true);
    let other = changed(|s| {
        s["attachments"][0]["sha2"] =
            json!("1111111111111111111111111111111111111111111111111111111111111111")
    });
    assert!(statements_equivalent(&base(), &other));
    assert!(!statements_equivalent_with(&base(), &other, strict));
}

#[test]
fn durations_under_2_0_compare_at_hundredths() {
    use learnwire_xapi::XapiVersion;
    let v2 = EquivalenceOptions::for_version(XapiVersion::V2_0_0);
    let v1 = EquivalenceOptions::for_version(XapiVersion::V1_0_3);
    let precise = changed(|s| s["result"]["duration"] = json!("PT2M0.009S"));
    let truncated = changed(|s| s["result"]["duration"] = json!("PT2M0.00S"));
    assert!(statements_equivalent_with(&precise, &truncated, v2));
    assert!(!statements_equivalent_with(&precise, &truncated, v1));
    let seconds = changed(|s| s["result"]["duration"] = json!("PT120S"));
    assert!(
        !statements_equivalent_with(&base(), &seconds, v2),
        "units are not converted"
    );
}

#[test]
fn typed_statements_compare_like_json() {
    use learnwire_xapi::equivalence::typed_statements_equivalent;
    use learnwire_xapi::{Options, parse_statement};
    let a = parse_statement(base().to_string().as_bytes(), &Options::default()).unwrap();
    let b = parse_statement(
        changed(|s| s["verb"]["display"] = json!({"de": "bestanden"}))
            .to_string()
            .as_bytes(),
        &Options::default(),
    )
    .unwrap();
    let c = parse_statement(
        changed(|s| s["result"]["success"] = json!(false))
            .to_string()
            .as_bytes(),
        &Options::default(),
    )
    .unwrap();
    assert!(typed_statements_equivalent(
        &a,
        &b,
        EquivalenceOptions::new()
    ));
    assert!(!typed_statements_equivalent(
        &a,
        &c,
        EquivalenceOptions::new()
    ));
}
