//! The tool's registration (LTI Dynamic Registration 1.0 §3.6): the OpenID client metadata with the
//! LTI tool configuration, as the tool sends it and the platform echoes it.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::Value;
use url::Url;

use crate::service_token::ScopeSet;

/// The member holding the LTI part of a tool registration.
pub const TOOL_CONFIGURATION_CLAIM: &str = "https://purl.imsglobal.org/spec/lti-tool-configuration";

/// A tool's registration request (Dynamic Registration 1.0 §3.6.1): OpenID Connect client metadata
/// plus [`LtiToolConfiguration`]. [`new`](Self::new) fills the values the spec fixes
/// (`application_type` `web`, `response_types` `["id_token"]`, `grant_types`
/// `["implicit", "client_credentials"]`, `token_endpoint_auth_method` `private_key_jwt`).
///
/// # Example
///
/// ```
/// use learnwire_lti::dynamic_registration::ToolConfiguration;
/// use learnwire_lti::Url;
/// let tool = ToolConfiguration::new("Quiz tool", Url::parse("https://tool.example.com/login")?,
///     vec![Url::parse("https://tool.example.com/launch")?], Url::parse("https://tool.example.com/jwks")?,
///     "tool.example.com", Url::parse("https://tool.example.com/launch")?);
/// assert_eq!(serde_json::to_value(&tool)?["token_endpoint_auth_method"], "private_key_jwt");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ToolConfiguration {
    /// `application_type`: `web`.
    pub application_type: String,
    /// `response_types`: `["id_token"]`.
    pub response_types: Vec<String>,
    /// `grant_types`: `["implicit", "client_credentials"]`.
    pub grant_types: Vec<String>,
    /// `initiate_login_uri`: the tool's OIDC login initiation URL.
    pub initiate_login_uri: Url,
    /// `redirect_uris`: where the platform may post launches.
    pub redirect_uris: Vec<Url>,
    /// `client_name`.
    pub client_name: String,
    /// `jwks_uri`: the tool's keys.
    pub jwks_uri: Url,
    /// `logo_uri`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub logo_uri: Option<Url>,
    /// `token_endpoint_auth_method`: `private_key_jwt`.
    pub token_endpoint_auth_method: String,
    /// `scope`: the service scopes the tool asks for, space-separated.
    #[serde(
        default,
        with = "scope_text",
        skip_serializing_if = "ScopeSet::is_empty"
    )]
    pub scope: ScopeSet,
    /// `contacts`: e-mail addresses.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub contacts: Vec<String>,
    /// `client_uri`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub client_uri: Option<Url>,
    /// `tos_uri`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tos_uri: Option<Url>,
    /// `policy_uri`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub policy_uri: Option<Url>,
    /// `https://purl.imsglobal.org/spec/lti-tool-configuration`.
    #[serde(rename = "https://purl.imsglobal.org/spec/lti-tool-configuration")]
    pub lti: LtiToolConfiguration,
    /// Members not defined by the spec (and `client_id` in a platform's echo), kept verbatim.
    #[serde(flatten)]
    pub extensions: BTreeMap<String, Value>,
}

impl ToolConfiguration {
    /// A registration with the fixed values, the given URLs and `domain`, claims `iss` and `sub`, no
    /// scopes and no messages yet.
    pub fn new(
        client_name: impl Into<String>,
        initiate_login_uri: Url,
        redirect_uris: Vec<Url>,
        jwks_uri: Url,
        domain: impl Into<String>,
        target_link_uri: Url,
    ) -> Self {
        Self {
            application_type: "web".to_owned(),
            response_types: vec!["id_token".to_owned()],
            grant_types: vec!["implicit".to_owned(), "client_credentials".to_owned()],
            initiate_login_uri,
            redirect_uris,
            client_name: client_name.into(),
            jwks_uri,
            logo_uri: None,
            token_endpoint_auth_method: "private_key_jwt".to_owned(),
            scope: ScopeSet::new(),
            contacts: Vec::new(),
            client_uri: None,
            tos_uri: None,
            policy_uri: None,
            lti: LtiToolConfiguration {
                domain: domain.into(),
                secondary_domains: Vec::new(),
                deployment_id: None,
                target_link_uri,
                custom_parameters: BTreeMap::new(),
                description: None,
                messages: Vec::new(),
                claims: vec!["iss".to_owned(), "sub".to_owned()],
                extensions: BTreeMap::new(),
            },
            extensions: BTreeMap::new(),
        }
    }
}

impl ToolConfiguration {
    /// The platform's record of this tool once registered: `client_id`, the redirect URIs, the tool's
    /// keys (fetched from [`jwks_uri`](Self::jwks_uri) by the caller), the requested `scope` as the
    /// scopes the token endpoint may grant (narrow it before storing if the platform grants less), the
    /// login initiation URL, and `deployment_id` when the platform created one.
    pub fn tool_registration(
        &self,
        client_id: impl Into<String>,
        deployment_id: Option<&str>,
        tool_keys: std::sync::Arc<crate::keys::KeySet>,
    ) -> crate::platform::ToolRegistration {
        let redirect_uris = self.redirect_uris.iter().map(Url::to_string).collect();
        let mut tool = crate::platform::ToolRegistration::new(client_id, redirect_uris, tool_keys);
        tool.scopes = self.scope.clone();
        tool.login_initiation_url = Some(self.initiate_login_uri.clone());
        if let Some(deployment_id) = deployment_id {
            tool.deployment_ids.insert(deployment_id.to_owned());
        }
        tool
    }
}

/// `https://purl.imsglobal.org/spec/lti-tool-configuration` (Dynamic Registration 1.0 §3.6.2).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct LtiToolConfiguration {
    /// `domain`: the tool's primary domain (host, optionally with a port).
    pub domain: String,
    /// `secondary_domains`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub secondary_domains: Vec<String>,
    /// `deployment_id`: set by the platform in its response when it created a deployment.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deployment_id: Option<String>,
    /// `target_link_uri`: the default launch URL.
    pub target_link_uri: Url,
    /// `custom_parameters`.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub custom_parameters: BTreeMap<String, String>,
    /// `description`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// `messages`: the messages the tool supports, with their placements.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub messages: Vec<ToolMessage>,
    /// `claims`: the claims the tool wants in launches.
    pub claims: Vec<String>,
    /// Members not defined by the spec, kept verbatim.
    #[serde(flatten)]
    pub extensions: BTreeMap<String, Value>,
}

/// One message the tool supports (`messages`, Dynamic Registration 1.0 §3.6.2.1).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ToolMessage {
    /// `type`: `LtiResourceLinkRequest`, `LtiDeepLinkingRequest` or `LtiSubmissionReviewRequest`.
    #[serde(rename = "type")]
    pub message_type: String,
    /// `target_link_uri` for this message.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target_link_uri: Option<Url>,
    /// `label`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    /// `icon_uri`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub icon_uri: Option<Url>,
    /// `custom_parameters`.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub custom_parameters: BTreeMap<String, String>,
    /// `placements`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub placements: Vec<String>,
    /// `roles`: who may launch it.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub roles: Vec<String>,
    /// Members not defined by the spec, kept verbatim.
    #[serde(flatten)]
    pub extensions: BTreeMap<String, Value>,
}

impl ToolMessage {
    /// A message of `message_type` with nothing else set.
    pub fn new(message_type: impl Into<String>) -> Self {
        Self {
            message_type: message_type.into(),
            target_link_uri: None,
            label: None,
            icon_uri: None,
            custom_parameters: BTreeMap::new(),
            placements: Vec::new(),
            roles: Vec::new(),
            extensions: BTreeMap::new(),
        }
    }
}

/// `scope` as its space-separated text.
mod scope_text {
    use serde::{Deserialize, Deserializer, Serializer, de};

    use crate::service_token::ScopeSet;

    pub(super) fn serialize<S: Serializer>(
        scope: &ScopeSet,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        serializer.collect_str(scope)
    }

    pub(super) fn deserialize<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<ScopeSet, D::Error> {
        let text = String::deserialize(deserializer)?;
        ScopeSet::parse(&text).map_err(de::Error::custom)
    }
}
