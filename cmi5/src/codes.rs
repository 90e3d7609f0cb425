//! Every code this crate emits: a stable code, a level, a one-line summary and the rule ids behind it.
//!
//! Codes are stable: never renamed or reused. Rule ids refer to the Learnwire rule checklist
//! (`X-*` XML layer, `C5S-*` course structure, `C5P-*` course package, `V-01` detection) and the
//! security catalogue (`CMI-*`); `TC-*` are this crate's TinCan package rules (no published checklist:
//! see the `tincan` module). [`CODES`](crate::CODES) is built from [`ALL`], the single list.
//!
//! The XML layer (`cmi5.xml.*`, `cmi5.limit.*`) is shared by `cmi5.xml` and `tincan.xml`: both are read
//! by the same bounded reader.

use learnwire_report::{Code, CodeInfo, Severity};

/// How a rule is reported.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Level {
    /// Always an error.
    Error,
    /// An error under [`Profile::Strict`](crate::Profile::Strict), a warning under
    /// [`Profile::Lenient`](crate::Profile::Lenient).
    StrictError,
    /// Always a warning.
    Warning,
}

impl Level {
    /// The severity in the strictest reading: `Error` for [`Level::Error`] and [`Level::StrictError`],
    /// `Warning` for [`Level::Warning`].
    #[must_use]
    pub const fn strictest(self) -> Severity {
        match self {
            Self::Error | Self::StrictError => Severity::Error,
            Self::Warning => Severity::Warning,
        }
    }
}

/// One rule: its code, level, summary and the checklist or catalogue rules behind it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Rule {
    /// The stable dotted code.
    pub code: Code,
    /// How it is reported.
    pub level: Level,
    /// What it checks.
    pub summary: &'static str,
    /// The rule ids behind it.
    pub reference: &'static str,
}

macro_rules! rules {
    ($($name:ident = $code:literal, $level:ident, $summary:literal, $reference:literal;)*) => {
        $(
            #[doc = concat!("`", $code, "`: ", $summary, " [", $reference, "].")]
            pub const $name: Rule = Rule {
                code: Code::new($code),
                level: Level::$level,
                summary: $summary,
                reference: $reference,
            };
        )*
        /// Every rule of this crate, in a stable order.
        pub const ALL: &[Rule] = &[$($name),*];
        /// Every code of this crate with its strictest severity, summary and reference.
        pub const CODES: &[CodeInfo] = &[$(
            CodeInfo::new($code, Level::$level.strictest(), $summary, $reference)
        ),*];
    };
}

// One list for the whole crate: the course structure and package side first, then the LMS side
// (launch, fetch, statements, moveOn) added by its modules.
rules! {
    // XML layer (cmi5.xml and tincan.xml).
    XML_MALFORMED = "cmi5.xml.malformed", Error, "the document is not well-formed XML", "X-01";
    XML_DOCTYPE = "cmi5.xml.doctype", Error, "a DOCTYPE (DTD, entity declaration) is refused", "X-04, CMI-02..04";
    XML_UNKNOWN_ENTITY = "cmi5.xml.unknown-entity", Error, "only the five predefined entities and character references are allowed", "X-04, CMI-02";
    XML_INVALID_CHAR = "cmi5.xml.invalid-character", Error, "a character not allowed in XML 1.0", "X-01";
    XML_INVALID_ENCODING = "cmi5.xml.invalid-encoding", Error, "the bytes are not valid in the document's encoding", "X-02, CMI-22";
    XML_UNSUPPORTED_ENCODING = "cmi5.xml.unsupported-encoding", Error, "the encoding is not UTF-8, UTF-16, ISO-8859-1, windows-1252 or US-ASCII", "X-02, CMI-21";
    XML_ENCODING_CONFLICT = "cmi5.xml.encoding-conflict", Error, "the byte order mark and the declared encoding disagree", "X-02";
    XML_ENCODING_SUSPECT = "cmi5.xml.encoding-suspect", Warning, "text declared as a single-byte encoding looks like UTF-8", "X-03";
    XML_DUPLICATE_ATTRIBUTE = "cmi5.xml.duplicate-attribute", Error, "an attribute appears twice on one element", "X-01";
    XML_NAMESPACE = "cmi5.xml.namespace", Error, "a prefix is not bound to a namespace", "X-06";
    XML_NO_ROOT = "cmi5.xml.no-root", Error, "the document has no root element", "X-01";
    XML_MULTIPLE_ROOTS = "cmi5.xml.multiple-roots", Error, "the document has more than one root element", "X-01";
    XML_UNEXPECTED_EOF = "cmi5.xml.unexpected-eof", Error, "the document ends inside an element", "X-01";
    LIMIT_INPUT_SIZE = "cmi5.limit.input-size", Error, "the document is larger than Limits::max_input_bytes", "X-10, CMI-06, CMI-17";
    LIMIT_DEPTH = "cmi5.limit.depth", Error, "elements (or blocks) nest deeper than Limits::max_depth", "X-10, CMI-05";
    LIMIT_ATTRIBUTES = "cmi5.limit.attributes", Error, "an element has more attributes than Limits::max_attributes", "X-10";
    LIMIT_ATTRIBUTE_LENGTH = "cmi5.limit.attribute-length", Error, "an attribute value is longer than Limits::max_attribute_bytes", "X-10";
    LIMIT_TEXT_LENGTH = "cmi5.limit.text-length", Error, "a text node is longer than Limits::max_text_bytes", "X-10, CMI-06";
    LIMIT_ELEMENTS = "cmi5.limit.elements", Error, "the document has more elements than Limits::max_elements", "X-10";
    LIMIT_COURSE_SIZE = "cmi5.limit.course-size", Error, "the course has more AUs and blocks (or a TinCan package more activities) than Limits::max_course_nodes", "C5S-17, CMI-23";

    // Course structure (cmi5.xml).
    STRUCTURE_ROOT = "cmi5.structure.root", Error, "the root element is not courseStructure in the cmi5 namespace", "C5S-01";
    STRUCTURE_LEGACY_NAMESPACE = "cmi5.structure.legacy-namespace", StrictError, "the course structure uses a pre-Quartz cmi5 namespace", "C5S-01";
    STRUCTURE_MISSING_ELEMENT = "cmi5.structure.missing-element", Error, "a required element (course, url, an AU or block, an objective) is missing", "C5S-02, C5S-07, C5S-12, CMI-13, CMI-24";
    STRUCTURE_MISSING_TEXT = "cmi5.structure.missing-text", StrictError, "a title, description or langstring is missing (real courses omit a block's description; LMSs accept them)", "C5S-03";
    STRUCTURE_UNEXPECTED_ELEMENT = "cmi5.structure.unexpected-element", StrictError, "an element the course structure schema does not define at this place (read past under the lenient profile)", "C5S-01, C5S-15";
    STRUCTURE_DUPLICATE_ELEMENT = "cmi5.structure.duplicate-element", Error, "an element that may appear once appears again", "C5S-01";
    STRUCTURE_ORDER = "cmi5.structure.order", StrictError, "elements are not in the schema's order", "C5S-01";
    STRUCTURE_TEXT = "cmi5.structure.text", StrictError, "text where the schema allows only elements", "C5S-01";
    ATTRIBUTE_MISSING = "cmi5.attribute.missing", Error, "a required attribute (id, idref) is missing", "C5S-04, C5S-06, CMI-13";
    ATTRIBUTE_UNKNOWN = "cmi5.attribute.unknown", StrictError, "an attribute the schema does not define (only other namespaces' attributes extend a course structure)", "C5S-15";
    ID_NOT_IRI = "cmi5.id.not-iri", Error, "an id is not an absolute IRI", "C5S-04, CMI-14";
    ID_DUPLICATE = "cmi5.id.duplicate", Error, "a block, AU or objective id appears twice", "C5S-05, CMI-09";
    OBJECTIVE_UNRESOLVED = "cmi5.objective.unresolved", Error, "an objective idref names no course-level objective", "C5S-06";
    LANGSTRING_LANG = "cmi5.langstring.lang", Error, "a langstring's lang is not an xs:language tag", "C5S-03";
    AU_MOVE_ON = "cmi5.au.move-on", Error, "moveOn is not one of the five values", "C5S-08, CMI-10";
    AU_MASTERY_SCORE = "cmi5.au.mastery-score", Error, "masteryScore is not a decimal from 0 to 1 with at most four decimal places", "C5S-09, CMI-11";
    AU_LAUNCH_METHOD = "cmi5.au.launch-method", Error, "launchMethod is not AnyWindow or OwnWindow", "C5S-10, CMI-12";
    AU_ACTIVITY_TYPE = "cmi5.au.activity-type", StrictError, "activityType is not an absolute IRI", "C5S-11";
    AU_URL_INVALID = "cmi5.au.url-invalid", Error, "an AU url is not a valid relative or http(s) URL inside the package", "C5S-12, CMI-07, CMI-08, CMI-24";
    AU_URL_RESERVED_PARAMETER = "cmi5.au.url-reserved-parameter", Error, "an AU url's query uses a name the LMS adds at launch (endpoint, fetch, actor, registration, activityId)", "C5S-13";

    // Course package (zip, folder, lone cmi5.xml).
    PACKAGE_NO_COURSE_STRUCTURE = "cmi5.package.no-course-structure", Error, "the package has no cmi5.xml at its root", "C5P-02, CMI-18";
    PACKAGE_NOT_AT_ROOT = "cmi5.package.not-at-root", StrictError, "cmi5.xml is one folder below the archive root (lenient checks read it there)", "C5P-02";
    PACKAGE_NAME_CASE = "cmi5.package.name-case", StrictError, "the course structure is named with other letter case than cmi5.xml", "C5P-02";
    PACKAGE_AU_FILE_MISSING = "cmi5.package.au-file-missing", Error, "a relative AU url names no file of the package", "C5P-03";
    PACKAGE_AU_FILE_CASE = "cmi5.package.au-file-case", StrictError, "a relative AU url matches a file of the package only ignoring letter case", "C5P-03, P-09";
    PACKAGE_RELATIVE_URL_STANDALONE = "cmi5.package.relative-url-standalone", Error, "a lone cmi5.xml (no package) has an AU url that is not fully qualified", "C5P-04";
    PACKAGE_UNREADABLE = "cmi5.package.unreadable", Error, "the descriptor could not be read from the package", "C5P-01";

    // TinCan packages (tincan.xml).
    TINCAN_ROOT = "cmi5.tincan.root", Error, "the root element is not tincan in the TinCan namespace", "TC-01, V-01";
    TINCAN_NO_ACTIVITIES = "cmi5.tincan.no-activities", Error, "the descriptor has no activity with a launch", "TC-02";
    TINCAN_ACTIVITY_ID = "cmi5.tincan.activity-id", Error, "an activity has no id or an id that is not an absolute IRI", "TC-03";
    TINCAN_DUPLICATE_ID = "cmi5.tincan.duplicate-id", Warning, "two activities share an id", "TC-03";
    TINCAN_LAUNCH_INVALID = "cmi5.tincan.launch-invalid", Error, "a launch is not a valid relative or http(s) URL inside the package", "TC-04";
    TINCAN_LAUNCH_FILE_MISSING = "cmi5.tincan.launch-file-missing", Error, "a relative launch names no file of the package", "TC-05";
    TINCAN_LAUNCH_FILE_CASE = "cmi5.tincan.launch-file-case", StrictError, "a relative launch matches a file only ignoring letter case", "TC-05, P-09";
    TINCAN_NO_DESCRIPTOR = "cmi5.tincan.no-descriptor", Error, "the package has no tincan.xml at its root", "V-01";
    TINCAN_LAUNCH_URL = "cmi5.tincan.launch-url", Error, "a TinCan launch URL cannot be built (endpoint not absolute, launch invalid, actor not JSON)", "TC-06";
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_unique_and_of_the_cmi5_family() {
        let mut seen = std::collections::BTreeSet::new();
        for rule in ALL {
            assert!(seen.insert(rule.code.as_str()), "{}", rule.code);
            assert_eq!(rule.code.family(), "cmi5");
        }
        assert_eq!(ALL.len(), CODES.len());
    }
}
