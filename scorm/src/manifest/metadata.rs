//! `metadata`.

use serde::Serialize;

/// A `metadata` element: schema, schemaversion, external LOM location, inline LOM.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct Metadata {
    /// `schema` (trimmed), normally `ADL SCORM`.
    pub schema: Option<String>,
    /// `schemaversion` (trimmed): `1.2`, `CAM 1.3`, `2004 3rd Edition`, `2004 4th Edition`.
    pub schemaversion: Option<String>,
    /// `adlcp:location`: the package path of an external LOM document.
    pub location: Option<String>,
    /// True when LOM (or IMS metadata) is given inline.
    pub has_inline_lom: bool,
}
