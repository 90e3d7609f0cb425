//! `lti1p1` claim: identifiers for migrating from LTI 1.1 (LTI Core 1.3 §C, "LTI 1.1 migration").

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::Value;

/// `https://purl.imsglobal.org/spec/lti/claim/lti1p1`: the LTI 1.1 identifiers of this launch, so a tool
/// can link 1.3 users, contexts and links to the records it kept under 1.1.
///
/// `oauth_consumer_key_sign` lets the tool check the platform knows the LTI 1.1 secret; checking it is
/// the verifier's job, this type only carries it.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Lti1p1 {
    /// `user_id`: the LTI 1.1 `user_id` when it differs from `sub`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user_id: Option<String>,
    /// `oauth_consumer_key`: the LTI 1.1 consumer key.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub oauth_consumer_key: Option<String>,
    /// `oauth_consumer_key_sign`: base64 HMAC-SHA256 over the migration base string.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub oauth_consumer_key_sign: Option<String>,
    /// `resource_link_id`: the LTI 1.1 `resource_link_id` when it differs.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resource_link_id: Option<String>,
    /// `context_id`: the LTI 1.1 `context_id` when it differs.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub context_id: Option<String>,
    /// `tool_consumer_instance_guid`: the LTI 1.1 instance GUID when it differs.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tool_consumer_instance_guid: Option<String>,
    /// Members not defined by the spec, kept verbatim.
    #[serde(flatten)]
    pub extensions: BTreeMap<String, Value>,
}

impl Lti1p1 {
    /// An empty migration claim.
    pub fn new() -> Self {
        Self::default()
    }
}
