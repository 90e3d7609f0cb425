//! Integration tests of learnwire-lti.

mod claims;
mod claims_robustness;
mod content_item;
mod jwks_cache;
mod roles;
