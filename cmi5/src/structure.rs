//! Reading and validating a `cmi5.xml` course structure (cmi5 §13, `CourseStructure.xsd`; rules
//! C5S-01..C5S-17).

use std::collections::{BTreeMap, BTreeSet};

use learnwire_report::{Location, Report, quote};

use crate::codes::{self, Rule};
use crate::launch_path::{self, Target};
use crate::model::{Au, Block, Course, CourseNode, Extension, LangString, LanguageMap, Objective};
use crate::xml::ns::Ns;
use crate::xml::{self, Doc};
use crate::{LaunchMethod, MasteryScore, MoveOn, Options};

/// The name of the course structure file in a package (cmi5 §14.1).
pub(crate) const COURSE_STRUCTURE_FILE: &str = "cmi5.xml";

/// Blocks nest at most this deep whatever [`Limits::max_depth`](crate::Limits::max_depth) says: the
/// model is a tree built and dropped recursively, so its depth is bounded for the stack's sake.
const MAX_BLOCK_NESTING: usize = 128;

/// A checked course structure: the model (when the document could be read as one) and every issue.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct CourseStructureCheck {
    /// The course, when the document was well-formed with a `courseStructure` root. It may be
    /// incomplete when the report has errors.
    pub course: Option<Course>,
    /// Every problem found, each with its `cmi5.*` code and location.
    pub report: Report,
    /// Each AU's url as classified, in [`Course::aus`] order, with the url element's location.
    pub(crate) au_urls: Vec<(Option<Target>, Location)>,
}

impl CourseStructureCheck {
    /// True when the report has no error (warnings allowed).
    #[must_use]
    pub fn is_valid(&self) -> bool {
        self.report.is_valid()
    }
}

/// Reads and validates a course structure in memory: the model and every issue, located in
/// `cmi5.xml`. AU urls are checked as URLs (C5S-12, C5S-13) but not against any package: see
/// [`check_zip`](crate::check_zip) and [`check_path`](crate::check_path) for that.
///
/// ```
/// use learnwire_cmi5::{check_course_structure, MoveOn, Options};
///
/// let xml = br#"<courseStructure xmlns="https://w3id.org/xapi/profiles/cmi5/v1/CourseStructure.xsd">
///   <course id="https://example.com/course"><title><langstring>Safety</langstring></title>
///     <description><langstring/></description></course>
///   <au id="https://example.com/au/1" moveOn="Passed" masteryScore="0.8">
///     <title><langstring lang="en">Lesson 1</langstring></title><description><langstring/></description>
///     <url>content/index.html</url></au>
/// </courseStructure>"#;
/// let check = check_course_structure(xml, &Options::default());
/// assert!(check.is_valid(), "{}", check.report);
/// let course = check.course.unwrap();
/// let au = course.aus().next().unwrap();
/// assert_eq!((au.move_on, au.url.as_str()), (MoveOn::Passed, "content/index.html"));
/// ```
#[must_use]
pub fn check_course_structure(bytes: &[u8], options: &Options) -> CourseStructureCheck {
    check_document(bytes, options, COURSE_STRUCTURE_FILE)
}

/// The course, or the report when it has an error (warnings are dropped with an `Ok`).
///
/// # Errors
/// The [`Report`] of every issue when at least one is an error.
pub fn parse_course_structure(bytes: &[u8], options: &Options) -> Result<Course, Report> {
    let check = check_course_structure(bytes, options);
    match check.course {
        Some(course) if check.report.is_valid() => Ok(course),
        _ => Err(check.report),
    }
}

/// Every issue of a course structure in memory (as [`check_course_structure`] finds them).
#[must_use]
pub fn validate_course_structure(bytes: &[u8], options: &Options) -> Report {
    check_course_structure(bytes, options).report
}

/// [`check_course_structure`] with the file name used in locations.
pub(crate) fn check_document(bytes: &[u8], options: &Options, file: &str) -> CourseStructureCheck {
    let mut report = Report::new();
    let mut au_urls = Vec::new();
    let profile = options.profile;
    let course =
        xml::decode_into(bytes, &options.limits, file, &mut report, profile).and_then(|decoded| {
            let doc = xml::read(&decoded, &options.limits, file, &mut report, profile)?;
            let mut builder = Builder {
                doc: &doc,
                options,
                report: &mut report,
                own: Ns::Cmi5,
                ids: BTreeMap::new(),
                references: Vec::new(),
                nodes: 0,
                au_urls: &mut au_urls,
            };
            builder.build()
        });
    CourseStructureCheck {
        course,
        report,
        au_urls,
    }
}

/// One place of an element's content model.
struct Slot {
    /// The local names that fill it.
    names: &'static [&'static str],
    /// Fewest occurrences.
    min: usize,
    /// Most occurrences (`usize::MAX`: unbounded).
    max: usize,
    /// Reported when fewer than `min`.
    missing: Rule,
}

const fn slot(names: &'static [&'static str], min: usize, max: usize, missing: Rule) -> Slot {
    Slot {
        names,
        min,
        max,
        missing,
    }
}

const ONCE: usize = 1;
const MANY: usize = usize::MAX;
const TEXT_MISSING: Rule = codes::STRUCTURE_MISSING_TEXT;
const MISSING: Rule = codes::STRUCTURE_MISSING_ELEMENT;

const ROOT_MODEL: &[Slot] = &[
    slot(&["course"], 1, ONCE, MISSING),
    slot(&["objectives"], 0, ONCE, MISSING),
    slot(&["au", "block"], 1, MANY, MISSING),
];
const COURSE_MODEL: &[Slot] = &[
    slot(&["title"], 1, ONCE, TEXT_MISSING),
    slot(&["description"], 1, ONCE, TEXT_MISSING),
];
const BLOCK_MODEL: &[Slot] = &[
    slot(&["title"], 1, ONCE, TEXT_MISSING),
    slot(&["description"], 1, ONCE, TEXT_MISSING),
    slot(&["objectives"], 0, ONCE, MISSING),
    slot(&["au", "block"], 1, MANY, MISSING),
];
const AU_MODEL: &[Slot] = &[
    slot(&["title"], 1, ONCE, TEXT_MISSING),
    slot(&["description"], 1, ONCE, TEXT_MISSING),
    slot(&["objectives"], 0, ONCE, MISSING),
    slot(&["url"], 1, ONCE, MISSING),
    slot(&["launchParameters"], 0, ONCE, MISSING),
    slot(&["entitlementKey"], 0, ONCE, MISSING),
];
const OBJECTIVES_MODEL: &[Slot] = &[slot(&["objective"], 1, MANY, MISSING)];
const OBJECTIVE_MODEL: &[Slot] = &[
    slot(&["title"], 1, ONCE, TEXT_MISSING),
    slot(&["description"], 1, ONCE, TEXT_MISSING),
];
const TEXT_MODEL: &[Slot] = &[slot(&["langstring"], 1, MANY, TEXT_MISSING)];

/// The children of one element sorted into its content model's slots.
struct Content {
    slots: Vec<Vec<usize>>,
    extensions: Vec<Extension>,
}

impl Content {
    fn first(&self, slot: usize) -> Option<usize> {
        self.slots
            .get(slot)
            .and_then(|found| found.first().copied())
    }

    fn all(&self, slot: usize) -> &[usize] {
        self.slots.get(slot).map_or(&[], Vec::as_slice)
    }
}

struct Builder<'b, 'a> {
    doc: &'b Doc<'a>,
    options: &'b Options,
    report: &'b mut Report,
    /// The namespace of the root (the cmi5 one, or a legacy one).
    own: Ns,
    /// Block, AU and objective ids seen, with the kind that used them first.
    ids: BTreeMap<String, &'static str>,
    /// Objective references to resolve at the end: the idref and the referencing element.
    references: Vec<(String, usize)>,
    /// AUs plus blocks read so far.
    nodes: usize,
    au_urls: &'b mut Vec<(Option<Target>, Location)>,
}

impl Builder<'_, '_> {
    fn emit(&mut self, rule: Rule, el: usize, message: impl Into<String>) {
        self.doc.emit(self.report, rule, el, message);
    }

    fn build(&mut self) -> Option<Course> {
        let root = self.doc.root()?;
        let element = self.doc.el(root)?;
        if element.local != "courseStructure" || !element.ns.is_cmi5() {
            let message = format!(
                "the root element is {}; a course structure is courseStructure in the namespace {}",
                quote(element.qname),
                crate::xml::ns::CMI5
            );
            self.emit(codes::STRUCTURE_ROOT, root, message);
            return None;
        }
        self.own = element.ns;
        let legacy = element.ns == Ns::Cmi5Legacy;
        if legacy {
            self.emit(
                codes::STRUCTURE_LEGACY_NAMESPACE,
                root,
                format!(
                    "the course structure uses a pre-Quartz namespace; the cmi5 namespace is {}",
                    crate::xml::ns::CMI5
                ),
            );
        }
        let mut extensions = self.attributes(root, &[]);
        let content = self.content(root, ROOT_MODEL);
        extensions.extend(content.extensions.iter().cloned());
        let mut course = match content.first(0) {
            Some(course_el) => self.course(course_el, legacy),
            None => Course {
                id: String::new(),
                title: LanguageMap::default(),
                description: LanguageMap::default(),
                objectives: Vec::new(),
                children: Vec::new(),
                extensions: Vec::new(),
                legacy_namespace: legacy,
            },
        };
        course.extensions.splice(0..0, extensions);
        if let Some(objectives) = content.first(1) {
            course.objectives = self.objectives(objectives);
        }
        course.children = self.members(content.all(2), 1);
        self.resolve_references(&course);
        Some(course)
    }

    fn course(&mut self, el: usize, legacy: bool) -> Course {
        let mut extensions = self.attributes(el, &["id"]);
        let id = self.id(el, None);
        let content = self.content(el, COURSE_MODEL);
        extensions.extend(content.extensions.iter().cloned());
        Course {
            id,
            title: self.text(content.first(0)),
            description: self.text(content.first(1)),
            objectives: Vec::new(),
            children: Vec::new(),
            extensions,
            legacy_namespace: legacy,
        }
    }

    /// The AUs and blocks `members` (elements named `au` or `block`), at block nesting `depth`.
    fn members(&mut self, members: &[usize], depth: usize) -> Vec<CourseNode> {
        let mut nodes = Vec::with_capacity(members.len().min(1024));
        for &el in members {
            if self.nodes >= self.options.limits.max_course_nodes() {
                let message = format!(
                    "the course has more than {} AUs and blocks",
                    self.options.limits.max_course_nodes()
                );
                self.emit(codes::LIMIT_COURSE_SIZE, el, message);
                self.nodes = usize::MAX;
                break;
            }
            self.nodes += 1;
            let is_block = self
                .doc
                .el(el)
                .is_some_and(|element| element.local == "block");
            if is_block {
                if depth >= MAX_BLOCK_NESTING {
                    let message = format!("blocks nest deeper than {MAX_BLOCK_NESTING}");
                    self.emit(codes::LIMIT_DEPTH, el, message);
                    continue;
                }
                nodes.push(CourseNode::Block(self.block(el, depth)));
            } else {
                nodes.push(CourseNode::Au(self.au(el)));
            }
        }
        nodes
    }

    fn block(&mut self, el: usize, depth: usize) -> Block {
        let mut extensions = self.attributes(el, &["id"]);
        let id = self.id(el, Some("block"));
        let content = self.content(el, BLOCK_MODEL);
        extensions.extend(content.extensions.iter().cloned());
        let title = self.text(content.first(0));
        let description = self.text(content.first(1));
        let objectives = content
            .first(2)
            .map(|objectives| self.objective_references(objectives))
            .unwrap_or_default();
        let children = self.members(content.all(3), depth + 1);
        Block {
            id,
            title,
            description,
            objectives,
            children,
            extensions,
        }
    }

    fn au(&mut self, el: usize) -> Au {
        let mut extensions = self.attributes(
            el,
            &[
                "id",
                "moveOn",
                "masteryScore",
                "launchMethod",
                "activityType",
            ],
        );
        let id = self.id(el, Some("AU"));
        let content = self.content(el, AU_MODEL);
        extensions.extend(content.extensions.iter().cloned());
        let move_on = match self.doc.attr(el, "moveOn").map(str::trim) {
            None => MoveOn::default(),
            Some(text) => MoveOn::parse(text).unwrap_or_else(|| {
                let message = format!(
                    "moveOn is {}; it is one of Passed, Completed, CompletedAndPassed, CompletedOrPassed, NotApplicable (case-sensitive)",
                    quote(text)
                );
                self.emit(codes::AU_MOVE_ON, el, message);
                MoveOn::default()
            }),
        };
        let launch_method = match self.doc.attr(el, "launchMethod").map(str::trim) {
            None => LaunchMethod::default(),
            Some(text) => LaunchMethod::parse(text).unwrap_or_else(|| {
                let message = format!(
                    "launchMethod is {}; it is AnyWindow or OwnWindow (case-sensitive)",
                    quote(text)
                );
                self.emit(codes::AU_LAUNCH_METHOD, el, message);
                LaunchMethod::default()
            }),
        };
        let mastery_score = self
            .doc
            .attr(el, "masteryScore")
            .map(str::trim)
            .and_then(|text| match MasteryScore::parse(text) {
                Ok(score) => Some(score),
                Err(error) => {
                    let message = format!(
                        "masteryScore {} is {error}; it is a decimal from 0 to 1 with at most four decimal places",
                        quote(text)
                    );
                    self.emit(codes::AU_MASTERY_SCORE, el, message);
                    None
                }
            });
        let activity_type = self.doc.attr(el, "activityType").map(|text| {
            let text = text.trim();
            if iri_string::types::IriStr::new(text).is_err() {
                let message = format!("activityType {} is not an absolute IRI", quote(text));
                self.emit(codes::AU_ACTIVITY_TYPE, el, message);
            }
            text.to_owned()
        });
        let objectives = content
            .first(2)
            .map(|objectives| self.objective_references(objectives))
            .unwrap_or_default();
        let url = match content.first(3) {
            Some(url_el) => self.url(url_el),
            None => {
                self.au_urls.push((None, self.doc.at(el)));
                String::new()
            }
        };
        Au {
            id,
            title: self.text(content.first(0)),
            description: self.text(content.first(1)),
            objectives,
            url,
            launch_method,
            move_on,
            mastery_score,
            activity_type,
            launch_parameters: content.first(4).map(|at| self.plain_text(at)),
            entitlement_key: content.first(5).map(|at| self.plain_text(at)),
            extensions,
        }
    }

    /// The AU `url` at `el`: trimmed, checked (C5S-12, C5S-13), its classification recorded.
    fn url(&mut self, el: usize) -> String {
        let _ = self.attributes(el, &[]);
        let url = self.doc.text_of(el).trim().to_owned();
        let target = match launch_path::classify(&url, self.options.limits.max_url_bytes()) {
            Ok(target) => Some(target),
            Err(why) => {
                let message = format!("the AU url {} {why}", quote(&url));
                self.emit(codes::AU_URL_INVALID, el, message);
                None
            }
        };
        for name in launch_path::query_names(&url) {
            if ["endpoint", "fetch", "actor", "registration", "activityId"].contains(&name.as_str())
            {
                let message = format!(
                    "the AU url's query has the parameter {}, which the LMS adds at launch (cmi5 §8.1)",
                    quote(&name)
                );
                self.emit(codes::AU_URL_RESERVED_PARAMETER, el, message);
            }
        }
        self.au_urls.push((target, self.doc.at(el)));
        url
    }

    /// Text of an opaque element (`launchParameters`, `entitlementKey`), trimmed.
    fn plain_text(&mut self, el: usize) -> String {
        let _ = self.attributes(el, &[]);
        self.doc.text_of(el).trim().to_owned()
    }

    /// The course objectives at `el` (`objectives`).
    fn objectives(&mut self, el: usize) -> Vec<Objective> {
        let _ = self.attributes(el, &[]);
        let content = self.content(el, OBJECTIVES_MODEL);
        let mut objectives = Vec::new();
        for &objective in content.all(0) {
            let _ = self.attributes(objective, &["id"]);
            let id = self.id(objective, Some("objective"));
            let parts = self.content_unordered(objective, OBJECTIVE_MODEL);
            objectives.push(Objective {
                id,
                title: self.text(parts.first(0)),
                description: self.text(parts.first(1)),
            });
        }
        objectives
    }

    /// The objective references of a block or AU at `el` (`objectives/objective/@idref`).
    fn objective_references(&mut self, el: usize) -> Vec<String> {
        let _ = self.attributes(el, &[]);
        let content = self.content(el, OBJECTIVES_MODEL);
        let mut references = Vec::new();
        for &objective in content.all(0) {
            let _ = self.attributes(objective, &["idref"]);
            let _ = self.content(objective, &[]);
            match self.doc.attr(objective, "idref").map(str::trim) {
                Some(idref) => {
                    self.references.push((idref.to_owned(), objective));
                    references.push(idref.to_owned());
                }
                None => self.emit(
                    codes::ATTRIBUTE_MISSING,
                    objective,
                    "an objective reference without idref",
                ),
            }
        }
        references
    }

    /// C5S-06: every reference names a course objective.
    fn resolve_references(&mut self, course: &Course) {
        let known: BTreeSet<&str> = course
            .objectives
            .iter()
            .map(|objective| objective.id.as_str())
            .collect();
        for (idref, el) in std::mem::take(&mut self.references) {
            if !known.contains(idref.as_str()) {
                let message = format!(
                    "the objective reference {} names no course-level objective",
                    quote(&idref)
                );
                self.emit(codes::OBJECTIVE_UNRESOLVED, el, message);
            }
        }
    }

    /// The `id` of `el`: present, an absolute IRI, and (for `kind`) unique.
    fn id(&mut self, el: usize, kind: Option<&'static str>) -> String {
        let Some(id) = self.doc.attr(el, "id").map(str::trim) else {
            self.emit(codes::ATTRIBUTE_MISSING, el, "the id attribute is missing");
            return String::new();
        };
        if iri_string::types::IriStr::new(id).is_err() {
            let message = format!("the id {} is not an absolute IRI (cmi5 §3.0)", quote(id));
            self.emit(codes::ID_NOT_IRI, el, message);
        }
        if let Some(kind) = kind {
            if let Some(first) = self.ids.get(id) {
                let message = format!(
                    "the id {} is used again (first by a {first}); block, AU and objective ids are unique",
                    quote(id)
                );
                self.emit(codes::ID_DUPLICATE, el, message);
            } else {
                self.ids.insert(id.to_owned(), kind);
            }
        }
        id.to_owned()
    }

    /// A `title` or `description` at `el` (absent: empty, already reported).
    fn text(&mut self, el: Option<usize>) -> LanguageMap {
        let Some(el) = el else {
            return LanguageMap::default();
        };
        let _ = self.attributes(el, &[]);
        let content = self.content(el, TEXT_MODEL);
        let mut strings = Vec::new();
        for &langstring in content.all(0) {
            let _ = self.attributes(langstring, &["lang"]);
            if self.doc.children(langstring).next().is_some() {
                self.emit(
                    codes::STRUCTURE_UNEXPECTED_ELEMENT,
                    langstring,
                    "a langstring holds text only, no element",
                );
            }
            let lang = self.doc.attr(langstring, "lang").map(|lang| {
                let lang = lang.trim();
                if !is_language(lang) {
                    let message = format!("lang {} is not an xs:language tag", quote(lang));
                    self.emit(codes::LANGSTRING_LANG, langstring, message);
                }
                lang.to_owned()
            });
            let text = self.doc.text_of(langstring).trim().to_owned();
            strings.push(LangString::new(lang, text));
        }
        LanguageMap::new(strings)
    }

    /// Checks the attributes of `el`: `allowed` no-namespace names, other namespaces' attributes kept
    /// as extensions, anything else reported.
    fn attributes(&mut self, el: usize, allowed: &[&str]) -> Vec<Extension> {
        let mut extensions = Vec::new();
        let mut unknown = Vec::new();
        for attr in self.doc.attrs(el) {
            match attr.ns {
                Ns::None if allowed.contains(&attr.local) => {}
                ns if foreign(ns) => extensions.push(Extension {
                    namespace: namespace_uri(ns, attr.uri.as_deref()),
                    name: attr.local.to_owned(),
                    value: attr.value.trim().to_owned(),
                    is_attribute: true,
                }),
                _ => unknown.push(attr.local.to_owned()),
            }
        }
        for name in unknown {
            let message = format!(
                "the attribute {} is not defined here (only other namespaces' attributes extend a course structure)",
                quote(&name)
            );
            self.emit(codes::ATTRIBUTE_UNKNOWN, el, message);
        }
        extensions
    }

    /// The children of `el` sorted into `model`'s slots, in order (an `xs:sequence` ending with
    /// `xs:any namespace="##other"`).
    fn content(&mut self, el: usize, model: &[Slot]) -> Content {
        self.sort(el, model, true)
    }

    /// As [`Builder::content`] for an `xs:all` (any order).
    fn content_unordered(&mut self, el: usize, model: &[Slot]) -> Content {
        self.sort(el, model, false)
    }

    fn sort(&mut self, el: usize, model: &[Slot], ordered: bool) -> Content {
        let mut content = Content {
            slots: model.iter().map(|_| Vec::new()).collect(),
            extensions: Vec::new(),
        };
        if !self.doc.text_of(el).trim().is_empty() {
            self.emit(
                codes::STRUCTURE_TEXT,
                el,
                "text where the course structure allows only elements",
            );
        }
        let mut position = 0;
        let mut after_extension = false;
        let children: Vec<usize> = self.doc.children(el).map(|(index, _)| index).collect();
        for child in children {
            let Some(element) = self.doc.el(child) else {
                continue;
            };
            if foreign(element.ns) {
                after_extension = true;
                content.extensions.push(Extension {
                    namespace: namespace_uri(element.ns, element.uri.as_deref()),
                    name: element.qname.to_owned(),
                    value: element.text.trim().to_owned(),
                    is_attribute: false,
                });
                continue;
            }
            let found = (element.ns == self.own)
                .then(|| {
                    model
                        .iter()
                        .position(|slot| slot.names.contains(&element.local))
                })
                .flatten();
            let Some(index) = found else {
                let message = format!(
                    "the element {} is not defined here by the course structure schema",
                    quote(element.qname)
                );
                self.emit(codes::STRUCTURE_UNEXPECTED_ELEMENT, child, message);
                continue;
            };
            let name = element.qname;
            if ordered && (index < position || after_extension) {
                let message = format!(
                    "the element {} is out of the schema's order (title, description, objectives, url, launchParameters, entitlementKey; extensions last)",
                    quote(name)
                );
                self.emit(codes::STRUCTURE_ORDER, child, message);
            }
            position = position.max(index);
            let (Some(found), Some(slot)) = (content.slots.get_mut(index), model.get(index)) else {
                continue;
            };
            if found.len() >= slot.max {
                let message = format!("the element {} may appear once here", quote(name));
                self.emit(codes::STRUCTURE_DUPLICATE_ELEMENT, child, message);
                continue;
            }
            found.push(child);
        }
        for (slot, found) in model.iter().zip(&content.slots) {
            if found.len() < slot.min {
                let message = format!("the element {} is missing here", slot.names.join(" or "));
                self.emit(slot.missing, el, message);
            }
        }
        content
    }
}

/// True for a namespace the schema's `##other` wildcards admit: neither none nor a cmi5 one.
fn foreign(ns: Ns) -> bool {
    matches!(ns, Ns::Other | Ns::TinCan | Ns::Xml)
}

/// The URI of a foreign namespace (`uri` is what the reader kept for [`Ns::Other`]).
fn namespace_uri(ns: Ns, uri: Option<&str>) -> Option<String> {
    match ns {
        Ns::TinCan => Some(crate::xml::ns::TINCAN.to_owned()),
        Ns::Xml => Some("http://www.w3.org/XML/1998/namespace".to_owned()),
        _ => uri.map(str::to_owned),
    }
}

/// `xs:language`: `[a-zA-Z]{1,8}(-[a-zA-Z0-9]{1,8})*`.
fn is_language(tag: &str) -> bool {
    let mut parts = tag.split('-');
    let first_ok = parts.next().is_some_and(|first| {
        (1..=8).contains(&first.len()) && first.bytes().all(|b| b.is_ascii_alphabetic())
    });
    first_ok
        && parts.all(|part| {
            (1..=8).contains(&part.len()) && part.bytes().all(|b| b.is_ascii_alphanumeric())
        })
}
