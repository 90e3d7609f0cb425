//! `learnwire lti token`, `lti ags …`, `lti nrps members` against a loopback platform built from
//! learnwire-lti's server types (`learnwire_testkit::lti_platform`), and `lti verify --kind
//! client-assertion`: outputs, exit codes 0/1/2, no panic.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use std::path::PathBuf;
use std::process::{Command, Output};
use std::sync::atomic::{AtomicUsize, Ordering};

use chrono::Utc;
use learnwire_lti::ags::LineItem;
use learnwire_lti::platform::client_assertion;
use learnwire_testkit::lti_platform::{
    CLIENT_ID, Hostile, LinkStyle, PlatformOptions, TOOL_KID, TestPlatform,
};
use serde_json::Value;

const SCORE_SCOPE: &str = "https://purl.imsglobal.org/spec/lti-ags/scope/score";

/// A fresh directory for one test's files.
fn scratch() -> PathBuf {
    static NEXT: AtomicUsize = AtomicUsize::new(0);
    let dir = std::env::temp_dir().join(format!(
        "learnwire-cli-lti-{}-{}",
        std::process::id(),
        NEXT.fetch_add(1, Ordering::Relaxed)
    ));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn key_file(platform: &TestPlatform) -> PathBuf {
    let path = scratch().join("private.pem");
    std::fs::write(&path, platform.tool_key_pem()).unwrap();
    path
}

fn learnwire(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_learnwire"))
        .args(args)
        .output()
        .unwrap()
}

/// Runs `learnwire lti <command…> AUTH <rest…>` against `platform`.
fn with_auth(platform: &TestPlatform, command: &[&str], rest: &[&str]) -> Output {
    let key = key_file(platform);
    let token_url = platform.token_url().to_string();
    let mut args = vec!["lti"];
    args.extend_from_slice(command);
    let key = key.to_string_lossy().into_owned();
    args.extend_from_slice(&[
        "--token-url",
        &token_url,
        "--client-id",
        CLIENT_ID,
        "--key",
        &key,
        "--kid",
        TOOL_KID,
    ]);
    args.extend_from_slice(rest);
    learnwire(&args)
}

fn json(output: &Output) -> Value {
    assert_eq!(
        output.status.code(),
        Some(0),
        "stderr: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).unwrap()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn platform(style: LinkStyle) -> TestPlatform {
    TestPlatform::start(
        PlatformOptions::default()
            .with_style(style)
            .with_page_size(1),
    )
}

#[test]
fn lti_token_prints_the_four_members_of_the_token_response() {
    let platform = platform(LinkStyle::Learnwire);
    let printed = json(&with_auth(&platform, &["token"], &["--scope", SCORE_SCOPE]));
    let mut members: Vec<&str> = printed
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    members.sort_unstable();
    assert_eq!(
        members,
        ["access_token", "expires_in", "scope", "token_type"]
    );
    assert_eq!(printed["token_type"], "Bearer");
    assert_eq!(printed["scope"], SCORE_SCOPE);
    let text = with_auth(
        &platform,
        &["token"],
        &["--scope", SCORE_SCOPE, "--format", "text"],
    );
    assert_eq!(text.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&text.stdout).contains("token_type Bearer"));
}

#[test]
fn lti_token_with_an_audience_the_platform_names_is_granted() {
    let audience = "https://auth.brightspace.example/core/connect/token";
    let platform = TestPlatform::start(PlatformOptions::default().with_audience(audience));
    let printed = json(&with_auth(
        &platform,
        &["token"],
        &["--scope", SCORE_SCOPE, "--audience", audience],
    ));
    assert_eq!(printed["token_type"], "Bearer");
}

#[test]
fn lti_token_refused_by_the_platform_exits_1_with_the_code() {
    let platform = platform(LinkStyle::Learnwire);
    let output = with_auth(
        &platform,
        &["token"],
        &[
            "--scope",
            SCORE_SCOPE,
            "--audience",
            "https://wrong.example/token",
        ],
    );
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).contains("lti.token-response.refused"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn lti_ags_line_items_follows_every_page_and_prints_one_array() {
    let platform = platform(LinkStyle::Canvas);
    for label in ["Quiz", "Essay", "Lab"] {
        platform.add_line_item(LineItem::new(label, 10.0).with_tag("graded"));
    }
    platform.add_line_item(LineItem::new("Survey", 1.0));
    let url = platform.line_items_url().to_string();
    let printed = json(&with_auth(
        &platform,
        &["ags", "line-items"],
        &["--url", &url, "--tag", "graded", "--limit", "1"],
    ));
    let labels: Vec<&str> = printed
        .as_array()
        .unwrap()
        .iter()
        .map(|item| item["label"].as_str().unwrap())
        .collect();
    assert_eq!(labels, ["Quiz", "Essay", "Lab"]);
}

#[test]
fn lti_ags_create_line_item_prints_the_item_with_the_id_the_platform_gave() {
    let platform = platform(LinkStyle::Learnwire);
    let url = platform.line_items_url().to_string();
    let printed = json(&with_auth(
        &platform,
        &["ags", "create-line-item"],
        &[
            "--url",
            &url,
            "--label",
            "Chapter 5",
            "--score-maximum",
            "60",
            "--resource-id",
            "ch5",
            "--tag",
            "test",
            "--resource-link-id",
            "resource-link-1",
        ],
    ));
    assert_eq!(printed["label"], "Chapter 5");
    assert_eq!(printed["scoreMaximum"], 60.0);
    assert_eq!(printed["resourceLinkId"], "resource-link-1");
    assert!(printed["id"].as_str().unwrap().starts_with(&url));
}

#[test]
fn lti_ags_score_posts_to_the_scores_url_and_results_reads_it_back() {
    let platform = platform(LinkStyle::Moodle);
    let item = platform.add_line_item(LineItem::new("Quiz", 10.0));
    let line_item = item.id.unwrap().to_string();
    for (user, given) in [("learner-1", "7.5"), ("learner-2", "9")] {
        let printed = json(&with_auth(
            &platform,
            &["ags", "score"],
            &[
                "--line-item",
                &line_item,
                "--user",
                user,
                "--activity-progress",
                "Completed",
                "--grading-progress",
                "FullyGraded",
                "--score-given",
                given,
                "--score-maximum",
                "10",
                "--comment",
                "ok",
                "--timestamp",
                "2026-12-03T10:00:00+01:00",
            ],
        ));
        assert_eq!(printed["posted"], true);
    }
    assert!(
        platform
            .requests()
            .iter()
            .any(|line| line.ends_with("/lineitems/1/scores"))
    );
    let results = json(&with_auth(
        &platform,
        &["ags", "results"],
        &["--line-item", &line_item],
    ));
    assert_eq!(results.as_array().unwrap().len(), 2);
    let one = json(&with_auth(
        &platform,
        &["ags", "results"],
        &[
            "--line-item",
            &line_item,
            "--user",
            "learner-1",
            "--limit",
            "5",
        ],
    ));
    assert_eq!(one[0]["resultScore"], 7.5);
    assert_eq!(one[0]["userId"], "learner-1");
}

#[test]
fn lti_ags_score_breaking_the_spec_exits_1_and_a_lone_score_given_is_a_usage_error() {
    let platform = platform(LinkStyle::Learnwire);
    let item = platform.add_line_item(LineItem::new("Quiz", 10.0));
    let line_item = item.id.unwrap().to_string();
    let refused = with_auth(
        &platform,
        &["ags", "score"],
        &[
            "--line-item",
            &line_item,
            "--user",
            "learner-1",
            "--activity-progress",
            "Done",
            "--grading-progress",
            "FullyGraded",
        ],
    );
    assert_eq!(refused.status.code(), Some(1));
    assert!(
        stderr(&refused).contains("lti.service.invalid"),
        "{}",
        stderr(&refused)
    );
    let usage = with_auth(
        &platform,
        &["ags", "score"],
        &[
            "--line-item",
            &line_item,
            "--user",
            "learner-1",
            "--activity-progress",
            "Completed",
            "--grading-progress",
            "FullyGraded",
            "--score-given",
            "3",
        ],
    );
    assert_eq!(usage.status.code(), Some(2));
}

#[test]
fn lti_ags_results_of_an_unknown_line_item_is_an_http_error_exit_1() {
    let platform = platform(LinkStyle::Learnwire);
    let line_item = platform.base().join("/lineitems/999").unwrap().to_string();
    let output = with_auth(&platform, &["ags", "results"], &["--line-item", &line_item]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).contains("lti.service.status"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn lti_nrps_members_prints_context_members_and_differences_over_every_page() {
    let platform = platform(LinkStyle::Brightspace);
    let url = platform.memberships_url().to_string();
    let printed = json(&with_auth(
        &platform,
        &["nrps", "members"],
        &["--url", &url],
    ));
    assert_eq!(printed["context"]["id"], "course-101");
    assert_eq!(printed["members"].as_array().unwrap().len(), 3);
    assert!(printed["differences"].as_str().unwrap().contains("since="));
    let learners = json(&with_auth(
        &platform,
        &["nrps", "members"],
        &[
            "--url",
            &url,
            "--role",
            "Learner",
            "--rlid",
            "resource-link-1",
            "--limit",
            "1",
        ],
    ));
    assert_eq!(learners["members"].as_array().unwrap().len(), 2);
    let text = with_auth(
        &platform,
        &["nrps", "members"],
        &["--url", &url, "--format", "text"],
    );
    assert_eq!(text.status.code(), Some(0));
    assert_eq!(String::from_utf8_lossy(&text.stdout).lines().count(), 3);
}

#[test]
fn a_listing_whose_next_link_leaves_the_platform_exits_1_with_the_paging_code() {
    let platform =
        TestPlatform::start(PlatformOptions::default().with_hostile(Hostile::CrossOriginNext));
    platform.add_line_item(LineItem::new("Quiz", 10.0));
    let url = platform.line_items_url().to_string();
    let output = with_auth(&platform, &["ags", "line-items"], &["--url", &url]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).contains("lti.paging.cross-origin"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn an_unreachable_platform_is_an_io_error_exit_2() {
    let platform = platform(LinkStyle::Learnwire);
    let key = key_file(&platform);
    let closed = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let address = closed.local_addr().unwrap();
    drop(closed);
    let token_url = format!("http://{address}/token");
    let output = learnwire(&[
        "lti",
        "token",
        "--token-url",
        &token_url,
        "--client-id",
        CLIENT_ID,
        "--key",
        &key.to_string_lossy(),
        "--kid",
        TOOL_KID,
        "--scope",
        SCORE_SCOPE,
    ]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("lti.client.transport"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn an_unreadable_key_is_a_usage_error_exit_2() {
    let platform = platform(LinkStyle::Learnwire);
    let token_url = platform.token_url().to_string();
    let output = learnwire(&[
        "lti",
        "token",
        "--token-url",
        &token_url,
        "--client-id",
        CLIENT_ID,
        "--key",
        "/nonexistent/private.pem",
        "--kid",
        TOOL_KID,
        "--scope",
        SCORE_SCOPE,
    ]);
    assert_eq!(output.status.code(), Some(2));
}

#[test]
fn lti_verify_kind_client_assertion_accepts_a_good_assertion_and_refuses_a_wrong_audience() {
    let platform = platform(LinkStyle::Learnwire);
    let dir = scratch();
    let jwks = dir.join("jwks.json");
    std::fs::write(
        &jwks,
        serde_json::json!({ "keys": [platform.tool_key().public_jwk()] }).to_string(),
    )
    .unwrap();
    let token_endpoint = "https://lms.example.edu/oauth2/token/";
    let now = Utc::now();
    let good = dir.join("good.jwt");
    std::fs::write(
        &good,
        client_assertion(&platform.tool_key(), CLIENT_ID, token_endpoint, now).unwrap(),
    )
    .unwrap();
    let wrong = dir.join("wrong.jwt");
    std::fs::write(
        &wrong,
        client_assertion(
            &platform.tool_key(),
            CLIENT_ID,
            "https://lms.example.edu/oauth2/token",
            now,
        )
        .unwrap(),
    )
    .unwrap();
    let verify = |file: &PathBuf| {
        learnwire(&[
            "lti",
            "verify",
            "--kind",
            "client-assertion",
            "--jwks",
            &jwks.to_string_lossy(),
            "--client-id",
            CLIENT_ID,
            "--token-endpoint",
            token_endpoint,
            "--now",
            &now.timestamp().to_string(),
            "--leeway",
            "30",
            "--format",
            "json",
            &file.to_string_lossy(),
        ])
    };
    let accepted = verify(&good);
    assert_eq!(accepted.status.code(), Some(0), "{}", stderr(&accepted));
    let printed: Value = serde_json::from_slice(&accepted.stdout).unwrap();
    assert_eq!(printed["valid"], true);
    assert_eq!(printed["message_type"], "client-assertion");
    assert_eq!(printed["claims"]["sub"], CLIENT_ID);
    let refused = verify(&wrong);
    assert_eq!(refused.status.code(), Some(1));
    let printed: Value = serde_json::from_slice(&refused.stdout).unwrap();
    assert_eq!(printed["error"]["code"], "lti.claim.aud");
    let missing = learnwire(&[
        "lti",
        "verify",
        "--kind",
        "client-assertion",
        "--jwks",
        &jwks.to_string_lossy(),
        "--client-id",
        CLIENT_ID,
        &good.to_string_lossy(),
    ]);
    assert_eq!(missing.status.code(), Some(2));
}

#[test]
fn lti_ags_listings_in_text_format_print_one_line_per_item() {
    let platform = platform(LinkStyle::Moodle);
    let item = platform.add_line_item(LineItem::new("Quiz", 10.0));
    platform.add_line_item(LineItem::new("Essay", 20.0));
    let url = platform.line_items_url().to_string();
    let listed = with_auth(
        &platform,
        &["ags", "line-items"],
        &["--url", &url, "--format", "text"],
    );
    assert_eq!(listed.status.code(), Some(0), "{}", stderr(&listed));
    let text = String::from_utf8_lossy(&listed.stdout).into_owned();
    assert_eq!(text.lines().count(), 2, "{text}");
    assert!(text.contains("\tQuiz\t10"), "{text}");
    let line_item = item.id.unwrap().to_string();
    let posted = with_auth(
        &platform,
        &["ags", "score"],
        &[
            "--line-item",
            &line_item,
            "--user",
            "learner-1",
            "--activity-progress",
            "Submitted",
            "--grading-progress",
            "Pending",
            "--format",
            "text",
        ],
    );
    assert_eq!(posted.status.code(), Some(0), "{}", stderr(&posted));
    let results = with_auth(
        &platform,
        &["ags", "results"],
        &["--line-item", &line_item, "--format", "text"],
    );
    assert_eq!(
        String::from_utf8_lossy(&results.stdout).trim_end(),
        "learner-1\t-/-"
    );
}
