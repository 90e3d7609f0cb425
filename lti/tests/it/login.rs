//! Login initiation (LTI-49), state on the callback (LTI-50), sealed state, the whole tool-side flow.

use chrono::TimeDelta;
use learnwire_lti::launch::{LaunchForm, LaunchVerifier};
use learnwire_lti::login::{
    LoginInitiation, LoginState, StateSealer, start_login, start_login_sealed,
};
use learnwire_lti::{InMemoryNonceStore, LaunchError, Limits, PlatformRegistration};
use url::Url;

use crate::support::*;

fn query(pairs: &[(&str, &str)]) -> String {
    url::form_urlencoded::Serializer::new(String::new())
        .extend_pairs(pairs)
        .finish()
}

fn valid_pairs() -> Vec<(&'static str, &'static str)> {
    vec![
        ("iss", ISSUER),
        ("login_hint", "user-1"),
        ("target_link_uri", TARGET),
        ("client_id", CLIENT_ID),
        ("lti_message_hint", "m-1"),
    ]
}

fn lookup<'a>(
    registration: &'a PlatformRegistration,
) -> impl FnOnce(&str, Option<&str>) -> Option<&'a PlatformRegistration> {
    move |iss, _| (iss == registration.issuer).then_some(registration)
}

fn start(
    pairs: &[(&str, &str)],
) -> Result<
    (
        learnwire_lti::login::AuthRedirect,
        learnwire_lti::login::LoginState,
    ),
    learnwire_lti::login::LoginError,
> {
    let registration = registration();
    let initiation = LoginInitiation::from_query(&query(pairs), &Limits::default())?;
    start_login(&initiation, lookup(&registration), now())
}

#[test]
fn lti_49a_valid_initiation_builds_the_authentication_request() {
    let (request, state) = start(&valid_pairs()).unwrap();
    let params: Vec<(String, String)> = request.url().query_pairs().into_owned().collect();
    let get = |name: &str| {
        params
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    };
    assert_eq!(request.url().path(), "/auth");
    assert_eq!(get("response_type"), Some("id_token"));
    assert_eq!(get("scope"), Some("openid"));
    assert_eq!(get("response_mode"), Some("form_post"));
    assert_eq!(get("prompt"), Some("none"));
    assert_eq!(get("client_id"), Some(CLIENT_ID));
    assert_eq!(get("redirect_uri"), Some(TARGET));
    assert_eq!(get("login_hint"), Some("user-1"));
    assert_eq!(get("lti_message_hint"), Some("m-1"));
    assert_eq!(get("state"), Some(state.state()));
    assert_eq!(get("nonce"), Some(state.nonce()));
    assert_eq!(state.nonce().len(), 43);
    assert_ne!(state.nonce(), state.state());
    assert!(!format!("{state:?}").contains(state.nonce()));
    let response = request.to_http_response();
    assert_eq!(response.status(), 302);
    // Fresh values each time.
    let (_, again) = start(&valid_pairs()).unwrap();
    assert_ne!(again.nonce(), state.nonce());
}

#[test]
fn lti_49_refusals_name_their_check() {
    let cases: Vec<(Vec<(&str, &str)>, &str)> = vec![
        (
            vec![
                ("iss", "https://unknown.example"),
                ("login_hint", "u"),
                ("target_link_uri", TARGET),
            ],
            "lti.login.unknown-issuer",
        ),
        (
            vec![
                ("iss", ISSUER),
                ("login_hint", "u"),
                ("target_link_uri", "https://evil.example/launch"),
            ],
            "lti.login.untrusted-target-link-uri",
        ),
        (
            vec![
                ("iss", ISSUER),
                ("login_hint", "u"),
                ("target_link_uri", "javascript:alert(1)"),
            ],
            "lti.login.untrusted-target-link-uri",
        ),
        (
            vec![("iss", ISSUER), ("target_link_uri", TARGET)],
            "lti.login.missing-parameter",
        ),
        (
            vec![
                ("iss", ISSUER),
                ("login_hint", "u"),
                ("target_link_uri", TARGET),
                ("client_id", "other"),
            ],
            "lti.login.client-id-mismatch",
        ),
        (
            vec![
                ("iss", ISSUER),
                ("login_hint", "u"),
                ("target_link_uri", TARGET),
                ("lti_deployment_id", "d-9"),
            ],
            "lti.login.unknown-deployment",
        ),
        (
            vec![
                ("iss", ISSUER),
                ("iss", ISSUER),
                ("login_hint", "u"),
                ("target_link_uri", TARGET),
            ],
            "lti.login.duplicate-parameter",
        ),
    ];
    for (pairs, code) in cases {
        let error = start(&pairs).unwrap_err();
        assert_eq!(error.code().as_str(), code, "{pairs:?}");
    }
    let huge = "x".repeat(20_000);
    let error = LoginInitiation::from_query(&huge, &Limits::default()).unwrap_err();
    assert_eq!(error.code().as_str(), "lti.login.too-large");
}

#[test]
fn initiation_from_http_post_and_get() {
    let body = query(&valid_pairs());
    let post = http::Request::post("/login")
        .body(body.clone().into_bytes())
        .unwrap();
    let get = http::Request::get(format!("/login?{body}"))
        .body(Vec::new())
        .unwrap();
    let a = LoginInitiation::from_http_request(&post, &Limits::default()).unwrap();
    let b = LoginInitiation::from_http_request(&get, &Limits::default()).unwrap();
    assert_eq!(a, b);
    assert_eq!(a.lti_message_hint.as_deref(), Some("m-1"));
    let put = http::Request::put("/login").body(Vec::new()).unwrap();
    assert_eq!(
        LoginInitiation::from_http_request(&put, &Limits::default())
            .unwrap_err()
            .code()
            .as_str(),
        "lti.login.malformed"
    );
}

fn launch_token(nonce: &str) -> String {
    signed_with(|c| drop(c.insert("nonce".into(), nonce.into())))
}

#[test]
fn lti_50_state_checked_before_the_token() {
    let registration = registration();
    let (_, state) = start(&valid_pairs()).unwrap();
    let store = InMemoryNonceStore::new(10);
    let verifier = LaunchVerifier::new();
    let token = launch_token(state.nonce());
    // (a) valid.
    let form = LaunchForm::new(token.clone(), Some(state.state().to_owned()));
    assert!(
        verifier
            .verify(only(&registration), &form, &state, &store, now())
            .is_ok()
    );
    // (b) mismatched state, even with a garbage token: the state check comes first.
    let form = LaunchForm::new("garbage", Some("other-state".to_owned()));
    assert_eq!(
        verifier
            .verify(only(&registration), &form, &state, &store, now())
            .unwrap_err()
            .code()
            .as_str(),
        "lti.state.mismatch"
    );
    // (c) no state.
    let form = LaunchForm::new("garbage", None);
    assert_eq!(
        verifier
            .verify(only(&registration), &form, &state, &store, now())
            .unwrap_err()
            .code()
            .as_str(),
        "lti.state.missing"
    );
}

#[test]
fn launch_form_parsing() {
    let body = query(&[("id_token", "a.b.c"), ("state", "s")]);
    let form = LaunchForm::parse(body.as_bytes(), &Limits::default()).unwrap();
    assert_eq!(form.id_token, "a.b.c");
    let twice = query(&[("id_token", "a"), ("id_token", "b")]);
    assert_eq!(
        LaunchForm::parse(twice.as_bytes(), &Limits::default())
            .unwrap_err()
            .code()
            .as_str(),
        "lti.form.malformed"
    );
    assert_eq!(
        LaunchForm::parse(b"state=s", &Limits::default())
            .unwrap_err()
            .code()
            .as_str(),
        "lti.form.token-missing"
    );
}

#[test]
fn target_link_uri_must_match_the_login() {
    let registration = registration();
    let pairs = [
        ("iss", ISSUER),
        ("login_hint", "u"),
        ("target_link_uri", "https://tool.example.com/other"),
    ];
    let (_, state) = start(&pairs).unwrap();
    let form = LaunchForm::new(launch_token(state.nonce()), Some(state.state().to_owned()));
    let error = LaunchVerifier::new()
        .verify(
            only(&registration),
            &form,
            &state,
            &InMemoryNonceStore::new(10),
            now(),
        )
        .unwrap_err();
    assert_eq!(error.code().as_str(), "lti.target-link-uri");
}

#[test]
fn sealed_state_flow() {
    let registration = registration();
    let sealer = StateSealer::new(&[42u8; 32]).unwrap();
    let initiation =
        LoginInitiation::from_query(&query(&valid_pairs()), &Limits::default()).unwrap();
    let (request, state) =
        start_login_sealed(&initiation, lookup(&registration), &sealer, now()).unwrap();
    let sealed = request
        .url()
        .query_pairs()
        .find(|(n, _)| n == "state")
        .unwrap()
        .1
        .into_owned();
    assert_ne!(sealed, state.state());
    let store = InMemoryNonceStore::new(10);
    let form = LaunchForm::new(launch_token(state.nonce()), Some(sealed.clone()));
    assert!(
        LaunchVerifier::new()
            .verify_sealed(only(&registration), &form, &sealer, &store, now())
            .is_ok()
    );
    // Replaying the whole form: the nonce is used.
    let error = LaunchVerifier::new()
        .verify_sealed(only(&registration), &form, &sealer, &store, now())
        .unwrap_err();
    assert_eq!(error.code().as_str(), "lti.nonce.replayed");
    // A tampered seal, another key.
    let mut tampered = sealed.clone();
    tampered.insert(6, 'A');
    for (form_state, sealer, at) in [
        (tampered, StateSealer::new(&[42u8; 32]).unwrap(), now()),
        (
            sealed.clone(),
            StateSealer::new(&[43u8; 32]).unwrap(),
            now(),
        ),
    ] {
        let form = LaunchForm::new(launch_token(state.nonce()), Some(form_state));
        let error = LaunchVerifier::new()
            .verify_sealed(
                only(&registration),
                &form,
                &sealer,
                &InMemoryNonceStore::new(10),
                at,
            )
            .unwrap_err();
        assert_eq!(error.code().as_str(), "lti.state.sealed-invalid");
    }
    // An expired seal opens (it is authentic) and is then refused for its age, with the code of its own.
    let form = LaunchForm::new(launch_token(state.nonce()), Some(sealed));
    let error = LaunchVerifier::new()
        .verify_sealed(
            only(&registration),
            &form,
            &sealer,
            &InMemoryNonceStore::new(10),
            now() + TimeDelta::hours(1),
        )
        .unwrap_err();
    assert_eq!(error.code().as_str(), "lti.state.expired");
    assert!(StateSealer::new(&[1u8; 16]).is_err());
}

/// A kept login started `age` seconds before `now()` (negative: after), and the form of its launch with a
/// fresh token carrying its nonce.
fn kept_login(age: i64) -> (LoginState, LaunchForm) {
    let registration = registration();
    let initiation =
        LoginInitiation::from_query(&query(&valid_pairs()), &Limits::default()).unwrap();
    let started = now() - TimeDelta::seconds(age);
    let (_, state) = start_login(&initiation, lookup(&registration), started).unwrap();
    assert_eq!(state.created_at(), started);
    let form = LaunchForm::new(launch_token(state.nonce()), Some(state.state().to_owned()));
    (state, form)
}

fn verify_kept(verifier: &LaunchVerifier, age: i64) -> Result<(), LaunchError> {
    let (state, form) = kept_login(age);
    verifier
        .verify(
            only(&registration()),
            &form,
            &state,
            &InMemoryNonceStore::new(10),
            now(),
        )
        .map(drop)
}

/// A sealed login started `age` seconds before `now()` (negative: after), verified at `now()`.
fn verify_sealed_at_age(
    verifier: &LaunchVerifier,
    sealer: &StateSealer,
    age: i64,
) -> Result<(), LaunchError> {
    let registration = registration();
    let initiation =
        LoginInitiation::from_query(&query(&valid_pairs()), &Limits::default()).unwrap();
    let started = now() - TimeDelta::seconds(age);
    let (request, state) =
        start_login_sealed(&initiation, lookup(&registration), sealer, started).unwrap();
    let sealed = request
        .url()
        .query_pairs()
        .find(|(n, _)| n == "state")
        .unwrap()
        .1
        .into_owned();
    let form = LaunchForm::new(launch_token(state.nonce()), Some(sealed));
    verifier
        .verify_sealed(
            only(&registration),
            &form,
            sealer,
            &InMemoryNonceStore::new(10),
            now(),
        )
        .map(drop)
}

#[track_caller]
fn assert_code(result: Result<(), LaunchError>, code: &str) {
    match result {
        Ok(()) => panic!("accepted, expected {code}"),
        Err(error) => assert_eq!(error.code().as_str(), code, "{error}"),
    }
}

#[test]
fn kept_login_state_two_hours_old_is_refused_even_with_a_fresh_token() {
    // The login started two hours ago; the token itself is fresh (iat = now - 5 s).
    let error = verify_kept(&LaunchVerifier::new(), 2 * 3600).unwrap_err();
    assert_eq!(error.code().as_str(), "lti.state.expired");
    assert!(error.is_time());
    assert!(matches!(
        error,
        LaunchError::LoginStateExpired { max_age, .. } if max_age == TimeDelta::minutes(10)
    ));
}

#[test]
fn kept_login_state_at_the_maximum_age_is_accepted_one_second_more_is_refused() {
    let default = LaunchVerifier::new();
    assert_eq!(default.max_login_age(), TimeDelta::minutes(10));
    assert!(verify_kept(&default, 600).is_ok());
    assert_code(verify_kept(&default, 601), "lti.state.expired");
    let configured = LaunchVerifier::new().with_max_login_age(TimeDelta::minutes(30));
    assert!(verify_kept(&configured, 1800).is_ok());
    assert_code(verify_kept(&configured, 1801), "lti.state.expired");
    let shorter = LaunchVerifier::new().with_max_login_age(TimeDelta::minutes(2));
    assert!(verify_kept(&shorter, 120).is_ok());
    assert_code(verify_kept(&shorter, 121), "lti.state.expired");
}

#[test]
fn kept_login_state_created_beyond_the_leeway_in_the_future_is_refused() {
    let default = LaunchVerifier::new();
    assert!(verify_kept(&default, -60).is_ok());
    assert_code(verify_kept(&default, -61), "lti.state.future");
    let strict = LaunchVerifier::new().with_leeway(TimeDelta::zero());
    assert!(verify_kept(&strict, 0).is_ok());
    assert_code(verify_kept(&strict, -1), "lti.state.future");
    // At the ends of representable time (a forged store entry): refused, nothing overflows.
    let (state, form) = kept_login(0);
    for (created_at, code) in [
        (chrono::DateTime::<chrono::Utc>::MAX_UTC, "lti.state.future"),
        (
            chrono::DateTime::<chrono::Utc>::MIN_UTC,
            "lti.state.expired",
        ),
    ] {
        let forged = LoginState::new(
            state.state().to_owned(),
            state.nonce().to_owned(),
            state.issuer().to_owned(),
            state.client_id().to_owned(),
            state.target_link_uri().to_owned(),
            state.redirect_uri().clone(),
            created_at,
        );
        let result = LaunchVerifier::new()
            .with_max_login_age(TimeDelta::MAX)
            .with_leeway(TimeDelta::MAX)
            .verify(
                only(&registration()),
                &form,
                &forged,
                &InMemoryNonceStore::new(10),
                now(),
            )
            .map(drop);
        let result_default = LaunchVerifier::new()
            .verify(
                only(&registration()),
                &form,
                &forged,
                &InMemoryNonceStore::new(10),
                now(),
            )
            .map(drop);
        assert!(result.is_err());
        assert_code(result_default, code);
    }
}

#[test]
fn sealed_login_state_at_the_maximum_age_is_accepted_one_second_more_is_refused() {
    let sealer = StateSealer::new(&[42u8; 32]).unwrap();
    let default = LaunchVerifier::new();
    assert!(verify_sealed_at_age(&default, &sealer, 600).is_ok());
    assert_code(
        verify_sealed_at_age(&default, &sealer, 601),
        "lti.state.expired",
    );
    // The verifier's limit governs, not the sealer's: one limit for both ways of keeping state.
    let configured = LaunchVerifier::new().with_max_login_age(TimeDelta::minutes(30));
    assert!(verify_sealed_at_age(&configured, &sealer, 1800).is_ok());
    assert_code(
        verify_sealed_at_age(&configured, &sealer, 1801),
        "lti.state.expired",
    );
    let lenient_sealer = StateSealer::new(&[42u8; 32])
        .unwrap()
        .with_max_age(TimeDelta::hours(1));
    assert_code(
        verify_sealed_at_age(&default, &lenient_sealer, 601),
        "lti.state.expired",
    );
}

#[test]
fn sealed_login_state_created_beyond_the_leeway_in_the_future_is_refused() {
    let sealer = StateSealer::new(&[42u8; 32]).unwrap();
    let default = LaunchVerifier::new();
    assert!(verify_sealed_at_age(&default, &sealer, -60).is_ok());
    assert_code(
        verify_sealed_at_age(&default, &sealer, -61),
        "lti.state.future",
    );
}

#[test]
fn state_sealer_open_refuses_an_old_or_future_state_with_the_state_codes() {
    let sealer = StateSealer::new(&[42u8; 32]).unwrap();
    let (state, _) = kept_login(0);
    let sealed = sealer.seal(&state).unwrap();
    let at = |seconds: i64| now() + TimeDelta::seconds(seconds);
    assert_eq!(sealer.open(&sealed, at(600)).unwrap(), state);
    assert_eq!(
        sealer.open(&sealed, at(601)).unwrap_err().code().as_str(),
        "lti.state.expired"
    );
    assert!(sealer.open(&sealed, at(-60)).is_ok());
    assert_eq!(
        sealer.open(&sealed, at(-61)).unwrap_err().code().as_str(),
        "lti.state.future"
    );
    let longer = StateSealer::new(&[42u8; 32])
        .unwrap()
        .with_max_age(TimeDelta::minutes(20));
    assert!(longer.open(&sealed, at(1200)).is_ok());
    assert_eq!(
        longer.open(&sealed, at(1201)).unwrap_err().code().as_str(),
        "lti.state.expired"
    );
}

#[test]
fn state_from_another_registration_is_refused() {
    let (_, state) = start(&valid_pairs()).unwrap();
    let mut other = registration();
    other.client_id = "client-2".to_owned();
    let form = LaunchForm::new(launch_token(state.nonce()), Some(state.state().to_owned()));
    let error = LaunchVerifier::new()
        .verify(
            only(&other),
            &form,
            &state,
            &InMemoryNonceStore::new(10),
            now(),
        )
        .unwrap_err();
    assert_eq!(error.code().as_str(), "lti.state.mismatch");
    let _ = Url::parse(TARGET).unwrap();
}
