//! Fuzz target: arbitrary bytes as a service request a platform receives: the first byte picks the
//! endpoint (line items, a line item, scores, results, memberships) and the method, then a URI line,
//! header lines up to an empty line, and the body.
//!
//! Oracles: `learnwire_testkit::lti_service_request::service_request_oracle` (coded errors with a 4xx
//! or 5xx answer, an accepted operation served by the endpoint, an accepted line item `PUT`'s `id` is
//! the request URL, the access token check accepts only the stored token).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    learnwire_testkit::lti_service_request::service_request_oracle(data);
});
