//! [`validate_message_claims`]: every problem of an LTI message payload in a [`Report`], for linting
//! launches and for tools that want all the reasons at once instead of the first error.

use std::collections::BTreeSet;

use learnwire_report::{Code, JsonPointer, Location, Report, quote};
use serde_json::{Map, Value};
use url::Url;

use super::rules::{Presence, Shape, message_rules};
use super::{ContextType, MessageClaims, MessageType, Role, names};
use crate::codes;
use crate::deep_linking::content_item::ContentItem;

/// The payload is not a JSON object.
pub const NOT_OBJECT: Code = codes::CLAIM_NOT_OBJECT;
/// A claim does not read as its type (wrong JSON type, invalid URL, empty or too long id, ...); the same
/// code as a verified message whose claims do not read
/// ([`MessageError::InvalidClaims`](crate::MessageError::InvalidClaims)).
pub const INVALID: Code = codes::CLAIM_INVALID;
/// A claim the message type requires is absent (its rule in [`rules`](super::rules); see
/// [`missing_required_claims`](super::missing_required_claims)); the same code as a verifier's or a
/// builder's [`MessageError::MissingClaim`](crate::MessageError::MissingClaim).
pub const MISSING: Code = codes::CLAIM_MISSING;
/// `version` is not `1.3.0`; the same code as a verifier's
/// [`MessageError::UnsupportedVersion`](crate::MessageError::UnsupportedVersion).
pub const VERSION: Code = codes::VERSION;
/// `message_type` is not one this crate knows (warning).
pub const MESSAGE_TYPE_UNKNOWN: Code = codes::CLAIM_MESSAGE_TYPE_UNKNOWN;
/// A service or launch URL uses `http:` (warning: LTI requires TLS).
pub const INSECURE_URL: Code = codes::CLAIM_INSECURE_URL;
/// A role or context type uses a deprecated spelling (simple name, LTI 1.1 URN) (warning).
pub const DEPRECATED_FORM: Code = codes::CLAIM_DEPRECATED_FORM;
/// A role in the LIS namespace that is not in the vocabulary, often a typo such as
/// `membership#instructor` (warning).
pub const UNKNOWN_LIS_ROLE: Code = codes::ROLES_UNKNOWN_LIS_ROLE;
/// `accept_types` or `accept_presentation_document_targets` is empty: nothing can be returned.
pub const ACCEPT_EMPTY: Code = codes::DL_ACCEPT_EMPTY;
/// A content item does not read as its type.
pub const ITEM_INVALID: Code = codes::DL_ITEM_INVALID;
/// A content item URL is not `https:` (`javascript:`, `data:`, `http:`, ...).
pub const ITEM_UNSAFE_URL: Code = codes::DL_UNSAFE_URL;
/// A line item's `scoreMaximum` is not a number greater than zero.
pub const SCORE_MAXIMUM: Code = codes::DL_SCORE_MAXIMUM;

/// Checks an LTI message payload (the decoded JWT claims) and reports every problem: claims of the
/// wrong shape, missing required claims for its message type, a version other than `1.3.0`, plain
/// `http:` URLs, deprecated role spellings, empty Deep Linking accept lists, unsafe content items.
///
/// It never stops at the first problem and never fails. It does not check signatures, `iss`, `aud`,
/// time or nonce: that is the verifier's job. A payload with no error reads into [`MessageClaims`].
///
/// # Example
/// ```
/// use learnwire_lti::claims::validate::{MISSING, validate_message_claims};
/// let report = validate_message_claims(&serde_json::json!({
///     "https://purl.imsglobal.org/spec/lti/claim/message_type": "LtiResourceLinkRequest",
///     "https://purl.imsglobal.org/spec/lti/claim/version": "1.3.0",
///     "https://purl.imsglobal.org/spec/lti/claim/roles": "Instructor"
/// }));
/// assert!(!report.is_valid());
/// assert!(report.has_code(MISSING.as_str()));          // deployment_id, target_link_uri, resource_link
/// assert!(report.has_code("lti.claim.invalid"));       // roles is a string, not an array
/// ```
pub fn validate_message_claims(payload: &Value) -> Report {
    let mut report = Report::new();
    let Some(claims) = payload.as_object() else {
        report.error(
            NOT_OBJECT,
            Location::json(JsonPointer::root()),
            "an LTI message payload must be a JSON object",
        );
        return report;
    };
    let root = JsonPointer::root();
    let mut unreadable = BTreeSet::new();
    for (name, value) in claims {
        let at = root.key(name);
        if name == names::CONTENT_ITEMS {
            check_content_items(value, &at, &mut report);
        } else if let Err(error) = read_alone(name, value) {
            unreadable.insert(name.as_str());
            report.error(
                INVALID,
                Location::json(at.clone()),
                format!("claim does not read: {}", quote(&error)),
            );
        }
    }
    check_values(claims, &mut report);
    check_missing(claims, &unreadable, &mut report);
    report
}

/// Reads one claim through [`MessageClaims`], so the rules are exactly those of the typed model.
fn read_alone(name: &str, value: &Value) -> Result<(), String> {
    let mut single = Map::new();
    single.insert(name.to_owned(), value.clone());
    serde_json::from_value::<MessageClaims>(Value::Object(single))
        .map(drop)
        .map_err(|error| error.to_string())
}

/// Value checks on claims that read: version, message type, URLs, roles, context types, DL settings.
fn check_values(claims: &Map<String, Value>, report: &mut Report) {
    let root = JsonPointer::root();
    if let Some(Value::String(version)) = claims.get(names::VERSION)
        && version != "1.3.0"
    {
        let message = format!("version is {}, only 1.3.0 is supported", quote(version));
        report.error(VERSION, Location::json(root.key(names::VERSION)), message);
    }
    if let Some(Value::String(kind)) = claims.get(names::MESSAGE_TYPE)
        && MessageType::parse(kind.as_str()).is_unrecognized()
    {
        let message = format!("message type {} is not one this crate knows", quote(kind));
        report.warning(
            MESSAGE_TYPE_UNKNOWN,
            Location::json(root.key(names::MESSAGE_TYPE)),
            message,
        );
    }
    let urls: [(&str, &[&str]); 5] = [
        (names::TARGET_LINK_URI, &[]),
        (names::LAUNCH_PRESENTATION, &["return_url"]),
        (names::AGS_ENDPOINT, &["lineitems", "lineitem"]),
        (names::NAMES_ROLE_SERVICE, &["context_memberships_url"]),
        (names::DEEP_LINKING_SETTINGS, &["deep_link_return_url"]),
    ];
    for (claim, members) in urls {
        let Some(value) = claims.get(claim) else {
            continue;
        };
        if members.is_empty() {
            insecure_url(value, &root.key(claim), report);
        }
        for member in members {
            if let Some(inner) = value.get(member) {
                insecure_url(inner, &root.key(claim).key(member), report);
            }
        }
    }
    if let Some(Value::Array(roles)) = claims.get(names::ROLES) {
        check_roles(roles, &root.key(names::ROLES), report);
    }
    if let Some(Value::Array(roles)) = claims
        .get(names::FOR_USER)
        .and_then(|user| user.get("roles"))
    {
        check_roles(roles, &root.key(names::FOR_USER).key("roles"), report);
    }
    if let Some(Value::Array(types)) = claims
        .get(names::CONTEXT)
        .and_then(|context| context.get("type"))
    {
        let at = root.key(names::CONTEXT).key("type");
        for (index, text) in types.iter().enumerate() {
            let Some(text) = text.as_str() else { continue };
            let parsed = ContextType::parse(text);
            if !parsed.is_unrecognized() && parsed.as_str() != text {
                let message = format!(
                    "context type {} is deprecated; use {}",
                    quote(text),
                    parsed.as_str()
                );
                report.warning(DEPRECATED_FORM, Location::json(at.index(index)), message);
            }
        }
    }
    if let Some(settings) = claims.get(names::DEEP_LINKING_SETTINGS) {
        let at = root.key(names::DEEP_LINKING_SETTINGS);
        for member in ["accept_types", "accept_presentation_document_targets"] {
            if settings
                .get(member)
                .and_then(Value::as_array)
                .is_some_and(Vec::is_empty)
            {
                report.error(
                    ACCEPT_EMPTY,
                    Location::json(at.key(member)),
                    format!("{member} is empty"),
                );
            }
        }
    }
}

/// Warns when a URL string uses `http:`.
fn insecure_url(value: &Value, at: &JsonPointer, report: &mut Report) {
    if let Some(url) = value.as_str().and_then(|text| Url::parse(text).ok())
        && url.scheme() == "http"
    {
        report.warning(
            INSECURE_URL,
            Location::json(at.clone()),
            format!("{} is not https", quote(url.as_str())),
        );
    }
}

/// Warns on deprecated role spellings and unknown roles in the LIS namespace.
fn check_roles(roles: &[Value], at: &JsonPointer, report: &mut Report) {
    for (index, role) in roles.iter().enumerate() {
        let Some(text) = role.as_str() else { continue };
        let role = Role::parse(text);
        if role.is_deprecated_form() {
            let message = format!(
                "role {} uses a deprecated form; use the full LIS v2 URI",
                quote(text)
            );
            report.warning(DEPRECATED_FORM, Location::json(at.index(index)), message);
        } else if role.kind() == &super::RoleKind::Unrecognized
            && text.starts_with("http://purl.imsglobal.org/vocab/")
        {
            let message = format!(
                "role {} is in the LIS namespace but not in its vocabulary",
                quote(text)
            );
            report.warning(UNKNOWN_LIS_ROLE, Location::json(at.index(index)), message);
        }
    }
}

/// Checks each content item on its own, so one bad item is reported at its index.
fn check_content_items(value: &Value, at: &JsonPointer, report: &mut Report) {
    let Some(items) = value.as_array() else {
        report.error(
            INVALID,
            Location::json(at.clone()),
            "content_items must be an array",
        );
        return;
    };
    for (index, item) in items.iter().enumerate() {
        let here = at.index(index);
        let item = match serde_json::from_value::<ContentItem>(item.clone()) {
            Ok(item) => item,
            Err(error) => {
                report.error(
                    ITEM_INVALID,
                    Location::json(here),
                    format!("content item does not read: {}", quote(&error.to_string())),
                );
                continue;
            }
        };
        if let Some(url) = item.disallowed_url(false) {
            report.error(
                ITEM_UNSAFE_URL,
                Location::json(here.clone()),
                format!("URL {} is not https", quote(url)),
            );
        }
        if let ContentItem::LtiResourceLink(link) = &item
            && let Some(line_item) = &link.line_item
            && !line_item.has_valid_score_maximum()
        {
            let message = format!(
                "scoreMaximum {} must be greater than zero",
                line_item.score_maximum
            );
            report.error(
                SCORE_MAXIMUM,
                Location::json(here.key("lineItem").key("scoreMaximum")),
                message,
            );
        }
    }
}

/// Reports the required claims of the rule table ([`message_rules`]) that are absent for the payload's
/// message type: a claim absent or `null`; a member of a claim that reads as its type (a member the
/// typed model enforces, such as `resource_link.id`, makes its claim unreadable, reported once as
/// [`INVALID`]). `sub` is optional here (anonymous launches).
fn check_missing(claims: &Map<String, Value>, unreadable: &BTreeSet<&str>, report: &mut Report) {
    let message_type = claims
        .get(names::MESSAGE_TYPE)
        .and_then(Value::as_str)
        .map(MessageType::parse);
    let kind = message_type
        .as_ref()
        .map_or("any message", MessageType::as_str);
    for rule in message_rules(message_type.as_ref()) {
        if rule.presence != Presence::Required {
            continue;
        }
        let (value, at) = match rule.member {
            None => (claims.get(rule.claim), JsonPointer::root().key(rule.claim)),
            Some(member) => match claims.get(rule.claim) {
                Some(Value::Object(parent)) if !unreadable.contains(rule.claim) => (
                    parent.get(member),
                    JsonPointer::root().key(rule.claim).key(member),
                ),
                _ => continue,
            },
        };
        let present = match value {
            None | Some(Value::Null) => false,
            Some(Value::String(text)) if rule.shape == Shape::Url => !text.is_empty(),
            Some(_) => true,
        };
        if !present {
            let name = match rule.member {
                Some(member) => format!("{}#{member}", rule.claim),
                None => rule.claim.to_owned(),
            };
            report.error(
                rule.missing_code(),
                Location::json(at),
                format!("{name} is required in {kind} ({})", rule.reference),
            );
        }
    }
}
