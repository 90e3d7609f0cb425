//! Tool side: access tokens kept per token endpoint, client and scope set until they expire, minus a
//! margin.

use std::collections::BTreeMap;
use std::sync::Mutex;

use chrono::{DateTime, TimeDelta, Utc};

use super::{ScopeSet, TokenRequest, TokenResponse};

/// What a cached token is for: the token endpoint, the client id, the assertion audience, the
/// requested scopes.
type CacheKey = (String, String, String, ScopeSet);

/// Access tokens kept until they expire, minus a margin, keyed by the request that obtained them: token
/// endpoint, client id, audience and requested scope set (so one cache serves several platforms, and
/// `"a b"` and `"b a"` share a token). Reads no clock: every call takes `now`. Bounded: when full,
/// expired tokens are dropped, then the one expiring first. Shareable between threads (`&self`).
///
/// # Example
///
/// ```
/// # use learnwire_lti::service_token::{ScopeSet, TokenCache, TokenRequest};
/// # use learnwire_lti::{TimeDelta, Url, Utc, http};
/// # let request = TokenRequest::new(Url::parse("https://lms.example.edu/token")?, "client-1", ScopeSet::new());
/// # let now = Utc::now();
/// # let response = http::Response::new(br#"{"access_token":"t-1","token_type":"bearer","expires_in":3600}"#.to_vec());
/// let cache = TokenCache::new().with_margin(TimeDelta::seconds(60));
/// if cache.get(&request, now).is_none() {
///     cache.insert(&request, request.parse_http_response(&response, now)?, now);
/// }
/// assert!(cache.get(&request, now + TimeDelta::seconds(3539)).is_some());
/// assert!(cache.get(&request, now + TimeDelta::seconds(3540)).is_none());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug)]
pub struct TokenCache {
    margin: TimeDelta,
    capacity: usize,
    entries: Mutex<BTreeMap<CacheKey, TokenResponse>>,
}

impl Default for TokenCache {
    fn default() -> Self {
        Self::new()
    }
}

impl TokenCache {
    /// An empty cache: margin 60 seconds, at most 1 000 tokens.
    pub fn new() -> Self {
        Self {
            margin: TimeDelta::seconds(60),
            capacity: 1_000,
            entries: Mutex::new(BTreeMap::new()),
        }
    }

    /// Sets the margin: a token is returned while `now < expires_at - margin` (default 60 s; negative
    /// values count as 0).
    #[must_use]
    pub fn with_margin(mut self, margin: TimeDelta) -> Self {
        self.margin = margin.max(TimeDelta::zero());
        self
    }

    /// The margin.
    pub fn margin(&self) -> TimeDelta {
        self.margin
    }

    /// Sets how many tokens are kept at most (default 1 000).
    #[must_use]
    pub fn with_capacity(mut self, capacity: usize) -> Self {
        self.capacity = capacity;
        self
    }

    /// The token obtained for `request` (same endpoint, client, audience and scope set), if it is still
    /// valid at `now` with the margin.
    pub fn get(&self, request: &TokenRequest, now: DateTime<Utc>) -> Option<TokenResponse> {
        let entries = self.entries.lock().ok()?;
        entries
            .get(&key(request))
            .filter(|token| self.fresh(token, now))
            .cloned()
    }

    /// Keeps `response`, obtained for `request`, replacing an older token for the same request. A token
    /// already within the margin at `now` is not kept.
    pub fn insert(&self, request: &TokenRequest, response: TokenResponse, now: DateTime<Utc>) {
        if !self.fresh(&response, now) || self.capacity == 0 {
            return;
        }
        let Ok(mut entries) = self.entries.lock() else {
            return;
        };
        let key = key(request);
        if !entries.contains_key(&key) && entries.len() >= self.capacity {
            entries.retain(|_, token| self.fresh(token, now));
            if entries.len() >= self.capacity
                && let Some(first) = entries
                    .iter()
                    .min_by_key(|(_, token)| token.expires_at())
                    .map(|(key, _)| key.clone())
            {
                entries.remove(&first);
            }
        }
        entries.insert(key, response);
    }

    /// Forgets the token for `request` (after the platform refused it with 401, for example).
    pub fn remove(&self, request: &TokenRequest) {
        if let Ok(mut entries) = self.entries.lock() {
            entries.remove(&key(request));
        }
    }

    /// The number of tokens held (expired ones included until the next insert needs room).
    pub fn len(&self) -> usize {
        self.entries
            .lock()
            .map(|entries| entries.len())
            .unwrap_or(0)
    }

    /// True when no token is held.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    fn fresh(&self, token: &TokenResponse, now: DateTime<Utc>) -> bool {
        token
            .expires_at()
            .checked_sub_signed(self.margin)
            .is_some_and(|usable_until| now < usable_until)
    }
}

fn key(request: &TokenRequest) -> CacheKey {
    (
        request.token_endpoint().as_str().to_owned(),
        request.client_id().to_owned(),
        request.audience().to_owned(),
        request.scopes().clone(),
    )
}
