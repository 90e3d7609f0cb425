//! Integration tests of learnwire-xapi (one binary).

mod corpus;
mod fuzz_seeds;
mod model;
mod security;
