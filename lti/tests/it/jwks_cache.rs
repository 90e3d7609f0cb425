//! JWKS cache decisions: freshness from headers, clamping, unknown-kid refetch, stale on error.

use chrono::{DateTime, TimeDelta, TimeZone, Utc};
use http::{HeaderMap, HeaderName, HeaderValue};
use learnwire_lti::keys::cache::{
    CacheDecision, CachePolicy, FetchReason, HeaderFreshness, JwksCacheState, UnknownKidDecision,
    header_freshness,
};

fn t0() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2023, 11, 14, 22, 13, 20)
        .single()
        .unwrap_or_default()
}

fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
    let mut map = HeaderMap::new();
    for (name, value) in pairs {
        map.append(
            HeaderName::from_static(name),
            HeaderValue::from_static(value),
        );
    }
    map
}

/// A named header set and what it should give.
type FreshnessCase = (
    &'static str,
    Vec<(&'static str, &'static str)>,
    HeaderFreshness,
);

fn secs(value: i64) -> TimeDelta {
    TimeDelta::seconds(value)
}

#[test]
fn header_freshness_table() {
    use HeaderFreshness::{Lifetime, Unspecified};
    let now = t0(); // Tue, 14 Nov 2023 22:13:20 GMT
    let cases: Vec<FreshnessCase> = vec![
        ("nothing", vec![], Unspecified),
        (
            "max-age",
            vec![("cache-control", "max-age=3600")],
            Lifetime(secs(3600)),
        ),
        (
            "case and spaces",
            vec![("cache-control", "Public ,  MAX-AGE = 600 ")],
            Lifetime(secs(600)),
        ),
        (
            "quoted",
            vec![("cache-control", "max-age=\"120\"")],
            Lifetime(secs(120)),
        ),
        (
            "other directives only",
            vec![("cache-control", "public, must-revalidate")],
            Unspecified,
        ),
        (
            "s-maxage ignored",
            vec![("cache-control", "s-maxage=100")],
            Unspecified,
        ),
        (
            "no-cache",
            vec![("cache-control", "no-cache, max-age=3600")],
            Lifetime(secs(0)),
        ),
        (
            "no-store",
            vec![("cache-control", "no-store")],
            Lifetime(secs(0)),
        ),
        (
            "conflicting max-age",
            vec![("cache-control", "max-age=60, max-age=120")],
            Lifetime(secs(0)),
        ),
        (
            "same max-age twice",
            vec![
                ("cache-control", "max-age=60"),
                ("cache-control", "max-age=60"),
            ],
            Lifetime(secs(60)),
        ),
        (
            "bad max-age",
            vec![("cache-control", "max-age=1h")],
            Lifetime(secs(0)),
        ),
        (
            "negative max-age",
            vec![("cache-control", "max-age=-5")],
            Lifetime(secs(0)),
        ),
        (
            "huge max-age capped",
            vec![("cache-control", "max-age=99999999999999999999999")],
            Lifetime(secs(1 << 31)),
        ),
        (
            "age subtracted",
            vec![("cache-control", "max-age=600"), ("age", "100")],
            Lifetime(secs(500)),
        ),
        (
            "age beyond max-age",
            vec![("cache-control", "max-age=600"), ("age", "9000")],
            Lifetime(secs(0)),
        ),
        (
            "expires relative to now",
            vec![("expires", "Tue, 14 Nov 2023 23:13:20 GMT")],
            Lifetime(secs(3600)),
        ),
        (
            "expires relative to date",
            vec![
                ("expires", "Tue, 14 Nov 2023 23:13:20 GMT"),
                ("date", "Tue, 14 Nov 2023 23:03:20 GMT"),
            ],
            Lifetime(secs(600)),
        ),
        (
            "expires in the past",
            vec![("expires", "Mon, 13 Nov 2023 00:00:00 GMT")],
            Lifetime(secs(0)),
        ),
        ("expires 0", vec![("expires", "0")], Lifetime(secs(0))),
        (
            "two expires",
            vec![
                ("expires", "Tue, 14 Nov 2023 23:13:20 GMT"),
                ("expires", "Tue, 14 Nov 2023 23:13:20 GMT"),
            ],
            Lifetime(secs(0)),
        ),
        (
            "max-age wins over expires",
            vec![
                ("cache-control", "max-age=60"),
                ("expires", "Tue, 14 Nov 2023 23:13:20 GMT"),
            ],
            Lifetime(secs(60)),
        ),
    ];
    let mut failures = Vec::new();
    for (name, pairs, expected) in cases {
        let got = header_freshness(&headers(&pairs), now);
        if got != expected {
            failures.push(format!("{name}: got {got:?}, expected {expected:?}"));
        }
    }
    assert!(failures.is_empty(), "{failures:#?}");
}

#[test]
fn lifetime_is_clamped_into_policy_bounds() {
    let policy = CachePolicy::new()
        .with_ttl_bounds(TimeDelta::minutes(5), TimeDelta::hours(12))
        .with_default_ttl(TimeDelta::hours(2));
    let now = t0();
    let cases: Vec<(Vec<(&'static str, &'static str)>, TimeDelta)> = vec![
        (vec![], TimeDelta::hours(2)),
        (vec![("cache-control", "no-cache")], TimeDelta::minutes(5)),
        (vec![("cache-control", "max-age=10")], TimeDelta::minutes(5)),
        (vec![("cache-control", "max-age=3600")], TimeDelta::hours(1)),
        (
            vec![("cache-control", "max-age=31536000")],
            TimeDelta::hours(12),
        ),
    ];
    for (pairs, expected) in cases {
        assert_eq!(
            policy.lifetime(&headers(&pairs), now),
            expected,
            "{pairs:?}"
        );
    }
    let inverted = CachePolicy::new().with_ttl_bounds(TimeDelta::hours(2), TimeDelta::hours(1));
    assert_eq!(
        inverted.lifetime(&headers(&[("cache-control", "max-age=60")]), now),
        TimeDelta::hours(1)
    );
}

#[test]
fn decision_sequence_fetch_fresh_expire_refetch() {
    let policy = CachePolicy::new();
    let mut state = JwksCacheState::new();
    let now = t0();
    assert!(!state.has_keys());
    assert_eq!(
        state.decide(&policy, now),
        CacheDecision::Fetch {
            reason: FetchReason::NoKeys
        }
    );
    let fresh_until =
        state.record_success(&policy, &headers(&[("cache-control", "max-age=3600")]), now);
    assert_eq!(fresh_until, now + TimeDelta::hours(1));
    assert_eq!(state.fresh_until(), Some(fresh_until));
    assert_eq!(
        state.decide(&policy, now + secs(3599)),
        CacheDecision::UseCached
    );
    assert_eq!(
        state.decide(&policy, now + secs(3600)),
        CacheDecision::Fetch {
            reason: FetchReason::Expired
        }
    );
}

#[test]
fn first_fetch_failing_backs_off_exponentially() {
    let policy = CachePolicy::new().with_retry_interval(secs(10), secs(60));
    let mut state = JwksCacheState::new();
    let now = t0();
    state.record_failure(now);
    assert_eq!(
        state.decide(&policy, now + secs(5)),
        CacheDecision::Unavailable {
            retry_at: now + secs(10)
        }
    );
    assert_eq!(
        state.decide(&policy, now + secs(10)),
        CacheDecision::Fetch {
            reason: FetchReason::NoKeys
        }
    );
    let second = now + secs(10);
    state.record_failure(second);
    assert_eq!(
        state.decide(&policy, second + secs(19)),
        CacheDecision::Unavailable {
            retry_at: second + secs(20)
        }
    );
    for _ in 0..40 {
        state.record_failure(second);
    }
    assert_eq!(state.consecutive_failures(), 42);
    assert_eq!(
        state.decide(&policy, second),
        CacheDecision::Unavailable {
            retry_at: second + secs(60)
        }
    );
    state.record_success(&policy, &HeaderMap::new(), second + secs(60));
    assert_eq!(state.consecutive_failures(), 0);
    assert_eq!(
        state.decide(&policy, second + secs(61)),
        CacheDecision::UseCached
    );
}

#[test]
fn stale_keys_are_used_while_refresh_fails_then_expire() {
    let policy = CachePolicy::new()
        .with_stale_if_error(TimeDelta::hours(1))
        .with_retry_interval(secs(30), secs(30));
    let mut state = JwksCacheState::new();
    let now = t0();
    state.record_success(&policy, &headers(&[("cache-control", "max-age=600")]), now);
    let expired = now + secs(600);
    assert_eq!(
        state.decide(&policy, expired),
        CacheDecision::Fetch {
            reason: FetchReason::Expired
        }
    );
    state.record_failure(expired);
    let until = expired + TimeDelta::hours(1);
    assert_eq!(
        state.decide(&policy, expired + secs(1)),
        CacheDecision::UseStale { until }
    );
    // After the retry wait the cache asks to fetch again.
    assert_eq!(
        state.decide(&policy, expired + secs(30)),
        CacheDecision::Fetch {
            reason: FetchReason::Expired
        }
    );
    // Past the stale window, with a fresh failure: no usable keys.
    let late = until + secs(5);
    state.record_failure(late);
    assert_eq!(
        state.decide(&policy, late + secs(1)),
        CacheDecision::Unavailable {
            retry_at: late + secs(30)
        }
    );
    // Stale use disabled: straight to unavailable.
    let strict = policy.clone().with_stale_if_error(TimeDelta::zero());
    let mut state = JwksCacheState::new();
    state.record_success(&strict, &headers(&[("cache-control", "max-age=600")]), now);
    state.record_failure(expired);
    assert_eq!(
        state.decide(&strict, expired + secs(1)),
        CacheDecision::Unavailable {
            retry_at: expired + secs(30)
        }
    );
}

#[test]
fn unknown_kid_refetch_is_rate_limited() {
    let policy = CachePolicy::new().with_refetch_interval(TimeDelta::minutes(1));
    let mut state = JwksCacheState::new();
    let now = t0();
    assert_eq!(
        state.on_unknown_kid(&policy, now),
        UnknownKidDecision::Refetch
    );
    state.record_success(&policy, &HeaderMap::new(), now);
    // Just fetched: an unknown kid does not trigger another request.
    let soon = now + secs(30);
    assert_eq!(
        state.on_unknown_kid(&policy, soon),
        UnknownKidDecision::Reject {
            refetch_allowed_at: now + secs(60)
        }
    );
    let later = now + secs(60);
    assert_eq!(
        state.on_unknown_kid(&policy, later),
        UnknownKidDecision::Refetch
    );
    // A failed refetch counts too.
    state.record_failure(later);
    assert!(matches!(
        state.on_unknown_kid(&policy, later + secs(1)),
        UnknownKidDecision::Reject { .. }
    ));
    // A flood of unknown kids within the interval yields no refetch at all.
    let refetches = (0..1000)
        .filter(|i| {
            state.on_unknown_kid(&policy, later + secs(1) + TimeDelta::milliseconds(*i))
                == UnknownKidDecision::Refetch
        })
        .count();
    assert_eq!(refetches, 0);
    // Failed refetch does not discard the cached keys.
    assert_eq!(
        state.decide(&policy, later + secs(1)),
        CacheDecision::UseCached
    );
}

#[test]
fn extreme_times_and_durations_do_not_panic() {
    let policy = CachePolicy::new()
        .with_ttl_bounds(TimeDelta::MAX, TimeDelta::MAX)
        .with_stale_if_error(TimeDelta::MAX)
        .with_refetch_interval(TimeDelta::MAX)
        .with_retry_interval(TimeDelta::MAX, TimeDelta::MAX);
    let mut state = JwksCacheState::new();
    let end = DateTime::<Utc>::MAX_UTC;
    state.record_success(&policy, &HeaderMap::new(), end);
    assert_eq!(
        state.decide(&policy, end),
        CacheDecision::Fetch {
            reason: FetchReason::Expired
        }
    );
    state.record_failure(end);
    let _ = state.decide(&policy, end);
    let _ = state.on_unknown_kid(&policy, end);
    let negative = CachePolicy::new().with_ttl_bounds(secs(-5), secs(-1));
    assert_eq!(
        negative.lifetime(&HeaderMap::new(), t0()),
        TimeDelta::zero()
    );
}

#[test]
fn state_serializes_for_shared_stores() {
    let policy = CachePolicy::new();
    let mut state = JwksCacheState::new();
    state.record_success(&policy, &headers(&[("cache-control", "max-age=600")]), t0());
    state.record_failure(t0() + secs(700));
    let json = serde_json::to_string(&state).unwrap();
    let back: JwksCacheState = serde_json::from_str(&json).unwrap();
    assert_eq!(back, state);
}

#[test]
fn fetched_jwks_with_a_leading_zero_modulus_refuses_the_key_it_pads() {
    use base64::Engine as _;
    use base64::engine::general_purpose::URL_SAFE_NO_PAD;
    use serde_json::json;

    use crate::support::{
        baseline, jwks_of, key_set, platform_key, registration_with, second_key, sign, verify_with,
    };

    // The cache flow: decide → fetch → parse the body → record. The body pads the platform key's n with a
    // zero octet (RFC 7518 §6.3.1 forbids it) next to a well-formed second key.
    let policy = CachePolicy::new();
    let mut state = JwksCacheState::new();
    let now = t0();
    assert!(matches!(
        state.decide(&policy, now),
        CacheDecision::Fetch { .. }
    ));
    let mut body: serde_json::Value =
        serde_json::from_str(&jwks_of(&[platform_key(), second_key()])).unwrap();
    let n = URL_SAFE_NO_PAD
        .decode(body["keys"][0]["n"].as_str().unwrap())
        .unwrap();
    let mut padded = vec![0u8];
    padded.extend(n);
    body["keys"][0]["n"] = json!(URL_SAFE_NO_PAD.encode(&padded));
    let keys = key_set(&body.to_string())
        .expect("the set is readable; the padded key is refused when named");
    state.record_success(&policy, &headers(&[("cache-control", "max-age=3600")]), now);
    assert_eq!(state.decide(&policy, now), CacheDecision::UseCached);
    let registration = registration_with(keys);
    let error = verify_with(&registration, &sign(&baseline())).unwrap_err();
    assert_eq!(error.code().as_str(), "lti.key.rejected");
    assert!(
        matches!(
            error,
            learnwire_lti::LaunchError::Token(learnwire_lti::TokenError::KeyRejected {
                problem: learnwire_lti::KeyProblem::LeadingZero { member: "n" },
                ..
            })
        ),
        "{error:?}"
    );
    let by_second = second_key().sign_jwt(&baseline()).unwrap();
    assert!(verify_with(&registration, &by_second).is_ok());
}
