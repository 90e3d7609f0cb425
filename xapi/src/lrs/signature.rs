//! Signed statements: JWS sign and verify (xAPI 1.0.3 Data §2.6).
//!
//! A signed statement carries, as an attachment with `usageType`
//! [`SIGNATURE_USAGE_TYPE`](crate::multipart::SIGNATURE_USAGE_TYPE) and `contentType`
//! `application/octet-stream`, a JWS (RFC 7515, compact serialization) whose payload is the statement as
//! it was before the signature was added. [`verify_signed_statement`] checks one statement against its JWS;
//! [`verify_request_signatures`] does it for every signed statement of a `multipart/mixed` request, after
//! checking the signature attachments themselves. [`sign_statement`] produces a signed statement.
//!
//! What is checked, in order:
//!
//! 1. the signature attachment: `contentType` and the part's `Content-Type` are `application/octet-stream`,
//!    its data was sent, its `sha2` and `length` describe the JWS, and a statement has one signature
//!    (the statement validator refuses another `contentType` on its own, JWS or not:
//!    `xapi.attachment.signature-content-type`);
//! 2. the JWS, read by `learnwire-jose` (the workspace's one JOSE layer): at most
//!    [`SignaturePolicy::max_jws_len`] bytes, compact serialization (the JSON serialization is refused),
//!    canonical base64url parts (no padding, no non-zero trailing bits, the signature decoded too, key or
//!    not), a header that is a strict JSON object (no repeated member, nesting at most 128 levels);
//! 3. the header: `alg` is in the policy's allow-list (RS256, RS384, RS512 by default; `none`, `HS*`,
//!    `PS*`, `ES*` are never accepted); no `crit` (no extension is understood, RFC 7515 §4.1.11); no `jwk`,
//!    `jku` or `x5u` (refused, `xapi.signature.header-refused`: keys come only from `x5c` or the trusted
//!    keys); `typ`, `cty` and `kid` strings; no `cty` announcing a nested JWT (refused too); `x5c` an array
//!    of at most [`SignaturePolicy::max_certificates`] standard base64 certificates;
//! 4. the key: the first certificate of `x5c` when present (parsed with `x509-parser`; its key must be RSA,
//!    at least [`SignaturePolicy::min_rsa_bits`], at most 8192 bits, with public exponent 65537); otherwise
//!    the caller's trusted keys, if any. The cryptography is `learnwire-jose`'s (aws-lc-rs, keys parsed
//!    once). An RSA signature is exactly as long as the key's modulus (RFC 8017 §8.2.2): with `x5c`, another
//!    length is malformed; without it, a length that fits no key the policy accepts (below `min_rsa_bits`
//!    and every trusted key, or above 8192 bits and every trusted key) is malformed, and a trusted key of
//!    another length is not tried;
//! 5. the payload is a JSON statement logically equivalent to the received one minus its signature
//!    attachment ([`crate::equivalence`], attachments compared).
//!
//! As Data §2.6 notes, checking against the embedded certificate catches mistakes, not forgeries: whether
//! the certificate chain is trusted is the caller's decision ([`CheckedSignature::certificates`]). A JWS
//! without `x5c` and with no trusted key configured is only checked for form and equivalence
//! ([`KeySource::None`]) unless [`SignaturePolicy::require_key`] is set.

mod error;
mod jws;
mod key;
mod sign;
mod verify;
mod x5c;

pub use error::{SignError, SignatureError};
pub use jws::SignatureAlgorithm;
pub use key::{InvalidKey, SigningKey, VerificationKey};
pub use learnwire_jose::{KeyPolicy, RsaPublicKey};
pub use sign::{SignedStatement, sign_statement};
pub use verify::{
    CheckedSignature, KeySource, SignaturePolicy, verify_request_signatures,
    verify_signed_statement,
};
pub use x5c::Certificate;

pub(crate) use verify::is_octet_stream;
