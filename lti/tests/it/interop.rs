//! jsonwebtoken (an independent implementation on the same aws-lc-rs backend) as an oracle: what we
//! sign, it verifies; what it signs, we verify.

use jsonwebtoken::{Algorithm, DecodingKey, EncodingKey, Header, Validation};
use serde_json::{Map, Value};

use crate::support::*;

#[test]
fn jsonwebtoken_verifies_our_tokens() {
    let token = sign(&baseline());
    let jwk = platform_key().public_jwk();
    let key = DecodingKey::from_rsa_components(&jwk.n, &jwk.e).unwrap();
    let mut validation = Validation::new(Algorithm::RS256);
    validation.set_audience(&[CLIENT_ID]);
    validation.validate_exp = false;
    let decoded = jsonwebtoken::decode::<Map<String, Value>>(&token, &key, &validation).unwrap();
    assert_eq!(decoded.claims, baseline());
    assert_eq!(decoded.header.kid.as_deref(), Some(KID));
}

#[test]
fn we_verify_jsonwebtoken_tokens() {
    let pem = platform_key().to_pkcs8_pem().unwrap();
    let key = EncodingKey::from_rsa_pem(pem.as_bytes()).unwrap();
    let mut header = Header::new(Algorithm::RS256);
    header.kid = Some(KID.to_owned());
    let token = jsonwebtoken::encode(&header, &baseline(), &key).unwrap();
    assert!(verify(&token).is_ok());
}
