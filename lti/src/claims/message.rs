//! The aggregate of every claim of an LTI message: [`MessageClaims`].

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::Value;
use url::Url;

use crate::deep_linking::content_item::ContentItem;

use super::{
    AgsEndpoint, Audience, Context, DeepLinkingSettings, DeploymentId, ForUser, LaunchPresentation,
    Lis, Lti1p1, LtiVersion, MessageType, NamesRoleService, ResourceLink, Role, ToolPlatform,
    UserId,
};

/// Every claim of an LTI 1.3 message payload (launch, Deep Linking request or response, submission
/// review), typed, with unknown claims kept in [`extra`](Self::extra).
///
/// All fields are optional at this level so one type reads every message; which claims a message type
/// requires is checked by [`missing_required_claims`](super::missing_required_claims). A claim that is
/// present but has the wrong shape (`roles` as a string, `resource_link` without `id`, `exp` as a
/// string, an invalid `target_link_uri`) makes deserialization fail: it is never read as absent.
///
/// The registered JWT claims (`iss`, `aud`, `exp`, ...) are read here for convenience; checking them is
/// the launch verifier's job. Deserializing this type does not detect duplicate members in claims kept
/// as JSON (`extra`, `custom`): reject duplicates when parsing the raw payload.
///
/// # Example
/// ```
/// use learnwire_lti::claims::{MessageClaims, MessageType, missing_required_claims};
/// let claims: MessageClaims = serde_json::from_value(serde_json::json!({
///     "iss": "https://platform.example.edu",
///     "sub": "a6d5c443-1f51-4783-ba1a-7686ffe3b54a",
///     "https://purl.imsglobal.org/spec/lti/claim/message_type": "LtiResourceLinkRequest",
///     "https://purl.imsglobal.org/spec/lti/claim/version": "1.3.0",
///     "https://purl.imsglobal.org/spec/lti/claim/deployment_id": "07940580-b309-415e-a37c-914d387c1150",
///     "https://purl.imsglobal.org/spec/lti/claim/target_link_uri": "https://tool.example.com/launch",
///     "https://purl.imsglobal.org/spec/lti/claim/resource_link": {"id": "200d101f-2c14-434a-a0f3-57c2a42369fd"},
///     "https://purl.imsglobal.org/spec/lti/claim/roles": ["http://purl.imsglobal.org/vocab/lis/v2/membership#Instructor"],
///     "https://www.instructure.com/placement": "course_navigation"
/// }))?;
/// assert_eq!(claims.message_type, Some(MessageType::ResourceLinkRequest));
/// assert!(claims.is_instructor());
/// assert!(missing_required_claims(&claims).is_empty());
/// assert!(claims.extra.contains_key("https://www.instructure.com/placement"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct MessageClaims {
    /// `iss`: the issuer (platform for launches, client id for Deep Linking responses).
    #[serde(rename = "iss", default, skip_serializing_if = "Option::is_none")]
    pub issuer: Option<String>,
    /// `sub`: the user (absent in anonymous launches, LTI Core 1.3 §5.3.6).
    #[serde(rename = "sub", default, skip_serializing_if = "Option::is_none")]
    pub subject: Option<UserId>,
    /// `aud`: the audience(s).
    #[serde(rename = "aud", default, skip_serializing_if = "Option::is_none")]
    pub audience: Option<Audience>,
    /// `azp`: the authorized party.
    #[serde(rename = "azp", default, skip_serializing_if = "Option::is_none")]
    pub authorized_party: Option<String>,
    /// `exp`: expiry, seconds since the Unix epoch. A fractional NumericDate is rounded down; a string,
    /// `null` or a number beyond ±10^11 seconds (integer or fraction alike) fails to read.
    #[serde(
        rename = "exp",
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "super::lenient::numeric_date"
    )]
    pub expires_at: Option<i64>,
    /// `iat`: issue time, seconds since the Unix epoch.
    #[serde(
        rename = "iat",
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "super::lenient::numeric_date"
    )]
    pub issued_at: Option<i64>,
    /// `nbf`: not-before time, seconds since the Unix epoch.
    #[serde(
        rename = "nbf",
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "super::lenient::numeric_date"
    )]
    pub not_before: Option<i64>,
    /// `nonce`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub nonce: Option<String>,
    /// `name` (OIDC standard claim): full name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// `given_name` (OIDC standard claim).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub given_name: Option<String>,
    /// `family_name` (OIDC standard claim).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub family_name: Option<String>,
    /// `middle_name` (OIDC standard claim).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub middle_name: Option<String>,
    /// `email` (OIDC standard claim), as sent (not validated).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    /// `picture` (OIDC standard claim): profile picture URL; `""` reads as absent.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "super::lenient::optional_url"
    )]
    pub picture: Option<Url>,
    /// `locale` (OIDC standard claim): BCP 47 tag.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub locale: Option<String>,

    /// `https://purl.imsglobal.org/spec/lti/claim/message_type`.
    #[serde(
        rename = "https://purl.imsglobal.org/spec/lti/claim/message_type",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub message_type: Option<MessageType>,
    /// `https://purl.imsglobal.org/spec/lti/claim/version`.
    #[serde(
        rename = "https://purl.imsglobal.org/spec/lti/claim/version",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub version: Option<LtiVersion>,
    /// `https://purl.imsglobal.org/spec/lti/claim/deployment_id`.
    #[serde(
        rename = "https://purl.imsglobal.org/spec/lti/claim/deployment_id",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub deployment_id: Option<DeploymentId>,
    /// `https://purl.imsglobal.org/spec/lti/claim/target_link_uri`.
    #[serde(
        rename = "https://purl.imsglobal.org/spec/lti/claim/target_link_uri",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub target_link_uri: Option<Url>,
    /// `https://purl.imsglobal.org/spec/lti/claim/resource_link`.
    #[serde(
        rename = "https://purl.imsglobal.org/spec/lti/claim/resource_link",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub resource_link: Option<ResourceLink>,
    /// `https://purl.imsglobal.org/spec/lti/claim/roles` (an array; may be empty).
    #[serde(
        rename = "https://purl.imsglobal.org/spec/lti/claim/roles",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub roles: Option<Vec<Role>>,
    /// `https://purl.imsglobal.org/spec/lti/claim/role_scope_mentor`: users the mentor has access to.
    #[serde(
        rename = "https://purl.imsglobal.org/spec/lti/claim/role_scope_mentor",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub role_scope_mentor: Option<Vec<UserId>>,
    /// `https://purl.imsglobal.org/spec/lti/claim/context`.
    #[serde(
        rename = "https://purl.imsglobal.org/spec/lti/claim/context",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub context: Option<Context>,
    /// `https://purl.imsglobal.org/spec/lti/claim/tool_platform`.
    #[serde(
        rename = "https://purl.imsglobal.org/spec/lti/claim/tool_platform",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub tool_platform: Option<ToolPlatform>,
    /// `https://purl.imsglobal.org/spec/lti/claim/launch_presentation`.
    #[serde(
        rename = "https://purl.imsglobal.org/spec/lti/claim/launch_presentation",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub launch_presentation: Option<LaunchPresentation>,
    /// `https://purl.imsglobal.org/spec/lti/claim/lis`.
    #[serde(
        rename = "https://purl.imsglobal.org/spec/lti/claim/lis",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub lis: Option<Lis>,
    /// `https://purl.imsglobal.org/spec/lti/claim/custom`: custom parameters, values kept as given
    /// (usually strings after substitution, but any JSON is kept).
    #[serde(
        rename = "https://purl.imsglobal.org/spec/lti/claim/custom",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub custom: Option<BTreeMap<String, Value>>,
    /// `https://purl.imsglobal.org/spec/lti/claim/lti1p1`: LTI 1.1 migration identifiers.
    #[serde(
        rename = "https://purl.imsglobal.org/spec/lti/claim/lti1p1",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub lti1p1: Option<Lti1p1>,
    /// `https://purl.imsglobal.org/spec/lti/claim/for_user`: the reviewed user (submission review).
    #[serde(
        rename = "https://purl.imsglobal.org/spec/lti/claim/for_user",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub for_user: Option<ForUser>,
    /// `https://purl.imsglobal.org/spec/lti-ags/claim/endpoint`.
    #[serde(
        rename = "https://purl.imsglobal.org/spec/lti-ags/claim/endpoint",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub ags_endpoint: Option<AgsEndpoint>,
    /// `https://purl.imsglobal.org/spec/lti-nrps/claim/namesroleservice`.
    #[serde(
        rename = "https://purl.imsglobal.org/spec/lti-nrps/claim/namesroleservice",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub names_role_service: Option<NamesRoleService>,
    /// `https://purl.imsglobal.org/spec/lti-dl/claim/deep_linking_settings`.
    #[serde(
        rename = "https://purl.imsglobal.org/spec/lti-dl/claim/deep_linking_settings",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub deep_linking_settings: Option<DeepLinkingSettings>,
    /// `https://purl.imsglobal.org/spec/lti-dl/claim/content_items`: the items a Deep Linking response
    /// returns (may be absent or empty). Items of unknown type are kept, not rejected.
    #[serde(
        rename = "https://purl.imsglobal.org/spec/lti-dl/claim/content_items",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub content_items: Option<Vec<ContentItem>>,
    /// `https://purl.imsglobal.org/spec/lti-dl/claim/data`: the request's `data`, echoed by the tool.
    #[serde(
        rename = "https://purl.imsglobal.org/spec/lti-dl/claim/data",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub deep_linking_data: Option<Value>,
    /// `https://purl.imsglobal.org/spec/lti-dl/claim/msg`: message for the user.
    #[serde(
        rename = "https://purl.imsglobal.org/spec/lti-dl/claim/msg",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub deep_linking_message: Option<String>,
    /// `https://purl.imsglobal.org/spec/lti-dl/claim/log`: message for logs.
    #[serde(
        rename = "https://purl.imsglobal.org/spec/lti-dl/claim/log",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub deep_linking_log: Option<String>,
    /// `https://purl.imsglobal.org/spec/lti-dl/claim/errormsg`: error message for the user.
    #[serde(
        rename = "https://purl.imsglobal.org/spec/lti-dl/claim/errormsg",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub deep_linking_error_message: Option<String>,
    /// `https://purl.imsglobal.org/spec/lti-dl/claim/errorlog`: error message for logs.
    #[serde(
        rename = "https://purl.imsglobal.org/spec/lti-dl/claim/errorlog",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub deep_linking_error_log: Option<String>,
    /// Every other claim, kept verbatim (vendor claims such as `https://www.instructure.com/placement`).
    /// Do not repeat a typed claim here: serialization would write it twice.
    #[serde(flatten)]
    pub extra: BTreeMap<String, Value>,
}

impl MessageClaims {
    /// Empty claims (every field absent).
    pub fn new() -> Self {
        Self::default()
    }

    /// The LTI claims a resource link launch requires (LTI Core 1.3 §5.3): message type, version `1.3.0`,
    /// deployment, target link URI, resource link and roles.
    pub fn resource_link_request(
        deployment_id: DeploymentId,
        target_link_uri: Url,
        resource_link: ResourceLink,
        roles: Vec<Role>,
    ) -> Self {
        Self {
            message_type: Some(MessageType::ResourceLinkRequest),
            version: Some(LtiVersion::V1p3p0),
            deployment_id: Some(deployment_id),
            target_link_uri: Some(target_link_uri),
            resource_link: Some(resource_link),
            roles: Some(roles),
            ..Self::default()
        }
    }

    /// The LTI claims a Deep Linking request requires (Deep Linking 2.0 §4.4), with `roles` set.
    pub fn deep_linking_request(
        deployment_id: DeploymentId,
        settings: DeepLinkingSettings,
        roles: Vec<Role>,
    ) -> Self {
        Self {
            message_type: Some(MessageType::DeepLinkingRequest),
            version: Some(LtiVersion::V1p3p0),
            deployment_id: Some(deployment_id),
            deep_linking_settings: Some(settings),
            roles: Some(roles),
            ..Self::default()
        }
    }

    /// The LTI claims a Deep Linking response requires (Deep Linking 2.0 §4.5): message type, version
    /// and deployment. Set `deep_linking_data` to the request's `data` when it had one.
    pub fn deep_linking_response(deployment_id: DeploymentId) -> Self {
        Self {
            message_type: Some(MessageType::DeepLinkingResponse),
            version: Some(LtiVersion::V1p3p0),
            deployment_id: Some(deployment_id),
            ..Self::default()
        }
    }

    /// The roles, or an empty slice when the claim is absent.
    pub fn roles(&self) -> &[Role] {
        self.roles.as_deref().unwrap_or_default()
    }

    /// Whether any role is a context instructor (teaching assistants included, see [`Role::is_instructor`]).
    pub fn is_instructor(&self) -> bool {
        self.roles().iter().any(Role::is_instructor)
    }

    /// Whether any role is a context learner.
    pub fn is_learner(&self) -> bool {
        self.roles().iter().any(Role::is_learner)
    }

    /// Whether any role is an administrator (context, institution or system).
    pub fn is_admin(&self) -> bool {
        self.roles().iter().any(Role::is_admin)
    }

    /// Whether any role is a context mentor.
    pub fn is_mentor(&self) -> bool {
        self.roles().iter().any(Role::is_mentor)
    }

    /// A custom parameter's value when it is a string.
    pub fn custom_str(&self, name: &str) -> Option<&str> {
        self.custom.as_ref()?.get(name)?.as_str()
    }
}
