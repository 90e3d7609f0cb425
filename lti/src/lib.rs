//! Work in progress.
#![forbid(unsafe_code)]
pub mod claims;
pub mod deep_linking;
mod error;
pub mod keys;
pub mod launch;
mod limits;
pub mod login;
mod nonce;
pub mod platform;
mod registration;
mod token;

pub use error::{KeyProblem, LaunchError, TokenPart, Untrusted};
pub use limits::Limits;
pub use nonce::{InMemoryNonceStore, NonceError, NonceStore};
pub use registration::Registration;
