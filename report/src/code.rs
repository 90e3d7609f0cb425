//! Stable issue codes.

use std::fmt;

use serde::{Serialize, Serializer};

/// A stable, dotted issue code such as `scorm.resource.href-missing`.
///
/// Codes are the contract with callers: logs, tests and the JSON output of the CLI match on them. A code
/// is never renamed or reused for another meaning. Each crate keeps its codes as constants.
///
/// # Example
///
/// ```
/// use learnwire_report::Code;
///
/// const HREF_MISSING: Code = Code::new("scorm.resource.href-missing");
/// assert_eq!(HREF_MISSING.as_str(), "scorm.resource.href-missing");
/// assert_eq!(HREF_MISSING.family(), "scorm");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Code(&'static str);

impl Code {
    /// Makes a code from its dotted text. The text is the code: keep it stable.
    pub const fn new(code: &'static str) -> Self {
        Self(code)
    }

    /// The dotted text of the code.
    pub const fn as_str(self) -> &'static str {
        self.0
    }

    /// The first dotted component (`scorm`, `xapi`, `lti`, `package`, ...).
    pub fn family(self) -> &'static str {
        self.0.split('.').next().unwrap_or(self.0)
    }
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.0)
    }
}

impl Serialize for Code {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.0)
    }
}
