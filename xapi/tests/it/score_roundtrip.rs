//! Score numbers survive serialize-then-parse. Fuzz find of `xapi_statement` ("serialize then
//! parse changed the statement"): serde_json's default number reading could be one unit in the
//! last place off for long decimals (`123.5678901234567890123`), so a parsed `Score` was written
//! as a text that read back as a different double. Seed:
//! `fuzz/seeds/xapi_statement/regression-score-roundtrip.json`.

use learnwire_testkit::xapi::statement_oracle;
use learnwire_xapi::statement::Score;
use learnwire_xapi::{
    Options, Statement, XapiVersion, parse_statement, parse_statements, validate_statement_body,
};

const SEED: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../fuzz/seeds/xapi_statement/regression-score-roundtrip.json"
);

fn statement_with_score(inner: &str) -> String {
    format!(
        r#"{{"actor":{{"mbox":"mailto:a@example.com"}},"verb":{{"id":"http://x/v"}},"object":{{"id":"http://x/a"}},"result":{{"score":{{{inner}}}}}}}"#
    )
}

/// Parses `body`, writes the statement, parses that again: equal statements, and the written form
/// is valid under the same options. Returns the parsed score.
fn round_trip(body: &[u8], options: &Options) -> Score {
    let mut parsed = parse_statements(body, options).unwrap();
    assert_eq!(parsed.len(), 1);
    let statement: Statement = parsed.remove(0);
    let written = serde_json::to_vec(&statement).unwrap();
    let report = validate_statement_body(&written, options);
    assert!(
        report.is_valid(),
        "{} is invalid: {report:?}",
        String::from_utf8_lossy(&written)
    );
    let again = parse_statement(&written, options).unwrap();
    assert_eq!(again, statement, "{}", String::from_utf8_lossy(&written));
    statement.result.unwrap().score.unwrap()
}

#[test]
fn score_numbers_survive_serialize_then_parse() {
    let seed = std::fs::read(SEED).unwrap();
    statement_oracle(&seed);
    for version in [XapiVersion::V1_0_3, XapiVersion::V2_0_0] {
        let score = round_trip(&seed, &Options::new(version));
        // The nearest doubles (std's reading is correctly rounded).
        assert_eq!(score.max, Some("123.5678901234567890123".parse().unwrap()));
        assert_eq!(score.max, Some(123.567_890_123_456_79));
        assert_eq!(score.raw.map(f64::to_bits), Some(0.0_f64.to_bits()));
        assert_eq!(score.min.map(f64::to_bits), Some((-0.0_f64).to_bits()));
    }

    let options = Options::default();
    for inner in [
        // Within max as decimals; one unit in the last place above it when misread.
        r#""raw":123.5678901234567890123,"max":123.56789012345679"#,
        r#""raw":-123.5678901234567890123,"min":-123.56789012345679"#,
        // Zeros: signed, with huge exponents, the same double as an underflowing number.
        r#""raw":0e400,"min":-0.0,"max":0"#,
        r#""raw":1e-400,"min":0,"max":2e-400"#,
        r#""scaled":-0.0,"raw":-1e-400,"max":-0"#,
        // Distinct decimals that read as the same double (equal bounds allowed by default).
        r#""raw":1,"min":1,"max":1.0000000000000000001"#,
        r#""scaled":0.99999999999999999999,"raw":0.99999999999999999999,"max":1"#,
        r#""scaled":-1.00000000000000000000,"raw":-1e0,"min":-1"#,
        // Integers past 2^53 and the extremes of a double.
        r#""raw":9007199254740993,"max":9007199254740994"#,
        r#""min":-1.7976931348623157e308,"max":1.7976931348623157e308"#,
        r#""raw":5e-324,"min":4.9e-324,"max":2.2250738585072014e-308"#,
    ] {
        let body = statement_with_score(inner);
        assert!(
            validate_statement_body(body.as_bytes(), &options).is_valid(),
            "{inner}"
        );
        statement_oracle(body.as_bytes());
        round_trip(body.as_bytes(), &options);
    }
}

#[test]
fn bounds_that_read_as_the_same_double_are_refused_when_equal_bounds_are() {
    let mut strict = Options::default();
    strict = strict.with_policy(strict.policy().with_allow_equal_score_bounds(false));
    for inner in [
        r#""min":1,"max":1.0000000000000000001"#,
        r#""min":0,"max":1e-400"#,
        r#""min":-0.0,"max":0"#,
    ] {
        let body = statement_with_score(inner);
        let report = validate_statement_body(body.as_bytes(), &strict).flatten();
        let issues: Vec<String> = report
            .issues()
            .iter()
            .map(|issue| format!("{} {}", issue.code, issue.location))
            .collect();
        assert_eq!(issues, ["xapi.result.score /result/score/max"], "{inner}");
        assert!(
            parse_statement(body.as_bytes(), &strict).is_err(),
            "{inner}"
        );
        // Accepted by default, and written back as equal bounds that are still accepted.
        round_trip(body.as_bytes(), &Options::default());
    }
    // Bounds one double apart are fine, and stay apart when written.
    let body = statement_with_score(r#""raw":1,"min":1,"max":1.0000000000000002"#);
    let score = round_trip(body.as_bytes(), &strict);
    assert!(score.max > score.min);
}
