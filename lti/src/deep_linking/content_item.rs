//! Deep Linking 2.0 content items (§3): what a tool returns in the `content_items` claim of an
//! `LtiDeepLinkingResponse`.
//!
//! [`ContentItem`] reads the five spec types into typed structs and keeps any other type as raw JSON
//! (never an error), so a platform can decide what to do with it. Serialization writes back exactly
//! what was read: unknown members of every object are kept in `extensions`, date-times keep their
//! text. Duplicate member names are refused at every depth. Two normalisations apply: URLs are
//! written in their WHATWG-normalised form (`https://example.com` becomes `https://example.com/`) and
//! an integral `scoreMaximum` written as `100.0` comes back as `100`.
//!
//! [`ContentItem::accepts`] and [`unaccepted_items`] check items against the request's
//! [`DeepLinkingSettings`]; [`ContentItem::disallowed_url`] finds URLs that are not `https:` (LTI-47d).

mod acceptance;
mod items;
mod parts;
mod strict;

use serde::de::{DeserializeSeed as _, Error as _};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::{Map, Value};
use url::Url;

use crate::claims::{ContentItemType, DocumentTarget};

pub use acceptance::{NotAccepted, Unaccepted, unaccepted_items};
pub use items::{File, Html, Image, Link, LtiResourceLink};
pub use parts::{
    DateTimeValue, Embed, Iframe, ImageRef, InvalidDateTime, LineItem, TimeWindow, Window,
};

#[cfg(doc)]
use crate::claims::DeepLinkingSettings;

/// One entry of `https://purl.imsglobal.org/spec/lti-dl/claim/content_items` (Deep Linking 2.0 §3).
///
/// # Example
/// ```
/// use learnwire_lti::deep_linking::content_item::{ContentItem, LineItem, LtiResourceLink};
/// let mut link = LtiResourceLink::new();
/// link.url = Some("https://tool.example.com/quiz/7".parse()?);
/// link.title = Some("Quiz 7".into());
/// link.line_item = Some(LineItem::new(100.0));
/// let item = ContentItem::LtiResourceLink(link);
/// let json = serde_json::to_value(&item)?;
/// assert_eq!(json["type"], "ltiResourceLink");
/// assert_eq!(json["lineItem"]["scoreMaximum"], 100);
/// assert_eq!(serde_json::from_value::<ContentItem>(json)?, item);
///
/// let custom: ContentItem = serde_json::from_str(r#"{"type":"x-quiz","id":3}"#)?;
/// assert_eq!(custom.item_type().as_str(), "x-quiz");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
#[allow(clippy::large_enum_variant)] // a handful per response; plain variants keep matching and building simple
pub enum ContentItem {
    /// `link` (§3.1).
    Link(Link),
    /// `ltiResourceLink` (§3.2).
    LtiResourceLink(LtiResourceLink),
    /// `file` (§3.3).
    File(File),
    /// `html` (§3.4).
    Html(Html),
    /// `image` (§3.5).
    Image(Image),
    /// Another type, kept as its JSON object (read with [`ContentItem::item_type`] and
    /// [`ContentItem::as_unrecognized_json`]).
    #[doc(hidden)]
    Unrecognized(UnrecognizedItem),
}

/// A content item of a type this crate does not know, kept as its JSON object (with `type`).
#[doc(hidden)]
#[derive(Clone, Debug, PartialEq)]
pub struct UnrecognizedItem(Map<String, Value>);

impl ContentItem {
    /// The item's `type`.
    pub fn item_type(&self) -> ContentItemType {
        match self {
            Self::Link(_) => ContentItemType::Link,
            Self::LtiResourceLink(_) => ContentItemType::LtiResourceLink,
            Self::File(_) => ContentItemType::File,
            Self::Html(_) => ContentItemType::Html,
            Self::Image(_) => ContentItemType::Image,
            Self::Unrecognized(item) => ContentItemType::parse(
                item.0
                    .get("type")
                    .and_then(Value::as_str)
                    .unwrap_or_default(),
            ),
        }
    }

    /// The item's `title`, if any.
    pub fn title(&self) -> Option<&str> {
        match self {
            Self::Link(item) => item.title.as_deref(),
            Self::LtiResourceLink(item) => item.title.as_deref(),
            Self::File(item) => item.title.as_deref(),
            Self::Html(item) => item.title.as_deref(),
            Self::Image(item) => item.title.as_deref(),
            Self::Unrecognized(item) => item.0.get("title").and_then(Value::as_str),
        }
    }

    /// The JSON object of an item of unrecognized type.
    pub fn as_unrecognized_json(&self) -> Option<&Map<String, Value>> {
        match self {
            Self::Unrecognized(item) => Some(&item.0),
            _ => None,
        }
    }

    /// The presentation targets the item asks for (`iframe`, `window`, `embed`), in that order.
    pub fn presentation_targets(&self) -> Vec<DocumentTarget> {
        let (iframe, window, embed) = match self {
            Self::Link(item) => (
                item.iframe.is_some(),
                item.window.is_some(),
                item.embed.is_some(),
            ),
            Self::LtiResourceLink(item) => (item.iframe.is_some(), item.window.is_some(), false),
            _ => (false, false, false),
        };
        [
            (iframe, DocumentTarget::Iframe),
            (window, DocumentTarget::Window),
            (embed, DocumentTarget::Embed),
        ]
        .into_iter()
        .filter_map(|(present, target)| present.then_some(target))
        .collect()
    }

    /// Every typed URL of the item: `url`, `icon.url`, `thumbnail.url`, `iframe.src`. Items of
    /// unrecognized type have none (their JSON is not interpreted).
    pub fn urls(&self) -> Vec<&Url> {
        fn images<'a>(
            icon: Option<&'a ImageRef>,
            thumbnail: Option<&'a ImageRef>,
        ) -> impl Iterator<Item = &'a Url> {
            icon.into_iter().chain(thumbnail).map(|image| &image.url)
        }
        let mut urls = Vec::new();
        match self {
            Self::Link(item) => {
                urls.push(&item.url);
                urls.extend(images(item.icon.as_ref(), item.thumbnail.as_ref()));
                urls.extend(item.iframe.as_ref().and_then(|frame| frame.src.as_ref()));
            }
            Self::LtiResourceLink(item) => {
                urls.extend(item.url.as_ref());
                urls.extend(images(item.icon.as_ref(), item.thumbnail.as_ref()));
                urls.extend(item.iframe.as_ref().and_then(|frame| frame.src.as_ref()));
            }
            Self::File(item) => {
                urls.push(&item.url);
                urls.extend(images(item.icon.as_ref(), item.thumbnail.as_ref()));
            }
            Self::Image(item) => {
                urls.push(&item.url);
                urls.extend(images(item.icon.as_ref(), item.thumbnail.as_ref()));
            }
            Self::Html(_) | Self::Unrecognized(_) => {}
        }
        urls
    }

    /// The first URL of the item that is not `https:` (or `http:` when `allow_http`): a
    /// `javascript:`, `data:` or `file:` URL in a content item is an attack on the platform's users.
    ///
    /// Typed items are checked on [`urls`](Self::urls). Items of unrecognized type are checked on every
    /// string member named `url` or `src`, at any depth; a value that is not an absolute URL counts as
    /// disallowed too.
    pub fn disallowed_url(&self, allow_http: bool) -> Option<&str> {
        let allowed = |url: &Url| url.scheme() == "https" || (allow_http && url.scheme() == "http");
        match self {
            Self::Unrecognized(item) => {
                let mut found = None;
                first_bad_url_member(
                    &item.0,
                    &|text| Url::parse(text).is_ok_and(|url| allowed(&url)),
                    &mut found,
                );
                found
            }
            _ => self
                .urls()
                .into_iter()
                .find(|url| !allowed(url))
                .map(Url::as_str),
        }
    }
}

/// Depth-first search of `url`/`src` string members whose value `ok` rejects. Depth is bounded by the
/// JSON parser's recursion limit.
fn first_bad_url_member<'a>(
    object: &'a Map<String, Value>,
    ok: &dyn Fn(&str) -> bool,
    found: &mut Option<&'a str>,
) {
    for (name, value) in object {
        if found.is_some() {
            return;
        }
        match value {
            Value::String(text) if (name == "url" || name == "src") && !ok(text) => {
                *found = Some(text)
            }
            Value::Object(inner) => first_bad_url_member(inner, ok, found),
            Value::Array(values) => {
                for inner in values.iter().filter_map(Value::as_object) {
                    first_bad_url_member(inner, ok, found);
                }
            }
            _ => {}
        }
    }
}

impl From<Link> for ContentItem {
    fn from(item: Link) -> Self {
        Self::Link(item)
    }
}

impl From<LtiResourceLink> for ContentItem {
    fn from(item: LtiResourceLink) -> Self {
        Self::LtiResourceLink(item)
    }
}

impl From<File> for ContentItem {
    fn from(item: File) -> Self {
        Self::File(item)
    }
}

impl From<Html> for ContentItem {
    fn from(item: Html) -> Self {
        Self::Html(item)
    }
}

impl From<Image> for ContentItem {
    fn from(item: Image) -> Self {
        Self::Image(item)
    }
}

impl Serialize for ContentItem {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::Error as _;
        let (item_type, value) = match self {
            Self::Link(item) => ("link", serde_json::to_value(item)),
            Self::LtiResourceLink(item) => ("ltiResourceLink", serde_json::to_value(item)),
            Self::File(item) => ("file", serde_json::to_value(item)),
            Self::Html(item) => ("html", serde_json::to_value(item)),
            Self::Image(item) => ("image", serde_json::to_value(item)),
            Self::Unrecognized(item) => return item.0.serialize(serializer),
        };
        let Value::Object(mut object) = value.map_err(S::Error::custom)? else {
            return Err(S::Error::custom(
                "a content item did not serialize to an object",
            ));
        };
        object.insert("type".to_owned(), Value::String(item_type.to_owned()));
        object.serialize(serializer)
    }
}

impl<'de> Deserialize<'de> for ContentItem {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let Value::Object(mut object) = strict::StrictValue.deserialize(deserializer)? else {
            return Err(D::Error::custom("a content item must be a JSON object"));
        };
        let item_type = match object.get("type") {
            Some(Value::String(text)) => ContentItemType::parse(text.as_str()),
            Some(_) => return Err(D::Error::custom("content item `type` must be a string")),
            None => return Err(D::Error::missing_field("type")),
        };
        if item_type.is_unrecognized() {
            return Ok(Self::Unrecognized(UnrecognizedItem(object)));
        }
        object.remove("type");
        let value = Value::Object(object);
        let typed = match item_type {
            ContentItemType::Link => serde_json::from_value(value).map(Self::Link),
            ContentItemType::LtiResourceLink => {
                serde_json::from_value(value).map(Self::LtiResourceLink)
            }
            ContentItemType::File => serde_json::from_value(value).map(Self::File),
            ContentItemType::Html => serde_json::from_value(value).map(Self::Html),
            ContentItemType::Image => serde_json::from_value(value).map(Self::Image),
            _ => return Err(D::Error::custom("content item type not handled")),
        };
        typed.map_err(|error| {
            D::Error::custom(format_args!("{} content item: {error}", item_type.as_str()))
        })
    }
}
