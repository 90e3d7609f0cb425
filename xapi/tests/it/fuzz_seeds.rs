//! Replays fuzz seeds.
