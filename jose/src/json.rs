//! The strict JSON reader: one JSON value into a `serde_json::Value`, duplicate members refused at any
//! depth (fail closed, RFC 8259 §4, RFC 7493 §2.3), nesting and size limited.

use std::cell::Cell;
use std::fmt;

use learnwire_report::Code;
use serde::de::{self, DeserializeSeed, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Number, Value};

use crate::limits::Limits;
use learnwire_report::Untrusted;

/// Why a JSON document was refused by [`read_json`]. Lines and columns are 1-based, as serde_json counts
/// them (the column is in bytes).
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum JsonError {
    /// The document is longer than [`Limits::max_json_bytes`]; decided on its length, before parsing.
    #[error("the JSON document is {length} bytes, more than the limit of {limit}")]
    TooLarge {
        /// The document's length in bytes.
        length: usize,
        /// The limit.
        limit: usize,
    },
    /// Arrays and objects nest deeper than [`Limits::max_json_depth`].
    #[error("JSON nests deeper than {limit} levels (line {line}, column {column})")]
    TooDeep {
        /// The limit.
        limit: usize,
        /// Line of the container past the limit.
        line: usize,
        /// Column of the container past the limit.
        column: usize,
    },
    /// An object has the same member twice; refused rather than letting the first or the last win.
    #[error("JSON object has member {name} twice (line {line}, column {column})")]
    DuplicateMember {
        /// The repeated member name.
        name: Untrusted,
        /// Line of the second occurrence.
        line: usize,
        /// Column just after the second occurrence.
        column: usize,
    },
    /// Anything serde_json refuses: syntax, invalid UTF-8, lone surrogates, numbers out of range
    /// (`1e400`), `NaN`, comments, trailing data after the value.
    #[error("not valid JSON (line {line}, column {column})")]
    Syntax {
        /// Line of the error.
        line: usize,
        /// Column of the error.
        column: usize,
        /// serde_json's error.
        #[source]
        source: Box<dyn std::error::Error + Send + Sync>,
    },
}

impl JsonError {
    /// The stable code (`jose.json.*`), listed in [`CODES`](crate::CODES).
    pub fn code(&self) -> Code {
        Code::new(match self {
            Self::TooLarge { .. } => "jose.json.too-large",
            Self::TooDeep { .. } => "jose.json.too-deep",
            Self::DuplicateMember { .. } => "jose.json.duplicate-member",
            Self::Syntax { .. } => "jose.json.syntax",
        })
    }

    /// Line and column of the problem (`None` for [`TooLarge`](Self::TooLarge)).
    pub fn position(&self) -> Option<(usize, usize)> {
        match self {
            Self::TooLarge { .. } => None,
            Self::TooDeep { line, column, .. }
            | Self::DuplicateMember { line, column, .. }
            | Self::Syntax { line, column, .. } => Some((*line, *column)),
        }
    }
}

/// Reads one JSON value strictly: at most [`Limits::max_json_bytes`] bytes, nesting at most
/// [`Limits::max_json_depth`] levels, no object with a repeated member (at any depth), and nothing but
/// whitespace after the value.
///
/// Numbers are serde_json numbers (`i64`, `u64` or finite `f64`); their source text is not kept (that
/// would need serde_json's `arbitrary_precision` feature, which would change number handling in every
/// crate of the workspace). A number out of `f64` range is an error, never infinity.
///
/// # Errors
///
/// A [`JsonError`] naming the check that failed, with its position.
///
/// # Example
///
/// ```
/// use learnwire_jose::{Limits, read_json};
///
/// let limits = Limits::default();
/// let value = read_json(br#"{"a":[1,{"a":2}]}"#, &limits)?;
/// assert_eq!(value["a"][1]["a"], 2);
/// let error = read_json(br#"{"iss":"evil","iss":"good"}"#, &limits).unwrap_err();
/// assert_eq!(error.code().as_str(), "jose.json.duplicate-member");
/// let deep = "[".repeat(100_000);
/// assert_eq!(read_json(deep.as_bytes(), &limits).unwrap_err().code().as_str(), "jose.json.too-deep");
/// # Ok::<(), learnwire_jose::JsonError>(())
/// ```
pub fn read_json(bytes: &[u8], limits: &Limits) -> Result<Value, JsonError> {
    if bytes.len() > limits.max_json_bytes() {
        return Err(JsonError::TooLarge {
            length: bytes.len(),
            limit: limits.max_json_bytes(),
        });
    }
    read_value(bytes, limits.max_json_depth())
}

/// Reads one JSON value strictly from any serde deserializer (another format, a `serde_json::Value`, the
/// `Deserialize` impl of a type that must refuse what [`read_json`] refuses): no object with a repeated
/// member, nesting at most [`Limits::max_json_depth`] levels. [`Limits::max_json_bytes`] does not apply
/// (the deserializer owns the input); a deserializer with its own recursion limit (serde_json's
/// `from_slice` stops at 127 levels) may refuse first, with its own error.
///
/// # Errors
///
/// The deserializer's error, made with [`serde::de::Error::custom`] for a repeated member or a nesting
/// too deep (the message names the member or the limit).
///
/// # Example
///
/// ```
/// use learnwire_jose::{Limits, deserialize_json};
///
/// let limits = Limits::default();
/// let mut input = serde_json::Deserializer::from_str(r#"{"a":1,"a":2}"#);
/// let error = deserialize_json(&mut input, &limits).unwrap_err();
/// assert!(error.to_string().starts_with(r#"duplicate key "a""#));
/// let mut input = serde_json::Deserializer::from_str(r#"{"a":[1,{"b":2}]}"#);
/// assert_eq!(deserialize_json(&mut input, &limits)?["a"][1]["b"], 2);
/// # Ok::<(), serde_json::Error>(())
/// ```
pub fn deserialize_json<'de, D: de::Deserializer<'de>>(
    deserializer: D,
    limits: &Limits,
) -> Result<Value, D::Error> {
    let found = Cell::new(None);
    let seed = Strict {
        depth: 0,
        max_depth: limits.max_json_depth(),
        found: &found,
    };
    seed.deserialize(deserializer)
}

/// [`read_json`] without the size check, for input whose size was checked already (a JWS, a JWKS).
///
/// serde_json's own recursion limit is off: [`Strict`] counts levels and refuses the one past
/// `max_depth` before recursing into it, so the limit holds exactly and the stack stays bounded.
pub(crate) fn read_value(bytes: &[u8], max_depth: usize) -> Result<Value, JsonError> {
    let found = Cell::new(None);
    let seed = Strict {
        depth: 0,
        max_depth,
        found: &found,
    };
    // UTF-8 is checked once over the whole document, and serde_json then reads it as text, which skips
    // its own check of each string. A document that is not UTF-8 is read as bytes exactly as before, so
    // its error (and where serde_json stops) is unchanged.
    let parsed = match std::str::from_utf8(bytes) {
        Ok(text) => read_with(serde_json::Deserializer::from_str(text), seed),
        Err(_) => read_with(serde_json::Deserializer::from_slice(bytes), seed),
    };
    parsed.map_err(|error| {
        let (line, column) = (error.line(), error.column());
        match found.take() {
            Some(Found::TooDeep) => JsonError::TooDeep {
                limit: max_depth,
                line,
                column,
            },
            Some(Found::Duplicate(name)) => JsonError::DuplicateMember { name, line, column },
            None => JsonError::Syntax {
                line,
                column,
                source: Box::new(error),
            },
        }
    })
}

/// Reads one document with the strict visitor, refusing trailing data.
fn read_with<'de, R: serde_json::de::Read<'de>>(
    mut deserializer: serde_json::Deserializer<R>,
    seed: Strict<'_>,
) -> Result<Value, serde_json::Error> {
    deserializer.disable_recursion_limit();
    let value = seed.deserialize(&mut deserializer)?;
    deserializer.end()?;
    Ok(value)
}

/// [`read_value`], requiring an object.
pub(crate) fn read_object(
    bytes: &[u8],
    max_depth: usize,
) -> Result<Option<Map<String, Value>>, JsonError> {
    Ok(match read_value(bytes, max_depth)? {
        Value::Object(map) => Some(map),
        _ => None,
    })
}

/// What the visitor refused, kept beside serde's error so the caller learns which check failed.
enum Found {
    TooDeep,
    Duplicate(Untrusted),
}

#[derive(Clone, Copy)]
struct Strict<'f> {
    depth: usize,
    max_depth: usize,
    found: &'f Cell<Option<Found>>,
}

impl Strict<'_> {
    fn fail<E: de::Error>(self, found: Found) -> E {
        let error = match &found {
            Found::TooDeep => E::custom(format_args!(
                "JSON nests deeper than {} levels",
                self.max_depth
            )),
            Found::Duplicate(name) => {
                E::custom(format_args!("duplicate key {name} in a JSON object"))
            }
        };
        self.found.set(Some(found));
        error
    }

    fn enter<E: de::Error>(self) -> Result<Self, E> {
        let depth = self.depth.saturating_add(1);
        if depth > self.max_depth {
            return Err(self.fail(Found::TooDeep));
        }
        Ok(Self { depth, ..self })
    }
}

impl<'de> DeserializeSeed<'de> for Strict<'_> {
    type Value = Value;

    fn deserialize<D: de::Deserializer<'de>>(self, deserializer: D) -> Result<Value, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Strict<'_> {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_bool<E>(self, v: bool) -> Result<Value, E> {
        Ok(Value::Bool(v))
    }

    fn visit_i64<E>(self, v: i64) -> Result<Value, E> {
        Ok(Value::Number(v.into()))
    }

    fn visit_u64<E>(self, v: u64) -> Result<Value, E> {
        Ok(Value::Number(v.into()))
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Value, E> {
        Number::from_f64(v)
            .map(Value::Number)
            .ok_or_else(|| E::custom("number out of range"))
    }

    fn visit_str<E>(self, v: &str) -> Result<Value, E> {
        Ok(Value::String(v.to_owned()))
    }

    fn visit_string<E>(self, v: String) -> Result<Value, E> {
        Ok(Value::String(v))
    }

    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_none<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let inner = self.enter()?;
        let mut items = Vec::new();
        while let Some(item) = seq.next_element_seed(inner)? {
            items.push(item);
        }
        Ok(Value::Array(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let inner = self.enter()?;
        let mut members = Map::new();
        while let Some(key) = map.next_key::<String>()? {
            if members.contains_key(&key) {
                return Err(self.fail(Found::Duplicate(Untrusted::new(&key))));
            }
            let value = map.next_value_seed(inner)?;
            members.insert(key, value);
        }
        Ok(Value::Object(members))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_that_is_not_utf8_fails_where_serde_json_fails_on_its_bytes() {
        for bad in [
            &b"{\"a\":\"\xff\"}"[..],
            b"{\"a\":1,\n\"b\xc3\":2}",
            b"[1,2]\xff",
        ] {
            let serde = serde_json::from_slice::<Value>(bad).unwrap_err();
            match read_value(bad, 8) {
                Err(JsonError::Syntax { line, column, .. }) => {
                    assert_eq!((line, column), (serde.line(), serde.column()), "{bad:?}");
                }
                other => panic!("{bad:?}: {other:?}"),
            }
        }
    }

    fn code(bytes: &[u8], depth: usize) -> &'static str {
        read_value(bytes, depth).unwrap_err().code().as_str()
    }

    #[test]
    fn duplicates_are_refused_at_any_depth_with_their_position() {
        match read_value(b"{\"a\":1,\n \"a\":2}", 8) {
            Err(JsonError::DuplicateMember { name, line, .. }) => {
                assert_eq!(name.as_str(), "a");
                assert_eq!(line, 2);
            }
            other => panic!("{other:?}"),
        }
        assert_eq!(
            code(br#"{"x":[{"b":1,"b":1}]}"#, 8),
            "jose.json.duplicate-member"
        );
        assert!(read_value(br#"{"a":{"a":1}}"#, 8).is_ok());
        // Escapes are decoded before comparing: "\u0061" is "a".
        assert_eq!(
            code(br#"{"a":1,"\u0061":2}"#, 8),
            "jose.json.duplicate-member"
        );
    }

    #[test]
    fn depth_counts_containers_and_the_cap_is_ours_not_serde_json() {
        assert!(read_value(b"[[1]]", 2).is_ok());
        assert_eq!(code(b"[[[1]]]", 2), "jose.json.too-deep");
        let max = crate::limits::MAX_JSON_DEPTH;
        let nested = |n: usize| format!("{}{}", "[".repeat(n), "]".repeat(n));
        assert!(read_value(nested(max).as_bytes(), max).is_ok());
        for n in [max + 1, max + 2, 100_000] {
            assert_eq!(code(nested(n).as_bytes(), max), "jose.json.too-deep", "{n}");
        }
    }

    #[test]
    fn depth_limits_above_serde_json_recursion_limit_hold_exactly() {
        // serde_json alone stops at 127 levels; 128 (xAPI's default) and every limit up to the cap
        // hold exactly, for arrays and objects.
        let arrays = |n: usize| format!("{}{}", "[".repeat(n), "]".repeat(n));
        let objects = |n: usize| format!("{}1{}", r#"{"a":"#.repeat(n), "}".repeat(n));
        for limit in [127, 128, 200, crate::limits::MAX_JSON_DEPTH] {
            for text in [arrays(limit), objects(limit)] {
                assert!(read_value(text.as_bytes(), limit).is_ok(), "{limit}");
            }
            for text in [arrays(limit + 1), objects(limit + 1)] {
                assert_eq!(
                    code(text.as_bytes(), limit),
                    "jose.json.too-deep",
                    "{limit}"
                );
            }
        }
    }

    #[test]
    fn deserialize_json_refuses_duplicates_and_depth_from_any_deserializer() {
        let limits = Limits::default().with_max_json_depth(2);
        let mut input = serde_json::Deserializer::from_str(r#"[{"a":1,"b":{"a":2}}]"#);
        let error = deserialize_json(&mut input, &limits).unwrap_err();
        assert!(
            error
                .to_string()
                .starts_with("JSON nests deeper than 2 levels"),
            "{error}"
        );
        let mut input = serde_json::Deserializer::from_str(r#"{"x":[1],"x":2}"#);
        let error = deserialize_json(&mut input, &limits).unwrap_err();
        assert!(
            error.to_string().contains(r#"duplicate key "x""#),
            "{error}"
        );
        // A Value is a deserializer too: a value built elsewhere is checked for depth.
        let value = serde_json::json!({"a": {"b": {"c": 1}}});
        assert!(deserialize_json(value.clone(), &limits).is_err());
        let value = serde_json::json!({"a": {"b": 1}});
        assert_eq!(deserialize_json(value.clone(), &limits).unwrap(), value);
    }

    #[test]
    fn serde_json_refusals_are_syntax_errors() {
        for bad in [
            &br#"{"a":"\ud800"}"#[..],
            b"{\"a\":1e400}",
            b"{} x",
            b"NaN",
            b"\xff",
            b"{\"a\":1,}",
            b"// c\n{}",
            b"",
        ] {
            assert_eq!(code(bad, 8), "jose.json.syntax", "{bad:?}");
        }
    }

    #[test]
    fn size_is_checked_before_parsing() {
        let limits = Limits::default().with_max_json_bytes(4);
        let error = read_json(b"[1, 2]", &limits).unwrap_err();
        assert_eq!(error.code().as_str(), "jose.json.too-large");
        assert_eq!(error.position(), None);
        assert!(read_json(b"[12]", &limits).is_ok());
    }
}
