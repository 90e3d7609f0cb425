//! A key set read strictly from a JWKS document (RFC 7517 §5), for verifying signatures.

use std::fmt;

use learnwire_jose::{JoseError, JsonError, JwkSet, KeyPolicy};
use learnwire_report::{Code, Untrusted};
use serde_json::Value;

use super::Jwk;
use crate::codes;
use crate::limits::Limits;

/// Why a JWKS document was refused as a whole.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum KeySetError {
    /// The document is larger than the limit.
    #[error("{}: JWKS is {length} bytes, more than the limit of {limit}", self.code())]
    TooLarge {
        /// Its length.
        length: usize,
        /// The limit.
        limit: usize,
    },
    /// The document is not strict JSON (syntax, depth, duplicate members).
    #[error("{}: JWKS is not valid JSON", self.code())]
    InvalidJson(#[source] JsonError),
    /// The document is not an object with a `keys` array of objects.
    #[error("{}: JWKS is not an object with a keys array of objects", self.code())]
    InvalidShape,
    /// More keys than the limit.
    #[error("{}: JWKS has {count} keys, more than the limit of {limit}", self.code())]
    TooManyKeys {
        /// Keys found.
        count: usize,
        /// The limit.
        limit: usize,
    },
    /// A key has no `kty`, a member of the wrong type, or (not RSA) no `kid`.
    #[error("{}: key {index} has a missing or malformed {member}", self.code())]
    MalformedKey {
        /// Position in `keys`.
        index: usize,
        /// The member.
        member: &'static str,
    },
    /// A key has private members (`d`, `p`, `q`, `dp`, `dq`, `qi`, `oth`) or is a symmetric key (`k`).
    #[error("{}: key {index} has private member {member}: a public key set must not", self.code())]
    PrivateMaterial {
        /// Position in `keys`.
        index: usize,
        /// The member.
        member: &'static str,
    },
    /// Two keys share a `kid`; choosing one would be "first match wins", so the set is refused.
    #[error("{}: two keys have the id {kid}", self.code())]
    DuplicateKeyId {
        /// The repeated id.
        kid: Untrusted,
    },
}

impl KeySetError {
    /// A stable code ("lti.jwks.*").
    pub fn code(&self) -> Code {
        match self {
            Self::TooLarge { .. } => codes::JWKS_TOO_LARGE,
            Self::InvalidJson(_) => codes::JWKS_JSON,
            Self::InvalidShape => codes::JWKS_SHAPE,
            Self::TooManyKeys { .. } => codes::JWKS_TOO_MANY_KEYS,
            Self::MalformedKey { .. } => codes::JWKS_MALFORMED_KEY,
            Self::PrivateMaterial { .. } => codes::JWKS_PRIVATE_MATERIAL,
            Self::DuplicateKeyId { .. } => codes::JWKS_DUPLICATE_KID,
        }
    }

    /// True when the document is not JSON at all: a syntax or encoding error, so the input is not a key
    /// set of any kind (for a command line, a wrong file rather than a refused one). False for every
    /// refusal of a readable document: too large, duplicate members, nesting too deep, the wrong shape,
    /// too many keys, a malformed key, private members, a repeated `kid`.
    ///
    /// # Example
    ///
    /// ```
    /// use learnwire_lti::keys::{KeySet, KeySetOptions};
    ///
    /// let options = KeySetOptions::default();
    /// assert!(KeySet::from_jwks(b"{\"keys\":[", &options).unwrap_err().is_not_json());
    /// let duplicate = br#"{"keys":[],"keys":[]}"#;
    /// assert!(!KeySet::from_jwks(duplicate, &options).unwrap_err().is_not_json());
    /// let private = br#"{"keys":[{"kty":"oct","kid":"a","k":"c2VjcmV0"}]}"#;
    /// assert!(!KeySet::from_jwks(private, &options).unwrap_err().is_not_json());
    /// ```
    pub fn is_not_json(&self) -> bool {
        matches!(self, Self::InvalidJson(JsonError::Syntax { .. }))
    }

    /// The refusal of `learnwire-jose`, under its `lti.jwks.*` name.
    fn from_jose(error: JoseError) -> Self {
        match error {
            JoseError::Json {
                error: JsonError::TooLarge { length, limit },
                ..
            } => Self::TooLarge { length, limit },
            JoseError::Json { error, .. } => Self::InvalidJson(error),
            JoseError::TooManyKeys { count, limit } => Self::TooManyKeys { count, limit },
            JoseError::MalformedSetKey { index, member } => Self::MalformedKey { index, member },
            JoseError::PrivateMember { index, member } => Self::PrivateMaterial {
                index: index.unwrap_or_default(),
                member,
            },
            JoseError::DuplicateKeyId { kid } => Self::DuplicateKeyId { kid },
            // JwksShape, and anything else reading a set could say: the document is not a key set.
            _ => Self::InvalidShape,
        }
    }
}

/// How a JWKS is read.
#[derive(Clone, Debug, Default)]
pub struct KeySetOptions {
    limits: Limits,
    allow_small_rsa_keys: bool,
}

impl KeySetOptions {
    /// Size limits ([`Limits::max_jwks_bytes`], [`Limits::max_jwks_keys`], [`Limits::max_json_depth`]).
    #[must_use]
    pub fn with_limits(mut self, limits: Limits) -> Self {
        self.limits = limits;
        self
    }

    /// DANGER: accepts RSA keys from 1024 bits (RS256 and RS512 only) instead of 2048. For test platforms
    /// only; RFC 7518 §3.3 requires 2048. Keys under 1024 bits can never be used.
    #[must_use]
    pub fn danger_allow_small_rsa_keys(mut self, allow: bool) -> Self {
        self.allow_small_rsa_keys = allow;
        self
    }

    fn policy(&self) -> KeyPolicy {
        if self.allow_small_rsa_keys {
            KeyPolicy::default().danger_with_min_bits(1024)
        } else {
            KeyPolicy::default()
        }
    }
}

/// The keys a token may be verified with, by `kid`. Every key is checked once when the set is read (and
/// parsed once, so no key parsing happens per token): duplicate ids and private members refuse the whole
/// set; a key that is not usable for RS* signatures (other `kty`, `use` not `sig`, bad size or exponent,
/// `n` or `e` with a leading zero octet) is kept but refused when a token names it. An RSA key without
/// `kid` is filed under its RFC 7638 thumbprint.
///
/// # Example
///
/// ```
/// use learnwire_lti::keys::{KeySet, KeySetOptions, SigningKey};
///
/// let key = SigningKey::generate(None)?;
/// let jwks = serde_json::json!({ "keys": [key.public_jwk()] }).to_string();
/// let set = KeySet::from_jwks(jwks.as_bytes(), &KeySetOptions::default())?;
/// assert!(set.contains(key.kid().as_str()));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Default)]
pub struct KeySet {
    keys: JwkSet,
}

impl fmt::Debug for KeySet {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("KeySet")
            .field(
                "kids",
                &self.keys.key_ids().map(Untrusted::new).collect::<Vec<_>>(),
            )
            .finish()
    }
}

impl KeySet {
    /// Reads a JWKS document (`{"keys":[…]}`).
    ///
    /// # Errors
    /// A [`KeySetError`] naming what is wrong with the document.
    pub fn from_jwks(bytes: &[u8], options: &KeySetOptions) -> Result<Self, KeySetError> {
        let keys = JwkSet::read(bytes, &options.limits.jose(), &options.policy())
            .map_err(KeySetError::from_jose)?;
        Ok(Self { keys })
    }

    /// A key set from public JWKs (for a platform that knows a tool's keys, or tests).
    ///
    /// # Errors
    /// As [`from_jwks`](Self::from_jwks).
    pub fn from_jwks_keys<'a>(
        keys: impl IntoIterator<Item = &'a Jwk>,
    ) -> Result<Self, KeySetError> {
        let keys =
            JwkSet::from_jwks(keys, &KeyPolicy::default()).map_err(KeySetError::from_jose)?;
        Ok(Self { keys })
    }

    /// True when a key has this id.
    pub fn contains(&self, kid: &str) -> bool {
        self.keys.contains(kid)
    }

    /// The key ids, sorted.
    pub fn key_ids(&self) -> impl Iterator<Item = &str> {
        self.keys.key_ids()
    }

    /// The number of keys.
    pub fn len(&self) -> usize {
        self.keys.len()
    }

    /// True when there are no keys.
    pub fn is_empty(&self) -> bool {
        self.keys.is_empty()
    }

    /// The set as a JWKS document, public members only.
    pub fn to_jwks(&self) -> Value {
        self.keys.to_value()
    }

    /// The checked keys, for verification.
    pub(crate) fn jwk_set(&self) -> &JwkSet {
        &self.keys
    }
}
