//! The API error codes of both versions, their strings, and the mapping from a failed check to the
//! code each version uses for it (rules Part C: C1 for SCORM 1.2, C2 and C3 for SCORM 2004).

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::Version;

/// An API error code as `GetLastError` returns it (`0` for none).
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
#[serde(transparent)]
pub struct ErrorCode(u16);

impl ErrorCode {
    /// No error (`0`).
    pub const NONE: Self = Self(0);

    /// The number.
    pub const fn as_u16(self) -> u16 {
        self.0
    }

    /// True for `0`.
    pub const fn is_none(self) -> bool {
        self.0 == 0
    }

    pub(crate) const fn of(number: u16) -> Self {
        Self(number)
    }
}

impl fmt::Display for ErrorCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}

/// Every SCORM 1.2 code with its string (rules E12-0..E12-405).
pub const SCORM_12_ERRORS: &[(u16, &str)] = &[
    (0, "No error"),
    (101, "General exception"),
    (201, "Invalid argument error"),
    (202, "Element cannot have children"),
    (203, "Element not an array - cannot have count"),
    (301, "Not initialized"),
    (401, "Not implemented error"),
    (402, "Invalid set value, element is a keyword"),
    (403, "Element is read only"),
    (404, "Element is write only"),
    (405, "Incorrect Data Type"),
];

/// Every SCORM 2004 code with its string (RTE04 §3.1.7; rules E04-0..E04-408).
pub const SCORM_2004_ERRORS: &[(u16, &str)] = &[
    (0, "No Error"),
    (101, "General Exception"),
    (102, "General Initialization Failure"),
    (103, "Already Initialized"),
    (104, "Content Instance Terminated"),
    (111, "General Termination Failure"),
    (112, "Termination Before Initialization"),
    (113, "Termination After Termination"),
    (122, "Retrieve Data Before Initialization"),
    (123, "Retrieve Data After Termination"),
    (132, "Store Data Before Initialization"),
    (133, "Store Data After Termination"),
    (142, "Commit Before Initialization"),
    (143, "Commit After Termination"),
    (201, "General Argument Error"),
    (301, "General Get Failure"),
    (351, "General Set Failure"),
    (391, "General Commit Failure"),
    (401, "Undefined Data Model Element"),
    (402, "Unimplemented Data Model Element"),
    (403, "Data Model Element Value Not Initialized"),
    (404, "Data Model Element Is Read Only"),
    (405, "Data Model Element Is Write Only"),
    (406, "Data Model Element Type Mismatch"),
    (407, "Data Model Element Value Out Of Range"),
    (408, "Data Model Dependency Not Established"),
];

/// The codes of `version`.
pub fn error_codes(version: Version) -> &'static [(u16, &'static str)] {
    if version.is_2004() {
        SCORM_2004_ERRORS
    } else {
        SCORM_12_ERRORS
    }
}

/// The string `GetErrorString(code)` returns: the text of a defined code, `""` for anything else (an
/// undefined number, `"001"`, `""`; rules A12-12, A04-13).
pub fn error_string(version: Version, code: &str) -> &'static str {
    let canonical = code.parse::<u16>().ok().filter(|n| n.to_string() == code);
    canonical
        .and_then(|n| error_codes(version).iter().find(|(c, _)| *c == n))
        .map_or("", |(_, text)| text)
}

/// Why a data-model call failed, before it becomes a version's number.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Fault {
    /// `""` as the element name.
    ElementEmpty,
    /// Not an element of the model.
    Undefined,
    /// A container (`cmi.score`) used as a leaf (P-02).
    Container,
    /// `_children` on an element without children.
    NoChildren,
    /// `_count` on a non-collection.
    NoCount,
    /// `_version` elsewhere than `cmi._version`.
    NoVersion,
    /// `SetValue` of a keyword (P-03).
    Keyword,
    /// Index ≥ `_count` on get, or a malformed index.
    IndexOutOfRange,
    /// Index > `_count` on set, or a record the SCO may not create.
    IndexOutOfOrder,
    /// A prerequisite of the record is not set (P-08).
    Dependency,
    /// Uniqueness or write-once (X-07, P-11, P-12), or an absolute maximum (I04).
    Unique,
    /// A configured cap ([`Limits`](crate::runtime::Limits)) was reached (PM-06).
    Limit,
    /// Read-only element.
    ReadOnly,
    /// Write-only element.
    WriteOnly,
    /// Never set and no initial value (2004 403).
    NotInitialized,
    /// Type, format or vocabulary.
    TypeMismatch,
    /// A number outside its range.
    OutOfRange,
}

/// Which call reported a fault.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Op {
    Get,
    Set,
}

impl Fault {
    /// The error number `version` uses for this fault in a `GetValue` or `SetValue` (rules N1, N2).
    pub(crate) fn number(self, version: Version, op: Op) -> ErrorCode {
        let number = if version.is_2004() {
            match (self, op) {
                (Self::ElementEmpty, Op::Get) => 301,
                (Self::ElementEmpty, Op::Set) => 351,
                (Self::Undefined | Self::Container, _) => 401,
                (Self::NoChildren | Self::NoCount | Self::NoVersion, Op::Get) => 301,
                (Self::NoChildren | Self::NoCount | Self::NoVersion | Self::Keyword, Op::Set) => {
                    404
                }
                (Self::Keyword, Op::Get) => 301,
                (Self::IndexOutOfRange | Self::IndexOutOfOrder, Op::Get) => 301,
                (Self::IndexOutOfRange | Self::IndexOutOfOrder, Op::Set) => 351,
                (Self::Dependency, _) => 408,
                (Self::Unique | Self::Limit, Op::Set) => 351,
                (Self::Unique | Self::Limit, Op::Get) => 301,
                (Self::ReadOnly, _) => 404,
                (Self::WriteOnly, _) => 405,
                (Self::NotInitialized, _) => 403,
                (Self::TypeMismatch, _) => 406,
                (Self::OutOfRange, _) => 407,
            }
        } else {
            match (self, op) {
                (Self::ElementEmpty | Self::Container, _) => 201,
                (Self::Undefined | Self::NoVersion, _) => 401,
                (Self::NoChildren, Op::Get) => 202,
                (Self::NoCount, Op::Get) => 203,
                (Self::NoChildren | Self::NoCount | Self::Keyword, Op::Set) => 402,
                (Self::Keyword, Op::Get) => 201,
                (Self::IndexOutOfRange | Self::IndexOutOfOrder, _) => 201,
                (Self::Dependency | Self::Unique, _) => 201,
                (Self::Limit | Self::TypeMismatch | Self::OutOfRange, _) => 405,
                (Self::ReadOnly, _) => 403,
                (Self::WriteOnly, _) => 404,
                (Self::NotInitialized, _) => 0,
            }
        };
        ErrorCode(number)
    }

    /// A plain explanation for `GetDiagnostic`.
    pub(crate) const fn explain(self) -> &'static str {
        match self {
            Self::ElementEmpty => "no data model element was named",
            Self::Undefined => "not an element of this data model",
            Self::Container => "names a group of elements, not an element with a value",
            Self::NoChildren => "this element has no _children",
            Self::NoCount => "this element is not a collection and has no _count",
            Self::NoVersion => "only cmi._version exists",
            Self::Keyword => "keywords (_children, _count, _version) are read-only",
            Self::IndexOutOfRange => "the index is not that of an existing record",
            Self::IndexOutOfOrder => "records are added at index _count, no gaps",
            Self::Dependency => "the record's id (and for responses its type) must be set first",
            Self::Unique => {
                "the identifier is already used in this collection, cannot change, or the collection is full"
            }
            Self::Limit => "a configured limit of this LMS was reached",
            Self::ReadOnly => "the element is read-only",
            Self::WriteOnly => "the element is write-only",
            Self::NotInitialized => "the element has no value yet",
            Self::TypeMismatch => "the value is not of the element's type",
            Self::OutOfRange => "the number is outside the element's range",
        }
    }

    /// The stable code of this fault in reports (a rejected element of a batch).
    pub(crate) const fn rule(self) -> crate::rules::Rule {
        use crate::rules;
        match self {
            Self::ElementEmpty | Self::Undefined | Self::Container => rules::RUNTIME_UNDEFINED,
            Self::NoChildren | Self::NoCount | Self::NoVersion | Self::Keyword => {
                rules::RUNTIME_KEYWORD
            }
            Self::IndexOutOfRange | Self::IndexOutOfOrder => rules::RUNTIME_INDEX,
            Self::Dependency => rules::RUNTIME_DEPENDENCY,
            Self::Unique => rules::RUNTIME_UNIQUE,
            Self::Limit => rules::RUNTIME_LIMIT,
            Self::ReadOnly | Self::WriteOnly | Self::NotInitialized => rules::RUNTIME_ACCESS,
            Self::TypeMismatch => rules::RUNTIME_TYPE_MISMATCH,
            Self::OutOfRange => rules::RUNTIME_OUT_OF_RANGE,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn error_strings_are_defined_for_every_code_and_empty_otherwise() {
        for version in [Version::Scorm12, Version::Scorm2004Edition4] {
            for (code, text) in error_codes(version) {
                assert_eq!(
                    error_string(version, &code.to_string()),
                    *text,
                    "{version} {code}"
                );
                assert!(!text.is_empty() && text.len() < 255);
            }
            for undefined in ["", "001", "1444", "999", "x", "-1"] {
                assert_eq!(
                    error_string(version, undefined),
                    "",
                    "{version} {undefined:?}"
                );
            }
        }
        assert_eq!(error_string(Version::Scorm12, "408"), "");
        assert_eq!(error_string(Version::Scorm12, "406"), "");
    }
}
