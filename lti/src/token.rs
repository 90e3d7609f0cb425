//! Signed LTI messages (launches, Deep Linking responses, client assertions): the checks they all share,
//! in one place. `learnwire-jose` reads and verifies the JWS (size first, exactly three segments, strict
//! base64url, strict JSON with a depth limit and no duplicate members, the header checks of RFC 8725 with
//! `alg` pinned and `kid` required, the key chosen by `kid`, the signature over the exact received bytes);
//! then the registered claims are checked against the injected clock (`iss`, `aud`/`azp`, `exp`, `iat`,
//! `nbf`), then the nonce. Each refusal is a [`TokenError`] with its `lti.*` code.

mod error;
mod jose;
mod registered;

use chrono::{DateTime, Utc};
use learnwire_jose::Verifier;
use serde_json::{Map, Value};

pub use error::{TokenError, TokenPart};
pub(crate) use registered::{Expected, Times, check_nonce, required_str};

use crate::keys::{Algorithm, KeySet};
use crate::limits::Limits;
use crate::nonce::{NonceError, NonceStore};

/// What a signed message is checked against.
pub(crate) struct TokenCheck<'a> {
    /// The signer's keys.
    pub(crate) keys: &'a KeySet,
    /// The algorithms accepted in the header.
    pub(crate) algorithms: &'a [Algorithm],
    /// Size and depth limits.
    pub(crate) limits: &'a Limits,
    /// What the registered claims must say.
    pub(crate) expected: Expected<'a>,
}

/// A signed message whose signature and registered claims passed.
#[derive(Debug)]
pub(crate) struct VerifiedToken {
    /// The payload object.
    pub(crate) claims: Map<String, Value>,
    /// The header's key id.
    pub(crate) kid: String,
    /// The header's algorithm (one of the allowed ones).
    pub(crate) alg: Algorithm,
    /// `exp` and `iat`.
    pub(crate) times: Times,
}

/// A signed message whose signature verified; its claims are not checked yet.
#[derive(Debug)]
pub(crate) struct SignedToken {
    claims: Map<String, Value>,
    kid: String,
    alg: Algorithm,
    typ: Option<String>,
}

impl SignedToken {
    /// The payload object (unchecked).
    pub(crate) fn claims(&self) -> &Map<String, Value> {
        &self.claims
    }

    /// The header's `typ`, when present (the JOSE layer refused one that is not a string).
    pub(crate) fn typ(&self) -> Option<&str> {
        self.typ.as_deref()
    }

    /// Checks `iss`, `aud`/`azp` and the times, in that order.
    pub(crate) fn check_claims(self, expected: &Expected<'_>) -> Result<VerifiedToken, TokenError> {
        let times = registered::check_registered(&self.claims, expected)?;
        Ok(VerifiedToken {
            claims: self.claims,
            kid: self.kid,
            alg: self.alg,
            times,
        })
    }
}

/// Reads `token` and chooses its key by `kid` among `keys`, then verifies the signature.
pub(crate) fn verify_signature(
    token: &str,
    keys: &KeySet,
    algorithms: &[Algorithm],
    limits: &Limits,
) -> Result<SignedToken, TokenError> {
    let verifier = Verifier::new(algorithms)
        .with_limits(limits.jose())
        .with_kid_required(true);
    let read = verifier
        .read(token)
        .map_err(|error| jose::from_jose(error, token))?;
    let kid = read.header().kid().unwrap_or_default().to_owned();
    let verified = keys
        .jwk_set()
        .verify(&read)
        .map_err(|error| jose::from_jose(error, token))?;
    let (header, claims) = verified.into_parts();
    Ok(SignedToken {
        claims,
        kid,
        alg: header.alg(),
        typ: header.typ().map(str::to_owned),
    })
}

/// DANGER (crate-internal): reads `token` with every known algorithm and returns its payload *without*
/// verifying the signature, only to choose the registration whose keys then verify it (the issuer and
/// client id of a launch or a client assertion). Nothing read here is trusted.
pub(crate) fn unverified_claims(
    token: &str,
    limits: &Limits,
) -> Result<Map<String, Value>, TokenError> {
    let verifier = Verifier::new(&Algorithm::ALL)
        .with_limits(limits.jose())
        .with_kid_required(true);
    verifier
        .read(token)
        .and_then(|read| read.danger_unverified_claims())
        .map_err(|error| jose::from_jose(error, token))
}

/// [`verify_signature`], then [`SignedToken::check_claims`].
pub(crate) fn verify_token(
    token: &str,
    check: &TokenCheck<'_>,
) -> Result<VerifiedToken, TokenError> {
    verify_signature(token, check.keys, check.algorithms, check.limits)?
        .check_claims(&check.expected)
}

/// Records `key` (a nonce, or a client assertion's `jti`) in the caller's store until the token expires
/// (plus the leeway), so it is accepted once.
pub(crate) fn consume_once(
    store: &impl NonceStore,
    key: &str,
    token: &VerifiedToken,
    expected: &Expected<'_>,
    now: DateTime<Utc>,
) -> Result<(), TokenError> {
    let until = registered::retention_end(token.times, expected)?;
    store.consume(key, until, now).map_err(|error| match error {
        NonceError::Replayed => TokenError::NonceReplayed,
        other => TokenError::NonceStore(Box::new(other)),
    })
}
