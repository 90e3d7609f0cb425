//! LTI message checks (LTI Core 1.3 §5.3–5.4, Deep Linking 2.0 §4.4 and §4.5, AGS 2.0 submission review):
//! message type, version, deployment id, and each type's required claims: [`MessageError`]. The same
//! function checks what a tool receives and what a platform builder is about to sign.

use std::collections::BTreeSet;

use learnwire_report::Untrusted;
use serde::Deserialize as _;
use serde_json::{Map, Value};

use crate::claims::{MessageClaims, MessageType, names};
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
    #[error("message type {found} is not accepted here")]
    InvalidMessageType {
        /// The token's message type.
        found: Untrusted,
    },
    /// `version` is not `1.3.0`.
    #[error("LTI version {found} is not supported (1.3.0 is)")]
    UnsupportedVersion {
        /// The token's version.
        found: Untrusted,
    },
    /// A claim the message type requires is missing.
    #[error("required claim {claim} is missing")]
    MissingClaim {
        /// The claim name (a member as `claim.member`).
        claim: &'static str,
    },
    /// A claim has the wrong JSON type or an out-of-range value (`roles` not an array of strings, an
    /// empty or too long id). A claim that does not parse is never treated as absent.
    #[error("claim {claim} has the wrong type or range")]
    InvalidClaimType {
        /// The claim name (a member as `claim.member`).
        claim: &'static str,
    },
    /// The claims passed every check but do not read as their LTI types (a malformed URL in
    /// `target_link_uri`, an id too long, a member of the wrong type in an optional claim).
    #[error("claims do not match their LTI types")]
    InvalidClaims {
        /// The typed reader's error (it names the claim).
        #[source]
        source: Box<dyn std::error::Error + Send + Sync>,
    },
}

impl MessageError {
    /// A stable code for logs, tests and JSON output ("lti.*"). Never renamed or reused.
    pub fn code(&self) -> &'static str {
        match self {
            Self::InvalidMessageType { .. } => "lti.message-type",
            Self::UnsupportedVersion { .. } => "lti.version",
            Self::MissingClaim { .. } => "lti.claim.missing",
            Self::InvalidClaimType { .. } => "lti.claim.type",
            Self::InvalidClaims { .. } => "lti.claim.invalid",
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
    .map_err(|source: serde_json::Error| MessageError::InvalidClaims {
        source: Box::new(source),
    })?;
    Ok(CheckedMessage {
        token,
        message_type,
        typed,
    })
}

/// The only LTI version accepted.
pub(crate) const LTI_VERSION: &str = "1.3.0";
/// Longest id (deployment, resource link, context, user) accepted (LTI Core 1.3: at most 255 characters).
const MAX_ID_LEN: usize = 255;

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

/// Checks message type (one of `accepted`), version, deployment id format and the type's required claims.
/// `require_subject`: a launch without `sub` (anonymous) is refused.
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
    let version = string(claims, names::VERSION, "version")?;
    if version != LTI_VERSION {
        return Err(MessageError::UnsupportedVersion {
            found: Untrusted::new(version),
        });
    }
    id(claims, names::DEPLOYMENT_ID, "deployment_id")?;
    match &message_type {
        MessageType::ResourceLinkRequest => {
            string(claims, names::TARGET_LINK_URI, "target_link_uri")?;
            resource_link(claims)?;
            roles(claims, true)?;
            subject(claims, require_subject)?;
        }
        MessageType::DeepLinkingRequest => {
            let settings = object(
                claims,
                names::DEEP_LINKING_SETTINGS,
                "deep_linking_settings",
            )?;
            string(
                settings,
                "deep_link_return_url",
                "deep_linking_settings.deep_link_return_url",
            )?;
            string_array(
                settings,
                "accept_types",
                "deep_linking_settings.accept_types",
                true,
            )?;
            string_array(
                settings,
                "accept_presentation_document_targets",
                "deep_linking_settings.accept_presentation_document_targets",
                true,
            )?;
            roles(claims, false)?;
            subject(claims, require_subject)?;
        }
        MessageType::SubmissionReviewRequest => {
            resource_link(claims)?;
            roles(claims, true)?;
            subject(claims, require_subject)?;
            let for_user = object(claims, names::FOR_USER, "for_user")?;
            string(for_user, "user_id", "for_user.user_id")?;
            let endpoint = object(claims, names::AGS_ENDPOINT, "ags endpoint")?;
            string(endpoint, "lineitem", "ags endpoint.lineitem")?;
        }
        MessageType::DeepLinkingResponse => {
            if let Some(items) = claims.get(names::CONTENT_ITEMS)
                && !items.is_array()
            {
                return Err(MessageError::InvalidClaimType {
                    claim: "content_items",
                });
            }
            for (name, label) in [
                (names::DL_MSG, "msg"),
                (names::DL_LOG, "log"),
                (names::DL_ERRORMSG, "errormsg"),
                (names::DL_ERRORLOG, "errorlog"),
            ] {
                if claims.get(name).is_some_and(|value| !value.is_string()) {
                    return Err(MessageError::InvalidClaimType { claim: label });
                }
            }
        }
        // Any other type listed as accepted by the caller: the common claims only.
        _ => {}
    }
    if let Some(context) = claims.get(names::CONTEXT) {
        let context = context
            .as_object()
            .ok_or(MessageError::InvalidClaimType { claim: "context" })?;
        id(context, "id", "context.id")?;
    }
    Ok(message_type)
}

fn resource_link(claims: &Map<String, Value>) -> Result<(), MessageError> {
    let link = object(claims, names::RESOURCE_LINK, "resource_link")?;
    id(link, "id", "resource_link.id")
}

fn roles(claims: &Map<String, Value>, required: bool) -> Result<(), MessageError> {
    if required || claims.contains_key(names::ROLES) {
        string_array(claims, names::ROLES, "roles", false)?;
    }
    Ok(())
}

fn subject(claims: &Map<String, Value>, required: bool) -> Result<(), MessageError> {
    match claims.get("sub") {
        None if required => Err(MessageError::MissingClaim { claim: "sub" }),
        Some(Value::String(sub)) if sub.is_empty() || sub.len() > MAX_ID_LEN => {
            Err(MessageError::InvalidClaimType { claim: "sub" })
        }
        None | Some(Value::String(_)) => Ok(()),
        Some(_) => Err(MessageError::InvalidClaimType { claim: "sub" }),
    }
}

fn object<'c>(
    claims: &'c Map<String, Value>,
    name: &str,
    label: &'static str,
) -> Result<&'c Map<String, Value>, MessageError> {
    match claims.get(name) {
        None => Err(MessageError::MissingClaim { claim: label }),
        Some(Value::Object(map)) => Ok(map),
        Some(_) => Err(MessageError::InvalidClaimType { claim: label }),
    }
}

fn string<'c>(
    claims: &'c Map<String, Value>,
    name: &str,
    label: &'static str,
) -> Result<&'c str, MessageError> {
    match claims.get(name) {
        None => Err(MessageError::MissingClaim { claim: label }),
        Some(Value::String(text)) => Ok(text),
        Some(_) => Err(MessageError::InvalidClaimType { claim: label }),
    }
}

/// An id: a non-empty string of at most 255 bytes.
fn id(claims: &Map<String, Value>, name: &str, label: &'static str) -> Result<(), MessageError> {
    let text = string(claims, name, label)?;
    if text.is_empty() || text.len() > MAX_ID_LEN {
        return Err(MessageError::InvalidClaimType { claim: label });
    }
    Ok(())
}

fn string_array(
    claims: &Map<String, Value>,
    name: &str,
    label: &'static str,
    non_empty: bool,
) -> Result<(), MessageError> {
    match claims.get(name) {
        None => Err(MessageError::MissingClaim { claim: label }),
        Some(Value::Array(items))
            if items.iter().all(Value::is_string) && !(non_empty && items.is_empty()) =>
        {
            Ok(())
        }
        Some(_) => Err(MessageError::InvalidClaimType { claim: label }),
    }
}
