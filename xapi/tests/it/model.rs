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
    lenient.policy.timestamp_syntax = learnwire_xapi::TimestampSyntax::Lenient;
    lenient.policy.allow_timestamp_without_offset = true;
    lenient.policy.allow_version_suffix = true;
    assert!(validate_statement_body(&bytes, &lenient).is_valid());
    assert!(
        parse_statement(&bytes, &lenient).is_ok(),
        "the model holds what a policy accepts"
    );
    let mut strict = Options::default();
    strict.policy.reject_empty_objects = true;
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
        options.policy.timestamp_syntax = TimestampSyntax::Rfc3339;
        assert_eq!(codes(BASIC, &options), ["xapi.format.timestamp /timestamp"]);
        assert_eq!(
            codes("2009-01-31T23:00:00-01:00", &options),
            Vec::<String>::new()
        );
    }

    #[test]
    fn iso8601_policy_accepts_basic_timestamps_in_2_0() {
        let mut options = Options::new(XapiVersion::V2_0_0);
        options.policy.timestamp_syntax = TimestampSyntax::Iso8601;
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
