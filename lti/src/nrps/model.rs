//! The membership container and its members (NRPS 2.0).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::claims::vocabulary::open_vocabulary;
use crate::claims::{Context, Role, UserId};

/// A page of a context's membership (NRPS 2.0): the context and its members.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct MembershipContainer {
    /// `id`: the container's URL (as the platform wrote it).
    pub id: String,
    /// `context`: `id` (required), `label`, `title`.
    pub context: Context,
    /// `members`.
    pub members: Vec<Member>,
    /// Members the spec does not define, kept verbatim.
    #[serde(flatten)]
    pub extensions: BTreeMap<String, Value>,
}

impl MembershipContainer {
    /// A container for `context` with `members`.
    pub fn new(id: impl Into<String>, context: Context, members: Vec<Member>) -> Self {
        Self {
            id: id.into(),
            context,
            members,
            extensions: BTreeMap::new(),
        }
    }
}

open_vocabulary! {
    /// A member's `status` (NRPS 2.0): absent means `Active`.
    pub enum MemberStatus {
        /// `Active`.
        Active => "Active",
        /// `Inactive`: still enrolled, without access.
        Inactive => "Inactive",
        /// `Deleted`: removed (seen in a `differences` answer).
        Deleted => "Deleted",
    }
}

/// One member of the context (NRPS 2.0). Which of the personal members are present depends on the
/// platform's privacy settings.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Member {
    /// `status`: absent reads as `Active` (see [`status`](Self::status)).
    #[serde(rename = "status", default, skip_serializing_if = "Option::is_none")]
    pub status_value: Option<MemberStatus>,
    /// `user_id` (required): the LTI user id, the launch's `sub`.
    pub user_id: UserId,
    /// `roles` (required): the member's roles in the context, in the crate's role vocabulary.
    #[serde(default)]
    pub roles: Vec<Role>,
    /// `name`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// `given_name`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub given_name: Option<String>,
    /// `family_name`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub family_name: Option<String>,
    /// `middle_name`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub middle_name: Option<String>,
    /// `email`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    /// `picture`: an image URL, as written.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub picture: Option<String>,
    /// `lis_person_sourcedid`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lis_person_sourcedid: Option<String>,
    /// `lti11_legacy_user_id`: the user's LTI 1.1 id, for migration.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lti11_legacy_user_id: Option<String>,
    /// `message`: the claims the member would get in a launch of the `rlid` resource link, one object
    /// per message type, kept as sent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message: Option<Vec<Map<String, Value>>>,
    /// Members the spec does not define, kept verbatim.
    #[serde(flatten)]
    pub extensions: BTreeMap<String, Value>,
}

impl Member {
    /// A member with `roles`, active.
    pub fn new(user_id: UserId, roles: Vec<Role>) -> Self {
        Self {
            status_value: None,
            user_id,
            roles,
            name: None,
            given_name: None,
            family_name: None,
            middle_name: None,
            email: None,
            picture: None,
            lis_person_sourcedid: None,
            lti11_legacy_user_id: None,
            message: None,
            extensions: BTreeMap::new(),
        }
    }

    /// The member's status, `Active` when absent.
    pub fn status(&self) -> MemberStatus {
        self.status_value.clone().unwrap_or(MemberStatus::Active)
    }
}
