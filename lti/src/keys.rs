//! Keys: RS256 signing keys (generated with aws-lc-rs, saved and loaded as PKCS#8 PEM), public JWKs with
//! RFC 7638 thumbprints, key sets read strictly from JWKS documents, and a rotating key ring.

pub mod cache;
mod jwk;
mod key_ring;
mod key_set;
mod signing_key;
mod verifying_key;

use std::fmt;

use aws_lc_rs::signature::{self as sig, RsaParameters};

pub use jwk::Jwk;
pub use key_ring::KeyRing;
pub use key_set::{KeySet, KeySetError, KeySetOptions};
pub use signing_key::{KeyError, KeyId, SigningKey};

/// A JWS algorithm this crate verifies (RFC 7518 §3.3). Only RSASSA-PKCS1-v1_5: LTI 1.3 requires RS256, and
/// some platforms use RS384 or RS512. ECDSA and EdDSA are not supported; `none` and HMAC never are.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[non_exhaustive]
pub enum Algorithm {
    /// RSASSA-PKCS1-v1_5 with SHA-256, the LTI default.
    Rs256,
    /// RSASSA-PKCS1-v1_5 with SHA-384.
    Rs384,
    /// RSASSA-PKCS1-v1_5 with SHA-512.
    Rs512,
}

impl Algorithm {
    /// Every supported algorithm.
    pub const ALL: [Self; 3] = [Self::Rs256, Self::Rs384, Self::Rs512];

    /// The JOSE name, compared case-sensitively: `"RS256"`, `"RS384"`, `"RS512"`.
    ///
    /// # Example
    ///
    /// ```
    /// use learnwire_lti::keys::Algorithm;
    /// assert_eq!(Algorithm::from_name("RS256"), Some(Algorithm::Rs256));
    /// assert_eq!(Algorithm::from_name("rs256"), None);
    /// assert_eq!(Algorithm::from_name("HS256"), None);
    /// ```
    pub fn from_name(name: &str) -> Option<Self> {
        match name {
            "RS256" => Some(Self::Rs256),
            "RS384" => Some(Self::Rs384),
            "RS512" => Some(Self::Rs512),
            _ => None,
        }
    }

    /// The JOSE name.
    pub const fn name(self) -> &'static str {
        match self {
            Self::Rs256 => "RS256",
            Self::Rs384 => "RS384",
            Self::Rs512 => "RS512",
        }
    }

    pub(crate) const fn index(self) -> usize {
        match self {
            Self::Rs256 => 0,
            Self::Rs384 => 1,
            Self::Rs512 => 2,
        }
    }

    /// Verification parameters: 2048–8192-bit keys, or 1024–8192 when small keys are allowed (SHA-256 and
    /// SHA-512 only; aws-lc-rs has no 1024-bit SHA-384 profile).
    pub(crate) fn verification(self, allow_small: bool) -> &'static RsaParameters {
        match (self, allow_small) {
            (Self::Rs256, false) => &sig::RSA_PKCS1_2048_8192_SHA256,
            (Self::Rs256, true) => &sig::RSA_PKCS1_1024_8192_SHA256_FOR_LEGACY_USE_ONLY,
            (Self::Rs384, _) => &sig::RSA_PKCS1_2048_8192_SHA384,
            (Self::Rs512, false) => &sig::RSA_PKCS1_2048_8192_SHA512,
            (Self::Rs512, true) => &sig::RSA_PKCS1_1024_8192_SHA512_FOR_LEGACY_USE_ONLY,
        }
    }

    pub(crate) fn signing(self) -> &'static dyn sig::RsaEncoding {
        match self {
            Self::Rs256 => &sig::RSA_PKCS1_SHA256,
            Self::Rs384 => &sig::RSA_PKCS1_SHA384,
            Self::Rs512 => &sig::RSA_PKCS1_SHA512,
        }
    }
}

impl fmt::Display for Algorithm {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}
