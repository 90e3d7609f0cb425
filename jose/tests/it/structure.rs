//! The compact form: size, serialization, segment count, canonical base64url, JSON shape, duplicate
//! members, depth (security catalogue LTI-24..27, LTI-44, LTI-45).

use learnwire_jose::{Algorithm, JoseError, Limits, Part, Verifier};
use serde_json::{Value, json};

use crate::support::*;

fn header() -> Value {
    json!({ "alg": "RS256", "kid": KID })
}

fn good() -> String {
    sign_header(&header())
}

#[test]
fn baseline_token_verifies() {
    let verified = rs256().verify_with_set(&good(), &platform_set()).unwrap();
    assert_eq!(verified.claims(), &claims());
    assert_eq!(verified.header().kid(), Some(KID));
}

#[test]
fn jws_longer_than_the_limit_is_refused_on_its_length() {
    let token = good();
    let limits = Limits::default().with_max_jws_bytes(token.len() - 1);
    let error = refusal(&rs256().with_limits(limits), &token);
    assert!(
        matches!(error, JoseError::TooLarge { length, limit } if length == token.len() && limit == token.len() - 1)
    );
    assert_eq!(error.code().as_str(), "jose.jws.too-large");
    // Even when the content is garbage: size is decided first.
    let garbage = "!".repeat(65 * 1024);
    assert_refused(&garbage, "jose.jws.too-large");
}

#[test]
fn json_serialization_is_named_as_such() {
    let error = assert_refused(
        r#"{"payload":"e30","signatures":[]}"#,
        "jose.jws.json-serialization",
    );
    assert!(error.is_malformed());
}

#[test]
fn lti_24_wrong_segment_counts() {
    let token = good();
    let parts: Vec<&str> = token.split('.').collect();
    for (text, found) in [
        (format!("{token}.{}.{}", parts[1], parts[2]), 5),
        (format!("{}.{}", parts[0], parts[1]), 2),
        (format!("{token}.x"), 4),
        (String::new(), 1),
        ("....".to_owned(), 5),
    ] {
        let error = assert_refused(&text, "jose.jws.segments");
        assert!(
            matches!(error, JoseError::SegmentCount { found: f } if f == found),
            "{text}: {error:?}"
        );
        assert!(
            error
                .to_string()
                .contains("encrypted tokens are not supported")
        );
    }
}

fn assert_base64(token: &str, part: Part) {
    match assert_refused(token, "jose.jws.base64") {
        JoseError::Base64 { part: found } => assert_eq!(found, part, "{token}"),
        other => panic!("{other:?}"),
    }
}

#[test]
fn lti_25a_padding_is_refused_even_when_signed_over() {
    let (h, p) = (b64(header().to_string().as_bytes()), b64(b"{}"));
    let input = format!("{h}=.{p}");
    let signature = platform_key()
        .sign_bytes(Algorithm::Rs256, input.as_bytes())
        .unwrap();
    assert_base64(&format!("{input}.{}", b64(&signature)), Part::Header);
}

#[test]
fn lti_25b_standard_alphabet_is_refused() {
    // Find a header whose base64url has '_' or '-', then spell it with the standard alphabet and sign
    // the exact bytes sent.
    let header = (0..12)
        .map(|n| json!({ "alg": "RS256", "kid": KID, "x": "?".repeat(n) }).to_string())
        .find(|text| b64(text.as_bytes()).contains(['_', '-']))
        .unwrap();
    let standard = b64(header.as_bytes()).replace('_', "/").replace('-', "+");
    let input = format!("{standard}.{}", b64(b"{}"));
    let signature = platform_key()
        .sign_bytes(Algorithm::Rs256, input.as_bytes())
        .unwrap();
    assert_base64(&format!("{input}.{}", b64(&signature)), Part::Header);
}

#[test]
fn lti_25c_non_canonical_trailing_bits_in_the_signature_are_refused() {
    let token = good();
    // A 256-byte signature is 342 characters: the last one carries 2 data bits and 4 zero bits.
    let last = token.chars().last().unwrap();
    let alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    let value = alphabet.find(last).unwrap();
    assert_eq!(value & 0b1111, 0);
    let sibling = alphabet.chars().nth(value | 1).unwrap();
    let forged = format!("{}{sibling}", &token[..token.len() - 1]);
    assert_base64(&forged, Part::Signature);
}

#[test]
fn lti_25d_embedded_newline_is_refused_even_when_signed_over() {
    let payload = b64(Value::Object(claims()).to_string().as_bytes());
    let (first, rest) = payload.split_at(10);
    let input = format!("{}.{first}\n{rest}", b64(header().to_string().as_bytes()));
    let signature = platform_key()
        .sign_bytes(Algorithm::Rs256, input.as_bytes())
        .unwrap();
    assert_base64(&format!("{input}.{}", b64(&signature)), Part::Payload);
    // In the header, the newline is caught before any key is used.
    let token = good().replacen('.', "\n.", 1);
    assert_base64(&token, Part::Header);
}

#[test]
fn non_ascii_bytes_are_not_base64url() {
    let token = good().replacen('e', "é", 1);
    assert_base64(&token, Part::Header);
}

#[test]
fn lti_26_wrong_json_shapes() {
    let error = assert_refused(
        &sign_raw("not json", "{}", platform_key(), Algorithm::Rs256),
        "jose.json.syntax",
    );
    assert!(matches!(
        error,
        JoseError::Json {
            part: Part::Header,
            ..
        }
    ));
    assert!(error.is_malformed());
    let error = assert_refused(
        &sign_raw(r#"["RS256"]"#, "{}", platform_key(), Algorithm::Rs256),
        "jose.jws.not-object",
    );
    assert!(matches!(
        error,
        JoseError::NotAnObject { part: Part::Header }
    ));
    let error = assert_refused(
        &sign_raw(
            &header().to_string(),
            r#""a string""#,
            platform_key(),
            Algorithm::Rs256,
        ),
        "jose.jws.not-object",
    );
    assert!(matches!(
        error,
        JoseError::NotAnObject {
            part: Part::Payload
        }
    ));
    let error = assert_refused(
        &sign_raw(&header().to_string(), "{", platform_key(), Algorithm::Rs256),
        "jose.json.syntax",
    );
    assert!(matches!(
        error,
        JoseError::Json {
            part: Part::Payload,
            ..
        }
    ));
}

#[test]
fn lti_27_duplicate_members_in_header_or_payload() {
    let header = format!(r#"{{"alg":"RS256","kid":"{KID}","alg":"none"}}"#);
    let error = assert_refused(
        &sign_raw(&header, "{}", platform_key(), Algorithm::Rs256),
        "jose.json.duplicate-member",
    );
    assert!(matches!(
        error,
        JoseError::Json {
            part: Part::Header,
            ..
        }
    ));
    let payload =
        r#"{"iss":"https://evil.example","sub":"a","iss":"https://platform.example.edu"}"#;
    let error = assert_refused(
        &sign_raw(
            &crate::structure::header().to_string(),
            payload,
            platform_key(),
            Algorithm::Rs256,
        ),
        "jose.json.duplicate-member",
    );
    match error {
        JoseError::Json {
            part: Part::Payload,
            error,
        } => {
            assert!(error.to_string().contains("\"iss\""), "{error}");
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn lti_45_deep_nesting_in_header_or_payload() {
    let deep = |n: usize| format!("{}1{}", "[".repeat(n), "]".repeat(n));
    let header = format!(r#"{{"alg":"RS256","kid":"{KID}","x":{}}}"#, deep(64));
    let error = assert_refused(
        &sign_raw(&header, "{}", platform_key(), Algorithm::Rs256),
        "jose.json.too-deep",
    );
    assert!(matches!(
        error,
        JoseError::Json {
            part: Part::Header,
            ..
        }
    ));
    let payload = format!(r#"{{"x":{}}}"#, deep(10_000));
    let error = assert_refused(
        &sign_raw(
            &crate::structure::header().to_string(),
            &payload,
            platform_key(),
            Algorithm::Rs256,
        ),
        "jose.json.too-deep",
    );
    assert!(matches!(
        error,
        JoseError::Json {
            part: Part::Payload,
            ..
        }
    ));
    // A deeper limit lets 64 levels through.
    let payload = format!(r#"{{"x":{}}}"#, deep(100));
    let token = sign_raw(
        &crate::structure::header().to_string(),
        &payload,
        platform_key(),
        Algorithm::Rs256,
    );
    let verifier =
        Verifier::new(&[Algorithm::Rs256]).with_limits(Limits::default().with_max_json_depth(101));
    assert!(verifier.verify_with_set(&token, &platform_set()).is_ok());
}

#[test]
fn empty_signature_segment_is_refused() {
    let token = good();
    let (input, _) = token.rsplit_once('.').unwrap();
    let error = assert_refused(&format!("{input}."), "jose.jws.signature-missing");
    assert!(error.is_malformed());
}
