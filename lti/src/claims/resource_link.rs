//! `resource_link` claim (LTI Core 1.3 §5.3.5).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::ResourceLinkId;

/// `https://purl.imsglobal.org/spec/lti/claim/resource_link`: the placement of the link that was launched.
///
/// # Example
/// ```
/// use learnwire_lti::claims::{ResourceLink, ResourceLinkId};
/// let link: ResourceLink = serde_json::from_str(r#"{"id":"200d101f","title":"Week 1"}"#)?;
/// assert_eq!(link.id.as_str(), "200d101f");
/// let built = ResourceLink::new(ResourceLinkId::parse("200d101f")?);
/// assert_eq!(built.title, None);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ResourceLink {
    /// `id` (required): stable, locally unique to the deployment, changes when the link is copied.
    pub id: ResourceLinkId,
    /// `title`: the link's title as shown to the user.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// `description`: plain-text description of the link.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Members not defined by the spec, kept verbatim.
    #[serde(flatten)]
    pub extensions: BTreeMap<String, Value>,
}

impl ResourceLink {
    /// A resource link claim with its required `id`.
    pub fn new(id: ResourceLinkId) -> Self {
        Self {
            id,
            title: None,
            description: None,
            extensions: BTreeMap::new(),
        }
    }
}
