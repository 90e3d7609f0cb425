//! Fuzz target: arbitrary bytes as a login initiation (query or form) and as an authentication request.
//!
//! Oracles beyond "no panic": a parsed initiation serialises back to a query that parses to the same
//! value; starting a login either fails with an `lti.login.` code or yields an authentication request
//! whose `login_hint`, `client_id` and `nonce` are exactly the state's; an authentication request parse
//! never accepts a repeated known parameter.
#![no_main]

use std::sync::{Arc, OnceLock};

use chrono::DateTime;
use learnwire_lti::keys::KeySet;
use learnwire_lti::login::{LoginInitiation, start_login};
use learnwire_lti::platform::AuthRequest;
use learnwire_lti::{Limits, Registration};
use libfuzzer_sys::fuzz_target;

fn registration() -> &'static Registration {
    static REGISTRATION: OnceLock<Registration> = OnceLock::new();
    REGISTRATION.get_or_init(|| {
        let mut registration = Registration::new(
            "https://platform.example.edu",
            "client-1",
            "https://platform.example.edu/auth".parse().expect("url"),
            "https://tool.example.com/launch".parse().expect("url"),
            Arc::new(KeySet::default()),
        );
        registration
            .deployment_ids
            .insert("deployment-1".to_owned());
        registration
    })
}

fuzz_target!(|data: &[u8]| {
    let limits = Limits::default();
    let _ = AuthRequest::parse(data, &limits);
    let Ok(initiation) = LoginInitiation::from_form(data, &limits) else {
        return;
    };
    let mut query = url::form_urlencoded::Serializer::new(String::new());
    query
        .append_pair("iss", &initiation.iss)
        .append_pair("login_hint", &initiation.login_hint);
    query.append_pair("target_link_uri", &initiation.target_link_uri);
    for (name, value) in [
        ("lti_message_hint", &initiation.lti_message_hint),
        ("client_id", &initiation.client_id),
        ("lti_deployment_id", &initiation.lti_deployment_id),
        ("lti_storage_target", &initiation.lti_storage_target),
    ] {
        if let Some(value) = value {
            query.append_pair(name, value);
        }
    }
    let query = query.finish();
    if query.len() <= limits.max_query_bytes() {
        assert_eq!(
            LoginInitiation::from_query(&query, &limits).ok(),
            Some(initiation.clone())
        );
    }
    let now = DateTime::from_timestamp(1_700_000_000, 0).expect("time");
    let registration = registration();
    match start_login(
        &initiation,
        |iss, _| (iss == registration.issuer).then_some(registration),
        now,
    ) {
        Ok((request, state)) => {
            let pairs: Vec<(String, String)> = request.url().query_pairs().into_owned().collect();
            let get = |name: &str| {
                pairs
                    .iter()
                    .find(|(n, _)| n == name)
                    .map(|(_, v)| v.clone())
            };
            assert_eq!(
                get("login_hint").as_deref(),
                Some(initiation.login_hint.as_str())
            );
            assert_eq!(get("client_id").as_deref(), Some("client-1"));
            assert_eq!(get("nonce").as_deref(), Some(state.nonce()));
        }
        Err(error) => assert!(error.code().starts_with("lti.login.")),
    }
});
