//! Oracle of the `lti_service_request` fuzz target: the platform's readers of service requests (AGS,
//! NRPS) and its bearer access token check, on a request built from the fuzz input.
//!
//! # Input format
//!
//! The first byte picks the endpoint (`byte % 5`: the line items container, one line item, a line
//! item's scores, its results, the membership container) and the method (`(byte >> 3) % 5`: `GET`,
//! `POST`, `PUT`, `DELETE`, `PATCH`). The rest is split at `\n`: the first line is the request URI,
//! then header lines `name: value` up to the first empty line, then the body (every byte left). A
//! URI or header line that `http` refuses is skipped (the URI stays `/`), so every input is a request.

use std::sync::{Arc, OnceLock};

use chrono::TimeDelta;
use learnwire_lti::ags::{AgsRequest, AgsResource};
use learnwire_lti::http::{HeaderMap, HeaderName, HeaderValue, Method, Request, StatusCode, Uri};
use learnwire_lti::keys::{KeySet, KeySetOptions};
use learnwire_lti::nrps::MembersRequest;
use learnwire_lti::service_token::{
    AccessTokenError, AccessTokenRecord, AccessTokenStore, AccessTokenVerifier,
    InMemoryAccessTokenStore, JwtAccessTokens, Scope, ScopeSet, TokenDigest,
};
use learnwire_lti::services::ServiceRequestError;
use learnwire_lti::{Limits, Url};
use serde_json::Value;

use crate::lti::{CLIENT_ID, ISSUER, now};

/// The one opaque access token the oracle's store knows: it grants every AGS and NRPS scope and
/// expires an hour after [`now`].
pub const STORED_TOKEN: &str = "seed-access-token";

/// The public key set the JWT access tokens are checked with: the `lti_token` seeds' key set, whose
/// private key was never committed, so no JWT access token can verify (a launch `id_token` signed
/// with it, `fuzz/seeds/lti_token/ok-resource-link`, is refused by its `typ`, `aud` and `scope`).
const TOKEN_JWKS: &[u8] = include_bytes!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../fuzz/seeds/lti_token/jwks.json"
));

const METHODS: [Method; 5] = [
    Method::GET,
    Method::POST,
    Method::PUT,
    Method::DELETE,
    Method::PATCH,
];

/// The endpoints the first byte picks from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Endpoint {
    Ags(AgsResource),
    Members,
}

/// The request of the input bytes (see the [module documentation](self)), and the endpoint it is for.
pub fn request_of(data: &[u8]) -> (Request<Vec<u8>>, &'static str) {
    let (request, endpoint) = build(data);
    let name = match endpoint {
        Endpoint::Ags(AgsResource::LineItems) => "line items",
        Endpoint::Ags(AgsResource::LineItem) => "line item",
        Endpoint::Ags(AgsResource::Scores) => "scores",
        Endpoint::Ags(AgsResource::Results) => "results",
        Endpoint::Ags(_) => "ags",
        Endpoint::Members => "members",
    };
    (request, name)
}

fn build(data: &[u8]) -> (Request<Vec<u8>>, Endpoint) {
    let (selector, rest) = data.split_first().unwrap_or((&0, &[]));
    let endpoint = match selector % 5 {
        0 => Endpoint::Ags(AgsResource::LineItems),
        1 => Endpoint::Ags(AgsResource::LineItem),
        2 => Endpoint::Ags(AgsResource::Scores),
        3 => Endpoint::Ags(AgsResource::Results),
        _ => Endpoint::Members,
    };
    let method = METHODS
        .get(usize::from(selector >> 3) % METHODS.len())
        .cloned()
        .unwrap_or(Method::GET);
    let mut request = Request::new(Vec::new());
    *request.method_mut() = method;
    let mut lines = rest.splitn(2, |byte| *byte == b'\n');
    if let Some(Ok(uri)) = lines.next().map(Uri::try_from) {
        *request.uri_mut() = uri;
    }
    let mut rest = lines.next().unwrap_or(&[]);
    loop {
        let (line, after) = match rest.iter().position(|byte| *byte == b'\n') {
            Some(at) => (
                rest.get(..at).unwrap_or(&[]),
                rest.get(at + 1..).unwrap_or(&[]),
            ),
            None => (rest, &[][..]),
        };
        if line.is_empty() {
            rest = after;
            break;
        }
        if let Some(colon) = line.iter().position(|byte| *byte == b':') {
            let name = HeaderName::from_bytes(line.get(..colon).unwrap_or(&[]));
            let value = line.get(colon + 1..).unwrap_or(&[]);
            let value = value.strip_prefix(b" ").unwrap_or(value);
            if let (Ok(name), Ok(value)) = (name, HeaderValue::from_bytes(value)) {
                request.headers_mut().append(name, value);
            }
        }
        rest = after;
        if rest.is_empty() {
            break;
        }
    }
    *request.body_mut() = rest.to_vec();
    (request, endpoint)
}

/// Oracle of `lti_service_request`: the request of [`request_of`] read by its endpoint's reader
/// ([`AgsRequest::from_http_request`] or [`MembersRequest::from_http_request`]), then its bearer token
/// checked by [`AccessTokenVerifier::check`] against a store holding [`STORED_TOKEN`] and against
/// [`JwtAccessTokens`] of the `lti_token` seeds' keys. Never a panic; and
///
/// - every refusal has an `lti.service.` code (`lti.access-token.` for the token check) in
///   `learnwire_lti::CODES`, a 4xx or 5xx status, and its `to_http_response` answers with that
///   status (a service refusal's JSON body names the code; an `Invalid` report has an error, every
///   problem's code in CODES);
/// - an accepted request is one the endpoint serves with that method, and carries an
///   `Authorization` header;
/// - an accepted line item `PUT` whose body has an `id` names the URL the request was sent to, as
///   [`AgsRequest::from_http_request`] documents: with an absolute URI, the same parsed URL; with an
///   origin-form URI (`/…`), the URI resolved against the `id`; never with a fragment;
/// - an accepted `limit` is above zero;
/// - the store accepts only [`STORED_TOKEN`], and only for a scope it grants; the JWT check never
///   accepts (nobody holds the private key).
///
/// # Panics
///
/// When an oracle fails.
pub fn service_request_oracle(data: &[u8]) {
    let (request, endpoint) = build(data);
    let limits = Limits::default();
    let mut scope = Scope::AGS_LINE_ITEM;
    match endpoint {
        Endpoint::Ags(resource) => match AgsRequest::from_http_request(&request, resource, &limits)
        {
            Ok(read) => {
                assert_has_authorization(&request);
                assert_served(&read, resource, request.method());
                assert_accepted_ags(&read, request.uri());
                scope = read.accepted_scopes().first().copied().unwrap_or(scope);
            }
            Err(error) => assert_service_error(&error),
        },
        Endpoint::Members => match MembersRequest::from_http_request(&request, &limits) {
            Ok(read) => {
                assert_has_authorization(&request);
                assert_eq!(request.method(), Method::GET, "members read from a non-GET");
                assert!(read.query.limit != Some(0), "members limit 0 accepted");
                scope = read.required_scope();
            }
            Err(error) => assert_service_error(&error),
        },
    }
    check_tokens(request.headers(), scope);
}

/// The reader's verdict on the request of `data`: `ok`, or the refusal's code; for an `Invalid`
/// refusal, `lti.service.invalid` (the seeds' names say which problem in their description).
pub fn service_request_verdict(data: &[u8]) -> String {
    let (request, endpoint) = build(data);
    let limits = Limits::default();
    let code = match endpoint {
        Endpoint::Ags(resource) => AgsRequest::from_http_request(&request, resource, &limits)
            .err()
            .map(|error| error.code()),
        Endpoint::Members => MembersRequest::from_http_request(&request, &limits)
            .err()
            .map(|error| error.code()),
    };
    code.map_or_else(|| "ok".to_owned(), |code| code.as_str().to_owned())
}

fn assert_has_authorization(request: &Request<Vec<u8>>) {
    assert!(
        request
            .headers()
            .contains_key(learnwire_lti::http::header::AUTHORIZATION),
        "accepted without an Authorization header"
    );
}

/// The accepted operation is one the resource serves with the method.
fn assert_served(read: &AgsRequest, resource: AgsResource, method: &Method) {
    let served = match read {
        AgsRequest::ListLineItems(_) => (AgsResource::LineItems, Method::GET),
        AgsRequest::CreateLineItem(_) => (AgsResource::LineItems, Method::POST),
        AgsRequest::GetLineItem => (AgsResource::LineItem, Method::GET),
        AgsRequest::UpdateLineItem(_) => (AgsResource::LineItem, Method::PUT),
        AgsRequest::DeleteLineItem => (AgsResource::LineItem, Method::DELETE),
        AgsRequest::PostScore(_) => (AgsResource::Scores, Method::POST),
        AgsRequest::ListResults(_) => (AgsResource::Results, Method::GET),
        _ => return,
    };
    assert_eq!(
        served,
        (resource, method.clone()),
        "{read:?} read from {method} to {resource:?}"
    );
}

fn assert_accepted_ags(read: &AgsRequest, uri: &Uri) {
    match read {
        AgsRequest::UpdateLineItem(item) => {
            if let Some(id) = &item.id {
                assert_id_is_request_url(id, uri);
            }
        }
        AgsRequest::ListLineItems(query) => {
            assert!(query.limit != Some(0), "line items limit 0 accepted");
        }
        AgsRequest::ListResults(query) => {
            assert!(query.limit != Some(0), "results limit 0 accepted");
        }
        _ => {}
    }
}

/// The documented invariant of an accepted line item `PUT`: its `id` is the request's URL.
fn assert_id_is_request_url(id: &Url, uri: &Uri) {
    assert!(
        id.fragment().is_none(),
        "PUT accepted with an id with a fragment: {id}"
    );
    let text = uri.to_string();
    if uri.scheme().is_some() && uri.authority().is_some() {
        let requested = Url::parse(&text)
            .unwrap_or_else(|error| panic!("PUT to {text} accepted, not a URL: {error}"));
        assert_eq!(&requested, id, "PUT accepted with another URL's id");
    } else if text.starts_with('/') && !text.starts_with("//") {
        let requested = id
            .join(&text)
            .unwrap_or_else(|error| panic!("PUT to {text} accepted, not a path: {error}"));
        assert_eq!(&requested, id, "PUT accepted with another path's id");
    }
}

fn assert_service_error(error: &ServiceRequestError) {
    let code = error.code();
    assert_code(code.as_str(), "lti.service.");
    assert_error_status(error.status(), &error.to_string());
    let response = error.to_http_response();
    assert_eq!(
        response.status(),
        error.status(),
        "{error}: response status"
    );
    let body: Value = serde_json::from_slice(response.body())
        .unwrap_or_else(|problem| panic!("{error}: response body is not JSON: {problem}"));
    assert_eq!(
        body.get("error").and_then(Value::as_str),
        Some(code.as_str()),
        "{error}: response body"
    );
    if let ServiceRequestError::Invalid { report } = error {
        assert!(!report.is_valid(), "Invalid with a valid report");
        for issue in report.issues() {
            assert!(
                learnwire_lti::find_code(learnwire_lti::CODES, issue.code.as_str()).is_some(),
                "{} is not in learnwire_lti::CODES",
                issue.code
            );
        }
    }
}

fn assert_error_status(status: StatusCode, what: &str) {
    assert!(
        status.is_client_error() || status.is_server_error(),
        "{what}: status {status}"
    );
}

fn assert_code(code: &str, family: &str) {
    assert!(
        learnwire_lti::find_code(learnwire_lti::CODES, code).is_some(),
        "{code} is not in learnwire_lti::CODES"
    );
    assert!(code.starts_with(family), "{code} is not an {family} code");
}

fn assert_token_error(error: &AccessTokenError) {
    assert_code(error.code().as_str(), "lti.access-token.");
    assert_error_status(error.status(), &error.to_string());
    let response = error.to_http_response();
    assert_eq!(
        response.status(),
        error.status(),
        "{error}: response status"
    );
    assert!(
        response
            .headers()
            .contains_key(learnwire_lti::http::header::WWW_AUTHENTICATE),
        "{error}: no WWW-Authenticate"
    );
}

/// The opaque-token verifier: a store holding [`STORED_TOKEN`].
///
/// # Panics
///
/// When the store refuses the record.
pub fn stored_tokens() -> &'static AccessTokenVerifier<InMemoryAccessTokenStore> {
    static VERIFIER: OnceLock<AccessTokenVerifier<InMemoryAccessTokenStore>> = OnceLock::new();
    VERIFIER.get_or_init(|| {
        let store = InMemoryAccessTokenStore::new(10);
        let scopes = ScopeSet::parse(&granted_scopes().join(" "))
            .unwrap_or_else(|error| panic!("scopes: {error}"));
        let record = AccessTokenRecord::new(
            TokenDigest::of(STORED_TOKEN),
            CLIENT_ID,
            scopes,
            now() + TimeDelta::hours(1),
        );
        store
            .save(record, now())
            .unwrap_or_else(|error| panic!("store: {error}"));
        AccessTokenVerifier::new(store)
    })
}

/// Every scope [`STORED_TOKEN`] grants.
fn granted_scopes() -> [&'static str; 5] {
    [
        Scope::AGS_LINE_ITEM,
        Scope::AGS_LINE_ITEM_READONLY,
        Scope::AGS_RESULT_READONLY,
        Scope::AGS_SCORE,
        Scope::NRPS_CONTEXT_MEMBERSHIP_READONLY,
    ]
}

/// The JWT verifier: [`ISSUER`]'s tokens, signed by a key of the `lti_token` seeds' key set.
///
/// # Panics
///
/// When the committed key set does not load.
pub fn jwt_tokens() -> &'static AccessTokenVerifier<JwtAccessTokens> {
    static VERIFIER: OnceLock<AccessTokenVerifier<JwtAccessTokens>> = OnceLock::new();
    VERIFIER.get_or_init(|| {
        let keys = KeySet::from_jwks(TOKEN_JWKS, &KeySetOptions::default())
            .unwrap_or_else(|error| panic!("fuzz/seeds/lti_token/jwks.json: {error}"));
        AccessTokenVerifier::new(JwtAccessTokens::new(ISSUER, Arc::new(keys)))
    })
}

fn check_tokens(headers: &HeaderMap, scope: &str) {
    match stored_tokens().check(headers, scope, now()) {
        Ok(client) => {
            let value = headers
                .get(learnwire_lti::http::header::AUTHORIZATION)
                .and_then(|value| value.to_str().ok())
                .unwrap_or_default();
            let token = value.split_once(' ').map(|(_, token)| token);
            assert_eq!(token, Some(STORED_TOKEN), "store accepted {value:?}");
            assert!(granted_scopes().contains(&scope), "{scope} granted");
            assert!(client.scopes().contains(scope), "scope not in the record");
        }
        Err(error) => assert_token_error(&error),
    }
    match jwt_tokens().check(headers, scope, now()) {
        Ok(client) => panic!(
            "a JWT access token verified without the private key: client {}",
            client.client_id()
        ),
        Err(error) => assert_token_error(&error),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn request_of_reads_method_uri_headers_and_body() {
        let (request, endpoint) = request_of(
            b"\x10https://lms.example.edu/lineitems/1\nauthorization: Bearer t\nbad header\n\n{\"a\":1}\n",
        );
        assert_eq!(endpoint, "line item");
        assert_eq!(request.method(), Method::PUT);
        assert_eq!(request.uri(), "https://lms.example.edu/lineitems/1");
        assert_eq!(request.headers().len(), 1);
        assert_eq!(request.body(), b"{\"a\":1}\n");
    }

    /// A line item `PUT` in origin form (`/lineitems/1`, as an HTTP/1.1 server receives it) with
    /// an `id` on any scheme and host: only the path and query are compared, and the oracle resolves
    /// the URI against the `id` to agree.
    #[test]
    fn an_origin_form_line_item_put_is_compared_on_path_and_query() {
        let put = |uri: &str, id: &str| {
            let mut data = format!(
                "\x10{uri}\nauthorization: Bearer t\ncontent-type: application/vnd.ims.lis.v2.lineitem+json\n\n"
            )
            .into_bytes();
            data.extend_from_slice(
                format!(r#"{{"id":"{id}","scoreMaximum":1,"label":"q"}}"#).as_bytes(),
            );
            service_request_oracle(&data);
            service_request_verdict(&data)
        };
        assert_eq!(put("/lineitems/1", "https://a.example/lineitems/1"), "ok");
        assert_eq!(put("/lineitems/1", "urn:/lineitems/1"), "ok");
        assert_eq!(
            put("/lineitems/1?x=1", "https://a.example/lineitems/1"),
            "lti.service.invalid"
        );
        assert_eq!(
            put("/lineitems/1", "https://a.example/lineitems/1#f"),
            "lti.service.invalid"
        );
        assert_eq!(put("/lineitems/1", "urn:x"), "lti.service.invalid");
    }
}
