//! `context` claim (LTI Core 1.3 §5.4.1) and the context type vocabulary (§A.1).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::ContextId;
use super::vocabulary::open_vocabulary;

/// `https://purl.imsglobal.org/spec/lti/claim/context`: the course, section or group the launch
/// happens in.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Context {
    /// `id` (required): stable, locally unique to the deployment.
    pub id: ContextId,
    /// `label`: short label such as a course code (`CS-101`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    /// `title`: full title of the context.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// `type`: one or more context types.
    #[serde(rename = "type", default, skip_serializing_if = "Option::is_none")]
    pub context_type: Option<Vec<ContextType>>,
    /// Members not defined by the spec, kept verbatim.
    #[serde(flatten)]
    pub extensions: BTreeMap<String, Value>,
}

impl Context {
    /// A context claim with its required `id`.
    pub fn new(id: ContextId) -> Self {
        Self {
            id,
            label: None,
            title: None,
            context_type: None,
            extensions: BTreeMap::new(),
        }
    }

    /// Whether one of the context's types is `context_type`.
    pub fn is_type(&self, context_type: &ContextType) -> bool {
        self.context_type
            .as_deref()
            .unwrap_or_default()
            .contains(context_type)
    }
}

open_vocabulary! {
    /// A context type (LTI Core 1.3 §A.1, LIS v2 course vocabulary).
    ///
    /// Read in the long form (`http://purl.imsglobal.org/vocab/lis/v2/course#CourseOffering`), the
    /// deprecated simple name (`CourseOffering`) and the LTI 1.1 URN
    /// (`urn:lti:context-type:ims/lis/CourseOffering`); always written in the long form. Other values
    /// are kept verbatim.
    pub enum ContextType {
        /// `CourseTemplate`.
        CourseTemplate => "http://purl.imsglobal.org/vocab/lis/v2/course#CourseTemplate"
            | "CourseTemplate" | "urn:lti:context-type:ims/lis/CourseTemplate",
        /// `CourseOffering`.
        CourseOffering => "http://purl.imsglobal.org/vocab/lis/v2/course#CourseOffering"
            | "CourseOffering" | "urn:lti:context-type:ims/lis/CourseOffering",
        /// `CourseSection`.
        CourseSection => "http://purl.imsglobal.org/vocab/lis/v2/course#CourseSection"
            | "CourseSection" | "urn:lti:context-type:ims/lis/CourseSection",
        /// `Group`.
        Group => "http://purl.imsglobal.org/vocab/lis/v2/course#Group"
            | "Group" | "urn:lti:context-type:ims/lis/Group",
    }
}
