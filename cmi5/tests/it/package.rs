//! Package checks: cmi5.xml at the root, AU files present, the three forms of cmi5 §14.

use learnwire_cmi5::{Options, Profile, Standard, check_path, check_zip};

use crate::support::{TempDir, au, baseline, course, error_codes, stored};

#[test]
fn relative_au_urls_resolve_to_entries_after_decoding_and_stripping() {
    let xml = course(&format!(
        "{}{}",
        au(
            "https://e.com/a/1",
            "",
            "my%20course/index.html?lang=en#start"
        ),
        au("https://e.com/a/2", "", "./my%20course/../other.html")
    ));
    let check = check_zip(
        stored(&[
            ("cmi5.xml", xml.as_bytes()),
            ("my course/index.html", b"x"),
            ("other.html", b"x"),
        ]),
        &Options::default(),
    );
    assert!(check.is_valid(), "{}", check.report);
    let paths: Vec<_> = check.launches.iter().map(|l| l.path.as_deref()).collect();
    assert_eq!(paths, [Some("my course/index.html"), Some("other.html")]);
    assert_eq!(
        check.launches[0].url,
        "my%20course/index.html?lang=en#start"
    );
}

#[test]
fn a_literal_space_in_an_au_url_is_invalid() {
    let xml = course(&au("https://e.com/a", "", "my course/index.html"));
    let check = check_zip(
        stored(&[("cmi5.xml", xml.as_bytes()), ("my course/index.html", b"x")]),
        &Options::default(),
    );
    assert_eq!(error_codes(&check.report), ["cmi5.au.url-invalid"]);
}

#[test]
fn a_relative_au_url_without_its_file_is_an_error_at_the_url() {
    let check = check_zip(
        stored(&[("cmi5.xml", baseline().as_bytes())]),
        &Options::default(),
    );
    assert_eq!(error_codes(&check.report), ["cmi5.package.au-file-missing"]);
    let issue = check.report.errors().next().unwrap();
    assert!(
        issue
            .location
            .to_string()
            .starts_with("cmi5.xml:/courseStructure/au[1]/url (line")
    );
}

#[test]
fn a_file_found_only_ignoring_case_is_strict_only() {
    let zip = stored(&[
        ("cmi5.xml", baseline().as_bytes()),
        ("Content/Index.html", b"x"),
    ]);
    let lenient = check_zip(zip.clone(), &Options::default());
    assert!(lenient.is_valid(), "{}", lenient.report);
    assert!(lenient.report.has_code("cmi5.package.au-file-case"));
    let strict = check_zip(zip, &Options::new(Profile::Strict));
    assert_eq!(error_codes(&strict.report), ["cmi5.package.au-file-case"]);
}

#[test]
fn absolute_au_urls_need_no_entry() {
    let xml = course(&au(
        "https://e.com/a",
        "",
        "https://cdn.example.com/a/index.html",
    ));
    let check = check_zip(stored(&[("cmi5.xml", xml.as_bytes())]), &Options::default());
    assert!(check.is_valid(), "{}", check.report);
    assert_eq!(check.launches[0].path, None);
}

#[test]
fn a_package_zipped_one_folder_too_high_is_read_from_that_folder_with_a_warning() {
    let zip = stored(&[
        ("course/cmi5.xml", baseline().as_bytes()),
        ("course/content/index.html", b"x"),
        ("__MACOSX/course/._cmi5.xml", b"junk"),
    ]);
    let lenient = check_zip(zip.clone(), &Options::default());
    assert!(lenient.is_valid(), "{}", lenient.report);
    assert!(lenient.report.has_code("cmi5.package.not-at-root"));
    assert_eq!(lenient.content_root.as_deref(), Some("course"));
    let strict = check_zip(zip, &Options::new(Profile::Strict));
    assert_eq!(error_codes(&strict.report), ["cmi5.package.not-at-root"]);
}

#[test]
fn a_course_structure_named_in_other_case_is_strict_only() {
    let zip = stored(&[
        ("CMI5.xml", baseline().as_bytes()),
        ("content/index.html", b"x"),
    ]);
    let lenient = check_zip(zip.clone(), &Options::default());
    assert!(lenient.is_valid(), "{}", lenient.report);
    let strict = check_zip(zip, &Options::new(Profile::Strict));
    assert_eq!(error_codes(&strict.report), ["cmi5.package.name-case"]);
}

#[test]
fn a_lone_course_structure_needs_fully_qualified_urls() {
    let dir = TempDir::new("lone");
    let relative = dir.write("cmi5.xml", baseline().as_bytes());
    let check = check_path(&relative, &Options::default());
    assert_eq!(
        error_codes(&check.report),
        ["cmi5.package.relative-url-standalone"]
    );
    assert!(check.launches.is_empty());
    assert_eq!(check.descriptors[0].standard, Standard::Cmi5);
    let absolute = dir.write(
        "course.xml",
        course(&au(
            "https://e.com/a",
            "",
            "https://cdn.example.com/index.html",
        ))
        .as_bytes(),
    );
    let check = check_path(&absolute, &Options::default());
    assert!(check.is_valid(), "{}", check.report);
    assert_eq!(check.launches.len(), 1);
}

#[test]
fn a_folder_is_checked_like_a_zip() {
    let dir = TempDir::new("folder");
    dir.write("cmi5.xml", baseline().as_bytes());
    dir.write("content/index.html", b"x");
    let check = check_path(&dir.0, &Options::default());
    assert!(check.is_valid(), "{}", check.report);
    assert_eq!(check.launches.len(), 1);
}

#[test]
fn anything_else_is_refused() {
    let check = check_zip(b"# not a package".to_vec(), &Options::default());
    assert_eq!(error_codes(&check.report), ["package.not-a-zip"]);
    let dir = TempDir::new("other");
    let text = dir.write("course.md", b"# not a course");
    let check = check_path(&text, &Options::default());
    assert_eq!(error_codes(&check.report), ["cmi5.xml.malformed"]);
    let missing = check_path(&dir.0.join("none.zip"), &Options::default());
    assert_eq!(error_codes(&missing.report), ["package.io"]);
}

#[test]
fn every_descriptor_is_named_in_priority_order() {
    let zip = stored(&[
        (
            "tincan.xml",
            br#"<tincan xmlns="http://projecttincan.com/tincan.xsd"/>"#,
        ),
        ("imsmanifest.xml", b"<manifest/>"),
        ("cmi5.xml", baseline().as_bytes()),
        ("content/index.html", b"x"),
    ]);
    let check = check_zip(zip, &Options::default());
    assert!(check.is_valid(), "{}", check.report);
    let found: Vec<Standard> = check.descriptors.iter().map(|d| d.standard).collect();
    assert_eq!(found, [Standard::Cmi5, Standard::Scorm, Standard::TinCan]);
}

#[test]
fn a_zip_with_another_standard_only_names_it() {
    let check = check_zip(
        stored(&[("imsmanifest.xml", b"<manifest/>")]),
        &Options::default(),
    );
    assert_eq!(
        error_codes(&check.report),
        ["cmi5.package.no-course-structure"]
    );
    assert!(
        check
            .report
            .errors()
            .next()
            .unwrap()
            .message
            .contains("imsmanifest.xml")
    );
}

#[test]
fn a_lone_course_structure_read_by_the_caller_is_checked_as_check_path_checks_the_file() {
    let dir = TempDir::new("lone-read");
    for (name, xml) in [
        ("cmi5.xml", baseline()),
        (
            "course.xml",
            course(&au(
                "https://e.com/a",
                "",
                "https://cdn.example.com/index.html",
            )),
        ),
        ("broken.xml", "<courseStructure".to_owned()),
    ] {
        let path = dir.write(name, xml.as_bytes());
        let from_disk = check_path(&path, &Options::default());
        let read = learnwire_cmi5::check_standalone(xml.as_bytes(), name, &Options::default());
        assert_eq!(format!("{read:?}"), format!("{from_disk:?}"), "{name}");
    }
}
