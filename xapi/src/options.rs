//! What to validate against: xAPI version, limits, and policy for points implementations dispute.

use std::fmt;
use std::str::FromStr;

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
#[error("unsupported xAPI version (expected 1.0.3 or 2.0.0)")]
#[non_exhaustive]
pub struct UnknownXapiVersion;

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

/// Size limits, enforced before the expensive work they protect. Each hit has its own code
/// (`xapi.limit.*`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Limits {
    /// Largest request body in bytes. Default 1 MiB (1 048 576).
    pub body_bytes: usize,
    /// Largest single statement in bytes (each element of a batch). Default 256 KiB (262 144).
    pub statement_bytes: usize,
    /// Deepest nesting of arrays and objects, counted from the statement (each element of a batch
    /// on its own): a statement nested exactly `depth` levels deep passes, one level more is
    /// refused. Default 128. The readers recurse once per level, so values above
    /// [`Limits::MAX_DEPTH`] act as [`Limits::MAX_DEPTH`].
    pub depth: usize,
    /// Most statements in one batch. Default 1 000.
    pub batch_statements: usize,
    /// Longest string value in bytes, and longest key inside `extensions` (extension keys and the
    /// keys of objects in extension values). Default 65 536.
    pub string_bytes: usize,
    /// Most items in one array or object (members, components, language map entries,
    /// extensions, and any array or object inside an extension value). Default 10 000.
    pub collection_items: usize,
    /// Most issues kept for one request body, its statements together; past that they are only
    /// counted (each report's `dropped`), and no location or message is built for them.
    /// Default 10 000 (`Report::DEFAULT_ISSUE_LIMIT`).
    pub issues: usize,
    /// Longest JSON pointer put in an issue's location, in bytes. An issue deeper than that (under
    /// long keys) is located at its deepest ancestor whose pointer fits, and its message says so.
    /// With [`issues`](Self::issues) this bounds the size of a report whatever the input. Default
    /// 1 024.
    pub pointer_bytes: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Self {
            body_bytes: 1 << 20,
            statement_bytes: 256 << 10,
            depth: 128,
            batch_statements: 1_000,
            string_bytes: 65_536,
            collection_items: 10_000,
            issues: learnwire_report::Report::DEFAULT_ISSUE_LIMIT,
            pointer_bytes: 1_024,
        }
    }
}

impl Limits {
    /// The largest [`depth`](Self::depth) that takes effect: 512 levels, which the readers walk
    /// recursively within a 2 MiB thread stack.
    pub const MAX_DEPTH: usize = 512;

    /// The documented defaults.
    pub fn new() -> Self {
        Self::default()
    }

    /// [`depth`](Self::depth), at most [`Self::MAX_DEPTH`].
    pub(crate) fn effective_depth(&self) -> usize {
        self.depth.min(Self::MAX_DEPTH)
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
/// `contested` cases of the corpus). Defaults follow the ADL conformance test suite.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Policy {
    /// UUID acceptance. Default [`UuidPolicy::KnownVersion`].
    pub uuid: UuidPolicy,
    /// Reject empty objects (`{}`) for result, score, context, contextActivities and language maps
    /// (XAPI-00001 read literally). Default `false` (the spec says SHOULD NOT send).
    pub reject_empty_objects: bool,
    /// Reject an empty `contextActivities` value array. Default `false` (the spec sets no minimum;
    /// xapi-schema rejects).
    pub reject_empty_context_activity_list: bool,
    /// Reject an empty `attachments` array. Default `true` (xapi-schema).
    pub reject_empty_attachments: bool,
    /// Accept timestamps without a UTC offset (local time). Default `false`.
    pub allow_timestamp_without_offset: bool,
    /// Which timestamp forms are accepted. Default [`TimestampSyntax::ByVersion`]: ISO 8601
    /// combined date-times in basic or extended format under 1.0.3 (Data 4.5, XAPI-00123), RFC
    /// 3339 under 2.0; [`TimestampSyntax::Rfc3339`] for RFC 3339 only in both versions.
    pub timestamp_syntax: TimestampSyntax,
    /// Accept SemVer pre-release and build suffixes on `version` (`1.0.3-rc1`). Default `false`
    /// (ADL LRS: `^1\.0(\.\d+)?$`).
    pub allow_version_suffix: bool,
    /// Reject interaction component lists that do not belong to the interaction type
    /// (`scale` on `choice`), following the table of Data 2.4.4.1. Default `true`; the CTS does
    /// not test it.
    pub strict_interaction_components: bool,
    /// Require a non-empty `relevantTypes` in 2.0 `contextAgents`/`contextGroups`. Default `true`
    /// (CTS v2_0 and ADL LRS).
    pub require_relevant_types: bool,
    /// Accept `attachments` inside a SubStatement. Default `true` (not forbidden by the text).
    pub allow_substatement_attachments: bool,
    /// Accept `score.min == score.max`. Default `true`.
    pub allow_equal_score_bounds: bool,
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
        }
    }
}

impl Policy {
    /// The defaults (ADL conformance test suite behaviour).
    pub fn new() -> Self {
        Self::default()
    }
}

/// Everything a validation needs to know besides the bytes.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct Options {
    /// The xAPI version of the request. Default 1.0.3.
    pub version: XapiVersion,
    /// Size limits.
    pub limits: Limits,
    /// Stop at the first error (hot paths such as an LRS `POST`): the verdict is the same, the
    /// report holds one error.
    pub stop_at_first_error: bool,
    /// Contested points.
    pub policy: Policy,
}

impl Options {
    /// Defaults for `version`.
    pub fn new(version: XapiVersion) -> Self {
        Self {
            version,
            ..Self::default()
        }
    }
}
