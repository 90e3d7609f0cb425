//! Integration tests of learnwire-lti.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    clippy::type_complexity
)]

mod ags;
mod claims;
mod claims_robustness;
mod claims_validate;
mod codes;
mod content_item;
mod deep_linking;
mod dynamic_registration;
mod errors;
mod fuzz_seeds;
mod interop;
mod jwks_cache;
mod keys;
mod launch;
mod launch_claims;
mod login;
mod lookup;
mod message_rules;
mod nonce;
mod nrps;
mod paging;
mod platform;
mod roles;
mod service_token;
mod support;
