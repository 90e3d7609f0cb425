//! Fuzz target: arbitrary bytes as a zip package (`learnwire_package::Package::from_zip_bytes`).
//!
//! Oracles: `learnwire_testkit::package::zip_oracle` (safe normalised entry paths found again by
//! `file()`, `verify_contents` keeps every open-time issue, reads return the declared size).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    learnwire_testkit::package::zip_oracle(data);
});
