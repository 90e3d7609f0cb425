//! A borrowed JSON tree for validation: strings point into the request body when they have no
//! escapes, objects are small vectors (statements have few keys per object), so reading a
//! statement costs little more than scanning it. `serde_json::Value`s are viewed through the same
//! type by [`Node::from_value`].

use std::borrow::Cow;

use serde_json::Value;

/// One JSON value.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Node<'a> {
    Null,
    Bool(bool),
    /// Every number as a double (validation never needs more).
    Number(f64),
    String(Cow<'a, str>),
    Array(Vec<Node<'a>>),
    Object(Object<'a>),
}

/// A JSON object with unique keys, in document order.
#[derive(Clone, Debug, Default, PartialEq)]
pub(crate) struct Object<'a> {
    entries: Vec<(Cow<'a, str>, Node<'a>)>,
}

impl<'a> Node<'a> {
    /// Views a `serde_json::Value` (strings borrowed).
    pub(crate) fn from_value(value: &'a Value) -> Self {
        match value {
            Value::Null => Node::Null,
            Value::Bool(flag) => Node::Bool(*flag),
            Value::Number(number) => Node::Number(number.as_f64().unwrap_or(f64::NAN)),
            Value::String(text) => Node::String(Cow::Borrowed(text)),
            Value::Array(items) => Node::Array(items.iter().map(Node::from_value).collect()),
            Value::Object(map) => Node::Object(Object {
                entries: map
                    .iter()
                    .map(|(key, value)| (Cow::Borrowed(key.as_str()), Node::from_value(value)))
                    .collect(),
            }),
        }
    }

    pub(crate) fn as_str(&self) -> Option<&str> {
        match self {
            Node::String(text) => Some(text),
            _ => None,
        }
    }

    pub(crate) fn as_f64(&self) -> Option<f64> {
        match self {
            Node::Number(number) => Some(*number),
            _ => None,
        }
    }

    pub(crate) fn as_object(&self) -> Option<&Object<'a>> {
        match self {
            Node::Object(object) => Some(object),
            _ => None,
        }
    }

    pub(crate) fn is_null(&self) -> bool {
        matches!(self, Node::Null)
    }

    pub(crate) fn is_boolean(&self) -> bool {
        matches!(self, Node::Bool(_))
    }

    /// The property `key` when this is an object.
    pub(crate) fn get(&self, key: &str) -> Option<&Node<'a>> {
        self.as_object().and_then(|object| object.get(key))
    }

    /// A human name of the JSON type, for messages.
    pub(crate) fn type_name(&self) -> &'static str {
        match self {
            Node::Null => "null",
            Node::Bool(_) => "a boolean",
            Node::Number(_) => "a number",
            Node::String(_) => "a string",
            Node::Array(_) => "an array",
            Node::Object(_) => "an object",
        }
    }
}

/// Objects at or below this size find repeated keys by a linear scan; larger ones use an index.
const LINEAR_KEYS: usize = 24;

impl<'a> Object<'a> {
    /// Builds an object from entries in document order; a repeated key keeps its last value (as
    /// serde_json does). Returns the object and the repeated keys.
    pub(crate) fn from_entries(
        entries: Vec<(Cow<'a, str>, Node<'a>)>,
    ) -> (Self, Vec<Cow<'a, str>>) {
        let mut unique: Vec<(Cow<'a, str>, Node<'a>)> = Vec::with_capacity(entries.len());
        let mut repeated = Vec::new();
        if entries.len() <= LINEAR_KEYS {
            for (key, value) in entries {
                match unique.iter_mut().find(|(seen, _)| *seen == key) {
                    Some(slot) => {
                        slot.1 = value;
                        repeated.push(key);
                    }
                    None => unique.push((key, value)),
                }
            }
        } else {
            let mut index: std::collections::BTreeMap<Cow<'a, str>, usize> =
                std::collections::BTreeMap::new();
            for (key, value) in entries {
                match index.get(&key) {
                    Some(at) => {
                        if let Some(slot) = unique.get_mut(*at) {
                            slot.1 = value;
                        }
                        repeated.push(key);
                    }
                    None => {
                        index.insert(key.clone(), unique.len());
                        unique.push((key, value));
                    }
                }
            }
        }
        (Self { entries: unique }, repeated)
    }

    pub(crate) fn get(&self, key: &str) -> Option<&Node<'a>> {
        self.entries
            .iter()
            .find(|(name, _)| name.as_ref() == key)
            .map(|(_, value)| value)
    }

    pub(crate) fn contains_key(&self, key: &str) -> bool {
        self.get(key).is_some()
    }

    pub(crate) fn keys(&self) -> impl Iterator<Item = &str> {
        self.entries.iter().map(|(key, _)| key.as_ref())
    }

    pub(crate) fn iter(&self) -> impl Iterator<Item = (&str, &Node<'a>)> {
        self.entries
            .iter()
            .map(|(key, value)| (key.as_ref(), value))
    }

    pub(crate) fn len(&self) -> usize {
        self.entries.len()
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn repeated_keys_keep_the_last_value_in_small_and_large_objects() {
        for size in [3usize, 100] {
            let mut entries: Vec<(Cow<'static, str>, Node<'static>)> = (0..size)
                .map(|at| (Cow::Owned(format!("k{at}")), Node::Number(at as f64)))
                .collect();
            entries.push((Cow::Borrowed("k1"), Node::Bool(true)));
            let (object, repeated) = Object::from_entries(entries);
            assert_eq!(object.len(), size);
            assert_eq!(object.get("k1"), Some(&Node::Bool(true)));
            assert_eq!(repeated, vec![Cow::Borrowed("k1")]);
        }
    }

    #[test]
    fn views_values() {
        let value = serde_json::json!({"a": [1, "x", null, {"b": true}]});
        let node = Node::from_value(&value);
        let items = match node.get("a") {
            Some(Node::Array(items)) => items,
            other => panic!("{other:?}"),
        };
        assert_eq!(items.len(), 4);
        assert_eq!(items[1].as_str(), Some("x"));
        assert!(items[3].get("b").is_some_and(Node::is_boolean));
    }
}
