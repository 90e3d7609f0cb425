//! Every code this crate emits: a stable code, a level, a one-line summary and the rule ids behind it.
//!
//! Codes are stable: never renamed or reused. Rule ids refer to the Learnwire rule checklist
//! (`X-*` XML layer, `C5S-*` course structure, `C5P-*` course package, `V-01` detection) and the
//! security catalogue (`CMI-*`); `TC-*` are this crate's TinCan package rules (no published checklist:
//! see the `tincan` module). [`CODES`] is built from [`ALL`], the single list.
//!
//! The XML layer (`cmi5.xml.*`, `cmi5.limit.*`) is shared by `cmi5.xml` and `tincan.xml`: both are read
//! by the same bounded reader.
//!
//! [`Level`] and [`Rule`] are learnwire-report's, re-exported here:
//!
//! ```
//! use learnwire_cmi5::codes::{self, Level, Rule};
//!
//! let rule: Rule = codes::AU_ACTIVITY_TYPE;
//! assert_eq!(rule.code.as_str(), "cmi5.au.activity-type");
//! assert_eq!(rule.level, Level::StrictError);
//! assert_eq!(codes::CODES.len(), codes::ALL.len());
//! ```

pub use learnwire_report::{Level, Rule};

// One list for the whole crate: the course structure and package side first, then the LMS side
// (launch, fetch, statements, moveOn) added by its modules.
learnwire_report::rules! {
    pub;
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
    PACKAGE_NAME_CASE = "cmi5.package.name-case", StrictError, "the descriptor is named with other letter case than cmi5.xml (or tincan.xml)", "C5P-02, V-01";
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

    // LMS side (launch, fetch URL, statement rules in CATAPULT's order, moveOn): rules C5L-*, C5R-*, MO-*
    // of rules/scorm-cmi5.md with the CATAPULT requirement ids.
    LMS_LAUNCH_AU_URL = "cmi5.launch.au-url", Error, "the AU url is not a URL, or is relative and no content base was given", "C5L-01; cmi5 §8.1, §13.1.4; [13.1.4.0-2]";
    LMS_LAUNCH_AU_URL_SCHEME = "cmi5.launch.au-url-scheme", Error, "the AU url has a scheme no LMS should launch (javascript:, data:, vbscript:, file:, blob:) or cannot carry a query", "C5L-01; security.md (launch safety)";
    LMS_LAUNCH_AU_URL_OUTSIDE = "cmi5.launch.au-url-outside", Error, "a relative AU url resolves outside the content base", "C5P-03; security.md CMI-08";
    LMS_LAUNCH_RESERVED_NAME = "cmi5.launch.reserved-name", Error, "the AU url's query already uses a launch parameter name (endpoint, fetch, actor, registration, activityId)", "C5S-13; cmi5 §8.1; [8.1.0.0-6 (d)]";
    LMS_LAUNCH_ACTIVITY_ID = "cmi5.launch.activity-id", Error, "the LMS activityId equals the AU's publisher id", "C5L-04; cmi5 §8.1.5; [8.1.5.0-3]";
    LMS_LAUNCH_ACTOR = "cmi5.launch.actor", Error, "the launch actor is not an Agent identified by an account", "C5L-02; cmi5 §8.1.3, §9.2; [9.2.0.0-3]";
    LMS_LAUNCH_DATA_JSON = "cmi5.launch-data.json", Error, "an LMS.LaunchData document is not the JSON object of cmi5 §10", "C5L-06; cmi5 §10; [10.1.0.0-2]";
    LMS_PREFERENCES_JSON = "cmi5.preferences.json", Error, "a cmi5LearnerPreferences document is not a JSON object with languagePreference and audioPreference", "C5L-08; cmi5 §11; [11.0.0.0-5]";
    LMS_PREFERENCES_LANGUAGE = "cmi5.preferences.language", Error, "languagePreference is not a comma-separated list of RFC 5646 language tags", "C5L-08; cmi5 §11.1; [11.1.0.0-1]";
    LMS_PREFERENCES_AUDIO = "cmi5.preferences.audio", Error, "audioPreference is not \"on\" or \"off\"", "C5L-08; cmi5 §11.2; [11.0.0.0-5]";
    LMS_FETCH_METHOD = "cmi5.fetch.method", Error, "the fetch URL was called with another method than POST", "C5L-05; cmi5 §8.2.1; [8.2.1.0-2]";
    LMS_FETCH_ALREADY_USED = "cmi5.fetch.already-used", Error, "the fetch URL was already used or its session expired (error-code 1)", "C5L-05; cmi5 §8.2.3; [8.2.3.0-1], [8.2.3.2-1]";
    LMS_FETCH_SECURITY = "cmi5.fetch.security", Error, "the fetch URL names no token the LMS issued (error-code 2)", "C5L-05; cmi5 §8.2.3.2; [8.2.3.2-1]";
    LMS_FETCH_APPLICATION = "cmi5.fetch.application", Error, "the token store failed (error-code 3)", "C5L-05; cmi5 §8.2.3.2; [8.2.3.2-1]";
    LMS_STATEMENT_XAPI = "cmi5.statement.xapi", Error, "the statement is not a valid xAPI statement", "C5R-01; cmi5 §4.1; [4.1.0.0-1]";
    LMS_STATEMENT_ID = "cmi5.statement.id", Error, "the statement has no id", "C5R-01; cmi5 §9.1; [9.1.0.0-1 (d)]";
    LMS_STATEMENT_VOIDING = "cmi5.statement.voiding", Error, "an AU may not void statements", "C5R-04; cmi5 §6.3; [6.3.0.0-1]";
    LMS_STATEMENT_TIMESTAMP = "cmi5.statement.timestamp", Error, "the statement has no timestamp", "C5R-01; cmi5 §9.7; [9.7.0.0-1 (d)]";
    LMS_STATEMENT_TIMESTAMP_UTC = "cmi5.statement.timestamp-utc", Error, "the statement's timestamp is not in UTC (Z, +00:00, +0000 or +00)", "C5R-01; cmi5 §9.7; [9.7.0.0-2 (d)]";
    LMS_STATEMENT_ACTOR = "cmi5.statement.actor", Error, "the statement's actor is not the launch actor", "C5R-02; cmi5 §8.1.3; [8.1.3.0-3 (d)]";
    LMS_CONTEXT_MISSING = "cmi5.context.missing", Error, "the statement has no context", "C5R-03; cmi5 §9.6; [9.6.0.0-1 (d)]";
    LMS_CONTEXT_TEMPLATE = "cmi5.context.template", Error, "the context lacks or overwrites a value of the contextTemplate", "C5R-03; cmi5 §10.2.1; [10.2.1.0-6 (d)], [10.2.1.0-7 (d)], [9.6.2.0-1 (d)]";
    LMS_CONTEXT_MOVEON_FORBIDDEN = "cmi5.context.moveon-forbidden", Error, "the moveOn category activity on a statement that is not a cmi5 defined passed, failed or completed", "C5R-13; cmi5 §9.6.2.2; [9.6.2.2-2 (d)]";
    LMS_CONTEXT_REGISTRATION = "cmi5.context.registration", Error, "context.registration is missing or not the launch registration", "C5R-03; cmi5 §9.6.1; [9.6.1.0-1 (d)]";
    LMS_CONTEXT_SESSION_ID = "cmi5.context.session-id", Error, "the session id context extension is missing", "C5R-03; cmi5 §9.6.3.1; [9.6.3.1-4 (d)]";
    LMS_SESSION_NOT_INITIALIZED = "cmi5.session.not-initialized", Error, "a statement before the session's initialized statement", "C5R-05; cmi5 §9.3; [9.3.0.0-4 (d2)]";
    LMS_SESSION_TERMINATED = "cmi5.session.terminated", Error, "a statement after the session's terminated statement", "C5R-05; cmi5 §9.3, §9.3.8; [9.3.0.0-5 (d2)], [9.3.8.0-4]";
    LMS_SESSION_ABANDONED = "cmi5.session.abandoned", Error, "a statement after the LMS abandoned the session", "C5R-05; cmi5 §9.3.6; [9.3.6.0-2 (d2)]";
    LMS_ACTOR_NOT_AGENT = "cmi5.actor.not-agent", Error, "the actor of a cmi5 defined statement is not an Agent", "C5R-02; cmi5 §9.2; [9.2.0.0-2]";
    LMS_ACTOR_ACCOUNT = "cmi5.actor.account", Error, "the actor of a cmi5 defined statement has no account", "C5R-02; cmi5 §9.2; [9.2.0.0-3]";
    LMS_OBJECT_ACTIVITY_ID = "cmi5.object.activity-id", Error, "the object of a cmi5 defined statement is not the launch activityId", "C5R-07; cmi5 §9.4; [8.1.5.0-6 (d)], [9.4.0.0-1 (d)], [9.4.0.0-2]";
    LMS_SESSION_LAUNCH_MODE = "cmi5.session.launch-mode", Error, "completed, passed or failed in a Browse or Review session", "C5R-10; cmi5 §10.2.2; [10.2.2.0-2 (d)], [10.2.2.0-3 (d)]";
    LMS_RESULT_COMPLETION = "cmi5.result.completion", Error, "completed without result.completion true", "C5R-11; cmi5 §9.5.3; [9.5.3.0-1 (d1)]";
    LMS_RESULT_COMPLETION_FORBIDDEN = "cmi5.result.completion-forbidden", Error, "result.completion on a cmi5 defined statement other than completed", "C5R-11; cmi5 §9.5.3; [9.5.3.0-2 (d)]";
    LMS_RESULT_SUCCESS = "cmi5.result.success", Error, "passed without result.success true, or failed without result.success false", "C5R-12; cmi5 §9.5.2; [9.5.2.0-1 (d1)], [9.5.2.0-2 (d)]";
    LMS_RESULT_SUCCESS_FORBIDDEN = "cmi5.result.success-forbidden", Error, "result.success on a cmi5 defined statement other than passed or failed", "C5R-12; cmi5 §9.5.2; [9.5.2.0-3 (d)]";
    LMS_CONTEXT_MOVEON_CATEGORY = "cmi5.context.moveon-category", Error, "result.success or result.completion without the moveOn category activity", "C5R-13; cmi5 §9.6.2.2; [9.6.2.2-1 (d1)]";
    LMS_RESULT_SCORE_FORBIDDEN = "cmi5.result.score-forbidden", Error, "result.score on a cmi5 defined statement other than passed or failed", "C5R-14; cmi5 §9.5.1; [9.5.1.0-2 (d)]";
    LMS_RESULT_SCORE_RAW = "cmi5.result.score-raw", Error, "score.raw without score.min and score.max", "C5R-14; cmi5 §9.5.1; [9.5.1.0-3 (d1)], [9.5.1.0-3 (d2)]";
    LMS_CONTEXT_MASTERY_SCORE = "cmi5.context.mastery-score", Error, "a scored passed or failed without the session's masteryScore context extension", "C5R-15; cmi5 §9.6.3.2; [9.6.3.2-2 (d)]";
    LMS_RESULT_DURATION = "cmi5.result.duration", Error, "terminated, completed, passed or failed without result.duration", "C5R-16; cmi5 §9.5.4.1; [9.5.4.1-1 (d)] to [9.5.4.1-4 (d)]";
    LMS_SESSION_DUPLICATE_VERB = "cmi5.session.duplicate-verb", Error, "a cmi5 defined verb used twice in one session", "C5R-08; cmi5 §9.3; [9.3.0.0-2 (d)], [9.3.2.0-3 (d)]";
    LMS_SESSION_PASSED_AND_FAILED = "cmi5.session.passed-and-failed", Error, "passed and failed in one session", "C5R-08; cmi5 §9.3; [9.3.0.0-3 (d)]";
    LMS_REGISTRATION_COMPLETED_TWICE = "cmi5.registration.completed-twice", Error, "a second completed in the registration", "C5R-09; cmi5 §9.3; [9.3.0.0-6 (d2)]";
    LMS_REGISTRATION_PASSED_TWICE = "cmi5.registration.passed-twice", Error, "a second passed in the registration", "C5R-09; cmi5 §9.3; [9.3.0.0-7 (d2)]";
    LMS_REGISTRATION_FAILED_AFTER_PASSED = "cmi5.registration.failed-after-passed", Error, "failed after passed in the registration", "C5R-09; cmi5 §9.3; [9.3.0.0-8 (d)]";
    LMS_RESULT_BELOW_MASTERY = "cmi5.result.below-mastery", Error, "passed with a scaled score below the masteryScore", "C5R-15; cmi5 §9.3.4; [9.3.4.0-2 (d2)]";
    LMS_RESULT_REACHES_MASTERY = "cmi5.result.reaches-mastery", Error, "failed with a scaled score at or above the masteryScore", "C5R-15; cmi5 §9.3.5; [9.3.5.0-2 (d)]";
    LMS_STATEMENT_LMS_VERB = "cmi5.statement.lms-verb", Error, "an AU sent a verb only the LMS may use (launched, satisfied, abandoned, waived)", "C5R-06; cmi5 §9.3.1, §9.3.6, §9.3.7, §9.3.9";
    LMS_STATEMENT_UNKNOWN_VERB = "cmi5.statement.unknown-verb", Error, "a statement with the cmi5 category and a verb cmi5 does not define", "C5R-06; cmi5 §9.3; [9.3.0.0-1]";
    LMS_RESULT_PROGRESS = "cmi5.result.progress", Error, "the progress result extension is not an integer from 0 to 100", "C5R-17; cmi5 §9.5.5.1";
    LMS_RESULT_PROGRESS_AFTER_COMPLETED = "cmi5.result.progress-after-completed", Warning, "the progress result extension on or after completed", "C5R-17; cmi5 §9.5.5.1 (SHOULD NOT)";
    LMS_LMS_SESSION_CLOSED = "cmi5.lms.session-closed", Error, "the LMS may not abandon a session that is already terminated or abandoned", "C5L-09; cmi5 §9.3; [9.3.0.0-10]";
    LMS_LMS_WAIVED_TWICE = "cmi5.lms.waived-twice", Error, "the LMS may not waive an AU twice in one registration", "C5L-10; cmi5 §9.3.7; [9.3.7.0-4]";
    LMS_MOVEON_UNKNOWN_AU = "cmi5.moveon.unknown-au", Error, "an AU id that is not in the course", "MO-01; cmi5 §13.1.4";
    LMS_MOVEON_LMS_ID = "cmi5.moveon.lms-id", Error, "an LMS-generated block or course id equals its publisher id", "MO-04; cmi5 §9.3.9; [9.3.9.0-4], [9.3.9.0-8]";
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
