//! The fetch URL (cmi5 §8.2, rule C5L-05), sans-IO: the AU POSTs to the one-time URL of its launch and
//! gets `{"auth-token": "…"}` once; every later call gets `{"error-code": "1", "error-text": …}`.
//!
//! Status `200` and `Content-Type: application/json` for every valid request, errors included
//! ([8.2.2.0-3]); a method other than POST is not a valid request and gets `405` with `Allow: POST`
//! (cmi5 §8.2.1: "an HTTP GET is not allowed").
//!
//! ```
//! use learnwire_cmi5::fetch::{FetchRequest, InMemoryTokenStore};
//!
//! let mut store = InMemoryTokenStore::new();
//! store.issue("k-2390289x0", "QWxhZGRpbjpvcGVuIHNlc2FtZQ==");
//! let post = http::Request::post("/fetch/k-2390289x0").body(Vec::<u8>::new())?;
//! let first = FetchRequest::from_http_request(&post, "k-2390289x0")?.answer(&mut store);
//! assert_eq!(first.to_http_response().body().as_slice(), br#"{"auth-token":"QWxhZGRpbjpvcGVuIHNlc2FtZQ=="}"#);
//! let second = FetchRequest::from_http_request(&post, "k-2390289x0")?.answer(&mut store);
//! assert_eq!(second.to_http_response().status(), 200);
//! assert_eq!(second.rejection().map(|code| code.as_str()), Some("cmi5.fetch.already-used"));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::collections::BTreeMap;
use std::fmt;

use learnwire_report::{Code, Untrusted};

/// What a [`TokenStore`] answers when asked for the token of a fetch key.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum TokenTake {
    /// The first request: here is the token (the store has marked it handed out).
    Token(String),
    /// The token was already handed out, or the session expired.
    AlreadyUsed,
    /// The store knows no such key.
    Unknown,
}

/// The store failed (a database error…): answered with error-code 3.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TokenStoreError(String);

impl TokenStoreError {
    /// A store failure with its reason (kept for logs, never sent to the AU).
    #[must_use]
    pub fn new(reason: impl Into<String>) -> Self {
        Self(reason.into())
    }

    /// The reason.
    #[must_use]
    pub fn reason(&self) -> &str {
        &self.0
    }

    /// The code the fetch URL answers a store failure with (`cmi5.fetch.application`, error-code 3).
    #[must_use]
    pub fn code(&self) -> Code {
        Code::new("cmi5.fetch.application")
    }
}

impl fmt::Display for TokenStoreError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: the token store failed: {}", self.code(), self.0)
    }
}

impl std::error::Error for TokenStoreError {}

/// Where the LMS keeps the auth tokens of its launches. `take` must be atomic: of two concurrent
/// requests for one key, exactly one gets the token ([8.2.3.0-1]).
pub trait TokenStore {
    /// Hands out the token of `key` once.
    ///
    /// # Errors
    /// [`TokenStoreError`] when the store cannot answer.
    fn take(&mut self, key: &str) -> Result<TokenTake, TokenStoreError>;
}

/// A [`TokenStore`] in memory (tests, single-process LMSs).
#[derive(Debug, Clone, Default)]
pub struct InMemoryTokenStore {
    tokens: BTreeMap<String, (String, bool)>,
}

impl InMemoryTokenStore {
    /// An empty store.
    #[must_use]
    pub fn new() -> Self {
        Self::default()
    }

    /// Registers the token of a launch under its fetch key (replacing any earlier one).
    pub fn issue(&mut self, key: impl Into<String>, token: impl Into<String>) {
        self.tokens.insert(key.into(), (token.into(), false));
    }

    /// Ends the session of `key`: later fetches get error-code 1.
    pub fn expire(&mut self, key: &str) {
        if let Some(entry) = self.tokens.get_mut(key) {
            entry.1 = true;
        }
    }
}

impl TokenStore for InMemoryTokenStore {
    fn take(&mut self, key: &str) -> Result<TokenTake, TokenStoreError> {
        Ok(match self.tokens.get_mut(key) {
            Some((_, true)) => TokenTake::AlreadyUsed,
            Some((token, used)) => {
                *used = true;
                TokenTake::Token(token.clone())
            }
            None => TokenTake::Unknown,
        })
    }
}

/// Why the fetch URL gave no token.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum FetchError {
    /// Not a POST.
    Method {
        /// The method used.
        method: Untrusted,
    },
    /// Error-code 1: already used or expired.
    AlreadyUsed,
    /// Error-code 2: a key the LMS never issued.
    Security,
    /// Error-code 3: the store failed.
    Application {
        /// What the store said.
        reason: String,
    },
}

impl FetchError {
    /// The stable code (`cmi5.fetch.*`).
    #[must_use]
    pub fn code(&self) -> Code {
        Code::new(match self {
            FetchError::Method { .. } => "cmi5.fetch.method",
            FetchError::AlreadyUsed => "cmi5.fetch.already-used",
            FetchError::Security => "cmi5.fetch.security",
            FetchError::Application { .. } => "cmi5.fetch.application",
        })
    }

    /// The cmi5 `error-code` (§8.2.3.2); `None` for a method other than POST.
    #[must_use]
    pub fn error_code(&self) -> Option<&'static str> {
        match self {
            FetchError::Method { .. } => None,
            FetchError::AlreadyUsed => Some("1"),
            FetchError::Security => Some("2"),
            FetchError::Application { .. } => Some("3"),
        }
    }

    /// The `error-text` sent to the AU (never the store's internal reason).
    #[must_use]
    pub fn error_text(&self) -> &'static str {
        match self {
            FetchError::Method { .. } => "The fetch URL accepts POST only.",
            FetchError::AlreadyUsed => {
                "The authorization token has already been returned or the session has expired."
            }
            FetchError::Security => "The fetch URL is not valid.",
            FetchError::Application { .. } => "The authorization token could not be retrieved.",
        }
    }

    /// The answer: `200` with `{"error-code", "error-text"}`, or `405` with `Allow: POST`.
    #[must_use]
    pub fn to_http_response(&self) -> http::Response<Vec<u8>> {
        let mut body = serde_json::Map::new();
        if let Some(code) = self.error_code() {
            body.insert("error-code".to_owned(), code.into());
        }
        body.insert("error-text".to_owned(), self.error_text().into());
        let bytes = serde_json::to_vec(&body).unwrap_or_default();
        let mut response = json_response(bytes);
        if matches!(self, FetchError::Method { .. }) {
            *response.status_mut() = http::StatusCode::METHOD_NOT_ALLOWED;
            response
                .headers_mut()
                .insert(http::header::ALLOW, http::HeaderValue::from_static("POST"));
        }
        response
    }
}

impl fmt::Display for FetchError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: ", self.code())?;
        match self {
            FetchError::Method { method } => {
                write!(
                    f,
                    "the fetch URL was called with {method}; only POST is allowed"
                )
            }
            FetchError::AlreadyUsed => {
                f.write_str("the fetch URL was already used or its session expired (error-code 1)")
            }
            FetchError::Security => {
                f.write_str("no token was issued for this fetch URL (error-code 2)")
            }
            FetchError::Application { reason } => {
                write!(f, "the token store failed (error-code 3): {reason}")
            }
        }
    }
}

impl std::error::Error for FetchError {}

/// A POST to a fetch URL whose key the caller's router extracted (from the path or the query).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FetchRequest {
    key: String,
}

impl FetchRequest {
    /// Accepts a POST (any body; the spec defines none).
    ///
    /// # Errors
    /// [`FetchError::Method`] for any other method; answer it with [`FetchError::to_http_response`].
    pub fn from_http_request<B>(
        request: &http::Request<B>,
        key: impl Into<String>,
    ) -> Result<Self, FetchError> {
        if request.method() != http::Method::POST {
            return Err(FetchError::Method {
                method: Untrusted::new(request.method().as_str()),
            });
        }
        Ok(Self { key: key.into() })
    }

    /// The fetch key.
    #[must_use]
    pub fn key(&self) -> &str {
        &self.key
    }

    /// Takes the token from the store, once.
    pub fn answer(&self, store: &mut dyn TokenStore) -> FetchAnswer {
        FetchAnswer(match store.take(&self.key) {
            Ok(TokenTake::Token(token)) => Ok(token),
            Ok(TokenTake::AlreadyUsed) => Err(FetchError::AlreadyUsed),
            Ok(TokenTake::Unknown) => Err(FetchError::Security),
            Err(error) => Err(FetchError::Application { reason: error.0 }),
        })
    }
}

/// The fetch URL's answer: the token or a cmi5 error.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FetchAnswer(Result<String, FetchError>);

impl FetchAnswer {
    /// The token, when this was the first request.
    #[must_use]
    pub fn token(&self) -> Option<&str> {
        self.0.as_ref().ok().map(String::as_str)
    }

    /// The error, when there was one.
    #[must_use]
    pub fn error(&self) -> Option<&FetchError> {
        self.0.as_ref().err()
    }

    /// The error's code, when there was one (`None` when the token was handed out).
    #[must_use]
    pub fn rejection(&self) -> Option<Code> {
        self.error().map(FetchError::code)
    }

    /// `200`, `application/json`, `{"auth-token": …}` or the error object.
    #[must_use]
    pub fn to_http_response(&self) -> http::Response<Vec<u8>> {
        match &self.0 {
            Ok(token) => {
                let mut body = serde_json::Map::new();
                body.insert("auth-token".to_owned(), token.as_str().into());
                json_response(serde_json::to_vec(&body).unwrap_or_default())
            }
            Err(error) => error.to_http_response(),
        }
    }
}

fn json_response(body: Vec<u8>) -> http::Response<Vec<u8>> {
    let mut response = http::Response::new(body);
    response.headers_mut().insert(
        http::header::CONTENT_TYPE,
        http::HeaderValue::from_static("application/json"),
    );
    response.headers_mut().insert(
        http::header::CACHE_CONTROL,
        http::HeaderValue::from_static("no-store"),
    );
    response
}
