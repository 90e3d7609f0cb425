//! Fuzz target: arbitrary bytes as `Link` header fields (RFC 8288) of an AGS/NRPS listing, then one
//! page-following step.
//!
//! Oracles: `learnwire_testkit::lti::link_header_oracle` (at most `max_links` links, every problem and
//! refusal coded, a followed `next` on the request's origin and never the page just read).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    learnwire_testkit::lti::link_header_oracle(data);
});
