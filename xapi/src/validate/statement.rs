//! Statement and SubStatement top level (Data 2.4, 2.4.4.3), attachments (2.4.11), voiding (2.3.2).

use crate::json::node::{Node, Object};
use learnwire_report::quote;

use super::Walker;
use super::actor::{ActorRole, actor};
use super::context::context;
use super::object::{ObjectKind, object};
use super::result::result;
use crate::json::path::Path;
use crate::multipart::SIGNATURE_USAGE_TYPE;
use crate::signature::is_octet_stream;
use crate::types::{check_media_type, check_sha2, check_version};
use crate::{Rule, VOIDED_VERB};

const STATEMENT_KEYS: &[&str] = &[
    "id",
    "actor",
    "verb",
    "object",
    "result",
    "context",
    "timestamp",
    "stored",
    "authority",
    "version",
    "attachments",
];
const SUB_FORBIDDEN: &[&str] = &["id", "stored", "version", "authority"];
const SUB_KEYS: &[&str] = &[
    "objectType",
    "actor",
    "verb",
    "object",
    "result",
    "context",
    "timestamp",
    "attachments",
    "id",
    "stored",
    "version",
    "authority",
];
const VERB_KEYS: &[&str] = &["id", "display"];
const ATTACHMENT_KEYS: &[&str] = &[
    "usageType",
    "display",
    "description",
    "contentType",
    "length",
    "sha2",
    "fileUrl",
];

/// A top-level statement.
pub(super) fn statement(walker: &mut Walker<'_>, value: &Node<'_>, at: &Path<'_>) {
    let Node::Object(map) = value else {
        walker.error(Rule::StatementNotObject, at, || {
            "a statement must be a JSON object".to_owned()
        });
        return;
    };
    walker.keys(map, STATEMENT_KEYS, at);
    if let Some(id) = map.get("id") {
        walker.uuid(id, &at.key("id"));
    }
    body(walker, map, at, false);
    if let Some(stored) = map.get("stored") {
        walker.timestamp(stored, &at.key("stored"));
    }
    if let Some(authority) = map.get("authority") {
        actor(
            walker,
            authority,
            &at.key("authority"),
            ActorRole::Authority,
        );
    }
    if let Some(version) = map.get("version") {
        let child = at.key("version");
        if let Some(text) = walker.string(version, &child, "a version string") {
            let lrs = walker.options.version();
            if !check_version(text, lrs, walker.options.policy().allow_version_suffix()) {
                walker.error(Rule::Version, &child, || {
                    format!(
                        "version {} is not accepted by an xAPI {lrs} LRS",
                        quote(text)
                    )
                });
            }
        }
    }
}

/// A SubStatement used as an object (its `objectType` was already checked).
pub(super) fn sub_statement(walker: &mut Walker<'_>, map: &Object<'_>, at: &Path<'_>) {
    walker.keys(map, SUB_KEYS, at);
    for name in SUB_FORBIDDEN {
        if map.contains_key(name) {
            let child = at.key(name);
            walker.error(Rule::SubStatementProperty, &child, || {
                format!("a SubStatement must not have {name:?}")
            });
        }
    }
    if map.contains_key("attachments") && !walker.options.policy().allow_substatement_attachments()
    {
        let child = at.key("attachments");
        walker.error(Rule::SubStatementProperty, &child, || {
            "a SubStatement must not have \"attachments\" (policy)".to_owned()
        });
    }
    body(walker, map, at, true);
}

/// What statements and SubStatements share.
fn body(walker: &mut Walker<'_>, map: &Object<'_>, at: &Path<'_>, sub: bool) {
    let what = if sub { "a SubStatement" } else { "a statement" };
    match map.get("actor") {
        Some(value) => actor(walker, value, &at.key("actor"), ActorRole::Actor),
        None => walker.missing(at, "actor", what),
    }
    let mut voiding = false;
    match map.get("verb") {
        Some(value) => voiding = verb(walker, value, &at.key("verb")),
        None => walker.missing(at, "verb", what),
    }
    let mut kind = ObjectKind::Unknown;
    match map.get("object") {
        Some(value) => kind = object(walker, value, &at.key("object"), sub),
        None => walker.missing(at, "object", what),
    }
    if voiding && kind != ObjectKind::StatementRef && map.contains_key("object") {
        let child = at.key("object");
        walker.error(Rule::VoidingObject, &child, || {
            "a voiding statement's object must be a StatementRef".to_owned()
        });
    }
    if walker.stopped() {
        return;
    }
    if let Some(value) = map.get("result") {
        result(walker, value, &at.key("result"));
    }
    if let Some(value) = map.get("context") {
        context(walker, value, &at.key("context"), kind);
    }
    if let Some(value) = map.get("timestamp") {
        walker.timestamp(value, &at.key("timestamp"));
    }
    if let Some(value) = map.get("attachments") {
        attachments(walker, value, &at.key("attachments"));
    }
}

/// Returns true when the verb is the voiding verb.
fn verb(walker: &mut Walker<'_>, value: &Node<'_>, at: &Path<'_>) -> bool {
    let Some(map) = walker.object(value, at, "a verb object") else {
        return false;
    };
    walker.keys(map, VERB_KEYS, at);
    let mut voiding = false;
    match map.get("id") {
        Some(id) => {
            walker.iri(id, &at.key("id"));
            voiding = id.as_str() == Some(VOIDED_VERB);
        }
        None => walker.missing(at, "id", "a verb"),
    }
    if let Some(display) = map.get("display") {
        walker.language_map(display, &at.key("display"));
    }
    voiding
}

fn attachments(walker: &mut Walker<'_>, value: &Node<'_>, at: &Path<'_>) {
    let Some(items) = walker.array(value, at, "an array of attachments") else {
        return;
    };
    if items.is_empty() && walker.options.policy().reject_empty_attachments() {
        walker.error(Rule::Attachment, at, || {
            "attachments must not be empty".to_owned()
        });
    }
    for (index, item) in items.iter().enumerate() {
        let child = at.index(index);
        attachment(walker, item, &child);
    }
}

fn attachment(walker: &mut Walker<'_>, value: &Node<'_>, at: &Path<'_>) {
    let Some(map) = walker.object(value, at, "an attachment object") else {
        return;
    };
    walker.keys(map, ATTACHMENT_KEYS, at);
    for name in ["usageType", "display", "contentType", "length", "sha2"] {
        if !map.contains_key(name) {
            walker.missing(at, name, "an attachment");
        }
    }
    if let Some(value) = map.get("usageType") {
        walker.iri(value, &at.key("usageType"));
    }
    if let Some(value) = map.get("display") {
        walker.language_map(value, &at.key("display"));
    }
    if let Some(value) = map.get("description") {
        walker.language_map(value, &at.key("description"));
    }
    if let Some(value) = map.get("fileUrl") {
        walker.iri(value, &at.key("fileUrl"));
    }
    if let Some(value) = map.get("contentType") {
        let child = at.key("contentType");
        if let Some(text) = walker.string(value, &child, "a media type") {
            if !check_media_type(text) {
                walker.error(Rule::MediaType, &child, || {
                    format!("{} is not an Internet media type", quote(text))
                });
            } else if map.get("usageType").and_then(Node::as_str) == Some(SIGNATURE_USAGE_TYPE)
                && !is_octet_stream(text)
            {
                walker.error(Rule::SignatureContentType, &child, || {
                    format!(
                        "a signature attachment's contentType must be application/octet-stream, not {}",
                        quote(text)
                    )
                });
            }
        }
    }
    if let Some(value) = map.get("sha2") {
        let child = at.key("sha2");
        if let Some(text) = walker.string(value, &child, "a SHA-2 hex digest")
            && !check_sha2(text)
        {
            walker.error(Rule::Sha2, &child, || {
                format!("{} is not a hex SHA-2 digest", quote(text))
            });
        }
    }
    if let Some(value) = map.get("length") {
        let child = at.key("length");
        if let Some(number) = walker.number(value, &child)
            && (number < 0.0 || number.fract() != 0.0)
        {
            walker.error(Rule::Attachment, &child, || {
                format!("length must be a non-negative integer, found {number}")
            });
        }
    }
}
