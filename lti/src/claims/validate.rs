//! [`validate_message_claims`]: every problem of an LTI message payload in a [`Report`], for linting
//! launches and for tools that want all the reasons at once instead of the first error.

use learnwire_report::{Code, JsonPointer, Location, Report, quote};
use serde_json::{Map, Value};
use url::Url;

use super::{ContextType, MessageClaims, MessageType, RequiredClaim, Role, names, required_claims};
use crate::deep_linking::content_item::ContentItem;

/// The payload is not a JSON object.
pub const NOT_OBJECT: Code = Code::new("lti.claims.not-object");
/// A claim does not read as its type (wrong JSON type, invalid URL, empty or too long id, ...).
pub const INVALID: Code = Code::new("lti.claims.invalid");
/// A claim the message type requires is absent (see [`missing_required_claims`](super::missing_required_claims)).
pub const MISSING: Code = Code::new("lti.claims.missing");
/// `version` is not `1.3.0`.
pub const VERSION: Code = Code::new("lti.claims.version");
/// `message_type` is not one this crate knows (warning).
pub const MESSAGE_TYPE_UNKNOWN: Code = Code::new("lti.claims.message-type-unknown");
/// A service or launch URL uses `http:` (warning: LTI requires TLS).
pub const INSECURE_URL: Code = Code::new("lti.claims.insecure-url");
/// A role or context type uses a deprecated spelling (simple name, LTI 1.1 URN) (warning).
pub const DEPRECATED_FORM: Code = Code::new("lti.claims.deprecated-form");
/// A role in the LIS namespace that is not in the vocabulary, often a typo such as
/// `membership#instructor` (warning).
pub const UNKNOWN_LIS_ROLE: Code = Code::new("lti.roles.unknown-lis-role");
/// `accept_types` or `accept_presentation_document_targets` is empty: nothing can be returned.
pub const ACCEPT_EMPTY: Code = Code::new("lti.deep-linking.accept-empty");
/// A content item does not read as its type.
pub const ITEM_INVALID: Code = Code::new("lti.deep-linking.item-invalid");
/// A content item URL is not `https:` (`javascript:`, `data:`, `http:`, ...).
pub const ITEM_UNSAFE_URL: Code = Code::new("lti.deep-linking.unsafe-url");
/// A line item's `scoreMaximum` is not a number greater than zero.
pub const SCORE_MAXIMUM: Code = Code::new("lti.deep-linking.score-maximum");

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
/// assert!(report.has_code("lti.claims.invalid"));      // roles is a string, not an array
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
    for (name, value) in claims {
        let at = root.key(name);
        if name == names::CONTENT_ITEMS {
            check_content_items(value, &at, &mut report);
        } else if let Err(error) = read_alone(name, value) {
            report.error(
                INVALID,
                Location::json(at.clone()),
                format!("claim does not read: {}", quote(&error)),
            );
        }
    }
    check_values(claims, &mut report);
    check_missing(claims, &mut report);
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

/// Reports required claims that are absent for the payload's message type.
fn check_missing(claims: &Map<String, Value>, report: &mut Report) {
    let message_type = claims
        .get(names::MESSAGE_TYPE)
        .and_then(Value::as_str)
        .map(MessageType::parse);
    for claim in required_claims(message_type.as_ref()) {
        let present = match claim {
            RequiredClaim::AgsLineItem => claims.get(names::AGS_ENDPOINT).is_none_or(|endpoint| {
                endpoint
                    .get("lineitem")
                    .and_then(Value::as_str)
                    .is_some_and(|url| !url.is_empty())
            }),
            _ => claims
                .get(claim.claim_name())
                .is_some_and(|value| !value.is_null()),
        };
        if !present {
            let at = match claim.member() {
                Some(member) => JsonPointer::root().key(claim.claim_name()).key(member),
                None => JsonPointer::root().key(claim.claim_name()),
            };
            let kind = message_type
                .as_ref()
                .map_or("any message", MessageType::as_str);
            report.error(
                MISSING,
                Location::json(at),
                format!("{claim} is required in {kind}"),
            );
        }
    }
}
