//! Keys for signing and verifying statement signatures: `learnwire-jose` keys, parsed once.

use std::fmt;

use learnwire_jose::{KeyPolicy, RsaPublicKey};
use x509_parser::pem::parse_x509_pem;
use x509_parser::prelude::{FromDer, X509Certificate};

/// A PEM (or key material) that does not hold the RSA key expected, or holds one the key policy
/// refuses (outside 2048–8192 bits by default, a public exponent other than 65537).
#[derive(Debug, thiserror::Error)]
#[error("{}: not a usable RSA key in PEM form", self.code())]
pub struct InvalidKey(#[source] Box<dyn std::error::Error + Send + Sync>);

crate::codes::error_codes!(struct InvalidKey => "xapi.signature.key",
    "a key could not be read or is refused by the key policy", "RFC 7518 §3.3; RFC 8017 §A.1.1");

impl InvalidKey {
    fn because(reason: &'static str) -> Self {
        Self(reason.into())
    }
}

/// A public RSA key the caller trusts to verify statement signatures that carry no `x5c`.
///
/// It is a [`learnwire_jose::RsaPublicKey`]: checked once (size, public exponent 65537) and parsed
/// once, so verifying parses nothing.
///
/// # Example
///
/// ```
/// use learnwire_xapi::signature::VerificationKey;
///
/// let pem = include_bytes!("../../../testdata/signature/signer.pub.pem");
/// let key = VerificationKey::from_rsa_pem(pem)?;
/// assert_eq!(key.public_key().bits(), 2048);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone)]
pub struct VerificationKey {
    key: RsaPublicKey,
}

impl VerificationKey {
    /// From a PEM `PUBLIC KEY` (SPKI), `RSA PUBLIC KEY` (PKCS#1) or `CERTIFICATE` (its public key),
    /// under the default [`KeyPolicy`] (2048–8192 bits, e = 65537).
    ///
    /// # Errors
    ///
    /// [`InvalidKey`] when the PEM does not hold an RSA public key the policy accepts.
    pub fn from_rsa_pem(pem: &[u8]) -> Result<Self, InvalidKey> {
        Self::from_rsa_pem_with_policy(pem, &KeyPolicy::default())
    }

    /// As [`from_rsa_pem`](Self::from_rsa_pem) under `policy` (for instance
    /// [`KeyPolicy::danger_with_min_bits`] for a test platform's 1024-bit key).
    ///
    /// # Errors
    ///
    /// [`InvalidKey`] when the PEM does not hold an RSA public key `policy` accepts.
    pub fn from_rsa_pem_with_policy(pem: &[u8], policy: &KeyPolicy) -> Result<Self, InvalidKey> {
        let certificate = parse_x509_pem(pem)
            .ok()
            .map(|(_, block)| block)
            .filter(|block| block.label == "CERTIFICATE");
        let key = match certificate {
            Some(block) => {
                let (_, parsed) = X509Certificate::from_der(&block.contents)
                    .map_err(|error| InvalidKey(Box::new(error)))?;
                RsaPublicKey::from_der(parsed.public_key().raw, policy)
            }
            None => {
                let text = std::str::from_utf8(pem)
                    .map_err(|_| InvalidKey::because("the PEM is not UTF-8"))?;
                RsaPublicKey::from_pem(text, policy)
            }
        };
        key.map(Self::from)
            .map_err(|error| InvalidKey(Box::new(error)))
    }

    /// From the big-endian modulus and exponent (leading zero octets ignored), under the default
    /// [`KeyPolicy`].
    ///
    /// # Errors
    ///
    /// [`InvalidKey`] when the numbers are not a key the policy accepts.
    pub fn from_rsa_components(modulus: &[u8], exponent: &[u8]) -> Result<Self, InvalidKey> {
        RsaPublicKey::from_components(modulus, exponent, &KeyPolicy::default())
            .map(Self::from)
            .map_err(|error| InvalidKey(Box::new(error)))
    }

    /// The `learnwire-jose` key.
    pub fn public_key(&self) -> &RsaPublicKey {
        &self.key
    }

    /// Length of the modulus in bytes: the length of every RSA signature the key verifies
    /// (RFC 8017 §8.2.2).
    pub(crate) fn modulus_len(&self) -> usize {
        self.key.modulus_len()
    }
}

impl From<RsaPublicKey> for VerificationKey {
    fn from(key: RsaPublicKey) -> Self {
        Self { key }
    }
}

impl fmt::Debug for VerificationKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("VerificationKey").field(&self.key).finish()
    }
}

/// A private RSA key to sign statements with: a [`learnwire_jose::SigningKey`] (2048–8192 bits,
/// e = 65537, private-key operations in aws-lc-rs). Its `Debug` output is redacted.
pub struct SigningKey(pub(crate) learnwire_jose::SigningKey);

impl SigningKey {
    /// From a PEM `PRIVATE KEY` (PKCS#8) or `RSA PRIVATE KEY` (PKCS#1).
    ///
    /// # Errors
    ///
    /// [`InvalidKey`] when the PEM does not hold an RSA private key `learnwire-jose` accepts.
    pub fn from_rsa_pem(pem: &[u8]) -> Result<Self, InvalidKey> {
        let text =
            std::str::from_utf8(pem).map_err(|_| InvalidKey::because("the PEM is not UTF-8"))?;
        learnwire_jose::SigningKey::from_pem(text)
            .map(Self)
            .map_err(|error| InvalidKey(Box::new(error)))
    }
}

impl From<learnwire_jose::SigningKey> for SigningKey {
    fn from(key: learnwire_jose::SigningKey) -> Self {
        Self(key)
    }
}

impl fmt::Debug for SigningKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("SigningKey([redacted])")
    }
}

/// Size in bits of a big-endian unsigned integer.
pub(crate) fn bit_len(bytes: &[u8]) -> usize {
    let start = bytes.iter().position(|b| *b != 0).unwrap_or(bytes.len());
    let bytes = bytes.get(start..).unwrap_or_default();
    match bytes.first() {
        None => 0,
        Some(first) => bytes
            .len()
            .saturating_sub(1)
            .saturating_mul(8)
            .saturating_add(8usize.saturating_sub(first.leading_zeros() as usize)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bits() {
        assert_eq!(bit_len(&[0, 0x80, 0]), 16);
        assert_eq!(bit_len(&[0x01]), 1);
        assert_eq!(bit_len(&[]), 0);
    }
}
