//! Shared fixtures: keys generated once per test binary with aws-lc-rs, and helpers that build tokens
//! with arbitrary (even invalid) headers, signed over the exact bytes.

use std::sync::OnceLock;

use learnwire_jose::{Algorithm, JoseError, JwkSet, KeyPolicy, SigningKey, Verifier, base64url};
use serde_json::{Map, Value, json};

pub(crate) const KID: &str = "lw-platform-2023-01";

fn key(cell: &'static OnceLock<SigningKey>) -> &'static SigningKey {
    cell.get_or_init(|| SigningKey::generate(2048).unwrap())
}

/// The legitimate signer.
pub(crate) fn platform_key() -> &'static SigningKey {
    static KEY: OnceLock<SigningKey> = OnceLock::new();
    key(&KEY)
}

/// Another key (an attacker's, or a second legitimate one).
pub(crate) fn other_key() -> &'static SigningKey {
    static KEY: OnceLock<SigningKey> = OnceLock::new();
    key(&KEY)
}

/// A JWKS with the platform key under `KID`.
pub(crate) fn platform_set() -> JwkSet {
    let mut jwk = platform_key().public_jwk();
    jwk.kid = Some(KID.to_owned());
    JwkSet::from_jwks([&jwk], &KeyPolicy::default()).unwrap()
}

/// A typical LTI-sized payload.
pub(crate) fn claims() -> Map<String, Value> {
    json!({
        "iss": "https://platform.example.edu", "sub": "user-1", "aud": "client-1",
        "exp": 1_700_000_300, "iat": 1_699_999_995, "nonce": "nonce-1",
        "https://purl.imsglobal.org/spec/lti/claim/message_type": "LtiResourceLinkRequest",
        "https://purl.imsglobal.org/spec/lti/claim/version": "1.3.0",
        "https://purl.imsglobal.org/spec/lti/claim/roles": ["http://purl.imsglobal.org/vocab/lis/v2/membership#Learner"],
    })
    .as_object()
    .unwrap()
    .clone()
}

pub(crate) fn b64(bytes: &[u8]) -> String {
    base64url::encode(bytes)
}

/// Signs raw header and payload text with `key` and `alg`'s digest, whatever the header says.
pub(crate) fn sign_raw(header: &str, payload: &str, key: &SigningKey, alg: Algorithm) -> String {
    let input = format!("{}.{}", b64(header.as_bytes()), b64(payload.as_bytes()));
    let signature = key.sign_bytes(alg, input.as_bytes()).unwrap();
    format!("{input}.{}", b64(&signature))
}

/// Signs `header` (a JSON value, any members) over the standard claims with the platform key (RS256).
pub(crate) fn sign_header(header: &Value) -> String {
    sign_raw(
        &header.to_string(),
        &Value::Object(claims()).to_string(),
        platform_key(),
        Algorithm::Rs256,
    )
}

/// An RS256 verifier with default limits.
pub(crate) fn rs256() -> Verifier {
    Verifier::new(&[Algorithm::Rs256])
}

/// Reads and verifies with the platform set; the error's code.
pub(crate) fn refusal(verifier: &Verifier, token: &str) -> JoseError {
    verifier
        .verify_with_set(token, &platform_set())
        .unwrap_err()
}

/// Asserts `token` is refused by an RS256 verifier with `code`.
#[track_caller]
pub(crate) fn assert_refused(token: &str, code: &str) -> JoseError {
    let error = refusal(&rs256(), token);
    assert_eq!(error.code().as_str(), code, "{error}");
    error
}
