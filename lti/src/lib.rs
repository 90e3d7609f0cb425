//! Work in progress.
#![forbid(unsafe_code)]
pub mod claims;
pub mod deep_linking;
