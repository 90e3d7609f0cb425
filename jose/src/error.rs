//! Why a JOSE operation failed: [`JoseError`], one variant per check, each with a stable code.

mod codes;
mod problem;

use learnwire_report::Code;

pub use codes::CODES;
pub use problem::{KeyProblem, Part, X5cProblem};

use crate::json::JsonError;
use learnwire_report::Untrusted;

/// Why a JOSE operation failed: reading or verifying a JWS, reading a key or a key set, loading or using
/// a signing key.
///
/// Each variant has a stable [`code`](Self::code), listed with its spec reference in [`CODES`].
/// Attacker-supplied text is kept as [`Untrusted`] (cut, and escaped when shown); a token, a signature or
/// key material is never kept.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum JoseError {
    /// The compact JWS is longer than the limit; decided on its length, before any decoding.
    #[error("the JWS is {length} bytes, more than the limit of {limit}")]
    TooLarge {
        /// The JWS length in bytes.
        length: usize,
        /// The limit.
        limit: usize,
    },
    /// The input is a JWS JSON serialization (it starts with `{`); only the compact one is read.
    #[error("the JWS uses the JSON serialization; only the compact serialization is read")]
    JsonSerialization,
    /// The compact JWS does not have exactly three segments (a JWE has five and is not supported).
    #[error(
        "the JWS has {found} segments, a compact JWS has 3 (encrypted tokens are not supported)"
    )]
    SegmentCount {
        /// Segments found.
        found: usize,
    },
    /// A segment is not canonical unpadded base64url.
    #[error("the {part} is not canonical unpadded base64url")]
    Base64 {
        /// The segment.
        part: Part,
    },
    /// A JSON part (JWS header or payload, JWKS) is refused by the strict JSON reader.
    #[error("the {part} is not strict JSON")]
    Json {
        /// Where.
        part: Part,
        /// What the strict reader refused.
        #[source]
        error: JsonError,
    },
    /// The header or the payload is JSON but not an object.
    #[error("the {part} is not a JSON object")]
    NotAnObject {
        /// The segment.
        part: Part,
    },
    /// `alg` is `none`, in any letter case: an unsecured JWS.
    #[error("unsecured JWS (alg none) refused")]
    UnsecuredJws,
    /// `alg` is an HMAC algorithm (`HS256`, `HS384`, `HS512`): never accepted, so a public key can never
    /// become an HMAC secret.
    #[error("HMAC algorithm {alg} refused")]
    HmacAlgorithm {
        /// The header's `alg`.
        alg: Untrusted,
    },
    /// `alg` is not in the verifier's allow-list (unknown, or known and not pinned).
    #[error("algorithm {found} is not allowed")]
    AlgorithmNotAllowed {
        /// The header's `alg`.
        found: Untrusted,
    },
    /// A required header member is missing (`alg`; `kid` when a key set chooses the key).
    #[error("the header has no {name}")]
    MissingHeaderMember {
        /// The member.
        name: &'static str,
    },
    /// A header member has the wrong JSON type (`alg`, `kid`, `typ`, `cty` not a string; `crit` not a
    /// non-empty array of strings).
    #[error("header member {name} has the wrong type")]
    InvalidHeaderMember {
        /// The member.
        name: &'static str,
    },
    /// The header carries a key or points at one (`jwk`, `jku`, `x5u`, and `x5c`/`x5t#S256` unless the
    /// verifier reads certificates); keys come only from the caller.
    #[error(
        "the header carries a key or a key location ({member}); keys come only from the caller"
    )]
    EmbeddedKey {
        /// The header member.
        member: &'static str,
    },
    /// `crit` lists an extension the verifier does not understand, or `b64` is not `true`.
    #[error("unsupported critical header {name}")]
    UnsupportedCritical {
        /// The extension name.
        name: Untrusted,
    },
    /// `cty` says the payload is itself a JWT (`JWT` or `application/jwt`, any letter case): a nested
    /// token (RFC 7519 §5.2, §7.2 step 8). It is never unwrapped, so the outer token is refused rather
    /// than its signature standing for claims it does not carry.
    #[error("the header's cty {cty} announces a nested JWT, which is not accepted")]
    NestedJwt {
        /// The header's `cty`.
        cty: Untrusted,
    },
    /// The `x5c` header is unusable.
    #[error("x5c refused: {problem}")]
    X5c {
        /// What is wrong.
        problem: X5cProblem,
    },
    /// The signature segment is empty (the shape of an unsecured JWS).
    #[error("the JWS has an empty signature")]
    MissingSignature,
    /// The signature is not as long as the key's modulus (RFC 8017 §8.2.2 step 1).
    #[error("the signature is {length} bytes, the key needs {expected}")]
    SignatureLength {
        /// The decoded signature's length.
        length: usize,
        /// The key's modulus length in bytes.
        expected: usize,
    },
    /// The signature does not verify with the key.
    #[error("the signature does not verify")]
    InvalidSignature,
    /// A key cannot be used (in a key set, it is kept and refused when a token names it).
    #[error("key {} cannot be used: {problem}", kid_text(kid.as_ref()))]
    KeyRejected {
        /// The key's id, when it has one.
        kid: Option<Untrusted>,
        /// Why.
        problem: KeyProblem,
    },
    /// A JWK meant to be public has a private member (`d`, `p`, `q`, `dp`, `dq`, `qi`, `oth`) or is a
    /// symmetric key (`k`).
    #[error("a public key has the private member {member}")]
    PrivateMember {
        /// The key's position in its JWKS, when read from one.
        index: Option<usize>,
        /// The member.
        member: &'static str,
    },
    /// A JWKS is not an object with a `keys` array of objects.
    #[error("the key set is not an object with a keys array of objects")]
    JwksShape,
    /// A JWKS has more keys than the limit.
    #[error("the key set has {count} keys, more than the limit of {limit}")]
    TooManyKeys {
        /// Keys found.
        count: usize,
        /// The limit.
        limit: usize,
    },
    /// A JWKS key has a member of the wrong type, or lacks one the set needs (`kty`; `kid` for a key
    /// that is not RSA).
    #[error("key {index} of the key set has a missing or malformed {member}")]
    MalformedSetKey {
        /// Position in `keys`.
        index: usize,
        /// The member.
        member: &'static str,
    },
    /// Two keys of a JWKS share a `kid`; choosing one would be "first match wins".
    #[error("two keys have the id {kid}")]
    DuplicateKeyId {
        /// The repeated id.
        kid: Untrusted,
    },
    /// No key with this `kid` in the key set.
    #[error("no key with id {kid} in the key set")]
    UnknownKeyId {
        /// The header's `kid`.
        kid: Untrusted,
    },
    /// The text is not a PEM document.
    #[error("not a PEM document")]
    Pem(#[source] Box<dyn std::error::Error + Send + Sync>),
    /// The PEM block's label is not one this operation reads.
    #[error("PEM label {label} is not one this operation reads")]
    PemLabel {
        /// The label found.
        label: Untrusted,
    },
    /// A private key was refused by aws-lc-rs: not RSA, malformed, inconsistent, or outside 2048–8192
    /// bits.
    #[error("private key refused: {reason}")]
    PrivateKeyRejected {
        /// aws-lc-rs's reason.
        reason: &'static str,
    },
    /// Key generation failed, or the size is not 2048, 3072, 4096 or 8192 bits.
    #[error("RSA key generation of {bits} bits failed (2048, 3072, 4096 and 8192 are supported)")]
    KeyGeneration {
        /// The size asked for.
        bits: usize,
    },
    /// A key could not be serialised.
    #[error("the key could not be encoded")]
    Encode,
    /// The header given to sign would make a JWS this crate refuses to read (it sets `alg`, which the
    /// algorithm argument does, or `jwk`, `jku`, `x5u`, `crit`, `b64`), or cannot be serialised.
    #[error("cannot sign with header member {member}")]
    SignHeader {
        /// The member.
        member: &'static str,
    },
    /// The signing operation failed in aws-lc-rs.
    #[error("signing failed")]
    Sign,
}

fn kid_text(kid: Option<&Untrusted>) -> String {
    kid.map_or_else(|| "without kid".to_owned(), Untrusted::to_string)
}

impl JoseError {
    /// The stable code (`jose.*`), listed with a summary and spec reference in [`CODES`].
    ///
    /// # Example
    ///
    /// ```
    /// use learnwire_jose::{Algorithm, JoseError, Verifier};
    ///
    /// let error = Verifier::new(&[Algorithm::Rs256]).read("a.b").unwrap_err();
    /// assert!(matches!(error, JoseError::SegmentCount { found: 2 }));
    /// assert_eq!(error.code().as_str(), "jose.jws.segments");
    /// assert!(error.is_malformed());
    /// ```
    pub fn code(&self) -> Code {
        Code::new(match self {
            Self::Json { error, .. } => return error.code(),
            Self::KeyRejected { problem, .. } => return problem.code(),
            Self::TooLarge { .. } => "jose.jws.too-large",
            Self::JsonSerialization => "jose.jws.json-serialization",
            Self::SegmentCount { .. } => "jose.jws.segments",
            Self::Base64 { .. } => "jose.jws.base64",
            Self::NotAnObject { .. } => "jose.jws.not-object",
            Self::UnsecuredJws => "jose.jws.alg-none",
            Self::HmacAlgorithm { .. } => "jose.jws.alg-hmac",
            Self::AlgorithmNotAllowed { .. } => "jose.jws.alg-not-allowed",
            Self::MissingHeaderMember { .. } => "jose.jws.header-missing",
            Self::InvalidHeaderMember { .. } => "jose.jws.header-type",
            Self::EmbeddedKey { .. } => "jose.jws.embedded-key",
            Self::UnsupportedCritical { .. } => "jose.jws.crit",
            Self::NestedJwt { .. } => "jose.jws.nested",
            Self::X5c { .. } => "jose.jws.x5c",
            Self::MissingSignature => "jose.jws.signature-missing",
            Self::SignatureLength { .. } => "jose.jws.signature-length",
            Self::InvalidSignature => "jose.jws.signature",
            Self::PrivateMember { .. } => "jose.jwk.private-member",
            Self::JwksShape => "jose.jwks.shape",
            Self::TooManyKeys { .. } => "jose.jwks.too-many-keys",
            Self::MalformedSetKey { .. } => "jose.jwks.malformed-key",
            Self::DuplicateKeyId { .. } => "jose.jwks.duplicate-kid",
            Self::UnknownKeyId { .. } => "jose.jwks.unknown-kid",
            Self::Pem(_) => "jose.key.pem",
            Self::PemLabel { .. } => "jose.key.pem-label",
            Self::PrivateKeyRejected { .. } => "jose.key.rejected",
            Self::KeyGeneration { .. } => "jose.key.generate",
            Self::Encode => "jose.key.encode",
            Self::SignHeader { .. } => "jose.sign.header",
            Self::Sign => "jose.sign.failed",
        })
    }

    /// True when a JWS is not well formed: size, serialization, segments, base64url, strict JSON of the
    /// header or payload, object shape, `x5c` encoding, empty signature.
    pub fn is_malformed(&self) -> bool {
        matches!(
            self,
            Self::TooLarge { .. }
                | Self::JsonSerialization
                | Self::SegmentCount { .. }
                | Self::Base64 { .. }
                | Self::NotAnObject { .. }
                | Self::X5c { .. }
                | Self::MissingSignature
        ) || matches!(self, Self::Json { part, .. } if *part != Part::KeySet)
    }

    /// True when the JWS's `alg` was refused (`none`, HMAC, or not in the allow-list).
    pub fn is_algorithm(&self) -> bool {
        matches!(
            self,
            Self::UnsecuredJws | Self::HmacAlgorithm { .. } | Self::AlgorithmNotAllowed { .. }
        )
    }

    /// True when the signature itself is wrong (wrong length, or does not verify): a forged or
    /// corrupted token, or the wrong key.
    pub fn is_invalid_signature(&self) -> bool {
        matches!(self, Self::SignatureLength { .. } | Self::InvalidSignature)
    }

    /// True when a key or a key set was refused, or the key a token names is missing or unusable.
    pub fn is_key(&self) -> bool {
        matches!(
            self,
            Self::KeyRejected { .. }
                | Self::PrivateMember { .. }
                | Self::JwksShape
                | Self::TooManyKeys { .. }
                | Self::MalformedSetKey { .. }
                | Self::DuplicateKeyId { .. }
                | Self::UnknownKeyId { .. }
        ) || matches!(self, Self::Json { part, .. } if *part == Part::KeySet)
    }
}
