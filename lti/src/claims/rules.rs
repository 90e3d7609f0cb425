//! The LTI message rules in one table: for each message type, the claims it requires and the ones it
//! may carry, each with its JSON shape, its codes and its spec section.
//!
//! Three readers share the table, so the rules are written once: the verifiers (a launch at the tool, a
//! Deep Linking response at the platform) refuse the first claim that breaks a rule
//! ([`MessageError`](crate::MessageError)); the platform's builders refuse to sign a message that breaks
//! one; [`validate_message_claims`](super::validate_message_claims) reports every required claim that is
//! missing ([`required_claims`](super::required_claims) lists them).
//!
//! # Example
//!
//! ```
//! use learnwire_lti::claims::MessageType;
//! use learnwire_lti::claims::rules::{Presence, message_rules};
//!
//! let rules = message_rules(Some(&MessageType::ResourceLinkRequest));
//! let roles = rules.iter().find(|rule| rule.label == "roles").unwrap();
//! assert_eq!(roles.presence, Presence::Required);
//! assert_eq!(roles.missing_code().as_str(), "lti.claim.missing");
//! assert!(roles.reference.contains("§5.3.7"));
//! ```

use learnwire_report::Code;

use super::{MessageType, names};
use crate::codes;

use Presence::{Optional, Required, UnlessAnonymous};

/// Whether a message must carry a claim.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Presence {
    /// The message type requires it (a member: whenever its claim is there).
    Required,
    /// The message may carry it; when it does, it has the rule's shape.
    Optional,
    /// `sub`: required, unless the verifier accepts anonymous launches (LTI Core 1.3 §5.3.6). Builders
    /// and the report validator treat it as optional.
    UnlessAnonymous,
}

/// The JSON shape a claim must have.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Shape {
    /// A string.
    String,
    /// A string of 1 to 255 bytes (LTI Core 1.3 §5.3.3: ids "MUST NOT exceed 255 ASCII characters").
    Id,
    /// A non-empty string; an empty one counts as absent (a URL the typed reader reads `""` as absent).
    Url,
    /// An object.
    Object,
    /// An array.
    Array,
    /// An array of strings, possibly empty.
    StringArray,
    /// A non-empty array of strings.
    NonEmptyStringArray,
    /// `aud`: a string, or a non-empty array of strings.
    Audience,
    /// A NumericDate as the builders write it: an integer number of seconds within ±10^11 (the verifiers
    /// also read fractions).
    NumericDate,
}

/// Who checks a rule's value beyond its shape.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum RuleKind {
    /// A registered JWT claim (RFC 7519 §4.1): the verifiers check its value against the registration
    /// and the clock ([`TokenError`](crate::TokenError)); builders check its shape here.
    Registered,
    /// An LTI claim: checked here by the verifiers, the builders and the report validator.
    Lti,
}

/// One rule of the table: a claim (or a member of one), whether it is required, its shape, and where the
/// spec says so.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct ClaimRule {
    /// The full claim name in the JWT payload (`sub`, `https://purl.imsglobal.org/spec/lti/claim/roles`).
    pub claim: &'static str,
    /// The member inside the claim, for a rule on a member (`id` of `resource_link`).
    pub member: Option<&'static str>,
    /// The short name errors use (`roles`, `resource_link.id`).
    pub label: &'static str,
    /// Required or optional.
    pub presence: Presence,
    /// The JSON shape.
    pub shape: Shape,
    /// Registered JWT claim or LTI claim.
    pub kind: RuleKind,
    /// The spec section.
    pub reference: &'static str,
}

impl ClaimRule {
    /// The code when the claim is absent: `lti.claim.missing`.
    pub const fn missing_code(&self) -> Code {
        codes::CLAIM_MISSING
    }

    /// The code when the claim has the wrong shape: `lti.claim.type`.
    pub const fn type_code(&self) -> Code {
        codes::CLAIM_TYPE
    }
}

const fn rule(
    claim: &'static str,
    label: &'static str,
    presence: Presence,
    shape: Shape,
    reference: &'static str,
) -> ClaimRule {
    ClaimRule {
        claim,
        member: None,
        label,
        presence,
        shape,
        kind: RuleKind::Lti,
        reference,
    }
}

const fn member(
    claim: &'static str,
    member: &'static str,
    label: &'static str,
    shape: Shape,
    reference: &'static str,
) -> ClaimRule {
    ClaimRule {
        claim,
        member: Some(member),
        label,
        presence: Presence::Required,
        shape,
        kind: RuleKind::Lti,
        reference,
    }
}

const fn registered(claim: &'static str, shape: Shape, reference: &'static str) -> ClaimRule {
    ClaimRule {
        claim,
        member: None,
        label: claim,
        presence: Presence::Required,
        shape,
        kind: RuleKind::Registered,
        reference,
    }
}

/// The registered claims every LTI message carries (checked in this order).
pub const REGISTERED: &[ClaimRule] = &[
    registered(
        "iss",
        Shape::String,
        "1EdTech Security Framework §5.1.2; RFC 7519 §4.1.1",
    ),
    registered(
        "nonce",
        Shape::String,
        "1EdTech Security Framework §5.1.2; OIDC Core §2",
    ),
    registered(
        "aud",
        Shape::Audience,
        "1EdTech Security Framework §5.1.2; RFC 7519 §4.1.3",
    ),
    registered(
        "exp",
        Shape::NumericDate,
        "1EdTech Security Framework §5.1.2; RFC 7519 §4.1.4",
    ),
    registered(
        "iat",
        Shape::NumericDate,
        "1EdTech Security Framework §5.1.2; RFC 7519 §4.1.6",
    ),
];

/// The LTI claims every message carries, checked first.
const COMMON: &[ClaimRule] = &[
    rule(
        names::MESSAGE_TYPE,
        "message_type",
        Required,
        Shape::String,
        "LTI Core 1.3 §5.3.1",
    ),
    rule(
        names::VERSION,
        "version",
        Required,
        Shape::String,
        "LTI Core 1.3 §5.3.2",
    ),
    rule(
        names::DEPLOYMENT_ID,
        "deployment_id",
        Required,
        Shape::Id,
        "LTI Core 1.3 §5.3.3",
    ),
];

/// Optional claims any message may carry, checked last.
const COMMON_TAIL: &[ClaimRule] = &[
    rule(
        names::CONTEXT,
        "context",
        Optional,
        Shape::Object,
        "LTI Core 1.3 §5.4.1",
    ),
    member(
        names::CONTEXT,
        "id",
        "context.id",
        Shape::Id,
        "LTI Core 1.3 §5.4.1",
    ),
];

const RESOURCE_LINK_REQUEST: &[ClaimRule] = &[
    rule(
        names::TARGET_LINK_URI,
        "target_link_uri",
        Required,
        Shape::String,
        "LTI Core 1.3 §5.3.4",
    ),
    rule(
        names::RESOURCE_LINK,
        "resource_link",
        Required,
        Shape::Object,
        "LTI Core 1.3 §5.3.5",
    ),
    member(
        names::RESOURCE_LINK,
        "id",
        "resource_link.id",
        Shape::Id,
        "LTI Core 1.3 §5.3.5",
    ),
    rule(
        names::ROLES,
        "roles",
        Required,
        Shape::StringArray,
        "LTI Core 1.3 §5.3.7",
    ),
    rule(
        "sub",
        "sub",
        UnlessAnonymous,
        Shape::Id,
        "LTI Core 1.3 §5.3.6",
    ),
];

const DEEP_LINKING_REQUEST: &[ClaimRule] = &[
    rule(
        names::DEEP_LINKING_SETTINGS,
        "deep_linking_settings",
        Required,
        Shape::Object,
        "Deep Linking 2.0 §4.4.1",
    ),
    member(
        names::DEEP_LINKING_SETTINGS,
        "deep_link_return_url",
        "deep_linking_settings.deep_link_return_url",
        Shape::String,
        "Deep Linking 2.0 §4.4.1",
    ),
    member(
        names::DEEP_LINKING_SETTINGS,
        "accept_types",
        "deep_linking_settings.accept_types",
        Shape::NonEmptyStringArray,
        "Deep Linking 2.0 §4.4.1",
    ),
    member(
        names::DEEP_LINKING_SETTINGS,
        "accept_presentation_document_targets",
        "deep_linking_settings.accept_presentation_document_targets",
        Shape::NonEmptyStringArray,
        "Deep Linking 2.0 §4.4.1",
    ),
    rule(
        names::ROLES,
        "roles",
        Optional,
        Shape::StringArray,
        "LTI Core 1.3 §5.3.7; Deep Linking 2.0 §4.4",
    ),
    rule(
        "sub",
        "sub",
        UnlessAnonymous,
        Shape::Id,
        "LTI Core 1.3 §5.3.6",
    ),
];

const SUBMISSION_REVIEW_REQUEST: &[ClaimRule] = &[
    rule(
        names::RESOURCE_LINK,
        "resource_link",
        Required,
        Shape::Object,
        "Submission Review 1.0 §3.2; LTI Core 1.3 §5.3.5",
    ),
    member(
        names::RESOURCE_LINK,
        "id",
        "resource_link.id",
        Shape::Id,
        "LTI Core 1.3 §5.3.5",
    ),
    rule(
        names::ROLES,
        "roles",
        Required,
        Shape::StringArray,
        "LTI Core 1.3 §5.3.7",
    ),
    rule(
        "sub",
        "sub",
        UnlessAnonymous,
        Shape::Id,
        "LTI Core 1.3 §5.3.6",
    ),
    rule(
        names::FOR_USER,
        "for_user",
        Required,
        Shape::Object,
        "Submission Review 1.0 §3.2.2",
    ),
    member(
        names::FOR_USER,
        "user_id",
        "for_user.user_id",
        Shape::String,
        "Submission Review 1.0 §3.2.2",
    ),
    rule(
        names::AGS_ENDPOINT,
        "ags endpoint",
        Required,
        Shape::Object,
        "Submission Review 1.0 §3.2; AGS 2.0 §3.1",
    ),
    member(
        names::AGS_ENDPOINT,
        "lineitem",
        "ags endpoint.lineitem",
        Shape::Url,
        "Submission Review 1.0 §3.2; AGS 2.0 §3.1",
    ),
];

const DEEP_LINKING_RESPONSE: &[ClaimRule] = &[
    rule(
        names::CONTENT_ITEMS,
        "content_items",
        Optional,
        Shape::Array,
        "Deep Linking 2.0 §4.5.1",
    ),
    rule(
        names::DL_MSG,
        "msg",
        Optional,
        Shape::String,
        "Deep Linking 2.0 §4.5.3",
    ),
    rule(
        names::DL_LOG,
        "log",
        Optional,
        Shape::String,
        "Deep Linking 2.0 §4.5.4",
    ),
    rule(
        names::DL_ERRORMSG,
        "errormsg",
        Optional,
        Shape::String,
        "Deep Linking 2.0 §4.5.5",
    ),
    rule(
        names::DL_ERRORLOG,
        "errorlog",
        Optional,
        Shape::String,
        "Deep Linking 2.0 §4.5.6",
    ),
];

/// The rules of one message type's own claims (without [`COMMON`] and [`COMMON_TAIL`]).
const fn own_rules(message_type: Option<&MessageType>) -> &'static [ClaimRule] {
    match message_type {
        Some(MessageType::ResourceLinkRequest) => RESOURCE_LINK_REQUEST,
        Some(MessageType::DeepLinkingRequest) => DEEP_LINKING_REQUEST,
        Some(MessageType::SubmissionReviewRequest) => SUBMISSION_REVIEW_REQUEST,
        Some(MessageType::DeepLinkingResponse) => DEEP_LINKING_RESPONSE,
        _ => &[],
    }
}

/// The LTI rules of a message of `message_type`, in the order they are checked: `message_type`,
/// `version`, `deployment_id`, the type's own claims, then `context`. An unknown or missing message type
/// has the common rules only. The registered claims ([`REGISTERED`]) are not listed here.
pub fn message_rules(message_type: Option<&MessageType>) -> Vec<&'static ClaimRule> {
    COMMON
        .iter()
        .chain(own_rules(message_type))
        .chain(COMMON_TAIL)
        .collect()
}

/// Every rule of the table, registered claims first, each message type's rules once (a rule shared by
/// several types appears once per type). For documentation and tests.
pub fn all_rules() -> impl Iterator<Item = &'static ClaimRule> {
    REGISTERED
        .iter()
        .chain(COMMON)
        .chain(RESOURCE_LINK_REQUEST)
        .chain(DEEP_LINKING_REQUEST)
        .chain(SUBMISSION_REVIEW_REQUEST)
        .chain(DEEP_LINKING_RESPONSE)
        .chain(COMMON_TAIL)
}
