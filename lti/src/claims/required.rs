//! Which claims each message type requires, and [`missing_required_claims`].

use super::rules::{ClaimRule, Presence, message_rules};
use super::{MessageClaims, MessageType, names};

/// A claim a message type requires that is absent.
///
/// Only presence is checked here; wrong values (version other than `1.3.0`, an unknown deployment,
/// a message type the caller did not expect) are the verifier's checks.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[non_exhaustive]
pub enum RequiredClaim {
    /// `message_type` (LTI Core 1.3 §5.3.1).
    MessageType,
    /// `version` (LTI Core 1.3 §5.3.2).
    Version,
    /// `deployment_id` (LTI Core 1.3 §5.3.3).
    DeploymentId,
    /// `target_link_uri` (LTI Core 1.3 §5.3.4).
    TargetLinkUri,
    /// `resource_link` (LTI Core 1.3 §5.3.5; its `id` is enforced by the type).
    ResourceLink,
    /// `roles` (LTI Core 1.3 §5.3.7; an empty array is present).
    Roles,
    /// `deep_linking_settings` (Deep Linking 2.0 §4.4.1).
    DeepLinkingSettings,
    /// `for_user` (Submission Review 1.0).
    ForUser,
    /// The AGS endpoint claim (Submission Review 1.0: the reviewed line item).
    AgsEndpoint,
    /// `lineitem` inside the AGS endpoint claim (Submission Review 1.0).
    AgsLineItem,
}

impl RequiredClaim {
    /// The full claim name in the JWT payload (for `AgsLineItem`, the AGS endpoint claim).
    pub const fn claim_name(self) -> &'static str {
        match self {
            Self::MessageType => names::MESSAGE_TYPE,
            Self::Version => names::VERSION,
            Self::DeploymentId => names::DEPLOYMENT_ID,
            Self::TargetLinkUri => names::TARGET_LINK_URI,
            Self::ResourceLink => names::RESOURCE_LINK,
            Self::Roles => names::ROLES,
            Self::DeepLinkingSettings => names::DEEP_LINKING_SETTINGS,
            Self::ForUser => names::FOR_USER,
            Self::AgsEndpoint | Self::AgsLineItem => names::AGS_ENDPOINT,
        }
    }

    /// The member inside the claim that is missing, when the claim is there but incomplete.
    pub const fn member(self) -> Option<&'static str> {
        match self {
            Self::AgsLineItem => Some("lineitem"),
            _ => None,
        }
    }
}

impl RequiredClaim {
    /// The name of a rule of the table, when it has one.
    pub(crate) fn for_rule(rule: &ClaimRule) -> Option<Self> {
        Some(match (rule.claim, rule.member) {
            (names::MESSAGE_TYPE, None) => Self::MessageType,
            (names::VERSION, None) => Self::Version,
            (names::DEPLOYMENT_ID, None) => Self::DeploymentId,
            (names::TARGET_LINK_URI, None) => Self::TargetLinkUri,
            (names::RESOURCE_LINK, None) => Self::ResourceLink,
            (names::ROLES, None) => Self::Roles,
            (names::DEEP_LINKING_SETTINGS, None) => Self::DeepLinkingSettings,
            (names::FOR_USER, None) => Self::ForUser,
            (names::AGS_ENDPOINT, None) => Self::AgsEndpoint,
            (names::AGS_ENDPOINT, Some("lineitem")) => Self::AgsLineItem,
            _ => return None,
        })
    }
}

impl core::fmt::Display for RequiredClaim {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        match self.member() {
            Some(member) => write!(f, "{}#{member}", self.claim_name()),
            None => f.write_str(self.claim_name()),
        }
    }
}

/// Lists the required claims absent from `claims`, for its `message_type`, in a stable order.
///
/// Every message: `message_type`, `version`, `deployment_id` (LTI Core 1.3 §5.3.1–5.3.3). Then, by type:
///
/// * `LtiResourceLinkRequest` (LTI Core 1.3 §5.3): `target_link_uri` (§5.3.4), `resource_link` with
///   `id` (§5.3.5), `roles` (§5.3.7, an empty array is allowed). `sub` is not listed: it is optional for
///   anonymous launches (§5.3.6). Everything in §5.4 (context, tool_platform, role_scope_mentor,
///   launch_presentation, lis, custom, user identity claims) is optional.
/// * `LtiDeepLinkingRequest` (Deep Linking 2.0 §4.4): `deep_linking_settings` (whose
///   `deep_link_return_url`, `accept_types` and `accept_presentation_document_targets` the type enforces).
///   `roles` is not required by Deep Linking 2.0 and is not listed; `resource_link` must not be required.
/// * `LtiDeepLinkingResponse` (Deep Linking 2.0 §4.5): nothing more; `content_items` may be absent or
///   empty. Whether `data` echoes the request is checked by the response verifier, not here.
/// * `LtiSubmissionReviewRequest` (Submission Review 1.0): `resource_link` (the reviewed link), `roles`,
///   `for_user` (with `user_id`, enforced by the type), the AGS endpoint claim and its `lineitem` (the
///   reviewed line item). `target_link_uri` (the review URL) is not listed: platforms and pylti1p3's
///   validator do not require it.
/// * a missing or unrecognized `message_type`: only the common three.
///
/// # Example
/// ```
/// use learnwire_lti::claims::{MessageClaims, MessageType, RequiredClaim, missing_required_claims};
/// let mut claims = MessageClaims::new();
/// claims.message_type = Some(MessageType::ResourceLinkRequest);
/// assert_eq!(missing_required_claims(&claims), vec![
///     RequiredClaim::Version, RequiredClaim::DeploymentId, RequiredClaim::TargetLinkUri,
///     RequiredClaim::ResourceLink, RequiredClaim::Roles,
/// ]);
/// ```
pub fn missing_required_claims(claims: &MessageClaims) -> Vec<RequiredClaim> {
    required_claims(claims.message_type.as_ref())
        .into_iter()
        .filter(|claim| !is_present(claims, *claim))
        .collect()
}

/// The claims a message of `message_type` requires, in the order [`missing_required_claims`] reports
/// them (`None`: the message type itself is missing, so only the common three). Read from the rule table
/// ([`message_rules`]): its required rules that have a [`RequiredClaim`] name (members the typed model
/// enforces, such as `resource_link.id`, and `sub`, optional for anonymous launches, are not listed).
pub fn required_claims(message_type: Option<&MessageType>) -> Vec<RequiredClaim> {
    message_rules(message_type)
        .into_iter()
        .filter(|rule| rule.presence == Presence::Required)
        .filter_map(RequiredClaim::for_rule)
        .collect()
}

/// Whether `claim` is present in `claims`. `AgsLineItem` counts as present when the endpoint claim
/// is absent (then `AgsEndpoint` is the one reported).
fn is_present(claims: &MessageClaims, claim: RequiredClaim) -> bool {
    match claim {
        RequiredClaim::MessageType => claims.message_type.is_some(),
        RequiredClaim::Version => claims.version.is_some(),
        RequiredClaim::DeploymentId => claims.deployment_id.is_some(),
        RequiredClaim::TargetLinkUri => claims.target_link_uri.is_some(),
        RequiredClaim::ResourceLink => claims.resource_link.is_some(),
        RequiredClaim::Roles => claims.roles.is_some(),
        RequiredClaim::DeepLinkingSettings => claims.deep_linking_settings.is_some(),
        RequiredClaim::ForUser => claims.for_user.is_some(),
        RequiredClaim::AgsEndpoint => claims.ags_endpoint.is_some(),
        RequiredClaim::AgsLineItem => claims
            .ags_endpoint
            .as_ref()
            .is_none_or(|endpoint| endpoint.lineitem.is_some()),
    }
}
