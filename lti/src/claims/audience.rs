//! The `aud` claim (OpenID Connect Core §2, RFC 7519 §4.1.3): one string or an array of strings.

use serde::{Deserialize, Serialize};

/// `aud`: the audience(s) the token is for, in the shape it was sent (a string or an array).
///
/// Checking it (our client id present, `azp` when several, extra audiences trusted) is the verifier's
/// job; this type only reads it. An empty array reads fine and contains nothing.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
#[non_exhaustive]
pub enum Audience {
    /// `"aud": "client-id"`.
    Single(String),
    /// `"aud": ["client-id", "other"]`.
    Multiple(Vec<String>),
}

impl Audience {
    /// The audiences as a slice (one element for [`Audience::Single`]).
    pub fn as_slice(&self) -> &[String] {
        match self {
            Self::Single(one) => core::slice::from_ref(one),
            Self::Multiple(many) => many,
        }
    }

    /// Whether `audience` is one of the audiences (exact, case-sensitive).
    pub fn contains(&self, audience: &str) -> bool {
        self.as_slice().iter().any(|value| value == audience)
    }
}

impl From<String> for Audience {
    fn from(value: String) -> Self {
        Self::Single(value)
    }
}

impl From<&str> for Audience {
    fn from(value: &str) -> Self {
        Self::Single(value.to_owned())
    }
}
