//! Why a signed statement was rejected, or could not be signed.

use learnwire_report::Code;

/// Why a signed statement was rejected (an LRS answers `400 Bad Request`, Data §2.6).
///
/// [`code`](Self::code) gives the stable issue code of each variant.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum SignatureError {
    /// The JWS `alg` is not in the allow-list (`none`, `HS256`, ... or one the policy removed).
    #[error("signature algorithm {alg} is not allowed")]
    UnsupportedAlgorithm {
        /// The `alg` as sent (quoted).
        alg: String,
    },
    /// The signature attachment or its part is not `application/octet-stream`.
    #[error("signature content type is {found}, not application/octet-stream")]
    ContentType {
        /// The content type found (quoted).
        found: String,
    },
    /// The JWS is not well formed.
    #[error("malformed JWS: {reason}")]
    Malformed {
        /// What is wrong.
        reason: &'static str,
    },
    /// The JWS uses the JSON serialization; only the compact one is accepted.
    #[error("the JWS is not in compact serialization")]
    NotCompact,
    /// The JWS is longer than the policy allows.
    #[error("the JWS is longer than {max} bytes")]
    TooLong {
        /// The limit.
        max: usize,
    },
    /// The JWS header has `crit`: no JWS extension is understood (RFC 7515 §4.1.11).
    #[error("the JWS header lists critical extensions")]
    UnsupportedCritical,
    /// The signature does not verify with the key used.
    #[error("the signature does not verify")]
    BadSignature,
    /// An `x5c` certificate cannot be used.
    #[error("x5c certificate unusable: {reason}")]
    Certificate {
        /// What is wrong.
        reason: &'static str,
    },
    /// The signing key is shorter than the policy's minimum.
    #[error("RSA key of {bits} bits is below the minimum of {min}")]
    WeakKey {
        /// The key's modulus size.
        bits: usize,
        /// The policy's minimum.
        min: usize,
    },
    /// The JWS payload is not a JSON statement object.
    #[error("the JWS payload is not a JSON statement")]
    PayloadNotStatement,
    /// The payload is not logically equivalent to the received statement (Data §2.3.1).
    #[error("the signed statement differs from the received statement")]
    SignatureMismatch,
    /// A signature attachment whose data was not sent.
    #[error("no part carries the signature with sha2 {sha2}")]
    MissingPart {
        /// The attachment's `sha2` (quoted).
        sha2: String,
    },
    /// A statement with more than one signature attachment.
    #[error("statement {statement} has more than one signature attachment")]
    MultipleSignatures {
        /// 0-based index of the statement.
        statement: usize,
    },
    /// The statement has no signature attachment for this JWS.
    #[error("the statement has no signature attachment")]
    NoSignatureAttachment,
    /// The signature attachment's `sha2` or `length` does not describe the JWS bytes.
    #[error("the signature attachment's {field} does not match the JWS")]
    AttachmentMismatch {
        /// `sha2` or `length`.
        field: &'static str,
    },
    /// No `x5c` and no trusted key, while the policy requires the signature to be verified with a key.
    #[error("no key to verify the signature with")]
    NoKey,
    /// The JWS header has a member the JOSE layer never accepts: a key or a key location (`jwk`, `jku`,
    /// `x5u`; keys come only from `x5c` or the LRS's trusted keys, RFC 8725 §3.10), or a `cty` that
    /// announces a nested JWT.
    #[error("the JWS header member {member} is not accepted")]
    RefusedHeader {
        /// The header member.
        member: &'static str,
    },
}

impl SignatureError {
    /// The stable issue code of this error.
    pub fn code(&self) -> Code {
        Code::new(match self {
            Self::UnsupportedAlgorithm { .. } => "xapi.signature.unsupported-alg",
            Self::ContentType { .. } => "xapi.signature.content-type",
            Self::Malformed { .. } => "xapi.signature.malformed",
            Self::NotCompact => "xapi.signature.not-compact",
            Self::TooLong { .. } => "xapi.signature.too-long",
            Self::UnsupportedCritical => "xapi.signature.crit",
            Self::BadSignature => "xapi.signature.invalid",
            Self::Certificate { .. } => "xapi.signature.certificate",
            Self::WeakKey { .. } => "xapi.signature.weak-key",
            Self::PayloadNotStatement => "xapi.signature.payload",
            Self::SignatureMismatch => "xapi.signature.mismatch",
            Self::MissingPart { .. } => "xapi.signature.missing-part",
            Self::MultipleSignatures { .. } => "xapi.signature.multiple",
            Self::NoKey => "xapi.signature.no-key",
            Self::NoSignatureAttachment => "xapi.signature.no-attachment",
            Self::AttachmentMismatch { .. } => "xapi.signature.attachment-mismatch",
            Self::RefusedHeader { .. } => "xapi.signature.header-refused",
        })
    }

    /// True when the signature itself is invalid or unusable (as opposed to a statement mismatch or a
    /// missing attachment part).
    pub fn is_invalid_signature(&self) -> bool {
        !matches!(
            self,
            Self::SignatureMismatch
                | Self::MissingPart { .. }
                | Self::MultipleSignatures { .. }
                | Self::NoSignatureAttachment
                | Self::AttachmentMismatch { .. }
        )
    }
}

/// Why a statement could not be signed (a misuse, not bad input).
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum SignError {
    /// The statement is not a JSON object.
    #[error("the statement is not a JSON object")]
    NotAnObject,
    /// The statement's `attachments` is not an array.
    #[error("the statement's attachments is not an array")]
    AttachmentsNotArray,
    /// The key cannot sign with this algorithm.
    #[error("the key cannot sign")]
    Key(#[source] Box<dyn std::error::Error + Send + Sync>),
    /// Serialization failed.
    #[error("the statement could not be serialized")]
    Json(#[source] serde_json::Error),
}
