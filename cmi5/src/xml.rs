//! Reading `cmi5.xml` and `tincan.xml`: decoding, a bounded namespace-aware element tree, positions.
//!
//! The reader is learnwire-package's ([`learnwire_package::xml`], shared with learnwire-scorm: the
//! decoding per XML 1.0 Appendix F, the refusal of DOCTYPE, the well-formedness checks quick-xml leaves
//! out, the limits). This module names this crate's namespaces ([`ns`]), maps the reader's
//! family-neutral problems to `cmi5.xml.*` and `cmi5.limit.*` rules, and reports with locations.

pub(crate) mod dom;
pub(crate) mod ns;

use learnwire_package::xml::{self, Decoded, LineIndex, Problem};
use learnwire_report::{Location, Report, Severity};

use crate::codes::{self, Level, Rule};
use crate::{Limits, Profile};
use dom::{Attr, Dom, Element, NO_PARENT};
use ns::Ns;

/// This crate's rule for a problem the shared reader found.
pub(crate) fn rule_of(problem: Problem) -> Rule {
    match problem {
        Problem::Doctype => codes::XML_DOCTYPE,
        Problem::UnknownEntity => codes::XML_UNKNOWN_ENTITY,
        Problem::InvalidChar => codes::XML_INVALID_CHAR,
        Problem::InvalidEncoding => codes::XML_INVALID_ENCODING,
        Problem::UnsupportedEncoding => codes::XML_UNSUPPORTED_ENCODING,
        Problem::EncodingConflict => codes::XML_ENCODING_CONFLICT,
        Problem::EncodingSuspect => codes::XML_ENCODING_SUSPECT,
        Problem::DuplicateAttribute => codes::XML_DUPLICATE_ATTRIBUTE,
        Problem::Namespace => codes::XML_NAMESPACE,
        Problem::NoRoot => codes::XML_NO_ROOT,
        Problem::MultipleRoots => codes::XML_MULTIPLE_ROOTS,
        Problem::UnexpectedEof => codes::XML_UNEXPECTED_EOF,
        Problem::LimitDepth => codes::LIMIT_DEPTH,
        Problem::LimitAttributes => codes::LIMIT_ATTRIBUTES,
        Problem::LimitAttributeLength => codes::LIMIT_ATTRIBUTE_LENGTH,
        Problem::LimitTextLength => codes::LIMIT_TEXT_LENGTH,
        Problem::LimitElements => codes::LIMIT_ELEMENTS,
        // Problem::Malformed, and any kind a later reader adds: not well-formed.
        _ => codes::XML_MALFORMED,
    }
}

/// A document read into a tree, with what is needed to report located issues.
pub(crate) struct Doc<'a> {
    pub(crate) text: &'a str,
    pub(crate) dom: Dom<'a>,
    index: LineIndex,
    file: &'a str,
    profile: Profile,
}

/// The first stage: bytes decoded to text (or the issue that stopped it, already reported).
pub(crate) fn decode_into<'a>(
    bytes: &'a [u8],
    limits: &Limits,
    file: &str,
    report: &mut Report,
    profile: Profile,
) -> Option<Decoded<'a>> {
    let whole = || Location::xml(file, "", learnwire_report::XmlPosition::new(1, 1, 0));
    if bytes.len() > limits.max_input_bytes() {
        push(
            report,
            profile,
            codes::LIMIT_INPUT_SIZE,
            whole(),
            format!(
                "the document has {} bytes, more than the limit of {}",
                bytes.len(),
                limits.max_input_bytes()
            ),
        );
        return None;
    }
    match xml::decode(bytes) {
        Ok((decoded, warning)) => {
            if let Some(warning) = warning {
                push(
                    report,
                    profile,
                    rule_of(warning.problem),
                    whole(),
                    warning.message,
                );
            }
            Some(decoded)
        }
        Err(error) => {
            let at = learnwire_report::XmlPosition::new(1, 1, error.offset);
            push(
                report,
                profile,
                rule_of(error.problem),
                Location::xml(file, "", at),
                error.message,
            );
            None
        }
    }
}

/// The second stage: the element tree of decoded text (or the fatal issue, already reported).
pub(crate) fn read<'a>(
    decoded: &'a Decoded<'_>,
    limits: &Limits,
    file: &'a str,
    report: &mut Report,
    profile: Profile,
) -> Option<Doc<'a>> {
    let index = LineIndex::new(&decoded.text, decoded.bom_len, decoded.unit);
    match dom::read(&decoded.text, limits) {
        Ok(dom) => Some(Doc {
            text: &decoded.text,
            dom,
            index,
            file,
            profile,
        }),
        Err(error) => {
            let at = index.position(&decoded.text, error.offset);
            push(
                report,
                profile,
                rule_of(error.problem),
                Location::xml(file, "", at),
                error.message,
            );
            None
        }
    }
}

/// Reports `rule` with the severity its level and the profile give.
pub(crate) fn push(
    report: &mut Report,
    profile: Profile,
    rule: Rule,
    location: Location,
    message: impl Into<String>,
) {
    let severity = severity(rule, profile);
    let message = message.into();
    match severity {
        Severity::Error => report.error(rule.code, location, message),
        _ => report.warning(rule.code, location, message),
    }
}

/// The severity of `rule` under `profile`.
pub(crate) fn severity(rule: Rule, profile: Profile) -> Severity {
    match (rule.level, profile) {
        (Level::Error, _) | (Level::StrictError, Profile::Strict) => Severity::Error,
        _ => Severity::Warning,
    }
}

impl<'a> Doc<'a> {
    /// The element at `el` (`None` out of range, which never happens for indexes from the tree).
    pub(crate) fn el(&self, el: usize) -> Option<&Element<'a>> {
        self.dom.elements.get(el)
    }

    /// The root element's index, when there is one.
    pub(crate) fn root(&self) -> Option<usize> {
        (!self.dom.elements.is_empty()).then_some(0)
    }

    /// The child elements of `el`, in document order.
    pub(crate) fn children(&self, el: usize) -> Children<'_, 'a> {
        Children {
            doc: self,
            next: self.el(el).map_or(NO_PARENT, |element| element.first_child),
        }
    }

    /// The attributes of `el`.
    pub(crate) fn attrs(&self, el: usize) -> &[Attr<'a>] {
        self.el(el)
            .map_or(&[][..], |element| self.dom.attrs_of(element))
    }

    /// The value of the no-namespace attribute `name` on `el`.
    pub(crate) fn attr(&self, el: usize, name: &str) -> Option<&str> {
        self.attrs(el)
            .iter()
            .find(|attr| attr.ns == Ns::None && attr.local == name)
            .map(|attr| &*attr.value)
    }

    /// The text directly inside `el`.
    pub(crate) fn text_of(&self, el: usize) -> &str {
        self.el(el).map_or("", |element| &element.text)
    }

    /// The element path of `el`: `/courseStructure/block[1]/au[2]`.
    pub(crate) fn path(&self, el: usize) -> String {
        let mut chain = Vec::new();
        let mut current = el;
        while current != NO_PARENT && chain.len() <= self.dom.elements.len() {
            let Some(element) = self.el(current) else {
                break;
            };
            chain.push(element);
            current = element.parent;
        }
        let mut path = String::new();
        for (depth, element) in chain.iter().rev().enumerate() {
            path.push('/');
            path.push_str(element.qname);
            let repeatable = matches!(
                element.local,
                "au" | "block" | "objective" | "langstring" | "activity"
            );
            if depth > 0 && (repeatable || element.nth > 1) {
                path.push_str(&format!("[{}]", element.nth));
            }
        }
        path
    }

    /// Where `el` is.
    pub(crate) fn at(&self, el: usize) -> Location {
        let offset = self.el(el).map_or(0, |element| element.offset);
        Location::xml(
            self.file,
            self.path(el),
            self.index.position(self.text, offset),
        )
    }

    /// Reports `rule` at `el`.
    pub(crate) fn emit(
        &self,
        report: &mut Report,
        rule: Rule,
        el: usize,
        message: impl Into<String>,
    ) {
        if report.is_full() {
            // Past the report's limit a problem costs only a count, not a location.
            report.count_dropped(1, severity(rule, self.profile));
            return;
        }
        push(report, self.profile, rule, self.at(el), message);
    }
}

/// The children of an element ([`Doc::children`]).
pub(crate) struct Children<'d, 'a> {
    doc: &'d Doc<'a>,
    next: usize,
}

impl<'d, 'a> Iterator for Children<'d, 'a> {
    type Item = (usize, &'d Element<'a>);

    fn next(&mut self) -> Option<Self::Item> {
        let index = self.next;
        let element = self.doc.el(index)?;
        self.next = element.next_sibling;
        Some((index, element))
    }
}
