//! Typed model: newtype round trips (proptest), hand-built statements, parse/validate agreement.

use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use learnwire_xapi::statement::{
    Account, Activity, Actor, Agent, ContextActivities, Group, Ifi, StatementObject, Verb,
};
use learnwire_xapi::types::{Duration, Iri, LanguageTag, MailtoIri, Timestamp, Version, XapiUuid};
use learnwire_xapi::{Options, Statement, XapiVersion, parse_statement, validate_statement_body};
use proptest::prelude::*;
use serde_json::json;

/// Serializing a newtype and reading it back gives the same value and the same text.
fn round_trips<T>(value: &T)
where
    T: serde::Serialize + serde::de::DeserializeOwned + PartialEq + std::fmt::Debug,
{
    let text = serde_json::to_string(value).unwrap();
    let back: T = serde_json::from_str(&text).unwrap();
    assert_eq!(&back, value);
    assert_eq!(serde_json::to_string(&back).unwrap(), text);
}

proptest! {
    #[test]
    fn durations_from_components_parse(
        years in proptest::option::of(0u32..100),
        months in proptest::option::of(0u32..100),
        days in proptest::option::of(0u32..1000),
        hours in proptest::option::of(0u32..100),
        minutes in proptest::option::of(0u32..100),
        seconds in proptest::option::of(0u32..100_000),
        hundredths in proptest::option::of(0u32..100),
    ) {
        let mut text = String::from("P");
        for (value, designator) in [(years, 'Y'), (months, 'M'), (days, 'D')] {
            if let Some(value) = value {
                text.push_str(&format!("{value}{designator}"));
            }
        }
        let time = hours.is_some() || minutes.is_some() || seconds.is_some();
        if time {
            text.push('T');
            for (value, designator) in [(hours, 'H'), (minutes, 'M')] {
                if let Some(value) = value {
                    text.push_str(&format!("{value}{designator}"));
                }
            }
            if let Some(seconds) = seconds {
                match hundredths {
                    Some(fraction) => text.push_str(&format!("{seconds}.{fraction:02}S")),
                    None => text.push_str(&format!("{seconds}S")),
                }
            }
        }
        let duration = Duration::parse(text.clone());
        if text == "P" {
            prop_assert!(duration.is_err());
        } else {
            let duration = duration.unwrap();
            prop_assert_eq!(duration.as_str(), text.as_str());
            if let Some(seconds) = seconds {
                prop_assert!((duration.components().seconds - f64::from(seconds)).abs() < 1.0);
            }
            round_trips(&duration);
        }
    }

    #[test]
    fn any_text_never_panics_and_accepted_values_round_trip(text in ".{0,40}") {
        if let Ok(value) = Duration::parse(text.clone()) { round_trips(&value); }
        if let Ok(value) = Timestamp::parse(text.clone()) { round_trips(&value); }
        if let Ok(value) = Iri::parse(text.clone()) { round_trips(&value); }
        if let Ok(value) = LanguageTag::parse(text.clone()) { round_trips(&value); }
        if let Ok(value) = MailtoIri::parse(text.clone()) { round_trips(&value); }
        if let Ok(value) = XapiUuid::parse(text.clone()) { round_trips(&value); }
        if let Ok(value) = Version::parse(text.clone()) { round_trips(&value); }
    }

    #[test]
    fn duration_like_text_never_panics(text in "P[0-9YMWDTHS.,]{0,20}") {
        if let Ok(value) = Duration::parse(text.clone()) {
            round_trips(&value);
        }
    }

    #[test]
    fn uuids_round_trip(bits in any::<u128>()) {
        let uuid = uuid::Uuid::from_u128(bits);
        let text = uuid.hyphenated().to_string();
        let value = XapiUuid::parse(text.clone()).unwrap();
        prop_assert_eq!(value.to_uuid(), uuid);
        prop_assert_eq!(value.as_str(), text.as_str());
        round_trips(&value);
    }

    #[test]
    fn timestamps_round_trip(days in 0i64..3_000_000, seconds in 0u32..86_400, millis in 0u32..1000, offset_minutes in -1439i32..1440) {
        let date = NaiveDate::from_ymd_opt(1, 1, 1).unwrap() + chrono::Days::new(days as u64);
        let instant = Utc.from_utc_datetime(&date.and_hms_milli_opt(seconds / 3600, (seconds / 60) % 60, seconds % 60, millis).unwrap());
        let Some(offset) = chrono::FixedOffset::east_opt(offset_minutes * 60) else { return Ok(()); };
        let local: DateTime<chrono::FixedOffset> = instant.with_timezone(&offset);
        if local.format("%Y").to_string().len() != 4 { return Ok(()); }
        let text = local.to_rfc3339_opts(chrono::SecondsFormat::Millis, true);
        if text.ends_with("-00:00") { return Ok(()); }
        let value = Timestamp::parse(text.clone()).unwrap();
        prop_assert_eq!(value.to_utc(), instant);
        prop_assert_eq!(value.as_str(), text.as_str());
        round_trips(&value);
    }
}

#[test]
fn built_statement_validates_and_round_trips() {
    let agent = Agent::new(Ifi::Mbox(
        MailtoIri::parse("mailto:ann@example.com").unwrap(),
    ));
    let verb = Verb::new(Iri::parse("http://adlnet.gov/expapi/verbs/completed").unwrap());
    let activity = Activity::new(Iri::parse("http://example.com/a").unwrap());
    let mut statement = Statement::new(
        Actor::Agent(agent.clone()),
        verb,
        StatementObject::Activity(activity.clone()),
    );
    let mut context = learnwire_xapi::statement::Context::new();
    let mut activities = ContextActivities::new();
    activities.parent = Some(vec![activity]);
    context.context_activities = Some(activities);
    context.instructor = Some(Actor::Group(Group::anonymous(vec![agent])));
    statement.context = Some(context);
    statement.authority = Some(Actor::Agent(Agent::new(Ifi::Account(Account::new(
        Iri::parse("http://lrs.example.com").unwrap(),
        "client",
    )))));
    let bytes = serde_json::to_vec(&statement).unwrap();
    let report = validate_statement_body(&bytes, &Options::default());
    assert!(report.is_valid(), "{:?}", report.flatten());
    assert_eq!(
        parse_statement(&bytes, &Options::default()).unwrap(),
        statement
    );
}

#[test]
fn single_context_activity_becomes_a_list() {
    let body = json!({
        "actor": {"mbox": "mailto:a@example.com"},
        "verb": {"id": "http://x/v"},
        "object": {"id": "http://x/a"},
        "context": {"contextActivities": {"parent": {"id": "http://x/p"}}}
    });
    let statement =
        parse_statement(&serde_json::to_vec(&body).unwrap(), &Options::default()).unwrap();
    let out = serde_json::to_value(&statement).unwrap();
    assert_eq!(
        out["context"]["contextActivities"]["parent"][0]["id"],
        "http://x/p"
    );
}

#[test]
fn version_two_features() {
    let body = json!({
        "actor": {"mbox": "mailto:a@example.com"},
        "verb": {"id": "http://x/v"},
        "object": {"id": "http://x/a"},
        "version": "2.0.0",
        "timestamp": "2024-01-01 10:00:00+02:00",
        "context": {"contextAgents": [{"objectType": "contextAgent", "agent": {"mbox": "mailto:b@example.com"}, "relevantTypes": ["http://x/t"]}]}
    });
    let bytes = serde_json::to_vec(&body).unwrap();
    assert!(validate_statement_body(&bytes, &Options::new(XapiVersion::V2_0_0)).is_valid());
    let v1 = validate_statement_body(&bytes, &Options::default()).flatten();
    for code in [
        "xapi.format.version",
        "xapi.format.timestamp",
        "xapi.json.unknown-key",
    ] {
        assert!(v1.has_code(code), "{code}: {v1:?}");
    }
    let statement = parse_statement(&bytes, &Options::new(XapiVersion::V2_0_0)).unwrap();
    let agents = statement.context.unwrap().context_agents.unwrap();
    assert_eq!(agents.len(), 1);
}

#[test]
fn policy_switches_change_verdicts() {
    let body = json!({
        "actor": {"mbox": "mailto:a@example.com"},
        "verb": {"id": "http://x/v"},
        "object": {"id": "http://x/a"},
        "timestamp": "20170101",
        "version": "1.0.3-rc1",
        "result": {}
    });
    let bytes = serde_json::to_vec(&body).unwrap();
    assert!(!validate_statement_body(&bytes, &Options::default()).is_valid());
    let mut lenient = Options::default();
    lenient = lenient.with_policy(
        lenient
            .policy()
            .with_timestamp_syntax(learnwire_xapi::TimestampSyntax::Lenient),
    );
    lenient = lenient.with_policy(lenient.policy().with_allow_timestamp_without_offset(true));
    lenient = lenient.with_policy(lenient.policy().with_allow_version_suffix(true));
    assert!(validate_statement_body(&bytes, &lenient).is_valid());
    assert!(
        parse_statement(&bytes, &lenient).is_ok(),
        "the model holds what a policy accepts"
    );
    let mut strict = Options::default();
    strict = strict.with_policy(strict.policy().with_reject_empty_objects(true));
    let report = validate_statement_body(&bytes, &strict).flatten();
    assert!(report.has_code("xapi.json.empty-object"));
}

#[test]
fn every_rule_has_a_documented_code() {
    for rule in learnwire_xapi::Rule::ALL {
        assert!(rule.code().as_str().starts_with("xapi."));
        assert!(
            rule.rule_id().starts_with("R-") || ["limit", "internal"].contains(&rule.rule_id())
        );
    }
}

/// A statement body with `fragment` spliced in as its last properties (kept as text so numbers
/// keep every digit).
fn statement_with(fragment: &str) -> String {
    format!(
        r#"{{"actor":{{"mbox":"mailto:a@example.com"}},"verb":{{"id":"http://x/v","display":{{"en-US":"v"}}}},"object":{{"id":"http://x/a"}},{fragment}}}"#
    )
}

/// The codes and locations of a body's issues, and whether the typed parse agrees.
fn verdict(body: &str, options: &Options) -> (bool, Vec<String>) {
    let report = validate_statement_body(body.as_bytes(), options);
    let parsed = parse_statement(body.as_bytes(), options);
    assert_eq!(
        report.is_valid(),
        parsed.is_ok(),
        "validate and parse disagree on {body}"
    );
    let issues = report
        .flatten()
        .issues()
        .iter()
        .map(|issue| format!("{} {}", issue.code, issue.location))
        .collect();
    (report.is_valid(), issues)
}

#[test]
fn score_ranges_compare_decimals_exactly_beyond_double_precision() {
    let options = Options::default();
    let score = |inner: &str| statement_with(&format!(r#""result":{{"score":{{{inner}}}}}"#));
    for (inner, code_at) in [
        (
            r#""raw":1.0000000000000000001,"max":1"#,
            "/result/score/raw",
        ),
        (
            r#""raw":0.99999999999999999999,"min":1"#,
            "/result/score/raw",
        ),
        (
            r#""raw":-5,"min":-4.99999999999999999999"#,
            "/result/score/raw",
        ),
        (r#""scaled":1.0000000000000000001"#, "/result/score/scaled"),
        (
            r#""scaled":-1.00000000000000000001"#,
            "/result/score/scaled",
        ),
        (
            r#""scaled":100000000000000000001e-20"#,
            "/result/score/scaled",
        ),
        (
            r#""min":1.0000000000000000001,"max":1"#,
            "/result/score/max",
        ),
        (
            r#""raw":9007199254740993,"max":9007199254740992"#,
            "/result/score/raw",
        ),
    ] {
        let (valid, issues) = verdict(&score(inner), &options);
        assert!(!valid, "{inner} accepted");
        assert_eq!(issues, [format!("xapi.result.score {code_at}")], "{inner}");
    }
    for inner in [
        r#""raw":1,"max":1.0000000000000000001"#,
        r#""raw":1.00000000000000000000,"max":1,"min":1e0"#,
        r#""scaled":1.0,"raw":100e-2,"min":0.99999999999999999999,"max":10E-1"#,
        r#""scaled":-1e0"#,
        r#""scaled":-0.99999999999999999999"#,
    ] {
        let (valid, issues) = verdict(&score(inner), &options);
        assert!(valid, "{inner} refused: {issues:?}");
    }
    // A SubStatement's score is compared the same way.
    let sub = statement_with(
        r#""verb":{"id":"http://x/v"},"object":{"objectType":"SubStatement","actor":{"mbox":"mailto:a@example.com"},"verb":{"id":"http://x/v"},"object":{"id":"http://x/a"},"result":{"score":{"raw":1.0000000000000000001,"max":1}}}"#,
    )
    .replace(r#""object":{"id":"http://x/a"},"verb":{"id":"http://x/v"},"#, "");
    let (valid, issues) = verdict(&sub, &options);
    assert!(!valid);
    assert!(
        issues.contains(&"xapi.result.score /object/result/score/raw".to_owned()),
        "{issues:?}"
    );
    // Equal bounds, exactly: refused under the policy that forbids them, even when the texts differ.
    let mut no_equal = Options::default();
    no_equal = no_equal.with_policy(no_equal.policy().with_allow_equal_score_bounds(false));
    let (valid, issues) = verdict(&score(r#""min":1,"max":1.000"#), &no_equal);
    assert!(!valid);
    assert_eq!(issues, ["xapi.result.score /result/score/max"]);
    // max is above min exactly, but both read as the double 1: the typed model would write them
    // back as equal bounds, which this policy refuses (score_roundtrip.rs).
    let (valid, issues) = verdict(&score(r#""min":1,"max":1.0000000000000000001"#), &no_equal);
    assert!(!valid);
    assert_eq!(issues, ["xapi.result.score /result/score/max"]);
    let (valid, _) = verdict(&score(r#""min":1,"max":1.0000000000000002"#), &no_equal);
    assert!(valid, "max is one double above min");
}

#[test]
fn score_ranges_of_a_value_compare_its_numbers_exactly() {
    // A serde_json::Value holds integers and doubles: compared as they are, not as doubles.
    let statement = json!({
        "actor": {"mbox": "mailto:a@example.com"},
        "verb": {"id": "http://x/v"},
        "object": {"id": "http://x/a"},
        "result": {"score": {"raw": 9_007_199_254_740_993_u64, "max": 9_007_199_254_740_992.0}}
    });
    let report = learnwire_xapi::validate_value(&statement, &Options::default());
    assert!(report.has_code("xapi.result.score"), "{report:?}");
    assert!(Statement::from_value(statement, &Options::default()).is_err());
    let fine = json!({
        "actor": {"mbox": "mailto:a@example.com"},
        "verb": {"id": "http://x/v"},
        "object": {"id": "http://x/a"},
        "result": {"score": {"scaled": 1.0, "raw": 5, "min": -3.5, "max": 5.0}}
    });
    assert!(learnwire_xapi::validate_value(&fine, &Options::default()).is_valid());
}

#[test]
fn language_map_tags_differing_only_in_case_are_an_error() {
    let options = Options::default();
    let body = statement_with(r#""context":{"language":"en"}"#)
        .replace(r#"{"en-US":"v"}"#, r#"{"en-US":"a","fr":"b","en-us":"c"}"#);
    let (valid, issues) = verdict(&body, &options);
    assert!(!valid);
    assert_eq!(
        issues,
        ["xapi.language-map.duplicate-tag /verb/display/en-us"]
    );
    // A large map (searched through an index rather than pair by pair).
    let mut tags: Vec<String> = (0..20).map(|n| format!(r#""x-tag{n}":"t""#)).collect();
    tags.push(r#""X-TAG7":"t""#.to_owned());
    let body = statement_with(r#""context":{"language":"en"}"#)
        .replace(r#"{"en-US":"v"}"#, &format!("{{{}}}", tags.join(",")));
    let (valid, issues) = verdict(&body, &options);
    assert!(!valid);
    assert_eq!(
        issues,
        ["xapi.language-map.duplicate-tag /verb/display/X-TAG7"]
    );
    // Same case twice is a repeated JSON key, as before.
    let body = statement_with(r#""context":{"language":"en"}"#)
        .replace(r#"{"en-US":"v"}"#, r#"{"en-US":"a","en-US":"b"}"#);
    let (_, issues) = verdict(&body, &options);
    assert_eq!(issues, ["xapi.json.duplicate-key /verb/display/en-US"]);
    // Distinct tags stay valid.
    let body = statement_with(r#""context":{"language":"en"}"#)
        .replace(r#"{"en-US":"v"}"#, r#"{"en-US":"a","en-GB":"b","en":"c"}"#);
    assert!(verdict(&body, &options).0);
}

#[test]
fn extension_values_obey_the_documented_array_and_string_limits() {
    let mut options = Options::default();
    // Room for the statement's own strings ("mailto:a@example.com"), not for 25 bytes.
    options = options.with_limits(options.limits().with_max_string_bytes(24));
    options = options.with_limits(options.limits().with_max_collection_items(3));
    let extensions = |value: &str| statement_with(&format!(r#""result":{{"extensions":{value}}}"#));
    for (value, want) in [
        (
            r#"{"http://x/e":["ok",{"k":"twenty-five-bytes-long..."}]}"#,
            "xapi.limit.string-length /result/extensions/http:~1~1x~1e/1/k",
        ),
        (
            r#"{"http://x/e":{"a":[1,2,3,4]}}"#,
            "xapi.limit.collection-size /result/extensions/http:~1~1x~1e/a",
        ),
        (
            r#"{"http://x/e":{"a":1,"b":2,"c":3,"d":4}}"#,
            "xapi.limit.collection-size /result/extensions/http:~1~1x~1e",
        ),
        (
            r#"{"http://x/e":{"twenty-five-bytes-long...":1}}"#,
            "xapi.limit.string-length /result/extensions/http:~1~1x~1e/twenty-five-bytes-long...",
        ),
        (
            r#"{"http://example.com/long-extension":1}"#,
            "xapi.limit.string-length /result/extensions/http:~1~1example.com~1long-extension",
        ),
    ] {
        let (valid, issues) = verdict(&extensions(value), &options);
        assert!(!valid, "{value} accepted");
        assert_eq!(issues, [want], "{value}");
    }
    let (valid, issues) = verdict(
        &extensions(
            r#"{"http://x/e":[null,"",{"k":"twenty-four-bytes-long.."}],"http://x/f":[{},[],{"a":1,"b":2,"c":3}]}"#,
        ),
        &options,
    );
    assert!(valid, "{issues:?}");
    // The default limits, in context and activity definition extensions too.
    let long = "x".repeat(65_537);
    let body = statement_with(&format!(
        r#""context":{{"extensions":{{"http://x/e":{{"deep":["{long}"]}}}}}}"#
    ));
    let (_, issues) = verdict(&body, &Options::default());
    assert_eq!(
        issues,
        ["xapi.limit.string-length /context/extensions/http:~1~1x~1e/deep/0"]
    );
    let many = vec!["0"; 10_001].join(",");
    let body = statement_with(r#""context":{"language":"en"}"#).replace(
        r#""object":{"id":"http://x/a"}"#,
        &format!(
            r#""object":{{"id":"http://x/a","definition":{{"extensions":{{"http://x/e":[{many}]}}}}}}"#
        ),
    );
    let (_, issues) = verdict(&body, &Options::default());
    assert_eq!(
        issues,
        ["xapi.limit.collection-size /object/definition/extensions/http:~1~1x~1e"]
    );
}

/// Timestamps: ISO 8601 (basic or extended) by default under 1.0.3, RFC 3339 under 2.0, and the
/// `TimestampSyntax` knob (issue #7 item 4).
mod timestamp_syntax {
    use learnwire_xapi::{Options, TimestampSyntax, XapiVersion, validate_statement_body};
    use serde_json::json;

    fn codes(timestamp: &str, options: &Options) -> Vec<String> {
        let body = json!({
            "actor": {"mbox": "mailto:a@example.com"},
            "verb": {"id": "http://x/v"},
            "object": {"id": "http://x/a"},
            "timestamp": timestamp,
        });
        validate_statement_body(&serde_json::to_vec(&body).unwrap(), options)
            .flatten()
            .issues()
            .iter()
            .map(|issue| format!("{} {}", issue.code, issue.location))
            .collect()
    }

    const BASIC: &str = "20090131T230000-0100";

    #[test]
    fn iso8601_basic_timestamps_are_valid_by_default_in_1_0_3() {
        let options = Options::new(XapiVersion::V1_0_3);
        for good in [
            BASIC,
            "20090131T230000Z",
            "20090131T230000,123+01",
            "2009-01-31T23:00:00+01",
        ] {
            assert_eq!(codes(good, &options), Vec::<String>::new(), "{good}");
        }
    }

    #[test]
    fn iso8601_basic_timestamps_are_invalid_by_default_in_2_0() {
        let options = Options::new(XapiVersion::V2_0_0);
        assert_eq!(codes(BASIC, &options), ["xapi.format.timestamp /timestamp"]);
    }

    #[test]
    fn rfc3339_only_policy_refuses_basic_timestamps_in_1_0_3() {
        let mut options = Options::new(XapiVersion::V1_0_3);
        options = options.with_policy(
            options
                .policy()
                .with_timestamp_syntax(TimestampSyntax::Rfc3339),
        );
        assert_eq!(codes(BASIC, &options), ["xapi.format.timestamp /timestamp"]);
        assert_eq!(
            codes("2009-01-31T23:00:00-01:00", &options),
            Vec::<String>::new()
        );
    }

    #[test]
    fn iso8601_policy_accepts_basic_timestamps_in_2_0() {
        let mut options = Options::new(XapiVersion::V2_0_0);
        options = options.with_policy(
            options
                .policy()
                .with_timestamp_syntax(TimestampSyntax::Iso8601),
        );
        assert_eq!(codes(BASIC, &options), Vec::<String>::new());
    }

    #[test]
    fn mixed_reduced_and_date_only_timestamps_stay_invalid_in_1_0_3() {
        let options = Options::new(XapiVersion::V1_0_3);
        for bad in [
            "2009-01-31T230000-01:00",
            "20150513T15:16:00Z",
            "20150513T15Z",
            "2017-01-01T00:00:00+0100",
            "20170101",
            "2017-01-01",
        ] {
            assert_eq!(
                codes(bad, &options),
                ["xapi.format.timestamp /timestamp"],
                "{bad}"
            );
        }
    }

    #[test]
    fn basic_timestamps_with_an_unknown_offset_are_refused_with_their_code() {
        let options = Options::new(XapiVersion::V1_0_3);
        for bad in ["20090131T230000-0000", "20090131T230000-00"] {
            assert_eq!(
                codes(bad, &options),
                ["xapi.format.timestamp-unknown-offset /timestamp"],
                "{bad}"
            );
        }
    }

    #[test]
    fn basic_stored_timestamps_follow_the_same_rule() {
        let body = |version| {
            serde_json::to_vec(&json!({
                "actor": {"mbox": "mailto:a@example.com"},
                "verb": {"id": "http://x/v"},
                "object": {"id": "http://x/a"},
                "stored": BASIC,
            }))
            .map(|bytes| validate_statement_body(&bytes, &Options::new(version)))
            .unwrap()
        };
        assert!(body(XapiVersion::V1_0_3).is_valid());
        let report = body(XapiVersion::V2_0_0).flatten();
        assert!(report.has_code("xapi.format.timestamp"));
    }
}

/// `Deserialize for Statement` runs every rule (issue #7 item 17): the obvious serde route cannot
/// build a statement the validator rejects.
mod checked_deserialize {
    use learnwire_xapi::{
        Options, Statement, TimestampSyntax, XapiVersion, parse_statement, validate_statement_body,
    };
    use serde_json::json;

    const SCORE_ABOVE_MAX: &str = r#"{"actor":{"mbox":"mailto:a@example.com"},
        "verb":{"id":"http://adlnet.gov/expapi/verbs/scored"},"object":{"id":"http://x/a"},
        "result":{"score":{"raw":12,"min":0,"max":10}}}"#;
    const VOIDING_AN_ACTIVITY: &str = r#"{"actor":{"mbox":"mailto:a@example.com"},
        "verb":{"id":"http://adlnet.gov/expapi/verbs/voided"},
        "object":{"objectType":"Activity","id":"http://x/a"}}"#;

    fn refusal(json: &str) -> String {
        serde_json::from_str::<Statement>(json)
            .expect_err("the validator rejects it")
            .to_string()
    }

    #[test]
    fn deserializing_a_score_above_max_fails_with_its_code() {
        assert!(
            !validate_statement_body(SCORE_ABOVE_MAX.as_bytes(), &Options::default()).is_valid()
        );
        let message = refusal(SCORE_ABOVE_MAX);
        assert!(
            message.contains("xapi.result.score at /result/score/raw"),
            "{message}"
        );
        let from_value =
            serde_json::from_value::<Statement>(serde_json::from_str(SCORE_ABOVE_MAX).unwrap())
                .unwrap_err();
        assert!(from_value.to_string().contains("xapi.result.score"));
    }

    #[test]
    fn deserializing_a_voiding_statement_whose_object_is_not_a_statement_ref_fails_with_its_code() {
        let message = refusal(VOIDING_AN_ACTIVITY);
        assert!(message.contains("xapi.voiding.object"), "{message}");
        for version in [XapiVersion::V1_0_3, XapiVersion::V2_0_0] {
            let report =
                validate_statement_body(VOIDING_AN_ACTIVITY.as_bytes(), &Options::new(version));
            assert!(report.flatten().has_code("xapi.voiding.object"));
        }
    }

    #[test]
    fn deserializing_a_batch_checks_every_statement() {
        let good = r#"{"actor":{"mbox":"mailto:a@example.com"},"verb":{"id":"http://x/v"},"object":{"id":"http://x/a"}}"#;
        let batch = format!("[{good},{SCORE_ABOVE_MAX}]");
        let error = serde_json::from_str::<Vec<Statement>>(&batch).unwrap_err();
        assert!(error.to_string().contains("xapi.result.score"), "{error}");
        let both = serde_json::from_str::<Vec<Statement>>(&format!("[{good},{good}]")).unwrap();
        assert_eq!(both.len(), 2);
    }

    #[test]
    fn deserializing_names_the_first_issues_and_counts_the_rest() {
        let many = r#"{"actor":{"mbox":"a"},"verb":{"id":"v"},"object":{"id":"o"},
            "timestamp":"yesterday","result":{"duration":"long","score":{"scaled":2}}}"#;
        let message = refusal(many);
        assert!(
            message.starts_with("invalid xAPI statement: xapi."),
            "{message}"
        );
        assert_eq!(message.matches(" at /").count(), 3, "{message}");
        assert!(message.contains("(and 3 more)"), "{message}");
    }

    #[test]
    fn deserializing_refuses_repeated_keys_anywhere() {
        let repeated_top = r#"{"actor":{"mbox":"mailto:a@example.com"},"actor":{"mbox":"mailto:b@example.com"},"verb":{"id":"http://x/v"},"object":{"id":"http://x/a"}}"#;
        assert!(serde_json::from_str::<Statement>(repeated_top).is_err());
        let repeated_tag = r#"{"actor":{"mbox":"mailto:a@example.com"},"verb":{"id":"http://x/v","display":{"en":"a","en":"b"}},"object":{"id":"http://x/a"}}"#;
        let error = serde_json::from_str::<Statement>(repeated_tag).unwrap_err();
        assert!(error.to_string().contains("duplicate key"), "{error}");
    }

    #[test]
    fn a_valid_statement_still_deserializes_and_round_trips() {
        let valid = json!({
            "id": "2a41c918-b88b-4220-8e5f-0d6f2e5a1f33",
            "actor": {"mbox": "mailto:a@example.com", "name": "A"},
            "verb": {"id": "http://adlnet.gov/expapi/verbs/scored", "display": {"en-US": "scored"}},
            "object": {"id": "http://x/a", "definition": {"name": {"en": "A"}}},
            "result": {"score": {"raw": 7, "min": 0, "max": 10}, "duration": "PT1M"},
            "context": {"contextActivities": {"parent": {"id": "http://x/p"}}},
            "timestamp": "20090131T230000-0100",
        });
        let bytes = serde_json::to_vec(&valid).unwrap();
        let deserialized: Statement = serde_json::from_slice(&bytes).unwrap();
        assert_eq!(
            deserialized,
            parse_statement(&bytes, &Options::default()).unwrap()
        );
        let again: Statement =
            serde_json::from_slice(&serde_json::to_vec(&deserialized).unwrap()).unwrap();
        assert_eq!(again, deserialized);
    }

    #[test]
    fn a_2_0_statement_deserializes_and_round_trips() {
        let statement = json!({
            "actor": {"mbox": "mailto:a@example.com"},
            "verb": {"id": "http://x/v"},
            "object": {"id": "http://x/a"},
            "context": {"contextAgents": [{"objectType": "contextAgent",
                "agent": {"mbox": "mailto:b@example.com"}, "relevantTypes": ["http://x/t"]}]},
            "timestamp": "2024-05-01 10:00:00Z",
        });
        assert!(
            !validate_statement_body(
                &serde_json::to_vec(&statement).unwrap(),
                &Options::default()
            )
            .is_valid()
        );
        let deserialized: Statement = serde_json::from_value(statement.clone()).unwrap();
        assert_eq!(
            deserialized,
            Statement::from_value(statement, &Options::new(XapiVersion::V2_0_0)).unwrap()
        );
        let again: Statement =
            serde_json::from_slice(&serde_json::to_vec(&deserialized).unwrap()).unwrap();
        assert_eq!(again, deserialized);
        let declared = json!({
            "actor": {"mbox": "mailto:a@example.com"}, "verb": {"id": "http://x/v"},
            "object": {"id": "http://x/a"}, "version": "2.0.0", "timestamp": "20090131T230000Z",
        });
        let error = serde_json::from_value::<Statement>(declared).unwrap_err();
        assert!(
            error
                .to_string()
                .contains("xapi.format.timestamp at /timestamp"),
            "{error}"
        );
    }

    #[test]
    fn a_statement_only_a_lenient_policy_accepts_parses_but_does_not_deserialize() {
        let body = br#"{"actor":{"mbox":"mailto:a@example.com"},"verb":{"id":"http://x/v"},
            "object":{"id":"http://x/a"},"timestamp":"20150513T15Z"}"#;
        let mut lenient = Options::default();
        lenient = lenient.with_policy(
            lenient
                .policy()
                .with_timestamp_syntax(TimestampSyntax::Lenient),
        );
        let parsed = parse_statement(body, &lenient).unwrap();
        let error =
            serde_json::from_slice::<Statement>(&serde_json::to_vec(&parsed).unwrap()).unwrap_err();
        assert!(
            error.to_string().contains("xapi.format.timestamp"),
            "{error}"
        );
    }

    /// Every single-statement case of the shared corpus: serde accepts exactly what the validator
    /// accepts under the default options of 1.0.3 or 2.0.
    #[test]
    fn deserializing_agrees_with_the_validator_on_the_corpus() {
        let dir = std::path::PathBuf::from(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../shared/corpus/xapi"
        ));
        let Ok(index) = std::fs::read(dir.join("index.json")) else {
            assert!(std::env::var_os("LEARNWIRE_REQUIRE_CORPUS").is_none());
            return;
        };
        let index: serde_json::Value = serde_json::from_slice(&index).unwrap();
        let mut checked = 0;
        let mut disagreements = Vec::new();
        for case in index["cases"].as_array().unwrap() {
            let bytes = std::fs::read(dir.join(case["file"].as_str().unwrap())).unwrap();
            let valid = [XapiVersion::V1_0_3, XapiVersion::V2_0_0]
                .into_iter()
                .any(|version| {
                    let report = validate_statement_body(&bytes, &Options::new(version));
                    report.is_valid() && !report.batch
                });
            if bytes.first() == Some(&b'[') {
                continue;
            }
            checked += 1;
            let deserialized = serde_json::from_slice::<Statement>(&bytes);
            if deserialized.is_ok() != valid {
                disagreements.push(format!("{}: {deserialized:?}", case["id"]));
            }
        }
        println!("serde and the validator agree on {checked} statements");
        assert!(checked > 1000);
        assert!(disagreements.is_empty(), "{disagreements:#?}");
    }
}

/// One media type parser (RFC 9110 §8.3.1) reads an attachment's `contentType` and the `Content-Type`
/// headers (issue #8): the statement rule and the multipart reader agree.
mod media_type {
    use learnwire_xapi::multipart::parse_media_type;
    use learnwire_xapi::types::MediaType;
    use learnwire_xapi::{Options, validate_statement_body};
    use serde_json::json;

    fn codes(content_type: &str) -> Vec<String> {
        let statement = json!({
            "actor": {"mbox": "mailto:a@example.com"},
            "verb": {"id": "http://example.com/v"},
            "object": {"id": "http://example.com/a"},
            "attachments": [{
                "usageType": "http://example.com/usage",
                "display": {"en-US": "a file"},
                "contentType": content_type,
                "length": 1,
                "sha2": "a".repeat(64),
                "fileUrl": "http://example.com/file",
            }]
        });
        let bytes = serde_json::to_vec(&statement).unwrap();
        validate_statement_body(&bytes, &Options::default())
            .flatten()
            .issues()
            .iter()
            .map(|issue| issue.code.as_str().to_owned())
            .collect()
    }

    #[test]
    fn attachment_content_type_with_a_repeated_parameter_is_invalid() {
        assert_eq!(
            codes("text/plain; charset=utf-8; charset=latin1"),
            ["xapi.format.media-type"]
        );
        assert!(parse_media_type("text/plain; charset=utf-8; charset=latin1").is_none());
    }

    #[test]
    fn attachment_content_type_with_an_unterminated_quoted_value_is_invalid() {
        assert_eq!(codes("text/plain; a=\"b"), ["xapi.format.media-type"]);
        assert_eq!(
            codes("text/plain; a=\"b\\\u{1}\""),
            ["xapi.format.media-type"]
        );
    }

    #[test]
    fn attachment_content_type_and_header_grammar_agree() {
        for text in [
            "application/json",
            "Text/Plain; charset=\"utf-8\"",
            "application/json; charset=utf-8;",
            "a/b c",
            "a/b;x",
            "json",
            "",
        ] {
            let header = parse_media_type(text).is_some();
            assert_eq!(codes(text).is_empty(), header, "{text:?}");
            assert_eq!(MediaType::parse(text).is_ok(), header, "{text:?}");
        }
    }

    #[test]
    fn the_typed_attachment_reads_its_content_type_parts() {
        let media: MediaType = serde_json::from_value(json!("Text/Plain; Charset=UTF-8")).unwrap();
        assert_eq!(media.essence(), "text/plain");
        assert_eq!(media.param("charset"), Some("UTF-8"));
        assert_eq!(
            serde_json::to_value(&media).unwrap(),
            json!("Text/Plain; Charset=UTF-8")
        );
    }
}
