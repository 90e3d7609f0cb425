//! What a SCORM 2004 session hands to sequencing when it ends (rules HO-01..HO-08): the activity's
//! attempt completion and progress, the primary objective's satisfaction and measure, and the same
//! for each `cmi.objectives` record. The sequencer itself is the LMS's.

use serde::{Deserialize, Serialize};

use super::data::Record;

/// The tracking data of one ended SCORM 2004 session (rule HO-01: once, at `Terminate`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Transfer {
    /// Attempt progress from the evaluated `cmi.completion_status` (rule HO-03): `Some(true)` for
    /// `completed`, `Some(false)` for `incomplete` and `not attempted`, `None` for `unknown`.
    pub completed: Option<bool>,
    /// `cmi.progress_measure`, when set: the attempt completion amount (rule HO-04).
    pub progress_measure: Option<String>,
    /// The primary objective from the evaluated `cmi.success_status` (rule HO-05): `Some(true)` for
    /// `passed`, `Some(false)` for `failed`, `None` for `unknown`.
    pub satisfied: Option<bool>,
    /// The SCO set `cmi.success_status` to `unknown` itself in this session: a known satisfaction is
    /// cleared (rule HO-05). An untouched `unknown` changes nothing.
    pub clear_satisfaction: bool,
    /// `cmi.score.scaled`, when set: the primary objective's normalized measure; `None` clears it
    /// (rule HO-06; raw/min/max never make a measure).
    pub normalized_measure: Option<String>,
    /// One entry per `cmi.objectives` record with an id (rule HO-07); the sequencer matches the ids
    /// against the activity's objectives and ignores the others.
    pub objectives: Vec<ObjectiveTransfer>,
}

/// The tracking data of one `cmi.objectives` record.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ObjectiveTransfer {
    /// `id`.
    pub id: String,
    /// From `success_status` (as [`Transfer::satisfied`]).
    pub satisfied: Option<bool>,
    /// `score.scaled`, when set.
    pub normalized_measure: Option<String>,
    /// From `completion_status` (as [`Transfer::completed`]).
    pub completed: Option<bool>,
    /// `progress_measure`, when set.
    pub progress_measure: Option<String>,
    /// `score.raw`, when set (4th Edition objective maps carry raw/min/max).
    pub raw: Option<String>,
    /// `score.min`, when set.
    pub min: Option<String>,
    /// `score.max`, when set.
    pub max: Option<String>,
}

fn completed(status: Option<&str>) -> Option<bool> {
    match status {
        Some("completed") => Some(true),
        Some("incomplete" | "not attempted") => Some(false),
        _ => None,
    }
}

fn satisfied(status: Option<&str>) -> Option<bool> {
    match status {
        Some("passed") => Some(true),
        Some("failed") => Some(false),
        _ => None,
    }
}

/// The transfer of `root`, already through `Terminate` evaluation (statuses evaluated, rule ST04-11).
pub(crate) fn transfer_2004(root: &Record, success_set_unknown: bool) -> Transfer {
    let owned = |key: &str| root.value(key).map(String::from);
    Transfer {
        completed: completed(root.value("cmi.completion_status")),
        progress_measure: owned("cmi.progress_measure"),
        satisfied: satisfied(root.value("cmi.success_status")),
        clear_satisfaction: success_set_unknown
            && root.value("cmi.success_status") == Some("unknown"),
        normalized_measure: owned("cmi.score.scaled"),
        objectives: root
            .list("cmi.objectives")
            .iter()
            .filter_map(|record| {
                let value = |key: &str| record.value(key).map(String::from);
                Some(ObjectiveTransfer {
                    id: value("id")?,
                    satisfied: satisfied(record.value("success_status")),
                    normalized_measure: value("score.scaled"),
                    completed: completed(record.value("completion_status")),
                    progress_measure: value("progress_measure"),
                    raw: value("score.raw"),
                    min: value("score.min"),
                    max: value("score.max"),
                })
            })
            .collect(),
    }
}
