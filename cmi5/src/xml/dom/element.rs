//! One start tag: its name and attributes, namespaces resolved, limits applied.

use std::borrow::Cow;
use std::collections::BTreeSet;

use learnwire_report::quote;
use quick_xml::XmlVersion;
use quick_xml::events::BytesStart;
use quick_xml::events::attributes::{AttrError, Attribute};
use quick_xml::name::ResolveResult;
use quick_xml::reader::NsReader;

use super::{Attr, DomError, Element, NO_PARENT, fail, is_xml_char, reborrow, wellformed, within};
use crate::Limits;
use crate::codes as rules;
use crate::xml::ns::Ns;

/// Attribute names compared linearly before a set takes over.
const LINEAR_KEYS: usize = 16;

/// Reads one start tag into an [`Element`]: its name, namespace resolved, and every attribute (each
/// appended to `attrs`; `keys` is a buffer reused across elements for the uniqueness check).
pub(super) fn element<'a>(
    reader: &NsReader<&'a [u8]>,
    input: &'a str,
    start: &BytesStart<'_>,
    offset: usize,
    limits: &Limits,
    attrs: &mut Vec<Attr<'a>>,
    keys: &mut Vec<&'a str>,
) -> Result<Element<'a>, DomError> {
    let (ns, local, qname, uri) = element_name(reader, input, start, offset)?;
    let attr_start = attrs.len();
    // XML 1.0 §3.1 (unique attribute names, compared as written, as quick-xml does): checked here
    // against a buffer reused across elements rather than one quick-xml allocates per tag. The raw
    // names must point into `input` for that; otherwise quick-xml checks.
    let own_checks = within(input, start.attributes_raw()).is_some();
    let mut attributes = start.attributes();
    attributes.with_checks(!own_checks);
    let mut names = UniqueNames::new(keys);
    for (count, attr) in attributes.enumerate() {
        if count >= limits.max_attributes() {
            return fail(
                rules::LIMIT_ATTRIBUTES,
                format!(
                    "more than {} attributes on one element",
                    limits.max_attributes()
                ),
                offset,
            );
        }
        let attr = match attr {
            Ok(attr) => attr,
            Err(AttrError::Duplicated(..)) => {
                return fail(
                    rules::XML_DUPLICATE_ATTRIBUTE,
                    "an attribute appears twice on one element",
                    offset,
                );
            }
            Err(error) => {
                return fail(
                    rules::XML_MALFORMED,
                    format!("bad attribute: {error}"),
                    offset,
                );
            }
        };
        if own_checks && !names.insert(within(input, attr.key.into_inner()).unwrap_or("")) {
            return fail(
                rules::XML_DUPLICATE_ATTRIBUTE,
                "an attribute appears twice on one element",
                offset,
            );
        }
        if let Some(read) = attribute(reader, input, attr, offset, limits)? {
            attrs.push(read);
        }
    }
    Ok(Element {
        ns,
        uri,
        local,
        qname,
        attr_start,
        attr_end: attrs.len(),
        text: Cow::Borrowed(""),
        first_child: NO_PARENT,
        next_sibling: NO_PARENT,
        parent: NO_PARENT,
        offset,
        nth: 1,
    })
}

/// An element's namespace, local name, qualified name and (for another namespace) its URI.
type ElementName<'a> = (Ns, &'a str, &'a str, Option<Box<str>>);

/// The element's namespace, local name and qualified name (an XML name, its prefix bound).
fn element_name<'a>(
    reader: &NsReader<&'a [u8]>,
    input: &'a str,
    start: &BytesStart<'_>,
    offset: usize,
) -> Result<ElementName<'a>, DomError> {
    let qname_raw = start.name().into_inner();
    let qname = within(input, qname_raw).unwrap_or("");
    if let Err(message) = wellformed::check_name(qname_raw, "element") {
        return fail(rules::XML_MALFORMED, message, offset);
    }
    let (resolved, local) = reader.resolver().resolve_element(start.name());
    let local = within(input, local.into_inner()).unwrap_or("");
    let (ns, uri) = match resolved {
        ResolveResult::Bound(namespace) => {
            let ns = Ns::from_uri(namespace.into_inner());
            // Another namespace's URI is kept (vendor extensions name theirs).
            let uri = (ns == Ns::Other).then(|| Box::from(namespace.into_inner()));
            (ns, uri)
        }
        ResolveResult::Unbound => (Ns::None, None),
        ResolveResult::Unknown(prefix) => {
            return fail(
                rules::XML_NAMESPACE,
                format!("prefix {} is not bound to a namespace", quote(&prefix)),
                offset,
            );
        }
    };
    Ok((ns, local, qname, uri))
}

/// The attribute names of one start tag seen so far: a short list compared linearly, a set past
/// [`LINEAR_KEYS`].
struct UniqueNames<'k, 'a> {
    keys: &'k mut Vec<&'a str>,
    set: Option<BTreeSet<&'a str>>,
}

impl<'k, 'a> UniqueNames<'k, 'a> {
    fn new(keys: &'k mut Vec<&'a str>) -> Self {
        keys.clear();
        Self { keys, set: None }
    }

    /// Adds `name`; false when it was already there.
    fn insert(&mut self, name: &'a str) -> bool {
        if let Some(set) = &mut self.set {
            return set.insert(name);
        }
        let duplicate = self.keys.contains(&name);
        self.keys.push(name);
        if self.keys.len() > LINEAR_KEYS {
            self.set = Some(self.keys.iter().copied().collect());
        }
        !duplicate
    }
}

/// One attribute, checked (an XML name, followed by white space, within the length limit, its prefix
/// bound, its value well-formed and normalized); `None` for a namespace declaration.
fn attribute<'a>(
    reader: &NsReader<&'a [u8]>,
    input: &'a str,
    attr: Attribute<'_>,
    offset: usize,
    limits: &Limits,
) -> Result<Option<Attr<'a>>, DomError> {
    let key = attr.key.into_inner();
    if let Err(message) = wellformed::check_name(key, "attribute") {
        return fail(rules::XML_MALFORMED, message, offset);
    }
    if !separated(input, &attr.value) {
        return fail(
            rules::XML_MALFORMED,
            format!(
                "no white space after the value of attribute {} (XML 1.0 §3.1)",
                quote(key)
            ),
            offset,
        );
    }
    if attr.value.len() > limits.max_attribute_bytes() {
        return fail(
            rules::LIMIT_ATTRIBUTE_LENGTH,
            format!(
                "an attribute value longer than {} bytes",
                limits.max_attribute_bytes()
            ),
            offset,
        );
    }
    if key == "xmlns" || key.starts_with("xmlns:") {
        return Ok(None);
    }
    let (resolved, attr_local) = reader.resolver().resolve_attribute(attr.key);
    let (attr_ns, uri) = match resolved {
        ResolveResult::Bound(namespace) => {
            let ns = Ns::from_uri(namespace.into_inner());
            let uri = (ns == Ns::Other).then(|| Box::from(namespace.into_inner()));
            (ns, uri)
        }
        ResolveResult::Unbound => (Ns::None, None),
        ResolveResult::Unknown(prefix) => {
            return fail(
                rules::XML_NAMESPACE,
                format!("prefix {} is not bound to a namespace", quote(&prefix)),
                offset,
            );
        }
    };
    let local = within(input, attr_local.into_inner()).unwrap_or("");
    let value = attribute_value(attr, offset)?;
    Ok(Some(Attr {
        ns: attr_ns,
        uri,
        local,
        value: reborrow(input, value),
    }))
}

/// The attribute's value, normalized (XML 1.0 §3.3.3): no `<` (§3.1 AttValue), references well-formed
/// and to allowed characters.
fn attribute_value<'v>(attr: Attribute<'v>, offset: usize) -> Result<Cow<'v, str>, DomError> {
    let key = attr.key.into_inner();
    // One pass: '<' is never allowed; normalization changes a value only through '&', tab, CR and LF
    // (the same test quick-xml makes before returning the value unchanged), so the call is skipped
    // without them.
    let (mut has_ref, mut has_break) = (false, false);
    for byte in attr.value.bytes() {
        match byte {
            b'&' => has_ref = true,
            b'\t' | b'\r' | b'\n' => has_break = true,
            b'<' => {
                return fail(
                    rules::XML_MALFORMED,
                    format!(
                        "'<' in the value of attribute {} (XML 1.0 §3.1; write &lt;)",
                        quote(key)
                    ),
                    offset,
                );
            }
            _ => {}
        }
    }
    if has_ref && let Err(message) = wellformed::check_attribute_references(&attr.value) {
        return fail(
            rules::XML_MALFORMED,
            format!("attribute {}: {message}", quote(key)),
            offset,
        );
    }
    if !has_ref && !has_break {
        return Ok(attr.value);
    }
    let value = match attr.normalized_value(XmlVersion::Implicit1_0) {
        Ok(value) => value,
        Err(error) => {
            return fail(
                rules::XML_UNKNOWN_ENTITY,
                format!("attribute {}: {error}", quote(key)),
                offset,
            );
        }
    };
    if has_ref && let Some(bad) = value.chars().find(|c| !is_xml_char(*c)) {
        return fail(
            rules::XML_INVALID_CHAR,
            format!(
                "character reference to U+{:04X}, which XML does not allow",
                u32::from(bad)
            ),
            offset,
        );
    }
    Ok(value)
}

/// XML 1.0 §3.1: an attribute is followed by white space, `/` or the end of the tag. quick-xml accepts
/// `a='1'b='2'`; the byte after the closing quote tells. Values not borrowed from `input` are not
/// judged here.
fn separated(input: &str, value: &str) -> bool {
    let Some(value) = within(input, value) else {
        return true;
    };
    let end = (value.as_ptr() as usize).saturating_sub(input.as_ptr() as usize) + value.len();
    // `end` is the closing quote; the byte after it is what matters.
    match input.as_bytes().get(end.saturating_add(1)) {
        Some(byte) => wellformed::is_space(*byte) || matches!(byte, b'/' | b'>'),
        None => true,
    }
}
