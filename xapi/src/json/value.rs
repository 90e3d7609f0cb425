//! Strict JSON into a `serde_json::Value`, through `learnwire-jose`'s reader (the workspace's one strict
//! JSON reader): a repeated member refused at any depth, nesting at most [`Limits::max_depth`]'s default
//! (128 levels, exactly: a value 128 levels deep is read, one more is refused), invalid UTF-8, lone
//! surrogates, out-of-range numbers and trailing data refused. For About documents, documents to merge and
//! `agent` parameters, and for deserializing a [`Statement`](crate::Statement) from any format;
//! statement bodies use the borrowed reader of [`crate::json`], and JWS headers and payloads are read by
//! `learnwire-jose` itself with the same depth.
//!
//! Sizes are bounded by the callers (the request, the query string, the document store), not here.
//!
//! [`Limits::max_depth`]: crate::Limits::max_depth

use serde::de;
use serde_json::Value;

use crate::Limits;

/// The reader's limits: the statement reader's default depth, no size limit of its own.
fn limits() -> learnwire_jose::Limits {
    learnwire_jose::Limits::default()
        .with_max_json_bytes(usize::MAX)
        .with_max_json_depth(Limits::default().effective_depth())
}

/// Reads one JSON value strictly; `None` when the reader refuses it.
pub(crate) fn read_value(bytes: &[u8]) -> Option<Value> {
    learnwire_jose::read_json(bytes, &limits()).ok()
}

/// Deserializes one JSON value strictly from any deserializer (repeated members and nesting past the
/// depth refused, with a message naming the member or the limit).
pub(crate) fn deserialize_value<'de, D: de::Deserializer<'de>>(
    deserializer: D,
) -> Result<Value, D::Error> {
    learnwire_jose::deserialize_json(deserializer, &limits())
}

#[cfg(test)]
mod tests {
    use super::*;

    const MAX_DEPTH: usize = 128;

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
        assert_eq!(Limits::default().effective_depth(), MAX_DEPTH);
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

    #[test]
    fn deserializing_from_a_value_checks_depth_too() {
        let mut value = serde_json::json!(1);
        for _ in 0..MAX_DEPTH {
            value = serde_json::json!([value]);
        }
        assert!(deserialize_value(value.clone()).is_ok());
        let error = deserialize_value(serde_json::json!([value])).unwrap_err();
        assert!(error.to_string().contains("deeper than 128"), "{error}");
    }
}
