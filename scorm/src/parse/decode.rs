//! Turning manifest bytes into UTF-8 text: learnwire-package's [`decode`](xml::decode), its problems
//! as this crate's rules.

use learnwire_package::xml;

use crate::rules::Rule;

pub(crate) use learnwire_package::xml::Decoded;

/// A decoding failure or warning: the rule and a message (at the start of the document or at
/// `offset`, an original byte offset).
#[derive(Debug)]
pub(crate) struct DecodeError {
    pub(crate) rule: Rule,
    pub(crate) message: String,
    pub(crate) offset: u64,
}

impl From<xml::DecodeError> for DecodeError {
    fn from(error: xml::DecodeError) -> Self {
        Self {
            rule: super::rule_of(error.problem),
            message: error.message,
            offset: error.offset,
        }
    }
}

/// Decodes `bytes` to UTF-8 per the BOM and the XML declaration; a suspicious decoding comes with a
/// warning.
pub(crate) fn decode(bytes: &[u8]) -> Result<(Decoded, Option<DecodeError>), DecodeError> {
    match xml::decode(bytes) {
        Ok((decoded, warning)) => Ok((decoded, warning.map(DecodeError::from))),
        Err(error) => Err(error.into()),
    }
}
