//! Status evaluation and end-of-session processing (rules Part I: ST04-01..ST04-27 for SCORM 2004,
//! ST12-01..ST12-11 for SCORM 1.2).

use std::cmp::Ordering;

use serde::{Deserialize, Serialize};

use super::data::Record;
use super::types::scorm12::{clock_centis, render_timespan};
use super::types::{Duration, Number};

/// When the LMS may replace a SCORM 1.2 `cmi.core.lesson_status` by `passed`/`failed` from the
/// mastery score at `LMSFinish` (rules ST12-04, ST12-05). It applies only with `credit`, in `normal`
/// mode, with a mastery score and a raw score.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub enum MasteryOverride {
    /// Never: the SCO's status stands.
    Never,
    /// Only when the SCO never set a status in the session (Rustici's default).
    WhenStatusUnset,
    /// Unless the status is `incomplete` (the 1.2 Conformance Requirements; the default).
    #[default]
    UnlessIncomplete,
    /// Always (Moodle, scorm-again's `mastery_override`).
    Always,
}

/// When a SCORM 1.2 session's end also ends the attempt, so that the next launch starts a new one
/// (`entry = ab-initio`, empty data). SCORM 1.2 has no attempts; this is LMS policy (rules PM-04,
/// ST12-13). The default, [`Never`](Self::Never), is the 1.2 text: the data stays and a non-suspend
/// exit gives `entry = ""` (rule ST12-08).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub enum NewAttempt12 {
    /// Never (the default).
    #[default]
    Never,
    /// After any exit but `suspend`.
    AfterNonSuspendExit,
    /// After an exit but `suspend` when the status is `completed`, `passed` or `failed`.
    AfterNonSuspendExitWhenDone,
}

fn at_least(record: &Record, value: &str, bound: &str) -> Option<bool> {
    let value = Number::parse(record.value(value)?, false)?;
    let bound = Number::parse(record.value(bound)?, false)?;
    Some(value.cmp_number(&bound) != Ordering::Less)
}

/// `cmi.completion_status` as `GetValue` returns it (rules ST04-01..ST04-04, ST04-09).
pub(crate) fn completion_2004(root: &Record) -> &str {
    if root.value("cmi.completion_threshold").is_some() {
        return match at_least(root, "cmi.progress_measure", "cmi.completion_threshold") {
            Some(true) => "completed",
            Some(false) => "incomplete",
            None => "unknown",
        };
    }
    root.value("cmi.completion_status").unwrap_or("unknown")
}

/// `cmi.success_status` as `GetValue` returns it (rules ST04-05..ST04-09).
pub(crate) fn success_2004(root: &Record) -> &str {
    if root.value("cmi.scaled_passing_score").is_some() {
        return match at_least(root, "cmi.score.scaled", "cmi.scaled_passing_score") {
            Some(true) => "passed",
            Some(false) => "failed",
            None => "unknown",
        };
    }
    root.value("cmi.success_status").unwrap_or("unknown")
}

/// How a session ended.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct SessionEnd {
    /// The `exit` value the SCO set (`""` when it set none).
    pub exit: String,
    /// The session left the attempt suspended: the next launch resumes (`entry = resume`).
    pub suspended: bool,
    /// The attempt ended: the next launch starts a new one (2004: any exit but `suspend`; 1.2: as
    /// [`NewAttempt12`] says).
    pub attempt_ended: bool,
    /// SCORM 2004: the `adl.nav.request` pending at `Terminate`, for the sequencer (rule N04-13);
    /// `None` for `_none_` and in SCORM 1.2.
    pub navigation_request: Option<String>,
    /// SCORM 2004: the tracking data for sequencing (rules HO-01..HO-08); `None` in SCORM 1.2.
    pub transfer: Option<super::Transfer>,
}

/// `Terminate` processing (rules A04-06, ST04-11, ST04-20..ST04-27, N04-15).
pub(crate) fn terminate_2004(root: &mut Record) -> SessionEnd {
    let completion = completion_2004(root).to_owned();
    let success = success_2004(root).to_owned();
    root.values
        .insert("cmi.completion_status".into(), completion);
    root.values.insert("cmi.success_status".into(), success);
    if let Some(session) = root
        .values
        .remove("cmi.session_time")
        .and_then(|v| Duration::parse_interval(&v))
    {
        let total = root
            .value("cmi.total_time")
            .and_then(Duration::parse_interval)
            .unwrap_or_default();
        root.values
            .insert("cmi.total_time".into(), total.add(session).render());
    }
    let exit = root.values.remove("cmi.exit").unwrap_or_default();
    let request = root
        .values
        .insert("adl.nav.request".into(), "_none_".into())
        .filter(|r| r != "_none_");
    let suspended = exit == "suspend" || request.as_deref() == Some("suspendAll");
    SessionEnd {
        exit,
        suspended,
        attempt_ended: !suspended,
        navigation_request: request,
        transfer: None,
    }
}

/// `LMSFinish` processing (rules A12-06, ST12-03..ST12-11).
pub(crate) fn finish_12(
    root: &mut Record,
    policy: MasteryOverride,
    attempts: NewAttempt12,
    saturate: bool,
) -> SessionEnd {
    let before = root
        .value("cmi.core.lesson_status")
        .unwrap_or("not attempted")
        .to_owned();
    let mode = root.value("cmi.core.lesson_mode").unwrap_or("normal");
    let credit = root.value("cmi.core.credit").unwrap_or("credit");
    let mut status = before.clone();
    if status == "not attempted" {
        status = if mode == "browse" {
            "browsed"
        } else {
            "completed"
        }
        .to_owned();
    }
    let mastered = at_least(root, "cmi.core.score.raw", "cmi.student_data.mastery_score");
    if let (Some(mastered), "credit", "normal") = (mastered, credit, mode) {
        let applies = match policy {
            MasteryOverride::Never => false,
            MasteryOverride::WhenStatusUnset => before == "not attempted",
            MasteryOverride::UnlessIncomplete => status != "incomplete",
            MasteryOverride::Always => true,
        };
        if applies {
            status = if mastered { "passed" } else { "failed" }.to_owned();
        }
    }
    root.values.insert("cmi.core.lesson_status".into(), status);
    if let Some(session) = root
        .values
        .remove("cmi.core.session_time")
        .and_then(|v| clock_centis(&v, 1..=10))
    {
        let total = root
            .value("cmi.core.total_time")
            .and_then(|v| clock_centis(v, 1..=10))
            .unwrap_or(0);
        root.values.insert(
            "cmi.core.total_time".into(),
            render_timespan(total.saturating_add(session), saturate),
        );
    }
    let exit = root.values.remove("cmi.core.exit").unwrap_or_default();
    let suspended = exit == "suspend";
    let done = matches!(
        root.value("cmi.core.lesson_status"),
        Some("completed" | "passed" | "failed")
    );
    let attempt_ended = match attempts {
        NewAttempt12::Never => false,
        NewAttempt12::AfterNonSuspendExit => !suspended,
        NewAttempt12::AfterNonSuspendExitWhenDone => !suspended && done,
    };
    SessionEnd {
        suspended,
        exit,
        attempt_ended,
        navigation_request: None,
        transfer: None,
    }
}
