//! Service claims: the AGS endpoint claim (AGS 2.0 §3.1) and the NRPS claim (NRPS 2.0 §3.6.1).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::Value;
use url::Url;

use super::vocabulary::open_vocabulary;

/// `https://purl.imsglobal.org/spec/lti-ags/claim/endpoint`: where and how the tool may use the
/// Assignment and Grade Services.
///
/// `lineitem` is present when the launch has exactly one coupled line item; `lineitems` when the tool
/// may manage line items itself.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct AgsEndpoint {
    /// `scope`: the AGS scopes the tool may request. Read as empty when absent.
    #[serde(default)]
    pub scope: Vec<AgsScope>,
    /// `lineitems`: the line items container URL for the context. `""` reads as absent.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "super::lenient::optional_url"
    )]
    pub lineitems: Option<Url>,
    /// `lineitem`: the line item URL coupled to this resource link. AGS 2.0 §3.1 says it is "blank or
    /// not included" when there is no single coupled line item, so `""` reads as absent.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "super::lenient::optional_url"
    )]
    pub lineitem: Option<Url>,
    /// Members not defined by the spec (Canvas adds `validation_context`, `errors`), kept verbatim.
    #[serde(flatten)]
    pub extensions: BTreeMap<String, Value>,
}

impl AgsEndpoint {
    /// An AGS endpoint claim granting `scope`.
    pub fn new(scope: Vec<AgsScope>) -> Self {
        Self {
            scope,
            ..Self::default()
        }
    }

    /// Whether `scope` is granted.
    pub fn has_scope(&self, scope: &AgsScope) -> bool {
        self.scope.contains(scope)
    }
}

open_vocabulary! {
    /// An AGS 2.0 OAuth scope (AGS 2.0 §3.1).
    pub enum AgsScope {
        /// Manage line items: `https://purl.imsglobal.org/spec/lti-ags/scope/lineitem`.
        LineItem => "https://purl.imsglobal.org/spec/lti-ags/scope/lineitem",
        /// Read line items: `https://purl.imsglobal.org/spec/lti-ags/scope/lineitem.readonly`.
        LineItemReadOnly => "https://purl.imsglobal.org/spec/lti-ags/scope/lineitem.readonly",
        /// Read results: `https://purl.imsglobal.org/spec/lti-ags/scope/result.readonly`.
        ResultReadOnly => "https://purl.imsglobal.org/spec/lti-ags/scope/result.readonly",
        /// Publish scores: `https://purl.imsglobal.org/spec/lti-ags/scope/score`.
        Score => "https://purl.imsglobal.org/spec/lti-ags/scope/score",
    }
}

/// `https://purl.imsglobal.org/spec/lti-nrps/claim/namesroleservice`: the Names and Role Provisioning
/// Service endpoint for the context.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct NamesRoleService {
    /// `context_memberships_url` (required): the membership container URL.
    pub context_memberships_url: Url,
    /// `service_versions` (required by the spec, read as empty when absent): for example `["2.0"]`.
    #[serde(default)]
    pub service_versions: Vec<String>,
    /// Members not defined by the spec, kept verbatim.
    #[serde(flatten)]
    pub extensions: BTreeMap<String, Value>,
}

impl NamesRoleService {
    /// An NRPS claim for version 2.0 of the service.
    pub fn new(context_memberships_url: Url) -> Self {
        Self {
            context_memberships_url,
            service_versions: vec!["2.0".to_owned()],
            extensions: BTreeMap::new(),
        }
    }
}
