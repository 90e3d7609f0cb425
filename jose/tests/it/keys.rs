//! RSA public keys: JWK hygiene (LTI-18..21), Base64urlUInt encoding, DER and PEM, components,
//! thumbprints (RFC 7638).

use aws_lc_rs::encoding::AsDer as _;
use aws_lc_rs::rsa::{KeyPair, KeySize};
use aws_lc_rs::signature::KeyPair as _;
use learnwire_jose::{Algorithm, JoseError, Jwk, KeyPolicy, KeyProblem, RsaPublicKey, base64url};
use serde_json::{Map, Value, json};

use crate::support::*;

fn jwk() -> Value {
    let mut jwk = serde_json::to_value(platform_key().public_jwk()).unwrap();
    jwk["kid"] = json!(KID);
    jwk
}

fn read(jwk: &Value) -> Result<RsaPublicKey, JoseError> {
    RsaPublicKey::from_jwk(jwk.as_object().unwrap(), &KeyPolicy::default())
}

#[track_caller]
fn problem(jwk: &Value) -> KeyProblem {
    match read(jwk) {
        Err(JoseError::KeyRejected { kid, problem }) => {
            assert_eq!(kid.as_ref().map(|kid| kid.as_str()), jwk["kid"].as_str());
            problem
        }
        other => panic!("{other:?}"),
    }
}

fn with(member: &str, value: Value) -> Value {
    let mut jwk = jwk();
    jwk[member] = value;
    jwk
}

#[test]
fn a_well_formed_jwk_reads_and_verifies() {
    let key = read(&jwk()).unwrap();
    assert_eq!(
        (key.bits(), key.modulus_len(), key.kid()),
        (2048, 256, Some(KID))
    );
    assert_eq!(key.algorithm(), None);
    let token = sign_header(&json!({ "alg": "RS256", "kid": KID }));
    assert!(rs256().verify(&token, &key).is_ok());
    // Metadata that allows signatures is fine.
    let mut jwk = jwk();
    jwk["use"] = json!("sig");
    jwk["key_ops"] = json!(["verify"]);
    jwk["alg"] = json!("RS256");
    assert_eq!(read(&jwk).unwrap().algorithm(), Some(Algorithm::Rs256));
}

#[test]
fn lti_18_exponent_other_than_65537() {
    for e in ["AQ", "Aw", "AQAA"] {
        assert_eq!(problem(&with("e", json!(e))), KeyProblem::Exponent, "{e}");
    }
    assert_eq!(
        problem(&with("e", json!(base64url::encode([3]))))
            .code()
            .as_str(),
        "jose.jwk.exponent"
    );
}

#[test]
fn lti_19_small_and_huge_moduli() {
    let mut small = vec![0xC3u8; 128];
    small[127] = 1;
    assert_eq!(
        problem(&with("n", json!(base64url::encode(&small)))),
        KeyProblem::Size {
            bits: 1024,
            min: 2048,
            max: 8192
        }
    );
    let mut huge = vec![0xC3u8; 2048];
    huge[2047] = 1;
    assert_eq!(
        problem(&with("n", json!(base64url::encode(&huge)))),
        KeyProblem::Size {
            bits: 16384,
            min: 2048,
            max: 8192
        }
    );
    // The danger policy lets 1024 bits through, and no less.
    let danger = KeyPolicy::default().danger_with_min_bits(1024);
    let small_jwk = with("n", json!(base64url::encode(&small)));
    assert_eq!(
        RsaPublicKey::from_jwk(small_jwk.as_object().unwrap(), &danger)
            .unwrap()
            .bits(),
        1024
    );
    let tiny = with("n", json!(base64url::encode(&small[..64])));
    assert!(matches!(
        RsaPublicKey::from_jwk(tiny.as_object().unwrap(), &danger),
        Err(JoseError::KeyRejected {
            problem: KeyProblem::Size { bits: 512, .. },
            ..
        })
    ));
    // A raised minimum refuses a 2048-bit key.
    let strict = KeyPolicy::default().with_min_bits(3072);
    let error = RsaPublicKey::from_jwk(jwk().as_object().unwrap(), &strict).unwrap_err();
    assert_eq!(error.code().as_str(), "jose.jwk.size");
}

#[test]
fn lti_20_symmetric_and_private_keys_are_refused() {
    let oct = json!({ "kty": "oct", "kid": KID, "k": "c2VjcmV0" });
    match read(&oct) {
        Err(JoseError::PrivateMember {
            index: None,
            member: "k",
        }) => {}
        other => panic!("{other:?}"),
    }
    for member in ["d", "p", "q", "dp", "dq", "qi", "oth"] {
        let error = read(&with(member, json!("AQAB"))).unwrap_err();
        assert_eq!(error.code().as_str(), "jose.jwk.private-member");
        assert!(matches!(error, JoseError::PrivateMember { member: m, .. } if m == member));
    }
}

#[test]
fn lti_21_jwk_metadata_is_respected() {
    assert_eq!(
        problem(&with("use", json!("enc"))),
        KeyProblem::NotForSignatures
    );
    assert_eq!(
        problem(&with("key_ops", json!(["encrypt"]))),
        KeyProblem::OperationNotAllowed
    );
    assert_eq!(
        problem(&with("alg", json!("PS256"))),
        KeyProblem::UnsupportedAlgorithm
    );
    assert_eq!(
        problem(&with("alg", json!("HS256"))),
        KeyProblem::UnsupportedAlgorithm
    );
    // alg RS512 loads, then refuses an RS256 token.
    let key = read(&with("alg", json!("RS512"))).unwrap();
    let token = sign_header(&json!({ "alg": "RS256", "kid": KID }));
    assert_eq!(
        rs256().verify(&token, &key).unwrap_err().code().as_str(),
        "jose.jwk.alg-mismatch"
    );
    for (member, code) in [
        ("use", "jose.jwk.use"),
        ("key_ops", "jose.jwk.key-ops"),
        ("alg", "jose.jwk.alg"),
    ] {
        let value = if member == "key_ops" {
            json!(["sign"])
        } else {
            json!("other")
        };
        assert_eq!(problem(&with(member, value)).code().as_str(), code);
    }
}

#[test]
fn other_key_types_are_refused() {
    let ec = json!({ "kty": "EC", "kid": KID, "crv": "P-256", "x": "AA", "y": "AA" });
    assert_eq!(problem(&ec), KeyProblem::UnsupportedKeyType);
    assert_eq!(problem(&ec).code().as_str(), "jose.jwk.kty");
}

#[test]
fn numbers_are_canonical_base64urluint() {
    let n = base64url::decode(jwk()["n"].as_str().unwrap()).unwrap();
    let padded = [vec![0], n].concat();
    assert_eq!(
        problem(&with("n", json!(base64url::encode(&padded)))),
        KeyProblem::LeadingZero { member: "n" }
    );
    assert_eq!(
        problem(&with("e", json!("AAEAAQ"))),
        KeyProblem::LeadingZero { member: "e" }
    );
    // Zero spelled with more than one octet is a leading zero too; one zero octet is the value zero.
    assert_eq!(
        problem(&with("n", json!("AAAA"))),
        KeyProblem::LeadingZero { member: "n" }
    );
    assert_eq!(problem(&with("e", json!("AA"))), KeyProblem::Exponent);
    assert_eq!(
        problem(&with("e", json!("AAEAAQ"))).code().as_str(),
        "jose.jwk.leading-zero"
    );
    for (member, value) in [
        ("n", json!("!!!")),
        ("n", json!("AA")),
        ("n", json!("AQAC")),
        ("n", json!("")),
        ("n", json!(12)),
        ("e", json!("AQAB=")),
        ("e", json!("")),
    ] {
        let member = if member == "n" { "n" } else { "e" };
        assert_eq!(
            problem(&with(member, value.clone())),
            KeyProblem::Malformed { member },
            "{member} = {value}"
        );
    }
    let mut missing = jwk();
    missing.as_object_mut().unwrap().remove("n");
    assert_eq!(problem(&missing), KeyProblem::Malformed { member: "n" });
}

#[test]
fn common_members_of_the_wrong_type_are_malformed() {
    for (member, value) in [
        ("kty", json!(1)),
        ("use", json!(1)),
        ("alg", json!(true)),
        ("key_ops", json!("verify")),
        ("key_ops", json!([1])),
    ] {
        let error = read(&with(member, value)).unwrap_err();
        assert!(
            matches!(error, JoseError::KeyRejected { problem: KeyProblem::Malformed { member: m }, .. } if m == member),
            "{member}"
        );
    }
    let mut no_kty = jwk();
    no_kty.as_object_mut().unwrap().remove("kty");
    assert_eq!(problem(&no_kty), KeyProblem::Malformed { member: "kty" });
}

#[test]
fn keys_from_der_pem_and_components() {
    let pair = KeyPair::generate(KeySize::Rsa2048).unwrap();
    let policy = KeyPolicy::default();
    let spki = pair.public_key().as_der().unwrap();
    let pkcs1 = pair.public_key().as_ref().to_vec();
    let from_spki = RsaPublicKey::from_der(spki.as_ref(), &policy).unwrap();
    let from_pkcs1 = RsaPublicKey::from_der(&pkcs1, &policy).unwrap();
    assert_eq!(from_spki.thumbprint(), from_pkcs1.thumbprint());
    let pem_text = pem::encode(&pem::Pem::new("PUBLIC KEY", spki.as_ref().to_vec()));
    assert_eq!(
        RsaPublicKey::from_pem(&pem_text, &policy)
            .unwrap()
            .thumbprint(),
        from_spki.thumbprint()
    );
    let pem_text = pem::encode(&pem::Pem::new("RSA PUBLIC KEY", pkcs1.clone()));
    assert_eq!(
        RsaPublicKey::from_pem(&pem_text, &policy).unwrap().bits(),
        2048
    );
    // Components as an X.509 parser gives them: a DER sign octet before the modulus.
    let n = pair
        .public_key()
        .modulus()
        .big_endian_without_leading_zero()
        .to_vec();
    let with_sign = [vec![0], n].concat();
    let from_parts = RsaPublicKey::from_components(&with_sign, &[0, 1, 0, 1], &policy).unwrap();
    assert_eq!(from_parts.thumbprint(), from_spki.thumbprint());
    // Refusals.
    let error = RsaPublicKey::from_der(b"\x30\x03\x02\x01\x01", &policy).unwrap_err();
    assert!(matches!(
        error,
        JoseError::KeyRejected {
            problem: KeyProblem::Malformed { member: "der" },
            ..
        }
    ));
    let error = RsaPublicKey::from_pem(
        "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n",
        &policy,
    )
    .unwrap_err();
    assert_eq!(error.code().as_str(), "jose.key.pem-label");
    assert_eq!(
        RsaPublicKey::from_pem("not pem", &policy)
            .unwrap_err()
            .code()
            .as_str(),
        "jose.key.pem"
    );
}

#[test]
fn rfc_7638_thumbprint_of_the_rfc_example() {
    // RFC 7638 §3.1.
    let n = "0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4cbbfAAtVT86zwu1RK7aPFFxuhDR1L6tSoc_BJECPebWKRXjBZCiFV4n3oknjhMstn64tZ_2W-5JsGY4Hc5n9yBXArwl93lqt7_RN5w6Cf0h4QyQ5v-65YGjQR0_FDW2QvzqY368QQMicAtaSqzs8KJZgnYb9c7d0zgdAZHzu6qMQvRL5hajrn1n91CbOpbISD08qNLyrdkt-bFTWhAI4vMQFh6WeZu0fM4lFd2NcRwr3XPksINHaQ-G_xBniIqbw0Ls1jF44-csFCur-kEgU8awapJzKnqDKgw";
    let expected = "NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs";
    let mut jwk = Jwk::rsa(n, "AQAB");
    jwk.alg = Some("RS256".to_owned());
    jwk.kid = Some("2011-04-29".to_owned());
    assert_eq!(jwk.thumbprint(), expected);
    let key = jwk.to_public_key(&KeyPolicy::default()).unwrap();
    assert_eq!(key.thumbprint(), expected);
    assert_eq!(key.algorithm(), Some(Algorithm::Rs256));
    // The written JWK reads back to the same key.
    let written = key.to_jwk();
    assert_eq!(written.n, n);
    assert_eq!(written.kid.as_deref(), Some("2011-04-29"));
    assert_eq!(written.alg.as_deref(), Some("RS256"));
    let members: Map<String, Value> =
        serde_json::from_value(serde_json::to_value(&written).unwrap()).unwrap();
    assert_eq!(
        RsaPublicKey::from_jwk(&members, &KeyPolicy::default())
            .unwrap()
            .thumbprint(),
        expected
    );
}

#[test]
fn key_debug_output_names_no_key_material() {
    let key = read(&jwk()).unwrap();
    let debug = format!("{key:?}");
    assert!(
        debug.contains("2048") && !debug.contains(jwk()["n"].as_str().unwrap()),
        "{debug}"
    );
}
