//! Why a Deep Linking exchange failed: [`DeepLinkingError`], for the tool building a response and for the
//! platform verifying one.

use learnwire_report::{Code, Untrusted};

use super::content_item::NotAccepted;
use crate::codes;
use crate::keys::KeyError;
use crate::message::MessageError;
use crate::token::TokenError;

/// Why a Deep Linking response could not be built (tool side) or was rejected (platform side, in the order
/// the checks run: the signed message ([`Token`](Self::Token)), the LTI message
/// ([`Message`](Self::Message)), the deployment, the `data` echo, the content items).
///
/// Each variant has a stable [`code`](Self::code); a nested error's code is this one's.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum DeepLinkingError {
    /// The launch is not an `LtiDeepLinkingRequest`.
    #[error("{}: the launch is not a Deep Linking request", self.code())]
    NotDeepLinkingRequest,
    /// The item is not acceptable under the request's settings (type, presentation target, media type).
    #[error("{}: content item {index} is not accepted", self.code())]
    NotAccepted {
        /// The item's position.
        index: usize,
        /// Why.
        #[source]
        reason: NotAccepted,
    },
    /// A second item while the request does not accept multiple.
    #[error("{}: the request accepts a single content item", self.code())]
    MultipleNotAccepted,
    /// The item could not be serialised.
    #[error("{}: content item could not be serialised", self.code())]
    Serialize,
    /// Signing failed.
    #[error("{}: signing failed", self.code())]
    Sign(#[source] KeyError),
    /// The system random generator failed.
    #[error("{}: the random generator failed", self.code())]
    Random,
    /// The response failed a check every signed LTI message shares (structure, header, key, signature,
    /// `iss`, `aud`/`azp`, times, nonce).
    #[error(transparent)]
    Token(#[from] TokenError),
    /// The response's LTI claims are not a valid `LtiDeepLinkingResponse`.
    #[error(transparent)]
    Message(#[from] MessageError),
    /// `deployment_id` is not one of the tool's deployments.
    #[error("{}: deployment {deployment_id} is not registered", self.code())]
    UnknownDeployment {
        /// The response's deployment id.
        deployment_id: Untrusted,
    },
    /// The response does not echo the request's `data` exactly.
    #[error("{}: the data claim does not echo the request's data", self.code())]
    DataMismatch,
    /// A content item of the response is not acceptable (a URL that is not `https:`).
    #[error("{}: content item {index} is not acceptable: {reason}", self.code())]
    InvalidContentItem {
        /// The item's position in `content_items`.
        index: usize,
        /// What is wrong.
        reason: &'static str,
    },
}

impl DeepLinkingError {
    /// A stable code ("lti.deep-linking.*", or the nested error's code). Never renamed or reused.
    pub fn code(&self) -> Code {
        match self {
            Self::NotDeepLinkingRequest => codes::DL_NOT_A_REQUEST,
            Self::NotAccepted { .. } => codes::DL_NOT_ACCEPTED,
            Self::MultipleNotAccepted => codes::DL_MULTIPLE,
            Self::Serialize => codes::DL_SERIALIZE,
            Self::Sign(_) => codes::DL_SIGN,
            Self::Random => codes::DL_RANDOM,
            Self::Token(error) => error.code(),
            Self::Message(error) => error.code(),
            Self::UnknownDeployment { .. } => codes::DEPLOYMENT_UNKNOWN,
            Self::DataMismatch => codes::DL_DATA,
            Self::InvalidContentItem { .. } => codes::DL_CONTENT_ITEM,
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
}
