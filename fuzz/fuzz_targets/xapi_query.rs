//! Fuzz target: bytes as a GET `/statements` query string.
//!
//! Oracles: `validate` agrees with `parse`; when `parse` succeeds, build → parse is the identity.

#![no_main]

use learnwire_xapi::query::StatementQuery;

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let report = StatementQuery::validate(text);
    match StatementQuery::parse(text) {
        Ok(query) => {
            assert!(report.is_valid());
            let rebuilt = query.to_query_string();
            let again = StatementQuery::parse(&rebuilt).expect("a built query parses");
            assert_eq!(again, query);
        }
        Err(_) => assert!(!report.is_valid()),
    }
});
