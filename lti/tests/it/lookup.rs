//! One verifier serves many platforms: login and launch find the platform's registration through the
//! same lookup; a launch form is read from an `http::Request`.

use std::sync::Arc;

use learnwire_lti::launch::{LaunchForm, LaunchVerifier};
use learnwire_lti::login::{LoginInitiation, StateSealer, start_login, start_login_sealed};
use learnwire_lti::{InMemoryNonceStore, LaunchError, Limits, PlatformRegistration, http};
use serde_json::json;
use url::Url;

use crate::support::*;

const OTHER_ISSUER: &str = "https://other-lms.example.org";

/// Two platforms: ours (the support fixtures) and another issuer with the same client id.
fn platforms() -> Vec<PlatformRegistration> {
    let mut other = PlatformRegistration::new(
        OTHER_ISSUER,
        CLIENT_ID,
        Url::parse("https://other-lms.example.org/auth").unwrap(),
        Url::parse(TARGET).unwrap(),
        Arc::new(key_set(&jwks_of(&[second_key()])).unwrap()),
    );
    other.deployment_ids.insert(DEPLOYMENT.to_owned());
    vec![registration(), other]
}

/// The tool's lookup, used for login and launch alike; `client_id` is optional in a login initiation.
fn find<'a>(
    platforms: &'a [PlatformRegistration],
) -> impl Fn(&str, Option<&str>) -> Option<&'a PlatformRegistration> {
    move |iss, client_id| {
        platforms
            .iter()
            .find(|p| p.issuer == iss && client_id.is_none_or(|id| id == p.client_id))
    }
}

fn initiation(issuer: &str, client_id: Option<&str>) -> LoginInitiation {
    let mut query = url::form_urlencoded::Serializer::new(String::new());
    query
        .append_pair("iss", issuer)
        .append_pair("login_hint", "user-1")
        .append_pair("target_link_uri", TARGET);
    if let Some(client_id) = client_id {
        query.append_pair("client_id", client_id);
    }
    LoginInitiation::from_query(&query.finish(), &Limits::default()).unwrap()
}

/// The platform's id_token for a login: signed by the platform's key, carrying the login's nonce.
fn id_token(issuer: &str, nonce: &str) -> String {
    let mut claims = baseline();
    claims.insert("iss".into(), json!(issuer));
    claims.insert("nonce".into(), json!(nonce));
    if issuer == ISSUER {
        platform_key().sign_jwt(&claims).unwrap()
    } else {
        second_key().sign_jwt(&claims).unwrap()
    }
}

#[test]
fn one_verifier_serves_every_platform_through_the_login_lookup() {
    let platforms = platforms();
    let verifier = LaunchVerifier::new();
    let nonces = InMemoryNonceStore::default();
    for issuer in [ISSUER, OTHER_ISSUER] {
        // A platform that omits the optional client_id is not refused.
        for client_id in [Some(CLIENT_ID), None] {
            let (_, state) = start_login(&initiation(issuer, client_id), find(&platforms), now())
                .unwrap_or_else(|error| panic!("{issuer} {client_id:?}: {error}"));
            let form = LaunchForm::new(
                id_token(issuer, state.nonce()),
                Some(state.state().to_owned()),
            );
            let launch = verifier
                .verify(find(&platforms), &form, &state, &nonces, now())
                .unwrap_or_else(|error| panic!("{issuer} {client_id:?}: {error}"));
            assert_eq!(launch.issuer(), issuer);
        }
    }
}

#[test]
fn a_launch_whose_platform_is_no_longer_registered_is_refused_with_its_own_code() {
    let platforms = platforms();
    let (_, state) = start_login(&initiation(OTHER_ISSUER, None), find(&platforms), now()).unwrap();
    let form = LaunchForm::new(
        id_token(OTHER_ISSUER, state.nonce()),
        Some(state.state().to_owned()),
    );
    // Removed between the login and the launch: the lookup finds nothing.
    let remaining = &platforms[..1];
    let error = LaunchVerifier::new()
        .verify(
            find(remaining),
            &form,
            &state,
            &InMemoryNonceStore::default(),
            now(),
        )
        .unwrap_err();
    assert!(
        matches!(error, LaunchError::UnknownRegistration { ref issuer, .. } if issuer.as_str() == OTHER_ISSUER)
    );
    assert_eq!(error.code().as_str(), "lti.registration.unknown");
}

#[test]
fn a_sealed_state_is_opened_once_and_finds_its_platform() {
    let platforms = platforms();
    let sealer = StateSealer::new(&[9u8; 32]).unwrap();
    let (redirect, state) = start_login_sealed(
        &initiation(OTHER_ISSUER, Some(CLIENT_ID)),
        find(&platforms),
        &sealer,
        now(),
    )
    .unwrap();
    let sealed = redirect
        .url()
        .query_pairs()
        .find(|(name, _)| name == "state")
        .map(|(_, value)| value.into_owned())
        .unwrap();
    let form = LaunchForm::new(id_token(OTHER_ISSUER, state.nonce()), Some(sealed));
    let mut asked = Vec::new();
    let launch = LaunchVerifier::new()
        .verify_sealed(
            |iss: &str, client_id: Option<&str>| {
                asked.push((iss.to_owned(), client_id.map(str::to_owned)));
                find(&platforms)(iss, client_id)
            },
            &form,
            &sealer,
            &InMemoryNonceStore::default(),
            now(),
        )
        .unwrap();
    assert_eq!(launch.issuer(), OTHER_ISSUER);
    // The lookup was asked once, with the platform the sealed state names.
    assert_eq!(
        asked,
        [(OTHER_ISSUER.to_owned(), Some(CLIENT_ID.to_owned()))]
    );
}

#[test]
fn a_launch_form_is_read_from_an_http_post() {
    let limits = Limits::default();
    let post = |content_type: Option<&str>, body: &str| {
        let mut request = http::Request::post(TARGET);
        if let Some(content_type) = content_type {
            request = request.header("content-type", content_type);
        }
        request.body(body.as_bytes().to_vec()).unwrap()
    };
    for content_type in [
        Some("application/x-www-form-urlencoded"),
        Some("application/x-www-form-urlencoded; charset=UTF-8"),
        Some("Application/X-WWW-Form-Urlencoded"),
        None,
    ] {
        let form =
            LaunchForm::from_http_request(&post(content_type, "id_token=a.b.c&state=s-1"), &limits)
                .unwrap_or_else(|error| panic!("{content_type:?}: {error}"));
        assert_eq!(form.id_token, "a.b.c");
        assert_eq!(form.state.as_deref(), Some("s-1"));
    }
    let malformed = |request: &http::Request<Vec<u8>>| {
        LaunchForm::from_http_request(request, &limits)
            .unwrap_err()
            .code()
            .as_str()
    };
    let get = http::Request::get(format!("{TARGET}?id_token=a.b.c"))
        .body(Vec::new())
        .unwrap();
    assert_eq!(malformed(&get), "lti.form.malformed");
    assert_eq!(
        malformed(&post(Some("application/json"), r#"{"id_token":"a"}"#)),
        "lti.form.malformed"
    );
    assert_eq!(
        malformed(&post(None, "id_token=a&id_token=b")),
        "lti.form.malformed"
    );
    assert_eq!(
        malformed(&post(None, "state=s-1")),
        "lti.form.token-missing"
    );
    let big = "x".repeat(limits.max_form_bytes() + 1);
    assert_eq!(
        malformed(&post(None, &format!("id_token={big}"))),
        "lti.form.malformed"
    );
}

/// `verify_id_token` takes the same lookup as login and `verify` (issue #8 leftover): the token's `iss`
/// and single `aud` choose the registration, whose keys then verify the token.
#[test]
fn verify_id_token_finds_the_registration_through_the_lookup() {
    let platforms = platforms();
    let store = InMemoryNonceStore::new(10);
    let other = LaunchVerifier::new()
        .verify_id_token(
            find(&platforms),
            &id_token(OTHER_ISSUER, NONCE),
            NONCE,
            &store,
            now(),
        )
        .unwrap();
    assert_eq!(other.issuer(), OTHER_ISSUER);
    let ours = LaunchVerifier::new()
        .verify_id_token(
            find(&platforms),
            &id_token(ISSUER, NONCE),
            NONCE,
            &InMemoryNonceStore::new(10),
            now(),
        )
        .unwrap();
    assert_eq!(ours.issuer(), ISSUER);
    // A fixed registration still works as before.
    let fixed = LaunchVerifier::new().verify_id_token(
        &registration(),
        &id_token(ISSUER, NONCE),
        NONCE,
        &InMemoryNonceStore::new(10),
        now(),
    );
    assert!(fixed.is_ok());
}

#[test]
fn verify_id_token_with_no_registration_for_the_token_is_registration_unknown() {
    let platforms = platforms();
    let error = LaunchVerifier::new()
        .verify_id_token(
            find(&platforms),
            &id_token("https://unknown.example", NONCE),
            NONCE,
            &InMemoryNonceStore::new(10),
            now(),
        )
        .unwrap_err();
    assert_eq!(error.code().as_str(), "lti.registration.unknown");
    // The lookup is asked with the token's audience as client id.
    let mut asked = None;
    let _ = LaunchVerifier::new().danger_verify_id_token_without_nonce(
        |iss: &str, client_id: Option<&str>| {
            asked = Some((iss.to_owned(), client_id.map(str::to_owned)));
            None::<&PlatformRegistration>
        },
        &id_token(ISSUER, NONCE),
        now(),
    );
    assert_eq!(asked, Some((ISSUER.to_owned(), Some(CLIENT_ID.to_owned()))));
}

#[test]
fn verify_id_token_with_a_lookup_refuses_an_unreadable_token_with_its_token_code() {
    let platforms = platforms();
    let error = LaunchVerifier::new()
        .verify_id_token(
            find(&platforms),
            "not.a-token",
            NONCE,
            &InMemoryNonceStore::new(10),
            now(),
        )
        .unwrap_err();
    assert_eq!(error.code().as_str(), "lti.token.segments");
}

/// The sealed-state size limit is a `Limits` field (issue #8 leftover), applied by the sealer and by
/// the verifier.
#[test]
fn sealed_state_longer_than_max_sealed_state_bytes_is_sealed_invalid() {
    assert_eq!(Limits::default().max_sealed_state_bytes(), 8 * 1024);
    let platforms = platforms();
    let sealer = StateSealer::new(&[9u8; 32]).unwrap();
    let (redirect, state) = start_login_sealed(
        &initiation(ISSUER, Some(CLIENT_ID)),
        find(&platforms),
        &sealer,
        now(),
    )
    .unwrap();
    let _ = redirect;
    let sealed = sealer.seal(&state).unwrap();
    let small = Limits::default().with_max_sealed_state_bytes(sealed.len() - 1);
    let error = StateSealer::new(&[9u8; 32])
        .unwrap()
        .with_limits(&small)
        .open(&sealed, now())
        .unwrap_err();
    assert_eq!(error.code().as_str(), "lti.state.sealed-invalid");
    assert!(sealer.open(&sealed, now()).is_ok());
    let form = LaunchForm::new(id_token(ISSUER, state.nonce()), Some(sealed));
    let store = InMemoryNonceStore::new(10);
    let error = LaunchVerifier::new()
        .with_limits(small)
        .verify_sealed(find(&platforms), &form, &sealer, &store, now())
        .unwrap_err();
    assert_eq!(error.code().as_str(), "lti.state.sealed-invalid");
    let launch =
        LaunchVerifier::new().verify_sealed(find(&platforms), &form, &sealer, &store, now());
    assert!(launch.is_ok(), "{launch:?}");
}
