//! Open vocabularies: enums that name the values this crate knows and keep every other value verbatim.

/// A value outside a vocabulary this crate knows, kept exactly as received.
///
/// It is the payload of the hidden `Unrecognized` variant of every open vocabulary; read it through the
/// enum's `as_str()`. Its field is private so that naming a new value later breaks no one.
#[doc(hidden)]
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct UnrecognizedValue(pub(crate) String);

/// Declares an open vocabulary enum: known variants with their wire value (the first literal, used when
/// writing) and optional alternate spellings read as the same variant, plus a hidden catch-all.
macro_rules! open_vocabulary {
    (
        $(#[$meta:meta])*
        pub enum $name:ident {
            $( $(#[$vmeta:meta])* $variant:ident => $wire:literal $(| $alias:literal)* ),+ $(,)?
        }
    ) => {
        $(#[$meta])*
        #[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
        #[non_exhaustive]
        pub enum $name {
            $( $(#[$vmeta])* $variant, )+
            /// A value this crate does not know, kept verbatim (read it with `as_str()`).
            #[doc(hidden)]
            Unrecognized($crate::claims::UnrecognizedValue),
        }

        impl $name {
            /// Reads a wire value; values outside the vocabulary are kept verbatim, never rejected.
            pub fn parse(value: impl Into<String> + AsRef<str>) -> Self {
                match value.as_ref() {
                    $( $wire $(| $alias)* => Self::$variant, )+
                    _ => Self::Unrecognized($crate::claims::UnrecognizedValue(value.into())),
                }
            }

            /// The value as written on the wire (the canonical spelling for known values).
            pub fn as_str(&self) -> &str {
                match self {
                    $( Self::$variant => $wire, )+
                    Self::Unrecognized(value) => &value.0,
                }
            }

            /// Whether the value is outside the vocabulary this crate knows.
            pub fn is_unrecognized(&self) -> bool {
                matches!(self, Self::Unrecognized(_))
            }
        }

        impl ::core::fmt::Display for $name {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl ::core::convert::From<&str> for $name {
            fn from(value: &str) -> Self {
                Self::parse(value)
            }
        }

        impl ::core::convert::From<String> for $name {
            fn from(value: String) -> Self {
                Self::parse(value)
            }
        }

        impl ::serde::Serialize for $name {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> ::serde::Deserialize<'de> for $name {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let value = <String as ::serde::Deserialize>::deserialize(deserializer)?;
                Ok(Self::parse(value))
            }
        }
    };
}

pub(crate) use open_vocabulary;
