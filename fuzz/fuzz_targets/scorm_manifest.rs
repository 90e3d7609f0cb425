//! Fuzz target: arbitrary bytes as `imsmanifest.xml` (`learnwire_scorm::check_manifest`,
//! `parse_manifest`).
//!
//! Oracles: `learnwire_testkit::scorm::manifest_oracle` (`parse_manifest` is `Ok` exactly when
//! `check_manifest` has no error, in each profile; strict validity implies lenient validity; every launch
//! URL stays inside the package or is an http(s) URL).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    learnwire_testkit::scorm::manifest_oracle(data);
});
