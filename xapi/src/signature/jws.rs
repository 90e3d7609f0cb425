//! Compact JWS reading (RFC 7515 §7.1) with an algorithm allow-list.

use std::fmt;

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use serde_json::{Map, Value};

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
        match self {
            Self::Rs256 => "RS256",
            Self::Rs384 => "RS384",
            Self::Rs512 => "RS512",
        }
    }

    /// The algorithm named `alg` (exact case), if xAPI allows it.
    pub fn from_name(alg: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|known| known.as_str() == alg)
    }

    pub(crate) fn to_jwt(self) -> jsonwebtoken::Algorithm {
        match self {
            Self::Rs256 => jsonwebtoken::Algorithm::RS256,
            Self::Rs384 => jsonwebtoken::Algorithm::RS384,
            Self::Rs512 => jsonwebtoken::Algorithm::RS512,
        }
    }
}

impl fmt::Display for SignatureAlgorithm {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A compact JWS split and decoded; the signature is not yet verified.
#[derive(Debug)]
pub(crate) struct CompactJws<'a> {
    pub(crate) signing_input: &'a str,
    pub(crate) signature: &'a str,
    /// Length of the decoded signature in bytes.
    pub(crate) signature_len: usize,
    pub(crate) header: Map<String, Value>,
    pub(crate) algorithm: SignatureAlgorithm,
    pub(crate) payload: Vec<u8>,
}

const MALFORMED_PARTS: SignatureError = SignatureError::Malformed {
    reason: "not three base64url parts",
};

/// Splits and decodes a compact JWS, checking the header before anything else is trusted.
pub(crate) fn parse_compact<'a>(
    bytes: &'a [u8],
    allowed: &[SignatureAlgorithm],
    max_len: usize,
) -> Result<CompactJws<'a>, SignatureError> {
    if bytes.len() > max_len {
        return Err(SignatureError::TooLong { max: max_len });
    }
    let text = std::str::from_utf8(bytes)
        .map_err(|_| SignatureError::Malformed {
            reason: "not UTF-8",
        })?
        .trim_matches(|c: char| c.is_ascii_whitespace());
    if text.starts_with('{') {
        return Err(SignatureError::NotCompact);
    }
    let mut parts = text.split('.');
    let (Some(header_b64), Some(payload_b64), Some(signature), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Err(MALFORMED_PARTS);
    };
    if header_b64.is_empty() {
        return Err(MALFORMED_PARTS);
    }
    let header_bytes = URL_SAFE_NO_PAD
        .decode(header_b64)
        .map_err(|_| MALFORMED_PARTS)?;
    let header = match crate::strict_value::read_value(&header_bytes) {
        Some(Value::Object(map)) => map,
        _ => {
            return Err(SignatureError::Malformed {
                reason: "header is not a JSON object without duplicate keys",
            });
        }
    };
    let alg = header
        .get("alg")
        .and_then(Value::as_str)
        .ok_or(SignatureError::Malformed {
            reason: "header has no alg",
        })?;
    let algorithm = SignatureAlgorithm::from_name(alg)
        .filter(|known| allowed.contains(known))
        .ok_or_else(|| SignatureError::UnsupportedAlgorithm {
            alg: learnwire_report::quote(alg),
        })?;
    if header.contains_key("crit") {
        return Err(SignatureError::UnsupportedCritical);
    }
    if signature.is_empty() {
        return Err(MALFORMED_PARTS);
    }
    // Decoded here whether or not a key will verify it: a signature that is not canonical
    // base64url (padding, characters outside the URL-safe alphabet, non-zero trailing bits) is
    // malformed (RFC 7515 §2 BASE64URL, §7.1; Data 2.6).
    let signature_len = URL_SAFE_NO_PAD
        .decode(signature)
        .map_err(|_| SignatureError::Malformed {
            reason: "the signature is not canonical base64url",
        })?
        .len();
    let payload = URL_SAFE_NO_PAD
        .decode(payload_b64)
        .map_err(|_| MALFORMED_PARTS)?;
    let signing_input_len = header_b64
        .len()
        .saturating_add(1)
        .saturating_add(payload_b64.len());
    let signing_input = text.get(..signing_input_len).ok_or(MALFORMED_PARTS)?;
    Ok(CompactJws {
        signing_input,
        signature,
        signature_len,
        header,
        algorithm,
        payload,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_before_decoding_payload() {
        let header = URL_SAFE_NO_PAD.encode(br#"{"alg":"none"}"#);
        let jws = format!("{header}.e30.");
        let err = parse_compact(jws.as_bytes(), &SignatureAlgorithm::ALL, 1 << 16).unwrap_err();
        assert_eq!(err.code().as_str(), "xapi.signature.unsupported-alg");
        assert_eq!(
            parse_compact(b"{\"payload\":\"\"}", &SignatureAlgorithm::ALL, 1 << 16).unwrap_err(),
            SignatureError::NotCompact
        );
        assert_eq!(
            parse_compact(b"a.b.c.d", &SignatureAlgorithm::ALL, 1 << 16).unwrap_err(),
            MALFORMED_PARTS
        );
    }
}
