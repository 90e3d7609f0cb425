//! Signing keys: generation, PKCS#8 and PKCS#1 PEM, refusals, header rules when signing, redaction.

use learnwire_jose::{Algorithm, JoseError, SigningKey, Verifier};
use serde_json::{Map, Value, json};

use crate::support::*;

#[test]
fn pkcs8_pem_and_der_round_trip() {
    let pem = platform_key().to_pkcs8_pem().unwrap();
    assert!(pem.starts_with("-----BEGIN PRIVATE KEY-----\n"));
    let again = SigningKey::from_pem(&pem).unwrap();
    assert_eq!(again.public_jwk(), platform_key().public_jwk());
    let der = platform_key().to_pkcs8_der().unwrap();
    let again = SigningKey::from_pkcs8_der(&der).unwrap();
    assert_eq!(again.bits(), 2048);
    assert_eq!(
        again.public_key().thumbprint(),
        platform_key().public_key().thumbprint()
    );
}

#[test]
fn pkcs1_pem_is_read() {
    // PKCS#8 wraps the PKCS#1 RSAPrivateKey in its last OCTET STRING, after the rsaEncryption
    // AlgorithmIdentifier (…05 00 04 82 len len).
    let der = platform_key().to_pkcs8_der().unwrap();
    let at = der
        .windows(4)
        .position(|w| w == [0x05, 0x00, 0x04, 0x82])
        .unwrap();
    let pkcs1 = der[at + 6..].to_vec();
    let pem = pem::encode(&pem::Pem::new("RSA PRIVATE KEY", pkcs1));
    let key = SigningKey::from_pem(&pem).unwrap();
    assert_eq!(key.public_jwk(), platform_key().public_jwk());
}

#[test]
fn private_key_refusals() {
    let error =
        SigningKey::from_pem("-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n")
            .unwrap_err();
    assert!(matches!(&error, JoseError::PemLabel { label } if label.as_str() == "PUBLIC KEY"));
    assert_eq!(error.code().as_str(), "jose.key.pem-label");
    assert_eq!(
        SigningKey::from_pem("not pem").unwrap_err().code().as_str(),
        "jose.key.pem"
    );
    let error =
        SigningKey::from_pem("-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n")
            .unwrap_err();
    assert_eq!(error.code().as_str(), "jose.key.rejected");
    assert_eq!(
        SigningKey::from_pkcs8_der(b"").unwrap_err().code().as_str(),
        "jose.key.rejected"
    );
    for bits in [0, 1024, 2047, 2049] {
        let error = SigningKey::generate(bits).unwrap_err();
        assert!(matches!(error, JoseError::KeyGeneration { bits: b } if b == bits));
        assert_eq!(error.code().as_str(), "jose.key.generate");
    }
}

#[test]
fn signing_refuses_headers_our_reader_refuses() {
    for member in ["alg", "jwk", "jku", "x5u", "crit", "b64"] {
        let mut header = Map::new();
        header.insert(member.to_owned(), json!("x"));
        let error = platform_key()
            .sign(Algorithm::Rs256, &header, b"{}")
            .unwrap_err();
        assert!(matches!(error, JoseError::SignHeader { member: m } if m == member));
        assert_eq!(error.code().as_str(), "jose.sign.header");
    }
}

#[test]
fn signed_header_starts_with_alg_and_keeps_the_callers_members() {
    let header = json!({ "kid": KID, "typ": "JWT", "x5c": ["AA=="] });
    let token = platform_key()
        .sign(Algorithm::Rs512, header.as_object().unwrap(), b"{}")
        .unwrap();
    let first = token.split('.').next().unwrap();
    let text = String::from_utf8(learnwire_jose::base64url::decode(first).unwrap()).unwrap();
    assert!(text.starts_with(r#"{"alg":"RS512","#), "{text}");
    let members: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(members["x5c"], json!(["AA=="]));
    let verified = Verifier::new(&[Algorithm::Rs512])
        .with_x5c(true)
        .verify(&token, platform_key().public_key())
        .unwrap();
    assert_eq!(verified.header().x5c(), Some(&[vec![0u8]][..]));
}

#[test]
fn a_signing_key_debug_shows_no_secret() {
    let debug = format!("{:?}", platform_key());
    let pem = platform_key().to_pkcs8_pem().unwrap();
    let body: String = pem.lines().nth(1).unwrap().chars().take(20).collect();
    assert!(
        debug.contains("2048") && !debug.contains(&body) && !debug.contains("PRIVATE"),
        "{debug}"
    );
}

#[test]
fn larger_keys_sign_and_verify() {
    let key = SigningKey::generate(3072).unwrap();
    assert_eq!(key.bits(), 3072);
    let token = key.sign(Algorithm::Rs384, &Map::new(), b"{}").unwrap();
    assert!(
        Verifier::new(&[Algorithm::Rs384])
            .verify(&token, key.public_key())
            .is_ok()
    );
}
