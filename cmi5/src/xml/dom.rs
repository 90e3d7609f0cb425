//! A bounded, namespace-aware element tree read with quick-xml's `NsReader`.
//!
//! The tree borrows from the decoded text wherever it can. Reading stops at the first well-formedness
//! error or limit, which is returned as a [`DomError`]: XML 1.0 §1.2 forbids going on after a fatal error.

use std::borrow::Cow;
use std::collections::BTreeMap;

use learnwire_report::quote;
use quick_xml::errors::{Error as XmlError, IllFormedError};
use quick_xml::events::Event;
use quick_xml::events::attributes::AttrError;
use quick_xml::name::NamespaceError;
use quick_xml::reader::NsReader;

use super::ns::Ns;
use crate::Limits;
use crate::codes::{self as rules, Rule};

mod element;
mod scan;
mod siblings;
#[cfg(test)]
mod tests;
mod tree;
mod wellformed;

use scan::scan;
use tree::Tree;

/// No parent (the root).
pub(crate) const NO_PARENT: usize = usize::MAX;

/// One attribute, namespace resolved.
#[derive(Debug)]
pub(crate) struct Attr<'a> {
    pub(crate) ns: Ns,
    /// The namespace URI when `ns` is [`Ns::Other`].
    pub(crate) uri: Option<Box<str>>,
    pub(crate) local: &'a str,
    pub(crate) value: Cow<'a, str>,
}

/// One element, namespace resolved.
#[derive(Debug)]
pub(crate) struct Element<'a> {
    pub(crate) ns: Ns,
    /// The namespace URI when `ns` is [`Ns::Other`].
    pub(crate) uri: Option<Box<str>>,
    pub(crate) local: &'a str,
    pub(crate) qname: &'a str,
    /// This element's attributes are `Dom::attrs[attr_start..attr_end]`.
    pub(crate) attr_start: usize,
    /// End (exclusive) of this element's attributes in `Dom::attrs`.
    pub(crate) attr_end: usize,
    /// Text content directly inside the element (entity and character references resolved).
    pub(crate) text: Cow<'a, str>,
    /// First child element, or [`NO_PARENT`].
    pub(crate) first_child: usize,
    /// Next sibling element, or [`NO_PARENT`].
    pub(crate) next_sibling: usize,
    pub(crate) parent: usize,
    /// Decoded byte offset of the start tag.
    pub(crate) offset: usize,
    /// 1-based index among siblings with the same namespace and local name.
    pub(crate) nth: u32,
}

/// The element tree of a document.
#[derive(Debug)]
pub(crate) struct Dom<'a> {
    pub(crate) elements: Vec<Element<'a>>,
    /// The attributes of every element, element by element.
    pub(crate) attrs: Vec<Attr<'a>>,
}

impl<'a> Dom<'a> {
    /// The attributes of `element`.
    pub(crate) fn attrs_of(&self, element: &Element<'_>) -> &[Attr<'a>] {
        self.attrs
            .get(element.attr_start..element.attr_end)
            .unwrap_or(&[])
    }
}

/// A fatal reading error.
#[derive(Debug)]
pub(crate) struct DomError {
    pub(crate) rule: Rule,
    pub(crate) message: String,
    /// Decoded byte offset.
    pub(crate) offset: usize,
}

fn fail<T>(rule: Rule, message: impl Into<String>, offset: usize) -> Result<T, DomError> {
    Err(DomError {
        rule,
        message: message.into(),
        offset,
    })
}

/// `part` as a slice of `input` when it points into `input` (it does for everything quick-xml borrows).
fn within<'a>(input: &'a str, part: &str) -> Option<&'a str> {
    let start = (part.as_ptr() as usize).checked_sub(input.as_ptr() as usize)?;
    input.get(start..start.checked_add(part.len())?)
}

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
pub(crate) fn is_xml_char(c: char) -> bool {
    matches!(c, '\u{9}' | '\u{A}' | '\u{D}' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
}

struct Open<'a> {
    index: usize,
    last_child: usize,
    /// Where this element's child-name counters start in the shared counter stack.
    counters_from: usize,
    /// This element's child-name counters once it has many distinct child names.
    many: Option<BTreeMap<(Ns, &'a str), u32>>,
    text_bytes: usize,
}

/// Reads `text` into a [`Dom`]: every event of the document, well-formedness and limits checked, until
/// the end or the first fatal error.
pub(crate) fn read<'a>(text: &'a str, limits: &Limits) -> Result<Dom<'a>, DomError> {
    let (illegal, opens) = scan(text);
    if let Some(at) = illegal {
        let shown = text
            .get(at..)
            .and_then(|rest| rest.chars().next())
            .unwrap_or('\0');
        return fail(
            rules::XML_INVALID_CHAR,
            format!("character U+{:04X} is not allowed in XML", u32::from(shown)),
            at,
        );
    }
    let mut reader = NsReader::from_str(text);
    reader.config_mut().enable_all_checks(true);
    // One element per start tag at most: reserve once instead of growing a large vector repeatedly.
    let mut tree = Tree::with_capacity(opens.min(limits.max_elements()));
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
                let is_empty = matches!(event, Event::Empty(_));
                tree.open(&reader, text, start, is_empty, before, limits)?;
            }
            Event::End(_) => tree.close(),
            Event::Text(ref content) => {
                let raw = text.get(before..after()).unwrap_or("");
                check_character_data(raw, before, tree.outside_root())?;
                if !tree.outside_root() {
                    tree.push_text(text, content.xml10_content(), before, limits)?;
                }
            }
            Event::CData(ref content) => {
                if tree.outside_root() {
                    return fail(
                        rules::XML_MALFORMED,
                        "CDATA outside the root element",
                        before,
                    );
                }
                tree.push_text(text, content.xml10_content(), before, limits)?;
            }
            Event::GeneralRef(ref reference) => {
                let piece = resolve_reference(reference, before)?;
                if tree.outside_root() {
                    return fail(
                        rules::XML_MALFORMED,
                        "a reference outside the root element",
                        before,
                    );
                }
                tree.push_text(text, Cow::Owned(piece.to_string()), before, limits)?;
            }
            Event::DocType(_) => {
                return fail(
                    rules::XML_DOCTYPE,
                    "a DOCTYPE declaration is not allowed (no DTD, no entities)",
                    before,
                );
            }
            Event::Decl(_) => check_declaration(text.get(before..after()).unwrap_or(""), before)?,
            Event::PI(_) => {
                if let Err(message) = wellformed::check_processing_instruction(
                    text.get(before..after()).unwrap_or(""),
                ) {
                    return fail(rules::XML_MALFORMED, message, before);
                }
            }
            Event::Comment(_) => {}
            Event::Eof => return tree.finish(text.len()),
        }
    }
}

/// The XML declaration (`raw`, at `at`): only at offset 0, and following its grammar (XML 1.0 §2.8).
fn check_declaration(raw: &str, at: usize) -> Result<(), DomError> {
    if at != 0 {
        return fail(
            rules::XML_MALFORMED,
            "an XML declaration may only open the document, with nothing before it (XML 1.0 §2.8)",
            at,
        );
    }
    if let Err(message) = wellformed::check_declaration(raw) {
        return fail(rules::XML_MALFORMED, message, at);
    }
    Ok(())
}

/// Character data as written (`raw`, at `at`): only `S` outside the root element (XML 1.0 §2.8 `Misc`;
/// U+00A0 and other Unicode spaces are not `S`), and never `]]>` (§2.4).
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
            return fail(rules::XML_MALFORMED, message, at.saturating_add(bad));
        }
        return Ok(());
    }
    // '>' is rare in text: look for it first, then for the whole "]]>".
    if raw.contains('>')
        && let Some(found) = raw.find("]]>")
    {
        return fail(
            rules::XML_MALFORMED,
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
            rules::XML_MALFORMED,
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
                rules::XML_INVALID_CHAR,
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
                rules::XML_INVALID_CHAR,
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
            rules::XML_UNKNOWN_ENTITY,
            format!("unknown entity &{};", quote(other).trim_matches('"')),
            at,
        ),
    }
}

/// `text.trim().is_empty()`, without the Unicode decoding for the usual ASCII whitespace.
fn is_blank(text: &str) -> bool {
    text.bytes()
        .all(|byte| matches!(byte, b' ' | b'\t' | b'\n' | b'\r'))
        || text.chars().all(char::is_whitespace)
}

fn map_error(error: &XmlError, at: usize) -> DomError {
    let (rule, message) = match error {
        XmlError::Namespace(NamespaceError::TooManyBindings(limit)) => (
            rules::LIMIT_ATTRIBUTES,
            format!("more than {limit} namespace declarations"),
        ),
        XmlError::Namespace(error) => (rules::XML_NAMESPACE, format!("{error}")),
        XmlError::InvalidAttr(AttrError::Duplicated(..)) => (
            rules::XML_DUPLICATE_ATTRIBUTE,
            "an attribute appears twice on one element".to_owned(),
        ),
        XmlError::Escape(error) => (rules::XML_UNKNOWN_ENTITY, format!("{error}")),
        XmlError::IllFormed(IllFormedError::MissingEndTag(_)) => (
            rules::XML_UNEXPECTED_EOF,
            "the document ends inside an element".to_owned(),
        ),
        other => (rules::XML_MALFORMED, format!("{other}")),
    };
    // quick-xml messages can quote document text: keep them short and escaped.
    let message = quote(&message).trim_matches('"').to_owned();
    DomError {
        rule,
        message,
        offset: at,
    }
}
