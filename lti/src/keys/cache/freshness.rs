//! How long an HTTP response may be used, from its headers (RFC 9111 §4.2.1, §4.2.3, §5.2.2).

use chrono::{DateTime, TimeDelta, Utc};
use http::HeaderMap;
use http::header::{AGE, CACHE_CONTROL, DATE, EXPIRES};

/// The largest delta-seconds value a cache must honour (RFC 9111 §1.2.2: larger values are read as
/// 2^31 seconds).
const DELTA_SECONDS_CAP: u64 = 1 << 31;

/// What a key set response's headers say about its freshness.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum HeaderFreshness {
    /// The headers give a lifetime (from `Cache-Control: max-age` or `Expires` − `Date`), already
    /// reduced by `Age`. Zero for `no-store`, `no-cache`, an invalid `Expires` or conflicting values.
    Lifetime(TimeDelta),
    /// The headers say nothing about freshness.
    Unspecified,
}

/// Reads the freshness lifetime from `Cache-Control` (`no-store`, `no-cache`, `max-age`), falling back
/// to `Expires` relative to `Date` (or `now` when `Date` is absent or invalid), minus `Age`.
///
/// Rules (RFC 9111): directive names are case-insensitive; `max-age="60"` is accepted; a `max-age`
/// larger than 2^31 reads as 2^31; two different `max-age` values, two `Expires` headers, or an
/// `Expires` that is not an HTTP-date (for example `0`) mean "already stale" (lifetime zero); a
/// negative result is zero. `s-maxage` is for shared caches and is ignored.
///
/// # Example
/// ```
/// use chrono::{TimeDelta, TimeZone, Utc};
/// use http::{HeaderMap, HeaderValue};
/// use learnwire_lti::keys::cache::{HeaderFreshness, header_freshness};
/// let mut headers = HeaderMap::new();
/// headers.insert("cache-control", HeaderValue::from_static("public, max-age=3600"));
/// headers.insert("age", HeaderValue::from_static("600"));
/// let now = Utc.with_ymd_and_hms(2024, 1, 1, 0, 0, 0).single().ok_or("bad date")?;
/// assert_eq!(header_freshness(&headers, now), HeaderFreshness::Lifetime(TimeDelta::seconds(3000)));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn header_freshness(headers: &HeaderMap, now: DateTime<Utc>) -> HeaderFreshness {
    let lifetime = match cache_control_lifetime(headers) {
        Some(lifetime) => lifetime,
        None => match expires_lifetime(headers, now) {
            Some(lifetime) => lifetime,
            None => return HeaderFreshness::Unspecified,
        },
    };
    let age = single_delta_seconds(headers, AGE).unwrap_or(0);
    let remaining = lifetime.saturating_sub(age);
    HeaderFreshness::Lifetime(seconds(remaining))
}

/// Lifetime in seconds from `Cache-Control`, or `None` when it says nothing about freshness.
fn cache_control_lifetime(headers: &HeaderMap) -> Option<u64> {
    let mut max_age: Option<u64> = None;
    let mut conflicting = false;
    let mut uncacheable = false;
    for value in headers.get_all(CACHE_CONTROL) {
        let Ok(text) = value.to_str() else { continue };
        for directive in text.split(',') {
            let (name, argument) = match directive.split_once('=') {
                Some((name, argument)) => (name.trim(), Some(argument.trim())),
                None => (directive.trim(), None),
            };
            if name.eq_ignore_ascii_case("no-store") || name.eq_ignore_ascii_case("no-cache") {
                uncacheable = true;
            } else if name.eq_ignore_ascii_case("max-age") {
                match argument.and_then(delta_seconds) {
                    Some(found) => match max_age {
                        Some(previous) if previous != found => conflicting = true,
                        _ => max_age = Some(found),
                    },
                    None => conflicting = true,
                }
            }
        }
    }
    if uncacheable || conflicting {
        return Some(0);
    }
    max_age
}

/// Lifetime in seconds from `Expires` − `Date`, or `None` without `Expires`.
fn expires_lifetime(headers: &HeaderMap, now: DateTime<Utc>) -> Option<u64> {
    let mut values = headers.get_all(EXPIRES).iter();
    let first = values.next()?;
    if values.next().is_some() {
        return Some(0);
    }
    let Some(expires) = first.to_str().ok().and_then(http_date) else {
        return Some(0);
    };
    let date = headers
        .get(DATE)
        .and_then(|value| value.to_str().ok())
        .and_then(http_date)
        .unwrap_or(now);
    let lifetime = expires.signed_duration_since(date).num_seconds();
    Some(u64::try_from(lifetime).unwrap_or(0))
}

/// A single header holding delta-seconds (`Age`); `None` when absent, repeated or invalid.
fn single_delta_seconds(headers: &HeaderMap, name: http::header::HeaderName) -> Option<u64> {
    let mut values = headers.get_all(name).iter();
    let value = values.next()?;
    if values.next().is_some() {
        return None;
    }
    delta_seconds(value.to_str().ok()?)
}

/// RFC 9111 §1.2.2 delta-seconds (digits only, optionally quoted), capped at 2^31.
fn delta_seconds(text: &str) -> Option<u64> {
    let text = text.trim();
    let digits = text
        .strip_prefix('"')
        .and_then(|rest| rest.strip_suffix('"'))
        .unwrap_or(text);
    if digits.is_empty() || !digits.bytes().all(|byte| byte.is_ascii_digit()) {
        return None;
    }
    // Too many digits for u64 is still a valid (huge) delta: cap it.
    Some(
        digits
            .parse::<u64>()
            .map_or(DELTA_SECONDS_CAP, |value| value.min(DELTA_SECONDS_CAP)),
    )
}

/// An HTTP-date in the IMF-fixdate form (`Sun, 06 Nov 1994 08:49:37 GMT`), read with chrono's RFC 2822
/// parser. The obsolete RFC 850 and asctime forms are not accepted (they read as invalid).
fn http_date(text: &str) -> Option<DateTime<Utc>> {
    DateTime::parse_from_rfc2822(text.trim())
        .ok()
        .map(|date| date.with_timezone(&Utc))
}

/// Seconds as a `TimeDelta` (values here are at most 2^31, always in range).
pub(crate) fn seconds(value: u64) -> TimeDelta {
    i64::try_from(value)
        .ok()
        .and_then(TimeDelta::try_seconds)
        .unwrap_or(TimeDelta::MAX)
}
