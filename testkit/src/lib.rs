//! Test support for the Learnwire workspace. Never published, never a normal dependency.
//!
//! - [`tiny_zip`]: a minimal stored-zip writer for tests (no feature, one dependency).
//! - One module per crate with the oracles of its fuzz targets (`fuzz/fuzz_targets/*.rs`). The fuzz
//!   targets are thin calls to these functions, and the seed replay tests (`tests/seeds.rs` here, and
//!   the crates' own tests) call the same functions, so libFuzzer and `cargo test` check the same
//!   properties. Each module sits behind the feature of its crate, all on by default.
//! - `lti_platform` (feature `lti_platform`, not default): a loopback LTI platform on axum built from
//!   `learnwire-lti`'s server types, for the lti client tests, the CLI tests and the examples.
//! - [`seeds`]: the committed seeds, `fuzz/seeds/<target>/`.
//!
//! This crate also holds the workspace conventions test (`tests/conventions.rs`).
//!
//! An oracle panics when a property fails (that is how libFuzzer and the test harness see a failure),
//! so this crate allows `panic!`: it is test code that lives in a library only to be shared.

#![forbid(unsafe_code)]
#![allow(clippy::panic)]

#[cfg(feature = "cmi5")]
pub mod cmi5;
#[cfg(feature = "cmi5")]
pub mod cmi5_session;
pub mod hostile;
#[cfg(feature = "jose")]
pub mod jose;
#[cfg(feature = "lti")]
pub mod lti;
#[cfg(feature = "lti_platform")]
pub mod lti_platform;
#[cfg(feature = "lti")]
pub mod lti_service_request;
#[cfg(feature = "package")]
pub mod package;
#[cfg(feature = "scorm")]
pub mod scorm;
pub mod seeds;
mod tiny_zip;
#[cfg(feature = "xapi")]
pub mod xapi;

pub use tiny_zip::tiny_zip;
