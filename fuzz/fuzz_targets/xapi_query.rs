//! Fuzz target: bytes as a GET `/statements` query string.
//!
//! Oracles: see `learnwire_xapi::fuzz_support::query_oracle` (validate agrees with parse; build then
//! parse is the identity).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    learnwire_xapi::fuzz_support::query_oracle(data);
});
