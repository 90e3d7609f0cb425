//! The JWS algorithms this crate signs and verifies (RFC 7518 §3.1, §3.3).

use std::fmt;

use aws_lc_rs::signature::{self as sig, RsaEncoding, RsaParameters};

/// A JWS algorithm: RSASSA-PKCS1-v1_5 with SHA-256, SHA-384 or SHA-512 (RFC 7518 §3.3).
///
/// These are the only algorithms the crate knows. `none` and the HMAC algorithms (`HS256`, `HS384`,
/// `HS512`) are never algorithms here: a token naming them is refused with its own error
/// ([`JoseError::UnsecuredJws`](crate::JoseError::UnsecuredJws),
/// [`JoseError::HmacAlgorithm`](crate::JoseError::HmacAlgorithm)) before any key is looked at. A verifier
/// accepts only the algorithms it was given ([`Verifier::new`](crate::Verifier::new)), so the
/// algorithm comes from configuration, never from the token (RFC 8725 §3.1).
///
/// # Example
///
/// ```
/// use learnwire_jose::Algorithm;
///
/// assert_eq!(Algorithm::from_name("RS384"), Some(Algorithm::Rs384));
/// assert_eq!(Algorithm::Rs384.as_str(), "RS384");
/// // Names are compared case-sensitively (RFC 7515 §4.1.1).
/// assert_eq!(Algorithm::from_name("rs256"), None);
/// assert_eq!(Algorithm::from_name("HS256"), None);
/// assert_eq!(Algorithm::from_name("none"), None);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[non_exhaustive]
pub enum Algorithm {
    /// `RS256`: RSASSA-PKCS1-v1_5 with SHA-256 (the LTI 1.3 algorithm).
    Rs256,
    /// `RS384`: RSASSA-PKCS1-v1_5 with SHA-384.
    Rs384,
    /// `RS512`: RSASSA-PKCS1-v1_5 with SHA-512.
    Rs512,
}

impl Algorithm {
    /// Every algorithm the crate knows, in name order.
    pub const ALL: [Self; 3] = [Self::Rs256, Self::Rs384, Self::Rs512];

    /// The algorithm with this JOSE name, compared case-sensitively; `None` for any other name.
    pub fn from_name(name: &str) -> Option<Self> {
        match name {
            "RS256" => Some(Self::Rs256),
            "RS384" => Some(Self::Rs384),
            "RS512" => Some(Self::Rs512),
            _ => None,
        }
    }

    /// The JOSE name (`"RS256"`, `"RS384"`, `"RS512"`).
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Rs256 => "RS256",
            Self::Rs384 => "RS384",
            Self::Rs512 => "RS512",
        }
    }

    /// Position in [`ALL`](Self::ALL), for per-algorithm tables.
    pub(crate) const fn index(self) -> usize {
        match self {
            Self::Rs256 => 0,
            Self::Rs384 => 1,
            Self::Rs512 => 2,
        }
    }

    /// aws-lc-rs verification parameters. The size range of the parameters is a floor under our own
    /// check ([`KeyPolicy`](crate::KeyPolicy)): 2048–8192 bits, or 1024–8192 when `small` (aws-lc-rs has
    /// legacy 1024-bit profiles for SHA-256 and SHA-512 only, so RS384 keeps 2048).
    pub(crate) fn verification(self, small: bool) -> &'static RsaParameters {
        match (self, small) {
            (Self::Rs256, false) => &sig::RSA_PKCS1_2048_8192_SHA256,
            (Self::Rs256, true) => &sig::RSA_PKCS1_1024_8192_SHA256_FOR_LEGACY_USE_ONLY,
            (Self::Rs384, _) => &sig::RSA_PKCS1_2048_8192_SHA384,
            (Self::Rs512, false) => &sig::RSA_PKCS1_2048_8192_SHA512,
            (Self::Rs512, true) => &sig::RSA_PKCS1_1024_8192_SHA512_FOR_LEGACY_USE_ONLY,
        }
    }

    /// aws-lc-rs signing padding and digest.
    pub(crate) fn signing(self) -> &'static dyn RsaEncoding {
        match self {
            Self::Rs256 => &sig::RSA_PKCS1_SHA256,
            Self::Rs384 => &sig::RSA_PKCS1_SHA384,
            Self::Rs512 => &sig::RSA_PKCS1_SHA512,
        }
    }
}

impl fmt::Display for Algorithm {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip_and_index_matches_all() {
        for (index, alg) in Algorithm::ALL.into_iter().enumerate() {
            assert_eq!(Algorithm::from_name(alg.as_str()), Some(alg));
            assert_eq!(alg.index(), index);
            assert_eq!(alg.to_string(), alg.as_str());
        }
    }
}
