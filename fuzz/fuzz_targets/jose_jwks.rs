//! Fuzz target: arbitrary bytes as a JWKS document (`learnwire_jose::JwkSet::read`).
//!
//! Oracles: `learnwire_testkit::jose::jwks_oracle` (deterministic verdict, no private member in a set
//! that reads, every kid usable or refused with a `jose.` code, read → write → read is the identity).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    learnwire_testkit::jose::jwks_oracle(data);
});
