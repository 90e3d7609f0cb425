//! The typed details errors carry: where ([`Part`]), what is wrong with an `x5c` ([`X5cProblem`]) or a key
//! ([`KeyProblem`]).

use std::fmt;

use learnwire_report::Code;

use crate::alg::Algorithm;

/// Which part of the input a structural problem was found in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Part {
    /// The JOSE header (first segment of a compact JWS).
    Header,
    /// The payload (second segment).
    Payload,
    /// The signature (third segment).
    Signature,
    /// A JWKS document.
    KeySet,
}

impl fmt::Display for Part {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::Header => "header",
            Self::Payload => "payload",
            Self::Signature => "signature",
            Self::KeySet => "key set",
        })
    }
}

/// What is wrong with a JWS `x5c` header (RFC 7515 §4.1.6), when the verifier reads it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum X5cProblem {
    /// `x5c` is not an array.
    NotAnArray,
    /// `x5c` is an empty array.
    Empty,
    /// More certificates than [`Limits::max_x5c_certificates`](crate::Limits::max_x5c_certificates).
    TooMany {
        /// Certificates found.
        count: usize,
        /// The limit.
        limit: usize,
    },
    /// An entry is not a string of canonical, padded standard base64 (not base64url).
    NotBase64 {
        /// Position in the array.
        index: usize,
    },
}

impl fmt::Display for X5cProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::NotAnArray => f.write_str("x5c is not an array"),
            Self::Empty => f.write_str("x5c is empty"),
            Self::TooMany { count, limit } => {
                write!(
                    f,
                    "x5c has {count} certificates, more than the limit of {limit}"
                )
            }
            Self::NotBase64 { index } => write!(f, "x5c entry {index} is not standard base64"),
        }
    }
}

/// Why an RSA public key (from a JWK, SPKI or components) cannot verify signatures.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum KeyProblem {
    /// The JWK's `kty` is not `RSA` (`EC`, `OKP`, ...), so it cannot check an `RS*` signature.
    UnsupportedKeyType,
    /// The JWK's `use` is not `sig` (RFC 7517 §4.2).
    NotForSignatures,
    /// The JWK's `key_ops` does not list `verify` (RFC 7517 §4.3).
    OperationNotAllowed,
    /// The JWK's `alg` is not one of RS256, RS384, RS512 (RFC 7517 §4.4).
    UnsupportedAlgorithm,
    /// The key is restricted to another algorithm than the token's (its JWK `alg`).
    AlgorithmMismatch {
        /// The key's algorithm.
        key: Algorithm,
        /// The token's algorithm.
        token: Algorithm,
    },
    /// `n` or `e` starts with a zero octet: a Base64urlUInt uses the fewest octets (RFC 7518 §2, §6.3.1).
    LeadingZero {
        /// `"n"` or `"e"`.
        member: &'static str,
    },
    /// A member is missing, not a string, not base64url, or not a usable number (a zero or even
    /// modulus), or a DER public key does not parse.
    Malformed {
        /// `"n"`, `"e"` or `"der"`.
        member: &'static str,
    },
    /// The public exponent is not 65537.
    Exponent,
    /// The modulus size is outside the policy's range.
    Size {
        /// The modulus size in bits.
        bits: usize,
        /// The smallest size accepted.
        min: usize,
        /// The largest size accepted.
        max: usize,
    },
}

impl KeyProblem {
    /// The stable code (`jose.jwk.*`), listed in [`CODES`](crate::CODES).
    pub fn code(&self) -> Code {
        Code::new(match self {
            Self::UnsupportedKeyType => "jose.jwk.kty",
            Self::NotForSignatures => "jose.jwk.use",
            Self::OperationNotAllowed => "jose.jwk.key-ops",
            Self::UnsupportedAlgorithm => "jose.jwk.alg",
            Self::AlgorithmMismatch { .. } => "jose.jwk.alg-mismatch",
            Self::LeadingZero { .. } => "jose.jwk.leading-zero",
            Self::Malformed { .. } => "jose.jwk.malformed",
            Self::Exponent => "jose.jwk.exponent",
            Self::Size { .. } => "jose.jwk.size",
        })
    }
}

impl fmt::Display for KeyProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::UnsupportedKeyType => f.write_str("it is not an RSA key"),
            Self::NotForSignatures => f.write_str("its use is not sig"),
            Self::OperationNotAllowed => f.write_str("its key_ops do not allow verify"),
            Self::UnsupportedAlgorithm => f.write_str("its alg is not RS256, RS384 or RS512"),
            Self::AlgorithmMismatch { key, token } => {
                write!(f, "it is for {key}, the token uses {token}")
            }
            Self::LeadingZero { member } => write!(f, "its {member} has a leading zero octet"),
            Self::Malformed { member } => write!(f, "its {member} is malformed"),
            Self::Exponent => f.write_str("its public exponent is not 65537"),
            Self::Size { bits, min, max } => {
                write!(f, "it has {bits} bits, outside {min}..={max}")
            }
        }
    }
}
