//! Size and depth limits for untrusted input, checked before the expensive work.

/// The deepest JSON nesting the strict reader of `learnwire-jose` checks itself.
const MAX_JSON_DEPTH: usize = 126;

/// Limits on untrusted input. Every limit has a documented default; each is checked before decoding,
/// hashing or allocating from the input.
///
/// # Example
///
/// ```
/// use learnwire_lti::Limits;
///
/// let limits = Limits::default().with_max_token_bytes(32 * 1024);
/// assert_eq!(limits.max_token_bytes(), 32 * 1024);
/// assert_eq!(limits.max_json_depth(), 64);
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Limits {
    max_token_bytes: usize,
    max_json_depth: usize,
    max_form_bytes: usize,
    max_query_bytes: usize,
    max_jwks_bytes: usize,
    max_jwks_keys: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Self {
            max_token_bytes: 64 * 1024,
            max_json_depth: 64,
            max_form_bytes: 96 * 1024,
            max_query_bytes: 16 * 1024,
            max_jwks_bytes: 256 * 1024,
            max_jwks_keys: 100,
        }
    }
}

impl Limits {
    /// Longest compact JWT accepted, in bytes (default 64 KiB; LTI messages are normally under 16 KiB).
    pub fn max_token_bytes(&self) -> usize {
        self.max_token_bytes
    }

    /// Sets [`max_token_bytes`](Self::max_token_bytes).
    #[must_use]
    pub fn with_max_token_bytes(mut self, bytes: usize) -> Self {
        self.max_token_bytes = bytes;
        self
    }

    /// Deepest JSON nesting accepted in a JWT header, payload, JWKS or claims document (default 64; at
    /// most 126, so a deeper document is refused by the strict reader, not by the JSON parser's own
    /// recursion limit of 128).
    pub fn max_json_depth(&self) -> usize {
        self.max_json_depth
    }

    /// Sets [`max_json_depth`](Self::max_json_depth), capped at 126.
    #[must_use]
    pub fn with_max_json_depth(mut self, depth: usize) -> Self {
        self.max_json_depth = depth.min(MAX_JSON_DEPTH);
        self
    }

    /// Largest `application/x-www-form-urlencoded` body accepted for a launch or a Deep Linking response
    /// (default 96 KiB).
    pub fn max_form_bytes(&self) -> usize {
        self.max_form_bytes
    }

    /// Sets [`max_form_bytes`](Self::max_form_bytes).
    #[must_use]
    pub fn with_max_form_bytes(mut self, bytes: usize) -> Self {
        self.max_form_bytes = bytes;
        self
    }

    /// Largest query string or form accepted for a login initiation or an authentication request
    /// (default 16 KiB).
    pub fn max_query_bytes(&self) -> usize {
        self.max_query_bytes
    }

    /// Sets [`max_query_bytes`](Self::max_query_bytes).
    #[must_use]
    pub fn with_max_query_bytes(mut self, bytes: usize) -> Self {
        self.max_query_bytes = bytes;
        self
    }

    /// Largest JWKS document accepted, in bytes (default 256 KiB).
    pub fn max_jwks_bytes(&self) -> usize {
        self.max_jwks_bytes
    }

    /// Sets [`max_jwks_bytes`](Self::max_jwks_bytes).
    #[must_use]
    pub fn with_max_jwks_bytes(mut self, bytes: usize) -> Self {
        self.max_jwks_bytes = bytes;
        self
    }

    /// Most keys accepted in one JWKS (default 100).
    pub fn max_jwks_keys(&self) -> usize {
        self.max_jwks_keys
    }

    /// Sets [`max_jwks_keys`](Self::max_jwks_keys).
    #[must_use]
    pub fn with_max_jwks_keys(mut self, keys: usize) -> Self {
        self.max_jwks_keys = keys;
        self
    }

    /// The limits `learnwire-jose` applies while reading a token or a key set.
    pub(crate) fn jose(&self) -> learnwire_jose::Limits {
        learnwire_jose::Limits::default()
            .with_max_jws_bytes(self.max_token_bytes)
            .with_max_json_depth(self.max_json_depth)
            .with_max_jwks_bytes(self.max_jwks_bytes)
            .with_max_jwks_keys(self.max_jwks_keys)
    }
}
