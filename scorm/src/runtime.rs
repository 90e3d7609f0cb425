//! The SCORM run-time on the LMS's side: the CMI data models of SCORM 1.2 and 2004 (2nd, 3rd, 4th
//! Edition) as data, one [`Api`] per session with the spec's return strings, error codes and state
//! machine, the LMS's status rules, and commits from a browser runtime re-validated on the server.
//!
//! # Overview
//!
//! - [`SCORM_12`] and [`SCORM_2004`] list every element: type, access, SPM, initial value,
//!   dependency. [`data_model_table`] renders them for the docs (the tables below are that output).
//! - [`Api`] answers the eight calls of either version (`initialize`/`lms_initialize`, …) for one
//!   session of an [`Attempt`], with the LMS values of a [`Setup`] (learner, credit, mode, and the
//!   package's item through [`Setup::with_item`]). [`ApiCall`] replays calls by name.
//! - Status rules: 2004 `completion_status`/`success_status` evaluated against
//!   `completion_threshold`/`scaled_passing_score` at every `GetValue` and at `Terminate`; 1.2
//!   `lesson_status` at `LMSFinish` with a [`MasteryOverride`] policy; `session_time` added to
//!   `total_time` once per session; `exit` decides `entry` and whether a 2004 attempt ends.
//! - [`Api::apply_sets`] applies a batch of sets, reporting each rejected one; [`read_scorm_again_commit`]
//!   reads scorm-again's commit bodies.
//! - Values are typed by newtypes in [`types`] (`Real`, `TimeInterval`, `CmiTimespan`, …) that keep the
//!   exact text (rule RT-04).
//!
//! # Untrusted input
//!
//! Everything a SCO or a client commit sends is hostile. Values and collections are bounded by
//! [`Limits`] (records per collection, characters per value and per attempt); past a cap a `SetValue`
//! fails (2004: 351, 1.2: 405). Nothing panics; a failed `SetValue` changes nothing.
//!
//! # Not covered
//!
//! Sequencing itself (`adl.nav.request_valid.*` answers what [`Setup::request_valid`] holds,
//! `unknown` otherwise; objectives are pre-filled by id only, without global-objective reads),
//! ADL's ISO 639/3166 language tables (language tags are checked for BCP 47 well-formedness, the
//! lenient reading of rule T04-04), the 1.2 `cmi.comments` append mode, learner preferences shared
//! between the SCOs of a course (they are kept from one attempt of a SCO to the next, rule F04-09),
//! and the sequencer that consumes [`Transfer`] (rules HO-08..HO-13: primary-objective records
//! competing with the top-level elements, `tracked`, completion/objective set by content).
//!
//! # Data models
//!
#![doc = include_str!("runtime/data_model.md")]

mod api;
mod attempt;
mod batch;
mod call;
mod data;
mod doc;
mod engine;
mod error;
mod interaction;
mod limits;
mod model;
mod options;
mod path;
mod setup;
mod status;
mod transfer;
pub mod types;

pub use api::{Api, SessionState};
pub use attempt::Attempt;
pub use batch::{Commit, CommitError, MAX_COMMIT_BYTES, Set, read_scorm_again_commit};
pub use call::{ApiCall, CallError, CallOutcome};
pub use data::Record;
pub use doc::{data_model_document, data_model_table};
pub use error::{ErrorCode, SCORM_12_ERRORS, SCORM_2004_ERRORS, error_codes, error_string};
pub use limits::Limits;
pub use model::{
    Access, DataType, ElementDef, Initial, Needs, SCORM_12, SCORM_2004, definition, definitions,
};
pub use options::Options;
pub use setup::{Credit, LmsComment, Mode, Setup};
pub use status::{MasteryOverride, NewAttempt12, SessionEnd};
pub use transfer::{ObjectiveTransfer, Transfer};
