//! The third-party-initiated login request a platform sends to the tool (1EdTech Security Framework
//! §5.1.1.1), as a GET query or a POST form.

use crate::limits::Limits;

use super::LoginError;

/// The login initiation parameters. Unknown parameters are ignored; a known one given twice is refused.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct LoginInitiation {
    /// The platform's issuer (`iss`).
    pub iss: String,
    /// Opaque user hint, echoed in the authentication request (`login_hint`).
    pub login_hint: String,
    /// Where the launch should land (`target_link_uri`).
    pub target_link_uri: String,
    /// Opaque message hint, echoed (`lti_message_hint`).
    pub lti_message_hint: Option<String>,
    /// Our client id, when the platform sends it (`client_id`).
    pub client_id: Option<String>,
    /// The deployment, when the platform sends it (`lti_deployment_id`).
    pub lti_deployment_id: Option<String>,
    /// The platform storage target for cookie-less flows (`lti_storage_target`).
    pub lti_storage_target: Option<String>,
}

impl LoginInitiation {
    /// Reads a GET query string (without the leading `?`).
    ///
    /// # Errors
    /// [`LoginError::TooLarge`], [`LoginError::DuplicateParameter`] or [`LoginError::MissingParameter`].
    pub fn from_query(query: &str, limits: &Limits) -> Result<Self, LoginError> {
        Self::from_form(query.as_bytes(), limits)
    }

    /// Reads a POST body (`application/x-www-form-urlencoded`).
    ///
    /// # Errors
    /// As [`from_query`](Self::from_query).
    pub fn from_form(body: &[u8], limits: &Limits) -> Result<Self, LoginError> {
        if body.len() > limits.max_query_bytes() {
            return Err(LoginError::TooLarge {
                length: body.len(),
                limit: limits.max_query_bytes(),
            });
        }
        let fields = crate::form_fields::form_fields(body, &NAMES)
            .map_err(|name| LoginError::DuplicateParameter { name })?;
        let [
            iss,
            login_hint,
            target_link_uri,
            lti_message_hint,
            client_id,
            lti_deployment_id,
            lti_storage_target,
        ] = fields;
        let required = |value: Option<String>, name| {
            value
                .filter(|v| !v.is_empty())
                .ok_or(LoginError::MissingParameter { name })
        };
        Ok(Self {
            iss: required(iss, "iss")?,
            login_hint: required(login_hint, "login_hint")?,
            target_link_uri: required(target_link_uri, "target_link_uri")?,
            lti_message_hint,
            client_id,
            lti_deployment_id,
            lti_storage_target,
        })
    }

    /// Reads an [`http::Request`]: the query of a GET, the form body of a POST.
    ///
    /// # Errors
    /// [`LoginError::Malformed`] for another method; otherwise as [`from_query`](Self::from_query).
    pub fn from_http_request<B: AsRef<[u8]>>(
        request: &http::Request<B>,
        limits: &Limits,
    ) -> Result<Self, LoginError> {
        match *request.method() {
            http::Method::GET => {
                Self::from_query(request.uri().query().unwrap_or_default(), limits)
            }
            http::Method::POST => Self::from_form(request.body().as_ref(), limits),
            _ => Err(LoginError::Malformed {
                reason: "method is neither GET nor POST",
            }),
        }
    }
}

const NAMES: [&str; 7] = [
    "iss",
    "login_hint",
    "target_link_uri",
    "lti_message_hint",
    "client_id",
    "lti_deployment_id",
    "lti_storage_target",
];
