//! Statement objects: Activity and its definition, Agent/Group, StatementRef, SubStatement
//! (Data 2.4.4).

use std::collections::BTreeSet;

use crate::json::node::{Node, Object};
use learnwire_report::quote;

use super::Walker;
use super::actor::{ActorRole, actor};
use super::statement::sub_statement;
use crate::Rule;
use crate::json::path::Path;

const ACTIVITY_KEYS: &[&str] = &["objectType", "id", "definition"];
const STATEMENT_REF_KEYS: &[&str] = &["objectType", "id"];
const DEFINITION_KEYS: &[&str] = &[
    "name",
    "description",
    "type",
    "moreInfo",
    "extensions",
    "interactionType",
    "correctResponsesPattern",
    "choices",
    "scale",
    "source",
    "target",
    "steps",
];
const COMPONENT_KEYS: &[&str] = &["id", "description"];
const COMPONENT_LISTS: [&str; 5] = ["choices", "scale", "source", "target", "steps"];
const INTERACTION_TYPES: [&str; 10] = [
    "true-false",
    "choice",
    "fill-in",
    "long-fill-in",
    "matching",
    "performance",
    "sequencing",
    "likert",
    "numeric",
    "other",
];

/// What kind of object a statement has (decides context rules and voiding).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum ObjectKind {
    Activity,
    Agent,
    StatementRef,
    SubStatement,
    /// Not an object, or an unknown `objectType`.
    Unknown,
}

/// Checks a statement's `object`.
pub(super) fn object(
    walker: &mut Walker<'_>,
    value: &Node<'_>,
    at: &Path<'_>,
    in_sub: bool,
) -> ObjectKind {
    let Some(map) = walker.object(value, at, "an object") else {
        return ObjectKind::Unknown;
    };
    let kind = match map.get("objectType") {
        None => {
            if map.contains_key("mbox")
                || map.contains_key("mbox_sha1sum")
                || map.contains_key("openid")
                || map.contains_key("account")
                || map.contains_key("member")
            {
                walker.error(Rule::ObjectAgentType, at, || {
                    "an Agent or Group used as an object must specify objectType".to_owned()
                });
                return ObjectKind::Unknown;
            }
            "Activity"
        }
        Some(kind) => {
            let child = at.key("objectType");
            match walker.string(kind, &child, "an objectType string") {
                Some(text) => text,
                None => return ObjectKind::Unknown,
            }
        }
    };
    match kind {
        "Activity" => {
            activity(walker, map, at);
            ObjectKind::Activity
        }
        "Agent" | "Group" => {
            actor(walker, value, at, ActorRole::Object);
            ObjectKind::Agent
        }
        "StatementRef" => {
            statement_ref(walker, map, at);
            ObjectKind::StatementRef
        }
        "SubStatement" => {
            if in_sub {
                walker.error(Rule::NestedSubStatement, at, || {
                    "a SubStatement's object must not be a SubStatement".to_owned()
                });
                return ObjectKind::Unknown;
            }
            sub_statement(walker, map, at);
            ObjectKind::SubStatement
        }
        other => {
            let child = at.key("objectType");
            let known = ["Activity", "Agent", "Group", "StatementRef", "SubStatement"];
            let rule = if known.iter().any(|name| name.eq_ignore_ascii_case(other)) {
                Rule::EnumValue
            } else {
                Rule::ObjectType
            };
            walker.error(rule, &child, || {
                format!("objectType {} is not allowed here", quote(other))
            });
            ObjectKind::Unknown
        }
    }
}

/// A StatementRef (objectType already known to be `StatementRef`, or required by the caller).
pub(super) fn statement_ref(walker: &mut Walker<'_>, map: &Object<'_>, at: &Path<'_>) {
    walker.keys(map, STATEMENT_REF_KEYS, at);
    match map.get("id") {
        Some(id) => walker.uuid(id, &at.key("id")),
        None => walker.missing(at, "id", "a StatementRef"),
    }
}

/// An Activity (objectType absent or `Activity`).
pub(super) fn activity(walker: &mut Walker<'_>, map: &Object<'_>, at: &Path<'_>) {
    walker.keys(map, ACTIVITY_KEYS, at);
    match map.get("id") {
        Some(id) => walker.iri(id, &at.key("id")),
        None => walker.missing(at, "id", "an Activity"),
    }
    if let Some(definition) = map.get("definition") {
        activity_definition(walker, definition, &at.key("definition"));
    }
}

/// An Activity as a value of `contextActivities`: objectType, if present, is exactly `Activity`.
pub(super) fn context_activity(walker: &mut Walker<'_>, value: &Node<'_>, at: &Path<'_>) {
    let Some(map) = walker.object(value, at, "an Activity object") else {
        return;
    };
    if let Some(kind) = map.get("objectType") {
        let child = at.key("objectType");
        if let Some(text) = walker.string(kind, &child, "\"Activity\"")
            && text != "Activity"
        {
            let rule = if text.eq_ignore_ascii_case("activity") {
                Rule::EnumValue
            } else {
                Rule::ObjectType
            };
            walker.error(rule, &child, || {
                format!("objectType {} must be \"Activity\"", quote(text))
            });
        }
    }
    activity(walker, map, at);
}

fn activity_definition(walker: &mut Walker<'_>, value: &Node<'_>, at: &Path<'_>) {
    let Some(map) = walker.object(value, at, "an activity definition") else {
        return;
    };
    walker.keys(map, DEFINITION_KEYS, at);
    if let Some(value) = map.get("name") {
        walker.language_map(value, &at.key("name"));
    }
    if let Some(value) = map.get("description") {
        walker.language_map(value, &at.key("description"));
    }
    if let Some(value) = map.get("type") {
        walker.iri(value, &at.key("type"));
    }
    if let Some(value) = map.get("moreInfo") {
        walker.iri(value, &at.key("moreInfo"));
    }
    if let Some(value) = map.get("extensions") {
        walker.extensions(value, &at.key("extensions"));
    }
    let mut interaction = None;
    if let Some(value) = map.get("interactionType") {
        let child = at.key("interactionType");
        if let Some(text) = walker.string(value, &child, "an interactionType string") {
            if INTERACTION_TYPES.contains(&text) {
                interaction = Some(text);
            } else {
                walker.error(Rule::EnumValue, &child, || {
                    format!(
                        "interactionType {} is not one of the ten interaction types",
                        quote(text)
                    )
                });
            }
        }
    }
    let mut interaction_properties = false;
    if let Some(value) = map.get("correctResponsesPattern") {
        interaction_properties = true;
        let child = at.key("correctResponsesPattern");
        if let Some(items) = walker.array(value, &child, "an array of strings") {
            for (index, item) in items.iter().enumerate() {
                walker.string(item, &child.index(index), "a string");
            }
        }
    }
    for list in COMPONENT_LISTS {
        let Some(value) = map.get(list) else {
            continue;
        };
        interaction_properties = true;
        let child = at.key(list);
        components(walker, value, &child);
        if walker.options.policy().strict_interaction_components()
            && let Some(kind) = interaction
            && !list_fits(list, kind)
        {
            walker.error(Rule::InteractionComponentsForType, &child, || {
                format!("{list:?} does not apply to interactionType {kind:?}")
            });
        }
    }
    if interaction_properties && !map.contains_key("interactionType") {
        walker.error(Rule::InteractionTypeMissing, at, || {
            "interaction properties require an interactionType".to_owned()
        });
    }
}

fn list_fits(list: &str, kind: &str) -> bool {
    matches!(
        (list, kind),
        ("choices", "choice" | "sequencing")
            | ("scale", "likert")
            | ("source" | "target", "matching")
            | ("steps", "performance")
    )
}

fn components(walker: &mut Walker<'_>, value: &Node<'_>, at: &Path<'_>) {
    let Some(items) = walker.array(value, at, "an array of interaction components") else {
        return;
    };
    let mut seen = BTreeSet::new();
    for (index, item) in items.iter().enumerate() {
        let child = at.index(index);
        let Some(map) = walker.object(item, &child, "an interaction component") else {
            continue;
        };
        walker.keys(map, COMPONENT_KEYS, &child);
        match map.get("id") {
            Some(id) => {
                let id_at = child.key("id");
                if let Some(text) = walker.string(id, &id_at, "a string")
                    && !seen.insert(text)
                {
                    walker.error(Rule::InteractionComponentDuplicateId, &id_at, || {
                        format!("component id {} appears twice in this list", quote(text))
                    });
                }
            }
            None => walker.missing(&child, "id", "an interaction component"),
        }
        if let Some(description) = map.get("description") {
            walker.language_map(description, &child.key("description"));
        }
    }
}
