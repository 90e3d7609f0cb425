//! Size, depth and count limits on untrusted input, checked before the expensive work.

/// The deepest nesting the JSON reader accepts as a limit. The reader turns serde_json's own recursion
/// limit off and counts levels itself, so any limit holds exactly and the container past it is refused
/// as [`JsonError::TooDeep`](crate::JsonError::TooDeep); it recurses once per level, and 512 levels fit
/// a 2 MiB thread stack (the same cap as `learnwire-xapi`'s statement reader).
pub(crate) const MAX_JSON_DEPTH: usize = 512;

/// Limits on untrusted input. Each has a documented default and a setter; each is checked before
/// decoding, hashing or allocating from the input.
///
/// | limit | default | checked |
/// |---|---|---|
/// | [`max_jws_bytes`](Self::max_jws_bytes) | 64 KiB | on the compact JWS length, before base64 |
/// | [`max_json_bytes`](Self::max_json_bytes) | 1 MiB | by [`read_json`](crate::read_json) on its input |
/// | [`max_json_depth`](Self::max_json_depth) | 64 (at most 512) | while reading any JSON: JWS header and payload, JWKS, [`read_json`](crate::read_json) |
/// | [`max_jwks_bytes`](Self::max_jwks_bytes) | 256 KiB | on a JWKS document, before parsing |
/// | [`max_jwks_keys`](Self::max_jwks_keys) | 100 | on a JWKS `keys` array, before any key is read |
/// | [`max_x5c_certificates`](Self::max_x5c_certificates) | 10 | on a JWS `x5c` header, before decoding |
///
/// # Example
///
/// ```
/// use learnwire_jose::Limits;
///
/// let limits = Limits::default().with_max_jws_bytes(16 * 1024).with_max_json_depth(1_000);
/// assert_eq!(limits.max_jws_bytes(), 16 * 1024);
/// assert_eq!(limits.max_json_depth(), 512); // capped
/// assert_eq!(limits.max_jwks_keys(), 100);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limits {
    max_jws_bytes: usize,
    max_json_bytes: usize,
    max_json_depth: usize,
    max_jwks_bytes: usize,
    max_jwks_keys: usize,
    max_x5c_certificates: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Self {
            max_jws_bytes: 64 * 1024,
            max_json_bytes: 1024 * 1024,
            max_json_depth: 64,
            max_jwks_bytes: 256 * 1024,
            max_jwks_keys: 100,
            max_x5c_certificates: 10,
        }
    }
}

impl Limits {
    /// The default limits.
    pub fn new() -> Self {
        Self::default()
    }

    /// Longest compact JWS accepted, in bytes (default 64 KiB; LTI messages are normally under 16 KiB).
    pub fn max_jws_bytes(&self) -> usize {
        self.max_jws_bytes
    }

    /// Sets [`max_jws_bytes`](Self::max_jws_bytes).
    #[must_use]
    pub fn with_max_jws_bytes(mut self, bytes: usize) -> Self {
        self.max_jws_bytes = bytes;
        self
    }

    /// Largest JSON document [`read_json`](crate::read_json) accepts, in bytes (default 1 MiB). JWS parts
    /// are bounded by [`max_jws_bytes`](Self::max_jws_bytes) and JWKS by
    /// [`max_jwks_bytes`](Self::max_jwks_bytes) instead.
    pub fn max_json_bytes(&self) -> usize {
        self.max_json_bytes
    }

    /// Sets [`max_json_bytes`](Self::max_json_bytes).
    #[must_use]
    pub fn with_max_json_bytes(mut self, bytes: usize) -> Self {
        self.max_json_bytes = bytes;
        self
    }

    /// Deepest JSON nesting accepted; each array or object is one level, and a document nested exactly
    /// this deep is read (default 64, at most 512: the reader recurses once per level).
    pub fn max_json_depth(&self) -> usize {
        self.max_json_depth
    }

    /// Sets [`max_json_depth`](Self::max_json_depth), capped at 512.
    #[must_use]
    pub fn with_max_json_depth(mut self, depth: usize) -> Self {
        self.max_json_depth = depth.min(MAX_JSON_DEPTH);
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

    /// Most certificates accepted in a JWS `x5c` header, when the verifier reads `x5c` at all
    /// (default 10).
    pub fn max_x5c_certificates(&self) -> usize {
        self.max_x5c_certificates
    }

    /// Sets [`max_x5c_certificates`](Self::max_x5c_certificates).
    #[must_use]
    pub fn with_max_x5c_certificates(mut self, certificates: usize) -> Self {
        self.max_x5c_certificates = certificates;
        self
    }
}
