//! The run-time data types as parse-don't-validate newtypes: a value of one of these types is valid by
//! construction (rules Part G: G1 for SCORM 1.2, G2 for SCORM 2004).
//!
//! Every newtype keeps the exact string it was read from (rule RT-04): `Real::parse("7.0001")` reads
//! back `"7.0001"`, never a float's rendering. Lengths count Unicode scalar values (rule RT-07).

mod number;
pub(crate) mod scorm12;
pub(crate) mod scorm2004;
pub(crate) mod text;
mod time;

use std::fmt;

pub(crate) use number::{Number, within};
pub use scorm12::{
    CmiDecimal, CmiIdentifier, CmiInteger, CmiSInteger, CmiString255, CmiString4096, CmiTime,
    CmiTimespan,
};
pub use scorm2004::{Real, TimeInterval, Timestamp};
pub use text::{CharacterString, LanguageType, LocalizedString, LongIdentifier, ShortIdentifier};
pub(crate) use text::{is_uri_identifier, split_lang};
pub(crate) use time::Duration;

use learnwire_report::Code;

/// Why a value was refused by its type: the shape is wrong ([`InvalidKind::TypeMismatch`], SCORM 2004
/// error 406, SCORM 1.2 error 405) or a well-formed number lies outside its range
/// ([`InvalidKind::OutOfRange`], 2004 error 407, 1.2 error 405).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct InvalidValue {
    /// Which of the two.
    pub kind: InvalidKind,
    /// What was expected, for diagnostics (`"a CMITimespan HHHH:MM:SS.SS"`).
    pub expected: &'static str,
}

/// The two ways a value can fail its type.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum InvalidKind {
    /// Not of the type, format or vocabulary.
    TypeMismatch,
    /// A well-formed number outside the element's range.
    OutOfRange,
}

impl InvalidValue {
    pub(crate) const fn mismatch(expected: &'static str) -> Self {
        Self {
            kind: InvalidKind::TypeMismatch,
            expected,
        }
    }

    pub(crate) const fn range(expected: &'static str) -> Self {
        Self {
            kind: InvalidKind::OutOfRange,
            expected,
        }
    }

    /// The stable code: `scorm.runtime.type-mismatch` or `scorm.runtime.out-of-range`.
    pub fn code(&self) -> Code {
        match self.kind {
            InvalidKind::TypeMismatch => crate::rules::RUNTIME_TYPE_MISMATCH.code,
            InvalidKind::OutOfRange => crate::rules::RUNTIME_OUT_OF_RANGE.code,
        }
    }
}

impl fmt::Display for InvalidValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.kind {
            InvalidKind::TypeMismatch => write!(f, "{}: expected {}", self.code(), self.expected),
            InvalidKind::OutOfRange => write!(f, "{}: expected {}", self.code(), self.expected),
        }
    }
}

impl std::error::Error for InvalidValue {}

/// Defines a string newtype whose only constructor runs `$check`.
macro_rules! value_type {
    ($(#[$doc:meta])* $name:ident, $check:path) => {
        $(#[$doc])*
        #[derive(Clone, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
        #[serde(try_from = "String", into = "String")]
        pub struct $name(String);

        impl $name {
            /// Reads `value`, keeping it exactly as given.
            ///
            /// # Errors
            ///
            /// [`InvalidValue`](crate::runtime::types::InvalidValue) when `value` is not of this type
            /// or out of its range.
            pub fn parse(value: &str) -> Result<Self, crate::runtime::types::InvalidValue> {
                $check(value)?;
                Ok(Self(value.to_owned()))
            }

            /// The value as it was given.
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl TryFrom<String> for $name {
            type Error = crate::runtime::types::InvalidValue;
            fn try_from(value: String) -> Result<Self, Self::Error> {
                $check(&value)?;
                Ok(Self(value))
            }
        }

        impl From<$name> for String {
            fn from(value: $name) -> String {
                value.0
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(&self.0)
            }
        }
    };
}
pub(crate) use value_type;

/// Counts Unicode scalar values (rule RT-07), stopping once past `limit` so a huge value costs no more
/// than the limit.
pub(crate) fn chars_over(value: &str, limit: usize) -> bool {
    value.chars().nth(limit).is_some()
}
