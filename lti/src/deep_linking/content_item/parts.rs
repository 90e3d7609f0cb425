//! Parts shared by content items: images (icon, thumbnail), presentation (iframe, window, embed), the
//! line item declaration, availability windows, and exact date-time values.

use std::collections::BTreeMap;

use chrono::{DateTime, FixedOffset, Utc};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::Value;
use url::Url;

/// An image reference used for `icon` and `thumbnail` (Deep Linking 2.0 §3.1).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ImageRef {
    /// `url` (required).
    pub url: Url,
    /// `width` in pixels.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub width: Option<u32>,
    /// `height` in pixels.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub height: Option<u32>,
    /// Members not defined by the spec, kept verbatim.
    #[serde(flatten)]
    pub extensions: BTreeMap<String, Value>,
}

impl ImageRef {
    /// An image reference with its URL.
    pub fn new(url: Url) -> Self {
        Self {
            url,
            width: None,
            height: None,
            extensions: BTreeMap::new(),
        }
    }
}

/// `iframe` presentation (Deep Linking 2.0 §3.1, §3.2): `src` for links, size only for LTI links.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Iframe {
    /// `src`: the URL to frame (links; an LTI resource link frames its launch instead).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub src: Option<Url>,
    /// `width` in pixels.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub width: Option<u32>,
    /// `height` in pixels.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub height: Option<u32>,
    /// Members not defined by the spec, kept verbatim.
    #[serde(flatten)]
    pub extensions: BTreeMap<String, Value>,
}

impl Iframe {
    /// An empty iframe presentation.
    pub fn new() -> Self {
        Self::default()
    }
}

/// `window` presentation (Deep Linking 2.0 §3.1, §3.2): open in a new window or tab.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct Window {
    /// `targetName`: the window name, to reuse one window.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target_name: Option<String>,
    /// `width` in pixels.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub width: Option<u32>,
    /// `height` in pixels.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub height: Option<u32>,
    /// `windowFeatures`: a `window.open` features string.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub window_features: Option<String>,
    /// Members not defined by the spec, kept verbatim.
    #[serde(flatten)]
    pub extensions: BTreeMap<String, Value>,
}

impl Window {
    /// An empty window presentation.
    pub fn new() -> Self {
        Self::default()
    }
}

/// `embed` presentation of a link (Deep Linking 2.0 §3.1): HTML the platform embeds. It is
/// tool-supplied markup: a platform must sanitize or sandbox it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Embed {
    /// `html` (required).
    pub html: String,
    /// Members not defined by the spec, kept verbatim.
    #[serde(flatten)]
    pub extensions: BTreeMap<String, Value>,
}

impl Embed {
    /// An embed presentation with its HTML.
    pub fn new(html: impl Into<String>) -> Self {
        Self {
            html: html.into(),
            extensions: BTreeMap::new(),
        }
    }
}

/// `lineItem` of an LTI resource link (Deep Linking 2.0 §3.2): the gradebook column to create.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct LineItem {
    /// `scoreMaximum` (required): positive maximum score. Integral values are written as integers.
    #[serde(serialize_with = "write_number")]
    pub score_maximum: f64,
    /// `label`: the column label (defaults to the item title on most platforms).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    /// `resourceId`: the tool's identifier for the graded resource.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resource_id: Option<String>,
    /// `tag`: the tool's qualifier (`grade`, `originality`, ...).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tag: Option<String>,
    /// `gradesReleased`: whether grades are shown to learners.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub grades_released: Option<bool>,
    /// Members not defined by the spec, kept verbatim.
    #[serde(flatten)]
    pub extensions: BTreeMap<String, Value>,
}

impl LineItem {
    /// A line item declaration with its maximum score.
    pub fn new(score_maximum: f64) -> Self {
        Self {
            score_maximum,
            label: None,
            resource_id: None,
            tag: None,
            grades_released: None,
            extensions: BTreeMap::new(),
        }
    }

    /// Whether `scoreMaximum` is a finite number greater than zero, as the spec requires.
    pub fn has_valid_score_maximum(&self) -> bool {
        self.score_maximum.is_finite() && self.score_maximum > 0.0
    }
}

/// Writes an integral float as an integer so `100` reads and writes back as `100`, not `100.0`.
fn write_number<S: Serializer>(value: &f64, serializer: S) -> Result<S::Ok, S::Error> {
    const EXACT: f64 = 9_007_199_254_740_992.0; // 2^53: every integer up to here is exact in f64
    if value.fract() == 0.0 && value.abs() <= EXACT {
        #[allow(clippy::cast_possible_truncation)] // integral and within ±2^53, checked above
        let integer = *value as i64;
        return serializer.serialize_i64(integer);
    }
    serializer.serialize_f64(*value)
}

/// `available` and `submission` windows of an LTI resource link (Deep Linking 2.0 §3.2).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct TimeWindow {
    /// `startDateTime`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start_date_time: Option<DateTimeValue>,
    /// `endDateTime`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end_date_time: Option<DateTimeValue>,
    /// Members not defined by the spec, kept verbatim.
    #[serde(flatten)]
    pub extensions: BTreeMap<String, Value>,
}

impl TimeWindow {
    /// An open window (no start, no end).
    pub fn new() -> Self {
        Self::default()
    }

    /// Whether `now` is inside the window (start inclusive, end exclusive; missing bounds are open).
    pub fn contains(&self, now: DateTime<Utc>) -> bool {
        let started = self
            .start_date_time
            .as_ref()
            .is_none_or(|start| start.to_utc() <= now);
        let ended = self
            .end_date_time
            .as_ref()
            .is_some_and(|end| end.to_utc() <= now);
        started && !ended
    }
}

/// An ISO 8601 / RFC 3339 date-time that keeps its original text (so a round trip is exact) and its
/// parsed value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DateTimeValue {
    text: String,
    at: DateTime<FixedOffset>,
}

/// A date-time that is not RFC 3339 (`2018-03-07T20:00:00Z`, `2018-03-07T20:00:00.000+01:00`).
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("not an RFC 3339 date-time")]
#[non_exhaustive]
pub struct InvalidDateTime;

impl DateTimeValue {
    /// Parses an RFC 3339 date-time (the profile of ISO 8601 the specs' examples use).
    ///
    /// # Errors
    /// [`InvalidDateTime`] when `text` is not RFC 3339 with an offset.
    pub fn parse(text: impl Into<String>) -> Result<Self, InvalidDateTime> {
        let text = text.into();
        let at = DateTime::parse_from_rfc3339(&text).map_err(|_| InvalidDateTime)?;
        Ok(Self { text, at })
    }

    /// The text as received.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// The instant with its original offset.
    pub fn to_fixed_offset(&self) -> DateTime<FixedOffset> {
        self.at
    }

    /// The instant in UTC.
    pub fn to_utc(&self) -> DateTime<Utc> {
        self.at.with_timezone(&Utc)
    }
}

impl From<DateTime<Utc>> for DateTimeValue {
    fn from(at: DateTime<Utc>) -> Self {
        Self {
            text: at.to_rfc3339_opts(chrono::SecondsFormat::AutoSi, true),
            at: at.fixed_offset(),
        }
    }
}

impl Serialize for DateTimeValue {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.text)
    }
}

impl<'de> Deserialize<'de> for DateTimeValue {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        Self::parse(text).map_err(serde::de::Error::custom)
    }
}
