//! `deep_linking_settings` claim (Deep Linking 2.0 §4.4.1) and the content item type vocabulary.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::Value;
use url::Url;

use super::DocumentTarget;
use super::vocabulary::open_vocabulary;

/// `https://purl.imsglobal.org/spec/lti-dl/claim/deep_linking_settings`: what the platform accepts back
/// from a Deep Linking request.
///
/// # Example
/// ```
/// use learnwire_lti::claims::{ContentItemType, DeepLinkingSettings, DocumentTarget};
/// let settings: DeepLinkingSettings = serde_json::from_value(serde_json::json!({
///     "deep_link_return_url": "https://platform.example/deep_links",
///     "accept_types": ["link", "ltiResourceLink"],
///     "accept_presentation_document_targets": ["iframe", "window"],
///     "accept_media_types": "image/*,text/html",
///     "data": "csrftoken:c7fbba78"
/// }))?;
/// assert!(settings.accepts_type(&ContentItemType::LtiResourceLink));
/// assert!(settings.accepts_media_type("image/png"));
/// assert!(!settings.accepts_multiple());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct DeepLinkingSettings {
    /// `deep_link_return_url` (required): where the tool posts its Deep Linking response.
    pub deep_link_return_url: Url,
    /// `accept_types` (required): the content item types the platform accepts.
    pub accept_types: Vec<ContentItemType>,
    /// `accept_presentation_document_targets` (required): `iframe`, `window`, `embed`.
    pub accept_presentation_document_targets: Vec<DocumentTarget>,
    /// `accept_media_types`: comma-separated media types (wildcards allowed) accepted for `file` items.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub accept_media_types: Option<String>,
    /// `accept_multiple`: whether more than one item may be returned (absent means no).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub accept_multiple: Option<bool>,
    /// `accept_lineitem`: whether line items in `ltiResourceLink` items are used (false: ignored).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub accept_lineitem: Option<bool>,
    /// `auto_create`: whether the platform creates the items without further user action.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub auto_create: Option<bool>,
    /// `title`: default title for the returned items.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// `text`: default text for the returned items.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
    /// `data`: an opaque value the tool must echo unchanged in its response (Deep Linking 2.0 §4.4.1).
    /// Kept as any JSON value so the echo is exact.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub data: Option<Value>,
    /// Members not defined by the spec, kept verbatim.
    #[serde(flatten)]
    pub extensions: BTreeMap<String, Value>,
}

impl DeepLinkingSettings {
    /// Settings with the three required members.
    pub fn new(
        deep_link_return_url: Url,
        accept_types: Vec<ContentItemType>,
        accept_presentation_document_targets: Vec<DocumentTarget>,
    ) -> Self {
        Self {
            deep_link_return_url,
            accept_types,
            accept_presentation_document_targets,
            accept_media_types: None,
            accept_multiple: None,
            accept_lineitem: None,
            auto_create: None,
            title: None,
            text: None,
            data: None,
            extensions: BTreeMap::new(),
        }
    }

    /// Whether items of `item_type` are accepted.
    pub fn accepts_type(&self, item_type: &ContentItemType) -> bool {
        self.accept_types.contains(item_type)
    }

    /// Whether documents may be presented in `target`.
    pub fn accepts_target(&self, target: &DocumentTarget) -> bool {
        self.accept_presentation_document_targets.contains(target)
    }

    /// Whether more than one content item may be returned (`accept_multiple`, absent means no).
    pub fn accepts_multiple(&self) -> bool {
        self.accept_multiple.unwrap_or(false)
    }

    /// Whether line items inside `ltiResourceLink` items are used (`accept_lineitem`, absent means yes:
    /// the spec only says `false` makes the platform ignore them).
    pub fn accepts_line_item(&self) -> bool {
        self.accept_lineitem.unwrap_or(true)
    }

    /// Whether `media_type` matches `accept_media_types` (case-insensitive, `type/*` and `*/*`
    /// wildcards, parameters ignored). Absent or empty `accept_media_types` accepts every type.
    pub fn accepts_media_type(&self, media_type: &str) -> bool {
        let Some(accepted) = self.accept_media_types.as_deref() else {
            return true;
        };
        let patterns: Vec<&str> = accepted
            .split(',')
            .map(essence)
            .filter(|pattern| !pattern.is_empty())
            .collect();
        if patterns.is_empty() {
            return true;
        }
        let wanted = essence(media_type).to_ascii_lowercase();
        let (wanted_type, _) = wanted.split_once('/').unwrap_or((wanted.as_str(), ""));
        patterns.iter().any(|pattern| {
            let pattern = pattern.to_ascii_lowercase();
            match pattern.split_once('/') {
                Some(("*", "*")) => true,
                Some((main, "*")) => main == wanted_type,
                _ => pattern == wanted,
            }
        })
    }
}

/// The `type/subtype` part of a media type, without parameters and surrounding space.
fn essence(media_type: &str) -> &str {
    media_type.split(';').next().unwrap_or_default().trim()
}

open_vocabulary! {
    /// A Deep Linking content item type (Deep Linking 2.0 §3): the `type` of a content item and the
    /// entries of `accept_types`.
    pub enum ContentItemType {
        /// `link`: a plain URL.
        Link => "link",
        /// `ltiResourceLink`: an LTI launch back into the tool.
        LtiResourceLink => "ltiResourceLink",
        /// `file`: a file the platform downloads.
        File => "file",
        /// `html`: an HTML fragment.
        Html => "html",
        /// `image`: an image.
        Image => "image",
    }
}
