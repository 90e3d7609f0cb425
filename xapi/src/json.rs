//! Strict JSON reading: a borrowed [`Node`] tree built by our own visitor, so duplicate keys are
//! caught (serde_json keeps the last one silently) and nesting is capped by [`Limits::depth`].

use std::borrow::Cow;
use std::fmt;

use learnwire_report::{JsonPointer, Location, Report, quote};
use serde::de::{self, DeserializeSeed, MapAccess, SeqAccess, Visitor};
use serde_json::value::RawValue;

use crate::node::{Node, ObjectBuilder};
use crate::path::Path;
use crate::{Limits, Rule};

const DEPTH_MARKER: &str = "learnwire: depth limit";
const BATCH_MARKER: &str = "learnwire: batch limit";

/// One JSON document read strictly.
#[derive(Debug)]
pub(crate) struct Strict<'a> {
    /// The tree (for duplicate keys, the last value).
    pub(crate) value: Node<'a>,
    /// Pointers of repeated keys.
    pub(crate) duplicates: Vec<JsonPointer>,
}

/// Why a document could not be read.
#[derive(Debug)]
pub(crate) struct ReadError {
    pub(crate) rule: Rule,
    pub(crate) message: String,
}

impl ReadError {
    pub(crate) fn report_into(&self, report: &mut Report) {
        report.error(
            self.rule.code(),
            Location::json(JsonPointer::root()),
            self.message.clone(),
        );
    }
}

/// Reads one JSON document (any value) with duplicate-key detection.
pub(crate) fn read<'a>(text: &'a [u8], limits: &Limits) -> Result<Strict<'a>, ReadError> {
    let mut context = Context {
        duplicates: Vec::new(),
        depth: 0,
        max_depth: limits.depth,
    };
    let mut deserializer = serde_json::Deserializer::from_slice(text);
    let seed = ValueSeed {
        context: &mut context,
        path: Path::Root,
    };
    let value = seed
        .deserialize(&mut deserializer)
        .and_then(|value| deserializer.end().map(|()| value))
        .map_err(|error| classify(&error, limits))?;
    Ok(Strict {
        value,
        duplicates: context.duplicates,
    })
}

/// Splits a top-level array into its raw elements, refusing more than `limits.batch_statements`
/// before building anything.
pub(crate) fn split_batch<'a>(
    text: &'a [u8],
    limits: &Limits,
) -> Result<Vec<&'a RawValue>, ReadError> {
    let mut deserializer = serde_json::Deserializer::from_slice(text);
    let elements = de::Deserializer::deserialize_seq(
        &mut deserializer,
        BatchVisitor {
            max: limits.batch_statements,
        },
    )
    .and_then(|elements| deserializer.end().map(|()| elements))
    .map_err(|error| classify(&error, limits))?;
    Ok(elements)
}

fn classify(error: &serde_json::Error, limits: &Limits) -> ReadError {
    let text = error.to_string();
    let (rule, message) = if text.contains(DEPTH_MARKER) || text.contains("recursion limit") {
        (
            Rule::LimitDepth,
            format!("nesting deeper than {} levels", limits.depth),
        )
    } else if text.contains(BATCH_MARKER) {
        (
            Rule::LimitBatch,
            format!(
                "a batch holds at most {} statements",
                limits.batch_statements
            ),
        )
    } else if text.contains("number out of range") {
        (
            Rule::JsonNumberRange,
            format!(
                "a number is out of range at line {} column {}",
                error.line(),
                error.column()
            ),
        )
    } else {
        (
            Rule::JsonMalformed,
            format!("the body is not valid JSON: {}", quote(&text)),
        )
    };
    ReadError { rule, message }
}

struct Context {
    duplicates: Vec<JsonPointer>,
    depth: usize,
    max_depth: usize,
}

struct ValueSeed<'c, 'p> {
    context: &'c mut Context,
    path: Path<'p>,
}

impl<'de> DeserializeSeed<'de> for ValueSeed<'_, '_> {
    type Value = Node<'de>;

    fn deserialize<D: de::Deserializer<'de>>(self, deserializer: D) -> Result<Node<'de>, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for ValueSeed<'_, '_> {
    type Value = Node<'de>;

    fn expecting(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str("any JSON value")
    }

    fn visit_bool<E>(self, value: bool) -> Result<Node<'de>, E> {
        Ok(Node::Bool(value))
    }

    fn visit_i64<E>(self, value: i64) -> Result<Node<'de>, E> {
        Ok(Node::Number(value as f64))
    }

    fn visit_u64<E>(self, value: u64) -> Result<Node<'de>, E> {
        Ok(Node::Number(value as f64))
    }

    fn visit_f64<E: de::Error>(self, value: f64) -> Result<Node<'de>, E> {
        if value.is_finite() {
            Ok(Node::Number(value))
        } else {
            Err(E::custom("number out of range"))
        }
    }

    fn visit_borrowed_str<E>(self, value: &'de str) -> Result<Node<'de>, E> {
        Ok(Node::String(Cow::Borrowed(value)))
    }

    fn visit_str<E>(self, value: &str) -> Result<Node<'de>, E> {
        Ok(Node::String(Cow::Owned(value.to_owned())))
    }

    fn visit_string<E>(self, value: String) -> Result<Node<'de>, E> {
        Ok(Node::String(Cow::Owned(value)))
    }

    fn visit_unit<E>(self) -> Result<Node<'de>, E> {
        Ok(Node::Null)
    }

    fn visit_none<E>(self) -> Result<Node<'de>, E> {
        Ok(Node::Null)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Node<'de>, A::Error> {
        let context = self.context;
        enter(context)?;
        let mut items = Vec::new();
        loop {
            let path = self.path.index(items.len());
            let seed = ValueSeed {
                context: &mut *context,
                path,
            };
            match seq.next_element_seed(seed)? {
                Some(item) => items.push(item),
                None => break,
            }
        }
        context.depth = context.depth.saturating_sub(1);
        Ok(Node::Array(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut access: A) -> Result<Node<'de>, A::Error> {
        let context = self.context;
        enter(context)?;
        let mut object = ObjectBuilder::default();
        while let Some(key) = access.next_key_seed(KeySeed)? {
            let path = self.path.key(&key);
            let seed = ValueSeed {
                context: &mut *context,
                path,
            };
            let value = access.next_value_seed(seed)?;
            if let Some(key) = object.push(key, value) {
                context.duplicates.push(self.path.key(&key).pointer());
            }
        }
        context.depth = context.depth.saturating_sub(1);
        Ok(Node::Object(object.finish()))
    }
}

/// An object key, borrowed from the input when it has no escapes.
struct KeySeed;

impl<'de> DeserializeSeed<'de> for KeySeed {
    type Value = Cow<'de, str>;

    fn deserialize<D: de::Deserializer<'de>>(
        self,
        deserializer: D,
    ) -> Result<Cow<'de, str>, D::Error> {
        deserializer.deserialize_str(self)
    }
}

impl<'de> Visitor<'de> for KeySeed {
    type Value = Cow<'de, str>;

    fn expecting(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str("an object key")
    }

    fn visit_borrowed_str<E>(self, value: &'de str) -> Result<Cow<'de, str>, E> {
        Ok(Cow::Borrowed(value))
    }

    fn visit_str<E>(self, value: &str) -> Result<Cow<'de, str>, E> {
        Ok(Cow::Owned(value.to_owned()))
    }

    fn visit_string<E>(self, value: String) -> Result<Cow<'de, str>, E> {
        Ok(Cow::Owned(value))
    }
}

fn enter<E: de::Error>(context: &mut Context) -> Result<(), E> {
    context.depth = context.depth.saturating_add(1);
    if context.depth > context.max_depth {
        return Err(E::custom(DEPTH_MARKER));
    }
    Ok(())
}

struct BatchVisitor {
    max: usize,
}

impl<'de> Visitor<'de> for BatchVisitor {
    type Value = Vec<&'de RawValue>;

    fn expecting(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str("an array of statements")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element::<&'de RawValue>()? {
            if items.len() >= self.max {
                return Err(de::Error::custom(BATCH_MARKER));
            }
            items.push(item);
        }
        Ok(items)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_duplicate_keys_with_their_pointer() {
        let strict = read(
            br#"{"a":{"b":1,"b":2},"c":[{"d":1,"d":1}]}"#,
            &Limits::default(),
        )
        .unwrap();
        let found: Vec<&str> = strict.duplicates.iter().map(JsonPointer::as_str).collect();
        assert_eq!(found, ["/a/b", "/c/0/d"]);
    }

    #[test]
    fn caps_depth() {
        let limits = Limits {
            depth: 3,
            ..Limits::default()
        };
        assert!(read(b"[[[1]]]", &limits).is_ok());
        let error = read(b"[[[[1]]]]", &limits).unwrap_err();
        assert_eq!(error.rule, Rule::LimitDepth);
        let deep = "[".repeat(100_000);
        assert_eq!(
            read(deep.as_bytes(), &Limits::default()).unwrap_err().rule,
            Rule::LimitDepth
        );
    }

    #[test]
    fn classifies_bad_numbers_and_syntax() {
        assert_eq!(
            read(b"1e400", &Limits::default()).unwrap_err().rule,
            Rule::JsonNumberRange
        );
        assert_eq!(
            read(b"NaN", &Limits::default()).unwrap_err().rule,
            Rule::JsonMalformed
        );
        assert_eq!(
            read(b"{} x", &Limits::default()).unwrap_err().rule,
            Rule::JsonMalformed
        );
        assert_eq!(
            read(br#""\ud800""#, &Limits::default()).unwrap_err().rule,
            Rule::JsonMalformed
        );
    }

    #[test]
    fn batch_limit_stops_early() {
        let limits = Limits {
            batch_statements: 2,
            ..Limits::default()
        };
        assert_eq!(split_batch(b"[{},{}]", &limits).unwrap().len(), 2);
        assert_eq!(
            split_batch(b"[{},{},{}]", &limits).unwrap_err().rule,
            Rule::LimitBatch
        );
    }
}
