//! Reading a claims document to sign (a platform's message template, the CLI's `lti sign` input) with
//! the same strictness as a received token: duplicate members and deep nesting are refused.

use serde_json::{Map, Value};

use crate::Limits;
use crate::token::{StrictJsonError, parse_strict};

/// Why [`read_claims`] refused a document.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ClaimsDocumentError {
    /// Not JSON at all (syntax, encoding, numbers out of range, trailing data).
    #[error("the claims are not JSON")]
    Syntax(#[source] serde_json::Error),
    /// An object repeats a member: which value was meant is ambiguous, so it is refused.
    #[error("member {name:?} appears twice in one object")]
    DuplicateMember {
        /// The repeated member (truncated to 128 characters).
        name: String,
    },
    /// Nesting deeper than [`Limits::max_json_depth`].
    #[error("the claims nest deeper than {limit} levels")]
    TooDeep {
        /// The configured limit.
        limit: usize,
    },
    /// The document is JSON but not an object.
    #[error("the claims are not a JSON object")]
    NotAnObject,
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
    match parse_strict(bytes, limits.max_json_depth()) {
        Ok(Value::Object(claims)) => Ok(claims),
        Ok(_) => Err(ClaimsDocumentError::NotAnObject),
        Err(StrictJsonError::Duplicate(name)) => Err(ClaimsDocumentError::DuplicateMember {
            name: name.chars().take(128).collect(),
        }),
        Err(StrictJsonError::TooDeep) => Err(ClaimsDocumentError::TooDeep {
            limit: limits.max_json_depth(),
        }),
        Err(StrictJsonError::Syntax(error)) => Err(ClaimsDocumentError::Syntax(error)),
    }
}
