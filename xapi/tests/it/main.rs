//! Integration tests of learnwire-xapi (one binary).

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod about;
mod codes;
mod corpus;
mod documents;
mod equivalence;
mod fuzz_seeds;
mod lrs;
mod model;
mod multipart;
mod query;
mod score_roundtrip;
mod security;
mod signature;
