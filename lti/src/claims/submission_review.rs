//! `for_user` claim of the submission review message (LTI Submission Review Service 1.0 §3.2).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::{Role, UserId};

/// `https://purl.imsglobal.org/spec/lti/claim/for_user`: the user whose submission is reviewed (in an
/// `LtiSubmissionReviewRequest` the `sub` is the reviewer, often an instructor).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ForUser {
    /// `user_id` (required): the reviewed user's id, as in `sub` of their own launches.
    pub user_id: UserId,
    /// `person_sourcedid`: the reviewed user's SIS id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub person_sourcedid: Option<String>,
    /// `given_name`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub given_name: Option<String>,
    /// `family_name`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub family_name: Option<String>,
    /// `name`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// `email`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    /// `roles`: the reviewed user's roles in the context.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub roles: Option<Vec<Role>>,
    /// Members not defined by the spec, kept verbatim.
    #[serde(flatten)]
    pub extensions: BTreeMap<String, Value>,
}

impl ForUser {
    /// A `for_user` claim with its required `user_id`.
    pub fn new(user_id: UserId) -> Self {
        Self {
            user_id,
            person_sourcedid: None,
            given_name: None,
            family_name: None,
            name: None,
            email: None,
            roles: None,
            extensions: BTreeMap::new(),
        }
    }
}
