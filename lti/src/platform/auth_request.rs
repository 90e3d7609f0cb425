//! Platform side of the OIDC login: check the authentication request a tool's login sends the browser to
//! (1EdTech Security Framework §5.1.1.2), before any `id_token` is signed.

use std::borrow::Borrow;

use learnwire_report::{Code, Untrusted};
use url::Url;

use super::ToolRegistration;
use crate::codes;
use crate::limits::Limits;

/// Why an authentication request was refused. Per OIDC, an error answer may only be sent to a
/// `redirect_uri` that was itself verified, so [`is_redirect_safe`](Self::is_redirect_safe) says whether
/// the caller may redirect back with the error or must show it.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum AuthRequestError {
    /// The query is longer than the limit.
    #[error("{}: authentication request is {length} bytes, more than the limit of {limit}", self.code())]
    TooLarge {
        /// Its length.
        length: usize,
        /// The limit.
        limit: usize,
    },
    /// A parameter appears twice.
    #[error("{}: parameter {name} appears twice", self.code())]
    DuplicateParameter {
        /// The parameter.
        name: &'static str,
    },
    /// A required parameter is missing or empty.
    #[error("{}: required parameter {name} is missing", self.code())]
    MissingParameter {
        /// The parameter.
        name: &'static str,
    },
    /// No tool has this client id.
    #[error("{}: unknown client_id {client_id}", self.code())]
    UnknownClient {
        /// The `client_id` parameter.
        client_id: Untrusted,
    },
    /// `redirect_uri` is not exactly one of the tool's registered redirect URIs.
    #[error("{}: redirect_uri {redirect_uri} is not registered for this tool", self.code())]
    UnregisteredRedirectUri {
        /// The `redirect_uri` parameter.
        redirect_uri: Untrusted,
    },
    /// A parameter has a value other than the one LTI requires (`response_type=id_token`,
    /// `scope=openid`, `response_mode=form_post`, `prompt=none`).
    #[error("{}: parameter {name} must be {expected}, not {found}", self.code())]
    InvalidParameter {
        /// The parameter.
        name: &'static str,
        /// The required value.
        expected: &'static str,
        /// The value found.
        found: Untrusted,
    },
    /// The login hint does not resolve to a user (the caller's hook said no).
    #[error("{}: login_hint does not resolve to a user of this session", self.code())]
    LoginHintRejected,
}

impl AuthRequestError {
    /// A stable code ("lti.auth-request.*").
    pub fn code(&self) -> Code {
        match self {
            Self::TooLarge { .. } => codes::AUTH_TOO_LARGE,
            Self::DuplicateParameter { .. } => codes::AUTH_DUPLICATE_PARAMETER,
            Self::MissingParameter { .. } => codes::AUTH_MISSING_PARAMETER,
            Self::UnknownClient { .. } => codes::AUTH_UNKNOWN_CLIENT,
            Self::UnregisteredRedirectUri { .. } => codes::AUTH_REDIRECT_URI,
            Self::InvalidParameter { .. } => codes::AUTH_INVALID_PARAMETER,
            Self::LoginHintRejected => codes::AUTH_LOGIN_HINT,
        }
    }

    /// True when the `redirect_uri` was verified before this error, so the error may be sent there.
    pub fn is_redirect_safe(&self) -> bool {
        matches!(
            self,
            Self::InvalidParameter { .. } | Self::LoginHintRejected
        )
    }
}

/// Platform side: the authentication request a tool's login sends the browser to, as the platform
/// receives it (unchecked until [`check`](Self::check)). (It was called `AuthRequest`; the tool builds
/// it as an [`AuthRedirect`](crate::login::AuthRedirect).)
#[derive(Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct ToolAuthRequest {
    /// `scope`.
    pub scope: Option<String>,
    /// `response_type`.
    pub response_type: Option<String>,
    /// `response_mode`.
    pub response_mode: Option<String>,
    /// `prompt`.
    pub prompt: Option<String>,
    /// `client_id`.
    pub client_id: Option<String>,
    /// `redirect_uri`.
    pub redirect_uri: Option<String>,
    /// `login_hint`.
    pub login_hint: Option<String>,
    /// `lti_message_hint`.
    pub lti_message_hint: Option<String>,
    /// `state` (echoed; optional in OIDC, always sent by LTI tools).
    pub state: Option<String>,
    /// `nonce`.
    pub nonce: Option<String>,
}

impl std::fmt::Debug for ToolAuthRequest {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ToolAuthRequest")
            .field("client_id", &self.client_id)
            .field("redirect_uri", &self.redirect_uri)
            .finish_non_exhaustive()
    }
}

const NAMES: [&str; 10] = [
    "scope",
    "response_type",
    "response_mode",
    "prompt",
    "client_id",
    "redirect_uri",
    "login_hint",
    "lti_message_hint",
    "state",
    "nonce",
];

impl ToolAuthRequest {
    /// Reads a query string or a form body. Unknown parameters are ignored; a known one twice is refused.
    ///
    /// # Errors
    /// [`AuthRequestError::TooLarge`] or [`AuthRequestError::DuplicateParameter`].
    pub fn parse(query: &[u8], limits: &Limits) -> Result<Self, AuthRequestError> {
        if query.len() > limits.max_query_bytes() {
            return Err(AuthRequestError::TooLarge {
                length: query.len(),
                limit: limits.max_query_bytes(),
            });
        }
        let values = crate::form_fields::form_fields(query, &NAMES)
            .map_err(|name| AuthRequestError::DuplicateParameter { name })?;
        let [
            scope,
            response_type,
            response_mode,
            prompt,
            client_id,
            redirect_uri,
            login_hint,
            lti_message_hint,
            state,
            nonce,
        ] = values;
        Ok(Self {
            scope,
            response_type,
            response_mode,
            prompt,
            client_id,
            redirect_uri,
            login_hint,
            lti_message_hint,
            state,
            nonce,
        })
    }

    /// Checks the request: client known (via `lookup`), `redirect_uri` exactly registered, the fixed
    /// LTI parameter values, `nonce` present, and `login_hint` resolved by `resolve_login_hint` (which
    /// returns the user the platform will launch, or `None`). Checks run in that order, so an error before
    /// the redirect URI is verified is never sent to it.
    ///
    /// # Errors
    /// An [`AuthRequestError`] naming the failed check.
    pub fn check<R: Borrow<ToolRegistration>, U>(
        &self,
        lookup: impl FnOnce(&str) -> Option<R>,
        resolve_login_hint: impl FnOnce(&str, Option<&str>) -> Option<U>,
    ) -> Result<CheckedAuthRequest<U>, AuthRequestError> {
        let client_id = required(&self.client_id, "client_id")?;
        let tool = lookup(client_id).ok_or_else(|| AuthRequestError::UnknownClient {
            client_id: Untrusted::new(client_id),
        })?;
        let tool: &ToolRegistration = tool.borrow();
        if tool.client_id != client_id {
            return Err(AuthRequestError::UnknownClient {
                client_id: Untrusted::new(client_id),
            });
        }
        let redirect_uri = required(&self.redirect_uri, "redirect_uri")?;
        let unregistered = || AuthRequestError::UnregisteredRedirectUri {
            redirect_uri: Untrusted::new(redirect_uri),
        };
        if !tool
            .redirect_uris
            .iter()
            .any(|registered| registered == redirect_uri)
        {
            return Err(unregistered());
        }
        let redirect = Url::parse(redirect_uri).map_err(|_| unregistered())?;
        for (value, name, expected) in [
            (&self.response_type, "response_type", "id_token"),
            (&self.scope, "scope", "openid"),
            (&self.response_mode, "response_mode", "form_post"),
            (&self.prompt, "prompt", "none"),
        ] {
            let found = required(value, name)?;
            if found != expected {
                return Err(AuthRequestError::InvalidParameter {
                    name,
                    expected,
                    found: Untrusted::new(found),
                });
            }
        }
        let nonce = required(&self.nonce, "nonce")?;
        let login_hint = required(&self.login_hint, "login_hint")?;
        let user = resolve_login_hint(login_hint, self.lti_message_hint.as_deref())
            .ok_or(AuthRequestError::LoginHintRejected)?;
        Ok(CheckedAuthRequest {
            client_id: client_id.to_owned(),
            redirect_uri: redirect,
            nonce: nonce.to_owned(),
            state: self.state.clone(),
            lti_message_hint: self.lti_message_hint.clone(),
            user,
        })
    }
}

fn required<'a>(
    value: &'a Option<String>,
    name: &'static str,
) -> Result<&'a str, AuthRequestError> {
    value
        .as_deref()
        .filter(|value| !value.is_empty())
        .ok_or(AuthRequestError::MissingParameter { name })
}

/// An authentication request that passed every check: what the platform needs to sign and post the
/// `id_token`. Only [`ToolAuthRequest::check`] makes one.
#[derive(Clone, Debug)]
pub struct CheckedAuthRequest<U> {
    client_id: String,
    redirect_uri: Url,
    nonce: String,
    state: Option<String>,
    lti_message_hint: Option<String>,
    user: U,
}

impl<U> CheckedAuthRequest<U> {
    /// The tool's client id (the `aud` of the message).
    pub fn client_id(&self) -> &str {
        &self.client_id
    }

    /// The verified redirect URI (where the form posts).
    pub fn redirect_uri(&self) -> &Url {
        &self.redirect_uri
    }

    /// The tool's nonce (copied into the message).
    pub fn nonce(&self) -> &str {
        &self.nonce
    }

    /// The tool's state (echoed in the form post).
    pub fn state(&self) -> Option<&str> {
        self.state.as_deref()
    }

    /// The message hint, which the platform issued at login initiation to say which launch this is.
    pub fn lti_message_hint(&self) -> Option<&str> {
        self.lti_message_hint.as_deref()
    }

    /// The user `resolve_login_hint` returned.
    pub fn user(&self) -> &U {
        &self.user
    }
}
