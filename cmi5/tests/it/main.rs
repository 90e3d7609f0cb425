//! Integration tests of learnwire-cmi5's course structure, package and TinCan side.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic,
    missing_docs
)]

mod corpus;
mod package;
mod security;
mod structure;
mod support;
mod tincan;
mod xml;
