//! Fuzz target: arbitrary bytes as an LTI `id_token`, verified by a tool with a fixed registration, key
//! set (`seeds/lti_token/jwks.json`) and clock.
//!
//! Oracles beyond "no panic": the verdict is deterministic (same code twice); every rejection has an
//! `lti.` code and a message that holds no control characters; an accepted token is within the size limit,
//! names the registered issuer and deployment, and is refused as a replay the second time.
#![no_main]

use std::sync::{Arc, OnceLock};

use chrono::DateTime;
use learnwire_lti::keys::{KeySet, KeySetOptions};
use learnwire_lti::launch::LaunchVerifier;
use learnwire_lti::{InMemoryNonceStore, Registration};
use libfuzzer_sys::fuzz_target;

const JWKS: &str = include_str!("../seeds/lti_token/jwks.json");

fn registration() -> &'static Registration {
    static REGISTRATION: OnceLock<Registration> = OnceLock::new();
    REGISTRATION.get_or_init(|| {
        let keys =
            KeySet::from_jwks(JWKS.as_bytes(), &KeySetOptions::default()).expect("seed JWKS");
        let mut registration = Registration::new(
            "https://platform.example.edu",
            "client-1",
            "https://platform.example.edu/auth".parse().expect("url"),
            "https://tool.example.com/launch".parse().expect("url"),
            Arc::new(keys),
        );
        registration
            .deployment_ids
            .insert("deployment-1".to_owned());
        registration
    })
}

fuzz_target!(|data: &[u8]| {
    let token = String::from_utf8_lossy(data);
    let now = DateTime::from_timestamp(1_700_000_000, 0).expect("time");
    let verifier = LaunchVerifier::new();
    let store = InMemoryNonceStore::new(16);
    let first = verifier.verify_id_token(registration(), &token, "nonce-1", &store, now);
    match first {
        Ok(launch) => {
            assert!(token.len() <= 64 * 1024);
            assert_eq!(launch.issuer(), "https://platform.example.edu");
            assert_eq!(launch.deployment_id(), "deployment-1");
            let again = verifier.verify_id_token(registration(), &token, "nonce-1", &store, now);
            assert_eq!(
                again.err().map(|error| error.code()),
                Some("lti.nonce.replayed")
            );
        }
        Err(error) => {
            assert!(error.code().starts_with("lti."));
            assert!(!error.to_string().chars().any(char::is_control));
            let fresh = InMemoryNonceStore::new(16);
            let again = verifier.verify_id_token(registration(), &token, "nonce-1", &fresh, now);
            assert_eq!(again.err().map(|error| error.code()), Some(error.code()));
        }
    }
});
