//! `validate_message_claims`: every problem of a payload, with stable codes and JSON pointers.

use learnwire_lti::claims::validate::{
    ACCEPT_EMPTY, DEPRECATED_FORM, INSECURE_URL, INVALID, ITEM_INVALID, ITEM_UNSAFE_URL,
    MESSAGE_TYPE_UNKNOWN, MISSING, NOT_OBJECT, SCORE_MAXIMUM, UNKNOWN_LIS_ROLE, VERSION,
};
use learnwire_lti::claims::{MessageClaims, missing_required_claims, validate_message_claims};
use learnwire_report::Severity;
use serde_json::{Value, json};

/// (code, pointer, severity) of every issue, sorted.
fn issues(payload: &Value) -> Vec<(String, String, Severity)> {
    let report = validate_message_claims(payload);
    let mut found: Vec<_> = report
        .issues()
        .iter()
        .map(|issue| {
            (
                issue.code.as_str().to_owned(),
                issue.location.to_string(),
                issue.severity,
            )
        })
        .collect();
    found.sort_by(|a, b| (&a.0, &a.1).cmp(&(&b.0, &b.1)));
    found
}

const MT: &str = "https://purl.imsglobal.org/spec/lti/claim/message_type";
const VER: &str = "https://purl.imsglobal.org/spec/lti/claim/version";
const DEP: &str = "https://purl.imsglobal.org/spec/lti/claim/deployment_id";
const TLU: &str = "https://purl.imsglobal.org/spec/lti/claim/target_link_uri";
const RL: &str = "https://purl.imsglobal.org/spec/lti/claim/resource_link";
const ROLES: &str = "https://purl.imsglobal.org/spec/lti/claim/roles";

fn pointer(claim: &str) -> String {
    format!("/{}", claim.replace('~', "~0").replace('/', "~1"))
}

#[test]
fn clean_launch_has_no_issues() {
    let payload = json!({
        MT: "LtiResourceLinkRequest", VER: "1.3.0", DEP: "d", TLU: "https://tool.example.com/launch",
        RL: {"id": "r"}, ROLES: ["http://purl.imsglobal.org/vocab/lis/v2/membership#Learner"],
        "sub": "u", "https://vendor.example/claim": 1
    });
    assert_eq!(issues(&payload), []);
    let claims: MessageClaims = serde_json::from_value(payload).unwrap();
    assert!(missing_required_claims(&claims).is_empty());
}

#[test]
fn every_problem_is_reported_at_its_place() {
    let payload = json!({
        MT: "LtiResourceLinkRequest",
        VER: "1.1.0",
        TLU: "http://tool.example.com/launch",
        ROLES: ["Instructor", "http://purl.imsglobal.org/vocab/lis/v2/membership#instructor", "urn:x:custom", 5],
        "exp": "1700000000",
        "https://purl.imsglobal.org/spec/lti/claim/context": {"id": "c", "type": ["CourseSection", "http://purl.imsglobal.org/vocab/lis/v2/course#Group"]},
        "https://purl.imsglobal.org/spec/lti-ags/claim/endpoint": {"lineitems": "http://p.example/li"}
    });
    let expected = vec![
        (INVALID, pointer("exp"), Severity::Error),
        (INVALID, pointer(ROLES), Severity::Error),
        (VERSION, pointer(VER), Severity::Error),
        (MISSING, pointer(DEP), Severity::Error),
        (MISSING, pointer(RL), Severity::Error),
        (INSECURE_URL, pointer(TLU), Severity::Warning),
        (
            INSECURE_URL,
            format!(
                "{}/lineitems",
                pointer("https://purl.imsglobal.org/spec/lti-ags/claim/endpoint")
            ),
            Severity::Warning,
        ),
        (
            DEPRECATED_FORM,
            format!("{}/0", pointer(ROLES)),
            Severity::Warning,
        ),
        (
            DEPRECATED_FORM,
            format!(
                "{}/type/0",
                pointer("https://purl.imsglobal.org/spec/lti/claim/context")
            ),
            Severity::Warning,
        ),
        (
            UNKNOWN_LIS_ROLE,
            format!("{}/1", pointer(ROLES)),
            Severity::Warning,
        ),
    ];
    let mut expected: Vec<(String, String, Severity)> = expected
        .into_iter()
        .map(|(code, at, severity)| (code.as_str().to_owned(), at, severity))
        .collect();
    expected.sort_by(|a, b| (&a.0, &a.1).cmp(&(&b.0, &b.1)));
    assert_eq!(issues(&payload), expected);
}

#[test]
fn message_types_and_shapes() {
    assert_eq!(
        issues(&json!([])),
        [(
            NOT_OBJECT.as_str().to_owned(),
            String::new(),
            Severity::Error
        )]
    );
    let unknown = issues(&json!({MT: "LtiEULARequest", VER: "1.3.0", DEP: "d"}));
    assert_eq!(
        unknown,
        [(
            MESSAGE_TYPE_UNKNOWN.as_str().to_owned(),
            pointer(MT),
            Severity::Warning
        )]
    );
    let missing_type = issues(&json!({}));
    assert_eq!(
        missing_type
            .iter()
            .filter(|issue| issue.0 == MISSING.as_str())
            .count(),
        3
    );
    let review = issues(&json!({
        MT: "LtiSubmissionReviewRequest", VER: "1.3.0", DEP: "d", RL: {"id": "r"}, ROLES: [],
        "https://purl.imsglobal.org/spec/lti/claim/for_user": {"user_id": "u", "roles": ["Learner"]},
        "https://purl.imsglobal.org/spec/lti-ags/claim/endpoint": {"lineitem": ""}
    }));
    let endpoint = pointer("https://purl.imsglobal.org/spec/lti-ags/claim/endpoint");
    assert_eq!(
        review,
        [
            (
                DEPRECATED_FORM.as_str().to_owned(),
                format!(
                    "{}/roles/0",
                    pointer("https://purl.imsglobal.org/spec/lti/claim/for_user")
                ),
                Severity::Warning
            ),
            (
                MISSING.as_str().to_owned(),
                format!("{endpoint}/lineitem"),
                Severity::Error
            ),
        ]
    );
}

#[test]
fn deep_linking_request_and_response() {
    let settings = "https://purl.imsglobal.org/spec/lti-dl/claim/deep_linking_settings";
    let request = issues(&json!({
        MT: "LtiDeepLinkingRequest", VER: "1.3.0", DEP: "d",
        settings: {"deep_link_return_url": "https://p.example/dl", "accept_types": [], "accept_presentation_document_targets": []}
    }));
    assert_eq!(
        request,
        [
            (
                ACCEPT_EMPTY.as_str().to_owned(),
                format!("{}/accept_presentation_document_targets", pointer(settings)),
                Severity::Error
            ),
            (
                ACCEPT_EMPTY.as_str().to_owned(),
                format!("{}/accept_types", pointer(settings)),
                Severity::Error
            ),
        ]
    );
    let items = "https://purl.imsglobal.org/spec/lti-dl/claim/content_items";
    let response = issues(&json!({
        MT: "LtiDeepLinkingResponse", VER: "1.3.0", DEP: "d",
        items: [
            {"type": "link", "url": "https://a.example/"},
            {"type": "link", "url": "javascript:alert(1)"},
            {"type": "link"},
            {"type": "ltiResourceLink", "lineItem": {"scoreMaximum": 0}},
            {"type": "x-other", "src": "data:text/html,x"}
        ]
    }));
    let at = pointer(items);
    assert_eq!(
        response,
        [
            (
                ITEM_INVALID.as_str().to_owned(),
                format!("{at}/2"),
                Severity::Error
            ),
            (
                SCORE_MAXIMUM.as_str().to_owned(),
                format!("{at}/3/lineItem/scoreMaximum"),
                Severity::Error
            ),
            (
                ITEM_UNSAFE_URL.as_str().to_owned(),
                format!("{at}/1"),
                Severity::Error
            ),
            (
                ITEM_UNSAFE_URL.as_str().to_owned(),
                format!("{at}/4"),
                Severity::Error
            ),
        ]
    );
    let not_array =
        issues(&json!({MT: "LtiDeepLinkingResponse", VER: "1.3.0", DEP: "d", items: {}}));
    assert_eq!(
        not_array,
        [(INVALID.as_str().to_owned(), at, Severity::Error)]
    );
}

#[test]
fn attacker_text_in_messages_is_quoted() {
    let report = validate_message_claims(&json!({VER: format!("1.3\u{0}\n{}", "x".repeat(1000))}));
    let version = report
        .issues()
        .iter()
        .find(|issue| issue.code == VERSION)
        .unwrap();
    assert!(version.message.len() < 400, "{}", version.message);
    assert!(!version.message.contains('\u{0}') && !version.message.contains('\n'));
}
