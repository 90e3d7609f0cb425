//! One start tag: its name and attributes, namespaces resolved, limits applied.

use std::borrow::Cow;
use std::collections::BTreeSet;

use learnwire_report::quote;
use quick_xml::XmlVersion;
use quick_xml::events::BytesStart;
use quick_xml::events::attributes::{AttrError, Attribute};
use quick_xml::name::{NamespaceResolver, QName, ResolveResult};

use super::{
    Attr, DomError, Element, NO_PARENT, Namespace, fail, is_xml_char, reborrow, wellformed, within,
};
use crate::xml::{Limits, Problem};

/// Attribute names compared linearly before a set takes over.
const LINEAR_KEYS: usize = 16;

/// Reads one start tag into an [`Element`]: its name, namespace resolved, and every attribute (each
/// appended to `attrs`; `keys` is a buffer reused across elements for the uniqueness check).
pub(super) fn element<'a, N: Namespace>(
    resolver: &NamespaceResolver,
    input: &'a str,
    start: &BytesStart<'_>,
    offset: usize,
    limits: &Limits,
    attrs: &mut Vec<Attr<'a, N>>,
    keys: &mut Vec<&'a str>,
) -> Result<Element<'a, N>, DomError> {
    let (ns, local, qname, uri) = element_name(resolver, input, start, offset)?;
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
                Problem::LimitAttributes,
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
                    Problem::DuplicateAttribute,
                    "an attribute appears twice on one element",
                    offset,
                );
            }
            Err(error) => {
                return fail(
                    Problem::Malformed,
                    format!("bad attribute: {error}"),
                    offset,
                );
            }
        };
        // The name as a slice of `input`, found once for the uniqueness check and the local name.
        let key = if own_checks {
            within(input, attr.key.into_inner())
        } else {
            None
        };
        if own_checks && !names.insert(key.unwrap_or("")) {
            return fail(
                Problem::DuplicateAttribute,
                "an attribute appears twice on one element",
                offset,
            );
        }
        if let Some(read) = attribute(resolver, input, attr, key, offset, limits)? {
            attrs.push(read);
        }
    }
    Ok(Element {
        ns,
        local,
        qname,
        uri,
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

/// An element's namespace, local name, qualified name and (when the namespace keeps it) its URI.
type ElementName<'a, N> = (N, &'a str, &'a str, Option<Box<str>>);

/// The element's namespace, local name, qualified name (an XML name, its prefix bound) and URI (when
/// [`Namespace::keeps_uri`]).
fn element_name<'a, N: Namespace>(
    resolver: &NamespaceResolver,
    input: &'a str,
    start: &BytesStart<'_>,
    offset: usize,
) -> Result<ElementName<'a, N>, DomError> {
    let qname_raw = start.name().into_inner();
    let qname = within(input, qname_raw).unwrap_or("");
    let colon = match wellformed::check_name(qname_raw, "element") {
        Ok(colon) => colon,
        Err(message) => return fail(Problem::Malformed, message, offset),
    };
    // Without a prefix, the name is its own local name in the default namespace (what
    // `resolve_element` finds after looking for the ':' this scan already looked for).
    let (resolved, local) = match colon {
        // The name is already a slice of `input`: no second search for it.
        None => (resolver.resolve_prefix(None, true), qname),
        Some(_) => {
            let (resolved, local) = resolver.resolve_element(QName(qname_raw));
            (resolved, within(input, local.into_inner()).unwrap_or(""))
        }
    };
    let (ns, uri) = resolve(resolved, offset)?;
    Ok((ns, local, qname, uri))
}

/// The attribute names of one start tag seen so far: a short list compared linearly, a set past
/// [`LINEAR_KEYS`].
struct UniqueNames<'k, 'a> {
    keys: &'k mut Vec<&'a str>,
    set: Option<BTreeSet<&'a str>>,
}

impl<'k, 'a> UniqueNames<'k, 'a> {
    #[inline]
    fn new(keys: &'k mut Vec<&'a str>) -> Self {
        keys.clear();
        Self { keys, set: None }
    }

    /// Adds `name`; false when it was already there.
    #[inline]
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
/// bound, its value well-formed and normalized); `None` for a namespace declaration. `key` is the
/// attribute's name as a slice of `input` when the caller already found it.
fn attribute<'a, N: Namespace>(
    resolver: &NamespaceResolver,
    input: &'a str,
    attr: Attribute<'_>,
    key_in_input: Option<&'a str>,
    offset: usize,
    limits: &Limits,
) -> Result<Option<Attr<'a, N>>, DomError> {
    let key = attr.key.into_inner();
    let colon = match wellformed::check_name(key, "attribute") {
        Ok(colon) => colon,
        Err(message) => return fail(Problem::Malformed, message, offset),
    };
    // The value as a slice of `input` (None when quick-xml handed a copy), found once.
    let raw_value = within(input, &attr.value);
    if !separated(input, raw_value) {
        return fail(
            Problem::Malformed,
            format!(
                "no white space after the value of attribute {} (XML 1.0 §3.1)",
                quote(key)
            ),
            offset,
        );
    }
    if attr.value.len() > limits.max_attribute_bytes() {
        return fail(
            Problem::LimitAttributeLength,
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
    // An attribute without a prefix is in no namespace (XML Namespaces §6.2), as `resolve_attribute`
    // finds after looking for the ':' that `check_name` already looked for.
    let (resolved, local) = match colon {
        None => (
            ResolveResult::Unbound,
            match key_in_input {
                Some(key) => key,
                None => within(input, key).unwrap_or(""),
            },
        ),
        Some(_) => {
            let (resolved, local) = resolver.resolve_attribute(attr.key);
            (resolved, within(input, local.into_inner()).unwrap_or(""))
        }
    };
    let (attr_ns, uri) = resolve(resolved, offset)?;
    let value = match (attribute_value(attr, offset)?, raw_value) {
        // Unchanged by normalization: the slice of `input` found above.
        (Cow::Borrowed(value), Some(raw)) if std::ptr::eq(value, raw) => Cow::Borrowed(raw),
        (value, _) => reborrow(input, value),
    };
    Ok(Some(Attr {
        ns: attr_ns,
        local,
        uri,
        value,
    }))
}

/// A resolved name's namespace in the caller's table, and its URI when the table keeps it; an unbound
/// prefix is an error.
#[inline]
fn resolve<N: Namespace>(
    resolved: ResolveResult<'_>,
    offset: usize,
) -> Result<(N, Option<Box<str>>), DomError> {
    match resolved {
        ResolveResult::Bound(namespace) => {
            let uri = namespace.into_inner();
            let ns = N::from_uri(uri);
            // Another namespace's URI is kept where the table asks (vendor extensions name theirs).
            Ok((ns, ns.keeps_uri().then(|| Box::from(uri))))
        }
        ResolveResult::Unbound => Ok((N::NONE, None)),
        ResolveResult::Unknown(prefix) => fail(
            Problem::Namespace,
            format!("prefix {} is not bound to a namespace", quote(&prefix)),
            offset,
        ),
    }
}

/// The attribute's value, normalized (XML 1.0 §3.3.3): no `<` (§3.1 AttValue), references well-formed
/// and to allowed characters.
#[inline]
fn attribute_value<'v>(attr: Attribute<'v>, offset: usize) -> Result<Cow<'v, str>, DomError> {
    let key = attr.key.into_inner();
    // One pass: '<' is never allowed; normalization changes a value only through '&', tab, CR and LF
    // (the same test quick-xml makes before returning the value unchanged), so the call is skipped
    // without them.
    let seen = wellformed::value_bytes(&attr.value);
    if seen & wellformed::VALUE_LT != 0 {
        return fail(
            Problem::Malformed,
            format!(
                "'<' in the value of attribute {} (XML 1.0 §3.1; write &lt;)",
                quote(key)
            ),
            offset,
        );
    }
    let has_ref = seen & wellformed::VALUE_REF != 0;
    let has_break = seen & wellformed::VALUE_BREAK != 0;
    if has_ref && let Err(message) = wellformed::check_attribute_references(&attr.value) {
        return fail(
            Problem::Malformed,
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
                Problem::UnknownEntity,
                format!("attribute {}: {error}", quote(key)),
                offset,
            );
        }
    };
    if has_ref && let Some(bad) = value.chars().find(|c| !is_xml_char(*c)) {
        return fail(
            Problem::InvalidChar,
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
/// `a='1'b='2'`; the byte after the closing quote tells. `value` is the value as a slice of `input`;
/// `None` (a value quick-xml copied) is not judged here.
#[inline]
fn separated(input: &str, value: Option<&str>) -> bool {
    let Some(value) = value else {
        return true;
    };
    let end = (value.as_ptr() as usize).saturating_sub(input.as_ptr() as usize) + value.len();
    // `end` is the closing quote; the byte after it is what matters.
    match input.as_bytes().get(end.saturating_add(1)) {
        Some(byte) => wellformed::is_space(*byte) || matches!(byte, b'/' | b'>'),
        None => true,
    }
}
