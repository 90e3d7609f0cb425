//! Fuzz target: arbitrary bytes as the `content_items` of an LTI Deep Linking response
//! (`learnwire_lti::deep_linking::content_item::ContentItem`), signed by a fixed tool and verified by
//! `DeepLinkingResponseVerifier::verify`, and as a response token.
//!
//! Oracles: `learnwire_testkit::lti::deep_linking_oracle` (content items round-trip; the platform
//! accepts a response exactly when its items read and are all https, and then returns those items;
//! refusals have `lti.` codes and clean messages).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    learnwire_testkit::lti::deep_linking_oracle(data);
});
