//! About resource and X-Experience-API-Version negotiation (Communication §2.8, §3.3).
#![cfg(test)]

use learnwire_xapi::XapiVersion;
use learnwire_xapi::about::{About, VERSION_HEADER, VersionError, VersionNegotiation};
use serde_json::json;

#[test]
fn version_header_table() {
    let both = VersionNegotiation::new(&[XapiVersion::V1_0_3, XapiVersion::V2_0_0]);
    let old = VersionNegotiation::new(&[XapiVersion::V1_0_3]);
    let accepted = [
        ("1.0", XapiVersion::V1_0_3),
        ("1.0.0", XapiVersion::V1_0_3),
        ("1.0.3", XapiVersion::V1_0_3),
        ("1.0.9", XapiVersion::V1_0_3),
        (" 1.0.1 ", XapiVersion::V1_0_3),
        ("2.0.0", XapiVersion::V2_0_0),
        ("2.0", XapiVersion::V2_0_0),
    ];
    for (header, version) in accepted {
        assert_eq!(both.negotiate(Some(header)), Ok(version), "{header}");
    }
    for header in [
        "0.9",
        "0.95",
        "1.1.0",
        "1.0.3-rc1",
        "1",
        "",
        "1.0.x",
        "3.0.0",
        "1..0",
        "01.0.0.0",
    ] {
        let error = both.negotiate(Some(header)).unwrap_err();
        assert_eq!(
            error.code().as_str(),
            "xapi.version-header.unsupported",
            "{header}"
        );
        assert_eq!(error.status(), http::StatusCode::BAD_REQUEST);
    }
    assert_eq!(
        old.negotiate(Some("2.0.0")).unwrap_err().code().as_str(),
        "xapi.version-header.unsupported"
    );
    assert_eq!(both.negotiate(None), Err(VersionError::Missing));
    assert_eq!(both.latest(), Some(XapiVersion::V2_0_0));

    let mut headers = http::HeaderMap::new();
    headers.insert(VERSION_HEADER, "1.0.3".parse().unwrap());
    assert_eq!(both.negotiate_headers(&headers), Ok(XapiVersion::V1_0_3));
    let response = both.error_response(&VersionError::Missing).unwrap();
    assert_eq!(response.status(), 400);
    assert_eq!(response.headers()[VERSION_HEADER], "2.0.0");
}

#[test]
fn about_document() {
    let mut about = About::new(&[XapiVersion::V1_0_3, XapiVersion::V2_0_0]);
    about
        .extensions
        .insert("http://example.com/ext".into(), json!({"x": 1}));
    let response = about.to_http_response(XapiVersion::V2_0_0).unwrap();
    assert_eq!(response.headers()[VERSION_HEADER], "2.0.0");
    let parsed = About::parse(response.body()).unwrap();
    assert_eq!(parsed, about);
    for (bad, code) in [
        (r#"{"version": []}"#, "xapi.about.version"),
        (r#"{"version": ["1.0.3", 2]}"#, "xapi.about.version"),
        (
            r#"{"version": ["1.0.3"], "name": "lrs"}"#,
            "xapi.about.unknown-property",
        ),
        (
            r#"{"version": ["1.0.3"], "extensions": {"notiri": 1}}"#,
            "xapi.about.extensions",
        ),
        (
            r#"{"version": ["1.0.3"], "version": ["2.0.0"]}"#,
            "xapi.about.not-object",
        ),
        ("[]", "xapi.about.not-object"),
    ] {
        assert_eq!(
            About::parse(bad.as_bytes()).unwrap_err().code().as_str(),
            code,
            "{bad}"
        );
    }
}
