//! Grade passback over loopback HTTP: a platform built from learnwire-lti's server types
//! (`learnwire_testkit::lti_platform`: `TokenEndpoint`, `AccessTokenVerifier`, `AgsRequest`/`AgsResponse`,
//! `MembersRequest`/`MembersResponse`, served by axum on 127.0.0.1) and a tool using the crate's `client`
//! feature (`ServiceClient` on reqwest):
//!
//! 1. the platform signs a resource link launch carrying the AGS and NRPS claims; the tool verifies it
//!    (signature, nonce, deployment, claims) and reads the service URLs from it;
//! 2. the tool gets access tokens (client credentials with a signed assertion, one per scope set, cached);
//! 3. creates a line item, posts the learner's score, reads the results (every page) and the roster.
//!
//! Prints what happened; any failure ends with a non-zero exit. No network beyond loopback.
//!
//! Run with `cargo run -p learnwire-examples --example grade_passback`.

use std::sync::Arc;

use chrono::Utc;
use learnwire_lti::ags::{
    ActivityProgress, GradingProgress, LineItem, LineItemsQuery, Score, Timestamp,
};
use learnwire_lti::client::{ClientOptions, ReqwestClient, ServiceClient};
use learnwire_lti::keys::{KeySet, KeySetOptions};
use learnwire_lti::launch::LaunchVerifier;
use learnwire_lti::nrps::MembersQuery;
use learnwire_lti::{InMemoryNonceStore, PlatformRegistration};
use learnwire_testkit::lti_platform::{
    CLIENT_ID, DEPLOYMENT_ID, ISSUER, LinkStyle, PlatformOptions, TestPlatform,
};
use url::Url;

type Error = Box<dyn std::error::Error + Send + Sync>;

fn main() -> Result<(), Error> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?;
    runtime.block_on(run())
}

/// A string claim at `path` (object members), or an error naming it.
fn claim_text<'a>(
    claims: &'a serde_json::Map<String, serde_json::Value>,
    path: &[&str],
) -> Result<&'a str, Error> {
    let mut value = claims.get(*path.first().ok_or("empty path")?);
    for name in path.iter().skip(1) {
        value = value.and_then(|value| value.get(name));
    }
    value
        .and_then(serde_json::Value::as_str)
        .ok_or_else(|| format!("the launch has no {}", path.join(" / ")).into())
}

async fn run() -> Result<(), Error> {
    // Pages of one item, Canvas-style Link headers: the tool has to follow every page.
    let platform = TestPlatform::start(
        PlatformOptions::default()
            .with_style(LinkStyle::Canvas)
            .with_page_size(1),
    );
    println!("platform listening on {}", platform.base());

    // 1. The launch: signed by the platform, verified by the tool.
    let launch_url = Url::parse("https://tool.example.com/launch")?;
    let jwks = platform.platform_jwks();
    let mut registration = PlatformRegistration::new(
        ISSUER,
        CLIENT_ID,
        Url::parse("https://lms.example.edu/auth")?,
        launch_url.clone(),
        Arc::new(KeySet::from_jwks(
            jwks.as_bytes(),
            &KeySetOptions::default(),
        )?),
    );
    registration.deployment_ids.insert(DEPLOYMENT_ID.to_owned());
    let nonce = "nonce-4711";
    let id_token = platform.launch("learner-1", nonce, &launch_url);
    let nonces = InMemoryNonceStore::default();
    let launch = LaunchVerifier::new().verify_id_token(
        &registration,
        &id_token,
        nonce,
        &nonces,
        Utc::now(),
    )?;
    let learner = launch
        .subject()
        .ok_or("the launch has no subject")?
        .to_owned();
    let claims = launch.claims();
    let line_items_url = Url::parse(claim_text(
        claims,
        &[
            "https://purl.imsglobal.org/spec/lti-ags/claim/endpoint",
            "lineitems",
        ],
    )?)?;
    let memberships_url = Url::parse(claim_text(
        claims,
        &[
            "https://purl.imsglobal.org/spec/lti-nrps/claim/namesroleservice",
            "context_memberships_url",
        ],
    )?)?;
    println!(
        "launch verified: {} for {learner} (line items at {line_items_url})",
        launch.message_type()
    );

    // 2. The tool's service client: its key is the one registered with the platform.
    let http = ReqwestClient::new(&ClientOptions::default())?;
    let client = ServiceClient::new(http, platform.token_url(), CLIENT_ID, platform.tool_key());

    // 3. A line item, a score, the results, the roster.
    let created = client
        .create_line_item(
            &line_items_url,
            LineItem::new("Chapter 5 quiz", 10.0)
                .with_resource_link_id("resource-link-1")
                .with_tag("quiz"),
        )
        .await?;
    let line_item = created
        .id
        .clone()
        .ok_or("the platform gave the line item no id")?;
    println!("created line item {} at {line_item}", created.label);
    let listed = client
        .list_line_items(&line_items_url, &LineItemsQuery::default().with_tag("quiz"))
        .await?;
    println!("line items tagged quiz: {}", listed.len());

    for (user, given) in [(learner.as_str(), 8.5), ("learner-2", 6.0)] {
        let score = Score::new(
            user.try_into()?,
            Timestamp::from_datetime(Utc::now().fixed_offset()),
            ActivityProgress::Completed,
            GradingProgress::FullyGraded,
        )
        .with_score(given, 10.0)
        .with_comment("graded by the example tool");
        client.post_score(&line_item, score).await?;
        println!("posted score {given}/10 for {user}");
    }

    let results = client.list_results(&line_item, None, None).await?;
    for result in &results {
        println!(
            "result: {} scored {:?} of {:?}",
            result.user_id.as_str(),
            result.result_score,
            result.result_maximum
        );
    }
    if results.len() != 2 {
        return Err(format!("expected 2 results, read {}", results.len()).into());
    }

    let roster = client
        .list_members(&memberships_url, &MembersQuery::default())
        .await?;
    println!(
        "roster of {}: {} members",
        roster.container.context.id.as_str(),
        roster.container.members.len()
    );
    for member in &roster.container.members {
        let roles: Vec<&str> = member.roles.iter().map(|role| role.as_str()).collect();
        println!(
            "  {} {} [{}]",
            member.user_id.as_str(),
            member.name.as_deref().unwrap_or("-"),
            roles.join(", ")
        );
    }
    println!(
        "token requests made: {} (one per scope set, then cached)",
        platform.token_requests()
    );
    Ok(())
}
