//! Fuzz target: arbitrary bytes as a SCORM zip (`Package::from_zip_bytes` then `check_package`).
//!
//! Oracles: see `learnwire_scorm::fuzz_support::package_oracle`.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    learnwire_scorm::fuzz_support::package_oracle(data);
});
