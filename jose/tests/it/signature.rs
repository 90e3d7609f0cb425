//! Signatures: another key (LTI-12), malformed bytes (LTI-13), tampering (LTI-14, -15), the key's
//! algorithm restriction, verification before the payload is decoded, several candidate keys.

use learnwire_jose::{
    Algorithm, JoseError, KeyPolicy, KeyProblem, Part, RsaPublicKey, Verifier, base64url,
};
use serde_json::{Value, json};

use crate::support::*;

fn good() -> String {
    sign_header(&json!({ "alg": "RS256", "kid": KID }))
}

#[test]
fn lti_12_signature_by_another_key_under_the_legitimate_kid() {
    let token = sign_raw(
        &json!({ "alg": "RS256", "kid": KID }).to_string(),
        &Value::Object(claims()).to_string(),
        other_key(),
        Algorithm::Rs256,
    );
    let error = assert_refused(&token, "jose.jws.signature");
    assert!(error.is_invalid_signature());
}

#[test]
fn lti_13_malformed_signature_bytes() {
    let good = good();
    let (input, signature) = good.rsplit_once('.').unwrap();
    let bytes = base64url::decode(signature).unwrap();
    let modulus = base64url::decode(&platform_key().public_jwk().n).unwrap();
    for (variant, code) in [
        (
            bytes[..bytes.len() - 16].to_vec(),
            "jose.jws.signature-length",
        ),
        (
            [bytes.clone(), vec![0]].concat(),
            "jose.jws.signature-length",
        ),
        (vec![0; bytes.len()], "jose.jws.signature"),
        (modulus, "jose.jws.signature"),
        (vec![0xff; bytes.len()], "jose.jws.signature"),
    ] {
        let error = assert_refused(&format!("{input}.{}", b64(&variant)), code);
        assert!(error.is_invalid_signature());
        if let JoseError::SignatureLength { length, expected } = error {
            assert_eq!((length, expected), (variant.len(), 256));
        }
    }
}

#[test]
fn lti_14_15_tampering_after_signing() {
    let good = good();
    let parts: Vec<&str> = good.split('.').collect();
    let mut claims = claims();
    claims.insert("sub".into(), json!("admin"));
    let payload = b64(Value::Object(claims).to_string().as_bytes());
    assert_refused(
        &format!("{}.{payload}.{}", parts[0], parts[2]),
        "jose.jws.signature",
    );
    let header = b64(json!({ "alg": "RS256", "kid": KID, "x5t": "AAAA" })
        .to_string()
        .as_bytes());
    assert_refused(
        &format!("{header}.{}.{}", parts[1], parts[2]),
        "jose.jws.signature",
    );
}

#[test]
fn the_signature_is_checked_before_the_payload_is_decoded() {
    let good = good();
    let parts: Vec<&str> = good.split('.').collect();
    // A payload that is not base64url, under a signature that does not cover it: the signature fails.
    assert_refused(
        &format!("{}.!!!.{}", parts[0], parts[2]),
        "jose.jws.signature",
    );
}

#[test]
fn a_key_restricted_to_another_algorithm_is_refused() {
    let key = platform_key()
        .public_key()
        .clone()
        .with_algorithm(Algorithm::Rs512);
    let error = rs256().verify(&good(), &key).unwrap_err();
    assert_eq!(error.code().as_str(), "jose.jwk.alg-mismatch");
    assert!(matches!(
        error,
        JoseError::KeyRejected {
            problem: KeyProblem::AlgorithmMismatch {
                key: Algorithm::Rs512,
                token: Algorithm::Rs256
            },
            ..
        }
    ));
}

#[test]
fn verify_can_try_several_candidate_keys() {
    let token = good();
    let read = rs256().read(&token).unwrap();
    let keys = [other_key().public_key(), platform_key().public_key()];
    let found = keys.iter().position(|key| read.verify(key).is_ok());
    assert_eq!(found, Some(1));
}

#[test]
fn danger_unverified_claims_reads_without_a_key() {
    let token = sign_raw(
        &json!({ "alg": "RS256" }).to_string(),
        r#"{"a":1}"#,
        other_key(),
        Algorithm::Rs256,
    );
    let read = rs256().read(&token).unwrap();
    assert_eq!(read.danger_unverified_claims().unwrap()["a"], 1);
    let token = sign_raw(
        &json!({ "alg": "RS256" }).to_string(),
        "[1]",
        other_key(),
        Algorithm::Rs256,
    );
    let error = rs256()
        .read(&token)
        .unwrap()
        .danger_unverified_claims()
        .unwrap_err();
    assert!(matches!(
        error,
        JoseError::NotAnObject {
            part: Part::Payload
        }
    ));
}

#[test]
fn verified_parts_are_what_was_signed() {
    let payload = br#"{"b":[1,2],"a":"x"}"#;
    let header = json!({ "kid": KID });
    let token = platform_key()
        .sign(Algorithm::Rs384, header.as_object().unwrap(), payload)
        .unwrap();
    let verified = Verifier::new(&Algorithm::ALL)
        .verify_with_set(&token, &platform_set())
        .unwrap();
    assert_eq!(verified.payload(), payload);
    let (header, claims) = verified.into_parts();
    assert_eq!(header.alg(), Algorithm::Rs384);
    assert_eq!(claims["b"], json!([1, 2]));
    // The signing input is exactly the first two segments as received.
    let token = good();
    let read = rs256().read(&token).unwrap();
    let expected = token.rsplit_once('.').unwrap().0.to_owned();
    assert_eq!(read.signing_input(), expected.as_bytes());
    assert_eq!(read.signature().len(), 256);
}

#[test]
fn rs384_is_refused_for_a_1024_bit_key_even_with_the_danger_policy() {
    // A 1024-bit modulus (odd, right size): accepted as a key under the danger policy, but aws-lc-rs has
    // no 1024-bit RS384 profile, and the signature (by another key anyway) does not verify.
    let mut n = vec![0xC3u8; 128];
    n[127] = 1;
    let key = RsaPublicKey::from_components(
        &n,
        &[1, 0, 1],
        &KeyPolicy::default().danger_with_min_bits(1024),
    )
    .unwrap();
    assert_eq!(key.bits(), 1024);
    let token = sign_raw(
        &json!({ "alg": "RS384" }).to_string(),
        "{}",
        platform_key(),
        Algorithm::Rs384,
    );
    let error = Verifier::new(&[Algorithm::Rs384])
        .verify(&token, &key)
        .unwrap_err();
    // The 256-byte signature does not fit a 128-byte modulus.
    assert_eq!(error.code().as_str(), "jose.jws.signature-length");
}

#[test]
fn an_unverified_jws_debug_shows_no_token_text() {
    let token = good();
    let read = rs256().read(&token).unwrap();
    let debug = format!("{read:?}");
    let (_, signature) = token.rsplit_once('.').unwrap();
    let payload = token.split('.').nth(1).unwrap();
    assert!(
        !debug.contains(&signature[..20]) && !debug.contains(&payload[..20]),
        "{debug}"
    );
    assert!(debug.contains("signature_len: 256"), "{debug}");
}
