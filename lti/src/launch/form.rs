//! The form a platform posts to the tool's launch URL (`id_token`, `state`).

use crate::error::LaunchError;
use crate::limits::Limits;

/// The launch form: `id_token` and `state` (OIDC form post, 1EdTech Security Framework §5.1.1.3).
#[derive(Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct LaunchForm {
    /// The signed message.
    pub id_token: String,
    /// The `state` echoed by the platform.
    pub state: Option<String>,
}

impl std::fmt::Debug for LaunchForm {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("LaunchForm")
            .field("id_token_len", &self.id_token.len())
            .finish_non_exhaustive()
    }
}

impl LaunchForm {
    /// A form from its fields.
    pub fn new(id_token: impl Into<String>, state: Option<String>) -> Self {
        Self {
            id_token: id_token.into(),
            state,
        }
    }

    /// Reads an `application/x-www-form-urlencoded` body. A field given twice is refused.
    ///
    /// # Errors
    /// [`LaunchError::MalformedForm`] (too large, repeated field) or [`LaunchError::MissingToken`].
    pub fn parse(body: &[u8], limits: &Limits) -> Result<Self, LaunchError> {
        let (token, state) = parse_form(body, limits, "id_token")?;
        Ok(Self {
            id_token: token,
            state,
        })
    }
}

/// Reads `token_field` and `state` from a form body, refusing repeats.
pub(crate) fn parse_form(
    body: &[u8],
    limits: &Limits,
    token_field: &'static str,
) -> Result<(String, Option<String>), LaunchError> {
    if body.len() > limits.max_form_bytes() {
        return Err(LaunchError::MalformedForm {
            reason: "the body is larger than the limit",
        });
    }
    let [token, state] =
        crate::form_fields::form_fields(body, &[token_field, "state"]).map_err(|_| {
            LaunchError::MalformedForm {
                reason: "a field appears twice",
            }
        })?;
    let token = token.ok_or(LaunchError::MissingToken { field: token_field })?;
    Ok((token, state))
}
