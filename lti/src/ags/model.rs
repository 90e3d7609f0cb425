//! The AGS documents: line items, scores, results, and the rules of the spec each one follows.

use std::collections::BTreeMap;

use chrono::{DateTime, FixedOffset};
use learnwire_report::{Report, Untrusted};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::{Map, Value};
use url::Url;

use crate::claims::UserId;
use crate::claims::vocabulary::open_vocabulary;
use crate::codes;
use crate::services::pointer;

/// An RFC 3339 date-time with its offset (AGS timestamps, line item dates), kept as written (its
/// sub-second digits and its offset survive a round trip) next to its parsed value.
///
/// # Example
///
/// ```
/// use learnwire_lti::ags::Timestamp;
///
/// let at = Timestamp::parse("2017-04-16T18:54:36.736+02:00")?;
/// assert_eq!(at.as_str(), "2017-04-16T18:54:36.736+02:00");
/// assert_eq!(at.value().timestamp_subsec_millis(), 736);
/// assert!(Timestamp::parse("2017-04-16 18:54").is_err());
/// # Ok::<(), learnwire_lti::ags::InvalidTimestamp>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Timestamp {
    text: String,
    value: DateTime<FixedOffset>,
}

/// A text that is not an RFC 3339 date-time with an offset.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{text} is not an RFC 3339 date-time with an offset")]
#[non_exhaustive]
pub struct InvalidTimestamp {
    /// The text, cut.
    pub text: Untrusted,
}

impl Timestamp {
    /// Reads an RFC 3339 date-time (`2017-04-16T18:54:36.736+00:00`, `…Z`) with chrono's parser.
    ///
    /// # Errors
    ///
    /// [`InvalidTimestamp`] when `text` is not one.
    pub fn parse(text: impl Into<String>) -> Result<Self, InvalidTimestamp> {
        let text = text.into();
        match DateTime::parse_from_rfc3339(&text) {
            Ok(value) => Ok(Self { text, value }),
            Err(_) => Err(InvalidTimestamp {
                text: Untrusted::new(&text),
            }),
        }
    }

    /// A timestamp written in RFC 3339 with microseconds (`2026-12-03T14:00:00.123456+00:00`).
    pub fn from_datetime(value: DateTime<FixedOffset>) -> Self {
        Self {
            text: value.to_rfc3339_opts(chrono::SecondsFormat::Micros, false),
            value,
        }
    }

    /// The text as written.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// The parsed date-time, with its offset.
    pub fn value(&self) -> DateTime<FixedOffset> {
        self.value
    }
}

impl Serialize for Timestamp {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.text)
    }
}

impl<'de> Deserialize<'de> for Timestamp {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        Self::parse(text).map_err(serde::de::Error::custom)
    }
}

/// A line item: a gradebook column (AGS 2.0 §3.2). Members the spec does not define (Canvas'
/// `https://canvas.instructure.com/lti/submission_type`, …) are kept in
/// [`extensions`](Self::extensions).
///
/// # Example
///
/// ```
/// use learnwire_lti::ags::LineItem;
///
/// let item = LineItem::new("Chapter 5 Test", 60.0).with_tag("grade");
/// assert!(item.validate().is_valid());
/// let bad = LineItem::new("", 0.0);
/// let codes: Vec<_> = bad.validate().issues().iter().map(|i| i.code.as_str()).collect();
/// assert_eq!(codes, ["lti.ags.label", "lti.ags.score-maximum"]);
/// ```
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct LineItem {
    /// `id`: the line item's URL, set by the platform (absent in a create request).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<Url>,
    /// `scoreMaximum` (required): greater than zero.
    pub score_maximum: f64,
    /// `label` (required): not empty.
    pub label: String,
    /// `resourceLinkId`: the resource link the line item is bound to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resource_link_id: Option<String>,
    /// `resourceId`: the tool's own id for the resource.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resource_id: Option<String>,
    /// `tag`: qualifies the line item beyond its ids.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tag: Option<String>,
    /// `startDateTime`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start_date_time: Option<Timestamp>,
    /// `endDateTime`: not before `startDateTime`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end_date_time: Option<Timestamp>,
    /// `gradesReleased`: whether the platform shows grades to learners.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub grades_released: Option<bool>,
    /// `submissionReview`: how the platform may launch the tool to review a submission, kept as sent
    /// (`reviewableStatus`, `label`, `url`, `custom`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub submission_review: Option<Map<String, Value>>,
    /// Members the spec does not define, kept verbatim.
    #[serde(flatten)]
    pub extensions: BTreeMap<String, Value>,
}

impl LineItem {
    /// A line item with its two required members.
    pub fn new(label: impl Into<String>, score_maximum: f64) -> Self {
        Self {
            id: None,
            score_maximum,
            label: label.into(),
            resource_link_id: None,
            resource_id: None,
            tag: None,
            start_date_time: None,
            end_date_time: None,
            grades_released: None,
            submission_review: None,
            extensions: BTreeMap::new(),
        }
    }

    /// Sets `resourceLinkId`.
    #[must_use]
    pub fn with_resource_link_id(mut self, id: impl Into<String>) -> Self {
        self.resource_link_id = Some(id.into());
        self
    }

    /// Sets `resourceId`.
    #[must_use]
    pub fn with_resource_id(mut self, id: impl Into<String>) -> Self {
        self.resource_id = Some(id.into());
        self
    }

    /// Sets `tag`.
    #[must_use]
    pub fn with_tag(mut self, tag: impl Into<String>) -> Self {
        self.tag = Some(tag.into());
        self
    }

    /// Every problem of the line item against AGS 2.0 §3.2, each with its JSON pointer: `label` empty
    /// (`lti.ags.label`), `scoreMaximum` not greater than zero (`lti.ags.score-maximum`),
    /// `endDateTime` before `startDateTime` (`lti.ags.dates`), an empty `resourceLinkId`
    /// (`lti.ags.id`).
    pub fn validate(&self) -> Report {
        let mut report = Report::new();
        match serde_json::to_value(self) {
            Ok(value) => line_item_problems(&value, &mut report),
            Err(error) => report.error(codes::SERVICE_SHAPE, pointer(&[]), error.to_string()),
        }
        report
    }
}

open_vocabulary! {
    /// A score's `activityProgress` (AGS 2.0 §3.4): the learner's progress towards completing the
    /// activity.
    pub enum ActivityProgress {
        /// `Initialized`: not started.
        Initialized => "Initialized",
        /// `Started`.
        Started => "Started",
        /// `InProgress`.
        InProgress => "InProgress",
        /// `Submitted`: submitted, further submissions possible.
        Submitted => "Submitted",
        /// `Completed`.
        Completed => "Completed",
    }
}

open_vocabulary! {
    /// A score's `gradingProgress` (AGS 2.0 §3.4): where grading stands.
    pub enum GradingProgress {
        /// `FullyGraded`: final.
        FullyGraded => "FullyGraded",
        /// `Pending`: final grade pending, no human needed.
        Pending => "Pending",
        /// `PendingManual`: a human must grade.
        PendingManual => "PendingManual",
        /// `Failed`: grading could not complete.
        Failed => "Failed",
        /// `NotReady`: no grading yet.
        NotReady => "NotReady",
    }
}

/// A score's `submission` (AGS 2.0 §3.4): when the attempt started and was submitted.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct Submission {
    /// `startedAt`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub started_at: Option<Timestamp>,
    /// `submittedAt`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub submitted_at: Option<Timestamp>,
    /// Members the spec does not define, kept verbatim.
    #[serde(flatten)]
    pub extensions: BTreeMap<String, Value>,
}

/// A score a tool publishes for one user on one line item (AGS 2.0 §3.4). Members the spec does not
/// define (Canvas' `https://canvas.instructure.com/lti/submission`) are kept in
/// [`extensions`](Self::extensions).
///
/// # Example
///
/// ```
/// use learnwire_lti::ags::{ActivityProgress, GradingProgress, Score, Timestamp};
///
/// let at = Timestamp::parse("2026-12-03T14:00:00.123+01:00")?;
/// let score = Score::new("user-1".try_into()?, at, ActivityProgress::Completed, GradingProgress::FullyGraded)
///     .with_score(8.5, 10.0);
/// assert!(score.validate().is_valid());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct Score {
    /// `userId` (required): the LTI user id (the launch's `sub`).
    pub user_id: UserId,
    /// `scoreGiven`: at least zero; requires `scoreMaximum`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub score_given: Option<f64>,
    /// `scoreMaximum`: at least zero; required with `scoreGiven`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub score_maximum: Option<f64>,
    /// `comment`: shown to the learner.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
    /// `timestamp` (required): when the score changed in the tool, RFC 3339 with sub-second digits.
    pub timestamp: Timestamp,
    /// `activityProgress` (required).
    pub activity_progress: ActivityProgress,
    /// `gradingProgress` (required).
    pub grading_progress: GradingProgress,
    /// `submission`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub submission: Option<Submission>,
    /// Members the spec does not define, kept verbatim.
    #[serde(flatten)]
    pub extensions: BTreeMap<String, Value>,
}

impl Score {
    /// A score with its required members and no points.
    pub fn new(
        user_id: UserId,
        timestamp: Timestamp,
        activity_progress: ActivityProgress,
        grading_progress: GradingProgress,
    ) -> Self {
        Self {
            user_id,
            score_given: None,
            score_maximum: None,
            comment: None,
            timestamp,
            activity_progress,
            grading_progress,
            submission: None,
            extensions: BTreeMap::new(),
        }
    }

    /// Sets `scoreGiven` and `scoreMaximum`.
    #[must_use]
    pub fn with_score(mut self, given: f64, maximum: f64) -> Self {
        self.score_given = Some(given);
        self.score_maximum = Some(maximum);
        self
    }

    /// Sets `comment`.
    #[must_use]
    pub fn with_comment(mut self, comment: impl Into<String>) -> Self {
        self.comment = Some(comment.into());
        self
    }

    /// Every problem of the score against AGS 2.0 §3.4, each with its JSON pointer: `scoreGiven`
    /// without `scoreMaximum` or either negative (`lti.ags.score-given`), a progress value outside its
    /// vocabulary (`lti.ags.progress`).
    pub fn validate(&self) -> Report {
        let mut report = Report::new();
        match serde_json::to_value(self) {
            Ok(value) => score_problems(&value, &mut report),
            Err(error) => report.error(codes::SERVICE_SHAPE, pointer(&[]), error.to_string()),
        }
        report
    }
}

/// A result: the current grade of one user on one line item, as the platform holds it (AGS 2.0
/// §3.3).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct LineItemResult {
    /// `id`: the result's URL.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// `scoreOf`: the line item's URL.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub score_of: Option<String>,
    /// `userId` (required).
    pub user_id: UserId,
    /// `resultScore`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub result_score: Option<f64>,
    /// `resultMaximum` (1 when absent, says the spec).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub result_maximum: Option<f64>,
    /// `comment`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
    /// Members the spec does not define, kept verbatim.
    #[serde(flatten)]
    pub extensions: BTreeMap<String, Value>,
}

impl LineItemResult {
    /// A result for `user_id` with no score.
    pub fn new(user_id: UserId) -> Self {
        Self {
            id: None,
            score_of: None,
            user_id,
            result_score: None,
            result_maximum: None,
            comment: None,
            extensions: BTreeMap::new(),
        }
    }
}

/// Adds the line item rules' problems of `value` to `report`.
pub(crate) fn line_item_problems(value: &Value, report: &mut Report) {
    let Some(object) = value.as_object() else {
        report.error(
            codes::SERVICE_SHAPE,
            pointer(&[]),
            "a line item is a JSON object",
        );
        return;
    };
    match object.get("label") {
        None => report.error(codes::AGS_LABEL, pointer(&["label"]), "label is required"),
        Some(Value::String(label)) if label.trim().is_empty() => {
            report.error(codes::AGS_LABEL, pointer(&["label"]), "label is empty");
        }
        Some(Value::String(_)) => {}
        Some(_) => report.error(
            codes::AGS_LABEL,
            pointer(&["label"]),
            "label is not a string",
        ),
    }
    match object.get("scoreMaximum") {
        None => report.error(
            codes::AGS_SCORE_MAXIMUM,
            pointer(&["scoreMaximum"]),
            "scoreMaximum is required",
        ),
        Some(value) if value.as_f64().is_some_and(|max| max > 0.0) => {}
        Some(_) => report.error(
            codes::AGS_SCORE_MAXIMUM,
            pointer(&["scoreMaximum"]),
            "scoreMaximum is not a number greater than zero",
        ),
    }
    if let Some(id) = object.get("id")
        && id.as_str().is_none_or(|id| Url::parse(id).is_err())
    {
        report.error(codes::AGS_ID, pointer(&["id"]), "id is not an absolute URL");
    }
    match object.get("resourceLinkId") {
        None => {}
        Some(Value::String(id)) if !id.is_empty() && id.len() <= 255 => {}
        Some(_) => report.error(
            codes::AGS_ID,
            pointer(&["resourceLinkId"]),
            "resourceLinkId is not a string of 1 to 255 bytes",
        ),
    }
    for member in ["resourceId", "tag"] {
        if object.get(member).is_some_and(|value| !value.is_string()) {
            report.error(
                codes::SERVICE_SHAPE,
                pointer(&[member]),
                format!("{member} is not a string"),
            );
        }
    }
    if object
        .get("gradesReleased")
        .is_some_and(|value| !value.is_boolean())
    {
        report.error(
            codes::SERVICE_SHAPE,
            pointer(&["gradesReleased"]),
            "gradesReleased is not a boolean",
        );
    }
    if object
        .get("submissionReview")
        .is_some_and(|value| !value.is_object())
    {
        report.error(
            codes::SERVICE_SHAPE,
            pointer(&["submissionReview"]),
            "submissionReview is not an object",
        );
    }
    let start = timestamp_member(object, &[], "startDateTime", report);
    let end = timestamp_member(object, &[], "endDateTime", report);
    if let (Some(start), Some(end)) = (start, end)
        && end < start
    {
        report.error(
            codes::AGS_DATES,
            pointer(&["endDateTime"]),
            "endDateTime is before startDateTime",
        );
    }
}

/// Adds the score rules' problems of `value` to `report`.
pub(crate) fn score_problems(value: &Value, report: &mut Report) {
    let Some(object) = value.as_object() else {
        report.error(
            codes::SERVICE_SHAPE,
            pointer(&[]),
            "a score is a JSON object",
        );
        return;
    };
    match object.get("userId") {
        Some(Value::String(id)) if !id.is_empty() && id.len() <= 255 => {}
        Some(_) => report.error(
            codes::AGS_ID,
            pointer(&["userId"]),
            "userId is not a string of 1 to 255 bytes",
        ),
        None => report.error(codes::AGS_ID, pointer(&["userId"]), "userId is required"),
    }
    for member in ["scoreGiven", "scoreMaximum"] {
        if let Some(value) = object.get(member)
            && !value.as_f64().is_some_and(|number| number >= 0.0)
        {
            report.error(
                codes::AGS_SCORE_GIVEN,
                pointer(&[member]),
                format!("{member} is not a number at least zero"),
            );
        }
    }
    if object.contains_key("scoreGiven") && !object.contains_key("scoreMaximum") {
        report.error(
            codes::AGS_SCORE_GIVEN,
            pointer(&["scoreMaximum"]),
            "scoreMaximum is required with scoreGiven",
        );
    }
    if object
        .get("comment")
        .is_some_and(|value| !value.is_string())
    {
        report.error(
            codes::SERVICE_SHAPE,
            pointer(&["comment"]),
            "comment is not a string",
        );
    }
    match object.get("timestamp") {
        None => report.error(
            codes::AGS_TIMESTAMP,
            pointer(&["timestamp"]),
            "timestamp is required",
        ),
        Some(_) => {
            timestamp_member(object, &[], "timestamp", report);
        }
    }
    progress_member(
        object,
        "activityProgress",
        |text| !ActivityProgress::parse(text).is_unrecognized(),
        report,
    );
    progress_member(
        object,
        "gradingProgress",
        |text| !GradingProgress::parse(text).is_unrecognized(),
        report,
    );
    match object.get("submission") {
        None => {}
        Some(Value::Object(submission)) => {
            timestamp_member(submission, &["submission"], "startedAt", report);
            timestamp_member(submission, &["submission"], "submittedAt", report);
        }
        Some(_) => report.error(
            codes::SERVICE_SHAPE,
            pointer(&["submission"]),
            "submission is not an object",
        ),
    }
}

fn progress_member(
    object: &Map<String, Value>,
    member: &str,
    known: impl Fn(&str) -> bool,
    report: &mut Report,
) {
    match object.get(member) {
        Some(Value::String(text)) if known(text) => {}
        Some(Value::String(text)) => report.error(
            codes::AGS_PROGRESS,
            pointer(&[member]),
            format!(
                "{member} {} is not in its vocabulary",
                learnwire_report::quote(text)
            ),
        ),
        Some(_) => report.error(
            codes::AGS_PROGRESS,
            pointer(&[member]),
            format!("{member} is not a string"),
        ),
        None => report.error(
            codes::AGS_PROGRESS,
            pointer(&[member]),
            format!("{member} is required"),
        ),
    }
}

/// Checks an optional RFC 3339 member; returns its value when it reads.
fn timestamp_member(
    object: &Map<String, Value>,
    parent: &[&str],
    member: &str,
    report: &mut Report,
) -> Option<DateTime<FixedOffset>> {
    let value = object.get(member)?;
    let parsed = value
        .as_str()
        .and_then(|text| DateTime::parse_from_rfc3339(text).ok());
    if parsed.is_none() {
        let mut path = parent.to_vec();
        path.push(member);
        report.error(
            codes::AGS_TIMESTAMP,
            pointer(&path),
            format!("{member} is not an RFC 3339 date-time with an offset"),
        );
    }
    parsed
}
