//! Which claims each message type requires, and [`missing_required_claims`].

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
    let mut missing = Vec::new();
    let mut need = |present: bool, claim: RequiredClaim| {
        if !present {
            missing.push(claim);
        }
    };
    need(claims.message_type.is_some(), RequiredClaim::MessageType);
    need(claims.version.is_some(), RequiredClaim::Version);
    need(claims.deployment_id.is_some(), RequiredClaim::DeploymentId);
    match &claims.message_type {
        Some(MessageType::ResourceLinkRequest) => {
            need(
                claims.target_link_uri.is_some(),
                RequiredClaim::TargetLinkUri,
            );
            need(claims.resource_link.is_some(), RequiredClaim::ResourceLink);
            need(claims.roles.is_some(), RequiredClaim::Roles);
        }
        Some(MessageType::DeepLinkingRequest) => {
            need(
                claims.deep_linking_settings.is_some(),
                RequiredClaim::DeepLinkingSettings,
            );
        }
        Some(MessageType::SubmissionReviewRequest) => {
            need(claims.resource_link.is_some(), RequiredClaim::ResourceLink);
            need(claims.roles.is_some(), RequiredClaim::Roles);
            need(claims.for_user.is_some(), RequiredClaim::ForUser);
            match &claims.ags_endpoint {
                None => need(false, RequiredClaim::AgsEndpoint),
                Some(endpoint) => need(endpoint.lineitem.is_some(), RequiredClaim::AgsLineItem),
            }
        }
        _ => {}
    }
    missing
}
