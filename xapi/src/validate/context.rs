//! Context (Data 2.4.6), contextActivities, and the 2.0 contextAgents / contextGroups.

use crate::json::node::Node;
use learnwire_report::quote;

use super::Walker;
use super::actor::{ActorRole, actor};
use super::object::{ObjectKind, context_activity, statement_ref};
use crate::Rule;
use crate::json::path::Path;
use crate::types::check_language_tag;

const CONTEXT_KEYS_1: &[&str] = &[
    "registration",
    "instructor",
    "team",
    "contextActivities",
    "revision",
    "platform",
    "language",
    "statement",
    "extensions",
];
const CONTEXT_KEYS_2: &[&str] = &[
    "registration",
    "instructor",
    "team",
    "contextActivities",
    "revision",
    "platform",
    "language",
    "statement",
    "extensions",
    "contextAgents",
    "contextGroups",
];
const ACTIVITY_LISTS: &[&str] = &["parent", "grouping", "category", "other"];
const CONTEXT_AGENT_KEYS: &[&str] = &["objectType", "agent", "relevantTypes"];
const CONTEXT_GROUP_KEYS: &[&str] = &["objectType", "group", "relevantTypes"];

/// Checks `context`; `object` is the kind of the statement's object (for revision/platform).
pub(super) fn context(
    walker: &mut Walker<'_>,
    value: &Node<'_>,
    at: &Path<'_>,
    object: ObjectKind,
) {
    let Some(map) = walker.object(value, at, "a context object") else {
        return;
    };
    let keys = if walker.v2() {
        CONTEXT_KEYS_2
    } else {
        CONTEXT_KEYS_1
    };
    walker.keys(map, keys, at);
    walker.empty_object(map, at, "context");
    if let Some(value) = map.get("registration") {
        walker.uuid(value, &at.key("registration"));
    }
    if let Some(value) = map.get("instructor") {
        actor(walker, value, &at.key("instructor"), ActorRole::Actor);
    }
    if let Some(value) = map.get("team") {
        actor(walker, value, &at.key("team"), ActorRole::Team);
    }
    if let Some(value) = map.get("contextActivities") {
        context_activities(walker, value, &at.key("contextActivities"));
    }
    for name in ["revision", "platform"] {
        if let Some(value) = map.get(name) {
            let child = at.key(name);
            walker.string(value, &child, "a string");
            if object != ObjectKind::Activity && object != ObjectKind::Unknown {
                walker.error(Rule::ContextRevisionPlatform, &child, || {
                    format!("{name:?} is only allowed when the object is an Activity")
                });
            }
        }
    }
    if let Some(value) = map.get("language") {
        let child = at.key("language");
        if let Some(text) = walker.string(value, &child, "a language tag")
            && !check_language_tag(text)
        {
            walker.error(Rule::LanguageTag, &child, || {
                format!("{} is not a BCP 47 language tag", quote(text))
            });
        }
    }
    if let Some(value) = map.get("statement") {
        let child = at.key("statement");
        if let Some(reference) = walker.object(value, &child, "a StatementRef") {
            match reference.get("objectType").map(Node::as_str) {
                Some(Some("StatementRef")) => {}
                Some(_) => {
                    let kind_at = child.key("objectType");
                    walker.error(Rule::ObjectType, &kind_at, || {
                        "context.statement must have objectType \"StatementRef\"".to_owned()
                    });
                }
                None => walker.missing(&child, "objectType", "context.statement"),
            }
            statement_ref(walker, reference, &child);
        }
    }
    if let Some(value) = map.get("extensions") {
        walker.extensions(value, &at.key("extensions"));
    }
    if walker.v2() {
        if let Some(value) = map.get("contextAgents") {
            typed_list(walker, value, &at.key("contextAgents"), true);
        }
        if let Some(value) = map.get("contextGroups") {
            typed_list(walker, value, &at.key("contextGroups"), false);
        }
    }
}

fn context_activities(walker: &mut Walker<'_>, value: &Node<'_>, at: &Path<'_>) {
    let Some(map) = walker.object(value, at, "a contextActivities object") else {
        return;
    };
    walker.keys(map, ACTIVITY_LISTS, at);
    walker.empty_object(map, at, "contextActivities");
    for (name, value) in map.iter() {
        if !ACTIVITY_LISTS.contains(&name) {
            continue;
        }
        let child = at.key(name);
        match value {
            Node::Array(items) => {
                if items.is_empty() && walker.options.policy().reject_empty_context_activity_list()
                {
                    walker.error(Rule::ContextActivities, &child, || {
                        format!(
                            "contextActivities {} must not be an empty array",
                            quote(name)
                        )
                    });
                }
                if let Some(items) = walker.array(value, &child, "Activities") {
                    for (index, item) in items.iter().enumerate() {
                        context_activity(walker, item, &child.index(index));
                    }
                }
            }
            _ => context_activity(walker, value, &child),
        }
    }
}

/// 2.0 `contextAgents` (`agents` true) or `contextGroups`.
fn typed_list(walker: &mut Walker<'_>, value: &Node<'_>, at: &Path<'_>, agents: bool) {
    let (rule, kind, field, keys, role) = if agents {
        (
            Rule::ContextAgents,
            "contextAgent",
            "agent",
            CONTEXT_AGENT_KEYS,
            ActorRole::ContextAgent,
        )
    } else {
        (
            Rule::ContextGroups,
            "contextGroup",
            "group",
            CONTEXT_GROUP_KEYS,
            ActorRole::ContextGroup,
        )
    };
    let Some(items) = walker.array(value, at, "an array") else {
        return;
    };
    for (index, item) in items.iter().enumerate() {
        let child = at.index(index);
        let Some(map) = walker.object(item, &child, "an object") else {
            continue;
        };
        walker.keys(map, keys, &child);
        match map.get("objectType") {
            Some(value) => {
                let kind_at = child.key("objectType");
                if let Some(text) = walker.string(value, &kind_at, "an objectType string")
                    && text != kind
                {
                    walker.error(rule, &kind_at, || {
                        format!("objectType must be {kind:?}, found {}", quote(text))
                    });
                }
            }
            None => walker.missing(&child, "objectType", "a contextAgent/contextGroup"),
        }
        match map.get(field) {
            Some(value) => actor(walker, value, &child.key(field), role),
            None => walker.missing(
                &child,
                if agents { "agent" } else { "group" },
                "a contextAgent/contextGroup",
            ),
        }
        match map.get("relevantTypes") {
            Some(value) => {
                let types_at = child.key("relevantTypes");
                if let Some(types) = walker.array(value, &types_at, "an array of IRIs") {
                    if types.is_empty() && walker.options.policy().require_relevant_types() {
                        walker.error(rule, &types_at, || {
                            "relevantTypes must not be empty".to_owned()
                        });
                    }
                    for (position, iri) in types.iter().enumerate() {
                        walker.iri(iri, &types_at.index(position));
                    }
                }
            }
            None if walker.options.policy().require_relevant_types() => {
                walker.missing(&child, "relevantTypes", "a contextAgent/contextGroup");
            }
            None => {}
        }
    }
}
