//! Launch verification, structure and header cases of the security catalogue (LTI-01..17, 23..27, 44..46):
//! each rejection is asserted by its code.

use learnwire_lti::{LaunchError, TokenError};
use serde_json::{Value, json};

use crate::support::*;

#[test]
fn lti_01_baseline_is_accepted() {
    let launch = verify(&sign(&baseline())).unwrap();
    assert_eq!(launch.issuer(), ISSUER);
    assert_eq!(launch.subject(), Some("user-1"));
    assert_eq!(launch.deployment_id(), DEPLOYMENT);
    assert_eq!(launch.key_id(), KID);
    assert_eq!(launch.target_link_uri(), Some(TARGET));
    assert_eq!(launch.message_type().as_str(), "LtiResourceLinkRequest");
    assert_eq!(launch.roles().count(), 1);
    assert!(launch.message().is_learner());
}

#[test]
fn lti_02_aud_array_with_trusted_extra_and_azp_is_accepted() {
    let token = signed_with(|c| {
        c.insert("aud".into(), json!([CLIENT_ID, "learnwire-analytics"]));
        c.insert("azp".into(), json!(CLIENT_ID));
    });
    assert!(verify(&token).is_ok());
}

#[test]
fn lti_03_alg_none_in_any_case() {
    let claims = Value::Object(baseline()).to_string();
    for alg in ["none", "NONE", "nOnE"] {
        let header = json!({ "alg": alg, "kid": KID }).to_string();
        let token = format!("{}.{}.", b64(header.as_bytes()), b64(claims.as_bytes()));
        assert_rejected(&token, "lti.header.alg-none");
    }
    // (d) alg rewritten to none, RS256 signature kept.
    let good = sign(&baseline());
    let mut parts = good.split('.');
    let (_, payload, signature) = (
        parts.next().unwrap(),
        parts.next().unwrap(),
        parts.next().unwrap(),
    );
    let header = b64(json!({ "alg": "none", "kid": KID }).to_string().as_bytes());
    assert_rejected(
        &format!("{header}.{payload}.{signature}"),
        "lti.header.alg-none",
    );
}

#[test]
fn lti_04_hs256_key_confusion() {
    let header = json!({ "alg": "HS256", "kid": KID, "typ": "JWT" });
    let token = sign_with_header(&header, &baseline(), platform_key());
    assert_rejected(&token, "lti.header.alg-not-allowed");
    match verify(&token) {
        Err(LaunchError::Token(TokenError::AlgorithmNotAllowed { found })) => {
            assert_eq!(found.as_str(), "HS256")
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn lti_05_unknown_kid() {
    let token = sign_with_header(&header("lw-platform-2099-99"), &baseline(), platform_key());
    assert_rejected(&token, "lti.key.unknown-kid");
}

#[test]
fn lti_06_no_kid_with_several_keys() {
    let token = sign_with_header(
        &json!({ "alg": "RS256", "typ": "JWT" }),
        &baseline(),
        platform_key(),
    );
    assert_rejected(&token, "lti.header.kid-missing");
    let token = sign_with_header(
        &json!({ "alg": "RS256", "kid": 7 }),
        &baseline(),
        platform_key(),
    );
    assert_rejected(&token, "lti.header.invalid-member");
}

#[test]
fn lti_07_kid_injection_is_an_opaque_string() {
    let header = json!({ "alg": "HS256", "kid": "../../../../../../dev/null" });
    assert_rejected(
        &sign_with_header(&header, &baseline(), attacker_key()),
        "lti.header.alg-not-allowed",
    );
    for kid in [
        "x' UNION SELECT 'AA' -- ",
        "lw-platform-2023-01\u{0}\r\nX-Injected: 1",
    ] {
        let token = sign_with_header(
            &json!({ "alg": "RS256", "kid": kid }),
            &baseline(),
            attacker_key(),
        );
        assert_rejected(&token, "lti.key.unknown-kid");
        let message = verify(&token).unwrap_err().to_string();
        assert!(
            !message.contains('\u{0}') && !message.contains('\r'),
            "unescaped: {message}"
        );
    }
}

#[test]
fn lti_08_to_11_header_keys_are_refused() {
    let attacker_jwk = serde_json::to_value(attacker_key().public_jwk()).unwrap();
    for (member, value) in [
        ("jwk", attacker_jwk),
        ("jku", json!("https://attacker.invalid/jwks.json")),
        ("x5u", json!("https://attacker.invalid/cert.pem")),
        ("x5c", json!(["MIIBszCCAVmgAwIBAgIUQ"])),
    ] {
        let mut header = header(KID);
        header[member] = value;
        let token = sign_with_header(&header, &baseline(), attacker_key());
        match verify(&token) {
            Err(LaunchError::Token(TokenError::EmbeddedKey { member: found })) => {
                assert_eq!(found, member)
            }
            other => panic!("{member}: {other:?}"),
        }
    }
}

#[test]
fn lti_12_signature_by_another_key_under_the_legitimate_kid() {
    let token = sign_with_header(&header(KID), &baseline(), attacker_key());
    assert_rejected(&token, "lti.signature.invalid");
}

#[test]
fn lti_13_malformed_signature_bytes() {
    let good = sign(&baseline());
    let (input, signature) = good.rsplit_once('.').unwrap();
    let bytes =
        base64::Engine::decode(&base64::engine::general_purpose::URL_SAFE_NO_PAD, signature)
            .unwrap();
    let modulus = base64::Engine::decode(
        &base64::engine::general_purpose::URL_SAFE_NO_PAD,
        &platform_key().public_jwk().n,
    )
    .unwrap();
    let variants: Vec<Vec<u8>> = vec![
        bytes[..bytes.len() - 16].to_vec(),
        [bytes.clone(), vec![0]].concat(),
        vec![0; bytes.len()],
        modulus,
    ];
    for variant in variants {
        assert_rejected(
            &format!("{input}.{}", b64(&variant)),
            "lti.signature.invalid",
        );
    }
}

#[test]
fn lti_14_15_tampering_after_signing() {
    let good = sign(&baseline());
    let parts: Vec<&str> = good.split('.').collect();
    let mut claims = baseline();
    claims.insert(
        "https://purl.imsglobal.org/spec/lti/claim/roles".into(),
        json!(["http://purl.imsglobal.org/vocab/lis/v2/institution/person#Administrator"]),
    );
    let payload = b64(Value::Object(claims).to_string().as_bytes());
    assert_rejected(
        &format!("{}.{payload}.{}", parts[0], parts[2]),
        "lti.signature.invalid",
    );
    let mut header = header(KID);
    header["x5t"] = json!("AAAA");
    let header = b64(header.to_string().as_bytes());
    assert_rejected(
        &format!("{header}.{}.{}", parts[1], parts[2]),
        "lti.signature.invalid",
    );
}

#[test]
fn lti_16_17_algorithms_outside_the_allow_list() {
    for alg in ["RS512", "ES256", "PS256", "rs256", ""] {
        let token = sign_with_header(
            &json!({ "alg": alg, "kid": KID }),
            &baseline(),
            platform_key(),
        );
        assert_rejected(&token, "lti.header.alg-not-allowed");
    }
    let token = sign_with_header(&json!({ "kid": KID }), &baseline(), platform_key());
    assert_rejected(&token, "lti.header.alg-not-allowed");
}

#[test]
fn rs512_allowed_by_registration_is_still_refused_by_an_rs256_jwk() {
    let mut registration = registration();
    registration.algorithms = vec![learnwire_lti::keys::Algorithm::Rs512];
    // Our signing key signs RS256 only; an RS512 header over an RS256 signature must fail the signature.
    let token = sign_with_header(
        &json!({ "alg": "RS512", "kid": KID }),
        &baseline(),
        platform_key(),
    );
    let error = verify_with(&registration, &token).unwrap_err();
    // The published JWK says alg RS256, so the key refuses RS512 before any signature check.
    assert_eq!(error.code().as_str(), "lti.key.rejected");
}

#[test]
fn lti_23_crit_and_b64_are_refused() {
    let mut with_crit = header(KID);
    with_crit["crit"] = json!(["urn:learnwire:unknown"]);
    with_crit["urn:learnwire:unknown"] = json!(true);
    assert_rejected(
        &sign_with_header(&with_crit, &baseline(), platform_key()),
        "lti.header.crit",
    );
    let mut b64_false = header(KID);
    b64_false["b64"] = json!(false);
    b64_false["crit"] = json!(["b64"]);
    assert_rejected(
        &sign_with_header(&b64_false, &baseline(), platform_key()),
        "lti.header.crit",
    );
    let mut b64_alone = header(KID);
    b64_alone["b64"] = json!(false);
    assert_rejected(
        &sign_with_header(&b64_alone, &baseline(), platform_key()),
        "lti.header.crit",
    );
    let mut empty = header(KID);
    empty["crit"] = json!([]);
    assert_rejected(
        &sign_with_header(&empty, &baseline(), platform_key()),
        "lti.header.invalid-member",
    );
}

#[test]
fn nested_jwt_cty_is_refused_in_any_letter_case() {
    // RFC 7519 §5.2/§7.2: cty "JWT" (or application/jwt) says the payload is another JWT. Never unwrapped.
    for cty in [
        "JWT",
        "jwt",
        "Jwt",
        "application/jwt",
        "APPLICATION/JWT",
        "Application/Jwt",
        " JWT ",
        "application/jwt; charset=utf-8",
        "JWT;x=y",
    ] {
        let mut nested = header(KID);
        nested["cty"] = json!(cty);
        let token = sign_with_header(&nested, &baseline(), platform_key());
        assert_rejected(&token, "lti.header.nested-jwt");
        match verify(&token) {
            Err(LaunchError::Token(TokenError::NestedToken { cty: found })) => {
                assert_eq!(found.as_str(), cty)
            }
            other => panic!("{cty}: {other:?}"),
        }
    }
    // A cty that is not a string is a malformed header; another media type is not a nested token.
    let mut number = header(KID);
    number["cty"] = json!(5);
    assert_rejected(
        &sign_with_header(&number, &baseline(), platform_key()),
        "lti.header.invalid-member",
    );
    for cty in ["json", "application/json", "text/jwt", "JWT+x"] {
        let mut other = header(KID);
        other["cty"] = json!(cty);
        assert!(
            verify(&sign_with_header(&other, &baseline(), platform_key())).is_ok(),
            "{cty}"
        );
    }
}

#[test]
fn lti_24_segment_counts() {
    let good = sign(&baseline());
    for token in [
        format!("{good}.x.y"),
        "a.b".to_owned(),
        format!("{good}.x"),
        String::new(),
    ] {
        assert_rejected(&token, "lti.token.segments");
    }
}

#[test]
fn lti_25_non_strict_base64url() {
    let good = sign(&baseline());
    let (input, signature) = good.rsplit_once('.').unwrap();
    // (a) padding and (d) a newline, re-signed over the exact bytes sent.
    let header_b64 = b64(header(KID).to_string().as_bytes());
    let payload_b64 = b64(Value::Object(baseline()).to_string().as_bytes());
    for (h, p) in [
        (format!("{header_b64}="), payload_b64.clone()),
        (header_b64.clone(), format!("{payload_b64}\n")),
    ] {
        let input = format!("{h}.{p}");
        let sig = platform_key().sign_bytes(input.as_bytes()).unwrap();
        assert_rejected(&format!("{input}.{}", b64(&sig)), "lti.token.base64");
    }
    // (b) the standard alphabet.
    let standard = signature.replace('-', "+").replace('_', "/");
    if standard != signature {
        assert_rejected(&format!("{input}.{standard}"), "lti.token.base64");
    }
    // (c) non-canonical trailing bits in the last signature character (256 bytes: 2 spare bits).
    let last = signature.chars().last().unwrap();
    let alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    let index = alphabet.find(last).unwrap();
    let tweaked = alphabet.chars().nth(index | 1).unwrap();
    if tweaked != last {
        let token = format!("{input}.{}{tweaked}", &signature[..signature.len() - 1]);
        assert_rejected(&token, "lti.token.base64");
    }
}

#[test]
fn lti_26_wrong_json_shapes() {
    let payload = b64(Value::Object(baseline()).to_string().as_bytes());
    let not_json = format!("{}.{payload}.AAAA", b64(b"{not json"));
    assert_rejected(&not_json, "lti.token.json");
    let array_header = sign_raw(
        b"[\"RS256\"]",
        Value::Object(baseline()).to_string().as_bytes(),
        platform_key(),
    );
    assert_rejected(&array_header, "lti.token.not-object");
    let string_payload = sign_raw(
        header(KID).to_string().as_bytes(),
        b"\"claims\"",
        platform_key(),
    );
    assert_rejected(&string_payload, "lti.token.not-object");
}

#[test]
fn lti_27_duplicate_members() {
    let header = format!(r#"{{"alg":"RS256","kid":"{KID}","alg":"none"}}"#);
    let token = sign_raw(
        header.as_bytes(),
        Value::Object(baseline()).to_string().as_bytes(),
        platform_key(),
    );
    assert_rejected(&token, "lti.token.duplicate-member");
    let payload = Value::Object(baseline()).to_string();
    let payload = payload.replacen('{', r#"{"iss":"https://attacker.invalid","#, 1);
    let token = sign_raw(
        super::support::header(KID).to_string().as_bytes(),
        payload.as_bytes(),
        platform_key(),
    );
    match verify(&token) {
        Err(LaunchError::Token(TokenError::DuplicateMember { name, .. })) => {
            assert_eq!(name.as_str(), "iss")
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn lti_44_oversized_token_is_refused_before_decoding() {
    let token = signed_with(|c| {
        c.insert(
            "https://example.com/huge".into(),
            json!("x".repeat(10 * 1024 * 1024)),
        );
    });
    match verify(&token) {
        Err(LaunchError::Token(TokenError::TooLarge { length, limit })) => {
            assert_eq!(limit, 64 * 1024);
            assert_eq!(length, token.len());
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn lti_45_deep_nesting_is_refused() {
    let deep = format!("{}1{}", "[".repeat(10_000), "]".repeat(10_000));
    let mut payload = Value::Object(baseline()).to_string();
    payload.insert_str(1, &format!(r#""https://example.com/deep":{deep},"#));
    let token = sign_raw(
        header(KID).to_string().as_bytes(),
        payload.as_bytes(),
        platform_key(),
    );
    assert_rejected(&token, "lti.token.too-deep");
}

#[test]
fn lti_46_lone_surrogate_is_malformed() {
    let payload = Value::Object(baseline())
        .to_string()
        .replace("\"user-1\"", r#""\ud800""#);
    let token = sign_raw(
        header(KID).to_string().as_bytes(),
        payload.as_bytes(),
        platform_key(),
    );
    assert_rejected(&token, "lti.token.json");
}

#[test]
fn errors_never_echo_the_token() {
    let token = sign_with_header(&header(KID), &baseline(), attacker_key());
    let error = verify(&token).unwrap_err();
    let signature = token.rsplit('.').next().unwrap();
    assert!(!format!("{error} {error:?}").contains(signature));
}

#[test]
fn json_serialized_token_is_refused_as_segments() {
    // The JWS JSON serialization (RFC 7515 §7.2) is not an id_token: same code as before jose read tokens.
    let good = sign(&baseline());
    let mut parts = good.split('.');
    let (header, payload, signature) = (
        parts.next().unwrap(),
        parts.next().unwrap(),
        parts.next().unwrap(),
    );
    let general = json!({ "payload": payload, "signatures": [{ "protected": header, "signature": signature }] });
    assert_rejected(&general.to_string(), "lti.token.segments");
    let flattened = json!({ "payload": payload, "protected": header, "signature": signature });
    assert_rejected(&flattened.to_string(), "lti.token.segments");
}

#[test]
fn empty_signature_with_a_known_kid_is_an_invalid_signature() {
    let good = sign(&baseline());
    let (input, _) = good.rsplit_once('.').unwrap();
    assert_rejected(&format!("{input}."), "lti.signature.invalid");
}

#[test]
fn non_string_alg_is_not_allowed() {
    for alg in [json!(256), json!(["RS256"]), json!(null)] {
        let token = sign_with_header(
            &json!({ "alg": alg, "kid": KID }),
            &baseline(),
            platform_key(),
        );
        assert_rejected(&token, "lti.header.alg-not-allowed");
    }
}
