//! SCORM versions and their detection (rules V-01..V-06).

use std::fmt;

use serde::{Serialize, Serializer};

/// A SCORM version.
///
/// # Example
///
/// ```
/// use learnwire_scorm::Version;
///
/// assert_eq!(Version::Scorm2004Edition4.to_string(), "2004 4th Edition");
/// assert_eq!(Version::from_schemaversion(" CAM 1.3 "), Some(Version::Scorm2004Edition2));
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[non_exhaustive]
pub enum Version {
    /// SCORM 1.2.
    Scorm12,
    /// SCORM 2004 2nd Edition (`schemaversion` `CAM 1.3`).
    Scorm2004Edition2,
    /// SCORM 2004 3rd Edition.
    Scorm2004Edition3,
    /// SCORM 2004 4th Edition.
    Scorm2004Edition4,
}

impl Version {
    /// The version a `schemaversion` value names (trimmed, exact; `1.3` is read as 2nd Edition, as Moodle
    /// does).
    pub fn from_schemaversion(value: &str) -> Option<Self> {
        match value.trim() {
            "1.2" => Some(Self::Scorm12),
            "CAM 1.3" | "1.3" => Some(Self::Scorm2004Edition2),
            "2004 3rd Edition" => Some(Self::Scorm2004Edition3),
            "2004 4th Edition" => Some(Self::Scorm2004Edition4),
            _ => None,
        }
    }

    /// The display text: `1.2`, `2004 2nd Edition`, `2004 3rd Edition`, `2004 4th Edition`.
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Scorm12 => "1.2",
            Self::Scorm2004Edition2 => "2004 2nd Edition",
            Self::Scorm2004Edition3 => "2004 3rd Edition",
            Self::Scorm2004Edition4 => "2004 4th Edition",
        }
    }

    /// True for every SCORM 2004 edition.
    pub const fn is_2004(self) -> bool {
        !matches!(self, Self::Scorm12)
    }
}

impl fmt::Display for Version {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for Version {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}
