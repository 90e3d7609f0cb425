//! Building a compact JWS (RFC 7515 §5.1, §7.1).

use serde_json::{Map, Value};

use crate::alg::Algorithm;
use crate::base64url;
use crate::error::JoseError;

/// Header members a caller may not set when signing: `alg` comes from the algorithm argument, and the
/// rest would make a JWS our own reader refuses.
const REFUSED: [&str; 6] = ["alg", "jwk", "jku", "x5u", "crit", "b64"];

/// Builds `BASE64URL(header) "." BASE64URL(payload) "." BASE64URL(signature)`, the header being
/// `{"alg":…}` followed by the caller's members, signed by `sign` over the exact first two segments.
pub(crate) fn compact(
    alg: Algorithm,
    header: &Map<String, Value>,
    payload: &[u8],
    sign: impl FnOnce(&[u8]) -> Result<Vec<u8>, JoseError>,
) -> Result<String, JoseError> {
    if let Some(member) = REFUSED
        .into_iter()
        .find(|member| header.contains_key(*member))
    {
        return Err(JoseError::SignHeader { member });
    }
    // "alg" first, then the caller's members in the map's order.
    let mut text = String::from("{\"alg\":\"");
    text.push_str(alg.as_str());
    text.push('"');
    for (name, value) in header {
        text.push(',');
        text.push_str(&Value::from(name.as_str()).to_string());
        text.push(':');
        text.push_str(&value.to_string());
    }
    text.push('}');
    let mut token = base64url::encode(text.as_bytes());
    token.push('.');
    token.push_str(&base64url::encode(payload));
    let signature = sign(token.as_bytes())?;
    token.push('.');
    token.push_str(&base64url::encode(signature));
    Ok(token)
}
