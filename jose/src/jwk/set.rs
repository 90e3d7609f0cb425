//! A key set read strictly from a JWKS document (RFC 7517 §5), keys by `kid`.

use std::collections::BTreeMap;
use std::fmt;

use serde_json::{Map, Value};

use super::members::{MemberError, read_members};
use super::thumbprint::rsa_thumbprint;
use super::{Jwk, KeyPolicy, RsaPublicKey};
use crate::error::{JoseError, KeyProblem, Part};
use crate::json::read_value;
use crate::jws::{UnverifiedJws, VerifiedJws};
use crate::limits::Limits;
use learnwire_report::Untrusted;

/// One key of a set: its public members as read and, when usable, the parsed key.
#[derive(Clone)]
struct Entry {
    public: Map<String, Value>,
    key: Result<RsaPublicKey, KeyProblem>,
}

/// Keys by `kid`, read from a JWKS. Every key is checked once, when the set is read:
///
/// - the document: at most [`Limits::max_jwks_bytes`], strict JSON (no duplicate members, depth
///   limit), an object with a `keys` array of at most [`Limits::max_jwks_keys`] objects;
/// - each key: no private member (the whole set is refused: someone published a private key), `kty`
///   a string, `kid`/`use`/`alg` strings and `key_ops` an array of strings when present;
/// - `kid`s are unique (a repeated one refuses the set: "first match wins" would let an attacker's key
///   in first shadow the real one). An RSA key without `kid` is filed under its RFC 7638 thumbprint; a
///   key of another type needs a `kid`.
///
/// A key that is well formed but not usable for RS* signatures (`EC`, `use` not `sig`, 1024 bits, e = 3,
/// ...) is kept, so the other keys stay usable, and refused with its [`KeyProblem`] when a token names it.
///
/// # Example
///
/// ```
/// use learnwire_jose::{Algorithm, JwkSet, KeyPolicy, Limits, SigningKey, Verifier, write_jwks};
///
/// let key = SigningKey::generate(2048)?;
/// let mut jwk = key.public_jwk();
/// jwk.kid = Some("k1".to_owned());
/// let jwks = write_jwks([&jwk]).to_string();
/// let set = JwkSet::read(jwks.as_bytes(), &Limits::default(), &KeyPolicy::default())?;
/// assert!(set.contains("k1"));
///
/// let header = serde_json::json!({ "kid": "k1" });
/// let token = key.sign(Algorithm::Rs256, header.as_object().unwrap(), br#"{"sub":"a"}"#)?;
/// let verified = Verifier::new(&[Algorithm::Rs256]).verify_with_set(&token, &set)?;
/// assert_eq!(verified.claims()["sub"], "a");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Default)]
pub struct JwkSet {
    keys: BTreeMap<String, Entry>,
}

impl fmt::Debug for JwkSet {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("JwkSet")
            .field(
                "kids",
                &self
                    .keys
                    .keys()
                    .map(|kid| Untrusted::new(kid))
                    .collect::<Vec<_>>(),
            )
            .finish()
    }
}

impl JwkSet {
    /// Reads a JWKS document (`{"keys":[…]}`).
    ///
    /// # Errors
    ///
    /// [`JoseError::Json`] (part [`Part::KeySet`]; too large, too deep, duplicate member, syntax),
    /// [`JoseError::JwksShape`], [`JoseError::TooManyKeys`], [`JoseError::PrivateMember`],
    /// [`JoseError::MalformedSetKey`] or [`JoseError::DuplicateKeyId`].
    pub fn read(bytes: &[u8], limits: &Limits, policy: &KeyPolicy) -> Result<Self, JoseError> {
        let json = |error| JoseError::Json {
            part: Part::KeySet,
            error,
        };
        if bytes.len() > limits.max_jwks_bytes() {
            return Err(json(crate::json::JsonError::TooLarge {
                length: bytes.len(),
                limit: limits.max_jwks_bytes(),
            }));
        }
        let document = read_value(bytes, limits.max_json_depth()).map_err(json)?;
        let keys = document
            .get("keys")
            .and_then(Value::as_array)
            .ok_or(JoseError::JwksShape)?;
        if keys.len() > limits.max_jwks_keys() {
            return Err(JoseError::TooManyKeys {
                count: keys.len(),
                limit: limits.max_jwks_keys(),
            });
        }
        let mut set = Self::default();
        for (index, key) in keys.iter().enumerate() {
            let key = key.as_object().ok_or(JoseError::JwksShape)?;
            set.insert_checked(index, key.clone(), policy)?;
        }
        Ok(set)
    }

    /// A key set from public JWKs (keys we know out of band, or tests), checked as [`read`](Self::read)
    /// checks each key.
    ///
    /// # Errors
    ///
    /// As [`read`](Self::read), for the keys.
    pub fn from_jwks<'a>(
        keys: impl IntoIterator<Item = &'a Jwk>,
        policy: &KeyPolicy,
    ) -> Result<Self, JoseError> {
        let mut set = Self::default();
        for (index, jwk) in keys.into_iter().enumerate() {
            let Ok(Value::Object(key)) = serde_json::to_value(jwk) else {
                return Err(JoseError::JwksShape);
            };
            set.insert_checked(index, key, policy)?;
        }
        Ok(set)
    }

    /// The usable key with this `kid`.
    ///
    /// # Errors
    ///
    /// [`JoseError::UnknownKeyId`], or [`JoseError::KeyRejected`] when the key is in the set but cannot
    /// verify RS* signatures.
    pub fn get(&self, kid: &str) -> Result<&RsaPublicKey, JoseError> {
        let entry = self.keys.get(kid).ok_or_else(|| JoseError::UnknownKeyId {
            kid: Untrusted::new(kid),
        })?;
        entry
            .key
            .as_ref()
            .map_err(|problem| JoseError::KeyRejected {
                kid: Some(Untrusted::new(kid)),
                problem: *problem,
            })
    }

    /// Verifies a read JWS with the key its `kid` names. The `kid` is required: with several keys, trying
    /// each would turn any weak key of the set into a forgery oracle.
    ///
    /// # Errors
    ///
    /// [`JoseError::MissingHeaderMember`] (`kid`), as [`get`](Self::get), or as
    /// [`UnverifiedJws::verify`].
    pub fn verify(&self, jws: &UnverifiedJws<'_>) -> Result<VerifiedJws, JoseError> {
        let kid = jws
            .header()
            .kid()
            .ok_or(JoseError::MissingHeaderMember { name: "kid" })?;
        jws.verify(self.get(kid)?)
    }

    /// True when a key (usable or not) has this id.
    pub fn contains(&self, kid: &str) -> bool {
        self.keys.contains_key(kid)
    }

    /// The key ids, sorted.
    pub fn key_ids(&self) -> impl Iterator<Item = &str> {
        self.keys.keys().map(String::as_str)
    }

    /// The number of keys, usable or not.
    pub fn len(&self) -> usize {
        self.keys.len()
    }

    /// True when there are no keys.
    pub fn is_empty(&self) -> bool {
        self.keys.is_empty()
    }

    /// The set as a JWKS document: each key's members as read (public members only, since a key with a
    /// private member is never read), by `kid`.
    pub fn to_value(&self) -> Value {
        let keys: Vec<Value> = self
            .keys
            .values()
            .map(|entry| Value::Object(entry.public.clone()))
            .collect();
        serde_json::json!({ "keys": keys })
    }

    fn insert_checked(
        &mut self,
        index: usize,
        key: Map<String, Value>,
        policy: &KeyPolicy,
    ) -> Result<(), JoseError> {
        let members = read_members(&key).map_err(|error| match error {
            MemberError::Private(member) => JoseError::PrivateMember {
                index: Some(index),
                member,
            },
            MemberError::Malformed(member) => JoseError::MalformedSetKey { index, member },
        })?;
        let kid = match members.kid {
            Some(kid) => kid.to_owned(),
            None if members.kty == "RSA" => {
                let text = |name| key.get(name).and_then(Value::as_str).unwrap_or_default();
                rsa_thumbprint(text("e"), members.kty, text("n"))
            }
            None => {
                return Err(JoseError::MalformedSetKey {
                    index,
                    member: "kid",
                });
            }
        };
        if self.keys.contains_key(&kid) {
            return Err(JoseError::DuplicateKeyId {
                kid: Untrusted::new(&kid),
            });
        }
        let usable = RsaPublicKey::from_members(&key, &members, policy)
            .map(|parsed| parsed.with_kid(kid.clone()));
        self.keys.insert(
            kid,
            Entry {
                public: key,
                key: usable,
            },
        );
        Ok(())
    }
}
