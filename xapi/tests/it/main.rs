//! Integration tests of learnwire-xapi (one binary).

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

mod corpus;
mod fuzz_seeds;
mod model;
mod security;
mod about;
mod documents;
mod equivalence;
mod lrs;
mod multipart;
mod query;
mod signature;
