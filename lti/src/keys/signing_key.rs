//! An RS256 signing key held parsed (aws-lc-rs), with its key id and public JWK.

use std::fmt;

use aws_lc_rs::encoding::AsDer as _;
use aws_lc_rs::rand::SystemRandom;
use aws_lc_rs::rsa::{KeyPair, KeySize};
use aws_lc_rs::signature::KeyPair as _;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::{Algorithm, Jwk};
use crate::token::encode_segment;

/// Why a signing key could not be made, loaded, saved or used.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum KeyError {
    /// Key generation failed in the crypto library, or the size is not 2048, 3072, 4096 or 8192 bits.
    #[error("RSA key generation failed (sizes 2048, 3072, 4096 and 8192 are supported)")]
    Generate,
    /// The text is not PEM.
    #[error("not a PEM document")]
    Pem(#[source] Box<dyn std::error::Error + Send + Sync>),
    /// The PEM block is not a private key this crate reads.
    #[error("PEM block {tag:?} is not a PKCS#8 (PRIVATE KEY) or PKCS#1 (RSA PRIVATE KEY) key")]
    UnsupportedPem {
        /// The PEM tag found.
        tag: String,
    },
    /// The key was refused by the crypto library: not RSA, malformed, smaller than 2048 or larger than
    /// 8192 bits, or inconsistent.
    #[error("private key refused: {reason}")]
    Rejected {
        /// The crypto library's reason.
        reason: &'static str,
    },
    /// The key id is empty, longer than 256 bytes, or has characters outside visible ASCII.
    #[error("invalid key id")]
    InvalidKeyId,
    /// Serialising the DER encoding or the claims failed, or a signing time (`iat` = `now`, `exp` =
    /// `now` + 5 minutes) falls outside the NumericDate range verifiers accept (±10^11 seconds).
    #[error("could not encode the key or the claims")]
    Encode,
    /// The signing operation failed in the crypto library.
    #[error("signing failed")]
    Sign,
}

/// A key id (`kid`) for one of our own keys: 1 to 256 bytes of visible ASCII.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct KeyId(String);

impl KeyId {
    /// # Errors
    /// [`KeyError::InvalidKeyId`] when empty, longer than 256 bytes or not visible ASCII.
    pub fn parse(value: impl Into<String>) -> Result<Self, KeyError> {
        let value = value.into();
        let visible = value.bytes().all(|byte| byte.is_ascii_graphic());
        if value.is_empty() || value.len() > 256 || !visible {
            return Err(KeyError::InvalidKeyId);
        }
        Ok(Self(value))
    }

    /// The id.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for KeyId {
    type Error = KeyError;
    fn try_from(value: String) -> Result<Self, KeyError> {
        Self::parse(value)
    }
}

impl From<KeyId> for String {
    fn from(id: KeyId) -> Self {
        id.0
    }
}

impl fmt::Display for KeyId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// An RSA private key that signs RS256 JWTs, parsed once so signing does no key parsing. Private key
/// operations run in aws-lc-rs (constant time), never in the `rsa` crate (RUSTSEC-2023-0071).
///
/// `Debug` shows the key id only.
///
/// # Example
///
/// ```
/// use learnwire_lti::keys::{KeyId, SigningKey};
///
/// let key = SigningKey::generate(Some(KeyId::parse("platform-2026-01")?))?;
/// let pem = key.to_pkcs8_pem()?;
/// let again = SigningKey::from_pem(&pem, Some(KeyId::parse("platform-2026-01")?))?;
/// assert_eq!(again.public_jwk(), key.public_jwk());
/// assert_eq!(key.public_jwk().alg.as_deref(), Some("RS256"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub struct SigningKey {
    pair: KeyPair,
    kid: KeyId,
    jwk: Jwk,
}

impl fmt::Debug for SigningKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SigningKey")
            .field("kid", &self.kid)
            .finish_non_exhaustive()
    }
}

impl SigningKey {
    /// Generates a 2048-bit key. The key id is `kid`, or the RFC 7638 thumbprint when `None`.
    ///
    /// # Errors
    /// [`KeyError::Generate`] if the crypto library fails.
    pub fn generate(kid: Option<KeyId>) -> Result<Self, KeyError> {
        Self::generate_with_bits(2048, kid)
    }

    /// Generates a key of `bits` bits: 2048, 3072, 4096 or 8192.
    ///
    /// # Errors
    /// [`KeyError::Generate`] for another size or if the crypto library fails.
    pub fn generate_with_bits(bits: u32, kid: Option<KeyId>) -> Result<Self, KeyError> {
        let size = match bits {
            2048 => KeySize::Rsa2048,
            3072 => KeySize::Rsa3072,
            4096 => KeySize::Rsa4096,
            8192 => KeySize::Rsa8192,
            _ => return Err(KeyError::Generate),
        };
        let pair = KeyPair::generate(size).map_err(|_| KeyError::Generate)?;
        Self::from_pair(pair, kid)
    }

    /// Loads a PEM private key: PKCS#8 (`PRIVATE KEY`) or PKCS#1 (`RSA PRIVATE KEY`). Keys under 2048 bits
    /// are refused (aws-lc-rs has no way to sign with them, and there is no `danger_` override for signing).
    ///
    /// # Errors
    /// [`KeyError::Pem`], [`KeyError::UnsupportedPem`] or [`KeyError::Rejected`].
    pub fn from_pem(pem_text: &str, kid: Option<KeyId>) -> Result<Self, KeyError> {
        let block = pem::parse(pem_text).map_err(|error| KeyError::Pem(Box::new(error)))?;
        let pair = match block.tag() {
            "PRIVATE KEY" => KeyPair::from_pkcs8(block.contents()),
            "RSA PRIVATE KEY" => KeyPair::from_der(block.contents()),
            tag => {
                return Err(KeyError::UnsupportedPem {
                    tag: tag.chars().take(64).collect(),
                });
            }
        }
        .map_err(|rejected| KeyError::Rejected {
            reason: rejected.description_(),
        })?;
        Self::from_pair(pair, kid)
    }

    /// The private key as PKCS#8 PEM (`-----BEGIN PRIVATE KEY-----`), LF line endings.
    ///
    /// # Errors
    /// [`KeyError::Encode`] if the crypto library cannot serialise the key.
    pub fn to_pkcs8_pem(&self) -> Result<String, KeyError> {
        let der = self.pair.as_der().map_err(|_| KeyError::Encode)?;
        let block = pem::Pem::new("PRIVATE KEY", der.as_ref().to_vec());
        Ok(pem::encode_config(
            &block,
            pem::EncodeConfig::new().set_line_ending(pem::LineEnding::LF),
        ))
    }

    /// The key id.
    pub fn kid(&self) -> &KeyId {
        &self.kid
    }

    /// The public JWK (`kty` RSA, `kid`, `use` sig, `alg` RS256, `n`, `e`), with no private member.
    pub fn public_jwk(&self) -> &Jwk {
        &self.jwk
    }

    /// The modulus size in bits.
    pub fn bits(&self) -> usize {
        self.pair.public_modulus_len().saturating_mul(8)
    }

    /// Signs `claims` as a compact RS256 JWT with header `{"alg":"RS256","kid":…,"typ":"JWT"}`. No claim is
    /// checked or added here; the message builders do that.
    ///
    /// # Errors
    /// [`KeyError::Encode`] or [`KeyError::Sign`].
    pub fn sign_jwt(&self, claims: &Map<String, Value>) -> Result<String, KeyError> {
        let header = serde_json::json!({ "alg": "RS256", "kid": self.kid.as_str(), "typ": "JWT" });
        let header = serde_json::to_vec(&header).map_err(|_| KeyError::Encode)?;
        let payload = serde_json::to_vec(claims).map_err(|_| KeyError::Encode)?;
        let mut token = encode_segment(&header);
        token.push('.');
        token.push_str(&encode_segment(&payload));
        let signature = self.sign_bytes(token.as_bytes())?;
        token.push('.');
        token.push_str(&encode_segment(&signature));
        Ok(token)
    }

    /// Signs raw bytes with RSASSA-PKCS1-v1_5 SHA-256 (a JWS signing input).
    ///
    /// # Errors
    /// [`KeyError::Sign`].
    pub fn sign_bytes(&self, message: &[u8]) -> Result<Vec<u8>, KeyError> {
        let mut signature = vec![0; self.pair.public_modulus_len()];
        self.pair
            .sign(
                Algorithm::Rs256.signing(),
                &SystemRandom::new(),
                message,
                &mut signature,
            )
            .map_err(|_| KeyError::Sign)?;
        Ok(signature)
    }

    fn from_pair(pair: KeyPair, kid: Option<KeyId>) -> Result<Self, KeyError> {
        let public = pair.public_key();
        let n = encode_segment(public.modulus().big_endian_without_leading_zero());
        let e = encode_segment(public.exponent().big_endian_without_leading_zero());
        let mut jwk = Jwk::rsa(n, e);
        let kid = match kid {
            Some(kid) => kid,
            None => KeyId::parse(jwk.thumbprint())?,
        };
        jwk.kid = Some(kid.as_str().to_owned());
        jwk.use_ = Some("sig".to_owned());
        jwk.alg = Some("RS256".to_owned());
        Ok(Self { pair, kid, jwk })
    }
}
