//! LTI message checks (LTI Core 1.3 §5.3–5.4, Deep Linking 2.0 §4.4 and §4.5, AGS 2.0 submission review):
//! message type, version, deployment id, and each type's required claims. The same function checks what
//! a tool receives and what a platform builder is about to sign.

use serde_json::{Map, Value};

use crate::claims::{MessageType, names};
use crate::error::{LaunchError, Untrusted};

/// The only LTI version accepted.
pub(crate) const LTI_VERSION: &str = "1.3.0";
/// Longest id (deployment, resource link, context, user) accepted (LTI Core 1.3: at most 255 characters).
const MAX_ID_LEN: usize = 255;

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
) -> Result<MessageType, LaunchError> {
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
            LaunchError::InvalidMessageType {
                found: Untrusted::new(text.as_deref().unwrap_or_default()),
            }
        })?;
    let version = string(claims, names::VERSION, "version")?;
    if version != LTI_VERSION {
        return Err(LaunchError::UnsupportedVersion {
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
                return Err(LaunchError::InvalidClaimType {
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
                    return Err(LaunchError::InvalidClaimType { claim: label });
                }
            }
        }
        // Any other type listed as accepted by the caller: the common claims only.
        _ => {}
    }
    if let Some(context) = claims.get(names::CONTEXT) {
        let context = context
            .as_object()
            .ok_or(LaunchError::InvalidClaimType { claim: "context" })?;
        id(context, "id", "context.id")?;
    }
    Ok(message_type)
}

fn resource_link(claims: &Map<String, Value>) -> Result<(), LaunchError> {
    let link = object(claims, names::RESOURCE_LINK, "resource_link")?;
    id(link, "id", "resource_link.id")
}

fn roles(claims: &Map<String, Value>, required: bool) -> Result<(), LaunchError> {
    if required || claims.contains_key(names::ROLES) {
        string_array(claims, names::ROLES, "roles", false)?;
    }
    Ok(())
}

fn subject(claims: &Map<String, Value>, required: bool) -> Result<(), LaunchError> {
    match claims.get("sub") {
        None if required => Err(LaunchError::MissingClaim { claim: "sub" }),
        Some(Value::String(sub)) if sub.is_empty() || sub.len() > MAX_ID_LEN => {
            Err(LaunchError::InvalidClaimType { claim: "sub" })
        }
        None | Some(Value::String(_)) => Ok(()),
        Some(_) => Err(LaunchError::InvalidClaimType { claim: "sub" }),
    }
}

fn object<'c>(
    claims: &'c Map<String, Value>,
    name: &str,
    label: &'static str,
) -> Result<&'c Map<String, Value>, LaunchError> {
    match claims.get(name) {
        None => Err(LaunchError::MissingClaim { claim: label }),
        Some(Value::Object(map)) => Ok(map),
        Some(_) => Err(LaunchError::InvalidClaimType { claim: label }),
    }
}

fn string<'c>(
    claims: &'c Map<String, Value>,
    name: &str,
    label: &'static str,
) -> Result<&'c str, LaunchError> {
    match claims.get(name) {
        None => Err(LaunchError::MissingClaim { claim: label }),
        Some(Value::String(text)) => Ok(text),
        Some(_) => Err(LaunchError::InvalidClaimType { claim: label }),
    }
}

/// An id: a non-empty string of at most 255 bytes.
fn id(claims: &Map<String, Value>, name: &str, label: &'static str) -> Result<(), LaunchError> {
    let text = string(claims, name, label)?;
    if text.is_empty() || text.len() > MAX_ID_LEN {
        return Err(LaunchError::InvalidClaimType { claim: label });
    }
    Ok(())
}

fn string_array(
    claims: &Map<String, Value>,
    name: &str,
    label: &'static str,
    non_empty: bool,
) -> Result<(), LaunchError> {
    match claims.get(name) {
        None => Err(LaunchError::MissingClaim { claim: label }),
        Some(Value::Array(items))
            if items.iter().all(Value::is_string) && !(non_empty && items.is_empty()) =>
        {
            Ok(())
        }
        Some(_) => Err(LaunchError::InvalidClaimType { claim: label }),
    }
}
