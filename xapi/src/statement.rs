//! The typed statement model (Data 2.4). Every field type is a validated newtype, so a
//! [`Statement`] that exists satisfies the format rules; build one with [`crate::parse_statement`]
//! (which runs every rule first), by deserializing it (which runs every rule too, see
//! [`Statement`]) or by hand with the `new` constructors.
//!
//! Output is conformant and explicit: `contextActivities` values are always arrays, and Agents and
//! Groups always carry their `objectType`.

mod activity;
mod actor;
mod attachment;
mod context;
mod object;
mod parse;
mod result;
mod unchecked;
mod verb;

use serde::Serialize;

pub use activity::{Activity, ActivityDefinition, InteractionComponent, InteractionType};
pub use actor::{Account, Actor, Agent, Group, Ifi};
pub use attachment::Attachment;
pub use context::{Context, ContextActivities, ContextAgent, ContextGroup};
pub use object::{StatementObject, StatementRef, SubStatement, SubStatementObject};
pub use parse::{parse_statement, parse_statements};
pub use result::{Score, StatementOutcome};
pub use verb::{Extensions, LanguageMap, Verb};

pub(crate) use unchecked::UncheckedStatement;

use crate::types::{Timestamp, Version, XapiUuid};

/// An xAPI statement.
///
/// # Deserializing runs every rule
///
/// `Deserialize` (`serde_json::from_slice::<Statement>`, a `Vec<Statement>` field…) reads the
/// input strictly (a repeated key is refused), runs the statement validator and builds the
/// statement only when no rule is broken, so the typed model never holds a statement the
/// validator rejects (a `raw` score above `max`, a voiding statement whose object is not a
/// StatementRef…). The rules are those of the default [`Options`](crate::Options): a statement is
/// accepted when xAPI 1.0.3 or 2.0 accepts it (the model holds both), and a refusal names the
/// codes and pointers of the first issues under the version the statement declares (`version`
/// 2.0.x: 2.0, otherwise 1.0.3). Another version or [`Policy`](crate::Policy), limits, or the full
/// [`Report`](crate::Report): use [`crate::parse_statement`] or [`Statement::from_value`], which
/// validate once and then build the model without validating again.
///
/// ```
/// use learnwire_xapi::Statement;
///
/// let voiding = br#"{"actor": {"mbox": "mailto:a@example.com"},
///                    "verb": {"id": "http://adlnet.gov/expapi/verbs/voided"},
///                    "object": {"id": "http://example.com/a"}}"#;
/// let error = serde_json::from_slice::<Statement>(voiding).unwrap_err();
/// assert!(error.to_string().contains("xapi.voiding.object"));
/// ```
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct Statement {
    /// The statement id (assigned by the LRS when absent).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<XapiUuid>,
    /// Who did it.
    pub actor: Actor,
    /// What they did.
    pub verb: Verb,
    /// To what.
    pub object: StatementObject,
    /// The outcome.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub result: Option<StatementOutcome>,
    /// The context.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub context: Option<Context>,
    /// When it happened.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub timestamp: Option<Timestamp>,
    /// When the LRS stored it (set by the LRS).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub stored: Option<Timestamp>,
    /// Who vouches for it (set by the LRS from the credentials).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub authority: Option<Actor>,
    /// The xAPI version the statement conforms to.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub version: Option<Version>,
    /// Attachment metadata.
    #[serde(skip_serializing_if = "Option::is_none")]
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
