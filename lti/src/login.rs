//! Tool side of the OIDC third-party-initiated login (1EdTech Security Framework §5.1.1): read the login
//! initiation, build the authentication request, and hand back the [`LoginState`] the caller keeps.

mod initiation;
mod random;
mod sealed;
mod state;

use std::borrow::Borrow;

use chrono::{DateTime, Utc};
use learnwire_report::{Code, Untrusted};
use url::Url;

pub use initiation::LoginInitiation;
pub(crate) use random::random_token;
pub use sealed::{ShortKeyError, StateSealer};
pub use state::{AuthRedirect, LoginState};

/// The old name of [`AuthRedirect`] (the tool's redirect of the browser to the platform's
/// authorization endpoint).
#[deprecated(
    note = "renamed AuthRedirect: the tool's redirect to the platform's authorization endpoint"
)]
pub type AuthenticationRequest = AuthRedirect;
pub(crate) use state::{DEFAULT_MAX_LOGIN_AGE, check_login_age};

use crate::codes;
use crate::registration::PlatformRegistration;

/// Why a login initiation was refused. No authentication request is built.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum LoginError {
    /// The query or form is longer than the limit.
    #[error("{}: login initiation is {length} bytes, more than the limit of {limit}", self.code())]
    TooLarge {
        /// Its length.
        length: usize,
        /// The limit.
        limit: usize,
    },
    /// The request is not a GET with a query or a POST with a form body.
    #[error("{}: login initiation is malformed: {reason}", self.code())]
    Malformed {
        /// What is wrong.
        reason: &'static str,
    },
    /// A parameter appears twice.
    #[error("{}: parameter {name} appears twice", self.code())]
    DuplicateParameter {
        /// The parameter.
        name: &'static str,
    },
    /// A required parameter (`iss`, `login_hint`, `target_link_uri`) is missing or empty.
    #[error("{}: required parameter {name} is missing", self.code())]
    MissingParameter {
        /// The parameter.
        name: &'static str,
    },
    /// No registration for this issuer (and client id).
    #[error("{}: no registration for issuer {issuer}", self.code())]
    UnknownIssuer {
        /// The `iss` parameter.
        issuer: Untrusted,
    },
    /// The `client_id` parameter differs from the registration's.
    #[error("{}: client_id {found} does not match the registration", self.code())]
    ClientIdMismatch {
        /// The `client_id` parameter.
        found: Untrusted,
    },
    /// `target_link_uri` is not an absolute URL on one of our registered origins (an open redirect).
    #[error("{}: target_link_uri {found} is not one of ours", self.code())]
    UntrustedTargetLinkUri {
        /// The `target_link_uri` parameter.
        found: Untrusted,
    },
    /// `lti_deployment_id` is given and not registered.
    #[error("{}: deployment {deployment_id} is not registered", self.code())]
    UnknownDeployment {
        /// The `lti_deployment_id` parameter.
        deployment_id: Untrusted,
    },
    /// The system random generator failed.
    #[error("{}: the random generator failed", self.code())]
    Random,
    /// The login state could not be sealed.
    #[error("{}: the login state could not be sealed", self.code())]
    Seal,
}

impl LoginError {
    /// A stable code ("lti.login.*").
    pub fn code(&self) -> Code {
        match self {
            Self::TooLarge { .. } => codes::LOGIN_TOO_LARGE,
            Self::Malformed { .. } => codes::LOGIN_MALFORMED,
            Self::DuplicateParameter { .. } => codes::LOGIN_DUPLICATE_PARAMETER,
            Self::MissingParameter { .. } => codes::LOGIN_MISSING_PARAMETER,
            Self::UnknownIssuer { .. } => codes::LOGIN_UNKNOWN_ISSUER,
            Self::ClientIdMismatch { .. } => codes::LOGIN_CLIENT_ID_MISMATCH,
            Self::UntrustedTargetLinkUri { .. } => codes::LOGIN_UNTRUSTED_TARGET_LINK_URI,
            Self::UnknownDeployment { .. } => codes::LOGIN_UNKNOWN_DEPLOYMENT,
            Self::Random => codes::LOGIN_RANDOM,
            Self::Seal => codes::LOGIN_SEAL,
        }
    }
}

/// Starts a login: finds the registration by `(iss, client_id)` through `lookup`, checks the initiation
/// against it, and returns the authentication request to redirect the browser to plus the state to keep
/// (in a cookie or a server session) until the launch arrives. `state` and `nonce` are 256-bit values
/// from the system CSPRNG (aws-lc-rs). The library stores nothing. The launch must follow within the
/// verifier's maximum login age, measured from `now` here (default 10 minutes,
/// [`LaunchVerifier::with_max_login_age`](crate::launch::LaunchVerifier::with_max_login_age)).
///
/// # Errors
/// A [`LoginError`] naming the failed check.
///
/// # Example
///
/// ```
/// # use std::sync::Arc;
/// # use learnwire_lti::{PlatformRegistration, keys::KeySet};
/// use learnwire_lti::login::{LoginInitiation, start_login};
/// # let registration = PlatformRegistration::new("https://platform.example.edu", "client-1",
/// #     url::Url::parse("https://platform.example.edu/auth")?, url::Url::parse("https://tool.example.com/launch")?,
/// #     Arc::new(KeySet::default()));
/// let initiation = LoginInitiation::from_query(
///     "iss=https%3A%2F%2Fplatform.example.edu&login_hint=u1&target_link_uri=https%3A%2F%2Ftool.example.com%2Flaunch&client_id=client-1",
///     &Default::default(),
/// )?;
/// let now = chrono::Utc::now();
/// // `client_id` is optional in a login initiation: a platform that omits it must not be refused.
/// let (request, state) = start_login(&initiation, |iss, client_id| {
///     (iss == registration.issuer && client_id.is_none_or(|id| id == registration.client_id))
///         .then_some(&registration)
/// }, now)?;
/// assert!(request.url().as_str().starts_with("https://platform.example.edu/auth?"));
/// assert_eq!(state.client_id(), "client-1");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn start_login<R: Borrow<PlatformRegistration>>(
    initiation: &LoginInitiation,
    lookup: impl FnOnce(&str, Option<&str>) -> Option<R>,
    now: DateTime<Utc>,
) -> Result<(AuthRedirect, LoginState), LoginError> {
    let (state, endpoint) = check_and_make_state(initiation, lookup, now)?;
    let request = AuthRedirect::build(&endpoint, &state, state.state(), initiation);
    Ok((request, state))
}

/// As [`start_login`], for cookie-less flows: the `state` parameter sent to the platform is the login
/// state sealed with `sealer` (HMAC-SHA256, with expiry), so the tool keeps nothing between the two
/// requests and verifies with [`LaunchVerifier::verify_sealed`](crate::launch::LaunchVerifier::verify_sealed).
/// Replay protection then rests on the nonce store alone.
///
/// # Errors
/// A [`LoginError`] naming the failed check.
pub fn start_login_sealed<R: Borrow<PlatformRegistration>>(
    initiation: &LoginInitiation,
    lookup: impl FnOnce(&str, Option<&str>) -> Option<R>,
    sealer: &StateSealer,
    now: DateTime<Utc>,
) -> Result<(AuthRedirect, LoginState), LoginError> {
    let (state, endpoint) = check_and_make_state(initiation, lookup, now)?;
    let sealed = sealer.seal(&state).map_err(|_| LoginError::Seal)?;
    let request = AuthRedirect::build(&endpoint, &state, &sealed, initiation);
    Ok((request, state))
}

fn check_and_make_state<R: Borrow<PlatformRegistration>>(
    initiation: &LoginInitiation,
    lookup: impl FnOnce(&str, Option<&str>) -> Option<R>,
    now: DateTime<Utc>,
) -> Result<(LoginState, Url), LoginError> {
    let found = lookup(&initiation.iss, initiation.client_id.as_deref()).ok_or_else(|| {
        LoginError::UnknownIssuer {
            issuer: Untrusted::new(&initiation.iss),
        }
    })?;
    let registration: &PlatformRegistration = found.borrow();
    if registration.issuer != initiation.iss {
        return Err(LoginError::UnknownIssuer {
            issuer: Untrusted::new(&initiation.iss),
        });
    }
    if let Some(client_id) = &initiation.client_id
        && *client_id != registration.client_id
    {
        return Err(LoginError::ClientIdMismatch {
            found: Untrusted::new(client_id),
        });
    }
    if let Some(deployment_id) = &initiation.lti_deployment_id
        && !registration.deployment_ids.contains(deployment_id)
    {
        return Err(LoginError::UnknownDeployment {
            deployment_id: Untrusted::new(deployment_id),
        });
    }
    let untrusted = || LoginError::UntrustedTargetLinkUri {
        found: Untrusted::new(&initiation.target_link_uri),
    };
    let target = Url::parse(&initiation.target_link_uri).map_err(|_| untrusted())?;
    if !registration.accepts_target_link_uri(&target) {
        return Err(untrusted());
    }
    let state = random_token().ok_or(LoginError::Random)?;
    let nonce = random_token().ok_or(LoginError::Random)?;
    let login_state = LoginState::new(
        state,
        nonce,
        registration.issuer.clone(),
        registration.client_id.clone(),
        initiation.target_link_uri.clone(),
        registration.redirect_uri.clone(),
        now,
    );
    Ok((login_state, registration.authorization_endpoint.clone()))
}
