//! The SCORM manifest cases of the security catalogue (SCO-24..SCO-41), each with a fixture of our own.

use std::time::{Duration, Instant};

use learnwire_scorm::{Limits, Options, check_manifest, parse_manifest};

use crate::support::{assert_error, baseline, lenient, scorm12, with_href};

const ROOT: &str =
    r#"<manifest identifier="M" xmlns="http://www.imsproject.org/xsd/imscp_rootv1p1p2">"#;

fn timed(bytes: &[u8], code: &str) {
    let start = Instant::now();
    let check = lenient(bytes);
    assert_error(&check, code);
    assert!(parse_manifest(bytes, &Options::default()).is_err());
    assert!(
        start.elapsed() < Duration::from_secs(10),
        "{code} took {:?}",
        start.elapsed()
    );
}

#[test]
fn sco01_baseline_is_valid() {
    let check = lenient(baseline().as_bytes());
    assert!(check.is_valid(), "{:#?}", check.report);
    assert_eq!(check.launches.len(), 1);
}

#[test]
fn sco24_to_28_dtds_and_entities_are_refused() {
    let billion = r#"<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;"><!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;"><!ENTITY lol9 "&lol2;&lol2;">]><manifest><title>&lol9;</title></manifest>"#;
    timed(billion.as_bytes(), "scorm.xml.doctype");
    let big = "x".repeat(100_000);
    let quadratic = format!(
        "<!DOCTYPE m [<!ENTITY a \"{big}\">]><manifest><title>{}</title></manifest>",
        "&a;".repeat(10_000)
    );
    timed(quadratic.as_bytes(), "scorm.xml.doctype");
    for xxe in [
        r#"<!DOCTYPE m [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><manifest>&xxe;</manifest>"#,
        r#"<!DOCTYPE m [<!ENTITY xxe SYSTEM "../../../../../../etc/hostname">]><manifest>&xxe;</manifest>"#,
        r#"<!DOCTYPE manifest SYSTEM "http://attacker.invalid/evil.dtd"><manifest/>"#,
        r#"<!DOCTYPE m [<!ENTITY % ext SYSTEM "http://attacker.invalid/ext.dtd"> %ext;]><manifest/>"#,
        r#"<!DOCTYPE m [<!ENTITY a "&b;"><!ENTITY b "&a;">]><manifest>&a;</manifest>"#,
    ] {
        timed(xxe.as_bytes(), "scorm.xml.doctype");
    }
    timed(
        format!("{ROOT}<x>&undefined;</x></manifest>").as_bytes(),
        "scorm.xml.unknown-entity",
    );
    timed(
        format!(r#"{ROOT}<x a="&undefined;"/></manifest>"#).as_bytes(),
        "scorm.xml.unknown-entity",
    );
}

#[test]
fn sco29_deep_nesting_hits_the_depth_limit() {
    let depth = 100_000;
    let mut xml = String::from(ROOT);
    xml.push_str("<organizations><organization identifier=\"O\">");
    for n in 0..depth {
        xml.push_str(&format!("<item identifier=\"I{n}\">"));
    }
    timed(xml.as_bytes(), "scorm.limit.depth");
}

#[test]
fn sco30_huge_attribute_values_are_bounded() {
    let huge = format!(
        r#"<manifest identifier="{}"/>"#,
        "A".repeat(50 * 1024 * 1024)
    );
    timed(huge.as_bytes(), "scorm.limit.input-size");
    let long = format!(r#"<manifest identifier="{}"/>"#, "A".repeat(100 * 1024));
    timed(long.as_bytes(), "scorm.limit.attribute-length");
}

#[test]
fn sco31_and_32_too_many_attributes_or_namespaces() {
    let attrs: String = (0..50_000).map(|n| format!(" a{n}=\"v\"")).collect();
    timed(
        format!("<manifest{attrs}/>").as_bytes(),
        "scorm.limit.attributes",
    );
    let namespaces: String = (0..10_000)
        .map(|n| format!(" xmlns:p{n}=\"urn:x:{n}\""))
        .collect();
    timed(
        format!("<manifest{namespaces}/>").as_bytes(),
        "scorm.limit.attributes",
    );
}

#[test]
fn sco33_duplicate_attribute() {
    let xml = scorm12(
        "",
        r#"<resource identifier="RES-1" identifier="RES-2" type="webcontent" adlcp:scormtype="sco" href="a.html"/>"#,
    );
    timed(xml.as_bytes(), "scorm.xml.duplicate-attribute");
}

fn utf16(text: &str, little: bool, bom: bool) -> Vec<u8> {
    let mut out = Vec::new();
    if bom {
        out.extend_from_slice(if little { &[0xFF, 0xFE] } else { &[0xFE, 0xFF] });
    }
    for unit in text.encode_utf16() {
        out.extend_from_slice(&if little {
            unit.to_le_bytes()
        } else {
            unit.to_be_bytes()
        });
    }
    out
}

#[test]
fn sco34_encodings() {
    let text = baseline()
        .replacen("UTF-8", "UTF-16", 1)
        .replace("<title>Lesson</title>", "<title>Leçon</title>");
    for (little, bom) in [(true, true), (false, true), (true, false)] {
        let check = lenient(&utf16(&text, little, bom));
        assert!(
            check.is_valid(),
            "utf16 little={little} bom={bom}: {:#?}",
            check.report
        );
        let manifest = check.manifest.unwrap();
        assert_eq!(manifest.organizations.list[0].items[0].title, "Leçon");
    }
    let mut utf32 = vec![0xFF, 0xFE, 0, 0];
    for c in "<manifest/>".chars() {
        utf32.extend_from_slice(&u32::from(c).to_le_bytes());
    }
    timed(&utf32, "scorm.xml.unsupported-encoding");
    let mut bom_conflict = vec![0xEF, 0xBB, 0xBF];
    bom_conflict.extend_from_slice(text.as_bytes());
    timed(&bom_conflict, "scorm.xml.encoding-conflict");
    let unknown = baseline().replacen("UTF-8", "x-learnwire-unknown", 1);
    timed(unknown.as_bytes(), "scorm.xml.unsupported-encoding");
    // Odd byte count after a UTF-16 BOM: refused, never a panic.
    timed(&[0xFF, 0xFE, b'<', 0, b'm'], "scorm.xml.invalid-encoding");
    // ISO-8859-1 and windows-1252 are decoded, each as itself: byte 0x80 is the euro sign in
    // windows-1252 and U+0080 in ISO-8859-1 (see xml::iso_8859_1_is_latin1_not_windows_1252).
    for (label, euro) in [("windows-1252", "\u{20ac}"), ("ISO-8859-1", "\u{80}")] {
        let single_byte: Vec<u8> = baseline()
            .replacen("UTF-8", label, 1)
            .replace(
                "<title>Lesson</title>",
                "<title>Le\u{e7}on \u{20ac}</title>",
            )
            .chars()
            .map(|c| match c {
                '\u{20ac}' => 0x80,
                c => u8::try_from(u32::from(c)).unwrap(),
            })
            .collect();
        let check = lenient(&single_byte);
        assert!(check.is_valid(), "{:#?}", check.report);
        assert_eq!(
            check.manifest.unwrap().organizations.list[0].items[0].title,
            format!("Leçon {euro}")
        );
    }
}

#[test]
fn sco35_invalid_utf8() {
    for bad in [
        &[0xC3, 0x28][..],
        &[0xC0, 0xAF],
        &[0xED, 0xA0, 0x80],
        &[0xE2, 0x82],
    ] {
        let mut bytes = b"<manifest><title>".to_vec();
        bytes.extend_from_slice(bad);
        if bad.len() != 2 || bad[0] != 0xE2 {
            bytes.extend_from_slice(b"</title></manifest>");
        }
        let check = lenient(&bytes);
        assert_error(&check, "scorm.xml.invalid-encoding");
        assert!(
            check.report.issues()[0]
                .location
                .to_string()
                .contains("line 1, column 18"),
            "{:?}",
            check.report
        );
    }
}

#[test]
fn sco36_illegal_characters() {
    timed(
        format!("{ROOT}<x>&#0;</x></manifest>").as_bytes(),
        "scorm.xml.invalid-character",
    );
    timed(
        format!("{ROOT}<x>&#x1;</x></manifest>").as_bytes(),
        "scorm.xml.invalid-character",
    );
    timed(
        format!("{ROOT}<x>\u{1}</x></manifest>").as_bytes(),
        "scorm.xml.invalid-character",
    );
    timed(
        format!("{ROOT}<x a=\"&#1;\"/></manifest>").as_bytes(),
        "scorm.xml.invalid-character",
    );
}

#[test]
fn sco37_malformed_structure() {
    timed(
        format!("{ROOT}<a></b></manifest>").as_bytes(),
        "scorm.xml.malformed",
    );
    timed(
        format!("{ROOT}</manifest><manifest/>").as_bytes(),
        "scorm.xml.multiple-roots",
    );
    timed(
        format!("{ROOT}<organizations>").as_bytes(),
        "scorm.xml.unexpected-eof",
    );
    timed(b"", "scorm.xml.no-root");
    timed(b"  hello  ", "scorm.xml.malformed");
}

#[test]
fn sco38_and_39_launch_href_attacks() {
    for (href, code) in [
        ("../../../../etc/passwd", "scorm.href.escapes-root"),
        (
            "javascript:alert(document.domain)",
            "scorm.href.forbidden-scheme",
        ),
        ("file:///etc/passwd", "scorm.href.forbidden-scheme"),
        ("data:text/html,hi", "scorm.href.forbidden-scheme"),
        ("vbscript:msgbox", "scorm.href.forbidden-scheme"),
        ("content/%2e%2e/%2e%2e/x.html", "scorm.href.escapes-root"),
        ("C:\\course\\index.html", "scorm.href.invalid"),
    ] {
        let check = lenient(with_href(href).as_bytes());
        assert_error(&check, code);
        assert!(check.launches.is_empty(), "{href} must not launch");
    }
    let xml_base = scorm12(
        r#"<item identifier="ITEM-1" identifierref="RES-1"><title>L</title></item>"#,
        r#"<resource identifier="RES-1" type="webcontent" adlcp:scormtype="sco" xml:base="file:///etc/" href="passwd"><file href="passwd"/></resource>"#,
    );
    let check = lenient(xml_base.as_bytes());
    assert_error(&check, "scorm.href.forbidden-scheme");
    assert!(check.launches.is_empty());
}

#[test]
fn sco40_dangling_identifierref() {
    let xml = scorm12(
        r#"<item identifier="ITEM-1" identifierref="NOPE"><title>L</title></item>"#,
        r#"<resource identifier="RES-1" type="webcontent" adlcp:scormtype="sco" href="a.html"><file href="a.html"/></resource>"#,
    );
    timed(xml.as_bytes(), "scorm.item.identifierref-unresolved");
}

#[test]
fn sco41_duplicate_identifiers() {
    let xml = scorm12(
        r#"<item identifier="ITEM-1" identifierref="RES-1"><title>L</title></item>"#,
        r#"<resource identifier="RES-1" type="webcontent" adlcp:scormtype="sco" href="a.html"><file href="a.html"/></resource>
<resource identifier="RES-1" type="webcontent" adlcp:scormtype="asset" href="b.html"><file href="b.html"/></resource>"#,
    );
    let check = lenient(xml.as_bytes());
    assert_error(&check, "scorm.id.duplicate");
    let issue = check
        .report
        .errors()
        .find(|i| i.code.as_str() == "scorm.id.duplicate")
        .unwrap();
    assert!(
        issue
            .location
            .to_string()
            .starts_with("imsmanifest.xml:/manifest/resources/resource[2] (line 12, column 1)"),
        "{}",
        issue.location
    );
}

#[test]
fn limits_are_configurable() {
    let mut options = Options::default();
    options.limits = Limits::default().with_max_depth(3);
    let check = check_manifest(baseline().as_bytes(), &options);
    assert!(check.report.has_code("scorm.limit.depth"));
    options.limits = Limits::default().with_max_elements(5);
    assert!(
        check_manifest(baseline().as_bytes(), &options)
            .report
            .has_code("scorm.limit.elements")
    );
    options.limits = Limits::default().with_max_text_bytes(3);
    assert!(
        check_manifest(baseline().as_bytes(), &options)
            .report
            .has_code("scorm.limit.text-length")
    );
}

#[test]
fn many_issues_on_one_long_line_stay_linear() {
    // 60 000 resources without a type on a single line, in UTF-16: locations must not cost O(n) each.
    let resources: String = (0..60_000)
        .map(|n| {
            format!(r#"<resource identifier="R{n}" adlcp:scormtype="asset" href="a{n}.html"/>"#)
        })
        .collect();
    let xml = crate::support::scorm12("", &resources)
        .replace('\n', " ")
        .replacen("UTF-8", "UTF-16", 1);
    let mut bytes = vec![0xFF, 0xFE];
    for unit in xml.encode_utf16() {
        bytes.extend_from_slice(&unit.to_le_bytes());
    }
    let start = Instant::now();
    let check = lenient(&bytes);
    assert!(check.report.has_code("scorm.resource.type-missing"));
    assert!(check.report.dropped() > 0);
    assert!(
        start.elapsed() < Duration::from_secs(10),
        "took {:?}",
        start.elapsed()
    );
}

fn codes(check: &learnwire_scorm::ManifestCheck, code: &str) -> usize {
    check
        .report
        .issues()
        .iter()
        .filter(|issue| issue.code.as_str() == code)
        .count()
}

/// A resource whose `count` files sit under one `xml:base` of `base_len` bytes.
fn shared_base(base_len: usize, count: usize) -> String {
    let base = format!("{}/", "b".repeat(base_len));
    let files: String = (0..count)
        .map(|n| format!(r#"<file href="f{n}.html"/>"#))
        .collect();
    scorm12(
        r#"<item identifier="I" identifierref="R"><title>L</title></item>"#,
        &format!(
            r#"<resource identifier="R" type="webcontent" adlcp:scormtype="sco" xml:base="{base}" href="f0.html">{files}</resource>"#
        ),
    )
}

/// One 60 KB xml:base over 1 000 files would be 60 MB of paths (and as much work): every href is
/// refused at Limits::max_path_bytes instead, each with its own issue.
#[test]
fn a_long_xml_base_shared_by_many_hrefs_is_refused_at_the_path_length_limit() {
    let xml = shared_base(60_000, 1_000);
    let check = lenient(xml.as_bytes());
    assert_eq!(codes(&check, "scorm.limit.path-length"), 1_001);
    assert!(check.launches.is_empty());
    let mut options = Options::default();
    options.limits = Limits::default().with_max_path_bytes(70_000);
    let check = check_manifest(xml.as_bytes(), &options);
    assert_eq!(codes(&check, "scorm.limit.path-length"), 0);
    assert_eq!(check.launches.len(), 1);
}

/// With the path limit raised, the total of paths kept for the presence checks is still bounded:
/// one issue, then the remaining references are not recorded.
#[test]
fn file_references_stop_at_the_reference_budget() {
    let xml = shared_base(60_000, 1_000);
    let mut options = Options::default();
    options.limits = Limits::default()
        .with_max_path_bytes(70_000)
        .with_max_reference_bytes(1 << 20);
    let check = check_manifest(xml.as_bytes(), &options);
    assert_eq!(
        codes(&check, "scorm.limit.references"),
        1,
        "{:#?}",
        check.report.errors().next()
    );
    let files: std::collections::BTreeSet<String> = std::collections::BTreeSet::new();
    let check = learnwire_scorm::check_files(xml.as_bytes(), &files, &options);
    assert_eq!(codes(&check, "scorm.limit.references"), 1);
    // 1 MiB holds 17 of the 60 KB paths: only those are looked for.
    assert_eq!(codes(&check, "scorm.package.file-missing"), 17);
}

/// 2 000 items launching one resource from an organization with a 20 KB identifier would keep
/// 40 MB of copies of that identifier: the launch budget (16 MiB) stops the walk and says so.
#[test]
fn launch_records_stop_at_the_launch_budget() {
    let organization = "O".repeat(20_000);
    let items: String = (0..2_000)
        .map(|n| format!(r#"<item identifier="I{n}" identifierref="R"><title>t</title></item>"#))
        .collect();
    let xml = scorm12(
        &items,
        r#"<resource identifier="R" type="webcontent" adlcp:scormtype="sco" href="a.html"><file href="a.html"/></resource>"#,
    )
    .replace(r#""ORG""#, &format!(r#""{organization}""#));
    let check = lenient(xml.as_bytes());
    assert_eq!(codes(&check, "scorm.limit.launches"), 1);
    assert!(!check.report.has_code("scorm.launch.none"));
    let kept: usize = check
        .launches
        .iter()
        .map(|launch| launch.organization.len() + launch.url.len() + launch.item.len())
        .sum();
    assert!(kept <= Limits::default().max_launch_bytes(), "{kept}");
    // 16 MiB / (20 KB + a few hundred bytes per launch): about 830 of the 2 000.
    assert!(
        (700..900).contains(&check.launches.len()),
        "{}",
        check.launches.len()
    );
    let mut options = Options::default();
    options.limits = Limits::default().with_max_launch_bytes(64 << 20);
    let check = check_manifest(xml.as_bytes(), &options);
    assert_eq!(check.launches.len(), 2_000);
    assert!(check.is_valid(), "{:#?}", check.report);
}

/// 400 organizations each referencing one sub-manifest of 1 000 items visit 400 000 items from a
/// 3 000-element document: the visits stop at Limits::max_elements.
#[test]
fn sub_manifests_expanded_from_many_organizations_stop_at_the_visit_budget() {
    let organizations: String = (0..400)
        .map(|n| {
            format!(
                r#"<organization identifier="O{n}"><title>t</title><item identifier="I{n}" identifierref="S"><title>t</title></item></organization>"#
            )
        })
        .collect();
    let sub_items: String = (0..1_000)
        .map(|n| format!(r#"<item identifier="J{n}"><title>t</title></item>"#))
        .collect();
    let xml = format!(
        r#"<manifest identifier="M" xmlns="http://www.imsproject.org/xsd/imscp_rootv1p1p2" xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_rootv1p2">
<metadata><schema>ADL SCORM</schema><schemaversion>1.2</schemaversion></metadata>
<organizations default="O0">{organizations}</organizations><resources/>
<manifest identifier="S"><organizations default="SO"><organization identifier="SO"><title>t</title>{sub_items}</organization></organizations><resources/></manifest>
</manifest>"#
    );
    let mut options = Options::default();
    options.limits = Limits::default().with_max_elements(10_000);
    let check = check_manifest(xml.as_bytes(), &options);
    assert!(!check.report.has_code("scorm.limit.elements"));
    assert_eq!(codes(&check, "scorm.limit.launches"), 1);
    // Expanding it from one organization is within the budget.
    let one = xml
        .replace(r#"identifierref="S""#, r#"identifierref="NONE""#)
        .replacen(r#"identifierref="NONE""#, r#"identifierref="S""#, 1);
    let check = check_manifest(one.as_bytes(), &options);
    assert!(!check.report.has_code("scorm.limit.launches"));
}
