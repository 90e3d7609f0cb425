//! LTI Dynamic Registration 1.0 (<https://www.imsglobal.org/spec/lti-dr/v1p0>), both sides, sans-IO.
//!
//! | Side | Step | Entry point |
//! |---|---|---|
//! | tool | the platform opens the registration URL | [`RegistrationInitiation::from_http_request`] |
//! | tool | fetch and check the platform's openid-configuration | [`RegistrationInitiation::configuration_request`], [`PlatformConfiguration::parse_http_response`] |
//! | tool | post the registration, read the client id and deployment | [`RegistrationRequest::to_http_request`], [`RegistrationRequest::parse_http_response`] → [`ClientRegistration`] |
//! | platform | read and check a registration | [`RegistrationSubmission::from_http_request`], [`validate_registration_request`], [`parse_registration_request`] |
//! | platform | answer with the client id | [`registration_response`], [`DynamicRegistrationError::to_http_response`] |
//!
//! Documents are read with the strict JSON reader (duplicate members refused, depth and
//! [`Limits::max_oauth_body_bytes`] bounded) and checked by a walker that reports every problem with its
//! code and JSON pointer. Whether the registration token is the one the platform issued, and what the
//! new client id is, are the platform's decisions.
//!
//! # Example
//!
//! ```
//! use learnwire_lti::dynamic_registration::{RegistrationInitiation, parse_registration_request};
//! use learnwire_lti::{Limits, http};
//! let opened = http::Request::get("https://tool.example.com/register?openid_configuration=https%3A%2F%2Flms.example.edu%2F.well-known%2Fopenid-configuration&registration_token=t-1").body(Vec::new())?;
//! let initiation = RegistrationInitiation::from_http_request(&opened, &Limits::default())?;
//! let fetch = initiation.configuration_request()?;
//! assert_eq!(fetch.uri(), "https://lms.example.edu/.well-known/openid-configuration");
//! assert!(parse_registration_request(b"{}", &Limits::default()).is_err());
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod platform_configuration;
mod tool_configuration;
mod validate;
mod walk;

use std::fmt;

use learnwire_report::{Code, Report, Untrusted};
use serde_json::{Map, Value, json};
use url::Url;

pub use platform_configuration::{
    LtiPlatformConfiguration, PLATFORM_CONFIGURATION_CLAIM, PlatformConfiguration, SupportedMessage,
};
pub use tool_configuration::{
    LtiToolConfiguration, TOOL_CONFIGURATION_CLAIM, ToolConfiguration, ToolMessage,
};
pub use validate::{parse_registration_request, validate_registration_request};

use crate::codes;
use crate::limits::Limits;

/// Why a Dynamic Registration step failed.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum DynamicRegistrationError {
    /// The registration initiation has no https `openid_configuration`, repeats a parameter, or is
    /// larger than [`Limits::max_query_bytes`].
    #[error("{}: {reason}", self.code())]
    Initiation {
        /// What is wrong.
        reason: &'static str,
    },
    /// A registration request is not a `POST` of `application/json`, or its `Authorization` is not one
    /// `Bearer` token.
    #[error("{}: {reason}", self.code())]
    Malformed {
        /// What is wrong.
        reason: &'static str,
    },
    /// The platform answered with a status that is not a success.
    #[error("{}: the platform answered HTTP {status}", self.code())]
    Status {
        /// The HTTP status.
        status: u16,
        /// The start of the body, as received.
        body: Untrusted,
    },
    /// The document has problems; the report lists each with its code and JSON pointer.
    #[error("{}: {}", self.code(), .0)]
    Invalid(Report),
    /// The HTTP request could not be assembled.
    #[error("{}: the request could not be built", self.code())]
    Build(#[source] http::Error),
}

impl DynamicRegistrationError {
    /// The stable code (`lti.dynamic-registration.*`; for [`Invalid`](Self::Invalid), its first error's).
    pub fn code(&self) -> Code {
        match self {
            Self::Initiation { .. } => codes::DR_INITIATION,
            Self::Malformed { .. } => codes::DR_HTTP,
            Self::Status { .. } => codes::DR_STATUS,
            Self::Invalid(report) => report
                .errors()
                .next()
                .map_or(codes::DR_JSON, |issue| issue.code),
            Self::Build(_) => codes::DR_BUILD,
        }
    }

    pub(crate) fn status(status: http::StatusCode, body: &[u8]) -> Self {
        Self::Status {
            status: status.as_u16(),
            body: Untrusted::new(&String::from_utf8_lossy(body.get(..256).unwrap_or(body))),
        }
    }

    /// The platform's answer to a refused registration (RFC 7591 §3.2.2): 400 with JSON `error`
    /// (`invalid_redirect_uri` when a redirect URI is the problem, else `invalid_client_metadata`) and
    /// `error_description` naming the first error's code and pointer.
    pub fn to_http_response(&self) -> http::Response<Vec<u8>> {
        let first = match self {
            Self::Invalid(report) => report.errors().next(),
            _ => None,
        };
        let redirect = first.is_some_and(|issue| {
            matches!(&issue.location, learnwire_report::Location::Json { pointer } if pointer.as_str().starts_with("/redirect_uris"))
        });
        let description: String = match first {
            Some(issue) => format!("{} at {}", issue.code, issue.location),
            None => self.code().to_string(),
        }
        .chars()
        .filter(|c| matches!(*c, ' '..='~') && *c != '"' && *c != '\\')
        .collect();
        let error = if redirect {
            "invalid_redirect_uri"
        } else {
            "invalid_client_metadata"
        };
        let mut response = http::Response::new(
            json!({ "error": error, "error_description": description })
                .to_string()
                .into_bytes(),
        );
        *response.status_mut() = http::StatusCode::BAD_REQUEST;
        response.headers_mut().insert(
            http::header::CONTENT_TYPE,
            http::HeaderValue::from_static("application/json"),
        );
        response
    }
}

/// The platform opening the tool's registration URL (Dynamic Registration 1.0 §3.3):
/// `openid_configuration` and an optional `registration_token`. `Debug` hides the token.
#[derive(Clone)]
#[non_exhaustive]
pub struct RegistrationInitiation {
    /// `openid_configuration`: where the platform's configuration is (https).
    pub openid_configuration: Url,
    registration_token: Option<String>,
}

impl fmt::Debug for RegistrationInitiation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RegistrationInitiation")
            .field("openid_configuration", &self.openid_configuration.as_str())
            .field(
                "registration_token",
                &self.registration_token.as_ref().map(|_| "…"),
            )
            .finish()
    }
}

impl RegistrationInitiation {
    /// Reads the query of the request that opened the registration URL (a `GET`; a form `POST` body is
    /// read the same way when there is no query).
    ///
    /// # Errors
    /// [`DynamicRegistrationError::Initiation`].
    pub fn from_http_request<B: AsRef<[u8]>>(
        request: &http::Request<B>,
        limits: &Limits,
    ) -> Result<Self, DynamicRegistrationError> {
        match request.uri().query() {
            Some(query) => Self::from_query(query.as_bytes(), limits),
            None => Self::from_query(request.body().as_ref(), limits),
        }
    }

    /// Reads `openid_configuration` (an absolute https URL) and `registration_token` from a query string
    /// or form body.
    ///
    /// # Errors
    /// [`DynamicRegistrationError::Initiation`].
    pub fn from_query(query: &[u8], limits: &Limits) -> Result<Self, DynamicRegistrationError> {
        if query.len() > limits.max_query_bytes() {
            return Err(DynamicRegistrationError::Initiation {
                reason: "the registration initiation is larger than the limit",
            });
        }
        let [configuration, token] =
            crate::form_fields::form_fields(query, &["openid_configuration", "registration_token"])
                .map_err(|_| DynamicRegistrationError::Initiation {
                    reason: "a parameter appears twice",
                })?;
        let openid_configuration = configuration
            .and_then(|text| Url::parse(&text).ok())
            .filter(|url| url.scheme() == "https" && url.host().is_some())
            .ok_or(DynamicRegistrationError::Initiation {
                reason: "openid_configuration is missing or not an absolute https URL",
            })?;
        Ok(Self {
            openid_configuration,
            registration_token: token.filter(|token| !token.is_empty()),
        })
    }

    /// The registration token, to send as the bearer token of the registration request.
    pub fn registration_token(&self) -> Option<&str> {
        self.registration_token.as_deref()
    }

    /// The `GET` of the platform's configuration (`Accept: application/json`).
    ///
    /// # Errors
    /// [`DynamicRegistrationError::Build`].
    pub fn configuration_request(
        &self,
    ) -> Result<http::Request<Vec<u8>>, DynamicRegistrationError> {
        http::Request::get(self.openid_configuration.as_str())
            .header(http::header::ACCEPT, "application/json")
            .body(Vec::new())
            .map_err(DynamicRegistrationError::Build)
    }
}

/// The tool's registration for one platform: posts [`ToolConfiguration`] to the platform's
/// `registration_endpoint` with the registration token, and reads the answer.
///
/// # Example
///
/// ```no_run
/// # fn register(platform: &learnwire_lti::dynamic_registration::PlatformConfiguration,
/// #     initiation: &learnwire_lti::dynamic_registration::RegistrationInitiation,
/// #     tool: learnwire_lti::dynamic_registration::ToolConfiguration,
/// #     answer: learnwire_lti::http::Response<Vec<u8>>) -> Result<(), Box<dyn std::error::Error>> {
/// use learnwire_lti::dynamic_registration::RegistrationRequest;
/// let registration = RegistrationRequest::new(platform, initiation, tool);
/// let post = registration.to_http_request()?; // send it, get `answer`
/// let registered = registration.parse_http_response(&answer)?;
/// println!("client id {}", registered.client_id);
/// # Ok(()) }
/// ```
#[derive(Clone)]
pub struct RegistrationRequest {
    registration_endpoint: Url,
    registration_token: Option<String>,
    configuration: ToolConfiguration,
    limits: Limits,
}

impl fmt::Debug for RegistrationRequest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RegistrationRequest")
            .field(
                "registration_endpoint",
                &self.registration_endpoint.as_str(),
            )
            .field("configuration", &self.configuration)
            .finish_non_exhaustive()
    }
}

impl RegistrationRequest {
    /// The registration of `configuration` at `platform`'s registration endpoint, with the initiation's
    /// registration token.
    pub fn new(
        platform: &PlatformConfiguration,
        initiation: &RegistrationInitiation,
        configuration: ToolConfiguration,
    ) -> Self {
        Self {
            registration_endpoint: platform.registration_endpoint.clone(),
            registration_token: initiation.registration_token.clone(),
            configuration,
            limits: Limits::default(),
        }
    }

    /// Sets the limits (the response body size and JSON depth).
    #[must_use]
    pub fn with_limits(mut self, limits: Limits) -> Self {
        self.limits = limits;
        self
    }

    /// The configuration sent.
    pub fn configuration(&self) -> &ToolConfiguration {
        &self.configuration
    }

    /// The `POST` to the registration endpoint: `Content-Type` and `Accept` `application/json`, the
    /// registration token as `Authorization: Bearer` when there is one.
    ///
    /// # Errors
    /// [`DynamicRegistrationError::Build`] (a token that cannot be a header value, for example).
    pub fn to_http_request(&self) -> Result<http::Request<Vec<u8>>, DynamicRegistrationError> {
        let body = serde_json::to_vec(&self.configuration).unwrap_or_default();
        let mut builder = http::Request::post(self.registration_endpoint.as_str())
            .header(http::header::CONTENT_TYPE, "application/json")
            .header(http::header::ACCEPT, "application/json");
        if let Some(token) = &self.registration_token {
            builder = builder.header(http::header::AUTHORIZATION, format!("Bearer {token}"));
        }
        builder.body(body).map_err(DynamicRegistrationError::Build)
    }

    /// Reads the platform's answer (§3.6.2): a 200 or 201 JSON object with a non-empty `client_id`;
    /// `deployment_id` from the echoed LTI tool configuration when the platform set one.
    ///
    /// # Errors
    /// [`DynamicRegistrationError::Status`] for another status; [`DynamicRegistrationError::Invalid`] when
    /// the body is not a strict JSON object or has no `client_id` (or a `deployment_id` that is not a
    /// string).
    pub fn parse_http_response<B: AsRef<[u8]>>(
        &self,
        response: &http::Response<B>,
    ) -> Result<ClientRegistration, DynamicRegistrationError> {
        let body = response.body().as_ref();
        if !matches!(response.status().as_u16(), 200 | 201) {
            return Err(DynamicRegistrationError::status(response.status(), body));
        }
        let mut report = Report::new();
        let object = walk::read_object(body, &self.limits, &mut report);
        let registration = object.and_then(|object| read_registration(object, &mut report));
        match registration {
            Some(registration) if report.is_valid() => Ok(registration),
            _ => Err(DynamicRegistrationError::Invalid(report)),
        }
    }
}

fn read_registration(
    object: Map<String, Value>,
    report: &mut Report,
) -> Option<ClientRegistration> {
    let root = walk::Walk::new(&object, learnwire_report::JsonPointer::root());
    let client_id = root.string("client_id", true, report)?.to_owned();
    let deployment_id = root
        .object(TOOL_CONFIGURATION_CLAIM, false, report)
        .and_then(|lti| {
            walk::Walk::new(
                lti,
                learnwire_report::JsonPointer::root().key(TOOL_CONFIGURATION_CLAIM),
            )
            .string("deployment_id", false, report)
        })
        .map(str::to_owned);
    let configuration = serde_json::from_value(Value::Object(object.clone())).ok();
    Some(ClientRegistration {
        client_id,
        deployment_id,
        configuration,
        raw: object,
    })
}

/// The platform's answer to a registration: the tool's new client id and, when the platform created
/// one, its deployment.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct ClientRegistration {
    /// `client_id`.
    pub client_id: String,
    /// The echoed LTI tool configuration's `deployment_id`.
    pub deployment_id: Option<String>,
    /// The echoed registration, when it reads as a [`ToolConfiguration`].
    pub configuration: Option<ToolConfiguration>,
    /// Every member as received.
    pub raw: Map<String, Value>,
}

/// A registration request as the platform reads it: the checked configuration and the bearer
/// registration token, if any (the platform compares it with the one it issued). `Debug` hides the
/// token.
#[derive(Clone)]
#[non_exhaustive]
pub struct RegistrationSubmission {
    /// The checked registration.
    pub configuration: ToolConfiguration,
    /// The report's warnings (a launch URL off the tool's domain, for example).
    pub warnings: Report,
    registration_token: Option<String>,
}

impl fmt::Debug for RegistrationSubmission {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RegistrationSubmission")
            .field("configuration", &self.configuration)
            .field("warnings", &self.warnings)
            .field(
                "registration_token",
                &self.registration_token.as_ref().map(|_| "…"),
            )
            .finish()
    }
}

impl RegistrationSubmission {
    /// Reads a registration `POST`: `Content-Type: application/json`, at most one
    /// `Authorization: Bearer <token>`, then [`parse_registration_request`].
    ///
    /// # Errors
    /// [`DynamicRegistrationError::Malformed`]; [`DynamicRegistrationError::Invalid`] with the report.
    pub fn from_http_request<B: AsRef<[u8]>>(
        request: &http::Request<B>,
        limits: &Limits,
    ) -> Result<Self, DynamicRegistrationError> {
        let malformed = |reason| DynamicRegistrationError::Malformed { reason };
        if request.method() != http::Method::POST {
            return Err(malformed("the registration is not a POST"));
        }
        let json = request
            .headers()
            .get(http::header::CONTENT_TYPE)
            .and_then(|value| value.to_str().ok())
            .map(|text| text.split(';').next().unwrap_or_default().trim())
            .is_some_and(|media| media.eq_ignore_ascii_case("application/json"));
        if !json {
            return Err(malformed("the registration is not application/json"));
        }
        let mut authorizations = request
            .headers()
            .get_all(http::header::AUTHORIZATION)
            .iter();
        let registration_token = match (authorizations.next(), authorizations.next()) {
            (None, _) => None,
            (Some(value), None) => {
                let text = value
                    .to_str()
                    .map_err(|_| malformed("the Authorization header is not visible ASCII"))?;
                match text.split_once(' ') {
                    Some((scheme, token))
                        if scheme.eq_ignore_ascii_case("bearer") && !token.is_empty() =>
                    {
                        Some(token.to_owned())
                    }
                    _ => return Err(malformed("the Authorization header is not Bearer <token>")),
                }
            }
            (Some(_), Some(_)) => return Err(malformed("the Authorization header is repeated")),
        };
        let body = request.body().as_ref();
        let report = validate_registration_request(body, limits);
        if !report.is_valid() {
            return Err(DynamicRegistrationError::Invalid(report));
        }
        let configuration =
            parse_registration_request(body, limits).map_err(DynamicRegistrationError::Invalid)?;
        Ok(Self {
            configuration,
            warnings: report,
            registration_token,
        })
    }

    /// The bearer registration token, if the tool sent one.
    pub fn registration_token(&self) -> Option<&str> {
        self.registration_token.as_deref()
    }
}

/// The platform's answer to an accepted registration (Dynamic Registration 1.0 §3.6.2): 200 with the
/// registration echoed as JSON, `client_id` added and, when given, the LTI tool configuration's
/// `deployment_id` set.
///
/// # Example
///
/// ```
/// # use learnwire_lti::dynamic_registration::ToolConfiguration;
/// # use learnwire_lti::Url;
/// # let tool = ToolConfiguration::new("Quiz", Url::parse("https://t.example/login")?, vec![Url::parse("https://t.example/launch")?],
/// #     Url::parse("https://t.example/jwks")?, "t.example", Url::parse("https://t.example/launch")?);
/// use learnwire_lti::dynamic_registration::registration_response;
/// let answer = registration_response(&tool, "client-7", Some("deployment-1"));
/// let body: serde_json::Value = serde_json::from_slice(answer.body())?;
/// assert_eq!(body["client_id"], "client-7");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn registration_response(
    configuration: &ToolConfiguration,
    client_id: &str,
    deployment_id: Option<&str>,
) -> http::Response<Vec<u8>> {
    let mut echo = configuration.clone();
    if let Some(deployment_id) = deployment_id {
        echo.lti.deployment_id = Some(deployment_id.to_owned());
    }
    let mut body = serde_json::to_value(&echo).unwrap_or_default();
    if let Value::Object(object) = &mut body {
        object.insert("client_id".to_owned(), client_id.into());
    }
    let mut response = http::Response::new(body.to_string().into_bytes());
    response.headers_mut().insert(
        http::header::CONTENT_TYPE,
        http::HeaderValue::from_static("application/json"),
    );
    response
}
