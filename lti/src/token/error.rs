//! Why a signed message failed the checks every LTI message shares: [`TokenError`].

use std::fmt;

use chrono::{DateTime, TimeDelta, Utc};
use learnwire_jose::KeyProblem;
use learnwire_report::{Code, Untrusted};

use crate::codes;

/// Which part of a compact JWT a structural problem was found in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum TokenPart {
    /// The JOSE header (first segment).
    Header,
    /// The claims (second segment).
    Payload,
    /// The signature (third segment).
    Signature,
}

impl fmt::Display for TokenPart {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::Header => "header",
            Self::Payload => "payload",
            Self::Signature => "signature",
        })
    }
}

/// Why a signed message (a launch's `id_token`, a Deep Linking response, a client assertion) failed one
/// of the checks they all share, in the order they run: size and structure, header, key, signature,
/// the registered claims (`iss`, `aud`/`azp`, `exp`, `iat`, `nbf`) and the nonce (or `jti`).
///
/// It is nested in [`LaunchError`](crate::LaunchError), [`DeepLinkingError`](crate::deep_linking::DeepLinkingError)
/// and [`ClientAssertionError`](crate::platform::ClientAssertionError); their `code()` is this one's.
/// Attacker-supplied values are kept as [`Untrusted`] (cut, and escaped when shown); the token itself,
/// signatures and nonces are never kept.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum TokenError {
    /// The token is longer than the limit; decided on its length, before any decoding.
    #[error("{}: token is {length} bytes, more than the limit of {limit}", self.code())]
    TooLarge {
        /// The token's length in bytes.
        length: usize,
        /// The limit.
        limit: usize,
    },
    /// The token does not have exactly three segments (a JWE has five and is not supported).
    #[error("{}: token has {found} segments, a signed JWT has 3 (encrypted tokens are not supported)", self.code())]
    SegmentCount {
        /// Segments found.
        found: usize,
    },
    /// A segment is not strict unpadded base64url.
    #[error("{}: the {part} is not strict base64url", self.code())]
    Base64 {
        /// The segment.
        part: TokenPart,
    },
    /// A segment is not valid JSON (syntax, UTF-8, lone surrogate, number out of range).
    #[error("{}: the {part} is not valid JSON", self.code())]
    InvalidJson {
        /// The segment.
        part: TokenPart,
        /// The parser's error.
        #[source]
        source: Box<dyn std::error::Error + Send + Sync>,
    },
    /// A segment is JSON but not an object.
    #[error("{}: the {part} is not a JSON object", self.code())]
    NotAnObject {
        /// The segment.
        part: TokenPart,
    },
    /// A segment nests deeper than the limit.
    #[error("{}: the {part} nests deeper than {limit} levels", self.code())]
    TooDeep {
        /// The segment.
        part: TokenPart,
        /// The limit.
        limit: usize,
    },
    /// A JSON object in a segment has the same member twice (refused rather than first or last wins).
    #[error("{}: the {part} has member {name} twice", self.code())]
    DuplicateMember {
        /// The segment.
        part: TokenPart,
        /// The repeated member name.
        name: Untrusted,
    },
    /// `alg` is `none` (in any letter case): an unsecured JWT.
    #[error("{}: unsecured JWT (alg none) refused", self.code())]
    UnsecuredJwt,
    /// `alg` is missing or not in the registration's allow-list (RS256 by default).
    #[error("{}: algorithm {found} is not allowed", self.code())]
    AlgorithmNotAllowed {
        /// The header's `alg` (empty when missing or not a string).
        found: Untrusted,
    },
    /// The header has no `kid`, so the key cannot be chosen without trying several.
    #[error("{}: the header has no kid", self.code())]
    MissingKeyId,
    /// The header carries a key or a key location (`jwk`, `jku`, `x5u`, `x5c`); keys come only from the
    /// configured key set, so such a token is refused.
    #[error(
        "{}: the header carries a key or key location ({member}); keys come only from the configured key set",
        self.code()
    )]
    EmbeddedKey {
        /// The header member.
        member: &'static str,
    },
    /// The header lists a critical extension (`crit`) this library does not understand.
    #[error("{}: unsupported critical header {name}", self.code())]
    UnsupportedCritical {
        /// The extension name (or the whole `crit` value when malformed).
        name: Untrusted,
    },
    /// The header's `cty` says the payload is itself a JWT (`JWT` or `application/jwt`, in any letter
    /// case): a nested token (RFC 7519 §5.2, §7.2 step 8). This library never unwraps one, so the outer
    /// token is refused instead of its signature standing for claims it does not carry.
    #[error("{}: the header's cty {cty} announces a nested JWT, which is not accepted", self.code())]
    NestedToken {
        /// The header's `cty`.
        cty: Untrusted,
    },
    /// A header member has the wrong JSON type (`kid`, `typ` or `cty` not a string, `crit` not an array of
    /// strings).
    #[error("{}: header member {name} has the wrong type", self.code())]
    InvalidHeaderMember {
        /// The member.
        name: &'static str,
    },
    /// No key with this `kid` in the key set.
    #[error("{}: no key with id {kid} in the key set", self.code())]
    UnknownKeyId {
        /// The header's `kid`.
        kid: Untrusted,
    },
    /// The key named by `kid` exists but cannot verify this token.
    #[error("{}: key {kid} cannot be used: {problem}", self.code())]
    KeyRejected {
        /// The key's id.
        kid: Untrusted,
        /// Why.
        problem: KeyProblem,
    },
    /// The signature does not verify with the key named by `kid` (or is empty, or is not as long as the
    /// key's modulus).
    #[error("{}: signature does not verify", self.code())]
    InvalidSignature,
    /// The JOSE layer refused the token for a reason with no LTI code of its own (not produced by the
    /// checks listed here; kept so a future JOSE check fails closed with its cause).
    #[error("{}: token refused by the JOSE layer", self.code())]
    Refused(#[source] Box<learnwire_jose::JoseError>),
    /// A registered claim the message needs is missing (`iss`, `aud`, `exp`, `iat`; `sub` and `jti` of a
    /// client assertion).
    #[error("{}: required claim {claim} is missing", self.code())]
    MissingClaim {
        /// The claim name.
        claim: &'static str,
    },
    /// A claim has the wrong JSON type or an out-of-range value (a time given as a string, `aud` a number).
    /// A claim that does not parse is never treated as absent.
    #[error("{}: claim {claim} has the wrong type or range", self.code())]
    InvalidClaimType {
        /// The claim name.
        claim: &'static str,
    },
    /// `iss` differs from the expected issuer (byte for byte, no normalisation).
    #[error("{}: issuer {found} is not the expected one", self.code())]
    IssuerMismatch {
        /// The token's `iss`.
        found: Untrusted,
    },
    /// `aud` does not contain the expected audience (the tool's `client_id`, or the platform's issuer).
    #[error("{}: audience does not contain the expected one", self.code())]
    AudienceMismatch,
    /// `aud` contains an audience that is neither expected nor configured as trusted.
    #[error("{}: untrusted audience {audience}", self.code())]
    UntrustedAudience {
        /// The untrusted audience.
        audience: Untrusted,
    },
    /// `aud` has several values and no `azp`.
    #[error("{}: azp is required when aud has several values", self.code())]
    MissingAuthorizedParty,
    /// `azp` is present and differs from the expected audience.
    #[error("{}: azp {found} is not the expected one", self.code())]
    AuthorizedPartyMismatch {
        /// The token's `azp`.
        found: Untrusted,
    },
    /// `exp` is past (with leeway): `now >= exp + leeway`.
    #[error("{}: token expired at {expired_at} (now {now}, leeway {leeway})", self.code())]
    Expired {
        /// The token's `exp`.
        expired_at: DateTime<Utc>,
        /// The injected time.
        now: DateTime<Utc>,
        /// The leeway.
        leeway: TimeDelta,
    },
    /// `iat` is in the future (beyond the leeway).
    #[error("{}: token issued in the future at {issued_at} (now {now})", self.code())]
    IssuedInFuture {
        /// The token's `iat`.
        issued_at: DateTime<Utc>,
        /// The injected time.
        now: DateTime<Utc>,
    },
    /// `iat` is older than the maximum token age (the nonce retention window).
    #[error("{}: token issued at {issued_at}, longer ago than {max_age}", self.code())]
    IssuedTooLongAgo {
        /// The token's `iat`.
        issued_at: DateTime<Utc>,
        /// The maximum age.
        max_age: TimeDelta,
    },
    /// `nbf` is in the future (beyond the leeway).
    #[error("{}: token not valid before {not_before} (now {now})", self.code())]
    NotYetValid {
        /// The token's `nbf`.
        not_before: DateTime<Utc>,
        /// The injected time.
        now: DateTime<Utc>,
    },
    /// The token has no `nonce`.
    #[error("{}: the token has no nonce", self.code())]
    MissingNonce,
    /// The token's `nonce` differs from the one issued at login.
    #[error("{}: nonce does not match the one issued at login", self.code())]
    NonceMismatch,
    /// The nonce was already used.
    #[error("{}: nonce was already used", self.code())]
    NonceReplayed,
    /// The nonce store could not record the nonce (full, or unavailable); refused, fail closed.
    #[error("{}: the nonce store could not record the nonce", self.code())]
    NonceStore(#[source] Box<dyn std::error::Error + Send + Sync>),
}

impl TokenError {
    /// A stable code for logs, tests and JSON output ("lti.*"). Never renamed or reused.
    pub fn code(&self) -> Code {
        match self {
            Self::TooLarge { .. } => codes::TOKEN_TOO_LARGE,
            Self::SegmentCount { .. } => codes::TOKEN_SEGMENTS,
            Self::Base64 { .. } => codes::TOKEN_BASE64,
            Self::InvalidJson { .. } => codes::TOKEN_JSON,
            Self::NotAnObject { .. } => codes::TOKEN_NOT_OBJECT,
            Self::TooDeep { .. } => codes::TOKEN_TOO_DEEP,
            Self::DuplicateMember { .. } => codes::TOKEN_DUPLICATE_MEMBER,
            Self::UnsecuredJwt => codes::HEADER_ALG_NONE,
            Self::AlgorithmNotAllowed { .. } => codes::HEADER_ALG_NOT_ALLOWED,
            Self::MissingKeyId => codes::HEADER_KID_MISSING,
            Self::EmbeddedKey { .. } => codes::HEADER_EMBEDDED_KEY,
            Self::UnsupportedCritical { .. } => codes::HEADER_CRIT,
            Self::NestedToken { .. } => codes::HEADER_NESTED_JWT,
            Self::InvalidHeaderMember { .. } => codes::HEADER_INVALID_MEMBER,
            Self::UnknownKeyId { .. } => codes::KEY_UNKNOWN_KID,
            Self::KeyRejected { .. } => codes::KEY_REJECTED,
            Self::InvalidSignature => codes::SIGNATURE_INVALID,
            Self::Refused(_) => codes::TOKEN_REFUSED,
            Self::MissingClaim { .. } => codes::CLAIM_MISSING,
            Self::InvalidClaimType { .. } => codes::CLAIM_TYPE,
            Self::IssuerMismatch { .. } => codes::CLAIM_ISS,
            Self::AudienceMismatch => codes::CLAIM_AUD,
            Self::UntrustedAudience { .. } => codes::CLAIM_AUD_UNTRUSTED,
            Self::MissingAuthorizedParty => codes::CLAIM_AZP_MISSING,
            Self::AuthorizedPartyMismatch { .. } => codes::CLAIM_AZP,
            Self::Expired { .. } => codes::CLAIM_EXP,
            Self::IssuedInFuture { .. } => codes::CLAIM_IAT_FUTURE,
            Self::IssuedTooLongAgo { .. } => codes::CLAIM_IAT_TOO_OLD,
            Self::NotYetValid { .. } => codes::CLAIM_NBF,
            Self::MissingNonce => codes::NONCE_MISSING,
            Self::NonceMismatch => codes::NONCE_MISMATCH,
            Self::NonceReplayed => codes::NONCE_REPLAYED,
            Self::NonceStore(_) => codes::NONCE_STORE,
        }
    }

    /// True when the token itself is not a well-formed signed JWT (size, segments, base64, JSON shape).
    pub fn is_malformed(&self) -> bool {
        matches!(
            self,
            Self::TooLarge { .. }
                | Self::SegmentCount { .. }
                | Self::Base64 { .. }
                | Self::InvalidJson { .. }
                | Self::NotAnObject { .. }
                | Self::TooDeep { .. }
                | Self::DuplicateMember { .. }
        )
    }

    /// True when the rejection is about time (`exp`, `iat`, `nbf`): a clock problem or a stale message.
    pub fn is_time(&self) -> bool {
        matches!(
            self,
            Self::Expired { .. }
                | Self::IssuedInFuture { .. }
                | Self::IssuedTooLongAgo { .. }
                | Self::NotYetValid { .. }
        )
    }

    /// True for a replayed or mismatched nonce, or a signature that does not verify: a possible attack,
    /// worth logging as such.
    pub fn is_replay_or_forgery(&self) -> bool {
        matches!(
            self,
            Self::NonceReplayed | Self::NonceMismatch | Self::InvalidSignature
        )
    }
}
