//! One rule table (`claims::rules`) drives the verifier, the platform's builders and the report
//! validator: the same claim missing is refused or reported by all three, with the same code.

use learnwire_lti::claims::rules::{Presence, RuleKind, all_rules, message_rules};
use learnwire_lti::claims::validate::{MISSING, VERSION};
use learnwire_lti::claims::{
    MessageClaims, MessageType, RequiredClaim, missing_required_claims, validate_message_claims,
};
use learnwire_lti::platform::{BuildError, sign_message};
use learnwire_lti::{LaunchError, MessageError};
use learnwire_report::{JsonPointer, Location};
use serde_json::{Map, Value, json};

use crate::support::*;

const LTI: &str = "https://purl.imsglobal.org/spec/lti/claim/";
const AGS: &str = "https://purl.imsglobal.org/spec/lti-ags/claim/endpoint";

/// A valid message of each type the tool receives.
fn messages() -> Vec<(MessageType, Map<String, Value>)> {
    let mut deep_linking = baseline();
    deep_linking.insert(format!("{LTI}message_type"), json!("LtiDeepLinkingRequest"));
    deep_linking.insert(
        "https://purl.imsglobal.org/spec/lti-dl/claim/deep_linking_settings".into(),
        json!({ "deep_link_return_url": "https://platform.example.edu/dl",
                "accept_types": ["ltiResourceLink"], "accept_presentation_document_targets": ["iframe"] }),
    );
    let mut review = baseline();
    review.insert(
        format!("{LTI}message_type"),
        json!("LtiSubmissionReviewRequest"),
    );
    review.insert(format!("{LTI}for_user"), json!({ "user_id": "learner-7" }));
    review.insert(
        AGS.into(),
        json!({ "lineitem": "https://platform.example.edu/li/1" }),
    );
    vec![
        (MessageType::ResourceLinkRequest, baseline()),
        (MessageType::DeepLinkingRequest, deep_linking),
        (MessageType::SubmissionReviewRequest, review),
    ]
}

#[test]
fn every_required_claim_missing_is_refused_by_the_verifier_and_the_builders_and_reported_by_the_validator()
 {
    for (message_type, claims) in messages() {
        assert!(verify(&sign(&claims)).is_ok(), "{message_type}");
        assert!(
            sign_message(&claims, platform_key()).is_ok(),
            "{message_type}"
        );
        assert!(validate_message_claims(&Value::Object(claims.clone())).is_valid());
        let rules = message_rules(Some(&message_type));
        let required = rules.iter().filter(|rule| {
            rule.presence == Presence::Required
                && rule.kind == RuleKind::Lti
                && rule.member.is_none()
        });
        for rule in required {
            if rule.claim == format!("{LTI}message_type") {
                continue; // a message without a type is refused as lti.message-type
            }
            let mut without = claims.clone();
            without.remove(rule.claim);
            let what = format!("{message_type} without {}", rule.label);
            match verify(&sign(&without)) {
                Err(LaunchError::Message(MessageError::MissingClaim { claim, reference })) => {
                    assert_eq!(claim, rule.label, "{what}");
                    assert_eq!(reference, rule.reference, "{what}");
                }
                other => panic!("{what}: {other:?}"),
            }
            match sign_message(&without, platform_key()) {
                Err(BuildError::InvalidMessage(MessageError::MissingClaim { claim, .. })) => {
                    assert_eq!(claim, rule.label, "{what}");
                }
                other => panic!("{what}: {other:?}"),
            }
            let report = validate_message_claims(&Value::Object(without));
            let at = Location::json(JsonPointer::root().key(rule.claim));
            assert!(
                report
                    .issues()
                    .iter()
                    .any(|issue| issue.code == MISSING && issue.location == at),
                "{what}: {report:?}"
            );
            assert_eq!(rule.missing_code(), MISSING);
        }
    }
}

#[test]
fn an_empty_submission_review_lineitem_is_missing_for_the_verifier_as_for_the_validator() {
    let (_, mut review) = messages().remove(2);
    review.insert(AGS.into(), json!({ "lineitem": "" }));
    match verify(&sign(&review)) {
        Err(LaunchError::Message(MessageError::MissingClaim { claim, .. })) => {
            assert_eq!(claim, "ags endpoint.lineitem");
        }
        other => panic!("{other:?}"),
    }
    let report = validate_message_claims(&Value::Object(review.clone()));
    let at = Location::json(JsonPointer::root().key(AGS).key("lineitem"));
    assert!(
        report
            .issues()
            .iter()
            .any(|issue| issue.code == MISSING && issue.location == at)
    );
    let typed: MessageClaims = serde_json::from_value(Value::Object(review)).unwrap();
    assert_eq!(
        missing_required_claims(&typed),
        [RequiredClaim::AgsLineItem]
    );
}

#[test]
fn the_verifier_and_the_validator_share_one_code_per_problem() {
    let claims = {
        let mut claims = baseline();
        claims.insert(format!("{LTI}version"), json!("1.3"));
        claims
    };
    assert_eq!(
        verify(&sign(&claims)).unwrap_err().code().as_str(),
        VERSION.as_str()
    );
    assert!(validate_message_claims(&Value::Object(claims)).has_code("lti.version"));
    let mut claims = baseline();
    claims.remove(&format!("{LTI}deployment_id"));
    assert_eq!(
        verify(&sign(&claims)).unwrap_err().code().as_str(),
        MISSING.as_str()
    );
    assert!(validate_message_claims(&Value::Object(claims)).has_code("lti.claim.missing"));
    let mut claims = baseline();
    claims.insert(format!("{LTI}target_link_uri"), json!("not a url"));
    assert_eq!(
        verify(&sign(&claims)).unwrap_err().code().as_str(),
        "lti.claim.invalid"
    );
    assert!(validate_message_claims(&Value::Object(claims)).has_code("lti.claim.invalid"));
}

#[test]
fn every_rule_names_its_spec_section() {
    for rule in all_rules() {
        assert!(rule.reference.contains('§'), "{rule:?}");
        assert_eq!(rule.type_code().as_str(), "lti.claim.type");
    }
    // The table lists what required_claims reports, for every type.
    for message_type in [
        MessageType::ResourceLinkRequest,
        MessageType::DeepLinkingRequest,
        MessageType::SubmissionReviewRequest,
        MessageType::DeepLinkingResponse,
    ] {
        let listed = learnwire_lti::claims::required_claims(Some(&message_type));
        assert!(listed.starts_with(&[
            RequiredClaim::MessageType,
            RequiredClaim::Version,
            RequiredClaim::DeploymentId
        ]));
    }
}
