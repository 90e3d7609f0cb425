//! Integration tests of learnwire-lti.

mod claims;
mod content_item;
mod roles;
