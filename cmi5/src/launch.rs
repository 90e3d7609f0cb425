//! Launching an AU (cmi5 §8.1, §10, §11), sans-IO: the launch URL, the `LMS.LaunchData` state document,
//! the `cmi5LearnerPreferences` agent profile and the `launched` statement.
//!
//! ```
//! use learnwire_cmi5::launch::{AuLaunchSettings, LaunchParameters, build_launch_url};
//! use learnwire_xapi::statement::{Account, Agent, Ifi};
//! use learnwire_xapi::types::{Iri, XapiUuid};
//!
//! let au = AuLaunchSettings::new("https://example.com/course/au-1", "content/index.html?lang=en");
//! let actor = Agent::new(Ifi::Account(Account::new(Iri::parse("https://lms.example.com")?, "learner-7")));
//! let parameters = LaunchParameters::new(
//!     url::Url::parse("https://lms.example.com/xapi/")?,
//!     url::Url::parse("https://lms.example.com/fetch/one-time-token")?,
//!     actor,
//!     XapiUuid::parse("760e3480-ba55-4991-94b0-01820dbd23a2")?,
//!     Iri::parse("https://lms.example.com/activities/17/au-1")?,
//! );
//! let base = url::Url::parse("https://cdn.example.com/courses/17/")?;
//! let launch = build_launch_url(&au, Some(&base), &parameters)?;
//! assert!(launch.url().as_str().starts_with(
//!     "https://cdn.example.com/courses/17/content/index.html?lang=en&endpoint=https%3A%2F%2Flms.example.com%2Fxapi%2F&fetch="));
//! assert_eq!(launch.au_url().as_str(), "https://cdn.example.com/courses/17/content/index.html?lang=en");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod data;
mod preferences;
mod url_build;

pub use data::{
    ContextTemplateError, EntitlementKey, LaunchData, LaunchMode, SESSION_ID_EXTENSION,
    parse_launch_data,
};
pub use preferences::{
    AudioPreference, LEARNER_PREFERENCES_PROFILE_ID, LearnerPreferences, parse_learner_preferences,
};
pub use url_build::{LaunchError, LaunchUrl, RESERVED_NAMES, build_launch_url};

use learnwire_xapi::statement::Agent;
use learnwire_xapi::types::{Iri, XapiUuid};

use crate::{LaunchMethod, MasteryScore, MoveOn};

/// The state id of the launch data document (cmi5 §10).
pub const LAUNCH_DATA_STATE_ID: &str = "LMS.LaunchData";

/// What the course structure says about one AU that the LMS needs to launch it (cmi5 §13.1.4): the
/// LMS side's input, independent of how the course structure was read.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct AuLaunchSettings {
    /// The AU's `id` in the course structure (the publisher id, an IRI), unaltered.
    pub publisher_id: String,
    /// The AU's `url`: absolute, or relative to the content base.
    pub url: String,
    /// `launchMethod`.
    pub launch_method: LaunchMethod,
    /// `moveOn`.
    pub move_on: MoveOn,
    /// `masteryScore`, when declared.
    pub mastery_score: Option<MasteryScore>,
    /// `launchParameters`, when declared (opaque text).
    pub launch_parameters: Option<String>,
    /// `entitlementKey`, when declared (opaque text).
    pub entitlement_key: Option<String>,
}

impl AuLaunchSettings {
    /// An AU with the course structure's defaults: `AnyWindow`, `NotApplicable`, nothing else.
    #[must_use]
    pub fn new(publisher_id: impl Into<String>, url: impl Into<String>) -> Self {
        Self {
            publisher_id: publisher_id.into(),
            url: url.into(),
            launch_method: LaunchMethod::default(),
            move_on: MoveOn::default(),
            mastery_score: None,
            launch_parameters: None,
            entitlement_key: None,
        }
    }

    /// With `moveOn`.
    #[must_use]
    pub fn with_move_on(mut self, value: MoveOn) -> Self {
        self.move_on = value;
        self
    }

    /// With `masteryScore`.
    #[must_use]
    pub fn with_mastery_score(mut self, value: Option<MasteryScore>) -> Self {
        self.mastery_score = value;
        self
    }

    /// With `launchMethod`.
    #[must_use]
    pub fn with_launch_method(mut self, value: LaunchMethod) -> Self {
        self.launch_method = value;
        self
    }

    /// With `launchParameters`.
    #[must_use]
    pub fn with_launch_parameters(mut self, value: Option<String>) -> Self {
        self.launch_parameters = value;
        self
    }

    /// With `entitlementKey`.
    #[must_use]
    pub fn with_entitlement_key(mut self, value: Option<String>) -> Self {
        self.entitlement_key = value;
        self
    }
}

impl From<&crate::Au> for AuLaunchSettings {
    /// The launch settings of a parsed course structure's AU.
    fn from(au: &crate::Au) -> Self {
        Self {
            publisher_id: au.id.clone(),
            url: au.url.clone(),
            launch_method: au.launch_method,
            move_on: au.move_on,
            mastery_score: au.mastery_score,
            launch_parameters: au.launch_parameters.clone(),
            entitlement_key: au.entitlement_key.clone(),
        }
    }
}

/// The values the LMS puts in the launch URL's query (cmi5 §8.1): where the AU sends xAPI requests,
/// where it fetches its token, who the learner is, the registration and the LMS-generated activityId.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct LaunchParameters {
    /// `endpoint`: the LMS's xAPI endpoint (Base Endpoint).
    pub endpoint: url::Url,
    /// `fetch`: the one-time URL that hands out the auth token (see [`crate::fetch`]).
    pub fetch: url::Url,
    /// `actor`: an Agent identified by an `account` (cmi5 §9.2).
    pub actor: Agent,
    /// `registration`: the learner's enrollment in the course (a UUID).
    pub registration: XapiUuid,
    /// `activityId`: generated by the LMS for the AU, never the publisher id (cmi5 §8.1.5).
    pub activity_id: Iri,
}

impl LaunchParameters {
    /// The five launch values.
    #[must_use]
    pub fn new(
        endpoint: url::Url,
        fetch: url::Url,
        actor: Agent,
        registration: XapiUuid,
        activity_id: Iri,
    ) -> Self {
        Self {
            endpoint,
            fetch,
            actor,
            registration,
            activity_id,
        }
    }
}

/// Reads one JSON document strictly for the LMS documents of this module: at most
/// [`Limits::max_input_bytes`](crate::Limits::max_input_bytes) bytes, nesting at most
/// [`Limits::max_depth`](crate::Limits::max_depth) levels, an object member never repeated at any
/// depth (refused, never first or last wins). The error text names the check and its position.
fn read_document(bytes: &[u8], limits: &crate::Limits) -> Result<serde_json::Value, String> {
    let json_limits = learnwire_jose::Limits::default()
        .with_max_json_bytes(limits.max_input_bytes())
        .with_max_json_depth(limits.max_depth());
    learnwire_jose::read_json(bytes, &json_limits).map_err(|error| error.to_string())
}
