//! The reading layer: bytes in, a JSON tree out, strictly (a repeated key refused, nesting and sizes
//! bounded by [`Limits`](crate::Limits) before the work they protect).
//!
//! - [`reader`]: the borrowed [`Node`](node::Node) tree statement bodies are read into (strings point into
//!   the body, the numbers of `score` keep their text), with every repeated key located;
//! - [`body`]: a `PUT`/`POST /statements` body, one statement or a batch, read and handed to the
//!   validator statement by statement ([`validate_statement_body`](crate::validate_statement_body));
//! - [`path`]: JSON pointers built only when an issue is reported, bounded in length;
//! - [`value`]: strict `serde_json::Value`s through `learnwire-jose`'s reader (About documents, documents
//!   to merge, `agent` parameters, the `Statement` deserializer).

pub(crate) mod body;
pub(crate) mod node;
pub(crate) mod path;
pub(crate) mod reader;
pub(crate) mod value;

pub(crate) use reader::{
    ReadError, from_checked_slice, read, read_value_within_depth, split_batch,
};
pub(crate) use value::{deserialize_value, read_value};
