//! Tool side: the platform's OpenID configuration (LTI Dynamic Registration 1.0 §3.4-§3.5), read and
//! checked as the spec requires.

use learnwire_report::{JsonPointer, Location, Report, quote};
use serde_json::{Map, Value};
use url::Url;

use super::DynamicRegistrationError;
use super::walk::{Walk, read_object};
use crate::codes;
use crate::limits::Limits;

/// The member holding the LTI part of the platform configuration.
pub const PLATFORM_CONFIGURATION_CLAIM: &str =
    "https://purl.imsglobal.org/spec/lti-platform-configuration";

/// A message type the platform supports (`messages_supported`, Dynamic Registration 1.0 §3.5.2).
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct SupportedMessage {
    /// `type`, such as `LtiResourceLinkRequest`.
    pub message_type: String,
    /// `placements`, when listed.
    pub placements: Vec<String>,
}

/// `https://purl.imsglobal.org/spec/lti-platform-configuration` (Dynamic Registration 1.0 §3.5.2).
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct LtiPlatformConfiguration {
    /// `product_family_code` (for example `canvas`, `moodle`).
    pub product_family_code: String,
    /// `version` of the platform software.
    pub version: String,
    /// `messages_supported`.
    pub messages_supported: Vec<SupportedMessage>,
    /// `variables`: the custom parameter substitution variables supported.
    pub variables: Vec<String>,
    /// Members not defined by the spec, kept verbatim.
    pub extensions: Map<String, Value>,
}

/// A platform's OpenID configuration as LTI Dynamic Registration 1.0 §3.5 requires it. Only
/// [`parse`](Self::parse) makes one, after every check passed.
///
/// # Example
///
/// ```
/// use learnwire_lti::dynamic_registration::PlatformConfiguration;
/// use learnwire_lti::{Limits, Url};
/// let url = Url::parse("https://lms.example.edu/.well-known/openid-configuration")?;
/// let report = PlatformConfiguration::parse(br#"{"issuer":"http://lms.example.edu"}"#, &url, &Limits::default()).unwrap_err();
/// assert!(report.has_code("lti.dynamic-registration.issuer"));
/// assert!(report.has_code("lti.dynamic-registration.missing"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct PlatformConfiguration {
    /// `issuer`: the platform's issuer identifier exactly as sent (an https URL without query or
    /// fragment), the value launches carry in `iss` and are compared with byte for byte.
    pub issuer: String,
    /// `authorization_endpoint`: the OIDC authentication request URL.
    pub authorization_endpoint: Url,
    /// `token_endpoint`: the OAuth token URL.
    pub token_endpoint: Url,
    /// `jwks_uri`: the platform's keys.
    pub jwks_uri: Url,
    /// `registration_endpoint`: where the tool posts its registration.
    pub registration_endpoint: Url,
    /// `authorization_server`: the `aud` to use in client assertions when set (§3.5.1 note).
    pub authorization_server: Option<String>,
    /// `scopes_supported`.
    pub scopes_supported: Vec<String>,
    /// `token_endpoint_auth_methods_supported` (contains `private_key_jwt`).
    pub token_endpoint_auth_methods_supported: Vec<String>,
    /// `token_endpoint_auth_signing_alg_values_supported` (contains `RS256`).
    pub token_endpoint_auth_signing_alg_values_supported: Vec<String>,
    /// `id_token_signing_alg_values_supported` (contains `RS256`).
    pub id_token_signing_alg_values_supported: Vec<String>,
    /// `response_types_supported` (contains `id_token`).
    pub response_types_supported: Vec<String>,
    /// `subject_types_supported`.
    pub subject_types_supported: Vec<String>,
    /// `claims_supported`.
    pub claims_supported: Vec<String>,
    /// The LTI part.
    pub lti: LtiPlatformConfiguration,
    /// Every member as received.
    pub raw: Map<String, Value>,
}

impl PlatformConfiguration {
    /// Reads and checks the configuration fetched from `openid_configuration` (the URL the platform
    /// gave in the registration initiation): strict JSON within [`Limits::max_oauth_body_bytes`]; the
    /// required members with their types; `issuer` an https URL without query or fragment whose host and
    /// port are the configuration URL's (§3.5.1, so a platform cannot name another issuer); every
    /// endpoint an absolute https URL; `private_key_jwt`, `RS256` (twice), `id_token` and `openid` in
    /// their lists; the LTI part with `product_family_code`, `version` and `messages_supported`.
    ///
    /// # Errors
    /// A [`Report`] of every problem, each with its code (`lti.dynamic-registration.*`) and JSON pointer.
    pub fn parse(
        bytes: &[u8],
        openid_configuration: &Url,
        limits: &Limits,
    ) -> Result<Self, Report> {
        let mut report = Report::new();
        let read = read_object(bytes, limits, &mut report)
            .and_then(|object| check(object, openid_configuration, &mut report));
        match read {
            Some(configuration) if report.is_valid() => Ok(configuration),
            _ => Err(report),
        }
    }

    /// Reads the answer to the configuration `GET`: a 200, then [`parse`](Self::parse).
    ///
    /// # Errors
    /// [`DynamicRegistrationError::Status`] for another status (body kept, cut);
    /// [`DynamicRegistrationError::Invalid`] with the report.
    pub fn parse_http_response<B: AsRef<[u8]>>(
        response: &http::Response<B>,
        openid_configuration: &Url,
        limits: &Limits,
    ) -> Result<Self, DynamicRegistrationError> {
        let body = response.body().as_ref();
        if response.status() != http::StatusCode::OK {
            return Err(DynamicRegistrationError::status(response.status(), body));
        }
        Self::parse(body, openid_configuration, limits).map_err(DynamicRegistrationError::Invalid)
    }

    /// The `aud` a client assertion should name at this platform: `authorization_server` when set, else
    /// the token endpoint exactly as sent (platforms compare it as a string).
    pub fn token_audience(&self) -> &str {
        self.authorization_server
            .as_deref()
            .or_else(|| self.raw.get("token_endpoint").and_then(Value::as_str))
            .unwrap_or(self.token_endpoint.as_str())
    }

    /// The tool's record of this platform once registered: issuer, the client id (and deployment) the
    /// platform answered, its authorization endpoint, the tool's `redirect_uri`, and the platform's keys
    /// (fetched from [`jwks_uri`](Self::jwks_uri) by the caller).
    pub fn platform_registration(
        &self,
        registration: &super::ClientRegistration,
        redirect_uri: Url,
        platform_keys: std::sync::Arc<crate::keys::KeySet>,
    ) -> crate::PlatformRegistration {
        let mut platform = crate::PlatformRegistration::new(
            self.issuer.clone(),
            registration.client_id.clone(),
            self.authorization_endpoint.clone(),
            redirect_uri,
            platform_keys,
        );
        if let Some(deployment_id) = &registration.deployment_id {
            platform.deployment_ids.insert(deployment_id.clone());
        }
        platform
    }
}

/// Checks the configuration object; the typed value when its required members read.
fn check(
    object: Map<String, Value>,
    openid_configuration: &Url,
    report: &mut Report,
) -> Option<PlatformConfiguration> {
    let walk = Walk::new(&object, JsonPointer::root());
    let issuer = walk.https_url("issuer", true, report);
    if let Some(issuer) = &issuer {
        walk.require(
            issuer.query().is_none() && issuer.fragment().is_none(),
            codes::DR_ISSUER,
            "issuer",
            "issuer must have no query or fragment",
            report,
        );
        let same_origin = issuer.host_str() == openid_configuration.host_str()
            && issuer.port_or_known_default() == openid_configuration.port_or_known_default();
        walk.require(
            same_origin,
            codes::DR_ISSUER,
            "issuer",
            format!(
                "issuer {} is not on the host of the openid_configuration URL {}",
                quote(issuer.as_str()),
                quote(openid_configuration.as_str())
            ),
            report,
        );
    } else if let Some(text) = object.get("issuer").and_then(Value::as_str) {
        report.error(
            codes::DR_ISSUER,
            Location::json(JsonPointer::root().key("issuer")),
            format!("issuer {} is not an https URL", quote(text)),
        );
    }
    let authorization_endpoint = walk.https_url("authorization_endpoint", true, report);
    let token_endpoint = walk.https_url("token_endpoint", true, report);
    let jwks_uri = walk.https_url("jwks_uri", true, report);
    let registration_endpoint = walk.https_url("registration_endpoint", true, report);
    let authorization_server = walk.string("authorization_server", false, report);
    let list = |name: &str, must_hold: Option<&str>, report: &mut Report| -> Vec<String> {
        let values = walk.strings(name, true, report).unwrap_or_default();
        if let Some(needed) = must_hold
            && walk.object.get(name).is_some_and(Value::is_array)
        {
            walk.require(
                values.contains(&needed),
                codes::DR_VALUE,
                name,
                format!("{name} must contain {needed}"),
                report,
            );
        }
        values.into_iter().map(str::to_owned).collect()
    };
    let scopes_supported = list("scopes_supported", Some("openid"), report);
    let auth_methods = list(
        "token_endpoint_auth_methods_supported",
        Some("private_key_jwt"),
        report,
    );
    let auth_algs = list(
        "token_endpoint_auth_signing_alg_values_supported",
        Some("RS256"),
        report,
    );
    let id_token_algs = list(
        "id_token_signing_alg_values_supported",
        Some("RS256"),
        report,
    );
    let response_types = list("response_types_supported", Some("id_token"), report);
    let subject_types = list("subject_types_supported", None, report);
    let claims_supported = list("claims_supported", None, report);
    let lti = walk
        .object(PLATFORM_CONFIGURATION_CLAIM, true, report)
        .and_then(|lti| {
            check_lti(
                lti,
                JsonPointer::root().key(PLATFORM_CONFIGURATION_CLAIM),
                report,
            )
        });
    let issuer_text = object
        .get("issuer")
        .and_then(Value::as_str)
        .map(str::to_owned);
    issuer?;
    Some(PlatformConfiguration {
        issuer: issuer_text?,
        authorization_endpoint: authorization_endpoint?,
        token_endpoint: token_endpoint?,
        jwks_uri: jwks_uri?,
        registration_endpoint: registration_endpoint?,
        authorization_server: authorization_server.map(str::to_owned),
        scopes_supported,
        token_endpoint_auth_methods_supported: auth_methods,
        token_endpoint_auth_signing_alg_values_supported: auth_algs,
        id_token_signing_alg_values_supported: id_token_algs,
        response_types_supported: response_types,
        subject_types_supported: subject_types,
        claims_supported,
        lti: lti?,
        raw: object,
    })
}

fn check_lti(
    object: &Map<String, Value>,
    at: JsonPointer,
    report: &mut Report,
) -> Option<LtiPlatformConfiguration> {
    let walk = Walk::new(object, at);
    let product_family_code = walk.string("product_family_code", true, report);
    let version = walk.string("version", true, report);
    let messages = walk.objects("messages_supported", true, report);
    let messages_supported = messages
        .iter()
        .filter_map(|message| {
            let message_type = message.string("type", true, report)?;
            Some(SupportedMessage {
                message_type: message_type.to_owned(),
                placements: message
                    .strings("placements", false, report)
                    .unwrap_or_default()
                    .into_iter()
                    .map(str::to_owned)
                    .collect(),
            })
        })
        .collect();
    let variables = walk
        .strings("variables", false, report)
        .unwrap_or_default()
        .into_iter()
        .map(str::to_owned)
        .collect();
    const KNOWN: [&str; 4] = [
        "product_family_code",
        "version",
        "messages_supported",
        "variables",
    ];
    let extensions = object
        .iter()
        .filter(|(name, _)| !KNOWN.contains(&name.as_str()))
        .map(|(name, value)| (name.clone(), value.clone()))
        .collect();
    Some(LtiPlatformConfiguration {
        product_family_code: product_family_code?.to_owned(),
        version: version?.to_owned(),
        messages_supported,
        variables,
        extensions,
    })
}
