//! A public RSA JSON Web Key (RFC 7517 §4, RFC 7518 §6.3.1) and its RFC 7638 thumbprint.

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::token::encode_segment;

/// A public RSA JWK, as published in a JWKS. It never holds private members.
///
/// # Example
///
/// ```
/// use learnwire_lti::keys::Jwk;
///
/// // RFC 7638 §3.1's example key has this thumbprint.
/// let n = "0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4cbbfAAtVT86zwu1RK7aPFFxuhDR1L6tSoc_BJECPebWKRXjBZCiFV4n3oknjhMstn64tZ_2W-5JsGY4Hc5n9yBXArwl93lqt7_RN5w6Cf0h4QyQ5v-65YGjQR0_FDW2QvzqY368QQMicAtaSqzs8KJZgnYb9c7d0zgdAZHzu6qMQvRL5hajrn1n91CbOpbISD08qNLyrdkt-bFTWhAI4vMQFh6WeZu0fM4lFd2NcRwr3XPksINHaQ-G_xBniIqbw0Ls1jF44-csFCur-kEgU8awapJzKnqDKgw";
/// let jwk = Jwk::rsa(n, "AQAB");
/// assert_eq!(jwk.thumbprint(), "NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs");
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Jwk {
    /// Key type, `"RSA"`.
    pub kty: String,
    /// Key id.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub kid: Option<String>,
    /// Intended use, `"sig"`.
    #[serde(rename = "use", skip_serializing_if = "Option::is_none")]
    pub use_: Option<String>,
    /// Algorithm, such as `"RS256"`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub alg: Option<String>,
    /// Permitted operations.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub key_ops: Option<Vec<String>>,
    /// Modulus, unpadded base64url of the big-endian bytes.
    pub n: String,
    /// Public exponent, unpadded base64url.
    pub e: String,
}

impl Jwk {
    /// A bare RSA JWK from its base64url modulus and exponent (no kid, use or alg).
    pub fn rsa(n: impl Into<String>, e: impl Into<String>) -> Self {
        Self {
            kty: "RSA".to_owned(),
            kid: None,
            use_: None,
            alg: None,
            key_ops: None,
            n: n.into(),
            e: e.into(),
        }
    }

    /// The RFC 7638 thumbprint: SHA-256 over `{"e":…,"kty":"RSA","n":…}`, base64url without padding.
    pub fn thumbprint(&self) -> String {
        // The members are base64url text and "RSA", so no JSON escaping is needed; serde_json does it anyway.
        let canonical =
            serde_json::json!({ "e": self.e, "kty": self.kty, "n": self.n }).to_string();
        encode_segment(&Sha256::digest(canonical.as_bytes()))
    }
}
