//! Deep Linking content items: exact serde round trips, unknown types, acceptance rules, URL policy.

use learnwire_lti::claims::{
    ContentItemType, DeepLinkingSettings, DocumentTarget, MessageClaims, missing_required_claims,
};
use learnwire_lti::deep_linking::content_item::{
    ContentItem, DateTimeValue, File, Html, Iframe, Image, LineItem, Link, LtiResourceLink,
    NotAccepted, TimeWindow, Unaccepted, Window, unaccepted_items,
};
use serde_json::{Value, json};

/// One item of each type, shaped like the Deep Linking 2.0 response example.
fn spec_items() -> Value {
    json!([
        {
            "type": "link",
            "title": "My Home Page",
            "url": "https://something.example.com/page.html",
            "icon": {"url": "https://lti.example.com/image.jpg", "width": 100, "height": 100},
            "thumbnail": {"url": "https://lti.example.com/thumb.jpg", "width": 90, "height": 90},
            "embed": {"html": "<iframe src=\"https://www.youtube.com/embed/corV3-WsIro\"></iframe>"},
            "window": {"targetName": "youtube-corV3-WsIro", "windowFeatures": "height=560,width=315,menubar=no"},
            "iframe": {"width": 560, "height": 315, "src": "https://www.youtube.com/embed/corV3-WsIro"}
        },
        {
            "type": "ltiResourceLink",
            "title": "A title",
            "text": "This is a link to an activity that will be graded",
            "url": "https://lti.example.com/launchMe",
            "icon": {"url": "https://lti.example.com/image.jpg", "width": 100, "height": 100},
            "thumbnail": {"url": "https://lti.example.com/thumb.jpg", "width": 90, "height": 90},
            "lineItem": {"scoreMaximum": 87, "label": "Chapter 12 quiz", "resourceId": "xyzpdq1234", "tag": "originality", "gradesReleased": true},
            "available": {"startDateTime": "2018-02-06T20:05:02Z", "endDateTime": "2018-03-07T20:05:02Z"},
            "submission": {"endDateTime": "2018-03-06T20:05:02.000+01:00"},
            "custom": {"quiz_id": "az-123", "duedate": "$Resource.submission.endDateTime"},
            "window": {"targetName": "examplePublisherContent"},
            "iframe": {"height": 890},
            "https://canvas.instructure.com/lti/preserveLaunchUrl": true
        },
        {
            "type": "file",
            "title": "A file like a PDF that is my assignment submissions",
            "url": "https://my.example.com/assignment1.pdf",
            "mediaType": "application/pdf",
            "expiresAt": "2018-03-06T20:05:02Z"
        },
        {
            "type": "html",
            "html": "<h1>A Custom Title</h1>"
        },
        {
            "type": "image",
            "url": "https://www.example.com/image.png",
            "title": "An image",
            "width": 800,
            "height": 600,
            "https://www.example.com/extension": {"alt": "chart"}
        },
        {
            "type": "x-publisher-quiz",
            "quizId": 42,
            "url": "https://publisher.example.com/q/42"
        }
    ])
}

#[test]
fn spec_items_round_trip_exactly() {
    let items: Vec<ContentItem> = serde_json::from_value(spec_items()).unwrap();
    assert_eq!(items.len(), 6);
    assert_eq!(serde_json::to_value(&items).unwrap(), spec_items());
}

#[test]
fn spec_items_are_typed() {
    let items: Vec<ContentItem> = serde_json::from_value(spec_items()).unwrap();
    let ContentItem::Link(link) = &items[0] else {
        panic!("{:?}", items[0])
    };
    assert_eq!(link.iframe.as_ref().unwrap().width, Some(560));
    assert_eq!(
        link.window.as_ref().unwrap().target_name.as_deref(),
        Some("youtube-corV3-WsIro")
    );
    assert!(link.embed.as_ref().unwrap().html.starts_with("<iframe"));
    let ContentItem::LtiResourceLink(resource) = &items[1] else {
        panic!("{:?}", items[1])
    };
    let line_item = resource.line_item.as_ref().unwrap();
    assert_eq!(line_item.score_maximum, 87.0);
    assert!(line_item.has_valid_score_maximum());
    assert_eq!(line_item.grades_released, Some(true));
    let available = resource.available.as_ref().unwrap();
    assert_eq!(
        available
            .start_date_time
            .as_ref()
            .unwrap()
            .to_utc()
            .to_rfc3339(),
        "2018-02-06T20:05:02+00:00"
    );
    assert!(available.contains("2018-02-10T00:00:00Z".parse().unwrap()));
    assert!(!available.contains("2018-03-07T20:05:02Z".parse().unwrap()));
    let submission_end = resource
        .submission
        .as_ref()
        .unwrap()
        .end_date_time
        .as_ref()
        .unwrap();
    assert_eq!(submission_end.as_str(), "2018-03-06T20:05:02.000+01:00");
    assert_eq!(
        submission_end.to_utc().to_rfc3339(),
        "2018-03-06T19:05:02+00:00"
    );
    assert_eq!(
        resource.custom.as_ref().unwrap()["quiz_id"],
        json!("az-123")
    );
    assert!(
        resource
            .extensions
            .contains_key("https://canvas.instructure.com/lti/preserveLaunchUrl")
    );
    let ContentItem::File(file) = &items[2] else {
        panic!("{:?}", items[2])
    };
    assert_eq!(file.media_type.as_deref(), Some("application/pdf"));
    assert!(matches!(&items[3], ContentItem::Html(html) if html.html == "<h1>A Custom Title</h1>"));
    let ContentItem::Image(image) = &items[4] else {
        panic!("{:?}", items[4])
    };
    assert_eq!((image.width, image.height), (Some(800), Some(600)));
    let unknown = &items[5];
    assert_eq!(unknown.item_type().as_str(), "x-publisher-quiz");
    assert!(unknown.item_type().is_unrecognized());
    assert_eq!(unknown.as_unrecognized_json().unwrap()["quizId"], json!(42));
    assert!(unknown.urls().is_empty());
    let types: Vec<ContentItemType> = items.iter().map(ContentItem::item_type).collect();
    assert_eq!(
        &types[..5],
        [
            ContentItemType::Link,
            ContentItemType::LtiResourceLink,
            ContentItemType::File,
            ContentItemType::Html,
            ContentItemType::Image
        ]
    );
}

#[test]
fn malformed_items_are_errors_not_unknown() {
    let cases = [
        ("link without url", json!({"type": "link", "title": "x"})),
        ("file without url", json!({"type": "file"})),
        (
            "image with relative url",
            json!({"type": "image", "url": "/a.png"}),
        ),
        ("html without html", json!({"type": "html", "title": "x"})),
        (
            "line item without scoreMaximum",
            json!({"type": "ltiResourceLink", "lineItem": {"label": "x"}}),
        ),
        (
            "scoreMaximum as string",
            json!({"type": "ltiResourceLink", "lineItem": {"scoreMaximum": "10"}}),
        ),
        (
            "bad date",
            json!({"type": "file", "url": "https://a.example/f", "expiresAt": "tomorrow"}),
        ),
        (
            "date without offset",
            json!({"type": "file", "url": "https://a.example/f", "expiresAt": "2018-03-06T20:05:02"}),
        ),
        (
            "negative width",
            json!({"type": "image", "url": "https://a.example/i.png", "width": -1}),
        ),
        ("type not a string", json!({"type": 3})),
        ("no type", json!({"url": "https://a.example/"})),
        ("not an object", json!("link")),
        ("array", json!([{"type": "link"}])),
    ];
    let accepted: Vec<&str> = cases
        .iter()
        .filter(|(_, value)| serde_json::from_value::<ContentItem>(value.clone()).is_ok())
        .map(|(name, _)| *name)
        .collect();
    assert!(accepted.is_empty(), "accepted: {accepted:?}");
}

#[test]
fn built_items_serialize_to_the_wire_shape() {
    let mut link = LtiResourceLink::new();
    link.url = Some("https://tool.example.com/launch?item=7".parse().unwrap());
    link.title = Some("Item 7".into());
    let mut line_item = LineItem::new(12.5);
    line_item.tag = Some("grade".into());
    link.line_item = Some(line_item);
    let mut window = TimeWindow::new();
    window.end_date_time = Some(DateTimeValue::from(
        "2024-01-01T00:00:00Z"
            .parse::<chrono::DateTime<chrono::Utc>>()
            .unwrap(),
    ));
    link.submission = Some(window);
    link.iframe = Some(Iframe::new());
    let item = ContentItem::from(link);
    assert_eq!(
        serde_json::to_value(&item).unwrap(),
        json!({
            "type": "ltiResourceLink",
            "url": "https://tool.example.com/launch?item=7",
            "title": "Item 7",
            "lineItem": {"scoreMaximum": 12.5, "tag": "grade"},
            "submission": {"endDateTime": "2024-01-01T00:00:00Z"},
            "iframe": {}
        })
    );
    assert_eq!(
        serde_json::to_value(ContentItem::from(Html::new("<b>x</b>"))).unwrap(),
        json!({"type": "html", "html": "<b>x</b>"})
    );
    assert_eq!(
        serde_json::to_value(LineItem::new(100.0)).unwrap(),
        json!({"scoreMaximum": 100})
    );
    assert!(
        !LineItem::new(0.0).has_valid_score_maximum()
            && !LineItem::new(f64::NAN).has_valid_score_maximum()
    );
}

#[allow(clippy::unwrap_used)] // test helper
fn settings(types: &[ContentItemType], targets: &[DocumentTarget]) -> DeepLinkingSettings {
    DeepLinkingSettings::new(
        "https://platform.example/dl".parse().unwrap(),
        types.to_vec(),
        targets.to_vec(),
    )
}

#[allow(clippy::unwrap_used)] // test helper
fn link_with(iframe: bool, window: bool) -> ContentItem {
    let mut link = Link::new("https://example.com/page".parse().unwrap());
    link.iframe = iframe.then(Iframe::new);
    link.window = window.then(Window::new);
    link.into()
}

#[allow(clippy::unwrap_used)] // test helper
fn pdf(media_type: Option<&str>) -> ContentItem {
    let mut file = File::new("https://example.com/a.pdf".parse().unwrap());
    file.media_type = media_type.map(str::to_owned);
    file.into()
}

#[test]
fn accept_rules_table() {
    use ContentItemType as T;
    use DocumentTarget as D;
    let mut media = settings(&[T::File], &[D::Window]);
    media.accept_media_types = Some("image/*, application/pdf;q=1".into());
    let mut images_only = settings(&[T::File], &[D::Window]);
    images_only.accept_media_types = Some("image/*".into());
    let unknown: ContentItem = serde_json::from_value(json!({"type": "x-quiz"})).unwrap();
    let cases: Vec<(
        &str,
        ContentItem,
        DeepLinkingSettings,
        Result<(), NotAccepted>,
    )> = vec![
        (
            "link accepted, no presentation",
            link_with(false, false),
            settings(&[T::Link], &[]),
            Ok(()),
        ),
        (
            "type not accepted",
            link_with(false, false),
            settings(&[T::LtiResourceLink], &[D::Iframe]),
            Err(NotAccepted::Type { item_type: T::Link }),
        ),
        (
            "iframe accepted",
            link_with(true, false),
            settings(&[T::Link], &[D::Iframe]),
            Ok(()),
        ),
        (
            "iframe only, platform wants window",
            link_with(true, false),
            settings(&[T::Link], &[D::Window]),
            Err(NotAccepted::PresentationTarget {
                offered: vec![D::Iframe],
            }),
        ),
        (
            "iframe or window, platform wants window",
            link_with(true, true),
            settings(&[T::Link], &[D::Window]),
            Ok(()),
        ),
        (
            "file media type accepted",
            pdf(Some("application/pdf")),
            media.clone(),
            Ok(()),
        ),
        (
            "file without media type",
            pdf(None),
            images_only.clone(),
            Ok(()),
        ),
        (
            "file media type not accepted",
            pdf(Some("application/pdf")),
            images_only,
            Err(NotAccepted::MediaType {
                media_type: "application/pdf".into(),
            }),
        ),
        (
            "unknown type listed",
            unknown.clone(),
            settings(&[T::parse("x-quiz")], &[]),
            Ok(()),
        ),
        (
            "unknown type not listed",
            unknown,
            settings(&[T::Link], &[]),
            Err(NotAccepted::Type {
                item_type: T::parse("x-quiz"),
            }),
        ),
    ];
    let mut failures = Vec::new();
    for (name, item, settings, expected) in cases {
        let got = item.accepts(&settings);
        if got != expected {
            failures.push(format!("{name}: got {got:?}, expected {expected:?}"));
        }
    }
    assert!(failures.is_empty(), "{failures:#?}");
}

#[test]
fn multiple_items_need_accept_multiple() {
    fn found(
        items: &[ContentItem],
        settings: &DeepLinkingSettings,
    ) -> Vec<(Option<usize>, NotAccepted)> {
        unaccepted_items(items, settings)
            .into_iter()
            .map(|Unaccepted { index, reason, .. }| (index, reason))
            .collect()
    }
    let items = [link_with(false, false), link_with(false, false)];
    let mut settings = settings(&[ContentItemType::Link], &[DocumentTarget::Iframe]);
    assert_eq!(
        found(&items, &settings),
        [(None, NotAccepted::Multiple { count: 2 })]
    );
    settings.accept_multiple = Some(false);
    assert_eq!(found(&items, &settings).len(), 1);
    settings.accept_multiple = Some(true);
    assert!(found(&items, &settings).is_empty());
    let mut single_only = settings.clone();
    single_only.accept_multiple = None;
    assert!(found(&items[..1], &single_only).is_empty());
    assert!(found(&[], &single_only).is_empty());
    let mixed = [link_with(false, false), ContentItem::from(Html::new("x"))];
    assert_eq!(
        found(&mixed, &settings),
        [(
            Some(1),
            NotAccepted::Type {
                item_type: ContentItemType::Html
            }
        )]
    );
}

#[test]
fn disallowed_urls_are_found() {
    let cases = [
        (
            json!({"type": "link", "url": "javascript:alert(1)"}),
            false,
            Some("javascript:alert(1)"),
        ),
        (
            json!({"type": "link", "url": "https://a.example/", "icon": {"url": "data:image/png;base64,AA"}}),
            false,
            Some("data:image/png;base64,AA"),
        ),
        (
            json!({"type": "ltiResourceLink", "url": "http://tool.example/launch"}),
            false,
            Some("http://tool.example/launch"),
        ),
        (
            json!({"type": "ltiResourceLink", "url": "http://tool.example/launch"}),
            true,
            None,
        ),
        (
            json!({"type": "link", "url": "https://a.example/", "iframe": {"src": "file:///etc/passwd"}}),
            true,
            Some("file:///etc/passwd"),
        ),
        (
            json!({"type": "image", "url": "https://a.example/i.png", "thumbnail": {"url": "https://a.example/t.png"}}),
            false,
            None,
        ),
        (json!({"type": "ltiResourceLink"}), false, None),
        (
            json!({"type": "x-quiz", "url": "javascript:alert(1)"}),
            true,
            Some("javascript:alert(1)"),
        ),
        (
            json!({"type": "x-quiz", "media": [{"src": "data:text/html,x"}]}),
            true,
            Some("data:text/html,x"),
        ),
        (
            json!({"type": "x-quiz", "thumbnail": {"url": "/relative.png"}}),
            true,
            Some("/relative.png"),
        ),
        (
            json!({"type": "x-quiz", "url": "https://a.example/q", "link": "javascript:ignored-name"}),
            false,
            None,
        ),
    ];
    let mut failures = Vec::new();
    for (value, allow_http, expected) in cases {
        let item: ContentItem = serde_json::from_value(value.clone()).unwrap();
        let got = item.disallowed_url(allow_http);
        if got != expected {
            failures.push(format!("{value}: got {got:?}, expected {expected:?}"));
        }
    }
    assert!(failures.is_empty(), "{failures:#?}");
}

#[test]
fn deep_linking_response_claims_round_trip() {
    let payload = json!({
        "iss": "962fa4d8-bcbf-49a0-94b2-2de05ad274af",
        "aud": "https://platform.example.org",
        "exp": 1510185728,
        "iat": 1510185228,
        "nonce": "fc5fdc6d-5dd6-47f4-b2c9-5d1216e9b771",
        "https://purl.imsglobal.org/spec/lti/claim/deployment_id": "07940580-b309-415e-a37c-914d387c1150",
        "https://purl.imsglobal.org/spec/lti/claim/message_type": "LtiDeepLinkingResponse",
        "https://purl.imsglobal.org/spec/lti/claim/version": "1.3.0",
        "https://purl.imsglobal.org/spec/lti-dl/claim/content_items": spec_items(),
        "https://purl.imsglobal.org/spec/lti-dl/claim/data": "csrftoken:c7fbba78-7b75-46e3-9201-11e6d5f36f53",
        "https://purl.imsglobal.org/spec/lti-dl/claim/msg": "2 items added",
        "https://purl.imsglobal.org/spec/lti-dl/claim/log": "added quiz 7"
    });
    let claims: MessageClaims = serde_json::from_value(payload.clone()).unwrap();
    assert_eq!(claims.content_items.as_ref().unwrap().len(), 6);
    assert_eq!(
        claims.deep_linking_data,
        Some(json!("csrftoken:c7fbba78-7b75-46e3-9201-11e6d5f36f53"))
    );
    assert_eq!(
        claims.deep_linking_message.as_deref(),
        Some("2 items added")
    );
    assert!(claims.extra.is_empty(), "{:?}", claims.extra);
    assert!(missing_required_claims(&claims).is_empty());
    assert_eq!(serde_json::to_value(&claims).unwrap(), payload);
}

#[test]
fn image_constructor() {
    let mut image = Image::new("https://a.example/i.png".parse().unwrap());
    image.width = Some(10);
    assert_eq!(
        serde_json::to_value(ContentItem::from(image)).unwrap(),
        json!({"type": "image", "url": "https://a.example/i.png", "width": 10})
    );
}

#[test]
fn duplicate_members_are_refused_at_every_depth() {
    let cases = [
        r#"{"type":"link","url":"https://a.example/","url":"javascript:alert(1)"}"#,
        r#"{"type":"link","type":"html","url":"https://a.example/"}"#,
        r#"{"type":"link","url":"https://a.example/","icon":{"url":"https://a.example/i","url":"data:x"}}"#,
        r#"{"type":"x-quiz","a":[{"src":"https://a.example/","src":"javascript:1"}]}"#,
    ];
    for text in cases {
        assert!(serde_json::from_str::<ContentItem>(text).is_err(), "{text}");
    }
    let within_claims = format!(
        r#"{{"https://purl.imsglobal.org/spec/lti-dl/claim/content_items":[{}]}}"#,
        cases[0]
    );
    assert!(serde_json::from_str::<MessageClaims>(&within_claims).is_err());
    assert!(
        serde_json::from_str::<ContentItem>(
            r#"{"type":"link","url":"https://a.example/","title":"t"}"#
        )
        .is_ok()
    );
}
