//! The `x5c` header: X.509 certificates (RFC 7515 §4.1.6), decoded by `learnwire-jose` and parsed with
//! `x509-parser`.

use chrono::{DateTime, Utc};
use x509_parser::prelude::{FromDer, X509Certificate};
use x509_parser::public_key::PublicKey;

use super::error::SignatureError;
use super::key::bit_len;

/// One certificate of a JWS `x5c` chain, as sent; whether to trust it is the caller's decision.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Certificate {
    /// The DER bytes.
    pub der: Vec<u8>,
    /// The subject distinguished name (RFC 4514 text).
    pub subject: String,
    /// The issuer distinguished name (RFC 4514 text).
    pub issuer: String,
    /// Start of the validity period.
    pub not_before: Option<DateTime<Utc>>,
    /// End of the validity period.
    pub not_after: Option<DateTime<Utc>>,
    /// The serial number, lowercase hex.
    pub serial_hex: String,
    /// Size of the RSA modulus in bits, 0 for a non-RSA key.
    pub rsa_bits: usize,
}

impl Certificate {
    /// Whether `now` falls within the validity period (time is the caller's).
    pub fn is_valid_at(&self, now: DateTime<Utc>) -> bool {
        self.not_before.is_some_and(|start| start <= now)
            && self.not_after.is_some_and(|end| now <= end)
    }
}

/// The certificates of a JWS `x5c` header (DER, as `learnwire-jose` decoded them) and the
/// `SubjectPublicKeyInfo` of the first one, which must hold an RSA key.
pub(crate) fn read_x5c(ders: &[Vec<u8>]) -> Result<(Vec<Certificate>, Vec<u8>), SignatureError> {
    let mut certificates = Vec::with_capacity(ders.len());
    let mut leaf = None;
    for (index, der) in ders.iter().enumerate() {
        let (rest, parsed) =
            X509Certificate::from_der(der).map_err(|_| SignatureError::Certificate {
                reason: "x5c entry is not a DER X.509 certificate",
            })?;
        if !rest.is_empty() {
            return Err(SignatureError::Certificate {
                reason: "x5c entry has trailing bytes",
            });
        }
        let rsa_bits = match parsed.public_key().parsed() {
            Ok(PublicKey::RSA(rsa)) => Some(bit_len(rsa.modulus)),
            _ => None,
        };
        if index == 0 {
            if rsa_bits.is_none() {
                return Err(SignatureError::Certificate {
                    reason: "the first x5c certificate has no RSA key",
                });
            }
            leaf = Some(parsed.public_key().raw.to_vec());
        }
        let validity = parsed.validity();
        certificates.push(Certificate {
            subject: parsed.subject().to_string(),
            issuer: parsed.issuer().to_string(),
            not_before: DateTime::from_timestamp(validity.not_before.timestamp(), 0),
            not_after: DateTime::from_timestamp(validity.not_after.timestamp(), 0),
            serial_hex: parsed
                .raw_serial()
                .iter()
                .map(|b| format!("{b:02x}"))
                .collect(),
            rsa_bits: rsa_bits.unwrap_or(0),
            der: der.clone(),
        });
    }
    let leaf = leaf.ok_or(SignatureError::Certificate {
        reason: "x5c is empty",
    })?;
    Ok((certificates, leaf))
}
