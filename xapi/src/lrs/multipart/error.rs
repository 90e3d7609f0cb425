//! Why a `multipart/mixed` body was rejected.

use std::fmt;

/// Why a `multipart/mixed` statement body was rejected (all of these are `400 Bad Request` for an LRS).
///
/// [`code`](Self::code) gives the stable issue code of each variant.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum MultipartError {
    /// The body does not follow RFC 2046 or xAPI Communication §1.5.2.
    #[error("{}: malformed multipart body: {reason}", self.code())]
    Malformed {
        /// What is wrong.
        reason: MalformedReason,
    },
    /// A configured limit was reached; scanning stopped there.
    #[error("{}: multipart {limit} limit of {max} exceeded", self.code())]
    LimitExceeded {
        /// Which limit.
        limit: MultipartLimit,
        /// Its configured value.
        max: usize,
    },
    /// A part's bytes do not hash to its `X-Experience-API-Hash`, or no part hashes to an attachment's `sha2`.
    #[error("{}: part {part}: content hashes to {computed}, expected {expected}", self.code())]
    AttachmentHashMismatch {
        /// 1-based index of the part (the statements part is 0).
        part: usize,
        /// The hash the part was expected to have (header or attachment `sha2`), as sent (quoted).
        expected: String,
        /// The hash of the bytes received, lowercase hex.
        computed: String,
    },
    /// An attachment's `length` differs from the size of its part.
    #[error("{}: attachment with sha2 {sha2} declares length {declared} but its part has {actual} bytes", self.code())]
    AttachmentLengthMismatch {
        /// The attachment's `sha2` (lowercase hex).
        sha2: String,
        /// The `length` property.
        declared: u64,
        /// The part's size in bytes.
        actual: usize,
    },
    /// An attachment without `fileUrl` has no part (Communication §1.5.2 LRS requirements).
    #[error("{}: attachment {attachment} of statement {statement} (sha2 {sha2}) has no fileUrl and no part", self.code())]
    MissingAttachmentPart {
        /// 0-based index of the statement in the batch.
        statement: usize,
        /// 0-based index of the attachment in the statement's `attachments`.
        attachment: usize,
        /// The attachment's `sha2` (quoted).
        sha2: String,
    },
    /// A part whose hash matches no attachment of any statement.
    #[error("{}: part {part} (hash {hash}) matches no attachment", self.code())]
    UnexpectedPart {
        /// 1-based index of the part.
        part: usize,
        /// Its `X-Experience-API-Hash` (lowercase hex).
        hash: String,
    },
    /// Two parts carry the same hash.
    #[error("{}: parts {first} and {second} carry the same hash {hash}", self.code())]
    DuplicatePart {
        /// 1-based index of the first part.
        first: usize,
        /// 1-based index of the second part.
        second: usize,
        /// The shared hash.
        hash: String,
    },
    /// A part's `Content-Type` differs from its attachment's `contentType`.
    #[error("{}: part {part} has Content-Type {found} but its attachment declares {declared}", self.code())]
    ContentTypeMismatch {
        /// 1-based index of the part.
        part: usize,
        /// The attachment's `contentType` (quoted).
        declared: String,
        /// The part's `Content-Type` (quoted).
        found: String,
    },
    /// Two attachments with the same `sha2` declare different `contentType`s: one part cannot match
    /// both, so the request is ambiguous and refused whatever the part's own header says.
    #[error("{}: attachments with the hash {sha2} declare both {first} and {second}", self.code())]
    ConflictingContentTypes {
        /// The shared hash.
        sha2: String,
        /// The first declared `contentType` (quoted).
        first: String,
        /// The other declared `contentType` (quoted).
        second: String,
    },
    /// The statements part is not the expected JSON (statement, array of statements or StatementResult).
    #[error("{}: the statements part is not valid: {detail}", self.code())]
    InvalidStatements {
        /// What is wrong (quoted where it contains input).
        detail: String,
    },
}

crate::codes::error_codes!(MultipartError {
    Malformed => "xapi.multipart.malformed",
        "the multipart/mixed body does not follow RFC 2046 or Communication §1.5.2",
        "Communication §1.5.2; RFC 2046 §5.1; R-L03";
    AttachmentHashMismatch => "xapi.attachment.hash-mismatch",
        "a part's bytes do not hash to its X-Experience-API-Hash or to an attachment's sha2",
        "Communication §1.5.2; R-L03";
    AttachmentLengthMismatch => "xapi.attachment.length-mismatch",
        "an attachment's length differs from its part's size", "Data §2.4.11";
    MissingAttachmentPart => "xapi.attachment.missing-part",
        "an attachment without fileUrl has no part", "Communication §1.5.2; R-L03";
    UnexpectedPart => "xapi.multipart.unexpected-part",
        "a part matches no attachment", "Communication §1.5.2; R-L03";
    DuplicatePart => "xapi.multipart.duplicate-part",
        "two parts carry the same hash", "Communication §1.5.2";
    ContentTypeMismatch => "xapi.attachment.content-type-mismatch",
        "a part's Content-Type differs from its attachment's contentType", "Communication §1.5.2";
    ConflictingContentTypes => "xapi.attachment.content-type-conflict",
        "attachments sharing a sha2 declare different contentTypes", "Communication §1.5.2";
    InvalidStatements => "xapi.multipart.invalid-statements",
        "the statements part is not a statement, an array of them or a StatementResult",
        "Communication §1.5.2";
}
delegate {
    LimitExceeded.limit => MultipartLimit::code;
});

impl MultipartError {
    /// True when a configured limit stopped the parse (rather than a defect of the body).
    pub fn is_limit(&self) -> bool {
        matches!(self, Self::LimitExceeded { .. })
    }

    pub(crate) fn malformed(reason: MalformedReason) -> Self {
        Self::Malformed { reason }
    }
}

/// Which structural rule a malformed body broke.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum MalformedReason {
    /// The `Content-Type` is not `multipart/mixed`.
    NotMultipartMixed,
    /// The `Content-Type` has no `boundary` parameter (RFC 2046 §5.1.1).
    MissingBoundary,
    /// The `boundary` parameter is empty, too long for RFC 2046 (70), or has characters outside `bchars`.
    InvalidBoundary,
    /// The `Content-Type` header value cannot be parsed (or repeats a parameter).
    InvalidContentType,
    /// No opening delimiter `--boundary` was found.
    NoOpeningDelimiter,
    /// The body ends before the closing delimiter `--boundary--` (truncated).
    MissingClosingDelimiter,
    /// Text follows a delimiter on its line.
    DelimiterLine,
    /// A header line has no colon, an invalid name, or is not UTF-8.
    InvalidHeader,
    /// A folded (continued) header line, obsolete since RFC 7230 and refused.
    FoldedHeader,
    /// A part repeats a header that must occur once (`Content-Type`, `X-Experience-API-Hash`, ...).
    DuplicateHeader(&'static str),
    /// The body has no part at all.
    NoParts,
    /// The first part is not `Content-Type: application/json`.
    FirstPartNotJson,
    /// An attachment part has no `X-Experience-API-Hash` header.
    MissingHash {
        /// 1-based index of the part.
        part: usize,
    },
    /// An `X-Experience-API-Hash` is not a hex SHA-224/256/384/512 digest.
    InvalidHash {
        /// 1-based index of the part.
        part: usize,
    },
    /// An attachment part's `Content-Transfer-Encoding` is not `binary`.
    TransferEncoding {
        /// 1-based index of the part.
        part: usize,
    },
    /// An attachment part's `Content-Type` is not a media type (`type/subtype` with valid parameters).
    InvalidPartContentType {
        /// 1-based index of the part.
        part: usize,
    },
}

impl fmt::Display for MalformedReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::NotMultipartMixed => f.write_str("content type is not multipart/mixed"),
            Self::MissingBoundary => f.write_str("content type has no boundary parameter"),
            Self::InvalidBoundary => {
                f.write_str("boundary is empty, longer than 70 characters or not bchars")
            }
            Self::InvalidContentType => f.write_str("content type cannot be parsed"),
            Self::NoOpeningDelimiter => f.write_str("no opening boundary delimiter"),
            Self::MissingClosingDelimiter => {
                f.write_str("no closing boundary delimiter (truncated body)")
            }
            Self::DelimiterLine => f.write_str("unexpected text after a boundary delimiter"),
            Self::InvalidHeader => f.write_str("invalid part header line"),
            Self::FoldedHeader => f.write_str("folded part header line"),
            Self::DuplicateHeader(name) => write!(f, "repeated part header {name}"),
            Self::NoParts => f.write_str("no parts"),
            Self::FirstPartNotJson => f.write_str("first part is not application/json"),
            Self::MissingHash { part } => {
                write!(f, "part {part} has no X-Experience-API-Hash header")
            }
            Self::InvalidHash { part } => {
                write!(f, "part {part} has an invalid X-Experience-API-Hash")
            }
            Self::TransferEncoding { part } => {
                write!(
                    f,
                    "part {part} has a Content-Transfer-Encoding other than binary"
                )
            }
            Self::InvalidPartContentType { part } => {
                write!(f, "part {part} has a Content-Type that is not a media type")
            }
        }
    }
}

/// A limit of [`Limits`](crate::Limits) that a `multipart/mixed` body hit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum MultipartLimit {
    /// Whole body size.
    Body,
    /// Number of parts (statements part included).
    Parts,
    /// Length of one header line.
    HeaderLine,
    /// Number of header lines in one part.
    Headers,
    /// Size of the statements (first) part.
    StatementsPart,
    /// Boundary length.
    Boundary,
}

crate::codes::error_codes!(MultipartLimit {
    Body => "xapi.multipart.limit.body",
        "the multipart/mixed body is larger than Limits::max_multipart_bytes", "Limits";
    Parts => "xapi.multipart.limit.parts", "more parts than Limits::max_parts", "Limits";
    HeaderLine => "xapi.multipart.limit.header-line",
        "a part header line longer than Limits::max_part_header_line", "Limits";
    Headers => "xapi.multipart.limit.headers",
        "more part header lines than Limits::max_part_headers", "Limits";
    StatementsPart => "xapi.multipart.limit.statements-part",
        "the statements part is larger than Limits::max_body_bytes", "Limits";
    Boundary => "xapi.multipart.limit.boundary",
        "the boundary is longer than Limits::max_boundary", "Limits; RFC 2046 §5.1.1";
});

impl fmt::Display for MultipartLimit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::Body => "body size",
            Self::Parts => "part count",
            Self::HeaderLine => "header line length",
            Self::Headers => "header count",
            Self::StatementsPart => "statements part size",
            Self::Boundary => "boundary length",
        })
    }
}
