//! Serde of the typed claims against literal payloads shaped like real platform launches.

use learnwire_lti::claims::{
    AgsScope, Audience, ContentItemType, ContextType, DeploymentId, DocumentTarget, LtiVersion,
    MessageClaims, MessageType, RequiredClaim, ResourceLink, ResourceLinkId, Role,
    missing_required_claims,
};
use serde_json::{Value, json};

/// A resource link launch with every core and Advantage claim (LTI Core 1.3 appendix example shape,
/// Canvas-style AGS/NRPS claims, a vendor claim).
fn full_launch() -> Value {
    json!({
        "iss": "https://platform.example.edu",
        "sub": "a6d5c443-1f51-4783-ba1a-7686ffe3b54a",
        "aud": ["962fa4d8-bcbf-49a0-94b2-2de05ad274af"],
        "azp": "962fa4d8-bcbf-49a0-94b2-2de05ad274af",
        "exp": 1510185728,
        "iat": 1510185228,
        "nonce": "fc5fdc6d-5dd6-47f4-b2c9-5d1216e9b771",
        "name": "Ms Jane Marie Doe",
        "given_name": "Jane",
        "family_name": "Doe",
        "middle_name": "Marie",
        "picture": "https://platform.example.edu/jane.jpg",
        "email": "jane@platform.example.edu",
        "locale": "en-US",
        "https://purl.imsglobal.org/spec/lti/claim/deployment_id": "07940580-b309-415e-a37c-914d387c1150",
        "https://purl.imsglobal.org/spec/lti/claim/message_type": "LtiResourceLinkRequest",
        "https://purl.imsglobal.org/spec/lti/claim/version": "1.3.0",
        "https://purl.imsglobal.org/spec/lti/claim/roles": [
            "http://purl.imsglobal.org/vocab/lis/v2/institution/person#Student",
            "http://purl.imsglobal.org/vocab/lis/v2/membership#Learner",
            "http://purl.imsglobal.org/vocab/lis/v2/membership#Mentor"
        ],
        "https://purl.imsglobal.org/spec/lti/claim/role_scope_mentor": [
            "fad5fb29-a91c-770-3c110-1e687120efd9",
            "5d7373de-c76c-e2b-01214-69e487e2bd33"
        ],
        "https://purl.imsglobal.org/spec/lti/claim/context": {
            "id": "c1d887f0-a1a3-4bca-ae25-c375edcc131a",
            "label": "ECON 1010",
            "title": "Economics as a Social Science",
            "type": ["http://purl.imsglobal.org/vocab/lis/v2/course#CourseOffering"]
        },
        "https://purl.imsglobal.org/spec/lti/claim/resource_link": {
            "id": "200d101f-2c14-434a-a0f3-57c2a42369fd",
            "description": "Assignment to introduce who you are",
            "title": "Introduction Assignment"
        },
        "https://purl.imsglobal.org/spec/lti/claim/target_link_uri": "https://tool.example.com/lti/48320/ruix8782rs",
        "https://purl.imsglobal.org/spec/lti/claim/tool_platform": {
            "guid": "ex/48bbb541-ce55-456e-8b7d-ebc59a38d435",
            "contact_email": "support@platform.example.edu",
            "description": "An Example Tool Platform",
            "name": "Example Tool Platform",
            "url": "https://platform.example.edu/",
            "product_family_code": "ExamplePlatformVendor-Product",
            "version": "1.0"
        },
        "https://purl.imsglobal.org/spec/lti/claim/launch_presentation": {
            "document_target": "iframe",
            "height": 320,
            "width": 240,
            "return_url": "https://platform.example.edu/terms/201601/courses/7/sections/1/resources/2"
        },
        "https://purl.imsglobal.org/spec/lti/claim/custom": {
            "xstart": "2017-04-21T01:00:00Z",
            "request_url": "https://tool.com/link/123",
            "points": 10,
            "nested": {"a": [1, 2]}
        },
        "https://purl.imsglobal.org/spec/lti/claim/lis": {
            "person_sourcedid": "example.edu:71ee7e42-f6d2-414a-80db-b69ac2defd4",
            "course_offering_sourcedid": "example.edu:SI182-F16",
            "course_section_sourcedid": "example.edu:SI182-001-F16"
        },
        "https://purl.imsglobal.org/spec/lti-ags/claim/endpoint": {
            "scope": [
                "https://purl.imsglobal.org/spec/lti-ags/scope/lineitem",
                "https://purl.imsglobal.org/spec/lti-ags/scope/result.readonly",
                "https://purl.imsglobal.org/spec/lti-ags/scope/score"
            ],
            "lineitems": "https://platform.example.edu/api/lti/courses/1/line_items",
            "lineitem": "https://platform.example.edu/api/lti/courses/1/line_items/5",
            "validation_context": null,
            "errors": {"errors": {}}
        },
        "https://purl.imsglobal.org/spec/lti-nrps/claim/namesroleservice": {
            "context_memberships_url": "https://platform.example.edu/api/lti/courses/1/names_and_roles",
            "service_versions": ["2.0"]
        },
        "https://purl.imsglobal.org/spec/lti/claim/lti1p1": {
            "user_id": "34212",
            "oauth_consumer_key": "179248902",
            "oauth_consumer_key_sign": "lWd54kFo5qU7xshAna6v8BwoBm6tmUjc6GTax6+12ps="
        },
        "https://www.instructure.com/placement": "course_navigation",
        "https://purl.imsglobal.org/spec/lti/claim/unknown_future": {"x": 1}
    })
}

#[test]
fn full_resource_link_launch_reads_every_claim() {
    let claims: MessageClaims = serde_json::from_value(full_launch()).unwrap();
    assert_eq!(
        claims.issuer.as_deref(),
        Some("https://platform.example.edu")
    );
    assert_eq!(
        claims.subject.as_ref().unwrap().as_str(),
        "a6d5c443-1f51-4783-ba1a-7686ffe3b54a"
    );
    assert!(
        claims
            .audience
            .as_ref()
            .unwrap()
            .contains("962fa4d8-bcbf-49a0-94b2-2de05ad274af")
    );
    assert_eq!(claims.expires_at, Some(1510185728));
    assert_eq!(claims.message_type, Some(MessageType::ResourceLinkRequest));
    assert_eq!(claims.version, Some(LtiVersion::V1p3p0));
    assert_eq!(
        claims.deployment_id.as_ref().unwrap().as_str(),
        "07940580-b309-415e-a37c-914d387c1150"
    );
    assert_eq!(
        claims.target_link_uri.as_ref().unwrap().as_str(),
        "https://tool.example.com/lti/48320/ruix8782rs"
    );
    let link = claims.resource_link.as_ref().unwrap();
    assert_eq!(link.id.as_str(), "200d101f-2c14-434a-a0f3-57c2a42369fd");
    assert_eq!(link.title.as_deref(), Some("Introduction Assignment"));
    assert!(
        claims.is_learner() && claims.is_mentor() && !claims.is_instructor() && !claims.is_admin()
    );
    assert_eq!(claims.role_scope_mentor.as_ref().unwrap().len(), 2);
    let context = claims.context.as_ref().unwrap();
    assert!(context.is_type(&ContextType::CourseOffering));
    assert_eq!(context.label.as_deref(), Some("ECON 1010"));
    let presentation = claims.launch_presentation.as_ref().unwrap();
    assert_eq!(presentation.document_target, Some(DocumentTarget::Iframe));
    assert_eq!(
        (presentation.width, presentation.height),
        (Some(240), Some(320))
    );
    assert_eq!(claims.custom_str("xstart"), Some("2017-04-21T01:00:00Z"));
    assert_eq!(claims.custom.as_ref().unwrap()["points"], json!(10));
    assert_eq!(
        claims.custom.as_ref().unwrap()["nested"],
        json!({"a": [1, 2]})
    );
    assert_eq!(
        claims
            .lis
            .as_ref()
            .unwrap()
            .course_section_sourcedid
            .as_deref(),
        Some("example.edu:SI182-001-F16")
    );
    assert_eq!(
        claims.tool_platform.as_ref().unwrap().guid.as_deref(),
        Some("ex/48bbb541-ce55-456e-8b7d-ebc59a38d435")
    );
    let ags = claims.ags_endpoint.as_ref().unwrap();
    assert!(ags.has_scope(&AgsScope::Score) && !ags.has_scope(&AgsScope::LineItemReadOnly));
    assert_eq!(
        ags.lineitem.as_ref().unwrap().path(),
        "/api/lti/courses/1/line_items/5"
    );
    assert!(ags.extensions.contains_key("errors"));
    assert_eq!(
        claims.names_role_service.as_ref().unwrap().service_versions,
        ["2.0"]
    );
    assert_eq!(
        claims
            .lti1p1
            .as_ref()
            .unwrap()
            .oauth_consumer_key
            .as_deref(),
        Some("179248902")
    );
    assert_eq!(claims.extra.len(), 2, "{:?}", claims.extra.keys());
    assert_eq!(
        claims.extra["https://www.instructure.com/placement"],
        json!("course_navigation")
    );
    assert!(missing_required_claims(&claims).is_empty());
}

#[test]
fn full_resource_link_launch_round_trips_exactly() {
    let claims: MessageClaims = serde_json::from_value(full_launch()).unwrap();
    assert_eq!(serde_json::to_value(&claims).unwrap(), full_launch());
}

/// Shape of the 1EdTech reference platform's Deep Linking request: `tool_platform.url` and
/// `contact_email` are `""`, a context type outside the vocabulary, `role_scope_mentor` present.
#[test]
fn reference_platform_deep_linking_request() {
    let payload = json!({
        "https://purl.imsglobal.org/spec/lti/claim/message_type": "LtiDeepLinkingRequest",
        "given_name": "Lindsey", "family_name": "Block", "middle_name": "Steuber",
        "picture": "http://example.org/Lindsey.jpg",
        "email": "Lindsey.Block@example.org",
        "name": "Lindsey Steuber Block",
        "https://purl.imsglobal.org/spec/lti/claim/roles": ["http://purl.imsglobal.org/vocab/lis/v2/institution/person#Instructor"],
        "https://purl.imsglobal.org/spec/lti/claim/role_scope_mentor": ["a62c52c02ba262003f5e"],
        "https://purl.imsglobal.org/spec/lti/claim/context": {"id": "55679", "label": "Test Course", "title": "Test Course", "type": [""]},
        "https://purl.imsglobal.org/spec/lti/claim/tool_platform": {
            "name": "TEST LMS", "contact_email": "", "description": "", "url": "",
            "product_family_code": "", "version": "1.0", "guid": "4611"
        },
        "https://purl.imsglobal.org/spec/lti-dl/claim/deep_linking_settings": {
            "accept_types": ["link", "file", "html", "ltiResourceLink", "image"],
            "accept_media_types": "image/*,text/html",
            "accept_presentation_document_targets": ["iframe", "window", "embed"],
            "accept_multiple": true,
            "auto_create": true,
            "title": "This is the default title",
            "text": "This is the default text",
            "data": "Some random opaque data that MUST be sent back",
            "deep_link_return_url": "https://lti-ri.imsglobal.org/platforms/4611/contexts/55679/deep_links"
        },
        "iss": "https://lti-ri.imsglobal.org",
        "aud": "12345",
        "iat": 1741963317,
        "exp": 1741963617,
        "sub": "3d27e048592a8943c0ac",
        "nonce": "f30104818de011646595",
        "https://purl.imsglobal.org/spec/lti/claim/version": "1.3.0",
        "locale": "en-US",
        "https://purl.imsglobal.org/spec/lti/claim/deployment_id": "1"
    });
    let claims: MessageClaims = serde_json::from_value(payload).unwrap();
    assert_eq!(claims.audience, Some(Audience::Single("12345".to_owned())));
    let platform = claims.tool_platform.as_ref().unwrap();
    assert_eq!(platform.url, None);
    assert_eq!(platform.contact_email.as_deref(), Some(""));
    let context_type = &claims
        .context
        .as_ref()
        .unwrap()
        .context_type
        .as_ref()
        .unwrap()[0];
    assert!(context_type.is_unrecognized() && context_type.as_str().is_empty());
    let settings = claims.deep_linking_settings.as_ref().unwrap();
    assert!(settings.accepts_multiple() && settings.accepts_type(&ContentItemType::Image));
    assert!(settings.accepts_target(&DocumentTarget::Embed));
    assert!(
        settings.accepts_media_type("text/html; charset=utf-8")
            && settings.accepts_media_type("IMAGE/PNG")
    );
    assert!(!settings.accepts_media_type("application/pdf"));
    assert_eq!(
        settings.data,
        Some(json!("Some random opaque data that MUST be sent back"))
    );
    assert!(
        !claims.is_instructor(),
        "an institution instructor is not a context instructor"
    );
    assert!(claims.roles()[0].is_institution_instructor());
    assert!(missing_required_claims(&claims).is_empty());
}

#[test]
fn submission_review_request() {
    let payload = json!({
        "https://purl.imsglobal.org/spec/lti/claim/message_type": "LtiSubmissionReviewRequest",
        "https://purl.imsglobal.org/spec/lti/claim/version": "1.3.0",
        "https://purl.imsglobal.org/spec/lti/claim/deployment_id": "dep-1",
        "https://purl.imsglobal.org/spec/lti/claim/target_link_uri": "https://tool.example.com/review",
        "https://purl.imsglobal.org/spec/lti/claim/resource_link": {"id": "rl-1"},
        "https://purl.imsglobal.org/spec/lti/claim/roles": ["http://purl.imsglobal.org/vocab/lis/v2/membership#Instructor"],
        "https://purl.imsglobal.org/spec/lti/claim/for_user": {
            "user_id": "learner-7", "given_name": "Ann", "family_name": "Lee",
            "roles": ["http://purl.imsglobal.org/vocab/lis/v2/membership#Learner"]
        },
        "https://purl.imsglobal.org/spec/lti-ags/claim/endpoint": {
            "scope": ["https://purl.imsglobal.org/spec/lti-ags/scope/score"],
            "lineitem": "https://platform.example.edu/lineitems/9"
        }
    });
    let claims: MessageClaims = serde_json::from_value(payload.clone()).unwrap();
    let for_user = claims.for_user.as_ref().unwrap();
    assert_eq!(for_user.user_id.as_str(), "learner-7");
    assert!(for_user.roles.as_ref().unwrap()[0].is_learner());
    assert!(missing_required_claims(&claims).is_empty());
    assert_eq!(serde_json::to_value(&claims).unwrap(), payload);

    let mut no_line_item = claims.clone();
    no_line_item.ags_endpoint.as_mut().unwrap().lineitem = None;
    assert_eq!(
        missing_required_claims(&no_line_item),
        [RequiredClaim::AgsLineItem]
    );
    let mut bare = claims;
    bare.ags_endpoint = None;
    bare.for_user = None;
    assert_eq!(
        missing_required_claims(&bare),
        [RequiredClaim::ForUser, RequiredClaim::AgsEndpoint]
    );
}

#[test]
fn missing_required_claims_per_message_type() {
    let cases: &[(&str, Option<&str>, &[RequiredClaim])] = &[
        (
            "no message type",
            None,
            &[
                RequiredClaim::MessageType,
                RequiredClaim::Version,
                RequiredClaim::DeploymentId,
            ],
        ),
        (
            "resource link",
            Some("LtiResourceLinkRequest"),
            &[
                RequiredClaim::Version,
                RequiredClaim::DeploymentId,
                RequiredClaim::TargetLinkUri,
                RequiredClaim::ResourceLink,
                RequiredClaim::Roles,
            ],
        ),
        (
            "deep linking request",
            Some("LtiDeepLinkingRequest"),
            &[
                RequiredClaim::Version,
                RequiredClaim::DeploymentId,
                RequiredClaim::DeepLinkingSettings,
            ],
        ),
        (
            "deep linking response",
            Some("LtiDeepLinkingResponse"),
            &[RequiredClaim::Version, RequiredClaim::DeploymentId],
        ),
        (
            "submission review",
            Some("LtiSubmissionReviewRequest"),
            &[
                RequiredClaim::Version,
                RequiredClaim::DeploymentId,
                RequiredClaim::ResourceLink,
                RequiredClaim::Roles,
                RequiredClaim::ForUser,
                RequiredClaim::AgsEndpoint,
            ],
        ),
        (
            "unknown type",
            Some("LtiEULARequest"),
            &[RequiredClaim::Version, RequiredClaim::DeploymentId],
        ),
    ];
    let mut failures = Vec::new();
    for (name, message_type, expected) in cases {
        let mut claims = MessageClaims::new();
        claims.message_type = message_type.map(MessageType::parse);
        let missing = missing_required_claims(&claims);
        if missing != *expected {
            failures.push(format!("{name}: got {missing:?}, expected {expected:?}"));
        }
    }
    assert!(failures.is_empty(), "{failures:#?}");
    assert_eq!(
        RequiredClaim::AgsLineItem.to_string(),
        "https://purl.imsglobal.org/spec/lti-ags/claim/endpoint#lineitem"
    );
}

#[test]
fn wrong_shapes_fail_instead_of_reading_as_absent() {
    let cases: &[(&str, &str, Value)] = &[
        (
            "roles as string",
            "https://purl.imsglobal.org/spec/lti/claim/roles",
            json!("Instructor"),
        ),
        (
            "resource_link without id",
            "https://purl.imsglobal.org/spec/lti/claim/resource_link",
            json!({"title": "x"}),
        ),
        (
            "empty resource_link id",
            "https://purl.imsglobal.org/spec/lti/claim/resource_link",
            json!({"id": ""}),
        ),
        ("exp as string", "exp", json!("1699990000")),
        ("nbf as string", "nbf", json!("1700003600")),
        ("exp beyond i64", "exp", json!(18446744073709551615_u64)),
        ("exp as null", "exp", json!(null)),
        ("exp as 1e300", "exp", json!(1e300)),
        ("iat as bool", "iat", json!(true)),
        (
            "empty deployment_id",
            "https://purl.imsglobal.org/spec/lti/claim/deployment_id",
            json!(""),
        ),
        (
            "long deployment_id",
            "https://purl.imsglobal.org/spec/lti/claim/deployment_id",
            json!("d".repeat(256)),
        ),
        (
            "relative target_link_uri",
            "https://purl.imsglobal.org/spec/lti/claim/target_link_uri",
            json!("/launch"),
        ),
        (
            "message_type as number",
            "https://purl.imsglobal.org/spec/lti/claim/message_type",
            json!(1),
        ),
        (
            "context without id",
            "https://purl.imsglobal.org/spec/lti/claim/context",
            json!({"label": "x"}),
        ),
        (
            "deep_linking_settings without return url",
            "https://purl.imsglobal.org/spec/lti-dl/claim/deep_linking_settings",
            json!({"accept_types": ["link"], "accept_presentation_document_targets": ["iframe"]}),
        ),
        (
            "custom as array",
            "https://purl.imsglobal.org/spec/lti/claim/custom",
            json!(["a"]),
        ),
        ("aud as number", "aud", json!(5)),
    ];
    let mut failures = Vec::new();
    for (name, claim, value) in cases {
        let mut payload = full_launch();
        payload[*claim] = value.clone();
        if serde_json::from_value::<MessageClaims>(payload).is_ok() {
            failures.push(*name);
        }
    }
    assert!(failures.is_empty(), "accepted: {failures:?}");
}

#[test]
fn out_of_range_numbers_in_text_fail() {
    for text in [
        r#"{"exp": 18446744073709551616}"#,
        r#"{"exp": 1e400}"#,
        r#"{"iat": -1e30}"#,
    ] {
        assert!(
            serde_json::from_str::<MessageClaims>(text).is_err(),
            "{text}"
        );
    }
}

#[test]
fn typed_time_claims_share_the_verifiers_numeric_date_range() {
    // The typed reader refuses what the verifier refuses, integers and floats alike.
    for text in [
        r#"{"exp": 100000000001}"#,
        r#"{"exp": 1e12}"#,
        r#"{"iat": 1000000000000}"#,
        r#"{"nbf": 9223372036854775807}"#,
        r#"{"nbf": -100000000001}"#,
        r#"{"exp": 1000000000000000000000000000000}"#,
        r#"{"exp": 1e300}"#,
    ] {
        assert!(
            serde_json::from_str::<MessageClaims>(text).is_err(),
            "{text}"
        );
    }
    let claims: MessageClaims =
        serde_json::from_str(r#"{"exp": 100000000000, "iat": 1e11, "nbf": -1e11}"#).unwrap();
    assert_eq!(
        (claims.expires_at, claims.issued_at, claims.not_before),
        (
            Some(100_000_000_000),
            Some(100_000_000_000),
            Some(-100_000_000_000)
        )
    );
}

#[test]
fn open_vocabularies_keep_unknown_values() {
    let claims: MessageClaims = serde_json::from_value(json!({
        "https://purl.imsglobal.org/spec/lti/claim/message_type": "LtiEULARequest",
        "https://purl.imsglobal.org/spec/lti/claim/version": "1.3",
        "https://purl.imsglobal.org/spec/lti/claim/launch_presentation": {"document_target": "popup"}
    }))
    .unwrap();
    let message_type = claims.message_type.as_ref().unwrap();
    assert!(message_type.is_unrecognized());
    assert_eq!(message_type.as_str(), "LtiEULARequest");
    let version = claims.version.as_ref().unwrap();
    assert!(version.is_unrecognized() && version.as_str() == "1.3");
    assert_eq!(
        claims
            .launch_presentation
            .as_ref()
            .unwrap()
            .document_target
            .as_ref()
            .unwrap()
            .as_str(),
        "popup"
    );
    assert_eq!(
        serde_json::to_value(&claims).unwrap()["https://purl.imsglobal.org/spec/lti/claim/message_type"],
        json!("LtiEULARequest")
    );
}

#[test]
fn context_type_short_and_legacy_forms_are_read_and_written_long() {
    for text in [
        "CourseSection",
        "urn:lti:context-type:ims/lis/CourseSection",
        "http://purl.imsglobal.org/vocab/lis/v2/course#CourseSection",
    ] {
        let context_type: ContextType = serde_json::from_value(json!(text)).unwrap();
        assert_eq!(context_type, ContextType::CourseSection, "{text}");
        assert_eq!(
            serde_json::to_value(&context_type).unwrap(),
            json!("http://purl.imsglobal.org/vocab/lis/v2/course#CourseSection")
        );
    }
}

#[test]
fn builders_produce_complete_messages() {
    let deployment = DeploymentId::parse("dep").unwrap();
    let link = ResourceLink::new(ResourceLinkId::parse("rl").unwrap());
    let target = "https://tool.example.com/launch".parse().unwrap();
    let claims = MessageClaims::resource_link_request(
        deployment.clone(),
        target,
        link,
        vec![Role::parse("Instructor")],
    );
    assert!(missing_required_claims(&claims).is_empty());
    let value = serde_json::to_value(&claims).unwrap();
    assert_eq!(
        value["https://purl.imsglobal.org/spec/lti/claim/version"],
        json!("1.3.0")
    );
    assert_eq!(
        value["https://purl.imsglobal.org/spec/lti/claim/roles"],
        json!(["Instructor"])
    );
    let back: MessageClaims = serde_json::from_value(value).unwrap();
    assert_eq!(back, claims);

    let response = MessageClaims::deep_linking_response(deployment);
    assert!(missing_required_claims(&response).is_empty());
    assert_eq!(
        serde_json::to_value(&response).unwrap()["https://purl.imsglobal.org/spec/lti/claim/message_type"],
        json!("LtiDeepLinkingResponse")
    );
}

#[test]
fn audience_shapes() {
    let single: Audience = serde_json::from_value(json!("client")).unwrap();
    let many: Audience = serde_json::from_value(json!(["client", "learnwire-analytics"])).unwrap();
    let empty: Audience = serde_json::from_value(json!([])).unwrap();
    assert_eq!(single.as_slice(), ["client"]);
    assert!(many.contains("learnwire-analytics") && !many.contains("Client"));
    assert!(empty.as_slice().is_empty());
    assert_eq!(serde_json::to_value(&single).unwrap(), json!("client"));
    assert_eq!(
        serde_json::to_value(&many).unwrap(),
        json!(["client", "learnwire-analytics"])
    );
}

#[test]
fn blank_optional_urls_read_as_absent() {
    let claims: MessageClaims = serde_json::from_value(json!({
        "https://purl.imsglobal.org/spec/lti-ags/claim/endpoint": {
            "scope": ["https://purl.imsglobal.org/spec/lti-ags/scope/score"],
            "lineitems": "https://platform.example.edu/lineitems",
            "lineitem": ""
        },
        "https://purl.imsglobal.org/spec/lti/claim/launch_presentation": {"return_url": ""},
        "https://purl.imsglobal.org/spec/lti/claim/resource_link": {"id": "79470", "description": null},
        "picture": ""
    }))
    .unwrap();
    assert_eq!(claims.ags_endpoint.as_ref().unwrap().lineitem, None);
    assert!(claims.ags_endpoint.as_ref().unwrap().lineitems.is_some());
    assert_eq!(
        claims.launch_presentation.as_ref().unwrap().return_url,
        None
    );
    assert_eq!(claims.resource_link.as_ref().unwrap().description, None);
    assert_eq!(claims.picture, None);
    let bad = json!({"https://purl.imsglobal.org/spec/lti-ags/claim/endpoint": {"lineitem": "not a url"}});
    assert!(serde_json::from_value::<MessageClaims>(bad).is_err());
}

/// The LTI 1.1 migration example (LTI 1.3 migration guide): base string
/// `179248902&689302&https://lmsvendor.com&PM48OJSfGDTAzAo&1551290856&172we8671fd8z`, secret
/// `my-lti11-secret`.
#[allow(clippy::unwrap_used)] // test helper
fn migration_launch() -> MessageClaims {
    serde_json::from_value(json!({
        "nonce": "172we8671fd8z", "iat": 1551290796, "exp": 1551290856,
        "iss": "https://lmsvendor.com", "aud": "PM48OJSfGDTAzAo", "sub": "3",
        "https://purl.imsglobal.org/spec/lti/claim/deployment_id": "689302",
        "https://purl.imsglobal.org/spec/lti/claim/lti1p1": {
            "user_id": "34212", "oauth_consumer_key": "179248902",
            "oauth_consumer_key_sign": "lWd54kFo5qU7xshAna6v8BwoBm6tmUjc6GTax6+12ps="
        }
    }))
    .unwrap()
}

#[test]
fn lti1p1_migration_signature() {
    use learnwire_lti::claims::{Lti1p1, MigrationError};
    let claims = migration_launch();
    let migration = claims.lti1p1.clone().unwrap();
    let secret = b"my-lti11-secret";
    assert_eq!(
        Lti1p1::consumer_key_sign(&claims, "179248902", "PM48OJSfGDTAzAo", secret).unwrap(),
        "lWd54kFo5qU7xshAna6v8BwoBm6tmUjc6GTax6+12ps="
    );
    assert_eq!(
        migration.verify_consumer_key_sign(&claims, "PM48OJSfGDTAzAo", secret),
        Ok(())
    );
    let mismatch = Err(MigrationError::SignatureMismatch);
    assert_eq!(
        migration.verify_consumer_key_sign(&claims, "other-client", secret),
        mismatch
    );
    assert_eq!(
        migration.verify_consumer_key_sign(&claims, "PM48OJSfGDTAzAo", b"wrong"),
        mismatch
    );

    let mut unpadded = migration.clone();
    unpadded.oauth_consumer_key_sign = Some("lWd54kFo5qU7xshAna6v8BwoBm6tmUjc6GTax6+12ps".into());
    assert_eq!(
        unpadded.verify_consumer_key_sign(&claims, "PM48OJSfGDTAzAo", secret),
        Ok(())
    );
    let mut garbage = migration.clone();
    garbage.oauth_consumer_key_sign = Some("not base64 !".into());
    assert_eq!(
        garbage.verify_consumer_key_sign(&claims, "PM48OJSfGDTAzAo", secret),
        mismatch
    );
    let mut truncated = migration.clone();
    truncated.oauth_consumer_key_sign = Some("lWd54kFo5qU7xshAna6v8Bwo".into());
    assert_eq!(
        truncated.verify_consumer_key_sign(&claims, "PM48OJSfGDTAzAo", secret),
        mismatch
    );

    let mut tampered = claims.clone();
    tampered.expires_at = Some(1551290857);
    assert_eq!(
        migration.verify_consumer_key_sign(&tampered, "PM48OJSfGDTAzAo", secret),
        mismatch
    );
    let mut no_nonce = claims.clone();
    no_nonce.nonce = None;
    assert_eq!(
        migration.verify_consumer_key_sign(&no_nonce, "PM48OJSfGDTAzAo", secret),
        Err(MigrationError::MissingClaim { claim: "nonce" })
    );
    let mut no_key = migration;
    no_key.oauth_consumer_key = None;
    assert_eq!(
        no_key.verify_consumer_key_sign(&claims, "PM48OJSfGDTAzAo", secret),
        Err(MigrationError::MissingClaim {
            claim: "oauth_consumer_key"
        })
    );
}

#[test]
fn fractional_numeric_dates_are_rounded_down() {
    let claims: MessageClaims =
        serde_json::from_value(json!({"exp": 1700000300.5, "iat": 1699999995.99, "nbf": -0.5}))
            .unwrap();
    assert_eq!(
        (claims.expires_at, claims.issued_at, claims.not_before),
        (Some(1700000300), Some(1699999995), Some(-1))
    );
    let claims: MessageClaims = serde_json::from_str(r#"{"exp": 1700000300.0}"#).unwrap();
    assert_eq!(claims.expires_at, Some(1700000300));
}

#[test]
fn presentation_sizes_are_hints() {
    let cases = [
        (json!(320), Some(320)),
        (json!(320.6), Some(321)),
        (json!("240"), Some(240)),
        (json!("100%"), None),
        (json!(-5), None),
        (json!(1e12), None),
        (json!(null), None),
        (json!({"w": 1}), None),
    ];
    for (value, expected) in cases {
        let payload = json!({"https://purl.imsglobal.org/spec/lti/claim/launch_presentation": {"width": value.clone()}});
        let claims: MessageClaims = serde_json::from_value(payload).unwrap();
        assert_eq!(
            claims.launch_presentation.unwrap().width,
            expected,
            "{value}"
        );
    }
}
