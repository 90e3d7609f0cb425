//! The compact JWS form, read strictly: size first, exactly three segments, strict base64url, strict JSON
//! (depth limit, no duplicate members), and the header checks of RFC 8725.

mod json;

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use serde_json::{Map, Value};

use crate::error::{LaunchError, TokenPart, Untrusted};
use crate::keys::Algorithm;
use crate::limits::Limits;

pub(crate) use json::{StrictJsonError, parse_strict};

/// A token whose structure and header passed; the signature is not verified yet.
pub(crate) struct UnverifiedToken<'a> {
    /// `header.payload`, exactly as received: the bytes the signature covers.
    pub(crate) signing_input: &'a [u8],
    /// The payload segment, still encoded.
    pub(crate) payload: &'a str,
    /// The decoded signature.
    pub(crate) signature: Vec<u8>,
    /// The header's algorithm (already in the allow-list).
    pub(crate) alg: Algorithm,
    /// The header's key id.
    pub(crate) kid: String,
}

/// Header members that carry a key or point at one. Keys come from configuration only.
const EMBEDDED_KEY_MEMBERS: [&str; 5] = ["jwk", "jku", "x5u", "x5c", "x5t#S256"];

/// Splits and checks a compact token up to (not including) key selection and signature verification.
pub(crate) fn parse_compact<'a>(
    token: &'a str,
    limits: &Limits,
    allowed: &[Algorithm],
) -> Result<UnverifiedToken<'a>, LaunchError> {
    if token.len() > limits.max_token_bytes() {
        return Err(LaunchError::TokenTooLarge {
            length: token.len(),
            limit: limits.max_token_bytes(),
        });
    }
    let mut segments = token.split('.');
    let (Some(header), Some(payload), Some(signature), None) = (
        segments.next(),
        segments.next(),
        segments.next(),
        segments.next(),
    ) else {
        return Err(LaunchError::SegmentCount {
            found: token.split('.').count(),
        });
    };
    let signing_input = token
        .get(..header.len().saturating_add(1).saturating_add(payload.len()))
        .ok_or(LaunchError::SegmentCount { found: 0 })?
        .as_bytes();
    let header_json = decode_segment(header, TokenPart::Header)?;
    let header = parse_object(&header_json, TokenPart::Header, limits)?;
    let (alg, kid) = check_header(&header, allowed)?;
    let signature = decode_segment(signature, TokenPart::Signature)?;
    Ok(UnverifiedToken {
        signing_input,
        payload,
        signature,
        alg,
        kid,
    })
}

/// Decodes and strictly parses the payload segment into its claims.
pub(crate) fn decode_payload(
    payload: &str,
    limits: &Limits,
) -> Result<Map<String, Value>, LaunchError> {
    let bytes = decode_segment(payload, TokenPart::Payload)?;
    parse_object(&bytes, TokenPart::Payload, limits)
}

/// Decodes one segment: unpadded base64url, standard alphabet and padding refused, trailing bits must be 0.
fn decode_segment(segment: &str, part: TokenPart) -> Result<Vec<u8>, LaunchError> {
    URL_SAFE_NO_PAD
        .decode(segment)
        .map_err(|_| LaunchError::Base64 { part })
}

/// Parses a JSON object strictly.
pub(crate) fn parse_object(
    bytes: &[u8],
    part: TokenPart,
    limits: &Limits,
) -> Result<Map<String, Value>, LaunchError> {
    match parse_strict(bytes, limits.max_json_depth()) {
        Ok(Value::Object(map)) => Ok(map),
        Ok(_) => Err(LaunchError::NotAnObject { part }),
        Err(StrictJsonError::TooDeep) => Err(LaunchError::TooDeep {
            part,
            limit: limits.max_json_depth(),
        }),
        Err(StrictJsonError::Duplicate(name)) => Err(LaunchError::DuplicateMember {
            part,
            name: Untrusted::new(&name),
        }),
        Err(StrictJsonError::Syntax(source)) => Err(LaunchError::InvalidJson {
            part,
            source: Box::new(source),
        }),
    }
}

/// The header checks, in order: `alg` (none, allow-list), embedded keys, `crit` and `b64`, `typ`, `cty`
/// (a nested JWT is refused), `kid`.
fn check_header(
    header: &Map<String, Value>,
    allowed: &[Algorithm],
) -> Result<(Algorithm, String), LaunchError> {
    let alg_text = header
        .get("alg")
        .and_then(Value::as_str)
        .unwrap_or_default();
    if alg_text.eq_ignore_ascii_case("none") {
        return Err(LaunchError::UnsecuredJwt);
    }
    let alg = Algorithm::from_name(alg_text)
        .filter(|alg| allowed.contains(alg))
        .ok_or_else(|| LaunchError::AlgorithmNotAllowed {
            found: Untrusted::new(alg_text),
        })?;
    if let Some(member) = EMBEDDED_KEY_MEMBERS
        .into_iter()
        .find(|member| header.contains_key(*member))
    {
        return Err(LaunchError::EmbeddedKey { member });
    }
    if let Some(crit) = header.get("crit") {
        let names = crit
            .as_array()
            .filter(|names| !names.is_empty())
            .ok_or(LaunchError::InvalidHeaderMember { name: "crit" })?;
        // No extension is understood, so any listed name is refused (RFC 7515 §4.1.11).
        let first = names.first().and_then(Value::as_str);
        return Err(match first {
            Some(name) => LaunchError::UnsupportedCritical {
                name: Untrusted::new(name),
            },
            None => LaunchError::InvalidHeaderMember { name: "crit" },
        });
    }
    if header
        .get("b64")
        .is_some_and(|b64| b64 != &Value::Bool(true))
    {
        return Err(LaunchError::UnsupportedCritical {
            name: Untrusted::new("b64"),
        });
    }
    if header.get("typ").is_some_and(|typ| !typ.is_string()) {
        return Err(LaunchError::InvalidHeaderMember { name: "typ" });
    }
    match header.get("cty") {
        None => {}
        Some(Value::String(cty)) if is_nested_jwt(cty) => {
            return Err(LaunchError::NestedToken {
                cty: Untrusted::new(cty),
            });
        }
        Some(Value::String(_)) => {}
        Some(_) => return Err(LaunchError::InvalidHeaderMember { name: "cty" }),
    }
    match header.get("kid") {
        None => Err(LaunchError::MissingKeyId),
        Some(Value::String(kid)) => Ok((alg, kid.clone())),
        Some(_) => Err(LaunchError::InvalidHeaderMember { name: "kid" }),
    }
}

/// True when a `cty` names a JWT: `JWT`, or `application/jwt` (RFC 7515 §4.1.10: a value without `/` is
/// read with `application/` in front), in any letter case (media types are case-insensitive), with or
/// without parameters and surrounding spaces (fail closed: anything that could mean JWT counts).
fn is_nested_jwt(cty: &str) -> bool {
    let media_type = cty.split(';').next().unwrap_or_default().trim();
    let subtype = match media_type.split_once('/') {
        Some((kind, subtype)) if kind.trim().eq_ignore_ascii_case("application") => subtype.trim(),
        Some(_) => return false,
        None => media_type,
    };
    subtype.eq_ignore_ascii_case("jwt")
}

/// Encodes bytes as unpadded base64url.
pub(crate) fn encode_segment(bytes: &[u8]) -> String {
    URL_SAFE_NO_PAD.encode(bytes)
}
