//! Fuzz target: random SCORM API call sequences (`learnwire_scorm::runtime::Api`, both versions and
//! profiles) and random scorm-again commit bodies (`read_scorm_again_commit`, `Api::apply_commit`).
//!
//! Oracles: `learnwire_testkit::scorm::runtime::runtime_oracle` (no panic; return strings agree
//! with the error code; only the version's codes; support calls keep the last error; nothing changes
//! after Terminate; the size bookkeeping equals a recount and stays within the limits).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    learnwire_testkit::scorm::runtime::runtime_oracle(data);
});
