//! Runnable examples of the Learnwire crates: see the `[[example]]` entries.
#![forbid(unsafe_code)]
