//! Work in progress.
#![forbid(unsafe_code)]
pub mod claims;
