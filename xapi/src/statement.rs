//! The typed statement model (Data 2.4). Every field type is a validated newtype, so a
//! [`Statement`] that exists satisfies the format rules; build one with [`crate::parse_statement`]
//! (which runs every rule first) or by hand with the `new` constructors.
//!
//! Output is conformant and explicit: `contextActivities` values are always arrays, and Agents and
//! Groups always carry their `objectType`.

mod activity;
mod actor;
mod attachment;
mod context;
mod object;
mod result;
mod verb;

use serde::{Deserialize, Serialize};

pub use activity::{Activity, ActivityDefinition, InteractionComponent, InteractionType};
pub use actor::{Account, Actor, Agent, Group, Ifi};
pub use attachment::Attachment;
pub use context::{Context, ContextActivities, ContextAgent, ContextGroup};
pub use object::{StatementObject, StatementRef, SubStatement, SubStatementObject};
pub use result::{Score, StatementOutcome};
pub use verb::{Extensions, LanguageMap, Verb};

use crate::types::{Timestamp, Version, XapiUuid};

/// An xAPI statement.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[non_exhaustive]
pub struct Statement {
    /// The statement id (assigned by the LRS when absent).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<XapiUuid>,
    /// Who did it.
    pub actor: Actor,
    /// What they did.
    pub verb: Verb,
    /// To what.
    pub object: StatementObject,
    /// The outcome.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub result: Option<StatementOutcome>,
    /// The context.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub context: Option<Context>,
    /// When it happened.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub timestamp: Option<Timestamp>,
    /// When the LRS stored it (set by the LRS).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stored: Option<Timestamp>,
    /// Who vouches for it (set by the LRS from the credentials).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub authority: Option<Actor>,
    /// The xAPI version the statement conforms to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version: Option<Version>,
    /// Attachment metadata.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub attachments: Option<Vec<Attachment>>,
}

impl Statement {
    /// A statement with the three required properties.
    pub fn new(actor: Actor, verb: Verb, object: StatementObject) -> Self {
        Self {
            id: None,
            actor,
            verb,
            object,
            result: None,
            context: None,
            timestamp: None,
            stored: None,
            authority: None,
            version: None,
            attachments: None,
        }
    }

    /// True when this statement voids another (verb `…/voided`).
    pub fn is_voiding(&self) -> bool {
        self.verb.id.as_str() == crate::VOIDED_VERB
    }
}
