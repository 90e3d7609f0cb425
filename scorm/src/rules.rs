//! Every rule this crate checks: a stable code, a level and a one-line summary.
//!
//! Codes are stable: they are never renamed or reused. The rule ids in brackets refer to the Learnwire
//! SCORM rule checklist (`X-*`, `V-*`, `S12-*`, `S04-*`, `XB-*`, `L-*`, `P-*`) and the security catalogue
//! (`SCO-*`).
//!
//! [`CODES`] is built from [`ALL`], the single list. Reports of packages also carry the `package.*` codes
//! of [`PACKAGE_CODES`](crate::PACKAGE_CODES).
//!
//! [`Level`] and [`Rule`] are learnwire-report's, re-exported here:
//!
//! ```
//! use learnwire_scorm::rules::{self, Level, Rule};
//!
//! let inferred: Option<&Rule> =
//!     rules::ALL.iter().find(|rule| rule.code.as_str() == "scorm.version.inferred");
//! assert_eq!(inferred.map(|rule| rule.level), Some(Level::StrictError));
//! assert_eq!(rules::CODES.len(), rules::ALL.len());
//! ```

pub use learnwire_report::{Level, Rule};

learnwire_report::rules! {
    pub(crate);
    // XML layer (X-01..X-10, SCO-24..37)
    XML_MALFORMED = "scorm.xml.malformed", Error, "the manifest is not well-formed XML", "X-01, SCO-37";
    XML_DOCTYPE = "scorm.xml.doctype", Error, "a DOCTYPE (DTD, entity declaration) is refused", "X-04, SCO-24..28";
    XML_UNKNOWN_ENTITY = "scorm.xml.unknown-entity", Error, "only the five predefined entities and character references are allowed", "SCO-28";
    XML_INVALID_CHAR = "scorm.xml.invalid-character", Error, "a character not allowed in XML 1.0", "SCO-36";
    XML_INVALID_ENCODING = "scorm.xml.invalid-encoding", Error, "the bytes are not valid in the document's encoding", "SCO-35";
    XML_UNSUPPORTED_ENCODING = "scorm.xml.unsupported-encoding", Error, "the encoding is not UTF-8, UTF-16, ISO-8859-1, windows-1252 or US-ASCII", "X-02, SCO-34";
    XML_ENCODING_CONFLICT = "scorm.xml.encoding-conflict", Error, "the byte order mark and the declared encoding disagree", "X-02, SCO-34";
    XML_ENCODING_SUSPECT = "scorm.xml.encoding-suspect", Warning, "text declared as a single-byte encoding looks like UTF-8", "X-03";
    XML_DUPLICATE_ATTRIBUTE = "scorm.xml.duplicate-attribute", Error, "an attribute appears twice on one element", "SCO-33";
    XML_NAMESPACE = "scorm.xml.namespace", Error, "a prefix is not bound to a namespace", "X-06";
    XML_NO_ROOT = "scorm.xml.no-root", Error, "the document has no root element", "SCO-37";
    XML_MULTIPLE_ROOTS = "scorm.xml.multiple-roots", Error, "the document has more than one root element", "SCO-37";
    XML_UNEXPECTED_EOF = "scorm.xml.unexpected-eof", Error, "the document ends inside an element", "SCO-37";
    LIMIT_INPUT_SIZE = "scorm.limit.input-size", Error, "the manifest is larger than Limits::max_input_bytes", "X-10, SCO-08, SCO-30";
    LIMIT_DEPTH = "scorm.limit.depth", Error, "elements nest deeper than Limits::max_depth", "X-10, SCO-29";
    LIMIT_ATTRIBUTES = "scorm.limit.attributes", Error, "an element has more attributes than Limits::max_attributes", "SCO-31, SCO-32";
    LIMIT_ATTRIBUTE_LENGTH = "scorm.limit.attribute-length", Error, "an attribute value is longer than Limits::max_attribute_bytes", "SCO-30";
    LIMIT_TEXT_LENGTH = "scorm.limit.text-length", Error, "a text node is longer than Limits::max_text_bytes", "X-10";
    LIMIT_ELEMENTS = "scorm.limit.elements", Error, "the document has more elements than Limits::max_elements", "X-10";
    LIMIT_PATH_LENGTH = "scorm.limit.path-length", Error, "an href with its xml:base chain (query and fragment aside) is longer than Limits::max_path_bytes", "X-10, XB-02";
    LIMIT_REFERENCES = "scorm.limit.references", Error, "the package paths the manifest names take more than Limits::max_reference_bytes; the rest are not looked for", "X-10";
    LIMIT_LAUNCHES = "scorm.limit.launches", Error, "launches take more than Limits::max_launch_bytes, or sub-manifest expansion visits more items than Limits::max_elements; the rest are not resolved", "X-10, SM-02";
    LIMIT_PATH_COMPONENTS = "scorm.limit.path-components", Error, "an href (with its xml:base chain) names a path with more components than Limits::max_path_components", "X-10, P-07";
    // Version (V-*)
    VERSION_UNKNOWN = "scorm.version.unknown", Error, "neither schemaversion nor the namespaces say which SCORM version this is", "V-06";
    VERSION_INFERRED = "scorm.version.inferred", StrictError, "schemaversion is missing or unknown; the version was inferred from namespaces", "V-03";
    VERSION_CONFLICT = "scorm.version.conflict", StrictError, "schemaversion and the namespaces name different versions", "V-04";
    METADATA_SCHEMA = "scorm.metadata.schema", StrictError, "metadata/schema is not \"ADL SCORM\"", "V-05";
    METADATA_MISSING = "scorm.metadata.missing", StrictError, "the manifest has no metadata with schema and schemaversion", "S12-03, S04-03";
    METADATA_LOCATION_LENGTH = "scorm.metadata.location-length", Warning, "adlcp:location is longer than 2000 characters", "S04-04";
    // Manifest structure
    MANIFEST_ROOT = "scorm.manifest.root", Error, "the root element is not an IMS CP manifest", "S12-01, S04-01";
    MANIFEST_IDENTIFIER = "scorm.manifest.identifier-missing", Error, "manifest/@identifier is missing", "S12-02, S04-02";
    MANIFEST_CHILD_COUNT = "scorm.manifest.child-count", Error, "organizations or resources is missing or repeated", "S12-03, S04-05";
    MANIFEST_UNEXPECTED = "scorm.manifest.unexpected-element", StrictError, "an element of a SCORM namespace where the content model has none", "XSD";
    MANIFEST_DUPLICATE_CHILD = "scorm.manifest.duplicate-child", Error, "an element allowed at most once appears more than once", "S04-16, S04-40";
    ATTRIBUTE_TOO_LONG = "scorm.attribute.too-long", Warning, "a value is longer than the smallest permitted maximum (SPM)", "Part L";
    ID_DUPLICATE = "scorm.id.duplicate", Error, "an identifier is used twice in the document", "S12-18, SM-01, SCO-41";
    ID_NOT_NCNAME = "scorm.id.not-ncname", StrictError, "an identifier is not a valid xs:ID (NCName)", "S12-18";
    // Organizations, items
    ORGANIZATIONS_DEFAULT_MISSING = "scorm.organizations.default-missing", StrictError, "organizations/@default is missing", "S12-05, S04-10";
    ORGANIZATIONS_DEFAULT_UNRESOLVED = "scorm.organizations.default-unresolved", Error, "organizations/@default names no organization", "S12-05, S04-10, L-01";
    ORGANIZATIONS_EMPTY = "scorm.organizations.empty", Warning, "no organization: a resource package with nothing to launch", "S12-06";
    ORGANIZATION_IDENTIFIER = "scorm.organization.identifier-missing", Error, "organization/@identifier is missing", "S12-07, S04-11";
    ORGANIZATION_TITLE = "scorm.organization.title-missing", Error, "organization has no title", "S12-07, S04-11";
    ORGANIZATION_NO_ITEMS = "scorm.organization.no-items", Error, "organization has no item", "S04-11";
    ITEM_IDENTIFIER = "scorm.item.identifier-missing", Error, "item/@identifier is missing", "S12-08, S04-13";
    ITEM_TITLE = "scorm.item.title-missing", Error, "item has no title", "S12-08, S04-13";
    ITEM_REF_UNRESOLVED = "scorm.item.identifierref-unresolved", Error, "item/@identifierref names no resource or sub-manifest", "S12-09, S04-15, SCO-40";
    ITEM_LEAF_WITHOUT_REF = "scorm.item.leaf-without-ref", Error, "a leaf item has no identifierref", "S04-14";
    ITEM_PARENT_WITH_REF = "scorm.item.parent-with-ref", Error, "an item with children has an identifierref", "S04-14";
    ITEM_BOOLEAN = "scorm.item.boolean-invalid", Error, "a boolean attribute is not true, false, 1 or 0", "S12-08, S04-12";
    ITEM_PARAMETERS = "scorm.item.parameters-invalid", Error, "item/@parameters has an invalid syntax", "L-04";
    ITEM_PARAMETERS_WITHOUT_REF = "scorm.item.parameters-without-ref", Warning, "item/@parameters on an item that launches nothing", "S04-15";
    ITEM_TIME_LIMIT_ACTION = "scorm.item.time-limit-action-invalid", Error, "timelimitaction is not one of the four allowed values", "S12-10, S04-17";
    ITEM_MASTERY_SCORE = "scorm.item.mastery-score-invalid", Error, "masteryscore is not a decimal between 0 and 100", "S12-10, S12-11";
    ITEM_MAX_TIME = "scorm.item.max-time-allowed-invalid", Error, "maxtimeallowed is not a CMITimespan", "S12-10";
    ITEM_PREREQUISITES = "scorm.item.prerequisites-invalid", Error, "prerequisites lacks type=\"aicc_script\" or names unknown items", "S12-10, S12-12";
    ITEM_SCO_ONLY = "scorm.item.sco-only", Error, "an element allowed only on items that launch a SCO", "S04-17, S04-18, S04-19";
    ITEM_COMPLETION_THRESHOLD = "scorm.item.completion-threshold-invalid", Error, "completionThreshold is not valid for its edition", "S04-19";
    ITEM_DATA_MAP = "scorm.item.data-map-invalid", Error, "adlcp:data/map is invalid", "S04-20";
    ITEM_PRESENTATION = "scorm.item.presentation-invalid", Error, "adlnav:presentation is invalid", "S04-21";
    SUBMANIFEST_REFERENCED = "scorm.submanifest.referenced", Warning, "an item references a sub-manifest; ADL advises against it", "S04-22, SM-02";
    // Resources
    RESOURCE_IDENTIFIER = "scorm.resource.identifier-missing", Error, "resource/@identifier is missing", "S12-13, S04-30";
    RESOURCE_TYPE = "scorm.resource.type-missing", Error, "resource/@type is missing", "S12-13, S04-30";
    RESOURCE_SCORM_TYPE_MISSING = "scorm.resource.scorm-type-missing", StrictError, "resource has no adlcp:scormtype/scormType (treated as an asset)", "S12-14, S04-30";
    RESOURCE_SCORM_TYPE_INVALID = "scorm.resource.scorm-type-invalid", Error, "scormType is neither sco nor asset", "S12-14, S04-30";
    RESOURCE_SCORM_TYPE_SPELLING = "scorm.resource.scorm-type-spelling", StrictError, "scormType has the other edition's spelling or namespace", "S12-14";
    RESOURCE_HREF_MISSING = "scorm.resource.href-missing", Error, "a resource launched by an item has no href", "S12-15, S04-31";
    RESOURCE_HREF_NOT_IN_FILES = "scorm.resource.href-not-in-files", StrictError, "SCORM 2004: resource/@href is not listed as a file of the resource", "S04-32";
    RESOURCE_HREF_NOT_IN_FILES_12 = "scorm.resource.href-not-in-files-12", Warning, "SCORM 1.2: resource/@href is not listed as a file of the resource, which is only recommended", "S12-17";
    RESOURCE_UNREFERENCED = "scorm.resource.unreferenced", Warning, "no item or dependency uses this resource", "S04-36";
    RESOURCE_PERSIST_STATE = "scorm.resource.persist-state", StrictError, "adlcp:persistState was removed in SCORM 2004 2nd Edition", "S04-35";
    FILE_HREF_MISSING = "scorm.file.href-missing", Error, "file/@href is missing", "S12-16, S04-33";
    DEPENDENCY_REF_MISSING = "scorm.dependency.identifierref-missing", Error, "dependency/@identifierref is missing", "S12-16, S04-34";
    DEPENDENCY_REF_UNRESOLVED = "scorm.dependency.identifierref-unresolved", Error, "dependency/@identifierref names no resource", "S12-16, S04-34";
    // hrefs, xml:base, launch (XB-*, L-*, SCO-38, SCO-39)
    HREF_FORBIDDEN_SCHEME = "scorm.href.forbidden-scheme", Error, "javascript:, data:, file:, vbscript: or another non-web scheme", "L-03, SCO-38, SCO-39";
    HREF_ESCAPES_ROOT = "scorm.href.escapes-root", Error, "the path climbs out of the package root", "XB-04, SCO-38";
    HREF_INVALID = "scorm.href.invalid", Error, "backslash, leading slash, drive letter or an unparsable reference", "S04-31, S04-33, XB-02";
    HREF_PERCENT = "scorm.href.percent-invalid", Error, "a percent escape is broken or does not decode to UTF-8", "P-10";
    HREF_SPACE = "scorm.href.space", Warning, "a literal space in an href (not a valid URI)", "P-10";
    HREF_NO_FILE = "scorm.href.no-file", Error, "a launched resource's href or a file/@href names no file: empty, '.', a folder, or only a query or fragment", "S12-15, S04-31, S04-33, L-02";
    HREF_EXTERNAL = "scorm.href.external", Warning, "an external http(s) URL: launched as is, with cross-domain API limits", "S04-31, L-03";
    XML_BASE_INVALID = "scorm.xml-base.invalid", StrictError, "xml:base does not end with '/'", "XB-02";
    LAUNCH_NONE = "scorm.launch.none", Error, "no item of the default organization launches anything", "L-02";
    // Sequencing (S04-40..52)
    SEQ_VOCABULARY = "scorm.sequencing.value-invalid", Error, "a sequencing attribute or element has a value outside its vocabulary or range", "S04-42..50";
    SEQ_STRUCTURE = "scorm.sequencing.structure", Error, "a sequencing element is missing a required part", "S04-43, S04-46, S04-47, S04-48";
    SEQ_ID = "scorm.sequencing.id-invalid", Error, "sequencing/@ID outside a collection, or missing inside one", "S04-41";
    SEQ_IDREF_UNRESOLVED = "scorm.sequencing.idref-unresolved", Error, "sequencing/@IDRef names no sequencing of the collection", "S04-41";
    SEQ_ORG_ACTION = "scorm.sequencing.organization-action", Error, "exitParent and previous are not allowed in an organization's post-condition rules", "S04-43";
    SEQ_OBJECTIVE_DUPLICATE = "scorm.sequencing.objective-duplicate", Error, "two objectives of one activity share an objectiveID", "S04-47";
    SEQ_OBJECTIVE_REF = "scorm.sequencing.objective-unresolved", Error, "a rule or adlseq:objective names no objective of its activity", "S04-44, S04-51";
    SEQ_CAUTION = "scorm.sequencing.caution", Warning, "ADL advises caution with this sequencing element", "S04-40, S04-44, S04-45";
    SEQ_MULTIPLE_WRITERS = "scorm.sequencing.multiple-writers", Error, "more than one mapInfo writes the same global objective field", "S04-48";
    // Package (P-*)
    PACKAGE_MANIFEST_MISSING = "scorm.package.manifest-missing", Error, "no imsmanifest.xml at the package root", "P-02, SCO-21, SCO-22";
    PACKAGE_REROOTED = "scorm.package.rerooted", Warning, "imsmanifest.xml sits in a single top folder beside nothing but OS junk: the lenient profile checks the package from that folder (strict reports scorm.package.manifest-missing)", "P-02";
    PACKAGE_MANIFEST_CASE = "scorm.package.manifest-case", StrictError, "the manifest's name differs from imsmanifest.xml in case", "P-03";
    PACKAGE_MANIFEST_UNREADABLE = "scorm.package.manifest-unreadable", Error, "imsmanifest.xml could not be read from the package", "P-01";
    PACKAGE_FILE_MISSING = "scorm.package.file-missing", Error, "a file named by the manifest is not in the package", "P-09, P-11, SCO-23";
    PACKAGE_FILE_CASE = "scorm.package.file-case-mismatch", StrictError, "a file named by the manifest exists only with another letter case", "P-09";
    PACKAGE_METADATA_MISSING = "scorm.package.metadata-missing", Warning, "an adlcp:location metadata file is not in the package", "S12-04, P-12";
    PACKAGE_FLATTENED = "scorm.package.flattened", Warning, "files the manifest names are missing but found under other folders: the archive's folders were lost", "P-14";
    PACKAGE_UNLISTED_FILE = "scorm.package.unlisted-file", Warning, "a package file is not listed by any resource", "P-13";
    INTERNAL = "scorm.internal", Error, "an internal inconsistency (a bug in learnwire-scorm)", "learnwire-scorm (a bug: please report it)";
    // Run-time (scorm-runtime.md): a SetValue of a batch that was rejected, by cause; the SCORM error number is in the message
    RUNTIME_UNDEFINED = "scorm.runtime.undefined-element", Error, "the name is not an element of the data model (empty, unknown, or a container)", "P-01, P-02, GV-01..03, SV-01, SV-02";
    RUNTIME_KEYWORD = "scorm.runtime.keyword", Error, "_children, _count or _version where it does not exist, or set", "P-03..P-05, X-01..X-03";
    RUNTIME_INDEX = "scorm.runtime.index", Error, "a collection index out of order or out of range, or a record the SCO may not create", "P-06, P-07, P-10, X-04, X-05, N04-11";
    RUNTIME_DEPENDENCY = "scorm.runtime.dependency", Error, "the record's id (and for responses its type) is not set yet", "P-08, I04-11";
    RUNTIME_UNIQUE = "scorm.runtime.unique", Error, "an identifier already used, a write-once id changed, or a single-pattern interaction given a second pattern", "P-11, P-12, I04-14, X-07";
    RUNTIME_LIMIT = "scorm.runtime.limit", Error, "a cap of runtime::Limits was reached (records, characters)", "PM-06, I04-23";
    RUNTIME_ACCESS = "scorm.runtime.access", Error, "a read-only element set, or a write-only element read", "P-13, PM-08, SV-08, GV-08";
    RUNTIME_TYPE_MISMATCH = "scorm.runtime.type-mismatch", Error, "the value is not of the element's type, format or vocabulary", "Part G, Part H, SV-09";
    RUNTIME_OUT_OF_RANGE = "scorm.runtime.out-of-range", Error, "a number outside the element's range", "T04-07, D12-57, SV-10";
    RUNTIME_STATE = "scorm.runtime.state", Error, "a batch applied to a session that is not running", "A04-09, A12-08, A12-09";
    RUNTIME_CALL = "scorm.runtime.call-invalid", Error, "not a SCORM API function, or too many arguments", "RT-01";
    RUNTIME_COMMIT = "scorm.runtime.commit-invalid", Error, "a commit body that is not JSON or holds no CMI data", "DV-SA-15, RT-06";
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use learnwire_report::Severity;

    use super::*;
    use crate::Profile;
    use crate::build::severity;

    #[test]
    fn codes_are_unique_dotted_and_levels_follow_the_profile() {
        let mut seen = BTreeSet::new();
        for rule in ALL {
            assert!(seen.insert(rule.code.as_str()), "duplicate {}", rule.code);
            assert!(rule.code.as_str().starts_with("scorm."), "{}", rule.code);
            let (lenient, strict) = (
                severity(*rule, Profile::Lenient),
                severity(*rule, Profile::Strict),
            );
            let expected = match rule.level {
                Level::Error => (Severity::Error, Severity::Error),
                Level::StrictError => (Severity::Warning, Severity::Error),
                Level::Warning => (Severity::Warning, Severity::Warning),
                level => panic!("{}: a level this test does not know: {level:?}", rule.code),
            };
            assert_eq!((lenient, strict), expected, "{}", rule.code);
            assert!(!rule.summary.is_empty() && !rule.reference.is_empty());
        }
    }

    #[test]
    fn codes_follow_the_rules_with_their_strictest_severity() {
        assert_eq!(CODES.len(), ALL.len());
        for (info, rule) in CODES.iter().zip(ALL) {
            assert_eq!(info.code, rule.code);
            assert_eq!(
                info.severity,
                severity(*rule, Profile::Strict),
                "{}",
                rule.code
            );
            assert_eq!(
                (info.summary, info.reference),
                (rule.summary, rule.reference)
            );
        }
    }
}
