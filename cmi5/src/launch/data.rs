//! The `LMS.LaunchData` state document (cmi5 §10, rule C5L-06), typed and serde.

use std::fmt;

use learnwire_report::{Code, JsonPointer, Location, Report};
use learnwire_xapi::statement::{Activity, Context, ContextActivities, Extensions};
use learnwire_xapi::types::Iri;
use serde::{Deserialize, Serialize};

use super::AuLaunchSettings;
use crate::{Limits, MasteryScore, MoveOn};

/// The session id context extension (cmi5 §9.6.3.1).
pub const SESSION_ID_EXTENSION: &str = "https://w3id.org/xapi/cmi5/context/extensions/sessionid";

/// How the AU is to behave in this session (cmi5 §10.2.2).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[non_exhaustive]
pub enum LaunchMode {
    /// Satisfaction data is recorded.
    #[default]
    Normal,
    /// The learner looks around; no completed, passed or failed.
    Browse,
    /// The learner reviews; no completed, passed or failed.
    Review,
}

impl LaunchMode {
    /// The token as the launch data spells it.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            LaunchMode::Normal => "Normal",
            LaunchMode::Browse => "Browse",
            LaunchMode::Review => "Review",
        }
    }
}

impl fmt::Display for LaunchMode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// `entitlementKey` (cmi5 §10.2.7): the course structure's value and an optional alternate agreed with
/// the AU's publisher.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[non_exhaustive]
pub struct EntitlementKey {
    /// From the course structure.
    pub course_structure: String,
    /// From a source agreed with the AU.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub alternate: Option<String>,
}

impl EntitlementKey {
    /// The course structure's key, no alternate.
    #[must_use]
    pub fn new(course_structure: impl Into<String>) -> Self {
        Self {
            course_structure: course_structure.into(),
            alternate: None,
        }
    }
}

/// The `LMS.LaunchData` document the LMS PUTs in the State API before launching an AU (state id
/// [`super::LAUNCH_DATA_STATE_ID`], activityId = the launch activityId, agent = the actor, registration
/// = the launch registration).
///
/// `masteryScore`, `moveOn` and `launchParameters` start from the course structure; the LMS may
/// override them (spec issue #424) with the `with_*` methods.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct LaunchData {
    /// The context every statement of the session must carry (session id, publisher id grouping).
    pub context_template: Context,
    /// `launchMode`.
    pub launch_mode: LaunchMode,
    /// `launchParameters`, when defined.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub launch_parameters: Option<String>,
    /// `masteryScore`, when defined.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "de_mastery_score"
    )]
    pub mastery_score: Option<MasteryScore>,
    /// `moveOn` (always present).
    #[serde(serialize_with = "ser_move_on", deserialize_with = "de_move_on")]
    pub move_on: MoveOn,
    /// `returnURL`: where the AU goes when it terminates (not URL-encoded here).
    #[serde(rename = "returnURL", default, skip_serializing_if = "Option::is_none")]
    pub return_url: Option<String>,
    /// `entitlementKey`, when the course structure defines one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub entitlement_key: Option<EntitlementKey>,
}

/// Why a context template could not be built.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum ContextTemplateError {
    /// The publisher id or the session id extension is not an IRI the xAPI types accept.
    NotAnIri(String),
}

impl ContextTemplateError {
    /// The stable code.
    #[must_use]
    pub fn code(&self) -> Code {
        Code::new("cmi5.launch-data.json")
    }
}

impl fmt::Display for ContextTemplateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ContextTemplateError::NotAnIri(text) => write!(
                f,
                "{}: the publisher id {} is not an IRI",
                self.code(),
                learnwire_report::quote(text)
            ),
        }
    }
}

impl std::error::Error for ContextTemplateError {}

impl LaunchData {
    /// The launch data for `au` in the session `session_id`: a context template with the session id
    /// extension and the publisher id in `grouping` (cmi5 §10.2.1), the AU's moveOn, masteryScore,
    /// launchParameters and entitlementKey.
    ///
    /// # Errors
    /// [`ContextTemplateError`] when the AU's publisher id is not an IRI.
    pub fn for_au(
        au: &AuLaunchSettings,
        session_id: &str,
        launch_mode: LaunchMode,
    ) -> Result<Self, ContextTemplateError> {
        let publisher = Iri::parse(au.publisher_id.trim())
            .map_err(|_| ContextTemplateError::NotAnIri(au.publisher_id.clone()))?;
        let session_key = Iri::parse(SESSION_ID_EXTENSION)
            .map_err(|_| ContextTemplateError::NotAnIri(SESSION_ID_EXTENSION.to_owned()))?;
        let mut activities = ContextActivities::new();
        activities.grouping = Some(vec![Activity::new(publisher)]);
        let mut extensions = Extensions::new();
        extensions.insert(
            session_key,
            serde_json::Value::String(session_id.to_owned()),
        );
        let mut context_template = Context::new();
        context_template.context_activities = Some(activities);
        context_template.extensions = Some(extensions);
        Ok(Self {
            context_template,
            launch_mode,
            launch_parameters: au.launch_parameters.clone(),
            mastery_score: au.mastery_score,
            move_on: au.move_on,
            return_url: None,
            entitlement_key: au.entitlement_key.clone().map(EntitlementKey::new),
        })
    }

    /// With a `returnURL`.
    #[must_use]
    pub fn with_return_url(mut self, value: impl Into<String>) -> Self {
        self.return_url = Some(value.into());
        self
    }

    /// With an entitlement key alternate (only when the AU has an entitlement key).
    #[must_use]
    pub fn with_entitlement_alternate(mut self, value: impl Into<String>) -> Self {
        if let Some(key) = self.entitlement_key.as_mut() {
            key.alternate = Some(value.into());
        }
        self
    }

    /// Overrides `masteryScore` (the LMS may, spec issue #424).
    #[must_use]
    pub fn with_mastery_score(mut self, value: Option<MasteryScore>) -> Self {
        self.mastery_score = value;
        self
    }

    /// Overrides `moveOn`.
    #[must_use]
    pub fn with_move_on(mut self, value: MoveOn) -> Self {
        self.move_on = value;
        self
    }

    /// Overrides `launchParameters`.
    #[must_use]
    pub fn with_launch_parameters(mut self, value: Option<String>) -> Self {
        self.launch_parameters = value;
        self
    }

    /// The session id the context template carries, when it is a string.
    #[must_use]
    pub fn session_id(&self) -> Option<&str> {
        self.context_template
            .extensions
            .as_ref()?
            .iter()
            .find(|(key, _)| key.as_str() == SESSION_ID_EXTENSION)
            .and_then(|(_, value)| value.as_str())
    }

    /// The publisher id in the context template's `grouping`, when there is one.
    #[must_use]
    pub fn publisher_id(&self) -> Option<&str> {
        self.context_template
            .context_activities
            .as_ref()?
            .grouping
            .as_ref()?
            .first()
            .map(|activity| activity.id.as_str())
    }

    /// The document as JSON bytes (what the LMS PUTs).
    #[must_use]
    pub fn to_json(&self) -> Vec<u8> {
        serde_json::to_vec(self).unwrap_or_default()
    }
}

/// Reads an `LMS.LaunchData` document (an AU, a test harness or an LMS reading its own store),
/// strictly: at most [`Limits::max_input_bytes`] bytes, nesting at most [`Limits::max_depth`], and a
/// member repeated anywhere refused (a document read two ways by two readers is not read at all).
///
/// # Errors
/// A [`Report`] with `cmi5.launch-data.json` when the bytes are not the document of cmi5 §10 (or break
/// a limit or repeat a member), or when its context template lacks the session id extension or the
/// publisher id grouping.
pub fn parse_launch_data(bytes: &[u8], limits: &Limits) -> Result<LaunchData, Report> {
    let mut report = Report::new();
    let code = Code::new("cmi5.launch-data.json");
    let parsed = super::read_document(bytes, limits).and_then(|value| {
        serde_json::from_value::<LaunchData>(value).map_err(|error| error.to_string())
    });
    match parsed {
        Ok(data) => {
            if data.session_id().is_none() {
                report.error(
                    code,
                    Location::json(JsonPointer::root().key("contextTemplate").key("extensions")),
                    "the context template has no session id extension (cmi5 §10.2.1, [10.2.1.0-2])",
                );
            }
            if data.publisher_id().is_none() {
                report.error(
                    code,
                    Location::json(
                        JsonPointer::root()
                            .key("contextTemplate")
                            .key("contextActivities")
                            .key("grouping"),
                    ),
                    "the context template has no publisher id grouping activity (cmi5 §10.2.1, [10.2.1.0-3])",
                );
            }
            if report.is_valid() {
                Ok(data)
            } else {
                Err(report)
            }
        }
        Err(error) => {
            report.error(
                code,
                Location::json(JsonPointer::root()),
                format!("not an LMS.LaunchData document: {error}"),
            );
            Err(report)
        }
    }
}

fn ser_move_on<S: serde::Serializer>(value: &MoveOn, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.serialize_str(value.as_str())
}

fn de_move_on<'de, D: serde::Deserializer<'de>>(deserializer: D) -> Result<MoveOn, D::Error> {
    let text = String::deserialize(deserializer)?;
    MoveOn::parse(&text)
        .ok_or_else(|| serde::de::Error::custom("moveOn is not a cmi5 moveOn value"))
}

fn de_mastery_score<'de, D: serde::Deserializer<'de>>(
    deserializer: D,
) -> Result<Option<MasteryScore>, D::Error> {
    let number = Option::<serde_json::Number>::deserialize(deserializer)?;
    number
        .map(|number| {
            MasteryScore::parse(&number.to_string())
                .map_err(|error| serde::de::Error::custom(format!("masteryScore: {error}")))
        })
        .transpose()
}
