//! Strict JSON into a `serde_json::Value`: duplicate object keys and nesting past 128 levels refused
//! (fail closed). For JWS headers and payloads, documents to merge, `agent` parameters and About
//! bodies; statement bodies use the borrowed reader in [`crate::json`].

use std::fmt;

use serde::de::{self, DeserializeSeed, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Value};

const MAX_DEPTH: usize = 128;

/// Parses JSON, refusing duplicate object keys and nesting deeper than [`MAX_DEPTH`] (a value
/// exactly [`MAX_DEPTH`] levels deep is read: serde_json's own limit, one level lower, is off).
pub(crate) fn read_value(bytes: &[u8]) -> Option<Value> {
    let mut deserializer = serde_json::Deserializer::from_slice(bytes);
    deserializer.disable_recursion_limit();
    let value = Strict { depth: 0 }.deserialize(&mut deserializer).ok()?;
    deserializer.end().ok()?;
    Some(value)
}

/// Deserializes any value from any deserializer, refusing duplicate object keys and nesting
/// deeper than [`MAX_DEPTH`] (for typed values that check themselves, such as
/// [`Statement`](crate::Statement)).
pub(crate) fn deserialize<'de, D: de::Deserializer<'de>>(
    deserializer: D,
) -> Result<Value, D::Error> {
    Strict { depth: 0 }.deserialize(deserializer)
}

struct Strict {
    depth: usize,
}

impl<'de> DeserializeSeed<'de> for Strict {
    type Value = Value;
    fn deserialize<D: de::Deserializer<'de>>(self, deserializer: D) -> Result<Value, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Strict {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("JSON")
    }
    fn visit_bool<E>(self, v: bool) -> Result<Value, E> {
        Ok(Value::Bool(v))
    }
    fn visit_i64<E>(self, v: i64) -> Result<Value, E> {
        Ok(Value::from(v))
    }
    fn visit_u64<E>(self, v: u64) -> Result<Value, E> {
        Ok(Value::from(v))
    }
    fn visit_f64<E>(self, v: f64) -> Result<Value, E> {
        Ok(Value::from(v))
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
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let depth = self.nested::<A::Error>()?;
        let mut items = Vec::new();
        while let Some(item) = seq.next_element_seed(Strict { depth })? {
            items.push(item);
        }
        Ok(Value::Array(items))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let depth = self.nested::<A::Error>()?;
        let mut out = Map::new();
        while let Some(key) = map.next_key::<String>()? {
            if out.contains_key(&key) {
                return Err(de::Error::custom("duplicate key"));
            }
            let value = map.next_value_seed(Strict { depth })?;
            out.insert(key, value);
        }
        Ok(Value::Object(out))
    }
}

impl Strict {
    fn nested<E: de::Error>(&self) -> Result<usize, E> {
        let depth = self.depth.saturating_add(1);
        if depth > MAX_DEPTH {
            return Err(E::custom("too deep"));
        }
        Ok(depth)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strict_json() {
        assert!(read_value(br#"{"a":1,"b":{"a":2}}"#).is_some());
        assert!(read_value(br#"{"a":1,"a":2}"#).is_none());
        assert!(read_value(br#"{"a":1} x"#).is_none());
        let deep = format!("{}{}", "[".repeat(200), "]".repeat(200));
        assert!(read_value(deep.as_bytes()).is_none());
    }

    #[test]
    fn the_depth_limit_holds_exactly() {
        let nested = |levels: usize| format!("{}{}", "[".repeat(levels), "]".repeat(levels));
        assert!(read_value(nested(MAX_DEPTH).as_bytes()).is_some());
        assert!(read_value(nested(MAX_DEPTH + 1).as_bytes()).is_none());
        let objects =
            |levels: usize| format!("{}1{}", r#"{"a":"#.repeat(levels), "}".repeat(levels));
        assert!(read_value(objects(MAX_DEPTH).as_bytes()).is_some());
        assert!(read_value(objects(MAX_DEPTH + 1).as_bytes()).is_none());
        let huge = "[".repeat(1_000_000);
        assert!(
            read_value(huge.as_bytes()).is_none(),
            "refused, no overflow"
        );
    }
}
