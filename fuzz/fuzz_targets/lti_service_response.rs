//! Fuzz target: arbitrary bytes as a service response body: a token response, a line item container,
//! a line item, a result container or a membership container (the first byte picks the call and the
//! status).
//!
//! Oracles: `learnwire_testkit::lti::service_response_oracle` (coded errors of the call's family, an
//! accepted token usable, no more items than sent).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    learnwire_testkit::lti::service_response_oracle(data);
});
