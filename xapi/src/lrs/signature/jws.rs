//! The JWS itself, read and verified by `learnwire-jose` (the workspace's one JOSE layer); this file
//! pins xAPI's algorithms and maps jose's errors onto the `xapi.signature.*` codes.

use std::fmt;

use learnwire_jose::{Algorithm, JoseError, Part, UnverifiedJws, Verifier, X5cProblem};
use learnwire_report::quote;

use super::error::SignatureError;

/// A JWS algorithm allowed for statement signatures (Data §2.6: "RS256", "RS384" or "RS512").
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[non_exhaustive]
pub enum SignatureAlgorithm {
    /// RSASSA-PKCS1-v1_5 with SHA-256.
    Rs256,
    /// RSASSA-PKCS1-v1_5 with SHA-384.
    Rs384,
    /// RSASSA-PKCS1-v1_5 with SHA-512.
    Rs512,
}

impl SignatureAlgorithm {
    /// Every algorithm xAPI allows.
    pub const ALL: [Self; 3] = [Self::Rs256, Self::Rs384, Self::Rs512];

    /// The JWS `alg` name.
    pub fn as_str(self) -> &'static str {
        self.to_jose().as_str()
    }

    /// The algorithm named `alg` (exact case), if xAPI allows it.
    pub fn from_name(alg: &str) -> Option<Self> {
        Algorithm::from_name(alg).and_then(Self::from_jose)
    }

    /// The same algorithm in `learnwire-jose`.
    pub fn to_jose(self) -> Algorithm {
        match self {
            Self::Rs256 => Algorithm::Rs256,
            Self::Rs384 => Algorithm::Rs384,
            Self::Rs512 => Algorithm::Rs512,
        }
    }

    /// The xAPI algorithm for a `learnwire-jose` one (all three are xAPI's today; `None` for any the
    /// JOSE layer may add later).
    pub fn from_jose(alg: Algorithm) -> Option<Self> {
        Self::ALL.into_iter().find(|known| known.to_jose() == alg)
    }
}

impl fmt::Display for SignatureAlgorithm {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// What the JOSE layer is told about a statement signature.
pub(crate) struct JwsRules<'a> {
    pub(crate) algorithms: &'a [SignatureAlgorithm],
    pub(crate) max_len: usize,
    pub(crate) max_certificates: usize,
    /// Deepest JSON nesting of the header and the payload (the statement reader's default).
    pub(crate) max_depth: usize,
}

/// Reads a compact JWS up to, not including, the signature check: the length (before anything else),
/// then `learnwire-jose`'s strict reading with `x5c` exposed. ASCII white space around the JWS (a
/// signature file's final newline) is not part of it; `sha2` and `length` still describe the bytes sent.
pub(crate) fn read_jws<'t>(
    bytes: &'t [u8],
    rules: &JwsRules<'_>,
) -> Result<UnverifiedJws<'t>, SignatureError> {
    if bytes.len() > rules.max_len {
        return Err(SignatureError::TooLong { max: rules.max_len });
    }
    let algorithms: Vec<Algorithm> = rules.algorithms.iter().map(|alg| alg.to_jose()).collect();
    let limits = learnwire_jose::Limits::default()
        .with_max_jws_bytes(rules.max_len)
        .with_max_x5c_certificates(rules.max_certificates)
        .with_max_json_depth(rules.max_depth);
    Verifier::new(&algorithms)
        .with_limits(limits)
        .with_x5c(true)
        .read(bytes.trim_ascii())
        .map_err(from_jose)
}

const PARTS: SignatureError = SignatureError::Malformed {
    reason: "not three base64url parts",
};

/// The `xapi.signature.*` error for a `learnwire-jose` refusal.
pub(crate) fn from_jose(error: JoseError) -> SignatureError {
    match error {
        JoseError::TooLarge { limit, .. } => SignatureError::TooLong { max: limit },
        JoseError::JsonSerialization => SignatureError::NotCompact,
        JoseError::SegmentCount { .. } | JoseError::MissingSignature => PARTS,
        JoseError::Base64 {
            part: Part::Signature,
        } => SignatureError::Malformed {
            reason: "the signature is not canonical base64url",
        },
        JoseError::Base64 {
            part: Part::Payload,
        } => SignatureError::Malformed {
            reason: "the payload is not canonical base64url",
        },
        JoseError::Base64 { .. } => PARTS,
        JoseError::Json {
            part: Part::Payload,
            ..
        }
        | JoseError::NotAnObject {
            part: Part::Payload,
        } => SignatureError::PayloadNotStatement,
        JoseError::Json { .. } | JoseError::NotAnObject { .. } => SignatureError::Malformed {
            reason: "header is not a JSON object without duplicate keys",
        },
        JoseError::UnsecuredJws => SignatureError::UnsupportedAlgorithm { alg: quote("none") },
        JoseError::HmacAlgorithm { alg } | JoseError::AlgorithmNotAllowed { found: alg } => {
            SignatureError::UnsupportedAlgorithm {
                alg: alg.to_string(),
            }
        }
        JoseError::MissingHeaderMember { .. } | JoseError::InvalidHeaderMember { name: "alg" } => {
            SignatureError::Malformed {
                reason: "header has no alg",
            }
        }
        JoseError::InvalidHeaderMember { name: "crit" } | JoseError::UnsupportedCritical { .. } => {
            SignatureError::UnsupportedCritical
        }
        JoseError::InvalidHeaderMember { .. } => SignatureError::Malformed {
            reason: "a header member (typ, cty or kid) is not a string",
        },
        JoseError::EmbeddedKey { member } => SignatureError::RefusedHeader { member },
        JoseError::NestedJwt { .. } => SignatureError::RefusedHeader { member: "cty" },
        JoseError::X5c { problem } => SignatureError::Certificate {
            reason: match problem {
                X5cProblem::NotAnArray => "x5c is not an array",
                X5cProblem::Empty => "x5c is empty",
                X5cProblem::TooMany { .. } => "x5c has too many certificates",
                _ => "x5c entry is not base64",
            },
        },
        JoseError::SignatureLength { .. } => SignatureError::Malformed {
            reason: "the signature is not as long as the key's modulus",
        },
        // The signature, or a key's algorithm restriction (never set on xAPI keys).
        _ => SignatureError::BadSignature,
    }
}

#[cfg(test)]
mod tests {
    use base64::Engine;
    use base64::engine::general_purpose::URL_SAFE_NO_PAD;

    use super::*;

    fn rules() -> JwsRules<'static> {
        JwsRules {
            algorithms: &SignatureAlgorithm::ALL,
            max_len: 1 << 16,
            max_certificates: 10,
            max_depth: 128,
        }
    }

    fn code(jws: &[u8]) -> &'static str {
        read_jws(jws, &rules()).unwrap_err().code().as_str()
    }

    #[test]
    fn refuses_before_decoding_payload() {
        let header = URL_SAFE_NO_PAD.encode(br#"{"alg":"none"}"#);
        let jws = format!("{header}.e30.");
        assert_eq!(code(jws.as_bytes()), "xapi.signature.unsupported-alg");
        assert_eq!(
            read_jws(b"{\"payload\":\"\"}", &rules()).unwrap_err(),
            SignatureError::NotCompact
        );
        assert_eq!(read_jws(b"a.b.c.d", &rules()).unwrap_err(), PARTS);
    }

    #[test]
    fn algorithms_match_jose() {
        for alg in SignatureAlgorithm::ALL {
            assert_eq!(SignatureAlgorithm::from_jose(alg.to_jose()), Some(alg));
            assert_eq!(SignatureAlgorithm::from_name(alg.as_str()), Some(alg));
        }
        assert_eq!(SignatureAlgorithm::from_name("rs256"), None);
        assert_eq!(SignatureAlgorithm::from_name("PS256"), None);
    }
}
