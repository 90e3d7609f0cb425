//! An RSA public key checked for hygiene and parsed once for each algorithm.

use aws_lc_rs::signature::{ParsedPublicKey, RsaPublicKeyComponents};

use super::Algorithm;
use crate::error::KeyProblem;

/// Smallest accepted modulus, in bits.
const MIN_BITS: usize = 2048;
/// Smallest modulus with `danger_allow_small_rsa_keys`.
const MIN_BITS_DANGER: usize = 1024;
/// Largest accepted modulus: verification cost grows with it.
const MAX_BITS: usize = 8192;
/// The only public exponent accepted.
const EXPONENT_65537: [u8; 3] = [1, 0, 1];

/// A public key ready to verify: one parsed key per algorithm, so no parsing happens per token.
pub(crate) struct VerifyingKey {
    parsed: [Option<ParsedPublicKey>; 3],
}

impl std::fmt::Debug for VerifyingKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("VerifyingKey")
    }
}

impl VerifyingKey {
    /// Checks and parses an RSA key from its big-endian modulus and exponent.
    pub(crate) fn from_components(
        n: &[u8],
        e: &[u8],
        allow_small: bool,
    ) -> Result<Self, KeyProblem> {
        // RFC 7518 §6.3.1.1/§6.3.1.2: the minimum number of octets, so no leading zero octet (a lone
        // zero octet is the value zero, refused below as malformed or a bad exponent).
        if has_leading_zero(n) || has_leading_zero(e) {
            return Err(KeyProblem::LeadingZeros);
        }
        let (Some(first), Some(last)) = (n.first(), n.last()) else {
            return Err(KeyProblem::Malformed);
        };
        if last % 2 == 0 {
            return Err(KeyProblem::Malformed);
        }
        if e != EXPONENT_65537 {
            return Err(KeyProblem::BadExponent);
        }
        let leading = usize::try_from(first.leading_zeros()).unwrap_or(0);
        let bits = n.len().saturating_mul(8).saturating_sub(leading);
        let min = if allow_small {
            MIN_BITS_DANGER
        } else {
            MIN_BITS
        };
        if !(min..=MAX_BITS).contains(&bits) {
            return Err(KeyProblem::BadSize);
        }
        let components = RsaPublicKeyComponents { n, e };
        let parse = |alg: Algorithm| {
            components
                .to_parsed_public_key(alg.verification(allow_small))
                .ok()
        };
        let parsed = [
            parse(Algorithm::Rs256),
            parse(Algorithm::Rs384),
            parse(Algorithm::Rs512),
        ];
        if parsed.iter().all(Option::is_none) {
            return Err(KeyProblem::Malformed);
        }
        Ok(Self { parsed })
    }

    /// Verifies `signature` over `message` with `alg`.
    pub(crate) fn verify(&self, alg: Algorithm, message: &[u8], signature: &[u8]) -> bool {
        self.parsed
            .get(alg.index())
            .and_then(Option::as_ref)
            .is_some_and(|key| key.verify_sig(message, signature).is_ok())
    }
}

/// True when `bytes` has more than one octet and starts with a zero one.
fn has_leading_zero(bytes: &[u8]) -> bool {
    bytes.len() > 1 && bytes.first() == Some(&0)
}
