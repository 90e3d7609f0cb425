//! The string newtype pattern: private `String`, `parse` through one check, serde through `parse`.

/// Declares a validated string newtype `$name` whose constructor runs `$check(&str) -> bool`; its error
/// `$error` has the code of `Rule::$rule`.
macro_rules! string_newtype {
    ($(#[$doc:meta])* $name:ident, $error:ident, $what:literal, $check:expr, $rule:ident) => {
        $(#[$doc])*
        #[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize)]
        #[serde(try_from = "String", into = "String")]
        pub struct $name(String);

        #[doc = concat!("The text is not ", $what, ".")]
        #[derive(Clone, Debug, PartialEq, Eq)]
        #[non_exhaustive]
        pub struct $error;

        impl $error {
            #[doc = concat!("The code of the rule the text breaks (`", stringify!($rule), "`).")]
            pub fn code(&self) -> learnwire_report::Code {
                crate::Rule::$rule.code()
            }
        }

        impl std::fmt::Display for $error {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                write!(f, "{}: {}", self.code(), concat!("not ", $what))
            }
        }

        impl std::error::Error for $error {}

        impl $name {
            #[doc = concat!("Checks that `value` is ", $what, ".")]
            ///
            /// # Errors
            #[doc = concat!("[`", stringify!($error), "`] when it is not.")]
            pub fn parse(value: impl Into<String>) -> Result<Self, $error> {
                let value = value.into();
                let check: fn(&str) -> bool = $check;
                if check(&value) { Ok(Self(value)) } else { Err($error) }
            }

            /// The text, exactly as received.
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl TryFrom<String> for $name {
            type Error = $error;

            fn try_from(value: String) -> Result<Self, Self::Error> {
                Self::parse(value)
            }
        }

        impl std::str::FromStr for $name {
            type Err = $error;

            fn from_str(value: &str) -> Result<Self, Self::Err> {
                Self::parse(value)
            }
        }

        impl From<$name> for String {
            fn from(value: $name) -> Self {
                value.0
            }
        }

        impl AsRef<str> for $name {
            fn as_ref(&self) -> &str {
                &self.0
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(&self.0)
            }
        }
    };
}

pub(crate) use string_newtype;
