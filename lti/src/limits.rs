//! Size and depth limits for untrusted input, checked before the expensive work.

/// Limits on untrusted input. Every limit has a documented default, a getter named after it and a
/// `with_` setter; each is checked before decoding, hashing or allocating from the input, and a refusal
/// has its own code.
///
/// | limit | default | checked on | refused as |
/// |---|---|---|---|
/// | [`max_token_bytes`](Self::max_token_bytes) | 64 KiB | a token's length, before base64 (launches, Deep Linking responses, client assertions) | `lti.token.too-large` |
/// | [`max_json_depth`](Self::max_json_depth) | 64 (at most 512) | JWT header and payload, JWKS, claims documents | `lti.token.too-deep`, `lti.jwks.json` |
/// | [`max_form_bytes`](Self::max_form_bytes) | 96 KiB | a launch form body | `lti.form.malformed` |
/// | [`max_query_bytes`](Self::max_query_bytes) | 16 KiB | a login initiation, an authentication request, an AGS/NRPS request's query | `lti.login.too-large`, `lti.auth-request.too-large`, `lti.service.query` |
/// | [`max_jwks_bytes`](Self::max_jwks_bytes) | 256 KiB | a JWKS document | `lti.jwks.too-large` |
/// | [`max_jwks_keys`](Self::max_jwks_keys) | 100 | the keys of a JWKS | `lti.jwks.too-many-keys` |
/// | [`max_sealed_state_bytes`](Self::max_sealed_state_bytes) | 8 KiB | a sealed login state, before its tag is checked | `lti.state.sealed-invalid` |
/// | [`max_oauth_body_bytes`](Self::max_oauth_body_bytes) | 64 KiB | a token request or response, an openid-configuration, a registration request or response | `lti.token-request.malformed`, `lti.token-response.too-large`, `lti.dynamic-registration.json` |
/// | [`max_service_body_bytes`](Self::max_service_body_bytes) | 16 MiB | an AGS or NRPS body, received by a tool or a platform | `lti.service.too-large` |
/// | [`max_link_header_bytes`](Self::max_link_header_bytes) | 16 KiB | all `Link` header values of one response, together | `lti.link.too-large` |
/// | [`max_links`](Self::max_links) | 64 | the links of one response's `Link` headers | `lti.link.too-many` |
/// | [`max_pages`](Self::max_pages) | 1 000 | pages followed by one [`Pager`](crate::paging::Pager) | `lti.paging.too-many-pages` |
/// | [`max_paged_items`](Self::max_paged_items) | 1 000 000 | items read by one [`Pager`](crate::paging::Pager), all pages together | `lti.paging.too-many-items` |
///
/// # Example
///
/// ```
/// use learnwire_lti::Limits;
///
/// let limits = Limits::default().with_max_token_bytes(32 * 1024);
/// assert_eq!(limits.max_token_bytes(), 32 * 1024);
/// assert_eq!(limits.max_json_depth(), 64);
/// assert_eq!(Limits::default().with_max_json_depth(10_000).max_json_depth(), 512);
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Limits {
    max_token_bytes: usize,
    max_json_depth: usize,
    max_form_bytes: usize,
    max_query_bytes: usize,
    max_jwks_bytes: usize,
    max_jwks_keys: usize,
    max_sealed_state_bytes: usize,
    max_oauth_body_bytes: usize,
    max_service_body_bytes: usize,
    max_link_header_bytes: usize,
    max_links: usize,
    max_pages: usize,
    max_paged_items: usize,
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
            max_sealed_state_bytes: 8 * 1024,
            max_oauth_body_bytes: 64 * 1024,
            max_service_body_bytes: 16 * 1024 * 1024,
            max_link_header_bytes: 16 * 1024,
            max_links: 64,
            max_pages: 1_000,
            max_paged_items: 1_000_000,
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

    /// Deepest JSON nesting accepted in a JWT header, payload, JWKS or claims document; each array or
    /// object is one level (default 64; at most 512, the JOSE layer's cap).
    pub fn max_json_depth(&self) -> usize {
        self.max_json_depth
    }

    /// Sets [`max_json_depth`](Self::max_json_depth), capped as the JOSE layer caps it (512).
    #[must_use]
    pub fn with_max_json_depth(mut self, depth: usize) -> Self {
        self.max_json_depth = learnwire_jose::Limits::default()
            .with_max_json_depth(depth)
            .max_json_depth();
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

    /// Largest query string or form accepted for a login initiation or an authentication request, and
    /// largest query of an AGS or NRPS request a platform reads (default 16 KiB).
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

    /// Largest AGS or NRPS body accepted, in bytes: a response read by a tool, a request body read by a
    /// platform (default 16 MiB). Checked on the body's length before any parsing.
    pub fn max_service_body_bytes(&self) -> usize {
        self.max_service_body_bytes
    }

    /// Sets [`max_service_body_bytes`](Self::max_service_body_bytes).
    #[must_use]
    pub fn with_max_service_body_bytes(mut self, bytes: usize) -> Self {
        self.max_service_body_bytes = bytes;
        self
    }

    /// Most bytes of `Link` header values read from one response, all `Link` headers together (default
    /// 16 KiB).
    pub fn max_link_header_bytes(&self) -> usize {
        self.max_link_header_bytes
    }

    /// Sets [`max_link_header_bytes`](Self::max_link_header_bytes).
    #[must_use]
    pub fn with_max_link_header_bytes(mut self, bytes: usize) -> Self {
        self.max_link_header_bytes = bytes;
        self
    }

    /// Most links read from one response's `Link` headers (default 64).
    pub fn max_links(&self) -> usize {
        self.max_links
    }

    /// Sets [`max_links`](Self::max_links).
    #[must_use]
    pub fn with_max_links(mut self, links: usize) -> Self {
        self.max_links = links;
        self
    }

    /// Most pages one [`Pager`](crate::paging::Pager) follows, the first included (default 1 000).
    pub fn max_pages(&self) -> usize {
        self.max_pages
    }

    /// Sets [`max_pages`](Self::max_pages).
    #[must_use]
    pub fn with_max_pages(mut self, pages: usize) -> Self {
        self.max_pages = pages;
        self
    }

    /// Most items (line items, results, members) one [`Pager`](crate::paging::Pager) reads over all
    /// its pages (default 1 000 000).
    pub fn max_paged_items(&self) -> usize {
        self.max_paged_items
    }

    /// Sets [`max_paged_items`](Self::max_paged_items).
    #[must_use]
    pub fn with_max_paged_items(mut self, items: usize) -> Self {
        self.max_paged_items = items;
        self
    }

    /// Longest sealed login state ([`StateSealer`](crate::login::StateSealer)) opened, in bytes, checked
    /// on its length before the tag is computed (default 8 KiB; a sealed state is normally under 1 KiB).
    pub fn max_sealed_state_bytes(&self) -> usize {
        self.max_sealed_state_bytes
    }

    /// Sets [`max_sealed_state_bytes`](Self::max_sealed_state_bytes).
    #[must_use]
    pub fn with_max_sealed_state_bytes(mut self, bytes: usize) -> Self {
        self.max_sealed_state_bytes = bytes;
        self
    }

    /// Largest body of the OAuth exchanges, in bytes, checked on its length before parsing: a token
    /// request form read by a platform, a token response read by a tool, a platform's
    /// openid-configuration, a registration request or response (default 64 KiB).
    pub fn max_oauth_body_bytes(&self) -> usize {
        self.max_oauth_body_bytes
    }

    /// Sets [`max_oauth_body_bytes`](Self::max_oauth_body_bytes).
    #[must_use]
    pub fn with_max_oauth_body_bytes(mut self, bytes: usize) -> Self {
        self.max_oauth_body_bytes = bytes;
        self
    }

    /// The limits `learnwire-jose` applies to an OAuth JSON body: the OAuth body size, the crate's JSON
    /// depth.
    pub(crate) fn oauth_json(&self) -> learnwire_jose::Limits {
        self.jose().with_max_json_bytes(self.max_oauth_body_bytes)
    }

    /// The limits `learnwire-jose` applies to an AGS or NRPS body: the service body size, the crate's
    /// JSON depth.
    pub(crate) fn service_json(&self) -> learnwire_jose::Limits {
        self.jose().with_max_json_bytes(self.max_service_body_bytes)
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
