//! Platform side: check a tool's authentication request, sign launches (resource link, Deep Linking
//! request, submission review), post them through the browser, and publish the platform's keys.

mod auth_request;
mod claims_file;
mod client_assertion;
mod form_post;
mod message;
mod tool;

pub use auth_request::{AuthRequestError, CheckedAuthRequest, ToolAuthRequest};

/// The old name of [`ToolAuthRequest`] (the authentication request a tool sends, as the platform reads
/// it).
#[deprecated(
    note = "renamed ToolAuthRequest: the authentication request a tool sends to the platform"
)]
pub type AuthRequest = ToolAuthRequest;
pub use claims_file::{ClaimsDocumentError, read_claims};
pub use client_assertion::{
    CLIENT_ASSERTION_TYPE, ClientAssertionError, ClientAssertionVerifier, ToolLookup,
    VerifiedClientAssertion, client_assertion,
};
pub(crate) use client_assertion::{MAX_LIFETIME, sign_assertion};
pub use form_post::FormPost;
pub(crate) use message::set_times;
pub use message::{BuildError, LaunchMessage, SignedMessage, sign_message};
pub use tool::ToolRegistration;

/// The JWKS document body to serve at the platform's key URL (`application/json`), from a key ring:
/// public keys only.
///
/// # Example
///
/// ```
/// use learnwire_lti::keys::{KeyRing, SigningKey};
///
/// let ring = KeyRing::new(SigningKey::generate(None)?);
/// let body = learnwire_lti::platform::jwks_body(&ring);
/// assert!(!body.contains("\"d\""));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn jwks_body(ring: &crate::keys::KeyRing) -> String {
    ring.jwks().to_string()
}
