//! Reading a claims document to sign (a platform's message template, the CLI's `lti sign` input) with
//! the same strictness as a received token: duplicate members and deep nesting are refused.

use learnwire_jose::{JsonError, read_json};
use learnwire_report::Untrusted;
use serde_json::{Map, Value};

use crate::Limits;

/// Why [`read_claims`] refused a document.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ClaimsDocumentError {
    /// Not JSON at all (syntax, encoding, numbers out of range, trailing data), or larger than 1 MiB.
    #[error("lti.token.json: the claims are not JSON")]
    Syntax(#[source] JsonError),
    /// An object repeats a member: which value was meant is ambiguous, so it is refused.
    #[error("lti.token.duplicate-member: member {name} appears twice in one object")]
    DuplicateMember {
        /// The repeated member.
        name: Untrusted,
    },
    /// Nesting deeper than [`Limits::max_json_depth`].
    #[error("lti.token.too-deep: the claims nest deeper than {limit} levels")]
    TooDeep {
        /// The configured limit.
        limit: usize,
    },
    /// The document is JSON but not an object.
    #[error("lti.token.not-object: the claims are not a JSON object")]
    NotAnObject,
}

impl ClaimsDocumentError {
    /// The stable code: the same as for a received token's payload with the same problem
    /// (`lti.token.json`, `lti.token.duplicate-member`, `lti.token.too-deep`, `lti.token.not-object`).
    pub fn code(&self) -> learnwire_report::Code {
        match self {
            Self::Syntax(_) => crate::codes::TOKEN_JSON,
            Self::DuplicateMember { .. } => crate::codes::TOKEN_DUPLICATE_MEMBER,
            Self::TooDeep { .. } => crate::codes::TOKEN_TOO_DEEP,
            Self::NotAnObject => crate::codes::TOKEN_NOT_OBJECT,
        }
    }
}

/// Reads a claims object to sign, refusing duplicate members at any depth and nesting past
/// `limits.max_json_depth()`.
///
/// # Errors
///
/// [`ClaimsDocumentError`] naming what is wrong.
///
/// # Example
///
/// ```
/// use learnwire_lti::Limits;
/// use learnwire_lti::platform::{ClaimsDocumentError, read_claims};
///
/// let claims = read_claims(br#"{"sub": "u1"}"#, &Limits::default())?;
/// assert_eq!(claims["sub"], "u1");
/// assert!(matches!(
///     read_claims(br#"{"sub": "u1", "sub": "admin"}"#, &Limits::default()),
///     Err(ClaimsDocumentError::DuplicateMember { .. })
/// ));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn read_claims(
    bytes: &[u8],
    limits: &Limits,
) -> Result<Map<String, Value>, ClaimsDocumentError> {
    match read_json(bytes, &limits.jose()) {
        Ok(Value::Object(claims)) => Ok(claims),
        Ok(_) => Err(ClaimsDocumentError::NotAnObject),
        Err(JsonError::DuplicateMember { name, .. }) => {
            Err(ClaimsDocumentError::DuplicateMember { name })
        }
        Err(JsonError::TooDeep { limit, .. }) => Err(ClaimsDocumentError::TooDeep { limit }),
        Err(error) => Err(ClaimsDocumentError::Syntax(error)),
    }
}
