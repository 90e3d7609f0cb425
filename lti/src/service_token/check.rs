//! Platform side: the bearer access token of a service request (RFC 6750 §2.1), checked against the
//! scope the endpoint requires.

use std::collections::BTreeSet;
use std::sync::Arc;

use chrono::{DateTime, TimeDelta, Utc};
use learnwire_report::{Code, Untrusted};
use serde_json::Value;

use super::{AccessTokenRecord, AccessTokenStore, ScopeSet, TokenDigest};
use crate::codes;
use crate::keys::{Algorithm, KeySet};
use crate::limits::Limits;
use crate::service_token::request::is_b64token;
use crate::token::{Expected, TokenError, verify_signature};

/// The `typ` of the JWT access tokens this crate issues (RFC 9068 §2.1).
pub(crate) const ACCESS_TOKEN_TYP: &str = "at+jwt";

/// Why a service request's access token was refused. [`status`](Self::status) and
/// [`to_http_response`](Self::to_http_response) give the RFC 6750 §3 answer.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum AccessTokenError {
    /// No `Authorization` header (401, `WWW-Authenticate: Bearer`).
    #[error("{}: the request has no access token", self.code())]
    Missing,
    /// The `Authorization` header is not one `Bearer <b64token>` (RFC 6750 §2.1), or is repeated or
    /// too long (400, `invalid_request`).
    #[error("{}: {reason}", self.code())]
    Malformed {
        /// What is wrong.
        reason: &'static str,
    },
    /// No token with this value was issued, or it was revoked (401, `invalid_token`).
    #[error("{}: the access token is not known", self.code())]
    Unknown,
    /// The token expired (401, `invalid_token`).
    #[error("{}: the access token expired at {expired_at}", self.code())]
    Expired {
        /// When it expired.
        expired_at: DateTime<Utc>,
    },
    /// A JWT access token failed verification (signature, issuer, audience, claims) (401,
    /// `invalid_token`).
    #[error("{}: the access token does not verify", self.code())]
    Invalid(#[source] TokenError),
    /// A JWT access token's header `typ` is not `at+jwt` (RFC 9068 §2.1, §4), nor `JWT`, which this
    /// crate wrote before; missing counts as wrong (RFC 8725 §3.11) (401, `invalid_token`).
    #[error("{}: the access token's typ {found} is not at+jwt", self.code())]
    WrongType {
        /// The header's `typ` (empty when missing).
        found: Untrusted,
    },
    /// The token does not grant the scope the endpoint requires (403, `insufficient_scope`).
    #[error("{}: the access token does not grant scope {required}", self.code())]
    InsufficientScope {
        /// The scope the endpoint requires.
        required: String,
    },
    /// The token store could not be read (500).
    #[error("{}: the access token store is unavailable", self.code())]
    Store(#[source] Box<dyn std::error::Error + Send + Sync>),
}

impl AccessTokenError {
    /// The stable code (`lti.access-token.*`).
    pub fn code(&self) -> Code {
        match self {
            Self::Missing => codes::ACCESS_TOKEN_MISSING,
            Self::Malformed { .. } => codes::ACCESS_TOKEN_MALFORMED,
            Self::Unknown => codes::ACCESS_TOKEN_UNKNOWN,
            Self::Expired { .. } => codes::ACCESS_TOKEN_EXPIRED,
            Self::Invalid(_) => codes::ACCESS_TOKEN_INVALID,
            Self::WrongType { .. } => codes::ACCESS_TOKEN_TYP,
            Self::InsufficientScope { .. } => codes::ACCESS_TOKEN_SCOPE,
            Self::Store(_) => codes::ACCESS_TOKEN_STORE,
        }
    }

    /// The HTTP status of the answer: 400, 401, 403 or 500 (RFC 6750 §3.1).
    pub fn status(&self) -> http::StatusCode {
        match self {
            Self::Malformed { .. } => http::StatusCode::BAD_REQUEST,
            Self::Missing
            | Self::Unknown
            | Self::Expired { .. }
            | Self::Invalid(_)
            | Self::WrongType { .. } => http::StatusCode::UNAUTHORIZED,
            Self::InsufficientScope { .. } => http::StatusCode::FORBIDDEN,
            Self::Store(_) => http::StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    /// The RFC 6750 §3 answer: [`status`](Self::status), an empty body and a `WWW-Authenticate: Bearer`
    /// challenge with `error` (`invalid_request`, `invalid_token`, `insufficient_scope`; none when the
    /// token is missing) and, for `insufficient_scope`, the required `scope`.
    pub fn to_http_response(&self) -> http::Response<Vec<u8>> {
        let challenge = match self {
            Self::Missing | Self::Store(_) => "Bearer".to_owned(),
            Self::Malformed { .. } => r#"Bearer error="invalid_request""#.to_owned(),
            Self::Unknown | Self::Expired { .. } | Self::Invalid(_) | Self::WrongType { .. } => {
                r#"Bearer error="invalid_token""#.to_owned()
            }
            Self::InsufficientScope { required } => {
                format!(r#"Bearer error="insufficient_scope", scope="{required}""#)
            }
        };
        let mut response = http::Response::new(Vec::new());
        *response.status_mut() = self.status();
        if let Ok(value) = http::HeaderValue::from_str(&challenge) {
            response
                .headers_mut()
                .insert(http::header::WWW_AUTHENTICATE, value);
        }
        response
    }
}

/// Finds what an access token grants: an [`AccessTokenStore`] of opaque tokens (any store is one), or
/// [`JwtAccessTokens`] for JWT access tokens.
pub trait AccessTokenResolver {
    /// The record of `token` (validity in time is checked by the caller).
    ///
    /// # Errors
    /// [`AccessTokenError::Unknown`], [`AccessTokenError::Invalid`] or [`AccessTokenError::Store`].
    fn resolve(
        &self,
        token: &str,
        now: DateTime<Utc>,
    ) -> Result<AccessTokenRecord, AccessTokenError>;
}

impl<S: AccessTokenStore> AccessTokenResolver for S {
    fn resolve(
        &self,
        token: &str,
        now: DateTime<Utc>,
    ) -> Result<AccessTokenRecord, AccessTokenError> {
        let digest = TokenDigest::of(token);
        self.find(&digest, now)
            .map_err(|error| AccessTokenError::Store(Box::new(error)))?
            .filter(|record| record.digest() == digest)
            .ok_or(AccessTokenError::Unknown)
    }
}

/// JWT access tokens issued with [`Grant::issue_jwt`](super::Grant::issue_jwt): verified with the
/// platform's public keys (RS256, `kid` required), then typed, then `iss` = `aud` = the issuer, a
/// `scope` string and a `client_id` or `sub`. No clock leeway (the platform checks its own tokens), and
/// a token issued more than a day before `now` is refused whatever its `exp`.
///
/// # Explicit typing
///
/// The header's `typ` must say what the token is (RFC 8725 §3.11), so that another JWT the platform
/// signs, such as a launch `id_token`, is never taken for an access token: `at+jwt` (RFC 9068 §2.1,
/// §4), which [`Grant::issue_jwt`](super::Grant::issue_jwt) writes, and, for tokens this crate issued
/// before it wrote `at+jwt`, `JWT`. Compared as media types (RFC 7515 §4.1.9): ASCII case-insensitive,
/// with or without the `application/` prefix. Any other `typ` (`dpop+jwt`, `JWT` of a launch, none at
/// all) is [`AccessTokenError::WrongType`], `lti.access-token.typ`. Since a token issued more than a
/// day ago is refused anyway, `JWT` tokens stop verifying a day after the upgrade at the latest; a
/// launch `id_token` typed `JWT` is still refused by its `aud` (the tool's client id) and its missing
/// `scope`.
#[derive(Clone, Debug)]
pub struct JwtAccessTokens {
    issuer: String,
    keys: Arc<KeySet>,
    limits: Limits,
}

impl JwtAccessTokens {
    /// Tokens issued by `issuer`, signed by one of `keys` (the platform's public keys).
    pub fn new(issuer: impl Into<String>, keys: Arc<KeySet>) -> Self {
        Self {
            issuer: issuer.into(),
            keys,
            limits: Limits::default(),
        }
    }

    /// Sets the limits (token size, JSON depth).
    #[must_use]
    pub fn with_limits(mut self, limits: Limits) -> Self {
        self.limits = limits;
        self
    }
}

impl AccessTokenResolver for JwtAccessTokens {
    fn resolve(
        &self,
        token: &str,
        now: DateTime<Utc>,
    ) -> Result<AccessTokenRecord, AccessTokenError> {
        let trusted = BTreeSet::new();
        let expected = Expected {
            issuer: &self.issuer,
            audience: &self.issuer,
            trusted_audiences: &trusted,
            leeway: TimeDelta::zero(),
            max_age: TimeDelta::days(1),
            now,
        };
        let signed = verify_signature(token, &self.keys, &[Algorithm::Rs256], &self.limits)
            .map_err(AccessTokenError::Invalid)?;
        if !signed.typ().is_some_and(is_access_token_typ) {
            return Err(AccessTokenError::WrongType {
                found: Untrusted::new(signed.typ().unwrap_or_default()),
            });
        }
        let verified = signed
            .check_claims(&expected)
            .map_err(|error| match error {
                TokenError::Expired { expired_at, .. } => AccessTokenError::Expired { expired_at },
                other => AccessTokenError::Invalid(other),
            })?;
        let claims = &verified.claims;
        let scope = match claims.get("scope") {
            Some(Value::String(scope)) => ScopeSet::parse(scope).map_err(|_| {
                AccessTokenError::Invalid(TokenError::InvalidClaimType { claim: "scope" })
            })?,
            Some(_) => {
                return Err(AccessTokenError::Invalid(TokenError::InvalidClaimType {
                    claim: "scope",
                }));
            }
            None => {
                return Err(AccessTokenError::Invalid(TokenError::MissingClaim {
                    claim: "scope",
                }));
            }
        };
        let client_id = claims
            .get("client_id")
            .or_else(|| claims.get("sub"))
            .and_then(Value::as_str)
            .ok_or(AccessTokenError::Invalid(TokenError::MissingClaim {
                claim: "client_id",
            }))?;
        Ok(AccessTokenRecord::new(
            TokenDigest::of(token),
            client_id,
            scope,
            verified.times.expires_at,
        ))
    }
}

/// Whether a JWT access token's `typ` is one [`JwtAccessTokens`] accepts: `at+jwt`, or `JWT` (what this
/// crate wrote before), as media types: ASCII case-insensitive, `application/` optional (RFC 7515
/// §4.1.9).
fn is_access_token_typ(typ: &str) -> bool {
    let subtype = match typ.get(..12) {
        Some(prefix) if prefix.eq_ignore_ascii_case("application/") => typ.get(12..).unwrap_or(""),
        _ => typ,
    };
    subtype.eq_ignore_ascii_case(ACCESS_TOKEN_TYP) || subtype.eq_ignore_ascii_case("JWT")
}

/// Checks the bearer access token of a service request (AGS, NRPS) against the scope the endpoint
/// requires, with the token's record from `tokens` (a store of opaque tokens, or [`JwtAccessTokens`]).
/// A JWT access token must be typed `at+jwt`, as [`Grant::issue_jwt`](super::Grant::issue_jwt) now
/// issues them, or `JWT`, as it issued them before (RFC 8725 §3.11; see
/// [explicit typing](JwtAccessTokens#explicit-typing)); any other `typ` is `lti.access-token.typ`.
///
/// # Example
///
/// ```
/// use learnwire_lti::service_token::{AccessTokenVerifier, InMemoryAccessTokenStore, Scope};
/// use learnwire_lti::{Utc, http};
/// let verifier = AccessTokenVerifier::new(InMemoryAccessTokenStore::default());
/// let request = http::Request::get("https://lms.example.edu/lineitems")
///     .header("authorization", "Bearer never-issued").body(())?;
/// let error = verifier.check(request.headers(), Scope::AGS_LINE_ITEM, Utc::now()).unwrap_err();
/// assert_eq!(error.code().as_str(), "lti.access-token.unknown");
/// assert_eq!(error.to_http_response().status(), 401);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug)]
pub struct AccessTokenVerifier<T> {
    tokens: T,
    limits: Limits,
}

impl<T: AccessTokenResolver> AccessTokenVerifier<T> {
    /// A verifier reading tokens from `tokens`.
    pub fn new(tokens: T) -> Self {
        Self {
            tokens,
            limits: Limits::default(),
        }
    }

    /// Sets the limits ([`Limits::max_token_bytes`] bounds the header's token).
    #[must_use]
    pub fn with_limits(mut self, limits: Limits) -> Self {
        self.limits = limits;
        self
    }

    /// Checks the `Authorization: Bearer` token of `headers`: exactly one header, scheme `Bearer` in any
    /// case, one space, an RFC 6750 b64token no longer than [`Limits::max_token_bytes`]; then the token is
    /// known, not expired at `now` (refused at `expires_at` exactly) and grants `required_scope`.
    ///
    /// # Errors
    /// An [`AccessTokenError`] naming the first failed check.
    pub fn check(
        &self,
        headers: &http::HeaderMap,
        required_scope: &str,
        now: DateTime<Utc>,
    ) -> Result<AuthorizedClient, AccessTokenError> {
        let token = bearer_token(headers, &self.limits)?;
        let record = self.tokens.resolve(token, now)?;
        if now >= record.expires_at() {
            return Err(AccessTokenError::Expired {
                expired_at: record.expires_at(),
            });
        }
        if !record.scopes().contains(required_scope) {
            return Err(AccessTokenError::InsufficientScope {
                required: required_scope.to_owned(),
            });
        }
        Ok(AuthorizedClient { record })
    }
}

/// The token of the one `Authorization: Bearer` header.
fn bearer_token<'h>(
    headers: &'h http::HeaderMap,
    limits: &Limits,
) -> Result<&'h str, AccessTokenError> {
    let mut values = headers.get_all(http::header::AUTHORIZATION).iter();
    let value = values.next().ok_or(AccessTokenError::Missing)?;
    if values.next().is_some() {
        return Err(AccessTokenError::Malformed {
            reason: "the Authorization header is repeated",
        });
    }
    if value.len() > limits.max_token_bytes().saturating_add(7) {
        return Err(AccessTokenError::Malformed {
            reason: "the Authorization header is longer than the limit",
        });
    }
    let text = value.to_str().map_err(|_| AccessTokenError::Malformed {
        reason: "the Authorization header is not visible ASCII",
    })?;
    let (scheme, token) = text.split_once(' ').ok_or(AccessTokenError::Malformed {
        reason: "the Authorization header is not Bearer <token>",
    })?;
    if !scheme.eq_ignore_ascii_case("bearer") {
        return Err(AccessTokenError::Malformed {
            reason: "the Authorization scheme is not Bearer",
        });
    }
    if !is_b64token(token) {
        return Err(AccessTokenError::Malformed {
            reason: "the bearer token is not an RFC 6750 b64token",
        });
    }
    Ok(token)
}

/// A service request whose access token passed: the tool and what it was granted. Only
/// [`AccessTokenVerifier::check`] makes one.
#[derive(Clone, Debug)]
pub struct AuthorizedClient {
    record: AccessTokenRecord,
}

impl AuthorizedClient {
    /// The tool's client id.
    pub fn client_id(&self) -> &str {
        self.record.client_id()
    }

    /// Every scope the token grants.
    pub fn scopes(&self) -> &ScopeSet {
        self.record.scopes()
    }

    /// When the token expires.
    pub fn expires_at(&self) -> DateTime<Utc> {
        self.record.expires_at()
    }
}
