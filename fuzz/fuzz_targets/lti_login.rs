//! Fuzz target: arbitrary bytes as a login initiation (query or form) and as an authentication request.
//!
//! Oracles: `learnwire_testkit::lti::login_oracle` (a parsed initiation serialises back to a query that
//! parses to the same value; starting a login fails with an `lti.login.` code or yields an
//! authentication request whose `login_hint`, `client_id` and `nonce` are the state's).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let _ = learnwire_testkit::lti::login_oracle(data);
});
