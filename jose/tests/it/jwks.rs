//! JWKS documents: reading (LTI-20, -22, -52), key choice by kid, writing.

use learnwire_jose::{
    Algorithm, JoseError, JwkSet, KeyPolicy, KeyProblem, Limits, Part, Verifier, write_jwks,
};
use serde_json::{Value, json};

use crate::support::*;

fn read(document: &Value) -> Result<JwkSet, JoseError> {
    JwkSet::read(
        document.to_string().as_bytes(),
        &Limits::default(),
        &KeyPolicy::default(),
    )
}

fn jwk(key: &learnwire_jose::SigningKey, kid: &str) -> Value {
    let mut jwk = serde_json::to_value(key.public_jwk()).unwrap();
    jwk["kid"] = json!(kid);
    jwk
}

#[test]
fn a_set_reads_writes_and_reads_back() {
    let set = read(&json!({ "keys": [jwk(platform_key(), KID), jwk(other_key(), "b")] })).unwrap();
    assert_eq!(set.key_ids().collect::<Vec<_>>(), vec!["b", KID]);
    assert_eq!((set.len(), set.is_empty()), (2, false));
    let again = read(&set.to_value()).unwrap();
    assert_eq!(again.key_ids().collect::<Vec<_>>(), vec!["b", KID]);
    let mut written = platform_key().public_jwk();
    written.kid = Some(KID.to_owned());
    written.use_ = Some("sig".to_owned());
    let document = write_jwks([&written]);
    let set = read(&document).unwrap();
    assert_eq!(set.get(KID).unwrap().bits(), 2048);
    assert!(format!("{set:?}").contains(KID));
}

#[test]
fn an_rsa_key_without_kid_is_filed_under_its_thumbprint() {
    let mut jwk = jwk(platform_key(), KID);
    jwk.as_object_mut().unwrap().remove("kid");
    let set = read(&json!({ "keys": [jwk] })).unwrap();
    let thumbprint = platform_key().public_key().thumbprint();
    assert!(set.contains(&thumbprint));
    assert_eq!(
        set.get(&thumbprint).unwrap().kid(),
        Some(thumbprint.as_str())
    );
}

#[test]
fn lti_22_duplicate_kid_refuses_the_set() {
    let error =
        read(&json!({ "keys": [jwk(other_key(), KID), jwk(platform_key(), KID)] })).unwrap_err();
    assert_eq!(error.code().as_str(), "jose.jwks.duplicate-kid");
    assert!(matches!(&error, JoseError::DuplicateKeyId { kid } if kid.as_str() == KID));
    assert!(error.is_key());
}

#[test]
fn lti_20_private_or_symmetric_material_refuses_the_set() {
    let error = read(&json!({ "keys": [jwk(platform_key(), "a"), { "kty": "oct", "kid": KID, "k": "c2VjcmV0" }] })).unwrap_err();
    assert!(matches!(
        error,
        JoseError::PrivateMember {
            index: Some(1),
            member: "k"
        }
    ));
    let mut private = jwk(platform_key(), KID);
    private["d"] = json!("AQAB");
    let error = read(&json!({ "keys": [private] })).unwrap_err();
    assert_eq!(error.code().as_str(), "jose.jwk.private-member");
}

#[test]
fn lti_52_jwks_document_robustness() {
    let big = vec![b' '; 300 * 1024];
    let error = JwkSet::read(&big, &Limits::default(), &KeyPolicy::default()).unwrap_err();
    assert_eq!(error.code().as_str(), "jose.json.too-large");
    assert!(matches!(
        error,
        JoseError::Json {
            part: Part::KeySet,
            ..
        }
    ));
    assert!(error.is_key() && !error.is_malformed());
    let many: Vec<Value> = (0..101)
        .map(|i| json!({ "kty": "EC", "kid": format!("k{i}"), "crv": "P-256", "x": "AA", "y": "AA" }))
        .collect();
    let error = read(&json!({ "keys": many })).unwrap_err();
    assert!(matches!(
        error,
        JoseError::TooManyKeys {
            count: 101,
            limit: 100
        }
    ));
    for document in [
        json!({ "keys": "none" }),
        json!([1, 2]),
        json!({ "keys": [1] }),
        json!({}),
    ] {
        assert_eq!(
            read(&document).unwrap_err().code().as_str(),
            "jose.jwks.shape",
            "{document}"
        );
    }
    for (key, index, member) in [
        (json!({ "kid": "x", "n": "AQAB", "e": "AQAB" }), 0, "kty"),
        (
            json!({ "kty": "RSA", "kid": 7, "n": "AQAB", "e": "AQAB" }),
            0,
            "kid",
        ),
        (
            json!({ "kty": "RSA", "use": 1, "n": "AQAB", "e": "AQAB" }),
            0,
            "use",
        ),
        (
            json!({ "kty": "RSA", "key_ops": "verify", "n": "AQAB", "e": "AQAB" }),
            0,
            "key_ops",
        ),
        (
            json!({ "kty": "EC", "crv": "P-256", "x": "AA", "y": "AA" }),
            0,
            "kid",
        ),
    ] {
        match read(&json!({ "keys": [key] })) {
            Err(JoseError::MalformedSetKey {
                index: i,
                member: m,
            }) => assert_eq!((i, m), (index, member)),
            other => panic!("{member}: {other:?}"),
        }
    }
    let error = JwkSet::read(
        br#"{"keys":[],"keys":[]}"#,
        &Limits::default(),
        &KeyPolicy::default(),
    )
    .unwrap_err();
    assert_eq!(error.code().as_str(), "jose.json.duplicate-member");
    let deep = format!(
        r#"{{"keys":[],"x":{}1{}}}"#,
        "[".repeat(100),
        "]".repeat(100)
    );
    let error =
        JwkSet::read(deep.as_bytes(), &Limits::default(), &KeyPolicy::default()).unwrap_err();
    assert_eq!(error.code().as_str(), "jose.json.too-deep");
    let tiny = Limits::default().with_max_jwks_keys(1);
    let two = json!({ "keys": [jwk(platform_key(), "a"), jwk(other_key(), "b")] }).to_string();
    assert_eq!(
        JwkSet::read(two.as_bytes(), &tiny, &KeyPolicy::default())
            .unwrap_err()
            .code()
            .as_str(),
        "jose.jwks.too-many-keys"
    );
    let small = Limits::default().with_max_jwks_bytes(10);
    assert_eq!(
        JwkSet::read(two.as_bytes(), &small, &KeyPolicy::default())
            .unwrap_err()
            .code()
            .as_str(),
        "jose.json.too-large"
    );
}

#[test]
fn unusable_keys_are_kept_and_refused_when_named() {
    let mut enc = jwk(other_key(), "enc");
    enc["use"] = json!("enc");
    let ec = json!({ "kty": "EC", "kid": "ec", "crv": "P-256", "x": "AA", "y": "AA" });
    let mut bad_n = jwk(other_key(), "bad-n");
    bad_n["n"] = json!("AQAC");
    let set = read(&json!({ "keys": [jwk(platform_key(), KID), enc, ec, bad_n] })).unwrap();
    assert_eq!(set.len(), 4);
    for (kid, problem) in [
        ("enc", KeyProblem::NotForSignatures),
        ("ec", KeyProblem::UnsupportedKeyType),
        ("bad-n", KeyProblem::Malformed { member: "n" }),
    ] {
        match set.get(kid) {
            Err(JoseError::KeyRejected {
                kid: Some(found),
                problem: p,
            }) => {
                assert_eq!((found.as_str(), p), (kid, problem));
            }
            other => panic!("{kid}: {other:?}"),
        }
        let token = sign_header(&json!({ "alg": "RS256", "kid": kid }));
        assert!(rs256().verify_with_set(&token, &set).unwrap_err().is_key());
    }
    // The usable key still verifies.
    let token = sign_header(&json!({ "alg": "RS256", "kid": KID }));
    assert!(rs256().verify_with_set(&token, &set).is_ok());
    assert!(matches!(
        set.get("nope"),
        Err(JoseError::UnknownKeyId { .. })
    ));
}

#[test]
fn lti_06_a_set_never_tries_every_key() {
    let set = read(&json!({ "keys": [jwk(platform_key(), KID), jwk(other_key(), "b")] })).unwrap();
    let token = sign_header(&json!({ "alg": "RS256" }));
    let error = Verifier::new(&[Algorithm::Rs256])
        .verify_with_set(&token, &set)
        .unwrap_err();
    assert!(matches!(
        error,
        JoseError::MissingHeaderMember { name: "kid" }
    ));
}

#[test]
fn keys_from_jwks_values() {
    let mut first = platform_key().public_jwk();
    first.kid = Some("a".to_owned());
    let mut second = platform_key().public_jwk();
    second.kid = Some("a".to_owned());
    let error = JwkSet::from_jwks([&first, &second], &KeyPolicy::default()).unwrap_err();
    assert_eq!(error.code().as_str(), "jose.jwks.duplicate-kid");
    let set = JwkSet::from_jwks([&first], &KeyPolicy::default()).unwrap();
    assert!(set.contains("a"));
}
