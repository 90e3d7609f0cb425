//! Why a message was rejected: [`LaunchError`], one variant per check.

use std::fmt;

use chrono::{DateTime, TimeDelta, Utc};
pub use learnwire_jose::KeyProblem;
pub use learnwire_report::Untrusted;

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

/// Why an LTI message (a launch, or a Deep Linking response checked by a platform) was rejected: one variant
/// per check of the 1EdTech Security Framework, in the order they run.
///
/// Each variant has a stable [`code`](Self::code). Attacker-supplied values are kept as [`Untrusted`]
/// (cut, and escaped when shown); the token itself, signatures and nonces are never kept.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum LaunchError {
    /// The form has no `id_token` (or, for a Deep Linking response, no `JWT`).
    #[error("the form has no {field} field")]
    MissingToken {
        /// The expected field name.
        field: &'static str,
    },
    /// The form is larger than the limit or repeats a field.
    #[error("the form is malformed: {reason}")]
    MalformedForm {
        /// What is wrong.
        reason: &'static str,
    },
    /// The form has no `state`.
    #[error("the form has no state")]
    MissingState,
    /// The `state` differs from the one issued at login (compared in constant time).
    #[error("state does not match the one issued at login")]
    StateMismatch,
    /// A sealed state did not open: forged, altered, malformed or sealed with another key. (Its age is
    /// checked once it is open: [`LoginStateExpired`](Self::LoginStateExpired),
    /// [`LoginStateFromFuture`](Self::LoginStateFromFuture).)
    #[error("sealed state is not valid: {reason}")]
    InvalidSealedState {
        /// What is wrong.
        reason: &'static str,
    },
    /// The login state is older than the verifier's maximum login age (default 10 minutes,
    /// [`LaunchVerifier::with_max_login_age`](crate::launch::LaunchVerifier::with_max_login_age)): the
    /// login was started too long before this launch. Applies to kept and sealed state alike; exactly the
    /// maximum age is accepted.
    #[error("login state created at {created_at} is older than {max_age} (now {now})")]
    LoginStateExpired {
        /// When the login started ([`LoginState::created_at`](crate::login::LoginState::created_at)).
        created_at: DateTime<Utc>,
        /// The injected time.
        now: DateTime<Utc>,
        /// The maximum login age.
        max_age: TimeDelta,
    },
    /// The login state was created later than `now` plus the clock leeway: a clock problem or a forged
    /// store entry.
    #[error("login state created in the future at {created_at} (now {now})")]
    LoginStateFromFuture {
        /// When the login claims to have started.
        created_at: DateTime<Utc>,
        /// The injected time.
        now: DateTime<Utc>,
    },
    /// The token is longer than the limit; decided on its length, before any decoding.
    #[error("token is {length} bytes, more than the limit of {limit}")]
    TokenTooLarge {
        /// The token's length in bytes.
        length: usize,
        /// The limit.
        limit: usize,
    },
    /// The token does not have exactly three segments (a JWE has five and is not supported).
    #[error("token has {found} segments, a signed JWT has 3 (encrypted tokens are not supported)")]
    SegmentCount {
        /// Segments found.
        found: usize,
    },
    /// A segment is not strict unpadded base64url.
    #[error("the {part} is not strict base64url")]
    Base64 {
        /// The segment.
        part: TokenPart,
    },
    /// A segment is not valid JSON (syntax, UTF-8, lone surrogate, number out of range).
    #[error("the {part} is not valid JSON")]
    InvalidJson {
        /// The segment.
        part: TokenPart,
        /// The parser's error.
        #[source]
        source: Box<dyn std::error::Error + Send + Sync>,
    },
    /// A segment is JSON but not an object.
    #[error("the {part} is not a JSON object")]
    NotAnObject {
        /// The segment.
        part: TokenPart,
    },
    /// A segment nests deeper than the limit.
    #[error("the {part} nests deeper than {limit} levels")]
    TooDeep {
        /// The segment.
        part: TokenPart,
        /// The limit.
        limit: usize,
    },
    /// A JSON object in a segment has the same member twice (refused rather than first or last wins).
    #[error("the {part} has member {name} twice")]
    DuplicateMember {
        /// The segment.
        part: TokenPart,
        /// The repeated member name.
        name: Untrusted,
    },
    /// `alg` is `none` (in any letter case): an unsecured JWT.
    #[error("unsecured JWT (alg none) refused")]
    UnsecuredJwt,
    /// `alg` is missing or not in the registration's allow-list (RS256 by default).
    #[error("algorithm {found} is not allowed")]
    AlgorithmNotAllowed {
        /// The header's `alg` (empty when missing or not a string).
        found: Untrusted,
    },
    /// The header has no `kid`, so the key cannot be chosen without trying several.
    #[error("the header has no kid")]
    MissingKeyId,
    /// The header carries a key or a key location (`jwk`, `jku`, `x5u`, `x5c`); keys come only from the
    /// configured key set, so such a token is refused.
    #[error(
        "the header carries a key or key location ({member}); keys come only from the configured key set"
    )]
    EmbeddedKey {
        /// The header member.
        member: &'static str,
    },
    /// The header lists a critical extension (`crit`) this library does not understand.
    #[error("unsupported critical header {name}")]
    UnsupportedCritical {
        /// The extension name (or the whole `crit` value when malformed).
        name: Untrusted,
    },
    /// The header's `cty` says the payload is itself a JWT (`JWT` or `application/jwt`, in any letter
    /// case): a nested token (RFC 7519 §5.2, §7.2 step 8). This library never unwraps one, so the outer
    /// token is refused instead of its signature standing for claims it does not carry.
    #[error("the header's cty {cty} announces a nested JWT, which is not accepted")]
    NestedToken {
        /// The header's `cty`.
        cty: Untrusted,
    },
    /// A header member has the wrong JSON type (`kid`, `typ` or `cty` not a string, `crit` not an array of
    /// strings).
    #[error("header member {name} has the wrong type")]
    InvalidHeaderMember {
        /// The member.
        name: &'static str,
    },
    /// No key with this `kid` in the key set.
    #[error("no key with id {kid} in the key set")]
    UnknownKeyId {
        /// The header's `kid`.
        kid: Untrusted,
    },
    /// The key named by `kid` exists but cannot verify this token.
    #[error("key {kid} cannot be used: {problem}")]
    KeyRejected {
        /// The key's id.
        kid: Untrusted,
        /// Why.
        problem: KeyProblem,
    },
    /// The signature does not verify with the key named by `kid` (or is empty, or is not as long as the
    /// key's modulus).
    #[error("signature does not verify")]
    InvalidSignature,
    /// The JOSE layer refused the token for a reason with no LTI code of its own (not produced by the
    /// checks listed here; kept so a future JOSE check fails closed with its cause).
    #[error("token refused by the JOSE layer")]
    Refused(#[source] Box<learnwire_jose::JoseError>),
    /// A required claim is missing.
    #[error("required claim {claim} is missing")]
    MissingClaim {
        /// The claim name.
        claim: &'static str,
    },
    /// A claim has the wrong JSON type or an out-of-range value (a time given as a string, `aud` a number).
    /// A claim that does not parse is never treated as absent.
    #[error("claim {claim} has the wrong type or range")]
    InvalidClaimType {
        /// The claim name.
        claim: &'static str,
    },
    /// The claims passed every check but do not read as their LTI types (a malformed URL in
    /// `target_link_uri`, an id too long, a member of the wrong type in an optional claim).
    #[error("claims do not match their LTI types")]
    InvalidClaims {
        /// The typed reader's error (it names the claim).
        #[source]
        source: Box<dyn std::error::Error + Send + Sync>,
    },
    /// `iss` differs from the expected issuer (byte for byte, no normalisation).
    #[error("issuer {found} is not the expected one")]
    IssuerMismatch {
        /// The token's `iss`.
        found: Untrusted,
    },
    /// `sub` differs from the expected subject (a client assertion's `sub` must equal its `iss`).
    #[error("subject {found} is not the expected one")]
    SubjectMismatch {
        /// The token's `sub`.
        found: Untrusted,
    },
    /// `exp - iat` is longer than allowed (5 minutes for a client assertion).
    #[error("token lifetime {lifetime} is longer than allowed")]
    LifetimeTooLong {
        /// `exp - iat`.
        lifetime: TimeDelta,
    },
    /// `aud` does not contain the expected audience (the tool's `client_id`, or the platform's issuer).
    #[error("audience does not contain the expected one")]
    AudienceMismatch,
    /// `aud` contains an audience that is neither expected nor configured as trusted.
    #[error("untrusted audience {audience}")]
    UntrustedAudience {
        /// The untrusted audience.
        audience: Untrusted,
    },
    /// `aud` has several values and no `azp`.
    #[error("azp is required when aud has several values")]
    MissingAuthorizedParty,
    /// `azp` is present and differs from the expected audience.
    #[error("azp {found} is not the expected one")]
    AuthorizedPartyMismatch {
        /// The token's `azp`.
        found: Untrusted,
    },
    /// `exp` is past (with leeway): `now >= exp + leeway`.
    #[error("token expired at {expired_at} (now {now}, leeway {leeway})")]
    Expired {
        /// The token's `exp`.
        expired_at: DateTime<Utc>,
        /// The injected time.
        now: DateTime<Utc>,
        /// The leeway.
        leeway: TimeDelta,
    },
    /// `iat` is in the future (beyond the leeway).
    #[error("token issued in the future at {issued_at} (now {now})")]
    IssuedInFuture {
        /// The token's `iat`.
        issued_at: DateTime<Utc>,
        /// The injected time.
        now: DateTime<Utc>,
    },
    /// `iat` is older than the maximum token age (the nonce retention window).
    #[error("token issued at {issued_at}, longer ago than {max_age}")]
    IssuedTooLongAgo {
        /// The token's `iat`.
        issued_at: DateTime<Utc>,
        /// The maximum age.
        max_age: TimeDelta,
    },
    /// `nbf` is in the future (beyond the leeway).
    #[error("token not valid before {not_before} (now {now})")]
    NotYetValid {
        /// The token's `nbf`.
        not_before: DateTime<Utc>,
        /// The injected time.
        now: DateTime<Utc>,
    },
    /// The token has no `nonce`.
    #[error("the token has no nonce")]
    MissingNonce,
    /// The token's `nonce` differs from the one issued at login.
    #[error("nonce does not match the one issued at login")]
    NonceMismatch,
    /// The nonce was already used.
    #[error("nonce was already used")]
    NonceReplayed,
    /// The nonce store could not record the nonce (full, or unavailable); refused, fail closed.
    #[error("the nonce store could not record the nonce")]
    NonceStore(#[source] Box<dyn std::error::Error + Send + Sync>),
    /// `deployment_id` is not registered for this issuer and client.
    #[error("deployment {deployment_id} is not registered")]
    UnknownDeployment {
        /// The token's deployment id.
        deployment_id: Untrusted,
    },
    /// `version` is not `1.3.0`.
    #[error("LTI version {found} is not supported (1.3.0 is)")]
    UnsupportedVersion {
        /// The token's version.
        found: Untrusted,
    },
    /// `message_type` is unknown, or not one this verifier accepts here.
    #[error("message type {found} is not accepted here")]
    InvalidMessageType {
        /// The token's message type.
        found: Untrusted,
    },
    /// `target_link_uri` differs from the one given at login initiation.
    #[error("target_link_uri {found} differs from the one given at login")]
    TargetLinkUriMismatch {
        /// The token's `target_link_uri`.
        found: Untrusted,
    },
    /// A Deep Linking response does not echo the request's `data` exactly.
    #[error("the data claim does not echo the request's data")]
    DataMismatch,
    /// A content item of a Deep Linking response is not acceptable (bad URL scheme, wrong shape).
    #[error("content item {index} is not acceptable: {reason}")]
    InvalidContentItem {
        /// The item's position in `content_items`.
        index: usize,
        /// What is wrong.
        reason: &'static str,
    },
}

impl LaunchError {
    /// A stable code for logs, tests and JSON output ("lti.*"). Never renamed or reused.
    pub fn code(&self) -> &'static str {
        match self {
            Self::MissingToken { .. } => "lti.form.token-missing",
            Self::MalformedForm { .. } => "lti.form.malformed",
            Self::MissingState => "lti.state.missing",
            Self::StateMismatch => "lti.state.mismatch",
            Self::InvalidSealedState { .. } => "lti.state.sealed-invalid",
            Self::LoginStateExpired { .. } => "lti.state.expired",
            Self::LoginStateFromFuture { .. } => "lti.state.future",
            Self::TokenTooLarge { .. } => "lti.token.too-large",
            Self::SegmentCount { .. } => "lti.token.segments",
            Self::Base64 { .. } => "lti.token.base64",
            Self::InvalidJson { .. } => "lti.token.json",
            Self::NotAnObject { .. } => "lti.token.not-object",
            Self::TooDeep { .. } => "lti.token.too-deep",
            Self::DuplicateMember { .. } => "lti.token.duplicate-member",
            Self::UnsecuredJwt => "lti.header.alg-none",
            Self::AlgorithmNotAllowed { .. } => "lti.header.alg-not-allowed",
            Self::MissingKeyId => "lti.header.kid-missing",
            Self::EmbeddedKey { .. } => "lti.header.embedded-key",
            Self::UnsupportedCritical { .. } => "lti.header.crit",
            Self::NestedToken { .. } => "lti.header.nested-jwt",
            Self::InvalidHeaderMember { .. } => "lti.header.invalid-member",
            Self::UnknownKeyId { .. } => "lti.key.unknown-kid",
            Self::KeyRejected { .. } => "lti.key.rejected",
            Self::InvalidSignature => "lti.signature.invalid",
            Self::Refused(_) => "lti.token.refused",
            Self::MissingClaim { .. } => "lti.claim.missing",
            Self::InvalidClaimType { .. } => "lti.claim.type",
            Self::InvalidClaims { .. } => "lti.claim.invalid",
            Self::IssuerMismatch { .. } => "lti.claim.iss",
            Self::SubjectMismatch { .. } => "lti.claim.sub",
            Self::LifetimeTooLong { .. } => "lti.claim.lifetime",
            Self::AudienceMismatch => "lti.claim.aud",
            Self::UntrustedAudience { .. } => "lti.claim.aud-untrusted",
            Self::MissingAuthorizedParty => "lti.claim.azp-missing",
            Self::AuthorizedPartyMismatch { .. } => "lti.claim.azp",
            Self::Expired { .. } => "lti.claim.exp",
            Self::IssuedInFuture { .. } => "lti.claim.iat-future",
            Self::IssuedTooLongAgo { .. } => "lti.claim.iat-too-old",
            Self::NotYetValid { .. } => "lti.claim.nbf",
            Self::MissingNonce => "lti.nonce.missing",
            Self::NonceMismatch => "lti.nonce.mismatch",
            Self::NonceReplayed => "lti.nonce.replayed",
            Self::NonceStore(_) => "lti.nonce.store",
            Self::UnknownDeployment { .. } => "lti.deployment.unknown",
            Self::UnsupportedVersion { .. } => "lti.version",
            Self::InvalidMessageType { .. } => "lti.message-type",
            Self::TargetLinkUriMismatch { .. } => "lti.target-link-uri",
            Self::DataMismatch => "lti.deep-linking.data",
            Self::InvalidContentItem { .. } => "lti.deep-linking.content-item",
        }
    }

    /// True when the token itself is not a well-formed signed JWT (size, segments, base64, JSON shape).
    pub fn is_malformed(&self) -> bool {
        matches!(
            self,
            Self::TokenTooLarge { .. }
                | Self::SegmentCount { .. }
                | Self::Base64 { .. }
                | Self::InvalidJson { .. }
                | Self::NotAnObject { .. }
                | Self::TooDeep { .. }
                | Self::DuplicateMember { .. }
        )
    }

    /// True when the rejection is about time (`exp`, `iat`, `nbf`, the login state's age): a clock problem
    /// or a stale launch, where asking the user to launch again is the right answer.
    pub fn is_time(&self) -> bool {
        matches!(
            self,
            Self::LoginStateExpired { .. }
                | Self::LoginStateFromFuture { .. }
                | Self::Expired { .. }
                | Self::IssuedInFuture { .. }
                | Self::IssuedTooLongAgo { .. }
                | Self::NotYetValid { .. }
        )
    }

    /// True for a replayed or mismatched nonce or state: a possible attack, worth logging as such.
    pub fn is_replay_or_forgery(&self) -> bool {
        matches!(
            self,
            Self::NonceReplayed
                | Self::NonceMismatch
                | Self::StateMismatch
                | Self::InvalidSealedState { .. }
                | Self::InvalidSignature
        )
    }
}
