//! What the LMS gives a session at `Initialize`: values from the package's item (rules F04-01..F04-05,
//! D12-19, D12-29..D12-31, D12-56) and from the LMS itself (learner, credit, mode; rules F04-07,
//! F04-08, PM-08).

use std::collections::BTreeMap;

use crate::manifest::Sequencing;
use crate::manifest::{DataMap, Item, TimeLimitAction};

use super::types::{Duration, scorm12::check_timespan};

/// `cmi.credit` / `cmi.core.credit`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub enum Credit {
    /// `credit` (the default).
    #[default]
    Credit,
    /// `no-credit`.
    NoCredit,
}

/// `cmi.mode` / `cmi.core.lesson_mode`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub enum Mode {
    /// `normal` (the default).
    #[default]
    Normal,
    /// `browse`.
    Browse,
    /// `review`.
    Review,
}

/// One comment from the LMS (`cmi.comments_from_lms.n.*` in 2004; in 1.2 the comments are joined into
/// `cmi.comments_from_lms`).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct LmsComment {
    /// `comment`.
    pub comment: String,
    /// `location`, if any.
    pub location: Option<String>,
    /// `timestamp`, if any.
    pub timestamp: Option<String>,
}

/// The LMS-owned values of a session. Values from the package come from [`Setup::with_item`];
/// learner, credit and mode from the caller. Every value is written by the LMS, never taken from
/// the SCO or a client payload (rule PM-08).
///
/// # Example
///
/// ```
/// use learnwire_scorm::runtime::{Mode, Setup};
///
/// let setup = Setup::new("learner-7", "Doe, Jane").with_mode(Mode::Review);
/// assert_eq!(setup.learner_id, "learner-7");
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct Setup {
    /// `cmi.learner_id` / `cmi.core.student_id`.
    pub learner_id: String,
    /// `cmi.learner_name` / `cmi.core.student_name` (1.2: `Last, First`).
    pub learner_name: String,
    /// `credit`.
    pub credit: Credit,
    /// `mode`.
    pub mode: Mode,
    /// Forces `entry` instead of deriving it from the attempt (rules ST04-20, ST12-08).
    pub entry: Option<String>,
    /// `cmi.launch_data` (`adlcp:dataFromLMS`).
    pub launch_data: Option<String>,
    /// 1.2 `cmi.student_data.mastery_score` (`adlcp:masteryscore`).
    pub mastery_score: Option<String>,
    /// 2004 `cmi.scaled_passing_score` (primary objective with `satisfiedByMeasure`).
    pub scaled_passing_score: Option<String>,
    /// `max_time_allowed`, in the version's format (1.2 CMITimespan, 2004 timeinterval).
    pub max_time_allowed: Option<String>,
    /// `time_limit_action`.
    pub time_limit_action: Option<String>,
    /// 2004 `cmi.completion_threshold`.
    pub completion_threshold: Option<String>,
    /// Comments from the LMS.
    pub comments_from_lms: Vec<LmsComment>,
    /// 2004 4th Edition `adl.data` maps of the item.
    pub shared_data: Vec<DataMap>,
    /// 2004: the activity's objective ids (`imsss:objectives` with an `objectiveID`), added to
    /// `cmi.objectives` at `Initialize` when no record has them yet (rule F04-12).
    pub objectives: Vec<String>,
    /// 2004: the sequencer's answers for `adl.nav.request_valid.*`, keyed by what follows that prefix
    /// (`continue`, `previous`, `choice.{target=ID}`, `jump.{target=ID}`), each `true`, `false` or
    /// `unknown`; anything not listed answers `unknown` (rule N04-14).
    pub request_valid: BTreeMap<String, String>,
}

impl Setup {
    /// A setup for a learner, everything else empty or default.
    pub fn new(learner_id: impl Into<String>, learner_name: impl Into<String>) -> Self {
        Self {
            learner_id: learner_id.into(),
            learner_name: learner_name.into(),
            ..Self::default()
        }
    }

    /// Sets the credit.
    #[must_use]
    pub fn with_credit(mut self, credit: Credit) -> Self {
        self.credit = credit;
        self
    }

    /// Sets the mode.
    #[must_use]
    pub fn with_mode(mut self, mode: Mode) -> Self {
        self.mode = mode;
        self
    }

    /// Takes the package values of `item` (its `sequencing` already resolved against the collection,
    /// [`CourseItem::sequencing`](crate::CourseItem::sequencing)): `adlcp:dataFromLMS`,
    /// `adlcp:masteryscore` (1.2), `adlcp:maxtimeallowed` (1.2) or `attemptAbsoluteDurationLimit`
    /// (2004), `adlcp:timeLimitAction`, `adlcp:completionThreshold` when `completedByMeasure` (2004),
    /// the primary objective's `minNormalizedMeasure` when `satisfiedByMeasure` (2004), and the
    /// `adlcp:data` maps. A value that is not of its element's type is left out.
    #[must_use]
    pub fn with_item(
        mut self,
        item: &Item,
        sequencing: Option<&Sequencing>,
        is_2004: bool,
    ) -> Self {
        self.launch_data = item.data_from_lms.clone();
        self.time_limit_action = item.time_limit_action.map(|action| {
            match action {
                TimeLimitAction::ExitMessage => "exit,message",
                TimeLimitAction::ExitNoMessage => "exit,no message",
                TimeLimitAction::ContinueMessage => "continue,message",
                TimeLimitAction::ContinueNoMessage => "continue,no message",
            }
            .to_owned()
        });
        if is_2004 {
            self.completion_threshold = item
                .completion_threshold
                .filter(|threshold| threshold.completed_by_measure)
                .map(|threshold| decimal(threshold.min_progress_measure));
            self.scaled_passing_score = sequencing
                .and_then(|s| s.objectives.as_ref())
                .filter(|objectives| objectives.primary.satisfied_by_measure)
                .map(|objectives| decimal(objectives.primary.min_normalized_measure));
            self.max_time_allowed = sequencing
                .and_then(|s| s.limit_conditions.attempt_absolute_duration_limit.clone())
                .filter(|limit| Duration::parse_interval(limit).is_some());
            self.shared_data = item.data.clone();
            self.objectives = sequencing
                .and_then(|s| s.objectives.as_ref())
                .map(|objectives| {
                    std::iter::once(&objectives.primary)
                        .chain(&objectives.others)
                        .filter_map(|objective| objective.id.clone())
                        .collect()
                })
                .unwrap_or_default();
        } else {
            self.mastery_score = item.mastery_score.map(decimal);
            self.max_time_allowed = item
                .max_time_allowed
                .clone()
                .filter(|limit| check_timespan(limit).is_ok());
        }
        self
    }
}

/// A finite `f64` as a plain decimal (`0.8`, `1`), never an exponent.
fn decimal(value: f64) -> String {
    if value.is_finite() {
        format!("{value}")
    } else {
        "0".to_owned()
    }
}
