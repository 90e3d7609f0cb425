//! A bounded, namespace-aware element tree read with quick-xml's `Reader` and its `NamespaceResolver`.
//!
//! Generic over the caller's namespace table ([`Namespace`]): the functions that run per element are
//! generic, so they are compiled into the calling crate and inlined there as if they were its own.
//!
//! The tree borrows from the decoded text wherever it can. Reading stops at the first well-formedness
//! error or limit, which is returned as a [`DomError`]: XML 1.0 §1.2 forbids going on after a fatal error.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::fmt;

use learnwire_report::quote;
use quick_xml::errors::{Error as XmlError, IllFormedError};
use quick_xml::events::Event;
use quick_xml::events::attributes::AttrError;
use quick_xml::name::NamespaceError;
use quick_xml::reader::Reader;

use super::{Limits, Problem};

mod element;
mod scan;
mod scopes;
mod siblings;
#[cfg(test)]
mod tests;
mod tree;
mod wellformed;

use scan::scan;
use scopes::Scopes;
use tree::Tree;

/// No parent (the root), no child, no next sibling: the "none" of the tree's indexes.
pub const NO_PARENT: usize = usize::MAX;

/// A caller's table of namespaces, recognised by URI (never by prefix): usually a small `Copy` enum
/// with a value for no namespace, one per namespace the caller knows and one for all others.
///
/// `Ord` orders the sibling counters ([`Element::nth`]); any derived order will do.
pub trait Namespace: Copy + Eq + Ord + fmt::Debug {
    /// The value of an element or attribute in no namespace.
    const NONE: Self;

    /// Classifies a namespace URI (as declared, not trimmed).
    fn from_uri(uri: &str) -> Self;

    /// Whether an element or attribute in namespace `self` keeps its URI in [`Element::uri`] and
    /// [`Attr::uri`] (for example a catch-all for other namespaces, whose URI a report names).
    /// Default: never.
    #[inline]
    fn keeps_uri(self) -> bool {
        false
    }
}

/// One attribute, namespace resolved (namespace declarations are not attributes here).
#[derive(Debug)]
#[non_exhaustive]
pub struct Attr<'a, N> {
    /// Its namespace ([`Namespace::NONE`] without a prefix: XML Namespaces §6.2).
    pub ns: N,
    /// Its local name.
    pub local: &'a str,
    /// Its namespace URI when [`Namespace::keeps_uri`] says so.
    pub uri: Option<Box<str>>,
    /// Its value, normalized (XML 1.0 §3.3.3), references resolved.
    pub value: Cow<'a, str>,
}

/// One element, namespace resolved.
#[derive(Debug)]
#[non_exhaustive]
pub struct Element<'a, N> {
    /// Its namespace.
    pub ns: N,
    /// Its local name.
    pub local: &'a str,
    /// Its name as written (prefix included).
    pub qname: &'a str,
    /// Its namespace URI when [`Namespace::keeps_uri`] says so.
    pub uri: Option<Box<str>>,
    /// This element's attributes are `Dom::attrs[attr_start..attr_end]` ([`Dom::attrs_of`]).
    pub attr_start: usize,
    /// End (exclusive) of this element's attributes in `Dom::attrs`.
    pub attr_end: usize,
    /// Text content directly inside the element (entity and character references resolved; white
    /// space between child elements dropped once the element has other text).
    pub text: Cow<'a, str>,
    /// First child element, or [`NO_PARENT`].
    pub first_child: usize,
    /// Next sibling element, or [`NO_PARENT`].
    pub next_sibling: usize,
    /// The parent element, or [`NO_PARENT`] for the root.
    pub parent: usize,
    /// Decoded byte offset of the start tag.
    pub offset: usize,
    /// 1-based index among siblings with the same namespace and local name.
    pub nth: u32,
}

impl<N> Element<'static, N> {
    /// An element with no name, attributes, text or links, in `ns`: a stand-in where a caller needs
    /// an element for an index outside the tree (usable in a `static`).
    #[must_use]
    pub const fn empty(ns: N) -> Self {
        Self {
            ns,
            local: "",
            qname: "",
            uri: None,
            attr_start: 0,
            attr_end: 0,
            text: Cow::Borrowed(""),
            first_child: NO_PARENT,
            next_sibling: NO_PARENT,
            parent: NO_PARENT,
            offset: 0,
            nth: 1,
        }
    }
}

/// The element tree of a document: elements in document order (the root first), each linked to its
/// parent, first child and next sibling by index.
#[derive(Debug)]
#[non_exhaustive]
pub struct Dom<'a, N> {
    /// Every element, in document order.
    pub elements: Vec<Element<'a, N>>,
    /// The attributes of every element, element by element.
    pub attrs: Vec<Attr<'a, N>>,
}

impl<'a, N> Dom<'a, N> {
    /// The attributes of `element`.
    #[inline]
    #[must_use]
    pub fn attrs_of(&self, element: &Element<'_, N>) -> &[Attr<'a, N>] {
        self.attrs
            .get(element.attr_start..element.attr_end)
            .unwrap_or(&[])
    }
}

/// A fatal reading error: what, a message (document text quoted) and where.
#[derive(Debug)]
#[non_exhaustive]
pub struct DomError {
    /// What went wrong, family-neutral.
    pub problem: Problem,
    /// Why, for a person.
    pub message: String,
    /// Decoded byte offset ([`LineIndex::position`](super::LineIndex::position) turns it into a
    /// line and column).
    pub offset: usize,
}

impl fmt::Display for DomError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "XML {} at decoded byte {}: {}",
            self.problem, self.offset, self.message
        )
    }
}

impl std::error::Error for DomError {}

fn fail<T>(problem: Problem, message: impl Into<String>, offset: usize) -> Result<T, DomError> {
    Err(DomError {
        problem,
        message: message.into(),
        offset,
    })
}

/// `part` as a slice of `input` when it points into `input` (it does for everything quick-xml borrows).
#[inline]
fn within<'a>(input: &'a str, part: &str) -> Option<&'a str> {
    let start = (part.as_ptr() as usize).checked_sub(input.as_ptr() as usize)?;
    input.get(start..start.checked_add(part.len())?)
}

#[inline]
fn reborrow<'a>(input: &'a str, value: Cow<'_, str>) -> Cow<'a, str> {
    match value {
        Cow::Borrowed(part) => match within(input, part) {
            Some(slice) => Cow::Borrowed(slice),
            None => Cow::Owned(part.to_owned()),
        },
        Cow::Owned(owned) => Cow::Owned(owned),
    }
}

/// XML 1.0 §2.2 `Char`.
#[inline]
#[must_use]
pub fn is_xml_char(c: char) -> bool {
    matches!(c, '\u{9}' | '\u{A}' | '\u{D}' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
}

struct Open<'a, N> {
    index: usize,
    last_child: usize,
    /// Where this element's child-name counters start in the shared counter stack.
    counters_from: usize,
    /// This element's child-name counters once it has many distinct child names.
    many: Option<BTreeMap<(N, &'a str), u32>>,
    text_bytes: usize,
}

/// Reads `text` (decoded by [`decode`](super::decode)) into a [`Dom`]: every event of the document,
/// well-formedness and limits checked, until the end or the first fatal error.
///
/// # Errors
///
/// The first fatal error, as a [`DomError`]: not well-formed, a DOCTYPE, an unknown entity, a
/// character XML forbids, a duplicate attribute, an unbound prefix, no or several roots, an early
/// end, or a [`Limits`] value passed.
pub fn parse_dom<'a, N: Namespace>(text: &'a str, limits: &Limits) -> Result<Dom<'a, N>, DomError> {
    let found = scan(text);
    if let Some(at) = found.illegal {
        let shown = text
            .get(at..)
            .and_then(|rest| rest.chars().next())
            .unwrap_or('\0');
        return fail(
            Problem::InvalidChar,
            format!("character U+{:04X} is not allowed in XML", u32::from(shown)),
            at,
        );
    }
    let mut reader = Reader::from_str(text);
    reader.config_mut().enable_all_checks(true);
    let mut scopes = Scopes::default();
    // One element per start tag at most, one attribute per `=` at most: reserved once instead of
    // growing (copying, and holding the old and the new list at once) as a large document is read.
    // Attributes are reserved for at most four an element (past that the list grows), so a text full
    // of `=` reserves no more.
    let elements = found.opens.min(limits.max_elements());
    let mut tree = Tree::with_capacity(elements, found.equals.min(elements.saturating_mul(4)));
    loop {
        let before = usize::try_from(reader.buffer_position()).unwrap_or(usize::MAX);
        let event = match reader.read_event() {
            Ok(event) => event,
            Err(error) => {
                let at = usize::try_from(reader.error_position()).unwrap_or(before);
                return Err(map_error(&error, at));
            }
        };
        let after = || usize::try_from(reader.buffer_position()).unwrap_or(before);
        match event {
            Event::Start(ref start) | Event::Empty(ref start) => {
                if let Err(error) = scopes.enter(start) {
                    // As `NsReader` reports it: an error of the event, at the reader's error position.
                    let at = usize::try_from(reader.error_position()).unwrap_or(before);
                    return Err(map_error(&XmlError::Namespace(error), at));
                }
                let is_empty = matches!(event, Event::Empty(_));
                tree.open(scopes.resolver(), text, start, is_empty, before, limits)?;
                if is_empty {
                    scopes.leave();
                }
            }
            Event::End(_) => {
                scopes.leave();
                tree.close();
            }
            Event::Text(ref content) => {
                let raw = text.get(before..after()).unwrap_or("");
                check_character_data(raw, before, tree.outside_root())?;
                if !tree.outside_root() {
                    tree.push_text(text, content.xml10_content(), before, limits)?;
                }
            }
            Event::CData(ref content) => {
                if tree.outside_root() {
                    return fail(Problem::Malformed, "CDATA outside the root element", before);
                }
                tree.push_text(text, content.xml10_content(), before, limits)?;
            }
            Event::GeneralRef(ref reference) => {
                let piece = resolve_reference(reference, before)?;
                if tree.outside_root() {
                    return fail(
                        Problem::Malformed,
                        "a reference outside the root element",
                        before,
                    );
                }
                tree.push_text(text, Cow::Owned(piece.to_string()), before, limits)?;
            }
            Event::DocType(_) => {
                return fail(
                    Problem::Doctype,
                    "a DOCTYPE declaration is not allowed (no DTD, no entities)",
                    before,
                );
            }
            Event::Decl(_) => check_declaration(text.get(before..after()).unwrap_or(""), before)?,
            Event::PI(_) => {
                if let Err(message) = wellformed::check_processing_instruction(
                    text.get(before..after()).unwrap_or(""),
                ) {
                    return fail(Problem::Malformed, message, before);
                }
            }
            Event::Comment(_) => {}
            Event::Eof => return tree.finish(text.len()),
        }
    }
}

/// The XML declaration (`raw`, at `at`): only at offset 0, and following its grammar (XML 1.0 §2.8).
#[inline]
fn check_declaration(raw: &str, at: usize) -> Result<(), DomError> {
    if at != 0 {
        return fail(
            Problem::Malformed,
            "an XML declaration may only open the document, with nothing before it (XML 1.0 §2.8)",
            at,
        );
    }
    if let Err(message) = wellformed::check_declaration(raw) {
        return fail(Problem::Malformed, message, at);
    }
    Ok(())
}

/// Character data as written (`raw`, at `at`): only `S` outside the root element (XML 1.0 §2.8 `Misc`;
/// U+00A0 and other Unicode spaces are not `S`), and never `]]>` (§2.4).
#[inline]
fn check_character_data(raw: &str, at: usize, outside_root: bool) -> Result<(), DomError> {
    if outside_root {
        if let Some(bad) = wellformed::first_non_space(raw) {
            let shown = raw.get(bad..).and_then(|rest| rest.chars().next());
            let message = match shown {
                Some(c) if c.is_whitespace() => format!(
                    "character U+{:04X} outside the root element: only spaces, tabs and line breaks may surround it (XML 1.0 §2.3, §2.8)",
                    u32::from(c)
                ),
                _ => "text outside the root element".to_owned(),
            };
            return fail(Problem::Malformed, message, at.saturating_add(bad));
        }
        return Ok(());
    }
    // '>' is rare in text: look for it first, then for the whole "]]>".
    if raw.contains('>')
        && let Some(found) = raw.find("]]>")
    {
        return fail(
            Problem::Malformed,
            "\"]]>\" in text (XML 1.0 §2.4; write ]]&gt;)",
            at.saturating_add(found),
        );
    }
    Ok(())
}

fn resolve_reference(
    reference: &quick_xml::events::BytesRef<'_>,
    at: usize,
) -> Result<char, DomError> {
    if !wellformed::is_reference_body(reference) {
        return fail(
            Problem::Malformed,
            format!(
                "an '&' that starts no reference: &{}; (XML 1.0 §4.1; write &amp;)",
                quote(reference).trim_matches('"')
            ),
            at,
        );
    }
    match reference.resolve_char_ref() {
        Ok(Some(c)) if is_xml_char(c) => return Ok(c),
        Ok(Some(c)) => {
            return fail(
                Problem::InvalidChar,
                format!(
                    "character reference to U+{:04X}, which XML does not allow",
                    u32::from(c)
                ),
                at,
            );
        }
        Ok(None) => {}
        Err(_) => {
            return fail(
                Problem::InvalidChar,
                format!("invalid character reference {}", quote(reference)),
                at,
            );
        }
    }
    match &**reference {
        "lt" => Ok('<'),
        "gt" => Ok('>'),
        "amp" => Ok('&'),
        "apos" => Ok('\''),
        "quot" => Ok('"'),
        other => fail(
            Problem::UnknownEntity,
            format!("unknown entity &{};", quote(other).trim_matches('"')),
            at,
        ),
    }
}

/// `text.trim().is_empty()`, without the Unicode decoding for the usual ASCII whitespace.
#[inline]
fn is_blank(text: &str) -> bool {
    text.bytes()
        .all(|byte| matches!(byte, b' ' | b'\t' | b'\n' | b'\r'))
        || text.chars().all(char::is_whitespace)
}

fn map_error(error: &XmlError, at: usize) -> DomError {
    let (problem, message) = match error {
        XmlError::Namespace(NamespaceError::TooManyBindings(limit)) => (
            Problem::LimitAttributes,
            format!("more than {limit} namespace declarations"),
        ),
        XmlError::Namespace(error) => (Problem::Namespace, format!("{error}")),
        XmlError::InvalidAttr(AttrError::Duplicated(..)) => (
            Problem::DuplicateAttribute,
            "an attribute appears twice on one element".to_owned(),
        ),
        XmlError::Escape(error) => (Problem::UnknownEntity, format!("{error}")),
        XmlError::IllFormed(IllFormedError::MissingEndTag(_)) => (
            Problem::UnexpectedEof,
            "the document ends inside an element".to_owned(),
        ),
        other => (Problem::Malformed, format!("{other}")),
    };
    // quick-xml messages can quote document text: keep them short and escaped.
    let message = quote(&message).trim_matches('"').to_owned();
    DomError {
        problem,
        message,
        offset: at,
    }
}
