//! A loopback LTI platform built from `learnwire-lti`'s server types (feature `lti_platform`): the token
//! endpoint ([`TokenEndpoint`]), the access-token check ([`AccessTokenVerifier`]), AGS line items, scores
//! and results ([`AgsRequest`], [`AgsResponse`]) and NRPS memberships ([`MembersRequest`],
//! [`MembersResponse`]), with in-memory state, on `127.0.0.1` with axum in a thread of its own.
//!
//! The lti client tests, the CLI tests and the `grade_passback` example share it. Its `Link` headers
//! can be written in the styles of Canvas, Brightspace and Moodle ([`LinkStyle`], written here), and it
//! can misbehave on purpose ([`Hostile`]).

use std::collections::BTreeMap;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::Duration;

use axum::body::{Body, Bytes};
use axum::extract::State;
use chrono::Utc;
use learnwire_lti::ags::{AgsRequest, AgsResource, AgsResponse, LineItem, LineItemResult};
use learnwire_lti::claims::{Context, ContextRole, Role, UserId};
use learnwire_lti::http::{self, HeaderValue, StatusCode};
use learnwire_lti::keys::{KeySet, KeySetOptions, SigningKey};
use learnwire_lti::nrps::{Member, MembersRequest, MembersResponse, MembershipContainer};
use learnwire_lti::paging::PageLinks;
use learnwire_lti::platform::{LaunchMessage, ToolRegistration, sign_message};
use learnwire_lti::service_token::{
    AccessTokenVerifier, InMemoryAccessTokenStore, Scope, ScopeSet, TokenEndpoint,
};
use learnwire_lti::services::ServiceRequestError;
use learnwire_lti::{InMemoryNonceStore, Limits, Url};

/// The client id the platform registers for the tool.
pub const CLIENT_ID: &str = "learnwire-test-tool";
/// The tool key's `kid`.
pub const TOOL_KID: &str = "tool-key-1";
/// The deployment id of the tool.
pub const DEPLOYMENT_ID: &str = "deployment-1";
/// The platform's issuer.
pub const ISSUER: &str = "https://lms.example.edu";
/// The context of the roster and the launch.
pub const CONTEXT_ID: &str = "course-101";

/// How the platform writes the `Link` headers of its listings.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub enum LinkStyle {
    /// `learnwire-lti`'s [`PageLinks`]: one header, quoted `rel`.
    #[default]
    Learnwire,
    /// Canvas-like: one header, links separated by `,` without a space, quoted `rel`, `current`,
    /// `next`, `first` and `last` (and `differences` on memberships).
    Canvas,
    /// Brightspace-like: one `Link` field per link, unquoted `rel` (`rel=next`).
    Brightspace,
    /// Moodle-like: one header, unquoted `rel`, targets relative to the request URL.
    Moodle,
}

/// A way to misbehave.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub enum Hostile {
    /// Behave.
    #[default]
    None,
    /// Listings link `next` to another origin (`127.0.0.2`).
    CrossOriginNext,
    /// Listings link `next` to the page just served.
    PageLoop,
    /// Listings answer a 50 MB body, chunked (no `Content-Length`).
    HugeBody,
    /// Listings answer a 50 MB body with its `Content-Length`.
    HugeBodyWithLength,
    /// Listings answer `application/json` instead of their media type.
    WrongMediaType,
    /// The token endpoint answers without `expires_in`.
    TokenWithoutExpiresIn,
    /// Every request waits an hour before an answer.
    NeverAnswer,
    /// Listings answer `302 Found` to another host (`127.0.0.2`).
    RedirectElsewhere,
    /// The first service request (not the token request) is answered `401`, whatever its token.
    RejectFirstBearer,
    /// The token endpoint answers a 50 MB body, chunked.
    HugeTokenResponse,
}

/// What the platform is like.
#[derive(Clone, Debug)]
#[non_exhaustive]
pub struct PlatformOptions {
    /// The style of `Link` headers.
    pub style: LinkStyle,
    /// Items per page when the request sets no `limit`.
    pub page_size: usize,
    /// A way to misbehave.
    pub hostile: Hostile,
    /// The token endpoint's path (a trailing slash is kept: the tool's `aud` must match it exactly).
    pub token_path: String,
    /// An audience the token endpoint accepts beside its URL (Brightspace names another one).
    pub audience: Option<String>,
}

impl Default for PlatformOptions {
    fn default() -> Self {
        Self {
            style: LinkStyle::default(),
            page_size: 2,
            hostile: Hostile::None,
            token_path: "/oauth2/token/".to_owned(),
            audience: None,
        }
    }
}

impl PlatformOptions {
    /// Sets the link style.
    #[must_use]
    pub fn with_style(mut self, style: LinkStyle) -> Self {
        self.style = style;
        self
    }

    /// Sets the page size.
    #[must_use]
    pub fn with_page_size(mut self, page_size: usize) -> Self {
        self.page_size = page_size.max(1);
        self
    }

    /// Sets the misbehaviour.
    #[must_use]
    pub fn with_hostile(mut self, hostile: Hostile) -> Self {
        self.hostile = hostile;
        self
    }

    /// Sets an extra accepted audience.
    #[must_use]
    pub fn with_audience(mut self, audience: impl Into<String>) -> Self {
        self.audience = Some(audience.into());
        self
    }
}

#[derive(Debug, Default)]
struct Data {
    next_id: u64,
    line_items: Vec<LineItem>,
    results: BTreeMap<String, Vec<LineItemResult>>,
    members: Vec<Member>,
    log: Vec<String>,
}

struct Shared {
    base: Url,
    options: PlatformOptions,
    tool: ToolRegistration,
    endpoint: TokenEndpoint,
    jtis: InMemoryNonceStore,
    tokens: InMemoryAccessTokenStore,
    data: Mutex<Data>,
    rejected_once: std::sync::atomic::AtomicBool,
}

/// A running loopback platform; dropping it stops the server.
pub struct TestPlatform {
    base: Url,
    tool_key: Arc<SigningKey>,
    platform_key: Arc<SigningKey>,
    shared: Arc<Shared>,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
    thread: Option<JoinHandle<()>>,
}

impl std::fmt::Debug for TestPlatform {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TestPlatform")
            .field("base", &self.base.as_str())
            .finish_non_exhaustive()
    }
}

fn all_scopes() -> ScopeSet {
    [
        Scope::AGS_LINE_ITEM,
        Scope::AGS_LINE_ITEM_READONLY,
        Scope::AGS_RESULT_READONLY,
        Scope::AGS_SCORE,
        Scope::NRPS_CONTEXT_MEMBERSHIP_READONLY,
    ]
    .into_iter()
    .filter_map(|scope| Scope::parse(scope).ok())
    .collect()
}

fn member(id: &str, name: &str, role: ContextRole) -> Member {
    let user = UserId::parse(id).unwrap_or_else(|_| panic!("user id {id}"));
    let mut member = Member::new(user, vec![Role::context(role)]);
    member.name = Some(name.to_owned());
    member.email = Some(format!("{id}@example.edu"));
    member
}

impl TestPlatform {
    /// Starts a platform on `127.0.0.1` (a free port) with a new tool key and three members (an
    /// instructor and two learners).
    ///
    /// # Panics
    ///
    /// When keys cannot be made or the port cannot be bound (test set-up).
    pub fn start(options: PlatformOptions) -> Self {
        let tool_key = SigningKey::generate(Some(
            learnwire_lti::keys::KeyId::parse(TOOL_KID).unwrap_or_else(|_| panic!("kid")),
        ))
        .unwrap_or_else(|error| panic!("tool key: {error}"));
        let platform_key =
            SigningKey::generate(None).unwrap_or_else(|error| panic!("platform key: {error}"));
        let jwks = serde_json::json!({ "keys": [tool_key.public_jwk()] }).to_string();
        let keys = KeySet::from_jwks(jwks.as_bytes(), &KeySetOptions::default())
            .unwrap_or_else(|error| panic!("tool jwks: {error}"));
        let mut tool = ToolRegistration::new(CLIENT_ID, vec![], Arc::new(keys));
        tool.scopes = all_scopes();
        tool.deployment_ids.insert(DEPLOYMENT_ID.to_owned());

        let listener = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap_or_else(|error| panic!("bind: {error}"));
        listener
            .set_nonblocking(true)
            .unwrap_or_else(|error| panic!("nonblocking: {error}"));
        let address: SocketAddr = listener
            .local_addr()
            .unwrap_or_else(|error| panic!("address: {error}"));
        let base = Url::parse(&format!("http://{address}"))
            .unwrap_or_else(|error| panic!("base: {error}"));
        let token_url = base
            .join(&options.token_path)
            .unwrap_or_else(|error| panic!("token url: {error}"));
        let mut endpoint = TokenEndpoint::new(token_url.as_str());
        if let Some(audience) = &options.audience {
            endpoint = endpoint.with_audiences([audience.clone()]);
        }
        let data = Data {
            members: vec![
                member("teacher-1", "Ada Teacher", ContextRole::Instructor),
                member("learner-1", "Ben Learner", ContextRole::Learner),
                member("learner-2", "Cy Learner", ContextRole::Learner),
            ],
            ..Data::default()
        };
        let shared = Arc::new(Shared {
            base: base.clone(),
            options,
            tool,
            endpoint,
            jtis: InMemoryNonceStore::default(),
            tokens: InMemoryAccessTokenStore::default(),
            data: Mutex::new(data),
            rejected_once: std::sync::atomic::AtomicBool::new(false),
        });
        let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
        let served = Arc::clone(&shared);
        let thread = std::thread::spawn(move || {
            let runtime = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .unwrap_or_else(|error| panic!("runtime: {error}"));
            runtime.block_on(async move {
                let listener = tokio::net::TcpListener::from_std(listener)
                    .unwrap_or_else(|error| panic!("listener: {error}"));
                let app = axum::Router::new().fallback(handle).with_state(served);
                tokio::select! {
                    _ = axum::serve(listener, app) => {}
                    _ = stopped => {}
                }
            });
        });
        Self {
            base,
            tool_key: Arc::new(tool_key),
            platform_key: Arc::new(platform_key),
            shared,
            stop: Some(stop),
            thread: Some(thread),
        }
    }

    /// `http://127.0.0.1:PORT`.
    pub fn base(&self) -> &Url {
        &self.base
    }

    /// The token endpoint URL (with its trailing slash).
    pub fn token_url(&self) -> Url {
        self.url(&self.shared.options.token_path)
    }

    /// The line items container of the context.
    pub fn line_items_url(&self) -> Url {
        self.url("/lineitems")
    }

    /// The context memberships URL.
    pub fn memberships_url(&self) -> Url {
        self.url("/memberships")
    }

    fn url(&self, path: &str) -> Url {
        self.base
            .join(path)
            .unwrap_or_else(|error| panic!("url {path}: {error}"))
    }

    /// The tool's signing key (kid [`TOOL_KID`]), registered with the platform.
    pub fn tool_key(&self) -> Arc<SigningKey> {
        Arc::clone(&self.tool_key)
    }

    /// The tool's private key as PKCS#8 PEM (for the CLI's `--key`).
    pub fn tool_key_pem(&self) -> String {
        self.tool_key
            .to_pkcs8_pem()
            .unwrap_or_else(|error| panic!("pem: {error}"))
    }

    /// The platform's public keys (a JWKS document), to verify its launches.
    pub fn platform_jwks(&self) -> String {
        serde_json::json!({ "keys": [self.platform_key.public_jwk()] }).to_string()
    }

    /// A signed resource link launch for `user` with `nonce`, `aud` the tool's client id, carrying the
    /// AGS endpoint claim (the line items container, all AGS scopes) and the NRPS claim.
    pub fn launch(&self, user: &str, nonce: &str, target_link_uri: &Url) -> String {
        let message = LaunchMessage::resource_link(
            DEPLOYMENT_ID,
            target_link_uri,
            "resource-link-1",
            ["http://purl.imsglobal.org/vocab/lis/v2/membership#Learner"],
        )
        .subject(user)
        .claim(
            "https://purl.imsglobal.org/spec/lti/claim/context",
            serde_json::json!({ "id": CONTEXT_ID, "label": "C101", "title": "Course 101" }),
        )
        .claim(
            "https://purl.imsglobal.org/spec/lti-ags/claim/endpoint",
            serde_json::json!({
                "scope": [Scope::AGS_LINE_ITEM, Scope::AGS_RESULT_READONLY, Scope::AGS_SCORE],
                "lineitems": self.line_items_url().as_str(),
            }),
        )
        .claim(
            "https://purl.imsglobal.org/spec/lti-nrps/claim/namesroleservice",
            serde_json::json!({
                "context_memberships_url": self.memberships_url().as_str(),
                "service_versions": ["2.0"],
            }),
        );
        let now = Utc::now().timestamp();
        let mut claims = message.claims().clone();
        claims.insert("iss".to_owned(), ISSUER.into());
        claims.insert("aud".to_owned(), CLIENT_ID.into());
        claims.insert("nonce".to_owned(), nonce.into());
        claims.insert("iat".to_owned(), now.into());
        claims.insert("exp".to_owned(), (now + 300).into());
        sign_message(&claims, &self.platform_key).unwrap_or_else(|error| panic!("launch: {error}"))
    }

    /// Every request received so far, as `METHOD path?query`.
    pub fn requests(&self) -> Vec<String> {
        self.lock().log.clone()
    }

    /// How many token requests were received.
    pub fn token_requests(&self) -> usize {
        let token = format!("POST {}", self.shared.options.token_path);
        self.lock()
            .log
            .iter()
            .filter(|line| **line == token)
            .count()
    }

    /// Adds a line item (the platform sets its id) and returns it.
    pub fn add_line_item(&self, item: LineItem) -> LineItem {
        store_line_item(&self.shared, &mut self.lock(), item)
    }

    /// The results stored for the line item `id`.
    pub fn results(&self, line_item_id: &str) -> Vec<LineItemResult> {
        self.lock()
            .results
            .get(line_item_id)
            .cloned()
            .unwrap_or_default()
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Data> {
        self.shared
            .data
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

impl Drop for TestPlatform {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

fn store_line_item(shared: &Shared, data: &mut Data, mut item: LineItem) -> LineItem {
    data.next_id += 1;
    let id = shared
        .base
        .join(&format!("/lineitems/{}", data.next_id))
        .unwrap_or_else(|error| panic!("line item id: {error}"));
    item.id = Some(id);
    data.line_items.push(item.clone());
    item
}

type Answer = http::Response<Vec<u8>>;

async fn handle(
    State(shared): State<Arc<Shared>>,
    request: axum::extract::Request,
) -> axum::response::Response {
    let (parts, body) = request.into_parts();
    let target = parts
        .uri
        .path_and_query()
        .map_or_else(|| parts.uri.path().to_owned(), |pq| pq.as_str().to_owned());
    if let Ok(mut data) = shared.data.lock() {
        data.log
            .push(format!("{} {}", parts.method, target.as_str()));
    }
    if shared.options.hostile == Hostile::NeverAnswer {
        tokio::time::sleep(Duration::from_secs(3600)).await;
    }
    let bytes = match axum::body::to_bytes(body, 1024 * 1024).await {
        Ok(bytes) => bytes.to_vec(),
        Err(_) => return into_axum(status(StatusCode::PAYLOAD_TOO_LARGE)),
    };
    // The request URL as the client wrote it (absolute), for the parsers and the links.
    let url = match shared.base.join(&target) {
        Ok(url) => url,
        Err(_) => return into_axum(status(StatusCode::BAD_REQUEST)),
    };
    let mut request = http::Request::from_parts(parts, bytes);
    *request.uri_mut() = match url.as_str().parse() {
        Ok(uri) => uri,
        Err(_) => return into_axum(status(StatusCode::BAD_REQUEST)),
    };
    let path = url.path().to_owned();
    let segments: Vec<&str> = path.trim_matches('/').split('/').collect();
    if path == shared.options.token_path {
        if shared.options.hostile == Hostile::HugeTokenResponse {
            return huge_body("application/json", false);
        }
        return into_axum(token(&shared, &request));
    }
    if shared.options.hostile == Hostile::RejectFirstBearer
        && !shared
            .rejected_once
            .swap(true, std::sync::atomic::Ordering::SeqCst)
    {
        return into_axum(ServiceRequestError::unauthorized().to_http_response());
    }
    let listing = matches!(
        (request.method().as_str(), segments.as_slice()),
        (
            "GET",
            ["lineitems"] | ["lineitems", _, "results"] | ["memberships"]
        )
    );
    if listing && let Some(answer) = hostile_listing(&shared, &url) {
        return answer;
    }
    let answer = match segments.as_slice() {
        ["lineitems"] => ags(&shared, &request, &url, AgsResource::LineItems, None),
        ["lineitems", id] => ags(&shared, &request, &url, AgsResource::LineItem, Some(id)),
        ["lineitems", id, "scores"] => ags(&shared, &request, &url, AgsResource::Scores, Some(id)),
        ["lineitems", id, "results"] => {
            ags(&shared, &request, &url, AgsResource::Results, Some(id))
        }
        ["memberships"] => members(&shared, &request, &url),
        _ => ServiceRequestError::not_found(&path).to_http_response(),
    };
    into_axum(answer)
}

fn status(code: StatusCode) -> Answer {
    let mut response = http::Response::new(Vec::new());
    *response.status_mut() = code;
    response
}

fn into_axum(response: Answer) -> axum::response::Response {
    let (parts, body) = response.into_parts();
    axum::response::Response::from_parts(parts, Body::from(body))
}

fn token(shared: &Shared, request: &http::Request<Vec<u8>>) -> Answer {
    let answer = shared
        .endpoint
        .handle(&shared.tool, request, &shared.jtis, Utc::now(), |grant| {
            grant.issue_opaque(&shared.tokens)
        })
        .map_or_else(
            |error| error.to_http_response(),
            |issued| issued.to_http_response(),
        );
    if shared.options.hostile != Hostile::TokenWithoutExpiresIn || answer.status() != StatusCode::OK
    {
        return answer;
    }
    let (parts, body) = answer.into_parts();
    let mut value: serde_json::Value = serde_json::from_slice(&body).unwrap_or_default();
    if let Some(object) = value.as_object_mut() {
        object.remove("expires_in");
    }
    http::Response::from_parts(parts, value.to_string().into_bytes())
}

/// A 50 MB body of spaces in 64 KiB chunks, with or without its `Content-Length`.
fn huge_body(media_type: &'static str, with_length: bool) -> axum::response::Response {
    const HUGE: usize = 50 * 1024 * 1024;
    const CHUNK: usize = 64 * 1024;
    let chunk = Bytes::from(vec![b' '; CHUNK]);
    let chunks = std::iter::repeat_n(chunk, HUGE / CHUNK).map(Ok::<Bytes, std::io::Error>);
    let mut response =
        axum::response::Response::new(Body::from_stream(futures_util::stream::iter(chunks)));
    let headers = response.headers_mut();
    headers.insert(
        http::header::CONTENT_TYPE,
        HeaderValue::from_static(media_type),
    );
    if with_length {
        headers.insert(http::header::CONTENT_LENGTH, HeaderValue::from(HUGE));
    }
    response
}

/// The hostile answers of a listing, `None` when behaving.
fn hostile_listing(shared: &Shared, url: &Url) -> Option<axum::response::Response> {
    let media_type = if url.path().ends_with("/results") {
        "application/vnd.ims.lis.v2.resultcontainer+json"
    } else if url.path().starts_with("/memberships") {
        "application/vnd.ims.lti-nrps.v2.membershipcontainer+json"
    } else {
        "application/vnd.ims.lis.v2.lineitemcontainer+json"
    };
    let huge = |with_length: bool| huge_body(media_type, with_length);
    match shared.options.hostile {
        Hostile::RedirectElsewhere => {
            let mut elsewhere = url.clone();
            let _ = elsewhere.set_host(Some("127.0.0.2"));
            let mut response = status(StatusCode::FOUND);
            if let Ok(location) = HeaderValue::from_str(elsewhere.as_str()) {
                response
                    .headers_mut()
                    .insert(http::header::LOCATION, location);
            }
            Some(into_axum(response))
        }
        Hostile::HugeBody => Some(huge(false)),
        Hostile::HugeBodyWithLength => Some(huge(true)),
        Hostile::WrongMediaType => {
            let mut response = status(StatusCode::OK);
            *response.body_mut() = b"[]".to_vec();
            response.headers_mut().insert(
                http::header::CONTENT_TYPE,
                HeaderValue::from_static("application/json"),
            );
            Some(into_axum(response))
        }
        _ => None,
    }
}

/// Checks the bearer token against any of `scopes`: `None` when it passes, else the refusal.
fn refusal(shared: &Shared, request: &http::Request<Vec<u8>>, scopes: &[&str]) -> Option<Answer> {
    let verifier = AccessTokenVerifier::new(&shared.tokens);
    let mut first = None;
    for scope in scopes {
        match verifier.check(request.headers(), scope, Utc::now()) {
            Ok(_) => return None,
            Err(error) => {
                first.get_or_insert(error);
            }
        }
    }
    Some(first.map_or_else(
        || ServiceRequestError::unauthorized().to_http_response(),
        |error| error.to_http_response(),
    ))
}

fn page_of<T: Clone>(
    items: &[T],
    url: &Url,
    limit: Option<u32>,
    size: usize,
) -> (Vec<T>, usize, usize) {
    let size = limit
        .map_or(size, |limit| usize::try_from(limit).unwrap_or(size))
        .max(1);
    let page = url
        .query_pairs()
        .find(|(name, _)| name == "page")
        .and_then(|(_, value)| value.parse::<usize>().ok())
        .unwrap_or(0);
    let start = page.saturating_mul(size).min(items.len());
    let end = start.saturating_add(size).min(items.len());
    let pages = items.len().div_ceil(size).max(1);
    (
        items.get(start..end).unwrap_or_default().to_vec(),
        page,
        pages,
    )
}

fn with_page(url: &Url, page: usize) -> Url {
    let mut next = url.clone();
    let kept: Vec<(String, String)> = url
        .query_pairs()
        .filter(|(name, _)| name != "page")
        .map(|(name, value)| (name.into_owned(), value.into_owned()))
        .collect();
    next.set_query(None);
    {
        let mut pairs = next.query_pairs_mut();
        for (name, value) in &kept {
            pairs.append_pair(name, value);
        }
        if page > 0 {
            pairs.append_pair("page", &page.to_string());
        }
    }
    if next.query() == Some("") {
        next.set_query(None);
    }
    next
}

/// Puts the paging links of page `page` of `pages` on `response`, in the platform's style (or the
/// hostile `next`).
fn add_links(
    shared: &Shared,
    response: &mut Answer,
    url: &Url,
    page: usize,
    pages: usize,
    differences: Option<Url>,
) {
    let headers = response.headers_mut();
    headers.remove(http::header::LINK);
    let mut next = (page + 1 < pages).then(|| with_page(url, page + 1));
    match shared.options.hostile {
        Hostile::CrossOriginNext => {
            let mut other = with_page(url, page + 1);
            let _ = other.set_host(Some("127.0.0.2"));
            next = Some(other);
        }
        Hostile::PageLoop => next = Some(url.clone()),
        _ => {}
    }
    let first = with_page(url, 0);
    let last = with_page(url, pages.saturating_sub(1));
    let mut add = |value: String| {
        if let Ok(value) = HeaderValue::from_str(&value) {
            headers.append(http::header::LINK, value);
        }
    };
    match shared.options.style {
        LinkStyle::Learnwire => {
            let mut links = PageLinks::new().with_first(first);
            if let Some(next) = next {
                links = links.with_next(next);
            }
            if let Some(differences) = differences {
                links = links.with_differences(differences);
            }
            if let Some(value) = links.header_value() {
                headers.insert(http::header::LINK, value);
            }
        }
        LinkStyle::Canvas => {
            let mut parts = vec![format!("<{url}>; rel=\"current\"")];
            if let Some(next) = next {
                parts.push(format!("<{next}>; rel=\"next\""));
            }
            parts.push(format!("<{first}>; rel=\"first\""));
            parts.push(format!("<{last}>; rel=\"last\""));
            if let Some(differences) = differences {
                parts.push(format!("<{differences}>; rel=\"differences\""));
            }
            add(parts.join(","));
        }
        LinkStyle::Brightspace => {
            if let Some(next) = next {
                add(format!("<{next}>; rel=next"));
            }
            add(format!("<{first}>; rel=first"));
            if let Some(differences) = differences {
                add(format!("<{differences}>; rel=differences"));
            }
        }
        LinkStyle::Moodle => {
            let relative = |url: &Url| match url.query() {
                Some(query) => format!("{}?{query}", url.path()),
                None => url.path().to_owned(),
            };
            let mut parts = Vec::new();
            if let Some(next) = next {
                // A cross-origin next stays absolute, or it would not leave the origin.
                let target = if next.origin() == url.origin() {
                    relative(&next)
                } else {
                    next.to_string()
                };
                parts.push(format!("<{target}>; rel=next"));
            }
            parts.push(format!("<{}>; rel=first", relative(&first)));
            if let Some(differences) = differences {
                parts.push(format!("<{}>; rel=differences", relative(&differences)));
            }
            add(parts.join(", "));
        }
    }
}

fn ags(
    shared: &Shared,
    request: &http::Request<Vec<u8>>,
    url: &Url,
    resource: AgsResource,
    id: Option<&&str>,
) -> Answer {
    let read = match AgsRequest::from_http_request(request, resource, &Limits::default()) {
        Ok(read) => read,
        Err(error) => return error.to_http_response(),
    };
    if let Some(answer) = refusal(shared, request, read.accepted_scopes()) {
        return answer;
    }
    let mut data = shared
        .data
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    let line_item_id = id.map(|id| {
        shared
            .base
            .join(&format!("/lineitems/{id}"))
            .map(String::from)
            .unwrap_or_default()
    });
    let position = line_item_id.as_ref().and_then(|wanted| {
        data.line_items
            .iter()
            .position(|item| item.id.as_ref().is_some_and(|id| id.as_str() == wanted))
    });
    if line_item_id.is_some() && position.is_none() {
        return ServiceRequestError::not_found("line item").to_http_response();
    }
    match read {
        AgsRequest::ListLineItems(query) => {
            let matching: Vec<LineItem> = data
                .line_items
                .iter()
                .filter(|item| {
                    query
                        .resource_link_id
                        .as_ref()
                        .is_none_or(|wanted| item.resource_link_id.as_ref() == Some(wanted))
                        && query
                            .resource_id
                            .as_ref()
                            .is_none_or(|wanted| item.resource_id.as_ref() == Some(wanted))
                        && query
                            .tag
                            .as_ref()
                            .is_none_or(|wanted| item.tag.as_ref() == Some(wanted))
                })
                .cloned()
                .collect();
            let (items, page, pages) =
                page_of(&matching, url, query.limit, shared.options.page_size);
            let mut response = AgsResponse::LineItems {
                items,
                links: PageLinks::new(),
            }
            .to_http_response();
            add_links(shared, &mut response, url, page, pages, None);
            response
        }
        AgsRequest::CreateLineItem(item) => {
            AgsResponse::Created(store_line_item(shared, &mut data, item)).to_http_response()
        }
        AgsRequest::GetLineItem => match position.and_then(|at| data.line_items.get(at)) {
            Some(item) => AgsResponse::LineItem(item.clone()).to_http_response(),
            None => ServiceRequestError::not_found("line item").to_http_response(),
        },
        AgsRequest::UpdateLineItem(mut item) => {
            item.id = line_item_id.as_deref().and_then(|id| Url::parse(id).ok());
            if let Some(slot) = position.and_then(|at| data.line_items.get_mut(at)) {
                *slot = item.clone();
            }
            AgsResponse::LineItem(item).to_http_response()
        }
        AgsRequest::DeleteLineItem => {
            if let Some(at) = position {
                data.line_items.remove(at);
            }
            AgsResponse::NoContent.to_http_response()
        }
        AgsRequest::PostScore(score) => {
            let line_item = line_item_id.unwrap_or_default();
            let user = score.user_id.as_str().to_owned();
            let mut result = LineItemResult::new(score.user_id.clone());
            result.id = Some(format!("{line_item}/results/{user}"));
            result.score_of = Some(line_item.clone());
            result.result_score = score.score_given;
            result.result_maximum = score.score_maximum;
            result.comment = score.comment.clone();
            let results = data.results.entry(line_item).or_default();
            results.retain(|kept| kept.user_id.as_str() != user);
            results.push(result);
            AgsResponse::NoContent.to_http_response()
        }
        AgsRequest::ListResults(query) => {
            let all: Vec<LineItemResult> = data
                .results
                .get(&line_item_id.unwrap_or_default())
                .cloned()
                .unwrap_or_default()
                .into_iter()
                .filter(|result| {
                    query
                        .user_id
                        .as_ref()
                        .is_none_or(|user| result.user_id.as_str() == user)
                })
                .collect();
            let (results, page, pages) = page_of(&all, url, query.limit, shared.options.page_size);
            let mut response = AgsResponse::Results {
                results,
                links: PageLinks::new(),
            }
            .to_http_response();
            add_links(shared, &mut response, url, page, pages, None);
            response
        }
        _ => status(StatusCode::NOT_IMPLEMENTED),
    }
}

fn members(shared: &Shared, request: &http::Request<Vec<u8>>, url: &Url) -> Answer {
    let read = match MembersRequest::from_http_request(request, &Limits::default()) {
        Ok(read) => read,
        Err(error) => return error.to_http_response(),
    };
    if let Some(answer) = refusal(shared, request, &[read.required_scope()]) {
        return answer;
    }
    let data = shared
        .data
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    let matching: Vec<Member> = data
        .members
        .iter()
        .filter(|member| read.role_matches(member))
        .cloned()
        .collect();
    let (page_members, page, pages) =
        page_of(&matching, url, read.query.limit, shared.options.page_size);
    let context = Context::new(
        CONTEXT_ID
            .try_into()
            .unwrap_or_else(|_| panic!("context id")),
    );
    let container = MembershipContainer::new(url.as_str(), context, page_members);
    let mut response = MembersResponse::new(container, PageLinks::new()).to_http_response();
    let differences = shared
        .base
        .join("/memberships?since=2026-01-01T00%3A00%3A00Z")
        .ok();
    add_links(shared, &mut response, url, page, pages, differences);
    response
}
