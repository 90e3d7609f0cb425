//! The typed course structure of a `cmi5.xml` (cmi5 §13): a [`Course`] with its [`Objective`]s and a
//! tree of [`Block`]s and [`Au`]s ([`CourseNode`]). Every value is trimmed (C5S-16); ids are kept as
//! written otherwise (never percent-decoded).

use crate::{LaunchMethod, MasteryScore, MoveOn};

/// One `langstring`: its text and optional `lang` (an `xs:language` tag).
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct LangString {
    /// The `lang` attribute, trimmed; `None` when absent.
    pub lang: Option<String>,
    /// The text, trimmed (may be empty: Rise writes empty descriptions).
    pub text: String,
}

impl LangString {
    /// A langstring.
    #[must_use]
    pub fn new(lang: Option<String>, text: impl Into<String>) -> Self {
        Self {
            lang,
            text: text.into(),
        }
    }
}

/// A `title` or `description`: its langstrings in document order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LanguageMap {
    strings: Vec<LangString>,
}

impl LanguageMap {
    /// A map of these langstrings.
    #[must_use]
    pub fn new(strings: Vec<LangString>) -> Self {
        Self { strings }
    }

    /// The langstrings in document order.
    pub fn iter(&self) -> impl Iterator<Item = &LangString> {
        self.strings.iter()
    }

    /// The text for `lang` (compared ignoring ASCII case, as language tags are).
    #[must_use]
    pub fn get(&self, lang: &str) -> Option<&str> {
        self.strings
            .iter()
            .find(|string| {
                string
                    .lang
                    .as_deref()
                    .is_some_and(|tag| tag.eq_ignore_ascii_case(lang))
            })
            .map(|string| string.text.as_str())
    }

    /// The first langstring's text, or `""` when there is none: a display name when no language is
    /// preferred.
    #[must_use]
    pub fn first_text(&self) -> &str {
        self.strings
            .first()
            .map_or("", |string| string.text.as_str())
    }

    /// True when there is no langstring.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.strings.is_empty()
    }

    /// How many langstrings there are.
    #[must_use]
    pub fn len(&self) -> usize {
        self.strings.len()
    }
}

/// A vendor extension (cmi5 §13.1.5): an element or attribute from another namespace, kept as read.
/// Only the element's own text is kept (not its children).
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Extension {
    /// The namespace URI.
    pub namespace: Option<String>,
    /// The name: an element's as written (`ext:rating`), an attribute's local name (`rating`).
    pub name: String,
    /// The element's text or the attribute's value, trimmed.
    pub value: String,
    /// True for an attribute, false for an element.
    pub is_attribute: bool,
}

/// A course-level objective (cmi5 §13.1.3).
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Objective {
    /// The objective's IRI.
    pub id: String,
    /// Its title.
    pub title: LanguageMap,
    /// Its description.
    pub description: LanguageMap,
}

/// An assignable unit (cmi5 §13.1.4).
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Au {
    /// The publisher id (an absolute IRI).
    pub id: String,
    /// Its title.
    pub title: LanguageMap,
    /// Its description.
    pub description: LanguageMap,
    /// The ids of the course objectives it references (`objectives/objective/@idref`).
    pub objectives: Vec<String>,
    /// The `url`, trimmed, as written (relative to the package root, or absolute).
    pub url: String,
    /// `launchMethod` (default `AnyWindow`).
    pub launch_method: LaunchMethod,
    /// `moveOn` (default `NotApplicable`).
    pub move_on: MoveOn,
    /// `masteryScore`, when declared.
    pub mastery_score: Option<MasteryScore>,
    /// `activityType`, when declared.
    pub activity_type: Option<String>,
    /// `launchParameters` (opaque), when declared.
    pub launch_parameters: Option<String>,
    /// `entitlementKey` (opaque), when declared.
    pub entitlement_key: Option<String>,
    /// Vendor extensions on the AU.
    pub extensions: Vec<Extension>,
}

/// A block: a group of AUs and blocks (cmi5 §13.1.2).
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Block {
    /// The publisher id (an absolute IRI).
    pub id: String,
    /// Its title.
    pub title: LanguageMap,
    /// Its description.
    pub description: LanguageMap,
    /// The ids of the course objectives it references.
    pub objectives: Vec<String>,
    /// Its AUs and blocks in document order.
    pub children: Vec<CourseNode>,
    /// Vendor extensions on the block.
    pub extensions: Vec<Extension>,
}

/// One member of a course or block: an AU or a nested block.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum CourseNode {
    /// An assignable unit.
    Au(Au),
    /// A block.
    Block(Block),
}

impl CourseNode {
    /// The node's publisher id.
    #[must_use]
    pub fn id(&self) -> &str {
        match self {
            CourseNode::Au(au) => &au.id,
            CourseNode::Block(block) => &block.id,
        }
    }
}

/// A cmi5 course structure (cmi5 §13.1.1): the course, its objectives and its AUs and blocks.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Course {
    /// The course's publisher id (an absolute IRI).
    pub id: String,
    /// Its title.
    pub title: LanguageMap,
    /// Its description.
    pub description: LanguageMap,
    /// The course-level objectives, which blocks and AUs reference.
    pub objectives: Vec<Objective>,
    /// The top-level AUs and blocks in document order.
    pub children: Vec<CourseNode>,
    /// Vendor extensions on `courseStructure` and `course`.
    pub extensions: Vec<Extension>,
    /// True when the document used a pre-Quartz namespace (`cmi5.structure.legacy-namespace`).
    pub legacy_namespace: bool,
}

impl Course {
    /// Every AU in document order (pre-order through the blocks), without recursion.
    pub fn aus(&self) -> impl Iterator<Item = &Au> {
        self.nodes().filter_map(|node| match node {
            CourseNode::Au(au) => Some(au),
            CourseNode::Block(_) => None,
        })
    }

    /// Every block in document order (pre-order), without recursion.
    pub fn blocks(&self) -> impl Iterator<Item = &Block> {
        self.nodes().filter_map(|node| match node {
            CourseNode::Block(block) => Some(block),
            CourseNode::Au(_) => None,
        })
    }

    /// Every AU and block in document order (pre-order), without recursion.
    pub fn nodes(&self) -> Nodes<'_> {
        Nodes {
            stack: vec![self.children.iter()],
        }
    }

    /// The AU with this publisher id.
    #[must_use]
    pub fn au(&self, id: &str) -> Option<&Au> {
        self.aus().find(|au| au.id == id)
    }

    /// The block with this publisher id.
    #[must_use]
    pub fn block(&self, id: &str) -> Option<&Block> {
        self.blocks().find(|block| block.id == id)
    }

    /// The course objective with this id.
    #[must_use]
    pub fn objective(&self, id: &str) -> Option<&Objective> {
        self.objectives.iter().find(|objective| objective.id == id)
    }
}

/// The AUs and blocks of a [`Course`] in pre-order ([`Course::nodes`]).
#[derive(Debug)]
pub struct Nodes<'c> {
    stack: Vec<std::slice::Iter<'c, CourseNode>>,
}

impl<'c> Iterator for Nodes<'c> {
    type Item = &'c CourseNode;

    fn next(&mut self) -> Option<&'c CourseNode> {
        loop {
            let top = self.stack.last_mut()?;
            match top.next() {
                Some(node) => {
                    if let CourseNode::Block(block) = node {
                        self.stack.push(block.children.iter());
                    }
                    return Some(node);
                }
                None => {
                    self.stack.pop();
                }
            }
        }
    }
}
