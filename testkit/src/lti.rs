//! Oracles of the `lti_token`, `lti_login` and `lti_deep_linking` fuzz targets, with their fixed
//! registrations, key sets and clock.

use std::sync::{Arc, OnceLock};

use chrono::{DateTime, Utc};
use learnwire_lti::keys::{KeySet, KeySetOptions};
use learnwire_lti::launch::LaunchVerifier;
use learnwire_lti::login::{LoginInitiation, start_login};
use learnwire_lti::platform::AuthRequest;
use learnwire_lti::{InMemoryNonceStore, Limits, Registration};

/// The platform issuer of every fixture.
pub const ISSUER: &str = "https://platform.example.edu";
/// The tool's client id.
pub const CLIENT_ID: &str = "client-1";
/// The one registered deployment.
pub const DEPLOYMENT: &str = "deployment-1";
/// The nonce the `lti_token` seeds were signed with.
pub const NONCE: &str = "nonce-1";

/// The public key set the `lti_token` seeds are signed for (`fuzz/seeds/lti_token/jwks.json`).
const TOKEN_JWKS: &[u8] = include_bytes!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../fuzz/seeds/lti_token/jwks.json"
));

/// The fixed clock: 2023-11-14T22:13:20Z.
pub fn now() -> DateTime<Utc> {
    DateTime::from_timestamp(1_700_000_000, 0).unwrap_or_default()
}

/// The tool's registration of the platform used by `lti_token` and `lti_login`: [`ISSUER`],
/// [`CLIENT_ID`], [`DEPLOYMENT`] and the key set of `fuzz/seeds/lti_token/jwks.json`.
///
/// # Panics
///
/// When the committed key set does not load.
pub fn seed_registration() -> &'static Registration {
    static REGISTRATION: OnceLock<Registration> = OnceLock::new();
    REGISTRATION.get_or_init(|| {
        let keys = KeySet::from_jwks(TOKEN_JWKS, &KeySetOptions::default())
            .unwrap_or_else(|error| panic!("fuzz/seeds/lti_token/jwks.json: {error}"));
        let mut registration = Registration::new(
            ISSUER,
            CLIENT_ID,
            url("https://platform.example.edu/auth"),
            url("https://tool.example.com/launch"),
            Arc::new(keys),
        );
        registration.deployment_ids.insert(DEPLOYMENT.to_owned());
        registration
    })
}

/// Oracle of `lti_token`: [`token_verdict`] against [`seed_registration`].
///
/// # Panics
///
/// When an oracle fails.
pub fn token_oracle(data: &[u8]) {
    let _ = token_verdict(seed_registration(), data);
}

/// Verifies `data` as an `id_token` for `registration` (nonce [`NONCE`], clock [`now`]) and returns the
/// verdict: `"ok"` or the rejection's code.
///
/// Oracles beyond "no panic": the verdict is deterministic (same code twice, with a fresh nonce
/// store); every rejection has an `lti.` code and a message without control characters; an accepted
/// token is within the 64 KiB size limit, names the registered issuer and deployment, and is refused
/// as a replay (`lti.nonce.replayed`) the second time.
///
/// # Panics
///
/// When an oracle fails.
pub fn token_verdict(registration: &Registration, data: &[u8]) -> String {
    let token = String::from_utf8_lossy(data);
    let verifier = LaunchVerifier::new();
    let store = InMemoryNonceStore::new(16);
    match verifier.verify_id_token(registration, &token, NONCE, &store, now()) {
        Ok(launch) => {
            assert!(token.len() <= 64 * 1024, "accepted a token over 64 KiB");
            assert_eq!(launch.issuer(), registration.issuer);
            assert!(registration.deployment_ids.contains(launch.deployment_id()));
            let again = verifier.verify_id_token(registration, &token, NONCE, &store, now());
            assert_eq!(
                again.err().map(|error| error.code().to_string()).as_deref(),
                Some("lti.nonce.replayed")
            );
            "ok".to_owned()
        }
        Err(error) => {
            let code = error.code().to_string();
            assert!(code.starts_with("lti."), "code {code} is not lti.*");
            assert!(
                !error.to_string().chars().any(char::is_control),
                "{code}: the message holds a control character"
            );
            let fresh = InMemoryNonceStore::new(16);
            let again = verifier.verify_id_token(registration, &token, NONCE, &fresh, now());
            assert_eq!(
                again.err().map(|error| error.code().to_string()),
                Some(code.clone()),
                "the verdict changed on a second run"
            );
            code
        }
    }
}

/// Oracle of `lti_login`: `data` as a login initiation (query or form) and as an authentication
/// request. Returns true when it reached an authentication request.
///
/// Oracles beyond "no panic": a parsed initiation serialises back to a query that parses to the same
/// value; starting a login either fails with an `lti.login.` code or yields an authentication request
/// whose `login_hint`, `client_id` and `nonce` are exactly the state's.
///
/// # Panics
///
/// When an oracle fails.
pub fn login_oracle(data: &[u8]) -> bool {
    let limits = Limits::default();
    let _ = AuthRequest::parse(data, &limits);
    let Ok(initiation) = LoginInitiation::from_form(data, &limits) else {
        return false;
    };
    let mut query = url::form_urlencoded::Serializer::new(String::new());
    query
        .append_pair("iss", &initiation.iss)
        .append_pair("login_hint", &initiation.login_hint)
        .append_pair("target_link_uri", &initiation.target_link_uri);
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
            Some(initiation.clone()),
            "serialise then parse changed the initiation"
        );
    }
    let registration = seed_registration();
    match start_login(
        &initiation,
        |iss, _| (iss == registration.issuer).then_some(registration),
        now(),
    ) {
        Ok((request, state)) => {
            let pairs: Vec<(String, String)> = request.url().query_pairs().into_owned().collect();
            let get = |name: &str| {
                pairs
                    .iter()
                    .find(|(n, _)| n == name)
                    .map(|(_, v)| v.as_str())
            };
            assert_eq!(get("login_hint"), Some(initiation.login_hint.as_str()));
            assert_eq!(get("client_id"), Some(CLIENT_ID));
            assert_eq!(get("nonce"), Some(state.nonce()));
            true
        }
        Err(error) => {
            let code = error.code().to_string();
            assert!(
                code.starts_with("lti.login."),
                "code {code} is not lti.login.*"
            );
            false
        }
    }
}

fn url(text: &str) -> url::Url {
    url::Url::parse(text).unwrap_or_else(|error| panic!("{text}: {error}"))
}
