//! Opaque identifiers carried in LTI claims (deployment, resource link, context, user).
//!
//! LTI Core 1.3 §5.3.3, §5.3.5, §5.3.6 and §5.4.1: each is a case-sensitive string that "MUST NOT exceed
//! 255 ASCII characters in length". We enforce 1 to 255 bytes; non-ASCII text within that length is
//! accepted (some platforms send it) and compared byte for byte.

/// The longest identifier LTI allows, in bytes (LTI Core 1.3 §5.3.3).
pub const MAX_IDENTIFIER_LEN: usize = 255;

/// Why a string is not a valid LTI identifier.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum InvalidIdentifier {
    /// The identifier is the empty string.
    #[error("{kind} is empty")]
    Empty {
        /// Which identifier (for example `deployment_id`).
        kind: &'static str,
    },
    /// The identifier is longer than [`MAX_IDENTIFIER_LEN`] bytes.
    #[error("{kind} is {length} bytes long, the limit is 255")]
    TooLong {
        /// Which identifier (for example `deployment_id`).
        kind: &'static str,
        /// Its length in bytes.
        length: usize,
    },
}

/// Checks the identifier rule shared by every identifier newtype.
pub(crate) fn check_identifier(kind: &'static str, value: &str) -> Result<(), InvalidIdentifier> {
    if value.is_empty() {
        return Err(InvalidIdentifier::Empty { kind });
    }
    if value.len() > MAX_IDENTIFIER_LEN {
        return Err(InvalidIdentifier::TooLong {
            kind,
            length: value.len(),
        });
    }
    Ok(())
}

macro_rules! identifier {
    ($(#[$meta:meta])* $name:ident, $kind:literal) => {
        $(#[$meta])*
        #[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, ::serde::Serialize, ::serde::Deserialize)]
        #[serde(try_from = "String", into = "String")]
        pub struct $name(String);

        impl $name {
            /// Checks and wraps an identifier.
            ///
            /// # Errors
            /// [`InvalidIdentifier`] when `value` is empty or longer than 255 bytes.
            pub fn parse(value: impl Into<String>) -> Result<Self, InvalidIdentifier> {
                let value = value.into();
                check_identifier($kind, &value)?;
                Ok(Self(value))
            }

            /// The identifier, exactly as received.
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl TryFrom<String> for $name {
            type Error = InvalidIdentifier;
            fn try_from(value: String) -> Result<Self, Self::Error> {
                Self::parse(value)
            }
        }

        impl TryFrom<&str> for $name {
            type Error = InvalidIdentifier;
            fn try_from(value: &str) -> Result<Self, Self::Error> {
                Self::parse(value)
            }
        }

        impl From<$name> for String {
            fn from(value: $name) -> String {
                value.0
            }
        }

        impl AsRef<str> for $name {
            fn as_ref(&self) -> &str {
                &self.0
            }
        }

        impl ::core::fmt::Display for $name {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                f.write_str(&self.0)
            }
        }
    };
}

identifier!(
    /// `https://purl.imsglobal.org/spec/lti/claim/deployment_id` (LTI Core 1.3 §5.3.3): the platform's
    /// identifier for the tool deployment, stable for the (issuer, client_id) pair.
    ///
    /// # Example
    /// ```
    /// use learnwire_lti::claims::DeploymentId;
    /// let id = DeploymentId::parse("07940580-b309-415e-a37c-914d387c1150")?;
    /// assert_eq!(id.as_str(), "07940580-b309-415e-a37c-914d387c1150");
    /// assert!(DeploymentId::parse("").is_err());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    DeploymentId,
    "deployment_id"
);

identifier!(
    /// The `id` of the resource link claim (LTI Core 1.3 §5.3.5): stable and locally unique to the
    /// deployment.
    ResourceLinkId,
    "resource_link.id"
);

identifier!(
    /// The `id` of the context claim (LTI Core 1.3 §5.4.1): stable and locally unique to the deployment.
    ContextId,
    "context.id"
);

identifier!(
    /// A user identifier: the `sub` claim (LTI Core 1.3 §5.3.6), `for_user.user_id`, and the entries of
    /// `role_scope_mentor`. Stable, locally unique to the issuer, never reassigned.
    UserId,
    "user id"
);
