//! Fuzz target: arbitrary bytes as a statements request body (one statement or a batch).
//!
//! Oracles: `learnwire_testkit::xapi::statement_oracle` (validate and parse agree under both versions,
//! first-error mode gives the same verdict, round trip is exact).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    learnwire_testkit::xapi::statement_oracle(data);
});
