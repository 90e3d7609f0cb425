//! Keys: RSA public keys from JWK, SPKI or components; JWKS reading and writing; RFC 7638 thumbprints.

mod key;
mod members;
mod policy;
mod rsa;
mod set;
mod thumbprint;

pub use key::{Jwk, write_jwks};
pub use policy::KeyPolicy;
pub use rsa::RsaPublicKey;
pub use set::JwkSet;
