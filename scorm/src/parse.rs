//! Reading manifest bytes with learnwire-package's bounded XML reader ([`learnwire_package::xml`]):
//! decoding, the element tree, positions. This module names the SCORM namespaces ([`ns`]) and maps
//! the reader's family-neutral problems to this crate's `scorm.xml.*` and `scorm.limit.*` rules.

pub(crate) mod dom;
pub(crate) mod ns;

/// Positions in the decoded manifest (the shared reader's).
pub(crate) mod position {
    pub(crate) use learnwire_package::xml::LineIndex;
}

use learnwire_package::xml::Problem;

use crate::rules::{self, Rule};

/// This crate's rule for a problem the shared reader found.
pub(crate) fn rule_of(problem: Problem) -> Rule {
    match problem {
        Problem::Doctype => rules::XML_DOCTYPE,
        Problem::UnknownEntity => rules::XML_UNKNOWN_ENTITY,
        Problem::InvalidChar => rules::XML_INVALID_CHAR,
        Problem::InvalidEncoding => rules::XML_INVALID_ENCODING,
        Problem::UnsupportedEncoding => rules::XML_UNSUPPORTED_ENCODING,
        Problem::EncodingConflict => rules::XML_ENCODING_CONFLICT,
        Problem::EncodingSuspect => rules::XML_ENCODING_SUSPECT,
        Problem::DuplicateAttribute => rules::XML_DUPLICATE_ATTRIBUTE,
        Problem::Namespace => rules::XML_NAMESPACE,
        Problem::NoRoot => rules::XML_NO_ROOT,
        Problem::MultipleRoots => rules::XML_MULTIPLE_ROOTS,
        Problem::UnexpectedEof => rules::XML_UNEXPECTED_EOF,
        Problem::LimitDepth => rules::LIMIT_DEPTH,
        Problem::LimitAttributes => rules::LIMIT_ATTRIBUTES,
        Problem::LimitAttributeLength => rules::LIMIT_ATTRIBUTE_LENGTH,
        Problem::LimitTextLength => rules::LIMIT_TEXT_LENGTH,
        Problem::LimitElements => rules::LIMIT_ELEMENTS,
        // Problem::Malformed, and any kind a later reader adds: not well-formed.
        _ => rules::XML_MALFORMED,
    }
}
