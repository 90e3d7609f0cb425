//! Platform side: authentication request checks, signed messages refusing missing claims, form posts.

use std::sync::Arc;

use learnwire_lti::claims::{ContentItemType, DeepLinkingSettings, DocumentTarget};
use learnwire_lti::keys::KeySet;
use learnwire_lti::launch::{LaunchForm, LaunchVerifier};
use learnwire_lti::platform::{LaunchMessage, ToolAuthRequest, ToolRegistration, sign_message};
use learnwire_lti::{InMemoryNonceStore, Limits};
use serde_json::json;
use url::Url;

use crate::support::*;

fn tool() -> ToolRegistration {
    let mut tool = ToolRegistration::new(
        CLIENT_ID,
        vec![TARGET.to_owned()],
        Arc::new(KeySet::default()),
    );
    tool.deployment_ids.insert(DEPLOYMENT.to_owned());
    tool
}

fn auth_query(changes: &[(&str, Option<&str>)]) -> String {
    let mut pairs = vec![
        ("scope", "openid"),
        ("response_type", "id_token"),
        ("response_mode", "form_post"),
        ("prompt", "none"),
        ("client_id", CLIENT_ID),
        ("redirect_uri", TARGET),
        ("login_hint", "user-1"),
        ("state", "state-1"),
        ("nonce", NONCE),
    ];
    for (name, value) in changes {
        pairs.retain(|(n, _)| n != name);
        if let Some(value) = value {
            pairs.push((name, value));
        }
    }
    url::form_urlencoded::Serializer::new(String::new())
        .extend_pairs(pairs)
        .finish()
}

fn check(
    query: &str,
) -> Result<
    learnwire_lti::platform::CheckedAuthRequest<String>,
    learnwire_lti::platform::AuthRequestError,
> {
    let tool = tool();
    let request = ToolAuthRequest::parse(query.as_bytes(), &Limits::default())?;
    request.check(
        |id| (id == tool.client_id).then_some(&tool),
        |hint, _| (hint == "user-1").then(|| "user-1".to_owned()),
    )
}

#[test]
fn auth_request_valid() {
    let checked = check(&auth_query(&[])).unwrap();
    assert_eq!(checked.redirect_uri().as_str(), TARGET);
    assert_eq!(checked.nonce(), NONCE);
    assert_eq!(checked.user(), "user-1");
}

#[test]
fn auth_request_refusals() {
    let cases: Vec<(Vec<(&str, Option<&str>)>, &str, bool)> = vec![
        (
            vec![("client_id", Some("unknown"))],
            "lti.auth-request.unknown-client",
            false,
        ),
        (
            vec![("client_id", None)],
            "lti.auth-request.missing-parameter",
            false,
        ),
        (
            vec![("redirect_uri", Some("https://evil.example/launch"))],
            "lti.auth-request.redirect-uri",
            false,
        ),
        (
            vec![(
                "redirect_uri",
                Some("https://tool.example.com/launch/../evil"),
            )],
            "lti.auth-request.redirect-uri",
            false,
        ),
        (
            vec![("redirect_uri", Some("https://tool.example.com/launch?x=1"))],
            "lti.auth-request.redirect-uri",
            false,
        ),
        (
            vec![("redirect_uri", Some("https://TOOL.example.com/launch"))],
            "lti.auth-request.redirect-uri",
            false,
        ),
        (
            vec![("redirect_uri", Some("https://tool.example.com/launch/"))],
            "lti.auth-request.redirect-uri",
            false,
        ),
        (
            vec![("response_type", Some("code"))],
            "lti.auth-request.invalid-parameter",
            true,
        ),
        (
            vec![("scope", Some("openid profile"))],
            "lti.auth-request.invalid-parameter",
            true,
        ),
        (
            vec![("response_mode", Some("query"))],
            "lti.auth-request.invalid-parameter",
            true,
        ),
        (
            vec![("prompt", Some("login"))],
            "lti.auth-request.invalid-parameter",
            true,
        ),
        (
            vec![("nonce", None)],
            "lti.auth-request.missing-parameter",
            false,
        ),
        (
            vec![("login_hint", Some("someone-else"))],
            "lti.auth-request.login-hint",
            true,
        ),
    ];
    for (changes, code, redirect_safe) in cases {
        let error = check(&auth_query(&changes)).unwrap_err();
        assert_eq!(error.code().as_str(), code, "{changes:?}");
        assert_eq!(error.is_redirect_safe(), redirect_safe, "{changes:?}");
    }
    let twice = format!("{}&nonce=again", auth_query(&[]));
    assert_eq!(
        check(&twice).unwrap_err().code().as_str(),
        "lti.auth-request.duplicate-parameter"
    );
}

#[test]
fn signed_resource_link_launch_verifies_at_the_tool() {
    let checked = check(&auth_query(&[])).unwrap();
    let message = LaunchMessage::resource_link(
        DEPLOYMENT,
        &Url::parse(TARGET).unwrap(),
        "rl-1",
        ["http://purl.imsglobal.org/vocab/lis/v2/membership#Instructor"],
    )
    .subject("user-1");
    let signed = message
        .sign(ISSUER, platform_key(), &checked, now())
        .unwrap();
    let form = signed.form_post();
    assert_eq!(form.action.as_str(), TARGET);
    assert_eq!(form.fields[1], ("state".to_owned(), "state-1".to_owned()));
    let launch = LaunchVerifier::new()
        .verify_id_token(
            &registration(),
            signed.token(),
            NONCE,
            &InMemoryNonceStore::new(10),
            now(),
        )
        .unwrap();
    assert!(launch.message().is_instructor());
    assert!(launch.claims().contains_key("jti"));
    assert_eq!(
        launch.expires_at() - launch.issued_at(),
        chrono::TimeDelta::minutes(5)
    );
    // Through the form, as the browser would post it.
    let body = url::form_urlencoded::Serializer::new(String::new())
        .extend_pairs(&form.fields)
        .finish();
    let parsed = LaunchForm::parse(body.as_bytes(), &Limits::default()).unwrap();
    assert_eq!(parsed.id_token, signed.token());
}

#[test]
fn builders_refuse_messages_missing_a_required_claim() {
    let checked = check(&auth_query(&[])).unwrap();
    let target = Url::parse(TARGET).unwrap();
    let no_roles_type = LaunchMessage::resource_link(DEPLOYMENT, &target, "rl-1", ["r"]).claim(
        "https://purl.imsglobal.org/spec/lti/claim/roles",
        json!("r"),
    );
    assert_eq!(
        no_roles_type
            .sign(ISSUER, platform_key(), &checked, now())
            .unwrap_err()
            .code()
            .as_str(),
        "lti.claim.type"
    );
    let empty_link = LaunchMessage::resource_link(DEPLOYMENT, &target, "", ["r"]);
    assert_eq!(
        empty_link
            .sign(ISSUER, platform_key(), &checked, now())
            .unwrap_err()
            .code()
            .as_str(),
        "lti.claim.type"
    );
    let settings = DeepLinkingSettings::new(
        Url::parse("https://platform.example.edu/dl").unwrap(),
        vec![ContentItemType::LtiResourceLink],
        vec![DocumentTarget::Iframe],
    );
    let dl = LaunchMessage::deep_linking_request(DEPLOYMENT, &settings).subject("user-1");
    let signed = dl.sign(ISSUER, platform_key(), &checked, now()).unwrap();
    let launch = LaunchVerifier::new()
        .verify_id_token(
            &registration(),
            signed.token(),
            NONCE,
            &InMemoryNonceStore::new(10),
            now(),
        )
        .unwrap();
    assert_eq!(
        launch.deep_linking_settings().unwrap().accept_types,
        vec![ContentItemType::LtiResourceLink]
    );
    let review = LaunchMessage::submission_review(
        DEPLOYMENT,
        &target,
        "rl-1",
        ["http://purl.imsglobal.org/vocab/lis/v2/membership#Instructor"],
        &Url::parse("https://platform.example.edu/lineitems/1").unwrap(),
        "learner-7",
    )
    .subject("user-1");
    let signed = review
        .sign(ISSUER, platform_key(), &checked, now())
        .unwrap();
    assert!(
        LaunchVerifier::new()
            .verify_id_token(
                &registration(),
                signed.token(),
                NONCE,
                &InMemoryNonceStore::new(10),
                now()
            )
            .is_ok()
    );
}

#[test]
fn sign_message_checks_registered_claims_too() {
    let mut claims = baseline();
    assert!(sign_message(&claims, platform_key()).is_ok());
    claims.insert("exp".into(), json!("soon"));
    assert_eq!(
        sign_message(&claims, platform_key())
            .unwrap_err()
            .code()
            .as_str(),
        "lti.claim.type"
    );
    claims.remove("exp");
    assert_eq!(
        sign_message(&claims, platform_key())
            .unwrap_err()
            .code()
            .as_str(),
        "lti.claim.missing"
    );
}

#[test]
fn signing_refuses_times_outside_the_numeric_date_range_instead_of_saturating() {
    // A claims file with an exp the verifiers would refuse (10^12 s, beyond ±10^11) is not signed.
    let mut claims = baseline();
    claims.insert("exp".into(), json!(1_000_000_000_000_i64));
    assert_eq!(
        sign_message(&claims, platform_key())
            .unwrap_err()
            .code()
            .as_str(),
        "lti.claim.type"
    );
    // A signing clock beyond the range: refused, never exp = now (the old saturation) or a wrapped time.
    let far = chrono::DateTime::<chrono::Utc>::MAX_UTC;
    let checked = check(&auth_query(&[])).unwrap();
    let message = LaunchMessage::resource_link(
        DEPLOYMENT,
        &Url::parse(TARGET).unwrap(),
        "rl-1",
        ["http://purl.imsglobal.org/vocab/lis/v2/membership#Learner"],
    )
    .subject("user-1");
    let error = message
        .sign(ISSUER, platform_key(), &checked, far)
        .unwrap_err();
    assert_eq!(error.code().as_str(), "lti.build.sign");
    assert!(matches!(
        learnwire_lti::platform::client_assertion(
            tool_key(),
            CLIENT_ID,
            "https://platform.example.edu/oauth2/token",
            far
        ),
        Err(learnwire_lti::keys::KeyError::Encode)
    ));
}

#[test]
fn form_post_escapes_and_sets_headers() {
    let post = learnwire_lti::platform::FormPost::new(
        Url::parse(TARGET).unwrap(),
        vec![(
            "state".to_owned(),
            "\"><script>alert('x')</script>&".to_owned(),
        )],
    );
    let html = post.to_html();
    assert!(html.contains("&quot;&gt;&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&amp;"));
    assert!(!html.contains("<script>alert"));
    let response = post.to_http_response();
    let csp = response.headers()["content-security-policy"]
        .to_str()
        .unwrap();
    assert!(csp.contains("form-action https://tool.example.com"));
    assert_eq!(response.headers()["cache-control"], "no-store");
}

mod client_credentials {
    //! LTI-48: client-credentials JWT bearer assertions at the platform's token endpoint.

    use std::sync::Arc;

    use learnwire_lti::InMemoryNonceStore;
    use learnwire_lti::platform::{
        ClientAssertionVerifier, ToolRegistration, VerifiedClientAssertion, client_assertion,
    };
    use serde_json::{Map, Value, json};

    use crate::support::*;

    const TOKEN_URL: &str = "https://platform.example.edu/oauth2/token";

    fn tool() -> ToolRegistration {
        let keys = key_set(&jwks_of(&[tool_key()])).unwrap();
        ToolRegistration::new(CLIENT_ID, vec![TARGET.to_owned()], Arc::new(keys))
    }

    fn claims() -> Map<String, Value> {
        json!({ "iss": CLIENT_ID, "sub": CLIENT_ID, "aud": TOKEN_URL, "iat": NOW, "exp": NOW + 300, "jti": "j-1" })
            .as_object()
            .unwrap()
            .clone()
    }

    fn verify(
        assertion: &str,
    ) -> Result<VerifiedClientAssertion, learnwire_lti::platform::ClientAssertionError> {
        ClientAssertionVerifier::new(TOKEN_URL).verify(
            &tool(),
            assertion,
            &InMemoryNonceStore::new(10),
            now(),
        )
    }

    fn signed(change: impl FnOnce(&mut Map<String, Value>)) -> String {
        let mut claims = claims();
        change(&mut claims);
        tool_key().sign_jwt(&claims).unwrap()
    }

    #[test]
    fn lti_48a_valid_assertion_and_jti_replay() {
        let assertion = client_assertion(tool_key(), CLIENT_ID, TOKEN_URL, now()).unwrap();
        let verifier = ClientAssertionVerifier::new(TOKEN_URL);
        let store = InMemoryNonceStore::new(10);
        assert!(verifier.verify(&tool(), &assertion, &store, now()).is_ok());
        assert_eq!(
            verifier
                .verify(&tool(), &assertion, &store, now())
                .unwrap_err()
                .code()
                .as_str(),
            "lti.nonce.replayed"
        );
        let verified = verify(&signed(|_| {})).unwrap();
        assert_eq!(verified.client_id(), CLIENT_ID);
        assert_eq!(verified.jti(), "j-1");
        assert_eq!(
            verified.expires_at() - verified.issued_at(),
            chrono::TimeDelta::minutes(5)
        );
        assert_eq!(verified.claims()["aud"], TOKEN_URL);
    }

    #[test]
    fn lti_48_refusals() {
        let none = format!(
            "{}.{}.",
            b64(br#"{"alg":"none","kid":"lw-tool-2023-01"}"#),
            b64(Value::Object(claims()).to_string().as_bytes())
        );
        let cases: Vec<(String, &str)> = vec![
            (
                signed(|c| drop(c.insert("sub".into(), json!("someone-else")))),
                "lti.claim.sub",
            ),
            (
                signed(|c| drop(c.insert("aud".into(), json!("https://other.example/token")))),
                "lti.claim.aud",
            ),
            (signed(|c| drop(c.remove("jti"))), "lti.claim.missing"),
            (none, "lti.header.alg-none"),
            (
                signed(|c| drop(c.insert("exp".into(), json!(NOW - 3600)))),
                "lti.claim.exp",
            ),
            (
                signed(|c| drop(c.insert("exp".into(), json!(NOW + 3600)))),
                "lti.claim.lifetime",
            ),
            (
                signed(|c| drop(c.insert("iss".into(), json!("other-client")))),
                "lti.claim.iss",
            ),
            (
                platform_key().sign_jwt(&claims()).unwrap(),
                "lti.key.unknown-kid",
            ),
        ];
        for (assertion, code) in cases {
            assert_eq!(verify(&assertion).unwrap_err().code().as_str(), code);
        }
    }
}
