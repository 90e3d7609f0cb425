//! The verification pipeline shared by launches (tool side) and Deep Linking responses (platform side),
//! in the order of RFC 8725 and the 1EdTech Security Framework §5.1.3.

use chrono::{DateTime, Utc};
use serde::Deserialize as _;
use serde_json::{Map, Value};

use super::message::check_lti_claims;
use super::registered::{Expected, Times, check_nonce, check_registered, retention_end};
use crate::claims::{MessageClaims, MessageType};
use crate::error::LaunchError;
use crate::keys::{Algorithm, KeySet};
use crate::limits::Limits;
use crate::nonce::{NonceError, NonceStore};
use crate::token::verify_signature;

/// A message that passed every check except deployment, nonce consumption and caller-specific ones.
pub(crate) struct Checked {
    pub(crate) claims: Map<String, Value>,
    pub(crate) typed: MessageClaims,
    pub(crate) message_type: MessageType,
    pub(crate) kid: String,
    pub(crate) alg: Algorithm,
    pub(crate) times: Times,
}

/// Everything the pipeline needs besides the token.
pub(crate) struct Inputs<'a> {
    pub(crate) keys: &'a KeySet,
    pub(crate) algorithms: &'a [Algorithm],
    pub(crate) limits: &'a Limits,
    pub(crate) expected: Expected<'a>,
    /// `None` only for the CLI's documented "nonce not checked" mode.
    pub(crate) nonce: Option<&'a str>,
    pub(crate) accepted: &'a [MessageType],
    pub(crate) require_subject: bool,
}

/// Size and structure, header, key by kid, signature, claims (strict JSON), iss, aud/azp, times, nonce,
/// then the LTI claims and their typed reading.
pub(crate) fn run(token: &str, inputs: &Inputs<'_>) -> Result<Checked, LaunchError> {
    let token = verify_signature(token, inputs.keys, inputs.algorithms, inputs.limits)?;
    let claims = token.claims;
    let times = check_registered(&claims, &inputs.expected)?;
    check_nonce(&claims, inputs.nonce)?;
    let message_type = check_lti_claims(&claims, inputs.accepted, inputs.require_subject)?;
    let claims = Value::Object(claims);
    let typed =
        MessageClaims::deserialize(&claims).map_err(|source| LaunchError::InvalidClaims {
            source: Box::new(source),
        })?;
    let Value::Object(claims) = claims else {
        return Err(LaunchError::NotAnObject {
            part: crate::error::TokenPart::Payload,
        });
    };
    Ok(Checked {
        claims,
        typed,
        message_type,
        kid: token.kid,
        alg: token.alg,
        times,
    })
}

/// Records the nonce as used, until the token expires (plus leeway).
pub(crate) fn consume_nonce(
    nonces: &impl NonceStore,
    checked: &Checked,
    expected: &Expected<'_>,
    now: DateTime<Utc>,
) -> Result<(), LaunchError> {
    let nonce = checked
        .claims
        .get("nonce")
        .and_then(Value::as_str)
        .ok_or(LaunchError::MissingNonce)?;
    let until = retention_end(checked.times, expected)?;
    nonces
        .consume(nonce, until, now)
        .map_err(|error| match error {
            NonceError::Replayed => LaunchError::NonceReplayed,
            other => LaunchError::NonceStore(Box::new(other)),
        })
}
