//! Typed model and newtype round trips.
