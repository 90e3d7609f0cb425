//! Fuzz target: arbitrary bytes as a SCORM zip (`Package::from_zip_bytes` then
//! `learnwire_scorm::check_package`).
//!
//! Oracles: `learnwire_testkit::scorm::package_oracle`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    learnwire_testkit::scorm::package_oracle(data);
});
