//! Service access tokens, both sides (1EdTech Security Framework §4.1; RFC 6749 §4.4 client credentials
//! with an RFC 7523 JWT bearer client assertion; RFC 6750 bearer tokens). Sans-IO: requests and
//! responses are `http` values, `now` is a parameter, storage is the caller's.
//!
//! | Side | Step | Entry point |
//! |---|---|---|
//! | tool | build the token request (signed assertion, scopes) | [`TokenRequest::to_http_request`] |
//! | tool | read the token response (or the RFC 6749 §5.2 error) | [`TokenRequest::parse_http_response`] → [`TokenResponse`] |
//! | tool | reuse tokens per endpoint, client and scope set until expiry minus a margin | [`TokenCache`] |
//! | platform | read the token request | [`ClientTokenRequest::from_http_request`] |
//! | platform | verify the assertion, grant registered scopes | [`TokenEndpoint::grant`] → [`Grant`] |
//! | platform | issue an opaque or JWT token and answer | [`Grant::issue_opaque`], [`Grant::issue_jwt`] → [`IssuedToken::to_http_response`]; [`TokenEndpointError::to_http_response`] |
//! | platform | all of the above in one call | [`TokenEndpoint::handle`] |
//! | platform | guard a service endpoint by scope | [`AccessTokenVerifier::check`] → [`AuthorizedClient`] |
//!
//! The assertion's `jti` is recorded once through the crate's replay store: [`JtiStore`] is
//! [`NonceStore`](crate::NonceStore) under the name the token endpoint uses, and [`InMemoryJtiStore`] is
//! [`InMemoryNonceStore`](crate::InMemoryNonceStore); keys are namespaced (`jti:<client_id>:<jti>`), so one
//! store can serve nonces and `jti`s.
//!
//! A token response without `expires_in` is refused (`lti.token-response.expires-in`) unless the tool
//! chose a lifetime with [`TokenRequest::assume_expires_in`]: a token of unknown lifetime cannot be
//! cached safely.
//!
//! # Example
//!
//! A tool gets a token from a platform; both sides are this crate.
//!
//! ```
//! # use std::sync::Arc;
//! # use learnwire_lti::keys::{KeySet, KeySetOptions, SigningKey};
//! # use learnwire_lti::platform::ToolRegistration;
//! # use learnwire_lti::service_token::*;
//! # use learnwire_lti::{InMemoryNonceStore, Url, Utc};
//! # let tool_key = SigningKey::generate(None)?;
//! # let jwks = serde_json::json!({ "keys": [tool_key.public_jwk()] }).to_string();
//! # let mut tool = ToolRegistration::new("client-1", vec![], Arc::new(KeySet::from_jwks(jwks.as_bytes(), &KeySetOptions::default())?));
//! # tool.scopes = ScopeSet::parse(Scope::AGS_SCORE)?;
//! # let (now, jtis, tokens) = (Utc::now(), InMemoryNonceStore::default(), InMemoryAccessTokenStore::default());
//! let request = TokenRequest::new(Url::parse("https://lms.example.edu/token")?, "client-1", ScopeSet::parse(Scope::AGS_SCORE)?);
//! let sent = request.to_http_request(&tool_key, now)?;
//! let answer = TokenEndpoint::new("https://lms.example.edu/token")
//!     .handle(&tool, &sent, &jtis, now, |grant| grant.issue_opaque(&tokens))?
//!     .to_http_response();
//! let token = request.parse_http_response(&answer, now)?;
//! assert!(token.scopes().contains(Scope::AGS_SCORE));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod access_token;
mod cache;
mod check;
mod endpoint;
mod request;
mod scope;

pub use access_token::{
    AccessToken, AccessTokenRecord, AccessTokenStore, AccessTokenStoreError,
    InMemoryAccessTokenStore, TokenDigest,
};
pub use cache::TokenCache;
pub use check::{
    AccessTokenError, AccessTokenResolver, AccessTokenVerifier, AuthorizedClient, JwtAccessTokens,
};
pub use endpoint::{ClientTokenRequest, Grant, IssuedToken, TokenEndpoint, TokenEndpointError};
pub use request::{TokenRequest, TokenRequestError, TokenResponse, TokenResponseError};
pub use scope::{InvalidScope, Scope, ScopeSet};

/// The replay store of client assertion `jti`s: the crate's [`NonceStore`](crate::NonceStore) (each value
/// accepted once until it expires), under the name the token endpoint uses.
pub use crate::nonce::NonceStore as JtiStore;

/// The in-memory [`JtiStore`]: [`InMemoryNonceStore`](crate::InMemoryNonceStore).
pub type InMemoryJtiStore = crate::nonce::InMemoryNonceStore;
