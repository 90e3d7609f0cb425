//! Client credentials with a JWT bearer assertion (1EdTech Security Framework §4.1, RFC 7523 §3): the
//! tool signs an assertion, the platform's token endpoint verifies it.

use std::borrow::Borrow;
use std::collections::BTreeSet;

use chrono::{DateTime, TimeDelta, Utc};
use learnwire_report::{Code, Untrusted};
use serde_json::{Map, Value};

use super::ToolRegistration;
use crate::codes;
use crate::keys::{KeyError, SigningKey};
use crate::limits::Limits;
use crate::login::random_token;
use crate::nonce::NonceStore;
use crate::numeric_date;
use crate::token::{Expected, TokenError, consume_once, required_str, verify_signature};

/// Why a client assertion was refused at the token endpoint: a check every signed message shares
/// ([`Token`](Self::Token): structure, header, key, signature, `iss`, `aud`, times, `jti` used once), or
/// one of the assertion's own (RFC 7523 §3, 1EdTech Security Framework §4.1.1).
///
/// Each variant has a stable [`code`](Self::code); a nested error's code is this one's.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ClientAssertionError {
    /// The assertion failed a check every signed message shares. A reused `jti` is
    /// [`TokenError::NonceReplayed`]; a missing one [`TokenError::MissingClaim`].
    #[error(transparent)]
    Token(#[from] TokenError),
    /// `sub` differs from the client id (an assertion's `sub` must equal its `iss`).
    #[error("{}: subject {found} is not the expected one", self.code())]
    SubjectMismatch {
        /// The token's `sub`.
        found: Untrusted,
    },
    /// No registered tool has the assertion's `iss` as client id (the registration lookup found none).
    #[error("{}: no tool is registered with client id {client_id}", self.code())]
    UnknownClient {
        /// The assertion's `iss`.
        client_id: Untrusted,
    },
    /// `exp - iat` is longer than 5 minutes.
    #[error("{}: assertion lifetime {lifetime} is longer than 5 minutes", self.code())]
    LifetimeTooLong {
        /// `exp - iat`.
        lifetime: TimeDelta,
    },
}

impl ClientAssertionError {
    /// A stable code ("lti.*"). Never renamed or reused.
    pub fn code(&self) -> Code {
        match self {
            Self::Token(error) => error.code(),
            Self::SubjectMismatch { .. } => codes::CLAIM_SUB,
            Self::LifetimeTooLong { .. } => codes::CLAIM_LIFETIME,
            Self::UnknownClient { .. } => codes::TOKEN_REQUEST_UNKNOWN_CLIENT,
        }
    }

    /// The signed-message failure, when that is why.
    pub fn token_error(&self) -> Option<&TokenError> {
        match self {
            Self::Token(error) => Some(error),
            Self::SubjectMismatch { .. }
            | Self::LifetimeTooLong { .. }
            | Self::UnknownClient { .. } => None,
        }
    }
}

/// A client assertion that passed every check: who it authenticates and until when. Only
/// [`ClientAssertionVerifier::verify`] makes one.
#[derive(Clone, Debug)]
pub struct VerifiedClientAssertion {
    client_id: String,
    jti: String,
    issued_at: DateTime<Utc>,
    expires_at: DateTime<Utc>,
    claims: Map<String, Value>,
}

impl VerifiedClientAssertion {
    /// The authenticated tool's client id (`iss` = `sub`).
    pub fn client_id(&self) -> &str {
        &self.client_id
    }

    /// The assertion's `jti`, recorded as used.
    pub fn jti(&self) -> &str {
        &self.jti
    }

    /// `iat`.
    pub fn issued_at(&self) -> DateTime<Utc> {
        self.issued_at
    }

    /// `exp`.
    pub fn expires_at(&self) -> DateTime<Utc> {
        self.expires_at
    }

    /// Every claim as received (for scopes or extensions the caller reads).
    pub fn claims(&self) -> &Map<String, Value> {
        &self.claims
    }
}

/// `client_assertion_type` of a JWT bearer client assertion (RFC 7523 §2.2).
pub const CLIENT_ASSERTION_TYPE: &str = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

/// The longest accepted assertion lifetime (`exp - iat`).
pub(crate) const MAX_LIFETIME: TimeDelta = TimeDelta::minutes(5);

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
    sign_assertion(key, client_id, token_endpoint, MAX_LIFETIME, now)
}

/// Signs a client assertion with `aud` = `audience` (one string) living `lifetime` (at most 5 minutes,
/// at least 1 second).
pub(crate) fn sign_assertion(
    key: &SigningKey,
    client_id: &str,
    audience: &str,
    lifetime: TimeDelta,
    now: DateTime<Utc>,
) -> Result<String, KeyError> {
    let lifetime = lifetime.clamp(TimeDelta::seconds(1), MAX_LIFETIME);
    let expires = now.checked_add_signed(lifetime).ok_or(KeyError::Encode)?;
    let issued_at = numeric_date::from_time(now).ok_or(KeyError::Encode)?;
    let expires_at = numeric_date::from_time(expires).ok_or(KeyError::Encode)?;
    let mut claims = Map::new();
    claims.insert("iss".to_owned(), client_id.into());
    claims.insert("sub".to_owned(), client_id.into());
    claims.insert("aud".to_owned(), audience.into());
    claims.insert("iat".to_owned(), issued_at.into());
    claims.insert("exp".to_owned(), expires_at.into());
    claims.insert(
        "jti".to_owned(),
        random_token().ok_or(KeyError::Sign)?.into(),
    );
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

    /// The other accepted audiences.
    pub fn audiences(&self) -> &BTreeSet<String> {
        &self.audiences
    }

    /// Sets the limits (token size, JSON depth).
    #[must_use]
    pub fn with_limits(mut self, limits: Limits) -> Self {
        self.limits = limits;
        self
    }

    /// The limits.
    pub fn limits(&self) -> &Limits {
        &self.limits
    }

    /// The clock leeway.
    pub fn leeway(&self) -> TimeDelta {
        self.leeway
    }

    /// Verifies `assertion`, recording its `jti` in `jtis` until it expires. `tools` is one fixed
    /// registration (`&ToolRegistration`) or a lookup by client id (`FnOnce(&str) -> Option<R>`), asked
    /// with the assertion's `iss` read before verification only to choose the tool's keys; see
    /// [`ToolLookup`].
    ///
    /// # Errors
    /// A [`ClientAssertionError`] naming the failed check (`lti.token-request.unknown-client` when no
    /// tool is found, `lti.claim.sub` when `sub` differs from `iss`, `lti.claim.lifetime` when
    /// `exp - iat` exceeds 5 minutes, `lti.nonce.replayed` for a reused `jti`).
    pub fn verify(
        &self,
        tools: impl ToolLookup,
        assertion: &str,
        jtis: &impl NonceStore,
        now: DateTime<Utc>,
    ) -> Result<VerifiedClientAssertion, ClientAssertionError> {
        let found = tools.find_for(assertion, &self.limits)?;
        let tool: &ToolRegistration = found.borrow();
        let signed = verify_signature(assertion, &tool.tool_keys, &tool.algorithms, &self.limits)?;
        let mut trusted = self.audiences.clone();
        trusted.insert(self.token_endpoint.clone());
        let audience = self.named_audience(signed.claims()).to_owned();
        let expected = Expected {
            issuer: &tool.client_id,
            audience: &audience,
            trusted_audiences: &trusted,
            leeway: self.leeway,
            max_age: MAX_LIFETIME,
            now,
        };
        let token = signed.check_claims(&expected)?;
        let subject = required_str(&token.claims, "sub")?;
        if subject != tool.client_id {
            return Err(ClientAssertionError::SubjectMismatch {
                found: Untrusted::new(subject),
            });
        }
        let lifetime = token
            .times
            .expires_at
            .signed_duration_since(token.times.issued_at);
        if lifetime > MAX_LIFETIME {
            return Err(ClientAssertionError::LifetimeTooLong { lifetime });
        }
        let jti = required_str(&token.claims, "jti")?.to_owned();
        if jti.is_empty() {
            return Err(TokenError::InvalidClaimType { claim: "jti" }.into());
        }
        let key = format!("jti:{}:{jti}", tool.client_id);
        consume_once(jtis, &key, &token, &expected, now)?;
        Ok(VerifiedClientAssertion {
            client_id: tool.client_id.clone(),
            jti,
            issued_at: token.times.issued_at,
            expires_at: token.times.expires_at,
            claims: token.claims,
        })
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

/// Where [`ClientAssertionVerifier::verify`] finds the tool that signed an assertion: one fixed
/// registration (`&ToolRegistration`, found without reading the assertion), or a lookup closure
/// `FnOnce(client_id) -> Option<R>` asked with the assertion's `iss` (read before the signature is
/// checked, only to choose the keys; the registration found then verifies everything).
pub trait ToolLookup {
    /// The registration found (a reference, an `Arc`, an owned value).
    type Found: Borrow<ToolRegistration>;

    /// Finds the registration for `assertion`.
    ///
    /// # Errors
    /// [`ClientAssertionError::UnknownClient`] when there is none; the token's own error when the
    /// assertion cannot be read at all, or has no string `iss`.
    fn find_for(
        self,
        assertion: &str,
        limits: &Limits,
    ) -> Result<Self::Found, ClientAssertionError>;
}

impl<'a> ToolLookup for &'a ToolRegistration {
    type Found = &'a ToolRegistration;

    fn find_for(
        self,
        _assertion: &str,
        _limits: &Limits,
    ) -> Result<Self::Found, ClientAssertionError> {
        Ok(self)
    }
}

impl<F, R> ToolLookup for F
where
    F: FnOnce(&str) -> Option<R>,
    R: Borrow<ToolRegistration>,
{
    type Found = R;

    fn find_for(self, assertion: &str, limits: &Limits) -> Result<R, ClientAssertionError> {
        let claims = crate::token::unverified_claims(assertion, limits)?;
        let issuer = required_str(&claims, "iss")?;
        self(issuer).ok_or_else(|| ClientAssertionError::UnknownClient {
            client_id: Untrusted::new(issuer),
        })
    }
}
