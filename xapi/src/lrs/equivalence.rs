//! Statement comparison: are two statements "logically equivalent"? (xAPI 1.0.3 Data §2.3.1)
//!
//! Used for `409 Conflict` detection (a statement id already stored with a different statement,
//! Communication §2.1.1/§2.1.2) and for signed statements (the JWS payload against the received statement,
//! Data §2.6). Differences that the immutability exceptions of Data §2.3.1 allow are ignored; every other
//! difference counts:
//!
//! | what | how it is compared |
//! |---|---|
//! | `stored`, `authority` | ignored (the LRS overwrites them) |
//! | `id`, `timestamp`, `version` | ignored when one side lacks them (the LRS may assign them); otherwise compared (`id` case-insensitively) |
//! | `timestamp` (statement and SubStatement) | as instants at millisecond precision (zone and finer digits ignored) |
//! | verb | `id` only (`display` is not part of the statement) |
//! | Activities (object, context activities) | `id` only (the definition is not part of the statement); `objectType` absent = `Activity` |
//! | Agents and Groups | `objectType` absent = `Agent`; `mbox` domain and `mailto:` case-insensitive; `mbox_sha1sum` hex case-insensitive; Group `member` order ignored |
//! | `contextActivities` | a single Activity equals a one-element array |
//! | UUIDs (`registration`, StatementRef `id`) | case-insensitively |
//! | `attachments` | ignored ("not part of statements"), unless [`EquivalenceOptions::compare_attachments`] |
//! | `result.duration` | as a string (1.0.3: "Result Duration is considered a string"); with [`EquivalenceOptions::durations_at_hundredths`] (2.0) designator by designator, seconds truncated to hundredths |
//! | numbers | by value (`1` = `1.0`); object key order never matters |
//!
//! # Example
//!
//! ```
//! use learnwire_xapi::equivalence::statements_equivalent;
//! use serde_json::json;
//!
//! let sent = json!({"actor": {"mbox": "mailto:Ann@Example.COM"},
//!                   "verb": {"id": "http://x/v", "display": {"en": "did"}},
//!                   "object": {"id": "http://x/a"}, "timestamp": "2024-01-01T12:00:00+02:00"});
//! let stored = json!({"id": "9e0a64f5-6fbb-4d7f-9c9b-5c1a2a1b3c4d", "actor": {"objectType": "Agent", "mbox": "mailto:Ann@example.com"},
//!                     "verb": {"id": "http://x/v"}, "object": {"objectType": "Activity", "id": "http://x/a"},
//!                     "timestamp": "2024-01-01T10:00:00.000Z", "stored": "2024-01-02T00:00:00Z", "version": "1.0.0"});
//! assert!(statements_equivalent(&sent, &stored));
//! ```

use chrono::{DateTime, SecondsFormat, Utc};
use serde_json::{Map, Value};

/// Options of [`statements_equivalent_with`].
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct EquivalenceOptions {
    /// Compare the `attachments` arrays too (their metadata, in order). Off by default, as Data §2.3.1
    /// says attachments are not part of statements; signature checks turn it on so that no attachment can
    /// be swapped under a signature.
    pub compare_attachments: bool,
    /// xAPI 2.0: compare `result.duration` designator by designator with seconds truncated to hundredths
    /// (`PT1.239S` = `PT1.23S`, but still `PT2M` ≠ `PT120S`). Off: compared as strings (1.0.3).
    pub durations_at_hundredths: bool,
}

impl EquivalenceOptions {
    /// The default options (attachments ignored).
    pub fn new() -> Self {
        Self::default()
    }

    /// The options for a statement exchanged under `version` (2.0 turns on
    /// [`durations_at_hundredths`](Self::durations_at_hundredths)).
    pub fn for_version(version: crate::XapiVersion) -> Self {
        Self {
            durations_at_hundredths: version == crate::XapiVersion::V2_0_0,
            ..Self::default()
        }
    }

    /// These options with [`durations_at_hundredths`](Self::durations_at_hundredths) set.
    #[must_use]
    pub fn with_durations_at_hundredths(mut self, truncate: bool) -> Self {
        self.durations_at_hundredths = truncate;
        self
    }

    /// These options with [`compare_attachments`](Self::compare_attachments) set.
    #[must_use]
    pub fn with_attachments(mut self, compare: bool) -> Self {
        self.compare_attachments = compare;
        self
    }
}

/// Whether `a` and `b` are logically equivalent statements (Data §2.3.1), with default options.
///
/// Both are JSON statements as received or stored; they need not be valid (invalid parts compare as JSON).
pub fn statements_equivalent(a: &Value, b: &Value) -> bool {
    statements_equivalent_with(a, b, EquivalenceOptions::default())
}

/// Whether `a` and `b` are logically equivalent statements (Data §2.3.1), with `options`.
pub fn statements_equivalent_with(a: &Value, b: &Value, options: EquivalenceOptions) -> bool {
    let (Some(a), Some(b)) = (a.as_object(), b.as_object()) else {
        return json_equal(a, b);
    };
    let mut a = a.clone();
    let mut b = b.clone();
    for key in ["stored", "authority"] {
        a.remove(key);
        b.remove(key);
    }
    for key in ["id", "timestamp", "version"] {
        if !(a.contains_key(key) && b.contains_key(key)) {
            a.remove(key);
            b.remove(key);
        }
    }
    if !options.compare_attachments {
        a.remove("attachments");
        b.remove("attachments");
    }
    if options.durations_at_hundredths {
        for map in [&mut a, &mut b] {
            truncate_duration(map);
        }
    }
    json_equal(&statement(&a), &statement(&b))
}

/// Typed variant of [`statements_equivalent_with`], for statements of the crate's model.
pub fn typed_statements_equivalent(
    a: &crate::Statement,
    b: &crate::Statement,
    options: EquivalenceOptions,
) -> bool {
    match (serde_json::to_value(a), serde_json::to_value(b)) {
        (Ok(a), Ok(b)) => statements_equivalent_with(&a, &b, options),
        _ => false,
    }
}

/// Replaces `result.duration` (top level and in a SubStatement) by its designators, seconds truncated
/// to hundredths; unparseable durations are left as text.
fn truncate_duration(map: &mut Map<String, Value>) {
    if let Some(Value::Object(result)) = map.get_mut("result")
        && let Some(Value::String(text)) = result.get("duration")
        && let Ok(duration) = crate::types::Duration::parse(text.as_str())
    {
        let parts = duration.components();
        let hundredths = (parts.seconds * 100.0).trunc();
        let normalized = serde_json::json!([
            parts.years,
            parts.months,
            parts.weeks,
            parts.days,
            parts.hours,
            parts.minutes,
            hundredths
        ]);
        result.insert("duration".into(), normalized);
    }
    if let Some(Value::Object(object)) = map.get_mut("object")
        && object.get("objectType").and_then(Value::as_str) == Some("SubStatement")
    {
        truncate_duration(object);
    }
}

/// The canonical form of a statement or SubStatement object used for comparison.
fn statement(map: &Map<String, Value>) -> Value {
    let mut out = Map::new();
    for (key, value) in map {
        let normalized = match key.as_str() {
            "id" => lowercase(value),
            "timestamp" => instant(value),
            "actor" => agent(value),
            "verb" => keep_only(value, &["id"]),
            "object" => object(value),
            "context" => context(value),
            _ => value.clone(),
        };
        out.insert(key.clone(), normalized);
    }
    Value::Object(out)
}

fn object(value: &Value) -> Value {
    let Some(map) = value.as_object() else {
        return value.clone();
    };
    match map
        .get("objectType")
        .and_then(Value::as_str)
        .unwrap_or("Activity")
    {
        "Activity" => activity(value),
        "Agent" | "Group" => agent(value),
        "StatementRef" => {
            let mut out = map.clone();
            if let Some(id) = map.get("id") {
                out.insert("id".into(), lowercase(id));
            }
            Value::Object(out)
        }
        "SubStatement" => statement(map),
        _ => value.clone(),
    }
}

fn activity(value: &Value) -> Value {
    let Some(map) = value.as_object() else {
        return value.clone();
    };
    let mut out = Map::new();
    out.insert("objectType".into(), Value::String("Activity".into()));
    if let Some(id) = map.get("id") {
        out.insert("id".into(), id.clone());
    }
    Value::Object(out)
}

fn agent(value: &Value) -> Value {
    let Some(map) = value.as_object() else {
        return value.clone();
    };
    let mut out = map.clone();
    if !out.contains_key("objectType") {
        out.insert("objectType".into(), Value::String("Agent".into()));
    }
    if let Some(Value::String(mbox)) = map.get("mbox") {
        out.insert("mbox".into(), Value::String(normalize_mbox(mbox)));
    }
    if let Some(sum) = map.get("mbox_sha1sum") {
        out.insert("mbox_sha1sum".into(), lowercase(sum));
    }
    if let Some(Value::Array(members)) = map.get("member") {
        let mut normalized: Vec<Value> = members.iter().map(agent).collect();
        normalized.sort_by_cached_key(|member| serde_json::to_string(member).unwrap_or_default());
        out.insert("member".into(), Value::Array(normalized));
    }
    Value::Object(out)
}

fn context(value: &Value) -> Value {
    let Some(map) = value.as_object() else {
        return value.clone();
    };
    let mut out = map.clone();
    if let Some(registration) = map.get("registration") {
        out.insert("registration".into(), lowercase(registration));
    }
    for key in ["instructor", "team"] {
        if let Some(who) = map.get(key) {
            out.insert(key.into(), agent(who));
        }
    }
    if let Some(Value::Object(statement_ref)) = map.get("statement") {
        let mut reference = statement_ref.clone();
        if let Some(id) = statement_ref.get("id") {
            reference.insert("id".into(), lowercase(id));
        }
        out.insert("statement".into(), Value::Object(reference));
    }
    if let Some(Value::Object(activities)) = map.get("contextActivities") {
        let mut normalized = Map::new();
        for (kind, list) in activities {
            let list = match list {
                Value::Array(items) => items.iter().map(activity).collect(),
                single @ Value::Object(_) => vec![activity(single)],
                other => vec![other.clone()],
            };
            normalized.insert(kind.clone(), Value::Array(list));
        }
        out.insert("contextActivities".into(), Value::Object(normalized));
    }
    for (key, inner) in [("contextAgents", "agent"), ("contextGroups", "group")] {
        if let Some(Value::Array(items)) = map.get(key) {
            let items = items
                .iter()
                .map(|item| match item {
                    Value::Object(entry) => {
                        let mut entry = entry.clone();
                        if let Some(who) = entry.get(inner).map(agent) {
                            entry.insert(inner.into(), who);
                        }
                        Value::Object(entry)
                    }
                    other => other.clone(),
                })
                .collect();
            out.insert(key.into(), Value::Array(items));
        }
    }
    Value::Object(out)
}

fn keep_only(value: &Value, keys: &[&str]) -> Value {
    match value {
        Value::Object(map) => Value::Object(
            map.iter()
                .filter(|(key, _)| keys.contains(&key.as_str()))
                .map(|(key, value)| (key.clone(), value.clone()))
                .collect(),
        ),
        other => other.clone(),
    }
}

fn lowercase(value: &Value) -> Value {
    match value {
        Value::String(text) => Value::String(text.to_ascii_lowercase()),
        other => other.clone(),
    }
}

/// `mailto:` and the domain are case-insensitive; the local part is kept as sent.
fn normalize_mbox(mbox: &str) -> String {
    let Some((scheme, rest)) = mbox.split_once(':') else {
        return mbox.to_owned();
    };
    match rest.rsplit_once('@') {
        Some((local, domain)) => format!(
            "{}:{local}@{}",
            scheme.to_ascii_lowercase(),
            domain.to_ascii_lowercase()
        ),
        None => format!("{}:{rest}", scheme.to_ascii_lowercase()),
    }
}

/// A timestamp as its UTC instant truncated to milliseconds; unparseable text is kept as is.
fn instant(value: &Value) -> Value {
    let Some(text) = value.as_str() else {
        return value.clone();
    };
    match DateTime::parse_from_rfc3339(text) {
        Ok(time) => {
            let utc = time.with_timezone(&Utc);
            let millis = utc.timestamp_millis();
            match DateTime::<Utc>::from_timestamp_millis(millis) {
                Some(truncated) => {
                    Value::String(truncated.to_rfc3339_opts(SecondsFormat::Millis, true))
                }
                None => value.clone(),
            }
        }
        Err(_) => value.clone(),
    }
}

/// JSON equality where numbers compare by value (`1` equals `1.0`).
pub(crate) fn json_equal(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => {
            x == y || matches!((x.as_f64(), y.as_f64()), (Some(p), Some(q)) if p == q)
        }
        (Value::Array(x), Value::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(p, q)| json_equal(p, q))
        }
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len()
                && x.iter()
                    .all(|(key, p)| y.get(key).is_some_and(|q| json_equal(p, q)))
        }
        _ => a == b,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn numbers_by_value() {
        assert!(json_equal(&json!({"a": [1, 2.0]}), &json!({"a": [1.0, 2]})));
        assert!(!json_equal(&json!(1), &json!("1")));
    }

    #[test]
    fn mbox_domain_only() {
        assert_eq!(
            normalize_mbox("MAILTO:Ann@Example.Com"),
            "mailto:Ann@example.com"
        );
        assert_ne!(
            normalize_mbox("mailto:ann@x.org"),
            normalize_mbox("mailto:Ann@x.org")
        );
    }
}
