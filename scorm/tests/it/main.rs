//! Integration tests of learnwire-scorm.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod corpus;
mod front_door;
mod launch;
mod package;
mod reroot;
mod runtime_api;
mod runtime_batch;
mod runtime_fuzz;
mod runtime_model;
mod runtime_status;
mod security;
mod seeds;
mod support;
mod xml;
