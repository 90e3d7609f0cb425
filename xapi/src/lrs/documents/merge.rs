//! POST of a JSON document onto an existing one: top-level merge (Communication §2.2 "JSON Procedure").

use serde_json::Value;

use crate::json::read_value;
use crate::multipart::parse_media_type;

/// Which of the two documents a [`MergeError`] is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum MergeSide {
    /// The stored document.
    Existing,
    /// The posted document.
    Posted,
}

/// Why a POST could not be merged (answer `400 Bad Request` and change nothing).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum MergeError {
    /// A document's content type is not `application/json`.
    #[error("{}: the {side:?} document is not application/json", self.code())]
    NotJson {
        /// Which document.
        side: MergeSide,
    },
    /// A document does not parse as a JSON object (or repeats a key).
    #[error("{}: the {side:?} document is not a JSON object", self.code())]
    NotObject {
        /// Which document.
        side: MergeSide,
    },
}

crate::codes::error_codes!(MergeError {
    NotJson => "xapi.document.merge-not-json",
        "a document to merge is not application/json", "Communication §2.2 (JSON Procedure)";
    NotObject => "xapi.document.merge-not-object",
        "a document to merge is not a JSON object", "Communication §2.2 (JSON Procedure)";
});

/// A document with its content type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct Document<'a> {
    /// The `Content-Type` it was stored or sent with.
    pub content_type: &'a str,
    /// The bytes.
    pub contents: &'a [u8],
}

impl<'a> Document<'a> {
    /// A document from its content type and bytes.
    pub fn new(content_type: &'a str, contents: &'a [u8]) -> Self {
        Self {
            content_type,
            contents,
        }
    }
}

/// The document to store after a POST of `posted` onto `existing` (`None`: no document yet).
///
/// With no existing document the posted one is stored as sent (when it is `application/json`, once it
/// reads as a JSON object: XAPI-00314). Otherwise both must be `application/json`
/// and parse as JSON objects; each top-level property of the posted object replaces the existing one's
/// (nested objects are replaced, not merged). Returns the bytes to store.
///
/// # Errors
///
/// [`MergeError`] when a document is not JSON or not an object.
///
/// # Example
///
/// ```
/// use learnwire_xapi::documents::{merge_json_documents, Document};
///
/// let stored = Document::new("application/json", br#"{"x":"foo","y":"bar"}"#);
/// let posted = Document::new("application/json; charset=utf-8", br#"{"x":"bash","z":"faz"}"#);
/// let merged = merge_json_documents(Some(stored), posted)?;
/// assert_eq!(merged, br#"{"x":"bash","y":"bar","z":"faz"}"#);
/// # Ok::<(), learnwire_xapi::documents::MergeError>(())
/// ```
pub fn merge_json_documents(
    existing: Option<Document<'_>>,
    posted: Document<'_>,
) -> Result<Vec<u8>, MergeError> {
    let Some(existing) = existing else {
        // Nothing stored: stored as sent, but a document that says it is JSON must be a JSON object
        // (Communication §2.2 JSON Procedure; XAPI-00314 asks 400 for invalid JSON).
        if is_json(posted.content_type) {
            json_object(posted, MergeSide::Posted)?;
        }
        return Ok(posted.contents.to_vec());
    };
    let mut base = json_object(existing, MergeSide::Existing)?;
    let update = json_object(posted, MergeSide::Posted)?;
    for (key, value) in update {
        base.insert(key, value);
    }
    serde_json::to_vec(&Value::Object(base)).map_err(|_| MergeError::NotObject {
        side: MergeSide::Existing,
    })
}

fn is_json(content_type: &str) -> bool {
    parse_media_type(content_type).is_some_and(|media| media.is("application/json"))
}

fn json_object(
    document: Document<'_>,
    side: MergeSide,
) -> Result<serde_json::Map<String, Value>, MergeError> {
    if !is_json(document.content_type) {
        return Err(MergeError::NotJson { side });
    }
    match read_value(document.contents) {
        Some(Value::Object(map)) => Ok(map),
        _ => Err(MergeError::NotObject { side }),
    }
}
