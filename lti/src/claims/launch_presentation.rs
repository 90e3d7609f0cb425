//! `launch_presentation` claim (LTI Core 1.3 §5.4.4) and the document target vocabulary.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::Value;
use url::Url;

use super::vocabulary::open_vocabulary;

/// `https://purl.imsglobal.org/spec/lti/claim/launch_presentation`: how the platform shows the tool.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct LaunchPresentation {
    /// `document_target`: `iframe`, `window` or `frame`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub document_target: Option<DocumentTarget>,
    /// `height` of the window or frame, in pixels. Fractions are rounded, numeric strings read; other
    /// values are ignored (a cosmetic hint must not fail a launch).
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "super::lenient::optional_pixels"
    )]
    pub height: Option<u32>,
    /// `width` of the window or frame, in pixels. Fractions are rounded, numeric strings read; other
    /// values are ignored (a cosmetic hint must not fail a launch).
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "super::lenient::optional_pixels"
    )]
    pub width: Option<u32>,
    /// `return_url`: where the tool may send the user back, with `lti_msg`/`lti_errormsg`/`lti_log`/
    /// `lti_errorlog` query parameters. An empty string reads as absent.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "super::lenient::optional_url"
    )]
    pub return_url: Option<Url>,
    /// `locale`: BCP 47 language tag of the platform's user interface.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub locale: Option<String>,
    /// Members not defined by the spec, kept verbatim.
    #[serde(flatten)]
    pub extensions: BTreeMap<String, Value>,
}

impl LaunchPresentation {
    /// An empty launch presentation claim.
    pub fn new() -> Self {
        Self::default()
    }
}

open_vocabulary! {
    /// Where a document is shown: `launch_presentation.document_target` (LTI Core 1.3 §5.4.4: `iframe`,
    /// `window`, `frame`) and Deep Linking's `accept_presentation_document_targets` (Deep Linking 2.0
    /// §4.4.1: `iframe`, `window`, `embed`).
    pub enum DocumentTarget {
        /// `iframe`.
        Iframe => "iframe",
        /// `window`.
        Window => "window",
        /// `frame` (launch presentation only).
        Frame => "frame",
        /// `embed` (Deep Linking only).
        Embed => "embed",
    }
}
