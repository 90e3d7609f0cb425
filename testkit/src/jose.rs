//! Oracles of the `jose_jws` and `jose_jwks` fuzz targets, with their fixed key set.

use std::sync::OnceLock;

use learnwire_jose::{
    Algorithm, JoseError, JwkSet, KeyPolicy, Limits, UnverifiedJws, VerifiedJws, Verifier,
};
use serde_json::Value;

/// The public key set the `jose_jws` seeds are signed for (`fuzz/seeds/jose_jws/jwks.json`).
const JWS_JWKS: &[u8] = include_bytes!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../fuzz/seeds/jose_jws/jwks.json"
));

/// JWK members that hold private key material (RFC 7518 §6.2.2, §6.3.2, §6.4.1).
const PRIVATE_MEMBERS: [&str; 8] = ["d", "p", "q", "dp", "dq", "qi", "oth", "k"];

/// The key set of `fuzz/seeds/jose_jws/jwks.json`, read once.
///
/// # Panics
///
/// When the committed key set does not load.
pub fn seed_key_set() -> &'static JwkSet {
    static SET: OnceLock<JwkSet> = OnceLock::new();
    SET.get_or_init(|| {
        JwkSet::read(JWS_JWKS, &Limits::default(), &KeyPolicy::default())
            .unwrap_or_else(|error| panic!("fuzz/seeds/jose_jws/jwks.json: {error}"))
    })
}

/// Oracle of `jose_jws`: [`jws_verdict`] against [`seed_key_set`].
///
/// # Panics
///
/// When an oracle fails.
pub fn jws_oracle(data: &[u8]) {
    let _ = jws_verdict(seed_key_set(), data);
}

/// Reads `data` as a compact JWS with a verifier that allows RS256, RS384 and RS512 (kid required) and
/// verifies it with `set`; returns `"ok"` or the refusal's code.
///
/// Oracles beyond "no panic":
/// - same input, same verdict; every refusal has a `jose.` code and a message without control
///   characters that never holds the signature segment;
/// - reading with `kid` optional accepts whatever reading with `kid` required accepts;
/// - a read token is within [`Limits::max_jws_bytes`], has an allowed `alg`, a non-empty signature,
///   and its signing input is exactly the token up to the last `.`;
/// - a verified token's header names a `kid` of the set, its payload is the canonical base64url
///   decoding of the payload segment, its claims are what `danger_unverified_claims` reads, and the
///   same token verifies with the key `JwkSet::get` returns.
///
/// # Panics
///
/// When an oracle fails.
pub fn jws_verdict(set: &JwkSet, data: &[u8]) -> String {
    let verifier = Verifier::new(&[Algorithm::Rs256, Algorithm::Rs384, Algorithm::Rs512])
        .with_kid_required(true);
    let outcome = verifier.verify_with_set(data, set);
    let again = verifier.verify_with_set(data, set);
    if verdict(&outcome) != verdict(&again) {
        panic!("the verdict changed on a second run");
    }
    let read = verifier.read(data);
    let lenient = Verifier::new(&[Algorithm::Rs256, Algorithm::Rs384, Algorithm::Rs512])
        .with_kid_required(false);
    if read.is_ok() && lenient.read(data).is_err() {
        panic!("kid optional refused what kid required read");
    }
    if let Ok(jws) = &read {
        check_read(&verifier, jws, data);
    }
    match &outcome {
        Ok(verified) => {
            let Ok(jws) = &read else {
                panic!("verified a token that does not read");
            };
            check_verified(set, &verifier, jws, verified, data);
        }
        Err(error) => check_refusal(error, data),
    }
    verdict(&outcome)
}

/// Oracle of `jose_jwks`: `data` as a JWKS document (`JwkSet::read`, default limits and key policy).
///
/// - same input, same verdict; a refusal has a `jose.` code and a message without control characters;
/// - a set that reads holds at most [`Limits::max_jwks_keys`] keys, no key with a private member, and
///   each of its `kid`s gives a usable key or a `jose.` refusal;
/// - read → write (`to_value`) → read gives the same `kid`s and the same document.
///
/// # Panics
///
/// When an oracle fails.
pub fn jwks_oracle(data: &[u8]) {
    let limits = Limits::default();
    let policy = KeyPolicy::default();
    let first = JwkSet::read(data, &limits, &policy);
    let second = JwkSet::read(data, &limits, &policy);
    if first.as_ref().err().map(JoseError::code) != second.as_ref().err().map(JoseError::code) {
        panic!("the verdict changed on a second run");
    }
    let set = match first {
        Ok(set) => set,
        Err(error) => {
            check_refusal(&error, b"");
            return;
        }
    };
    if set.len() > limits.max_jwks_keys() || set.len() != set.key_ids().count() {
        panic!("a set of {} keys was read", set.len());
    }
    for kid in set.key_ids() {
        if !set.contains(kid) {
            panic!("key id {kid:?} listed but not contained");
        }
        if let Err(error) = set.get(kid) {
            check_refusal(&error, b"");
        }
    }
    let written = set.to_value();
    let keys = written
        .get("keys")
        .and_then(Value::as_array)
        .unwrap_or_else(|| panic!("to_value wrote no keys array"));
    for key in keys {
        if let Some(member) = PRIVATE_MEMBERS
            .iter()
            .find(|member| key.get(**member).is_some())
        {
            panic!("a key with the private member {member:?} was read");
        }
    }
    let bytes = serde_json::to_vec(&written).unwrap_or_default();
    let again = JwkSet::read(&bytes, &limits, &policy)
        .unwrap_or_else(|error| panic!("our own JWKS does not read: {error}"));
    if !again.key_ids().eq(set.key_ids()) || again.to_value() != written {
        panic!("read, write, read changed the key set");
    }
}

fn verdict(outcome: &Result<VerifiedJws, JoseError>) -> String {
    match outcome {
        Ok(_) => "ok".to_owned(),
        Err(error) => error.code().to_string(),
    }
}

fn check_read(verifier: &Verifier, jws: &UnverifiedJws<'_>, data: &[u8]) {
    if data.len() > verifier.limits().max_jws_bytes() {
        panic!("read a token over the size limit");
    }
    if !verifier.algorithms().contains(&jws.header().alg()) {
        panic!("read a token whose alg is not allowed");
    }
    if jws.signature().is_empty() {
        panic!("read a token with an empty signature");
    }
    let last_dot = data.iter().rposition(|byte| *byte == b'.');
    if last_dot.and_then(|at| data.get(..at)) != Some(jws.signing_input()) {
        panic!("the signing input is not the token up to its last dot");
    }
}

fn check_verified(
    set: &JwkSet,
    verifier: &Verifier,
    jws: &UnverifiedJws<'_>,
    verified: &VerifiedJws,
    data: &[u8],
) {
    let Some(kid) = verified.header().kid() else {
        panic!("verified a token without kid");
    };
    let Ok(key) = set.get(kid) else {
        panic!("verified with a kid the set does not give");
    };
    let payload_segment = data.split(|byte| *byte == b'.').nth(1).unwrap_or_default();
    match learnwire_jose::base64url::decode(payload_segment) {
        Ok(payload) if payload == verified.payload() => {}
        _ => panic!("the verified payload is not the payload segment decoded"),
    }
    match jws.danger_unverified_claims() {
        Ok(claims) if &claims == verified.claims() => {}
        _ => panic!("danger_unverified_claims disagrees with the verified claims"),
    }
    match verifier.verify(data, key) {
        Ok(again) if again.claims() == verified.claims() => {}
        _ => panic!("verify with the set's key disagrees with verify_with_set"),
    }
}

fn check_refusal(error: &JoseError, data: &[u8]) {
    let code = error.code();
    if code.family() != "jose" {
        panic!("refusal code {code} is not jose.*");
    }
    let message = error.to_string();
    if message.chars().any(char::is_control) {
        panic!("{code}: the message holds a control character");
    }
    // A signature (the third of three segments, canonical base64url, 16 characters or more) never
    // shows, unless the token also carries it as text in its header or payload (a kid can
    // legitimately be shown). Without three segments there is no signature: the fuzzer soon learns to
    // feed the error's own fixed text as a token.
    let segments: Vec<&[u8]> = data.split(|byte| *byte == b'.').collect();
    let [header, payload, signature] = segments[..] else {
        return;
    };
    let carried = [header, payload]
        .into_iter()
        .filter_map(|segment| learnwire_jose::base64url::decode(segment).ok())
        .any(|decoded| contains(&decoded, signature));
    if signature.len() >= 16
        && learnwire_jose::base64url::decode(signature).is_ok()
        && !carried
        && contains(message.as_bytes(), signature)
    {
        panic!("{code}: the message holds the signature segment");
    }
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    !needle.is_empty()
        && haystack
            .windows(needle.len())
            .any(|window| window == needle)
}
