//! Fuzz target: arbitrary bytes as a compact JWS, read and verified by `learnwire_jose::Verifier`
//! (RS256/384/512, kid required) with the fixed key set `seeds/jose_jws/jwks.json`.
//!
//! Oracles: `learnwire_testkit::jose::jws_oracle` (deterministic verdict, `jose.` codes and clean
//! messages that never show the signature, kid-optional reading accepts what kid-required reads, a
//! verified payload is the payload segment decoded and agrees with the key's own verification).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    learnwire_testkit::jose::jws_oracle(data);
});
