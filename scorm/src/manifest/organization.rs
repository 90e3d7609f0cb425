//! `organizations` and `organization`.

use serde::Serialize;

use super::{CompletionThreshold, Item, Metadata, Sequencing};

/// The `organizations` element.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
#[non_exhaustive]
pub struct Organizations {
    /// `@default` (whitespace collapsed), if given.
    pub default: Option<String>,
    /// The organizations, in document order.
    pub list: Vec<Organization>,
}

/// One `organization`: a tree of items as a learner sees it.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
#[non_exhaustive]
pub struct Organization {
    /// `@identifier`.
    pub identifier: String,
    /// `@structure`; default `hierarchical`.
    pub structure: String,
    /// `title` (trimmed).
    pub title: String,
    /// Top-level items.
    pub items: Vec<Item>,
    /// `metadata`, if any.
    pub metadata: Option<Box<Metadata>>,
    /// `imsss:sequencing`, if any (SCORM 2004).
    pub sequencing: Option<Box<Sequencing>>,
    /// `adlcp:completionThreshold` (4th Edition allows it on an organization).
    pub completion_threshold: Option<CompletionThreshold>,
    /// `@adlseq:objectivesGlobalToSystem`; default `true`.
    pub objectives_global_to_system: bool,
    /// `@adlcp:sharedDataGlobalToSystem`; default `true`.
    pub shared_data_global_to_system: bool,
}

impl Organization {
    /// Every item of the tree in pre-order (document order).
    pub fn items_preorder(&self) -> Vec<&Item> {
        let mut out = Vec::new();
        let mut stack: Vec<&Item> = self.items.iter().rev().collect();
        while let Some(item) = stack.pop() {
            out.push(item);
            stack.extend(item.items.iter().rev());
        }
        out
    }
}
