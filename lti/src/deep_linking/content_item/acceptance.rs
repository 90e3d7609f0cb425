//! Checking content items against the request's `deep_linking_settings` (Deep Linking 2.0 §4.4.1).

use crate::claims::{ContentItemType, DeepLinkingSettings, DocumentTarget};

use super::ContentItem;

/// Why the platform's settings do not accept a content item (or the set of items).
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum NotAccepted {
    /// The item's type is not in `accept_types`.
    #[error("content item type {item_type} is not in accept_types")]
    Type {
        /// The item's type.
        item_type: ContentItemType,
    },
    /// The item asks only for presentation targets not in `accept_presentation_document_targets`.
    #[error(
        "none of the item's presentation targets {offered:?} is in accept_presentation_document_targets"
    )]
    PresentationTarget {
        /// The targets the item asked for.
        offered: Vec<DocumentTarget>,
    },
    /// A `file` item's `mediaType` does not match `accept_media_types`.
    #[error("media type {media_type:?} is not in accept_media_types")]
    MediaType {
        /// The item's media type.
        media_type: String,
    },
    /// More than one item, and `accept_multiple` is not `true`.
    #[error("{count} content items returned but accept_multiple is not true")]
    Multiple {
        /// How many items were returned.
        count: usize,
    },
}

/// A rejection found by [`unaccepted_items`]: which item (`None` for the set as a whole) and why.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Unaccepted {
    /// Index of the item in `content_items`, or `None` for a rule about the whole set.
    pub index: Option<usize>,
    /// Why it is not accepted.
    pub reason: NotAccepted,
}

impl ContentItem {
    /// Checks one item against `settings`: its type is in `accept_types`; when it asks for
    /// presentation targets (`iframe`, `window`, `embed`), at least one is accepted; a `file` item's
    /// `mediaType`, when given, matches `accept_media_types`.
    ///
    /// Line items in an `ltiResourceLink` are not a rejection when `accept_lineitem` is false: the
    /// platform ignores them (see [`DeepLinkingSettings::accepts_line_item`]).
    ///
    /// # Errors
    /// The first [`NotAccepted`] reason found.
    pub fn accepts(&self, settings: &DeepLinkingSettings) -> Result<(), NotAccepted> {
        let item_type = self.item_type();
        if !settings.accepts_type(&item_type) {
            return Err(NotAccepted::Type { item_type });
        }
        let offered = self.presentation_targets();
        if !offered.is_empty() && !offered.iter().any(|target| settings.accepts_target(target)) {
            return Err(NotAccepted::PresentationTarget { offered });
        }
        if let Self::File(file) = self
            && let Some(media_type) = &file.media_type
            && !settings.accepts_media_type(media_type)
        {
            return Err(NotAccepted::MediaType {
                media_type: media_type.clone(),
            });
        }
        Ok(())
    }
}

/// Checks a whole `content_items` array against `settings`: more than one item needs
/// `accept_multiple: true`, and every item must pass [`ContentItem::accepts`]. Returns every
/// rejection (empty when all is accepted).
///
/// # Example
/// ```
/// use learnwire_lti::claims::{ContentItemType, DeepLinkingSettings, DocumentTarget};
/// use learnwire_lti::deep_linking::content_item::{ContentItem, Html, Link, unaccepted_items};
/// let settings = DeepLinkingSettings::new(
///     "https://platform.example/dl".parse()?,
///     vec![ContentItemType::Link],
///     vec![DocumentTarget::Window],
/// );
/// let items = [ContentItem::from(Link::new("https://example.com/a".parse()?)), Html::new("<p>hi</p>").into()];
/// let problems = unaccepted_items(&items, &settings);
/// assert_eq!(problems.len(), 2); // two items without accept_multiple, and html not accepted
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn unaccepted_items(items: &[ContentItem], settings: &DeepLinkingSettings) -> Vec<Unaccepted> {
    let mut found = Vec::new();
    if items.len() > 1 && !settings.accepts_multiple() {
        found.push(Unaccepted {
            index: None,
            reason: NotAccepted::Multiple { count: items.len() },
        });
    }
    for (index, item) in items.iter().enumerate() {
        if let Err(reason) = item.accepts(settings) {
            found.push(Unaccepted {
                index: Some(index),
                reason,
            });
        }
    }
    found
}
