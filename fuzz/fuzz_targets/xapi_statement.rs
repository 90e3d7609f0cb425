//! Fuzz target: arbitrary bytes as a statements request body (one statement or a batch).
//!
//! Oracles beyond "no panic": see `learnwire_xapi::fuzz_support::statement_oracle` (validate and
//! parse agree under both versions, first-error mode gives the same verdict, round trip is exact).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    learnwire_xapi::fuzz_support::statement_oracle(data);
});
