//! Verifying a read JWS with a key, and the verified result.

use serde_json::{Map, Value};

use crate::base64url;
use crate::error::{JoseError, Part};
use crate::json::read_object;
use crate::jwk::RsaPublicKey;

use super::header::Header;
use super::read::UnverifiedJws;

/// A JWS whose signature verified: its header and its payload, read as a strict JSON object. Made only
/// by [`UnverifiedJws::verify`] (and so [`Verifier::verify`](crate::Verifier::verify) and
/// [`JwkSet::verify`](crate::JwkSet::verify)).
///
/// Claims checks (time, issuer, audience, ...) are the caller's: this crate verifies signatures and
/// structure only.
#[derive(Clone, Debug)]
pub struct VerifiedJws {
    header: Header,
    payload: Vec<u8>,
    claims: Map<String, Value>,
}

impl VerifiedJws {
    /// The header.
    pub fn header(&self) -> &Header {
        &self.header
    }

    /// The decoded payload bytes (JSON text), exactly as signed.
    pub fn payload(&self) -> &[u8] {
        &self.payload
    }

    /// The payload as a JSON object.
    pub fn claims(&self) -> &Map<String, Value> {
        &self.claims
    }

    /// The header and the payload object.
    pub fn into_parts(self) -> (Header, Map<String, Value>) {
        (self.header, self.claims)
    }
}

impl UnverifiedJws<'_> {
    /// Verifies the signature with `key`, then decodes the payload: the key's algorithm restriction
    /// (JWK `alg`), the signature length against the modulus (RFC 8017 §8.2.2 step 1), the signature over
    /// the exact received `header.payload` bytes, then the payload as canonical base64url and a strict
    /// JSON object.
    ///
    /// Takes `&self`, so a caller with several candidate keys and no `kid` (xAPI's trusted keys) can try
    /// each; with a key set, use [`JwkSet::verify`](crate::JwkSet::verify), which chooses by `kid`.
    ///
    /// # Errors
    ///
    /// [`JoseError::KeyRejected`] ([`KeyProblem::AlgorithmMismatch`](crate::KeyProblem::AlgorithmMismatch)),
    /// [`JoseError::SignatureLength`], [`JoseError::InvalidSignature`], then [`JoseError::Base64`],
    /// [`JoseError::Json`] or [`JoseError::NotAnObject`] for the payload.
    pub fn verify(&self, key: &RsaPublicKey) -> Result<VerifiedJws, JoseError> {
        key.verify(self.header.alg(), self.signing_input, &self.signature)?;
        let (payload, claims) = self.decode_payload()?;
        Ok(VerifiedJws {
            header: self.header.clone(),
            payload,
            claims,
        })
    }

    /// DANGER: the payload, decoded and read as a strict JSON object, *without* verifying the signature.
    /// For profiles that check a JWS's form without a key (xAPI Data §2.6 when the statement has no
    /// `x5c` and the LRS trusts no key); anything read here is attacker-controlled.
    ///
    /// # Errors
    ///
    /// [`JoseError::Base64`], [`JoseError::Json`] or [`JoseError::NotAnObject`] for the payload.
    pub fn danger_unverified_claims(&self) -> Result<Map<String, Value>, JoseError> {
        self.decode_payload().map(|(_, claims)| claims)
    }

    fn decode_payload(&self) -> Result<(Vec<u8>, Map<String, Value>), JoseError> {
        let payload = base64url::decode(self.payload).map_err(|_| JoseError::Base64 {
            part: Part::Payload,
        })?;
        let claims = read_object(&payload, self.max_json_depth)
            .map_err(|error| JoseError::Json {
                part: Part::Payload,
                error,
            })?
            .ok_or(JoseError::NotAnObject {
                part: Part::Payload,
            })?;
        Ok((payload, claims))
    }
}
