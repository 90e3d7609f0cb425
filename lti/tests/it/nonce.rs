//! Nonce replay (LTI-51) and the in-memory store's bounds.

use chrono::TimeDelta;
use learnwire_lti::launch::LaunchVerifier;
use learnwire_lti::{InMemoryNonceStore, NonceError, NonceStore};

use crate::support::*;

#[test]
fn lti_51_second_use_of_a_nonce_is_a_replay() {
    let store = InMemoryNonceStore::new(100);
    let token = sign(&baseline());
    let verifier = LaunchVerifier::new();
    assert!(
        verifier
            .verify_id_token(&registration(), &token, NONCE, &store, now())
            .is_ok()
    );
    let error = verifier
        .verify_id_token(&registration(), &token, NONCE, &store, now())
        .unwrap_err();
    assert_eq!(error.code().as_str(), "lti.nonce.replayed");
    assert!(error.is_replay_or_forgery());
}

#[test]
fn store_forgets_expired_nonces_and_stays_bounded() {
    let store = InMemoryNonceStore::new(3);
    let at = now();
    for n in 0..3 {
        store
            .consume(&format!("n{n}"), at + TimeDelta::minutes(5), at)
            .unwrap();
    }
    assert!(matches!(
        store.consume("n3", at + TimeDelta::minutes(5), at),
        Err(NonceError::Full)
    ));
    assert_eq!(store.len(), 3);
    // Once expired, room again, and an old nonce is forgotten (its token is expired anyway).
    let later = at + TimeDelta::minutes(6);
    store
        .consume("n3", later + TimeDelta::minutes(5), later)
        .unwrap();
    assert_eq!(store.len(), 1);
    let store = InMemoryNonceStore::new(10_000);
    for n in 0..20_000 {
        let _ = store.consume(&format!("flood-{n}"), at + TimeDelta::minutes(5), at);
    }
    assert_eq!(store.len(), 10_000);
}

#[test]
fn a_full_store_fails_closed() {
    let store = InMemoryNonceStore::new(0);
    let error = LaunchVerifier::new()
        .verify_id_token(&registration(), &sign(&baseline()), NONCE, &store, now())
        .unwrap_err();
    assert_eq!(error.code().as_str(), "lti.nonce.store");
}
