//! Fuzz target: arbitrary bytes as a platform's openid-configuration and as a tool's registration
//! request (LTI Dynamic Registration 1.0).
//!
//! Oracles: `learnwire_testkit::lti::dynamic_registration_oracle` (coded issues, validate and parse
//! agree, a parsed request round-trips).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    learnwire_testkit::lti::dynamic_registration_oracle(data);
});
