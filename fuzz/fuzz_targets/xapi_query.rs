//! Fuzz target: bytes as a GET `/statements` query string.
//!
//! Oracles: `learnwire_testkit::xapi::query_oracle` (validate agrees with parse; build then parse is
//! the identity).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    learnwire_testkit::xapi::query_oracle(data);
});
