//! Client credentials with a JWT bearer assertion (1EdTech Security Framework §4.1, RFC 7523 §3): the
//! tool signs an assertion, the platform's token endpoint verifies it.

use std::collections::BTreeSet;

use chrono::{DateTime, TimeDelta, Utc};
use serde_json::{Map, Value};

use super::ToolRegistration;
use crate::error::{LaunchError, Untrusted};
use crate::keys::{KeyError, SigningKey};
use crate::launch::registered::{Expected, check_registered, required_str, retention_end};
use crate::limits::Limits;
use crate::login::random_token;
use crate::nonce::{NonceError, NonceStore};
use crate::token::verify_signature;

/// `client_assertion_type` of a JWT bearer client assertion (RFC 7523 §2.2).
pub const CLIENT_ASSERTION_TYPE: &str = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

/// The longest accepted assertion lifetime (`exp - iat`).
const MAX_LIFETIME: TimeDelta = TimeDelta::minutes(5);

/// Signs a client assertion for the tool: `iss` = `sub` = `client_id`, `aud` = the token endpoint (a
/// single string, which every platform accepts), `iat` = `now`, `exp` = `now` + 5 minutes, a fresh `jti`.
///
/// # Errors
/// [`KeyError`] when signing fails or the random generator fails ([`KeyError::Sign`]).
pub fn client_assertion(
    key: &SigningKey,
    client_id: &str,
    token_endpoint: &str,
    now: DateTime<Utc>,
) -> Result<String, KeyError> {
    let mut claims = Map::new();
    claims.insert("iss".to_owned(), client_id.into());
    claims.insert("sub".to_owned(), client_id.into());
    claims.insert("aud".to_owned(), token_endpoint.into());
    claims.insert(
        "jti".to_owned(),
        random_token().ok_or(KeyError::Sign)?.into(),
    );
    super::set_times(&mut claims, now)?;
    key.sign_jwt(&claims)
}

/// Verifies client assertions at the platform's token endpoint: signature by the tool's keys (its
/// algorithm allow-list), `iss` = `sub` = client id, `aud` contains the token endpoint (or a configured
/// audience), `exp`/`iat` with leeway and a lifetime of at most 5 minutes, `jti` present and used once.
///
/// # Example
///
/// ```
/// use learnwire_lti::platform::ClientAssertionVerifier;
/// let verifier = ClientAssertionVerifier::new("https://lms.example.edu/oauth2/token");
/// assert_eq!(verifier.token_endpoint(), "https://lms.example.edu/oauth2/token");
/// ```
#[derive(Clone, Debug)]
pub struct ClientAssertionVerifier {
    token_endpoint: String,
    audiences: BTreeSet<String>,
    limits: Limits,
    leeway: TimeDelta,
}

impl ClientAssertionVerifier {
    /// A verifier for assertions addressed to `token_endpoint` (compared exactly), 60 s leeway.
    pub fn new(token_endpoint: impl Into<String>) -> Self {
        Self {
            token_endpoint: token_endpoint.into(),
            audiences: BTreeSet::new(),
            limits: Limits::default(),
            leeway: TimeDelta::seconds(60),
        }
    }

    /// The token endpoint.
    pub fn token_endpoint(&self) -> &str {
        &self.token_endpoint
    }

    /// Other audiences accepted in `aud` beside the token endpoint (for example the platform issuer).
    #[must_use]
    pub fn with_audiences(mut self, audiences: impl IntoIterator<Item = String>) -> Self {
        self.audiences = audiences.into_iter().collect();
        self
    }

    /// Sets the clock leeway (default 60 s).
    #[must_use]
    pub fn with_leeway(mut self, leeway: TimeDelta) -> Self {
        self.leeway = leeway.max(TimeDelta::zero());
        self
    }

    /// Verifies `assertion` from `tool`, recording its `jti` in `jtis` until it expires.
    ///
    /// # Errors
    /// A [`LaunchError`] naming the failed check (`lti.claim.sub` when `sub` differs from `iss`,
    /// `lti.claim.lifetime` when `exp - iat` exceeds 5 minutes, `lti.nonce.replayed` for a reused `jti`).
    pub fn verify(
        &self,
        tool: &ToolRegistration,
        assertion: &str,
        jtis: &impl NonceStore,
        now: DateTime<Utc>,
    ) -> Result<Map<String, Value>, LaunchError> {
        let claims =
            verify_signature(assertion, &tool.tool_keys, &tool.algorithms, &self.limits)?.claims;
        let mut trusted = self.audiences.clone();
        trusted.insert(self.token_endpoint.clone());
        let expected = Expected {
            issuer: &tool.client_id,
            audience: self.named_audience(&claims),
            trusted_audiences: &trusted,
            leeway: self.leeway,
            max_age: MAX_LIFETIME,
            now,
        };
        let times = check_registered(&claims, &expected)?;
        let subject = required_str(&claims, "sub")?;
        if subject != tool.client_id {
            return Err(LaunchError::SubjectMismatch {
                found: Untrusted::new(subject),
            });
        }
        if times.expires_at.signed_duration_since(times.issued_at) > MAX_LIFETIME {
            return Err(LaunchError::LifetimeTooLong {
                lifetime: times.expires_at.signed_duration_since(times.issued_at),
            });
        }
        let jti = required_str(&claims, "jti")?;
        if jti.is_empty() {
            return Err(LaunchError::InvalidClaimType { claim: "jti" });
        }
        let until = retention_end(times, &expected)?;
        jtis.consume(&format!("jti:{}:{jti}", tool.client_id), until, now)
            .map_err(|error| match error {
                NonceError::Replayed => LaunchError::NonceReplayed,
                other => LaunchError::NonceStore(Box::new(other)),
            })?;
        Ok(claims)
    }

    fn named_audience<'a>(&'a self, claims: &'a Map<String, Value>) -> &'a str {
        let accepted = |aud: &&str| *aud == self.token_endpoint || self.audiences.contains(*aud);
        match claims.get("aud") {
            Some(Value::String(aud)) if accepted(&aud.as_str()) => aud.as_str(),
            Some(Value::Array(values)) => values
                .iter()
                .filter_map(Value::as_str)
                .find(accepted)
                .unwrap_or(&self.token_endpoint),
            _ => &self.token_endpoint,
        }
    }
}
