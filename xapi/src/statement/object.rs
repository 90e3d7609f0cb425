//! Statement objects (Data 2.4.4): Activity, Agent, Group, StatementRef, SubStatement.

use serde::de::Error as _;
use serde::ser::Error as _;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::{Map, Value};

use super::{Activity, Actor, Agent, Attachment, Context, Group, StatementOutcome, Verb};
use crate::types::{Timestamp, XapiUuid};

/// What a statement is about.
// Statements are built one at a time, not stored by the million: boxing every Activity to shrink
// the enum would cost more than it saves.
#[allow(clippy::large_enum_variant)]
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub enum StatementObject {
    /// An Activity (the default when `objectType` is absent).
    Activity(Activity),
    /// An Agent.
    Agent(Agent),
    /// A Group.
    Group(Group),
    /// A reference to another statement.
    StatementRef(StatementRef),
    /// A statement inside the statement.
    SubStatement(Box<SubStatement>),
}

/// What a SubStatement is about (never another SubStatement).
#[allow(clippy::large_enum_variant)]
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub enum SubStatementObject {
    /// An Activity.
    Activity(Activity),
    /// An Agent.
    Agent(Agent),
    /// A Group.
    Group(Group),
    /// A reference to another statement.
    StatementRef(StatementRef),
}

/// A reference to a statement by id.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "RefWire", into = "RefWire")]
#[non_exhaustive]
pub struct StatementRef {
    /// The referenced statement's id.
    pub id: XapiUuid,
}

impl StatementRef {
    /// A reference to `id`.
    pub fn new(id: XapiUuid) -> Self {
        Self { id }
    }
}

#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct RefWire {
    #[serde(rename = "objectType")]
    object_type: String,
    id: XapiUuid,
}

/// `objectType` of a StatementRef is not `StatementRef`.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{}: objectType must be \"StatementRef\"", self.code())]
#[non_exhaustive]
pub struct NotAStatementRef;

impl NotAStatementRef {
    /// The code of the rule the value breaks (`ObjectType`).
    pub fn code(&self) -> learnwire_report::Code {
        crate::Rule::ObjectType.code()
    }
}

impl TryFrom<RefWire> for StatementRef {
    type Error = NotAStatementRef;

    fn try_from(wire: RefWire) -> Result<Self, Self::Error> {
        if wire.object_type == "StatementRef" {
            Ok(Self { id: wire.id })
        } else {
            Err(NotAStatementRef)
        }
    }
}

impl From<StatementRef> for RefWire {
    fn from(reference: StatementRef) -> Self {
        Self {
            object_type: "StatementRef".to_owned(),
            id: reference.id,
        }
    }
}

/// A statement used as an object: no `id`, `stored`, `version` or `authority`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct SubStatement {
    /// Who.
    pub actor: Actor,
    /// Did what.
    pub verb: Verb,
    /// To what.
    pub object: SubStatementObject,
    /// Outcome.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub result: Option<StatementOutcome>,
    /// Context.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub context: Option<Context>,
    /// When.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub timestamp: Option<Timestamp>,
    /// Attachment metadata.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub attachments: Option<Vec<Attachment>>,
}

impl SubStatement {
    /// A SubStatement with its required properties.
    pub fn new(actor: Actor, verb: Verb, object: SubStatementObject) -> Self {
        Self {
            actor,
            verb,
            object,
            result: None,
            context: None,
            timestamp: None,
            attachments: None,
        }
    }
}

fn object_kind<E: serde::de::Error>(map: &Map<String, Value>) -> Result<String, E> {
    match map.get("objectType") {
        None => Ok("Activity".to_owned()),
        Some(Value::String(kind)) => Ok(kind.clone()),
        Some(_) => Err(E::custom("objectType must be a string")),
    }
}

fn build<T: serde::de::DeserializeOwned, E: serde::de::Error>(
    map: Map<String, Value>,
) -> Result<T, E> {
    serde_json::from_value(Value::Object(map)).map_err(E::custom)
}

impl<'de> Deserialize<'de> for StatementObject {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let mut map = Map::deserialize(deserializer)?;
        match object_kind::<D::Error>(&map)?.as_str() {
            "Activity" => build(map).map(Self::Activity),
            "Agent" => build(map).map(Self::Agent),
            "Group" => build(map).map(Self::Group),
            "StatementRef" => build(map).map(Self::StatementRef),
            "SubStatement" => {
                map.remove("objectType");
                build(map).map(|sub| Self::SubStatement(Box::new(sub)))
            }
            _ => Err(D::Error::custom("unknown objectType")),
        }
    }
}

impl<'de> Deserialize<'de> for SubStatementObject {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let map = Map::deserialize(deserializer)?;
        match object_kind::<D::Error>(&map)?.as_str() {
            "Activity" => build(map).map(Self::Activity),
            "Agent" => build(map).map(Self::Agent),
            "Group" => build(map).map(Self::Group),
            "StatementRef" => build(map).map(Self::StatementRef),
            _ => Err(D::Error::custom("objectType not allowed in a SubStatement")),
        }
    }
}

impl Serialize for StatementObject {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Self::Activity(activity) => activity.serialize(serializer),
            Self::Agent(agent) => agent.serialize(serializer),
            Self::Group(group) => group.serialize(serializer),
            Self::StatementRef(reference) => reference.serialize(serializer),
            Self::SubStatement(sub) => {
                let mut value = serde_json::to_value(sub).map_err(S::Error::custom)?;
                if let Value::Object(map) = &mut value {
                    map.insert(
                        "objectType".to_owned(),
                        Value::String("SubStatement".to_owned()),
                    );
                }
                value.serialize(serializer)
            }
        }
    }
}

impl Serialize for SubStatementObject {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Self::Activity(activity) => activity.serialize(serializer),
            Self::Agent(agent) => agent.serialize(serializer),
            Self::Group(group) => group.serialize(serializer),
            Self::StatementRef(reference) => reference.serialize(serializer),
        }
    }
}
