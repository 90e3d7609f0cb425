//! Header checks before any key is used: algorithms (LTI-03, -04, -16, -17), embedded keys (LTI-08..11),
//! `x5c` when asked for, `crit` and `b64` (LTI-23), member types, nested tokens, `kid` (LTI-05..07).

use aws_lc_rs::hmac;
use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use learnwire_jose::{Algorithm, JoseError, Limits, Verifier, X5cProblem};
use serde_json::{Value, json};

use crate::support::*;

fn header_with(member: &str, value: Value) -> Value {
    let mut header = json!({ "alg": "RS256", "kid": KID });
    header[member] = value;
    header
}

#[test]
fn lti_03_alg_none_in_any_case_is_refused_first() {
    for alg in ["none", "NONE", "nOnE"] {
        let header = b64(json!({ "alg": alg, "kid": KID }).to_string().as_bytes());
        let payload = b64(Value::Object(claims()).to_string().as_bytes());
        let error = assert_refused(&format!("{header}.{payload}."), "jose.jws.alg-none");
        assert!(error.is_algorithm());
    }
    // (d) alg rewritten to none, the original RS256 signature kept.
    let good = sign_header(&json!({ "alg": "RS256", "kid": KID }));
    let parts: Vec<&str> = good.split('.').collect();
    let none = b64(json!({ "alg": "none", "kid": KID }).to_string().as_bytes());
    assert_refused(
        &format!("{none}.{}.{}", parts[1], parts[2]),
        "jose.jws.alg-none",
    );
}

#[test]
fn lti_04_hmac_keyed_with_the_public_key_is_refused() {
    // HS256 over the token with the public key's text as the HMAC secret (the classic key confusion).
    let jwk = platform_key().public_jwk();
    for (alg, digest) in [
        ("HS256", hmac::HMAC_SHA256),
        ("HS384", hmac::HMAC_SHA384),
        ("HS512", hmac::HMAC_SHA512),
    ] {
        let input = format!(
            "{}.{}",
            b64(json!({ "alg": alg, "kid": KID }).to_string().as_bytes()),
            b64(Value::Object(claims()).to_string().as_bytes())
        );
        let secret = hmac::Key::new(digest, jwk.n.as_bytes());
        let tag = hmac::sign(&secret, input.as_bytes());
        let token = format!("{input}.{}", b64(tag.as_ref()));
        match assert_refused(&token, "jose.jws.alg-hmac") {
            JoseError::HmacAlgorithm { alg: found } => assert_eq!(found.as_str(), alg),
            other => panic!("{other:?}"),
        }
    }
}

#[test]
fn lti_16_17_algorithms_outside_the_allow_list() {
    let good_rs512 = sign_raw(
        &json!({ "alg": "RS512", "kid": KID }).to_string(),
        &Value::Object(claims()).to_string(),
        platform_key(),
        Algorithm::Rs512,
    );
    assert_refused(&good_rs512, "jose.jws.alg-not-allowed");
    for alg in ["ES256", "PS256", "EdDSA", "rs256", "", "HS1"] {
        let error = assert_refused(
            &sign_header(&json!({ "alg": alg, "kid": KID })),
            "jose.jws.alg-not-allowed",
        );
        assert!(
            matches!(&error, JoseError::AlgorithmNotAllowed { found } if found.as_str() == alg)
        );
    }
    // An empty allow-list refuses everything.
    let error = refusal(
        &Verifier::new(&[]),
        &sign_header(&json!({ "alg": "RS256", "kid": KID })),
    );
    assert_eq!(error.code().as_str(), "jose.jws.alg-not-allowed");
}

#[test]
fn missing_or_non_string_alg_is_refused() {
    match assert_refused(
        &sign_header(&json!({ "kid": KID })),
        "jose.jws.header-missing",
    ) {
        JoseError::MissingHeaderMember { name } => assert_eq!(name, "alg"),
        other => panic!("{other:?}"),
    }
    match assert_refused(
        &sign_header(&json!({ "alg": ["RS256"], "kid": KID })),
        "jose.jws.header-type",
    ) {
        JoseError::InvalidHeaderMember { name } => assert_eq!(name, "alg"),
        other => panic!("{other:?}"),
    }
}

#[test]
fn lti_08_to_11_embedded_keys_are_refused() {
    let attacker_jwk = serde_json::to_value(other_key().public_jwk()).unwrap();
    for (member, value) in [
        ("jwk", attacker_jwk),
        ("jku", json!("https://attacker.invalid/jwks.json")),
        ("x5u", json!("https://attacker.invalid/cert.pem")),
        ("x5c", json!(["MIIBszCCAVmgAwIBAgIUQ"])),
        ("x5t#S256", json!("AAAA")),
    ] {
        let token = sign_header(&header_with(member, value));
        match assert_refused(&token, "jose.jws.embedded-key") {
            JoseError::EmbeddedKey { member: found } => assert_eq!(found, member),
            other => panic!("{other:?}"),
        }
    }
}

#[test]
fn x5t_is_inert_and_left_to_the_signature() {
    // As LTI does today: x5t (SHA-1 thumbprint) carries no key, so it is not refused by itself.
    let token = sign_header(&header_with("x5t", json!("AAAA")));
    assert!(rs256().verify_with_set(&token, &platform_set()).is_ok());
}

#[test]
fn x5c_is_read_only_when_asked_for_and_given_to_the_caller() {
    let certificates = [b"first certificate DER".to_vec(), b"second".to_vec()];
    let x5c: Vec<String> = certificates
        .iter()
        .map(|der| STANDARD.encode(der))
        .collect();
    let token = sign_header(&header_with("x5c", json!(x5c)));
    let reading = rs256().with_x5c(true);
    let read = reading.read(&token).unwrap();
    assert_eq!(read.header().x5c(), Some(&certificates[..]));
    assert!(reading.verify_with_set(&token, &platform_set()).is_ok());
    // jwk, jku and x5u stay refused.
    let token = sign_header(&header_with("jku", json!("https://attacker.invalid/")));
    assert_eq!(
        refusal(&reading, &token).code().as_str(),
        "jose.jws.embedded-key"
    );
    // x5t#S256 is let through with x5c.
    let token = sign_header(&header_with("x5t#S256", json!("AAAA")));
    assert!(reading.read(&token).is_ok());
}

#[test]
fn x5c_problems_are_named() {
    let reading = rs256()
        .with_x5c(true)
        .with_limits(Limits::default().with_max_x5c_certificates(2));
    for (value, problem) in [
        (json!("MIIB"), X5cProblem::NotAnArray),
        (json!([]), X5cProblem::Empty),
        (
            json!(["AA==", "AA==", "AA=="]),
            X5cProblem::TooMany { count: 3, limit: 2 },
        ),
        (json!(["AA==", "AA"]), X5cProblem::NotBase64 { index: 1 }),
        (json!(["-_8="]), X5cProblem::NotBase64 { index: 0 }),
        (json!([1]), X5cProblem::NotBase64 { index: 0 }),
    ] {
        let token = sign_header(&header_with("x5c", value.clone()));
        match refusal(&reading, &token) {
            JoseError::X5c { problem: found } => assert_eq!(found, problem, "{value}"),
            other => panic!("{value}: {other:?}"),
        }
    }
}

#[test]
fn lti_23_crit_is_refused_unless_understood() {
    let token = sign_header(&header_with("crit", json!(["urn:learnwire:unknown"])));
    match assert_refused(&token, "jose.jws.crit") {
        JoseError::UnsupportedCritical { name } => {
            assert_eq!(name.as_str(), "urn:learnwire:unknown")
        }
        other => panic!("{other:?}"),
    }
    // (b) RFC 7797 unencoded payload, with and without crit.
    let mut header = header_with("crit", json!(["b64"]));
    header["b64"] = json!(false);
    assert_refused(&sign_header(&header), "jose.jws.crit");
    assert_refused(
        &sign_header(&header_with("b64", json!(false))),
        "jose.jws.crit",
    );
    assert!(
        rs256()
            .read(&sign_header(&header_with("b64", json!(true))))
            .is_ok()
    );
    // Malformed crit values.
    for crit in [json!([]), json!("x"), json!([1]), json!(["x", "x"])] {
        let token = sign_header(&header_with("crit", crit.clone()));
        let error = assert_refused(&token, "jose.jws.header-type");
        assert!(
            matches!(error, JoseError::InvalidHeaderMember { name: "crit" }),
            "{crit}"
        );
    }
}

#[test]
fn crit_extensions_the_caller_understands_are_accepted() {
    let mut header = header_with("crit", json!(["urn:example:policy"]));
    header["urn:example:policy"] = json!("strict");
    let token = sign_header(&header);
    let verifier = rs256().with_understood_critical(&["urn:example:policy"]);
    let verified = verifier.verify_with_set(&token, &platform_set()).unwrap();
    assert_eq!(
        verified.header().get("urn:example:policy"),
        Some(&json!("strict"))
    );
    // Registered names and b64 are never understood.
    for name in ["alg", "kid", "b64"] {
        let verifier = rs256().with_understood_critical(&[name]);
        let token = sign_header(&header_with("crit", json!([name])));
        assert_eq!(
            refusal(&verifier, &token).code().as_str(),
            "jose.jws.crit",
            "{name}"
        );
    }
}

#[test]
fn typ_cty_and_kid_must_be_strings() {
    for name in ["typ", "cty", "kid"] {
        let token = sign_header(&header_with(name, json!(1)));
        match assert_refused(&token, "jose.jws.header-type") {
            JoseError::InvalidHeaderMember { name: found } => assert_eq!(found, name),
            other => panic!("{other:?}"),
        }
    }
    let verified = rs256()
        .verify_with_set(
            &sign_header(&header_with("typ", json!("at+jwt"))),
            &platform_set(),
        )
        .unwrap();
    assert_eq!(verified.header().typ(), Some("at+jwt"));
}

#[test]
fn nested_jwt_is_refused() {
    for cty in [
        "JWT",
        "jwt",
        " Jwt ",
        "application/JWT",
        "application/jwt; x=1",
        "Application / jwt",
    ] {
        let token = sign_header(&header_with("cty", json!(cty)));
        match assert_refused(&token, "jose.jws.nested") {
            JoseError::NestedJwt { cty: found } => assert_eq!(found.as_str(), cty),
            other => panic!("{other:?}"),
        }
    }
    for cty in ["json", "text/jwt", "application/jwt+json"] {
        let verified = rs256()
            .verify_with_set(
                &sign_header(&header_with("cty", json!(cty))),
                &platform_set(),
            )
            .unwrap();
        assert_eq!(verified.header().cty(), Some(cty));
    }
    // cty is checked before kid's type, as the LTI reader does.
    let mut header = header_with("cty", json!("JWT"));
    header["kid"] = json!(1);
    assert_refused(&sign_header(&header), "jose.jws.nested");
}

#[test]
fn lti_05_06_07_kid_selection() {
    // Unknown kid.
    let token = sign_header(&json!({ "alg": "RS256", "kid": "lw-platform-2099-99" }));
    assert_refused(&token, "jose.jwks.unknown-kid");
    // No kid: a key set never tries every key.
    let token = sign_header(&json!({ "alg": "RS256" }));
    match assert_refused(&token, "jose.jws.header-missing") {
        JoseError::MissingHeaderMember { name } => assert_eq!(name, "kid"),
        other => panic!("{other:?}"),
    }
    // kid injection: compared byte for byte, escaped when shown.
    for kid in [
        "../../../../../../dev/null",
        "x' UNION SELECT 'AA' -- ",
        "lw-platform-2023-01\u{0}\r\nX-Injected: 1",
        "lw-platform-2023-01\u{0}",
    ] {
        let error = assert_refused(
            &sign_header(&json!({ "alg": "RS256", "kid": kid })),
            "jose.jwks.unknown-kid",
        );
        let message = error.to_string();
        assert!(
            !message.contains('\u{0}') && !message.contains('\r'),
            "{message}"
        );
    }
}

#[test]
fn a_required_kid_is_checked_in_header_order() {
    // Without kid and with a signature that is not base64url: the header check comes first.
    let token = sign_header(&json!({ "alg": "RS256" }));
    let (input, _) = token.rsplit_once('.').unwrap();
    let broken = format!("{input}.!!!");
    assert_eq!(
        rs256().read(&broken).unwrap_err().code().as_str(),
        "jose.jws.base64"
    );
    let error = rs256().with_kid_required(true).read(&broken).unwrap_err();
    assert!(matches!(
        error,
        JoseError::MissingHeaderMember { name: "kid" }
    ));
    // alg still comes before it.
    let error = rs256()
        .with_kid_required(true)
        .read(&sign_header(&json!({ "alg": "none" })))
        .unwrap_err();
    assert_eq!(error.code().as_str(), "jose.jws.alg-none");
}
