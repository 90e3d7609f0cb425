//! LTI Deep Linking 2.0: content items and their acceptance rules.

pub mod content_item;
