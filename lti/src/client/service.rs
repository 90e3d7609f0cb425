//! [`ServiceClient`]: tokens, AGS and NRPS over an [`HttpClient`], pages followed with the
//! [`PageFollower`].

use std::sync::Arc;

use chrono::Utc;
use futures_util::stream::{self, Stream, TryStreamExt};
use http::{Request, Response};
use url::Url;

use super::error::{ClientError, TransportError};
use super::transport::{HttpClient, ReqwestClient};
use crate::Limits;
use crate::ags::{
    CreateLineItem, DeleteLineItem, GetLineItem, LineItem, LineItemResult, LineItemsQuery,
    ListLineItems, ListResults, PostScore, Score, UpdateLineItem,
};
use crate::keys::SigningKey;
use crate::nrps::{ListMembers, MembersQuery, MembershipContainer};
use crate::paging::{Page, PageFollower, PagedCall};
use crate::service_token::{
    Scope, ScopeSet, TokenCache, TokenRequest, TokenResponse, TokenResponseError,
};
use crate::services::{BuildRequestError, ServiceError};

/// Sends `request` to its token endpoint (no cache) and reads the answer: a fresh signed assertion, the
/// body capped at [`Limits::max_oauth_body_bytes`].
///
/// # Errors
///
/// [`ClientError::TokenRequest`], [`ClientError::Transport`], [`ClientError::TokenResponse`] (a body
/// over the limit is `lti.token-response.too-large`).
pub async fn fetch_token<C: HttpClient>(
    http: &C,
    request: &TokenRequest,
    key: &SigningKey,
    limits: &Limits,
) -> Result<TokenResponse, ClientError> {
    let sent = request.to_http_request(key, Utc::now())?;
    let limit = limits.max_oauth_body_bytes();
    let answer = http.send(sent, limit).await.map_err(|error| match error {
        TransportError::TooLarge { read, limit } => {
            ClientError::TokenResponse(TokenResponseError::TooLarge {
                length: read,
                limit,
            })
        }
        other => ClientError::Transport(other),
    })?;
    Ok(request.parse_http_response(&answer, Utc::now())?)
}

/// The whole membership of a context, every page read: the container (the first page's `id` and
/// `context`, every page's members in order) and the `differences` link when the platform sent one.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct Membership {
    /// The container with all members.
    pub container: MembershipContainer,
    /// The `differences` link (NRPS 2.0): where to ask for the changes since this read.
    pub differences: Option<Url>,
}

/// A tool's client for one platform registration: the token endpoint, the client id, the tool's signing
/// key; tokens cached per scope set. See the [module docs](super) for the calls and their scopes.
#[derive(Debug)]
pub struct ServiceClient<C = ReqwestClient> {
    http: C,
    key: Arc<SigningKey>,
    token_endpoint: Url,
    client_id: String,
    audience: Option<String>,
    cache: TokenCache,
    limits: Limits,
}

const READ_LINE_ITEMS: &[&str] = &[Scope::AGS_LINE_ITEM_READONLY, Scope::AGS_LINE_ITEM];
const WRITE_LINE_ITEMS: &[&str] = &[Scope::AGS_LINE_ITEM];
const SCORES: &[&str] = &[Scope::AGS_SCORE];
const RESULTS: &[&str] = &[Scope::AGS_RESULT_READONLY];
const MEMBERS: &[&str] = &[Scope::NRPS_CONTEXT_MEMBERSHIP_READONLY];

fn scope_set(scopes: &[&str]) -> ScopeSet {
    scopes
        .iter()
        .filter_map(|scope| Scope::parse(*scope).ok())
        .collect()
}

impl<C: HttpClient + Sync> ServiceClient<C> {
    /// A client for the platform whose token endpoint is `token_endpoint`, as `client_id`, signing
    /// assertions with `key` (its `kid` is the one registered with the platform).
    pub fn new(
        http: C,
        token_endpoint: Url,
        client_id: impl Into<String>,
        key: Arc<SigningKey>,
    ) -> Self {
        Self {
            http,
            key,
            token_endpoint,
            client_id: client_id.into(),
            audience: None,
            cache: TokenCache::new(),
            limits: Limits::default(),
        }
    }

    /// The assertion's `aud` when the platform wants another audience than the token endpoint URL.
    #[must_use]
    pub fn with_audience(mut self, audience: impl Into<String>) -> Self {
        self.audience = Some(audience.into());
        self
    }

    /// Reads answers under `limits` (body sizes, `Link` headers, pages, items).
    #[must_use]
    pub fn with_limits(mut self, limits: Limits) -> Self {
        self.limits = limits;
        self
    }

    /// Uses `cache` (its margin and capacity) instead of a default [`TokenCache`].
    #[must_use]
    pub fn with_token_cache(mut self, cache: TokenCache) -> Self {
        self.cache = cache;
        self
    }

    /// The token cache.
    pub fn token_cache(&self) -> &TokenCache {
        &self.cache
    }

    /// The token request this client sends for `scopes`.
    pub fn token_request(&self, scopes: ScopeSet) -> TokenRequest {
        let request = TokenRequest::new(self.token_endpoint.clone(), &self.client_id, scopes)
            .with_limits(self.limits.clone());
        match &self.audience {
            Some(audience) => request.with_audience(audience.clone()),
            None => request,
        }
    }

    /// An access token for `scopes`: the cached one while it is fresh, else a new one (then cached).
    ///
    /// # Errors
    ///
    /// As [`fetch_token`].
    pub async fn token(&self, scopes: &ScopeSet) -> Result<TokenResponse, ClientError> {
        let request = self.token_request(scopes.clone());
        if let Some(token) = self.cache.get(&request, Utc::now()) {
            return Ok(token);
        }
        let token = fetch_token(&self.http, &request, &self.key, &self.limits).await?;
        self.cache.insert(&request, token.clone(), Utc::now());
        Ok(token)
    }

    /// Sends the request `build` makes with a token for `scopes` and returns the answer; a `401` drops
    /// the cached token and the request is built and sent once more with a new one.
    async fn send(
        &self,
        scopes: &[&str],
        build: impl Fn(&str) -> Result<Request<Vec<u8>>, BuildRequestError>,
    ) -> Result<Response<Vec<u8>>, ClientError> {
        let scopes = scope_set(scopes);
        let mut retried = false;
        loop {
            let token = self.token(&scopes).await?;
            let request = build(token.access_token().secret())?;
            let limit = self.limits.max_service_body_bytes();
            let answer = self
                .http
                .send(request, limit)
                .await
                .map_err(|error| match error {
                    TransportError::TooLarge { read, limit } => {
                        ClientError::Service(ServiceError::TooLarge {
                            length: read,
                            limit,
                        })
                    }
                    other => ClientError::Transport(other),
                })?;
            if answer.status() == http::StatusCode::UNAUTHORIZED && !retried {
                retried = true;
                self.cache.remove(&self.token_request(scopes.clone()));
                continue;
            }
            return Ok(answer);
        }
    }

    /// One service call: [`send`](Self::send), then `parse` the answer.
    async fn call<T>(
        &self,
        scopes: &[&str],
        build: impl Fn(&str) -> Result<Request<Vec<u8>>, BuildRequestError>,
        parse: impl FnOnce(Response<Vec<u8>>) -> Result<T, ServiceError>,
    ) -> Result<T, ClientError> {
        let answer = self.send(scopes, build).await?;
        Ok(parse(answer)?)
    }

    /// The pages of the listing `first` starts, as a stream: each page is fetched when the stream is
    /// polled, the next one decided by a [`PageFollower`] (same origin only, no page read twice, page and
    /// item limits). After an error the stream ends.
    fn pages<'a, P: PagedCall + 'a>(
        &'a self,
        first: P,
        scopes: &'static [&'static str],
    ) -> impl Stream<Item = Result<Page<P::Items>, ClientError>> + 'a {
        let follower = PageFollower::new(first, &self.limits);
        stream::try_unfold(follower, move |mut follower| async move {
            if follower.is_done() {
                return Ok(None);
            }
            let answer = self
                .send(scopes, |token| {
                    follower.next_request(token).and_then(|request| {
                        request.ok_or(BuildRequestError::Url {
                            url: learnwire_report::Untrusted::new(""),
                            reason: "the listing has no page left to request",
                        })
                    })
                })
                .await?;
            let page = follower.read(answer)?;
            Ok(Some((page, follower)))
        })
    }

    /// The pages of a line items listing (AGS 2.0 §3.2, filters in `query`) as a stream.
    pub fn line_item_pages<'a>(
        &'a self,
        line_items_url: &Url,
        query: &LineItemsQuery,
    ) -> impl Stream<Item = Result<Page<Vec<LineItem>>, ClientError>> + 'a {
        let first = ListLineItems::new(line_items_url, query).with_limits(self.limits.clone());
        self.pages(first, READ_LINE_ITEMS)
    }

    /// Every line item of the listing, all pages read.
    ///
    /// # Errors
    ///
    /// The first [`ClientError`] (a page error stops the listing: no partial result).
    pub async fn list_line_items(
        &self,
        line_items_url: &Url,
        query: &LineItemsQuery,
    ) -> Result<Vec<LineItem>, ClientError> {
        self.line_item_pages(line_items_url, query)
            .try_fold(Vec::new(), |mut all, page| async move {
                all.extend(page.items);
                Ok(all)
            })
            .await
    }

    /// One line item (AGS 2.0 §3.2).
    ///
    /// # Errors
    ///
    /// A [`ClientError`].
    pub async fn get_line_item(&self, line_item_url: &Url) -> Result<LineItem, ClientError> {
        let call = GetLineItem::new(line_item_url.clone()).with_limits(self.limits.clone());
        self.call(
            READ_LINE_ITEMS,
            |token| call.to_http_request(token),
            |answer| call.parse_http_response(answer),
        )
        .await
    }

    /// Creates `item` in the container at `line_items_url`; returns it as the platform stored it (with
    /// its `id`).
    ///
    /// # Errors
    ///
    /// A [`ClientError`]; an item breaking the spec's rules is [`ClientError::Build`]
    /// (`lti.service.invalid`) and is not sent.
    pub async fn create_line_item(
        &self,
        line_items_url: &Url,
        item: LineItem,
    ) -> Result<LineItem, ClientError> {
        let call =
            CreateLineItem::new(line_items_url.clone(), item).with_limits(self.limits.clone());
        self.call(
            WRITE_LINE_ITEMS,
            |token| call.to_http_request(token),
            |answer| call.parse_http_response(answer),
        )
        .await
    }

    /// Replaces the line item at its `id` with `item` (AGS 2.0 §3.2 `PUT`).
    ///
    /// # Errors
    ///
    /// A [`ClientError`]; an item without `id` is [`ClientError::Build`] (`lti.service.url`).
    pub async fn update_line_item(&self, item: LineItem) -> Result<LineItem, ClientError> {
        let call = UpdateLineItem::of(item)?.with_limits(self.limits.clone());
        self.call(
            WRITE_LINE_ITEMS,
            |token| call.to_http_request(token),
            |answer| call.parse_http_response(answer),
        )
        .await
    }

    /// Deletes the line item at `line_item_url`.
    ///
    /// # Errors
    ///
    /// A [`ClientError`].
    pub async fn delete_line_item(&self, line_item_url: &Url) -> Result<(), ClientError> {
        let call = DeleteLineItem::new(line_item_url.clone());
        self.call(
            WRITE_LINE_ITEMS,
            |token| call.to_http_request(token),
            |answer| call.parse_http_response(answer),
        )
        .await
    }

    /// Posts `score` to the line item's scores URL (`<line item>/scores`, AGS 2.0 §3.4).
    ///
    /// # Errors
    ///
    /// A [`ClientError`]; a score breaking the spec's rules is [`ClientError::Build`] and is not sent.
    pub async fn post_score(&self, line_item_url: &Url, score: Score) -> Result<(), ClientError> {
        let call = PostScore::new(line_item_url, score)?.with_limits(self.limits.clone());
        self.call(
            SCORES,
            |token| call.to_http_request(token),
            |answer| call.parse_http_response(answer),
        )
        .await
    }

    /// The pages of a line item's results (`<line item>/results`, AGS 2.0 §3.3) as a stream.
    ///
    /// # Errors
    ///
    /// [`ClientError::Build`] when the line item URL cannot take the `/results` path.
    pub fn result_pages<'a>(
        &'a self,
        line_item_url: &Url,
        user_id: Option<&str>,
        limit: Option<u32>,
    ) -> Result<impl Stream<Item = Result<Page<Vec<LineItemResult>>, ClientError>> + 'a, ClientError>
    {
        let first =
            ListResults::new(line_item_url, user_id, limit)?.with_limits(self.limits.clone());
        Ok(self.pages(first, RESULTS))
    }

    /// Every result of the line item (optionally one user's), all pages read.
    ///
    /// # Errors
    ///
    /// The first [`ClientError`].
    pub async fn list_results(
        &self,
        line_item_url: &Url,
        user_id: Option<&str>,
        limit: Option<u32>,
    ) -> Result<Vec<LineItemResult>, ClientError> {
        self.result_pages(line_item_url, user_id, limit)?
            .try_fold(Vec::new(), |mut all, page| async move {
                all.extend(page.items);
                Ok(all)
            })
            .await
    }

    /// The pages of a context's membership (NRPS 2.0, filters in `query`) as a stream.
    pub fn member_pages<'a>(
        &'a self,
        memberships_url: &Url,
        query: &MembersQuery,
    ) -> impl Stream<Item = Result<Page<MembershipContainer>, ClientError>> + 'a {
        let first = ListMembers::new(memberships_url, query).with_limits(self.limits.clone());
        self.pages(first, MEMBERS)
    }

    /// The whole membership, all pages read: the first page's container with every page's members, and
    /// the first `differences` link seen.
    ///
    /// # Errors
    ///
    /// The first [`ClientError`].
    pub async fn list_members(
        &self,
        memberships_url: &Url,
        query: &MembersQuery,
    ) -> Result<Membership, ClientError> {
        let folded = self
            .member_pages(memberships_url, query)
            .try_fold(None::<Membership>, |all, page| async move {
                let differences = page.links.differences().cloned();
                Ok(Some(match all {
                    None => Membership {
                        container: page.items,
                        differences,
                    },
                    Some(mut all) => {
                        all.container.members.extend(page.items.members);
                        all.differences = all.differences.or(differences);
                        all
                    }
                }))
            })
            .await?;
        // The stream yields at least the first page or an error, so `None` does not happen; an empty
        // answer would read as a shape error anyway.
        folded.ok_or_else(|| {
            ClientError::Service(ServiceError::Shape {
                expected: "membership container",
                reason: learnwire_report::Untrusted::new("no page was read"),
            })
        })
    }
}
