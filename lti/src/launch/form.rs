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

    /// Reads the platform's form post from an [`http::Request`]: a `POST` whose body is
    /// `application/x-www-form-urlencoded` (a `Content-Type` naming another media type is refused; none
    /// at all is read as a form, as browsers always send one), then as [`parse`](Self::parse).
    ///
    /// # Errors
    /// [`LaunchError::MalformedForm`] for another method, another content type, a body larger than
    /// [`Limits::max_form_bytes`] or a repeated field; [`LaunchError::MissingToken`].
    ///
    /// # Example
    ///
    /// ```
    /// use learnwire_lti::launch::LaunchForm;
    /// use learnwire_lti::{Limits, http};
    ///
    /// let request = http::Request::post("https://tool.example.com/launch")
    ///     .header("content-type", "application/x-www-form-urlencoded")
    ///     .body(b"id_token=eyJ.eyJ.sig&state=s-1".to_vec())?;
    /// let form = LaunchForm::from_http_request(&request, &Limits::default())?;
    /// assert_eq!(form.state.as_deref(), Some("s-1"));
    /// let get = http::Request::get("https://tool.example.com/launch?id_token=x").body(Vec::new())?;
    /// let error = LaunchForm::from_http_request(&get, &Limits::default()).unwrap_err();
    /// assert_eq!(error.code().as_str(), "lti.form.malformed");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn from_http_request<B: AsRef<[u8]>>(
        request: &http::Request<B>,
        limits: &Limits,
    ) -> Result<Self, LaunchError> {
        if request.method() != http::Method::POST {
            return Err(LaunchError::MalformedForm {
                reason: "the launch is not a POST",
            });
        }
        let media_type = request
            .headers()
            .get(http::header::CONTENT_TYPE)
            .map(|value| {
                value
                    .to_str()
                    .map(|text| text.split(';').next().unwrap_or_default().trim())
            });
        match media_type {
            None => {}
            Some(Ok(media_type))
                if media_type.eq_ignore_ascii_case("application/x-www-form-urlencoded") => {}
            Some(_) => {
                return Err(LaunchError::MalformedForm {
                    reason: "the body is not application/x-www-form-urlencoded",
                });
            }
        }
        Self::parse(request.body().as_ref(), limits)
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
