//! The LMS side: launch URL, launch data, learner preferences, fetch URL, the statement rules of a
//! session (each rule asserting its code and pointer) and moveOn. Test names are the coverage table's
//! (crate docs, `session` module).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use learnwire_cmi5::launch::{
    AuLaunchSettings, AudioPreference, LaunchData, LaunchMode, LaunchParameters, build_launch_url,
    parse_launch_data, parse_learner_preferences,
};
use learnwire_cmi5::session::{
    AuProgress, SessionJudge, SessionSettings, StatementKind, WaiveReason, launched_statement,
    waived_statement,
};
use learnwire_cmi5::{MasteryScore, MoveOn};
use learnwire_xapi::statement::{Account, Agent, Ifi};
use learnwire_xapi::types::{Iri, MailtoIri, Timestamp, XapiUuid};
use serde_json::{Value, json};

const PUBLISHER: &str = "https://example.com/course/au-1";
const ACTIVITY: &str = "https://lms.example.com/activities/17/au-1";
const REGISTRATION: &str = "4eb0e063-669b-479a-86b3-f9be9ac88a1d";
const SESSION: &str = "c7b6f0a9-482c-4c03-acc1-548289126963";
const CMI5: &str = "https://w3id.org/xapi/cmi5/context/categories/cmi5";
const MOVEON: &str = "https://w3id.org/xapi/cmi5/context/categories/moveon";
const SESSION_EXT: &str = "https://w3id.org/xapi/cmi5/context/extensions/sessionid";
const MASTERY_EXT: &str = "https://w3id.org/xapi/cmi5/context/extensions/masteryscore";
const PROGRESS_EXT: &str = "https://w3id.org/xapi/cmi5/result/extensions/progress";

fn actor() -> Agent {
    Agent::new(Ifi::Account(Account::new(
        Iri::parse("https://lms.example.com").unwrap(),
        "learner-7",
    )))
}

fn actor_json() -> Value {
    json!({"objectType": "Agent", "account": {"homePage": "https://lms.example.com", "name": "learner-7"}})
}

fn au() -> AuLaunchSettings {
    AuLaunchSettings::new(PUBLISHER, "content/index.html?lang=en")
        .with_move_on(MoveOn::CompletedAndPassed)
}

fn settings(mode: LaunchMode, mastery: Option<&str>) -> SessionSettings {
    let data = LaunchData::for_au(&au(), SESSION, mode)
        .unwrap()
        .with_mastery_score(mastery.map(|text| MasteryScore::parse(text).unwrap()));
    SessionSettings::new(
        actor(),
        XapiUuid::parse(REGISTRATION).unwrap(),
        Iri::parse(ACTIVITY).unwrap(),
        data,
    )
}

fn judge() -> SessionJudge {
    SessionJudge::new(settings(LaunchMode::Normal, None), AuProgress::new())
}

fn judge_with(mode: LaunchMode, mastery: Option<&str>, progress: AuProgress) -> SessionJudge {
    SessionJudge::new(settings(mode, mastery), progress)
}

/// A conformant cmi5 defined statement with this verb word.
fn defined(word: &str) -> Value {
    let base = match word {
        "initialized" | "completed" | "passed" | "failed" | "terminated" | "launched" => {
            "http://adlnet.gov/expapi/verbs/"
        }
        _ => "https://w3id.org/xapi/adl/verbs/",
    };
    let mut statement = json!({
        "id": "fd41c918-b88b-4b20-a0a5-a4c32391aaa0",
        "timestamp": "2024-05-01T10:00:00.000Z",
        "actor": actor_json(),
        "verb": {"id": format!("{base}{word}"), "display": {"en-US": word}},
        "object": {"id": ACTIVITY, "objectType": "Activity"},
        "context": {
            "registration": REGISTRATION,
            "contextActivities": {
                "grouping": [{"id": PUBLISHER}],
                "category": [{"id": CMI5}]
            },
            "extensions": {SESSION_EXT: SESSION}
        }
    });
    let result = match word {
        "completed" => Some(json!({"completion": true, "duration": "PT1M"})),
        "passed" => Some(json!({"success": true, "duration": "PT1M"})),
        "failed" => Some(json!({"success": false, "duration": "PT1M"})),
        "terminated" => Some(json!({"duration": "PT2M"})),
        _ => None,
    };
    if let Some(result) = result {
        if word != "terminated" {
            statement["context"]["contextActivities"]["category"]
                .as_array_mut()
                .unwrap()
                .push(json!({"id": MOVEON}));
        }
        statement["result"] = result;
    }
    statement
}

/// A cmi5 allowed statement (no cmi5 category).
fn allowed(verb: &str) -> Value {
    let mut statement = defined("initialized");
    statement["verb"] = json!({"id": verb});
    statement["context"]["contextActivities"]
        .as_object_mut()
        .unwrap()
        .remove("category");
    statement["object"] = json!({"id": "https://example.com/course/au-1/question-3"});
    statement
}

fn codes(judge: &mut SessionJudge, statement: &Value) -> Vec<(String, String)> {
    let verdict = judge.judge_value(statement);
    verdict
        .report()
        .issues()
        .iter()
        .map(|issue| (issue.code.as_str().to_owned(), issue.location.to_string()))
        .collect()
}

fn started() -> SessionJudge {
    let mut judge = judge();
    assert!(judge.judge_value(&defined("initialized")).is_accepted());
    judge
}

fn has(found: &[(String, String)], code: &str, at: &str) {
    assert!(
        found.iter().any(|(c, l)| c == code && l == at),
        "expected {code} at {at}, got {found:?}"
    );
}

// ---------------------------------------------------------------- launch URL (C5L-01..04)

fn parameters() -> LaunchParameters {
    LaunchParameters::new(
        url::Url::parse("https://lms.example.com/xapi/").unwrap(),
        url::Url::parse("https://lms.example.com/fetch?k=2390289x0").unwrap(),
        actor(),
        XapiUuid::parse(REGISTRATION).unwrap(),
        Iri::parse(ACTIVITY).unwrap(),
    )
}

fn base() -> url::Url {
    url::Url::parse("https://cdn.example.com/courses/17/").unwrap()
}

#[test]
fn launch_url_appends_the_five_values_form_encoded_after_the_au_query() {
    let launch = build_launch_url(&au(), Some(&base()), &parameters()).unwrap();
    let url = launch.url();
    assert_eq!(url.path(), "/courses/17/content/index.html");
    let pairs: Vec<(String, String)> = url.query_pairs().into_owned().collect();
    let names: Vec<&str> = pairs.iter().map(|(name, _)| name.as_str()).collect();
    assert_eq!(
        names,
        [
            "lang",
            "endpoint",
            "fetch",
            "actor",
            "registration",
            "activityId"
        ]
    );
    assert_eq!(pairs[2].1, "https://lms.example.com/fetch?k=2390289x0");
    let actor: Value = serde_json::from_str(&pairs[3].1).unwrap();
    assert_eq!(actor, actor_json());
    assert_eq!(pairs[5].1, ACTIVITY);
    // Encoded: no raw JSON braces, quotes or nested query separators in the URL text.
    let query = url.query().unwrap();
    assert!(!query.contains('{') && !query.contains('"'));
    assert!(query.contains("fetch=https%3A%2F%2Flms.example.com%2Ffetch%3Fk%3D2390289x0"));
    assert_eq!(
        launch.au_url().as_str(),
        "https://cdn.example.com/courses/17/content/index.html?lang=en"
    );
}

#[test]
fn launch_url_keeps_an_absolute_au_url_and_its_fragment_last() {
    let au = AuLaunchSettings::new(PUBLISHER, "https://content.example.org/au/start.html#intro");
    let launch = build_launch_url(&au, None, &parameters()).unwrap();
    let text = launch.url().as_str();
    assert!(text.starts_with("https://content.example.org/au/start.html?endpoint="));
    assert!(text.ends_with("#intro"));
}

#[test]
fn launch_url_refuses_a_reserved_name_in_the_au_query_with_cmi5_launch_reserved_name() {
    for name in ["endpoint", "fetch", "actor", "registration", "activityId"] {
        let au = AuLaunchSettings::new(PUBLISHER, format!("index.html?a=1&{name}=x"));
        let error = build_launch_url(&au, Some(&base()), &parameters()).unwrap_err();
        assert_eq!(error.code().as_str(), "cmi5.launch.reserved-name", "{name}");
        assert!(error.to_string().starts_with("cmi5.launch.reserved-name: "));
    }
    // Names are case-sensitive (URLSearchParams): ActivityID is the AU's own parameter.
    let au = AuLaunchSettings::new(PUBLISHER, "index.html?ActivityID=x");
    assert!(build_launch_url(&au, Some(&base()), &parameters()).is_ok());
}

#[test]
fn launch_url_refuses_a_relative_au_url_without_base_with_cmi5_launch_au_url() {
    let error = build_launch_url(&au(), None, &parameters()).unwrap_err();
    assert_eq!(error.code().as_str(), "cmi5.launch.au-url");
}

#[test]
fn launch_url_refuses_an_empty_au_url_with_cmi5_launch_au_url() {
    for url in ["", "   "] {
        let au = AuLaunchSettings::new(PUBLISHER, url);
        let error = build_launch_url(&au, Some(&base()), &parameters()).unwrap_err();
        assert_eq!(error.code().as_str(), "cmi5.launch.au-url", "{url:?}");
    }
}

#[test]
fn launch_url_refuses_a_relative_au_url_escaping_the_base_with_cmi5_launch_au_url_outside() {
    for url in [
        "../../../../etc/passwd",
        "/index.html",
        "//evil.example/x.html",
    ] {
        let au = AuLaunchSettings::new(PUBLISHER, url);
        let error = build_launch_url(&au, Some(&base()), &parameters()).unwrap_err();
        assert_eq!(error.code().as_str(), "cmi5.launch.au-url-outside", "{url}");
    }
}

#[test]
fn launch_url_refuses_script_and_data_schemes_with_cmi5_launch_au_url_scheme() {
    for url in [
        "javascript:alert(1)",
        "data:text/html,<script>x</script>",
        "JavaScript://x/%0aalert(1)",
        "file:///etc/passwd",
    ] {
        let au = AuLaunchSettings::new(PUBLISHER, url);
        let error = build_launch_url(&au, Some(&base()), &parameters()).unwrap_err();
        assert_eq!(error.code().as_str(), "cmi5.launch.au-url-scheme", "{url}");
    }
}

#[test]
fn launch_url_refuses_the_publisher_id_as_activity_id_with_cmi5_launch_activity_id() {
    let mut parameters = parameters();
    parameters.activity_id = Iri::parse(PUBLISHER).unwrap();
    let error = build_launch_url(&au(), Some(&base()), &parameters).unwrap_err();
    assert_eq!(error.code().as_str(), "cmi5.launch.activity-id");
}

#[test]
fn launch_url_refuses_an_actor_without_account_with_cmi5_launch_actor() {
    let mut parameters = parameters();
    parameters.actor = Agent::new(Ifi::Mbox(MailtoIri::parse("mailto:a@example.com").unwrap()));
    let error = build_launch_url(&au(), Some(&base()), &parameters).unwrap_err();
    assert_eq!(error.code().as_str(), "cmi5.launch.actor");
}

// ---------------------------------------------------------------- launch data (C5L-06), prefs (C5L-08)

#[test]
fn launch_data_has_the_context_template_launch_mode_move_on_and_declared_values() {
    let au = au()
        .with_mastery_score(Some(MasteryScore::parse("0.8").unwrap()))
        .with_launch_parameters(Some("level=2".to_owned()))
        .with_entitlement_key(Some("key-1".to_owned()));
    let data = LaunchData::for_au(&au, SESSION, LaunchMode::Review)
        .unwrap()
        .with_return_url("https://lms.example.com/return?x=1&y=2")
        .with_entitlement_alternate("alt-1");
    let value: Value = serde_json::from_slice(&data.to_json()).unwrap();
    assert_eq!(
        value,
        json!({
            "contextTemplate": {
                "contextActivities": {"grouping": [{"id": PUBLISHER, "objectType": "Activity"}]},
                "extensions": {SESSION_EXT: SESSION}
            },
            "launchMode": "Review",
            "launchParameters": "level=2",
            "masteryScore": 0.8,
            "moveOn": "CompletedAndPassed",
            "returnURL": "https://lms.example.com/return?x=1&y=2",
            "entitlementKey": {"courseStructure": "key-1", "alternate": "alt-1"}
        })
    );
    assert_eq!(
        parse_launch_data(&data.to_json(), &learnwire_cmi5::Limits::default()).unwrap(),
        data
    );
}

#[test]
fn launch_data_without_optional_values_leaves_them_out() {
    let data = LaunchData::for_au(&au(), SESSION, LaunchMode::Normal).unwrap();
    let value: Value = serde_json::from_slice(&data.to_json()).unwrap();
    let keys: Vec<&str> = value
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(keys, ["contextTemplate", "launchMode", "moveOn"]);
}

#[test]
fn launch_data_without_session_id_is_refused_with_cmi5_launch_data_json() {
    let bytes = br#"{"contextTemplate": {"contextActivities": {"grouping": [{"id": "https://example.com/au"}]}},
                     "launchMode": "Normal", "moveOn": "Passed"}"#;
    let report = parse_launch_data(bytes, &learnwire_cmi5::Limits::default()).unwrap_err();
    assert_eq!(report.issues()[0].code.as_str(), "cmi5.launch-data.json");
    assert_eq!(
        report.issues()[0].location.to_string(),
        "/contextTemplate/extensions"
    );
    let bad_move_on = br#"{"contextTemplate": {}, "launchMode": "Normal", "moveOn": "passed"}"#;
    assert!(
        parse_launch_data(bad_move_on, &learnwire_cmi5::Limits::default())
            .unwrap_err()
            .has_code("cmi5.launch-data.json")
    );
}

#[test]
fn learner_preferences_round_trip() {
    let prefs = parse_learner_preferences(
        br#"{"languagePreference":"en-US,fr-FR","audioPreference":"on"}"#,
        &learnwire_cmi5::Limits::default(),
    )
    .unwrap();
    assert_eq!(prefs.audio_preference, AudioPreference::On);
    assert_eq!(
        String::from_utf8(prefs.to_json()).unwrap(),
        r#"{"languagePreference":"en-US,fr-FR","audioPreference":"on"}"#
    );
}

#[test]
fn learner_preferences_refuse_a_bad_language_list_with_cmi5_preferences_language() {
    for list in ["en-US, fr-FR", "", "en-US,,fr", "en_US"] {
        let body = json!({"languagePreference": list, "audioPreference": "on"}).to_string();
        let report = parse_learner_preferences(body.as_bytes(), &learnwire_cmi5::Limits::default())
            .unwrap_err();
        assert!(report.has_code("cmi5.preferences.language"), "{list:?}");
    }
}

#[test]
fn learner_preferences_refuse_a_bad_audio_value_with_cmi5_preferences_audio() {
    let report = parse_learner_preferences(
        br#"{"languagePreference":"en","audioPreference":"On"}"#,
        &learnwire_cmi5::Limits::default(),
    )
    .unwrap_err();
    assert_eq!(report.issues()[0].code.as_str(), "cmi5.preferences.audio");
    assert_eq!(report.issues()[0].location.to_string(), "/audioPreference");
}

#[test]
fn learner_preferences_refuse_missing_properties_with_cmi5_preferences_json() {
    let report = parse_learner_preferences(
        br#"{"languagePreference":"en"}"#,
        &learnwire_cmi5::Limits::default(),
    )
    .unwrap_err();
    assert_eq!(report.issues()[0].code.as_str(), "cmi5.preferences.json");
    assert!(
        parse_learner_preferences(b"[1]", &learnwire_cmi5::Limits::default())
            .unwrap_err()
            .has_code("cmi5.preferences.json")
    );
    assert!(
        parse_learner_preferences(b"{", &learnwire_cmi5::Limits::default())
            .unwrap_err()
            .has_code("cmi5.preferences.json")
    );
}

#[test]
fn lms_documents_refuse_a_repeated_member_with_their_json_code() {
    let limits = learnwire_cmi5::Limits::default();
    let twice = br#"{"languagePreference":"en","audioPreference":"on","audioPreference":"off"}"#;
    let report = parse_learner_preferences(twice, &limits).unwrap_err();
    assert!(report.has_code("cmi5.preferences.json"), "{report}");
    assert!(report.to_string().contains("twice"), "{report}");
    let data = LaunchData::for_au(&au(), SESSION, LaunchMode::Normal)
        .unwrap()
        .to_json();
    let mut repeated = data.clone();
    let tail = repeated.pop().unwrap();
    assert_eq!(tail, b'}');
    repeated.extend_from_slice(br#","moveOn":"Passed"}"#);
    let report = parse_launch_data(&repeated, &limits).unwrap_err();
    assert!(report.has_code("cmi5.launch-data.json"), "{report}");
    assert!(parse_launch_data(&data, &limits).is_ok());
}

#[test]
fn lms_documents_are_bounded_by_limits_max_input_bytes_and_max_depth() {
    let body = br#"{"languagePreference":"en","audioPreference":"on"}"#;
    let small = learnwire_cmi5::Limits::default().with_max_input_bytes(body.len() - 1);
    let report = parse_learner_preferences(body, &small).unwrap_err();
    assert!(report.has_code("cmi5.preferences.json"), "{report}");
    let at_limit = learnwire_cmi5::Limits::default().with_max_input_bytes(body.len());
    assert!(parse_learner_preferences(body, &at_limit).is_ok());
    let deep = format!(
        r#"{{"languagePreference":"en","audioPreference":"on","x":{}1{}}}"#,
        "[".repeat(300),
        "]".repeat(300)
    );
    let report =
        parse_learner_preferences(deep.as_bytes(), &learnwire_cmi5::Limits::default()).unwrap_err();
    assert!(report.has_code("cmi5.preferences.json"), "{report}");
}

// ---------------------------------------------------------------- LMS statements (C5L-07, 09, 10)

#[test]
fn launched_statement_carries_the_launch_extensions_and_is_valid_xapi() {
    let mut settings = settings(LaunchMode::Normal, Some("0.75"));
    settings.launch_data.launch_parameters = Some("level=2".to_owned());
    let launch = build_launch_url(&au(), Some(&base()), &parameters()).unwrap();
    let statement = launched_statement(
        &settings,
        &launch,
        XapiUuid::parse("a6a9f4a4-6a36-466c-91a0-6daea4e0a5a4").unwrap(),
        Timestamp::parse("2024-05-01T09:59:00Z").unwrap(),
    )
    .unwrap();
    let value = serde_json::to_value(&statement).unwrap();
    let ext = &value["context"]["extensions"];
    assert_eq!(
        ext["https://w3id.org/xapi/cmi5/context/extensions/launchmode"],
        "Normal"
    );
    assert_eq!(
        ext["https://w3id.org/xapi/cmi5/context/extensions/moveon"],
        "CompletedAndPassed"
    );
    assert_eq!(ext[MASTERY_EXT], 0.75);
    assert_eq!(
        ext["https://w3id.org/xapi/cmi5/context/extensions/launchurl"],
        "https://cdn.example.com/courses/17/content/index.html?lang=en"
    );
    assert_eq!(ext[SESSION_EXT], SESSION);
    assert_eq!(
        ext["https://w3id.org/xapi/cmi5/context/extensions/launchparameters"],
        "level=2"
    );
    assert_eq!(value["context"]["registration"], REGISTRATION);
    assert_eq!(
        value["context"]["contextActivities"]["category"][0]["id"],
        CMI5
    );
    assert_eq!(
        value["context"]["contextActivities"]["grouping"][0]["id"],
        PUBLISHER
    );
    assert_eq!(value["object"]["id"], ACTIVITY);
    let options = learnwire_xapi::Options::new(learnwire_xapi::XapiVersion::V1_0_3);
    assert!(learnwire_xapi::validate_value(&value, &options).is_valid());
}

#[test]
fn abandon_records_the_duration_and_closes_the_session_with_cmi5_session_abandoned() {
    let mut judge = started();
    let mut later = defined("completed");
    later["timestamp"] = json!("2024-05-01T10:05:30.250Z");
    assert!(judge.judge_value(&later).is_accepted());
    let launched_at = Timestamp::parse("2024-05-01T10:00:00Z").unwrap();
    let abandoned = judge
        .abandon(
            &launched_at,
            XapiUuid::parse("a6a9f4a4-6a36-466c-91a0-6daea4e0a5a4").unwrap(),
            Timestamp::parse("2024-05-01T11:00:00Z").unwrap(),
        )
        .unwrap();
    let value = serde_json::to_value(&abandoned).unwrap();
    assert_eq!(
        value["verb"]["id"],
        "https://w3id.org/xapi/adl/verbs/abandoned"
    );
    assert_eq!(value["result"]["duration"], "PT330.25S");
    let found = codes(&mut judge, &defined("terminated"));
    has(&found, "cmi5.session.abandoned", "");
    let again = judge.abandon(
        &launched_at,
        XapiUuid::parse("a6a9f4a4-6a36-466c-91a0-6daea4e0a5a4").unwrap(),
        Timestamp::parse("2024-05-01T11:00:00Z").unwrap(),
    );
    assert_eq!(
        again.unwrap_err().code().as_str(),
        "cmi5.lms.session-closed"
    );
}

#[test]
fn waived_statement_has_success_completion_reason_and_moveon_once_per_registration() {
    let settings = settings(LaunchMode::Normal, None);
    let mut progress = AuProgress::new();
    let waive = |progress: &mut AuProgress| {
        waived_statement(
            &settings.actor,
            &settings.registration,
            &settings.activity_id,
            &settings.launch_data.context_template,
            "0b7f3a0e-0000-4000-8000-000000000001",
            &WaiveReason::TestedOut,
            progress,
            XapiUuid::parse("a6a9f4a4-6a36-466c-91a0-6daea4e0a5a4").unwrap(),
            Timestamp::parse("2024-05-01T11:00:00Z").unwrap(),
        )
    };
    let value = serde_json::to_value(waive(&mut progress).unwrap()).unwrap();
    assert_eq!(value["result"]["success"], true);
    assert_eq!(value["result"]["completion"], true);
    assert_eq!(
        value["result"]["extensions"]["https://w3id.org/xapi/cmi5/result/extensions/reason"],
        "Tested Out"
    );
    assert_eq!(
        value["context"]["contextActivities"]["category"][1]["id"],
        MOVEON
    );
    assert_eq!(
        value["context"]["extensions"][SESSION_EXT],
        "0b7f3a0e-0000-4000-8000-000000000001"
    );
    assert!(progress.waived && progress.satisfies(MoveOn::Passed));
    assert_eq!(
        waive(&mut progress).unwrap_err().code().as_str(),
        "cmi5.lms.waived-twice"
    );
}

// ---------------------------------------------------------------- fetch URL (C5L-05)

mod fetch {
    use learnwire_cmi5::fetch::{
        FetchRequest, InMemoryTokenStore, TokenStore, TokenStoreError, TokenTake,
    };
    use serde_json::{Value, json};

    fn post() -> http::Request<Vec<u8>> {
        http::Request::post("/fetch?k=abc")
            .body(Vec::new())
            .unwrap()
    }

    fn body(response: &http::Response<Vec<u8>>) -> Value {
        assert_eq!(response.headers()["content-type"], "application/json");
        serde_json::from_slice(response.body()).unwrap()
    }

    #[test]
    fn fetch_returns_the_auth_token_once_then_error_code_1_with_status_200() {
        let mut store = InMemoryTokenStore::new();
        store.issue("abc", "QWxhZGRpbjpvcGVuIHNlc2FtZQ==");
        let first = FetchRequest::from_http_request(&post(), "abc")
            .unwrap()
            .answer(&mut store);
        let response = first.to_http_response();
        assert_eq!(response.status(), 200);
        assert_eq!(
            body(&response),
            json!({"auth-token": "QWxhZGRpbjpvcGVuIHNlc2FtZQ=="})
        );
        let second = FetchRequest::from_http_request(&post(), "abc")
            .unwrap()
            .answer(&mut store);
        assert_eq!(
            second.rejection().unwrap().as_str(),
            "cmi5.fetch.already-used"
        );
        let response = second.to_http_response();
        assert_eq!(response.status(), 200);
        let value = body(&response);
        assert_eq!(value["error-code"], "1");
        assert!(value["error-text"].is_string());
        assert!(value.get("auth-token").is_none());
    }

    #[test]
    fn fetch_refuses_get_with_405_and_cmi5_fetch_method() {
        let get = http::Request::get("/fetch?k=abc")
            .body(Vec::<u8>::new())
            .unwrap();
        let error = FetchRequest::from_http_request(&get, "abc").unwrap_err();
        assert_eq!(error.code().as_str(), "cmi5.fetch.method");
        let response = error.to_http_response();
        assert_eq!(response.status(), 405);
        assert_eq!(response.headers()["allow"], "POST");
    }

    #[test]
    fn fetch_of_an_unknown_key_gets_error_code_2_with_cmi5_fetch_security() {
        let mut store = InMemoryTokenStore::new();
        let answer = FetchRequest::from_http_request(&post(), "nope")
            .unwrap()
            .answer(&mut store);
        assert_eq!(answer.rejection().unwrap().as_str(), "cmi5.fetch.security");
        assert_eq!(body(&answer.to_http_response())["error-code"], "2");
    }

    #[test]
    fn fetch_of_an_expired_session_gets_error_code_1() {
        let mut store = InMemoryTokenStore::new();
        store.issue("abc", "t");
        store.expire("abc");
        let answer = FetchRequest::from_http_request(&post(), "abc")
            .unwrap()
            .answer(&mut store);
        assert_eq!(
            answer.rejection().unwrap().as_str(),
            "cmi5.fetch.already-used"
        );
    }

    struct Broken;
    impl TokenStore for Broken {
        fn take(&mut self, _: &str) -> Result<TokenTake, TokenStoreError> {
            Err(TokenStoreError::new("database down: secret dsn"))
        }
    }

    #[test]
    fn a_token_store_error_names_cmi5_fetch_application() {
        let error = TokenStoreError::new("database down");
        assert_eq!(error.code().as_str(), "cmi5.fetch.application");
        assert_eq!(
            error.to_string(),
            "cmi5.fetch.application: the token store failed: database down"
        );
    }

    #[test]
    fn fetch_with_a_failing_store_gets_error_code_3_without_the_internal_reason() {
        let answer = FetchRequest::from_http_request(&post(), "abc")
            .unwrap()
            .answer(&mut Broken);
        assert_eq!(
            answer.rejection().unwrap().as_str(),
            "cmi5.fetch.application"
        );
        let response = answer.to_http_response();
        assert_eq!(body(&response)["error-code"], "3");
        assert!(!String::from_utf8_lossy(response.body()).contains("secret"));
    }
}

// ---------------------------------------------------------------- statement rules (C5R-*)

#[test]
fn a_conformant_session_is_accepted_and_records_progress() {
    let mut judge = judge();
    for word in ["initialized", "completed", "passed", "terminated"] {
        let verdict = judge.judge_value(&defined(word));
        assert!(verdict.is_accepted(), "{word}: {verdict}");
        assert_eq!(verdict.kind(), StatementKind::Defined);
    }
    let progress = judge.progress();
    assert!(progress.completed && progress.passed && !progress.failed);
    assert!(judge.is_terminated());
    assert!(progress.satisfies(MoveOn::CompletedAndPassed));
}

#[test]
fn allowed_statements_pass_through_after_initialized() {
    let mut judge = started();
    let verdict = judge.judge_value(&allowed("http://adlnet.gov/expapi/verbs/answered"));
    assert!(verdict.is_accepted(), "{verdict}");
    assert_eq!(verdict.kind(), StatementKind::Allowed);
    // A cmi5 verb without the cmi5 category is allowed too, and records nothing.
    let verdict = judge.judge_value(&allowed("http://adlnet.gov/expapi/verbs/completed"));
    assert!(verdict.is_accepted(), "{verdict}");
    assert!(!judge.progress().completed);
}

#[test]
fn statement_without_id_is_rejected_with_cmi5_statement_id() {
    let mut statement = defined("initialized");
    statement.as_object_mut().unwrap().remove("id");
    has(&codes(&mut judge(), &statement), "cmi5.statement.id", "/id");
}

#[test]
fn voiding_statement_is_rejected_with_cmi5_statement_voiding() {
    let mut statement = allowed("http://adlnet.gov/expapi/verbs/voided");
    statement["object"] =
        json!({"objectType": "StatementRef", "id": "fd41c918-b88b-4b20-a0a5-a4c32391aaa0"});
    has(
        &codes(&mut started(), &statement),
        "cmi5.statement.voiding",
        "/verb/id",
    );
}

#[test]
fn statement_without_timestamp_is_rejected_with_cmi5_statement_timestamp() {
    let mut statement = defined("initialized");
    statement.as_object_mut().unwrap().remove("timestamp");
    has(
        &codes(&mut judge(), &statement),
        "cmi5.statement.timestamp",
        "/timestamp",
    );
}

#[test]
fn statement_with_a_non_utc_timestamp_is_rejected_with_cmi5_statement_timestamp_utc() {
    let mut statement = defined("initialized");
    statement["timestamp"] = json!("2024-05-01T12:00:00+02:00");
    has(
        &codes(&mut judge(), &statement),
        "cmi5.statement.timestamp-utc",
        "/timestamp",
    );
    for utc in ["2024-05-01T10:00:00+00:00", "2024-05-01T10:00:00Z"] {
        let mut statement = defined("initialized");
        statement["timestamp"] = json!(utc);
        assert!(judge().judge_value(&statement).is_accepted(), "{utc}");
    }
}

#[test]
fn statement_by_another_actor_is_rejected_with_cmi5_statement_actor() {
    let mut statement = defined("initialized");
    statement["actor"]["account"]["name"] = json!("learner-8");
    let found = codes(&mut judge(), &statement);
    assert_eq!(
        found[0],
        ("cmi5.statement.actor".to_owned(), "/actor".to_owned())
    );
    // A display name added by the AU does not change who the learner is.
    let mut named = defined("initialized");
    named["actor"]["name"] = json!("Learner Seven");
    assert!(judge().judge_value(&named).is_accepted());
}

#[test]
fn statement_without_context_is_rejected_with_cmi5_context_missing() {
    let mut statement = defined("initialized");
    statement.as_object_mut().unwrap().remove("context");
    let found = codes(&mut judge(), &statement);
    has(&found, "cmi5.context.missing", "/context");
    assert!(
        !found
            .iter()
            .any(|(code, _)| code == "cmi5.context.registration")
    );
}

#[test]
fn context_without_the_publisher_grouping_is_rejected_with_cmi5_context_template() {
    let mut statement = defined("initialized");
    statement["context"]["contextActivities"]["grouping"] =
        json!([{"id": "https://example.com/other"}]);
    has(
        &codes(&mut judge(), &statement),
        "cmi5.context.template",
        "/context/contextActivities/grouping",
    );
    // An extra grouping activity before the publisher's overwrites nothing.
    let mut extra = defined("initialized");
    extra["context"]["contextActivities"]["grouping"] =
        json!([{"id": "https://example.com/other"}, {"id": PUBLISHER}]);
    assert!(judge().judge_value(&extra).is_accepted());
}

#[test]
fn context_with_another_session_id_is_rejected_with_cmi5_context_template() {
    let mut statement = defined("initialized");
    statement["context"]["extensions"][SESSION_EXT] = json!("another-session");
    has(
        &codes(&mut judge(), &statement),
        "cmi5.context.template",
        "/context/extensions/https:~1~1w3id.org~1xapi~1cmi5~1context~1extensions~1sessionid",
    );
}

#[test]
fn context_without_session_id_is_rejected_with_cmi5_context_session_id() {
    let mut statement = defined("initialized");
    statement["context"]["extensions"] = json!({"https://example.com/ext": 1});
    has(
        &codes(&mut judge(), &statement),
        "cmi5.context.session-id",
        "/context/extensions",
    );
}

#[test]
fn moveon_category_on_initialized_is_rejected_with_cmi5_context_moveon_forbidden() {
    let mut statement = defined("initialized");
    statement["context"]["contextActivities"]["category"]
        .as_array_mut()
        .unwrap()
        .push(json!({"id": MOVEON}));
    has(
        &codes(&mut judge(), &statement),
        "cmi5.context.moveon-forbidden",
        "/context/contextActivities/category/1",
    );
    let mut allowed = allowed("http://adlnet.gov/expapi/verbs/answered");
    allowed["context"]["contextActivities"]["category"] = json!([{"id": MOVEON}]);
    has(
        &codes(&mut started(), &allowed),
        "cmi5.context.moveon-forbidden",
        "/context/contextActivities/category/0",
    );
}

#[test]
fn context_with_another_registration_is_rejected_with_cmi5_context_registration() {
    let mut statement = defined("initialized");
    statement["context"]["registration"] = json!("760e3480-ba55-4991-94b0-01820dbd23a2");
    has(
        &codes(&mut judge(), &statement),
        "cmi5.context.registration",
        "/context/registration",
    );
    let mut missing = defined("initialized");
    missing["context"]
        .as_object_mut()
        .unwrap()
        .remove("registration");
    has(
        &codes(&mut judge(), &missing),
        "cmi5.context.registration",
        "/context/registration",
    );
}

#[test]
fn statement_before_initialized_is_rejected_with_cmi5_session_not_initialized() {
    let found = codes(&mut judge(), &defined("completed"));
    assert_eq!(
        found[0],
        (
            "cmi5.session.not-initialized".to_owned(),
            "/verb/id".to_owned()
        )
    );
    let found = codes(
        &mut judge(),
        &allowed("http://adlnet.gov/expapi/verbs/answered"),
    );
    has(&found, "cmi5.session.not-initialized", "/verb/id");
}

#[test]
fn an_initialized_verb_without_the_cmi5_category_does_not_start_the_session() {
    let mut judge = judge();
    let mut statement = defined("initialized");
    statement["context"]["contextActivities"]["category"] =
        json!([{"id": "https://w3id.org/xapi/cmi5/context/catogories/cmi5"}]);
    has(
        &codes(&mut judge, &statement),
        "cmi5.session.not-initialized",
        "/verb/id",
    );
    assert!(!judge.is_initialized());
    assert!(judge.judge_value(&defined("initialized")).is_accepted());
}

#[test]
fn statement_after_terminated_is_rejected_with_cmi5_session_terminated() {
    let mut judge = started();
    assert!(judge.judge_value(&defined("terminated")).is_accepted());
    has(
        &codes(
            &mut judge,
            &allowed("http://adlnet.gov/expapi/verbs/answered"),
        ),
        "cmi5.session.terminated",
        "",
    );
}

#[test]
fn defined_statement_by_a_group_is_rejected_with_cmi5_actor_not_agent() {
    let mut statement = defined("initialized");
    statement["actor"] = json!({"objectType": "Group", "account": {"homePage": "https://lms.example.com", "name": "learner-7"}});
    let found = codes(&mut judge(), &statement);
    has(&found, "cmi5.actor.not-agent", "/actor/objectType");
}

#[test]
fn defined_statement_by_an_mbox_agent_is_rejected_with_cmi5_actor_account() {
    let mut statement = defined("initialized");
    statement["actor"] = json!({"mbox": "mailto:learner@example.com"});
    let found = codes(&mut judge(), &statement);
    has(&found, "cmi5.statement.actor", "/actor");
    has(&found, "cmi5.actor.account", "/actor");
}

#[test]
fn defined_statement_about_another_activity_is_rejected_with_cmi5_object_activity_id() {
    let mut statement = defined("initialized");
    statement["object"]["id"] = json!(PUBLISHER);
    has(
        &codes(&mut judge(), &statement),
        "cmi5.object.activity-id",
        "/object/id",
    );
    let mut agent = defined("initialized");
    agent["object"] = json!({"objectType": "Agent", "mbox": "mailto:a@example.com"});
    has(
        &codes(&mut judge(), &agent),
        "cmi5.object.activity-id",
        "/object",
    );
}

#[test]
fn completed_in_a_browse_or_review_session_is_rejected_with_cmi5_session_launch_mode() {
    for mode in [LaunchMode::Browse, LaunchMode::Review] {
        let mut judge = judge_with(mode, None, AuProgress::new());
        assert!(judge.judge_value(&defined("initialized")).is_accepted());
        for word in ["completed", "passed", "failed"] {
            has(
                &codes(&mut judge, &defined(word)),
                "cmi5.session.launch-mode",
                "/verb/id",
            );
        }
        assert!(judge.judge_value(&defined("terminated")).is_accepted());
    }
}

#[test]
fn completed_without_completion_true_is_rejected_with_cmi5_result_completion() {
    let mut statement = defined("completed");
    statement.as_object_mut().unwrap().remove("result");
    has(
        &codes(&mut started(), &statement),
        "cmi5.result.completion",
        "/result",
    );
    let mut statement = defined("completed");
    statement["result"]["completion"] = json!(false);
    has(
        &codes(&mut started(), &statement),
        "cmi5.result.completion",
        "/result/completion",
    );
}

#[test]
fn completion_on_terminated_is_rejected_with_cmi5_result_completion_forbidden() {
    let mut statement = defined("terminated");
    statement["result"]["completion"] = json!(true);
    let found = codes(&mut started(), &statement);
    has(
        &found,
        "cmi5.result.completion-forbidden",
        "/result/completion",
    );
    has(
        &found,
        "cmi5.context.moveon-category",
        "/context/contextActivities/category",
    );
}

#[test]
fn passed_without_success_true_is_rejected_with_cmi5_result_success() {
    let mut statement = defined("passed");
    statement["result"]["success"] = json!(false);
    has(
        &codes(&mut started(), &statement),
        "cmi5.result.success",
        "/result/success",
    );
    let mut failed = defined("failed");
    failed["result"]["success"] = json!(true);
    has(
        &codes(&mut started(), &failed),
        "cmi5.result.success",
        "/result/success",
    );
    let mut bare = defined("passed");
    bare.as_object_mut().unwrap().remove("result");
    has(
        &codes(&mut started(), &bare),
        "cmi5.result.success",
        "/result",
    );
}

#[test]
fn success_on_completed_is_rejected_with_cmi5_result_success_forbidden() {
    let mut statement = defined("completed");
    statement["result"]["success"] = json!(true);
    has(
        &codes(&mut started(), &statement),
        "cmi5.result.success-forbidden",
        "/result/success",
    );
}

#[test]
fn completed_without_moveon_category_is_rejected_with_cmi5_context_moveon_category() {
    let mut statement = defined("completed");
    statement["context"]["contextActivities"]["category"] = json!([{"id": CMI5}]);
    has(
        &codes(&mut started(), &statement),
        "cmi5.context.moveon-category",
        "/context/contextActivities/category",
    );
}

#[test]
fn score_on_terminated_is_rejected_with_cmi5_result_score_forbidden() {
    let mut statement = defined("terminated");
    statement["result"]["score"] = json!({"scaled": 0.5});
    has(
        &codes(&mut started(), &statement),
        "cmi5.result.score-forbidden",
        "/result/score",
    );
}

#[test]
fn raw_score_without_bounds_is_rejected_with_cmi5_result_score_raw() {
    let mut statement = defined("passed");
    statement["result"]["score"] = json!({"raw": 8, "max": 10});
    has(
        &codes(&mut started(), &statement),
        "cmi5.result.score-raw",
        "/result/score",
    );
}

#[test]
fn scored_passed_without_the_mastery_extension_is_rejected_with_cmi5_context_mastery_score() {
    let mut judge = judge_with(LaunchMode::Normal, Some("0.8"), AuProgress::new());
    assert!(judge.judge_value(&defined("initialized")).is_accepted());
    let mut statement = defined("passed");
    statement["result"]["score"] = json!({"scaled": 0.9});
    let pointer =
        "/context/extensions/https:~1~1w3id.org~1xapi~1cmi5~1context~1extensions~1masteryscore";
    has(
        &codes(&mut judge, &statement),
        "cmi5.context.mastery-score",
        pointer,
    );
    statement["context"]["extensions"][MASTERY_EXT] = json!(0.7);
    has(
        &codes(&mut judge, &statement),
        "cmi5.context.mastery-score",
        pointer,
    );
    statement["context"]["extensions"][MASTERY_EXT] = json!(0.8);
    let verdict = judge.judge_value(&statement);
    assert!(verdict.is_accepted(), "{verdict}");
}

#[test]
fn terminated_without_duration_is_rejected_with_cmi5_result_duration() {
    let mut statement = defined("terminated");
    statement.as_object_mut().unwrap().remove("result");
    has(
        &codes(&mut started(), &statement),
        "cmi5.result.duration",
        "/result",
    );
    for word in ["completed", "passed", "failed"] {
        let mut statement = defined(word);
        statement["result"]
            .as_object_mut()
            .unwrap()
            .remove("duration");
        has(
            &codes(&mut started(), &statement),
            "cmi5.result.duration",
            "/result/duration",
        );
    }
}

#[test]
fn a_second_initialized_is_rejected_with_cmi5_session_duplicate_verb() {
    let mut judge = started();
    has(
        &codes(&mut judge, &defined("initialized")),
        "cmi5.session.duplicate-verb",
        "/verb/id",
    );
    assert!(judge.judge_value(&defined("completed")).is_accepted());
    has(
        &codes(&mut judge, &defined("completed")),
        "cmi5.session.duplicate-verb",
        "/verb/id",
    );
}

#[test]
fn failed_after_passed_in_a_session_is_rejected_with_cmi5_session_passed_and_failed() {
    let mut judge = started();
    assert!(judge.judge_value(&defined("failed")).is_accepted());
    has(
        &codes(&mut judge, &defined("passed")),
        "cmi5.session.passed-and-failed",
        "/verb/id",
    );
    let mut judge = started();
    assert!(judge.judge_value(&defined("passed")).is_accepted());
    has(
        &codes(&mut judge, &defined("failed")),
        "cmi5.session.passed-and-failed",
        "/verb/id",
    );
}

#[test]
fn completed_again_in_the_registration_is_rejected_with_cmi5_registration_completed_twice() {
    let mut earlier = AuProgress::new();
    earlier.completed = true;
    let mut judge = judge_with(LaunchMode::Normal, None, earlier);
    assert!(judge.judge_value(&defined("initialized")).is_accepted());
    has(
        &codes(&mut judge, &defined("completed")),
        "cmi5.registration.completed-twice",
        "/verb/id",
    );
}

#[test]
fn passed_again_in_the_registration_is_rejected_with_cmi5_registration_passed_twice() {
    let mut earlier = AuProgress::new();
    earlier.passed = true;
    let mut judge = judge_with(LaunchMode::Normal, None, earlier);
    assert!(judge.judge_value(&defined("initialized")).is_accepted());
    has(
        &codes(&mut judge, &defined("passed")),
        "cmi5.registration.passed-twice",
        "/verb/id",
    );
    has(
        &codes(&mut judge, &defined("failed")),
        "cmi5.registration.failed-after-passed",
        "/verb/id",
    );
}

#[test]
fn failed_in_a_new_session_after_failed_is_accepted() {
    let mut earlier = AuProgress::new();
    earlier.failed = true;
    let mut judge = judge_with(LaunchMode::Normal, None, earlier);
    assert!(judge.judge_value(&defined("initialized")).is_accepted());
    assert!(judge.judge_value(&defined("failed")).is_accepted());
}

#[test]
fn passed_below_the_mastery_score_is_rejected_with_cmi5_result_below_mastery() {
    let mut judge = judge_with(LaunchMode::Normal, Some("0.8"), AuProgress::new());
    assert!(judge.judge_value(&defined("initialized")).is_accepted());
    let mut statement = defined("passed");
    statement["result"]["score"] = json!({"scaled": 0.79});
    statement["context"]["extensions"][MASTERY_EXT] = json!(0.8);
    has(
        &codes(&mut judge, &statement),
        "cmi5.result.below-mastery",
        "/result/score/scaled",
    );
    statement["result"]["score"] = json!({"scaled": 0.8});
    assert!(judge.judge_value(&statement).is_accepted());
}

#[test]
fn failed_at_the_mastery_score_is_rejected_with_cmi5_result_reaches_mastery() {
    let mut judge = judge_with(LaunchMode::Normal, Some("0.8"), AuProgress::new());
    assert!(judge.judge_value(&defined("initialized")).is_accepted());
    let mut statement = defined("failed");
    statement["result"]["score"] = json!({"scaled": 0.8});
    statement["context"]["extensions"][MASTERY_EXT] = json!(0.8);
    has(
        &codes(&mut judge, &statement),
        "cmi5.result.reaches-mastery",
        "/result/score/scaled",
    );
    statement["result"]["score"] = json!({"scaled": 0.7999});
    assert!(judge.judge_value(&statement).is_accepted());
}

#[test]
fn lms_verbs_from_the_au_are_rejected_with_cmi5_statement_lms_verb() {
    for word in ["satisfied", "waived", "abandoned", "launched"] {
        has(
            &codes(&mut started(), &defined(word)),
            "cmi5.statement.lms-verb",
            "/verb/id",
        );
    }
}

#[test]
fn unknown_verb_with_the_cmi5_category_is_rejected_with_cmi5_statement_unknown_verb() {
    let mut statement = defined("initialized");
    statement["verb"] = json!({"id": "http://adlnet.gov/expapi/verbs/answered"});
    has(
        &codes(&mut started(), &statement),
        "cmi5.statement.unknown-verb",
        "/verb/id",
    );
}

#[test]
fn progress_outside_0_to_100_is_rejected_with_cmi5_result_progress() {
    let mut statement = allowed("http://adlnet.gov/expapi/verbs/progressed");
    statement["result"] = json!({"extensions": {PROGRESS_EXT: 150}});
    let pointer = "/result/extensions/https:~1~1w3id.org~1xapi~1cmi5~1result~1extensions~1progress";
    has(
        &codes(&mut started(), &statement),
        "cmi5.result.progress",
        pointer,
    );
    statement["result"] = json!({"extensions": {PROGRESS_EXT: 50}});
    assert!(started().judge_value(&statement).is_accepted());
}

#[test]
fn progress_on_completed_is_a_warning_cmi5_result_progress_after_completed() {
    let mut statement = defined("completed");
    statement["result"]["extensions"] = json!({PROGRESS_EXT: 100});
    let verdict = started().judge_value(&statement);
    assert!(verdict.is_accepted(), "{verdict}");
    assert_eq!(
        verdict.report().warnings().next().unwrap().code.as_str(),
        "cmi5.result.progress-after-completed"
    );
}

#[test]
fn invalid_xapi_is_rejected_with_cmi5_statement_xapi_and_the_xapi_codes() {
    let mut statement = defined("initialized");
    statement["verb"]["id"] = json!("initialized");
    let verdict = judge().judge_value(&statement);
    assert_eq!(verdict.kind(), StatementKind::NotXapi);
    assert_eq!(verdict.rejection().unwrap().as_str(), "cmi5.statement.xapi");
    assert!(
        verdict
            .report()
            .issues()
            .iter()
            .any(|issue| issue.code.family() == "xapi")
    );
    let verdict = judge().judge_bytes(br#"{"actor": 1, "actor": 2}"#);
    assert_eq!(verdict.rejection().unwrap().as_str(), "cmi5.statement.xapi");
}

#[test]
fn the_first_rejection_follows_catapults_order() {
    // Missing id, missing timestamp, another actor, no context, and not initialized: CATAPULT
    // rejects for the id first.
    let mut statement = defined("completed");
    let object = statement.as_object_mut().unwrap();
    object.remove("id");
    object.remove("timestamp");
    object.remove("context");
    statement["actor"]["account"]["name"] = json!("someone-else");
    let verdict = judge().judge_value(&statement);
    let order: Vec<&str> = verdict
        .report()
        .errors()
        .map(|issue| issue.code.as_str())
        .collect();
    assert_eq!(
        &order[..5],
        [
            "cmi5.statement.id",
            "cmi5.statement.timestamp",
            "cmi5.statement.actor",
            "cmi5.context.missing",
            "cmi5.session.not-initialized"
        ]
    );
    assert_eq!(verdict.rejection().unwrap().as_str(), "cmi5.statement.id");
    assert!(
        verdict
            .to_string()
            .starts_with("rejected; cmi5.statement.id at /id: ")
    );
}

#[test]
fn a_rejected_statement_changes_no_state() {
    let mut judge = judge();
    let mut statement = defined("initialized");
    statement.as_object_mut().unwrap().remove("id");
    assert!(!judge.judge_value(&statement).is_accepted());
    assert!(!judge.is_initialized());
    assert!(judge.judge_value(&defined("initialized")).is_accepted());
    let mut completed = defined("completed");
    completed["result"]["completion"] = json!(false);
    assert!(!judge.judge_value(&completed).is_accepted());
    assert!(!judge.progress().completed);
    assert!(judge.judge_value(&defined("completed")).is_accepted());
}

// ---------------------------------------------------------------- moveOn (MO-01..05)

mod move_on {
    use super::*;
    use learnwire_cmi5::move_on::{MoveOnTree, Registration, SatisfiedContext};

    fn context() -> SatisfiedContext {
        SatisfiedContext::new(
            actor(),
            XapiUuid::parse(REGISTRATION).unwrap(),
            SESSION,
            Timestamp::parse("2024-05-01T10:10:00Z").unwrap(),
        )
    }

    fn ids() -> impl FnMut() -> Result<XapiUuid, ()> {
        let mut next = 0u32;
        move || {
            next += 1;
            XapiUuid::parse(format!("00000000-0000-4000-8000-{next:012}")).map_err(|_| ())
        }
    }

    /// course ⊃ { block ⊃ { au-1 (moveOn), au-2 (NotApplicable) }, au-3 (moveOn3) }
    fn tree(move_on: MoveOn, move_on3: MoveOn) -> MoveOnTree {
        let mut tree =
            MoveOnTree::new("https://example.com/course", "https://lms.example.com/c/1").unwrap();
        let block = tree
            .add_block(
                tree.root(),
                "https://example.com/block",
                "https://lms.example.com/b/1",
            )
            .unwrap();
        tree.add_au(block, "https://example.com/au-1", move_on)
            .unwrap();
        tree.add_au(block, "https://example.com/au-2", MoveOn::NotApplicable)
            .unwrap();
        tree.add_au(tree.root(), "https://example.com/au-3", move_on3)
            .unwrap();
        tree
    }

    fn progress(completed: bool, passed: bool, failed: bool) -> AuProgress {
        let mut progress = AuProgress::new();
        progress.completed = completed;
        progress.passed = passed;
        progress.failed = failed;
        progress
    }

    #[test]
    fn move_on_criteria_follow_mo_01() {
        let cases = [
            (MoveOn::Passed, progress(true, false, false), false),
            (MoveOn::Passed, progress(false, true, false), true),
            (MoveOn::Completed, progress(true, false, false), true),
            (
                MoveOn::CompletedAndPassed,
                progress(true, false, false),
                false,
            ),
            (
                MoveOn::CompletedAndPassed,
                progress(true, true, false),
                true,
            ),
            (
                MoveOn::CompletedOrPassed,
                progress(false, true, false),
                true,
            ),
            (
                MoveOn::CompletedOrPassed,
                progress(false, false, true),
                false,
            ),
            (MoveOn::NotApplicable, progress(false, false, false), true),
        ];
        for (move_on, progress, expected) in cases {
            assert_eq!(
                progress.satisfies(move_on),
                expected,
                "{move_on} {progress:?}"
            );
        }
    }

    #[test]
    fn a_not_applicable_course_is_satisfied_at_registration() {
        let mut registration =
            Registration::new(tree(MoveOn::NotApplicable, MoveOn::NotApplicable));
        let issued = registration.evaluate(&context(), &mut ids()).unwrap();
        let objects: Vec<Value> = issued
            .iter()
            .map(|statement| serde_json::to_value(statement).unwrap())
            .collect();
        assert_eq!(objects.len(), 2);
        assert_eq!(objects[0]["object"]["id"], "https://lms.example.com/b/1");
        assert_eq!(
            objects[0]["object"]["definition"]["type"],
            "https://w3id.org/xapi/cmi5/activitytype/block"
        );
        assert_eq!(
            objects[0]["context"]["contextActivities"]["grouping"][0]["id"],
            "https://example.com/block"
        );
        assert_eq!(objects[1]["object"]["id"], "https://lms.example.com/c/1");
        assert_eq!(
            objects[1]["object"]["definition"]["type"],
            "https://w3id.org/xapi/cmi5/activitytype/course"
        );
        assert_eq!(
            objects[1]["verb"]["id"],
            "https://w3id.org/xapi/adl/verbs/satisfied"
        );
        assert_eq!(objects[1]["context"]["extensions"][SESSION_EXT], SESSION);
        assert_eq!(objects[1]["context"]["registration"], REGISTRATION);
        assert_ne!(objects[0]["id"], objects[1]["id"]);
        let options = learnwire_xapi::Options::new(learnwire_xapi::XapiVersion::V1_0_3);
        for object in &objects {
            assert!(learnwire_xapi::validate_value(object, &options).is_valid());
        }
    }

    #[test]
    fn satisfied_is_issued_once_per_block_and_course() {
        let mut registration = Registration::new(tree(MoveOn::Passed, MoveOn::NotApplicable));
        assert!(
            registration
                .evaluate(&context(), &mut ids())
                .unwrap()
                .is_empty()
        );
        registration
            .set_progress("https://example.com/au-1", progress(false, true, false))
            .unwrap();
        assert_eq!(
            registration.evaluate(&context(), &mut ids()).unwrap().len(),
            2
        );
        assert!(
            registration
                .evaluate(&context(), &mut ids())
                .unwrap()
                .is_empty()
        );
        assert!(registration.is_course_satisfied());
    }

    #[test]
    fn completed_and_passed_needs_both_across_sessions() {
        let mut registration =
            Registration::new(tree(MoveOn::CompletedAndPassed, MoveOn::NotApplicable));
        registration
            .set_progress("https://example.com/au-1", progress(true, false, false))
            .unwrap();
        assert!(
            registration
                .evaluate(&context(), &mut ids())
                .unwrap()
                .is_empty()
        );
        registration
            .set_progress("https://example.com/au-1", progress(true, true, false))
            .unwrap();
        assert_eq!(
            registration.evaluate(&context(), &mut ids()).unwrap().len(),
            2
        );
    }

    #[test]
    fn failed_never_satisfies_and_waived_always_does() {
        let mut registration = Registration::new(tree(MoveOn::CompletedOrPassed, MoveOn::Passed));
        registration
            .set_progress("https://example.com/au-1", progress(false, false, true))
            .unwrap();
        assert!(
            registration
                .evaluate(&context(), &mut ids())
                .unwrap()
                .is_empty()
        );
        let mut waived = AuProgress::new();
        waived.waived = true;
        registration
            .set_progress("https://example.com/au-1", waived)
            .unwrap();
        let issued = registration.evaluate(&context(), &mut ids()).unwrap();
        assert_eq!(issued.len(), 1, "the block only: au-3 still needs passed");
        assert!(!registration.is_course_satisfied());
    }

    #[test]
    fn an_lms_id_equal_to_the_publisher_id_is_refused_with_cmi5_moveon_lms_id() {
        let error = MoveOnTree::new("https://example.com/course", "https://example.com/course")
            .unwrap_err();
        assert_eq!(error.code().as_str(), "cmi5.moveon.lms-id");
    }

    #[test]
    fn progress_of_an_unknown_au_is_refused_with_cmi5_moveon_unknown_au() {
        let mut registration = Registration::new(tree(MoveOn::Passed, MoveOn::Passed));
        let error = registration
            .set_progress("https://example.com/nope", AuProgress::new())
            .unwrap_err();
        assert_eq!(error.code().as_str(), "cmi5.moveon.unknown-au");
    }

    #[test]
    fn the_tree_of_a_parsed_course_structure_keeps_nesting_and_move_on() {
        let xml = br#"<?xml version="1.0" encoding="utf-8"?>
<courseStructure xmlns="https://w3id.org/xapi/profiles/cmi5/v1/CourseStructure.xsd">
  <course id="https://example.com/course">
    <title><langstring lang="en">C</langstring></title>
    <description><langstring lang="en">C</langstring></description>
  </course>
  <block id="https://example.com/block">
    <title><langstring lang="en">B</langstring></title>
    <description><langstring lang="en">B</langstring></description>
    <au id="https://example.com/au-1" moveOn="Completed">
      <title><langstring lang="en">A</langstring></title>
      <description><langstring lang="en">A</langstring></description>
      <url>https://example.com/au-1/index.html</url>
    </au>
  </block>
  <au id="https://example.com/au-2">
    <title><langstring lang="en">A2</langstring></title>
    <description><langstring lang="en">A2</langstring></description>
    <url>https://example.com/au-2/index.html</url>
  </au>
</courseStructure>"#;
        let course =
            learnwire_cmi5::parse_course_structure(xml, &learnwire_cmi5::Options::default())
                .unwrap();
        let tree = MoveOnTree::from_course(&course, &mut |id: &str| {
            format!("https://lms.example.com/x?{id}")
        })
        .unwrap();
        assert_eq!(tree.len(), 4);
        let mut registration = Registration::new(tree);
        assert_eq!(
            registration.evaluate(&context(), &mut ids()).unwrap().len(),
            0
        );
        registration
            .set_progress("https://example.com/au-1", progress(true, false, false))
            .unwrap();
        assert_eq!(
            registration.evaluate(&context(), &mut ids()).unwrap().len(),
            2
        );
        let au = course.au("https://example.com/au-1").unwrap();
        let settings = AuLaunchSettings::from(au);
        assert_eq!(settings.move_on, MoveOn::Completed);
        assert_eq!(settings.url, "https://example.com/au-1/index.html");
    }
}

// ---------------------------------------------------------------- end to end

#[test]
fn an_au_that_copies_the_context_template_is_accepted_end_to_end() {
    use learnwire_cmi5::move_on::{MoveOnTree, Registration, SatisfiedContext};

    // The LMS: course structure, launch URL, launch data (stored and read back), launched.
    let xml = br#"<courseStructure xmlns="https://w3id.org/xapi/profiles/cmi5/v1/CourseStructure.xsd">
      <course id="https://example.com/course"><title><langstring>C</langstring></title><description><langstring/></description></course>
      <au id="https://example.com/course/au-1" moveOn="Passed" masteryScore="0.5">
        <title><langstring>A</langstring></title><description><langstring/></description>
        <url>https://content.example.com/au-1/index.html?mode=x</url></au></courseStructure>"#;
    let course =
        learnwire_cmi5::parse_course_structure(xml, &learnwire_cmi5::Options::default()).unwrap();
    let au = AuLaunchSettings::from(course.au("https://example.com/course/au-1").unwrap());
    let launch = build_launch_url(&au, None, &parameters()).unwrap();
    let stored = LaunchData::for_au(&au, SESSION, LaunchMode::Normal)
        .unwrap()
        .to_json();
    let data = parse_launch_data(&stored, &learnwire_cmi5::Limits::default()).unwrap();
    let settings = SessionSettings::new(
        actor(),
        XapiUuid::parse(REGISTRATION).unwrap(),
        Iri::parse(ACTIVITY).unwrap(),
        data.clone(),
    );
    let launched = launched_statement(
        &settings,
        &launch,
        XapiUuid::parse("a6a9f4a4-6a36-466c-91a0-6daea4e0a5a4").unwrap(),
        Timestamp::parse("2024-05-01T09:59:59Z").unwrap(),
    )
    .unwrap();
    assert_eq!(
        serde_json::to_value(&launched).unwrap()["context"]["extensions"][MASTERY_EXT],
        0.5
    );

    // The AU: reads the launch URL's values and the template, builds its statements from them.
    let pairs: std::collections::BTreeMap<String, String> =
        launch.url().query_pairs().into_owned().collect();
    let template = serde_json::to_value(&data.context_template).unwrap();
    let au_statement = |verb: &str, result: Option<Value>, moveon: bool, id: &str| {
        let mut context = template.clone();
        context["registration"] = json!(pairs["registration"]);
        let mut category = vec![json!({"id": CMI5})];
        if moveon {
            category.push(json!({"id": MOVEON}));
        }
        context["contextActivities"]["category"] = json!(category);
        let mut statement = json!({
            "id": id,
            "timestamp": "2024-05-01T10:00:00Z",
            "actor": serde_json::from_str::<Value>(&pairs["actor"]).unwrap(),
            "verb": {"id": format!("http://adlnet.gov/expapi/verbs/{verb}")},
            "object": {"id": pairs["activityId"]},
            "context": context
        });
        if let Some(result) = result {
            statement["result"] = result;
        }
        statement
    };
    let mut passed = au_statement(
        "passed",
        Some(json!({"success": true, "duration": "PT3M", "score": {"scaled": 0.5}})),
        true,
        "9a1b2c3d-0000-4000-8000-000000000002",
    );
    passed["context"]["extensions"][MASTERY_EXT] = json!(0.5);
    let session = [
        au_statement(
            "initialized",
            None,
            false,
            "9a1b2c3d-0000-4000-8000-000000000001",
        ),
        passed,
        au_statement(
            "terminated",
            Some(json!({"duration": "PT4M"})),
            false,
            "9a1b2c3d-0000-4000-8000-000000000003",
        ),
    ];
    let mut judge = SessionJudge::new(settings, AuProgress::new());
    for statement in &session {
        let verdict = judge.judge_bytes(statement.to_string().as_bytes());
        assert!(verdict.is_accepted(), "{verdict}");
    }

    // The LMS again: moveOn, satisfied for the course.
    let tree = MoveOnTree::from_course(&course, &mut |id: &str| format!("{id}/lms")).unwrap();
    let mut registration = Registration::new(tree);
    let context = SatisfiedContext::new(
        actor(),
        XapiUuid::parse(REGISTRATION).unwrap(),
        SESSION,
        Timestamp::parse("2024-05-01T10:04:00Z").unwrap(),
    );
    let mut ids = || XapiUuid::parse("9a1b2c3d-0000-4000-8000-000000000009").map_err(|_| ());
    assert!(
        registration
            .evaluate(&context, &mut ids)
            .unwrap()
            .is_empty()
    );
    registration
        .set_progress("https://example.com/course/au-1", judge.progress())
        .unwrap();
    let issued = registration.evaluate(&context, &mut ids).unwrap();
    assert_eq!(issued.len(), 1);
    assert!(registration.is_course_satisfied());
}
