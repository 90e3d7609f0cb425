//! Strict JSON for JWT parts: a depth limit and refusal of duplicate members (fail closed).

use std::cell::Cell;
use std::fmt;

use serde::de::{self, DeserializeSeed, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Number, Value};

/// Why strict parsing failed.
#[derive(Debug)]
pub(crate) enum StrictJsonError {
    /// Nesting deeper than the limit.
    TooDeep,
    /// The same member twice in one object.
    Duplicate(String),
    /// Anything serde_json refuses (syntax, UTF-8, surrogates, numbers out of range, trailing data).
    Syntax(serde_json::Error),
}

/// Parses `bytes` as one JSON value, refusing nesting deeper than `max_depth` (containers count one level
/// each) and any object that repeats a member.
pub(crate) fn parse_strict(bytes: &[u8], max_depth: usize) -> Result<Value, StrictJsonError> {
    let problem = Cell::new(None);
    let mut deserializer = serde_json::Deserializer::from_slice(bytes);
    let seed = StrictSeed {
        depth: 0,
        max_depth,
        problem: &problem,
    };
    let parsed = seed.deserialize(&mut deserializer).and_then(|value| {
        deserializer.end()?;
        Ok(value)
    });
    match parsed {
        Ok(value) => Ok(value),
        Err(error) => Err(problem.take().unwrap_or(StrictJsonError::Syntax(error))),
    }
}

/// Problems found by the visitor, kept beside serde's error so the caller learns which check failed.
enum Found {
    TooDeep,
    Duplicate(String),
}

impl From<Found> for StrictJsonError {
    fn from(found: Found) -> Self {
        match found {
            Found::TooDeep => Self::TooDeep,
            Found::Duplicate(name) => Self::Duplicate(name),
        }
    }
}

#[derive(Clone, Copy)]
struct StrictSeed<'p> {
    depth: usize,
    max_depth: usize,
    problem: &'p Cell<Option<StrictJsonError>>,
}

impl StrictSeed<'_> {
    fn fail<E: de::Error>(self, found: Found) -> E {
        let message = match &found {
            Found::TooDeep => "nesting too deep".to_owned(),
            Found::Duplicate(_) => "duplicate member".to_owned(),
        };
        self.problem.set(Some(found.into()));
        E::custom(message)
    }

    fn enter<E: de::Error>(self) -> Result<Self, E> {
        let depth = self.depth.saturating_add(1);
        if depth > self.max_depth {
            return Err(self.fail(Found::TooDeep));
        }
        Ok(Self { depth, ..self })
    }
}

impl<'de> DeserializeSeed<'de> for StrictSeed<'_> {
    type Value = Value;

    fn deserialize<D: de::Deserializer<'de>>(self, deserializer: D) -> Result<Value, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for StrictSeed<'_> {
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
                return Err(self.fail(Found::Duplicate(key)));
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
    fn refuses_duplicates_at_any_depth() {
        assert!(matches!(
            parse_strict(br#"{"a":1,"a":2}"#, 8),
            Err(StrictJsonError::Duplicate(name)) if name == "a"
        ));
        assert!(matches!(
            parse_strict(br#"{"x":[{"b":1,"b":1}]}"#, 8),
            Err(StrictJsonError::Duplicate(_))
        ));
        assert!(parse_strict(br#"{"a":{"a":1}}"#, 8).is_ok());
    }

    #[test]
    fn depth_limit_counts_containers() {
        assert!(parse_strict(b"[[1]]", 2).is_ok());
        assert!(matches!(
            parse_strict(b"[[[1]]]", 2),
            Err(StrictJsonError::TooDeep)
        ));
        let deep = "[".repeat(100_000);
        assert!(matches!(
            parse_strict(deep.as_bytes(), 64),
            Err(StrictJsonError::TooDeep)
        ));
    }

    #[test]
    fn serde_json_refusals_stay_syntax_errors() {
        for bad in [
            &br#"{"a":"\ud800"}"#[..],
            b"{\"a\":1e400}",
            b"{} x",
            b"NaN",
            b"\xff",
        ] {
            assert!(
                matches!(parse_strict(bad, 8), Err(StrictJsonError::Syntax(_))),
                "{bad:?}"
            );
        }
    }
}
