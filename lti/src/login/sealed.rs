//! Sealed login state for cookie-less flows: the state travels through the platform, authenticated with
//! HMAC-SHA256 and bounded in time.

use std::fmt;

use aws_lc_rs::hmac;
use chrono::{DateTime, TimeDelta, Utc};
use learnwire_jose::base64url;

use super::LoginState;
use super::state::{DEFAULT_MAX_LOGIN_AGE, check_login_age};
use crate::error::LaunchError;
use crate::limits::Limits;

/// Version prefix of sealed values, bound into the MAC.
const PREFIX: &str = "lw1.";
/// How far in the future [`StateSealer::open`] lets a state's `created_at` be (clock skew between the
/// processes that seal and open).
const OPEN_LEEWAY: TimeDelta = TimeDelta::minutes(1);

/// Seals a [`LoginState`] into an opaque string and opens it again, checking the HMAC-SHA256 tag (in
/// constant time) and the age. The key must be at least 32 bytes of secret randomness. `Debug` hides it.
///
/// [`LaunchVerifier::verify_sealed`](crate::launch::LaunchVerifier::verify_sealed) uses the sealer for
/// authenticity only and applies the verifier's maximum login age, the same limit as for a kept state;
/// the sealer's own [`with_max_age`](Self::with_max_age) applies to [`open`](Self::open) called directly.
///
/// # Example
///
/// ```
/// use chrono::{TimeDelta, Utc};
/// use learnwire_lti::login::{LoginState, StateSealer};
///
/// let sealer = StateSealer::new(&[7u8; 32])?;
/// let now = Utc::now();
/// let state = LoginState::new("s".into(), "n".into(), "https://p.example".into(), "c".into(),
///     "https://t.example/launch".into(), url::Url::parse("https://t.example/launch")?, now);
/// let sealed = sealer.seal(&state)?;
/// assert_eq!(sealer.open(&sealed, now + TimeDelta::minutes(1))?, state);
/// assert!(sealer.open(&sealed, now + TimeDelta::hours(1)).is_err());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub struct StateSealer {
    key: hmac::Key,
    max_age: TimeDelta,
    max_sealed_bytes: usize,
}

impl fmt::Debug for StateSealer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("StateSealer")
            .field("max_age", &self.max_age)
            .field("max_sealed_bytes", &self.max_sealed_bytes)
            .finish_non_exhaustive()
    }
}

/// The key is shorter than 32 bytes.
#[derive(Debug, thiserror::Error)]
#[error("lti.login.seal-key: a sealing key needs at least 32 bytes")]
#[non_exhaustive]
pub struct ShortKeyError;

impl ShortKeyError {
    /// The stable code, `lti.login.seal-key`.
    pub fn code(&self) -> learnwire_report::Code {
        crate::codes::LOGIN_SEAL_KEY
    }
}

impl StateSealer {
    /// A sealer with a secret key of at least 32 bytes; [`open`](Self::open) refuses states older than 10
    /// minutes.
    ///
    /// # Errors
    /// [`ShortKeyError`] for a shorter key.
    pub fn new(key: &[u8]) -> Result<Self, ShortKeyError> {
        if key.len() < 32 {
            return Err(ShortKeyError);
        }
        Ok(Self {
            key: hmac::Key::new(hmac::HMAC_SHA256, key),
            max_age: DEFAULT_MAX_LOGIN_AGE,
            max_sealed_bytes: Limits::default().max_sealed_state_bytes(),
        })
    }

    /// A sealer with a fresh random 256-bit key from the system CSPRNG, for a single process (states sealed
    /// by another process, or before a restart, will not open).
    ///
    /// # Errors
    /// [`ShortKeyError`] if the random generator fails (no key could be made).
    pub fn generate() -> Result<Self, ShortKeyError> {
        let mut key = [0u8; 32];
        aws_lc_rs::rand::fill(&mut key).map_err(|_| ShortKeyError)?;
        Self::new(&key)
    }

    /// Sets how old a state [`open`](Self::open) accepts (default 10 minutes; exactly that age is
    /// accepted). Launches verified with
    /// [`LaunchVerifier::verify_sealed`](crate::launch::LaunchVerifier::verify_sealed) use the verifier's
    /// [`with_max_login_age`](crate::launch::LaunchVerifier::with_max_login_age) instead.
    #[must_use]
    pub fn with_max_age(mut self, max_age: TimeDelta) -> Self {
        self.max_age = max_age;
        self
    }

    /// Sets the limits [`open`](Self::open) applies: a sealed value longer than
    /// [`Limits::max_sealed_state_bytes`] (default 8 KiB) is refused before its tag is computed.
    /// [`LaunchVerifier::verify_sealed`](crate::launch::LaunchVerifier::verify_sealed) applies the
    /// verifier's limits instead.
    #[must_use]
    pub fn with_limits(mut self, limits: &Limits) -> Self {
        self.max_sealed_bytes = limits.max_sealed_state_bytes();
        self
    }

    /// Seals `state`.
    ///
    /// # Errors
    /// `serde_json::Error` if the state cannot be serialised (never in practice).
    pub fn seal(&self, state: &LoginState) -> Result<String, serde_json::Error> {
        let body = serde_json::to_vec(state)?;
        let mut sealed = String::from(PREFIX);
        sealed.push_str(&base64url::encode(&body));
        let tag = hmac::sign(&self.key, sealed.as_bytes());
        sealed.push('.');
        sealed.push_str(&base64url::encode(tag.as_ref()));
        Ok(sealed)
    }

    /// Opens a sealed state, refusing a forged, altered, too old or future-dated one: older than the
    /// sealer's maximum age (default 10 minutes) or created more than a minute after `now`.
    ///
    /// # Errors
    /// [`LaunchError::InvalidSealedState`] for a forged, altered or malformed value;
    /// [`LaunchError::LoginStateExpired`] when too old; [`LaunchError::LoginStateFromFuture`] when
    /// created in the future.
    pub fn open(&self, sealed: &str, now: DateTime<Utc>) -> Result<LoginState, LaunchError> {
        let state = self.open_authentic(sealed, self.max_sealed_bytes)?;
        check_login_age(&state, now, self.max_age, OPEN_LEEWAY)?;
        Ok(state)
    }

    /// Opens a sealed state at most `max_bytes` long, checking the tag but not the age (the caller
    /// checks it).
    pub(crate) fn open_authentic(
        &self,
        sealed: &str,
        max_bytes: usize,
    ) -> Result<LoginState, LaunchError> {
        let invalid = |reason| LaunchError::InvalidSealedState { reason };
        if sealed.len() > max_bytes {
            return Err(invalid("too long"));
        }
        let (signed, tag) = sealed.rsplit_once('.').ok_or(invalid("malformed"))?;
        let tag = base64url::decode(tag).map_err(|_| invalid("malformed"))?;
        hmac::verify(&self.key, signed.as_bytes(), &tag).map_err(|_| invalid("bad tag"))?;
        let body = signed
            .strip_prefix(PREFIX)
            .ok_or(invalid("unknown version"))?;
        let body = base64url::decode(body).map_err(|_| invalid("malformed"))?;
        serde_json::from_slice(&body).map_err(|_| invalid("malformed"))
    }
}
