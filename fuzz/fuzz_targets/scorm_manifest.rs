//! Fuzz target: arbitrary bytes as `imsmanifest.xml`.
//!
//! Oracles beyond "no panic" (see `learnwire_scorm::fuzz_support::manifest_oracle`): `parse_manifest` is
//! `Ok` exactly when `check_manifest` has no error, in each profile; strict validity implies lenient
//! validity; every launch URL stays inside the package or is an http(s) URL.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    learnwire_scorm::fuzz_support::manifest_oracle(data);
});
