//! Fuzz target: arbitrary bytes as an LTI `id_token`, verified by a tool with a fixed registration, key
//! set (`seeds/lti_token/jwks.json`) and clock.
//!
//! Oracles: `learnwire_testkit::lti::token_oracle` (deterministic verdict; every rejection has an
//! `lti.` code and a message without control characters; an accepted token is within the size limit,
//! names the registered issuer and deployment, and is refused as a replay the second time).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    learnwire_testkit::lti::token_oracle(data);
});
