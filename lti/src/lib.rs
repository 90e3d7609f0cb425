//! LTI 1.3 and LTI Advantage for both sides: tools that must verify launches to the letter of the
//! 1EdTech Security Framework, and platforms (LMSs) that sign launches, host keys and accept Deep Linking
//! responses.
//!
//! # Overview
//!
//! | Side | Step | Entry point |
//! |---|---|---|
//! | both | keys, JWKS, rotation | [`keys::SigningKey`], [`keys::KeySet`], [`keys::KeyRing`] |
//! | tool | login initiation → authentication request + state | [`login::LoginInitiation`], [`login::start_login`], [`login::start_login_sealed`] |
//! | tool | launch verification → [`launch::VerifiedLaunch`] | [`launch::LaunchVerifier`] |
//! | tool | Deep Linking response | [`deep_linking::DeepLinkingResponse`] |
//! | platform | authentication request check | [`platform::ToolAuthRequest::check`] |
//! | platform | signed launches, form post, JWKS body | [`platform::LaunchMessage`], [`platform::FormPost`], [`platform::jwks_body`] |
//! | platform | Deep Linking response verification | [`deep_linking::DeepLinkingResponseVerifier`] |
//! | both | client-credentials JWT assertions (sign, verify) | [`platform::client_assertion`], [`platform::ClientAssertionVerifier`] |
//! | both | typed claims | [`claims`] |
//!
//! Ceremonies store nothing: [`login::start_login`] returns the request and a [`login::LoginState`] the
//! caller keeps (a cookie, a session, or sealed into `state` with [`login::StateSealer`]); verification
//! takes it back with `now`. Replay protection goes through the caller's [`NonceStore`]
//! ([`InMemoryNonceStore`] for one process). Nothing here does I/O or reads the clock.
//!
//! # Quick start
//!
//! A tool verifying a launch (the platform side is simulated with [`platform::sign_message`]):
//!
//! ```
//! use std::sync::Arc;
//! use chrono::Utc;
//! use learnwire_lti::keys::{KeySet, KeySetOptions, SigningKey};
//! use learnwire_lti::launch::LaunchVerifier;
//! use learnwire_lti::{InMemoryNonceStore, PlatformRegistration};
//!
//! // The platform's key pair; the tool knows its public JWKS.
//! let platform_key = SigningKey::generate(None)?;
//! let jwks = serde_json::json!({ "keys": [platform_key.public_jwk()] }).to_string();
//! let mut registration = PlatformRegistration::new(
//!     "https://lms.example.edu",
//!     "client-1",
//!     url::Url::parse("https://lms.example.edu/auth")?,
//!     url::Url::parse("https://tool.example.com/launch")?,
//!     Arc::new(KeySet::from_jwks(jwks.as_bytes(), &KeySetOptions::default())?),
//! );
//! registration.deployment_ids.insert("deployment-1".to_owned());
//!
//! let now = Utc::now();
//! let claims = serde_json::json!({
//!     "iss": "https://lms.example.edu", "aud": "client-1", "sub": "user-1", "nonce": "n-1",
//!     "iat": now.timestamp(), "exp": now.timestamp() + 300,
//!     "https://purl.imsglobal.org/spec/lti/claim/message_type": "LtiResourceLinkRequest",
//!     "https://purl.imsglobal.org/spec/lti/claim/version": "1.3.0",
//!     "https://purl.imsglobal.org/spec/lti/claim/deployment_id": "deployment-1",
//!     "https://purl.imsglobal.org/spec/lti/claim/target_link_uri": "https://tool.example.com/launch",
//!     "https://purl.imsglobal.org/spec/lti/claim/resource_link": { "id": "rl-1" },
//!     "https://purl.imsglobal.org/spec/lti/claim/roles": [],
//! });
//! let id_token = learnwire_lti::platform::sign_message(claims.as_object().unwrap(), &platform_key)?;
//!
//! let nonces = InMemoryNonceStore::default();
//! let launch = LaunchVerifier::new().verify_id_token(&registration, &id_token, "n-1", &nonces, now)?;
//! assert_eq!(launch.subject(), Some("user-1"));
//! // The same token again is a replay.
//! let replay = LaunchVerifier::new().verify_id_token(&registration, &id_token, "n-1", &nonces, now);
//! assert_eq!(replay.unwrap_err().code().as_str(), "lti.nonce.replayed");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! In a web handler, use [`launch::LaunchVerifier::verify`] with the posted [`launch::LaunchForm`] and the
//! kept [`login::LoginState`]: it checks `state` first, then the token, then `target_link_uri`. The
//! `examples/` package has the whole flow in code (`tool_and_platform`) and over loopback HTTP
//! (`launch_over_http`).
//!
//! # Crate features
//!
//! None. Every JOSE operation goes through `learnwire-jose`, the workspace's one JOSE layer: strict
//! compact JWS reading, RS256/384/512 verification on aws-lc-rs with keys parsed once per key set, RS256
//! signing with keys parsed once, JWK/JWKS reading and RFC 7638 thumbprints. This crate adds aws-lc-rs
//! directly only for HMAC (sealed state), constant-time comparisons and the CSPRNG for `state`, `nonce`
//! and `jti`. No private-key operation goes through the `rsa` crate (RUSTSEC-2023-0071), and the crate
//! does not depend on `jsonwebtoken`, so its "exactly one crypto provider" rule cannot make this crate
//! panic; the tests and the bench use `jsonwebtoken` (aws_lc_rs) as an independent oracle and baseline.
//!
//! # Spec coverage
//!
//! - 1EdTech Security Framework 1.0: OIDC third-party-initiated login (§5.1.1), authentication response
//!   validation (§5.1.3) in the order of OIDC Core §3.1.3.7, tool-originated messages (§5.2), JWKS (§6).
//! - LTI Core 1.3: `LtiResourceLinkRequest` required claims (§5.3), `deployment_id` per registration.
//! - Deep Linking 2.0: request settings, response build (accept_types, accept_multiple, presentation
//!   targets, media types, `data` echo, msg/log/errormsg/errorlog) and verification.
//! - Submission Review: `LtiSubmissionReviewRequest` required claims (`for_user`, AGS `lineitem`).
//! - Client credentials (Security Framework §4.1, RFC 7523): assertion signing and verification (iss = sub,
//!   aud, lifetime at most 5 minutes, `jti` used once); the token endpoint's HTTP handling and scopes are the
//!   caller's.
//! - Gaps: only RSA keys (no ES256/EdDSA); no JWE (encrypted) tokens; the AGS/NRPS service calls are not in
//!   this part; JWKS fetching is the caller's (see [`keys::cache`] for
//!   the cache decisions); Dynamic Registration and Platform Storage (postMessage) are not implemented.
//!
//! # Untrusted input
//!
//! Every limit is in [`Limits`] with a documented default, checked before decoding: tokens 64 KiB (on
//! `len()`, before base64), JSON depth 64 in every JWT part and JWKS, forms 96 KiB, login queries 16 KiB,
//! JWKS 256 KiB and 100 keys. JSON is parsed strictly: duplicate members anywhere are refused (never first
//! or last wins), numbers out of range and lone surrogates are errors. A time claim (`exp`, `iat`, `nbf`)
//! is a NumericDate within ±10^11 seconds (about the year 5138) however it is written: `1e300` and the
//! integer `10^30`, `1e12` and `1000000000000` meet the same `lti.claim.type`. Time arithmetic (leeway,
//! maximum ages, nonce retention, signing times) is checked: a sum that does not fit refuses (fail
//! closed), it never wraps or saturates. Base64url is strict (no padding, no
//! standard alphabet, no non-canonical trailing bits). No input makes the crate panic; fuzz targets
//! `lti_token` and `lti_login` (in `fuzz/`) check that with extra oracles, and a test replays their seeds.
//! Errors keep attacker text cut and escaped ([`Untrusted`]) and never hold a token, signature or nonce.
//!
//! # Security
//!
//! Checked, each with its own [`LaunchError`] variant and stable `code()`: size and structure; header
//! (`alg` against the registration's allow-list, RS256 by default, `none` in any case and HMAC refused;
//! `kid` required; `jwk`/`jku`/`x5u`/`x5c` refused, never followed; any `crit` refused; a `cty` of `JWT`
//! or `application/jwt` in any case, a nested token, refused); key by `kid` from the configured set only,
//! with JWK hygiene (RSA 2048–8192 bits, e = 65537, `n` and `e` in their minimal octets with no leading
//! zero (RFC 7518 §6.3.1), `use`/`key_ops`/`alg`, no duplicate kids, no private members); signature over the exact received bytes; `iss` byte for byte; `aud`
//! contains the client id, extra audiences only when trusted, `azp` required with several audiences and
//! equal to the client id; `exp`, `iat`, `nbf` as numbers with leeway (60 s) against the injected `now`,
//! `iat` at most 1 h old; `nonce` equal (constant time) and used once; `state` equal (constant time) and
//! checked first, its login at most 10 minutes old (configurable with
//! [`launch::LaunchVerifier::with_max_login_age`], the same limit for kept and sealed state; a
//! `created_at` beyond `now` plus the leeway refused too); `deployment_id` registered; `version` exactly
//! `1.3.0`; the message type one the endpoint accepts, with its required claims. Platform side: `redirect_uri` must equal a registered one exactly,
//! the fixed OIDC parameters are enforced, and signed messages live 5 minutes with a fresh `jti`.
//!
//! Weakening knobs are named `danger_*`: [`keys::KeySetOptions::danger_allow_small_rsa_keys`] (1024-bit
//! keys), [`launch::LaunchVerifier::danger_verify_id_token_without_nonce`] and
//! `danger_accept_any_deployment` (inspection tools only).
#![forbid(unsafe_code)]
pub mod claims;
mod codes;
pub mod deep_linking;
mod error;
mod form_fields;
pub mod keys;
pub mod launch;
mod limits;
pub mod login;
mod message;
mod nonce;
mod numeric_date;
pub mod platform;
mod registration;
mod token;

pub use codes::CODES;
pub use error::LaunchError;
pub use learnwire_jose::KeyProblem;
pub use learnwire_report::{
    Code, CodeInfo, Issue, JsonPointer, Location, Report, Severity, Untrusted, find_code,
};
pub use limits::Limits;
pub use message::MessageError;
pub use nonce::{InMemoryNonceStore, NonceError, NonceStore};
pub use registration::PlatformRegistration;

/// Types of other crates that appear in this crate's API, re-exported so an adopter needs no direct
/// dependency on them (and uses the same versions).
pub use chrono::{DateTime, TimeDelta, Utc};
pub use http;
pub use url::Url;

/// The old name of [`PlatformRegistration`] (the tool side's record of a platform).
#[deprecated(note = "renamed PlatformRegistration: the tool side's record of a platform")]
pub type Registration = PlatformRegistration;
pub use token::{TokenError, TokenPart};
