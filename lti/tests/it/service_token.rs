//! Service access tokens, both sides: the tool's token request and response, the token cache, the
//! platform's token endpoint (LTI-48 and every other refusal), access-token checks on service requests,
//! and jsonwebtoken as an interop oracle for the assertion.

use std::sync::Arc;

use chrono::TimeDelta;
use learnwire_lti::keys::{KeySet, SigningKey};
use learnwire_lti::platform::ToolRegistration;
use learnwire_lti::service_token::*;
use learnwire_lti::{InMemoryNonceStore, Limits, Url, http};
use serde_json::{Map, Value, json};

use crate::support::*;

const TOKEN_URL: &str = "https://platform.example.edu/oauth2/token";
const OTHER_SCOPE: &str = "https://example.com/scope/other";

fn form(body: &[u8]) -> Map<String, Value> {
    url::form_urlencoded::parse(body)
        .map(|(k, v)| (k.into_owned(), Value::String(v.into_owned())))
        .collect()
}

fn payload(jwt: &str) -> Map<String, Value> {
    let middle = jwt.split('.').nth(1).unwrap();
    let bytes =
        base64::Engine::decode(&base64::engine::general_purpose::URL_SAFE_NO_PAD, middle).unwrap();
    serde_json::from_slice(&bytes).unwrap()
}

fn scopes(text: &str) -> ScopeSet {
    ScopeSet::parse(text).unwrap()
}

fn token_request() -> TokenRequest {
    TokenRequest::new(
        Url::parse(TOKEN_URL).unwrap(),
        CLIENT_ID,
        scopes(&format!("{} {}", Scope::AGS_SCORE, Scope::AGS_LINE_ITEM)),
    )
}

fn response(status: u16, body: &str) -> http::Response<Vec<u8>> {
    let mut response = http::Response::new(body.as_bytes().to_vec());
    *response.status_mut() = http::StatusCode::from_u16(status).unwrap();
    response
}

fn parse(status: u16, body: &str) -> Result<TokenResponse, TokenResponseError> {
    token_request().parse_http_response(&response(status, body), now())
}

fn parse_code(status: u16, body: &str) -> String {
    parse(status, body).unwrap_err().code().to_string()
}

// ---- tool side: the request ----

#[test]
fn token_request_is_a_form_post_with_a_fresh_client_assertion() {
    let request = token_request().to_http_request(tool_key(), now()).unwrap();
    assert_eq!(request.method(), http::Method::POST);
    assert_eq!(request.uri(), TOKEN_URL);
    assert_eq!(
        request.headers()["content-type"],
        "application/x-www-form-urlencoded"
    );
    assert_eq!(request.headers()["accept"], "application/json");
    let fields = form(request.body());
    assert_eq!(fields["grant_type"], "client_credentials");
    assert_eq!(
        fields["client_assertion_type"],
        "urn:ietf:params:oauth:client-assertion-type:jwt-bearer"
    );
    // Scopes in set order, single spaces.
    assert_eq!(
        fields["scope"],
        format!("{} {}", Scope::AGS_LINE_ITEM, Scope::AGS_SCORE)
    );
    let claims = payload(fields["client_assertion"].as_str().unwrap());
    assert_eq!(claims["iss"], CLIENT_ID);
    assert_eq!(claims["sub"], CLIENT_ID);
    assert_eq!(claims["aud"], TOKEN_URL, "one string, the token endpoint");
    assert_eq!(claims["iat"], NOW);
    assert_eq!(claims["exp"], NOW + 300);
    let jti = claims["jti"].as_str().unwrap();
    assert_eq!(jti.len(), 43, "256 random bits");
    let again = token_request().to_http_request(tool_key(), now()).unwrap();
    let again = payload(form(again.body())["client_assertion"].as_str().unwrap());
    assert_ne!(again["jti"], claims["jti"], "a fresh jti per request");
}

#[test]
fn token_request_audience_override_is_the_assertion_aud() {
    let request = token_request().with_audience("https://auth.brightspace.com/core/connect/token");
    assert_eq!(
        request.audience(),
        "https://auth.brightspace.com/core/connect/token"
    );
    let claims = payload(&request.assertion(tool_key(), now()).unwrap());
    assert_eq!(
        claims["aud"],
        "https://auth.brightspace.com/core/connect/token"
    );
}

#[test]
fn token_request_assertion_lifetime_is_at_most_five_minutes() {
    let long = token_request().with_assertion_lifetime(TimeDelta::hours(2));
    let claims = payload(&long.assertion(tool_key(), now()).unwrap());
    assert_eq!(claims["exp"], NOW + 300);
    let short = token_request().with_assertion_lifetime(TimeDelta::seconds(60));
    let claims = payload(&short.assertion(tool_key(), now()).unwrap());
    assert_eq!(claims["exp"], NOW + 60);
}

#[test]
fn token_request_without_scopes_sends_no_scope_parameter() {
    let request = TokenRequest::new(Url::parse(TOKEN_URL).unwrap(), CLIENT_ID, ScopeSet::new());
    let sent = request.to_http_request(tool_key(), now()).unwrap();
    assert!(!form(sent.body()).contains_key("scope"));
}

// ---- tool side: the response ----

#[test]
fn token_response_reads_token_type_expiry_and_granted_scope() {
    let token = parse(
        200,
        &format!(
            r#"{{"access_token":"abc.DEF-_~+/=","token_type":"Bearer","expires_in":3600,"scope":"{}"}}"#,
            Scope::AGS_SCORE
        ),
    )
    .unwrap();
    assert_eq!(token.access_token().secret(), "abc.DEF-_~+/=");
    assert_eq!(token.expires_in(), TimeDelta::seconds(3600));
    assert_eq!(token.expires_at(), now() + TimeDelta::seconds(3600));
    assert_eq!(token.scopes(), &scopes(Scope::AGS_SCORE));
    assert!(
        !format!("{token:?}").contains("abc.DEF"),
        "Debug hides the token"
    );
    assert_eq!(token.to_json()["expires_in"], 3600);
}

#[test]
fn token_response_token_type_bearer_is_case_insensitive() {
    for kind in ["bearer", "BEARER", "Bearer"] {
        let body = format!(r#"{{"access_token":"t","token_type":"{kind}","expires_in":60}}"#);
        assert!(parse(200, &body).is_ok(), "{kind}");
    }
}

#[test]
fn token_response_other_token_type_is_token_type() {
    assert_eq!(
        parse_code(
            200,
            r#"{"access_token":"t","token_type":"mac","expires_in":60}"#
        ),
        "lti.token-response.token-type"
    );
    assert_eq!(
        parse_code(200, r#"{"access_token":"t","expires_in":60}"#),
        "lti.token-response.token-type"
    );
}

#[test]
fn token_response_without_expires_in_is_expires_in_unless_a_default_is_assumed() {
    let body = r#"{"access_token":"t","token_type":"Bearer"}"#;
    assert_eq!(parse_code(200, body), "lti.token-response.expires-in");
    let token = token_request()
        .assume_expires_in(TimeDelta::seconds(600))
        .parse_http_response(&response(200, body), now())
        .unwrap();
    assert_eq!(token.expires_at(), now() + TimeDelta::seconds(600));
}

#[test]
fn token_response_expires_in_that_is_not_seconds_is_expires_in() {
    for value in ["\"3600\"", "-1", "3600.5", "1e300", "99999999999", "true"] {
        let body = format!(r#"{{"access_token":"t","token_type":"Bearer","expires_in":{value}}}"#);
        assert_eq!(
            parse_code(200, &body),
            "lti.token-response.expires-in",
            "{value}"
        );
    }
}

#[test]
fn token_response_without_scope_grants_the_requested_scopes() {
    let token = parse(
        200,
        r#"{"access_token":"t","token_type":"Bearer","expires_in":60}"#,
    )
    .unwrap();
    assert_eq!(token.scopes(), token_request().scopes());
}

#[test]
fn token_response_scope_that_is_not_a_scope_list_is_scope() {
    for scope in [r#""a  b""#, "7", r#""a\"b""#] {
        let body = format!(
            r#"{{"access_token":"t","token_type":"Bearer","expires_in":60,"scope":{scope}}}"#
        );
        assert_eq!(
            parse_code(200, &body),
            "lti.token-response.scope",
            "{scope}"
        );
    }
}

#[test]
fn token_response_without_usable_access_token_is_access_token() {
    for token in [
        None,
        Some("\"\""),
        Some("7"),
        Some("\"has space\""),
        Some("\"a\\nb\""),
    ] {
        let mut body = json!({ "token_type": "Bearer", "expires_in": 60 });
        if let Some(token) = token {
            body["access_token"] = serde_json::from_str(token).unwrap();
        }
        assert_eq!(
            parse_code(200, &body.to_string()),
            "lti.token-response.access-token",
            "{token:?}"
        );
    }
}

#[test]
fn token_response_rfc6749_error_is_refused_with_its_error_and_description() {
    let error = parse(
        400,
        r#"{"error":"invalid_scope","error_description":"scope not allowed"}"#,
    )
    .unwrap_err();
    assert_eq!(error.code().as_str(), "lti.token-response.refused");
    match &error {
        TokenResponseError::Refused {
            status,
            error,
            description,
        } => {
            assert_eq!(*status, 400);
            assert_eq!(error.as_str(), "invalid_scope");
            assert_eq!(description.as_ref().unwrap().as_str(), "scope not allowed");
        }
        other => panic!("{other:?}"),
    }
    assert!(error.to_string().contains("invalid_scope"));
    assert_eq!(
        parse_code(401, r#"{"error":"invalid_client"}"#),
        "lti.token-response.refused"
    );
}

#[test]
fn token_response_other_status_is_status_with_the_body_kept() {
    let error = parse(502, "<html>Bad gateway</html>").unwrap_err();
    assert_eq!(error.code().as_str(), "lti.token-response.status");
    match error {
        TokenResponseError::Status { status, body } => {
            assert_eq!(status, 502);
            assert!(body.as_str().contains("Bad gateway"));
        }
        other => panic!("{other:?}"),
    }
    // A 200 that is an error object is read as a token (and fails as one).
    assert_eq!(
        parse_code(200, r#"{"error":"x"}"#),
        "lti.token-response.access-token"
    );
}

#[test]
fn token_response_larger_than_the_limit_is_too_large() {
    let body = format!(
        r#"{{"access_token":"t","token_type":"Bearer","expires_in":60,"pad":"{}"}}"#,
        "x".repeat(70 * 1024)
    );
    assert_eq!(parse_code(200, &body), "lti.token-response.too-large");
    let roomy = token_request().with_limits(Limits::default().with_max_oauth_body_bytes(1 << 20));
    assert!(
        roomy
            .parse_http_response(&response(200, &body), now())
            .is_ok()
    );
}

#[test]
fn token_response_that_is_not_a_strict_json_object_is_json() {
    for body in [
        r#"{"access_token":"t","access_token":"u","token_type":"Bearer","expires_in":60}"#,
        "[]",
        "not json",
        "",
    ] {
        assert_eq!(parse_code(200, body), "lti.token-response.json", "{body}");
    }
}

// ---- tool side: the cache ----

fn granted(expires_in: i64) -> TokenResponse {
    let body = format!(
        r#"{{"access_token":"t{expires_in}","token_type":"Bearer","expires_in":{expires_in}}}"#
    );
    token_request()
        .parse_http_response(&response(200, &body), now())
        .unwrap()
}

#[test]
fn token_cache_returns_a_token_until_it_expires_minus_the_margin() {
    let cache = TokenCache::new().with_margin(TimeDelta::seconds(30));
    let request = token_request();
    assert!(cache.get(&request, now()).is_none());
    cache.insert(&request, granted(3600), now());
    assert!(
        cache
            .get(&request, now() + TimeDelta::seconds(3569))
            .is_some()
    );
    assert!(
        cache
            .get(&request, now() + TimeDelta::seconds(3570))
            .is_none()
    );
    cache.remove(&request);
    assert!(cache.is_empty());
    // A token already inside the margin is not kept.
    cache.insert(&request, granted(10), now());
    assert!(cache.is_empty());
}

#[test]
fn token_cache_is_keyed_by_scope_set_endpoint_and_client() {
    let cache = TokenCache::new();
    cache.insert(&token_request(), granted(3600), now());
    let reordered = TokenRequest::new(
        Url::parse(TOKEN_URL).unwrap(),
        CLIENT_ID,
        scopes(&format!("{} {}", Scope::AGS_LINE_ITEM, Scope::AGS_SCORE)),
    );
    assert!(
        cache.get(&reordered, now()).is_some(),
        "same set, other order"
    );
    let fewer = TokenRequest::new(
        Url::parse(TOKEN_URL).unwrap(),
        CLIENT_ID,
        scopes(Scope::AGS_SCORE),
    );
    assert!(cache.get(&fewer, now()).is_none());
    let other_client = TokenRequest::new(
        Url::parse(TOKEN_URL).unwrap(),
        "client-2",
        token_request().scopes().clone(),
    );
    assert!(cache.get(&other_client, now()).is_none());
    let other_platform = TokenRequest::new(
        Url::parse("https://other.example/token").unwrap(),
        CLIENT_ID,
        token_request().scopes().clone(),
    );
    assert!(cache.get(&other_platform, now()).is_none());
}

#[test]
fn token_cache_when_full_drops_the_token_expiring_first() {
    let cache = TokenCache::new().with_capacity(2);
    let a = TokenRequest::new(Url::parse(TOKEN_URL).unwrap(), "a", ScopeSet::new());
    let b = TokenRequest::new(Url::parse(TOKEN_URL).unwrap(), "b", ScopeSet::new());
    let c = TokenRequest::new(Url::parse(TOKEN_URL).unwrap(), "c", ScopeSet::new());
    cache.insert(&a, granted(3600), now());
    cache.insert(&b, granted(600), now());
    cache.insert(&c, granted(1800), now());
    assert_eq!(cache.len(), 2);
    assert!(cache.get(&b, now()).is_none());
    assert!(cache.get(&a, now()).is_some() && cache.get(&c, now()).is_some());
}

// ---- scopes ----

#[test]
fn scope_lists_outside_the_rfc6749_grammar_are_scope_invalid() {
    for text in ["a  b", " a", "a ", "a\"b", "a\\b", "é", "a\tb"] {
        assert_eq!(
            ScopeSet::parse(text).unwrap_err().code().as_str(),
            "lti.scope.invalid",
            "{text:?}"
        );
    }
    assert!(ScopeSet::parse("").unwrap().is_empty());
    let set = scopes("b a b");
    assert_eq!(set.len(), 2);
    assert_eq!(set.to_string(), "a b");
    assert_eq!(
        Scope::NRPS_CONTEXT_MEMBERSHIP_READONLY,
        "https://purl.imsglobal.org/spec/lti-nrps/scope/contextmembership.readonly"
    );
    let ags = learnwire_lti::claims::AgsScope::Score;
    assert_eq!(Scope::try_from(&ags).unwrap().as_str(), Scope::AGS_SCORE);
}

// ---- platform side: the token endpoint ----

fn tool() -> ToolRegistration {
    let keys = key_set(&jwks_of(&[tool_key()])).unwrap();
    let mut tool = ToolRegistration::new(CLIENT_ID, vec![TARGET.to_owned()], Arc::new(keys));
    tool.scopes = scopes(&format!(
        "{} {}",
        Scope::AGS_SCORE,
        Scope::NRPS_CONTEXT_MEMBERSHIP_READONLY
    ));
    tool
}

fn assertion_claims() -> Map<String, Value> {
    json!({ "iss": CLIENT_ID, "sub": CLIENT_ID, "aud": TOKEN_URL, "iat": NOW, "exp": NOW + 300, "jti": "j-1" })
        .as_object()
        .unwrap()
        .clone()
}

fn assertion_with(change: impl FnOnce(&mut Map<String, Value>)) -> String {
    let mut claims = assertion_claims();
    change(&mut claims);
    tool_key().sign_jwt(&claims).unwrap()
}

fn post(body: &str) -> http::Request<Vec<u8>> {
    http::Request::post(TOKEN_URL)
        .header("content-type", "application/x-www-form-urlencoded")
        .body(body.as_bytes().to_vec())
        .unwrap()
}

fn token_form(assertion: &str, scope: &str) -> String {
    url::form_urlencoded::Serializer::new(String::new())
        .append_pair("grant_type", "client_credentials")
        .append_pair(
            "client_assertion_type",
            "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
        )
        .append_pair("client_assertion", assertion)
        .append_pair("scope", scope)
        .finish()
}

/// The endpoint's verdict on `body`, with the registered tool found by lookup.
fn endpoint_verdict(body: &str) -> Result<IssuedToken, TokenEndpointError> {
    let tools = [tool()];
    let lookup = |client_id: &str| tools.iter().find(|tool| tool.client_id == client_id);
    let store = InMemoryAccessTokenStore::new(10);
    TokenEndpoint::new(TOKEN_URL).handle(
        lookup,
        &post(body),
        &InMemoryNonceStore::new(10),
        now(),
        |grant| grant.issue_opaque(&store),
    )
}

#[track_caller]
fn assert_endpoint_refuses(body: &str, code: &str) {
    let error = endpoint_verdict(body).unwrap_err();
    assert_eq!(error.code().as_str(), code, "{error}");
}

#[track_caller]
fn assert_assertion_refused(assertion: &str, code: &str) {
    let error = endpoint_verdict(&token_form(assertion, Scope::AGS_SCORE)).unwrap_err();
    assert_eq!(error.code().as_str(), code, "{error}");
    assert_eq!(error.oauth_error(), "invalid_client");
    assert_eq!(error.status(), 401);
}

#[test]
fn token_endpoint_accepts_a_valid_assertion_lti_48a() {
    let issued = endpoint_verdict(&token_form(&assertion_with(|_| {}), Scope::AGS_SCORE)).unwrap();
    assert_eq!(issued.scopes(), &scopes(Scope::AGS_SCORE));
    assert_eq!(issued.expires_in(), TimeDelta::hours(1));
}

#[test]
fn token_endpoint_refuses_iss_not_sub_lti_48b() {
    assert_assertion_refused(
        &assertion_with(|c| drop(c.insert("sub".into(), json!("someone-else")))),
        "lti.claim.sub",
    );
}

#[test]
fn token_endpoint_refuses_missing_sub() {
    assert_assertion_refused(
        &assertion_with(|c| drop(c.remove("sub"))),
        "lti.claim.missing",
    );
}

#[test]
fn token_endpoint_refuses_aud_not_the_token_endpoint_lti_48c() {
    assert_assertion_refused(
        &assertion_with(|c| drop(c.insert("aud".into(), json!("https://other.example/token")))),
        "lti.claim.aud",
    );
    // Exact string comparison: a trailing slash is another audience.
    assert_assertion_refused(
        &assertion_with(|c| drop(c.insert("aud".into(), json!(format!("{TOKEN_URL}/"))))),
        "lti.claim.aud",
    );
}

#[test]
fn token_endpoint_accepts_a_configured_audience() {
    let assertion = assertion_with(|c| drop(c.insert("aud".into(), json!(ISSUER))));
    let store = InMemoryAccessTokenStore::new(10);
    let issued = TokenEndpoint::new(TOKEN_URL)
        .with_audiences([ISSUER.to_owned()])
        .handle(
            &tool(),
            &post(&token_form(&assertion, Scope::AGS_SCORE)),
            &InMemoryNonceStore::new(10),
            now(),
            |grant| grant.issue_opaque(&store),
        );
    assert!(issued.is_ok());
}

#[test]
fn token_endpoint_refuses_an_assertion_without_jti_lti_48d() {
    assert_assertion_refused(
        &assertion_with(|c| drop(c.remove("jti"))),
        "lti.claim.missing",
    );
    assert_assertion_refused(
        &assertion_with(|c| drop(c.insert("jti".into(), json!("")))),
        "lti.claim.type",
    );
}

#[test]
fn token_endpoint_refuses_alg_none_lti_48e() {
    let none = format!(
        "{}.{}.",
        b64(br#"{"alg":"none","kid":"lw-tool-2023-01"}"#),
        b64(Value::Object(assertion_claims()).to_string().as_bytes())
    );
    assert_assertion_refused(&none, "lti.header.alg-none");
}

#[test]
fn token_endpoint_refuses_an_expired_assertion_lti_48f() {
    assert_assertion_refused(
        &assertion_with(|c| {
            c.insert("iat".into(), json!(NOW - 400));
            c.insert("exp".into(), json!(NOW - 100));
        }),
        "lti.claim.exp",
    );
}

#[test]
fn token_endpoint_refuses_an_assertion_living_longer_than_five_minutes() {
    assert_assertion_refused(
        &assertion_with(|c| drop(c.insert("exp".into(), json!(NOW + 301)))),
        "lti.claim.lifetime",
    );
}

#[test]
fn token_endpoint_refuses_an_assertion_issued_in_the_future() {
    assert_assertion_refused(
        &assertion_with(|c| {
            c.insert("iat".into(), json!(NOW + 3600));
            c.insert("exp".into(), json!(NOW + 3700));
        }),
        "lti.claim.iat-future",
    );
}

#[test]
fn token_endpoint_refuses_a_replayed_jti() {
    let tools = [tool()];
    let lookup = |client_id: &str| tools.iter().find(|tool| tool.client_id == client_id);
    let (jtis, store) = (InMemoryJtiStore::new(10), InMemoryAccessTokenStore::new(10));
    let endpoint = TokenEndpoint::new(TOKEN_URL);
    let request = post(&token_form(&assertion_with(|_| {}), Scope::AGS_SCORE));
    assert!(
        endpoint
            .handle(lookup, &request, &jtis, now(), |g| g.issue_opaque(&store))
            .is_ok()
    );
    let error = endpoint
        .handle(lookup, &request, &jtis, now(), |g| g.issue_opaque(&store))
        .unwrap_err();
    assert_eq!(error.code().as_str(), "lti.nonce.replayed");
}

#[test]
fn token_endpoint_refuses_an_assertion_signed_by_another_key() {
    let forged = second_key().sign_jwt(&assertion_claims()).unwrap();
    assert_assertion_refused(&forged, "lti.key.unknown-kid");
    let mut header = header("lw-tool-2023-01");
    header["alg"] = json!("RS256");
    let impostor = sign_with_header(&header, &assertion_claims(), platform_key());
    assert_assertion_refused(&impostor, "lti.signature.invalid");
}

#[test]
fn token_endpoint_refuses_an_unregistered_client() {
    assert_assertion_refused(
        &assertion_with(|c| {
            c.insert("iss".into(), json!("client-9"));
            c.insert("sub".into(), json!("client-9"));
        }),
        "lti.token-request.unknown-client",
    );
}

#[test]
fn token_endpoint_refuses_a_client_id_parameter_other_than_the_assertion_iss() {
    let body = format!(
        "{}&client_id=client-2",
        token_form(&assertion_with(|_| {}), Scope::AGS_SCORE)
    );
    assert_endpoint_refuses(&body, "lti.claim.iss");
}

#[test]
fn token_endpoint_refuses_an_assertion_with_an_untrusted_extra_audience() {
    assert_assertion_refused(
        &assertion_with(|c| drop(c.insert("aud".into(), json!([TOKEN_URL, "https://x.example"])))),
        "lti.claim.aud-untrusted",
    );
}

#[test]
fn token_endpoint_grants_only_registered_scopes() {
    let requested = format!(
        "{} {} {}",
        Scope::AGS_SCORE,
        Scope::AGS_LINE_ITEM,
        OTHER_SCOPE
    );
    let issued = endpoint_verdict(&token_form(&assertion_with(|_| {}), &requested)).unwrap();
    assert_eq!(issued.scopes(), &scopes(Scope::AGS_SCORE));
}

#[test]
fn token_endpoint_with_no_registered_scope_requested_is_scope_not_granted() {
    let error = endpoint_verdict(&token_form(&assertion_with(|_| {}), OTHER_SCOPE)).unwrap_err();
    assert_eq!(error.code().as_str(), "lti.token-request.scope-not-granted");
    assert_eq!(error.oauth_error(), "invalid_scope");
    assert_eq!(error.status(), 400);
}

#[test]
fn token_request_that_is_not_a_form_post_is_malformed() {
    let get = http::Request::get(TOKEN_URL).body(Vec::new()).unwrap();
    let json_post = http::Request::post(TOKEN_URL)
        .header("content-type", "application/json")
        .body(b"{}".to_vec())
        .unwrap();
    let untyped = http::Request::post(TOKEN_URL)
        .body(b"grant_type=x".to_vec())
        .unwrap();
    for request in [get, json_post, untyped] {
        let error =
            ClientTokenRequest::from_http_request(&request, &Limits::default()).unwrap_err();
        assert_eq!(error.code().as_str(), "lti.token-request.malformed");
        assert_eq!(error.oauth_error(), "invalid_request");
    }
    let with_charset = http::Request::post(TOKEN_URL)
        .header(
            "content-type",
            "application/x-www-form-urlencoded; charset=UTF-8",
        )
        .body(token_form(&assertion_with(|_| {}), Scope::AGS_SCORE).into_bytes())
        .unwrap();
    assert!(ClientTokenRequest::from_http_request(&with_charset, &Limits::default()).is_ok());
}

#[test]
fn token_request_larger_than_the_limit_or_with_a_repeated_parameter_is_malformed() {
    let big = format!("{}&pad={}", token_form("a.b.c", "s"), "x".repeat(70 * 1024));
    assert_endpoint_refuses(&big, "lti.token-request.malformed");
    let repeated = format!("{}&scope=other", token_form("a.b.c", "s"));
    assert_endpoint_refuses(&repeated, "lti.token-request.malformed");
}

#[test]
fn token_request_missing_a_parameter_is_missing_parameter() {
    let full = token_form("a.b.c", "s");
    for name in [
        "grant_type",
        "client_assertion_type",
        "client_assertion",
        "scope",
    ] {
        let body: String = full
            .split('&')
            .filter(|pair| !pair.starts_with(&format!("{name}=")))
            .collect::<Vec<_>>()
            .join("&");
        assert_endpoint_refuses(&body, "lti.token-request.missing-parameter");
    }
    assert_endpoint_refuses(
        &full.replace("scope=s", "scope="),
        "lti.token-request.missing-parameter",
    );
}

#[test]
fn token_request_grant_type_other_than_client_credentials_is_grant_type() {
    let body = token_form("a.b.c", "s").replace("client_credentials", "authorization_code");
    let error = endpoint_verdict(&body).unwrap_err();
    assert_eq!(error.code().as_str(), "lti.token-request.grant-type");
    assert_eq!(error.oauth_error(), "unsupported_grant_type");
}

#[test]
fn token_request_assertion_type_not_exactly_jwt_bearer_is_assertion_type() {
    for other in [
        "urn:ietf:params:oauth:client-assertion-type:JWT-BEARER",
        "urn:ietf:params:oauth:client-assertion-type:saml2-bearer",
    ] {
        let body =
            token_form("a.b.c", "s").replace("jwt-bearer", other.rsplit(':').next().unwrap());
        assert_endpoint_refuses(&body, "lti.token-request.assertion-type");
    }
}

#[test]
fn token_request_scope_outside_the_grammar_is_scope_invalid() {
    let body = token_form(&assertion_with(|_| {}), "a  b");
    let error = endpoint_verdict(&body).unwrap_err();
    assert_eq!(error.code().as_str(), "lti.scope.invalid");
    assert_eq!(error.oauth_error(), "invalid_scope");
}

#[test]
fn token_endpoint_error_answer_is_rfc6749_json_without_attacker_text() {
    let assertion = assertion_with(|c| drop(c.insert("sub".into(), json!("\"evil\\"))));
    let error = endpoint_verdict(&token_form(&assertion, Scope::AGS_SCORE)).unwrap_err();
    let answer = error.to_http_response();
    assert_eq!(answer.status(), 401);
    assert_eq!(answer.headers()["cache-control"], "no-store");
    assert_eq!(answer.headers()["content-type"], "application/json");
    let body: Value = serde_json::from_slice(answer.body()).unwrap();
    assert_eq!(body["error"], "invalid_client");
    let description = body["error_description"].as_str().unwrap();
    assert!(description.starts_with("lti.claim.sub: "), "{description}");
    assert!(!description.contains("evil"));
    assert!(
        description
            .chars()
            .all(|c| (' '..='~').contains(&c) && c != '"' && c != '\\')
    );
}

#[test]
fn token_endpoint_success_answer_is_bearer_json_with_no_store() {
    let issued = endpoint_verdict(&token_form(&assertion_with(|_| {}), Scope::AGS_SCORE)).unwrap();
    let answer = issued.to_http_response();
    assert_eq!(answer.status(), 200);
    assert_eq!(answer.headers()["cache-control"], "no-store");
    assert_eq!(answer.headers()["pragma"], "no-cache");
    let body: Value = serde_json::from_slice(answer.body()).unwrap();
    assert_eq!(body["token_type"], "Bearer");
    assert_eq!(body["expires_in"], 3600);
    assert_eq!(body["scope"], Scope::AGS_SCORE);
    assert_eq!(body["access_token"], issued.access_token().secret());
}

// ---- platform side: access tokens on service requests ----

fn issue_opaque(store: &InMemoryAccessTokenStore) -> IssuedToken {
    TokenEndpoint::new(TOKEN_URL)
        .with_token_lifetime(TimeDelta::minutes(10))
        .handle(
            &tool(),
            &post(&token_form(&assertion_with(|_| {}), Scope::AGS_SCORE)),
            &InMemoryNonceStore::new(10),
            now(),
            |grant| grant.issue_opaque(store),
        )
        .unwrap()
}

fn bearer(value: &str) -> http::HeaderMap {
    let mut headers = http::HeaderMap::new();
    headers.insert("authorization", value.parse().unwrap());
    headers
}

#[test]
fn opaque_access_token_grants_its_scope_until_it_expires() {
    let store = InMemoryAccessTokenStore::new(10);
    let issued = issue_opaque(&store);
    assert_eq!(store.len(), 1);
    let verifier = AccessTokenVerifier::new(&store);
    let headers = bearer(&format!("Bearer {}", issued.access_token().secret()));
    let client = verifier.check(&headers, Scope::AGS_SCORE, now()).unwrap();
    assert_eq!(client.client_id(), CLIENT_ID);
    assert_eq!(client.expires_at(), now() + TimeDelta::minutes(10));
    let lower = bearer(&format!("bearer {}", issued.access_token().secret()));
    assert!(verifier.check(&lower, Scope::AGS_SCORE, now()).is_ok());
    let error = verifier
        .check(&headers, Scope::AGS_SCORE, now() + TimeDelta::minutes(10))
        .unwrap_err();
    assert_eq!(error.code().as_str(), "lti.access-token.expired");
    assert_eq!(error.to_http_response().status(), 401);
}

#[test]
fn access_token_without_the_required_scope_is_scope_403() {
    let store = InMemoryAccessTokenStore::new(10);
    let issued = issue_opaque(&store);
    let headers = bearer(&format!("Bearer {}", issued.access_token().secret()));
    let error = AccessTokenVerifier::new(&store)
        .check(&headers, Scope::AGS_LINE_ITEM, now())
        .unwrap_err();
    assert_eq!(error.code().as_str(), "lti.access-token.scope");
    let answer = error.to_http_response();
    assert_eq!(answer.status(), 403);
    assert_eq!(
        answer.headers()["www-authenticate"],
        format!(
            r#"Bearer error="insufficient_scope", scope="{}""#,
            Scope::AGS_LINE_ITEM
        )
    );
}

#[test]
fn access_token_never_issued_is_unknown() {
    let store = InMemoryAccessTokenStore::new(10);
    let error = AccessTokenVerifier::new(&store)
        .check(&bearer("Bearer forged-token"), Scope::AGS_SCORE, now())
        .unwrap_err();
    assert_eq!(error.code().as_str(), "lti.access-token.unknown");
    assert_eq!(
        error.to_http_response().headers()["www-authenticate"],
        r#"Bearer error="invalid_token""#
    );
}

#[test]
fn service_request_without_authorization_is_missing_401() {
    let error = AccessTokenVerifier::new(InMemoryAccessTokenStore::new(1))
        .check(&http::HeaderMap::new(), Scope::AGS_SCORE, now())
        .unwrap_err();
    assert_eq!(error.code().as_str(), "lti.access-token.missing");
    let answer = error.to_http_response();
    assert_eq!(answer.status(), 401);
    assert_eq!(answer.headers()["www-authenticate"], "Bearer");
}

#[test]
fn authorization_header_that_is_not_one_bearer_token_is_malformed_400() {
    let verifier = AccessTokenVerifier::new(InMemoryAccessTokenStore::new(1));
    for value in [
        "Basic dXNlcjpwdw==",
        "Bearer",
        "Bearer  two-spaces",
        "Bearer a b",
        "Bearer a\"b",
        "Token abc",
    ] {
        let error = verifier
            .check(&bearer(value), Scope::AGS_SCORE, now())
            .unwrap_err();
        assert_eq!(
            error.code().as_str(),
            "lti.access-token.malformed",
            "{value}"
        );
        assert_eq!(error.to_http_response().status(), 400);
    }
    let mut twice = bearer("Bearer a");
    twice.append("authorization", "Bearer b".parse().unwrap());
    let error = verifier.check(&twice, Scope::AGS_SCORE, now()).unwrap_err();
    assert_eq!(error.code().as_str(), "lti.access-token.malformed");
    let long = bearer(&format!("Bearer {}", "a".repeat(70 * 1024)));
    let error = verifier.check(&long, Scope::AGS_SCORE, now()).unwrap_err();
    assert_eq!(error.code().as_str(), "lti.access-token.malformed");
}

#[test]
fn full_access_token_store_refuses_to_issue_with_store() {
    let store = InMemoryAccessTokenStore::new(1);
    issue_opaque(&store);
    let error = TokenEndpoint::new(TOKEN_URL)
        .handle(
            &tool(),
            &post(&token_form(
                &assertion_with(|c| drop(c.insert("jti".into(), json!("j-2")))),
                Scope::AGS_SCORE,
            )),
            &InMemoryNonceStore::new(10),
            now(),
            |grant| grant.issue_opaque(&store),
        )
        .unwrap_err();
    assert_eq!(error.code().as_str(), "lti.access-token.store");
    assert_eq!(error.status(), 500);
}

fn platform_keys() -> Arc<KeySet> {
    Arc::new(key_set(&jwks_of(&[platform_key()])).unwrap())
}

fn issue_jwt(key: &SigningKey) -> IssuedToken {
    TokenEndpoint::new(TOKEN_URL)
        .handle(
            &tool(),
            &post(&token_form(&assertion_with(|_| {}), Scope::AGS_SCORE)),
            &InMemoryNonceStore::new(10),
            now(),
            |grant| grant.issue_jwt(key, ISSUER),
        )
        .unwrap()
}

#[test]
fn jwt_access_token_verifies_without_a_store_and_grants_its_scope() {
    let issued = issue_jwt(platform_key());
    let claims = payload(issued.access_token().secret());
    assert_eq!(claims["iss"], ISSUER);
    assert_eq!(claims["aud"], ISSUER);
    assert_eq!(claims["sub"], CLIENT_ID);
    assert_eq!(claims["scope"], Scope::AGS_SCORE);
    let verifier = AccessTokenVerifier::new(JwtAccessTokens::new(ISSUER, platform_keys()));
    let headers = bearer(&format!("Bearer {}", issued.access_token().secret()));
    let client = verifier.check(&headers, Scope::AGS_SCORE, now()).unwrap();
    assert_eq!(client.client_id(), CLIENT_ID);
    let error = verifier
        .check(&headers, Scope::AGS_SCORE, now() + TimeDelta::hours(1))
        .unwrap_err();
    assert_eq!(error.code().as_str(), "lti.access-token.expired");
    let error = verifier
        .check(&headers, Scope::AGS_LINE_ITEM, now())
        .unwrap_err();
    assert_eq!(error.code().as_str(), "lti.access-token.scope");
}

#[test]
fn jwt_access_token_signed_by_another_key_or_another_kind_of_token_is_invalid() {
    let verifier = AccessTokenVerifier::new(JwtAccessTokens::new(ISSUER, platform_keys()));
    let forged = issue_jwt(attacker_key());
    let headers = bearer(&format!("Bearer {}", forged.access_token().secret()));
    let error = verifier
        .check(&headers, Scope::AGS_SCORE, now())
        .unwrap_err();
    assert_eq!(error.code().as_str(), "lti.access-token.invalid");
    // A launch id_token signed by the platform (aud = client id, no scope) is not an access token.
    let id_token = sign(&baseline());
    let headers = bearer(&format!("Bearer {id_token}"));
    let error = verifier
        .check(&headers, Scope::AGS_SCORE, now())
        .unwrap_err();
    assert_eq!(error.code().as_str(), "lti.access-token.invalid");
}

fn jwt_header(jwt: &str) -> Map<String, Value> {
    let first = jwt.split('.').next().unwrap();
    let bytes =
        base64::Engine::decode(&base64::engine::general_purpose::URL_SAFE_NO_PAD, first).unwrap();
    serde_json::from_slice(&bytes).unwrap()
}

/// The claims of a token the platform issued, signed again by the platform key under `typ` (none when
/// `None`).
fn retyped(typ: Option<&str>) -> String {
    let issued = issue_jwt(platform_key());
    let claims = payload(issued.access_token().secret());
    let mut header = json!({ "alg": "RS256", "kid": platform_key().kid().as_str() });
    if let Some(typ) = typ {
        header["typ"] = typ.into();
    }
    sign_with_header(&header, &claims, platform_key())
}

#[test]
fn jwt_access_token_is_issued_with_header_typ_at_jwt() {
    let issued = issue_jwt(platform_key());
    let header = jwt_header(issued.access_token().secret());
    assert_eq!(header["typ"], "at+jwt");
    assert_eq!(header["alg"], "RS256");
    assert_eq!(header["kid"], platform_key().kid().as_str());
}

#[test]
fn jwt_access_token_typed_at_jwt_or_legacy_jwt_verifies() {
    let verifier = AccessTokenVerifier::new(JwtAccessTokens::new(ISSUER, platform_keys()));
    for typ in [
        "at+jwt",
        "application/at+jwt",
        "AT+JWT",
        "Application/At+Jwt",
        // Written by this crate before it issued at+jwt.
        "JWT",
        "jwt",
        "application/jwt",
    ] {
        let token = retyped(Some(typ));
        let headers = bearer(&format!("Bearer {token}"));
        let client = verifier.check(&headers, Scope::AGS_SCORE, now());
        assert!(client.is_ok(), "{typ}: {client:?}");
    }
}

#[test]
fn jwt_access_token_with_another_typ_or_none_is_refused_with_lti_access_token_typ() {
    let verifier = AccessTokenVerifier::new(JwtAccessTokens::new(ISSUER, platform_keys()));
    for typ in [
        Some("dpop+jwt"),
        Some("JOSE"),
        Some("secevent+jwt"),
        Some(""),
        Some("at+jwt "),
        Some("application/"),
        Some("application/application/at+jwt"),
        Some("text/at+jwt"),
        None,
    ] {
        let token = retyped(typ);
        let headers = bearer(&format!("Bearer {token}"));
        let error = verifier
            .check(&headers, Scope::AGS_SCORE, now())
            .unwrap_err();
        assert_eq!(error.code().as_str(), "lti.access-token.typ", "{typ:?}");
        let answer = error.to_http_response();
        assert_eq!(answer.status(), 401);
        assert_eq!(
            answer.headers()["www-authenticate"],
            r#"Bearer error="invalid_token""#
        );
    }
}

#[test]
fn jwt_access_token_typ_is_checked_only_after_the_signature() {
    // A forged token with a good typ is refused for its signature, not waved through by its typ.
    let verifier = AccessTokenVerifier::new(JwtAccessTokens::new(ISSUER, platform_keys()));
    let forged = issue_jwt(attacker_key());
    assert_eq!(jwt_header(forged.access_token().secret())["typ"], "at+jwt");
    let headers = bearer(&format!("Bearer {}", forged.access_token().secret()));
    let error = verifier
        .check(&headers, Scope::AGS_SCORE, now())
        .unwrap_err();
    assert_eq!(error.code().as_str(), "lti.access-token.invalid");
}

// ---- both sides, and jsonwebtoken as an oracle ----

#[test]
fn a_tool_gets_a_token_from_a_platform_and_uses_it() {
    let request = token_request();
    let sent = request.to_http_request(tool_key(), now()).unwrap();
    let store = InMemoryAccessTokenStore::new(10);
    let answer = TokenEndpoint::new(TOKEN_URL)
        .handle(&tool(), &sent, &InMemoryJtiStore::new(10), now(), |grant| {
            grant.issue_opaque(&store)
        })
        .map_or_else(
            |error| error.to_http_response(),
            |issued| issued.to_http_response(),
        );
    let token = request.parse_http_response(&answer, now()).unwrap();
    assert_eq!(
        token.scopes(),
        &scopes(Scope::AGS_SCORE),
        "line item scope not registered"
    );
    let cache = TokenCache::new();
    cache.insert(&request, token, now());
    let cached = cache.get(&request, now()).unwrap();
    let headers = bearer(&format!("Bearer {}", cached.access_token().secret()));
    assert!(
        AccessTokenVerifier::new(&store)
            .check(&headers, Scope::AGS_SCORE, now())
            .is_ok()
    );
    // A refusal reaches the tool as the RFC 6749 error.
    let denied = TokenRequest::new(
        Url::parse(TOKEN_URL).unwrap(),
        CLIENT_ID,
        scopes(OTHER_SCOPE),
    );
    let sent = denied.to_http_request(tool_key(), now()).unwrap();
    let answer = TokenEndpoint::new(TOKEN_URL)
        .handle(&tool(), &sent, &InMemoryJtiStore::new(10), now(), |grant| {
            grant.issue_opaque(&store)
        })
        .map_or_else(
            |error| error.to_http_response(),
            |issued| issued.to_http_response(),
        );
    let error = denied.parse_http_response(&answer, now()).unwrap_err();
    assert_eq!(error.code().as_str(), "lti.token-response.refused");
    assert!(error.to_string().contains("invalid_scope"));
}

#[test]
fn jsonwebtoken_verifies_our_token_request_assertion() {
    use jsonwebtoken::{Algorithm, DecodingKey, Validation};
    let assertion = token_request()
        .assertion(tool_key(), chrono::Utc::now())
        .unwrap();
    let jwk = tool_key().public_jwk();
    let key = DecodingKey::from_rsa_components(&jwk.n, &jwk.e).unwrap();
    let mut validation = Validation::new(Algorithm::RS256);
    validation.set_audience(&[TOKEN_URL]);
    validation.set_issuer(&[CLIENT_ID]);
    validation.sub = Some(CLIENT_ID.to_owned());
    validation.set_required_spec_claims(&["exp", "iat", "aud", "iss", "sub"]);
    let decoded =
        jsonwebtoken::decode::<Map<String, Value>>(&assertion, &key, &validation).unwrap();
    assert_eq!(decoded.header.kid.as_deref(), Some("lw-tool-2023-01"));
    assert!(decoded.claims["jti"].is_string());
}

#[test]
fn we_verify_a_token_request_assertion_jsonwebtoken_signs() {
    use jsonwebtoken::{Algorithm, EncodingKey, Header};
    let pem = tool_key().to_pkcs8_pem().unwrap();
    let key = EncodingKey::from_rsa_pem(pem.as_bytes()).unwrap();
    let mut header = Header::new(Algorithm::RS256);
    header.kid = Some("lw-tool-2023-01".to_owned());
    let assertion = jsonwebtoken::encode(&header, &assertion_claims(), &key).unwrap();
    let issued = endpoint_verdict(&token_form(&assertion, Scope::AGS_SCORE));
    assert!(issued.is_ok(), "{issued:?}");
}

/// Hostile input: every prefix of a valid token response and of a valid token request body ends in a
/// value or a coded error, never a panic.
#[test]
fn truncated_token_responses_and_requests_never_panic() {
    let body = format!(
        r#"{{"access_token":"t-1","token_type":"Bearer","expires_in":3600,"scope":"{}"}}"#,
        Scope::AGS_SCORE
    );
    for end in 0..body.len() {
        let error = parse(200, &body[..end]).unwrap_err();
        assert!(error.code().as_str().starts_with("lti.token-response."));
    }
    let form = token_form(&assertion_with(|_| {}), Scope::AGS_SCORE);
    for end in (0..form.len()).step_by(3) {
        if let Err(error) = endpoint_verdict(&form[..end]) {
            assert!(error.code().as_str().starts_with("lti."), "{error}");
        }
    }
}
