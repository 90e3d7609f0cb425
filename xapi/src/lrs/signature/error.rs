//! Why a signed statement was rejected, or could not be signed.

/// Why a signed statement was rejected (an LRS answers `400 Bad Request`, Data §2.6).
///
/// [`code`](Self::code) gives the stable issue code of each variant.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum SignatureError {
    /// The JWS `alg` is not in the allow-list (`none`, `HS256`, ... or one the policy removed).
    #[error("{}: signature algorithm {alg} is not allowed", self.code())]
    UnsupportedAlgorithm {
        /// The `alg` as sent (quoted).
        alg: String,
    },
    /// The signature attachment or its part is not `application/octet-stream`.
    #[error("{}: signature content type is {found}, not application/octet-stream", self.code())]
    ContentType {
        /// The content type found (quoted).
        found: String,
    },
    /// The JWS is not well formed.
    #[error("{}: malformed JWS: {reason}", self.code())]
    Malformed {
        /// What is wrong.
        reason: &'static str,
    },
    /// The JWS uses the JSON serialization; only the compact one is accepted.
    #[error("{}: the JWS is not in compact serialization", self.code())]
    NotCompact,
    /// The JWS is longer than the policy allows.
    #[error("{}: the JWS is longer than {max} bytes", self.code())]
    TooLong {
        /// The limit.
        max: usize,
    },
    /// The JWS header has `crit`: no JWS extension is understood (RFC 7515 §4.1.11).
    #[error("{}: the JWS header lists critical extensions", self.code())]
    UnsupportedCritical,
    /// The signature does not verify with the key used.
    #[error("{}: the signature does not verify", self.code())]
    BadSignature,
    /// An `x5c` certificate cannot be used.
    #[error("{}: x5c certificate unusable: {reason}", self.code())]
    Certificate {
        /// What is wrong.
        reason: &'static str,
    },
    /// The signing key is shorter than the policy's minimum.
    #[error("{}: RSA key of {bits} bits is below the minimum of {min}", self.code())]
    WeakKey {
        /// The key's modulus size.
        bits: usize,
        /// The policy's minimum.
        min: usize,
    },
    /// The JWS payload is not a JSON statement object.
    #[error("{}: the JWS payload is not a JSON statement", self.code())]
    PayloadNotStatement,
    /// The payload is not logically equivalent to the received statement (Data §2.3.1).
    #[error("{}: the signed statement differs from the received statement", self.code())]
    SignatureMismatch,
    /// A signature attachment whose data was not sent.
    #[error("{}: no part carries the signature with sha2 {sha2}", self.code())]
    MissingPart {
        /// The attachment's `sha2` (quoted).
        sha2: String,
    },
    /// A statement with more than one signature attachment.
    #[error("{}: statement {statement} has more than one signature attachment", self.code())]
    MultipleSignatures {
        /// 0-based index of the statement.
        statement: usize,
    },
    /// The statement has no signature attachment for this JWS.
    #[error("{}: the statement has no signature attachment", self.code())]
    NoSignatureAttachment,
    /// The signature attachment's `sha2` or `length` does not describe the JWS bytes.
    #[error("{}: the signature attachment's {field} does not match the JWS", self.code())]
    AttachmentMismatch {
        /// `sha2` or `length`.
        field: &'static str,
    },
    /// No `x5c` and no trusted key, while the policy requires the signature to be verified with a key.
    #[error("{}: no key to verify the signature with", self.code())]
    NoKey,
    /// The JWS header has a member the JOSE layer never accepts: a key or a key location (`jwk`, `jku`,
    /// `x5u`; keys come only from `x5c` or the LRS's trusted keys, RFC 8725 §3.10), or a `cty` that
    /// announces a nested JWT.
    #[error("{}: the JWS header member {member} is not accepted", self.code())]
    RefusedHeader {
        /// The header member.
        member: &'static str,
    },
}

crate::codes::error_codes!(SignatureError {
    UnsupportedAlgorithm => "xapi.signature.unsupported-alg",
        "the JWS alg is not an allowed RS256/RS384/RS512", "Data §2.6; RFC 8725 §3.1";
    ContentType => "xapi.signature.content-type",
        "the signature attachment or its part is not application/octet-stream", "Data §2.6";
    Malformed => "xapi.signature.malformed",
        "the JWS is not a well-formed compact JWS", "Data §2.6; RFC 7515 §7.1";
    NotCompact => "xapi.signature.not-compact",
        "the JWS uses the JSON serialization", "Data §2.6; RFC 7515 §7.2";
    TooLong => "xapi.signature.too-long",
        "the JWS is longer than the policy allows", "SignaturePolicy::max_jws_len";
    UnsupportedCritical => "xapi.signature.crit",
        "the JWS header lists critical extensions", "RFC 7515 §4.1.11";
    BadSignature => "xapi.signature.invalid",
        "the signature does not verify with the key", "Data §2.6";
    Certificate => "xapi.signature.certificate",
        "an x5c certificate or its key cannot be used", "Data §2.6; RFC 7515 §4.1.6";
    WeakKey => "xapi.signature.weak-key",
        "the x5c RSA key is shorter than the policy's minimum", "RFC 7518 §3.3";
    PayloadNotStatement => "xapi.signature.payload",
        "the JWS payload is not a JSON statement", "Data §2.6";
    SignatureMismatch => "xapi.signature.mismatch",
        "the signed statement is not equivalent to the received one", "Data §2.6, §2.3.1";
    MissingPart => "xapi.signature.missing-part",
        "no part carries the data of a signature attachment", "Data §2.6; Communication §1.5.2";
    MultipleSignatures => "xapi.signature.multiple",
        "a statement has more than one signature attachment", "Data §2.6";
    NoKey => "xapi.signature.no-key",
        "no x5c and no trusted key while the policy requires a key", "SignaturePolicy::require_key";
    NoSignatureAttachment => "xapi.signature.no-attachment",
        "the statement has no signature attachment for the JWS", "Data §2.6";
    AttachmentMismatch => "xapi.signature.attachment-mismatch",
        "the signature attachment's sha2 or length does not describe the JWS", "Data §2.6, §2.4.11";
    RefusedHeader => "xapi.signature.header-refused",
        "the JWS header carries a key, a key location or a nested JWT", "RFC 8725 §3.10; RFC 7519 §5.2";
});

impl SignatureError {
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
///
/// [`code`](Self::code) gives the stable code of each variant.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum SignError {
    /// The statement is not a JSON object.
    #[error("{}: the statement is not a JSON object", self.code())]
    NotAnObject,
    /// The statement's `attachments` is not an array.
    #[error("{}: the statement's attachments is not an array", self.code())]
    AttachmentsNotArray,
    /// The key cannot sign with this algorithm.
    #[error("{}: the key cannot sign", self.code())]
    Key(#[source] Box<dyn std::error::Error + Send + Sync>),
    /// Serialization failed.
    #[error("{}: the statement could not be serialized", self.code())]
    Json(#[source] serde_json::Error),
}

crate::codes::error_codes!(SignError {
    NotAnObject => "xapi.sign.not-object", "the statement to sign is not a JSON object", "Data §2.6";
    AttachmentsNotArray => "xapi.sign.attachments",
        "the statement to sign has attachments that are not an array", "Data §2.4.11";
    Key => "xapi.sign.key", "the key cannot sign with the algorithm", "Data §2.6; RFC 7518 §3.3";
    Json => "xapi.sign.json", "the statement could not be serialized", "RFC 8259";
});
