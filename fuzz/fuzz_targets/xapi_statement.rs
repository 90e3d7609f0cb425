//! Fuzz target: arbitrary bytes as a statements request body (one statement or a batch).
//!
//! Oracles beyond "no panic", under both xAPI versions: `parse_statements` succeeds exactly when
//! `validate_statement_body` reports no error; `parse_statement` succeeds exactly for a valid
//! single statement; `stop_at_first_error` gives the same verdict; a parsed statement serializes
//! to a body that validates and parses back to the same statement.
#![no_main]

use learnwire_xapi::{
    Options, XapiVersion, parse_statement, parse_statements, validate_statement_body,
};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    for version in [XapiVersion::V1_0_3, XapiVersion::V2_0_0] {
        let options = Options::new(version);
        let report = validate_statement_body(data, &options);
        let mut fast = options;
        fast.stop_at_first_error = true;
        assert_eq!(
            validate_statement_body(data, &fast).is_valid(),
            report.is_valid()
        );
        let parsed = parse_statements(data, &options);
        assert_eq!(parsed.is_ok(), report.is_valid());
        let single = parse_statement(data, &options);
        assert_eq!(single.is_ok(), report.is_valid() && !report.batch);
        if let Ok(statements) = parsed {
            for statement in statements {
                let bytes = serde_json::to_vec(&statement).expect("a statement serializes");
                let again = parse_statement(&bytes, &options).expect("our output is valid");
                assert_eq!(again, statement);
            }
        }
    }
});
