//! The five content item types of Deep Linking 2.0 §3.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::Value;
use url::Url;

use super::{DateTimeValue, Embed, Iframe, ImageRef, LineItem, TimeWindow, Window};

/// `link` (Deep Linking 2.0 §3.1): a URL hosted anywhere.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Link {
    /// `url` (required).
    pub url: Url,
    /// `title`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// `text`: plain-text description.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
    /// `icon`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub icon: Option<ImageRef>,
    /// `thumbnail`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub thumbnail: Option<ImageRef>,
    /// `embed`: show as embedded HTML.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub embed: Option<Embed>,
    /// `window`: open in a new window.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub window: Option<Window>,
    /// `iframe`: show in an iframe.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub iframe: Option<Iframe>,
    /// Members not defined by the spec, kept verbatim.
    #[serde(flatten)]
    pub extensions: BTreeMap<String, Value>,
}

impl Link {
    /// A link to `url`.
    pub fn new(url: Url) -> Self {
        Self {
            url,
            title: None,
            text: None,
            icon: None,
            thumbnail: None,
            embed: None,
            window: None,
            iframe: None,
            extensions: BTreeMap::new(),
        }
    }
}

/// `ltiResourceLink` (Deep Linking 2.0 §3.2): a link that launches back into the tool.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct LtiResourceLink {
    /// `url`: the launch URL; absent means the tool's default target link URI.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<Url>,
    /// `title`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// `text`: plain-text description.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
    /// `icon`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub icon: Option<ImageRef>,
    /// `thumbnail`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub thumbnail: Option<ImageRef>,
    /// `window`: launch in a new window.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub window: Option<Window>,
    /// `iframe`: launch in an iframe.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub iframe: Option<Iframe>,
    /// `custom`: custom parameters for every launch of the link (the spec wants string values; any
    /// JSON is kept).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub custom: Option<BTreeMap<String, Value>>,
    /// `lineItem`: create a gradebook column for the link.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub line_item: Option<LineItem>,
    /// `available`: when the link may be launched.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub available: Option<TimeWindow>,
    /// `submission`: when submissions are accepted.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub submission: Option<TimeWindow>,
    /// Members not defined by the spec, kept verbatim.
    #[serde(flatten)]
    pub extensions: BTreeMap<String, Value>,
}

impl LtiResourceLink {
    /// An LTI resource link with nothing set (launches the tool's default URL).
    pub fn new() -> Self {
        Self::default()
    }
}

/// `file` (Deep Linking 2.0 §3.3): a file the platform downloads (the URL may be short-lived).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct File {
    /// `url` (required): where to download the file.
    pub url: Url,
    /// `title`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// `text`: plain-text description.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
    /// `icon`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub icon: Option<ImageRef>,
    /// `thumbnail`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub thumbnail: Option<ImageRef>,
    /// `mediaType`: the file's media type, checked against `accept_media_types`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub media_type: Option<String>,
    /// `expiresAt`: when `url` stops working.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expires_at: Option<DateTimeValue>,
    /// Members not defined by the spec, kept verbatim.
    #[serde(flatten)]
    pub extensions: BTreeMap<String, Value>,
}

impl File {
    /// A file at `url`.
    pub fn new(url: Url) -> Self {
        Self {
            url,
            title: None,
            text: None,
            icon: None,
            thumbnail: None,
            media_type: None,
            expires_at: None,
            extensions: BTreeMap::new(),
        }
    }
}

/// `html` (Deep Linking 2.0 §3.4): an HTML fragment. Tool-supplied markup: sanitize or sandbox it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Html {
    /// `html` (required).
    pub html: String,
    /// `title`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// `text`: plain-text description.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
    /// Members not defined by the spec, kept verbatim.
    #[serde(flatten)]
    pub extensions: BTreeMap<String, Value>,
}

impl Html {
    /// An HTML fragment.
    pub fn new(html: impl Into<String>) -> Self {
        Self {
            html: html.into(),
            title: None,
            text: None,
            extensions: BTreeMap::new(),
        }
    }
}

/// `image` (Deep Linking 2.0 §3.5): an image shown inline.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Image {
    /// `url` (required).
    pub url: Url,
    /// `title`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// `text`: plain-text description (alternative text).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
    /// `icon`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub icon: Option<ImageRef>,
    /// `thumbnail`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub thumbnail: Option<ImageRef>,
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

impl Image {
    /// An image at `url`.
    pub fn new(url: Url) -> Self {
        Self {
            url,
            title: None,
            text: None,
            icon: None,
            thumbnail: None,
            width: None,
            height: None,
            extensions: BTreeMap::new(),
        }
    }
}
