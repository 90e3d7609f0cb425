//! A signed LTI message read and verified by `learnwire-jose`: size first, exactly three segments, strict
//! base64url, strict JSON (depth limit, no duplicate members), the header checks of RFC 8725 (`alg`
//! pinned, `kid` required, no embedded keys, no `crit`, no nested JWT), the key chosen by `kid`, the
//! signature over the exact received bytes; then the payload. Each refusal keeps its `lti.*` code.

use learnwire_jose::{JoseError, JsonError, Part, Verifier};
use learnwire_report::Untrusted;
use serde_json::{Map, Value};

use crate::error::{LaunchError, TokenPart};
use crate::keys::{Algorithm, KeySet};
use crate::limits::Limits;

/// A token whose signature verified, with its claims (not checked yet).
pub(crate) struct VerifiedToken {
    /// The payload object.
    pub(crate) claims: Map<String, Value>,
    /// The header's key id.
    pub(crate) kid: String,
    /// The header's algorithm (one of the allowed ones).
    pub(crate) alg: Algorithm,
}

/// Reads `token`, chooses its key from `keys` by `kid`, and verifies the signature.
pub(crate) fn verify_signature(
    token: &str,
    keys: &KeySet,
    algorithms: &[Algorithm],
    limits: &Limits,
) -> Result<VerifiedToken, LaunchError> {
    let verifier = Verifier::new(algorithms)
        .with_limits(limits.jose())
        .with_kid_required(true);
    let read = verifier
        .read(token)
        .map_err(|error| from_jose(error, token))?;
    let kid = read.header().kid().unwrap_or_default().to_owned();
    let verified = keys
        .jwk_set()
        .verify(&read)
        .map_err(|error| from_jose(error, token))?;
    let (header, claims) = verified.into_parts();
    Ok(VerifiedToken {
        claims,
        kid,
        alg: header.alg(),
    })
}

/// A refusal of `learnwire-jose` under its `lti.*` name (the codes LTI has always used).
pub(crate) fn from_jose(error: JoseError, token: &str) -> LaunchError {
    match error {
        JoseError::TooLarge { length, limit } => LaunchError::TokenTooLarge { length, limit },
        // A JSON serialization is not the compact form: counted as segments, as before.
        JoseError::JsonSerialization => LaunchError::SegmentCount {
            found: token.split('.').count(),
        },
        JoseError::SegmentCount { found } => LaunchError::SegmentCount { found },
        JoseError::Base64 { part } => LaunchError::Base64 {
            part: token_part(part),
        },
        JoseError::Json { part, error } => json_error(token_part(part), error),
        JoseError::NotAnObject { part } => LaunchError::NotAnObject {
            part: token_part(part),
        },
        JoseError::UnsecuredJws => LaunchError::UnsecuredJwt,
        JoseError::HmacAlgorithm { alg } => LaunchError::AlgorithmNotAllowed { found: alg },
        JoseError::AlgorithmNotAllowed { found } => LaunchError::AlgorithmNotAllowed { found },
        // A missing or non-string alg names no allowed algorithm.
        JoseError::MissingHeaderMember { name: "alg" }
        | JoseError::InvalidHeaderMember { name: "alg" } => LaunchError::AlgorithmNotAllowed {
            found: Untrusted::new(""),
        },
        JoseError::MissingHeaderMember { .. } => LaunchError::MissingKeyId,
        JoseError::InvalidHeaderMember { name } => LaunchError::InvalidHeaderMember { name },
        JoseError::EmbeddedKey { member } => LaunchError::EmbeddedKey { member },
        JoseError::X5c { .. } => LaunchError::EmbeddedKey { member: "x5c" },
        JoseError::UnsupportedCritical { name } => LaunchError::UnsupportedCritical { name },
        JoseError::NestedJwt { cty } => LaunchError::NestedToken { cty },
        // An empty signature, one of the wrong length, or one that does not verify: all forgeries.
        JoseError::MissingSignature
        | JoseError::SignatureLength { .. }
        | JoseError::InvalidSignature => LaunchError::InvalidSignature,
        JoseError::UnknownKeyId { kid } => LaunchError::UnknownKeyId { kid },
        JoseError::KeyRejected { kid, problem } => LaunchError::KeyRejected {
            kid: kid.unwrap_or_else(|| Untrusted::new("")),
            problem,
        },
        other => LaunchError::Refused(Box::new(other)),
    }
}

fn json_error(part: TokenPart, error: JsonError) -> LaunchError {
    match error {
        JsonError::TooDeep { limit, .. } => LaunchError::TooDeep { part, limit },
        JsonError::DuplicateMember { name, .. } => LaunchError::DuplicateMember { part, name },
        other => LaunchError::InvalidJson {
            part,
            source: Box::new(other),
        },
    }
}

fn token_part(part: Part) -> TokenPart {
    match part {
        Part::Header => TokenPart::Header,
        Part::Signature => TokenPart::Signature,
        _ => TokenPart::Payload,
    }
}
