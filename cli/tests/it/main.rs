//! Integration tests of the `learnwire` binary.

mod check;
