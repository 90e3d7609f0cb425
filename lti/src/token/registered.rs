//! The registered JWT claims (RFC 7519 §4.1) checked as OIDC Core §3.1.3.7 and 1EdTech Security
//! Framework §5.1.3 require: `iss`, `aud`, `azp`, `exp`, `iat`, `nbf`, `nonce`.

use std::collections::BTreeSet;

use aws_lc_rs::constant_time::verify_slices_are_equal;
use chrono::{DateTime, TimeDelta, Utc};
use learnwire_report::Untrusted;
use serde_json::{Map, Value};

use super::TokenError;
use crate::numeric_date;

/// What the registered claims must say.
pub(crate) struct Expected<'a> {
    pub(crate) issuer: &'a str,
    pub(crate) audience: &'a str,
    pub(crate) trusted_audiences: &'a BTreeSet<String>,
    pub(crate) leeway: TimeDelta,
    pub(crate) max_age: TimeDelta,
    pub(crate) now: DateTime<Utc>,
}

/// The checked times.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Times {
    pub(crate) expires_at: DateTime<Utc>,
    pub(crate) issued_at: DateTime<Utc>,
}

/// Checks `iss`, `aud`/`azp` and the times, in that order.
pub(crate) fn check_registered(
    claims: &Map<String, Value>,
    expected: &Expected<'_>,
) -> Result<Times, TokenError> {
    let issuer = required_str(claims, "iss")?;
    if issuer != expected.issuer {
        return Err(TokenError::IssuerMismatch {
            found: Untrusted::new(issuer),
        });
    }
    check_audience(claims, expected)?;
    if claims.get("sub").is_some_and(|sub| !sub.is_string()) {
        return Err(TokenError::InvalidClaimType { claim: "sub" });
    }
    check_times(claims, expected)
}

/// Compares the token's `nonce` with the expected one in constant time.
pub(crate) fn check_nonce<'c>(
    claims: &'c Map<String, Value>,
    expected: Option<&str>,
) -> Result<&'c str, TokenError> {
    let nonce = match claims.get("nonce") {
        None => return Err(TokenError::MissingNonce),
        Some(Value::String(nonce)) if !nonce.is_empty() => nonce.as_str(),
        Some(Value::String(_)) => return Err(TokenError::MissingNonce),
        Some(_) => return Err(TokenError::InvalidClaimType { claim: "nonce" }),
    };
    if let Some(expected) = expected
        && verify_slices_are_equal(nonce.as_bytes(), expected.as_bytes()).is_err()
    {
        return Err(TokenError::NonceMismatch);
    }
    Ok(nonce)
}

fn check_audience(claims: &Map<String, Value>, expected: &Expected<'_>) -> Result<(), TokenError> {
    let audiences: Vec<&str> = match claims.get("aud") {
        None => return Err(TokenError::MissingClaim { claim: "aud" }),
        Some(Value::String(aud)) => vec![aud.as_str()],
        Some(Value::Array(values)) => values
            .iter()
            .map(|value| {
                value
                    .as_str()
                    .ok_or(TokenError::InvalidClaimType { claim: "aud" })
            })
            .collect::<Result<_, _>>()?,
        Some(_) => return Err(TokenError::InvalidClaimType { claim: "aud" }),
    };
    if !audiences.contains(&expected.audience) {
        return Err(TokenError::AudienceMismatch);
    }
    if let Some(untrusted) = audiences
        .iter()
        .find(|aud| **aud != expected.audience && !expected.trusted_audiences.contains(**aud))
    {
        return Err(TokenError::UntrustedAudience {
            audience: Untrusted::new(untrusted),
        });
    }
    match claims.get("azp") {
        None if audiences.len() > 1 => Err(TokenError::MissingAuthorizedParty),
        None => Ok(()),
        Some(Value::String(azp)) if azp == expected.audience => Ok(()),
        Some(Value::String(azp)) => Err(TokenError::AuthorizedPartyMismatch {
            found: Untrusted::new(azp),
        }),
        Some(_) => Err(TokenError::InvalidClaimType { claim: "azp" }),
    }
}

fn check_times(claims: &Map<String, Value>, expected: &Expected<'_>) -> Result<Times, TokenError> {
    let Expected {
        leeway,
        max_age,
        now,
        ..
    } = *expected;
    let expires_at =
        numeric_date(claims, "exp")?.ok_or(TokenError::MissingClaim { claim: "exp" })?;
    let issued_at =
        numeric_date(claims, "iat")?.ok_or(TokenError::MissingClaim { claim: "iat" })?;
    let not_before = numeric_date(claims, "nbf")?;
    // Checked arithmetic: an overflowing bound fails closed.
    let after = |time: DateTime<Utc>| time.checked_add_signed(leeway);
    if after(expires_at).is_none_or(|limit| now >= limit) {
        return Err(TokenError::Expired {
            expired_at: expires_at,
            now,
            leeway,
        });
    }
    if after(now).is_none_or(|limit| issued_at > limit) {
        return Err(TokenError::IssuedInFuture { issued_at, now });
    }
    let oldest = max_age
        .checked_add(&leeway)
        .and_then(|window| now.checked_sub_signed(window));
    if oldest.is_none_or(|oldest| issued_at < oldest) {
        return Err(TokenError::IssuedTooLongAgo { issued_at, max_age });
    }
    if let Some(not_before) = not_before
        && after(now).is_none_or(|limit| not_before > limit)
    {
        return Err(TokenError::NotYetValid { not_before, now });
    }
    Ok(Times {
        expires_at,
        issued_at,
    })
}

/// Reads a NumericDate: a JSON number (never a string) within ±10^11 seconds, the same range whether it
/// is written as an integer, a fraction or an exponent (`1e300` and `10^30` meet the same refusal, and
/// so do `1e12` and `1000000000000`). Fractions are rounded down.
fn numeric_date(
    claims: &Map<String, Value>,
    claim: &'static str,
) -> Result<Option<DateTime<Utc>>, TokenError> {
    let Some(value) = claims.get(claim) else {
        return Ok(None);
    };
    value
        .as_number()
        .and_then(numeric_date::from_number)
        .and_then(numeric_date::to_time)
        .map(Some)
        .ok_or(TokenError::InvalidClaimType { claim })
}

/// Until when a used nonce (or `jti`) must be remembered: `exp` plus the leeway, after which the token is
/// refused as expired anyway. An overflowing sum is refused as expired (fail closed), never saturated;
/// [`check_registered`] has already refused such a token, so this only keeps the arithmetic honest.
pub(crate) fn retention_end(
    times: Times,
    expected: &Expected<'_>,
) -> Result<DateTime<Utc>, TokenError> {
    times
        .expires_at
        .checked_add_signed(expected.leeway)
        .ok_or(TokenError::Expired {
            expired_at: times.expires_at,
            now: expected.now,
            leeway: expected.leeway,
        })
}

/// A required string claim.
pub(crate) fn required_str<'c>(
    claims: &'c Map<String, Value>,
    claim: &'static str,
) -> Result<&'c str, TokenError> {
    match claims.get(claim) {
        None => Err(TokenError::MissingClaim { claim }),
        Some(Value::String(text)) => Ok(text),
        Some(_) => Err(TokenError::InvalidClaimType { claim }),
    }
}
