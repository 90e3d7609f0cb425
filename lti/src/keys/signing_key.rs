//! An RS256 signing key held parsed (`learnwire-jose` on aws-lc-rs), with its key id and public JWK.

use std::fmt;

use learnwire_jose::JoseError;
use learnwire_report::{Code, Untrusted};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::{Algorithm, Jwk};
use crate::codes;

/// Why a signing key could not be made, loaded, saved or used. Each variant has a stable
/// [`code`](Self::code) (`lti.signing-key.*`).
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum KeyError {
    /// Key generation failed in the crypto library, or the size is not 2048, 3072, 4096 or 8192 bits.
    #[error("{}: RSA key generation failed (sizes 2048, 3072, 4096 and 8192 are supported)", self.code())]
    Generate,
    /// The text is not PEM.
    #[error("{}: not a PEM document", self.code())]
    Pem(#[source] Box<dyn std::error::Error + Send + Sync>),
    /// The PEM block is not a private key this crate reads.
    #[error("{}: PEM block {tag} is not a PKCS#8 (PRIVATE KEY) or PKCS#1 (RSA PRIVATE KEY) key", self.code())]
    UnsupportedPem {
        /// The PEM tag found.
        tag: Untrusted,
    },
    /// The key was refused by the crypto library: not RSA, malformed, smaller than 2048 or larger than
    /// 8192 bits, or inconsistent.
    #[error("{}: private key refused: {reason}", self.code())]
    Rejected {
        /// The crypto library's reason.
        reason: &'static str,
    },
    /// The key id is empty, longer than 256 bytes, or has characters outside visible ASCII.
    #[error("{}: invalid key id", self.code())]
    InvalidKeyId,
    /// Serialising the DER encoding or the claims failed, or a signing time (`iat` = `now`, `exp` =
    /// `now` + 5 minutes) falls outside the NumericDate range verifiers accept (±10^11 seconds).
    #[error("{}: could not encode the key or the claims", self.code())]
    Encode,
    /// The signing operation failed in the crypto library.
    #[error("{}: signing failed", self.code())]
    Sign,
}

impl KeyError {
    /// A stable code ("lti.signing-key.*"). Never renamed or reused.
    pub fn code(&self) -> Code {
        match self {
            Self::Generate => codes::SIGNING_KEY_GENERATE,
            Self::Pem(_) => codes::SIGNING_KEY_PEM,
            Self::UnsupportedPem { .. } => codes::SIGNING_KEY_PEM_LABEL,
            Self::Rejected { .. } => codes::SIGNING_KEY_REJECTED,
            Self::InvalidKeyId => codes::SIGNING_KEY_KID,
            Self::Encode => codes::SIGNING_KEY_ENCODE,
            Self::Sign => codes::SIGNING_KEY_SIGN,
        }
    }
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
/// operations run in aws-lc-rs through `learnwire-jose` (constant time), never in the `rsa` crate
/// (RUSTSEC-2023-0071).
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
    key: learnwire_jose::SigningKey,
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
        let bits = usize::try_from(bits).map_err(|_| KeyError::Generate)?;
        let key = learnwire_jose::SigningKey::generate(bits).map_err(KeyError::from_jose)?;
        Self::from_jose(key, kid)
    }

    /// Loads a PEM private key: PKCS#8 (`PRIVATE KEY`) or PKCS#1 (`RSA PRIVATE KEY`). Keys under 2048 bits
    /// are refused (aws-lc-rs has no way to sign with them, and there is no `danger_` override for signing).
    ///
    /// # Errors
    /// [`KeyError::Pem`], [`KeyError::UnsupportedPem`] or [`KeyError::Rejected`].
    pub fn from_pem(pem_text: &str, kid: Option<KeyId>) -> Result<Self, KeyError> {
        let key = learnwire_jose::SigningKey::from_pem(pem_text).map_err(KeyError::from_jose)?;
        Self::from_jose(key, kid)
    }

    /// The private key as PKCS#8 PEM (`-----BEGIN PRIVATE KEY-----`), LF line endings.
    ///
    /// # Errors
    /// [`KeyError::Encode`] if the crypto library cannot serialise the key.
    pub fn to_pkcs8_pem(&self) -> Result<String, KeyError> {
        self.key.to_pkcs8_pem().map_err(KeyError::from_jose)
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
        self.key.bits()
    }

    /// Signs `claims` as a compact RS256 JWT with header `{"alg":"RS256","kid":…,"typ":"JWT"}`. No claim is
    /// checked or added here; the message builders do that.
    ///
    /// # Errors
    /// [`KeyError::Encode`] or [`KeyError::Sign`].
    pub fn sign_jwt(&self, claims: &Map<String, Value>) -> Result<String, KeyError> {
        self.sign_typed_jwt(claims, "JWT")
    }

    /// [`sign_jwt`](Self::sign_jwt) with another `typ` (RFC 7515 §4.1.9), such as `at+jwt` for an
    /// access token (RFC 9068 §2.1).
    pub(crate) fn sign_typed_jwt(
        &self,
        claims: &Map<String, Value>,
        typ: &str,
    ) -> Result<String, KeyError> {
        let mut header = Map::new();
        header.insert("kid".to_owned(), self.kid.as_str().into());
        header.insert("typ".to_owned(), typ.into());
        let payload = serde_json::to_vec(claims).map_err(|_| KeyError::Encode)?;
        self.key
            .sign(Algorithm::Rs256, &header, &payload)
            .map_err(KeyError::from_jose)
    }

    /// Signs raw bytes with RSASSA-PKCS1-v1_5 SHA-256 (a JWS signing input).
    ///
    /// # Errors
    /// [`KeyError::Sign`].
    pub fn sign_bytes(&self, message: &[u8]) -> Result<Vec<u8>, KeyError> {
        self.key
            .sign_bytes(Algorithm::Rs256, message)
            .map_err(KeyError::from_jose)
    }

    fn from_jose(key: learnwire_jose::SigningKey, kid: Option<KeyId>) -> Result<Self, KeyError> {
        let mut jwk = key.public_jwk();
        let kid = match kid {
            Some(kid) => kid,
            None => KeyId::parse(jwk.thumbprint())?,
        };
        jwk.kid = Some(kid.as_str().to_owned());
        jwk.use_ = Some("sig".to_owned());
        jwk.alg = Some(Algorithm::Rs256.as_str().to_owned());
        Ok(Self { key, kid, jwk })
    }
}

impl KeyError {
    /// The refusal of `learnwire-jose`, as a key error.
    fn from_jose(error: JoseError) -> Self {
        match error {
            JoseError::KeyGeneration { .. } => Self::Generate,
            JoseError::Pem(source) => Self::Pem(source),
            JoseError::PemLabel { label } => Self::UnsupportedPem { tag: label },
            JoseError::PrivateKeyRejected { reason } => Self::Rejected { reason },
            JoseError::KeyRejected { .. } => Self::Rejected {
                reason: "the public exponent is not 65537 or the size is outside 2048-8192 bits",
            },
            JoseError::Encode | JoseError::SignHeader { .. } => Self::Encode,
            _ => Self::Sign,
        }
    }
}
