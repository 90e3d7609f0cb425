//! Agents, Groups and their inverse functional identifiers (Data 2.4.2).

use serde::{Deserialize, Serialize};

use crate::types::{Iri, MailtoIri, OpenId, Sha1Sum};

/// An inverse functional identifier: exactly one identifies an Agent or identified Group.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Ifi {
    /// `mbox`.
    Mbox(MailtoIri),
    /// `mbox_sha1sum`.
    MboxSha1Sum(Sha1Sum),
    /// `openid`.
    OpenId(OpenId),
    /// `account`.
    Account(Account),
}

/// An account on some system (`account`).
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[non_exhaustive]
pub struct Account {
    /// The system's home page.
    pub home_page: Iri,
    /// The account name on that system.
    pub name: String,
}

impl Account {
    /// An account.
    pub fn new(home_page: Iri, name: impl Into<String>) -> Self {
        Self {
            home_page,
            name: name.into(),
        }
    }
}

/// An individual.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "ActorWire", into = "ActorWire")]
#[non_exhaustive]
pub struct Agent {
    /// Display name.
    pub name: Option<String>,
    /// The identifier.
    pub ifi: Ifi,
}

impl Agent {
    /// An Agent identified by `ifi`.
    pub fn new(ifi: Ifi) -> Self {
        Self { name: None, ifi }
    }
}

/// A Group: anonymous (no identifier, members listed) or identified.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "ActorWire", into = "ActorWire")]
#[non_exhaustive]
pub struct Group {
    /// Display name.
    pub name: Option<String>,
    /// The identifier (`None` for an anonymous Group).
    pub ifi: Option<Ifi>,
    /// Members (required and non-empty for an anonymous Group).
    pub member: Option<Vec<Agent>>,
}

impl Group {
    /// An anonymous Group of `members`.
    pub fn anonymous(members: Vec<Agent>) -> Self {
        Self {
            name: None,
            ifi: None,
            member: Some(members),
        }
    }

    /// An identified Group.
    pub fn identified(ifi: Ifi) -> Self {
        Self {
            name: None,
            ifi: Some(ifi),
            member: None,
        }
    }
}

/// An Agent or a Group.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "ActorWire", into = "ActorWire")]
#[non_exhaustive]
pub enum Actor {
    /// An individual.
    Agent(Agent),
    /// A Group.
    Group(Group),
}

/// The JSON shape shared by Agents and Groups.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct ActorWire {
    #[serde(
        rename = "objectType",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    object_type: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    mbox: Option<MailtoIri>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    mbox_sha1sum: Option<Sha1Sum>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    openid: Option<OpenId>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    account: Option<Account>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    member: Option<Vec<Agent>>,
}

/// Why a JSON Agent/Group could not become the typed value.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum InvalidActor {
    /// Not exactly one identifier where one is required.
    #[error("{}: an Agent or identified Group needs exactly one identifier", self.code())]
    IdentifierCount,
    /// objectType is not Agent or Group, or not the expected one.
    #[error("{}: wrong objectType for an Agent or Group", self.code())]
    ObjectType,
    /// An anonymous Group without members, or members on an Agent.
    #[error("{}: members are required on anonymous Groups and allowed only on Groups", self.code())]
    Members,
}

impl InvalidActor {
    /// The code of the rule the actor breaks.
    pub fn code(&self) -> learnwire_report::Code {
        match self {
            Self::IdentifierCount => crate::Rule::IfiCount.code(),
            Self::ObjectType => crate::Rule::ActorObjectType.code(),
            Self::Members => crate::Rule::AnonymousGroupMembers.code(),
        }
    }
}

impl ActorWire {
    fn take_ifi(&mut self) -> Result<Option<Ifi>, InvalidActor> {
        let found = [
            self.mbox.take().map(Ifi::Mbox),
            self.mbox_sha1sum.take().map(Ifi::MboxSha1Sum),
            self.openid.take().map(Ifi::OpenId),
            self.account.take().map(Ifi::Account),
        ];
        let mut present = found.into_iter().flatten();
        let first = present.next();
        if present.next().is_some() {
            return Err(InvalidActor::IdentifierCount);
        }
        Ok(first)
    }

    fn with_ifi(
        name: Option<String>,
        ifi: Option<Ifi>,
        object_type: &str,
        member: Option<Vec<Agent>>,
    ) -> Self {
        let mut wire = Self {
            object_type: Some(object_type.to_owned()),
            name,
            mbox: None,
            mbox_sha1sum: None,
            openid: None,
            account: None,
            member,
        };
        match ifi {
            Some(Ifi::Mbox(value)) => wire.mbox = Some(value),
            Some(Ifi::MboxSha1Sum(value)) => wire.mbox_sha1sum = Some(value),
            Some(Ifi::OpenId(value)) => wire.openid = Some(value),
            Some(Ifi::Account(value)) => wire.account = Some(value),
            None => {}
        }
        wire
    }
}

impl TryFrom<ActorWire> for Actor {
    type Error = InvalidActor;

    fn try_from(wire: ActorWire) -> Result<Self, Self::Error> {
        match wire.object_type.as_deref() {
            None | Some("Agent") => Agent::try_from(wire).map(Actor::Agent),
            Some("Group") => Group::try_from(wire).map(Actor::Group),
            Some(_) => Err(InvalidActor::ObjectType),
        }
    }
}

impl TryFrom<ActorWire> for Agent {
    type Error = InvalidActor;

    fn try_from(mut wire: ActorWire) -> Result<Self, Self::Error> {
        if !matches!(wire.object_type.as_deref(), None | Some("Agent")) {
            return Err(InvalidActor::ObjectType);
        }
        if wire.member.is_some() {
            return Err(InvalidActor::Members);
        }
        let ifi = wire.take_ifi()?.ok_or(InvalidActor::IdentifierCount)?;
        Ok(Self {
            name: wire.name,
            ifi,
        })
    }
}

impl TryFrom<ActorWire> for Group {
    type Error = InvalidActor;

    fn try_from(mut wire: ActorWire) -> Result<Self, Self::Error> {
        if wire.object_type.as_deref() != Some("Group") {
            return Err(InvalidActor::ObjectType);
        }
        let ifi = wire.take_ifi()?;
        if ifi.is_none() && wire.member.as_ref().is_none_or(Vec::is_empty) {
            return Err(InvalidActor::Members);
        }
        Ok(Self {
            name: wire.name,
            ifi,
            member: wire.member,
        })
    }
}

impl From<Agent> for ActorWire {
    fn from(agent: Agent) -> Self {
        Self::with_ifi(agent.name, Some(agent.ifi), "Agent", None)
    }
}

impl From<Group> for ActorWire {
    fn from(group: Group) -> Self {
        Self::with_ifi(group.name, group.ifi, "Group", group.member)
    }
}

impl From<Actor> for ActorWire {
    fn from(actor: Actor) -> Self {
        match actor {
            Actor::Agent(agent) => agent.into(),
            Actor::Group(group) => group.into(),
        }
    }
}
