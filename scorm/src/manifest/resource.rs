//! `resources`, `resource`, `file`, `dependency`.

use serde::Serialize;

use super::Metadata;

/// The `resources` element.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct Resources {
    /// `@xml:base`, if any.
    pub base: Option<String>,
    /// The resources, in document order.
    pub list: Vec<Resource>,
}

/// Whether a resource talks to the LMS run-time API.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
#[non_exhaustive]
pub enum ScormType {
    /// A Sharable Content Object: launched with the run-time API.
    Sco,
    /// An asset: launched without tracking.
    Asset,
}

/// One `resource`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct Resource {
    /// `@identifier`.
    pub identifier: String,
    /// `@type`, normally `webcontent`.
    pub resource_type: String,
    /// `@adlcp:scormtype` (1.2) / `@adlcp:scormType` (2004). `None` when absent: LMSs differ (Moodle
    /// treats it as an asset), so the caller decides.
    pub scorm_type: Option<ScormType>,
    /// `@href` as written (not decoded), if any.
    pub href: Option<String>,
    /// `@xml:base`, if any.
    pub base: Option<String>,
    /// `file` elements.
    pub files: Vec<ResourceFile>,
    /// `dependency/@identifierref` values.
    pub dependencies: Vec<String>,
    /// `metadata`, if any.
    pub metadata: Option<Box<Metadata>>,
}

/// One `file` of a resource.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct ResourceFile {
    /// `@href` as written.
    pub href: String,
    /// `metadata`, if any.
    pub metadata: Option<Box<Metadata>>,
}
