//! A key set read strictly from a JWKS document (RFC 7517 §5), for verifying signatures.

use std::collections::BTreeMap;
use std::fmt;

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use serde_json::{Map, Value};

use super::verifying_key::VerifyingKey;
use super::{Algorithm, Jwk};
use crate::error::{KeyProblem, LaunchError, Untrusted};
use crate::limits::Limits;
use crate::token::{StrictJsonError, parse_strict};

/// JWK members that only a private (or symmetric) key has. A public key set holding any is refused.
const PRIVATE_MEMBERS: [&str; 8] = ["d", "p", "q", "dp", "dq", "qi", "oth", "k"];

/// Why a JWKS document was refused as a whole.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum KeySetError {
    /// The document is larger than the limit.
    #[error("JWKS is {length} bytes, more than the limit of {limit}")]
    TooLarge {
        /// Its length.
        length: usize,
        /// The limit.
        limit: usize,
    },
    /// The document is not strict JSON (syntax, depth, duplicate members).
    #[error("JWKS is not valid JSON")]
    InvalidJson(#[source] Box<dyn std::error::Error + Send + Sync>),
    /// The document is not an object with a `keys` array of objects.
    #[error("JWKS is not an object with a keys array of objects")]
    InvalidShape,
    /// More keys than the limit.
    #[error("JWKS has {count} keys, more than the limit of {limit}")]
    TooManyKeys {
        /// Keys found.
        count: usize,
        /// The limit.
        limit: usize,
    },
    /// A key has no `kty`, or a member of the wrong type.
    #[error("key {index} is malformed: {reason}")]
    MalformedKey {
        /// Position in `keys`.
        index: usize,
        /// What is wrong.
        reason: &'static str,
    },
    /// A key has private members (`d`, `p`, `q`, `dp`, `dq`, `qi`, `oth`) or is a symmetric key (`k`).
    #[error("key {index} has private member {member}: a public key set must not")]
    PrivateMaterial {
        /// Position in `keys`.
        index: usize,
        /// The member.
        member: &'static str,
    },
    /// Two keys share a `kid`; choosing one would be "first match wins", so the set is refused.
    #[error("two keys have the id {kid}")]
    DuplicateKeyId {
        /// The repeated id.
        kid: Untrusted,
    },
}

impl KeySetError {
    /// A stable code ("lti.jwks.*").
    pub fn code(&self) -> &'static str {
        match self {
            Self::TooLarge { .. } => "lti.jwks.too-large",
            Self::InvalidJson(_) => "lti.jwks.json",
            Self::InvalidShape => "lti.jwks.shape",
            Self::TooManyKeys { .. } => "lti.jwks.too-many-keys",
            Self::MalformedKey { .. } => "lti.jwks.malformed-key",
            Self::PrivateMaterial { .. } => "lti.jwks.private-material",
            Self::DuplicateKeyId { .. } => "lti.jwks.duplicate-kid",
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
        // Syntax errors keep serde_json's error as the source; the strict reader's own refusals
        // (duplicate members, depth) are JSON that was read and refused.
        matches!(self, Self::InvalidJson(source) if source.is::<serde_json::Error>())
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
}

/// One key of a set: its public JSON and, when usable for signatures, the parsed key.
struct Entry {
    public: Map<String, Value>,
    alg: Option<Algorithm>,
    usable: Result<VerifyingKey, KeyProblem>,
}

/// The keys a token may be verified with, by `kid`. Every key is checked once when the set is read:
/// duplicate ids and private members refuse the whole set; a key that is not usable for RS* signatures
/// (other `kty`, `use` not `sig`, bad size or exponent) is kept but refused when a token names it.
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
#[derive(Default)]
pub struct KeySet {
    keys: BTreeMap<String, Entry>,
}

impl fmt::Debug for KeySet {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("KeySet")
            .field("kids", &self.keys.keys().collect::<Vec<_>>())
            .finish()
    }
}

impl KeySet {
    /// Reads a JWKS document (`{"keys":[…]}`).
    ///
    /// # Errors
    /// A [`KeySetError`] naming what is wrong with the document.
    pub fn from_jwks(bytes: &[u8], options: &KeySetOptions) -> Result<Self, KeySetError> {
        let limits = &options.limits;
        if bytes.len() > limits.max_jwks_bytes() {
            return Err(KeySetError::TooLarge {
                length: bytes.len(),
                limit: limits.max_jwks_bytes(),
            });
        }
        let document =
            parse_strict(bytes, limits.max_json_depth()).map_err(|error| match error {
                StrictJsonError::Syntax(source) => KeySetError::InvalidJson(Box::new(source)),
                StrictJsonError::TooDeep => KeySetError::InvalidJson("nesting too deep".into()),
                StrictJsonError::Duplicate(_) => {
                    KeySetError::InvalidJson("duplicate member".into())
                }
            })?;
        let keys = document
            .get("keys")
            .and_then(Value::as_array)
            .ok_or(KeySetError::InvalidShape)?;
        if keys.len() > limits.max_jwks_keys() {
            return Err(KeySetError::TooManyKeys {
                count: keys.len(),
                limit: limits.max_jwks_keys(),
            });
        }
        let mut set = Self::default();
        for (index, key) in keys.iter().enumerate() {
            let key = key.as_object().ok_or(KeySetError::InvalidShape)?;
            set.insert_checked(index, key.clone(), options.allow_small_rsa_keys)?;
        }
        Ok(set)
    }

    /// A key set from public JWKs (for a platform that knows a tool's keys, or tests).
    ///
    /// # Errors
    /// As [`from_jwks`](Self::from_jwks).
    pub fn from_jwks_keys<'a>(
        keys: impl IntoIterator<Item = &'a Jwk>,
    ) -> Result<Self, KeySetError> {
        let mut set = Self::default();
        for (index, jwk) in keys.into_iter().enumerate() {
            let Ok(Value::Object(key)) = serde_json::to_value(jwk) else {
                return Err(KeySetError::InvalidShape);
            };
            set.insert_checked(index, key, false)?;
        }
        Ok(set)
    }

    /// True when a key has this id.
    pub fn contains(&self, kid: &str) -> bool {
        self.keys.contains_key(kid)
    }

    /// The key ids, sorted.
    pub fn key_ids(&self) -> impl Iterator<Item = &str> {
        self.keys.keys().map(String::as_str)
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
        let keys: Vec<Value> = self
            .keys
            .values()
            .map(|entry| Value::Object(entry.public.clone()))
            .collect();
        serde_json::json!({ "keys": keys })
    }

    /// Verifies a signature with the key named `kid`, refusing a key whose metadata does not allow `alg`.
    pub(crate) fn verify(
        &self,
        kid: &str,
        alg: Algorithm,
        message: &[u8],
        signature: &[u8],
    ) -> Result<(), LaunchError> {
        let entry = self
            .keys
            .get(kid)
            .ok_or_else(|| LaunchError::UnknownKeyId {
                kid: Untrusted::new(kid),
            })?;
        let rejected = |problem| LaunchError::KeyRejected {
            kid: Untrusted::new(kid),
            problem,
        };
        let key = entry
            .usable
            .as_ref()
            .map_err(|problem| rejected(*problem))?;
        if entry.alg.is_some_and(|key_alg| key_alg != alg) {
            return Err(rejected(KeyProblem::AlgorithmMismatch));
        }
        if key.verify(alg, message, signature) {
            Ok(())
        } else {
            Err(LaunchError::InvalidSignature)
        }
    }

    fn insert_checked(
        &mut self,
        index: usize,
        key: Map<String, Value>,
        allow_small: bool,
    ) -> Result<(), KeySetError> {
        let malformed = |reason| KeySetError::MalformedKey { index, reason };
        if let Some(member) = PRIVATE_MEMBERS
            .into_iter()
            .find(|member| key.contains_key(*member))
        {
            return Err(KeySetError::PrivateMaterial { index, member });
        }
        let kty = key
            .get("kty")
            .and_then(Value::as_str)
            .ok_or(malformed("kty is missing or not a string"))?;
        let text = |name: &'static str| match key.get(name) {
            None => Ok(None),
            Some(Value::String(text)) => Ok(Some(text.as_str())),
            Some(_) => Err(malformed("a member has the wrong type")),
        };
        let (use_, alg_name, kid) = (text("use")?, text("alg")?, text("kid")?);
        let key_ops = match key.get("key_ops") {
            None => None,
            Some(Value::Array(ops)) => {
                Some(ops.iter().filter_map(Value::as_str).collect::<Vec<_>>())
            }
            Some(_) => return Err(malformed("key_ops is not an array")),
        };
        let alg = alg_name.and_then(Algorithm::from_name);
        let usable = if kty != "RSA" || (alg_name.is_some() && alg.is_none()) {
            Err(if kty == "RSA" {
                KeyProblem::AlgorithmMismatch
            } else {
                KeyProblem::UnsupportedKeyType
            })
        } else if use_.is_some_and(|use_| use_ != "sig") {
            Err(KeyProblem::NotForSignatures)
        } else if key_ops.is_some_and(|ops| !ops.contains(&"verify")) {
            Err(KeyProblem::OperationNotAllowed)
        } else {
            rsa_key(&key, allow_small)
        };
        let kid = match kid {
            Some(kid) => kid.to_owned(),
            None if kty == "RSA" => {
                let (n, e) = (
                    text("n")?.unwrap_or_default(),
                    text("e")?.unwrap_or_default(),
                );
                Jwk::rsa(n, e).thumbprint()
            }
            None => return Err(malformed("a non-RSA key has no kid")),
        };
        if self.keys.contains_key(&kid) {
            return Err(KeySetError::DuplicateKeyId {
                kid: Untrusted::new(&kid),
            });
        }
        self.keys.insert(
            kid,
            Entry {
                public: key,
                alg,
                usable,
            },
        );
        Ok(())
    }
}

fn rsa_key(key: &Map<String, Value>, allow_small: bool) -> Result<VerifyingKey, KeyProblem> {
    let decode = |name| {
        key.get(name)
            .and_then(Value::as_str)
            .and_then(|text| URL_SAFE_NO_PAD.decode(text).ok())
            .ok_or(KeyProblem::Malformed)
    };
    VerifyingKey::from_components(&decode("n")?, &decode("e")?, allow_small)
}
