//! `item` and the ADL extensions on it.

use serde::Serialize;

use super::{Metadata, Sequencing};

/// One `item` of an organization.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
#[non_exhaustive]
pub struct Item {
    /// `@identifier`.
    pub identifier: String,
    /// `@identifierref` (a resource or sub-manifest identifier), if any.
    pub identifierref: Option<String>,
    /// `@isvisible`; default `true`.
    pub isvisible: bool,
    /// `@parameters` (trimmed), if any.
    pub parameters: Option<String>,
    /// `title` (trimmed).
    pub title: String,
    /// Child items.
    pub items: Vec<Item>,
    /// `metadata`, if any.
    pub metadata: Option<Box<Metadata>>,
    /// `adlcp:prerequisites` (SCORM 1.2, AICC script), if any.
    pub prerequisites: Option<String>,
    /// `adlcp:maxtimeallowed` (SCORM 1.2, CMITimespan), if any.
    pub max_time_allowed: Option<String>,
    /// `adlcp:timelimitaction` / `adlcp:timeLimitAction`, if any.
    pub time_limit_action: Option<TimeLimitAction>,
    /// `adlcp:datafromlms` / `adlcp:dataFromLMS`, if any.
    pub data_from_lms: Option<String>,
    /// `adlcp:masteryscore` (SCORM 1.2, 0..=100), if any.
    pub mastery_score: Option<f64>,
    /// `adlcp:completionThreshold` (SCORM 2004), if any.
    pub completion_threshold: Option<CompletionThreshold>,
    /// `adlcp:data/adlcp:map` (SCORM 2004 4th Edition shared data).
    pub data: Vec<DataMap>,
    /// `adlnav:presentation`, if any.
    pub presentation: Option<Presentation>,
    /// `imsss:sequencing`, if any.
    pub sequencing: Option<Box<Sequencing>>,
}

/// `timelimitaction`: what the LMS does when `maxtimeallowed` is exceeded.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum TimeLimitAction {
    /// `exit,message`
    ExitMessage,
    /// `exit,no message`
    ExitNoMessage,
    /// `continue,message`
    ContinueMessage,
    /// `continue,no message`
    ContinueNoMessage,
}

impl TimeLimitAction {
    /// Parses the spec value (whitespace trimmed).
    pub fn parse(value: &str) -> Option<Self> {
        match value.trim() {
            "exit,message" => Some(Self::ExitMessage),
            "exit,no message" => Some(Self::ExitNoMessage),
            "continue,message" => Some(Self::ContinueMessage),
            "continue,no message" => Some(Self::ContinueNoMessage),
            _ => None,
        }
    }
}

/// `adlcp:completionThreshold`: the 3rd Edition value form or the 4th Edition attribute form.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
#[non_exhaustive]
pub struct CompletionThreshold {
    /// `@completedByMeasure`; default `false` (3rd Edition value form: `true`).
    pub completed_by_measure: bool,
    /// `@minProgressMeasure` or the 3rd Edition element value; default `1.0`.
    pub min_progress_measure: f64,
    /// `@progressWeight`; default `1.0`.
    pub progress_weight: f64,
}

impl Default for CompletionThreshold {
    fn default() -> Self {
        Self {
            completed_by_measure: false,
            min_progress_measure: 1.0,
            progress_weight: 1.0,
        }
    }
}

/// One `adlcp:map` of `adlcp:data`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct DataMap {
    /// `@targetID`.
    pub target_id: String,
    /// `@readSharedData`; default `true`.
    pub read_shared_data: bool,
    /// `@writeSharedData`; default `false`.
    pub write_shared_data: bool,
}

/// `adlnav:presentation/adlnav:navigationInterface`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct Presentation {
    /// `adlnav:hideLMSUI` values: `abandon`, `continue`, `exit`, `previous`, `suspendAll`, `exitAll`,
    /// `abandonAll`.
    pub hide_lms_ui: Vec<String>,
}
