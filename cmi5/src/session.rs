//! The cmi5 statement rules for one registration and one AU session (cmi5 §9, rules C5R-01…C5R-18),
//! applied in the order of CATAPULT's LMS (`player/service/plugins/routes/lrs.js`), and the statements
//! the LMS itself issues in a session (`launched`, `abandoned`, `waived`).
//!
//! A [`SessionJudge`] is fed the AU's statements in order. Each gets a [`Verdict`]: accepted, or
//! rejected with every problem found (code, JSON pointer, message; the first one is the rejection
//! CATAPULT would report). Only accepted statements change the session and registration state, as
//! in CATAPULT where a rejected request stores nothing.
//!
//! # Deliberate differences from CATAPULT
//!
//! - Every problem of a statement is reported, not only the first; the first error is CATAPULT's.
//! - The actor is compared by its identifier (the `account`), not by deep JSON equality: a display
//!   name added by the AU does not make it another learner.
//! - Context template activities are found by id anywhere in the same list, not at the same position:
//!   an AU that adds a grouping activity before the publisher's has overwritten nothing.
//! - `failed` with a score at or above the masteryScore is reported under [9.3.5.0-2]; CATAPULT cites
//!   9.3.6.0-1 there by mistake.
//! - The progress extension is checked (C5R-17), CATAPULT does not.
//! - A statement with the `initialized` verb but without the cmi5 category is not the session's
//!   `initialized`: before it, such a statement is refused like any other (CATAPULT accepts it
//!   without starting the session; found by the `cmi5_statement_rules` fuzz target).
//! - Not enforced here: the learner preferences gating ([11.0.0.0-3 (d2)], contested: CATAPULT#20),
//!   a grace period after `terminated` (statements after it are refused at once, as in CATAPULT), and
//!   what belongs to the LRS front door (the auth token on every request [8.1.2.0-2 (d)], non-GET
//!   requests for `LMS.LaunchData` [10.2.1.0-5 (d)], the agent of profile requests [11.0.0.0-1 (d)],
//!   voiding stored conflicting statements [6.3.0.0-2]).
//!
//! # Coverage: CATAPULT requirement ids and the tests that assert them
//!
//! Tests in `cmi5/tests/lms.rs` unless marked `cli:` (`cli/tests/cmi5_session.rs`) or `seeds:`
//! (`testkit/tests/seeds.rs`, the fuzz oracle over `fuzz/seeds/cmi5_statement_rules/`).
//!
//! | Requirement | Code | Test |
//! |---|---|---|
//! | 4.1.0.0-1 | `cmi5.statement.xapi` | `invalid_xapi_is_rejected_with_cmi5_statement_xapi_and_the_xapi_codes`, cli: `cmi5_session_refuses_duplicate_keys_as_not_xapi` |
//! | 6.3.0.0-1 | `cmi5.statement.voiding` | `voiding_statement_is_rejected_with_cmi5_statement_voiding` |
//! | 8.1.0.0-4, 8.1.0.0-5, 8.1.0.0-8, 8.1.1.0-1, 8.1.2.0-1, 8.1.4.0-1, 8.1.5.0-2, 8.2.1.0-1 | — | `launch_url_appends_the_five_values_form_encoded_after_the_au_query`, `launch_url_keeps_an_absolute_au_url_and_its_fragment_last` |
//! | 8.1.0.0-6 (d) | `cmi5.launch.reserved-name` | `launch_url_refuses_a_reserved_name_in_the_au_query_with_cmi5_launch_reserved_name` |
//! | 8.1.3.0-1, 9.2.0.0-3 (launch) | `cmi5.launch.actor` | `launch_url_refuses_an_actor_without_account_with_cmi5_launch_actor` |
//! | 8.1.5.0-3 | `cmi5.launch.activity-id` | `launch_url_refuses_the_publisher_id_as_activity_id_with_cmi5_launch_activity_id` |
//! | 8.1.3.0-3 (d) | `cmi5.statement.actor` | `statement_by_another_actor_is_rejected_with_cmi5_statement_actor` |
//! | 8.1.5.0-6 (d), 9.4.0.0-1 (d), 9.4.0.0-2 | `cmi5.object.activity-id` | `defined_statement_about_another_activity_is_rejected_with_cmi5_object_activity_id` |
//! | 8.2.1.0-2 (d), 8.2.1.0-3, 8.2.1.0-4, 8.2.2.0-1, 8.2.2.0-2, 8.2.2.0-3, 8.2.3.0-1 (d) | `cmi5.fetch.already-used` | `fetch::fetch_returns_the_auth_token_once_then_error_code_1_with_status_200`, `fetch::fetch_of_an_expired_session_gets_error_code_1` |
//! | 8.2.1 (GET not allowed) | `cmi5.fetch.method` | `fetch::fetch_refuses_get_with_405_and_cmi5_fetch_method` |
//! | 8.2.3.2-1 | `cmi5.fetch.security`, `cmi5.fetch.application` | `fetch::fetch_of_an_unknown_key_gets_error_code_2_with_cmi5_fetch_security`, `fetch::fetch_with_a_failing_store_gets_error_code_3_without_the_internal_reason` |
//! | 9.1.0.0-1 (d) | `cmi5.statement.id` | `statement_without_id_is_rejected_with_cmi5_statement_id` |
//! | 9.2.0.0-2 | `cmi5.actor.not-agent` | `defined_statement_by_a_group_is_rejected_with_cmi5_actor_not_agent` |
//! | 9.2.0.0-3 | `cmi5.actor.account` | `defined_statement_by_an_mbox_agent_is_rejected_with_cmi5_actor_account` |
//! | 9.3.0.0-1 | `cmi5.statement.unknown-verb`, `cmi5.statement.lms-verb` | `unknown_verb_with_the_cmi5_category_is_rejected_with_cmi5_statement_unknown_verb`, `lms_verbs_from_the_au_are_rejected_with_cmi5_statement_lms_verb` |
//! | 9.3.0.0-2 (d), 9.3.2.0-3 (d) | `cmi5.session.duplicate-verb` | `a_second_initialized_is_rejected_with_cmi5_session_duplicate_verb`, seeds: `cmi5_statement_rules_seeds` |
//! | 9.3.0.0-3 (d) | `cmi5.session.passed-and-failed` | `failed_after_passed_in_a_session_is_rejected_with_cmi5_session_passed_and_failed` |
//! | 9.3.0.0-4 (d1, d2), 9.3.2.0-2 | `cmi5.session.not-initialized` | `statement_before_initialized_is_rejected_with_cmi5_session_not_initialized`, `an_initialized_verb_without_the_cmi5_category_does_not_start_the_session`, seeds: `cmi5_statement_rules_seeds` |
//! | 9.3.0.0-5 (d1, d2), 9.3.8.0-2, 9.3.8.0-3 | `cmi5.session.terminated` | `statement_after_terminated_is_rejected_with_cmi5_session_terminated` |
//! | 9.3.0.0-6 (d1, d2), 9.3.3.0-2 | `cmi5.registration.completed-twice` | `completed_again_in_the_registration_is_rejected_with_cmi5_registration_completed_twice` |
//! | 9.3.0.0-7 (d1, d2), 9.3.4.0-3 | `cmi5.registration.passed-twice` | `passed_again_in_the_registration_is_rejected_with_cmi5_registration_passed_twice` |
//! | 9.3.0.0-8 (d) | `cmi5.registration.failed-after-passed` | `passed_again_in_the_registration_is_rejected_with_cmi5_registration_passed_twice` |
//! | 9.3.0.0-10, 9.3.6.0-1, 9.3.6.0-2 (d1, d2), 9.5.4.2-1, 9.5.4.2-2 | `cmi5.session.abandoned`, `cmi5.lms.session-closed` | `abandon_records_the_duration_and_closes_the_session_with_cmi5_session_abandoned` |
//! | 9.3.0.0-11, 9.3.7.0-2 (d), 9.3.7.0-3, 9.3.7.0-4 (d), 9.5.2.0-1 (d2), 9.5.3.0-1 (d2), 9.5.5.2-1, 9.6.2.2-1 (d4) | `cmi5.lms.waived-twice` | `waived_statement_has_success_completion_reason_and_moveon_once_per_registration` |
//! | 9.3.1.0-1, 9.6.2.3-2, 9.6.3.1-3, 9.6.3.2-1, 9.6.3.3-1, 9.6.3.4-1, 9.6.3.6-1, 9.6.3.7-1 | — | `launched_statement_carries_the_launch_extensions_and_is_valid_xapi` |
//! | 9.3.4.0-2 (d1, d2), 9.5.1.0-1 | `cmi5.result.below-mastery` | `passed_below_the_mastery_score_is_rejected_with_cmi5_result_below_mastery` |
//! | 9.3.5.0-2 (d) | `cmi5.result.reaches-mastery` | `failed_at_the_mastery_score_is_rejected_with_cmi5_result_reaches_mastery`, cli: `cmi5_session_exits_1_and_names_the_code_of_a_rejected_statement` |
//! | 9.3.9.0-1, 9.3.9.0-2, 9.3.9.0-3, 9.3.9.0-5, 9.3.9.0-6, 9.3.9.0-7, 9.3.9.0-9, 9.6.1.1-3 | — | `move_on::a_not_applicable_course_is_satisfied_at_registration`, `move_on::satisfied_is_issued_once_per_block_and_course`, cli: `cmi5_session_accepts_a_conformant_session_and_lists_the_satisfied_statements` |
//! | 9.3.9.0-4, 9.3.9.0-8 | `cmi5.moveon.lms-id` | `move_on::an_lms_id_equal_to_the_publisher_id_is_refused_with_cmi5_moveon_lms_id` |
//! | 9.3.3.0-3, 9.3.4.0-4 (moveOn) | — | `move_on::move_on_criteria_follow_mo_01`, `move_on::completed_and_passed_needs_both_across_sessions`, `move_on::failed_never_satisfies_and_waived_always_does` |
//! | 9.5.1.0-2 (d) | `cmi5.result.score-forbidden` | `score_on_terminated_is_rejected_with_cmi5_result_score_forbidden` |
//! | 9.5.1.0-3 (d1, d2) | `cmi5.result.score-raw` | `raw_score_without_bounds_is_rejected_with_cmi5_result_score_raw` |
//! | 9.5.2.0-1 (d1), 9.5.2.0-2 (d) | `cmi5.result.success` | `passed_without_success_true_is_rejected_with_cmi5_result_success` |
//! | 9.5.2.0-3 (d) | `cmi5.result.success-forbidden` | `success_on_completed_is_rejected_with_cmi5_result_success_forbidden` |
//! | 9.5.3.0-1 (d1) | `cmi5.result.completion` | `completed_without_completion_true_is_rejected_with_cmi5_result_completion` |
//! | 9.5.3.0-2 (d) | `cmi5.result.completion-forbidden` | `completion_on_terminated_is_rejected_with_cmi5_result_completion_forbidden` |
//! | 9.5.4.1-1 (d) to 9.5.4.1-4 (d) | `cmi5.result.duration` | `terminated_without_duration_is_rejected_with_cmi5_result_duration` |
//! | 9.5.5.1 (progress, no id) | `cmi5.result.progress`, `cmi5.result.progress-after-completed` | `progress_outside_0_to_100_is_rejected_with_cmi5_result_progress`, `progress_on_completed_is_a_warning_cmi5_result_progress_after_completed` |
//! | 9.6.0.0-1 (d) | `cmi5.context.missing` | `statement_without_context_is_rejected_with_cmi5_context_missing` |
//! | 9.6.1.0-1 (d) | `cmi5.context.registration` | `context_with_another_registration_is_rejected_with_cmi5_context_registration` |
//! | 9.6.2.0-1 (d), 10.2.1.0-6 (d), 10.2.1.0-7 (d) | `cmi5.context.template` | `context_without_the_publisher_grouping_is_rejected_with_cmi5_context_template`, `context_with_another_session_id_is_rejected_with_cmi5_context_template` |
//! | 9.6.2.2-1 (d1) | `cmi5.context.moveon-category` | `completed_without_moveon_category_is_rejected_with_cmi5_context_moveon_category` |
//! | 9.6.2.2-2 (d) | `cmi5.context.moveon-forbidden` | `moveon_category_on_initialized_is_rejected_with_cmi5_context_moveon_forbidden` |
//! | 9.6.3.1-4 (d) | `cmi5.context.session-id` | `context_without_session_id_is_rejected_with_cmi5_context_session_id` |
//! | 9.6.3.2-2 (d) | `cmi5.context.mastery-score` | `scored_passed_without_the_mastery_extension_is_rejected_with_cmi5_context_mastery_score` |
//! | 9.7.0.0-1 (d) | `cmi5.statement.timestamp` | `statement_without_timestamp_is_rejected_with_cmi5_statement_timestamp` |
//! | 9.7.0.0-2 (d) | `cmi5.statement.timestamp-utc` | `statement_with_a_non_utc_timestamp_is_rejected_with_cmi5_statement_timestamp_utc` |
//! | 10.1.0.0-2, 10.2.1.0-1, 10.2.1.0-2, 10.2.1.0-3, 10.2.2.0-4, 10.2.3.0-1, 10.2.4.0-1, 10.2.5.0-1, 10.2.7.0-1, 10.2.7.1-1, 10.2.7.2-1 | `cmi5.launch-data.json` | `launch_data_has_the_context_template_launch_mode_move_on_and_declared_values`, `launch_data_without_optional_values_leaves_them_out`, `launch_data_without_session_id_is_refused_with_cmi5_launch_data_json` |
//! | 10.2.2.0-1 (d), 10.2.2.0-2 (d), 10.2.2.0-3 (d), 10.2.2.0-5 (d) | `cmi5.session.launch-mode` | `completed_in_a_browse_or_review_session_is_rejected_with_cmi5_session_launch_mode` |
//! | 11.0.0.0-4, 11.0.0.0-5 (d) | `cmi5.preferences.json`, `cmi5.preferences.audio` | `learner_preferences_round_trip`, `learner_preferences_refuse_missing_properties_with_cmi5_preferences_json`, `learner_preferences_refuse_a_bad_audio_value_with_cmi5_preferences_audio` |
//! | 11.1.0.0-1 (d) | `cmi5.preferences.language` | `learner_preferences_refuse_a_bad_language_list_with_cmi5_preferences_language` |
//!
//! A rejected statement changes no state (`a_rejected_statement_changes_no_state`); the first error is
//! CATAPULT's (`the_first_rejection_follows_catapults_order`).
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
