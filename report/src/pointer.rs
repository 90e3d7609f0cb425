//! JSON pointers (RFC 6901) for locations in JSON documents.

use std::fmt;

use serde::{Serialize, Serializer};

/// A JSON pointer ([RFC 6901](https://www.rfc-editor.org/rfc/rfc6901)) built up while walking a document.
///
/// Reference tokens are escaped on the way in (`~` as `~0`, `/` as `~1`), so any key is safe.
///
/// # Example
///
/// ```
/// use learnwire_report::JsonPointer;
///
/// let at = JsonPointer::root().key("context").key("extensions").key("http://x/a~b").index(2);
/// assert_eq!(at.as_str(), "/context/extensions/http:~1~1x~1a~0b/2");
/// assert_eq!(JsonPointer::root().as_str(), "");
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct JsonPointer(String);

impl JsonPointer {
    /// The pointer to the whole document (the empty string).
    pub const fn root() -> Self {
        Self(String::new())
    }

    /// The pointer to member `name` of the object this pointer designates.
    #[must_use]
    pub fn key(&self, name: &str) -> Self {
        let mut text = String::with_capacity(self.0.len() + name.len() + 1);
        text.push_str(&self.0);
        text.push('/');
        for ch in name.chars() {
            match ch {
                '~' => text.push_str("~0"),
                '/' => text.push_str("~1"),
                other => text.push(other),
            }
        }
        Self(text)
    }

    /// The pointer to element `index` of the array this pointer designates.
    #[must_use]
    pub fn index(&self, index: usize) -> Self {
        Self(format!("{}/{index}", self.0))
    }

    /// The pointer's text, `""` for the root.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for JsonPointer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl Serialize for JsonPointer {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.0)
    }
}
