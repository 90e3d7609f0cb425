//! GET /statements parameters: every rule's code, round trips, fuzz seed replay.
#![cfg(test)]

use std::path::Path;

use learnwire_xapi::query::{StatementFormat, StatementQuery};
use serde_json::json;

fn codes(query: &str) -> Vec<&'static str> {
    let report = StatementQuery::validate(query);
    report.errors().map(|issue| issue.code.as_str()).collect()
}

#[test]
fn full_query_parses_and_round_trips() {
    let query = StatementQuery::parse(
        "agent=%7B%22mbox%22%3A%22mailto%3Aa%40example.com%22%7D&verb=http%3A%2F%2Fadlnet.gov%2Fexpapi%2Fverbs%2Fpassed\
         &activity=http%3A%2F%2Fexample.com%2Fa&registration=EC531277-B57B-4C15-8D91-D292C5B2B8F7\
         &related_activities=true&related_agents=false&since=2023-11-14T22%3A13%3A20.5%2B02%3A00\
         &until=2024-01-01T00%3A00%3A00Z&limit=0&format=canonical&attachments=false&ascending=true",
    )
    .unwrap();
    assert_eq!(query.agent, Some(json!({"mbox": "mailto:a@example.com"})));
    assert_eq!(query.related_activities, Some(true));
    assert_eq!(query.related_agents, Some(false));
    assert_eq!(query.limit, Some(0));
    assert_eq!(query.format_or_default(), StatementFormat::Canonical);
    assert_eq!(query.since.unwrap().timestamp_millis(), 1_699_992_800_500);
    assert!(!query.is_single());
    let built = query.to_query_string();
    assert!(built.starts_with("agent="), "{built}");
    assert_eq!(StatementQuery::parse(&built).unwrap(), query);
    assert_eq!(StatementQuery::parse("").unwrap(), StatementQuery::new());
    assert_eq!(StatementQuery::parse("?").unwrap(), StatementQuery::new());
}

#[test]
fn statement_id_excludes_every_filter_but_attachments_and_format() {
    let id = "2a41c918-b88b-4220-8e5f-0d6f2e5a1f33";
    let query =
        StatementQuery::parse(&format!("statementId={id}&attachments=true&format=ids")).unwrap();
    assert!(query.is_single());
    assert_eq!(
        codes(&format!("statementId={id}&voidedStatementId={id}")),
        ["xapi.query.exclusive-ids"]
    );
    for other in [
        "verb=http%3A%2F%2Fx",
        "limit=1",
        "ascending=true",
        "since=2024-01-01T00%3A00%3A00Z",
    ] {
        assert_eq!(
            codes(&format!("voidedStatementId={id}&{other}")),
            ["xapi.query.id-with-filter"],
            "{other}"
        );
    }
}

#[test]
fn each_bad_value_has_its_code() {
    let cases: [(&str, &str); 16] = [
        (
            "statementId=urn:uuid:2a41c918-b88b-4220-8e5f-0d6f2e5a1f33",
            "xapi.query.uuid",
        ),
        (
            "registration=2a41c918b88b42208e5f0d6f2e5a1f33",
            "xapi.query.uuid",
        ),
        ("verb=passed", "xapi.query.iri"),
        ("activity=", "xapi.query.iri"),
        ("agent=mailto:a@b.c", "xapi.query.agent-json"),
        (
            "agent=%7B%22mbox%22%3A1%2C%22mbox%22%3A2%7D",
            "xapi.query.agent-json",
        ),
        ("agent=%7B%22name%22%3A%22x%22%7D", "xapi.query.agent"),
        ("agent=%7B%22mbox%22%3A%22a%40b.c%22%7D", "xapi.query.agent"),
        ("related_agents=True", "xapi.query.boolean"),
        ("ascending=1", "xapi.query.boolean"),
        ("since=2024-01-01", "xapi.query.timestamp"),
        (
            "until=2024-01-01T00%3A00%3A00-00%3A00",
            "xapi.query.timestamp",
        ),
        ("limit=-1", "xapi.query.limit"),
        ("limit=%2B5", "xapi.query.limit"),
        ("format=IDS", "xapi.query.format"),
        ("Agent=x", "xapi.query.unknown-parameter"),
    ];
    for (query, code) in cases {
        assert_eq!(codes(query), [code], "{query}");
    }
}

#[test]
fn duplicates_encoding_and_size() {
    assert_eq!(codes("limit=1&limit=2"), ["xapi.query.duplicate-parameter"]);
    assert_eq!(codes("verb=%FF"), ["xapi.query.encoding"]);
    assert_eq!(codes(&"a".repeat(20_000)), ["xapi.query.too-long"]);
    let many: String = (0..70).map(|i| format!("x{i}=1&")).collect();
    assert_eq!(codes(&many), ["xapi.query.too-long"]);
    let report = StatementQuery::validate("verb=x&limit=y&format=z&foo=1");
    assert_eq!(report.errors().count(), 4, "every problem is reported");
    assert_eq!(report.issues()[0].location.to_string(), "/verb");
}

#[test]
fn replays_fuzz_seeds() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../fuzz/seeds/xapi_query");
    let mut count = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        learnwire_testkit::xapi::query_oracle(&std::fs::read(entry.unwrap().path()).unwrap());
        count += 1;
    }
    assert!(count >= 5, "expected seeds in {}", dir.display());
}

#[test]
fn hostile_names_stay_out_of_locations() {
    let report = StatementQuery::validate(
        "%1B%5B31m=1&agent=%7B%22%1B%22%3A1%2C%22mbox%22%3A%22mailto%3Aa%40b.c%22%7D",
    );
    assert_eq!(report.errors().count(), 2);
    for issue in report.issues() {
        let location = issue.location.to_string();
        assert!(!location.contains('\u{1b}'), "{location}");
        assert!(!issue.message.contains('\u{1b}'), "{}", issue.message);
    }
}

mod round_trip {
    use chrono::{DateTime, FixedOffset, TimeZone};
    use learnwire_xapi::query::{StatementFormat, StatementQuery};
    use proptest::prelude::*;
    use serde_json::json;

    fn timestamp() -> impl Strategy<Value = DateTime<FixedOffset>> {
        (0i64..4_000_000_000, 0u32..1_000_000_000, -50_400i32..50_400).prop_map(
            |(secs, nanos, offset)| {
                let offset = FixedOffset::east_opt(offset / 60 * 60).unwrap();
                offset.timestamp_opt(secs, nanos).unwrap()
            },
        )
    }

    fn query() -> impl Strategy<Value = StatementQuery> {
        let iri = "(http|urn|tag):[a-z0-9]{1,8}(/([a-zé0-9+&=?]|%[0-9A-F]{2}){0,6}){0,3}";
        (
            proptest::option::of(any::<u128>()),
            proptest::option::of("[a-z0-9.]{1,10}"),
            proptest::option::of(iri),
            proptest::option::of(iri),
            proptest::option::of(any::<u128>()),
            (any::<Option<bool>>(), any::<Option<bool>>(), any::<Option<bool>>(), any::<Option<bool>>()),
            (proptest::option::of(timestamp()), proptest::option::of(timestamp())),
            proptest::option::of(any::<u64>()),
            proptest::option::of(prop_oneof![
                Just(StatementFormat::Ids),
                Just(StatementFormat::Exact),
                Just(StatementFormat::Canonical)
            ]),
        )
            .prop_map(|(id, user, verb, activity, registration, flags, (since, until), limit, format)| {
                let mut query = StatementQuery::new();
                if let Some(id) = id {
                    query.statement_id = Some(uuid::Uuid::from_u128(id));
                    query.attachments = flags.2;
                    query.format = format;
                    return query;
                }
                query.agent = user.map(|user| json!({"mbox": format!("mailto:{user}@example.com"), "name": "N & M"}));
                query.verb = verb;
                query.activity = activity;
                query.registration = registration.map(uuid::Uuid::from_u128);
                (query.related_activities, query.related_agents, query.attachments, query.ascending) = flags;
                query.since = since;
                query.until = until;
                query.limit = limit;
                query.format = format;
                query
            })
    }

    proptest! {
        #[test]
        fn build_then_parse_is_identity(query in query()) {
            let text = query.to_query_string();
            let parsed = StatementQuery::parse(&text);
            prop_assert!(parsed.is_ok(), "{text}: {parsed:?}");
            prop_assert_eq!(parsed.unwrap(), query);
        }
    }
}

mod arbitrary {
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn any_text_keeps_the_oracle(text in "([a-zA-Z_]{1,18}=[%0-9A-Fa-f:/.+\\-{}\"@TZ]{0,40}&?){0,6}") {
            learnwire_testkit::xapi::query_oracle(text.as_bytes());
        }
    }
}
