//! The `x5c` header: X.509 certificates (RFC 7515 §4.1.6), parsed with `x509-parser`.

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use chrono::{DateTime, Utc};
use serde_json::Value;
use x509_parser::prelude::{FromDer, X509Certificate};
use x509_parser::public_key::PublicKey;

use super::error::SignatureError;
use super::key::{VerificationKey, bit_len, strip_zeros};

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

/// Reads the `x5c` header, if present: the certificates and the first one's RSA key.
pub(crate) fn read_x5c(
    header: &serde_json::Map<String, Value>,
    max_certificates: usize,
) -> Result<Option<(Vec<Certificate>, VerificationKey)>, SignatureError> {
    let Some(list) = header.get("x5c") else {
        return Ok(None);
    };
    let list = list.as_array().ok_or(SignatureError::Certificate {
        reason: "x5c is not an array",
    })?;
    if list.is_empty() {
        return Err(SignatureError::Certificate {
            reason: "x5c is empty",
        });
    }
    if list.len() > max_certificates {
        return Err(SignatureError::Certificate {
            reason: "x5c has too many certificates",
        });
    }
    let mut certificates = Vec::with_capacity(list.len());
    let mut key = None;
    for (index, entry) in list.iter().enumerate() {
        let der = entry
            .as_str()
            .and_then(|text| STANDARD.decode(text).ok())
            .ok_or(SignatureError::Certificate {
                reason: "x5c entry is not base64",
            })?;
        let (rest, parsed) =
            X509Certificate::from_der(&der).map_err(|_| SignatureError::Certificate {
                reason: "x5c entry is not a DER X.509 certificate",
            })?;
        if !rest.is_empty() {
            return Err(SignatureError::Certificate {
                reason: "x5c entry has trailing bytes",
            });
        }
        let rsa = match parsed.public_key().parsed() {
            Ok(PublicKey::RSA(rsa)) => Some((rsa.modulus, rsa.exponent)),
            _ => None,
        };
        let rsa_bits = rsa.map_or(0, |(modulus, _)| bit_len(modulus));
        if index == 0 {
            let (modulus, exponent) = rsa.ok_or(SignatureError::Certificate {
                reason: "the first x5c certificate has no RSA key",
            })?;
            key = Some((
                VerificationKey::from_rsa_components(strip_zeros(modulus), strip_zeros(exponent)),
                rsa_bits,
            ));
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
            rsa_bits,
            der,
        });
    }
    let (key, _) = key.ok_or(SignatureError::Certificate {
        reason: "x5c is empty",
    })?;
    Ok(Some((certificates, key)))
}
