//! The Learnwire JOSE layer: the one place in the workspace that reads, verifies and signs a JWS.
//!
//! # Overview
//!
//! | Job | Entry point |
//! |---|---|
//! | read a compact JWS strictly, pinned algorithms | [`Verifier::read`] → [`UnverifiedJws`] |
//! | verify with a key, or with a key set by `kid` | [`UnverifiedJws::verify`], [`JwkSet::verify`], [`Verifier::verify`], [`Verifier::verify_with_set`] → [`VerifiedJws`] |
//! | sign (RS256, RS384, RS512) | [`SigningKey::sign`] |
//! | private keys: generate, PKCS#8/PKCS#1 PEM, PKCS#8 DER | [`SigningKey`] |
//! | public keys from JWK, SPKI/PKCS#1 DER or PEM, components | [`RsaPublicKey`], under a [`KeyPolicy`] |
//! | JWKS read and written, RFC 7638 thumbprints | [`JwkSet`], [`Jwk`], [`write_jwks`], [`Jwk::thumbprint`] |
//! | strict JSON for any document | [`read_json`], [`deserialize_json`] (any serde deserializer) |
//! | canonical base64url | [`base64url`] |
//! | errors and their stable codes | [`JoseError`] (`code()`), [`CODES`] |
//!
//! Claims are not this crate's business: it verifies signatures and structure and hands back the header
//! and the payload object. Time (`exp`, `iat`, `nbf`), issuers and audiences are checked by the profile
//! crates (`learnwire-lti`, `learnwire-xapi`) against an injected clock.
//!
//! # Quick start
//!
//! ```
//! use learnwire_jose::{Algorithm, JwkSet, KeyPolicy, Limits, SigningKey, Verifier, write_jwks};
//!
//! // The signer: a key, its public JWKS, a token.
//! let key = SigningKey::generate(2048)?;
//! let mut jwk = key.public_jwk();
//! jwk.kid = Some("key-1".to_owned());
//! let jwks = write_jwks([&jwk]).to_string();
//! let header = serde_json::json!({ "kid": "key-1", "typ": "JWT" });
//! let token = key.sign(Algorithm::Rs256, header.as_object().unwrap(), br#"{"sub":"user-1"}"#)?;
//!
//! // The verifier: the JWKS read once (keys parsed once), then each token against it.
//! let keys = JwkSet::read(jwks.as_bytes(), &Limits::default(), &KeyPolicy::default())?;
//! let verifier = Verifier::new(&[Algorithm::Rs256]);
//! let verified = verifier.verify_with_set(&token, &keys)?;
//! assert_eq!(verified.claims()["sub"], "user-1");
//! assert_eq!(verified.header().typ(), Some("JWT"));
//!
//! // Another character in the middle of the signature, and it no longer verifies.
//! let at = token.len() - 10;
//! let swapped = if &token[at..=at] == "A" { "B" } else { "A" };
//! let forged = format!("{}{swapped}{}", &token[..at], &token[at + 1..]);
//! let error = verifier.verify_with_set(&forged, &keys).unwrap_err();
//! assert_eq!(error.code().as_str(), "jose.jws.signature");
//! # Ok::<(), learnwire_jose::JoseError>(())
//! ```
//!
//! # Crate features
//!
//! None. Cryptography is aws-lc-rs only (RSASSA-PKCS1-v1_5 verification with keys parsed once, signing,
//! key generation, SHA-256 for thumbprints, the CSPRNG). The crate does not depend on `jsonwebtoken`:
//! that crate is a dev-dependency here, the independent oracle of the interop tests (each side verifies
//! the other's tokens for RS256, RS384 and RS512) and the baseline of the bench.
//!
//! # Untrusted input
//!
//! Every limit is in [`Limits`], with a documented default, and checked before the work it bounds: a JWS
//! 64 KiB (on its length, before base64), JSON depth 64 (header, payload, JWKS, [`read_json`]), JSON
//! documents 1 MiB, JWKS 256 KiB and 100 keys, `x5c` 10 certificates. RSA moduli are 2048–8192 bits
//! ([`KeyPolicy`]), which bounds the cost of one verification. JSON is read strictly: a member repeated
//! in any object is refused (never first or last wins), as are numbers out of range, lone surrogates,
//! invalid UTF-8 and trailing data. Base64url is canonical: no padding, no standard alphabet, no
//! whitespace, no non-zero trailing bits, so one token has one spelling.
//!
//! No input makes this crate panic: there is no `unwrap`, `expect`, `panic!` or slice indexing in it, and
//! the tests feed it random tokens and every malformation named here. Errors keep attacker text cut to
//! 256 bytes and escaped when shown ([`Untrusted`]); they never hold a token, a signature or a key.
//!
//! # Security
//!
//! - **Pinned algorithms** (RFC 8725 §3.1): a [`Verifier`] is built with its allow-list; the token's
//!   `alg` only selects within it. `none` in any letter case and `HS256`/`HS384`/`HS512` have their own
//!   errors ([`JoseError::UnsecuredJws`], [`JoseError::HmacAlgorithm`]): an RSA key can never become an
//!   HMAC secret (CVE-2015-9235). A JWK's `alg` restricts its key further.
//! - **Refused headers**: `jwk`, `jku`, `x5u` always (no key is ever taken from a token, nothing is
//!   fetched; RFC 8725 §3.10, CVE-2018-0114); `x5c` and `x5t#S256` unless the verifier reads certificates
//!   ([`Verifier::with_x5c`]), and then the DER certificates go to the caller, who decides trust; `crit`
//!   unless every listed extension is one the caller understands (RFC 7515 §4.1.11); `b64` other than
//!   `true` (RFC 7797); `cty` `JWT` (nested tokens).
//! - **Signature**: over the exact received bytes (never re-serialised); its length must equal the
//!   modulus length (RFC 8017 §8.2.2); the payload is decoded and parsed only after it verifies.
//! - **Keys**: JWK hygiene at load (no private members, `oct` refused, `use`/`key_ops`/`alg` respected,
//!   canonical `n` and `e` without leading zeros, e = 65537, size range, duplicate `kid`s refuse the set);
//!   a key is chosen by `kid` only, never by trying every key of a set.
//! - **Weakening knobs are named `danger_*`**: [`KeyPolicy::danger_with_min_bits`] (keys down to 1024
//!   bits, for test platforms) and [`UnverifiedJws::danger_unverified_claims`] (a payload read without
//!   a key, for profiles that check form only).
//! - **Why aws-lc-rs and not the `rsa` crate**: the `rsa` crate's private-key operations are open to the
//!   Marvin timing attack (RUSTSEC-2023-0071, no fixed release); aws-lc-rs runs RSA in AWS-LC (derived
//!   from BoringSSL), whose private-key operations are constant time. The workspace does not depend on
//!   `rsa`. aws-lc-rs also gives parsed public keys (`ParsedPublicKey`), so a key is parsed once when it
//!   is read, not once per token.
#![forbid(unsafe_code)]

mod alg;
pub mod base64url;
mod error;
mod json;
mod jwk;
mod jws;
mod limits;
mod signing_key;

pub use alg::Algorithm;
pub use error::{CODES, JoseError, KeyProblem, Part, X5cProblem};
pub use json::{JsonError, deserialize_json, read_json};
pub use jwk::{Jwk, JwkSet, KeyPolicy, RsaPublicKey, write_jwks};
pub use jws::{Header, UnverifiedJws, VerifiedJws, Verifier};
pub use learnwire_report::{CodeInfo, Untrusted};
pub use limits::Limits;
pub use signing_key::SigningKey;
