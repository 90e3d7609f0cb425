//! The cmi5 statement rules for one registration and one AU session (cmi5 §9, rules C5R-01…C5R-18),
//! applied in the order of CATAPULT's LMS (`player/service/plugins/routes/lrs.js`), and the statements
//! the LMS itself issues in a session (`launched`, `abandoned`, `waived`).
//!
//! A [`SessionJudge`] is fed the AU's statements in order. Each gets a [`Verdict`]: accepted, or
//! rejected with every problem found (code, JSON pointer, message; the first one is the rejection
//! CATAPULT would report). Only accepted statements change the session and registration state, as
//! in CATAPULT where a rejected request stores nothing.
//!
//! ```
//! use learnwire_cmi5::launch::{AuLaunchSettings, LaunchData, LaunchMode};
//! use learnwire_cmi5::session::{AuProgress, SessionJudge, SessionSettings};
//! use learnwire_xapi::statement::{Account, Agent, Ifi};
//! use learnwire_xapi::types::{Iri, XapiUuid};
//!
//! let au = AuLaunchSettings::new("https://example.com/au/1", "index.html");
//! let data = LaunchData::for_au(&au, "c7b6f0a9-482c-4c03-acc1-548289126963", LaunchMode::Normal)?;
//! let actor = Agent::new(Ifi::Account(Account::new(Iri::parse("https://lms.example.com")?, "7")));
//! let settings = SessionSettings::new(
//!     actor, XapiUuid::parse("4eb0e063-669b-479a-86b3-f9be9ac88a1d")?,
//!     Iri::parse("https://lms.example.com/a/1")?, data);
//! let mut judge = SessionJudge::new(settings, AuProgress::default());
//! // A statement before `initialized`.
//! let verdict = judge.judge_value(&serde_json::json!({
//!     "actor": {"account": {"homePage": "https://lms.example.com", "name": "7"}},
//!     "verb": {"id": "http://adlnet.gov/expapi/verbs/experienced"},
//!     "object": {"id": "https://lms.example.com/a/1"}}));
//! assert!(!verdict.is_accepted());
//! assert_eq!(verdict.report().issues()[0].code.as_str(), "cmi5.statement.id");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod lms;
mod rules;

pub(crate) use lms::verb as lms_verb;
pub use lms::{LmsError, WaiveReason, launched_statement, waived_statement};

use std::fmt;

use learnwire_report::{Code, JsonPointer, Location, Report};
use learnwire_xapi::statement::{Agent, Statement};
use learnwire_xapi::types::{Iri, Timestamp, XapiUuid};
use learnwire_xapi::{Options, XapiVersion};

use crate::MoveOn;
use crate::launch::LaunchData;

/// The cmi5 category activity: marks a statement as "cmi5 defined" (cmi5 §9.6.2.1).
pub const CMI5_CATEGORY: &str = "https://w3id.org/xapi/cmi5/context/categories/cmi5";
/// The moveOn category activity (cmi5 §9.6.2.2).
pub const MOVEON_CATEGORY: &str = "https://w3id.org/xapi/cmi5/context/categories/moveon";
/// The masteryScore context extension (cmi5 §9.6.3.2).
pub const MASTERY_SCORE_EXTENSION: &str =
    "https://w3id.org/xapi/cmi5/context/extensions/masteryscore";
/// The launchMode context extension (cmi5 §9.6.3.3).
pub const LAUNCH_MODE_EXTENSION: &str = "https://w3id.org/xapi/cmi5/context/extensions/launchmode";
/// The launchURL context extension (cmi5 §9.6.3.4).
pub const LAUNCH_URL_EXTENSION: &str = "https://w3id.org/xapi/cmi5/context/extensions/launchurl";
/// The moveOn context extension (cmi5 §9.6.3.6).
pub const MOVEON_EXTENSION: &str = "https://w3id.org/xapi/cmi5/context/extensions/moveon";
/// The launchParameters context extension (cmi5 §9.6.3.7).
pub const LAUNCH_PARAMETERS_EXTENSION: &str =
    "https://w3id.org/xapi/cmi5/context/extensions/launchparameters";
/// The progress result extension (cmi5 §9.5.5.1).
pub const PROGRESS_EXTENSION: &str = "https://w3id.org/xapi/cmi5/result/extensions/progress";
/// The reason result extension of `waived` (cmi5 §9.5.5.2).
pub const REASON_EXTENSION: &str = "https://w3id.org/xapi/cmi5/result/extensions/reason";

/// The verbs cmi5 defines (cmi5 §9.3).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Cmi5Verb {
    /// `launched` (LMS).
    Launched,
    /// `initialized` (AU).
    Initialized,
    /// `completed` (AU).
    Completed,
    /// `passed` (AU).
    Passed,
    /// `failed` (AU).
    Failed,
    /// `abandoned` (LMS).
    Abandoned,
    /// `waived` (LMS).
    Waived,
    /// `terminated` (AU).
    Terminated,
    /// `satisfied` (LMS).
    Satisfied,
}

impl Cmi5Verb {
    /// Every verb.
    pub const ALL: [Cmi5Verb; 9] = [
        Cmi5Verb::Launched,
        Cmi5Verb::Initialized,
        Cmi5Verb::Completed,
        Cmi5Verb::Passed,
        Cmi5Verb::Failed,
        Cmi5Verb::Abandoned,
        Cmi5Verb::Waived,
        Cmi5Verb::Terminated,
        Cmi5Verb::Satisfied,
    ];

    /// The verb IRI.
    #[must_use]
    pub fn iri(self) -> &'static str {
        match self {
            Cmi5Verb::Launched => "http://adlnet.gov/expapi/verbs/launched",
            Cmi5Verb::Initialized => "http://adlnet.gov/expapi/verbs/initialized",
            Cmi5Verb::Completed => "http://adlnet.gov/expapi/verbs/completed",
            Cmi5Verb::Passed => "http://adlnet.gov/expapi/verbs/passed",
            Cmi5Verb::Failed => "http://adlnet.gov/expapi/verbs/failed",
            Cmi5Verb::Abandoned => "https://w3id.org/xapi/adl/verbs/abandoned",
            Cmi5Verb::Waived => "https://w3id.org/xapi/adl/verbs/waived",
            Cmi5Verb::Terminated => "http://adlnet.gov/expapi/verbs/terminated",
            Cmi5Verb::Satisfied => "https://w3id.org/xapi/adl/verbs/satisfied",
        }
    }

    /// The display word (`en`).
    #[must_use]
    pub fn word(self) -> &'static str {
        match self {
            Cmi5Verb::Launched => "launched",
            Cmi5Verb::Initialized => "initialized",
            Cmi5Verb::Completed => "completed",
            Cmi5Verb::Passed => "passed",
            Cmi5Verb::Failed => "failed",
            Cmi5Verb::Abandoned => "abandoned",
            Cmi5Verb::Waived => "waived",
            Cmi5Verb::Terminated => "terminated",
            Cmi5Verb::Satisfied => "satisfied",
        }
    }

    /// The cmi5 verb with this IRI.
    #[must_use]
    pub fn from_iri(iri: &str) -> Option<Cmi5Verb> {
        Cmi5Verb::ALL.into_iter().find(|verb| verb.iri() == iri)
    }

    /// True for the verbs only the LMS may use.
    #[must_use]
    pub fn is_lms_only(self) -> bool {
        matches!(
            self,
            Cmi5Verb::Launched | Cmi5Verb::Abandoned | Cmi5Verb::Waived | Cmi5Verb::Satisfied
        )
    }
}

impl fmt::Display for Cmi5Verb {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.word())
    }
}

/// What one AU has recorded in a registration, across sessions (the per-registration half of the
/// rules, C5R-09, and the input of moveOn, MO-01).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[non_exhaustive]
pub struct AuProgress {
    /// A `completed` was accepted.
    pub completed: bool,
    /// A `passed` was accepted.
    pub passed: bool,
    /// A `failed` was accepted (never satisfies).
    pub failed: bool,
    /// The LMS waived the AU.
    pub waived: bool,
}

impl AuProgress {
    /// Nothing recorded yet.
    #[must_use]
    pub fn new() -> Self {
        Self::default()
    }

    /// True when the AU's moveOn criterion is met (rule MO-01): `NotApplicable`, or waived, or the
    /// statements the criterion names were recorded (in any sessions). `failed` never satisfies.
    #[must_use]
    pub fn satisfies(self, move_on: MoveOn) -> bool {
        self.waived
            || match move_on {
                MoveOn::Passed => self.passed,
                MoveOn::Completed => self.completed,
                MoveOn::CompletedAndPassed => self.completed && self.passed,
                MoveOn::CompletedOrPassed => self.completed || self.passed,
                MoveOn::NotApplicable => true,
            }
    }
}

/// Who, where and how: the launch values of one AU session.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct SessionSettings {
    /// The launch actor.
    pub actor: Agent,
    /// The launch registration.
    pub registration: XapiUuid,
    /// The LMS-generated activityId of the AU.
    pub activity_id: Iri,
    /// The session's `LMS.LaunchData`: context template (session id, publisher id), launchMode,
    /// masteryScore, moveOn.
    pub launch_data: LaunchData,
}

impl SessionSettings {
    /// The settings of a session.
    #[must_use]
    pub fn new(
        actor: Agent,
        registration: XapiUuid,
        activity_id: Iri,
        launch_data: LaunchData,
    ) -> Self {
        Self {
            actor,
            registration,
            activity_id,
            launch_data,
        }
    }
}

/// Whether a statement is cmi5 defined (carries the cmi5 category), cmi5 allowed, or not an xAPI
/// statement at all.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum StatementKind {
    /// Carries the cmi5 category activity: the verb rules apply.
    Defined,
    /// Any other statement with the session's context: passes through once the session started.
    Allowed,
    /// Not a valid xAPI statement.
    NotXapi,
}

impl StatementKind {
    /// `defined`, `allowed` or `not-xapi`.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            StatementKind::Defined => "defined",
            StatementKind::Allowed => "allowed",
            StatementKind::NotXapi => "not-xapi",
        }
    }
}

/// The judgement of one statement.
#[derive(Debug, Clone, PartialEq)]
pub struct Verdict {
    kind: StatementKind,
    verb: Option<Cmi5Verb>,
    report: Report,
}

impl Verdict {
    /// True when the LMS should store the statement (no error; warnings allowed).
    #[must_use]
    pub fn is_accepted(&self) -> bool {
        self.report.is_valid()
    }

    /// Defined, allowed or not xAPI.
    #[must_use]
    pub fn kind(&self) -> StatementKind {
        self.kind
    }

    /// The cmi5 verb, for a cmi5 defined statement with one.
    #[must_use]
    pub fn verb(&self) -> Option<Cmi5Verb> {
        self.verb
    }

    /// Every problem, in CATAPULT's order (a rejected statement's first error is CATAPULT's).
    #[must_use]
    pub fn report(&self) -> &Report {
        &self.report
    }

    /// The first error's code: the rejection CATAPULT would report.
    #[must_use]
    pub fn rejection(&self) -> Option<Code> {
        self.report.errors().next().map(|issue| issue.code)
    }
}

impl fmt::Display for Verdict {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.is_accepted() {
            write!(f, "accepted ({} statement)", self.kind.as_str())
        } else {
            write!(f, "rejected")?;
            for issue in self.report.errors() {
                write!(
                    f,
                    "; {} at {}: {}",
                    issue.code, issue.location, issue.message
                )?;
            }
            Ok(())
        }
    }
}

/// The state of one AU session and of its AU in the registration, fed the AU's statements in order.
#[derive(Debug, Clone)]
pub struct SessionJudge {
    settings: SessionSettings,
    template: serde_json::Value,
    progress: AuProgress,
    initialized: bool,
    terminated: bool,
    abandoned: bool,
    used: Vec<Cmi5Verb>,
    last_timestamp: Option<Timestamp>,
    options: Options,
}

impl SessionJudge {
    /// A new session: nothing received yet; `progress` is what the AU recorded in earlier sessions
    /// of the registration.
    #[must_use]
    pub fn new(settings: SessionSettings, progress: AuProgress) -> Self {
        let template =
            serde_json::to_value(&settings.launch_data.context_template).unwrap_or_default();
        Self {
            settings,
            template,
            progress,
            initialized: false,
            terminated: false,
            abandoned: false,
            used: Vec::new(),
            last_timestamp: None,
            options: Options::new(XapiVersion::V1_0_3),
        }
    }

    /// With the xAPI options the statements are read under (default: xAPI 1.0.3, default policy).
    #[must_use]
    pub fn with_xapi_options(mut self, options: Options) -> Self {
        self.options = options;
        self
    }

    /// The session's settings.
    #[must_use]
    pub fn settings(&self) -> &SessionSettings {
        &self.settings
    }

    /// What the AU has recorded in the registration so far.
    #[must_use]
    pub fn progress(&self) -> AuProgress {
        self.progress
    }

    /// True once an `initialized` was accepted.
    #[must_use]
    pub fn is_initialized(&self) -> bool {
        self.initialized
    }

    /// True once a `terminated` was accepted.
    #[must_use]
    pub fn is_terminated(&self) -> bool {
        self.terminated
    }

    /// True once the LMS abandoned the session.
    #[must_use]
    pub fn is_abandoned(&self) -> bool {
        self.abandoned
    }

    /// The timestamp of the last accepted statement.
    #[must_use]
    pub fn last_timestamp(&self) -> Option<&Timestamp> {
        self.last_timestamp.as_ref()
    }

    /// Judges one statement given as raw bytes (read by the xAPI crate: duplicate keys, depth and
    /// sizes are refused there).
    pub fn judge_bytes(&mut self, bytes: &[u8]) -> Verdict {
        match learnwire_xapi::parse_statement(bytes, &self.options) {
            Ok(statement) => self.judge(&statement),
            Err(report) => not_xapi(report),
        }
    }

    /// Judges one statement given as a JSON value.
    pub fn judge_value(&mut self, value: &serde_json::Value) -> Verdict {
        match Statement::from_value(value.clone(), &self.options) {
            Ok(statement) => self.judge(&statement),
            Err(report) => not_xapi(report),
        }
    }

    /// Judges one typed statement and, when it is accepted, records it.
    pub fn judge(&mut self, statement: &Statement) -> Verdict {
        let mut report = Report::new();
        let judged = rules::check(self, statement, &mut report);
        if report.is_valid() {
            if let Some(verb) = judged.verb {
                self.record(verb);
            }
            if let Some(timestamp) = &statement.timestamp {
                self.last_timestamp = Some(timestamp.clone());
            }
        }
        Verdict {
            kind: judged.kind,
            verb: judged.verb,
            report,
        }
    }

    fn record(&mut self, verb: Cmi5Verb) {
        self.used.push(verb);
        match verb {
            Cmi5Verb::Initialized => self.initialized = true,
            Cmi5Verb::Terminated => self.terminated = true,
            Cmi5Verb::Completed => self.progress.completed = true,
            Cmi5Verb::Passed => self.progress.passed = true,
            Cmi5Verb::Failed => self.progress.failed = true,
            _ => {}
        }
    }
}

fn not_xapi(xapi: Report) -> Verdict {
    let mut report = Report::new();
    let codes: Vec<&str> = xapi
        .errors()
        .take(5)
        .map(|issue| issue.code.as_str())
        .collect();
    report.error(
        Code::new("cmi5.statement.xapi"),
        Location::json(JsonPointer::root()),
        format!(
            "not a valid xAPI statement ({}) (cmi5 §4.1, [4.1.0.0-1])",
            codes.join(", ")
        ),
    );
    report.merge(xapi);
    Verdict {
        kind: StatementKind::NotXapi,
        verb: None,
        report,
    }
}
