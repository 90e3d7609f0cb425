//! Keys for signing and verifying statement signatures.

use std::fmt;

use jsonwebtoken::{DecodingKey, DecodingKeyKind, EncodingKey};
use x509_parser::prelude::FromDer;
use x509_parser::public_key::RSAPublicKey;

/// A PEM that does not hold the RSA key expected.
#[derive(Debug, thiserror::Error)]
#[error("not an RSA key in PEM form")]
pub struct InvalidKey(#[source] Box<dyn std::error::Error + Send + Sync>);

/// A public RSA key the caller trusts to verify statement signatures that carry no `x5c`.
///
/// # Example
///
/// ```
/// use learnwire_xapi::signature::VerificationKey;
///
/// let pem = include_bytes!("../../testdata/signature/signer.pub.pem");
/// let key = VerificationKey::from_rsa_pem(pem)?;
/// # let _ = key;
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone)]
pub struct VerificationKey {
    pub(crate) key: DecodingKey,
    /// Length of the modulus in bytes: the length of every RSA signature the key verifies
    /// (RFC 8017 §8.2.2).
    pub(crate) modulus_len: usize,
}

impl VerificationKey {
    /// From a PEM `PUBLIC KEY` (SPKI), `RSA PUBLIC KEY` (PKCS#1) or `CERTIFICATE`.
    ///
    /// # Errors
    ///
    /// [`InvalidKey`] when the PEM does not hold an RSA public key.
    pub fn from_rsa_pem(pem: &[u8]) -> Result<Self, InvalidKey> {
        let key = DecodingKey::from_rsa_pem(pem).map_err(|err| InvalidKey(Box::new(err)))?;
        let modulus_len = match key.kind() {
            DecodingKeyKind::SecretOrDer(der) => match RSAPublicKey::from_der(der) {
                Ok((_, rsa)) => strip_zeros(rsa.modulus).len(),
                Err(_) => return Err(InvalidKey("no RSA public key in the PEM".into())),
            },
            DecodingKeyKind::RsaModulusExponent { n, .. } => strip_zeros(n).len(),
        };
        if modulus_len == 0 {
            return Err(InvalidKey("the RSA modulus is zero".into()));
        }
        Ok(Self { key, modulus_len })
    }

    /// From the big-endian modulus and exponent.
    pub fn from_rsa_components(modulus: &[u8], exponent: &[u8]) -> Self {
        let modulus = strip_zeros(modulus);
        Self {
            key: DecodingKey::from_rsa_raw_components(modulus, strip_zeros(exponent)),
            modulus_len: modulus.len(),
        }
    }
}

impl fmt::Debug for VerificationKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("VerificationKey(RSA)")
    }
}

/// A private RSA key to sign statements with. Its `Debug` output is redacted.
pub struct SigningKey(pub(crate) EncodingKey);

impl SigningKey {
    /// From a PEM `PRIVATE KEY` (PKCS#8) or `RSA PRIVATE KEY` (PKCS#1).
    ///
    /// # Errors
    ///
    /// [`InvalidKey`] when the PEM does not hold an RSA private key.
    pub fn from_rsa_pem(pem: &[u8]) -> Result<Self, InvalidKey> {
        EncodingKey::from_rsa_pem(pem)
            .map(Self)
            .map_err(|err| InvalidKey(Box::new(err)))
    }
}

impl fmt::Debug for SigningKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("SigningKey([redacted])")
    }
}

pub(crate) fn strip_zeros(bytes: &[u8]) -> &[u8] {
    let start = bytes.iter().position(|b| *b != 0).unwrap_or(bytes.len());
    bytes.get(start..).unwrap_or_default()
}

/// Size in bits of a big-endian unsigned integer.
pub(crate) fn bit_len(bytes: &[u8]) -> usize {
    let bytes = strip_zeros(bytes);
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
