//! The code registry: every code any error can report is listed once, with a summary and a reference.

use std::collections::BTreeSet;

use learnwire_jose::{
    Algorithm, CODES, JoseError, KeyProblem, Limits, Part, Untrusted, X5cProblem, read_json,
};

fn every_error() -> Vec<JoseError> {
    let json = |bytes: &[u8], limits: Limits| JoseError::Json {
        part: Part::Header,
        error: read_json(bytes, &limits).unwrap_err(),
    };
    let text = Untrusted::new("x");
    let problems = [
        KeyProblem::UnsupportedKeyType,
        KeyProblem::NotForSignatures,
        KeyProblem::OperationNotAllowed,
        KeyProblem::UnsupportedAlgorithm,
        KeyProblem::AlgorithmMismatch {
            key: Algorithm::Rs256,
            token: Algorithm::Rs512,
        },
        KeyProblem::LeadingZero { member: "n" },
        KeyProblem::Malformed { member: "n" },
        KeyProblem::Exponent,
        KeyProblem::Size {
            bits: 1024,
            min: 2048,
            max: 8192,
        },
    ];
    let mut errors = vec![
        json(b"[1]", Limits::default().with_max_json_bytes(1)),
        json(b"[[1]]", Limits::default().with_max_json_depth(1)),
        json(br#"{"a":1,"a":1}"#, Limits::default()),
        json(b"x", Limits::default()),
        JoseError::TooLarge {
            length: 2,
            limit: 1,
        },
        JoseError::JsonSerialization,
        JoseError::SegmentCount { found: 2 },
        JoseError::Base64 { part: Part::Header },
        JoseError::NotAnObject {
            part: Part::Payload,
        },
        JoseError::UnsecuredJws,
        JoseError::HmacAlgorithm { alg: text.clone() },
        JoseError::AlgorithmNotAllowed {
            found: text.clone(),
        },
        JoseError::MissingHeaderMember { name: "alg" },
        JoseError::InvalidHeaderMember { name: "kid" },
        JoseError::EmbeddedKey { member: "jwk" },
        JoseError::UnsupportedCritical { name: text.clone() },
        JoseError::NestedJwt { cty: text.clone() },
        JoseError::X5c {
            problem: X5cProblem::Empty,
        },
        JoseError::MissingSignature,
        JoseError::SignatureLength {
            length: 1,
            expected: 256,
        },
        JoseError::InvalidSignature,
        JoseError::PrivateMember {
            index: None,
            member: "d",
        },
        JoseError::JwksShape,
        JoseError::TooManyKeys { count: 2, limit: 1 },
        JoseError::MalformedSetKey {
            index: 0,
            member: "kty",
        },
        JoseError::DuplicateKeyId { kid: text.clone() },
        JoseError::UnknownKeyId { kid: text.clone() },
        JoseError::Pem("x".into()),
        JoseError::PemLabel { label: text },
        JoseError::PrivateKeyRejected { reason: "x" },
        JoseError::KeyGeneration { bits: 1 },
        JoseError::Encode,
        JoseError::SignHeader { member: "alg" },
        JoseError::Sign,
    ];
    errors.extend(
        problems
            .into_iter()
            .map(|problem| JoseError::KeyRejected { kid: None, problem }),
    );
    errors
}

#[test]
fn every_code_is_listed_once_with_a_summary_and_reference() {
    let listed: BTreeSet<&str> = CODES.iter().map(|info| info.code.as_str()).collect();
    assert_eq!(listed.len(), CODES.len(), "a code is listed twice");
    for info in CODES {
        assert!(info.code.as_str().starts_with("jose."), "{}", info.code);
        assert_eq!(info.code.family(), "jose");
        assert!(
            !info.summary.is_empty() && !info.reference.is_empty(),
            "{}",
            info.code
        );
    }
    let reported: BTreeSet<&str> = every_error()
        .iter()
        .map(|error| error.code().as_str())
        .collect();
    for code in &reported {
        assert!(listed.contains(code), "{code} is not in CODES");
    }
    assert_eq!(reported, listed, "CODES lists a code no error reports");
}

#[test]
fn messages_are_lowercase_without_final_period_and_escape_untrusted_text() {
    for error in every_error() {
        let message = error.to_string();
        assert!(!message.ends_with('.'), "{message}");
        let first = message.chars().next().unwrap();
        assert!(
            !first.is_uppercase()
                || message.starts_with("HMAC")
                || message.starts_with("JWS")
                || message.starts_with("RSA")
                || message.starts_with("PEM"),
            "{message}"
        );
    }
    let error = JoseError::UnknownKeyId {
        kid: Untrusted::new("a\u{1b}[31m\r\n"),
    };
    assert!(!error.to_string().contains('\u{1b}'));
}

#[test]
fn predicates_group_the_codes() {
    for error in every_error() {
        let groups = [
            error.is_malformed(),
            error.is_algorithm(),
            error.is_invalid_signature(),
            error.is_key(),
        ];
        assert!(
            groups.iter().filter(|in_group| **in_group).count() <= 1,
            "{error:?}"
        );
    }
    assert!(JoseError::UnsecuredJws.is_algorithm());
    assert!(JoseError::InvalidSignature.is_invalid_signature());
    assert!(JoseError::SegmentCount { found: 1 }.is_malformed());
    assert!(
        JoseError::UnknownKeyId {
            kid: Untrusted::new("k")
        }
        .is_key()
    );
}

#[test]
fn public_types_can_be_shared_between_threads() {
    fn shared<T: Send + Sync>() {}
    shared::<learnwire_jose::JwkSet>();
    shared::<learnwire_jose::RsaPublicKey>();
    shared::<learnwire_jose::SigningKey>();
    shared::<learnwire_jose::Verifier>();
    shared::<learnwire_jose::VerifiedJws>();
    shared::<JoseError>();
}
