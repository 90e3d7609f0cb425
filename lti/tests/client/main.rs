//! The `client` feature against a loopback platform built from this crate's server types
//! (`learnwire_testkit::lti_platform`): every call, every `Link` style, and hostile platforms.
//!
//! Run with `cargo test -p learnwire-lti --features client --test client`.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::time::{Duration, Instant};

use futures_util::{StreamExt, TryStreamExt};
use learnwire_lti::ags::{
    ActivityProgress, GradingProgress, LineItem, LineItemsQuery, Score, Timestamp,
};
use learnwire_lti::claims::{ContextRole, Role};
use learnwire_lti::client::{ClientError, ClientOptions, ReqwestClient, ServiceClient};
use learnwire_lti::nrps::MembersQuery;
use learnwire_lti::service_token::{Scope, ScopeSet};
use learnwire_lti::{Limits, Url};
use learnwire_testkit::lti_platform::{
    CLIENT_ID, Hostile, LinkStyle, PlatformOptions, TestPlatform,
};

fn client(platform: &TestPlatform) -> ServiceClient {
    client_with(platform, ClientOptions::default())
}

fn client_with(platform: &TestPlatform, options: ClientOptions) -> ServiceClient {
    ServiceClient::new(
        ReqwestClient::new(&options).unwrap(),
        platform.token_url(),
        CLIENT_ID,
        platform.tool_key(),
    )
}

fn score(user: &str, given: f64) -> Score {
    Score::new(
        user.try_into().unwrap(),
        Timestamp::parse("2026-12-03T10:00:00.000Z").unwrap(),
        ActivityProgress::Completed,
        GradingProgress::FullyGraded,
    )
    .with_score(given, 10.0)
    .with_comment("well done")
}

fn platform(style: LinkStyle, page_size: usize) -> TestPlatform {
    TestPlatform::start(
        PlatformOptions::default()
            .with_style(style)
            .with_page_size(page_size),
    )
}

async fn expect_error<T: std::fmt::Debug>(
    future: impl std::future::Future<Output = Result<T, ClientError>>,
) -> ClientError {
    match tokio::time::timeout(Duration::from_secs(60), future).await {
        Ok(Ok(value)) => panic!("expected an error, got {value:?}"),
        Ok(Err(error)) => error,
        Err(_) => panic!("the call hung"),
    }
}

#[tokio::test]
async fn a_token_is_fetched_once_per_scope_set_and_reused_until_it_expires() {
    let platform = platform(LinkStyle::Learnwire, 2);
    let client = client(&platform);
    let scores = ScopeSet::parse(Scope::AGS_SCORE).unwrap();
    let first = client.token(&scores).await.unwrap();
    let again = client.token(&scores).await.unwrap();
    assert_eq!(first.access_token().secret(), again.access_token().secret());
    assert_eq!(platform.token_requests(), 1);
    let members = ScopeSet::parse(Scope::NRPS_CONTEXT_MEMBERSHIP_READONLY).unwrap();
    let other = client.token(&members).await.unwrap();
    assert_ne!(first.access_token().secret(), other.access_token().secret());
    assert_eq!(platform.token_requests(), 2);
    assert_eq!(client.token_cache().len(), 2);
    let printed = first.to_json();
    assert_eq!(printed["token_type"], "Bearer");
    assert_eq!(printed["scope"], Scope::AGS_SCORE);
    assert!(printed["expires_in"].as_i64().unwrap() > 0);
}

#[tokio::test]
async fn the_token_endpoint_url_keeps_its_trailing_slash_as_the_assertion_audience() {
    let platform = platform(LinkStyle::Learnwire, 2);
    assert!(platform.token_url().as_str().ends_with("/oauth2/token/"));
    let token = client(&platform)
        .token(&ScopeSet::parse(Scope::AGS_SCORE).unwrap())
        .await;
    assert!(token.is_ok(), "{token:?}");
}

#[tokio::test]
async fn a_platform_naming_another_audience_grants_a_token_with_that_audience() {
    let audience = "https://api.brightspace.example/auth/token";
    let platform = TestPlatform::start(
        PlatformOptions::default()
            .with_style(LinkStyle::Brightspace)
            .with_audience(audience),
    );
    let client = client(&platform).with_audience(audience);
    let token = client
        .token(&ScopeSet::parse(Scope::AGS_SCORE).unwrap())
        .await;
    assert!(token.is_ok(), "{token:?}");
}

#[tokio::test]
async fn every_line_item_call_round_trips_with_the_platform() {
    let platform = platform(LinkStyle::Learnwire, 2);
    let client = client(&platform);
    let container = platform.line_items_url();
    let created = client
        .create_line_item(
            &container,
            LineItem::new("Quiz 1", 10.0)
                .with_tag("quiz")
                .with_resource_id("q1")
                .with_resource_link_id("resource-link-1"),
        )
        .await
        .unwrap();
    let id = created.id.clone().unwrap();
    assert_eq!(client.get_line_item(&id).await.unwrap().label, "Quiz 1");
    let mut changed = created.clone();
    changed.label = "Quiz 1 (final)".to_owned();
    assert_eq!(
        client.update_line_item(changed).await.unwrap().label,
        "Quiz 1 (final)"
    );
    client
        .create_line_item(&container, LineItem::new("Essay", 20.0).with_tag("essay"))
        .await
        .unwrap();
    let quizzes = client
        .list_line_items(&container, &LineItemsQuery::default().with_tag("quiz"))
        .await
        .unwrap();
    assert_eq!(quizzes.len(), 1);
    client.delete_line_item(&id).await.unwrap();
    let left = client
        .list_line_items(&container, &LineItemsQuery::default())
        .await
        .unwrap();
    assert_eq!(left.len(), 1);
    assert_eq!(left[0].label, "Essay");
    let gone = expect_error(client.get_line_item(&id)).await;
    assert_eq!(gone.code().as_str(), "lti.service.status");
    assert_eq!(gone.status(), Some(404));
}

#[tokio::test]
async fn a_score_posted_to_the_derived_scores_url_is_read_back_from_the_results_url() {
    let platform = platform(LinkStyle::Learnwire, 1);
    let client = client(&platform);
    let item = client
        .create_line_item(&platform.line_items_url(), LineItem::new("Quiz", 10.0))
        .await
        .unwrap();
    let id = item.id.unwrap();
    for (user, given) in [("learner-1", 8.0), ("learner-2", 6.5), ("learner-3", 9.0)] {
        client.post_score(&id, score(user, given)).await.unwrap();
    }
    assert!(
        platform
            .requests()
            .iter()
            .any(|line| *line == format!("POST {}/scores", id.path()))
    );
    let results = client.list_results(&id, None, None).await.unwrap();
    assert_eq!(results.len(), 3, "pages of one result each are all read");
    let one = client
        .list_results(&id, Some("learner-2"), None)
        .await
        .unwrap();
    assert_eq!(one.len(), 1);
    assert_eq!(one[0].result_score, Some(6.5));
    assert_eq!(one[0].result_maximum, Some(10.0));
    assert_eq!(one[0].comment.as_deref(), Some("well done"));
}

#[tokio::test]
async fn an_invalid_score_is_refused_before_it_is_sent() {
    let platform = platform(LinkStyle::Learnwire, 2);
    let client = client(&platform);
    let id = platform
        .add_line_item(LineItem::new("Quiz", 10.0))
        .id
        .unwrap();
    let mut bad = score("learner-1", 8.0);
    bad.score_maximum = None;
    let error = expect_error(client.post_score(&id, bad)).await;
    assert_eq!(error.code().as_str(), "lti.service.invalid");
    assert!(
        !platform
            .requests()
            .iter()
            .any(|line| line.contains("/scores"))
    );
}

async fn listing_in_style(style: LinkStyle) {
    let platform = platform(style, 1);
    for index in 0..5 {
        platform.add_line_item(LineItem::new(format!("Item {index}"), 10.0));
    }
    let client = client(&platform);
    let all = client
        .list_line_items(&platform.line_items_url(), &LineItemsQuery::default())
        .await
        .unwrap();
    let labels: Vec<_> = all.iter().map(|item| item.label.as_str()).collect();
    assert_eq!(
        labels,
        ["Item 0", "Item 1", "Item 2", "Item 3", "Item 4"],
        "{style:?}"
    );
    let pages: Vec<_> = client
        .line_item_pages(&platform.line_items_url(), &LineItemsQuery::default())
        .try_collect()
        .await
        .unwrap();
    assert_eq!(pages.len(), 5, "{style:?}");
    let membership = client
        .list_members(&platform.memberships_url(), &MembersQuery::default())
        .await
        .unwrap();
    assert_eq!(membership.container.members.len(), 3, "{style:?}");
    assert!(
        membership.differences.is_some(),
        "{style:?}: the differences link is kept"
    );
}

#[tokio::test]
async fn canvas_style_links_with_several_relations_in_one_header_are_followed() {
    listing_in_style(LinkStyle::Canvas).await;
}

#[tokio::test]
async fn brightspace_style_unquoted_rel_in_separate_link_fields_is_followed() {
    listing_in_style(LinkStyle::Brightspace).await;
}

#[tokio::test]
async fn moodle_style_relative_links_with_unquoted_rel_are_followed() {
    listing_in_style(LinkStyle::Moodle).await;
}

#[tokio::test]
async fn learnwire_style_links_are_followed() {
    listing_in_style(LinkStyle::Learnwire).await;
}

#[tokio::test]
async fn the_members_filter_by_role_and_limit_reads_every_page() {
    let platform = platform(LinkStyle::Canvas, 10);
    let client = client(&platform);
    let learners = client
        .list_members(
            &platform.memberships_url(),
            &MembersQuery::default()
                .with_role(Role::context(ContextRole::Learner))
                .with_limit(1)
                .with_rlid("resource-link-1"),
        )
        .await
        .unwrap();
    let users: Vec<_> = learners
        .container
        .members
        .iter()
        .map(|member| member.user_id.as_str())
        .collect();
    assert_eq!(users, ["learner-1", "learner-2"]);
    assert_eq!(learners.container.context.id.as_str(), "course-101");
}

#[tokio::test]
async fn a_page_limit_stops_a_long_listing_with_its_code() {
    let platform = platform(LinkStyle::Learnwire, 1);
    for index in 0..4 {
        platform.add_line_item(LineItem::new(format!("Item {index}"), 10.0));
    }
    let client = client(&platform).with_limits(Limits::default().with_max_pages(2));
    let error = expect_error(
        client.list_line_items(&platform.line_items_url(), &LineItemsQuery::default()),
    )
    .await;
    assert_eq!(error.code().as_str(), "lti.paging.too-many-pages");
}

fn hostile(hostile: Hostile) -> TestPlatform {
    let platform = TestPlatform::start(PlatformOptions::default().with_hostile(hostile));
    platform.add_line_item(LineItem::new("Quiz", 10.0));
    platform.add_line_item(LineItem::new("Essay", 10.0));
    platform.add_line_item(LineItem::new("Lab", 10.0));
    platform
}

#[tokio::test]
async fn a_next_link_to_another_host_is_refused_and_never_requested() {
    let platform = hostile(Hostile::CrossOriginNext);
    let error = expect_error(
        client(&platform).list_line_items(&platform.line_items_url(), &LineItemsQuery::default()),
    )
    .await;
    assert_eq!(error.code().as_str(), "lti.paging.cross-origin");
    let listings = platform
        .requests()
        .iter()
        .filter(|line| line.starts_with("GET /lineitems"))
        .count();
    assert_eq!(listings, 1);
}

#[tokio::test]
async fn a_page_loop_is_refused() {
    let platform = hostile(Hostile::PageLoop);
    let error = expect_error(
        client(&platform).list_line_items(&platform.line_items_url(), &LineItemsQuery::default()),
    )
    .await;
    assert_eq!(error.code().as_str(), "lti.paging.loop");
}

#[tokio::test]
async fn a_50_mb_chunked_body_is_dropped_at_the_limit_while_streaming() {
    let platform = hostile(Hostile::HugeBody);
    let started = Instant::now();
    let error = expect_error(
        client(&platform).list_line_items(&platform.line_items_url(), &LineItemsQuery::default()),
    )
    .await;
    assert_eq!(error.code().as_str(), "lti.service.too-large");
    assert!(!error.is_transport());
    assert!(started.elapsed() < Duration::from_secs(30));
}

#[tokio::test]
async fn a_50_mb_body_announced_by_content_length_is_refused_before_reading() {
    let platform = hostile(Hostile::HugeBodyWithLength);
    let client = client(&platform).with_limits(Limits::default().with_max_service_body_bytes(1024));
    let error = expect_error(
        client.list_line_items(&platform.line_items_url(), &LineItemsQuery::default()),
    )
    .await;
    assert_eq!(error.code().as_str(), "lti.service.too-large");
}

#[tokio::test]
async fn a_wrong_media_type_is_refused() {
    let platform = hostile(Hostile::WrongMediaType);
    let error = expect_error(
        client(&platform).list_line_items(&platform.line_items_url(), &LineItemsQuery::default()),
    )
    .await;
    assert_eq!(error.code().as_str(), "lti.service.media-type");
}

#[tokio::test]
async fn a_token_response_without_expires_in_is_refused() {
    let platform = hostile(Hostile::TokenWithoutExpiresIn);
    let error =
        expect_error(client(&platform).token(&ScopeSet::parse(Scope::AGS_SCORE).unwrap())).await;
    assert_eq!(error.code().as_str(), "lti.token-response.expires-in");
}

#[tokio::test]
async fn a_server_that_never_answers_times_out() {
    let platform = hostile(Hostile::NeverAnswer);
    let options = ClientOptions::default().with_timeout(Duration::from_millis(500));
    let started = Instant::now();
    let error = expect_error(
        client_with(&platform, options).token(&ScopeSet::parse(Scope::AGS_SCORE).unwrap()),
    )
    .await;
    assert_eq!(error.code().as_str(), "lti.client.timeout");
    assert!(error.is_transport());
    assert!(started.elapsed() < Duration::from_secs(10));
}

#[tokio::test]
async fn an_unreachable_platform_is_a_transport_error() {
    let closed = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let address = closed.local_addr().unwrap();
    drop(closed);
    let platform = platform(LinkStyle::Learnwire, 2);
    let client = ServiceClient::new(
        ReqwestClient::new(&ClientOptions::default()).unwrap(),
        Url::parse(&format!("http://{address}/token")).unwrap(),
        CLIENT_ID,
        platform.tool_key(),
    );
    let error = expect_error(client.token(&ScopeSet::parse(Scope::AGS_SCORE).unwrap())).await;
    assert_eq!(error.code().as_str(), "lti.client.transport");
    assert!(error.is_transport());
}

#[tokio::test]
async fn plain_http_off_loopback_is_refused_unsent_with_lti_client_insecure_url() {
    let platform = platform(LinkStyle::Learnwire, 2);
    let client = ServiceClient::new(
        ReqwestClient::new(&ClientOptions::default()).unwrap(),
        Url::parse("http://lms.example.invalid/token").unwrap(),
        CLIENT_ID,
        platform.tool_key(),
    );
    let error = expect_error(client.token(&ScopeSet::parse(Scope::AGS_SCORE).unwrap())).await;
    assert_eq!(error.code().as_str(), "lti.client.insecure-url");
    assert!(
        error.to_string().contains("http://lms.example.invalid"),
        "{error}"
    );
    // Opting in sends it (and fails at DNS instead: the knob is what changed the outcome).
    let options = ClientOptions::default().with_danger_allow_http(true);
    let client = ServiceClient::new(
        ReqwestClient::new(&options.with_timeout(Duration::from_secs(5))).unwrap(),
        Url::parse("http://lms.example.invalid/token").unwrap(),
        CLIENT_ID,
        platform.tool_key(),
    );
    let error = expect_error(client.token(&ScopeSet::parse(Scope::AGS_SCORE).unwrap())).await;
    assert_ne!(error.code().as_str(), "lti.client.insecure-url");
}

#[tokio::test]
async fn plain_http_to_loopback_is_allowed_by_default() {
    for host in ["127.0.0.1", "localhost", "[::1]"] {
        let closed = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let port = closed.local_addr().unwrap().port();
        drop(closed);
        let platform = platform(LinkStyle::Learnwire, 2);
        let client = ServiceClient::new(
            ReqwestClient::new(&ClientOptions::default()).unwrap(),
            Url::parse(&format!("http://{host}:{port}/token")).unwrap(),
            CLIENT_ID,
            platform.tool_key(),
        );
        let error = expect_error(client.token(&ScopeSet::parse(Scope::AGS_SCORE).unwrap())).await;
        assert_eq!(
            error.code().as_str(),
            "lti.client.transport",
            "{host}: {error}"
        );
    }
}

#[tokio::test]
async fn a_platform_refusing_the_token_request_is_a_refusal_with_its_status() {
    let platform = platform(LinkStyle::Learnwire, 2);
    let client = ServiceClient::new(
        ReqwestClient::new(&ClientOptions::default()).unwrap(),
        platform.token_url(),
        "some-other-client",
        platform.tool_key(),
    );
    let error = expect_error(client.token(&ScopeSet::parse(Scope::AGS_SCORE).unwrap())).await;
    assert_eq!(error.code().as_str(), "lti.token-response.refused");
    assert!(error.status().is_some());
    assert!(!error.is_transport());
}

#[tokio::test]
async fn a_redirect_is_not_followed_and_ends_in_the_status_error() {
    let platform = hostile(Hostile::RedirectElsewhere);
    let error = expect_error(
        client(&platform).list_line_items(&platform.line_items_url(), &LineItemsQuery::default()),
    )
    .await;
    assert_eq!(error.code().as_str(), "lti.service.status");
    assert_eq!(error.status(), Some(302));
}

#[tokio::test]
async fn a_401_drops_the_cached_token_and_the_call_is_retried_once_with_a_new_one() {
    let platform = hostile(Hostile::RejectFirstBearer);
    let items = client(&platform)
        .list_line_items(&platform.line_items_url(), &LineItemsQuery::default())
        .await
        .unwrap();
    assert_eq!(items.len(), 3);
    assert_eq!(platform.token_requests(), 2);
}

#[tokio::test]
async fn the_page_stream_fetches_a_page_only_when_it_is_polled() {
    let platform = platform(LinkStyle::Brightspace, 1);
    for index in 0..5 {
        platform.add_line_item(LineItem::new(format!("Item {index}"), 10.0));
    }
    let client = client(&platform);
    let first: Vec<_> = client
        .line_item_pages(&platform.line_items_url(), &LineItemsQuery::default())
        .take(2)
        .collect()
        .await;
    assert_eq!(first.len(), 2);
    assert!(first.iter().all(Result::is_ok));
    let listings = platform
        .requests()
        .iter()
        .filter(|line| line.starts_with("GET /lineitems"))
        .count();
    assert_eq!(listings, 2);
}

#[tokio::test]
async fn an_item_limit_over_all_pages_stops_the_listing_with_its_code() {
    let platform = platform(LinkStyle::Canvas, 2);
    for index in 0..6 {
        platform.add_line_item(LineItem::new(format!("Item {index}"), 10.0));
    }
    let client = client(&platform).with_limits(Limits::default().with_max_paged_items(3));
    let error = expect_error(
        client.list_line_items(&platform.line_items_url(), &LineItemsQuery::default()),
    )
    .await;
    assert_eq!(error.code().as_str(), "lti.paging.too-many-items");
}

#[tokio::test]
async fn a_50_mb_token_response_is_dropped_at_the_oauth_body_limit() {
    let platform = hostile(Hostile::HugeTokenResponse);
    let error =
        expect_error(client(&platform).token(&ScopeSet::parse(Scope::AGS_SCORE).unwrap())).await;
    assert_eq!(error.code().as_str(), "lti.token-response.too-large");
    assert!(!error.is_transport());
}
