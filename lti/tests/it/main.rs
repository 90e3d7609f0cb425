//! Integration tests of learnwire-lti.

mod claims;
mod content_item;
mod jwks_cache;
mod roles;
