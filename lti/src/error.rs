//! Why a launch was rejected: [`LaunchError`]. The checks every signed message shares are in
//! [`TokenError`], the LTI message rules in [`MessageError`]; both nest here.

use chrono::{DateTime, TimeDelta, Utc};
use learnwire_report::{Code, Untrusted};

use crate::codes;
use crate::message::MessageError;
use crate::token::TokenError;

/// Why a launch was rejected: one variant per check of the 1EdTech Security Framework §5.1.3, in the order
/// they run: the form and the login state, then the signed message ([`Token`](Self::Token)), then the LTI
/// message ([`Message`](Self::Message)), then the registration's deployment and the login's
/// `target_link_uri`.
///
/// Each variant has a stable [`code`](Self::code); a nested error's code is the launch's code.
/// Attacker-supplied values are kept as [`Untrusted`] (cut, and escaped when shown); the token itself,
/// signatures and nonces are never kept.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum LaunchError {
    /// The form has no `id_token` (or, for a Deep Linking response, no `JWT`).
    #[error("{}: the form has no {field} field", self.code())]
    MissingToken {
        /// The expected field name.
        field: &'static str,
    },
    /// The form is larger than the limit or repeats a field.
    #[error("{}: the form is malformed: {reason}", self.code())]
    MalformedForm {
        /// What is wrong.
        reason: &'static str,
    },
    /// The form has no `state`.
    #[error("{}: the form has no state", self.code())]
    MissingState,
    /// The `state` differs from the one issued at login (compared in constant time).
    #[error("{}: state does not match the one issued at login", self.code())]
    StateMismatch,
    /// A sealed state did not open: forged, altered, malformed or sealed with another key. (Its age is
    /// checked once it is open: [`LoginStateExpired`](Self::LoginStateExpired),
    /// [`LoginStateFromFuture`](Self::LoginStateFromFuture).)
    #[error("{}: sealed state is not valid: {reason}", self.code())]
    InvalidSealedState {
        /// What is wrong.
        reason: &'static str,
    },
    /// The login state is older than the verifier's maximum login age (default 10 minutes,
    /// [`LaunchVerifier::with_max_login_age`](crate::launch::LaunchVerifier::with_max_login_age)): the
    /// login was started too long before this launch. Applies to kept and sealed state alike; exactly the
    /// maximum age is accepted.
    #[error("{}: login state created at {created_at} is older than {max_age} (now {now})", self.code())]
    LoginStateExpired {
        /// When the login started ([`LoginState::created_at`](crate::login::LoginState::created_at)).
        created_at: DateTime<Utc>,
        /// The injected time.
        now: DateTime<Utc>,
        /// The maximum login age.
        max_age: TimeDelta,
    },
    /// The login state was created later than `now` plus the clock leeway: a clock problem or a forged
    /// store entry.
    #[error("{}: login state created in the future at {created_at} (now {now})", self.code())]
    LoginStateFromFuture {
        /// When the login claims to have started.
        created_at: DateTime<Utc>,
        /// The injected time.
        now: DateTime<Utc>,
    },
    /// The registration lookup found no registration for the login state's platform (issuer and client
    /// id): the platform was removed between the login and the launch, or the lookup is wrong.
    #[error("{}: no registration for issuer {issuer} and client {client_id}", self.code())]
    UnknownRegistration {
        /// The login state's issuer.
        issuer: Untrusted,
        /// The login state's client id.
        client_id: Untrusted,
    },
    /// The signed message failed a check every LTI message shares (structure, header, key, signature,
    /// `iss`, `aud`/`azp`, times, nonce).
    #[error(transparent)]
    Token(#[from] TokenError),
    /// The message's LTI claims are not a valid message of an accepted type (message type, version,
    /// required claims, typed reading).
    #[error(transparent)]
    Message(#[from] MessageError),
    /// `deployment_id` is not registered for this issuer and client.
    #[error("{}: deployment {deployment_id} is not registered", self.code())]
    UnknownDeployment {
        /// The token's deployment id.
        deployment_id: Untrusted,
    },
    /// `target_link_uri` differs from the one given at login initiation.
    #[error("{}: target_link_uri {found} differs from the one given at login", self.code())]
    TargetLinkUriMismatch {
        /// The token's `target_link_uri`.
        found: Untrusted,
    },
}

impl LaunchError {
    /// A stable code for logs, tests and JSON output ("lti.*"). Never renamed or reused. A nested
    /// [`TokenError`] or [`MessageError`] gives its own code.
    pub fn code(&self) -> Code {
        match self {
            Self::MissingToken { .. } => codes::FORM_TOKEN_MISSING,
            Self::MalformedForm { .. } => codes::FORM_MALFORMED,
            Self::MissingState => codes::STATE_MISSING,
            Self::StateMismatch => codes::STATE_MISMATCH,
            Self::InvalidSealedState { .. } => codes::STATE_SEALED_INVALID,
            Self::LoginStateExpired { .. } => codes::STATE_EXPIRED,
            Self::LoginStateFromFuture { .. } => codes::STATE_FUTURE,
            Self::UnknownRegistration { .. } => codes::REGISTRATION_UNKNOWN,
            Self::Token(error) => error.code(),
            Self::Message(error) => error.code(),
            Self::UnknownDeployment { .. } => codes::DEPLOYMENT_UNKNOWN,
            Self::TargetLinkUriMismatch { .. } => codes::TARGET_LINK_URI,
        }
    }

    /// The signed-message failure, when that is why.
    pub fn token_error(&self) -> Option<&TokenError> {
        match self {
            Self::Token(error) => Some(error),
            _ => None,
        }
    }

    /// The LTI message failure, when that is why.
    pub fn message_error(&self) -> Option<&MessageError> {
        match self {
            Self::Message(error) => Some(error),
            _ => None,
        }
    }

    /// True when the token itself is not a well-formed signed JWT (size, segments, base64, JSON shape).
    pub fn is_malformed(&self) -> bool {
        self.token_error().is_some_and(TokenError::is_malformed)
    }

    /// True when the rejection is about time (`exp`, `iat`, `nbf`, the login state's age): a clock problem
    /// or a stale launch, where asking the user to launch again is the right answer.
    pub fn is_time(&self) -> bool {
        matches!(
            self,
            Self::LoginStateExpired { .. } | Self::LoginStateFromFuture { .. }
        ) || self.token_error().is_some_and(TokenError::is_time)
    }

    /// True for a replayed or mismatched nonce or state, a forged sealed state or a signature that does
    /// not verify: a possible attack, worth logging as such.
    pub fn is_replay_or_forgery(&self) -> bool {
        matches!(self, Self::StateMismatch | Self::InvalidSealedState { .. })
            || self
                .token_error()
                .is_some_and(TokenError::is_replay_or_forgery)
    }
}
