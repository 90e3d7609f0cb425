//! What a login produces: the authentication request and the state the caller keeps.

use std::fmt;

use chrono::{DateTime, TimeDelta, Utc};
use serde::{Deserialize, Serialize};
use url::Url;

use super::LoginInitiation;
use crate::error::LaunchError;

/// The default maximum age of a login state: 10 minutes between the login initiation and the launch.
pub(crate) const DEFAULT_MAX_LOGIN_AGE: TimeDelta = TimeDelta::minutes(10);

/// What the tool keeps between the login initiation and the launch (in a cookie, a session, or sealed
/// into the `state` parameter with [`StateSealer`](super::StateSealer)). `Debug` hides `state` and `nonce`.
///
/// A launch accepts it only while it is young: at most the verifier's maximum login age after
/// [`created_at`](Self::created_at) (default 10 minutes, exactly that age accepted; `lti.state.expired`
/// beyond), and not created later than `now` plus the clock leeway (`lti.state.future`). Both ways of
/// keeping it, [`LaunchVerifier::verify`](crate::launch::LaunchVerifier::verify) and
/// [`LaunchVerifier::verify_sealed`](crate::launch::LaunchVerifier::verify_sealed), apply the same limit,
/// [`LaunchVerifier::with_max_login_age`](crate::launch::LaunchVerifier::with_max_login_age).
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LoginState {
    state: String,
    nonce: String,
    issuer: String,
    client_id: String,
    target_link_uri: String,
    redirect_uri: Url,
    created_at: DateTime<Utc>,
}

impl fmt::Debug for LoginState {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("LoginState")
            .field("issuer", &self.issuer)
            .field("client_id", &self.client_id)
            .field("target_link_uri", &self.target_link_uri)
            .field("created_at", &self.created_at)
            .finish_non_exhaustive()
    }
}

impl LoginState {
    /// A login state. [`start_login`](super::start_login) makes these with fresh random `state` and
    /// `nonce`; this constructor serves stores and tests.
    pub fn new(
        state: String,
        nonce: String,
        issuer: String,
        client_id: String,
        target_link_uri: String,
        redirect_uri: Url,
        created_at: DateTime<Utc>,
    ) -> Self {
        Self {
            state,
            nonce,
            issuer,
            client_id,
            target_link_uri,
            redirect_uri,
            created_at,
        }
    }

    /// The `state` value sent to the platform (the CSRF token; keep it secret).
    pub fn state(&self) -> &str {
        &self.state
    }

    /// The `nonce` sent to the platform, which the `id_token` must carry.
    pub fn nonce(&self) -> &str {
        &self.nonce
    }

    /// The platform's issuer.
    pub fn issuer(&self) -> &str {
        &self.issuer
    }

    /// Our client id.
    pub fn client_id(&self) -> &str {
        &self.client_id
    }

    /// The `target_link_uri` of the login initiation.
    pub fn target_link_uri(&self) -> &str {
        &self.target_link_uri
    }

    /// Our launch URL sent as `redirect_uri`.
    pub fn redirect_uri(&self) -> &Url {
        &self.redirect_uri
    }

    /// When the login started.
    pub fn created_at(&self) -> DateTime<Utc> {
        self.created_at
    }
}

/// Refuses a login state older than `max_age` at `now` (exactly `max_age` is accepted) or created later
/// than `now + leeway`. Differences of two times are exact (no sum that could overflow), so no value of
/// `created_at`, `now`, `max_age` or `leeway` wraps or saturates.
pub(crate) fn check_login_age(
    state: &LoginState,
    now: DateTime<Utc>,
    max_age: TimeDelta,
    leeway: TimeDelta,
) -> Result<(), LaunchError> {
    let created_at = state.created_at();
    if created_at.signed_duration_since(now) > leeway {
        return Err(LaunchError::LoginStateFromFuture { created_at, now });
    }
    if now.signed_duration_since(created_at) > max_age {
        return Err(LaunchError::LoginStateExpired {
            created_at,
            now,
            max_age,
        });
    }
    Ok(())
}

/// Tool side: the OIDC authentication request the tool sends the browser to (1EdTech Security Framework
/// §5.1.1.2), as a redirect: the platform's authorization endpoint with `scope=openid`,
/// `response_type=id_token`, `response_mode=form_post`, `prompt=none`, `client_id`, `redirect_uri`,
/// `login_hint`, `lti_message_hint`, `state` and `nonce`. (It was called `AuthenticationRequest`; the
/// platform reads the same request as a [`ToolAuthRequest`](crate::platform::ToolAuthRequest).)
#[derive(Clone, PartialEq, Eq)]
pub struct AuthRedirect {
    url: Url,
}

impl fmt::Debug for AuthRedirect {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("AuthRedirect").finish_non_exhaustive()
    }
}

impl AuthRedirect {
    pub(super) fn build(
        endpoint: &Url,
        state: &LoginState,
        state_param: &str,
        initiation: &LoginInitiation,
    ) -> Self {
        let mut url = endpoint.clone();
        {
            let mut query = url.query_pairs_mut();
            query
                .append_pair("scope", "openid")
                .append_pair("response_type", "id_token")
                .append_pair("response_mode", "form_post")
                .append_pair("prompt", "none")
                .append_pair("client_id", &state.client_id)
                .append_pair("redirect_uri", state.redirect_uri.as_str())
                .append_pair("login_hint", &initiation.login_hint)
                .append_pair("state", state_param)
                .append_pair("nonce", &state.nonce);
            if let Some(hint) = &initiation.lti_message_hint {
                query.append_pair("lti_message_hint", hint);
            }
        }
        Self { url }
    }

    /// The URL to redirect the browser to.
    pub fn url(&self) -> &Url {
        &self.url
    }

    /// The URL, owned.
    pub fn into_url(self) -> Url {
        self.url
    }

    /// A `302 Found` response redirecting there, with `Cache-Control: no-store`.
    pub fn to_http_response(&self) -> http::Response<Vec<u8>> {
        let mut response = http::Response::new(Vec::new());
        *response.status_mut() = http::StatusCode::FOUND;
        if let Ok(location) = http::HeaderValue::from_str(self.url.as_str()) {
            response
                .headers_mut()
                .insert(http::header::LOCATION, location);
        }
        response.headers_mut().insert(
            http::header::CACHE_CONTROL,
            http::HeaderValue::from_static("no-store"),
        );
        response
    }
}
