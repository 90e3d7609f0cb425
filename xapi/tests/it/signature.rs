//! Signed statements (Data §2.6): security cases XAPI-21..26 plus extra JWS rules.
#![cfg(test)]

use base64::Engine;
use base64::engine::general_purpose::{STANDARD, URL_SAFE_NO_PAD};
use learnwire_xapi::lrs::{ReceiveError, ReceiveOptions, receive_statements};
use learnwire_xapi::multipart::{MultipartBuilder, SIGNATURE_USAGE_TYPE, sha256_hex};
use learnwire_xapi::signature::{
    KeySource, SignatureAlgorithm, SignatureError, SignaturePolicy, SigningKey, VerificationKey,
    sign_statement, verify_signed_statement,
};
use serde_json::{Value, json};

const SIGNER_KEY: &[u8] = include_bytes!("../../testdata/signature/signer.key.pem");
const SIGNER_CERT: &str = include_str!("../../testdata/signature/signer.cert.pem");
const SIGNER_PUB: &[u8] = include_bytes!("../../testdata/signature/signer.pub.pem");
const OTHER_KEY: &[u8] = include_bytes!("../../testdata/signature/other.key.pem");
const WEAK_CERT: &str = include_str!("../../testdata/signature/weak.cert.pem");

pub(crate) fn der(pem: &str) -> Vec<u8> {
    let body: String = pem
        .lines()
        .filter(|line| !line.starts_with("-----"))
        .collect();
    STANDARD.decode(body).unwrap()
}

pub(crate) fn statement() -> Value {
    json!({
        "id": "2a41c918-b88b-4220-8e5f-0d6f2e5a1f33",
        "actor": {"mbox": "mailto:learner@example.com", "name": "A Learner"},
        "verb": {"id": "http://adlnet.gov/expapi/verbs/passed", "display": {"en-US": "passed"}},
        "object": {"id": "http://example.com/exam"},
        "result": {"success": true, "score": {"scaled": 0.9}},
        "timestamp": "2023-11-14T22:13:20Z"
    })
}

/// A multipart body for `statement` with `jws` as its signature (metadata derived from the JWS bytes).
fn body_with_jws(statement: &Value, jws: &str, part_type: &str) -> (String, Vec<u8>) {
    let mut statement = statement.clone();
    statement["attachments"] = json!([{
        "usageType": SIGNATURE_USAGE_TYPE,
        "display": {"en-US": "Signature"},
        "contentType": "application/octet-stream",
        "length": jws.len(),
        "sha2": sha256_hex(jws.as_bytes()),
    }]);
    let body = MultipartBuilder::new(serde_json::to_vec(&statement).unwrap())
        .attachment(part_type, jws.as_bytes().to_vec())
        .build()
        .unwrap();
    (body.content_type, body.body)
}

fn receive(content_type: &str, body: &[u8]) -> Result<usize, ReceiveError> {
    let received = receive_statements(content_type, body, &ReceiveOptions::default())?;
    Ok(received.signatures.len())
}

fn signature_error(content_type: &str, body: &[u8]) -> SignatureError {
    match receive_statements(content_type, body, &ReceiveOptions::default()) {
        Err(ReceiveError::Signature(error)) => error,
        other => panic!("expected a signature error, got {other:?}"),
    }
}

fn unsigned_jws(header: &Value, payload: &Value, signature: &str) -> String {
    format!(
        "{}.{}.{signature}",
        URL_SAFE_NO_PAD.encode(header.to_string()),
        URL_SAFE_NO_PAD.encode(payload.to_string())
    )
}

#[test]
fn xapi_21_valid_signed_statement_with_x5c_is_accepted() {
    let key = SigningKey::from_rsa_pem(SIGNER_KEY).unwrap();
    let signed = sign_statement(
        &statement(),
        &key,
        SignatureAlgorithm::Rs256,
        &[der(SIGNER_CERT)],
    )
    .unwrap();
    let body = signed.to_multipart(&[]).unwrap();
    let received =
        receive_statements(&body.content_type, &body.body, &ReceiveOptions::default()).unwrap();
    assert_eq!(received.signatures.len(), 1);
    let checked = &received.signatures[0];
    assert_eq!(checked.key_source, KeySource::X5c);
    assert_eq!(checked.algorithm, SignatureAlgorithm::Rs256);
    assert!(
        checked.certificates[0]
            .subject
            .contains("learnwire test signer")
    );
    assert!(checked.certificates[0].rsa_bits >= 2048);
    assert_eq!(checked.payload, statement());
}

#[test]
fn every_rs_algorithm_round_trips() {
    let key = SigningKey::from_rsa_pem(SIGNER_KEY).unwrap();
    for alg in SignatureAlgorithm::ALL {
        let signed = sign_statement(&statement(), &key, alg, &[der(SIGNER_CERT)]).unwrap();
        let checked = verify_signed_statement(
            &signed.statement,
            signed.jws.as_bytes(),
            &SignaturePolicy::new(),
        )
        .unwrap();
        assert_eq!(checked.algorithm, alg);
    }
}

#[test]
fn xapi_22_alg_none_is_refused() {
    let jws = unsigned_jws(&json!({"alg": "none"}), &statement(), "");
    let (content_type, body) = body_with_jws(&statement(), &jws, "application/octet-stream");
    let error = signature_error(&content_type, &body);
    assert!(
        matches!(error, SignatureError::UnsupportedAlgorithm { .. }),
        "{error:?}"
    );
    assert_eq!(error.code().as_str(), "xapi.signature.unsupported-alg");
}

#[test]
fn xapi_23_hs256_keyed_with_the_public_key_is_refused() {
    let header = jsonwebtoken::Header::new(jsonwebtoken::Algorithm::HS256);
    let jws = jsonwebtoken::encode(
        &header,
        &statement(),
        &jsonwebtoken::EncodingKey::from_secret(SIGNER_PUB),
    )
    .unwrap();
    let (content_type, body) = body_with_jws(&statement(), &jws, "application/octet-stream");
    let error = signature_error(&content_type, &body);
    assert!(
        matches!(error, SignatureError::UnsupportedAlgorithm { ref alg } if alg.contains("HS256"))
    );
    // Even a policy with a trusted key never lets HS* through.
    let policy =
        SignaturePolicy::new().with_trusted_key(VerificationKey::from_rsa_pem(SIGNER_PUB).unwrap());
    let err = verify_signed_statement(&statement(), jws.as_bytes(), &policy).unwrap_err();
    assert_eq!(err.code().as_str(), "xapi.signature.unsupported-alg");
}

#[test]
fn xapi_24_payload_differing_from_the_statement_is_a_mismatch() {
    let key = SigningKey::from_rsa_pem(SIGNER_KEY).unwrap();
    let signed = sign_statement(
        &statement(),
        &key,
        SignatureAlgorithm::Rs256,
        &[der(SIGNER_CERT)],
    )
    .unwrap();
    let mut tampered = signed.statement.clone();
    tampered["result"]["success"] = json!(false);
    let body = MultipartBuilder::new(serde_json::to_vec(&tampered).unwrap())
        .attachment("application/octet-stream", signed.jws.into_bytes())
        .build()
        .unwrap();
    let error = signature_error(&body.content_type, &body.body);
    assert_eq!(error, SignatureError::SignatureMismatch);
    assert_eq!(error.code().as_str(), "xapi.signature.mismatch");
}

#[test]
fn lrs_assigned_properties_do_not_break_a_signature() {
    let key = SigningKey::from_rsa_pem(SIGNER_KEY).unwrap();
    let mut original = statement();
    original.as_object_mut().unwrap().remove("id");
    let signed = sign_statement(
        &original,
        &key,
        SignatureAlgorithm::Rs512,
        &[der(SIGNER_CERT)],
    )
    .unwrap();
    let mut stored = signed.statement.clone();
    stored["id"] = json!("6690e6c9-3ef0-4ed3-8b37-7f3964730bee");
    stored["stored"] = json!("2023-11-15T00:00:00Z");
    stored["authority"] = json!({"mbox": "mailto:lrs@example.com"});
    stored["version"] = json!("1.0.0");
    stored["timestamp"] = json!("2023-11-15T00:13:20+02:00");
    stored["verb"]["display"] = json!({"fr": "réussi"});
    verify_signed_statement(&stored, signed.jws.as_bytes(), &SignaturePolicy::new()).unwrap();
}

#[test]
fn xapi_25_signed_by_another_key_than_x5c_is_invalid() {
    let other = SigningKey::from_rsa_pem(OTHER_KEY).unwrap();
    let signed = sign_statement(
        &statement(),
        &other,
        SignatureAlgorithm::Rs256,
        &[der(SIGNER_CERT)],
    )
    .unwrap();
    let body = signed.to_multipart(&[]).unwrap();
    let error = signature_error(&body.content_type, &body.body);
    assert_eq!(error, SignatureError::BadSignature);
    assert_eq!(error.code().as_str(), "xapi.signature.invalid");
    assert!(error.is_invalid_signature());
}

#[test]
fn xapi_26_signature_part_with_text_plain_is_refused() {
    let key = SigningKey::from_rsa_pem(SIGNER_KEY).unwrap();
    let signed = sign_statement(
        &statement(),
        &key,
        SignatureAlgorithm::Rs256,
        &[der(SIGNER_CERT)],
    )
    .unwrap();
    let body = MultipartBuilder::new(serde_json::to_vec(&signed.statement).unwrap())
        .attachment("text/plain", signed.jws.into_bytes())
        .build()
        .unwrap();
    let error = signature_error(&body.content_type, &body.body);
    assert!(
        matches!(error, SignatureError::ContentType { .. }),
        "{error:?}"
    );
    assert_eq!(error.code().as_str(), "xapi.signature.content-type");
}

#[test]
fn signature_metadata_with_another_content_type_is_refused() {
    let key = SigningKey::from_rsa_pem(SIGNER_KEY).unwrap();
    let mut signed = sign_statement(&statement(), &key, SignatureAlgorithm::Rs256, &[]).unwrap();
    signed.statement["attachments"][0]["contentType"] = json!("application/jose");
    let body = signed.to_multipart(&[]).unwrap();
    // The statement validator refuses the metadata before any signature is looked at
    // (xapi.attachment.signature-content-type); the verifier, called on its own, still refuses it.
    let error =
        receive_statements(&body.content_type, &body.body, &ReceiveOptions::default()).unwrap_err();
    assert!(matches!(error, ReceiveError::Invalid(_)), "{error:?}");
    assert_eq!(
        error.code().as_str(),
        "xapi.attachment.signature-content-type"
    );
    let direct = verify_signed_statement(
        &signed.statement,
        signed.jws.as_bytes(),
        &SignaturePolicy::new(),
    )
    .unwrap_err();
    assert_eq!(direct.code().as_str(), "xapi.signature.content-type");
}

#[test]
fn jws_json_serialization_crit_and_garbage_are_refused() {
    let policy = SignaturePolicy::new();
    let json_form = json!({"payload": "e30", "signatures": []}).to_string();
    let err = verify_signed_statement(&statement(), json_form.as_bytes(), &policy).unwrap_err();
    assert_eq!(err, SignatureError::NotCompact);
    let crit = unsigned_jws(
        &json!({"alg": "RS256", "crit": ["b64"], "b64": false}),
        &statement(),
        "c2ln",
    );
    let err = verify_signed_statement(&statement(), crit.as_bytes(), &policy).unwrap_err();
    assert_eq!(err, SignatureError::UnsupportedCritical);
    for garbage in ["", "a.b", "a.b.c.d", "!!.e30.c2ln", "\u{0}"] {
        let err = verify_signed_statement(&statement(), garbage.as_bytes(), &policy).unwrap_err();
        assert_eq!(
            err.code().as_str(),
            "xapi.signature.malformed",
            "{garbage:?}"
        );
    }
    let dup = format!(
        "{}.e30.c2ln",
        URL_SAFE_NO_PAD.encode(r#"{"alg":"RS256","alg":"none"}"#)
    );
    let err = verify_signed_statement(&statement(), dup.as_bytes(), &policy).unwrap_err();
    assert_eq!(err.code().as_str(), "xapi.signature.malformed");
    let long = "a".repeat(policy.max_jws_len() + 1);
    let err = verify_signed_statement(&statement(), long.as_bytes(), &policy).unwrap_err();
    assert_eq!(err.code().as_str(), "xapi.signature.too-long");
}

#[test]
fn weak_x5c_key_is_refused_before_verifying() {
    // aws-lc refuses to sign with a 1024-bit key, so the signature is garbage: the key size is checked first.
    let header = json!({"alg": "RS256", "x5c": [STANDARD.encode(der(WEAK_CERT))]});
    let jws = unsigned_jws(&header, &statement(), "c2ln");
    let err =
        verify_signed_statement(&statement(), jws.as_bytes(), &SignaturePolicy::new()).unwrap_err();
    assert_eq!(
        err,
        SignatureError::WeakKey {
            bits: 1024,
            min: 2048
        }
    );
    assert_eq!(err.code().as_str(), "xapi.signature.weak-key");
    let relaxed = SignaturePolicy::new().with_min_rsa_bits(1024);
    // A signature as long as the 1024-bit modulus reaches the verification and fails it; the
    // 3-byte one cannot have been made by that key (malformed, issue #7 item 8).
    let sized = unsigned_jws(&header, &statement(), &URL_SAFE_NO_PAD.encode([7u8; 128]));
    let err = verify_signed_statement(&statement(), sized.as_bytes(), &relaxed).unwrap_err();
    assert_eq!(err, SignatureError::BadSignature);
    let err = verify_signed_statement(&statement(), jws.as_bytes(), &relaxed).unwrap_err();
    assert_eq!(err.code().as_str(), "xapi.signature.malformed");
}

#[test]
fn x5c_that_is_not_a_certificate_is_refused() {
    let header = json!({"alg": "RS256", "x5c": [STANDARD.encode(b"not a certificate")]});
    let jws = unsigned_jws(&header, &statement(), "c2ln");
    let err =
        verify_signed_statement(&statement(), jws.as_bytes(), &SignaturePolicy::new()).unwrap_err();
    assert_eq!(err.code().as_str(), "xapi.signature.certificate");
}

#[test]
fn trusted_keys_and_require_key() {
    let key = SigningKey::from_rsa_pem(SIGNER_KEY).unwrap();
    let signed = sign_statement(&statement(), &key, SignatureAlgorithm::Rs384, &[]).unwrap();
    let jws = signed.jws.as_bytes();
    let open = verify_signed_statement(&signed.statement, jws, &SignaturePolicy::new()).unwrap();
    assert_eq!(open.key_source, KeySource::None);
    let strict = SignaturePolicy::new().require_key(true);
    assert_eq!(
        verify_signed_statement(&signed.statement, jws, &strict).unwrap_err(),
        SignatureError::NoKey
    );
    let other_pub =
        VerificationKey::from_rsa_pem(include_bytes!("../../testdata/signature/other.pub.pem"))
            .unwrap();
    let trusted = SignaturePolicy::new()
        .with_trusted_key(other_pub)
        .with_trusted_key(VerificationKey::from_rsa_pem(SIGNER_PUB).unwrap());
    let checked = verify_signed_statement(&signed.statement, jws, &trusted).unwrap();
    assert_eq!(checked.key_source, KeySource::TrustedKey(1));
    let only_rs256 = SignaturePolicy::new().with_algorithms(&[SignatureAlgorithm::Rs256]);
    let err = verify_signed_statement(&signed.statement, jws, &only_rs256).unwrap_err();
    assert_eq!(err.code().as_str(), "xapi.signature.unsupported-alg");
}

#[test]
fn two_signatures_on_one_statement_are_refused() {
    let key = SigningKey::from_rsa_pem(SIGNER_KEY).unwrap();
    let once = sign_statement(&statement(), &key, SignatureAlgorithm::Rs256, &[]).unwrap();
    let twice = sign_statement(&once.statement, &key, SignatureAlgorithm::Rs384, &[]).unwrap();
    let body = MultipartBuilder::new(serde_json::to_vec(&twice.statement).unwrap())
        .attachment("application/octet-stream", once.jws.into_bytes())
        .attachment("application/octet-stream", twice.jws.into_bytes())
        .build()
        .unwrap();
    let err = signature_error(&body.content_type, &body.body);
    assert_eq!(err, SignatureError::MultipleSignatures { statement: 0 });
}

#[test]
fn signed_statement_in_a_json_body_cannot_be_checked() {
    let key = SigningKey::from_rsa_pem(SIGNER_KEY).unwrap();
    let mut signed = sign_statement(&statement(), &key, SignatureAlgorithm::Rs256, &[]).unwrap();
    signed.statement["attachments"][0]["fileUrl"] = json!("https://example.com/sig");
    let body = serde_json::to_vec(&signed.statement).unwrap();
    let err = signature_error("application/json", &body);
    assert_eq!(err.code().as_str(), "xapi.signature.missing-part");
    assert!(
        receive(
            "application/json",
            &serde_json::to_vec(&statement()).unwrap()
        )
        .is_ok()
    );
}

#[test]
fn signature_attachment_must_describe_the_jws() {
    let key = SigningKey::from_rsa_pem(SIGNER_KEY).unwrap();
    let signed = sign_statement(
        &statement(),
        &key,
        SignatureAlgorithm::Rs256,
        &[der(SIGNER_CERT)],
    )
    .unwrap();
    let policy = SignaturePolicy::new();
    let jws = signed.jws.as_bytes();
    let err = verify_signed_statement(&statement(), jws, &policy).unwrap_err();
    assert_eq!(err, SignatureError::NoSignatureAttachment);
    let mut wrong = signed.statement.clone();
    wrong["attachments"][0]["sha2"] = json!(sha256_hex(b"something else"));
    let err = verify_signed_statement(&wrong, jws, &policy).unwrap_err();
    assert_eq!(err, SignatureError::AttachmentMismatch { field: "sha2" });
    assert_eq!(err.code().as_str(), "xapi.signature.attachment-mismatch");
    let mut wrong = signed.statement.clone();
    wrong["attachments"][0]["length"] = json!(1);
    let err = verify_signed_statement(&wrong, jws, &policy).unwrap_err();
    assert_eq!(err, SignatureError::AttachmentMismatch { field: "length" });
}

#[test]
fn certificate_validity_is_checked_only_when_asked() {
    use chrono::{TimeZone, Utc};
    let key = SigningKey::from_rsa_pem(SIGNER_KEY).unwrap();
    let signed = sign_statement(
        &statement(),
        &key,
        SignatureAlgorithm::Rs256,
        &[der(SIGNER_CERT)],
    )
    .unwrap();
    let jws = signed.jws.as_bytes();
    let long_ago = Utc.with_ymd_and_hms(2000, 1, 1, 0, 0, 0).unwrap();
    let checked = verify_signed_statement(&signed.statement, jws, &SignaturePolicy::new()).unwrap();
    assert!(!checked.certificates[0].is_valid_at(long_ago));
    let policy = SignaturePolicy::new().with_certificate_time(long_ago);
    let err = verify_signed_statement(&signed.statement, jws, &policy).unwrap_err();
    assert_eq!(err.code().as_str(), "xapi.signature.certificate");
    let now = checked.certificates[0].not_before.unwrap() + chrono::TimeDelta::days(1);
    verify_signed_statement(
        &signed.statement,
        jws,
        &SignaturePolicy::new().with_certificate_time(now),
    )
    .unwrap();
}

/// Data 2.6: a signature attachment has contentType `application/octet-stream` (R-M01), checked by the
/// statement validator in both versions, whether or not the JWS is sent.
mod signature_content_type {
    use learnwire_xapi::multipart::SIGNATURE_USAGE_TYPE;
    use learnwire_xapi::{Options, XapiVersion, validate_statement_body};
    use serde_json::{Value, json};

    fn with_attachment(usage_type: &str, content_type: &str) -> Vec<u8> {
        let mut statement = super::statement();
        statement["attachments"] = json!([{
            "usageType": usage_type,
            "display": {"en-US": "Signature"},
            "contentType": content_type,
            "length": 10,
            "sha2": "a".repeat(64),
            "fileUrl": "http://example.com/signature.jws",
        }]);
        serde_json::to_vec(&statement).unwrap()
    }

    fn issues(bytes: &[u8], version: XapiVersion) -> Vec<(String, String)> {
        validate_statement_body(bytes, &Options::new(version))
            .flatten()
            .issues()
            .iter()
            .map(|issue| (issue.code.as_str().to_owned(), issue.location.to_string()))
            .collect()
    }

    #[test]
    fn signature_attachment_with_another_content_type_is_invalid_in_both_versions() {
        for content_type in ["text/plain", "application/jose", "application/json"] {
            let bytes = with_attachment(SIGNATURE_USAGE_TYPE, content_type);
            for version in [XapiVersion::V1_0_3, XapiVersion::V2_0_0] {
                let found = issues(&bytes, version);
                assert_eq!(found.len(), 1, "{content_type} {version}: {found:?}");
                assert_eq!(found[0].0, "xapi.attachment.signature-content-type");
                assert!(
                    found[0].1.ends_with("/attachments/0/contentType"),
                    "{found:?}"
                );
            }
        }
    }

    #[test]
    fn signature_attachment_content_type_ignores_case_and_parameters() {
        for content_type in [
            "application/octet-stream",
            "Application/Octet-Stream",
            "APPLICATION/OCTET-STREAM; type=jws",
        ] {
            let bytes = with_attachment(SIGNATURE_USAGE_TYPE, content_type);
            for version in [XapiVersion::V1_0_3, XapiVersion::V2_0_0] {
                assert_eq!(issues(&bytes, version), [], "{content_type} {version}");
            }
        }
    }

    #[test]
    fn signature_attachment_with_a_malformed_content_type_reports_only_the_media_type() {
        let bytes = with_attachment(SIGNATURE_USAGE_TYPE, "octet-stream");
        let codes: Vec<String> = issues(&bytes, XapiVersion::V1_0_3)
            .into_iter()
            .map(|(code, _)| code)
            .collect();
        assert_eq!(codes, ["xapi.format.media-type"]);
    }

    #[test]
    fn other_attachments_keep_any_content_type() {
        let bytes = with_attachment("http://example.com/usage/certificate", "text/plain");
        assert_eq!(issues(&bytes, XapiVersion::V1_0_3), []);
    }

    #[test]
    fn signature_content_type_is_checked_in_substatements_too() {
        let mut outer = super::statement();
        let inner: Value =
            serde_json::from_slice(&with_attachment(SIGNATURE_USAGE_TYPE, "text/plain")).unwrap();
        let mut inner = inner;
        inner.as_object_mut().unwrap().remove("id");
        inner["objectType"] = json!("SubStatement");
        outer["object"] = inner;
        let bytes = serde_json::to_vec(&outer).unwrap();
        let found = issues(&bytes, XapiVersion::V1_0_3);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].0, "xapi.attachment.signature-content-type");
        assert!(found[0].1.ends_with("/object/attachments/0/contentType"));
    }
}

/// A JWS signature segment is decoded, canonically, and its length checked against the RSA key
/// whether or not a key verifies it (RFC 7515 §2 BASE64URL and §7.1, RFC 8017 §8.2.2, Data 2.6;
/// issue #7 item 8).
mod malformed_signature_segment {
    use base64::Engine;
    use base64::engine::general_purpose::{STANDARD, URL_SAFE, URL_SAFE_NO_PAD};
    use learnwire_xapi::multipart::sha256_hex;
    use learnwire_xapi::signature::{
        KeySource, SignatureAlgorithm, SignatureError, SignaturePolicy, SigningKey,
        VerificationKey, sign_statement, verify_signed_statement,
    };
    use serde_json::{Value, json};

    use super::{SIGNER_CERT, SIGNER_KEY, SIGNER_PUB, der, statement, unsigned_jws};

    /// A correctly signed statement (with or without `x5c`) whose JWS signature segment is then
    /// replaced by `signature`; the attachment metadata follows the new JWS.
    fn with_signature(x5c: bool, signature: &str) -> (Value, String) {
        let key = SigningKey::from_rsa_pem(SIGNER_KEY).unwrap();
        let chain = if x5c { vec![der(SIGNER_CERT)] } else { vec![] };
        let signed = sign_statement(&statement(), &key, SignatureAlgorithm::Rs256, &chain).unwrap();
        let (input, _) = signed.jws.rsplit_once('.').unwrap();
        let jws = format!("{input}.{signature}");
        let mut statement = signed.statement;
        statement["attachments"][0]["length"] = json!(jws.len());
        statement["attachments"][0]["sha2"] = json!(sha256_hex(jws.as_bytes()));
        (statement, jws)
    }

    /// The real signature segment of the statement (RS256 is deterministic).
    fn real_signature(x5c: bool) -> String {
        let key = SigningKey::from_rsa_pem(SIGNER_KEY).unwrap();
        let chain = if x5c { vec![der(SIGNER_CERT)] } else { vec![] };
        let signed = sign_statement(&statement(), &key, SignatureAlgorithm::Rs256, &chain).unwrap();
        signed.jws.rsplit_once('.').unwrap().1.to_owned()
    }

    fn trusted() -> SignaturePolicy {
        SignaturePolicy::new().with_trusted_key(VerificationKey::from_rsa_pem(SIGNER_PUB).unwrap())
    }

    /// The error under each key situation: no key, `x5c`, a trusted key.
    fn errors(signature_for: impl Fn(bool) -> String) -> Vec<SignatureError> {
        let mut found = Vec::new();
        for (x5c, policy) in [
            (false, SignaturePolicy::new()),
            (true, SignaturePolicy::new()),
            (false, trusted()),
        ] {
            let (statement, jws) = with_signature(x5c, &signature_for(x5c));
            found.push(verify_signed_statement(&statement, jws.as_bytes(), &policy).unwrap_err());
        }
        found
    }

    fn assert_malformed(found: &[SignatureError], what: &str) {
        for error in found {
            assert_eq!(
                error.code().as_str(),
                "xapi.signature.malformed",
                "{what}: {error:?}"
            );
            assert!(error.is_invalid_signature());
        }
    }

    #[test]
    fn the_untouched_signature_verifies_in_every_key_situation() {
        for (x5c, policy, source) in [
            (false, SignaturePolicy::new(), KeySource::None),
            (true, SignaturePolicy::new(), KeySource::X5c),
            (false, trusted(), KeySource::TrustedKey(0)),
        ] {
            let (statement, jws) = with_signature(x5c, &real_signature(x5c));
            let checked = verify_signed_statement(&statement, jws.as_bytes(), &policy).unwrap();
            assert_eq!(checked.key_source, source);
        }
    }

    #[test]
    fn signature_outside_the_base64url_alphabet_is_malformed_with_or_without_a_key() {
        for (what, change) in [
            (
                "standard alphabet",
                (|text: String| text.replace('-', "+").replace('_', "/") + "+/")
                    as fn(String) -> String,
            ),
            ("space inside", |text: String| {
                format!("{} {}", &text[..10], &text[10..])
            }),
            ("punctuation", |text: String| {
                format!("{}*", &text[..text.len() - 1])
            }),
        ] {
            let found = errors(|x5c| change(real_signature(x5c)));
            assert_malformed(&found, what);
        }
    }

    #[test]
    fn padded_signature_is_malformed_with_or_without_a_key() {
        let found = errors(|x5c| {
            let bytes = URL_SAFE_NO_PAD.decode(real_signature(x5c)).unwrap();
            let padded = URL_SAFE.encode(bytes);
            assert!(padded.ends_with('='), "a 256-byte signature needs padding");
            padded
        });
        assert_malformed(&found, "padding");
    }

    #[test]
    fn signature_with_non_zero_trailing_bits_is_malformed_with_or_without_a_key() {
        let found = errors(|x5c| {
            // 256 bytes end in a 2-character group whose last character carries 4 unused bits.
            let text = real_signature(x5c);
            let last = text.chars().last().unwrap();
            let alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
            let value = alphabet.find(last).unwrap();
            assert_eq!(value & 0b1111, 0, "canonical");
            let changed = alphabet.chars().nth(value | 1).unwrap();
            let mut text = text;
            text.pop();
            text.push(changed);
            text
        });
        assert_malformed(&found, "trailing bits");
    }

    #[test]
    fn signature_too_short_or_too_long_for_any_accepted_rsa_key_is_malformed_without_a_key() {
        for bytes in [1usize, 128, 255, 1025, 2048] {
            let found = errors(|_| URL_SAFE_NO_PAD.encode(vec![7u8; bytes]));
            assert_malformed(&found, &format!("{bytes} bytes"));
        }
    }

    #[test]
    fn signature_of_an_accepted_rsa_length_passes_the_form_check_without_a_key() {
        // No key: only the form is checked (Data 2.6), and 2048 to 8192 bits is a possible RSA form.
        for bytes in [256usize, 512, 1024] {
            let (statement, jws) = with_signature(false, &URL_SAFE_NO_PAD.encode(vec![7u8; bytes]));
            let checked =
                verify_signed_statement(&statement, jws.as_bytes(), &SignaturePolicy::new())
                    .unwrap();
            assert_eq!(checked.key_source, KeySource::None);
        }
        let lowered = SignaturePolicy::new().with_min_rsa_bits(1024);
        let (statement, jws) = with_signature(false, &URL_SAFE_NO_PAD.encode([7u8; 128]));
        assert!(verify_signed_statement(&statement, jws.as_bytes(), &lowered).is_ok());
    }

    #[test]
    fn signature_not_as_long_as_the_x5c_modulus_is_malformed() {
        for bytes in [255usize, 257, 512] {
            let (statement, jws) = with_signature(true, &URL_SAFE_NO_PAD.encode(vec![7u8; bytes]));
            let error =
                verify_signed_statement(&statement, jws.as_bytes(), &SignaturePolicy::new())
                    .unwrap_err();
            assert_eq!(error.code().as_str(), "xapi.signature.malformed", "{bytes}");
        }
        let (statement, jws) = with_signature(true, &URL_SAFE_NO_PAD.encode([7u8; 256]));
        let error = verify_signed_statement(&statement, jws.as_bytes(), &SignaturePolicy::new())
            .unwrap_err();
        assert_eq!(error, SignatureError::BadSignature);
    }

    #[test]
    fn signature_of_another_length_than_every_trusted_key_does_not_verify() {
        // 512 bytes is a possible RSA signature (a 4096-bit key), just not one of ours.
        let (statement, jws) = with_signature(false, &URL_SAFE_NO_PAD.encode([7u8; 512]));
        let error = verify_signed_statement(&statement, jws.as_bytes(), &trusted()).unwrap_err();
        assert_eq!(error.code().as_str(), "xapi.signature.invalid");
    }

    #[test]
    fn a_certificate_pem_is_a_trusted_key_too() {
        let key = VerificationKey::from_rsa_pem(SIGNER_CERT.as_bytes()).unwrap();
        let policy = SignaturePolicy::new().with_trusted_key(key);
        let (statement, jws) = with_signature(false, &real_signature(false));
        let checked = verify_signed_statement(&statement, jws.as_bytes(), &policy).unwrap();
        assert_eq!(checked.key_source, KeySource::TrustedKey(0));
    }

    #[test]
    fn pss_algorithms_are_refused_before_the_signature_is_read() {
        for alg in ["PS256", "PS384", "PS512"] {
            let header = json!({"alg": alg, "x5c": [STANDARD.encode(der(SIGNER_CERT))]});
            let jws = unsigned_jws(&header, &statement(), "not base64url!");
            let error =
                verify_signed_statement(&statement(), jws.as_bytes(), &SignaturePolicy::new())
                    .unwrap_err();
            assert_eq!(
                error.code().as_str(),
                "xapi.signature.unsupported-alg",
                "{alg}"
            );
        }
    }
}

/// The JOSE layer is `learnwire-jose` (issue #8): where it is stricter than the former
/// jsonwebtoken-based reader, the refusals have their codes; and tokens signed by jsonwebtoken (an
/// independent implementation on the same backend) verify with ours, and ours with it.
mod jose_layer {
    use base64::Engine;
    use base64::engine::general_purpose::{STANDARD, URL_SAFE_NO_PAD};
    use learnwire_xapi::multipart::{SIGNATURE_USAGE_TYPE, sha256_hex};
    use learnwire_xapi::signature::{
        KeySource, SignatureAlgorithm, SignatureError, SignaturePolicy, SigningKey,
        VerificationKey, sign_statement, verify_signed_statement,
    };
    use serde_json::{Value, json};

    use super::{SIGNER_CERT, SIGNER_KEY, SIGNER_PUB, der, statement, unsigned_jws};

    const EXPONENT_3_CERT: &str = include_str!("../../testdata/signature/exponent3.cert.pem");

    fn refusal(header: &Value) -> SignatureError {
        let jws = unsigned_jws(header, &statement(), &URL_SAFE_NO_PAD.encode([7u8; 256]));
        verify_signed_statement(&statement(), jws.as_bytes(), &SignaturePolicy::new()).unwrap_err()
    }

    /// `statement` with a signature attachment describing `jws`.
    fn with_attachment(jws: &str) -> Value {
        let mut statement = statement();
        statement["attachments"] = json!([{
            "usageType": SIGNATURE_USAGE_TYPE,
            "display": {"en-US": "Signature"},
            "contentType": "application/octet-stream",
            "length": jws.len(),
            "sha2": sha256_hex(jws.as_bytes()),
        }]);
        statement
    }

    fn jsonwebtoken_alg(alg: SignatureAlgorithm) -> jsonwebtoken::Algorithm {
        match alg {
            SignatureAlgorithm::Rs384 => jsonwebtoken::Algorithm::RS384,
            SignatureAlgorithm::Rs512 => jsonwebtoken::Algorithm::RS512,
            _ => jsonwebtoken::Algorithm::RS256,
        }
    }

    #[test]
    fn embedded_key_headers_are_refused_not_ignored() {
        let jwk = json!({"kty": "RSA", "n": "AQAB", "e": "AQAB"});
        for (member, value) in [
            ("jwk", jwk),
            ("jku", json!("https://attacker.example/keys")),
            ("x5u", json!("https://attacker.example/cert.pem")),
        ] {
            let mut header = json!({"alg": "RS256"});
            header[member] = value;
            let error = refusal(&header);
            assert_eq!(error, SignatureError::RefusedHeader { member }, "{member}");
            assert_eq!(error.code().as_str(), "xapi.signature.header-refused");
            assert!(error.is_invalid_signature());
        }
    }

    #[test]
    fn nested_jwt_content_type_is_refused() {
        for cty in ["JWT", "jwt", "application/JWT"] {
            let error = refusal(&json!({"alg": "RS256", "cty": cty}));
            assert_eq!(
                error,
                SignatureError::RefusedHeader { member: "cty" },
                "{cty}"
            );
            assert_eq!(error.code().as_str(), "xapi.signature.header-refused");
        }
        // Another content type passes the JOSE layer (no key here: the form is checked, and then the
        // statement has no signature attachment).
        let error = refusal(&json!({"alg": "RS256", "cty": "application/json"}));
        assert_eq!(error, SignatureError::NoSignatureAttachment);
    }

    #[test]
    fn header_members_of_the_wrong_type_are_malformed() {
        for member in ["typ", "cty", "kid"] {
            let mut header = json!({"alg": "RS256"});
            header[member] = json!(1);
            let error = refusal(&header);
            assert_eq!(
                error.code().as_str(),
                "xapi.signature.malformed",
                "{member}"
            );
        }
        let error = refusal(&json!({"alg": ["RS256"]}));
        assert_eq!(error.code().as_str(), "xapi.signature.malformed");
    }

    #[test]
    fn x5c_key_with_a_public_exponent_other_than_65537_is_refused() {
        let header = json!({"alg": "RS256", "x5c": [STANDARD.encode(der(EXPONENT_3_CERT))]});
        let error = refusal(&header);
        assert_eq!(
            error,
            SignatureError::Certificate {
                reason: "the x5c RSA key's public exponent is not 65537"
            }
        );
        assert_eq!(error.code().as_str(), "xapi.signature.certificate");
        // As a trusted key, it is refused when loaded.
        assert!(VerificationKey::from_rsa_pem(EXPONENT_3_CERT.as_bytes()).is_err());
    }

    #[test]
    fn x5c_entries_in_base64url_or_with_whitespace_are_refused() {
        let cert = STANDARD.encode(der(SIGNER_CERT));
        let url_safe = cert.replace('+', "-").replace('/', "_");
        assert_ne!(url_safe, cert, "the certificate's base64 has + or /");
        for entry in [
            url_safe,
            format!("{cert}\n"),
            format!(" {cert}"),
            format!("{cert}="),
        ] {
            let error = refusal(&json!({"alg": "RS256", "x5c": [entry.clone()]}));
            assert_eq!(
                error.code().as_str(),
                "xapi.signature.certificate",
                "{entry:?}"
            );
        }
    }

    #[test]
    fn jsonwebtoken_signed_statements_verify_with_x5c_and_with_a_trusted_key() {
        let encoding = jsonwebtoken::EncodingKey::from_rsa_pem(SIGNER_KEY).unwrap();
        for alg in SignatureAlgorithm::ALL {
            let mut header = jsonwebtoken::Header::new(jsonwebtoken_alg(alg));
            header.x5c = Some(vec![STANDARD.encode(der(SIGNER_CERT))]);
            let jws = jsonwebtoken::encode(&header, &statement(), &encoding).unwrap();
            let signed = with_attachment(&jws);
            let checked =
                verify_signed_statement(&signed, jws.as_bytes(), &SignaturePolicy::new()).unwrap();
            assert_eq!(checked.algorithm, alg);
            assert_eq!(checked.key_source, KeySource::X5c);
            assert_eq!(checked.payload, statement());

            let plain = jsonwebtoken::Header::new(jsonwebtoken_alg(alg));
            let jws = jsonwebtoken::encode(&plain, &statement(), &encoding).unwrap();
            let trusted = SignaturePolicy::new()
                .with_trusted_key(VerificationKey::from_rsa_pem(SIGNER_PUB).unwrap())
                .require_key(true);
            let checked =
                verify_signed_statement(&with_attachment(&jws), jws.as_bytes(), &trusted).unwrap();
            assert_eq!(checked.key_source, KeySource::TrustedKey(0));
        }
    }

    #[test]
    fn our_signed_statements_verify_with_jsonwebtoken() {
        let key = SigningKey::from_rsa_pem(SIGNER_KEY).unwrap();
        let decoding = jsonwebtoken::DecodingKey::from_rsa_pem(SIGNER_PUB).unwrap();
        for alg in SignatureAlgorithm::ALL {
            for chain in [vec![], vec![der(SIGNER_CERT)]] {
                let signed = sign_statement(&statement(), &key, alg, &chain).unwrap();
                let mut validation = jsonwebtoken::Validation::new(jsonwebtoken_alg(alg));
                validation.required_spec_claims.clear();
                validation.validate_exp = false;
                let decoded =
                    jsonwebtoken::decode::<Value>(&signed.jws, &decoding, &validation).unwrap();
                assert_eq!(decoded.claims, statement());
                assert_eq!(decoded.header.x5c.is_some(), !chain.is_empty());
            }
        }
    }

    #[test]
    fn a_tampered_jsonwebtoken_signature_does_not_verify() {
        let encoding = jsonwebtoken::EncodingKey::from_rsa_pem(SIGNER_KEY).unwrap();
        let mut header = jsonwebtoken::Header::new(jsonwebtoken::Algorithm::RS256);
        header.x5c = Some(vec![STANDARD.encode(der(SIGNER_CERT))]);
        let jws = jsonwebtoken::encode(&header, &statement(), &encoding).unwrap();
        let (input, signature) = jws.rsplit_once('.').unwrap();
        let mut bytes = URL_SAFE_NO_PAD.decode(signature).unwrap();
        bytes[10] ^= 1;
        let forged = format!("{input}.{}", URL_SAFE_NO_PAD.encode(bytes));
        let error = verify_signed_statement(
            &with_attachment(&forged),
            forged.as_bytes(),
            &SignaturePolicy::new(),
        )
        .unwrap_err();
        assert_eq!(error, SignatureError::BadSignature);
    }

    #[test]
    fn header_and_payload_nest_as_deep_as_a_statement_may() {
        // 128 levels (the statement reader's default) in an extension of the payload: read by the
        // JOSE layer exactly as the statement validator reads it.
        let key = SigningKey::from_rsa_pem(SIGNER_KEY).unwrap();
        let nested = |levels: usize| {
            let mut value = json!(1);
            for _ in 0..levels {
                value = json!([value]);
            }
            value
        };
        let mut deep = statement();
        // statement > result > extensions > value: 3 levels before the value's own arrays.
        deep["result"]["extensions"] = json!({"http://example.com/deep": nested(125)});
        let signed = sign_statement(&deep, &key, SignatureAlgorithm::Rs256, &[]).unwrap();
        let checked = verify_signed_statement(
            &signed.statement,
            signed.jws.as_bytes(),
            &SignaturePolicy::new(),
        )
        .unwrap();
        assert_eq!(checked.payload, deep);
        deep["result"]["extensions"] = json!({"http://example.com/deep": nested(126)});
        let signed = sign_statement(&deep, &key, SignatureAlgorithm::Rs256, &[]).unwrap();
        let error = verify_signed_statement(
            &signed.statement,
            signed.jws.as_bytes(),
            &SignaturePolicy::new(),
        )
        .unwrap_err();
        assert_eq!(error, SignatureError::PayloadNotStatement);
    }
}
