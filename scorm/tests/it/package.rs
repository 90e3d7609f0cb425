//! Package checks on zips and folders we build here (P-02, P-03, P-09..P-13, SCO-21..23).

use learnwire_package::{Limits, Package};
use learnwire_scorm::{ManifestCheck, Options, Profile, check_package};
use learnwire_testkit::tiny_zip;

use crate::support::{assert_error, baseline, scorm12};

fn check_zip(files: &[(&str, &[u8])], profile: Profile) -> ManifestCheck {
    let package = Package::from_zip_bytes(tiny_zip(files), &Limits::default()).unwrap();
    check_package(&package, &Options::new(profile))
}

#[test]
fn valid_zip_passes_in_both_profiles() {
    let manifest = baseline();
    for profile in [Profile::Lenient, Profile::Strict] {
        let check = check_zip(
            &[
                ("imsmanifest.xml", manifest.as_bytes()),
                ("content/index.html", b"<html/>"),
            ],
            profile,
        );
        assert!(check.is_valid(), "{:#?}", check.report);
        assert_eq!(check.launches[0].url, "content/index.html");
    }
}

#[test]
fn sco23_missing_resource_file() {
    let check = check_zip(
        &[("imsmanifest.xml", baseline().as_bytes())],
        Profile::Lenient,
    );
    assert_error(&check, "scorm.package.file-missing");
    assert!(
        check
            .report
            .errors()
            .any(|i| i.message.contains("launch file")),
        "{:#?}",
        check.report
    );
}

#[test]
fn case_mismatch_is_strict_only() {
    let manifest = baseline();
    let files: &[(&str, &[u8])] = &[
        ("imsmanifest.xml", manifest.as_bytes()),
        ("content/Index.html", b"x"),
    ];
    let lenient = check_zip(files, Profile::Lenient);
    assert!(lenient.is_valid(), "{:#?}", lenient.report);
    assert!(lenient.report.has_code("scorm.package.file-case-mismatch"));
    assert_error(
        &check_zip(files, Profile::Strict),
        "scorm.package.file-case-mismatch",
    );
}

#[test]
fn manifest_name_and_place() {
    let manifest = baseline();
    let check = check_zip(
        &[
            ("IMSManifest.xml", manifest.as_bytes()),
            ("content/index.html", b"x"),
        ],
        Profile::Lenient,
    );
    assert!(check.is_valid(), "{:#?}", check.report);
    assert!(check.report.has_code("scorm.package.manifest-case"));
    // One folder too high is an error in strict; the lenient profile re-roots it (see reroot.rs).
    let nested = check_zip(
        &[("course/imsmanifest.xml", manifest.as_bytes())],
        Profile::Strict,
    );
    assert_error(&nested, "scorm.package.manifest-missing");
    assert!(
        nested
            .report
            .errors()
            .any(|i| i.message.contains("course/imsmanifest.xml"))
    );
    let none = check_zip(&[("index.html", b"x")], Profile::Lenient);
    assert_error(&none, "scorm.package.manifest-missing");
}

#[test]
fn hrefs_are_decoded_and_resolved_against_xml_base() {
    let manifest = scorm12(
        r#"<item identifier="I" identifierref="R"><title>L</title></item>"#,
        r#"<resource identifier="R" type="webcontent" adlcp:scormtype="sco" xml:base="content/" href="my%20page.html?x=1">
  <file href="my%20page.html"/><file href="img/a.png"/></resource>"#,
    )
    .replace("<metadata>", "<metadata><adlcp:location>meta.xml</adlcp:location>");
    let check = check_zip(
        &[
            ("imsmanifest.xml", manifest.as_bytes()),
            ("content/my page.html", b"x"),
            ("content/img/a.png", b"x"),
            ("content/stray.js", b"x"),
        ],
        Profile::Strict,
    );
    assert!(check.is_valid(), "{:#?}", check.report);
    assert_eq!(check.launches[0].url, "content/my%20page.html?x=1");
    assert!(
        check.report.has_code("scorm.package.metadata-missing"),
        "{:#?}",
        check.report
    );
    assert!(check.report.has_code("scorm.package.unlisted-file"));
}

#[test]
fn folder_packages_work_too() {
    let root = std::env::temp_dir().join(format!("learnwire-scorm-folder-{}", std::process::id()));
    std::fs::create_dir_all(root.join("content")).unwrap();
    std::fs::write(root.join("imsmanifest.xml"), baseline()).unwrap();
    std::fs::write(root.join("content/index.html"), "x").unwrap();
    let package = Package::open(&root, &Limits::default()).unwrap();
    let check = check_package(&package, &Options::default());
    std::fs::remove_dir_all(&root).unwrap();
    assert!(check.is_valid(), "{:#?}", check.report);
}

#[test]
fn flattened_archives_are_diagnosed() {
    let manifest = scorm12(
        r#"<item identifier="I" identifierref="R"><title>L</title></item>"#,
        r#"<resource identifier="R" type="webcontent" adlcp:scormtype="sco" href="a/index.html">
  <file href="a/index.html"/><file href="a/b/app.js"/><file href="a/b/style.css"/></resource>"#,
    );
    let check = check_zip(
        &[
            ("imsmanifest.xml", manifest.as_bytes()),
            ("index.html", b"x"),
            ("app.js", b"x"),
            ("style.css", b"x"),
        ],
        Profile::Lenient,
    );
    assert_error(&check, "scorm.package.file-missing");
    assert!(
        check.report.has_code("scorm.package.flattened"),
        "{:#?}",
        check.report
    );
}

/// Missing files whose names exist only in sibling folders (every course has an `index.html`) are
/// missing, not a sign of flattening: flattening moves files up into a parent folder.
#[test]
fn same_names_in_sibling_folders_are_not_flattening() {
    let manifest = scorm12(
        r#"<item identifier="I" identifierref="R"><title>L</title></item>"#,
        r#"<resource identifier="R" type="webcontent" adlcp:scormtype="sco" href="a/index.html">
  <file href="a/index.html"/><file href="b/index.html"/><file href="c/index.html"/></resource>"#,
    );
    let check = check_zip(
        &[
            ("imsmanifest.xml", manifest.as_bytes()),
            ("a/index.html", b"x"),
            ("d/index.html", b"x"),
        ],
        Profile::Lenient,
    );
    assert_error(&check, "scorm.package.file-missing");
    assert!(
        !check.report.has_code("scorm.package.flattened"),
        "{:#?}",
        check.report
    );
}

/// A manifest whose one resource lists `count` files `depth` folders deep (`d/d/.../d/f{n}.html`), and a
/// listing that holds each of those names at the package root (what flattening leaves behind).
fn deep_manifest_and_flat_listing(
    count: usize,
    depth: usize,
) -> (String, std::collections::BTreeSet<String>) {
    let folders = "d/".repeat(depth);
    let files: String = (0..count)
        .map(|n| format!(r#"<file href="{folders}f{n}.html"/>"#))
        .collect();
    let manifest = scorm12(
        r#"<item identifier="I" identifierref="R"><title>L</title></item>"#,
        &format!(
            r#"<resource identifier="R" type="webcontent" adlcp:scormtype="sco" href="index.html"><file href="index.html"/>{files}</resource>"#
        ),
    );
    let mut listing: std::collections::BTreeSet<String> =
        (0..count).map(|n| format!("f{n}.html")).collect();
    listing.insert("imsmanifest.xml".to_owned());
    listing.insert("index.html".to_owned());
    (manifest, listing)
}

fn count_code(check: &ManifestCheck, code: &str) -> usize {
    check
        .report
        .issues()
        .iter()
        .filter(|issue| issue.code.as_str() == code)
        .count()
}

/// 150 files 30 000 folders deep (9 MB of manifest): each href is refused at a limit with its own
/// code, and nothing else is looked for. By default their 60 KB hrefs are over the path length
/// limit first; with that raised, the path-component limit refuses them.
#[test]
fn deep_hrefs_stop_at_the_path_component_limit() {
    let (manifest, listing) = deep_manifest_and_flat_listing(150, 30_000);
    let check = learnwire_scorm::check_files(manifest.as_bytes(), &listing, &Options::default());
    assert_eq!(count_code(&check, "scorm.limit.path-length"), 150);
    assert!(!check.report.has_code("scorm.package.file-missing"));
    let mut options = Options::default();
    options.limits = learnwire_scorm::Limits::default().with_max_path_bytes(100_000);
    let check = learnwire_scorm::check_files(manifest.as_bytes(), &listing, &options);
    assert_eq!(
        count_code(&check, "scorm.limit.path-components"),
        150,
        "{:#?}",
        check.report.issues().first()
    );
    assert!(check.report.errors().all(|issue| {
        issue.code.as_str() == "scorm.limit.path-components"
            && issue.location.to_string().contains("/file[")
    }));
    assert!(!check.report.has_code("scorm.package.file-missing"));
    assert_eq!(check.launches.len(), 1);
    // The limit is configurable: at 3 components, `a/b/c.html` is refused and `a/b.html` is not.
    let two_deep = with_href_and_files("a/b/c.html", "a/b.html");
    let mut options = Options::default();
    options.limits = learnwire_scorm::Limits::default().with_max_path_components(2);
    let listing: std::collections::BTreeSet<String> = ["a/b/c.html", "a/b.html"]
        .iter()
        .map(|p| (*p).to_owned())
        .collect();
    let check = learnwire_scorm::check_files(two_deep.as_bytes(), &listing, &options);
    assert_eq!(count_code(&check, "scorm.limit.path-components"), 2);
    assert!(check.launches.is_empty(), "a refused href launches nothing");
    options.limits = learnwire_scorm::Limits::default().with_max_path_components(3);
    let check = learnwire_scorm::check_files(two_deep.as_bytes(), &listing, &options);
    assert!(check.is_valid(), "{:#?}", check.report);
}

/// The same 150 files 30 000 folders deep with the limit raised: the search for their names in
/// ancestor folders (P-14) is linear in each path's length, so the check finishes and still diagnoses
/// the flattened archive. (Rebuilding every ancestor path, as before, copies 150 x 30 000 x 30 KB.)
#[test]
fn flattening_is_found_for_missing_files_thousands_of_folders_deep() {
    let (manifest, listing) = deep_manifest_and_flat_listing(150, 30_000);
    let mut options = Options::default();
    options.limits = learnwire_scorm::Limits::default()
        .with_max_path_components(40_000)
        .with_max_path_bytes(100_000);
    let check = learnwire_scorm::check_files(manifest.as_bytes(), &listing, &options);
    assert!(!check.report.has_code("scorm.limit.path-components"));
    assert_eq!(count_code(&check, "scorm.package.file-missing"), 150);
    assert!(
        check.report.has_code("scorm.package.flattened"),
        "{:#?}",
        check.report.warnings().collect::<Vec<_>>()
    );
}

/// A SCO launching `href`, listing `href` and `other` as its files.
fn with_href_and_files(href: &str, other: &str) -> String {
    scorm12(
        r#"<item identifier="I" identifierref="R"><title>L</title></item>"#,
        &format!(
            r#"<resource identifier="R" type="webcontent" adlcp:scormtype="sco" href="{href}"><file href="{href}"/><file href="{other}"/></resource>"#
        ),
    )
}
