//! Deep Linking round trip and the platform's checks of a response (LTI-47).

use std::sync::Arc;

use learnwire_lti::InMemoryNonceStore;
use learnwire_lti::claims::{ContentItemType, DeepLinkingSettings, DocumentTarget};
use learnwire_lti::deep_linking::content_item::{Html, Link, LtiResourceLink};
use learnwire_lti::deep_linking::{DeepLinkingResponse, DeepLinkingResponseVerifier};
use learnwire_lti::launch::{LaunchVerifier, VerifiedLaunch};
use learnwire_lti::platform::ToolRegistration;
use serde_json::{Map, Value, json};
use url::Url;

use crate::support::*;

const DL: &str = "https://purl.imsglobal.org/spec/lti-dl/claim/";

fn dl_request(settings: Value) -> VerifiedLaunch {
    let token = signed_with(|c| {
        c.insert(
            "https://purl.imsglobal.org/spec/lti/claim/message_type".into(),
            json!("LtiDeepLinkingRequest"),
        );
        c.insert(format!("{DL}deep_linking_settings"), settings);
    });
    LaunchVerifier::new()
        .verify_id_token(
            &registration(),
            &token,
            NONCE,
            &InMemoryNonceStore::new(10),
            now(),
        )
        .unwrap()
}

fn settings(multiple: bool) -> Value {
    json!({
        "deep_link_return_url": "https://platform.example.edu/deep_links",
        "accept_types": ["link", "ltiResourceLink"],
        "accept_presentation_document_targets": ["iframe", "window"],
        "accept_multiple": multiple,
        "data": { "opaque": ["csrf", 1] }
    })
}

fn tool() -> ToolRegistration {
    let keys = key_set(&jwks_of(&[tool_key()])).unwrap();
    let mut tool = ToolRegistration::new(CLIENT_ID, vec![TARGET.to_owned()], Arc::new(keys));
    tool.deployment_ids.insert(DEPLOYMENT.to_owned());
    tool
}

fn platform_verify(
    jwt: &str,
    data: Option<&Value>,
) -> Result<
    learnwire_lti::deep_linking::VerifiedDeepLinkingResponse,
    learnwire_lti::deep_linking::DeepLinkingError,
> {
    DeepLinkingResponseVerifier::new(ISSUER).verify(
        &tool(),
        jwt,
        data,
        &InMemoryNonceStore::new(10),
        now(),
    )
}

fn link(url: &str) -> Link {
    Link::new(Url::parse(url).unwrap())
}

#[test]
fn lti_47a_round_trip() {
    let launch = dl_request(settings(true));
    let mut response = DeepLinkingResponse::for_launch(&launch, CLIENT_ID).unwrap();
    let mut resource = LtiResourceLink::new();
    resource.url = Some(Url::parse("https://tool.example.com/quiz/7").unwrap());
    resource.title = Some("Quiz 7".to_owned());
    response
        .add_item(link("https://tool.example.com/page"))
        .unwrap();
    response.add_item(resource).unwrap();
    response.msg = Some("Added 2 items".to_owned());
    let signed = response.sign(tool_key(), now()).unwrap();
    assert_eq!(
        signed.return_url().as_str(),
        "https://platform.example.edu/deep_links"
    );
    assert_eq!(signed.form_post().fields[0].0, "JWT");
    let data = settings(true)["data"].clone();
    let verified = platform_verify(signed.jwt(), Some(&data)).unwrap();
    assert_eq!(verified.content_items().len(), 2);
    assert_eq!(verified.msg(), Some("Added 2 items"));
    assert_eq!(verified.deployment_id(), DEPLOYMENT);
    // Replay of the same response.
    let store = InMemoryNonceStore::new(10);
    let verifier = DeepLinkingResponseVerifier::new(ISSUER);
    assert!(
        verifier
            .verify(&tool(), signed.jwt(), Some(&data), &store, now())
            .is_ok()
    );
    assert_eq!(
        verifier
            .verify(&tool(), signed.jwt(), Some(&data), &store, now())
            .unwrap_err()
            .code()
            .as_str(),
        "lti.nonce.replayed"
    );
}

#[test]
fn response_building_honours_the_settings() {
    let launch = dl_request(settings(false));
    let mut response = DeepLinkingResponse::for_launch(&launch, CLIENT_ID).unwrap();
    assert_eq!(
        response
            .add_item(Html::new("<p>x</p>".to_owned()))
            .unwrap_err()
            .code()
            .as_str(),
        "lti.deep-linking.not-accepted"
    );
    response
        .add_item(link("https://tool.example.com/a"))
        .unwrap();
    assert_eq!(
        response
            .add_item(link("https://tool.example.com/b"))
            .unwrap_err()
            .code()
            .as_str(),
        "lti.deep-linking.multiple"
    );
    let not_dl = verify(&sign(&baseline())).unwrap();
    assert_eq!(
        DeepLinkingResponse::for_launch(&not_dl, CLIENT_ID)
            .unwrap_err()
            .code()
            .as_str(),
        "lti.deep-linking.not-a-request"
    );
    let typed = DeepLinkingSettings::new(
        Url::parse("https://p.example/dl").unwrap(),
        vec![ContentItemType::Link],
        vec![DocumentTarget::Window],
    );
    assert!(typed.accepts_type(&ContentItemType::Link));
}

/// A response's claims, as a tool would sign them.
fn response_claims() -> Map<String, Value> {
    json!({
        "iss": CLIENT_ID,
        "aud": ISSUER,
        "exp": NOW + 300,
        "iat": NOW,
        "nonce": "tool-nonce-1",
        "https://purl.imsglobal.org/spec/lti/claim/message_type": "LtiDeepLinkingResponse",
        "https://purl.imsglobal.org/spec/lti/claim/version": "1.3.0",
        "https://purl.imsglobal.org/spec/lti/claim/deployment_id": DEPLOYMENT,
        "https://purl.imsglobal.org/spec/lti-dl/claim/data": "request-data",
        "https://purl.imsglobal.org/spec/lti-dl/claim/content_items": [
            { "type": "link", "url": "https://tool.example.com/page" },
            { "type": "x-unknown", "payload": 7 }
        ]
    })
    .as_object()
    .unwrap()
    .clone()
}

fn tool_signed(change: impl FnOnce(&mut Map<String, Value>)) -> String {
    let mut claims = response_claims();
    change(&mut claims);
    tool_key().sign_jwt(&claims).unwrap()
}

#[test]
fn lti_47_platform_refusals() {
    let data = json!("request-data");
    let ok = platform_verify(&tool_signed(|_| {}), Some(&data)).unwrap();
    assert_eq!(
        ok.content_items()[1].item_type().as_str(),
        "x-unknown",
        "unknown types are kept"
    );
    let cases: Vec<(String, &str)> = vec![
        (
            tool_signed(|c| drop(c.insert("aud".into(), json!("https://other-platform.example")))),
            "lti.claim.aud",
        ),
        (
            tool_signed(|c| drop(c.insert(format!("{DL}data"), json!("tampered")))),
            "lti.deep-linking.data",
        ),
        (
            tool_signed(|c| drop(c.remove(&format!("{DL}data")))),
            "lti.deep-linking.data",
        ),
        (
            tool_signed(|c| {
                drop(c.insert(
                    format!("{DL}content_items"),
                    json!([{ "type": "link", "url": "javascript:alert(1)" }]),
                ))
            }),
            "lti.deep-linking.content-item",
        ),
        (
            tool_signed(|c| {
                drop(c.insert(
                    "https://purl.imsglobal.org/spec/lti/claim/message_type".into(),
                    json!("LtiResourceLinkRequest"),
                ))
            }),
            "lti.message-type",
        ),
        (
            tool_signed(|c| drop(c.insert("iss".into(), json!("someone-else")))),
            "lti.claim.iss",
        ),
        (
            tool_signed(|c| {
                drop(c.insert(
                    "https://purl.imsglobal.org/spec/lti/claim/deployment_id".into(),
                    json!("d-9"),
                ))
            }),
            "lti.deployment.unknown",
        ),
        (
            tool_signed(|c| {
                drop(c.insert(
                    "https://purl.imsglobal.org/spec/lti/claim/version".into(),
                    json!("1.3"),
                ))
            }),
            "lti.version",
        ),
        (
            tool_signed(|c| drop(c.remove("nonce"))),
            "lti.nonce.missing",
        ),
        (
            platform_key().sign_jwt(&response_claims()).unwrap(),
            "lti.key.unknown-kid",
        ),
    ];
    for (jwt, code) in cases {
        let error = platform_verify(&jwt, Some(&data)).unwrap_err();
        assert_eq!(error.code().as_str(), code, "{error}");
    }
    let http_item = tool_signed(|c| {
        drop(c.insert(
            format!("{DL}content_items"),
            json!([{ "type": "link", "url": "http://tool.example.com/" }]),
        ))
    });
    assert_eq!(
        platform_verify(&http_item, Some(&data))
            .unwrap_err()
            .code()
            .as_str(),
        "lti.deep-linking.content-item"
    );
    let lax = DeepLinkingResponseVerifier::new(ISSUER).allow_http_urls(true);
    assert!(
        lax.verify(
            &tool(),
            &http_item,
            Some(&data),
            &InMemoryNonceStore::new(10),
            now()
        )
        .is_ok()
    );
}
