//! An RSA private key that signs compact JWS, held parsed by aws-lc-rs.

use std::fmt;

use aws_lc_rs::encoding::AsDer as _;
use aws_lc_rs::rand::SystemRandom;
use aws_lc_rs::rsa::{KeyPair, KeySize};
use aws_lc_rs::signature::KeyPair as _;
use serde_json::{Map, Value};

use crate::alg::Algorithm;
use crate::error::JoseError;
use crate::jwk::{Jwk, KeyPolicy, RsaPublicKey};
use crate::jws::compact;
use learnwire_report::Untrusted;

/// An RSA private key (2048–8192 bits, e = 65537) that signs RS256, RS384 and RS512, parsed once so
/// signing parses nothing. Private-key operations run in aws-lc-rs (constant time), never in the `rsa`
/// crate (RUSTSEC-2023-0071).
///
/// `Debug` shows the size and the public key's thumbprint only; there is no `Display` and no
/// `PartialEq`.
///
/// # Example
///
/// ```
/// use learnwire_jose::SigningKey;
///
/// let key = SigningKey::generate(2048)?;
/// let pem = key.to_pkcs8_pem()?;
/// assert!(pem.starts_with("-----BEGIN PRIVATE KEY-----\n"));
/// let again = SigningKey::from_pem(&pem)?;
/// assert_eq!(again.public_jwk(), key.public_jwk());
/// assert!(!format!("{key:?}").contains("PRIVATE"));
/// # Ok::<(), learnwire_jose::JoseError>(())
/// ```
pub struct SigningKey {
    pair: KeyPair,
    public: RsaPublicKey,
}

impl fmt::Debug for SigningKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SigningKey")
            .field("bits", &self.public.bits())
            .field("thumbprint", &self.public.thumbprint())
            .finish_non_exhaustive()
    }
}

impl SigningKey {
    /// Generates a key of `bits` bits (2048, 3072, 4096 or 8192) with aws-lc-rs.
    ///
    /// # Errors
    ///
    /// [`JoseError::KeyGeneration`] for another size, or if aws-lc-rs fails.
    pub fn generate(bits: usize) -> Result<Self, JoseError> {
        let size = match bits {
            2048 => KeySize::Rsa2048,
            3072 => KeySize::Rsa3072,
            4096 => KeySize::Rsa4096,
            8192 => KeySize::Rsa8192,
            _ => return Err(JoseError::KeyGeneration { bits }),
        };
        let pair = KeyPair::generate(size).map_err(|_| JoseError::KeyGeneration { bits })?;
        Self::from_pair(pair)
    }

    /// Loads a PKCS#8 DER private key (RFC 5208).
    ///
    /// # Errors
    ///
    /// [`JoseError::PrivateKeyRejected`] when aws-lc-rs refuses it (not RSA, malformed, inconsistent,
    /// outside 2048–8192 bits), or [`JoseError::KeyRejected`] when its public exponent is not 65537.
    pub fn from_pkcs8_der(der: &[u8]) -> Result<Self, JoseError> {
        Self::from_pair(KeyPair::from_pkcs8(der).map_err(rejected)?)
    }

    /// Loads a PEM private key: PKCS#8 (`PRIVATE KEY`) or PKCS#1 (`RSA PRIVATE KEY`).
    ///
    /// # Errors
    ///
    /// [`JoseError::Pem`], [`JoseError::PemLabel`], or as [`from_pkcs8_der`](Self::from_pkcs8_der).
    pub fn from_pem(text: &str) -> Result<Self, JoseError> {
        let block = pem::parse(text).map_err(|error| JoseError::Pem(Box::new(error)))?;
        let pair = match block.tag() {
            "PRIVATE KEY" => KeyPair::from_pkcs8(block.contents()),
            "RSA PRIVATE KEY" => KeyPair::from_der(block.contents()),
            label => {
                return Err(JoseError::PemLabel {
                    label: Untrusted::new(label),
                });
            }
        }
        .map_err(rejected)?;
        Self::from_pair(pair)
    }

    /// The private key as PKCS#8 DER. Secret: store it as such.
    ///
    /// # Errors
    ///
    /// [`JoseError::Encode`] if aws-lc-rs cannot serialise the key.
    pub fn to_pkcs8_der(&self) -> Result<Vec<u8>, JoseError> {
        let der = self.pair.as_der().map_err(|_| JoseError::Encode)?;
        Ok(der.as_ref().to_vec())
    }

    /// The private key as PKCS#8 PEM (`-----BEGIN PRIVATE KEY-----`), LF line endings. Secret.
    ///
    /// # Errors
    ///
    /// [`JoseError::Encode`] if aws-lc-rs cannot serialise the key.
    pub fn to_pkcs8_pem(&self) -> Result<String, JoseError> {
        let block = pem::Pem::new("PRIVATE KEY", self.to_pkcs8_der()?);
        Ok(pem::encode_config(
            &block,
            pem::EncodeConfig::new().set_line_ending(pem::LineEnding::LF),
        ))
    }

    /// The public key.
    pub fn public_key(&self) -> &RsaPublicKey {
        &self.public
    }

    /// The public JWK (`kty`, `n`, `e`; set `kid`, `use`, `alg` as you publish it).
    pub fn public_jwk(&self) -> Jwk {
        self.public.to_jwk()
    }

    /// The modulus size in bits.
    pub fn bits(&self) -> usize {
        self.public.bits()
    }

    /// Signs `payload` as a compact JWS whose header is `{"alg":…}` followed by `header`'s members (such
    /// as `kid`, `typ`, `x5c`). Nothing is added to or checked in the payload.
    ///
    /// # Errors
    ///
    /// [`JoseError::SignHeader`] when `header` sets `alg` or a member this crate's reader refuses
    /// (`jwk`, `jku`, `x5u`, `crit`, `b64`); [`JoseError::Sign`] if aws-lc-rs fails.
    ///
    /// # Example
    ///
    /// ```
    /// use learnwire_jose::{Algorithm, SigningKey, Verifier};
    ///
    /// let key = SigningKey::generate(2048)?;
    /// let header = serde_json::json!({ "kid": "k1", "typ": "JWT" });
    /// let token = key.sign(Algorithm::Rs256, header.as_object().unwrap(), br#"{"sub":"u1"}"#)?;
    /// let verified = Verifier::new(&[Algorithm::Rs256]).verify(&token, key.public_key())?;
    /// assert_eq!(verified.payload(), br#"{"sub":"u1"}"#);
    /// # Ok::<(), learnwire_jose::JoseError>(())
    /// ```
    pub fn sign(
        &self,
        alg: Algorithm,
        header: &Map<String, Value>,
        payload: &[u8],
    ) -> Result<String, JoseError> {
        compact(alg, header, payload, |input| self.sign_bytes(alg, input))
    }

    /// Signs raw bytes with RSASSA-PKCS1-v1_5 and `alg`'s digest (a JWS signing input, or anything else
    /// the caller frames itself).
    ///
    /// # Errors
    ///
    /// [`JoseError::Sign`] if aws-lc-rs fails.
    pub fn sign_bytes(&self, alg: Algorithm, message: &[u8]) -> Result<Vec<u8>, JoseError> {
        let mut signature = vec![0; self.pair.public_modulus_len()];
        self.pair
            .sign(alg.signing(), &SystemRandom::new(), message, &mut signature)
            .map_err(|_| JoseError::Sign)?;
        Ok(signature)
    }

    fn from_pair(pair: KeyPair) -> Result<Self, JoseError> {
        let public = pair.public_key();
        let public = RsaPublicKey::from_components(
            public.modulus().big_endian_without_leading_zero(),
            public.exponent().big_endian_without_leading_zero(),
            &KeyPolicy::default(),
        )?;
        Ok(Self { pair, public })
    }
}

fn rejected(error: aws_lc_rs::error::KeyRejected) -> JoseError {
    JoseError::PrivateKeyRejected {
        reason: error.description_(),
    }
}
