//! jsonwebtoken (an independent implementation on the same aws-lc-rs backend) as the oracle, both ways,
//! for RS256, RS384 and RS512: what we sign, it verifies; what it signs, we verify.

use jsonwebtoken::{DecodingKey, EncodingKey, Validation};
use learnwire_jose::{Algorithm, KeyPolicy, RsaPublicKey, SigningKey, Verifier};
use serde_json::{Map, Value, json};

use crate::support::*;

fn oracle_alg(alg: Algorithm) -> jsonwebtoken::Algorithm {
    match alg {
        Algorithm::Rs256 => jsonwebtoken::Algorithm::RS256,
        Algorithm::Rs384 => jsonwebtoken::Algorithm::RS384,
        Algorithm::Rs512 => jsonwebtoken::Algorithm::RS512,
        other => panic!("no oracle algorithm for {other}"),
    }
}

fn validation(alg: Algorithm) -> Validation {
    let mut validation = Validation::new(oracle_alg(alg));
    validation.set_audience(&["client-1"]);
    validation.validate_exp = false; // the fixed claims expired long ago; time is not jose's business
    validation
}

/// The xAPI crate's test keys, read where they are (not copied).
fn xapi_testdata(name: &str) -> Vec<u8> {
    let path = format!(
        "{}/../xapi/testdata/signature/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read(&path).unwrap_or_else(|error| panic!("{path}: {error}"))
}

#[test]
fn jsonwebtoken_verifies_every_token_we_sign() {
    let jwk = platform_key().public_jwk();
    let key = DecodingKey::from_rsa_components(&jwk.n, &jwk.e).unwrap();
    for alg in Algorithm::ALL {
        let header = json!({ "kid": KID, "typ": "JWT" });
        let payload = serde_json::to_vec(&claims()).unwrap();
        let token = platform_key()
            .sign(alg, header.as_object().unwrap(), &payload)
            .unwrap();
        let decoded =
            jsonwebtoken::decode::<Map<String, Value>>(&token, &key, &validation(alg)).unwrap();
        assert_eq!(decoded.claims, claims(), "{alg}");
        assert_eq!(decoded.header.alg, oracle_alg(alg));
        assert_eq!(decoded.header.kid.as_deref(), Some(KID));
    }
}

#[test]
fn we_verify_every_token_jsonwebtoken_signs() {
    let pem = platform_key().to_pkcs8_pem().unwrap();
    let key = EncodingKey::from_rsa_pem(pem.as_bytes()).unwrap();
    for alg in Algorithm::ALL {
        let mut header = jsonwebtoken::Header::new(oracle_alg(alg));
        header.kid = Some(KID.to_owned());
        let token = jsonwebtoken::encode(&header, &claims(), &key).unwrap();
        let verified = Verifier::new(&[alg])
            .verify_with_set(&token, &platform_set())
            .unwrap();
        assert_eq!(verified.claims(), &claims(), "{alg}");
        assert_eq!(verified.header().alg(), alg);
        assert_eq!(verified.header().typ(), Some("JWT"));
        // And pinned to another algorithm, the same token is refused.
        let pinned: Vec<Algorithm> = Algorithm::ALL.into_iter().filter(|a| *a != alg).collect();
        let error = Verifier::new(&pinned)
            .verify_with_set(&token, &platform_set())
            .unwrap_err();
        assert_eq!(error.code().as_str(), "jose.jws.alg-not-allowed");
    }
}

#[test]
fn interop_with_the_xapi_test_keys_read_by_path() {
    let private = String::from_utf8(xapi_testdata("signer.key.pem")).unwrap();
    let public = String::from_utf8(xapi_testdata("signer.pub.pem")).unwrap();
    let ours = SigningKey::from_pem(&private).unwrap();
    let public_key = RsaPublicKey::from_pem(&public, &KeyPolicy::default()).unwrap();
    assert_eq!(public_key.thumbprint(), ours.public_key().thumbprint());
    let theirs = EncodingKey::from_rsa_pem(private.as_bytes()).unwrap();
    let their_public = DecodingKey::from_rsa_pem(public.as_bytes()).unwrap();
    for alg in Algorithm::ALL {
        let token = jsonwebtoken::encode(
            &jsonwebtoken::Header::new(oracle_alg(alg)),
            &claims(),
            &theirs,
        )
        .unwrap();
        let verified = Verifier::new(&[alg]).verify(&token, &public_key).unwrap();
        assert_eq!(verified.claims(), &claims());
        let payload = serde_json::to_vec(&claims()).unwrap();
        let token = ours.sign(alg, &Map::new(), &payload).unwrap();
        jsonwebtoken::decode::<Map<String, Value>>(&token, &their_public, &validation(alg))
            .unwrap();
    }
}

#[test]
fn jsonwebtoken_and_we_both_refuse_a_token_signed_by_another_key() {
    let payload = serde_json::to_vec(&claims()).unwrap();
    let header = json!({ "kid": KID });
    let token = other_key()
        .sign(Algorithm::Rs256, header.as_object().unwrap(), &payload)
        .unwrap();
    let jwk = platform_key().public_jwk();
    let key = DecodingKey::from_rsa_components(&jwk.n, &jwk.e).unwrap();
    assert!(
        jsonwebtoken::decode::<Map<String, Value>>(&token, &key, &validation(Algorithm::Rs256))
            .is_err()
    );
    assert_refused(&token, "jose.jws.signature");
}
