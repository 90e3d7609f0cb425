//! Reading manifest bytes: decoding, a bounded namespace-aware element tree, positions.

pub(crate) mod decode;
pub(crate) mod dom;
pub(crate) mod ns;
pub(crate) mod position;
pub(crate) mod sniff;
