//! The client's errors: the transport's and the sans-IO calls', one type with the calls' codes.

use learnwire_report::{Code, Untrusted};

use crate::codes;
use crate::service_token::{TokenRequestError, TokenResponseError};
use crate::services::{BuildRequestError, ServiceError};

/// Why a request was not sent or its answer not received whole.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum TransportError {
    /// No answer: connection refused, DNS, TLS, a broken connection.
    #[error("{}: {reason}", self.code())]
    Failed {
        /// What the HTTP stack said.
        reason: Untrusted,
    },
    /// The connection or the answer took longer than the timeouts.
    #[error("{}: no answer within the timeout", self.code())]
    Timeout,
    /// The URL is plain `http://` on a host other than loopback, and
    /// [`ClientOptions::danger_allow_http`](super::ClientOptions::danger_allow_http) is off: nothing was
    /// sent (a bearer token or client assertion must not cross the network unencrypted).
    #[error("{}: refusing to send to {url} without TLS (https:// is required off loopback)", self.code())]
    InsecureUrl {
        /// The URL's scheme and authority.
        url: Untrusted,
    },
    /// The body (or its announced `Content-Length`) is over the limit; reading stopped there.
    #[error("{}: the body is more than {limit} bytes (stopped at {read})", self.code())]
    TooLarge {
        /// Bytes read or announced when reading stopped (more than `limit`).
        read: usize,
        /// The limit.
        limit: usize,
    },
}

impl TransportError {
    /// `lti.client.transport`, `lti.client.timeout`, `lti.client.insecure-url` or `lti.service.too-large`.
    pub fn code(&self) -> Code {
        match self {
            Self::Failed { .. } => codes::CLIENT_TRANSPORT,
            Self::InsecureUrl { .. } => codes::CLIENT_INSECURE_URL,
            Self::Timeout => codes::CLIENT_TIMEOUT,
            Self::TooLarge { .. } => codes::SERVICE_TOO_LARGE,
        }
    }
}

/// Why a [`ServiceClient`](super::ServiceClient) call failed. [`code`](Self::code) is the stable code of
/// the step that failed; [`is_transport`](Self::is_transport) tells an unreachable or silent server from
/// a refusal or an invalid answer.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ClientError {
    /// The HTTP client could not be built.
    #[error(
        "{}: the HTTP client could not be built: {reason}",
        codes::CLIENT_SETUP
    )]
    Setup {
        /// What reqwest said.
        reason: Untrusted,
    },
    /// The request was not sent or the answer not received (a body over the limit included).
    #[error(transparent)]
    Transport(#[from] TransportError),
    /// The token request could not be built (signing).
    #[error(transparent)]
    TokenRequest(#[from] TokenRequestError),
    /// The token endpoint refused, or its answer is not a usable token.
    #[error(transparent)]
    TokenResponse(#[from] TokenResponseError),
    /// A service request could not be built (URL, token, a document breaking the spec's rules).
    #[error(transparent)]
    Build(#[from] BuildRequestError),
    /// The service refused or answered something that is not the call's document, or paging stopped.
    #[error(transparent)]
    Service(#[from] ServiceError),
}

impl ClientError {
    /// The stable code of the failed step (`lti.client.*`, `lti.token-response.*`, `lti.service.*`,
    /// `lti.paging.*`, `lti.link.*`, …).
    pub fn code(&self) -> Code {
        match self {
            Self::Setup { .. } => codes::CLIENT_SETUP,
            Self::Transport(error) => error.code(),
            Self::TokenRequest(error) => error.code(),
            Self::TokenResponse(error) => error.code(),
            Self::Build(error) => error.code(),
            Self::Service(error) => error.code(),
        }
    }

    /// Whether the server was not reached, did not answer in time, or the client could not be set up
    /// (as opposed to a refusal or an invalid answer). A body over the limit is not a transport failure.
    pub fn is_transport(&self) -> bool {
        matches!(
            self,
            Self::Setup { .. }
                | Self::Transport(TransportError::Failed { .. } | TransportError::Timeout)
        )
    }

    /// The HTTP status of a refusal by the platform, when that is what happened.
    pub fn status(&self) -> Option<u16> {
        match self {
            Self::TokenResponse(
                TokenResponseError::Refused { status, .. }
                | TokenResponseError::Status { status, .. },
            ) => Some(*status),
            Self::Service(ServiceError::Status { status, .. }) => Some(status.as_u16()),
            _ => None,
        }
    }
}
