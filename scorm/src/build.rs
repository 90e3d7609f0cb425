//! From the element tree to the typed model, reporting every problem on the way.

mod manifest;
mod organization;
mod resource;
mod sequencing;
pub(crate) mod values;

use std::borrow::Cow;

use learnwire_report::{Location, Report, Severity};

use crate::parse::dom::{Dom, Element, NO_PARENT};
use crate::parse::ns::Ns;
use crate::parse::position::LineIndex;
use crate::rules::{Level, Rule};
use crate::{Options, Profile, Version};

pub(crate) use manifest::build_manifest;

/// The manifest file name used in locations.
pub(crate) const MANIFEST_FILE: &str = "imsmanifest.xml";

/// A file the manifest names, to be found in the package.
#[derive(Clone, Debug)]
pub(crate) struct FileRef {
    /// Package path (xml:base applied, percent-decoded, normalized, without query or fragment), as a
    /// range of [`Ctx::ref_paths`]: one buffer for all of them instead of a string each.
    pub(crate) path: std::ops::Range<usize>,
    pub(crate) kind: RefKind,
    /// The resource it belongs to (empty for metadata).
    pub(crate) resource: std::rc::Rc<str>,
    /// The element holding the reference.
    pub(crate) el: usize,
}

impl FileRef {
    /// This reference's path, in `paths` (the [`Ctx::ref_paths`] it was recorded in).
    pub(crate) fn path<'p>(&self, paths: &'p str) -> &'p str {
        paths.get(self.path.clone()).unwrap_or("")
    }
}

/// What kind of reference a [`FileRef`] is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum RefKind {
    /// A resource's `href` that an item launches.
    Launch,
    /// A resource's `href` nothing launches.
    ResourceHref,
    /// A `file/@href`.
    File,
    /// An `adlcp:location`.
    Metadata,
}

/// Shared state of one build.
pub(crate) struct Ctx<'d, 'a> {
    pub(crate) dom: &'d Dom<'a>,
    pub(crate) text: &'a str,
    pub(crate) index: &'d LineIndex,
    pub(crate) report: Report,
    pub(crate) options: &'d Options,
    /// True when the document uses the SCORM 2004 namespaces.
    pub(crate) is_2004: bool,
    pub(crate) version: Option<Version>,
    /// Every xs:ID value (collapsed; borrowed from the document when collapsing changed nothing)
    /// with the element that declares it.
    pub(crate) ids: Vec<(Cow<'d, str>, usize)>,
    pub(crate) refs: Vec<FileRef>,
    /// The paths of `refs`, one after the other.
    pub(crate) ref_paths: String,
    /// `sequencing/@ID` values of the collection.
    pub(crate) seq_ids: Vec<(String, usize)>,
    /// `sequencing/@IDRef` values.
    pub(crate) seq_refs: Vec<(String, usize)>,
    /// `dependency/@identifierref` values with their element.
    pub(crate) dep_refs: Vec<(String, usize)>,
    /// Resource identifiers with their element.
    pub(crate) resource_els: Vec<(Cow<'d, str>, usize)>,
    /// True once [`Limits::max_reference_bytes`](crate::Limits::max_reference_bytes) was reached
    /// (reported once; later references are not recorded).
    pub(crate) references_capped: bool,
    /// Resources whose href names no file (`""`, `"."`, a folder, only a query or fragment).
    pub(crate) nameless_hrefs: std::collections::BTreeSet<std::rc::Rc<str>>,
    /// Buffers reused by every href resolution.
    pub(crate) resolver: crate::launch::Resolver,
    /// What the hrefs of the root manifest's resources resolved to, by position in its resource list
    /// (handed to the launch walk).
    pub(crate) root_hrefs: crate::launch::ResolvedHrefs,
    /// True while the root manifest's resources are built.
    pub(crate) building_root_resources: bool,
}

impl<'d, 'a> Ctx<'d, 'a> {
    pub(crate) fn new(
        dom: &'d Dom<'a>,
        text: &'a str,
        index: &'d LineIndex,
        options: &'d Options,
    ) -> Self {
        Self {
            dom,
            text,
            index,
            report: Report::new(),
            options,
            is_2004: false,
            version: None,
            // At most one of each per element: sized once instead of doubling (and copying) to the
            // tens of thousands a large manifest declares.
            ids: Vec::with_capacity(dom.elements.len()),
            refs: Vec::with_capacity(dom.elements.len()),
            ref_paths: String::new(),
            seq_ids: Vec::new(),
            seq_refs: Vec::new(),
            dep_refs: Vec::new(),
            resource_els: Vec::new(),
            references_capped: false,
            nameless_hrefs: std::collections::BTreeSet::new(),
            resolver: crate::launch::Resolver::new(&options.limits),
            root_hrefs: crate::launch::ResolvedHrefs::default(),
            building_root_resources: false,
        }
    }

    /// The element at `el` (a valid index by construction; an empty placeholder otherwise).
    pub(crate) fn el(&self, el: usize) -> &'d Element<'a> {
        self.dom.elements.get(el).unwrap_or(&PLACEHOLDER)
    }

    /// Indexes of the children of `el`.
    pub(crate) fn children(&self, el: usize) -> Children<'d, 'a> {
        Children {
            dom: self.dom,
            next: self.el(el).first_child,
        }
    }

    /// Children of `el` with this namespace test and local name.
    pub(crate) fn kids(&self, el: usize, ns: fn(Ns) -> bool, local: &'static str) -> Vec<usize> {
        self.children(el)
            .filter(|child| self.is(*child, ns, local))
            .collect()
    }

    /// How many children of `el` have this namespace test and local name (to size a list once).
    pub(crate) fn count_kids(&self, el: usize, ns: fn(Ns) -> bool, local: &'static str) -> usize {
        self.children(el)
            .filter(|child| self.is(*child, ns, local))
            .count()
    }

    /// True when `el` passes this namespace test and has this local name.
    fn is(&self, el: usize, ns: fn(Ns) -> bool, local: &'static str) -> bool {
        let element = self.el(el);
        ns(element.ns) && element.local == local
    }

    /// The attributes of `el`.
    pub(crate) fn attrs_of(&self, el: usize) -> &'d [crate::parse::dom::Attr<'a>] {
        self.dom.attrs_of(self.el(el))
    }

    /// An attribute of `el` with this namespace test and local name.
    pub(crate) fn attr(&self, el: usize, ns: fn(Ns) -> bool, local: &str) -> Option<&'d str> {
        self.attrs_of(el)
            .iter()
            .find(|attr| ns(attr.ns) && attr.local == local)
            .map(|attr| attr.value.as_ref())
    }

    /// An unqualified attribute.
    pub(crate) fn plain(&self, el: usize, local: &str) -> Option<&'d str> {
        self.attr(el, |ns| ns == Ns::None, local)
    }

    /// The trimmed text of `el`.
    pub(crate) fn text_of(&self, el: usize) -> &'d str {
        self.el(el).text.trim()
    }

    /// The location of `el`.
    pub(crate) fn at(&self, el: usize) -> Location {
        let element = self.el(el);
        Location::xml(
            MANIFEST_FILE,
            self.path(el),
            self.index.position(self.text, element.offset),
        )
    }

    /// The element path of `el`: `/manifest/organizations/organization[1]/item[2]`.
    pub(crate) fn path(&self, el: usize) -> String {
        let mut chain = Vec::new();
        let mut current = el;
        while current != NO_PARENT && chain.len() <= self.dom.elements.len() {
            chain.push(current);
            current = self.el(current).parent;
        }
        let mut path = String::new();
        for (depth, index) in chain.iter().rev().enumerate() {
            let element = self.el(*index);
            path.push('/');
            path.push_str(prefix_for(element.ns));
            path.push_str(element.local);
            let repeatable = matches!(
                element.local,
                "organization" | "item" | "resource" | "file" | "dependency" | "manifest" | "map"
            );
            if depth > 0 && (repeatable || element.nth > 1) {
                path.push_str(&format!("[{}]", element.nth));
            }
        }
        path
    }

    /// Reports `rule` at element `el`, with the severity its level and the profile give.
    pub(crate) fn emit(&mut self, rule: Rule, el: usize, message: impl Into<String>) {
        let at = if self.report.issues().len() >= self.report.issue_limit() {
            Location::Whole
        } else {
            self.at(el)
        };
        self.emit_at(rule, at, message);
    }

    /// Reports `rule` at a location.
    pub(crate) fn emit_at(&mut self, rule: Rule, at: Location, message: impl Into<String>) {
        if self.report.issues().len() >= self.report.issue_limit() {
            // Past the limit the issue is only counted: skip its location and message.
            let severity = severity(rule, self.options.profile);
            self.report.push(learnwire_report::Issue::new(
                rule.code,
                severity,
                Location::Whole,
                "",
            ));
            return;
        }
        let severity = severity(rule, self.options.profile);
        self.report.push(learnwire_report::Issue::new(
            rule.code, severity, at, message,
        ));
    }

    /// Records an xs:ID.
    pub(crate) fn declare_id(&mut self, value: Cow<'d, str>, el: usize) {
        self.ids.push((value, el));
    }
}

/// The child elements of an element, in document order.
pub(crate) struct Children<'d, 'a> {
    dom: &'d Dom<'a>,
    next: usize,
}

impl Iterator for Children<'_, '_> {
    type Item = usize;

    fn next(&mut self) -> Option<usize> {
        let current = self.next;
        let element = self.dom.elements.get(current)?;
        self.next = element.next_sibling;
        Some(current)
    }
}

/// The severity of `rule` under `profile`.
pub(crate) fn severity(rule: Rule, profile: Profile) -> Severity {
    match (rule.level, profile) {
        (Level::Error, _) | (Level::StrictError, Profile::Strict) => Severity::Error,
        _ => Severity::Warning,
    }
}

fn prefix_for(ns: Ns) -> &'static str {
    match ns {
        Ns::Adlcp12 | Ns::Adlcp2004 => "adlcp:",
        Ns::Imsss => "imsss:",
        Ns::Adlseq => "adlseq:",
        Ns::Adlnav => "adlnav:",
        Ns::Metadata => "lom:",
        _ => "",
    }
}

static PLACEHOLDER: Element<'static> = Element::empty(Ns::Other);

/// Namespace tests used with [`Ctx::kids`] and [`Ctx::attr`].
pub(crate) mod ns_is {
    use crate::parse::ns::Ns;

    /// IMS CP (either version).
    pub(crate) fn cp(ns: Ns) -> bool {
        ns.is_cp()
    }
    /// ADL CP (either version).
    pub(crate) fn adlcp(ns: Ns) -> bool {
        ns.is_adlcp()
    }
    /// IMS SS.
    pub(crate) fn imsss(ns: Ns) -> bool {
        ns == Ns::Imsss
    }
    /// ADL sequencing.
    pub(crate) fn adlseq(ns: Ns) -> bool {
        ns == Ns::Adlseq
    }
    /// ADL navigation.
    pub(crate) fn adlnav(ns: Ns) -> bool {
        ns == Ns::Adlnav
    }
    /// No namespace.
    pub(crate) fn none(ns: Ns) -> bool {
        ns == Ns::None
    }
    /// `xml:`.
    pub(crate) fn xml(ns: Ns) -> bool {
        ns == Ns::Xml
    }
}
