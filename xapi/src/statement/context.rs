//! Context (Data 2.4.6) and the 2.0 context agents and groups.

use serde::{Deserialize, Deserializer, Serialize};

use super::{Activity, Actor, Agent, Extensions, Group, StatementRef};
use crate::types::{Iri, LanguageTag, XapiUuid};

/// A statement's context.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[non_exhaustive]
pub struct Context {
    /// The registration (attempt) id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub registration: Option<XapiUuid>,
    /// The instructor (Agent or Group).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub instructor: Option<Actor>,
    /// The team.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub team: Option<Group>,
    /// Related activities.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub context_activities: Option<ContextActivities>,
    /// Revision of the activity (Activity objects only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub revision: Option<String>,
    /// Platform (Activity objects only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub platform: Option<String>,
    /// Language of the experience.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub language: Option<LanguageTag>,
    /// A related statement.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub statement: Option<StatementRef>,
    /// Extensions.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub extensions: Option<Extensions>,
    /// 2.0: agents relevant to the statement.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub context_agents: Option<Vec<ContextAgent>>,
    /// 2.0: groups relevant to the statement.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub context_groups: Option<Vec<ContextGroup>>,
}

impl Context {
    /// An empty context.
    pub fn new() -> Self {
        Self::default()
    }
}

/// Related activities; a single Activity on input becomes a one-element list.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct ContextActivities {
    /// Parents.
    #[serde(
        default,
        deserialize_with = "one_or_many",
        skip_serializing_if = "Option::is_none"
    )]
    pub parent: Option<Vec<Activity>>,
    /// Groupings.
    #[serde(
        default,
        deserialize_with = "one_or_many",
        skip_serializing_if = "Option::is_none"
    )]
    pub grouping: Option<Vec<Activity>>,
    /// Categories.
    #[serde(
        default,
        deserialize_with = "one_or_many",
        skip_serializing_if = "Option::is_none"
    )]
    pub category: Option<Vec<Activity>>,
    /// Others.
    #[serde(
        default,
        deserialize_with = "one_or_many",
        skip_serializing_if = "Option::is_none"
    )]
    pub other: Option<Vec<Activity>>,
}

impl ContextActivities {
    /// No related activities.
    pub fn new() -> Self {
        Self::default()
    }
}

#[allow(clippy::large_enum_variant)]
#[derive(Deserialize)]
#[serde(untagged)]
enum OneOrMany {
    Many(Vec<Activity>),
    One(Activity),
}

fn one_or_many<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<Option<Vec<Activity>>, D::Error> {
    Ok(Some(match OneOrMany::deserialize(deserializer)? {
        OneOrMany::Many(list) => list,
        OneOrMany::One(activity) => vec![activity],
    }))
}

/// 2.0 `contextAgents` entry (`objectType` `contextAgent`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "ContextAgentWire", into = "ContextAgentWire")]
#[non_exhaustive]
pub struct ContextAgent {
    /// The agent.
    pub agent: Agent,
    /// Why it is relevant.
    pub relevant_types: Option<Vec<Iri>>,
}

/// 2.0 `contextGroups` entry (`objectType` `contextGroup`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "ContextGroupWire", into = "ContextGroupWire")]
#[non_exhaustive]
pub struct ContextGroup {
    /// The group.
    pub group: Group,
    /// Why it is relevant.
    pub relevant_types: Option<Vec<Iri>>,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct ContextAgentWire {
    object_type: String,
    agent: Agent,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    relevant_types: Option<Vec<Iri>>,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct ContextGroupWire {
    object_type: String,
    group: Group,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    relevant_types: Option<Vec<Iri>>,
}

/// The `objectType` of a context agent or group entry is wrong.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{}: objectType must be \"contextAgent\" or \"contextGroup\"", self.code())]
#[non_exhaustive]
pub struct WrongContextType;

impl WrongContextType {
    /// The code of the rule the value breaks (`ContextAgents`).
    pub fn code(&self) -> learnwire_report::Code {
        crate::Rule::ContextAgents.code()
    }
}

impl TryFrom<ContextAgentWire> for ContextAgent {
    type Error = WrongContextType;

    fn try_from(wire: ContextAgentWire) -> Result<Self, Self::Error> {
        (wire.object_type == "contextAgent")
            .then_some(Self {
                agent: wire.agent,
                relevant_types: wire.relevant_types,
            })
            .ok_or(WrongContextType)
    }
}

impl From<ContextAgent> for ContextAgentWire {
    fn from(entry: ContextAgent) -> Self {
        Self {
            object_type: "contextAgent".to_owned(),
            agent: entry.agent,
            relevant_types: entry.relevant_types,
        }
    }
}

impl TryFrom<ContextGroupWire> for ContextGroup {
    type Error = WrongContextType;

    fn try_from(wire: ContextGroupWire) -> Result<Self, Self::Error> {
        (wire.object_type == "contextGroup")
            .then_some(Self {
                group: wire.group,
                relevant_types: wire.relevant_types,
            })
            .ok_or(WrongContextType)
    }
}

impl From<ContextGroup> for ContextGroupWire {
    fn from(entry: ContextGroup) -> Self {
        Self {
            object_type: "contextGroup".to_owned(),
            group: entry.group,
            relevant_types: entry.relevant_types,
        }
    }
}
