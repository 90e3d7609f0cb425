//! Integration tests of learnwire-lti.

mod claims;
mod roles;
