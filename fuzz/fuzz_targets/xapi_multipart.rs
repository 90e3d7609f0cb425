//! Fuzz target: a `multipart/mixed` statement body with a fixed boundary.
//!
//! Oracles: `learnwire_testkit::xapi::multipart_oracle` (whatever parses, rebuilt with the builder,
//! parses again to the same statements and attachment count).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    learnwire_testkit::xapi::multipart_oracle(data);
});
