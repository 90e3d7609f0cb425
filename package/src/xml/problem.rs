//! What went wrong while reading, without a code family: each crate maps a [`Problem`] to its own code.

use std::fmt;

/// The kind of a reading failure or warning. Family-neutral: learnwire-scorm reports
/// [`Problem::Malformed`] as `scorm.xml.malformed`, learnwire-cmi5 as `cmi5.xml.malformed`, and so on.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Problem {
    /// The document is not well-formed XML (XML 1.0 §2.1 and the productions it names).
    Malformed,
    /// A DOCTYPE declaration: refused (no DTD, no entity declaration).
    Doctype,
    /// A reference to an entity other than the five predefined ones (XML 1.0 §4.1, §4.6).
    UnknownEntity,
    /// A character, written or referenced, that XML 1.0 §2.2 does not allow.
    InvalidChar,
    /// The bytes are not valid in the document's encoding.
    InvalidEncoding,
    /// An encoding other than UTF-8, UTF-16, ISO-8859-1, windows-1252 or US-ASCII (UTF-32 included).
    UnsupportedEncoding,
    /// The byte order mark (or the bytes) and the declared encoding disagree.
    EncodingConflict,
    /// A warning: text declared in a single-byte encoding looks like UTF-8 (decoded as declared).
    EncodingSuspect,
    /// An attribute appears twice on one element (XML 1.0 §3.1).
    DuplicateAttribute,
    /// A prefix is not bound, or a namespace declaration is not allowed (Namespaces in XML 1.0).
    Namespace,
    /// The document has no root element.
    NoRoot,
    /// The document has more than one root element.
    MultipleRoots,
    /// The document ends inside an element.
    UnexpectedEof,
    /// Elements nest deeper than [`Limits::max_depth`](super::Limits::max_depth).
    LimitDepth,
    /// An element has more attributes than [`Limits::max_attributes`](super::Limits::max_attributes),
    /// or more namespace declarations are in scope than quick-xml keeps.
    LimitAttributes,
    /// An attribute value is longer than
    /// [`Limits::max_attribute_bytes`](super::Limits::max_attribute_bytes).
    LimitAttributeLength,
    /// An element's text is longer than [`Limits::max_text_bytes`](super::Limits::max_text_bytes).
    LimitTextLength,
    /// The document has more elements than [`Limits::max_elements`](super::Limits::max_elements).
    LimitElements,
}

impl Problem {
    /// A short stable name for logs (`malformed`, `doctype`, `limit-depth`...): the last part of the
    /// codes the crates map it to, without their family.
    #[must_use]
    pub const fn name(self) -> &'static str {
        match self {
            Self::Malformed => "malformed",
            Self::Doctype => "doctype",
            Self::UnknownEntity => "unknown-entity",
            Self::InvalidChar => "invalid-character",
            Self::InvalidEncoding => "invalid-encoding",
            Self::UnsupportedEncoding => "unsupported-encoding",
            Self::EncodingConflict => "encoding-conflict",
            Self::EncodingSuspect => "encoding-suspect",
            Self::DuplicateAttribute => "duplicate-attribute",
            Self::Namespace => "namespace",
            Self::NoRoot => "no-root",
            Self::MultipleRoots => "multiple-roots",
            Self::UnexpectedEof => "unexpected-eof",
            Self::LimitDepth => "limit-depth",
            Self::LimitAttributes => "limit-attributes",
            Self::LimitAttributeLength => "limit-attribute-length",
            Self::LimitTextLength => "limit-text-length",
            Self::LimitElements => "limit-elements",
        }
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}
