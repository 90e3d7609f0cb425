//! The error layers: a signed-message failure ([`TokenError`]) and an LTI message failure
//! ([`MessageError`]) nest in the error of each operation, which reports the nested code as its own.

use std::sync::Arc;

use learnwire_lti::deep_linking::{DeepLinkingError, DeepLinkingResponseVerifier};
use learnwire_lti::platform::{
    BuildError, ClientAssertionError, ClientAssertionVerifier, ToolRegistration, sign_message,
};
use learnwire_lti::{InMemoryNonceStore, LaunchError, MessageError, TokenError};
use serde_json::{Map, Value, json};

use crate::support::*;

const TOKEN_URL: &str = "https://platform.example.edu/oauth2/token";
const VERSION: &str = "https://purl.imsglobal.org/spec/lti/claim/version";

fn tool() -> ToolRegistration {
    let keys = key_set(&jwks_of(&[tool_key()])).unwrap();
    let mut tool = ToolRegistration::new(CLIENT_ID, vec![TARGET.to_owned()], Arc::new(keys));
    tool.deployment_ids.insert(DEPLOYMENT.to_owned());
    tool
}

fn deep_linking_response(change: impl FnOnce(&mut Map<String, Value>)) -> String {
    let mut claims = json!({
        "iss": CLIENT_ID, "aud": ISSUER, "exp": NOW + 300, "iat": NOW, "nonce": "tool-nonce-1",
        "https://purl.imsglobal.org/spec/lti/claim/message_type": "LtiDeepLinkingResponse",
        "https://purl.imsglobal.org/spec/lti/claim/version": "1.3.0",
        "https://purl.imsglobal.org/spec/lti/claim/deployment_id": DEPLOYMENT,
    })
    .as_object()
    .unwrap()
    .clone();
    change(&mut claims);
    tool_key().sign_jwt(&claims).unwrap()
}

fn verify_response(jwt: &str) -> Result<(), DeepLinkingError> {
    DeepLinkingResponseVerifier::new(ISSUER)
        .verify(&tool(), jwt, None, &InMemoryNonceStore::new(10), now())
        .map(drop)
}

fn verify_assertion(
    change: impl FnOnce(&mut Map<String, Value>),
) -> Result<(), ClientAssertionError> {
    let mut claims = json!({ "iss": CLIENT_ID, "sub": CLIENT_ID, "aud": TOKEN_URL, "iat": NOW,
        "exp": NOW + 300, "jti": "j-1" })
    .as_object()
    .unwrap()
    .clone();
    change(&mut claims);
    let assertion = tool_key().sign_jwt(&claims).unwrap();
    ClientAssertionVerifier::new(TOKEN_URL)
        .verify(&tool(), &assertion, &InMemoryNonceStore::new(10), now())
        .map(drop)
}

#[test]
fn an_expired_message_is_a_token_error_in_every_operation_with_its_code() {
    let expired = |c: &mut Map<String, Value>| drop(c.insert("exp".into(), json!(NOW - 3600)));
    let launch = verify(&signed_with(expired)).unwrap_err();
    assert!(
        matches!(launch, LaunchError::Token(TokenError::Expired { .. })),
        "{launch:?}"
    );
    assert_eq!(launch.code().as_str(), "lti.claim.exp");
    assert!(launch.is_time());
    assert!(launch.token_error().is_some_and(TokenError::is_time));

    let response = verify_response(&deep_linking_response(expired)).unwrap_err();
    assert!(
        matches!(
            response,
            DeepLinkingError::Token(TokenError::Expired { .. })
        ),
        "{response:?}"
    );
    assert_eq!(response.code().as_str(), "lti.claim.exp");

    let assertion = verify_assertion(expired).unwrap_err();
    assert!(matches!(
        assertion,
        ClientAssertionError::Token(TokenError::Expired { .. })
    ));
    assert_eq!(assertion.code().as_str(), "lti.claim.exp");
    assert_eq!(
        assertion.token_error().map(|error| error.code().as_str()),
        Some("lti.claim.exp")
    );
}

#[test]
fn a_forged_signature_is_a_token_error_in_every_operation() {
    let launch = verify(&sign_with_header(&header(KID), &baseline(), attacker_key())).unwrap_err();
    assert!(launch.is_replay_or_forgery());
    assert_eq!(launch.code().as_str(), "lti.signature.invalid");
    let mut claims = Map::new();
    claims.insert("iss".into(), json!(CLIENT_ID));
    let forged = sign_with_header(&header("lw-tool-2023-01"), &claims, attacker_key());
    let response = verify_response(&forged).unwrap_err();
    assert!(matches!(
        response,
        DeepLinkingError::Token(TokenError::InvalidSignature)
    ));
    let assertion = ClientAssertionVerifier::new(TOKEN_URL)
        .verify(&tool(), &forged, &InMemoryNonceStore::new(10), now())
        .unwrap_err();
    assert!(matches!(
        assertion,
        ClientAssertionError::Token(TokenError::InvalidSignature)
    ));
}

#[test]
fn an_unsupported_version_is_a_message_error_for_the_tool_the_platform_and_the_builders() {
    let launch = verify(&signed_with(|c| {
        drop(c.insert(VERSION.into(), json!("1.3")))
    }))
    .unwrap_err();
    assert!(
        matches!(launch, LaunchError::Message(MessageError::UnsupportedVersion { ref found }) if found.as_str() == "1.3"),
        "{launch:?}"
    );
    assert_eq!(launch.code().as_str(), "lti.version");
    assert!(launch.message_error().is_some());

    let response = verify_response(&deep_linking_response(|c| {
        drop(c.insert(VERSION.into(), json!("1.1")))
    }))
    .unwrap_err();
    assert!(matches!(
        response,
        DeepLinkingError::Message(MessageError::UnsupportedVersion { .. })
    ));
    assert_eq!(response.code().as_str(), "lti.version");

    let mut claims = baseline();
    claims.insert(VERSION.into(), json!("1.3"));
    let build = sign_message(&claims, platform_key()).unwrap_err();
    assert!(matches!(
        build,
        BuildError::InvalidMessage(MessageError::UnsupportedVersion { .. })
    ));
    assert_eq!(build.code().as_str(), "lti.version");
}

#[test]
fn client_assertion_checks_of_its_own_are_not_token_errors() {
    let other =
        verify_assertion(|c| drop(c.insert("sub".into(), json!("someone-else")))).unwrap_err();
    assert!(matches!(
        other,
        ClientAssertionError::SubjectMismatch { .. }
    ));
    assert_eq!(other.code().as_str(), "lti.claim.sub");
    assert!(other.token_error().is_none());
    let long = verify_assertion(|c| drop(c.insert("exp".into(), json!(NOW + 3600)))).unwrap_err();
    assert!(matches!(long, ClientAssertionError::LifetimeTooLong { .. }));
    let no_jti = verify_assertion(|c| drop(c.remove("jti"))).unwrap_err();
    assert!(matches!(
        no_jti,
        ClientAssertionError::Token(TokenError::MissingClaim { claim: "jti" })
    ));
}
