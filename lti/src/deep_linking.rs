//! Deep Linking 2.0: the tool builds and signs the response ([`DeepLinkingResponse`]); the platform
//! verifies it and reads the content items ([`DeepLinkingResponseVerifier`]).

pub mod content_item;
mod error;
mod response;
mod verify;

pub use error::DeepLinkingError;
pub use response::{DeepLinkingResponse, SignedDeepLinkingResponse};
pub use verify::{DeepLinkingResponseVerifier, VerifiedDeepLinkingResponse};
