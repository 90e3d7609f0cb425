//! Replay protection: a nonce is accepted once. The caller owns the store.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Mutex;

use chrono::{DateTime, Utc};
use sha2::{Digest, Sha256};

/// Why a nonce could not be recorded.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum NonceError {
    /// The nonce was already used.
    #[error("lti.nonce.replayed: nonce was already used")]
    Replayed,
    /// The store is full of unexpired nonces; refused (fail closed) rather than forgetting one.
    #[error("lti.nonce.store: the nonce store is full")]
    Full,
    /// The store is unavailable (a poisoned lock, a database error).
    #[error("lti.nonce.store: the nonce store is unavailable")]
    Unavailable(#[source] Box<dyn std::error::Error + Send + Sync>),
}

impl NonceError {
    /// The stable code: `lti.nonce.replayed`, or `lti.nonce.store` when the store could not record it.
    ///
    /// # Example
    ///
    /// ```
    /// use learnwire_lti::NonceError;
    ///
    /// assert_eq!(NonceError::Full.code().as_str(), "lti.nonce.store");
    /// ```
    pub fn code(&self) -> learnwire_report::Code {
        match self {
            Self::Replayed => crate::codes::NONCE_REPLAYED,
            Self::Full | Self::Unavailable(_) => crate::codes::NONCE_STORE,
        }
    }
}

/// Records nonces so each is accepted once. Implement it over a shared cache or database for several
/// processes; [`InMemoryNonceStore`] serves one process.
pub trait NonceStore {
    /// Records `nonce` until `expires_at` (after which a token carrying it is expired anyway).
    ///
    /// # Errors
    /// [`NonceError::Replayed`] when the nonce is already recorded and not expired at `now`; another
    /// [`NonceError`] when it cannot be recorded.
    fn consume(
        &self,
        nonce: &str,
        expires_at: DateTime<Utc>,
        now: DateTime<Utc>,
    ) -> Result<(), NonceError>;
}

impl<T: NonceStore + ?Sized> NonceStore for &T {
    fn consume(
        &self,
        nonce: &str,
        expires_at: DateTime<Utc>,
        now: DateTime<Utc>,
    ) -> Result<(), NonceError> {
        (**self).consume(nonce, expires_at, now)
    }
}

/// A bounded in-memory [`NonceStore`]. It keeps SHA-256 digests, not the nonces, forgets entries once
/// expired, and refuses new nonces when `capacity` unexpired entries are held.
///
/// # Example
///
/// ```
/// use chrono::{TimeDelta, Utc};
/// use learnwire_lti::{InMemoryNonceStore, NonceError, NonceStore};
///
/// let store = InMemoryNonceStore::new(10_000);
/// let now = Utc::now();
/// store.consume("n-1", now + TimeDelta::minutes(5), now)?;
/// assert!(matches!(store.consume("n-1", now + TimeDelta::minutes(5), now), Err(NonceError::Replayed)));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug)]
pub struct InMemoryNonceStore {
    capacity: usize,
    inner: Mutex<Entries>,
}

#[derive(Debug, Default)]
struct Entries {
    by_digest: BTreeMap<[u8; 32], DateTime<Utc>>,
    by_expiry: BTreeSet<(DateTime<Utc>, [u8; 32])>,
}

impl InMemoryNonceStore {
    /// A store holding at most `capacity` unexpired nonces.
    pub fn new(capacity: usize) -> Self {
        Self {
            capacity,
            inner: Mutex::new(Entries::default()),
        }
    }

    /// The number of nonces held (expired ones included until the next purge).
    pub fn len(&self) -> usize {
        self.inner
            .lock()
            .map(|entries| entries.by_digest.len())
            .unwrap_or(0)
    }

    /// True when no nonce is held.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

impl Default for InMemoryNonceStore {
    /// Capacity 100 000.
    fn default() -> Self {
        Self::new(100_000)
    }
}

impl NonceStore for InMemoryNonceStore {
    fn consume(
        &self,
        nonce: &str,
        expires_at: DateTime<Utc>,
        now: DateTime<Utc>,
    ) -> Result<(), NonceError> {
        let digest: [u8; 32] = Sha256::digest(nonce.as_bytes()).into();
        let mut entries = self
            .inner
            .lock()
            .map_err(|_| NonceError::Unavailable("lock poisoned".into()))?;
        entries.purge(now);
        if entries.by_digest.contains_key(&digest) {
            return Err(NonceError::Replayed);
        }
        if entries.by_digest.len() >= self.capacity {
            return Err(NonceError::Full);
        }
        entries.by_digest.insert(digest, expires_at);
        entries.by_expiry.insert((expires_at, digest));
        Ok(())
    }
}

impl Entries {
    /// Forgets entries that expired at or before `now`, oldest first.
    fn purge(&mut self, now: DateTime<Utc>) {
        while let Some(first) = self.by_expiry.first().copied() {
            if first.0 > now {
                break;
            }
            self.by_expiry.pop_first();
            self.by_digest.remove(&first.1);
        }
    }
}
