//! A statement id that is already stored (Communication §2.1.1, §2.1.2; Data §2.3.1).

use http::{Method, StatusCode};
use serde_json::Value;

use crate::XapiVersion;
use crate::equivalence::{EquivalenceOptions, statements_equivalent_with};

/// How an incoming statement relates to the stored statement with the same id.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum StoredComparison {
    /// Logically equivalent: nothing to store, answer as if stored (no-op).
    Same,
    /// Different: never modify the stored statement; answer `409 Conflict`.
    Conflict,
}

impl StoredComparison {
    /// The status to answer a `method` request with: `204 No Content` for a PUT of the same statement,
    /// `200 OK` for a POST (with the ids), `409 Conflict` for a different statement.
    pub fn status(self, method: &Method) -> StatusCode {
        match self {
            Self::Same if *method == Method::PUT => StatusCode::NO_CONTENT,
            Self::Same => StatusCode::OK,
            Self::Conflict => StatusCode::CONFLICT,
        }
    }
}

/// Compares an incoming statement with the stored one of the same id (`stored` as the LRS keeps it,
/// with `stored`, `authority`, assigned `timestamp`/`version`; those differences are ignored).
///
/// # Example
///
/// ```
/// use http::Method;
/// use learnwire_xapi::XapiVersion;
/// use learnwire_xapi::lrs::{compare_with_stored, StoredComparison};
/// use serde_json::json;
///
/// let stored = json!({"id": "2a41c918-b88b-4220-8e5f-0d6f2e5a1f33", "actor": {"mbox": "mailto:a@b.c"},
///     "verb": {"id": "http://x/v"}, "object": {"id": "http://x/a"},
///     "stored": "2024-01-01T00:00:00Z", "timestamp": "2024-01-01T00:00:00Z", "version": "1.0.0"});
/// let mut again = json!({"id": "2a41c918-b88b-4220-8e5f-0d6f2e5a1f33", "actor": {"mbox": "mailto:a@b.c"},
///     "verb": {"id": "http://x/v"}, "object": {"id": "http://x/a"}});
/// let same = compare_with_stored(&stored, &again, XapiVersion::V1_0_3);
/// assert_eq!(same.status(&Method::PUT), http::StatusCode::NO_CONTENT);
/// again["object"]["id"] = json!("http://x/other");
/// assert_eq!(compare_with_stored(&stored, &again, XapiVersion::V1_0_3), StoredComparison::Conflict);
/// ```
pub fn compare_with_stored(
    stored: &Value,
    incoming: &Value,
    version: XapiVersion,
) -> StoredComparison {
    if statements_equivalent_with(stored, incoming, EquivalenceOptions::for_version(version)) {
        StoredComparison::Same
    } else {
        StoredComparison::Conflict
    }
}
