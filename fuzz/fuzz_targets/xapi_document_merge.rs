//! Fuzz target: a JSON document POST onto a stored one (`learnwire_xapi::documents::merge_json_documents`).
//! Input: `stored NUL posted`, or just `posted` (no stored document).
//!
//! Oracles: `learnwire_testkit::xapi::document_merge_oracle` (the stored object with each posted
//! top-level member put in, idempotent, never refuses two plain JSON objects).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    learnwire_testkit::xapi::document_merge_oracle(data);
});
