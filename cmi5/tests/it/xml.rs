//! The XML layer shared by `cmi5.xml` and `tincan.xml`: one test per code, each asserting it.

use learnwire_cmi5::tincan::check_tincan;
use learnwire_cmi5::{Options, Report, validate_course_structure};

use crate::support::{NS, au, baseline, course, error_codes};

fn codes_of(xml: &[u8]) -> Vec<&'static str> {
    error_codes(&validate_course_structure(xml, &Options::default()))
}

fn warnings(report: &Report) -> Vec<&'static str> {
    report.warnings().map(|issue| issue.code.as_str()).collect()
}

#[test]
fn well_formedness_errors_have_their_codes() {
    let cases: &[(&str, &str)] = &[
        ("<courseStructure>", "cmi5.xml.unexpected-eof"),
        ("", "cmi5.xml.no-root"),
        ("<a/><b/>", "cmi5.xml.multiple-roots"),
        ("<a x='1' x='2'/>", "cmi5.xml.duplicate-attribute"),
        ("<p:a/>", "cmi5.xml.namespace"),
        ("<a>\u{1}</a>", "cmi5.xml.invalid-character"),
        ("<a></b>", "cmi5.xml.malformed"),
    ];
    for (xml, code) in cases {
        assert_eq!(codes_of(xml.as_bytes()), [*code], "{xml:?}");
    }
}

#[test]
fn encodings_are_read_as_the_scorm_crate_reads_them() {
    let latin1 = baseline()
        .replace("encoding=\"UTF-8\"", "encoding=\"windows-1252\"")
        .replace(">Course<", ">Caf\u{e9}<");
    let bytes: Vec<u8> = latin1.chars().map(|c| c as u32 as u8).collect();
    assert!(codes_of(&bytes).is_empty());
    let report = validate_course_structure(latin1.as_bytes(), &Options::default());
    assert_eq!(warnings(&report), ["cmi5.xml.encoding-suspect"]);
    let unknown = baseline().replace("encoding=\"UTF-8\"", "encoding=\"x-klingon\"");
    assert_eq!(
        codes_of(unknown.as_bytes()),
        ["cmi5.xml.unsupported-encoding"]
    );
    let mut bom = b"\xEF\xBB\xBF".to_vec();
    bom.extend_from_slice(baseline().replace("UTF-8", "UTF-16").as_bytes());
    assert_eq!(codes_of(&bom), ["cmi5.xml.encoding-conflict"]);
    let mut utf8_bom = b"\xEF\xBB\xBF".to_vec();
    utf8_bom.extend_from_slice(baseline().as_bytes());
    assert!(codes_of(&utf8_bom).is_empty());
}

#[test]
fn attribute_and_input_limits_have_their_codes() {
    let many: String = (0..300).map(|n| format!(" v:a{n}='1'")).collect();
    let xml = format!(r#"<courseStructure xmlns="{NS}" xmlns:v="urn:v"{many}/>"#);
    assert_eq!(codes_of(xml.as_bytes()), ["cmi5.limit.attributes"]);
    let long = format!(
        r#"<courseStructure xmlns="{NS}" xmlns:v="urn:v" v:a="{}"/>"#,
        "x".repeat(70_000)
    );
    assert_eq!(codes_of(long.as_bytes()), ["cmi5.limit.attribute-length"]);
    let mut options = Options::default();
    options.limits = options.limits.with_max_input_bytes(100);
    let report = validate_course_structure(baseline().as_bytes(), &options);
    assert_eq!(error_codes(&report), ["cmi5.limit.input-size"]);
    options.limits = learnwire_cmi5::Limits::default().with_max_elements(5);
    let report = validate_course_structure(baseline().as_bytes(), &options);
    assert_eq!(error_codes(&report), ["cmi5.limit.elements"]);
}

#[test]
fn text_in_element_content_is_strict_only() {
    let xml = course(&au("https://e.com/a", "", "a.html")).replace("<au id", "stray text<au id");
    let lenient = validate_course_structure(xml.as_bytes(), &Options::default());
    assert!(lenient.is_valid());
    assert_eq!(warnings(&lenient), ["cmi5.structure.text"]);
}

#[test]
fn tincan_duplicate_ids_warn_and_activity_counts_are_bounded() {
    let activity = r#"<activity id="https://e.com/a"><launch>a.html</launch></activity>"#;
    let xml = format!(
        r#"<tincan xmlns="http://projecttincan.com/tincan.xsd"><activities>{activity}{activity}</activities></tincan>"#
    );
    let check = check_tincan(xml.as_bytes(), &Options::default());
    assert!(check.is_valid());
    assert_eq!(warnings(&check.report), ["cmi5.tincan.duplicate-id"]);
    let mut options = Options::default();
    options.limits = options.limits.with_max_course_nodes(1);
    let check = check_tincan(xml.as_bytes(), &options);
    assert_eq!(error_codes(&check.report), ["cmi5.limit.course-size"]);
}
