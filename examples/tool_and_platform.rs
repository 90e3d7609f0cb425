//! A tool and a platform doing the whole LTI 1.3 flow in plain code, no HTTP: keys, login initiation,
//! authentication request check, signed launch, verification, and a Deep Linking round trip.
//!
//! Run with `cargo run -p learnwire-examples --example tool_and_platform`.

use std::sync::Arc;

use chrono::Utc;
use learnwire_lti::claims::{ContentItemType, DeepLinkingSettings, DocumentTarget};
use learnwire_lti::deep_linking::content_item::{LineItem, LtiResourceLink};
use learnwire_lti::deep_linking::{DeepLinkingResponse, DeepLinkingResponseVerifier};
use learnwire_lti::keys::{KeyRing, KeySet, KeySetOptions, SigningKey};
use learnwire_lti::launch::{LaunchForm, LaunchVerifier};
use learnwire_lti::login::{LoginInitiation, start_login};
use learnwire_lti::platform::{LaunchMessage, ToolAuthRequest, ToolRegistration};
use learnwire_lti::{InMemoryNonceStore, Limits, PlatformRegistration};
use url::Url;

const PLATFORM: &str = "https://lms.example.edu";
const CLIENT_ID: &str = "tool-client-1";
const DEPLOYMENT: &str = "deployment-1";

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let now = Utc::now();
    let limits = Limits::default();

    // 1. Keys. Each side publishes a JWKS; the other reads it strictly.
    let platform_keys = KeyRing::new(SigningKey::generate(None)?);
    let tool_key = SigningKey::generate(None)?;
    let platform_jwks = learnwire_lti::platform::jwks_body(&platform_keys);
    let tool_jwks = serde_json::json!({ "keys": [tool_key.public_jwk()] }).to_string();

    // 2. Each side's registration of the other.
    let launch_url = Url::parse("https://tool.example.com/launch")?;
    let mut registration = PlatformRegistration::new(
        PLATFORM,
        CLIENT_ID,
        Url::parse("https://lms.example.edu/oidc/auth")?,
        launch_url.clone(),
        Arc::new(KeySet::from_jwks(
            platform_jwks.as_bytes(),
            &KeySetOptions::default(),
        )?),
    );
    registration.deployment_ids.insert(DEPLOYMENT.to_owned());
    let mut tool = ToolRegistration::new(
        CLIENT_ID,
        vec![launch_url.to_string()],
        Arc::new(KeySet::from_jwks(
            tool_jwks.as_bytes(),
            &KeySetOptions::default(),
        )?),
    );
    tool.deployment_ids.insert(DEPLOYMENT.to_owned());

    // 3. Platform → tool: login initiation. The tool answers with a redirect and keeps the state.
    let initiation = format!(
        "iss={}&login_hint=user-42&target_link_uri={}&client_id={CLIENT_ID}&lti_message_hint=course-7",
        urlencode(PLATFORM),
        urlencode(launch_url.as_str())
    );
    let initiation = LoginInitiation::from_query(&initiation, &limits)?;
    // The tool finds a platform's registration by issuer and (optional) client id, at login and at
    // launch alike, so one verifier serves every platform it is registered with.
    let lookup = |iss: &str, client_id: Option<&str>| {
        (iss == registration.issuer && client_id.is_none_or(|id| id == registration.client_id))
            .then_some(&registration)
    };
    let (auth_request, login_state) = start_login(&initiation, lookup, now)?;
    println!(
        "tool redirects the browser to {}",
        auth_request.url().origin().ascii_serialization()
    );

    // 4. The platform checks the authentication request and signs a resource link launch.
    let query = auth_request.url().query().unwrap_or_default();
    let checked = ToolAuthRequest::parse(query.as_bytes(), &limits)?.check(
        |client_id| (client_id == tool.client_id).then_some(&tool),
        |login_hint, _| (login_hint == "user-42").then(|| "user-42".to_owned()),
    )?;
    let launch = LaunchMessage::resource_link(
        DEPLOYMENT,
        &launch_url,
        "resource-link-1",
        ["http://purl.imsglobal.org/vocab/lis/v2/membership#Learner"],
    )
    .subject(checked.user());
    let signed = launch.sign(PLATFORM, platform_keys.current(), &checked, now)?;
    println!(
        "platform posts a {}-byte id_token to {}",
        signed.token().len(),
        signed.form_post().action
    );

    // 5. The browser posts the form to the tool, which verifies it with the state it kept.
    let post = signed.form_post();
    let body = url::form_urlencoded::Serializer::new(String::new())
        .extend_pairs(&post.fields)
        .finish();
    let request = http::Request::post(post.action.as_str())
        .header("content-type", "application/x-www-form-urlencoded")
        .body(body.into_bytes())?;
    let nonces = InMemoryNonceStore::default();
    let form = LaunchForm::from_http_request(&request, &limits)?;
    let verified = LaunchVerifier::new().verify(lookup, &form, &login_state, &nonces, now)?;
    println!(
        "tool accepted {} for user {:?}",
        verified.message_type(),
        verified.subject()
    );

    // 6. Deep Linking: the platform asks the tool for content, the tool answers, the platform verifies.
    let mut settings = DeepLinkingSettings::new(
        Url::parse("https://lms.example.edu/deep_links")?,
        vec![ContentItemType::LtiResourceLink],
        vec![DocumentTarget::Iframe, DocumentTarget::Window],
    );
    settings.data = Some(serde_json::json!("opaque-platform-data"));
    let (auth_request, login_state) = start_login(&initiation, lookup, now)?;
    let checked = ToolAuthRequest::parse(
        auth_request.url().query().unwrap_or_default().as_bytes(),
        &limits,
    )?
    .check(
        |id| (id == tool.client_id).then_some(&tool),
        |hint, _| Some(hint.to_owned()),
    )?;
    let request = LaunchMessage::deep_linking_request(DEPLOYMENT, &settings).subject("user-42");
    let signed = request.sign(PLATFORM, platform_keys.current(), &checked, now)?;
    let form = LaunchForm::new(signed.token(), checked.state().map(str::to_owned));
    let dl_launch = LaunchVerifier::new().verify(lookup, &form, &login_state, &nonces, now)?;

    let mut response = DeepLinkingResponse::for_launch(&dl_launch, CLIENT_ID)?;
    let mut quiz = LtiResourceLink::new();
    quiz.url = Some(Url::parse("https://tool.example.com/quiz/7")?);
    quiz.title = Some("Quiz 7".to_owned());
    quiz.line_item = Some(LineItem::new(100.0));
    response.add_item(quiz)?;
    response.msg = Some("1 quiz added".to_owned());
    let signed_response = response.sign(&tool_key, now)?;

    let received = DeepLinkingResponseVerifier::new(PLATFORM).verify(
        &tool,
        signed_response.jwt(),
        settings.data.as_ref(),
        &InMemoryNonceStore::default(),
        now,
    )?;
    for item in received.content_items() {
        println!(
            "platform received a {} item titled {:?}",
            item.item_type(),
            item.title()
        );
    }
    Ok(())
}

fn urlencode(text: &str) -> String {
    url::form_urlencoded::byte_serialize(text.as_bytes()).collect()
}
