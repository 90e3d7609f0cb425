//! The `format` parameter applied to a stored statement (Communication §2.1.3): `exact`, `ids`, `canonical`.

use serde_json::{Map, Value};

use super::language::AcceptLanguage;
use crate::query::StatementFormat;

/// Canonical Activity definitions and Verb displays the LRS keeps (Communication §2.1.3, `canonical`).
pub trait CanonicalSource {
    /// The canonical definition of the Activity `id`, if the LRS keeps one.
    fn activity_definition(&self, id: &str) -> Option<Value>;
    /// The canonical `display` of the Verb `id`, if the LRS keeps one.
    fn verb_display(&self, id: &str) -> Option<Value>;
}

/// A [`CanonicalSource`] that knows nothing: `canonical` then only filters languages.
#[derive(Debug, Clone, Copy, Default)]
#[allow(
    clippy::exhaustive_structs,
    reason = "a unit marker: it will never have fields"
)]
pub struct NoCanonical;

impl CanonicalSource for NoCanonical {
    fn activity_definition(&self, _id: &str) -> Option<Value> {
        None
    }
    fn verb_display(&self, _id: &str) -> Option<Value> {
        None
    }
}

/// A stored statement as returned for `format`:
///
/// - `exact`: unchanged;
/// - `ids`: Agents and identified Groups reduced to `objectType` and their identifier (anonymous Groups to
///   their members' identifiers), Verbs to `id`, Activities to `id` (the minimum that identifies them: `objectType` defaults to
///   `Activity`, and the ADL conformance suite, XAPI-00171, counts one key in a SubStatement's Activity);
/// - `canonical`: Activity definitions and Verb displays replaced by `canonical`'s when it has them, then
///   each of their language maps (name, description, interaction component descriptions, display) cut to
///   the one entry `accept` prefers; Agents and Groups as in `exact`.
///
/// # Example
///
/// ```
/// use learnwire_xapi::lrs::{format_statement, AcceptLanguage, NoCanonical};
/// use learnwire_xapi::query::StatementFormat;
/// use serde_json::json;
///
/// let stored = json!({"actor": {"name": "Ann", "mbox": "mailto:ann@example.com"},
///                     "verb": {"id": "http://x/v", "display": {"en": "did", "fr": "a fait"}},
///                     "object": {"id": "http://x/a", "definition": {"name": {"en": "A", "fr": "Un"}}}});
/// let ids = format_statement(&stored, StatementFormat::Ids, &AcceptLanguage::default(), &NoCanonical);
/// assert_eq!(ids["actor"], json!({"objectType": "Agent", "mbox": "mailto:ann@example.com"}));
/// assert_eq!(ids["verb"], json!({"id": "http://x/v"}));
/// let fr = format_statement(&stored, StatementFormat::Canonical, &AcceptLanguage::parse("fr"), &NoCanonical);
/// assert_eq!(fr["verb"]["display"], json!({"fr": "a fait"}));
/// assert_eq!(fr["object"]["definition"]["name"], json!({"fr": "Un"}));
/// ```
pub fn format_statement(
    statement: &Value,
    format: StatementFormat,
    accept: &AcceptLanguage,
    canonical: &dyn CanonicalSource,
) -> Value {
    let mut out = statement.clone();
    match format {
        StatementFormat::Ids => ids_statement(&mut out),
        StatementFormat::Canonical => canonical_statement(&mut out, accept, canonical),
        _ => {}
    }
    out
}

const INTERACTION_LISTS: [&str; 5] = ["choices", "scale", "source", "target", "steps"];

fn ids_statement(statement: &mut Value) {
    let Some(map) = statement.as_object_mut() else {
        return;
    };
    for key in ["actor", "authority"] {
        if let Some(agent) = map.get_mut(key) {
            ids_agent(agent);
        }
    }
    if let Some(verb) = map.get_mut("verb") {
        keep(verb, &["id"]);
    }
    if let Some(object) = map.get_mut("object") {
        match object.get("objectType").and_then(Value::as_str) {
            Some("Agent" | "Group") => ids_agent(object),
            Some("SubStatement") => ids_statement(object),
            Some("StatementRef") => {}
            _ => keep(object, &["id"]),
        }
    }
    if let Some(Value::Object(context)) = map.get_mut("context") {
        for key in ["instructor", "team"] {
            if let Some(agent) = context.get_mut(key) {
                ids_agent(agent);
            }
        }
        for activity in context_activities(context) {
            keep(activity, &["id"]);
        }
        for (list, inner) in [("contextAgents", "agent"), ("contextGroups", "group")] {
            if let Some(Value::Array(items)) = context.get_mut(list) {
                for item in items {
                    if let Some(agent) = item.get_mut(inner) {
                        ids_agent(agent);
                    }
                }
            }
        }
    }
}

fn ids_agent(agent: &mut Value) {
    let Some(map) = agent.as_object_mut() else {
        return;
    };
    let kind = map
        .get("objectType")
        .cloned()
        .unwrap_or_else(|| Value::String("Agent".into()));
    let ifi = ["mbox", "mbox_sha1sum", "openid", "account"]
        .into_iter()
        .find_map(|key| map.get(key).map(|value| (key, value.clone())));
    let mut out = Map::new();
    out.insert("objectType".into(), kind);
    match ifi {
        Some((key, value)) => {
            out.insert(key.into(), value);
        }
        None => {
            if let Some(Value::Array(members)) = map.get_mut("member") {
                let mut members = std::mem::take(members);
                members.iter_mut().for_each(ids_agent);
                out.insert("member".into(), Value::Array(members));
            }
        }
    }
    *map = out;
}

fn canonical_statement(
    statement: &mut Value,
    accept: &AcceptLanguage,
    canonical: &dyn CanonicalSource,
) {
    let Some(map) = statement.as_object_mut() else {
        return;
    };
    if let Some(Value::Object(verb)) = map.get_mut("verb") {
        let id = verb.get("id").and_then(Value::as_str).map(str::to_owned);
        if let Some(display) = id.and_then(|id| canonical.verb_display(&id)) {
            verb.insert("display".into(), display);
        }
        if let Some(display) = verb.get_mut("display") {
            accept.filter_map(display);
        }
    }
    if let Some(object) = map.get_mut("object") {
        match object.get("objectType").and_then(Value::as_str) {
            Some("SubStatement") => canonical_statement(object, accept, canonical),
            None | Some("Activity") => canonical_activity(object, accept, canonical),
            _ => {}
        }
    }
    if let Some(Value::Object(context)) = map.get_mut("context") {
        for activity in context_activities(context) {
            canonical_activity(activity, accept, canonical);
        }
    }
}

fn canonical_activity(
    activity: &mut Value,
    accept: &AcceptLanguage,
    canonical: &dyn CanonicalSource,
) {
    let Some(map) = activity.as_object_mut() else {
        return;
    };
    let id = map.get("id").and_then(Value::as_str).map(str::to_owned);
    if let Some(definition) = id.and_then(|id| canonical.activity_definition(&id)) {
        map.insert("definition".into(), definition);
    }
    let Some(Value::Object(definition)) = map.get_mut("definition") else {
        return;
    };
    for key in ["name", "description"] {
        if let Some(language_map) = definition.get_mut(key) {
            accept.filter_map(language_map);
        }
    }
    for list in INTERACTION_LISTS {
        if let Some(Value::Array(components)) = definition.get_mut(list) {
            for component in components {
                if let Some(description) = component.get_mut("description") {
                    accept.filter_map(description);
                }
            }
        }
    }
}

/// Every Activity under `context.contextActivities` (single objects and arrays alike).
fn context_activities(context: &mut Map<String, Value>) -> Vec<&mut Value> {
    let mut out = Vec::new();
    if let Some(Value::Object(kinds)) = context.get_mut("contextActivities") {
        for value in kinds.values_mut() {
            match value {
                Value::Array(items) => out.extend(items.iter_mut()),
                single => out.push(single),
            }
        }
    }
    out
}

fn keep(value: &mut Value, keys: &[&str]) {
    if let Value::Object(map) = value {
        map.retain(|key, _| keys.contains(&key.as_str()));
    }
}
