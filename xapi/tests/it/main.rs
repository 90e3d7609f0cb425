//! Integration tests of learnwire-xapi (one binary).

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
