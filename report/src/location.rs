//! Where an issue is.

use std::fmt;

use serde::{Serialize, Serializer};

use crate::JsonPointer;

/// A position in an XML document: 1-based line and column (in characters), plus the byte offset.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[non_exhaustive]
pub struct XmlPosition {
    /// 1-based line.
    pub line: u32,
    /// 1-based column, counted in characters.
    pub column: u32,
    /// Byte offset from the start of the document.
    pub offset: u64,
}

impl XmlPosition {
    /// A position from its line, column and byte offset.
    pub const fn new(line: u32, column: u32, offset: u64) -> Self {
        Self {
            line,
            column,
            offset,
        }
    }
}

/// Where an [`Issue`](crate::Issue) was found.
///
/// Displayed (and serialized) as one readable string:
/// - JSON: the pointer, `/actor/mbox`;
/// - XML: `imsmanifest.xml:/manifest/resources/resource[2] (line 14, column 5)`;
/// - package: `entry "content/a.html"`, or `package` for the archive as a whole.
///
/// # Example
///
/// ```
/// use learnwire_report::{Location, XmlPosition};
///
/// let at = Location::xml("imsmanifest.xml", "/manifest/resources", XmlPosition::new(3, 5, 60));
/// assert_eq!(at.to_string(), "imsmanifest.xml:/manifest/resources (line 3, column 5)");
/// assert_eq!(Location::entry("a/b.html").to_string(), r#"entry "a/b.html""#);
/// ```
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[non_exhaustive]
pub enum Location {
    /// A place in a JSON document.
    Json {
        /// The JSON pointer of the value.
        pointer: JsonPointer,
    },
    /// A place in an XML document.
    Xml {
        /// The file, relative to the package root (empty for a lone document).
        file: String,
        /// The element path, `/manifest/resources/resource[2]` (1-based indexes among same-named siblings).
        path: String,
        /// Line and column of the element's start tag.
        position: XmlPosition,
    },
    /// An entry of a package (zip or folder), by its raw name.
    Entry {
        /// The entry name as stored (escaped when printed).
        name: String,
    },
    /// The package or document as a whole.
    Whole,
}

impl Location {
    /// A JSON location.
    pub fn json(pointer: JsonPointer) -> Self {
        Self::Json { pointer }
    }

    /// An XML location.
    pub fn xml(file: impl Into<String>, path: impl Into<String>, position: XmlPosition) -> Self {
        Self::Xml {
            file: file.into(),
            path: path.into(),
            position,
        }
    }

    /// A package entry location.
    pub fn entry(name: impl Into<String>) -> Self {
        Self::Entry { name: name.into() }
    }
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Json { pointer } => f.write_str(pointer.as_str()),
            Self::Xml {
                file,
                path,
                position,
            } => {
                if !file.is_empty() {
                    write!(f, "{file}:")?;
                }
                write!(
                    f,
                    "{path} (line {}, column {})",
                    position.line, position.column
                )
            }
            Self::Entry { name } => write!(f, "entry {}", crate::quote(name)),
            Self::Whole => f.write_str("package"),
        }
    }
}

impl Serialize for Location {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}
