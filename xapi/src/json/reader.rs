//! Strict JSON reading: a borrowed [`Node`] tree built by our own visitor, so duplicate keys are
//! caught (serde_json keeps the last one silently) and nesting is capped by [`Limits::max_depth`]
//! exactly (serde_json's own recursion limit, one level lower, is off: this visitor counts).
//!
//! Hostile input may repeat keys by the thousand under long ancestor keys: the reader records the
//! pointers of at most as many duplicates as the report can keep, each at most
//! [`Limits::max_pointer_bytes`] long, and only counts the others.
//!
//! The numbers of `score` (`/result/score/*`, and in a SubStatement `/object/result/score/*`) keep
//! their text, so that range checks compare the decimals exactly rather than their nearest doubles.

use std::borrow::Cow;
use std::fmt;

use learnwire_report::{JsonPointer, Location, Report, quote};
use serde::Deserialize;
use serde::de::{self, DeserializeSeed, MapAccess, SeqAccess, Visitor};
use serde_json::value::RawValue;

use super::node::{Node, ObjectBuilder};
use super::path::{Bounded, Path};
use crate::{Limits, Rule};

const DEPTH_MARKER: &str = "learnwire: depth limit";
const BATCH_MARKER: &str = "learnwire: batch limit";

/// One JSON document read strictly.
#[derive(Debug)]
pub(crate) struct Strict<'a> {
    /// The tree (for duplicate keys, the last value).
    pub(crate) value: Node<'a>,
    /// Pointers of the first repeated keys (at most the `record` given to [`read`]).
    pub(crate) duplicates: Vec<Bounded>,
    /// Repeated keys found past that, counted only.
    pub(crate) more_duplicates: usize,
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

/// Reads one JSON document (any value) with duplicate-key detection, recording the pointers of
/// at most `record` repeated keys (the others are counted).
pub(crate) fn read<'a>(
    text: &'a [u8],
    limits: &Limits,
    record: usize,
) -> Result<Strict<'a>, ReadError> {
    let mut context = Context {
        duplicates: Vec::new(),
        more_duplicates: 0,
        record,
        pointer_bytes: limits.max_pointer_bytes(),
        depth: 0,
        max_depth: limits.effective_depth(),
    };
    // UTF-8 is checked once over the whole document, and serde_json then reads it as text, which skips
    // its own check of each string. A document that is not UTF-8 is read as bytes exactly as before, so
    // its error (and where serde_json stops) is unchanged.
    let value = match std::str::from_utf8(text) {
        Ok(text) => read_with(serde_json::Deserializer::from_str(text), &mut context),
        Err(_) => read_with(serde_json::Deserializer::from_slice(text), &mut context),
    }
    .map_err(|error| classify(&error, limits))?;
    Ok(Strict {
        value,
        duplicates: context.duplicates,
        more_duplicates: context.more_duplicates,
    })
}

/// Reads one document with the strict visitor, refusing trailing data.
fn read_with<'a, R: serde_json::de::Read<'a>>(
    mut deserializer: serde_json::Deserializer<R>,
    context: &mut Context,
) -> Result<Node<'a>, serde_json::Error> {
    deserializer.disable_recursion_limit();
    let seed = ValueSeed {
        context,
        path: Path::Root,
    };
    let value = seed.deserialize(&mut deserializer)?;
    deserializer.end()?;
    Ok(value)
}

/// Deserializes a typed value from bytes that [`read`] (or the body validator) already accepted.
///
/// serde_json's own recursion limit stops one level short of [`Limits::max_depth`]'s default, so it is
/// turned off here: the strict reader has already bounded the depth (a batch adds one level).
pub(crate) fn from_checked_slice<'a, T: Deserialize<'a>>(
    bytes: &'a [u8],
) -> Result<T, serde_json::Error> {
    let mut deserializer = serde_json::Deserializer::from_slice(bytes);
    deserializer.disable_recursion_limit();
    let value = T::deserialize(&mut deserializer)?;
    deserializer.end()?;
    Ok(value)
}

/// The deepest nesting of arrays and objects in `text`, counted without recursion (brackets inside
/// strings skipped), stopping as soon as it passes `stop`. For well-formed JSON this is the depth the
/// readers would meet; on malformed input it is an estimate, and the reader that follows refuses the
/// input anyway.
pub(crate) fn nesting_depth(text: &[u8], stop: usize) -> usize {
    let mut depth = 0usize;
    let mut deepest = 0usize;
    let mut in_string = false;
    let mut escaped = false;
    for &byte in text {
        if in_string {
            if escaped {
                escaped = false;
            } else if byte == b'\\' {
                escaped = true;
            } else if byte == b'"' {
                in_string = false;
            }
            continue;
        }
        match byte {
            b'"' => in_string = true,
            b'[' | b'{' => {
                depth = depth.saturating_add(1);
                if depth > deepest {
                    deepest = depth;
                    if deepest > stop {
                        break;
                    }
                }
            }
            b']' | b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    deepest
}

/// Reads a `serde_json::Value` whose nesting is at most `max_depth` levels (checked first, without
/// recursion; serde_json's own limit of 127 is off, so exactly `max_depth` levels are read). Duplicate
/// keys are not refused here (the last one wins, as in serde_json): callers that need them refused
/// validate the same bytes with [`read`].
pub(crate) fn read_value_within_depth(
    text: &[u8],
    max_depth: usize,
) -> Result<serde_json::Value, String> {
    if nesting_depth(text, max_depth) > max_depth {
        return Err(format!("nesting deeper than {max_depth} levels"));
    }
    from_checked_slice(text).map_err(|error| error.to_string())
}

/// Splits a top-level array into its raw elements, refusing more than `limits.max_batch_statements()`
/// before building anything.
pub(crate) fn split_batch<'a>(
    text: &'a [u8],
    limits: &Limits,
) -> Result<Vec<&'a RawValue>, ReadError> {
    let mut deserializer = serde_json::Deserializer::from_slice(text);
    let elements = de::Deserializer::deserialize_seq(
        &mut deserializer,
        BatchVisitor {
            max: limits.max_batch_statements(),
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
            format!("nesting deeper than {} levels", limits.effective_depth()),
        )
    } else if text.contains(BATCH_MARKER) {
        (
            Rule::LimitBatch,
            format!(
                "a batch holds at most {} statements",
                limits.max_batch_statements()
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
    duplicates: Vec<Bounded>,
    more_duplicates: usize,
    record: usize,
    pointer_bytes: usize,
    depth: usize,
    max_depth: usize,
}

impl Context {
    /// Notes a repeated key: its pointer while fewer than `record` are kept, a count after.
    fn duplicate(&mut self, at: &Path<'_>) {
        if self.duplicates.len() < self.record {
            self.duplicates.push(at.pointer_within(self.pointer_bytes));
        } else {
            self.more_duplicates = self.more_duplicates.saturating_add(1);
        }
    }
}

/// Entries an object's vector starts with: room for the properties of most statement objects
/// (an actor, a verb, an activity definition), so building one seldom moves it.
const OBJECT_CAPACITY: usize = 8;

/// The properties of a score whose numbers keep their text.
const SCORE_KEYS: &[&str] = &["scaled", "raw", "min", "max"];

/// True at `/result/score` and `/object/result/score` (a SubStatement's), where the numbers keep
/// their text.
fn is_score(path: &Path<'_>) -> bool {
    let Path::Key(result, "score") = path else {
        return false;
    };
    let Path::Key(parent, "result") = result else {
        return false;
    };
    matches!(parent, Path::Root | Path::Key(Path::Root, "object"))
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
        let mut object = ObjectBuilder::with_capacity(OBJECT_CAPACITY);
        let score = is_score(&self.path);
        while let Some(key) = access.next_key_seed(KeySeed)? {
            let path = self.path.key(&key);
            let value = if score && SCORE_KEYS.contains(&key.as_ref()) {
                let raw: &'de RawValue = access.next_value()?;
                with_text(raw, &mut *context, path)?
            } else {
                let seed = ValueSeed {
                    context: &mut *context,
                    path,
                };
                access.next_value_seed(seed)?
            };
            if let Some(key) = object.push(key, value) {
                context.duplicate(&self.path.key(&key));
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

/// Reads a value already delimited as raw text; a number keeps that text. Used for the four
/// properties of a score only, so each byte is read at most twice.
fn with_text<'de, E: de::Error>(
    raw: &'de RawValue,
    context: &mut Context,
    path: Path<'_>,
) -> Result<Node<'de>, E> {
    let text = raw.get();
    let mut deserializer = serde_json::Deserializer::from_str(text);
    deserializer.disable_recursion_limit();
    let node = ValueSeed { context, path }
        .deserialize(&mut deserializer)
        .and_then(|node| deserializer.end().map(|()| node))
        .map_err(E::custom)?;
    Ok(match node {
        Node::Number(value) => Node::NumberText(value, text),
        other => other,
    })
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
    fn text_that_is_not_utf8_is_refused_as_serde_json_refuses_its_bytes() {
        for bad in [
            &b"{\"a\":\"\xff\"}"[..],
            b"{\"a\":1,\"\xc3\":2}",
            b"[1, 2, \"\xed\xa0\x80\"]",
            b"{\"a\":1}\xff",
        ] {
            let error = read(bad, &Limits::default(), 10).unwrap_err();
            assert_eq!(error.rule, Rule::JsonMalformed, "{bad:?}");
            let serde = serde_json::from_slice::<serde_json::Value>(bad).unwrap_err();
            assert!(
                error.message.contains(&serde.to_string()),
                "{bad:?}: {}",
                error.message
            );
        }
    }

    #[test]
    fn utf8_text_reads_with_borrowed_strings_and_escapes() {
        let strict = read(
            "{\"name\":\"Zoë\",\"e\":\"a\\u00e9\\n\",\"k\\u00e9\":[\"日本\"]}".as_bytes(),
            &Limits::default(),
            10,
        )
        .unwrap();
        assert!(matches!(
            strict.value.get("name"),
            Some(Node::String(Cow::Borrowed("Zoë")))
        ));
        assert_eq!(strict.value.get("e").and_then(Node::as_str), Some("aé\n"));
        assert!(strict.value.get("ké").is_some());
        assert!(strict.duplicates.is_empty());
    }

    #[test]
    fn finds_duplicate_keys_with_their_pointer() {
        let strict = read(
            br#"{"a":{"b":1,"b":2},"c":[{"d":1,"d":1}]}"#,
            &Limits::default(),
            10,
        )
        .unwrap();
        let found: Vec<&str> = strict
            .duplicates
            .iter()
            .map(|found| found.pointer.as_str())
            .collect();
        assert_eq!(found, ["/a/b", "/c/0/d"]);
        assert_eq!(strict.more_duplicates, 0);
    }

    #[test]
    fn duplicates_past_the_record_are_counted_without_pointers() {
        let long = "k".repeat(5_000);
        let mut text = format!(r#"{{"{long}":{{"#);
        for _ in 0..1_000 {
            text.push_str(r#""a":1,"#);
        }
        text.push_str(r#""a":1}}"#);
        let limits = Limits::default().with_max_pointer_bytes(100);
        let strict = read(text.as_bytes(), &limits, 3).unwrap();
        assert_eq!(strict.duplicates.len(), 3);
        assert_eq!(strict.more_duplicates, 997);
        for found in &strict.duplicates {
            assert_eq!(found.pointer.as_str(), "", "the long key does not fit");
            assert!(found.shortened);
        }
    }

    #[test]
    fn score_numbers_keep_their_text() {
        let strict = read(
            br#"{"result":{"score":{"raw":1.0000000000000000001,"max":[1],"min": 2 }},"raw":3}"#,
            &Limits::default(),
            10,
        )
        .unwrap();
        let score = strict.value.get("result").and_then(|r| r.get("score"));
        let raw = score.and_then(|s| s.get("raw"));
        assert_eq!(raw, Some(&Node::NumberText(1.0, "1.0000000000000000001")));
        assert_eq!(
            score.and_then(|s| s.get("min")),
            Some(&Node::NumberText(2.0, "2"))
        );
        assert!(matches!(
            score.and_then(|s| s.get("max")),
            Some(Node::Array(_))
        ));
        assert_eq!(strict.value.get("raw"), Some(&Node::Number(3.0)));
        let sub = read(
            br#"{"object":{"result":{"score":{"scaled":-1e-0}}}}"#,
            &Limits::default(),
            10,
        )
        .unwrap();
        let scaled = sub
            .value
            .get("object")
            .and_then(|o| o.get("result"))
            .and_then(|r| r.get("score"))
            .and_then(|s| s.get("scaled"));
        assert_eq!(scaled, Some(&Node::NumberText(-1.0, "-1e-0")));
        let bad = read(
            br#"{"result":{"score":{"raw":1e400}}}"#,
            &Limits::default(),
            10,
        );
        assert_eq!(bad.unwrap_err().rule, Rule::JsonNumberRange);
        let dup = read(
            br#"{"result":{"score":{"raw":{"a":1,"a":2}}}}"#,
            &Limits::default(),
            10,
        )
        .unwrap();
        assert_eq!(dup.duplicates[0].pointer.as_str(), "/result/score/raw/a");
    }

    #[test]
    fn caps_depth() {
        let limits = Limits::default().with_max_depth(3);
        assert!(read(b"[[[1]]]", &limits, 0).is_ok());
        let error = read(b"[[[[1]]]]", &limits, 0).unwrap_err();
        assert_eq!(error.rule, Rule::LimitDepth);
        let deep = "[".repeat(100_000);
        assert_eq!(
            read(deep.as_bytes(), &Limits::default(), 0)
                .unwrap_err()
                .rule,
            Rule::LimitDepth
        );
    }

    #[test]
    fn classifies_bad_numbers_and_syntax() {
        assert_eq!(
            read(b"1e400", &Limits::default(), 0).unwrap_err().rule,
            Rule::JsonNumberRange
        );
        assert_eq!(
            read(b"NaN", &Limits::default(), 0).unwrap_err().rule,
            Rule::JsonMalformed
        );
        assert_eq!(
            read(b"{} x", &Limits::default(), 0).unwrap_err().rule,
            Rule::JsonMalformed
        );
        assert_eq!(
            read(br#""\ud800""#, &Limits::default(), 0)
                .unwrap_err()
                .rule,
            Rule::JsonMalformed
        );
    }

    #[test]
    fn batch_limit_stops_early() {
        let limits = Limits::default().with_max_batch_statements(2);
        assert_eq!(split_batch(b"[{},{}]", &limits).unwrap().len(), 2);
        assert_eq!(
            split_batch(b"[{},{},{}]", &limits).unwrap_err().rule,
            Rule::LimitBatch
        );
    }

    #[test]
    fn nesting_depth_skips_brackets_in_strings_and_stops_past_the_bound() {
        assert_eq!(nesting_depth(br#"{"a":[1,{"b":"[[[{{"}]}"#, 100), 3);
        assert_eq!(nesting_depth(br#"{"a":"\"[["}"#, 100), 1);
        assert_eq!(nesting_depth(b"[[[[[[", 3), 4);
        assert_eq!(nesting_depth(b"1", 3), 0);
        let deep = format!("{}{}", "[".repeat(129), "]".repeat(129));
        assert!(read_value_within_depth(deep.as_bytes(), 129).is_ok());
        assert_eq!(
            read_value_within_depth(deep.as_bytes(), 128).unwrap_err(),
            "nesting deeper than 128 levels"
        );
    }
}
