//! Keys: RS256 signing keys (generated with aws-lc-rs, saved and loaded as PKCS#8 PEM), public JWKs with
//! RFC 7638 thumbprints, key sets read strictly from JWKS documents, and a rotating key ring.
//!
//! The JOSE work (JWK checks, parsing each key once, signatures) is done by `learnwire-jose`, the
//! workspace's one JOSE layer; this module adds what LTI needs on top: key ids of our own keys, the key
//! ring a platform or tool publishes, the sans-IO JWKS cache and the `lti.jwks.*` codes.

pub mod cache;
mod key_ring;
mod key_set;
mod signing_key;

pub use key_ring::KeyRing;
pub use key_set::{KeySet, KeySetError, KeySetOptions};
/// A JWS algorithm (RFC 7518 §3.3): RS256 (the LTI default), RS384 or RS512. `none` and HMAC are never
/// algorithms here. Re-exported from `learnwire-jose`.
///
/// # Example
///
/// ```
/// use learnwire_lti::keys::Algorithm;
/// assert_eq!(Algorithm::from_name("RS256"), Some(Algorithm::Rs256));
/// assert_eq!(Algorithm::from_name("rs256"), None);
/// assert_eq!(Algorithm::from_name("HS256"), None);
/// ```
pub use learnwire_jose::Algorithm;
/// A public RSA JWK as published in a JWKS (RFC 7517 §4), with its RFC 7638
/// [`thumbprint`](Jwk::thumbprint). Re-exported from `learnwire-jose`.
pub use learnwire_jose::Jwk;
pub use signing_key::{KeyError, KeyId, SigningKey};
