//! The refusals of `learnwire-jose` under their `lti.*` names (the codes LTI has always used).

use learnwire_jose::{JoseError, JsonError, Part};
use learnwire_report::Untrusted;

use super::{TokenError, TokenPart};

/// A refusal of `learnwire-jose` under its `lti.*` name (the codes LTI has always used).
pub(super) fn from_jose(error: JoseError, token: &str) -> TokenError {
    match error {
        JoseError::TooLarge { length, limit } => TokenError::TooLarge { length, limit },
        // A JSON serialization is not the compact form: counted as segments, as before.
        JoseError::JsonSerialization => TokenError::SegmentCount {
            found: token.split('.').count(),
        },
        JoseError::SegmentCount { found } => TokenError::SegmentCount { found },
        JoseError::Base64 { part } => TokenError::Base64 {
            part: token_part(part),
        },
        JoseError::Json { part, error } => json_error(token_part(part), error),
        JoseError::NotAnObject { part } => TokenError::NotAnObject {
            part: token_part(part),
        },
        JoseError::UnsecuredJws => TokenError::UnsecuredJwt,
        JoseError::HmacAlgorithm { alg } => TokenError::AlgorithmNotAllowed { found: alg },
        JoseError::AlgorithmNotAllowed { found } => TokenError::AlgorithmNotAllowed { found },
        // A missing or non-string alg names no allowed algorithm.
        JoseError::MissingHeaderMember { name: "alg" }
        | JoseError::InvalidHeaderMember { name: "alg" } => TokenError::AlgorithmNotAllowed {
            found: Untrusted::new(""),
        },
        JoseError::MissingHeaderMember { .. } => TokenError::MissingKeyId,
        JoseError::InvalidHeaderMember { name } => TokenError::InvalidHeaderMember { name },
        JoseError::EmbeddedKey { member } => TokenError::EmbeddedKey { member },
        JoseError::X5c { .. } => TokenError::EmbeddedKey { member: "x5c" },
        JoseError::UnsupportedCritical { name } => TokenError::UnsupportedCritical { name },
        JoseError::NestedJwt { cty } => TokenError::NestedToken { cty },
        // An empty signature, one of the wrong length, or one that does not verify: all forgeries.
        JoseError::MissingSignature
        | JoseError::SignatureLength { .. }
        | JoseError::InvalidSignature => TokenError::InvalidSignature,
        JoseError::UnknownKeyId { kid } => TokenError::UnknownKeyId { kid },
        JoseError::KeyRejected { kid, problem } => TokenError::KeyRejected {
            kid: kid.unwrap_or_else(|| Untrusted::new("")),
            problem,
        },
        other => TokenError::Refused(Box::new(other)),
    }
}

fn json_error(part: TokenPart, error: JsonError) -> TokenError {
    match error {
        JsonError::TooDeep { limit, .. } => TokenError::TooDeep { part, limit },
        JsonError::DuplicateMember { name, .. } => TokenError::DuplicateMember { part, name },
        other => TokenError::InvalidJson {
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
