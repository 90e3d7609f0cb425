//! Platform side: the token endpoint. Reads a client-credentials request (RFC 6749 §4.4, RFC 7523 §2.2),
//! verifies its assertion (1EdTech Security Framework §4.1), grants the registered scopes and issues an
//! access token, opaque or JWT (RFC 6749 §5.1), or answers the RFC 6749 §5.2 error.

use std::borrow::Borrow;
use std::fmt;

use chrono::{DateTime, TimeDelta, Utc};
use learnwire_report::{Code, Untrusted, find_code};
use serde_json::{Map, Value, json};

use super::check::ACCESS_TOKEN_TYP;
use super::{
    AccessToken, AccessTokenRecord, AccessTokenStore, AccessTokenStoreError, InvalidScope, ScopeSet,
};
use crate::codes;
use crate::keys::{KeyError, SigningKey};
use crate::limits::Limits;
use crate::login::random_token;
use crate::nonce::NonceStore;
use crate::numeric_date;
use crate::platform::{
    CLIENT_ASSERTION_TYPE, ClientAssertionError, ClientAssertionVerifier, ToolLookup,
    ToolRegistration, VerifiedClientAssertion,
};

/// Why the token endpoint refused a request, with the RFC 6749 §5.2 answer to send
/// ([`to_http_response`](Self::to_http_response)).
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum TokenEndpointError {
    /// Not a `POST` of `application/x-www-form-urlencoded`, larger than
    /// [`Limits::max_oauth_body_bytes`], or a parameter given twice (`invalid_request`, 400).
    #[error("{}: {reason}", self.code())]
    Malformed {
        /// What is wrong.
        reason: &'static str,
    },
    /// A required parameter is missing or empty (`invalid_request`, 400).
    #[error("{}: parameter {name} is missing", self.code())]
    MissingParameter {
        /// The parameter.
        name: &'static str,
    },
    /// `grant_type` is not `client_credentials` (`unsupported_grant_type`, 400).
    #[error("{}: grant type {found} is not client_credentials", self.code())]
    UnsupportedGrantType {
        /// The `grant_type` sent.
        found: Untrusted,
    },
    /// `client_assertion_type` is not exactly `urn:ietf:params:oauth:client-assertion-type:jwt-bearer`
    /// (`invalid_request`, 400).
    #[error("{}: client assertion type {found} is not the JWT bearer type", self.code())]
    AssertionType {
        /// The `client_assertion_type` sent.
        found: Untrusted,
    },
    /// `scope` is not an RFC 6749 §3.3 scope list (`invalid_scope`, 400).
    #[error(transparent)]
    Scope(#[from] InvalidScope),
    /// The assertion failed a check, or names no registered tool (`invalid_client`, 401). Its code is
    /// the check's (`lti.claim.*`, `lti.nonce.replayed`, `lti.token-request.unknown-client`…).
    #[error(transparent)]
    Assertion(#[from] ClientAssertionError),
    /// No requested scope is registered for the tool (`invalid_scope`, 400).
    #[error("{}: none of the requested scopes is registered for the tool", self.code())]
    ScopeNotGranted,
    /// Issuing the token failed: the random generator or signing (`server_error`, 500).
    #[error("{}: the access token could not be issued", self.code())]
    Issue(#[source] KeyError),
    /// The access token store could not record the token (`server_error`, 500).
    #[error(transparent)]
    Store(#[from] AccessTokenStoreError),
}

impl TokenEndpointError {
    /// The stable code (`lti.token-request.*`, or the nested error's).
    pub fn code(&self) -> Code {
        match self {
            Self::Malformed { .. } => codes::TOKEN_REQUEST_MALFORMED,
            Self::MissingParameter { .. } => codes::TOKEN_REQUEST_MISSING_PARAMETER,
            Self::UnsupportedGrantType { .. } => codes::TOKEN_REQUEST_GRANT_TYPE,
            Self::AssertionType { .. } => codes::TOKEN_REQUEST_ASSERTION_TYPE,
            Self::Scope(error) => error.code(),
            Self::Assertion(error) => error.code(),
            Self::ScopeNotGranted => codes::TOKEN_REQUEST_SCOPE_NOT_GRANTED,
            Self::Issue(_) => codes::TOKEN_REQUEST_ISSUE,
            Self::Store(error) => error.code(),
        }
    }

    /// The RFC 6749 §5.2 `error` value: `invalid_request`, `invalid_client`, `unsupported_grant_type`,
    /// `invalid_scope`, or `server_error` when issuing failed.
    pub fn oauth_error(&self) -> &'static str {
        match self {
            Self::Malformed { .. } | Self::MissingParameter { .. } | Self::AssertionType { .. } => {
                "invalid_request"
            }
            Self::UnsupportedGrantType { .. } => "unsupported_grant_type",
            Self::Scope(_) | Self::ScopeNotGranted => "invalid_scope",
            // The replay store failing is ours, not the client's.
            Self::Assertion(error) if error.code() == codes::NONCE_STORE => "server_error",
            Self::Assertion(_) => "invalid_client",
            Self::Issue(_) | Self::Store(_) => "server_error",
        }
    }

    /// The HTTP status: 401 for `invalid_client`, 500 for `server_error`, else 400.
    pub fn status(&self) -> http::StatusCode {
        match self.oauth_error() {
            "invalid_client" => http::StatusCode::UNAUTHORIZED,
            "server_error" => http::StatusCode::INTERNAL_SERVER_ERROR,
            _ => http::StatusCode::BAD_REQUEST,
        }
    }

    /// The answer to send: [`status`](Self::status), `Cache-Control: no-store`, and the JSON body
    /// `{"error": …, "error_description": "<code>: <summary>"}`. The description is the code's fixed
    /// summary (never attacker text), in the characters RFC 6749 §5.2 allows.
    pub fn to_http_response(&self) -> http::Response<Vec<u8>> {
        let code = self.code();
        let summary = find_code(crate::CODES, code.as_str())
            .map(|info| info.summary)
            .unwrap_or_default();
        let description: String = format!("{code}: {summary}")
            .chars()
            .filter(|c| matches!(*c, ' '..='~') && *c != '"' && *c != '\\')
            .collect();
        let body = json!({ "error": self.oauth_error(), "error_description": description });
        json_response(self.status(), &body)
    }
}

/// A JSON answer with `Cache-Control: no-store` and `Pragma: no-cache` (RFC 6749 §5.1).
fn json_response(status: http::StatusCode, body: &Value) -> http::Response<Vec<u8>> {
    let mut response = http::Response::new(body.to_string().into_bytes());
    *response.status_mut() = status;
    let headers = response.headers_mut();
    headers.insert(
        http::header::CONTENT_TYPE,
        http::HeaderValue::from_static("application/json"),
    );
    headers.insert(
        http::header::CACHE_CONTROL,
        http::HeaderValue::from_static("no-store"),
    );
    headers.insert(
        http::header::PRAGMA,
        http::HeaderValue::from_static("no-cache"),
    );
    response
}

/// A client-credentials token request as the platform reads it. `Debug` hides the assertion.
#[derive(Clone)]
#[non_exhaustive]
pub struct ClientTokenRequest {
    client_assertion: String,
    scopes: ScopeSet,
    client_id: Option<String>,
}

impl fmt::Debug for ClientTokenRequest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ClientTokenRequest")
            .field("client_assertion_len", &self.client_assertion.len())
            .field("scopes", &self.scopes)
            .field("client_id", &self.client_id)
            .finish()
    }
}

impl ClientTokenRequest {
    /// Reads the token request from an `http::Request`: a `POST` with `Content-Type:
    /// application/x-www-form-urlencoded` (parameters may follow), then as [`parse`](Self::parse).
    ///
    /// # Errors
    /// [`TokenEndpointError::Malformed`] for another method or content type; then as
    /// [`parse`](Self::parse).
    ///
    /// # Example
    ///
    /// ```
    /// use learnwire_lti::service_token::ClientTokenRequest;
    /// use learnwire_lti::{Limits, http};
    /// let request = http::Request::post("https://lms.example.edu/token")
    ///     .header("content-type", "application/x-www-form-urlencoded")
    ///     .body(b"grant_type=password".to_vec())?;
    /// let error = ClientTokenRequest::from_http_request(&request, &Limits::default()).unwrap_err();
    /// assert_eq!(error.code().as_str(), "lti.token-request.grant-type");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn from_http_request<B: AsRef<[u8]>>(
        request: &http::Request<B>,
        limits: &Limits,
    ) -> Result<Self, TokenEndpointError> {
        if request.method() != http::Method::POST {
            return Err(TokenEndpointError::Malformed {
                reason: "the token request is not a POST",
            });
        }
        let form = request
            .headers()
            .get_all(http::header::CONTENT_TYPE)
            .iter()
            .map(|value| value.to_str().unwrap_or_default())
            .map(|text| text.split(';').next().unwrap_or_default().trim().to_owned())
            .collect::<Vec<_>>();
        if form.len() != 1
            || !form.first().is_some_and(|media| {
                media.eq_ignore_ascii_case("application/x-www-form-urlencoded")
            })
        {
            return Err(TokenEndpointError::Malformed {
                reason: "the body is not application/x-www-form-urlencoded",
            });
        }
        Self::parse(request.body().as_ref(), limits)
    }

    /// Reads a form body: `grant_type` = `client_credentials`, `client_assertion_type` = exactly
    /// `urn:ietf:params:oauth:client-assertion-type:jwt-bearer`, `client_assertion`, `scope` (an RFC 6749
    /// scope list), optional `client_id`. Unknown parameters are ignored; a known one given twice is
    /// refused. The checks run in that order.
    ///
    /// # Errors
    /// A [`TokenEndpointError`]: `Malformed` (too large, repeated parameter), `MissingParameter`,
    /// `UnsupportedGrantType`, `AssertionType`, `Scope`.
    pub fn parse(body: &[u8], limits: &Limits) -> Result<Self, TokenEndpointError> {
        if body.len() > limits.max_oauth_body_bytes() {
            return Err(TokenEndpointError::Malformed {
                reason: "the body is larger than the limit",
            });
        }
        let [grant_type, assertion_type, assertion, scope, client_id] =
            crate::form_fields::form_fields(
                body,
                &[
                    "grant_type",
                    "client_assertion_type",
                    "client_assertion",
                    "scope",
                    "client_id",
                ],
            )
            .map_err(|_| TokenEndpointError::Malformed {
                reason: "a parameter appears twice",
            })?;
        let present = |value: Option<String>, name| {
            value
                .filter(|value| !value.is_empty())
                .ok_or(TokenEndpointError::MissingParameter { name })
        };
        let grant_type = present(grant_type, "grant_type")?;
        if grant_type != "client_credentials" {
            return Err(TokenEndpointError::UnsupportedGrantType {
                found: Untrusted::new(&grant_type),
            });
        }
        let assertion_type = present(assertion_type, "client_assertion_type")?;
        if assertion_type != CLIENT_ASSERTION_TYPE {
            return Err(TokenEndpointError::AssertionType {
                found: Untrusted::new(&assertion_type),
            });
        }
        let client_assertion = present(assertion, "client_assertion")?;
        let scopes = ScopeSet::parse(&present(scope, "scope")?)?;
        Ok(Self {
            client_assertion,
            scopes,
            client_id: client_id.filter(|id| !id.is_empty()),
        })
    }

    /// The client assertion (a JWT, unverified).
    pub fn client_assertion(&self) -> &str {
        &self.client_assertion
    }

    /// The requested scopes.
    pub fn scopes(&self) -> &ScopeSet {
        &self.scopes
    }

    /// The optional `client_id` parameter (RFC 7521 §4.2); when sent it must equal the assertion's `iss`.
    pub fn client_id(&self) -> Option<&str> {
        self.client_id.as_deref()
    }
}

/// The platform's token endpoint: verifies the assertion with [`ClientAssertionVerifier`] (signature by
/// the tool's keys, `iss` = `sub` = a registered client id, `aud` the token endpoint or a configured
/// audience, `exp`/`iat` with leeway, lifetime at most 5 minutes, `jti` used once), grants the requested
/// scopes registered for the tool ([`ToolRegistration::scopes`]), and issues a token living
/// [`token_lifetime`](Self::token_lifetime) (default 1 hour).
///
/// # Example
///
/// ```no_run
/// # fn serve(request: learnwire_lti::http::Request<Vec<u8>>, tools: &[learnwire_lti::platform::ToolRegistration])
/// #     -> learnwire_lti::http::Response<Vec<u8>> {
/// use learnwire_lti::service_token::{InMemoryAccessTokenStore, TokenEndpoint};
/// use learnwire_lti::{InMemoryNonceStore, Utc};
/// let (jtis, tokens) = (InMemoryNonceStore::default(), InMemoryAccessTokenStore::default());
/// let endpoint = TokenEndpoint::new("https://lms.example.edu/oauth2/token");
/// let lookup = |client_id: &str| tools.iter().find(|tool| tool.client_id == client_id);
/// endpoint
///     .handle(lookup, &request, &jtis, Utc::now(), |grant| grant.issue_opaque(&tokens))
///     .map_or_else(|error| error.to_http_response(), |issued| issued.to_http_response())
/// # }
/// ```
#[derive(Clone, Debug)]
pub struct TokenEndpoint {
    assertions: ClientAssertionVerifier,
    token_lifetime: TimeDelta,
    limits: Limits,
}

impl TokenEndpoint {
    /// The endpoint at `token_endpoint` (the URL assertions name in `aud`, compared exactly), 60 s
    /// leeway, tokens living 1 hour.
    pub fn new(token_endpoint: impl Into<String>) -> Self {
        Self {
            assertions: ClientAssertionVerifier::new(token_endpoint),
            token_lifetime: TimeDelta::hours(1),
            limits: Limits::default(),
        }
    }

    /// Other audiences accepted in an assertion's `aud` (the platform issuer, for example).
    #[must_use]
    pub fn with_audiences(mut self, audiences: impl IntoIterator<Item = String>) -> Self {
        self.assertions = self.assertions.with_audiences(audiences);
        self
    }

    /// Sets the clock leeway for the assertion's times (default 60 s).
    #[must_use]
    pub fn with_leeway(mut self, leeway: TimeDelta) -> Self {
        self.assertions = self.assertions.with_leeway(leeway);
        self
    }

    /// Sets the lifetime of issued tokens (default 1 hour; at least 1 second).
    #[must_use]
    pub fn with_token_lifetime(mut self, lifetime: TimeDelta) -> Self {
        self.token_lifetime = lifetime.max(TimeDelta::seconds(1));
        self
    }

    /// The lifetime of issued tokens.
    pub fn token_lifetime(&self) -> TimeDelta {
        self.token_lifetime
    }

    /// Sets the limits (request body, assertion size and JSON depth).
    #[must_use]
    pub fn with_limits(mut self, limits: Limits) -> Self {
        self.assertions = self.assertions.with_limits(limits.clone());
        self.limits = limits;
        self
    }

    /// The assertion verifier this endpoint uses.
    pub fn assertion_verifier(&self) -> &ClientAssertionVerifier {
        &self.assertions
    }

    /// Verifies the request's assertion (the tool found by `tools`, `jti` recorded in `jtis`) and grants
    /// the requested scopes that are registered for the tool.
    ///
    /// # Errors
    /// [`TokenEndpointError::Assertion`] (a `client_id` parameter that differs from the assertion's
    /// `iss` is `lti.claim.iss`), [`TokenEndpointError::ScopeNotGranted`].
    pub fn grant(
        &self,
        tools: impl ToolLookup,
        request: &ClientTokenRequest,
        jtis: &impl NonceStore,
        now: DateTime<Utc>,
    ) -> Result<Grant, TokenEndpointError> {
        let found = tools.find_for(request.client_assertion(), &self.limits)?;
        let tool: &ToolRegistration = found.borrow();
        let verified = self
            .assertions
            .verify(tool, request.client_assertion(), jtis, now)?;
        if let Some(client_id) = request.client_id()
            && client_id != verified.client_id()
        {
            return Err(
                ClientAssertionError::Token(crate::TokenError::IssuerMismatch {
                    found: Untrusted::new(client_id),
                })
                .into(),
            );
        }
        let scopes = request.scopes().intersection(&tool.scopes);
        if scopes.is_empty() {
            return Err(TokenEndpointError::ScopeNotGranted);
        }
        let expires_at = now
            .checked_add_signed(self.token_lifetime)
            .ok_or(TokenEndpointError::Issue(KeyError::Encode))?;
        Ok(Grant {
            assertion: verified,
            scopes,
            issued_at: now,
            expires_at,
        })
    }

    /// The whole exchange: reads the request, [`grant`](Self::grant)s, then `issue`s the token
    /// ([`Grant::issue_opaque`] or [`Grant::issue_jwt`]). Answer with
    /// [`IssuedToken::to_http_response`] or [`TokenEndpointError::to_http_response`].
    ///
    /// # Errors
    /// The first [`TokenEndpointError`].
    pub fn handle<B: AsRef<[u8]>>(
        &self,
        tools: impl ToolLookup,
        request: &http::Request<B>,
        jtis: &impl NonceStore,
        now: DateTime<Utc>,
        issue: impl FnOnce(&Grant) -> Result<IssuedToken, TokenEndpointError>,
    ) -> Result<IssuedToken, TokenEndpointError> {
        let request = ClientTokenRequest::from_http_request(request, &self.limits)?;
        let grant = self.grant(tools, &request, jtis, now)?;
        issue(&grant)
    }
}

/// Scopes granted to an authenticated tool, before a token is issued. Only
/// [`TokenEndpoint::grant`] makes one.
#[derive(Clone, Debug)]
pub struct Grant {
    assertion: VerifiedClientAssertion,
    scopes: ScopeSet,
    issued_at: DateTime<Utc>,
    expires_at: DateTime<Utc>,
}

impl Grant {
    /// The tool's client id.
    pub fn client_id(&self) -> &str {
        self.assertion.client_id()
    }

    /// The granted scopes: the requested ones registered for the tool.
    pub fn scopes(&self) -> &ScopeSet {
        &self.scopes
    }

    /// The verified assertion.
    pub fn assertion(&self) -> &VerifiedClientAssertion {
        &self.assertion
    }

    /// When the token to issue expires.
    pub fn expires_at(&self) -> DateTime<Utc> {
        self.expires_at
    }

    /// Issues an opaque token (256 random bits, base64url) and saves its record (digest, client, scopes,
    /// expiry; never the token) in `store`, where [`AccessTokenVerifier`](super::AccessTokenVerifier)
    /// finds it.
    ///
    /// # Errors
    /// [`TokenEndpointError::Issue`] when the random generator fails; [`TokenEndpointError::Store`].
    pub fn issue_opaque(
        &self,
        store: &impl AccessTokenStore,
    ) -> Result<IssuedToken, TokenEndpointError> {
        let token =
            AccessToken::new(random_token().ok_or(TokenEndpointError::Issue(KeyError::Sign))?);
        let record = AccessTokenRecord::new(
            token.digest(),
            self.client_id(),
            self.scopes.clone(),
            self.expires_at,
        );
        store.save(record, self.issued_at)?;
        Ok(self.issued(token))
    }

    /// Issues a JWT access token signed with the platform's `key` (RS256), typed as RFC 9068 §2.1 says:
    /// header `typ: at+jwt` (with `alg` and `kid`); claims `iss` = `aud` = `issuer`, `sub` =
    /// `client_id` = the tool's client id, `scope` (space-separated), `iat`, `exp`, a random `jti`.
    /// [`JwtAccessTokens`](super::JwtAccessTokens) verifies it without a store. (Before this crate's
    /// `lti.access-token.typ` check, the header said `typ: JWT`; such tokens are still accepted.)
    ///
    /// # Errors
    /// [`TokenEndpointError::Issue`] when signing or the random generator fails.
    pub fn issue_jwt(
        &self,
        key: &SigningKey,
        issuer: &str,
    ) -> Result<IssuedToken, TokenEndpointError> {
        let issued_at = numeric_date::from_time(self.issued_at)
            .ok_or(TokenEndpointError::Issue(KeyError::Encode))?;
        let expires_at = numeric_date::from_time(self.expires_at)
            .ok_or(TokenEndpointError::Issue(KeyError::Encode))?;
        let jti = random_token().ok_or(TokenEndpointError::Issue(KeyError::Sign))?;
        let mut claims = Map::new();
        claims.insert("iss".to_owned(), issuer.into());
        claims.insert("aud".to_owned(), issuer.into());
        claims.insert("sub".to_owned(), self.client_id().into());
        claims.insert("client_id".to_owned(), self.client_id().into());
        claims.insert("scope".to_owned(), self.scopes.to_string().into());
        claims.insert("iat".to_owned(), issued_at.into());
        claims.insert("exp".to_owned(), expires_at.into());
        claims.insert("jti".to_owned(), jti.into());
        let token = key
            .sign_typed_jwt(&claims, ACCESS_TOKEN_TYP)
            .map_err(TokenEndpointError::Issue)?;
        Ok(self.issued(AccessToken::new(token)))
    }

    fn issued(&self, access_token: AccessToken) -> IssuedToken {
        IssuedToken {
            access_token,
            scopes: self.scopes.clone(),
            expires_in: self.expires_at.signed_duration_since(self.issued_at),
        }
    }
}

/// An access token issued by the token endpoint, to answer with.
#[derive(Clone, Debug)]
pub struct IssuedToken {
    access_token: AccessToken,
    scopes: ScopeSet,
    expires_in: TimeDelta,
}

impl IssuedToken {
    /// The token.
    pub fn access_token(&self) -> &AccessToken {
        &self.access_token
    }

    /// The granted scopes.
    pub fn scopes(&self) -> &ScopeSet {
        &self.scopes
    }

    /// The token's lifetime.
    pub fn expires_in(&self) -> TimeDelta {
        self.expires_in
    }

    /// The RFC 6749 §5.1 answer: 200, `Cache-Control: no-store`, `Pragma: no-cache`, JSON
    /// `{"access_token", "token_type": "Bearer", "expires_in", "scope"}`.
    pub fn to_http_response(&self) -> http::Response<Vec<u8>> {
        let body = json!({
            "access_token": self.access_token.secret(),
            "token_type": "Bearer",
            "expires_in": self.expires_in.num_seconds(),
            "scope": self.scopes.to_string(),
        });
        json_response(http::StatusCode::OK, &body)
    }
}
