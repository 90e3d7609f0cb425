//! Integration tests of learnwire-jose: jsonwebtoken as the interop oracle both ways, and every refusal
//! with its stable code.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod codes;
mod header;
mod interop;
mod json;
mod jwks;
mod keys;
mod properties;
mod signature;
mod signing;
mod structure;
mod support;
