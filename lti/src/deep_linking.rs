//! Deep Linking 2.0: the tool builds and signs the response ([`DeepLinkingResponse`]); the platform
//! verifies it and reads the content items ([`DeepLinkingResponseVerifier`]).

pub mod content_item;
mod response;
mod verify;

pub use response::{DeepLinkingError, DeepLinkingResponse, SignedDeepLinkingResponse};
pub use verify::{DeepLinkingResponseVerifier, VerifiedDeepLinkingResponse};
