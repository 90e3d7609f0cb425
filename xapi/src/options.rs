//! What to validate against: xAPI version, [`Limits`], and policy for points implementations dispute.

use std::fmt;
use std::str::FromStr;

use crate::Limits;
use crate::types::TimestampSyntax;

/// The xAPI version a statement is validated against (the request's `X-Experience-API-Version`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[non_exhaustive]
pub enum XapiVersion {
    /// xAPI 1.0.3 (accepts statements with `version` 1.0.x).
    #[default]
    V1_0_3,
    /// xAPI 2.0 / IEEE 9274.1.1-2023 (accepts statements with `version` 1.0.x and 2.0.x).
    V2_0_0,
}

impl XapiVersion {
    /// The version as written in headers: `1.0.3` or `2.0.0`.
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::V1_0_3 => "1.0.3",
            Self::V2_0_0 => "2.0.0",
        }
    }
}

impl fmt::Display for XapiVersion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The text is neither `1.0.3` nor `2.0.0`.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{}: unsupported xAPI version (expected 1.0.3 or 2.0.0)", self.code())]
#[non_exhaustive]
pub struct UnknownXapiVersion;

crate::codes::error_codes!(struct UnknownXapiVersion => "xapi.version.unknown",
    "the text is neither 1.0.3 nor 2.0.0", "Communication §3.3");

impl FromStr for XapiVersion {
    type Err = UnknownXapiVersion;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        match text {
            "1.0.3" => Ok(Self::V1_0_3),
            "2.0.0" | "2.0" => Ok(Self::V2_0_0),
            _ => Err(UnknownXapiVersion),
        }
    }
}

/// Which UUIDs are accepted (statement ids, registrations, StatementRef ids).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub enum UuidPolicy {
    /// Only the `8-4-4-4-12` hex shape.
    Shape,
    /// The shape and a defined version nibble (1–8, or the nil/max UUID); any variant. The spec's
    /// own examples use non-variant-2 ids, so the variant is not checked. Default.
    #[default]
    KnownVersion,
    /// The shape, versions 1–8 and the RFC 4122 variant (`8`–`b`) only.
    Rfc4122,
}

/// Decisions on points where implementations or the specification text disagree (the
/// `contested` cases of the corpus). Defaults follow the ADL conformance test suite. Each decision has
/// a getter named after it and a `with_` setter.
///
/// # Example
///
/// ```
/// use learnwire_xapi::{Policy, TimestampSyntax, UuidPolicy};
///
/// let policy = Policy::default()
///     .with_uuid(UuidPolicy::Rfc4122)
///     .with_timestamp_syntax(TimestampSyntax::Rfc3339);
/// assert_eq!(policy.uuid(), UuidPolicy::Rfc4122);
/// assert!(!policy.reject_empty_objects());
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Policy {
    uuid: UuidPolicy,
    reject_empty_objects: bool,
    reject_empty_context_activity_list: bool,
    reject_empty_attachments: bool,
    allow_timestamp_without_offset: bool,
    timestamp_syntax: TimestampSyntax,
    allow_version_suffix: bool,
    strict_interaction_components: bool,
    require_relevant_types: bool,
    allow_substatement_attachments: bool,
    allow_equal_score_bounds: bool,
    check_attachment_length: bool,
}

impl Default for Policy {
    fn default() -> Self {
        Self {
            uuid: UuidPolicy::KnownVersion,
            reject_empty_objects: false,
            reject_empty_context_activity_list: false,
            reject_empty_attachments: true,
            allow_timestamp_without_offset: false,
            timestamp_syntax: TimestampSyntax::ByVersion,
            allow_version_suffix: false,
            strict_interaction_components: true,
            require_relevant_types: true,
            allow_substatement_attachments: true,
            allow_equal_score_bounds: true,
            check_attachment_length: false,
        }
    }
}

impl Policy {
    /// The defaults (ADL conformance test suite behaviour).
    pub fn new() -> Self {
        Self::default()
    }

    /// UUID acceptance. Default [`UuidPolicy::KnownVersion`].
    pub fn uuid(&self) -> UuidPolicy {
        self.uuid
    }

    /// Sets [`uuid`](Self::uuid).
    #[must_use]
    pub fn with_uuid(mut self, value: UuidPolicy) -> Self {
        self.uuid = value;
        self
    }

    /// Reject empty objects (`{}`) for result, score, context, contextActivities and language maps
    /// (XAPI-00001 read literally). Default `false` (the spec says SHOULD NOT send).
    pub fn reject_empty_objects(&self) -> bool {
        self.reject_empty_objects
    }

    /// Sets [`reject_empty_objects`](Self::reject_empty_objects).
    #[must_use]
    pub fn with_reject_empty_objects(mut self, value: bool) -> Self {
        self.reject_empty_objects = value;
        self
    }

    /// Reject an empty `contextActivities` value array. Default `false` (the spec sets no minimum;
    /// xapi-schema rejects).
    pub fn reject_empty_context_activity_list(&self) -> bool {
        self.reject_empty_context_activity_list
    }

    /// Sets [`reject_empty_context_activity_list`](Self::reject_empty_context_activity_list).
    #[must_use]
    pub fn with_reject_empty_context_activity_list(mut self, value: bool) -> Self {
        self.reject_empty_context_activity_list = value;
        self
    }

    /// Reject an empty `attachments` array. Default `true` (xapi-schema).
    pub fn reject_empty_attachments(&self) -> bool {
        self.reject_empty_attachments
    }

    /// Sets [`reject_empty_attachments`](Self::reject_empty_attachments).
    #[must_use]
    pub fn with_reject_empty_attachments(mut self, value: bool) -> Self {
        self.reject_empty_attachments = value;
        self
    }

    /// Accept timestamps without a UTC offset (local time). Default `false`.
    pub fn allow_timestamp_without_offset(&self) -> bool {
        self.allow_timestamp_without_offset
    }

    /// Sets [`allow_timestamp_without_offset`](Self::allow_timestamp_without_offset).
    #[must_use]
    pub fn with_allow_timestamp_without_offset(mut self, value: bool) -> Self {
        self.allow_timestamp_without_offset = value;
        self
    }

    /// Which timestamp forms are accepted. Default [`TimestampSyntax::ByVersion`]: ISO 8601
    /// combined date-times in basic or extended format under 1.0.3 (Data 4.5, XAPI-00123), RFC
    /// 3339 under 2.0; [`TimestampSyntax::Rfc3339`] for RFC 3339 only in both versions.
    pub fn timestamp_syntax(&self) -> TimestampSyntax {
        self.timestamp_syntax
    }

    /// Sets [`timestamp_syntax`](Self::timestamp_syntax).
    #[must_use]
    pub fn with_timestamp_syntax(mut self, value: TimestampSyntax) -> Self {
        self.timestamp_syntax = value;
        self
    }

    /// Accept SemVer pre-release and build suffixes on `version` (`1.0.3-rc1`). Default `false`
    /// (ADL LRS: `^1\.0(\.\d+)?$`).
    pub fn allow_version_suffix(&self) -> bool {
        self.allow_version_suffix
    }

    /// Sets [`allow_version_suffix`](Self::allow_version_suffix).
    #[must_use]
    pub fn with_allow_version_suffix(mut self, value: bool) -> Self {
        self.allow_version_suffix = value;
        self
    }

    /// Reject interaction component lists that do not belong to the interaction type
    /// (`scale` on `choice`), following the table of Data 2.4.4.1. Default `true`; the CTS does
    /// not test it.
    pub fn strict_interaction_components(&self) -> bool {
        self.strict_interaction_components
    }

    /// Sets [`strict_interaction_components`](Self::strict_interaction_components).
    #[must_use]
    pub fn with_strict_interaction_components(mut self, value: bool) -> Self {
        self.strict_interaction_components = value;
        self
    }

    /// Require a non-empty `relevantTypes` in 2.0 `contextAgents`/`contextGroups`. Default `true`
    /// (CTS v2_0 and ADL LRS).
    pub fn require_relevant_types(&self) -> bool {
        self.require_relevant_types
    }

    /// Sets [`require_relevant_types`](Self::require_relevant_types).
    #[must_use]
    pub fn with_require_relevant_types(mut self, value: bool) -> Self {
        self.require_relevant_types = value;
        self
    }

    /// Accept `attachments` inside a SubStatement. Default `true` (not forbidden by the text).
    pub fn allow_substatement_attachments(&self) -> bool {
        self.allow_substatement_attachments
    }

    /// Sets [`allow_substatement_attachments`](Self::allow_substatement_attachments).
    #[must_use]
    pub fn with_allow_substatement_attachments(mut self, value: bool) -> Self {
        self.allow_substatement_attachments = value;
        self
    }

    /// Accept `score.min == score.max`. Default `true`. When `false`, `max` must be above `min`
    /// exactly and also as a double: the typed [`Score`](crate::statement::Score) holds doubles,
    /// so bounds that differ only beyond double precision (`1` and `1.0000000000000000001`) would
    /// be written back as equal ones and refused when read again.
    pub fn allow_equal_score_bounds(&self) -> bool {
        self.allow_equal_score_bounds
    }

    /// Sets [`allow_equal_score_bounds`](Self::allow_equal_score_bounds).
    #[must_use]
    pub fn with_allow_equal_score_bounds(mut self, value: bool) -> Self {
        self.allow_equal_score_bounds = value;
        self
    }

    /// Refuse a `multipart/mixed` statements request whose attachment `length` differs from the size
    /// of its part (`xapi.attachment.length-mismatch`) in the LRS front door. Default `false`: the
    /// specification lists no LRS requirement on `length` (the hash is what the LRS checks,
    /// Communication §1.5.2), and the ADL conformance suite expects such a request to be stored
    /// (XAPI-00127, "attachment is raw data"). [`parse_statement_request`](crate::multipart::parse_statement_request)
    /// itself always checks.
    pub fn check_attachment_length(&self) -> bool {
        self.check_attachment_length
    }

    /// Sets [`check_attachment_length`](Self::check_attachment_length).
    #[must_use]
    pub fn with_check_attachment_length(mut self, value: bool) -> Self {
        self.check_attachment_length = value;
        self
    }
}

/// Everything a validation needs to know besides the bytes. Each setting has a getter named after it
/// and a `with_` setter.
///
/// # Example
///
/// ```
/// use learnwire_xapi::{Limits, Options, XapiVersion};
///
/// let options = Options::new(XapiVersion::V2_0_0)
///     .with_limits(Limits::default().with_max_depth(64))
///     .with_stop_at_first_error(true);
/// assert_eq!(options.version(), XapiVersion::V2_0_0);
/// assert_eq!(options.limits().max_depth(), 64);
/// assert!(options.stop_at_first_error());
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct Options {
    version: XapiVersion,
    limits: Limits,
    stop_at_first_error: bool,
    policy: Policy,
}

impl Options {
    /// Defaults for `version`.
    pub fn new(version: XapiVersion) -> Self {
        Self {
            version,
            ..Self::default()
        }
    }

    /// The xAPI version of the request. Default 1.0.3.
    pub fn version(&self) -> XapiVersion {
        self.version
    }

    /// Size limits. Default [`Limits::default`].
    pub fn limits(&self) -> &Limits {
        &self.limits
    }

    /// Stop at the first error (hot paths such as an LRS `POST`): the verdict is the same, the
    /// report holds one error. Default `false`.
    pub fn stop_at_first_error(&self) -> bool {
        self.stop_at_first_error
    }

    /// Contested points. Default [`Policy::default`].
    pub fn policy(&self) -> &Policy {
        &self.policy
    }

    /// Sets [`version`](Self::version).
    #[must_use]
    pub fn with_version(mut self, version: XapiVersion) -> Self {
        self.version = version;
        self
    }

    /// Sets [`limits`](Self::limits).
    #[must_use]
    pub fn with_limits(mut self, limits: Limits) -> Self {
        self.limits = limits;
        self
    }

    /// Sets [`policy`](Self::policy).
    #[must_use]
    pub fn with_policy(mut self, policy: Policy) -> Self {
        self.policy = policy;
        self
    }

    /// Sets [`stop_at_first_error`](Self::stop_at_first_error).
    #[must_use]
    pub fn with_stop_at_first_error(mut self, stop: bool) -> Self {
        self.stop_at_first_error = stop;
        self
    }
}
