//! The cmi5 cases of the security catalogue (`rules/security.md` §3, CMI-01..CMI-24): one test each,
//! every call under `catch_unwind`, each refusal asserting its stable code, each bounded in time.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::time::{Duration, Instant};

use learnwire_cmi5::{
    Options, PackageCheck, Report, check_course_structure, check_zip, validate_course_structure,
};

use crate::support::{Kind, au, baseline, course, error_codes, stored, zip};

/// Runs `f` without letting a panic escape, within the catalogue's debug-build time budget.
fn safely<T>(f: impl FnOnce() -> T) -> T {
    let started = Instant::now();
    let result = catch_unwind(AssertUnwindSafe(f)).expect("no panic");
    assert!(
        started.elapsed() < Duration::from_secs(10),
        "took {:?}",
        started.elapsed()
    );
    result
}

fn document(xml: &[u8]) -> Report {
    safely(|| validate_course_structure(xml, &Options::default()))
}

fn package(bytes: Vec<u8>) -> PackageCheck {
    safely(|| check_zip(bytes, &Options::default()))
}

fn has_error(report: &Report, code: &str) -> bool {
    report.errors().any(|issue| issue.code.as_str() == code)
}

fn baseline_zip_with(extra: &[(&str, &[u8], Kind)]) -> Vec<u8> {
    let xml = baseline();
    let mut entries = vec![
        ("cmi5.xml", xml.as_bytes(), Kind::Stored),
        ("content/index.html", b"<p>hi</p>".as_slice(), Kind::Stored),
    ];
    entries.extend_from_slice(extra);
    zip(&entries)
}

#[test]
fn cmi01_the_baseline_is_accepted_loose_and_zipped() {
    let loose = safely(|| check_course_structure(baseline().as_bytes(), &Options::default()));
    assert!(loose.is_valid(), "{}", loose.report);
    assert!(loose.course.is_some());
    let zipped = package(baseline_zip_with(&[]));
    assert!(zipped.is_valid(), "{}", zipped.report);
    assert_eq!(
        zipped.launches[0].path.as_deref(),
        Some("content/index.html")
    );
}

#[test]
fn cmi02_billion_laughs_is_refused_as_a_doctype() {
    let xml = format!(
        r#"<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>{}"#,
        baseline()
            .replace("<?xml version=\"1.0\" encoding=\"UTF-8\"?>", "")
            .replace(">Course<", ">&lol2;<")
    );
    assert_eq!(error_codes(&document(xml.as_bytes())), ["cmi5.xml.doctype"]);
}

#[test]
fn cmi03_xxe_is_refused_as_a_doctype() {
    let xml = r#"<?xml version="1.0"?><!DOCTYPE c [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><courseStructure>&xxe;</courseStructure>"#;
    assert_eq!(error_codes(&document(xml.as_bytes())), ["cmi5.xml.doctype"]);
}

#[test]
fn cmi04_an_external_dtd_is_refused() {
    let xml = r#"<?xml version="1.0"?><!DOCTYPE courseStructure SYSTEM "http://attacker.invalid/x.dtd"><courseStructure/>"#;
    assert_eq!(error_codes(&document(xml.as_bytes())), ["cmi5.xml.doctype"]);
    let undeclared = r#"<courseStructure>&undeclared;</courseStructure>"#;
    assert_eq!(
        error_codes(&document(undeclared.as_bytes())),
        ["cmi5.xml.unknown-entity"]
    );
}

#[test]
fn cmi05_100000_nested_blocks_hit_the_depth_limit() {
    let depth = 100_000;
    let open = r#"<block id="https://e.com/b"><title><langstring>B</langstring></title><description><langstring/></description>"#;
    let mut xml = String::with_capacity(depth * (open.len() + 8));
    xml.push_str(&course("").replace("</courseStructure>", ""));
    for _ in 0..depth {
        xml.push_str(open);
    }
    for _ in 0..depth {
        xml.push_str("</block>");
    }
    xml.push_str("</courseStructure>");
    let check = package(stored(&[("cmi5.xml", xml.as_bytes())]));
    assert_eq!(error_codes(&check.report), ["cmi5.limit.depth"]);
}

#[test]
fn cmi06_a_50_mb_langstring_is_refused_by_a_limit() {
    let text = "a".repeat(50 * 1024 * 1024);
    let xml = baseline().replace(">Course<", &format!(">{text}<"));
    let check = package(zip(&[("cmi5.xml", xml.as_bytes(), Kind::Deflated)]));
    let codes = error_codes(&check.report);
    assert!(
        codes.contains(&"package.ratio-exceeded") || codes.contains(&"cmi5.limit.input-size"),
        "{codes:?}"
    );
    let small = baseline().replace(">Course<", &format!(">{}<", "a".repeat(2 * 1024 * 1024)));
    assert_eq!(
        error_codes(&document(small.as_bytes())),
        ["cmi5.limit.text-length"]
    );
}

#[test]
fn cmi07_javascript_and_file_urls_are_invalid() {
    for url in [
        "javascript:alert(1)",
        "file:///etc/passwd",
        "data:text/html,x",
        "vbscript:x",
    ] {
        let xml = course(&au("https://e.com/a", "", url));
        assert_eq!(
            error_codes(&document(xml.as_bytes())),
            ["cmi5.au.url-invalid"],
            "{url}"
        );
    }
    let https = course(&au(
        "https://e.com/a",
        "",
        "https://cdn.example.com/au/index.html",
    ));
    assert!(document(https.as_bytes()).is_valid());
}

#[test]
fn cmi08_a_url_climbing_out_of_the_package_is_invalid() {
    for url in [
        "../../../../etc/passwd",
        "a/%2e%2e/%2e%2e/x",
        "..%2Fx",
        "a\\..\\..\\x",
        "/etc/passwd",
        "//evil.example/x",
    ] {
        let xml = course(&au("https://e.com/a", "", url));
        assert_eq!(
            error_codes(&document(xml.as_bytes())),
            ["cmi5.au.url-invalid"],
            "{url}"
        );
    }
}

#[test]
fn cmi09_a_duplicate_au_id_is_refused() {
    let one = au("https://e.com/a", "", "a.html");
    let xml = course(&format!("{one}{one}"));
    assert_eq!(
        error_codes(&document(xml.as_bytes())),
        ["cmi5.id.duplicate"]
    );
}

#[test]
fn cmi10_an_unknown_move_on_is_refused() {
    let xml = course(&au("https://e.com/a", r#"moveOn="Whenever""#, "a.html"));
    assert_eq!(error_codes(&document(xml.as_bytes())), ["cmi5.au.move-on"]);
}

#[test]
fn cmi11_mastery_score_out_of_range_or_nan_is_refused() {
    for score in ["1.5", "NaN", "inf", "-0.1", "0,8", "8e-1"] {
        let xml = course(&au(
            "https://e.com/a",
            &format!(r#"masteryScore="{score}""#),
            "a.html",
        ));
        assert_eq!(
            error_codes(&document(xml.as_bytes())),
            ["cmi5.au.mastery-score"],
            "{score}"
        );
    }
}

#[test]
fn cmi12_an_unknown_launch_method_is_refused() {
    let xml = course(&au("https://e.com/a", r#"launchMethod="Popup""#, "a.html"));
    assert_eq!(
        error_codes(&document(xml.as_bytes())),
        ["cmi5.au.launch-method"]
    );
}

#[test]
fn cmi13_a_missing_course_or_course_id_is_refused() {
    let no_course = format!(
        r#"<courseStructure xmlns="{}">{}</courseStructure>"#,
        crate::support::NS,
        au("https://e.com/a", "", "a.html")
    );
    assert_eq!(
        error_codes(&document(no_course.as_bytes())),
        ["cmi5.structure.missing-element"]
    );
    let no_id = baseline().replace(r#"<course id="https://example.com/course">"#, "<course>");
    assert_eq!(
        error_codes(&document(no_id.as_bytes())),
        ["cmi5.attribute.missing"]
    );
}

#[test]
fn cmi14_an_id_that_is_not_an_iri_is_refused() {
    let xml = course(&au("not an iri", "", "a.html"));
    assert_eq!(error_codes(&document(xml.as_bytes())), ["cmi5.id.not-iri"]);
}

#[test]
fn cmi15_zip_slip_is_refused_by_the_package_checks() {
    let check = package(baseline_zip_with(&[(
        "../../learnwire-zipslip.txt",
        b"x",
        Kind::Stored,
    )]));
    assert!(
        has_error(&check.report, "package.path-traversal"),
        "{}",
        check.report
    );
}

#[test]
fn cmi16_a_symlink_entry_is_refused() {
    let check = package(baseline_zip_with(&[(
        "content/passwd",
        b"/etc/passwd",
        Kind::Symlink,
    )]));
    assert!(
        has_error(&check.report, "package.symlink"),
        "{}",
        check.report
    );
}

#[test]
fn cmi17_a_course_structure_inflating_to_256_mib_is_refused_unread() {
    let mut xml = baseline().into_bytes();
    xml.resize(256 * 1024 * 1024, b' ');
    let bytes = zip(&[("cmi5.xml", &xml, Kind::Deflated)]);
    drop(xml);
    let check = package(bytes);
    let codes = error_codes(&check.report);
    assert!(codes.contains(&"package.ratio-exceeded"), "{codes:?}");
    assert!(codes.contains(&"cmi5.package.unreadable"), "{codes:?}");
    assert!(check.course.is_none());
    // Stored (no ratio to judge), the size limit on the course structure itself refuses it.
    let mut big = baseline().into_bytes();
    big.resize(17 * 1024 * 1024, b' ');
    let check = package(stored(&[("cmi5.xml", &big)]));
    let codes = error_codes(&check.report);
    assert!(
        codes.contains(&"package.manifest-too-large") || codes.contains(&"cmi5.limit.input-size"),
        "{codes:?}"
    );
}

#[test]
fn cmi18_a_zip_without_cmi5_xml_is_refused() {
    let check = package(stored(&[("README.md", b"# no course here")]));
    assert_eq!(
        error_codes(&check.report),
        ["cmi5.package.no-course-structure"]
    );
}

#[test]
fn cmi19_cmi5_xml_and_cmi5_xml_in_upper_case_collide() {
    let xml = baseline();
    let check = package(stored(&[
        ("cmi5.xml", xml.as_bytes()),
        ("CMI5.XML", xml.as_bytes()),
        ("content/index.html", b"x"),
    ]));
    let codes = error_codes(&check.report);
    assert!(
        codes
            .iter()
            .any(|code| code.starts_with("package.") && code.contains("collision")),
        "{codes:?}"
    );
}

#[test]
fn cmi20_two_cmi5_xml_entries_are_refused() {
    let xml = baseline();
    let check = package(stored(&[
        ("cmi5.xml", xml.as_bytes()),
        ("cmi5.xml", xml.as_bytes()),
        ("content/index.html", b"x"),
    ]));
    assert!(
        has_error(&check.report, "package.duplicate"),
        "{}",
        check.report
    );
}

#[test]
fn cmi21_a_utf16_course_structure_is_decoded() {
    let text = baseline().replace("encoding=\"UTF-8\"", "encoding=\"UTF-16\"");
    let mut bytes = vec![0xFF, 0xFE];
    for unit in text.encode_utf16() {
        bytes.extend_from_slice(&unit.to_le_bytes());
    }
    let check = safely(|| check_course_structure(&bytes, &Options::default()));
    assert!(check.is_valid(), "{}", check.report);
    assert_eq!(check.course.unwrap().title.first_text(), "Course");
}

#[test]
fn cmi22_invalid_utf8_is_refused() {
    let mut bytes = baseline().into_bytes();
    let at = bytes.windows(6).position(|w| w == b"Course").unwrap();
    bytes[at] = 0xC3;
    bytes[at + 1] = 0x28;
    assert_eq!(
        error_codes(&document(&bytes)),
        ["cmi5.xml.invalid-encoding"]
    );
}

#[test]
fn cmi23_50000_aus_hit_a_size_limit_in_linear_time() {
    let aus = |count: usize| {
        let members: String = (0..count)
            .map(|n| au(&format!("https://e.com/a/{n}"), "", "https://e.com/x.html"))
            .collect();
        course(&members)
    };
    // 50 000 AUs are 300 000 elements: the element limit (200 000) stops the reading first.
    let check = package(zip(&[("cmi5.xml", aus(50_000).as_bytes(), Kind::Deflated)]));
    assert_eq!(error_codes(&check.report), ["cmi5.limit.elements"]);
    // 20 000 AUs fit in the element limit and hit the course size limit (10 000 AUs and blocks).
    let check = package(zip(&[("cmi5.xml", aus(20_000).as_bytes(), Kind::Deflated)]));
    assert_eq!(error_codes(&check.report), ["cmi5.limit.course-size"]);
}

#[test]
fn cmi24_an_empty_url_is_refused() {
    for url in ["", "   "] {
        let xml = course(&au("https://e.com/a", "", url));
        assert_eq!(
            error_codes(&document(xml.as_bytes())),
            ["cmi5.au.url-invalid"]
        );
    }
}

#[test]
fn block_nesting_is_capped_whatever_the_depth_limit_says() {
    let depth = 2_000;
    let open = r#"<block id="https://e.com/b"><title><langstring>B</langstring></title><description><langstring/></description>"#;
    let mut xml = course("").replace("</courseStructure>", "");
    for _ in 0..depth {
        xml.push_str(open);
    }
    xml.push_str(&au("https://e.com/a", "", "https://e.com/a.html"));
    for _ in 0..depth {
        xml.push_str("</block>");
    }
    xml.push_str("</courseStructure>");
    let mut options = Options::default();
    options.limits = options.limits.with_max_depth(100_000);
    // On a test thread's default stack (2 MiB): building and dropping the model must not overflow.
    let report =
        std::thread::spawn(move || safely(|| validate_course_structure(xml.as_bytes(), &options)))
            .join()
            .unwrap();
    assert!(
        error_codes(&report).contains(&"cmi5.limit.depth"),
        "{report}"
    );
}
