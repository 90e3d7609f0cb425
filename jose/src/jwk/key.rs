//! A public RSA JSON Web Key as written to a JWKS (RFC 7517 §4, RFC 7518 §6.3.1).

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::thumbprint::rsa_thumbprint;
use super::{KeyPolicy, RsaPublicKey};
use crate::error::JoseError;

/// A public RSA JWK, for writing a JWKS (our own keys) or holding one read elsewhere. It has no private
/// member, so serialising it can never leak one. Reading untrusted JWKs goes through
/// [`RsaPublicKey::from_jwk`] or [`JwkSet::read`](crate::JwkSet::read), which check every member.
///
/// # Example
///
/// ```
/// use learnwire_jose::Jwk;
///
/// // RFC 7638 §3.1's example key has this thumbprint.
/// let n = "0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4cbbfAAtVT86zwu1RK7aPFFxuhDR1L6tSoc_BJECPebWKRXjBZCiFV4n3oknjhMstn64tZ_2W-5JsGY4Hc5n9yBXArwl93lqt7_RN5w6Cf0h4QyQ5v-65YGjQR0_FDW2QvzqY368QQMicAtaSqzs8KJZgnYb9c7d0zgdAZHzu6qMQvRL5hajrn1n91CbOpbISD08qNLyrdkt-bFTWhAI4vMQFh6WeZu0fM4lFd2NcRwr3XPksINHaQ-G_xBniIqbw0Ls1jF44-csFCur-kEgU8awapJzKnqDKgw";
/// let mut jwk = Jwk::rsa(n, "AQAB");
/// jwk.kid = Some("2011-04-29".to_owned());
/// assert_eq!(jwk.thumbprint(), "NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs");
/// assert_eq!(serde_json::to_value(&jwk)?["kty"], "RSA");
/// # Ok::<(), serde_json::Error>(())
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
    /// Permitted operations, such as `["verify"]`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub key_ops: Option<Vec<String>>,
    /// Modulus: unpadded base64url of its big-endian bytes, no leading zero octet.
    pub n: String,
    /// Public exponent, same encoding (`"AQAB"` for 65537).
    pub e: String,
}

impl Jwk {
    /// A bare RSA JWK from its base64url modulus and exponent (no kid, use, alg or key_ops).
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

    /// The RFC 7638 thumbprint: SHA-256 over `{"e":…,"kty":…,"n":…}`, unpadded base64url.
    pub fn thumbprint(&self) -> String {
        rsa_thumbprint(&self.e, &self.kty, &self.n)
    }

    /// Checks this JWK as [`RsaPublicKey::from_jwk`] does and parses it.
    ///
    /// # Errors
    ///
    /// As [`RsaPublicKey::from_jwk`].
    pub fn to_public_key(&self, policy: &KeyPolicy) -> Result<RsaPublicKey, JoseError> {
        match serde_json::to_value(self) {
            Ok(Value::Object(members)) => RsaPublicKey::from_jwk(&members, policy),
            _ => Err(JoseError::Encode),
        }
    }
}

/// A JWKS document (`{"keys":[…]}`, RFC 7517 §5) holding these public keys, in the order given.
///
/// # Example
///
/// ```
/// use learnwire_jose::{Jwk, write_jwks};
///
/// let document = write_jwks([&Jwk::rsa("AQAB", "AQAB")]);
/// assert_eq!(document["keys"][0]["n"], "AQAB");
/// ```
pub fn write_jwks<'a>(keys: impl IntoIterator<Item = &'a Jwk>) -> Value {
    let keys: Vec<Value> = keys
        .into_iter()
        .filter_map(|jwk| serde_json::to_value(jwk).ok())
        .collect();
    serde_json::json!({ "keys": keys })
}
