//! A borrowed JSON tree for validation: strings point into the request body when they have no
//! escapes, objects are small vectors (statements have few keys per object), so reading a
//! statement costs little more than scanning it. `serde_json::Value`s are viewed through the same
//! type by [`Node::from_value`].

mod decimal;

use std::borrow::Cow;
use std::cmp::Ordering;
use std::collections::BTreeMap;

use serde_json::Value;

/// One JSON value.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Node<'a> {
    Null,
    Bool(bool),
    /// A number as a double (enough for every check but score ranges).
    Number(f64),
    /// A number with its text from the input (the properties of a score, see [`crate::json`]):
    /// the double, and the text for exact comparisons.
    NumberText(f64, &'a str),
    /// A number of a `serde_json::Value` (exact as it stands: an integer or a double).
    JsonNumber(&'a serde_json::Number),
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
            Value::Number(number) => Node::JsonNumber(number),
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
            Node::Number(number) | Node::NumberText(number, _) => Some(*number),
            Node::JsonNumber(number) => Some(number.as_f64().unwrap_or(f64::NAN)),
            _ => None,
        }
    }

    /// The number's exact decimal value as text: the input's own text when it was kept, an
    /// integer's digits, or a double's full binary expansion. `None` when this is not a number.
    pub(crate) fn exact_decimal(&self) -> Option<Cow<'a, str>> {
        match self {
            Node::NumberText(_, text) => Some(Cow::Borrowed(*text)),
            Node::JsonNumber(number) => Some(match (number.as_u64(), number.as_i64()) {
                (Some(unsigned), _) => Cow::Owned(unsigned.to_string()),
                (None, Some(signed)) => Cow::Owned(signed.to_string()),
                (None, None) => Cow::Owned(decimal::exact_f64(number.as_f64().unwrap_or(f64::NAN))),
            }),
            Node::Number(number) => Some(Cow::Owned(decimal::exact_f64(*number))),
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
            Node::Number(_) | Node::NumberText(..) | Node::JsonNumber(_) => "a number",
            Node::String(_) => "a string",
            Node::Array(_) => "an array",
            Node::Object(_) => "an object",
        }
    }
}

/// Compares two numbers exactly (their decimal values, not their nearest doubles). `None` when one
/// is not a number.
pub(crate) fn compare_numbers(a: &Node<'_>, b: &Node<'_>) -> Option<Ordering> {
    let (left, right) = (a.exact_decimal()?, b.exact_decimal()?);
    decimal::compare(&left, &right).or_else(|| a.as_f64()?.partial_cmp(&b.as_f64()?))
}

/// Objects at or below this size find repeated keys by a linear scan; larger ones use an index.
const LINEAR_KEYS: usize = 24;

/// Builds an [`Object`] entry by entry, keeping keys unique.
#[derive(Debug, Default)]
pub(crate) struct ObjectBuilder<'a> {
    entries: Vec<(Cow<'a, str>, Node<'a>)>,
    /// Key positions, built once the object outgrows a linear scan.
    index: Option<BTreeMap<Cow<'a, str>, usize>>,
}

impl<'a> ObjectBuilder<'a> {
    /// An empty builder with room for `capacity` entries.
    pub(crate) fn with_capacity(capacity: usize) -> Self {
        Self {
            entries: Vec::with_capacity(capacity),
            index: None,
        }
    }

    /// Adds an entry; a repeated key keeps its last value (as serde_json does) and is returned.
    pub(crate) fn push(&mut self, key: Cow<'a, str>, value: Node<'a>) -> Option<Cow<'a, str>> {
        let found = match &self.index {
            Some(index) => index.get(&key).copied(),
            None => self.entries.iter().position(|(seen, _)| *seen == key),
        };
        if let Some(at) = found {
            if let Some(slot) = self.entries.get_mut(at) {
                slot.1 = value;
            }
            return Some(key);
        }
        if let Some(index) = &mut self.index {
            index.insert(key.clone(), self.entries.len());
        } else if self.entries.len() >= LINEAR_KEYS {
            let mut index: BTreeMap<Cow<'a, str>, usize> = self
                .entries
                .iter()
                .enumerate()
                .map(|(at, (name, _))| (name.clone(), at))
                .collect();
            index.insert(key.clone(), self.entries.len());
            self.index = Some(index);
        }
        self.entries.push((key, value));
        None
    }

    pub(crate) fn finish(self) -> Object<'a> {
        Object {
            entries: self.entries,
        }
    }
}

impl<'a> Object<'a> {
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
            let mut builder = ObjectBuilder::default();
            let mut repeated = Vec::new();
            for at in 0..size {
                repeated
                    .extend(builder.push(Cow::Owned(format!("k{at}")), Node::Number(at as f64)));
            }
            repeated.extend(builder.push(Cow::Borrowed("k1"), Node::Bool(true)));
            let object = builder.finish();
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
