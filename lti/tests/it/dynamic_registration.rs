//! LTI Dynamic Registration 1.0, both sides: the platform configuration the tool reads, the
//! registration the tool posts and the platform checks, the answer.

use learnwire_lti::dynamic_registration::*;
use learnwire_lti::{Limits, Report, Url, http};
use serde_json::{Value, json};

const CONFIG_URL: &str = "https://lms.example.edu/api/lti/security/openid-configuration";

fn config_url() -> Url {
    Url::parse(CONFIG_URL).unwrap()
}

fn platform_json() -> Value {
    json!({
        "issuer": "https://lms.example.edu",
        "authorization_endpoint": "https://lms.example.edu/api/lti/authorize_redirect",
        "registration_endpoint": "https://lms.example.edu/api/lti/registrations",
        "jwks_uri": "https://lms.example.edu/api/lti/security/jwks",
        "token_endpoint": "https://lms.example.edu/login/oauth2/token",
        "token_endpoint_auth_methods_supported": ["private_key_jwt"],
        "token_endpoint_auth_signing_alg_values_supported": ["RS256"],
        "scopes_supported": ["openid", "https://purl.imsglobal.org/spec/lti-ags/scope/score"],
        "response_types_supported": ["id_token"],
        "id_token_signing_alg_values_supported": ["RS256"],
        "claims_supported": ["sub", "iss", "name", "email"],
        "subject_types_supported": ["public", "pairwise"],
        "authorization_server": "lms.example.edu",
        "https://purl.imsglobal.org/spec/lti-platform-configuration": {
            "product_family_code": "learnwire",
            "version": "1.0",
            "messages_supported": [
                { "type": "LtiResourceLinkRequest" },
                { "type": "LtiDeepLinkingRequest", "placements": ["editor_button"] }
            ],
            "variables": ["CourseSection.timeFrame.end"],
            "https://example.com/extension": true
        }
    })
}

fn read_platform(value: &Value) -> Result<PlatformConfiguration, Report> {
    PlatformConfiguration::parse(
        value.to_string().as_bytes(),
        &config_url(),
        &Limits::default(),
    )
}

#[track_caller]
fn assert_platform_issue(value: &Value, code: &str, pointer: &str) {
    let report = read_platform(value).unwrap_err();
    assert!(
        report
            .issues()
            .iter()
            .any(|issue| issue.code.as_str() == code && issue.location.to_string() == pointer),
        "no {code} at {pointer:?} in {report}"
    );
}

#[test]
fn platform_configuration_that_meets_the_spec_reads() {
    let platform = read_platform(&platform_json()).unwrap();
    assert_eq!(
        platform.issuer, "https://lms.example.edu",
        "kept exactly, no trailing slash added"
    );
    assert_eq!(
        platform.registration_endpoint.as_str(),
        "https://lms.example.edu/api/lti/registrations"
    );
    assert_eq!(platform.token_audience(), "lms.example.edu");
    assert_eq!(platform.lti.product_family_code, "learnwire");
    assert_eq!(platform.lti.messages_supported.len(), 2);
    assert_eq!(
        platform.lti.messages_supported[1].placements,
        ["editor_button"]
    );
    assert_eq!(platform.lti.variables, ["CourseSection.timeFrame.end"]);
    assert!(
        platform
            .lti
            .extensions
            .contains_key("https://example.com/extension")
    );
}

#[test]
fn platform_configuration_issuer_on_another_host_is_issuer() {
    let mut value = platform_json();
    value["issuer"] = json!("https://evil.example.com");
    assert_platform_issue(&value, "lti.dynamic-registration.issuer", "/issuer");
    let mut value = platform_json();
    value["issuer"] = json!("https://lms.example.edu:8443");
    assert_platform_issue(&value, "lti.dynamic-registration.issuer", "/issuer");
}

#[test]
fn platform_configuration_issuer_not_https_or_with_query_is_issuer() {
    let mut value = platform_json();
    value["issuer"] = json!("http://lms.example.edu");
    assert_platform_issue(&value, "lti.dynamic-registration.issuer", "/issuer");
    assert_platform_issue(&value, "lti.dynamic-registration.insecure-url", "/issuer");
    let mut value = platform_json();
    value["issuer"] = json!("https://lms.example.edu/?tenant=1");
    assert_platform_issue(&value, "lti.dynamic-registration.issuer", "/issuer");
    let mut value = platform_json();
    value["issuer"] = json!("https://lms.example.edu/#x");
    assert_platform_issue(&value, "lti.dynamic-registration.issuer", "/issuer");
}

#[test]
fn platform_configuration_missing_members_are_each_missing_at_their_pointer() {
    for name in [
        "issuer",
        "authorization_endpoint",
        "registration_endpoint",
        "jwks_uri",
        "token_endpoint",
        "token_endpoint_auth_methods_supported",
        "token_endpoint_auth_signing_alg_values_supported",
        "scopes_supported",
        "response_types_supported",
        "id_token_signing_alg_values_supported",
        "claims_supported",
        "subject_types_supported",
        "https://purl.imsglobal.org/spec/lti-platform-configuration",
    ] {
        let mut value = platform_json();
        value.as_object_mut().unwrap().remove(name);
        let pointer = format!("/{}", name.replace('/', "~1"));
        assert_platform_issue(&value, "lti.dynamic-registration.missing", &pointer);
    }
    for name in ["product_family_code", "version", "messages_supported"] {
        let mut value = platform_json();
        value["https://purl.imsglobal.org/spec/lti-platform-configuration"]
            .as_object_mut()
            .unwrap()
            .remove(name);
        let pointer =
            format!("/https:~1~1purl.imsglobal.org~1spec~1lti-platform-configuration/{name}");
        assert_platform_issue(&value, "lti.dynamic-registration.missing", &pointer);
    }
}

#[test]
fn platform_configuration_reports_every_problem_at_once() {
    let mut value = platform_json();
    value["issuer"] = json!("https://evil.example.com");
    value["token_endpoint"] = json!("http://lms.example.edu/token");
    value.as_object_mut().unwrap().remove("jwks_uri");
    let report = read_platform(&value).unwrap_err();
    for code in [
        "lti.dynamic-registration.issuer",
        "lti.dynamic-registration.insecure-url",
        "lti.dynamic-registration.missing",
    ] {
        assert!(report.has_code(code), "{code}");
    }
}

#[test]
fn platform_configuration_endpoint_not_https_is_insecure_url() {
    for name in [
        "authorization_endpoint",
        "registration_endpoint",
        "jwks_uri",
        "token_endpoint",
    ] {
        let mut value = platform_json();
        value[name] = json!("http://lms.example.edu/x");
        assert_platform_issue(
            &value,
            "lti.dynamic-registration.insecure-url",
            &format!("/{name}"),
        );
        value[name] = json!("/relative");
        assert_platform_issue(
            &value,
            "lti.dynamic-registration.insecure-url",
            &format!("/{name}"),
        );
    }
}

#[test]
fn platform_configuration_without_a_required_supported_value_is_value() {
    for (name, value_without) in [
        (
            "token_endpoint_auth_methods_supported",
            json!(["client_secret_basic"]),
        ),
        (
            "token_endpoint_auth_signing_alg_values_supported",
            json!(["ES256"]),
        ),
        ("id_token_signing_alg_values_supported", json!(["HS256"])),
        ("response_types_supported", json!(["code"])),
        ("scopes_supported", json!(["profile"])),
    ] {
        let mut value = platform_json();
        value[name] = value_without;
        assert_platform_issue(
            &value,
            "lti.dynamic-registration.value",
            &format!("/{name}"),
        );
    }
}

#[test]
fn platform_configuration_member_of_the_wrong_type_is_type() {
    let mut value = platform_json();
    value["scopes_supported"] = json!("openid");
    assert_platform_issue(&value, "lti.dynamic-registration.type", "/scopes_supported");
    let mut value = platform_json();
    value["claims_supported"] = json!(["sub", 7]);
    assert_platform_issue(
        &value,
        "lti.dynamic-registration.type",
        "/claims_supported/1",
    );
    let mut value = platform_json();
    value["https://purl.imsglobal.org/spec/lti-platform-configuration"]["messages_supported"] =
        json!(["LtiResourceLinkRequest"]);
    assert_platform_issue(
        &value,
        "lti.dynamic-registration.type",
        "/https:~1~1purl.imsglobal.org~1spec~1lti-platform-configuration/messages_supported/0",
    );
}

#[test]
fn platform_configuration_that_is_not_a_strict_small_json_object_is_json() {
    let limits = Limits::default();
    let duplicate = br#"{"issuer":"https://a.example","issuer":"https://lms.example.edu"}"#;
    for body in [&duplicate[..], b"[]", b"{", &[b'['; 100][..]] {
        let report = PlatformConfiguration::parse(body, &config_url(), &limits).unwrap_err();
        assert!(report.has_code("lti.dynamic-registration.json"), "{report}");
    }
    let big = format!(r#"{{"pad":"{}"}}"#, "x".repeat(70 * 1024));
    let report = PlatformConfiguration::parse(big.as_bytes(), &config_url(), &limits).unwrap_err();
    assert!(report.has_code("lti.dynamic-registration.json"));
}

#[test]
fn platform_configuration_answer_that_is_not_200_is_status() {
    let mut response = http::Response::new(b"<html>login</html>".to_vec());
    *response.status_mut() = http::StatusCode::FOUND;
    let error =
        PlatformConfiguration::parse_http_response(&response, &config_url(), &Limits::default())
            .unwrap_err();
    assert_eq!(error.code().as_str(), "lti.dynamic-registration.status");
    let ok = http::Response::new(platform_json().to_string().into_bytes());
    assert!(
        PlatformConfiguration::parse_http_response(&ok, &config_url(), &Limits::default()).is_ok()
    );
    let bad = http::Response::new(b"{}".to_vec());
    let error = PlatformConfiguration::parse_http_response(&bad, &config_url(), &Limits::default())
        .unwrap_err();
    assert_eq!(error.code().as_str(), "lti.dynamic-registration.missing");
}

// ---- the registration initiation ----

fn initiation_query(configuration: &str, token: Option<&str>) -> String {
    let mut query = url::form_urlencoded::Serializer::new(String::new());
    query.append_pair("openid_configuration", configuration);
    if let Some(token) = token {
        query.append_pair("registration_token", token);
    }
    query.finish()
}

fn initiation() -> RegistrationInitiation {
    RegistrationInitiation::from_query(
        initiation_query(CONFIG_URL, Some("reg-token-1")).as_bytes(),
        &Limits::default(),
    )
    .unwrap()
}

#[test]
fn registration_initiation_reads_the_configuration_url_and_token() {
    let request = http::Request::get(format!(
        "https://tool.example.com/register?{}",
        initiation_query(CONFIG_URL, Some("reg-token-1"))
    ))
    .body(Vec::<u8>::new())
    .unwrap();
    let read = RegistrationInitiation::from_http_request(&request, &Limits::default()).unwrap();
    assert_eq!(read.openid_configuration, config_url());
    assert_eq!(read.registration_token(), Some("reg-token-1"));
    assert!(!format!("{read:?}").contains("reg-token-1"));
    let fetch = read.configuration_request().unwrap();
    assert_eq!(fetch.method(), http::Method::GET);
    assert_eq!(fetch.uri(), CONFIG_URL);
}

#[test]
fn registration_initiation_without_an_https_configuration_url_is_initiation() {
    let limits = Limits::default();
    for query in [
        initiation_query("http://lms.example.edu/config", None),
        initiation_query("not a url", None),
        "registration_token=t".to_owned(),
        format!(
            "{}&openid_configuration=https://x.example/",
            initiation_query(CONFIG_URL, None)
        ),
        format!(
            "{}&pad={}",
            initiation_query(CONFIG_URL, None),
            "x".repeat(17 * 1024)
        ),
    ] {
        let error = RegistrationInitiation::from_query(query.as_bytes(), &limits).unwrap_err();
        assert_eq!(
            error.code().as_str(),
            "lti.dynamic-registration.initiation",
            "{query:.80}"
        );
    }
}

// ---- the tool's registration ----

fn url(text: &str) -> Url {
    Url::parse(text).unwrap()
}

fn tool_configuration() -> ToolConfiguration {
    let mut tool = ToolConfiguration::new(
        "Quiz tool",
        url("https://tool.example.com/login"),
        vec![
            url("https://tool.example.com/launch"),
            url("https://eu.tool.example.com/launch"),
        ],
        url("https://tool.example.com/jwks"),
        "tool.example.com",
        url("https://tool.example.com/launch"),
    );
    tool.scope = learnwire_lti::service_token::ScopeSet::parse(
        "https://purl.imsglobal.org/spec/lti-ags/scope/score",
    )
    .unwrap();
    let mut deep_linking = ToolMessage::new("LtiDeepLinkingRequest");
    deep_linking.target_link_uri = Some(url("https://tool.example.com/deep-link"));
    deep_linking.placements = vec!["editor_button".to_owned()];
    tool.lti.messages = vec![ToolMessage::new("LtiResourceLinkRequest"), deep_linking];
    tool.lti.claims = vec!["iss".into(), "sub".into(), "name".into()];
    tool
}

fn registration() -> RegistrationRequest {
    let platform = read_platform(&platform_json()).unwrap();
    RegistrationRequest::new(&platform, &initiation(), tool_configuration())
}

#[test]
fn registration_request_posts_the_configuration_with_the_registration_token() {
    let request = registration().to_http_request().unwrap();
    assert_eq!(request.method(), http::Method::POST);
    assert_eq!(
        request.uri(),
        "https://lms.example.edu/api/lti/registrations"
    );
    assert_eq!(request.headers()["content-type"], "application/json");
    assert_eq!(request.headers()["authorization"], "Bearer reg-token-1");
    let body: Value = serde_json::from_slice(request.body()).unwrap();
    assert_eq!(body["application_type"], "web");
    assert_eq!(body["response_types"], json!(["id_token"]));
    assert_eq!(
        body["grant_types"],
        json!(["implicit", "client_credentials"])
    );
    assert_eq!(body["token_endpoint_auth_method"], "private_key_jwt");
    assert_eq!(body["initiate_login_uri"], "https://tool.example.com/login");
    assert_eq!(body["jwks_uri"], "https://tool.example.com/jwks");
    assert_eq!(
        body["scope"],
        "https://purl.imsglobal.org/spec/lti-ags/scope/score"
    );
    let lti = &body["https://purl.imsglobal.org/spec/lti-tool-configuration"];
    assert_eq!(lti["domain"], "tool.example.com");
    assert_eq!(lti["target_link_uri"], "https://tool.example.com/launch");
    assert_eq!(lti["messages"][1]["type"], "LtiDeepLinkingRequest");
    assert_eq!(lti["claims"], json!(["iss", "sub", "name"]));
    // Our own request passes the platform-side checks without a warning.
    assert!(validate_registration_request(request.body(), &Limits::default()).is_empty());
}

#[test]
fn registration_request_without_a_token_sends_no_authorization() {
    let platform = read_platform(&platform_json()).unwrap();
    let initiation = RegistrationInitiation::from_query(
        initiation_query(CONFIG_URL, None).as_bytes(),
        &Limits::default(),
    )
    .unwrap();
    let request = RegistrationRequest::new(&platform, &initiation, tool_configuration())
        .to_http_request()
        .unwrap();
    assert!(request.headers().get("authorization").is_none());
}

#[test]
fn registration_answer_gives_the_client_id_and_deployment() {
    let answer = registration_response(&tool_configuration(), "client-7", Some("deployment-3"));
    assert_eq!(answer.status(), 200);
    let registered = registration().parse_http_response(&answer).unwrap();
    assert_eq!(registered.client_id, "client-7");
    assert_eq!(registered.deployment_id.as_deref(), Some("deployment-3"));
    assert_eq!(registered.configuration.unwrap().client_name, "Quiz tool");
    let mut created = http::Response::new(json!({ "client_id": "c-2" }).to_string().into_bytes());
    *created.status_mut() = http::StatusCode::CREATED;
    let registered = registration().parse_http_response(&created).unwrap();
    assert_eq!(registered.deployment_id, None);
}

#[test]
fn registration_answer_without_client_id_is_missing() {
    let answer = http::Response::new(br#"{"client_name":"x"}"#.to_vec());
    let error = registration().parse_http_response(&answer).unwrap_err();
    assert_eq!(error.code().as_str(), "lti.dynamic-registration.missing");
    let answer = http::Response::new(br#"{"client_id":7}"#.to_vec());
    let error = registration().parse_http_response(&answer).unwrap_err();
    assert_eq!(error.code().as_str(), "lti.dynamic-registration.type");
}

#[test]
fn registration_answer_with_an_error_status_is_status_with_the_body_kept() {
    let mut answer = http::Response::new(br#"{"error":"invalid_client_metadata"}"#.to_vec());
    *answer.status_mut() = http::StatusCode::BAD_REQUEST;
    match registration().parse_http_response(&answer).unwrap_err() {
        error @ DynamicRegistrationError::Status { .. } => {
            assert_eq!(error.code().as_str(), "lti.dynamic-registration.status");
            assert!(error.to_string().contains("400"));
        }
        other => panic!("{other:?}"),
    }
}

// ---- the platform side ----

fn request_json() -> Value {
    serde_json::to_value(tool_configuration()).unwrap()
}

#[track_caller]
fn assert_request_issue(value: &Value, code: &str, pointer: &str) {
    let report = validate_registration_request(value.to_string().as_bytes(), &Limits::default());
    assert!(
        report
            .issues()
            .iter()
            .any(|issue| issue.code.as_str() == code && issue.location.to_string() == pointer),
        "no {code} at {pointer:?} in {report}"
    );
}

const LTI: &str = "/https:~1~1purl.imsglobal.org~1spec~1lti-tool-configuration";
const LTI_KEY: &str = "https://purl.imsglobal.org/spec/lti-tool-configuration";

#[test]
fn registration_request_with_a_fixed_value_changed_is_value() {
    for (name, other) in [
        ("application_type", json!("native")),
        ("response_types", json!(["code"])),
        ("grant_types", json!(["implicit"])),
        ("token_endpoint_auth_method", json!("client_secret_basic")),
    ] {
        let mut value = request_json();
        value[name] = other;
        assert_request_issue(
            &value,
            "lti.dynamic-registration.value",
            &format!("/{name}"),
        );
    }
}

#[test]
fn registration_request_missing_a_required_member_is_missing() {
    for name in [
        "application_type",
        "response_types",
        "grant_types",
        "initiate_login_uri",
        "redirect_uris",
        "client_name",
        "jwks_uri",
        "token_endpoint_auth_method",
        LTI_KEY,
    ] {
        let mut value = request_json();
        value.as_object_mut().unwrap().remove(name);
        assert_request_issue(
            &value,
            "lti.dynamic-registration.missing",
            &format!("/{}", name.replace('/', "~1")),
        );
    }
    for name in ["domain", "target_link_uri", "claims"] {
        let mut value = request_json();
        value[LTI_KEY].as_object_mut().unwrap().remove(name);
        assert_request_issue(
            &value,
            "lti.dynamic-registration.missing",
            &format!("{LTI}/{name}"),
        );
    }
    let mut value = request_json();
    value["redirect_uris"] = json!([]);
    assert_request_issue(&value, "lti.dynamic-registration.missing", "/redirect_uris");
    let mut value = request_json();
    value["client_name"] = json!("");
    assert_request_issue(&value, "lti.dynamic-registration.missing", "/client_name");
}

#[test]
fn registration_request_uri_not_https_is_insecure_url() {
    let mut value = request_json();
    value["redirect_uris"][1] = json!("http://tool.example.com/launch");
    assert_request_issue(
        &value,
        "lti.dynamic-registration.insecure-url",
        "/redirect_uris/1",
    );
    for name in [
        "initiate_login_uri",
        "jwks_uri",
        "logo_uri",
        "tos_uri",
        "policy_uri",
        "client_uri",
    ] {
        let mut value = request_json();
        value[name] = json!("javascript:alert(1)");
        assert_request_issue(
            &value,
            "lti.dynamic-registration.insecure-url",
            &format!("/{name}"),
        );
    }
    let mut value = request_json();
    value[LTI_KEY]["messages"][1]["target_link_uri"] = json!("http://tool.example.com/dl");
    assert_request_issue(
        &value,
        "lti.dynamic-registration.insecure-url",
        &format!("{LTI}/messages/1/target_link_uri"),
    );
}

#[test]
fn registration_request_with_an_unknown_message_type_is_message_type() {
    for kind in ["LtiDeepLinkingResponse", "LtiEULARequest", ""] {
        let mut value = request_json();
        value[LTI_KEY]["messages"][0]["type"] = json!(kind);
        let code = if kind.is_empty() {
            "lti.dynamic-registration.missing"
        } else {
            "lti.dynamic-registration.message-type"
        };
        assert_request_issue(&value, code, &format!("{LTI}/messages/0/type"));
    }
}

#[test]
fn registration_request_launch_url_off_the_tool_domain_is_a_domain_warning() {
    let mut value = request_json();
    value["redirect_uris"][0] = json!("https://evil.example.net/launch");
    assert_request_issue(
        &value,
        "lti.dynamic-registration.domain",
        "/redirect_uris/0",
    );
    let submission = submit(&value, None).unwrap();
    assert_eq!(submission.warnings.warnings().count(), 1);
    // Subdomains and secondary domains are on the tool's domain.
    let mut value = request_json();
    value["redirect_uris"][0] = json!("https://other.example.org/launch");
    value[LTI_KEY]["secondary_domains"] = json!(["other.example.org"]);
    let report = validate_registration_request(value.to_string().as_bytes(), &Limits::default());
    assert!(report.is_empty(), "{report}");
}

#[test]
fn registration_request_with_a_bad_scope_or_wrong_types_is_refused_with_pointers() {
    let mut value = request_json();
    value["scope"] = json!("a  b");
    assert_request_issue(&value, "lti.scope.invalid", "/scope");
    let mut value = request_json();
    value[LTI_KEY]["custom_parameters"] = json!({ "a": 1 });
    assert_request_issue(
        &value,
        "lti.dynamic-registration.type",
        &format!("{LTI}/custom_parameters/a"),
    );
    let mut value = request_json();
    value["contacts"] = json!("a@example.com");
    assert_request_issue(&value, "lti.dynamic-registration.type", "/contacts");
    let report = validate_registration_request(br#"{"a":1,"a":2}"#, &Limits::default());
    assert!(report.has_code("lti.dynamic-registration.json"));
}

fn submit(
    value: &Value,
    token: Option<&str>,
) -> Result<RegistrationSubmission, DynamicRegistrationError> {
    let mut builder = http::Request::post("https://lms.example.edu/api/lti/registrations")
        .header("content-type", "application/json; charset=utf-8");
    if let Some(token) = token {
        builder = builder.header("authorization", format!("Bearer {token}"));
    }
    let request = builder.body(value.to_string().into_bytes()).unwrap();
    RegistrationSubmission::from_http_request(&request, &Limits::default())
}

#[test]
fn platform_reads_a_registration_and_its_token_and_answers() {
    let submission = submit(&request_json(), Some("reg-token-1")).unwrap();
    assert_eq!(submission.registration_token(), Some("reg-token-1"));
    assert!(!format!("{submission:?}").contains("reg-token-1"));
    assert_eq!(submission.configuration, tool_configuration());
    let answer = registration_response(&submission.configuration, "client-9", None);
    let body: Value = serde_json::from_slice(answer.body()).unwrap();
    assert_eq!(body["client_id"], "client-9");
    assert_eq!(body["client_name"], "Quiz tool");
    assert!(body[LTI_KEY].get("deployment_id").is_none());
}

#[test]
fn registration_that_is_not_a_json_post_with_one_bearer_is_http() {
    let get = http::Request::get("https://lms.example.edu/r")
        .body(Vec::new())
        .unwrap();
    let form = http::Request::post("https://lms.example.edu/r")
        .header("content-type", "application/x-www-form-urlencoded")
        .body(b"{}".to_vec())
        .unwrap();
    let basic = http::Request::post("https://lms.example.edu/r")
        .header("content-type", "application/json")
        .header("authorization", "Basic abc")
        .body(request_json().to_string().into_bytes())
        .unwrap();
    let twice = http::Request::post("https://lms.example.edu/r")
        .header("content-type", "application/json")
        .header("authorization", "Bearer a")
        .header("authorization", "Bearer b")
        .body(request_json().to_string().into_bytes())
        .unwrap();
    for request in [get, form, basic, twice] {
        let error =
            RegistrationSubmission::from_http_request(&request, &Limits::default()).unwrap_err();
        assert_eq!(error.code().as_str(), "lti.dynamic-registration.http");
    }
}

#[test]
fn refused_registration_answer_names_the_problem_in_rfc7591_terms() {
    let mut value = request_json();
    value["redirect_uris"][0] = json!("http://tool.example.com/launch");
    let error = submit(&value, None).unwrap_err();
    assert_eq!(
        error.code().as_str(),
        "lti.dynamic-registration.insecure-url"
    );
    let answer = error.to_http_response();
    assert_eq!(answer.status(), 400);
    let body: Value = serde_json::from_slice(answer.body()).unwrap();
    assert_eq!(body["error"], "invalid_redirect_uri");
    assert!(
        body["error_description"]
            .as_str()
            .unwrap()
            .starts_with("lti.dynamic-registration.insecure-url")
    );
    let mut value = request_json();
    value["application_type"] = json!("native");
    let body: Value =
        serde_json::from_slice(submit(&value, None).unwrap_err().to_http_response().body())
            .unwrap();
    assert_eq!(body["error"], "invalid_client_metadata");
}

/// Hostile input: every prefix and every single-byte change of a valid document ends in a value or a
/// report with codes, never a panic.
#[test]
fn truncated_or_altered_documents_never_panic_and_always_name_a_code() {
    let limits = Limits::default();
    let platform = platform_json().to_string();
    let request = request_json().to_string();
    let mut inputs: Vec<Vec<u8>> = Vec::new();
    for text in [&platform, &request] {
        let bytes = text.as_bytes();
        inputs.extend((0..bytes.len()).map(|end| bytes[..end].to_vec()));
        inputs.extend((0..bytes.len()).step_by(7).map(|at| {
            let mut altered = bytes.to_vec();
            altered[at] = altered[at].wrapping_add(1);
            altered
        }));
    }
    for input in &inputs {
        if let Err(report) = PlatformConfiguration::parse(input, &config_url(), &limits) {
            assert!(report.errors().next().is_some());
        }
        let report = validate_registration_request(input, &limits);
        assert_eq!(
            report.is_valid(),
            parse_registration_request(input, &limits).is_ok(),
            "validate and parse disagree on {:?}",
            String::from_utf8_lossy(input)
        );
    }
}

/// Dynamic Registration hands both sides records that work: the platform's ToolRegistration and the
/// tool's PlatformRegistration, then a service token obtained with the platform's
/// `authorization_server` as audience.
#[test]
fn a_dynamic_registration_gives_both_sides_records_that_work_for_service_tokens() {
    use std::sync::Arc;

    use learnwire_lti::service_token::{
        InMemoryAccessTokenStore, InMemoryJtiStore, Scope, ScopeSet, TokenEndpoint, TokenRequest,
    };

    use crate::support::{jwks_of, key_set, now, platform_key, tool_key};

    let platform = read_platform(&platform_json()).unwrap();
    let registration = RegistrationRequest::new(&platform, &initiation(), tool_configuration());
    let post = registration.to_http_request().unwrap();
    let submission = RegistrationSubmission::from_http_request(&post, &Limits::default()).unwrap();
    assert_eq!(submission.registration_token(), Some("reg-token-1"));
    let answer = registration_response(&submission.configuration, "client-42", Some("dep-1"));
    let registered = registration.parse_http_response(&answer).unwrap();

    let tool_keys = Arc::new(key_set(&jwks_of(&[tool_key()])).unwrap());
    let tool = submission
        .configuration
        .tool_registration("client-42", Some("dep-1"), tool_keys);
    assert_eq!(tool.client_id, "client-42");
    assert!(tool.deployment_ids.contains("dep-1"));
    assert_eq!(tool.redirect_uris[0], "https://tool.example.com/launch");
    assert_eq!(
        tool.login_initiation_url,
        Some(url("https://tool.example.com/login"))
    );
    assert!(tool.scopes.contains(Scope::AGS_SCORE));

    let platform_keys = Arc::new(key_set(&jwks_of(&[platform_key()])).unwrap());
    let record = platform.platform_registration(
        &registered,
        url("https://tool.example.com/launch"),
        platform_keys,
    );
    assert_eq!(record.issuer, "https://lms.example.edu");
    assert_eq!(record.client_id, "client-42");
    assert!(record.deployment_ids.contains("dep-1"));

    let request = TokenRequest::for_platform(
        &platform,
        registered.client_id.clone(),
        ScopeSet::parse(Scope::AGS_SCORE).unwrap(),
    );
    assert_eq!(
        request.audience(),
        "lms.example.edu",
        "authorization_server"
    );
    let sent = request.to_http_request(tool_key(), now()).unwrap();
    let store = InMemoryAccessTokenStore::new(10);
    let issued = TokenEndpoint::new(platform.token_endpoint.as_str())
        .with_audiences(["lms.example.edu".to_owned()])
        .handle(&tool, &sent, &InMemoryJtiStore::new(10), now(), |grant| {
            grant.issue_opaque(&store)
        })
        .unwrap();
    let token = request
        .parse_http_response(&issued.to_http_response(), now())
        .unwrap();
    assert!(token.scopes().contains(Scope::AGS_SCORE));
    // Without authorization_server the audience is the token endpoint exactly as written.
    let mut value = platform_json();
    value
        .as_object_mut()
        .unwrap()
        .remove("authorization_server");
    let platform = read_platform(&value).unwrap();
    let request = TokenRequest::for_platform(&platform, "c", ScopeSet::new());
    assert_eq!(
        request.audience(),
        "https://lms.example.edu/login/oauth2/token"
    );
}
