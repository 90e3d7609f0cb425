//! Claim checks of the security catalogue (LTI-28..43), each rejection asserted by its code.

use chrono::TimeDelta;
use learnwire_lti::claims::MessageType;
use learnwire_lti::launch::LaunchVerifier;
use learnwire_lti::{InMemoryNonceStore, LaunchError, TokenError};
use serde_json::json;

use crate::support::*;

const LTI: &str = "https://purl.imsglobal.org/spec/lti/claim/";

fn lti(name: &str) -> String {
    format!("{LTI}{name}")
}

#[test]
fn lti_28_expired_with_and_without_leeway() {
    assert_rejected(
        &signed_with(|c| drop(c.insert("exp".into(), json!(NOW - 3600)))),
        "lti.claim.exp",
    );
    assert_rejected(
        &signed_with(|c| drop(c.insert("exp".into(), json!(NOW - 61)))),
        "lti.claim.exp",
    );
    assert_rejected(
        &signed_with(|c| drop(c.insert("exp".into(), json!(NOW - 60)))),
        "lti.claim.exp",
    );
    assert!(
        verify(&signed_with(|c| drop(
            c.insert("exp".into(), json!(NOW - 59))
        )))
        .is_ok()
    );
    // Leeway 0: exactly exp is already expired.
    let token = signed_with(|c| drop(c.insert("exp".into(), json!(NOW))));
    let store = InMemoryNonceStore::new(10);
    let strict = LaunchVerifier::new().with_leeway(TimeDelta::zero());
    let error = strict
        .verify_id_token(&registration(), &token, NONCE, &store, now())
        .unwrap_err();
    assert_eq!(error.code().as_str(), "lti.claim.exp");
}

#[test]
fn lti_29_iat_in_the_future_or_too_old() {
    assert_rejected(
        &signed_with(|c| drop(c.insert("iat".into(), json!(NOW + 3600)))),
        "lti.claim.iat-future",
    );
    assert_rejected(
        &signed_with(|c| drop(c.insert("iat".into(), json!(NOW - 7200)))),
        "lti.claim.iat-too-old",
    );
    assert!(
        verify(&signed_with(|c| drop(
            c.insert("iat".into(), json!(NOW + 30))
        )))
        .is_ok()
    );
}

#[test]
fn lti_30_nbf_in_the_future() {
    assert_rejected(
        &signed_with(|c| drop(c.insert("nbf".into(), json!(NOW + 3600)))),
        "lti.claim.nbf",
    );
    assert!(
        verify(&signed_with(|c| drop(
            c.insert("nbf".into(), json!(NOW - 1))
        )))
        .is_ok()
    );
}

#[test]
fn lti_31_missing_time_claims() {
    for claim in ["exp", "iat"] {
        let token = signed_with(|c| drop(c.remove(claim)));
        match verify(&token) {
            Err(LaunchError::Token(TokenError::MissingClaim { claim: found })) => {
                assert_eq!(found, claim)
            }
            other => panic!("{claim}: {other:?}"),
        }
    }
}

#[test]
fn lti_32_time_claims_as_strings_are_not_absent() {
    let token = signed_with(|c| drop(c.insert("exp".into(), json!("1699990000"))));
    assert!(matches!(
        verify(&token),
        Err(LaunchError::Token(TokenError::InvalidClaimType {
            claim: "exp"
        }))
    ));
    let token = signed_with(|c| drop(c.insert("nbf".into(), json!("1700003600"))));
    assert!(matches!(
        verify(&token),
        Err(LaunchError::Token(TokenError::InvalidClaimType {
            claim: "nbf"
        }))
    ));
}

#[test]
fn lti_33_numeric_overflow_in_time_claims() {
    let payload = serde_json::Value::Object(baseline()).to_string();
    for exp in ["18446744073709551616", "1e300", "-9223372036854775809"] {
        let changed = payload.replace(&format!("\"exp\":{}", NOW + 300), &format!("\"exp\":{exp}"));
        let token = sign_raw(
            header(KID).to_string().as_bytes(),
            changed.as_bytes(),
            platform_key(),
        );
        assert_rejected(&token, "lti.claim.type");
    }
    let changed = payload.replace(&format!("\"exp\":{}", NOW + 300), "\"exp\":1e400");
    let token = sign_raw(
        header(KID).to_string().as_bytes(),
        changed.as_bytes(),
        platform_key(),
    );
    assert_rejected(&token, "lti.token.json");
    // A fractional NumericDate is a number, and accepted.
    let changed = payload.replace(
        &format!("\"exp\":{}", NOW + 300),
        &format!("\"exp\":{}.5", NOW + 300),
    );
    let token = sign_raw(
        header(KID).to_string().as_bytes(),
        changed.as_bytes(),
        platform_key(),
    );
    assert!(verify(&token).is_ok());
}

/// The baseline with `claim` set to the raw JSON number text `number` (so integer literals beyond `u64`
/// and exponents reach the verifier exactly as written), signed by the platform.
fn signed_with_raw_time(claim: &str, number: &str) -> String {
    let mut claims = baseline();
    claims.insert(claim.into(), json!("__TIME__"));
    let payload = serde_json::Value::Object(claims)
        .to_string()
        .replace("\"__TIME__\"", number);
    sign_raw(
        header(KID).to_string().as_bytes(),
        payload.as_bytes(),
        platform_key(),
    )
}

#[test]
fn time_claims_beyond_the_numeric_date_range_are_refused_alike_as_integers_or_floats() {
    // One range (±10^11 s) however the number is written: 1e300 and 10^30, 1e12 and 10^12 meet the same
    // error, for every time claim; no cast, wrap or saturation brings them back into range.
    for claim in ["exp", "iat", "nbf"] {
        for number in [
            "1e300",
            "1000000000000000000000000000000",
            "1e12",
            "1000000000000",
            "100000000001",
            "100000000000.5",
            "9223372036854775807",
            "18446744073709551615",
            "-1e300",
            "-1000000000000000000000000000000",
            "-100000000001",
            "-9223372036854775808",
        ] {
            let token = signed_with_raw_time(claim, number);
            match verify(&token) {
                Err(LaunchError::Token(TokenError::InvalidClaimType { claim: found })) => {
                    assert_eq!(found, claim, "{claim} = {number}");
                }
                other => panic!("{claim} = {number}: {other:?}"),
            }
        }
    }
}

#[test]
fn time_claims_at_the_edge_of_the_numeric_date_range_are_read_alike_as_integers_or_floats() {
    // exp = 10^11 (integer or float) is in range and far in the future: accepted either way.
    for number in ["100000000000", "1e11", "100000000000.0"] {
        assert!(
            verify(&signed_with_raw_time("exp", number)).is_ok(),
            "exp = {number}"
        );
    }
    // iat = 10^11 is in range, so it is read, and then it is in the future.
    for number in ["100000000000", "1e11"] {
        assert_rejected(&signed_with_raw_time("iat", number), "lti.claim.iat-future");
    }
    // exp = -10^11 is in range and long past.
    for number in ["-100000000000", "-1e11"] {
        assert_rejected(&signed_with_raw_time("exp", number), "lti.claim.exp");
    }
}

#[test]
fn time_checks_with_an_unrepresentable_leeway_or_age_fail_closed() {
    // exp + leeway, now + leeway and max age + leeway overflow: each check refuses instead of wrapping or
    // saturating (a leeway that large is a misconfiguration, never "accept everything").
    let store = InMemoryNonceStore::new(10);
    let huge = LaunchVerifier::new().with_leeway(TimeDelta::MAX);
    let error = huge
        .verify_id_token(&registration(), &sign(&baseline()), NONCE, &store, now())
        .unwrap_err();
    assert_eq!(error.code().as_str(), "lti.claim.exp");
    let old = LaunchVerifier::new().with_max_token_age(TimeDelta::MAX);
    let error = old
        .verify_id_token(&registration(), &sign(&baseline()), NONCE, &store, now())
        .unwrap_err();
    assert_eq!(error.code().as_str(), "lti.claim.iat-too-old");
    // The clock at the ends of representable time.
    let error = LaunchVerifier::new()
        .verify_id_token(
            &registration(),
            &sign(&baseline()),
            NONCE,
            &store,
            chrono::DateTime::<chrono::Utc>::MAX_UTC,
        )
        .unwrap_err();
    assert_eq!(error.code().as_str(), "lti.claim.exp");
    let error = LaunchVerifier::new()
        .verify_id_token(
            &registration(),
            &sign(&baseline()),
            NONCE,
            &store,
            chrono::DateTime::<chrono::Utc>::MIN_UTC,
        )
        .unwrap_err();
    assert_eq!(error.code().as_str(), "lti.claim.iat-future");
    assert!(store.is_empty(), "no nonce recorded by a refused launch");
}

#[test]
fn lti_34_nonce_missing_or_different() {
    assert_rejected(
        &signed_with(|c| drop(c.remove("nonce"))),
        "lti.nonce.missing",
    );
    assert_rejected(
        &signed_with(|c| drop(c.insert("nonce".into(), json!("other")))),
        "lti.nonce.mismatch",
    );
    assert_rejected(
        &signed_with(|c| drop(c.insert("nonce".into(), json!(12)))),
        "lti.claim.type",
    );
}

#[test]
fn lti_35_wrong_audience() {
    assert_rejected(
        &signed_with(|c| drop(c.insert("aud".into(), json!("another-client")))),
        "lti.claim.aud",
    );
}

#[test]
fn lti_36_multiple_audiences() {
    let token =
        signed_with(|c| drop(c.insert("aud".into(), json!([CLIENT_ID, "learnwire-analytics"]))));
    assert_rejected(&token, "lti.claim.azp-missing");
    let token = signed_with(|c| {
        c.insert("aud".into(), json!([CLIENT_ID, "another-client"]));
        c.insert("azp".into(), json!(CLIENT_ID));
    });
    assert_rejected(&token, "lti.claim.aud-untrusted");
}

#[test]
fn lti_37_azp_mismatch() {
    let token = signed_with(|c| {
        c.insert("aud".into(), json!([CLIENT_ID, "learnwire-analytics"]));
        c.insert("azp".into(), json!("learnwire-analytics"));
    });
    assert_rejected(&token, "lti.claim.azp");
    assert_rejected(
        &signed_with(|c| drop(c.insert("azp".into(), json!("someone-else")))),
        "lti.claim.azp",
    );
}

#[test]
fn lti_38_malformed_audience() {
    assert_rejected(
        &signed_with(|c| drop(c.insert("aud".into(), json!([])))),
        "lti.claim.aud",
    );
    assert_rejected(
        &signed_with(|c| drop(c.insert("aud".into(), json!(42)))),
        "lti.claim.type",
    );
    assert_rejected(&signed_with(|c| drop(c.remove("aud"))), "lti.claim.missing");
}

#[test]
fn lti_39_issuer_compared_byte_for_byte() {
    for issuer in [
        "https://other.example.edu",
        "https://platform.example.edu/",
        "HTTPS://PLATFORM.EXAMPLE.EDU",
    ] {
        assert_rejected(
            &signed_with(|c| drop(c.insert("iss".into(), json!(issuer)))),
            "lti.claim.iss",
        );
    }
}

#[test]
fn lti_40_deployment_missing_or_unregistered() {
    assert_rejected(
        &signed_with(|c| drop(c.remove(&lti("deployment_id")))),
        "lti.claim.missing",
    );
    assert_rejected(
        &signed_with(|c| drop(c.insert(lti("deployment_id"), json!("deployment-9")))),
        "lti.deployment.unknown",
    );
}

#[test]
fn lti_41_message_type_unknown_missing_or_not_accepted_here() {
    assert_rejected(
        &signed_with(|c| drop(c.insert(lti("message_type"), json!("LtiNopeRequest")))),
        "lti.message-type",
    );
    assert_rejected(
        &signed_with(|c| drop(c.remove(&lti("message_type")))),
        "lti.message-type",
    );
    assert_rejected(
        &signed_with(|c| drop(c.insert(lti("message_type"), json!("LtiDeepLinkingResponse")))),
        "lti.message-type",
    );
    // A Deep Linking request replayed at a resource-link-only endpoint.
    let token = signed_with(|c| {
        c.insert(lti("message_type"), json!("LtiDeepLinkingRequest"));
        c.insert(
            "https://purl.imsglobal.org/spec/lti-dl/claim/deep_linking_settings".into(),
            json!({ "deep_link_return_url": "https://platform.example.edu/dl", "accept_types": ["link"],
                    "accept_presentation_document_targets": ["iframe"] }),
        );
    });
    assert!(verify(&token).is_ok());
    let only_links = LaunchVerifier::new().with_message_types([MessageType::ResourceLinkRequest]);
    let error = only_links
        .verify_id_token(
            &registration(),
            &token,
            NONCE,
            &InMemoryNonceStore::new(10),
            now(),
        )
        .unwrap_err();
    assert_eq!(error.code().as_str(), "lti.message-type");
}

#[test]
fn lti_42_version_must_be_exactly_1_3_0() {
    for version in ["1.1.0", "1.3"] {
        assert_rejected(
            &signed_with(|c| drop(c.insert(lti("version"), json!(version)))),
            "lti.version",
        );
    }
}

#[test]
fn lti_43_required_lti_claims() {
    assert_rejected(
        &signed_with(|c| drop(c.insert(lti("resource_link"), json!({ "title": "x" })))),
        "lti.claim.missing",
    );
    assert_rejected(
        &signed_with(|c| drop(c.remove(&lti("target_link_uri")))),
        "lti.claim.missing",
    );
    assert_rejected(
        &signed_with(|c| drop(c.insert(lti("roles"), json!("Learner")))),
        "lti.claim.type",
    );
    assert_rejected(
        &signed_with(|c| drop(c.remove(&lti("roles")))),
        "lti.claim.missing",
    );
    assert_rejected(&signed_with(|c| drop(c.remove("sub"))), "lti.claim.missing");
    assert_rejected(
        &signed_with(|c| drop(c.insert(lti("context"), json!({ "label": "x" })))),
        "lti.claim.missing",
    );
    // Typed reading catches what the presence checks do not: a target_link_uri that is not a URL.
    assert_rejected(
        &signed_with(|c| drop(c.insert(lti("target_link_uri"), json!("not a url")))),
        "lti.claim.invalid",
    );
}

#[test]
fn anonymous_launch_only_when_allowed() {
    let token = signed_with(|c| drop(c.remove("sub")));
    let verifier = LaunchVerifier::new().allow_anonymous(true);
    let launch = verifier
        .verify_id_token(
            &registration(),
            &token,
            NONCE,
            &InMemoryNonceStore::new(10),
            now(),
        )
        .unwrap();
    assert_eq!(launch.subject(), None);
}

#[test]
fn submission_review_requires_its_claims() {
    let review = |change: fn(&mut serde_json::Map<String, serde_json::Value>)| {
        signed_with(|c| {
            c.insert(lti("message_type"), json!("LtiSubmissionReviewRequest"));
            c.insert(lti("for_user"), json!({ "user_id": "learner-7" }));
            c.insert(
                "https://purl.imsglobal.org/spec/lti-ags/claim/endpoint".into(),
                json!({ "lineitem": "https://platform.example.edu/lineitems/1" }),
            );
            change(c);
        })
    };
    assert!(verify(&review(|_| {})).is_ok());
    assert_rejected(
        &review(|c| drop(c.remove(&lti("for_user")))),
        "lti.claim.missing",
    );
    assert_rejected(
        &review(|c| {
            drop(c.insert(
                "https://purl.imsglobal.org/spec/lti-ags/claim/endpoint".into(),
                json!({}),
            ))
        }),
        "lti.claim.missing",
    );
}

#[test]
fn a_platform_omitting_tool_platform_guid_launches() {
    // LTI Core 1.3 §5.4.2 lists guid inside tool_platform, but platforms send the claim without it: the
    // claim is optional information, so such a launch is accepted and reads guid as absent.
    let token = signed_with(|c| {
        c.insert(
            "https://purl.imsglobal.org/spec/lti/claim/tool_platform".into(),
            json!({ "name": "Example LMS", "product_family_code": "example" }),
        );
    });
    let launch = verify(&token).unwrap();
    let platform = launch.message().tool_platform.as_ref().unwrap();
    assert_eq!(platform.guid, None);
    assert_eq!(platform.name.as_deref(), Some("Example LMS"));
}
