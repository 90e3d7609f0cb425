//! Activities and their definitions, interaction types and components (Data 2.4.4.1).

use serde::{Deserialize, Serialize};

use super::{Extensions, LanguageMap};
use crate::types::Iri;

/// An Activity.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(try_from = "ActivityWire", into = "ActivityWire")]
#[non_exhaustive]
pub struct Activity {
    /// The activity IRI.
    pub id: Iri,
    /// Metadata.
    pub definition: Option<ActivityDefinition>,
}

impl Activity {
    /// An activity without definition.
    pub fn new(id: Iri) -> Self {
        Self {
            id,
            definition: None,
        }
    }
}

#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct ActivityWire {
    #[serde(
        rename = "objectType",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    object_type: Option<String>,
    id: Iri,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    definition: Option<ActivityDefinition>,
}

/// `objectType` of an Activity is not `Activity`.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{}: objectType must be \"Activity\"", self.code())]
#[non_exhaustive]
pub struct NotAnActivity;

impl NotAnActivity {
    /// The code of the rule the value breaks (`ObjectType`).
    pub fn code(&self) -> learnwire_report::Code {
        crate::Rule::ObjectType.code()
    }
}

impl TryFrom<ActivityWire> for Activity {
    type Error = NotAnActivity;

    fn try_from(wire: ActivityWire) -> Result<Self, Self::Error> {
        match wire.object_type.as_deref() {
            None | Some("Activity") => Ok(Self {
                id: wire.id,
                definition: wire.definition,
            }),
            Some(_) => Err(NotAnActivity),
        }
    }
}

impl From<Activity> for ActivityWire {
    fn from(activity: Activity) -> Self {
        Self {
            object_type: Some("Activity".to_owned()),
            id: activity.id,
            definition: activity.definition,
        }
    }
}

/// An activity definition.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[non_exhaustive]
pub struct ActivityDefinition {
    /// Names.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<LanguageMap>,
    /// Descriptions.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<LanguageMap>,
    /// The activity type IRI.
    #[serde(default, rename = "type", skip_serializing_if = "Option::is_none")]
    pub activity_type: Option<Iri>,
    /// Where to learn more (an IRL).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub more_info: Option<Iri>,
    /// Extensions.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub extensions: Option<Extensions>,
    /// The interaction type.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub interaction_type: Option<InteractionType>,
    /// Correct response patterns.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub correct_responses_pattern: Option<Vec<String>>,
    /// Choices (choice, sequencing).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub choices: Option<Vec<InteractionComponent>>,
    /// Scale (likert).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scale: Option<Vec<InteractionComponent>>,
    /// Source (matching).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<Vec<InteractionComponent>>,
    /// Target (matching).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target: Option<Vec<InteractionComponent>>,
    /// Steps (performance).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub steps: Option<Vec<InteractionComponent>>,
}

impl ActivityDefinition {
    /// An empty definition.
    pub fn new() -> Self {
        Self::default()
    }
}

/// The ten interaction types (exact case).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum InteractionType {
    /// `true-false`.
    TrueFalse,
    /// `choice`.
    Choice,
    /// `fill-in`.
    FillIn,
    /// `long-fill-in`.
    LongFillIn,
    /// `matching`.
    Matching,
    /// `performance`.
    Performance,
    /// `sequencing`.
    Sequencing,
    /// `likert`.
    Likert,
    /// `numeric`.
    Numeric,
    /// `other`.
    Other,
}

/// One choice, scale point, source, target or step.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct InteractionComponent {
    /// Identifier, unique within its list.
    pub id: String,
    /// Description.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<LanguageMap>,
}

impl InteractionComponent {
    /// A component without description.
    pub fn new(id: impl Into<String>) -> Self {
        Self {
            id: id.into(),
            description: None,
        }
    }
}
