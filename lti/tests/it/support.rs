//! Shared test fixtures: keys generated once per test binary, the security catalogue's baseline token,
//! and helpers to sign arbitrary headers and payloads.

use std::sync::{Arc, OnceLock};

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use chrono::{DateTime, Utc};
use learnwire_lti::keys::{KeyId, KeySet, KeySetOptions, SigningKey};
use learnwire_lti::launch::{LaunchVerifier, VerifiedLaunch};
use learnwire_lti::{InMemoryNonceStore, LaunchError, PlatformRegistration};
use serde_json::{Map, Value, json};
use url::Url;

pub(crate) const NOW: i64 = 1_700_000_000;
pub(crate) const ISSUER: &str = "https://platform.example.edu";
pub(crate) const CLIENT_ID: &str = "client-1";
pub(crate) const DEPLOYMENT: &str = "deployment-1";
pub(crate) const NONCE: &str = "nonce-1";
pub(crate) const KID: &str = "lw-platform-2023-01";
pub(crate) const TARGET: &str = "https://tool.example.com/launch";

pub(crate) fn now() -> DateTime<Utc> {
    DateTime::from_timestamp(NOW, 0).unwrap()
}

fn key(cell: &'static OnceLock<SigningKey>, kid: &str) -> &'static SigningKey {
    cell.get_or_init(|| SigningKey::generate(Some(KeyId::parse(kid).unwrap())).unwrap())
}

/// The platform's key.
pub(crate) fn platform_key() -> &'static SigningKey {
    static KEY: OnceLock<SigningKey> = OnceLock::new();
    key(&KEY, KID)
}

/// An attacker's key with the platform's kid.
pub(crate) fn attacker_key() -> &'static SigningKey {
    static KEY: OnceLock<SigningKey> = OnceLock::new();
    key(&KEY, KID)
}

/// A second platform key (multi-key sets, rotation).
pub(crate) fn second_key() -> &'static SigningKey {
    static KEY: OnceLock<SigningKey> = OnceLock::new();
    key(&KEY, "lw-platform-2023-02")
}

/// The tool's key.
pub(crate) fn tool_key() -> &'static SigningKey {
    static KEY: OnceLock<SigningKey> = OnceLock::new();
    key(&KEY, "lw-tool-2023-01")
}

pub(crate) fn jwks_of(keys: &[&SigningKey]) -> String {
    json!({ "keys": keys.iter().map(|key| key.public_jwk()).collect::<Vec<_>>() }).to_string()
}

pub(crate) fn key_set(jwks: &str) -> Result<KeySet, learnwire_lti::keys::KeySetError> {
    KeySet::from_jwks(jwks.as_bytes(), &KeySetOptions::default())
}

pub(crate) fn registration_with(keys: KeySet) -> PlatformRegistration {
    let mut registration = PlatformRegistration::new(
        ISSUER,
        CLIENT_ID,
        Url::parse("https://platform.example.edu/auth").unwrap(),
        Url::parse(TARGET).unwrap(),
        Arc::new(keys),
    );
    registration.deployment_ids.insert(DEPLOYMENT.to_owned());
    registration
        .trusted_audiences
        .insert("learnwire-analytics".to_owned());
    registration
}

pub(crate) fn registration() -> PlatformRegistration {
    registration_with(key_set(&jwks_of(&[platform_key(), second_key()])).unwrap())
}

/// LTI-01's baseline claims.
pub(crate) fn baseline() -> Map<String, Value> {
    let claims = json!({
        "iss": ISSUER,
        "sub": "user-1",
        "aud": CLIENT_ID,
        "exp": NOW + 300,
        "iat": NOW - 5,
        "nonce": NONCE,
        "https://purl.imsglobal.org/spec/lti/claim/message_type": "LtiResourceLinkRequest",
        "https://purl.imsglobal.org/spec/lti/claim/version": "1.3.0",
        "https://purl.imsglobal.org/spec/lti/claim/deployment_id": DEPLOYMENT,
        "https://purl.imsglobal.org/spec/lti/claim/target_link_uri": TARGET,
        "https://purl.imsglobal.org/spec/lti/claim/resource_link": { "id": "rl-1" },
        "https://purl.imsglobal.org/spec/lti/claim/roles": ["http://purl.imsglobal.org/vocab/lis/v2/membership#Learner"],
    });
    claims.as_object().unwrap().clone()
}

pub(crate) fn b64(bytes: &[u8]) -> String {
    URL_SAFE_NO_PAD.encode(bytes)
}

/// Signs raw header and payload bytes with `key` (RSASSA-PKCS1-v1_5 SHA-256), whatever the header says.
pub(crate) fn sign_raw(header: &[u8], payload: &[u8], key: &SigningKey) -> String {
    let input = format!("{}.{}", b64(header), b64(payload));
    let signature = key.sign_bytes(input.as_bytes()).unwrap();
    format!("{input}.{}", b64(&signature))
}

pub(crate) fn header(kid: &str) -> Value {
    json!({ "alg": "RS256", "kid": kid, "typ": "JWT" })
}

/// Signs claims with a given header.
pub(crate) fn sign_with_header(
    header: &Value,
    claims: &Map<String, Value>,
    key: &SigningKey,
) -> String {
    sign_raw(
        header.to_string().as_bytes(),
        Value::Object(claims.clone()).to_string().as_bytes(),
        key,
    )
}

/// Signs claims with the platform key and the normal header.
pub(crate) fn sign(claims: &Map<String, Value>) -> String {
    platform_key().sign_jwt(claims).unwrap()
}

/// The baseline with one change, signed by the platform.
pub(crate) fn signed_with(change: impl FnOnce(&mut Map<String, Value>)) -> String {
    let mut claims = baseline();
    change(&mut claims);
    sign(&claims)
}

/// Verifies against the default registration, nonce `NONCE`, a fresh store, `now()`.
pub(crate) fn verify(token: &str) -> Result<VerifiedLaunch, LaunchError> {
    verify_with(&registration(), token)
}

pub(crate) fn verify_with(
    registration: &PlatformRegistration,
    token: &str,
) -> Result<VerifiedLaunch, LaunchError> {
    let store = InMemoryNonceStore::new(100);
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        LaunchVerifier::new().verify_id_token(registration, token, NONCE, &store, now())
    }))
    .expect("verification panicked")
}

/// Asserts the token is rejected with `code`.
#[track_caller]
pub(crate) fn assert_rejected(token: &str, code: &str) {
    match verify(token) {
        Ok(_) => panic!("accepted, expected {code}"),
        Err(error) => assert_eq!(error.code().as_str(), code, "wrong rejection: {error}"),
    }
}

/// A registration lookup that always answers `registration` (the verifier then checks that the login
/// state is for it).
pub(crate) fn only<'r>(
    registration: &'r PlatformRegistration,
) -> impl FnOnce(&str, Option<&str>) -> Option<&'r PlatformRegistration> {
    move |_, _| Some(registration)
}
