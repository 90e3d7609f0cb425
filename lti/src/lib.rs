//! LTI 1.3 and LTI Advantage for both sides: tools that must verify launches to the letter of the
//! 1EdTech Security Framework, and platforms (LMSs) that sign launches, host keys and accept Deep Linking
//! responses.
//!
//! # Overview
//!
//! | Side | Step | Entry point |
//! |---|---|---|
//! | both | keys, JWKS, rotation | [`keys::SigningKey`], [`keys::KeySet`], [`keys::KeyRing`] |
//! | tool | the platforms it is registered with | [`PlatformRegistration`], found by one lookup for login and launch |
//! | tool | login initiation → redirect + state | [`login::LoginInitiation`], [`login::start_login`], [`login::start_login_sealed`] → [`login::AuthRedirect`] |
//! | tool | **launch verification** → [`launch::VerifiedLaunch`] | [`launch::LaunchForm::from_http_request`], [`launch::LaunchVerifier::verify`] |
//! | tool | Deep Linking response | [`deep_linking::DeepLinkingResponse`] |
//! | platform | the tools registered with it | [`platform::ToolRegistration`] |
//! | platform | authentication request check | [`platform::ToolAuthRequest::check`] |
//! | platform | signed launches, form post, JWKS body | [`platform::LaunchMessage`], [`platform::FormPost`], [`platform::jwks_body`] |
//! | platform | Deep Linking response verification | [`deep_linking::DeepLinkingResponseVerifier`] |
//! | both | client-credentials JWT assertions (sign, verify → [`platform::VerifiedClientAssertion`]) | [`platform::client_assertion`], [`platform::ClientAssertionVerifier`] |
//! | tool | service access token: request, response, cache | [`service_token::TokenRequest`], [`service_token::TokenResponse`], [`service_token::TokenCache`] |
//! | platform | token endpoint, access-token check on service requests | [`service_token::TokenEndpoint`], [`service_token::AccessTokenVerifier`] |
//! | both | Dynamic Registration (platform configuration, tool registration, answer) | [`dynamic_registration`] |
//! | tool | AGS calls (line items, scores, results) and NRPS roster: build each request, read each response | [`ags::ListLineItems`], [`ags::PostScore`], [`ags::ListResults`], [`nrps::ListMembers`] (all in [`ags`], [`nrps`]) |
//! | platform | AGS and NRPS endpoints: read each request, build each answer | [`ags::AgsRequest::from_http_request`], [`ags::AgsResponse`], [`nrps::MembersRequest`], [`nrps::MembersResponse`], [`services::ServiceRequestError`] |
//! | tool | HTTP client (feature `client`): tokens, AGS, NRPS, page streams | `client::ServiceClient`, `client::ReqwestClient` |
//! | both | RFC 8288 `Link` paging: links, next page, origin and loop checks | [`paging::Links`], [`paging::Pager`], [`paging::PageFollower`], [`paging::PageLinks`] |
//! | both | typed claims, the message-rule table, a report of every problem | [`claims`], [`claims::rules`], [`claims::validate_message_claims`] |
//! | both | errors and their codes | [`LaunchError`], [`TokenError`], [`MessageError`], [`CODES`] |
//!
//! Ceremonies store nothing: [`login::start_login`] returns the redirect and a [`login::LoginState`] the
//! caller keeps (a cookie, a session, or sealed into `state` with [`login::StateSealer`]); verification
//! takes it back with `now`. Replay protection goes through the caller's [`NonceStore`]
//! ([`InMemoryNonceStore`] for one process). Nothing here does I/O or reads the clock.
//!
//! # Quick start
//!
//! A tool verifying a launch: the platform's form post, the state kept at login, the same registration
//! lookup as at login.
//!
//! ```
//! # use std::sync::Arc;
//! # use learnwire_lti::keys::{KeySet, KeySetOptions, SigningKey};
//! # use learnwire_lti::login::LoginState;
//! # use learnwire_lti::{PlatformRegistration, Url};
//! # let platform_key = SigningKey::generate(None)?;
//! # let jwks = serde_json::json!({ "keys": [platform_key.public_jwk()] }).to_string();
//! # let keys = Arc::new(KeySet::from_jwks(jwks.as_bytes(), &KeySetOptions::default())?);
//! # let launch_url = Url::parse("https://tool.example.com/launch")?;
//! # let mut platform = PlatformRegistration::new("https://lms.example.edu", "client-1",
//! #     Url::parse("https://lms.example.edu/auth")?, launch_url.clone(), keys);
//! # platform.deployment_ids.insert("deployment-1".to_owned());
//! # let registrations = vec![platform];
//! # let now = chrono::Utc::now();
//! # let kept = LoginState::new("state-1".into(), "nonce-1".into(), "https://lms.example.edu".into(),
//! #     "client-1".into(), launch_url.to_string(), launch_url, now);
//! # let claims = serde_json::json!({
//! #     "iss": "https://lms.example.edu", "aud": "client-1", "sub": "user-1", "nonce": "nonce-1",
//! #     "iat": now.timestamp(), "exp": now.timestamp() + 300,
//! #     "https://purl.imsglobal.org/spec/lti/claim/message_type": "LtiResourceLinkRequest",
//! #     "https://purl.imsglobal.org/spec/lti/claim/version": "1.3.0",
//! #     "https://purl.imsglobal.org/spec/lti/claim/deployment_id": "deployment-1",
//! #     "https://purl.imsglobal.org/spec/lti/claim/target_link_uri": "https://tool.example.com/launch",
//! #     "https://purl.imsglobal.org/spec/lti/claim/resource_link": { "id": "rl-1" },
//! #     "https://purl.imsglobal.org/spec/lti/claim/roles": [] });
//! # let id_token = learnwire_lti::platform::sign_message(claims.as_object().unwrap(), &platform_key)?;
//! # let request = learnwire_lti::http::Request::post("https://tool.example.com/launch")
//! #     .header("content-type", "application/x-www-form-urlencoded")
//! #     .body(format!("id_token={id_token}&state=state-1").into_bytes())?;
//! use learnwire_lti::launch::{LaunchForm, LaunchVerifier};
//! use learnwire_lti::{InMemoryNonceStore, Limits};
//! let lookup = |iss: &str, client_id: Option<&str>| {
//!     registrations.iter().find(|r| r.issuer == iss && client_id.is_none_or(|id| id == r.client_id))
//! };
//! let form = LaunchForm::from_http_request(&request, &Limits::default())?;
//! let nonces = InMemoryNonceStore::default();
//! let launch = LaunchVerifier::new().verify(lookup, &form, &kept, &nonces, now)?;
//! assert_eq!(launch.subject(), Some("user-1"));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! A refusal names the failed check with a stable code, first in its message (`lti.nonce.replayed: nonce
//! was already used`) and from [`LaunchError::code`]. The `examples/` package has the whole flow in code
//! (`tool_and_platform`) and over loopback HTTP (`launch_over_http`).
//!
//! # Crate features
//!
//! `client` (off by default): the `client` module, an async HTTP client (reqwest on rustls with
//! aws-lc-rs, no default features, redirects off, connect and overall timeouts, bodies capped while
//! streaming) that sends the token, AGS and NRPS calls, caches tokens per scope set and streams listing
//! pages through the [`paging::Pager`]. Without it the crate has no HTTP stack, TLS or async runtime
//! (`cargo tree -p learnwire-lti -e normal`, checked in CI).
//!
//! Every JOSE operation goes through `learnwire-jose`, the workspace's one JOSE layer: strict
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
//! - Which claims each message type requires is one table, [`claims::rules`], read by the verifiers, the
//!   builders and the report validator.
//! - Client credentials (Security Framework §4.1, RFC 6749 §4.4, RFC 7523): assertion signing and
//!   verification (iss = sub, aud, lifetime at most 5 minutes, `jti` used once), the tool's token request,
//!   response (RFC 6749 §5.1/§5.2) and cache, the platform's token endpoint (registered scopes only,
//!   opaque or JWT tokens) and bearer checks on service requests (RFC 6750), in [`service_token`].
//! - Dynamic Registration 1.0: both sides in [`dynamic_registration`] (the openid-configuration checks of
//!   §3.5, the registration of §3.6, the answer with client id and deployment).
//! - AGS 2.0 (line items with filters and paging, scores, results) and NRPS 2.0 (membership with `rlid`,
//!   `role`, `limit`, paging and `differences`), both sides, with the exact media types, in [`ags`] and
//!   [`nrps`]; RFC 8288 `Link` headers and page following in [`paging`].
//! - Gaps: only RSA keys (no ES256/EdDSA); no JWE (encrypted) tokens; no Context Groups Service; the
//!   AGS/NRPS calls are sans-IO (the optional `client` feature sends them with reqwest and loops
//!   over pages; any other HTTP stack can implement `client::HttpClient` or send the `http` values);
//!   JWKS fetching is the caller's (see [`keys::cache`] for the cache decisions); Platform Storage (postMessage) is not implemented; Dynamic Registration's
//!   registration token is the platform's to issue and compare, and the tool's registration update (RFC
//!   7592) is not covered.
//!
//! # Untrusted input
//!
//! Every limit is in [`Limits`] with a documented default, checked before decoding: tokens 64 KiB (on
//! `len()`, before base64), JSON depth 64 in every JWT part, JWKS and claims document, forms 96 KiB,
//! login queries 16 KiB, JWKS 256 KiB and 100 keys, AGS/NRPS bodies 16 MiB, `Link` headers 16 KiB
//! and 64 links, listings 1 000 pages and 1 000 000 items, OAuth bodies (token requests and responses,
//! Dynamic Registration documents) 64 KiB, sealed login states 8 KiB. JSON is parsed strictly: duplicate members
//! anywhere are refused (never first or last wins), numbers out of range and lone surrogates are
//! errors. A time claim (`exp`, `iat`, `nbf`) is a NumericDate within ±10^11 seconds (about the year
//! 5138) however it is written: `1e300` and the integer `10^30`, `1e12` and `1000000000000` meet the
//! same `lti.claim.type`.
//! Time arithmetic (leeway, maximum ages, nonce retention, signing times) is checked: a sum that does
//! not fit refuses (fail closed), it never wraps or saturates. Base64url is strict (no padding, no
//! standard alphabet, no non-canonical trailing bits). No input makes the crate panic; fuzz targets
//! `lti_token` and `lti_login` (in `fuzz/`) check that with extra oracles, and a test replays their seeds.
//! Errors keep attacker text cut and escaped ([`Untrusted`]) and never hold a token, signature or nonce.
//!
//! # Security
//!
//! Checked, each with its own error variant and stable `code()` (the signed message's checks in
//! [`TokenError`], the LTI message's in [`MessageError`], the launch's own in [`LaunchError`]): size and
//! structure; header (`alg` against the registration's allow-list, RS256 by default, `none` in any case
//! and HMAC refused; `kid` required; `jwk`/`jku`/`x5u`/`x5c` refused, never followed; any `crit` refused;
//! a `cty` of `JWT` or `application/jwt` in any case, a nested token, refused); key by `kid` from the
//! configured set only, with JWK hygiene (RSA 2048–8192 bits, e = 65537, `n` and `e` in their minimal
//! octets with no leading zero (RFC 7518 §6.3.1), `use`/`key_ops`/`alg`, no duplicate kids, no private
//! members); signature over the exact received bytes, as long as the modulus; `iss` byte for byte; `aud`
//! contains the client id, extra audiences only when trusted, `azp` required with several audiences and
//! equal to the client id; `exp`, `iat`, `nbf` as numbers with leeway (60 s) against the injected `now`,
//! `iat` at most 1 h old; `nonce` equal (constant time) and used once; `state` equal (constant time) and
//! checked first, its login at most 10 minutes old (configurable with
//! [`launch::LaunchVerifier::with_max_login_age`], the same limit for kept and sealed state; a
//! `created_at` beyond `now` plus the leeway refused too); the login's platform still registered;
//! `deployment_id` registered; `version` exactly `1.3.0`; the message type one the endpoint accepts,
//! with its required claims. Platform side: `redirect_uri` must equal a registered one exactly, the fixed
//! OIDC parameters are enforced, and signed messages live 5 minutes with a fresh `jti`.
//!
//! Weakening knobs are named `danger_*`: [`keys::KeySetOptions::danger_allow_small_rsa_keys`] (1024-bit
//! keys), [`launch::LaunchVerifier::danger_verify_id_token_without_nonce`] and
//! `danger_accept_any_deployment` (inspection tools only).
#![forbid(unsafe_code)]
pub mod ags;
pub mod claims;
#[cfg(feature = "client")]
#[cfg_attr(docsrs, doc(cfg(feature = "client")))]
pub mod client;
mod codes;
pub mod deep_linking;
pub mod dynamic_registration;
mod error;
mod form_fields;
pub mod keys;
pub mod launch;
mod limits;
pub mod login;
mod message;
mod nonce;
pub mod nrps;
mod numeric_date;
pub mod paging;
pub mod platform;
mod registration;
pub mod service_token;
pub mod services;
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
