//! An RSA public key, checked once and parsed once per algorithm with aws-lc-rs.

use std::fmt;

use aws_lc_rs::signature::{ParsedPublicKey, RsaPublicKeyComponents};
use serde_json::{Map, Value};

use super::members::{MemberError, Members, read_members};
use super::thumbprint::rsa_thumbprint;
use super::{Jwk, KeyPolicy};
use crate::alg::Algorithm;
use crate::base64url;
use crate::error::{JoseError, KeyProblem};
use learnwire_report::Untrusted;

/// The only public exponent accepted, big-endian.
const EXPONENT_65537: [u8; 3] = [1, 0, 1];

/// An RSA public key ready to verify RS256, RS384 and RS512 signatures: checked once (size, exponent,
/// encoding, JWK metadata) and parsed once per algorithm into aws-lc-rs `ParsedPublicKey`s, so no
/// parsing happens per token.
///
/// A key read from a JWK keeps its `kid` and, when the JWK names one, its `alg`: it then verifies only
/// that algorithm (RFC 7517 §4.4).
///
/// # Example
///
/// ```
/// use learnwire_jose::{KeyPolicy, RsaPublicKey, SigningKey};
///
/// let signing = SigningKey::generate(2048)?;
/// let jwk = serde_json::to_value(signing.public_jwk())?;
/// let key = RsaPublicKey::from_jwk(jwk.as_object().unwrap(), &KeyPolicy::default())?;
/// assert_eq!(key.bits(), 2048);
/// assert_eq!(key.thumbprint(), signing.public_key().thumbprint());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone)]
pub struct RsaPublicKey {
    n: Vec<u8>,
    e: Vec<u8>,
    bits: usize,
    kid: Option<String>,
    alg: Option<Algorithm>,
    parsed: [Option<ParsedPublicKey>; 3],
}

impl fmt::Debug for RsaPublicKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RsaPublicKey")
            .field("bits", &self.bits)
            .field("kid", &self.kid.as_deref().map(Untrusted::new))
            .field("alg", &self.alg)
            .finish_non_exhaustive()
    }
}

impl RsaPublicKey {
    /// Reads a public RSA JWK: no private member (`d`, `p`, `q`, `dp`, `dq`, `qi`, `oth`, `k`), `kty`
    /// `RSA`, `use` (if any) `sig`, `key_ops` (if any) listing `verify`, `alg` (if any) one of RS256,
    /// RS384, RS512, `n` and `e` canonical base64url without leading zero octets, an odd modulus within
    /// the policy's size range, and e = 65537. Other members are ignored.
    ///
    /// # Errors
    ///
    /// [`JoseError::PrivateMember`], or [`JoseError::KeyRejected`] with the [`KeyProblem`].
    pub fn from_jwk(jwk: &Map<String, Value>, policy: &KeyPolicy) -> Result<Self, JoseError> {
        let members = read_members(jwk).map_err(|error| match error {
            MemberError::Private(member) => JoseError::PrivateMember {
                index: None,
                member,
            },
            MemberError::Malformed(member) => JoseError::KeyRejected {
                kid: jwk.get("kid").and_then(Value::as_str).map(Untrusted::new),
                problem: KeyProblem::Malformed { member },
            },
        })?;
        Self::from_members(jwk, &members, policy).map_err(|problem| JoseError::KeyRejected {
            kid: members.kid.map(Untrusted::new),
            problem,
        })
    }

    /// A key from its big-endian modulus and exponent, as an X.509 parser returns them: leading zero
    /// octets (a DER `INTEGER` sign octet) are dropped first. No kid, no algorithm restriction.
    ///
    /// # Errors
    ///
    /// [`JoseError::KeyRejected`] with the [`KeyProblem`].
    pub fn from_components(n: &[u8], e: &[u8], policy: &KeyPolicy) -> Result<Self, JoseError> {
        Self::from_canonical(strip_leading_zeros(n), strip_leading_zeros(e), policy)
            .map_err(|problem| JoseError::KeyRejected { kid: None, problem })
    }

    /// A key from DER: an X.509 `SubjectPublicKeyInfo` (RFC 5280, the public key of a certificate,
    /// `-----BEGIN PUBLIC KEY-----`) or a PKCS#1 `RSAPublicKey` (RFC 8017 §A.1.1).
    ///
    /// # Errors
    ///
    /// [`JoseError::KeyRejected`] with [`KeyProblem::Malformed`] (`"der"`) when it does not parse as an
    /// RSA key, or the [`KeyProblem`] of its numbers.
    pub fn from_der(der: &[u8], policy: &KeyPolicy) -> Result<Self, JoseError> {
        let public =
            aws_lc_rs::rsa::PublicKey::from_der(der).map_err(|_| JoseError::KeyRejected {
                kid: None,
                problem: KeyProblem::Malformed { member: "der" },
            })?;
        Self::from_components(
            public.modulus().big_endian_without_leading_zero(),
            public.exponent().big_endian_without_leading_zero(),
            policy,
        )
    }

    /// A key from PEM: `PUBLIC KEY` (SPKI) or `RSA PUBLIC KEY` (PKCS#1). Certificates are the caller's to
    /// read: extract the SPKI and call [`from_der`](Self::from_der).
    ///
    /// # Errors
    ///
    /// [`JoseError::Pem`], [`JoseError::PemLabel`], or as [`from_der`](Self::from_der).
    pub fn from_pem(text: &str, policy: &KeyPolicy) -> Result<Self, JoseError> {
        let block = pem::parse(text).map_err(|error| JoseError::Pem(Box::new(error)))?;
        match block.tag() {
            "PUBLIC KEY" | "RSA PUBLIC KEY" => Self::from_der(block.contents(), policy),
            label => Err(JoseError::PemLabel {
                label: Untrusted::new(label),
            }),
        }
    }

    /// Restricts the key to one algorithm, as a JWK `alg` does.
    #[must_use]
    pub fn with_algorithm(mut self, alg: Algorithm) -> Self {
        self.alg = Some(alg);
        self
    }

    /// Sets the key id written by [`to_jwk`](Self::to_jwk).
    #[must_use]
    pub fn with_kid(mut self, kid: impl Into<String>) -> Self {
        self.kid = Some(kid.into());
        self
    }

    /// The modulus size in bits.
    pub fn bits(&self) -> usize {
        self.bits
    }

    /// The modulus length in bytes: the length every signature by this key has.
    pub fn modulus_len(&self) -> usize {
        self.n.len()
    }

    /// The key id, when the key has one.
    pub fn kid(&self) -> Option<&str> {
        self.kid.as_deref()
    }

    /// The one algorithm the key verifies, when restricted.
    pub fn algorithm(&self) -> Option<Algorithm> {
        self.alg
    }

    /// The public JWK: `kty`, `kid` and `alg` when set, `n`, `e` (no `use`: add it if you publish it).
    pub fn to_jwk(&self) -> Jwk {
        let mut jwk = Jwk::rsa(base64url::encode(&self.n), base64url::encode(&self.e));
        jwk.kid.clone_from(&self.kid);
        jwk.alg = self.alg.map(|alg| alg.as_str().to_owned());
        jwk
    }

    /// The RFC 7638 SHA-256 thumbprint, unpadded base64url.
    pub fn thumbprint(&self) -> String {
        rsa_thumbprint(
            &base64url::encode(&self.e),
            "RSA",
            &base64url::encode(&self.n),
        )
    }

    /// Verifies an RSASSA-PKCS1-v1_5 signature over `message`: the key's algorithm restriction, then the
    /// signature length (RFC 8017 §8.2.2 step 1), then the signature.
    pub(crate) fn verify(
        &self,
        alg: Algorithm,
        message: &[u8],
        signature: &[u8],
    ) -> Result<(), JoseError> {
        if let Some(key) = self.alg.filter(|key| *key != alg) {
            return Err(JoseError::KeyRejected {
                kid: self.kid.as_deref().map(Untrusted::new),
                problem: KeyProblem::AlgorithmMismatch { key, token: alg },
            });
        }
        if signature.len() != self.n.len() {
            return Err(JoseError::SignatureLength {
                length: signature.len(),
                expected: self.n.len(),
            });
        }
        let parsed = self.parsed.get(alg.index()).and_then(Option::as_ref);
        match parsed.map(|key| key.verify_sig(message, signature)) {
            Some(Ok(())) => Ok(()),
            _ => Err(JoseError::InvalidSignature),
        }
    }

    /// A key from JWK members already read by [`read_members`].
    pub(crate) fn from_members(
        jwk: &Map<String, Value>,
        members: &Members<'_>,
        policy: &KeyPolicy,
    ) -> Result<Self, KeyProblem> {
        if members.kty != "RSA" {
            return Err(KeyProblem::UnsupportedKeyType);
        }
        let alg = match members.alg {
            None => None,
            Some(name) => Some(Algorithm::from_name(name).ok_or(KeyProblem::UnsupportedAlgorithm)?),
        };
        if members.use_.is_some_and(|use_| use_ != "sig") {
            return Err(KeyProblem::NotForSignatures);
        }
        if members
            .key_ops
            .as_ref()
            .is_some_and(|ops| !ops.contains(&"verify"))
        {
            return Err(KeyProblem::OperationNotAllowed);
        }
        let n = jwk_number(jwk, "n")?;
        let e = jwk_number(jwk, "e")?;
        let mut key = Self::from_canonical(&n, &e, policy)?;
        key.kid = members.kid.map(str::to_owned);
        key.alg = alg;
        Ok(key)
    }

    /// Checks and parses a key whose numbers have no leading zero octet.
    fn from_canonical(n: &[u8], e: &[u8], policy: &KeyPolicy) -> Result<Self, KeyProblem> {
        let (Some(first), Some(last)) = (n.first(), n.last()) else {
            return Err(KeyProblem::Malformed { member: "n" });
        };
        if last % 2 == 0 {
            return Err(KeyProblem::Malformed { member: "n" });
        }
        if e.is_empty() {
            return Err(KeyProblem::Malformed { member: "e" });
        }
        if e != EXPONENT_65537 {
            return Err(KeyProblem::Exponent);
        }
        let leading = usize::try_from(first.leading_zeros()).unwrap_or(0);
        let bits = n.len().saturating_mul(8).saturating_sub(leading);
        let (min, max) = (policy.min_bits(), policy.max_bits());
        if !(min..=max).contains(&bits) {
            return Err(KeyProblem::Size { bits, min, max });
        }
        let components = RsaPublicKeyComponents { n, e };
        let small = policy.allows_small();
        let parse = |alg: Algorithm| {
            components
                .to_parsed_public_key(alg.verification(small))
                .ok()
        };
        let parsed = Algorithm::ALL.map(parse);
        if parsed.iter().all(Option::is_none) {
            return Err(KeyProblem::Malformed { member: "n" });
        }
        Ok(Self {
            n: n.to_vec(),
            e: e.to_vec(),
            bits,
            kid: None,
            alg: None,
            parsed,
        })
    }
}

/// A JWK number (Base64urlUInt, RFC 7518 §2): a string, canonical base64url, the minimum number of
/// octets (no leading zero octet; a lone zero octet is the value zero, refused later as malformed or as
/// a bad exponent).
fn jwk_number(jwk: &Map<String, Value>, member: &'static str) -> Result<Vec<u8>, KeyProblem> {
    let bytes = jwk
        .get(member)
        .and_then(Value::as_str)
        .and_then(|text| base64url::decode(text).ok())
        .ok_or(KeyProblem::Malformed { member })?;
    if bytes.len() > 1 && bytes.first() == Some(&0) {
        return Err(KeyProblem::LeadingZero { member });
    }
    Ok(bytes)
}

fn strip_leading_zeros(bytes: &[u8]) -> &[u8] {
    let start = bytes
        .iter()
        .position(|byte| *byte != 0)
        .unwrap_or(bytes.len());
    bytes.get(start..).unwrap_or_default()
}
