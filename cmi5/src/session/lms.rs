//! The statements the LMS issues around a session: `launched` (C5L-07), `abandoned` (C5L-09) and
//! `waived` (C5L-10). Ids and timestamps are the caller's (no clock, no random source here).

use std::fmt;

use learnwire_report::Code;
use learnwire_xapi::statement::{
    Activity, Actor, Agent, Context, Extensions, LanguageMap, Statement, StatementObject,
    StatementOutcome, Verb,
};
use learnwire_xapi::types::{Duration, Iri, LanguageTag, Timestamp, XapiUuid};

use super::{
    AuProgress, CMI5_CATEGORY, Cmi5Verb, LAUNCH_MODE_EXTENSION, LAUNCH_PARAMETERS_EXTENSION,
    LAUNCH_URL_EXTENSION, MASTERY_SCORE_EXTENSION, MOVEON_CATEGORY, MOVEON_EXTENSION,
    REASON_EXTENSION, SessionJudge, SessionSettings,
};
use crate::launch::{LaunchUrl, SESSION_ID_EXTENSION};

/// Why the LMS may not issue a statement.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum LmsError {
    /// The session is already terminated or abandoned.
    SessionClosed,
    /// The AU was already waived in this registration.
    WaivedTwice,
    /// A constant of this crate or a caller's value is not an IRI (a bug, or a bad publisher id).
    NotAnIri(String),
}

impl LmsError {
    /// The stable code.
    #[must_use]
    pub fn code(&self) -> Code {
        Code::new(match self {
            LmsError::SessionClosed => "cmi5.lms.session-closed",
            LmsError::WaivedTwice => "cmi5.lms.waived-twice",
            LmsError::NotAnIri(_) => "cmi5.launch-data.json",
        })
    }
}

impl fmt::Display for LmsError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: ", self.code())?;
        match self {
            LmsError::SessionClosed => f.write_str(
                "the session is already terminated or abandoned; no abandoned statement (cmi5 §9.3, [9.3.0.0-10])",
            ),
            LmsError::WaivedTwice => f.write_str(
                "the AU was already waived in this registration (cmi5 §9.3.7, [9.3.7.0-4])",
            ),
            LmsError::NotAnIri(text) => {
                write!(f, "{} is not an IRI", learnwire_report::quote(text))
            }
        }
    }
}

impl std::error::Error for LmsError {}

/// Why the LMS waived an AU (cmi5 §9.5.5.2).
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum WaiveReason {
    /// `Tested Out`.
    TestedOut,
    /// `Equivalent AU`.
    EquivalentAu,
    /// `Equivalent Outside Activity`.
    EquivalentOutsideActivity,
    /// `Administrative`.
    Administrative,
    /// Another value (the spec says SHOULD be one of the four).
    Other(String),
}

impl WaiveReason {
    /// The text of the reason extension.
    #[must_use]
    pub fn as_str(&self) -> &str {
        match self {
            WaiveReason::TestedOut => "Tested Out",
            WaiveReason::EquivalentAu => "Equivalent AU",
            WaiveReason::EquivalentOutsideActivity => "Equivalent Outside Activity",
            WaiveReason::Administrative => "Administrative",
            WaiveReason::Other(text) => text,
        }
    }
}

pub(crate) fn iri(text: &str) -> Result<Iri, LmsError> {
    Iri::parse(text).map_err(|_| LmsError::NotAnIri(text.to_owned()))
}

pub(crate) fn verb(verb: Cmi5Verb) -> Result<Verb, LmsError> {
    let mut built = Verb::new(iri(verb.iri())?);
    if let Ok(tag) = LanguageTag::parse("en-US") {
        let mut display = LanguageMap::new();
        display.insert(tag, verb.word().to_owned());
        built.display = Some(display);
    }
    Ok(built)
}

/// A context for an LMS statement: the template's values, the registration, the cmi5 category (and
/// the moveOn category when asked), and `extensions` added to the template's.
pub(crate) fn lms_context(
    template: &Context,
    registration: &XapiUuid,
    moveon: bool,
    extensions: Vec<(&str, serde_json::Value)>,
) -> Result<Context, LmsError> {
    let mut context = template.clone();
    context.registration = Some(registration.clone());
    let mut activities = context.context_activities.take().unwrap_or_default();
    let mut category = activities.category.take().unwrap_or_default();
    category.push(Activity::new(iri(CMI5_CATEGORY)?));
    if moveon {
        category.push(Activity::new(iri(MOVEON_CATEGORY)?));
    }
    activities.category = Some(category);
    context.context_activities = Some(activities);
    let mut all = context.extensions.take().unwrap_or_default();
    for (key, value) in extensions {
        all.insert(iri(key)?, value);
    }
    context.extensions = Some(all);
    Ok(context)
}

/// The `launched` statement the LMS records before the launch (cmi5 §9.3.1, §9.6.3): object = the
/// activityId; context = the template, the registration, the cmi5 category and the extensions
/// launchMode, launchURL (the AU url without the launch values), moveOn, and masteryScore and
/// launchParameters when the launch data has them.
///
/// # Errors
/// [`LmsError::NotAnIri`] only when the settings hold a value the xAPI types refuse.
pub fn launched_statement(
    settings: &SessionSettings,
    launch: &LaunchUrl,
    id: XapiUuid,
    timestamp: Timestamp,
) -> Result<Statement, LmsError> {
    let data = &settings.launch_data;
    let mut extensions = vec![
        (
            LAUNCH_MODE_EXTENSION,
            serde_json::Value::from(data.launch_mode.as_str()),
        ),
        (
            LAUNCH_URL_EXTENSION,
            serde_json::Value::from(launch.au_url().as_str()),
        ),
        (
            MOVEON_EXTENSION,
            serde_json::Value::from(data.move_on.as_str()),
        ),
    ];
    if let Some(mastery) = data.mastery_score {
        extensions.push((
            MASTERY_SCORE_EXTENSION,
            serde_json::Value::from(mastery.as_f64()),
        ));
    }
    if let Some(parameters) = &data.launch_parameters {
        extensions.push((
            LAUNCH_PARAMETERS_EXTENSION,
            serde_json::Value::from(parameters.as_str()),
        ));
    }
    let mut statement = Statement::new(
        Actor::Agent(settings.actor.clone()),
        verb(Cmi5Verb::Launched)?,
        StatementObject::Activity(Activity::new(settings.activity_id.clone())),
    );
    statement.id = Some(id);
    statement.timestamp = Some(timestamp);
    statement.context = Some(lms_context(
        &data.context_template,
        &settings.registration,
        false,
        extensions,
    )?);
    Ok(statement)
}

/// The `waived` statement (cmi5 §9.3.7): in a new session (`session_id`, never shared but with
/// `satisfied`), `result.success` and `result.completion` true, the reason extension, the moveOn
/// category. Marks `progress` waived.
///
/// `template` is the context template of the AU (its publisher id grouping); its session id is
/// replaced by `session_id`.
///
/// # Errors
/// [`LmsError::WaivedTwice`] when `progress` is already waived ([9.3.7.0-4]).
#[allow(clippy::too_many_arguments)]
pub fn waived_statement(
    actor: &Agent,
    registration: &XapiUuid,
    activity_id: &Iri,
    template: &Context,
    session_id: &str,
    reason: &WaiveReason,
    progress: &mut AuProgress,
    id: XapiUuid,
    timestamp: Timestamp,
) -> Result<Statement, LmsError> {
    if progress.waived {
        return Err(LmsError::WaivedTwice);
    }
    let mut template = template.clone();
    if let Some(extensions) = template.extensions.as_mut() {
        extensions.retain(|key, _| key.as_str() != SESSION_ID_EXTENSION);
    }
    let context = lms_context(
        &template,
        registration,
        true,
        vec![(SESSION_ID_EXTENSION, serde_json::Value::from(session_id))],
    )?;
    let mut outcome = StatementOutcome::new();
    outcome.success = Some(true);
    outcome.completion = Some(true);
    let mut result_extensions = Extensions::new();
    result_extensions.insert(
        iri(REASON_EXTENSION)?,
        serde_json::Value::from(reason.as_str()),
    );
    outcome.extensions = Some(result_extensions);
    let mut statement = Statement::new(
        Actor::Agent(actor.clone()),
        verb(Cmi5Verb::Waived)?,
        StatementObject::Activity(Activity::new(activity_id.clone())),
    );
    statement.id = Some(id);
    statement.timestamp = Some(timestamp);
    statement.result = Some(outcome);
    statement.context = Some(context);
    progress.waived = true;
    Ok(statement)
}

/// An ISO 8601 duration of `milliseconds` (`PT12.34S` form, hundredths kept).
pub(crate) fn duration_of(milliseconds: i64) -> Option<Duration> {
    let hundredths = milliseconds.max(0) / 10;
    Duration::parse(format!("PT{}.{:02}S", hundredths / 100, hundredths % 100)).ok()
}

impl SessionJudge {
    /// Abandons the session (cmi5 §9.3.6): the LMS saw a new launch, or decided the AU is gone. Returns
    /// the `abandoned` statement, whose `result.duration` runs from `launched_at` to the last accepted
    /// AU statement (or zero without one), and rejects every later statement
    /// (`cmi5.session.abandoned`).
    ///
    /// # Errors
    /// [`LmsError::SessionClosed`] when the session is already terminated or abandoned.
    pub fn abandon(
        &mut self,
        launched_at: &Timestamp,
        id: XapiUuid,
        timestamp: Timestamp,
    ) -> Result<Statement, LmsError> {
        if self.terminated || self.abandoned {
            return Err(LmsError::SessionClosed);
        }
        let milliseconds = self.last_timestamp.as_ref().map_or(0, |last| {
            (last.to_utc() - launched_at.to_utc()).num_milliseconds()
        });
        let settings = &self.settings;
        let mut statement = Statement::new(
            Actor::Agent(settings.actor.clone()),
            verb(Cmi5Verb::Abandoned)?,
            StatementObject::Activity(Activity::new(settings.activity_id.clone())),
        );
        statement.id = Some(id);
        statement.timestamp = Some(timestamp);
        let mut outcome = StatementOutcome::new();
        outcome.duration = duration_of(milliseconds);
        statement.result = Some(outcome);
        statement.context = Some(lms_context(
            &settings.launch_data.context_template,
            &settings.registration,
            false,
            Vec::new(),
        )?);
        self.abandoned = true;
        Ok(statement)
    }
}
