//! Hostile-shape robustness of the claim models: every node of real payloads replaced by values of
//! other types must either fail to read or read into a value whose serialization reads back identical
//! (parse → serialize → parse is the identity). Also: deep nesting fails cleanly, no stack overflow.

use learnwire_lti::claims::{MessageClaims, missing_required_claims, validate_message_claims};
use learnwire_lti::deep_linking::content_item::ContentItem;
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::{Value, json};

fn payloads() -> Vec<Value> {
    vec![
        json!({
            "iss": "https://platform.example.edu", "sub": "u1", "aud": ["c1", "c2"], "azp": "c1",
            "exp": 1700000300, "iat": 1699999995, "nonce": "n", "picture": "https://platform.example.edu/p.png",
            "https://purl.imsglobal.org/spec/lti/claim/message_type": "LtiResourceLinkRequest",
            "https://purl.imsglobal.org/spec/lti/claim/version": "1.3.0",
            "https://purl.imsglobal.org/spec/lti/claim/deployment_id": "d1",
            "https://purl.imsglobal.org/spec/lti/claim/target_link_uri": "https://tool.example.com/launch",
            "https://purl.imsglobal.org/spec/lti/claim/resource_link": {"id": "r1", "title": "T"},
            "https://purl.imsglobal.org/spec/lti/claim/roles": ["Instructor", "http://purl.imsglobal.org/vocab/lis/v2/membership/Instructor#TeachingAssistant"],
            "https://purl.imsglobal.org/spec/lti/claim/role_scope_mentor": ["u2"],
            "https://purl.imsglobal.org/spec/lti/claim/context": {"id": "c", "type": ["CourseOffering"]},
            "https://purl.imsglobal.org/spec/lti/claim/tool_platform": {"guid": "g", "url": ""},
            "https://purl.imsglobal.org/spec/lti/claim/launch_presentation": {"document_target": "iframe", "width": 5, "return_url": "https://p.example/r"},
            "https://purl.imsglobal.org/spec/lti/claim/lis": {"person_sourcedid": "s"},
            "https://purl.imsglobal.org/spec/lti/claim/custom": {"a": "b"},
            "https://purl.imsglobal.org/spec/lti/claim/lti1p1": {"user_id": "1"},
            "https://purl.imsglobal.org/spec/lti-ags/claim/endpoint": {"scope": ["https://purl.imsglobal.org/spec/lti-ags/scope/score"], "lineitem": "https://p.example/li/1"},
            "https://purl.imsglobal.org/spec/lti-nrps/claim/namesroleservice": {"context_memberships_url": "https://p.example/m", "service_versions": ["2.0"]},
            "https://purl.imsglobal.org/spec/lti/claim/for_user": {"user_id": "u3", "roles": ["Learner"]},
            "https://vendor.example/x": {"y": [1, 2]}
        }),
        json!({
            "https://purl.imsglobal.org/spec/lti/claim/message_type": "LtiDeepLinkingRequest",
            "https://purl.imsglobal.org/spec/lti-dl/claim/deep_linking_settings": {
                "deep_link_return_url": "https://p.example/dl", "accept_types": ["link", "ltiResourceLink"],
                "accept_presentation_document_targets": ["iframe"], "accept_multiple": true, "data": {"k": 1}
            }
        }),
        json!({
            "https://purl.imsglobal.org/spec/lti/claim/message_type": "LtiDeepLinkingResponse",
            "https://purl.imsglobal.org/spec/lti-dl/claim/content_items": [
                {"type": "link", "url": "https://a.example/", "iframe": {"src": "https://a.example/f", "width": 1}, "window": {"targetName": "w"}, "embed": {"html": "<b>"}},
                {"type": "ltiResourceLink", "lineItem": {"scoreMaximum": 10, "label": "L"}, "available": {"startDateTime": "2024-01-01T00:00:00Z"}, "custom": {"k": "v"}},
                {"type": "file", "url": "https://a.example/f.pdf", "expiresAt": "2024-01-01T00:00:00+02:00", "mediaType": "application/pdf"},
                {"type": "html", "html": "<p>"},
                {"type": "image", "url": "https://a.example/i.png", "icon": {"url": "https://a.example/i", "width": 3}},
                {"type": "x-other", "url": "javascript:1"}
            ],
            "https://purl.imsglobal.org/spec/lti-dl/claim/data": "opaque",
            "https://purl.imsglobal.org/spec/lti-dl/claim/msg": "m"
        }),
    ]
}

fn replacements() -> Vec<Value> {
    vec![
        Value::Null,
        json!(true),
        json!(0),
        json!(-1),
        json!(1.5),
        json!(u64::MAX),
        json!(""),
        json!("x"),
        json!("javascript:alert(1)"),
        json!("2024-01-01T00:00:00Z"),
        json!("d".repeat(300)),
        json!([]),
        json!(["x"]),
        json!({}),
        json!({"type": "link"}),
    ]
}

/// Every JSON pointer in `value` (including the root's children, not the root itself).
fn pointers(value: &Value, at: &str, out: &mut Vec<String>) {
    let escape = |key: &str| key.replace('~', "~0").replace('/', "~1");
    match value {
        Value::Object(map) => {
            for (key, inner) in map {
                let here = format!("{at}/{}", escape(key));
                out.push(here.clone());
                pointers(inner, &here, out);
            }
        }
        Value::Array(items) => {
            for (index, inner) in items.iter().enumerate() {
                let here = format!("{at}/{index}");
                out.push(here.clone());
                pointers(inner, &here, out);
            }
        }
        _ => {}
    }
}

/// Reads `value`; when it reads, checks that writing and reading again gives the same value and the
/// same JSON. Returns a failure description, or `None`.
fn check<T: DeserializeOwned + Serialize + PartialEq + std::fmt::Debug>(
    value: Value,
) -> Option<String> {
    let Ok(first) = serde_json::from_value::<T>(value.clone()) else {
        return None;
    };
    let written = match serde_json::to_value(&first) {
        Ok(written) => written,
        Err(error) => return Some(format!("did not serialize: {error}")),
    };
    match serde_json::from_value::<T>(written.clone()) {
        Ok(second)
            if second == first && serde_json::to_value(&second).ok() == Some(written.clone()) =>
        {
            None
        }
        Ok(second) => Some(format!(
            "round trip changed the value: {first:?} vs {second:?}"
        )),
        Err(error) => Some(format!("own output did not read back: {error}: {written}")),
    }
}

#[test]
fn mutated_payloads_fail_or_round_trip() {
    let mut failures = Vec::new();
    let mut cases = 0;
    for (number, payload) in payloads().into_iter().enumerate() {
        if let Err(error) = serde_json::from_value::<MessageClaims>(payload.clone()) {
            failures.push(format!(
                "payload {number} unmodified does not read: {error}"
            ));
        }
        if let Some(problem) = check::<MessageClaims>(payload.clone()) {
            failures.push(format!("payload {number} unmodified: {problem}"));
        }
        let mut all = Vec::new();
        pointers(&payload, "", &mut all);
        for pointer in all {
            for replacement in replacements() {
                let mut mutated = payload.clone();
                if let Some(slot) = mutated.pointer_mut(&pointer) {
                    *slot = replacement.clone();
                }
                cases += 1;
                let reads = serde_json::from_value::<MessageClaims>(mutated.clone());
                let report = validate_message_claims(&mutated);
                if reads.is_err() && report.is_valid() {
                    failures.push(format!(
                        "payload {number} {pointer} = {replacement}: does not read, but validates"
                    ));
                }
                if report.is_valid()
                    && reads.is_ok_and(|claims| !missing_required_claims(&claims).is_empty())
                {
                    failures.push(format!(
                        "payload {number} {pointer} = {replacement}: validates with claims missing"
                    ));
                }
                let result = std::panic::catch_unwind(|| check::<MessageClaims>(mutated));
                match result {
                    Ok(None) => {}
                    Ok(Some(problem)) => failures.push(format!(
                        "payload {number} {pointer} = {replacement}: {problem}"
                    )),
                    Err(_) => failures.push(format!(
                        "payload {number} {pointer} = {replacement}: panicked"
                    )),
                }
            }
        }
    }
    assert!(cases > 1000, "only {cases} cases");
    assert!(
        failures.is_empty(),
        "{} of {cases} cases failed: {failures:#?}",
        failures.len()
    );
}

#[test]
fn content_items_alone_fail_or_round_trip() {
    let items = payloads()[2]["https://purl.imsglobal.org/spec/lti-dl/claim/content_items"].clone();
    let mut failures = Vec::new();
    for item in items.as_array().into_iter().flatten() {
        let mut all = Vec::new();
        pointers(item, "", &mut all);
        for pointer in all {
            for replacement in replacements() {
                let mut mutated = item.clone();
                if let Some(slot) = mutated.pointer_mut(&pointer) {
                    *slot = replacement.clone();
                }
                if let Some(problem) = check::<ContentItem>(mutated) {
                    failures.push(format!("{item} {pointer} = {replacement}: {problem}"));
                }
            }
        }
    }
    assert!(failures.is_empty(), "{failures:#?}");
}

#[test]
fn deep_nesting_fails_without_overflowing_the_stack() {
    let depth = 10_000;
    let custom = format!("{}{}", "[".repeat(depth), "]".repeat(depth));
    let text = format!(
        r#"{{"https://purl.imsglobal.org/spec/lti/claim/custom": {{"deep": {custom}}}, "x": {custom}}}"#
    );
    assert!(serde_json::from_str::<MessageClaims>(&text).is_err());
    let item = format!(r#"{{"type": "x-other", "deep": {custom}}}"#);
    assert!(serde_json::from_str::<ContentItem>(&item).is_err());
    // Moderate nesting inside the parser's limit still reads.
    let shallow = format!("{}{}", "[".repeat(50), "]".repeat(50));
    let text =
        format!(r#"{{"https://purl.imsglobal.org/spec/lti/claim/custom": {{"deep": {shallow}}}}}"#);
    assert!(serde_json::from_str::<MessageClaims>(&text).is_ok());
}
