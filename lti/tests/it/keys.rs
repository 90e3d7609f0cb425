//! Keys: PEM round trip, JWK thumbprints, key ring rotation, and JWKS hygiene (LTI-18..22, LTI-52).

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use learnwire_lti::keys::{Algorithm, Jwk, KeyId, KeyRing, KeySet, KeySetOptions, SigningKey};
use learnwire_lti::{KeyProblem, LaunchError, Limits, TokenError};
use serde_json::{Value, json};

use crate::support::*;

fn jwk_value(key: &SigningKey) -> Value {
    serde_json::to_value(key.public_jwk()).unwrap()
}

fn verify_against(jwks: &Value, token: &str) -> Result<(), LaunchError> {
    let set = key_set(&jwks.to_string()).unwrap();
    verify_with(&registration_with(set), token).map(|_| ())
}

#[test]
fn pem_round_trip_and_thumbprint_kid() {
    let key = SigningKey::from_pem(&platform_key().to_pkcs8_pem().unwrap(), None).unwrap();
    assert_eq!(key.public_jwk().n, platform_key().public_jwk().n);
    assert_eq!(
        key.kid().as_str(),
        Jwk::rsa(&key.public_jwk().n, &key.public_jwk().e).thumbprint()
    );
    assert_eq!(key.bits(), 2048);
    assert!(
        key.to_pkcs8_pem()
            .unwrap()
            .starts_with("-----BEGIN PRIVATE KEY-----\n")
    );
    assert!(!format!("{key:?}").contains("PRIVATE"));
    // A public key PEM is not a private key.
    let error = SigningKey::from_pem(
        "-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n",
        None,
    )
    .unwrap_err();
    assert!(error.to_string().contains("PUBLIC KEY"));
    assert!(SigningKey::from_pem("not pem", None).is_err());
    assert!(SigningKey::generate_with_bits(1024, None).is_err());
    assert!(
        KeyId::parse("").is_err() && KeyId::parse("a b").is_err() && KeyId::parse("ok-1").is_ok()
    );
}

#[test]
fn lti_53_signing_hygiene_and_public_only_jwks() {
    let mut ring = KeyRing::new(
        SigningKey::from_pem(
            &platform_key().to_pkcs8_pem().unwrap(),
            Some(KeyId::parse(KID).unwrap()),
        )
        .unwrap(),
    );
    ring.set_next(
        SigningKey::from_pem(
            &second_key().to_pkcs8_pem().unwrap(),
            Some(KeyId::parse("next").unwrap()),
        )
        .unwrap(),
    );
    let body = learnwire_lti::platform::jwks_body(&ring);
    for private in ["\"d\"", "\"p\"", "\"q\"", "\"dp\"", "\"dq\"", "\"qi\""] {
        assert!(!body.contains(private), "{private} in {body}");
    }
    let token = ring.current().sign_jwt(&baseline()).unwrap();
    let header: Value = serde_json::from_slice(
        &URL_SAFE_NO_PAD
            .decode(token.split('.').next().unwrap())
            .unwrap(),
    )
    .unwrap();
    assert_eq!(header, json!({ "alg": "RS256", "kid": KID, "typ": "JWT" }));
    // Rotation: the next key signs, the old one stays published.
    let retired = ring.rotate(None);
    assert!(retired.is_none());
    assert_eq!(ring.current().kid().as_str(), "next");
    assert_eq!(ring.previous().unwrap().kid().as_str(), KID);
    let set = KeySet::from_jwks(
        learnwire_lti::platform::jwks_body(&ring).as_bytes(),
        &KeySetOptions::default(),
    )
    .unwrap();
    assert_eq!(set.key_ids().collect::<Vec<_>>(), vec![KID, "next"]);
    assert!(ring.retire_previous().is_some());
    assert_eq!(ring.jwks()["keys"].as_array().unwrap().len(), 1);
}

#[test]
fn lti_18_exponent_other_than_65537() {
    let mut jwk = jwk_value(platform_key());
    jwk["e"] = json!("AQ");
    match verify_against(&json!({ "keys": [jwk] }), &sign(&baseline())) {
        Err(LaunchError::Token(TokenError::KeyRejected {
            problem: KeyProblem::Exponent,
            ..
        })) => {}
        other => panic!("{other:?}"),
    }
    jwk["e"] = json!("Aw");
    let error = verify_against(&json!({ "keys": [jwk] }), &sign(&baseline())).unwrap_err();
    assert_eq!(error.code().as_str(), "lti.key.rejected");
}

#[test]
fn lti_19_small_and_huge_moduli() {
    // A 1024-bit modulus (an odd number of the right size is enough: it is refused before any use).
    let mut small = vec![0xC3u8; 128];
    small[127] = 0x01;
    let mut jwk = jwk_value(platform_key());
    jwk["n"] = json!(URL_SAFE_NO_PAD.encode(&small));
    let jwks = json!({ "keys": [jwk.clone()] });
    match verify_against(&jwks, &sign(&baseline())) {
        Err(LaunchError::Token(TokenError::KeyRejected {
            problem: KeyProblem::Size { bits: 1024, .. },
            ..
        })) => {}
        other => panic!("{other:?}"),
    }
    let mut huge = vec![0xC3u8; 2048];
    huge[2047] = 1;
    jwk["n"] = json!(URL_SAFE_NO_PAD.encode(&huge));
    match verify_against(&json!({ "keys": [jwk] }), &sign(&baseline())) {
        Err(LaunchError::Token(TokenError::KeyRejected {
            problem: KeyProblem::Size { bits: 16384, .. },
            ..
        })) => {}
        other => panic!("{other:?}"),
    }
}

/// Base64url of the decoded member with one zero octet in front.
fn with_leading_zero(encoded: &Value) -> Value {
    let mut bytes = vec![0u8];
    bytes.extend(URL_SAFE_NO_PAD.decode(encoded.as_str().unwrap()).unwrap());
    json!(URL_SAFE_NO_PAD.encode(&bytes))
}

#[test]
fn jwk_n_or_e_with_leading_zero_octets_is_refused() {
    // RFC 7518 §6.3.1: n and e use the minimum number of octets. A padded value is refused, not stripped,
    // whether the key comes from a JWKS document or from typed JWKs.
    let token = sign(&baseline());
    let mut padded_n = jwk_value(platform_key());
    padded_n["n"] = with_leading_zero(&padded_n["n"]);
    let mut padded_e = jwk_value(platform_key());
    padded_e["e"] = json!("AAEAAQ");
    let mut two_zeros = jwk_value(platform_key());
    two_zeros["n"] = with_leading_zero(&with_leading_zero(&two_zeros["n"]));
    for jwk in [padded_n, padded_e, two_zeros] {
        let jwks = json!({ "keys": [jwk.clone()] });
        let error = verify_against(&jwks, &token).unwrap_err();
        assert_eq!(error.code().as_str(), "lti.key.rejected", "{jwk}");
        assert!(
            matches!(
                error,
                LaunchError::Token(TokenError::KeyRejected {
                    problem: KeyProblem::LeadingZero { .. },
                    ..
                })
            ),
            "{error:?}"
        );
        let typed: Jwk = serde_json::from_value(jwk).unwrap();
        let set = KeySet::from_jwks_keys([&typed]).unwrap();
        let error = verify_with(&registration_with(set), &token).unwrap_err();
        assert_eq!(error.code().as_str(), "lti.key.rejected");
    }
    // The same key written minimally verifies.
    assert!(verify_against(&json!({ "keys": [jwk_value(platform_key())] }), &token).is_ok());
}

#[test]
fn lti_20_symmetric_key_in_a_jwks_is_refused() {
    let jwks = json!({ "keys": [{ "kty": "oct", "kid": KID, "k": "c2VjcmV0" }] }).to_string();
    let error = key_set(&jwks).unwrap_err();
    assert_eq!(error.code().as_str(), "lti.jwks.private-material");
}

#[test]
fn lti_21_jwk_metadata_mismatch() {
    let mut jwk = jwk_value(platform_key());
    jwk["use"] = json!("enc");
    match verify_against(&json!({ "keys": [jwk] }), &sign(&baseline())) {
        Err(LaunchError::Token(TokenError::KeyRejected {
            problem: KeyProblem::NotForSignatures,
            ..
        })) => {}
        other => panic!("{other:?}"),
    }
    let mut jwk = jwk_value(platform_key());
    jwk["alg"] = json!("RS512");
    match verify_against(&json!({ "keys": [jwk] }), &sign(&baseline())) {
        Err(LaunchError::Token(TokenError::KeyRejected {
            problem:
                KeyProblem::AlgorithmMismatch {
                    key: Algorithm::Rs512,
                    token: Algorithm::Rs256,
                },
            ..
        })) => {}
        other => panic!("{other:?}"),
    }
    let mut jwk = jwk_value(platform_key());
    jwk["key_ops"] = json!(["encrypt"]);
    match verify_against(&json!({ "keys": [jwk] }), &sign(&baseline())) {
        Err(LaunchError::Token(TokenError::KeyRejected {
            problem: KeyProblem::OperationNotAllowed,
            ..
        })) => {}
        other => panic!("{other:?}"),
    }
    // A JWK without alg, use or key_ops is fine (Brightspace publishes keys without alg).
    let mut jwk = jwk_value(platform_key());
    jwk.as_object_mut().unwrap().remove("alg");
    jwk.as_object_mut().unwrap().remove("use");
    assert!(verify_against(&json!({ "keys": [jwk] }), &sign(&baseline())).is_ok());
}

#[test]
fn lti_22_duplicate_kid_refuses_the_set() {
    let jwks =
        json!({ "keys": [jwk_value(attacker_key()), jwk_value(platform_key())] }).to_string();
    assert_eq!(
        key_set(&jwks).unwrap_err().code().as_str(),
        "lti.jwks.duplicate-kid"
    );
}

#[test]
fn lti_52_jwks_document_robustness() {
    let options = KeySetOptions::default();
    let big = vec![b' '; 300 * 1024];
    assert_eq!(
        KeySet::from_jwks(&big, &options)
            .unwrap_err()
            .code()
            .as_str(),
        "lti.jwks.too-large"
    );
    let many: Vec<Value> = (0..101).map(|i| json!({ "kty": "EC", "kid": format!("k{i}"), "crv": "P-256", "x": "AA", "y": "AA" })).collect();
    assert_eq!(
        KeySet::from_jwks(json!({ "keys": many }).to_string().as_bytes(), &options)
            .unwrap_err()
            .code()
            .as_str(),
        "lti.jwks.too-many-keys"
    );
    for (jwks, code) in [
        (
            json!({ "keys": [{ "kid": "x", "n": "AQAB", "e": "AQAB" }] }),
            "lti.jwks.malformed-key",
        ),
        (
            json!({ "keys": [{ "kty": "RSA", "kid": "x", "n": "AQAB", "e": "AQAB", "d": "AQAB" }] }),
            "lti.jwks.private-material",
        ),
        (json!({ "keys": "none" }), "lti.jwks.shape"),
        (json!([1, 2]), "lti.jwks.shape"),
    ] {
        assert_eq!(
            KeySet::from_jwks(jwks.to_string().as_bytes(), &options)
                .unwrap_err()
                .code()
                .as_str(),
            code,
            "{jwks}"
        );
    }
    assert_eq!(
        KeySet::from_jwks(br#"{"keys":[],"keys":[]}"#, &options)
            .unwrap_err()
            .code()
            .as_str(),
        "lti.jwks.json"
    );
    // Keys that load but can never verify: n not base64url, n = 0, an even n.
    let token = sign(&baseline());
    for n in ["!!!", "AA", "AQAC"] {
        let mut jwk = jwk_value(platform_key());
        jwk["n"] = json!(n);
        match verify_against(&json!({ "keys": [jwk] }), &token) {
            Err(LaunchError::Token(TokenError::KeyRejected {
                problem: KeyProblem::Malformed { member: "n" },
                ..
            })) => {}
            other => panic!("{n}: {other:?}"),
        }
    }
    // An EC key is kept (other keys stay usable) but refused when named.
    let ec = json!({ "kty": "EC", "kid": KID, "crv": "P-256", "x": "AA", "y": "AA" });
    match verify_against(&json!({ "keys": [ec] }), &token) {
        Err(LaunchError::Token(TokenError::KeyRejected {
            problem: KeyProblem::UnsupportedKeyType,
            ..
        })) => {}
        other => panic!("{other:?}"),
    }
    let tiny = Limits::default().with_max_jwks_keys(1);
    let two = jwks_of(&[platform_key(), second_key()]);
    assert!(
        KeySet::from_jwks(two.as_bytes(), &KeySetOptions::default().with_limits(tiny)).is_err()
    );
}

#[test]
fn danger_small_keys_only_widen_to_1024() {
    let mut small = vec![0xC3u8; 128];
    small[127] = 1;
    let jwks = json!({ "keys": [{ "kty": "RSA", "kid": "small", "n": URL_SAFE_NO_PAD.encode(&small), "e": "AQAB" }] }).to_string();
    let strict = KeySet::from_jwks(jwks.as_bytes(), &KeySetOptions::default()).unwrap();
    let lax = KeySet::from_jwks(
        jwks.as_bytes(),
        &KeySetOptions::default().danger_allow_small_rsa_keys(true),
    )
    .unwrap();
    let token = sign_with_header(&header("small"), &baseline(), platform_key());
    assert_eq!(
        verify_with(&registration_with(strict), &token)
            .unwrap_err()
            .code()
            .as_str(),
        "lti.key.rejected"
    );
    // Accepted as a key now; this signature is by another key, so it fails at the signature.
    assert_eq!(
        verify_with(&registration_with(lax), &token)
            .unwrap_err()
            .code()
            .as_str(),
        "lti.signature.invalid"
    );
}
