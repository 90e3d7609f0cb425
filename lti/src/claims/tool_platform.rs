//! `tool_platform` claim (LTI Core 1.3 §5.4.2).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::Value;
use url::Url;

/// `https://purl.imsglobal.org/spec/lti/claim/tool_platform`: the platform instance that sent the launch.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ToolPlatform {
    /// `guid`: stable identifier of the platform instance, unique for the issuer. LTI Core 1.3 §5.4.2
    /// makes it required within the claim, but platforms in the wild send `tool_platform` without it
    /// (leniency on reading: a missing `guid` reads as `None` so such a platform still launches; our
    /// own builders always write one when given).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub guid: Option<String>,
    /// `name`: platform instance name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// `contact_email`: administrative contact (may be `""` on the wire; kept as sent).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contact_email: Option<String>,
    /// `description`: platform instance description.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// `url`: home page of the platform instance. An empty string reads as absent.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "super::lenient::optional_url"
    )]
    pub url: Option<Url>,
    /// `product_family_code`: vendor product code (`canvas`, `moodle`, `desire2learn`, ...).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub product_family_code: Option<String>,
    /// `version`: platform software version.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version: Option<String>,
    /// Members not defined by the spec, kept verbatim.
    #[serde(flatten)]
    pub extensions: BTreeMap<String, Value>,
}

impl ToolPlatform {
    /// A tool platform claim with its `guid`.
    pub fn new(guid: impl Into<String>) -> Self {
        Self {
            guid: Some(guid.into()),
            name: None,
            contact_email: None,
            description: None,
            url: None,
            product_family_code: None,
            version: None,
            extensions: BTreeMap::new(),
        }
    }
}
