//! `lis` claim (LTI Core 1.3 §5.4.5): SIS identifiers from LIS.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::Value;

/// `https://purl.imsglobal.org/spec/lti/claim/lis`: Learning Information Services sourcedIds.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Lis {
    /// `person_sourcedid`: the user's SIS identifier.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub person_sourcedid: Option<String>,
    /// `course_offering_sourcedid`: the course offering's SIS identifier.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub course_offering_sourcedid: Option<String>,
    /// `course_section_sourcedid`: the course section's SIS identifier.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub course_section_sourcedid: Option<String>,
    /// Other members (for example `outcome_service_url`, `result_sourcedid` from LTI 1.1 bridges,
    /// Canvas' `validation_context`), kept verbatim.
    #[serde(flatten)]
    pub extensions: BTreeMap<String, Value>,
}

impl Lis {
    /// An empty `lis` claim.
    pub fn new() -> Self {
        Self::default()
    }
}
