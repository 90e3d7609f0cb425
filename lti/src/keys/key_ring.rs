//! Our own keys with rotation: the current key signs; the next and previous keys are published too, so
//! verifiers that cached the JWKS keep working across a rotation.

use serde_json::Value;

use super::SigningKey;

/// Our signing keys: `current` signs, `next` is published ahead of use, `previous` stays published after
/// a rotation until tokens signed with it have expired.
///
/// # Example
///
/// ```
/// use learnwire_lti::keys::{KeyRing, SigningKey};
///
/// let mut ring = KeyRing::new(SigningKey::generate(None)?);
/// ring.set_next(SigningKey::generate(None)?);
/// let old = ring.current().kid().clone();
/// ring.rotate(None);
/// assert_eq!(ring.previous().map(|key| key.kid()), Some(&old));
/// assert_eq!(ring.jwks()["keys"].as_array().map(Vec::len), Some(2));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug)]
pub struct KeyRing {
    previous: Option<SigningKey>,
    current: SigningKey,
    next: Option<SigningKey>,
}

impl KeyRing {
    /// A ring with one key.
    pub fn new(current: SigningKey) -> Self {
        Self {
            previous: None,
            current,
            next: None,
        }
    }

    /// The key that signs.
    pub fn current(&self) -> &SigningKey {
        &self.current
    }

    /// The key published ahead of use.
    pub fn next(&self) -> Option<&SigningKey> {
        self.next.as_ref()
    }

    /// The key that signed before the last rotation.
    pub fn previous(&self) -> Option<&SigningKey> {
        self.previous.as_ref()
    }

    /// Sets the key to publish ahead of use.
    pub fn set_next(&mut self, next: SigningKey) {
        self.next = Some(next);
    }

    /// Stops publishing the previous key (once tokens it signed have expired).
    pub fn retire_previous(&mut self) -> Option<SigningKey> {
        self.previous.take()
    }

    /// Rotates: `next` becomes current (when there is none, the current key stays and nothing changes),
    /// the old current becomes previous, and `new_next` (if any) is published ahead of use. Returns the
    /// key that stopped being published, if any.
    pub fn rotate(&mut self, new_next: Option<SigningKey>) -> Option<SigningKey> {
        let Some(next) = self.next.take() else {
            self.next = new_next;
            return None;
        };
        let old_current = std::mem::replace(&mut self.current, next);
        self.next = new_next;
        self.previous.replace(old_current)
    }

    /// The JWKS body to publish: current, next and previous public keys, no private member.
    pub fn jwks(&self) -> Value {
        let keys: Vec<Value> = [
            self.next.as_ref(),
            Some(&self.current),
            self.previous.as_ref(),
        ]
        .into_iter()
        .flatten()
        .filter_map(|key| serde_json::to_value(key.public_jwk()).ok())
        .collect();
        serde_json::json!({ "keys": keys })
    }
}
