//! Oracles of the `lti_token`, `lti_login` and `lti_deep_linking` fuzz targets, with their fixed
//! registrations, key sets and clock.

use std::sync::{Arc, OnceLock};

use chrono::{DateTime, Utc};
use learnwire_lti::deep_linking::DeepLinkingResponseVerifier;
use learnwire_lti::deep_linking::content_item::ContentItem;
use learnwire_lti::keys::{KeyId, KeySet, KeySetOptions, SigningKey};
use learnwire_lti::launch::LaunchVerifier;
use learnwire_lti::login::{LoginInitiation, start_login};
use learnwire_lti::platform::{ToolAuthRequest, ToolRegistration};
use learnwire_lti::{InMemoryNonceStore, Limits, PlatformRegistration};
use serde_json::{Map, Value, json};

/// The platform issuer of every fixture.
pub const ISSUER: &str = "https://platform.example.edu";
/// The tool's client id.
pub const CLIENT_ID: &str = "client-1";
/// The one registered deployment.
pub const DEPLOYMENT: &str = "deployment-1";
/// The nonce the `lti_token` seeds were signed with.
pub const NONCE: &str = "nonce-1";

/// The public key set the `lti_token` seeds are signed for (`fuzz/seeds/lti_token/jwks.json`).
const TOKEN_JWKS: &[u8] = include_bytes!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../fuzz/seeds/lti_token/jwks.json"
));

/// The fixed clock: 2023-11-14T22:13:20Z.
pub fn now() -> DateTime<Utc> {
    DateTime::from_timestamp(1_700_000_000, 0).unwrap_or_default()
}

/// The tool's registration of the platform used by `lti_token` and `lti_login`: [`ISSUER`],
/// [`CLIENT_ID`], [`DEPLOYMENT`] and the key set of `fuzz/seeds/lti_token/jwks.json`.
///
/// # Panics
///
/// When the committed key set does not load.
pub fn seed_registration() -> &'static PlatformRegistration {
    static REGISTRATION: OnceLock<PlatformRegistration> = OnceLock::new();
    REGISTRATION.get_or_init(|| {
        let keys = KeySet::from_jwks(TOKEN_JWKS, &KeySetOptions::default())
            .unwrap_or_else(|error| panic!("fuzz/seeds/lti_token/jwks.json: {error}"));
        let mut registration = PlatformRegistration::new(
            ISSUER,
            CLIENT_ID,
            url("https://platform.example.edu/auth"),
            url("https://tool.example.com/launch"),
            Arc::new(keys),
        );
        registration.deployment_ids.insert(DEPLOYMENT.to_owned());
        registration
    })
}

/// Oracle of `lti_token`: [`token_verdict`] against [`seed_registration`].
///
/// # Panics
///
/// When an oracle fails.
pub fn token_oracle(data: &[u8]) {
    let _ = token_verdict(seed_registration(), data);
}

/// Verifies `data` as an `id_token` for `registration` (nonce [`NONCE`], clock [`now`]) and returns the
/// verdict: `"ok"` or the rejection's code.
///
/// Oracles beyond "no panic": the verdict is deterministic (same code twice, with a fresh nonce
/// store); every rejection has an `lti.` code and a message without control characters; an accepted
/// token is within the 64 KiB size limit, names the registered issuer and deployment, and is refused
/// as a replay (`lti.nonce.replayed`) the second time.
///
/// # Panics
///
/// When an oracle fails.
pub fn token_verdict(registration: &PlatformRegistration, data: &[u8]) -> String {
    let token = String::from_utf8_lossy(data);
    let verifier = LaunchVerifier::new();
    let store = InMemoryNonceStore::new(16);
    match verifier.verify_id_token(registration, &token, NONCE, &store, now()) {
        Ok(launch) => {
            assert!(token.len() <= 64 * 1024, "accepted a token over 64 KiB");
            assert_eq!(launch.issuer(), registration.issuer);
            assert!(registration.deployment_ids.contains(launch.deployment_id()));
            let again = verifier.verify_id_token(registration, &token, NONCE, &store, now());
            assert_eq!(
                again.err().map(|error| error.code().to_string()).as_deref(),
                Some("lti.nonce.replayed")
            );
            "ok".to_owned()
        }
        Err(error) => {
            let code = error.code().to_string();
            assert!(code.starts_with("lti."), "code {code} is not lti.*");
            assert!(
                !error.to_string().chars().any(char::is_control),
                "{code}: the message holds a control character"
            );
            let fresh = InMemoryNonceStore::new(16);
            let again = verifier.verify_id_token(registration, &token, NONCE, &fresh, now());
            assert_eq!(
                again.err().map(|error| error.code().to_string()),
                Some(code.clone()),
                "the verdict changed on a second run"
            );
            code
        }
    }
}

/// Oracle of `lti_login`: `data` as a login initiation (query or form) and as an authentication
/// request. Returns true when it reached an authentication request.
///
/// Oracles beyond "no panic": a parsed initiation serialises back to a query that parses to the same
/// value; starting a login either fails with an `lti.login.` code or yields an authentication request
/// whose `login_hint`, `client_id` and `nonce` are exactly the state's.
///
/// # Panics
///
/// When an oracle fails.
pub fn login_oracle(data: &[u8]) -> bool {
    let limits = Limits::default();
    let _ = ToolAuthRequest::parse(data, &limits);
    let Ok(initiation) = LoginInitiation::from_form(data, &limits) else {
        return false;
    };
    let mut query = url::form_urlencoded::Serializer::new(String::new());
    query
        .append_pair("iss", &initiation.iss)
        .append_pair("login_hint", &initiation.login_hint)
        .append_pair("target_link_uri", &initiation.target_link_uri);
    for (name, value) in [
        ("lti_message_hint", &initiation.lti_message_hint),
        ("client_id", &initiation.client_id),
        ("lti_deployment_id", &initiation.lti_deployment_id),
        ("lti_storage_target", &initiation.lti_storage_target),
    ] {
        if let Some(value) = value {
            query.append_pair(name, value);
        }
    }
    let query = query.finish();
    if query.len() <= limits.max_query_bytes() {
        assert_eq!(
            LoginInitiation::from_query(&query, &limits).ok(),
            Some(initiation.clone()),
            "serialise then parse changed the initiation"
        );
    }
    let registration = seed_registration();
    match start_login(
        &initiation,
        |iss, _| (iss == registration.issuer).then_some(registration),
        now(),
    ) {
        Ok((request, state)) => {
            let pairs: Vec<(String, String)> = request.url().query_pairs().into_owned().collect();
            let get = |name: &str| {
                pairs
                    .iter()
                    .find(|(n, _)| n == name)
                    .map(|(_, v)| v.as_str())
            };
            assert_eq!(get("login_hint"), Some(initiation.login_hint.as_str()));
            assert_eq!(get("client_id"), Some(CLIENT_ID));
            assert_eq!(get("nonce"), Some(state.nonce()));
            true
        }
        Err(error) => {
            let code = error.code().to_string();
            assert!(
                code.starts_with("lti.login."),
                "code {code} is not lti.login.*"
            );
            false
        }
    }
}

/// The `content_items` claim (Deep Linking 2.0 §4.5.1).
const CONTENT_ITEMS: &str = "https://purl.imsglobal.org/spec/lti-dl/claim/content_items";

/// The tool of `lti_deep_linking`: a key generated once per process, [`CLIENT_ID`], [`DEPLOYMENT`].
struct DeepLinkingTool {
    key: SigningKey,
    registration: ToolRegistration,
}

fn deep_linking_tool() -> &'static DeepLinkingTool {
    static TOOL: OnceLock<DeepLinkingTool> = OnceLock::new();
    TOOL.get_or_init(|| {
        let kid = KeyId::parse("fuzz-tool-key").unwrap_or_else(|error| panic!("kid: {error}"));
        let key = SigningKey::generate(Some(kid)).unwrap_or_else(|error| panic!("key: {error}"));
        let jwks = json!({ "keys": [key.public_jwk()] }).to_string();
        let keys = KeySet::from_jwks(jwks.as_bytes(), &KeySetOptions::default())
            .unwrap_or_else(|error| panic!("tool key set: {error}"));
        let mut registration = ToolRegistration::new(
            CLIENT_ID,
            vec!["https://tool.example.com/launch".to_owned()],
            Arc::new(keys),
        );
        registration.deployment_ids.insert(DEPLOYMENT.to_owned());
        DeepLinkingTool { key, registration }
    })
}

/// Oracle of `lti_deep_linking`: `data` as the `content_items` of a Deep Linking response, and as a
/// response token.
///
/// 1. Content items read directly (`Vec<ContentItem>` and one `ContentItem`, as serde reads them):
///    what reads serializes to JSON that reads back to the same items and serializes the same; an
///    item whose URLs are refused with `http:` allowed is refused without.
/// 2. When `data` is JSON, a tool signs a response carrying it as `content_items` and the platform
///    verifies it (`DeepLinkingResponseVerifier::verify`, fixed clock, fresh nonce store): accepted
///    exactly when the claim reads as content items whose URLs are all `https:` (within the token
///    size and depth limits), and then the verified items are those items; a refusal has an `lti.`
///    code and a message without control characters.
/// 3. `data` itself as a response token: refused or accepted as in 2, never a panic.
///
/// # Panics
///
/// When an oracle fails.
pub fn deep_linking_oracle(data: &[u8]) {
    if let Ok(items) = serde_json::from_slice::<Vec<ContentItem>>(data) {
        items_round_trip(&items);
    }
    if let Ok(item) = serde_json::from_slice::<ContentItem>(data) {
        items_round_trip(std::slice::from_ref(&item));
    }
    let tool = deep_linking_tool();
    let verifier = DeepLinkingResponseVerifier::new(ISSUER);
    let store = InMemoryNonceStore::new(16);
    if let Err(error) = verifier.verify(
        &tool.registration,
        &String::from_utf8_lossy(data),
        None,
        &store,
        now(),
    ) {
        check_lti_refusal(&error.code().to_string(), &error.to_string());
    }
    let Ok(value) = serde_json::from_slice::<Value>(data) else {
        return;
    };
    let mut claims = deep_linking_claims();
    claims.insert(CONTENT_ITEMS.to_owned(), value.clone());
    let Ok(token) = tool.key.sign_jwt(&claims) else {
        return; // too deep or too large to sign: nothing to verify
    };
    let expected = serde_json::from_value::<Vec<ContentItem>>(value.clone())
        .ok()
        .filter(|items| {
            items
                .iter()
                .all(|item| item.disallowed_url(false).is_none())
        });
    let within_limits = token.len() <= Limits::default().max_token_bytes() && depth(&value) <= 60;
    match verifier.verify(&tool.registration, &token, None, &store, now()) {
        Ok(verified) => match &expected {
            Some(items) if verified.content_items() == items.as_slice() => {}
            Some(_) => panic!("the verified content items are not the items the claim reads as"),
            None => panic!("accepted content items that do not read or are not all https"),
        },
        Err(error) => {
            let code = error.code().to_string();
            check_lti_refusal(&code, &error.to_string());
            if expected.is_some() && within_limits {
                panic!("refused ({code}) a response whose content items read and are all https");
            }
        }
    }
}

/// The claims of a Deep Linking response from the fixture tool, without `content_items`.
fn deep_linking_claims() -> Map<String, Value> {
    let now = now().timestamp();
    let claims = json!({
        "iss": CLIENT_ID,
        "aud": ISSUER,
        "iat": now,
        "exp": now + 300,
        "nonce": "tool-nonce-1",
        "https://purl.imsglobal.org/spec/lti/claim/message_type": "LtiDeepLinkingResponse",
        "https://purl.imsglobal.org/spec/lti/claim/version": "1.3.0",
        "https://purl.imsglobal.org/spec/lti/claim/deployment_id": DEPLOYMENT,
    });
    match claims {
        Value::Object(map) => map,
        _ => Map::new(),
    }
}

fn items_round_trip(items: &[ContentItem]) {
    let Ok(written) = serde_json::to_value(items) else {
        panic!("content items that read do not serialize");
    };
    let again: Vec<ContentItem> = serde_json::from_value(written.clone())
        .unwrap_or_else(|error| panic!("our own content items do not read: {error}"));
    if again != items {
        panic!("serialize then read changed the content items");
    }
    if serde_json::to_value(&again).ok().as_ref() != Some(&written) {
        panic!("content items serialize differently the second time");
    }
    for item in items {
        let _ = (
            item.item_type(),
            item.title(),
            item.urls(),
            item.presentation_targets(),
        );
        if item.disallowed_url(true).is_some() && item.disallowed_url(false).is_none() {
            panic!("a URL refused with http allowed is accepted without");
        }
    }
}

fn check_lti_refusal(code: &str, message: &str) {
    if !code.starts_with("lti.") {
        panic!("refusal code {code} is not lti.*");
    }
    if message.chars().any(char::is_control) {
        panic!("{code}: the message holds a control character");
    }
}

/// Nesting depth of a JSON value (a scalar is 0, `[]` is 1).
fn depth(value: &Value) -> usize {
    match value {
        Value::Array(items) => 1 + items.iter().map(depth).max().unwrap_or(0),
        Value::Object(members) => 1 + members.values().map(depth).max().unwrap_or(0),
        _ => 0,
    }
}

fn url(text: &str) -> url::Url {
    url::Url::parse(text).unwrap_or_else(|error| panic!("{text}: {error}"))
}

/// Panics unless `code` is one of learnwire-lti's codes and starts with one of `families`.
fn assert_lti_code(code: &str, families: &[&str], what: &str) {
    assert!(
        learnwire_lti::find_code(learnwire_lti::CODES, code).is_some(),
        "{what}: {code} is not in learnwire_lti::CODES"
    );
    assert!(
        families.iter().any(|family| code.starts_with(family)),
        "{what}: {code} is not one of {families:?}"
    );
}

/// Oracle of `lti_link_header`: the bytes as the value of `Link` header fields (split at the first
/// byte `\n` into two fields, so several fields are covered), read against a fixed request URL with
/// [`Links::from_headers`](learnwire_lti::paging::Links::from_headers) and, as text,
/// [`Links::parse`](learnwire_lti::paging::Links::parse); then one [`Pager`](learnwire_lti::paging::Pager)
/// step. Never a panic; at most `max_links` links; every problem and every refusal has an `lti.link.` or
/// `lti.paging.` code listed in CODES; a followed `next` is on the request's origin, and is never the
/// request URL itself.
///
/// # Panics
///
/// When an oracle fails.
pub fn link_header_oracle(data: &[u8]) {
    use learnwire_lti::http::{HeaderMap, HeaderValue, header::LINK};
    use learnwire_lti::paging::{Links, Pager};
    let request = url("https://lms.example.edu/api/lti/courses/1/line_items?per_page=2");
    let limits = Limits::default();
    let mut headers = HeaderMap::new();
    let (first, second) = match data.iter().position(|byte| *byte == b'\n') {
        Some(at) => (data.get(..at).unwrap_or_default(), data.get(at + 1..)),
        None => (data, None),
    };
    for field in std::iter::once(first).chain(second) {
        if let Ok(value) = HeaderValue::from_bytes(field) {
            headers.append(LINK, value);
        }
    }
    let read = Links::from_headers(&headers, &request, &limits);
    let text = String::from_utf8_lossy(data);
    let parsed = Links::parse(&text, &request, &limits);
    for links in [read, parsed] {
        let links = match links {
            Ok(links) => links,
            Err(error) => {
                assert_lti_code(error.code().as_str(), &["lti.link."], "Links");
                continue;
            }
        };
        assert!(
            links.len() <= limits.max_links(),
            "more links than the limit"
        );
        for problem in links.problems() {
            assert_lti_code(problem.code().as_str(), &["lti.link."], "Links::problems");
        }
        if let Some(next) = links.next() {
            assert!(links.find("next").is_some(), "next() without a next link");
            let _ = next.as_str();
        }
        let mut pager = Pager::new(&request, &limits);
        match pager.next_url(&links, links.len()) {
            Ok(Some(next)) => {
                assert_eq!(next.origin(), request.origin(), "followed another origin");
                let mut bare = request.clone();
                bare.set_fragment(None);
                let mut next_bare = next.clone();
                next_bare.set_fragment(None);
                assert_ne!(next_bare, bare, "followed the page just read");
            }
            Ok(None) => assert!(links.next().is_none(), "stopped with a next link"),
            Err(error) => assert_lti_code(
                error.code().as_str(),
                &["lti.paging.", "lti.link."],
                "Pager",
            ),
        }
    }
}

/// Oracle of `lti_service_response`: the first byte picks a call and a status, the rest is the body of
/// the response with the call's media type (and a `Link` header for listings): a token response
/// (`TokenRequest::parse_http_response`), a line item container, a line item, a result container or a
/// membership container. Never a panic; every error code is in CODES and of the call's family
/// (`lti.token-response.`, or `lti.service.`/`lti.link.`); an accepted token has a non-empty token and a
/// non-negative lifetime; an accepted container holds no more items than the JSON array it came from.
///
/// # Panics
///
/// When an oracle fails.
pub fn service_response_oracle(data: &[u8]) {
    use learnwire_lti::ags::{GetLineItem, LineItemsQuery, ListLineItems, ListResults};
    use learnwire_lti::http::{Response, StatusCode};
    use learnwire_lti::nrps::{ListMembers, MembersQuery};
    use learnwire_lti::service_token::{ScopeSet, TokenRequest};
    let (selector, body) = data.split_first().unwrap_or((&0, &[]));
    let status = match selector >> 4 {
        0 => StatusCode::BAD_REQUEST,
        1 => StatusCode::UNAUTHORIZED,
        2 => StatusCode::FOUND,
        _ => StatusCode::OK,
    };
    let base = url("https://lms.example.edu/lineitems");
    let response = |media_type: &str| {
        let mut response = Response::new(body.to_vec());
        *response.status_mut() = status;
        if let Ok(value) = learnwire_lti::http::HeaderValue::from_str(media_type) {
            response
                .headers_mut()
                .insert(learnwire_lti::http::header::CONTENT_TYPE, value);
        }
        if let Ok(value) = learnwire_lti::http::HeaderValue::from_str(
            "<https://lms.example.edu/lineitems?page=2>; rel=next",
        ) {
            response
                .headers_mut()
                .insert(learnwire_lti::http::header::LINK, value);
        }
        response
    };
    let array_len = || match serde_json::from_slice::<Value>(body) {
        Ok(Value::Array(items)) => items.len(),
        _ => usize::MAX,
    };
    let service = &["lti.service.", "lti.link.", "lti.paging."];
    match selector % 5 {
        0 => {
            let request = TokenRequest::new(
                url("https://lms.example.edu/token/"),
                CLIENT_ID,
                ScopeSet::new(),
            );
            match request.parse_http_response(&response("application/json"), now()) {
                Ok(token) => {
                    assert!(!token.access_token().secret().is_empty(), "empty token");
                    assert!(
                        token.expires_in() >= chrono::TimeDelta::zero(),
                        "negative lifetime"
                    );
                    assert!(
                        status == StatusCode::OK,
                        "a token read from a {status} answer"
                    );
                }
                Err(error) => {
                    assert_lti_code(error.code().as_str(), &["lti.token-response."], "token");
                }
            }
        }
        1 => match ListLineItems::new(&base, &LineItemsQuery::default()).parse_http_response(
            response("application/vnd.ims.lis.v2.lineitemcontainer+json"),
        ) {
            Ok(page) => assert!(page.items.len() <= array_len(), "more items than sent"),
            Err(error) => assert_lti_code(error.code().as_str(), service, "line items"),
        },
        2 => {
            if let Err(error) = GetLineItem::new(url("https://lms.example.edu/lineitems/1"))
                .parse_http_response(response("application/vnd.ims.lis.v2.lineitem+json"))
            {
                assert_lti_code(error.code().as_str(), service, "line item");
            }
        }
        3 => {
            let call = ListResults::new(&url("https://lms.example.edu/lineitems/1"), None, None);
            let Ok(call) = call else {
                panic!("ListResults::new refused a fixed URL");
            };
            match call
                .parse_http_response(response("application/vnd.ims.lis.v2.resultcontainer+json"))
            {
                Ok(page) => assert!(page.items.len() <= array_len(), "more results than sent"),
                Err(error) => assert_lti_code(error.code().as_str(), service, "results"),
            }
        }
        _ => {
            if let Err(error) = ListMembers::new(
                &url("https://lms.example.edu/memberships"),
                &MembersQuery::default(),
            )
            .parse_http_response(response(
                "application/vnd.ims.lti-nrps.v2.membershipcontainer+json",
            )) {
                assert_lti_code(error.code().as_str(), service, "members");
            }
        }
    }
}

/// Oracle of `lti_dynamic_registration`: the bytes as a platform's openid-configuration
/// (`PlatformConfiguration::parse`) and as a tool's registration request (`validate_registration_request`
/// and `parse_registration_request`). Never a panic; every issue's code is an
/// `lti.dynamic-registration.` code in CODES, or for a request's `scope` member the `lti.scope.` code
/// its RFC 6749 reader reports; `parse_registration_request` succeeds exactly when the
/// validation report has no error, and a parsed configuration serialises to a request that parses to
/// the same value.
///
/// # Panics
///
/// When an oracle fails.
pub fn dynamic_registration_oracle(data: &[u8]) {
    use learnwire_lti::dynamic_registration::{
        PlatformConfiguration, parse_registration_request, validate_registration_request,
    };
    let limits = Limits::default();
    let family = &["lti.dynamic-registration."];
    // A request's `scope` is read by `ScopeSet::parse`, whose refusal keeps its own code
    // (`lti.scope.invalid` at `/scope`, asserted by lti's
    // `registration_request_with_a_bad_scope_or_wrong_types_is_refused_with_pointers`).
    let request_family = &["lti.dynamic-registration.", "lti.scope."];
    let configuration_url = url("https://lms.example.edu/.well-known/openid-configuration");
    if let Err(report) = PlatformConfiguration::parse(data, &configuration_url, &limits) {
        assert!(!report.is_valid(), "refused with a valid report");
        for issue in report.issues() {
            assert_lti_code(issue.code.as_str(), family, "openid-configuration");
        }
    }
    let report = validate_registration_request(data, &limits);
    for issue in report.issues() {
        assert_lti_code(issue.code.as_str(), request_family, "registration request");
    }
    match parse_registration_request(data, &limits) {
        Ok(configuration) => {
            assert!(report.is_valid(), "parsed although the report has an error");
            let again = serde_json::to_vec(&configuration)
                .unwrap_or_else(|error| panic!("serialise: {error}"));
            let reread = parse_registration_request(&again, &limits)
                .unwrap_or_else(|report| panic!("re-read refused: {report}"));
            assert_eq!(
                reread, configuration,
                "round trip changed the configuration"
            );
        }
        Err(refused) => {
            assert!(!refused.is_valid(), "refused with a valid report");
            assert!(
                !report.is_valid(),
                "validate accepts what parse refuses: {refused}"
            );
            for issue in refused.issues() {
                assert_lti_code(issue.code.as_str(), request_family, "registration request");
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Found by `lti_dynamic_registration` (round 3): a registration request whose `scope` holds a
    /// control byte is refused by lti with `lti.scope.invalid` at `/scope`, the RFC 6749 reader's own
    /// code, which the oracle wrongly required to be an `lti.dynamic-registration.` code. The library is
    /// right; the oracle now accepts the scope code for the request.
    #[test]
    fn a_registration_request_scope_refused_with_lti_scope_invalid_passes_the_oracle() {
        let data = std::fs::read(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../fuzz/seeds/lti_dynamic_registration/lti.scope.invalid--scope-with-a-control-byte"
        ))
        .unwrap_or_else(|error| panic!("seed: {error}"));
        let report = learnwire_lti::dynamic_registration::validate_registration_request(
            &data,
            &Limits::default(),
        );
        let codes: Vec<_> = report
            .issues()
            .iter()
            .map(|issue| issue.code.as_str())
            .collect();
        assert_eq!(codes, ["lti.scope.invalid"]);
        dynamic_registration_oracle(&data);
    }
}
