//! When to fetch a platform's key set (JWKS): sans-IO cache decisions.
//!
//! The caller keeps a [`JwksCacheState`] next to its parsed key set (in memory, or serialized in a
//! shared store) and asks it what to do, passing the current time:
//!
//! 1. Before verifying a launch: [`JwksCacheState::decide`] → use the cached keys, fetch, use stale
//!    keys (the last refresh failed), or fail (no usable keys; retry later).
//! 2. After a fetch: [`JwksCacheState::record_success`] with the response headers (freshness from
//!    `Cache-Control: max-age`, else `Expires`, clamped into the policy's bounds) or
//!    [`JwksCacheState::record_failure`] (network error, non-2xx, or a body that is not a valid key set).
//! 3. When the token's `kid` is not in the cached set: [`JwksCacheState::on_unknown_kid`] → refetch
//!    once, or reject. Refetches are rate limited (at most one per
//!    [`CachePolicy::refetch_interval`], counting every fetch attempt), so a flood of tokens with random
//!    `kid`s cannot turn into a flood of requests to the platform. After one refetch, a still-unknown
//!    `kid` is rejected; never fall back to trying every key.
//!
//! The cache never does I/O and never reads the clock.
//!
//! # Example
//! ```
//! use chrono::{TimeDelta, TimeZone, Utc};
//! use http::{HeaderMap, HeaderValue};
//! use learnwire_lti::keys::cache::{CacheDecision, CachePolicy, FetchReason, JwksCacheState, UnknownKidDecision};
//! let policy = CachePolicy::default();
//! let mut state = JwksCacheState::new();
//! let now = Utc.with_ymd_and_hms(2024, 1, 1, 12, 0, 0).single().ok_or("bad date")?;
//! assert_eq!(state.decide(&policy, now), CacheDecision::Fetch { reason: FetchReason::NoKeys });
//! // ... fetch the JWKS with your HTTP client, parse it, then:
//! let mut headers = HeaderMap::new();
//! headers.insert("cache-control", HeaderValue::from_static("max-age=3600"));
//! state.record_success(&policy, &headers, now);
//! assert_eq!(state.decide(&policy, now + TimeDelta::minutes(30)), CacheDecision::UseCached);
//! // A token names a kid we do not have: refetch once...
//! assert_eq!(state.on_unknown_kid(&policy, now + TimeDelta::minutes(30)), UnknownKidDecision::Refetch);
//! state.record_success(&policy, &headers, now + TimeDelta::minutes(30));
//! // ...and a second unknown kid right after is rejected without a request.
//! assert!(matches!(state.on_unknown_kid(&policy, now + TimeDelta::minutes(30)), UnknownKidDecision::Reject { .. }));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod freshness;

use chrono::{DateTime, TimeDelta, Utc};
use http::HeaderMap;
use serde::{Deserialize, Serialize};

pub use freshness::{HeaderFreshness, header_freshness};

/// Bounds and intervals of the key set cache. Private fields, secure defaults, setters.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CachePolicy {
    min_ttl: TimeDelta,
    max_ttl: TimeDelta,
    default_ttl: TimeDelta,
    refetch_interval: TimeDelta,
    retry_interval: TimeDelta,
    max_retry_interval: TimeDelta,
    stale_if_error: TimeDelta,
}

impl Default for CachePolicy {
    /// `min_ttl` 5 min, `max_ttl` 24 h, `default_ttl` 1 h, `refetch_interval` 1 min, `retry_interval`
    /// 10 s doubling per consecutive failure up to `max_retry_interval` 5 min, `stale_if_error` 6 h.
    fn default() -> Self {
        Self {
            min_ttl: TimeDelta::minutes(5),
            max_ttl: TimeDelta::hours(24),
            default_ttl: TimeDelta::hours(1),
            refetch_interval: TimeDelta::minutes(1),
            retry_interval: TimeDelta::seconds(10),
            max_retry_interval: TimeDelta::minutes(5),
            stale_if_error: TimeDelta::hours(6),
        }
    }
}

impl CachePolicy {
    /// The default policy.
    pub fn new() -> Self {
        Self::default()
    }

    /// Clamp header lifetimes into `[min, max]` (default 5 min to 24 h). `no-cache` and `max-age=0`
    /// become `min`. If `min > max`, `max` wins. Negative values count as zero.
    pub fn with_ttl_bounds(mut self, min: TimeDelta, max: TimeDelta) -> Self {
        self.min_ttl = non_negative(min);
        self.max_ttl = non_negative(max);
        self
    }

    /// Lifetime used when the response has neither `Cache-Control: max-age` nor `Expires` (default
    /// 1 h; still clamped into the bounds).
    pub fn with_default_ttl(mut self, ttl: TimeDelta) -> Self {
        self.default_ttl = non_negative(ttl);
        self
    }

    /// Minimum time between a fetch and an unknown-`kid` refetch (default 1 min).
    pub fn with_refetch_interval(mut self, interval: TimeDelta) -> Self {
        self.refetch_interval = non_negative(interval);
        self
    }

    /// Wait after a failed fetch (default 10 s), doubled per consecutive failure up to `max` (default
    /// 5 min).
    pub fn with_retry_interval(mut self, first: TimeDelta, max: TimeDelta) -> Self {
        self.retry_interval = non_negative(first);
        self.max_retry_interval = non_negative(max);
        self
    }

    /// How long past their expiry cached keys stay usable while refreshes fail (default 6 h; zero
    /// disables stale use). Longer keeps launches working through a platform outage but also keeps
    /// trusting keys the platform may have withdrawn.
    pub fn with_stale_if_error(mut self, window: TimeDelta) -> Self {
        self.stale_if_error = non_negative(window);
        self
    }

    /// The minimum interval between unknown-`kid` refetches.
    pub fn refetch_interval(&self) -> TimeDelta {
        self.refetch_interval
    }

    /// The lifetime given to a fetched key set: the header lifetime (or the default) clamped into the
    /// bounds.
    pub fn lifetime(&self, headers: &HeaderMap, now: DateTime<Utc>) -> TimeDelta {
        let wanted = match header_freshness(headers, now) {
            HeaderFreshness::Lifetime(lifetime) => lifetime,
            HeaderFreshness::Unspecified => self.default_ttl,
        };
        wanted.max(self.min_ttl).min(self.max_ttl)
    }

    /// Wait before retrying after `failures` consecutive failures.
    fn retry_after(&self, failures: u32) -> TimeDelta {
        let doublings = failures.saturating_sub(1).min(20);
        let factor = 1_i32 << doublings;
        self.retry_interval
            .checked_mul(factor)
            .unwrap_or(TimeDelta::MAX)
            .min(self.max_retry_interval)
    }
}

/// What to do before verifying with the cached key set.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum CacheDecision {
    /// The cached keys are fresh: use them.
    UseCached,
    /// Fetch the key set now, then call `record_success` or `record_failure`.
    Fetch {
        /// Why.
        reason: FetchReason,
    },
    /// The cached keys expired and the last refresh failed: use them until `until`, retry later.
    UseStale {
        /// End of the stale window.
        until: DateTime<Utc>,
    },
    /// No usable keys and a fetch failed recently: reject the launch; try again at `retry_at`.
    Unavailable {
        /// When a fetch may be tried again.
        retry_at: DateTime<Utc>,
    },
}

/// Why a fetch is needed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum FetchReason {
    /// No key set has been fetched successfully yet.
    NoKeys,
    /// The cached key set's lifetime is over.
    Expired,
}

/// What to do when the token's `kid` is not in the cached key set.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum UnknownKidDecision {
    /// Fetch the key set once more, record the outcome, and look the `kid` up again; if it is still
    /// unknown, reject the token.
    Refetch,
    /// Reject the token now: a fetch happened less than the refetch interval ago.
    Reject {
        /// When an unknown `kid` may trigger a refetch again.
        refetch_allowed_at: DateTime<Utc>,
    },
}

/// The cache's memory, kept by the caller (serializable, so it can live in a shared store).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct JwksCacheState {
    fetched_at: Option<DateTime<Utc>>,
    fresh_until: Option<DateTime<Utc>>,
    last_attempt_at: Option<DateTime<Utc>>,
    last_failure_at: Option<DateTime<Utc>>,
    consecutive_failures: u32,
}

impl JwksCacheState {
    /// A cache that holds no keys yet.
    pub fn new() -> Self {
        Self::default()
    }

    /// What to do before verifying at `now`.
    pub fn decide(&self, policy: &CachePolicy, now: DateTime<Utc>) -> CacheDecision {
        let retry_at = self.retry_at(policy);
        let (Some(fetched_at), Some(fresh_until)) = (self.fetched_at, self.fresh_until) else {
            return match retry_at {
                Some(retry_at) if now < retry_at => CacheDecision::Unavailable { retry_at },
                _ => CacheDecision::Fetch {
                    reason: FetchReason::NoKeys,
                },
            };
        };
        if now < fresh_until {
            return CacheDecision::UseCached;
        }
        let failed_since_fetch = self
            .last_failure_at
            .is_some_and(|failed| failed >= fetched_at);
        match retry_at {
            Some(retry_at) if failed_since_fetch && now < retry_at => {
                let until = add(fresh_until, policy.stale_if_error);
                if now < until {
                    CacheDecision::UseStale { until }
                } else {
                    CacheDecision::Unavailable { retry_at }
                }
            }
            _ => CacheDecision::Fetch {
                reason: FetchReason::Expired,
            },
        }
    }

    /// What to do when a token's `kid` is not in the cached set, at `now`.
    pub fn on_unknown_kid(&self, policy: &CachePolicy, now: DateTime<Utc>) -> UnknownKidDecision {
        match self.last_attempt_at {
            Some(last) if now < add(last, policy.refetch_interval) => UnknownKidDecision::Reject {
                refetch_allowed_at: add(last, policy.refetch_interval),
            },
            _ => UnknownKidDecision::Refetch,
        }
    }

    /// Records a successful fetch at `now` (a 2xx response whose body parsed as a key set) and
    /// returns until when it is fresh.
    pub fn record_success(
        &mut self,
        policy: &CachePolicy,
        headers: &HeaderMap,
        now: DateTime<Utc>,
    ) -> DateTime<Utc> {
        let fresh_until = add(now, policy.lifetime(headers, now));
        self.fetched_at = Some(now);
        self.fresh_until = Some(fresh_until);
        self.last_attempt_at = Some(now);
        self.consecutive_failures = 0;
        fresh_until
    }

    /// Records a failed fetch at `now` (network error, non-2xx status, invalid key set). The cached
    /// keys, if any, stay; see [`decide`](Self::decide) for how long.
    pub fn record_failure(&mut self, now: DateTime<Utc>) {
        self.last_attempt_at = Some(now);
        self.last_failure_at = Some(now);
        self.consecutive_failures = self.consecutive_failures.saturating_add(1);
    }

    /// Whether a key set was fetched successfully at least once.
    pub fn has_keys(&self) -> bool {
        self.fetched_at.is_some()
    }

    /// When the key set was last fetched successfully.
    pub fn fetched_at(&self) -> Option<DateTime<Utc>> {
        self.fetched_at
    }

    /// Until when the cached key set is fresh.
    pub fn fresh_until(&self) -> Option<DateTime<Utc>> {
        self.fresh_until
    }

    /// How many fetches failed in a row since the last success.
    pub fn consecutive_failures(&self) -> u32 {
        self.consecutive_failures
    }

    /// When a fetch may be retried after the current run of failures (`None` without failures).
    fn retry_at(&self, policy: &CachePolicy) -> Option<DateTime<Utc>> {
        if self.consecutive_failures == 0 {
            return None;
        }
        let failed = self.last_failure_at?;
        Some(add(failed, policy.retry_after(self.consecutive_failures)))
    }
}

/// `at + delta`, saturating at the end of representable time instead of panicking.
fn add(at: DateTime<Utc>, delta: TimeDelta) -> DateTime<Utc> {
    at.checked_add_signed(delta)
        .unwrap_or(DateTime::<Utc>::MAX_UTC)
}

/// Negative durations count as zero.
fn non_negative(delta: TimeDelta) -> TimeDelta {
    delta.max(TimeDelta::zero())
}
