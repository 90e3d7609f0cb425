//! Integration tests of learnwire-scorm.

mod corpus;
mod launch;
mod package;
mod security;
mod seeds;
mod support;
