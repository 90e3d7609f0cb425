//! Reading a compact JWS strictly (RFC 7515 §7.1): size first, exactly three segments, canonical
//! base64url, strict JSON header, header checks; the signature is decoded but not yet verified.

use std::fmt;

use crate::alg::Algorithm;
use crate::base64url;
use crate::error::{JoseError, Part};
use crate::json::read_object;
use crate::jwk::{JwkSet, RsaPublicKey};
use crate::limits::Limits;

use super::header::{Header, HeaderPolicy, check_header};
use super::verify::VerifiedJws;

/// Reads and verifies compact JWS with a pinned list of algorithms (RFC 8725 §3.1): the algorithm comes
/// from here, and a token naming another is refused before any key is looked at.
///
/// What it checks, in order ([`read`](Self::read)): the size ([`Limits::max_jws_bytes`], on the length,
/// before decoding); the compact serialization (a JSON serialization is named as such); exactly three
/// segments; the header segment as canonical base64url and strict JSON (no duplicate member, depth limit)
/// that is an object; `alg` present, not `none` (any case), not HMAC, in the allow-list; no `jwk`, `jku`
/// or `x5u`, and no `x5c` or `x5t#S256` unless [`with_x5c`](Self::with_x5c); `crit` listing only
/// understood extensions; `b64` absent or `true`; `typ` a string; `cty` a string, not `JWT`; `kid` a
/// string (and present, with [`with_kid_required`](Self::with_kid_required)); the signature segment as
/// canonical base64url, not empty. Then, with a key ([`UnverifiedJws::verify`]):
/// the key's algorithm restriction, the signature's length against the modulus, the signature over the
/// exact received bytes, and the payload as canonical base64url and a strict JSON object.
///
/// # Example
///
/// ```
/// use learnwire_jose::{Algorithm, SigningKey, Verifier};
///
/// let key = SigningKey::generate(2048)?;
/// let token = key.sign(Algorithm::Rs512, &serde_json::Map::new(), br#"{"n":1}"#)?;
///
/// let verified = Verifier::new(&Algorithm::ALL).verify(&token, key.public_key())?;
/// assert_eq!(verified.claims()["n"], 1);
/// // Pinned to RS256, the same token is refused before the key is used.
/// let error = Verifier::new(&[Algorithm::Rs256]).verify(&token, key.public_key()).unwrap_err();
/// assert_eq!(error.code().as_str(), "jose.jws.alg-not-allowed");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Verifier {
    algorithms: Vec<Algorithm>,
    limits: Limits,
    read_x5c: bool,
    critical: Vec<String>,
    kid_required: bool,
}

impl Verifier {
    /// A verifier accepting exactly these algorithms (an empty list refuses every token), with default
    /// [`Limits`], refusing `x5c` and understanding no `crit` extension.
    pub fn new(algorithms: &[Algorithm]) -> Self {
        Self {
            algorithms: algorithms.to_vec(),
            limits: Limits::default(),
            read_x5c: false,
            critical: Vec::new(),
            kid_required: false,
        }
    }

    /// Sets the limits: [`Limits::max_jws_bytes`], [`Limits::max_json_depth`] (header and payload) and
    /// [`Limits::max_x5c_certificates`].
    #[must_use]
    pub fn with_limits(mut self, limits: Limits) -> Self {
        self.limits = limits;
        self
    }

    /// Reads `x5c` instead of refusing it (and lets `x5t#S256` through): its certificates are then
    /// decoded and given to the caller ([`Header::x5c`]), who parses them, decides whether to trust
    /// them and builds the key ([`RsaPublicKey::from_der`]). Off by default: certificate-based trust is
    /// a profile's decision (xAPI signed statements use it, LTI never does).
    #[must_use]
    pub fn with_x5c(mut self, read: bool) -> Self {
        self.read_x5c = read;
        self
    }

    /// Names the `crit` extensions the caller understands and checks itself (RFC 7515 §4.1.11). None by
    /// default, so any `crit` is refused. Registered header names and `b64` (unencoded payloads,
    /// RFC 7797, not supported) are refused even when listed here.
    #[must_use]
    pub fn with_understood_critical(mut self, names: &[&str]) -> Self {
        self.critical = names.iter().map(|name| (*name).to_owned()).collect();
        self
    }

    /// Refuses a header without `kid` while reading, as its last header check, so the error comes in
    /// header order rather than after the signature segment is decoded. Off by default;
    /// [`JwkSet::verify`] refuses a missing `kid` either way.
    #[must_use]
    pub fn with_kid_required(mut self, required: bool) -> Self {
        self.kid_required = required;
        self
    }

    /// The allowed algorithms.
    pub fn algorithms(&self) -> &[Algorithm] {
        &self.algorithms
    }

    /// The limits.
    pub fn limits(&self) -> &Limits {
        &self.limits
    }

    /// Reads a compact JWS up to, not including, the signature check.
    ///
    /// # Errors
    ///
    /// The first failed check, in the order of the [type docs](Self): [`JoseError::TooLarge`],
    /// [`JoseError::JsonSerialization`], [`JoseError::SegmentCount`], [`JoseError::Base64`],
    /// [`JoseError::Json`], [`JoseError::NotAnObject`], the header errors, or
    /// [`JoseError::MissingSignature`].
    pub fn read<'t, T: AsRef<[u8]> + ?Sized>(
        &self,
        token: &'t T,
    ) -> Result<UnverifiedJws<'t>, JoseError> {
        let token = token.as_ref();
        if token.len() > self.limits.max_jws_bytes() {
            return Err(JoseError::TooLarge {
                length: token.len(),
                limit: self.limits.max_jws_bytes(),
            });
        }
        if token.first() == Some(&b'{') {
            return Err(JoseError::JsonSerialization);
        }
        let mut segments = token.split(|byte| *byte == b'.');
        let (Some(header), Some(payload), Some(signature), None) = (
            segments.next(),
            segments.next(),
            segments.next(),
            segments.next(),
        ) else {
            let dots = token.iter().filter(|byte| **byte == b'.').count();
            return Err(JoseError::SegmentCount {
                found: dots.saturating_add(1),
            });
        };
        let signing_input = token
            .get(..header.len().saturating_add(1).saturating_add(payload.len()))
            .ok_or(JoseError::SegmentCount { found: 0 })?;
        let header_json = decode(header, Part::Header)?;
        let header = read_object(&header_json, self.limits.max_json_depth())
            .map_err(|error| JoseError::Json {
                part: Part::Header,
                error,
            })?
            .ok_or(JoseError::NotAnObject { part: Part::Header })?;
        let policy = HeaderPolicy {
            algorithms: &self.algorithms,
            read_x5c: self.read_x5c,
            max_x5c: self.limits.max_x5c_certificates(),
            critical: &self.critical,
            kid_required: self.kid_required,
        };
        let header = check_header(header, &policy)?;
        let signature = decode(signature, Part::Signature)?;
        if signature.is_empty() {
            return Err(JoseError::MissingSignature);
        }
        Ok(UnverifiedJws {
            signing_input,
            payload,
            signature,
            header,
            max_json_depth: self.limits.max_json_depth(),
        })
    }

    /// Reads `token` and verifies it with `key`.
    ///
    /// # Errors
    ///
    /// As [`read`](Self::read), then as [`UnverifiedJws::verify`].
    pub fn verify<T: AsRef<[u8]> + ?Sized>(
        &self,
        token: &T,
        key: &RsaPublicKey,
    ) -> Result<VerifiedJws, JoseError> {
        self.read(token)?.verify(key)
    }

    /// Reads `token` and verifies it with the key of `set` its `kid` names.
    ///
    /// # Errors
    ///
    /// As [`read`](Self::read), then as [`JwkSet::verify`].
    pub fn verify_with_set<T: AsRef<[u8]> + ?Sized>(
        &self,
        token: &T,
        set: &JwkSet,
    ) -> Result<VerifiedJws, JoseError> {
        set.verify(&self.read(token)?)
    }
}

/// A compact JWS whose structure and header passed the [`Verifier`]'s checks; the signature is decoded
/// but not verified, and the payload is not decoded yet.
///
/// `Debug` shows the header and the lengths only, never the token.
pub struct UnverifiedJws<'t> {
    /// `header.payload` exactly as received: the bytes the signature covers (never re-serialised).
    pub(crate) signing_input: &'t [u8],
    /// The payload segment, still encoded.
    pub(crate) payload: &'t [u8],
    pub(crate) signature: Vec<u8>,
    pub(crate) header: Header,
    pub(crate) max_json_depth: usize,
}

impl fmt::Debug for UnverifiedJws<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("UnverifiedJws")
            .field("header", &self.header)
            .field("signing_input_len", &self.signing_input.len())
            .field("signature_len", &self.signature.len())
            .finish_non_exhaustive()
    }
}

impl UnverifiedJws<'_> {
    /// The checked header. Its members are unauthenticated until [`verify`](Self::verify) succeeds: use
    /// them only to choose the key (`kid`, `x5c`).
    pub fn header(&self) -> &Header {
        &self.header
    }

    /// The bytes the signature covers, as received.
    pub fn signing_input(&self) -> &[u8] {
        self.signing_input
    }

    /// The decoded signature.
    pub fn signature(&self) -> &[u8] {
        &self.signature
    }
}

/// Decodes one segment.
fn decode(segment: &[u8], part: Part) -> Result<Vec<u8>, JoseError> {
    base64url::decode(segment).map_err(|_| JoseError::Base64 { part })
}
