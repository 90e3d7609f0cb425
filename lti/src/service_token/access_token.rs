//! The access token as a secret, and the record a platform keeps of an opaque one.

use std::collections::BTreeMap;
use std::fmt;
use std::sync::Mutex;

use chrono::{DateTime, Utc};
use learnwire_report::Code;
use sha2::{Digest, Sha256};

use super::ScopeSet;
use crate::codes;

/// An OAuth access token (RFC 6749 §1.4): a secret. `Debug` shows its length only, there is no
/// `Display` and no `PartialEq`; read it with [`secret`](Self::secret).
#[derive(Clone)]
pub struct AccessToken(String);

impl AccessToken {
    /// Wraps a token value.
    pub fn new(value: impl Into<String>) -> Self {
        Self(value.into())
    }

    /// The token value, to put in an `Authorization: Bearer` header.
    pub fn secret(&self) -> &str {
        &self.0
    }

    /// The SHA-256 digest of the token value: what a platform stores and looks up instead of the token.
    pub fn digest(&self) -> TokenDigest {
        TokenDigest::of(&self.0)
    }
}

impl fmt::Debug for AccessToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("AccessToken")
            .field("len", &self.0.len())
            .finish_non_exhaustive()
    }
}

/// The SHA-256 digest of an access token: the key under which a platform keeps an opaque token's
/// [`AccessTokenRecord`], so a leaked store holds no usable token.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct TokenDigest([u8; 32]);

impl TokenDigest {
    /// The digest of `token`.
    pub fn of(token: &str) -> Self {
        Self(Sha256::digest(token.as_bytes()).into())
    }

    /// A digest read back from storage.
    pub fn from_bytes(bytes: [u8; 32]) -> Self {
        Self(bytes)
    }

    /// The digest bytes, to store.
    pub fn as_bytes(&self) -> &[u8; 32] {
        &self.0
    }
}

/// What a platform knows about an access token it issued: who holds it, which scopes it grants, until
/// when. Kept by the caller's [`AccessTokenStore`] (opaque tokens) or read from a verified JWT.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AccessTokenRecord {
    digest: TokenDigest,
    client_id: String,
    scopes: ScopeSet,
    expires_at: DateTime<Utc>,
}

impl AccessTokenRecord {
    /// A record from its parts (as read back from the caller's storage).
    pub fn new(
        digest: TokenDigest,
        client_id: impl Into<String>,
        scopes: ScopeSet,
        expires_at: DateTime<Utc>,
    ) -> Self {
        Self {
            digest,
            client_id: client_id.into(),
            scopes,
            expires_at,
        }
    }

    /// The token's digest.
    pub fn digest(&self) -> TokenDigest {
        self.digest
    }

    /// The tool's client id.
    pub fn client_id(&self) -> &str {
        &self.client_id
    }

    /// The granted scopes.
    pub fn scopes(&self) -> &ScopeSet {
        &self.scopes
    }

    /// When the token expires (it is refused at and after this instant).
    pub fn expires_at(&self) -> DateTime<Utc> {
        self.expires_at
    }
}

/// Why an [`AccessTokenStore`] could not record or find a token.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum AccessTokenStoreError {
    /// The store is full of unexpired tokens; refused rather than forgetting one.
    #[error("{}: the access token store is full", self.code())]
    Full,
    /// The store is unavailable (a poisoned lock, a database error).
    #[error("{}: the access token store is unavailable", self.code())]
    Unavailable(#[source] Box<dyn std::error::Error + Send + Sync>),
}

impl AccessTokenStoreError {
    /// The stable code, `lti.access-token.store`.
    pub fn code(&self) -> Code {
        codes::ACCESS_TOKEN_STORE
    }
}

/// Where a platform keeps the opaque access tokens it issued, by digest. Implement it over a shared cache
/// or database for several processes; [`InMemoryAccessTokenStore`] serves one process.
pub trait AccessTokenStore {
    /// Records an issued token at `now` (a store may forget records expired at `now`).
    ///
    /// # Errors
    /// [`AccessTokenStoreError`] when it cannot be recorded.
    fn save(
        &self,
        record: AccessTokenRecord,
        now: DateTime<Utc>,
    ) -> Result<(), AccessTokenStoreError>;

    /// The record of the token with this digest, if any (an expired one may be returned or not).
    ///
    /// # Errors
    /// [`AccessTokenStoreError`] when the store cannot be read.
    fn find(
        &self,
        digest: &TokenDigest,
        now: DateTime<Utc>,
    ) -> Result<Option<AccessTokenRecord>, AccessTokenStoreError>;
}

impl<T: AccessTokenStore + ?Sized> AccessTokenStore for &T {
    fn save(
        &self,
        record: AccessTokenRecord,
        now: DateTime<Utc>,
    ) -> Result<(), AccessTokenStoreError> {
        (**self).save(record, now)
    }

    fn find(
        &self,
        digest: &TokenDigest,
        now: DateTime<Utc>,
    ) -> Result<Option<AccessTokenRecord>, AccessTokenStoreError> {
        (**self).find(digest, now)
    }
}

/// A bounded in-memory [`AccessTokenStore`] keyed by token digest; expired records are forgotten when a
/// token is saved, and a full store refuses new tokens (fail closed).
///
/// # Example
///
/// ```
/// use learnwire_lti::service_token::{AccessTokenStore, InMemoryAccessTokenStore};
/// let store = InMemoryAccessTokenStore::new(1_000);
/// assert!(store.is_empty());
/// ```
#[derive(Debug)]
pub struct InMemoryAccessTokenStore {
    capacity: usize,
    records: Mutex<BTreeMap<TokenDigest, AccessTokenRecord>>,
}

impl InMemoryAccessTokenStore {
    /// A store holding at most `capacity` unexpired tokens.
    pub fn new(capacity: usize) -> Self {
        Self {
            capacity,
            records: Mutex::new(BTreeMap::new()),
        }
    }

    /// The number of tokens held (expired ones included until the next save).
    pub fn len(&self) -> usize {
        self.records
            .lock()
            .map(|records| records.len())
            .unwrap_or(0)
    }

    /// True when no token is held.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

impl Default for InMemoryAccessTokenStore {
    /// Capacity 100 000.
    fn default() -> Self {
        Self::new(100_000)
    }
}

impl AccessTokenStore for InMemoryAccessTokenStore {
    fn save(
        &self,
        record: AccessTokenRecord,
        now: DateTime<Utc>,
    ) -> Result<(), AccessTokenStoreError> {
        let mut records = self
            .records
            .lock()
            .map_err(|_| AccessTokenStoreError::Unavailable("lock poisoned".into()))?;
        if records.len() >= self.capacity {
            records.retain(|_, held| held.expires_at > now);
        }
        if records.len() >= self.capacity {
            return Err(AccessTokenStoreError::Full);
        }
        records.insert(record.digest, record);
        Ok(())
    }

    fn find(
        &self,
        digest: &TokenDigest,
        _now: DateTime<Utc>,
    ) -> Result<Option<AccessTokenRecord>, AccessTokenStoreError> {
        let records = self
            .records
            .lock()
            .map_err(|_| AccessTokenStoreError::Unavailable("lock poisoned".into()))?;
        Ok(records.get(digest).cloned())
    }
}
