//! LTI message checks (LTI Core 1.3 §5.3–5.4, Deep Linking 2.0 §4.4 and §4.5, AGS 2.0 submission review):
//! message type, version, deployment id, and each type's required claims: [`MessageError`]. The same
//! function checks what a tool receives and what a platform builder is about to sign.

use std::collections::BTreeSet;

use learnwire_report::{Code, Untrusted};
use serde::Deserialize as _;
use serde_json::{Map, Value};

use crate::claims::rules::{ClaimRule, Presence, REGISTERED, Shape, message_rules};
use crate::claims::{MAX_IDENTIFIER_LEN, MessageClaims, MessageType, names};
use crate::codes;
use crate::numeric_date;
use crate::token::VerifiedToken;

/// Why the claims of a signed LTI message do not make a valid message of an accepted type: the checks
/// of LTI Core 1.3 §5.3–5.4, Deep Linking 2.0 §4.4–4.5 and Submission Review, after the signature and the
/// registered claims passed. Also what the platform's builders refuse before signing.
///
/// It is nested in [`MessageError`](crate::MessageError),
/// [`DeepLinkingError`](crate::deep_linking::DeepLinkingError) and
/// [`BuildError`](crate::platform::BuildError); their `code()` is this one's.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum MessageError {
    /// `message_type` is unknown, or not one this verifier accepts here.
    #[error("{}: message type {found} is not accepted here", self.code())]
    InvalidMessageType {
        /// The token's message type.
        found: Untrusted,
    },
    /// `version` is not `1.3.0`.
    #[error("{}: LTI version {found} is not supported (1.3.0 is)", self.code())]
    UnsupportedVersion {
        /// The token's version.
        found: Untrusted,
    },
    /// A claim the message type requires is missing (its rule in [`claims::rules`](crate::claims::rules)).
    #[error("{}: required claim {claim} is missing ({reference})", self.code())]
    MissingClaim {
        /// The claim name (a member as `claim.member`).
        claim: &'static str,
        /// The spec section that requires it.
        reference: &'static str,
    },
    /// A claim has the wrong JSON type or an out-of-range value (`roles` not an array of strings, an
    /// empty or too long id). A claim that does not parse is never treated as absent.
    #[error("{}: claim {claim} has the wrong type or range ({reference})", self.code())]
    InvalidClaimType {
        /// The claim name (a member as `claim.member`).
        claim: &'static str,
        /// The spec section that gives its type.
        reference: &'static str,
    },
    /// The claims passed every check but do not read as their LTI types (a malformed URL in
    /// `target_link_uri`, an id too long, a member of the wrong type in an optional claim).
    #[error("{}: claims do not match their LTI types: {reason}", self.code())]
    InvalidClaims {
        /// The typed reader's error (it names the claim), shown in the message.
        reason: Box<dyn std::error::Error + Send + Sync>,
    },
}

impl MessageError {
    /// A stable code for logs, tests and JSON output ("lti.*"). Never renamed or reused.
    pub fn code(&self) -> Code {
        match self {
            Self::InvalidMessageType { .. } => codes::MESSAGE_TYPE,
            Self::UnsupportedVersion { .. } => codes::VERSION,
            Self::MissingClaim { .. } => codes::CLAIM_MISSING,
            Self::InvalidClaimType { .. } => codes::CLAIM_TYPE,
            Self::InvalidClaims { .. } => codes::CLAIM_INVALID,
        }
    }
}

/// A signed message whose LTI claims passed too: the token, its type, its claims typed.
#[derive(Debug)]
pub(crate) struct CheckedMessage {
    pub(crate) token: VerifiedToken,
    pub(crate) message_type: MessageType,
    pub(crate) typed: MessageClaims,
}

/// Checks the LTI claims of a verified token and reads them typed.
pub(crate) fn check_message(
    token: VerifiedToken,
    accepted: &[MessageType],
    require_subject: bool,
) -> Result<CheckedMessage, MessageError> {
    let message_type = check_lti_claims(&token.claims, accepted, require_subject)?;
    let typed = MessageClaims::deserialize(serde::de::value::MapDeserializer::new(
        token
            .claims
            .iter()
            .map(|(name, value)| (name.as_str(), value)),
    ))
    .map_err(|reason: serde_json::Error| MessageError::InvalidClaims {
        reason: Box::new(reason),
    })?;
    Ok(CheckedMessage {
        token,
        message_type,
        typed,
    })
}

/// The only LTI version accepted.
pub(crate) const LTI_VERSION: &str = "1.3.0";

/// The deployment must be registered for this issuer and client (LTI Core 1.3 §5.3.3); when it is not,
/// the token's deployment id.
pub(crate) fn check_deployment(
    claims: &Map<String, Value>,
    registered: &BTreeSet<String>,
) -> Result<(), Untrusted> {
    let deployment = claims
        .get(names::DEPLOYMENT_ID)
        .and_then(Value::as_str)
        .unwrap_or_default();
    if registered.contains(deployment) {
        Ok(())
    } else {
        Err(Untrusted::new(deployment))
    }
}

/// The message types a platform sends to a tool, accepted by default by the launch verifier.
pub(crate) fn platform_to_tool() -> Vec<MessageType> {
    vec![
        MessageType::ResourceLinkRequest,
        MessageType::DeepLinkingRequest,
        MessageType::SubmissionReviewRequest,
    ]
}

/// Checks message type (one of `accepted`), then every rule of the type's table
/// ([`message_rules`]), in order; `version` must be `1.3.0`. `require_subject`: a launch without `sub`
/// (anonymous) is refused.
pub(crate) fn check_lti_claims(
    claims: &Map<String, Value>,
    accepted: &[MessageType],
    require_subject: bool,
) -> Result<MessageType, MessageError> {
    let found = claims.get(names::MESSAGE_TYPE);
    let message_type = found.and_then(Value::as_str).map(MessageType::parse);
    let message_type = message_type
        .filter(|kind| accepted.contains(kind))
        .ok_or_else(|| {
            let text = found.map(|value| {
                value
                    .as_str()
                    .map_or_else(|| value.to_string(), str::to_owned)
            });
            MessageError::InvalidMessageType {
                found: Untrusted::new(text.as_deref().unwrap_or_default()),
            }
        })?;
    for rule in message_rules(Some(&message_type)) {
        check_rule(claims, rule, require_subject)?;
        if rule.claim == names::VERSION
            && let Some(version) = claims.get(names::VERSION).and_then(Value::as_str)
            && version != LTI_VERSION
        {
            return Err(MessageError::UnsupportedVersion {
                found: Untrusted::new(version),
            });
        }
    }
    Ok(message_type)
}

/// Checks the registered claims' shapes ([`REGISTERED`]), for a message about to be signed.
pub(crate) fn check_registered_shape(claims: &Map<String, Value>) -> Result<(), MessageError> {
    REGISTERED
        .iter()
        .try_for_each(|rule| check_rule(claims, rule, true))
}

/// Checks one rule: present when required (a member, when its claim is an object), of its shape.
fn check_rule(
    claims: &Map<String, Value>,
    rule: &'static ClaimRule,
    require_subject: bool,
) -> Result<(), MessageError> {
    let required = match rule.presence {
        Presence::Required => true,
        Presence::UnlessAnonymous => require_subject,
        _ => false,
    };
    let value = match rule.member {
        None => claims.get(rule.claim),
        // A member is checked inside an object claim only; the claim's own rule covers the rest.
        Some(member) => match claims.get(rule.claim) {
            Some(Value::Object(parent)) => parent.get(member),
            _ => return Ok(()),
        },
    };
    let missing = MessageError::MissingClaim {
        claim: rule.label,
        reference: rule.reference,
    };
    let Some(value) = value else {
        return if required { Err(missing) } else { Ok(()) };
    };
    if rule.shape == Shape::Url && value.as_str() == Some("") {
        return if required { Err(missing) } else { Ok(()) };
    }
    if has_shape(value, rule.shape) {
        Ok(())
    } else {
        Err(MessageError::InvalidClaimType {
            claim: rule.label,
            reference: rule.reference,
        })
    }
}

/// Whether `value` has `shape`.
fn has_shape(value: &Value, shape: Shape) -> bool {
    let strings = |items: &[Value]| items.iter().all(Value::is_string);
    match (shape, value) {
        (Shape::String | Shape::Url, Value::String(_)) => true,
        (Shape::Id, Value::String(id)) => !id.is_empty() && id.len() <= MAX_IDENTIFIER_LEN,
        (Shape::Object, Value::Object(_)) | (Shape::Array, Value::Array(_)) => true,
        (Shape::StringArray, Value::Array(items)) => strings(items),
        (Shape::NonEmptyStringArray | Shape::Audience, Value::Array(items)) => {
            !items.is_empty() && strings(items)
        }
        (Shape::Audience, Value::String(_)) => true,
        (Shape::NumericDate, Value::Number(number)) => {
            number.as_i64().and_then(numeric_date::from_i64).is_some()
        }
        _ => false,
    }
}
