//! Tool side: the client-credentials token request (RFC 6749 §4.4 with an RFC 7523 JWT bearer client
//! assertion, 1EdTech Security Framework §4.1) and its response (RFC 6749 §5.1, §5.2).

use chrono::{DateTime, TimeDelta, Utc};
use learnwire_jose::{JsonError, read_json};
use learnwire_report::{Code, Untrusted};
use serde_json::{Map, Value, json};
use url::Url;

use super::{AccessToken, InvalidScope, ScopeSet};
use crate::codes;
use crate::keys::{KeyError, SigningKey};
use crate::limits::Limits;
use crate::platform::{CLIENT_ASSERTION_TYPE, MAX_LIFETIME, sign_assertion};

/// The longest `expires_in` read (10 years): a larger value is refused rather than overflowing.
const MAX_EXPIRES_IN_SECONDS: u64 = 315_360_000;

/// Why a token request could not be built.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum TokenRequestError {
    /// Signing the client assertion failed (or the random generator for its `jti`).
    #[error(transparent)]
    Sign(#[from] KeyError),
    /// The HTTP request could not be assembled from the token endpoint URL.
    #[error("{}: the token request could not be built", self.code())]
    Build(#[source] http::Error),
}

impl TokenRequestError {
    /// The stable code: the signing key's (`lti.signing-key.*`), or `lti.token-request.build`.
    pub fn code(&self) -> Code {
        match self {
            Self::Sign(error) => error.code(),
            Self::Build(_) => codes::TOKEN_REQUEST_BUILD,
        }
    }
}

/// Why a token response was not read as an access token.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum TokenResponseError {
    /// The body is longer than [`Limits::max_oauth_body_bytes`]; decided on its length.
    #[error("{}: the token response is {length} bytes, more than the limit of {limit}", self.code())]
    TooLarge {
        /// The body's length.
        length: usize,
        /// The limit.
        limit: usize,
    },
    /// The platform refused the request with an RFC 6749 §5.2 error (`invalid_client`, `invalid_scope`…).
    #[error("{}: the platform refused the token request with HTTP {status}: {error}{}", self.code(),
        description.as_ref().map(|text| format!(" ({text})")).unwrap_or_default())]
    Refused {
        /// The HTTP status.
        status: u16,
        /// The `error` code as sent.
        error: Untrusted,
        /// The `error_description`, when sent.
        description: Option<Untrusted>,
    },
    /// Any other status than 200, or an error status without an RFC 6749 §5.2 body.
    #[error("{}: the token endpoint answered HTTP {status}", self.code())]
    Status {
        /// The HTTP status.
        status: u16,
        /// The start of the body, as received.
        body: Untrusted,
    },
    /// A 200 body that is not a strict JSON object (syntax, duplicate members, depth).
    #[error("{}: the token response is not a JSON object", self.code())]
    Json(#[source] Option<JsonError>),
    /// `access_token` is missing, empty, not a string, or not usable in a header (RFC 6750 §2.1).
    #[error("{}: the token response has no usable access_token", self.code())]
    AccessToken,
    /// `token_type` is missing or not `Bearer` (any letter case).
    #[error("{}: token type {found} is not Bearer", self.code())]
    TokenType {
        /// The `token_type` (empty when missing).
        found: Untrusted,
    },
    /// `expires_in` is missing (and no default is configured with
    /// [`TokenRequest::assume_expires_in`]), or not an integer from 0 to 10 years in seconds.
    #[error("{}: expires_in is {reason}", self.code())]
    ExpiresIn {
        /// What is wrong.
        reason: &'static str,
    },
    /// `scope` is not an RFC 6749 §3.3 scope list.
    #[error("{}: the granted scope is not a scope list", self.code())]
    Scope(#[source] InvalidScope),
}

impl TokenResponseError {
    /// The stable code (`lti.token-response.*`).
    pub fn code(&self) -> Code {
        match self {
            Self::TooLarge { .. } => codes::TOKEN_RESPONSE_TOO_LARGE,
            Self::Refused { .. } => codes::TOKEN_RESPONSE_REFUSED,
            Self::Status { .. } => codes::TOKEN_RESPONSE_STATUS,
            Self::Json(_) => codes::TOKEN_RESPONSE_JSON,
            Self::AccessToken => codes::TOKEN_RESPONSE_ACCESS_TOKEN,
            Self::TokenType { .. } => codes::TOKEN_RESPONSE_TOKEN_TYPE,
            Self::ExpiresIn { .. } => codes::TOKEN_RESPONSE_EXPIRES_IN,
            Self::Scope(_) => codes::TOKEN_RESPONSE_SCOPE,
        }
    }
}

/// A tool's client-credentials token request: builds the `http::Request` for the platform's token
/// endpoint (a fresh signed assertion each time) and reads the response. Sans-IO: send it with any HTTP
/// client.
///
/// The assertion has `iss` = `sub` = the client id, `aud` = the token endpoint URL as configured (one
/// string, which every platform accepts) or [`with_audience`](Self::with_audience), a random `jti`
/// (256 bits of the system CSPRNG), `iat` = `now` and `exp` = `now` + 5 minutes
/// ([`with_assertion_lifetime`](Self::with_assertion_lifetime)).
///
/// # Example
///
/// ```
/// use learnwire_lti::keys::SigningKey;
/// use learnwire_lti::service_token::{ScopeSet, TokenRequest};
/// use learnwire_lti::{Url, Utc};
/// let scopes = ScopeSet::parse("https://purl.imsglobal.org/spec/lti-ags/scope/score")?;
/// let token_url = Url::parse("https://lms.example.edu/oauth2/token")?;
/// let request = TokenRequest::new(token_url, "client-1", scopes);
/// let http_request = request.to_http_request(&SigningKey::generate(None)?, Utc::now())?;
/// assert_eq!(http_request.method(), "POST");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug)]
pub struct TokenRequest {
    token_endpoint: Url,
    client_id: String,
    audience: Option<String>,
    scopes: ScopeSet,
    assertion_lifetime: TimeDelta,
    missing_expires_in: Option<TimeDelta>,
    limits: Limits,
}

impl TokenRequest {
    /// A request for `scopes` from the token endpoint, as the tool `client_id`.
    pub fn new(token_endpoint: Url, client_id: impl Into<String>, scopes: ScopeSet) -> Self {
        Self {
            token_endpoint,
            client_id: client_id.into(),
            audience: None,
            scopes,
            assertion_lifetime: MAX_LIFETIME,
            missing_expires_in: None,
            limits: Limits::default(),
        }
    }

    /// A request to a platform read through Dynamic Registration: its token endpoint, and as `aud` its
    /// `authorization_server` when it names one, else the token endpoint exactly as the platform wrote it.
    pub fn for_platform(
        platform: &crate::dynamic_registration::PlatformConfiguration,
        client_id: impl Into<String>,
        scopes: ScopeSet,
    ) -> Self {
        let request = Self::new(platform.token_endpoint.clone(), client_id, scopes);
        if platform.token_audience() == request.token_endpoint.as_str() {
            request
        } else {
            request.with_audience(platform.token_audience())
        }
    }

    /// Sets the assertion's `aud` to `audience` instead of the token endpoint URL (some platforms,
    /// Brightspace among them, name another audience).
    #[must_use]
    pub fn with_audience(mut self, audience: impl Into<String>) -> Self {
        self.audience = Some(audience.into());
        self
    }

    /// Sets the assertion's lifetime (`exp - iat`; default and maximum 5 minutes, minimum 1 second).
    #[must_use]
    pub fn with_assertion_lifetime(mut self, lifetime: TimeDelta) -> Self {
        self.assertion_lifetime = lifetime.clamp(TimeDelta::seconds(1), MAX_LIFETIME);
        self
    }

    /// Reads a response without `expires_in` as a token living `lifetime`. Without this (the default) such
    /// a response is refused with `lti.token-response.expires-in`: RFC 6749 §5.1 only recommends the
    /// member, and a token of unknown lifetime cannot be cached safely.
    #[must_use]
    pub fn assume_expires_in(mut self, lifetime: TimeDelta) -> Self {
        self.missing_expires_in = Some(lifetime.max(TimeDelta::zero()));
        self
    }

    /// Sets the limits (the response body size, [`Limits::max_oauth_body_bytes`], and JSON depth).
    #[must_use]
    pub fn with_limits(mut self, limits: Limits) -> Self {
        self.limits = limits;
        self
    }

    /// The token endpoint.
    pub fn token_endpoint(&self) -> &Url {
        &self.token_endpoint
    }

    /// The tool's client id.
    pub fn client_id(&self) -> &str {
        &self.client_id
    }

    /// The assertion's `aud`: the configured audience, else the token endpoint URL.
    pub fn audience(&self) -> &str {
        self.audience
            .as_deref()
            .unwrap_or(self.token_endpoint.as_str())
    }

    /// The requested scopes.
    pub fn scopes(&self) -> &ScopeSet {
        &self.scopes
    }

    /// Signs a fresh client assertion for this request.
    ///
    /// # Errors
    /// [`TokenRequestError::Sign`] when signing or the random generator fails.
    pub fn assertion(
        &self,
        key: &SigningKey,
        now: DateTime<Utc>,
    ) -> Result<String, TokenRequestError> {
        Ok(sign_assertion(
            key,
            &self.client_id,
            self.audience(),
            self.assertion_lifetime,
            now,
        )?)
    }

    /// The `POST` to the token endpoint: `application/x-www-form-urlencoded` with `grant_type`
    /// `client_credentials`, `client_assertion_type`
    /// `urn:ietf:params:oauth:client-assertion-type:jwt-bearer`, a fresh `client_assertion` and
    /// `scope` (space-separated; omitted when no scope is requested); `Accept: application/json`.
    ///
    /// # Errors
    /// [`TokenRequestError`] when signing fails or the request cannot be assembled.
    pub fn to_http_request(
        &self,
        key: &SigningKey,
        now: DateTime<Utc>,
    ) -> Result<http::Request<Vec<u8>>, TokenRequestError> {
        let assertion = self.assertion(key, now)?;
        let mut form = url::form_urlencoded::Serializer::new(String::new());
        form.append_pair("grant_type", "client_credentials")
            .append_pair("client_assertion_type", CLIENT_ASSERTION_TYPE)
            .append_pair("client_assertion", &assertion);
        if !self.scopes.is_empty() {
            form.append_pair("scope", &self.scopes.to_string());
        }
        http::Request::post(self.token_endpoint.as_str())
            .header(
                http::header::CONTENT_TYPE,
                "application/x-www-form-urlencoded",
            )
            .header(http::header::ACCEPT, "application/json")
            .body(form.finish().into_bytes())
            .map_err(TokenRequestError::Build)
    }

    /// Reads the token endpoint's answer: a 200 JSON object with `access_token`, `token_type` `Bearer`
    /// (any case), `expires_in` (seconds, required unless [`assume_expires_in`](Self::assume_expires_in))
    /// and optionally `scope` (the granted scopes; when absent, the requested ones, RFC 6749 §5.1). An
    /// RFC 6749 §5.2 error object is [`TokenResponseError::Refused`] with its `error` and
    /// `error_description`. The media type is not checked; the body must be strict JSON.
    ///
    /// # Errors
    /// A [`TokenResponseError`] naming the problem.
    pub fn parse_http_response<B: AsRef<[u8]>>(
        &self,
        response: &http::Response<B>,
        now: DateTime<Utc>,
    ) -> Result<TokenResponse, TokenResponseError> {
        let body = response.body().as_ref();
        let limit = self.limits.max_oauth_body_bytes();
        if body.len() > limit {
            return Err(TokenResponseError::TooLarge {
                length: body.len(),
                limit,
            });
        }
        let status = response.status();
        let read = read_json(body, &self.limits.oauth_json());
        if status != http::StatusCode::OK {
            return Err(refusal(status.as_u16(), read.ok(), body));
        }
        let object = match read {
            Ok(Value::Object(object)) => object,
            Ok(_) => return Err(TokenResponseError::Json(None)),
            Err(error) => return Err(TokenResponseError::Json(Some(error))),
        };
        self.read_token(&object, now)
    }

    fn read_token(
        &self,
        object: &Map<String, Value>,
        now: DateTime<Utc>,
    ) -> Result<TokenResponse, TokenResponseError> {
        let access_token = match object.get("access_token") {
            Some(Value::String(token)) if is_b64token(token) => AccessToken::new(token.clone()),
            _ => return Err(TokenResponseError::AccessToken),
        };
        let token_type = match object.get("token_type") {
            Some(Value::String(kind)) if kind.eq_ignore_ascii_case("bearer") => kind.clone(),
            Some(Value::String(kind)) => {
                return Err(TokenResponseError::TokenType {
                    found: Untrusted::new(kind),
                });
            }
            _ => {
                return Err(TokenResponseError::TokenType {
                    found: Untrusted::new(""),
                });
            }
        };
        let expires_in = match object.get("expires_in") {
            None | Some(Value::Null) => {
                self.missing_expires_in
                    .ok_or(TokenResponseError::ExpiresIn {
                        reason: "missing (RFC 6749 §5.1 recommends it; see TokenRequest::assume_expires_in)",
                    })?
            }
            Some(Value::Number(number)) => {
                let seconds = number
                    .as_u64()
                    .filter(|seconds| *seconds <= MAX_EXPIRES_IN_SECONDS)
                    .and_then(|seconds| i64::try_from(seconds).ok())
                    .ok_or(TokenResponseError::ExpiresIn {
                        reason: "not an integer number of seconds from 0 to 10 years",
                    })?;
                TimeDelta::seconds(seconds)
            }
            Some(_) => {
                return Err(TokenResponseError::ExpiresIn {
                    reason: "not a number",
                });
            }
        };
        let expires_at =
            now.checked_add_signed(expires_in)
                .ok_or(TokenResponseError::ExpiresIn {
                    reason: "beyond the representable time",
                })?;
        let scopes = match object.get("scope") {
            None | Some(Value::Null) => self.scopes.clone(),
            Some(Value::String(scope)) => {
                ScopeSet::parse(scope).map_err(TokenResponseError::Scope)?
            }
            Some(other) => {
                return Err(TokenResponseError::Scope(InvalidScope {
                    found: Untrusted::new(&other.to_string()),
                }));
            }
        };
        Ok(TokenResponse {
            access_token,
            token_type,
            expires_in,
            expires_at,
            scopes,
        })
    }
}

/// The error of a non-200 answer: RFC 6749 §5.2 when the body says so, else the status and the body.
fn refusal(status: u16, read: Option<Value>, body: &[u8]) -> TokenResponseError {
    if let Some(Value::Object(object)) = read
        && let Some(Value::String(error)) = object.get("error")
    {
        return TokenResponseError::Refused {
            status,
            error: Untrusted::new(error),
            description: object
                .get("error_description")
                .and_then(Value::as_str)
                .map(Untrusted::new),
        };
    }
    TokenResponseError::Status {
        status,
        body: Untrusted::new(&String::from_utf8_lossy(body.get(..256).unwrap_or(body))),
    }
}

/// RFC 6750 §2.1 b64token: `1*( ALPHA / DIGIT / "-" / "." / "_" / "~" / "+" / "/" ) *"="`.
pub(crate) fn is_b64token(token: &str) -> bool {
    let body = token.trim_end_matches('=');
    !body.is_empty()
        && body
            .bytes()
            .all(|byte| byte.is_ascii_alphanumeric() || b"-._~+/".contains(&byte))
}

/// An access token a platform granted (RFC 6749 §5.1), with the instant it expires.
///
/// # Example
///
/// ```
/// # use learnwire_lti::service_token::{ScopeSet, TokenRequest};
/// # use learnwire_lti::{Url, Utc, http};
/// # let request = TokenRequest::new(Url::parse("https://lms.example.edu/token")?, "client-1", ScopeSet::new());
/// let response = http::Response::new(br#"{"access_token":"t-1","token_type":"Bearer","expires_in":3600}"#.to_vec());
/// let token = request.parse_http_response(&response, Utc::now())?;
/// assert_eq!(token.access_token().secret(), "t-1");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug)]
pub struct TokenResponse {
    access_token: AccessToken,
    token_type: String,
    expires_in: TimeDelta,
    expires_at: DateTime<Utc>,
    scopes: ScopeSet,
}

impl TokenResponse {
    /// The access token.
    pub fn access_token(&self) -> &AccessToken {
        &self.access_token
    }

    /// `token_type` as sent (`Bearer` in some letter case).
    pub fn token_type(&self) -> &str {
        &self.token_type
    }

    /// `expires_in` (or the assumed lifetime when the platform sent none).
    pub fn expires_in(&self) -> TimeDelta {
        self.expires_in
    }

    /// `now` + `expires_in`, with the `now` given when the response was read.
    pub fn expires_at(&self) -> DateTime<Utc> {
        self.expires_at
    }

    /// The granted scopes (`scope`, or the requested scopes when the platform did not echo them).
    pub fn scopes(&self) -> &ScopeSet {
        &self.scopes
    }

    /// The token as the CLI prints it: `{"access_token","token_type","expires_in","scope"}`.
    pub fn to_json(&self) -> Value {
        json!({
            "access_token": self.access_token.secret(),
            "token_type": self.token_type,
            "expires_in": self.expires_in.num_seconds(),
            "scope": self.scopes.to_string(),
        })
    }
}
