//! Packages zipped one folder too high (P-02): re-rooted with a warning under the lenient profile, an
//! error under the strict one, and never re-rooted when the root is ambiguous.

use std::path::{Path, PathBuf};

use learnwire_package::{Limits, Package};
use learnwire_report::{Location, Severity};
use learnwire_scorm::{ManifestCheck, Options, Profile, check_package};
use learnwire_testkit::tiny_zip;

use crate::support::{assert_error, baseline};

const JUNK: &[(&str, &[u8])] = &[
    ("__MACOSX/._course", b"apple double"),
    ("__MACOSX/course/._imsmanifest.xml", b"apple double"),
    ("__MACOSX/course/content/._index.html", b"apple double"),
    (".DS_Store", b"finder"),
    ("Thumbs.db", b"explorer"),
    ("._course", b"apple double"),
];

/// The baseline course inside `course/`, plus `junk` at the top level.
fn nested_files(manifest: &str, junk: bool) -> Vec<(String, Vec<u8>)> {
    let mut files = vec![
        (
            "course/imsmanifest.xml".to_owned(),
            manifest.as_bytes().to_vec(),
        ),
        ("course/content/index.html".to_owned(), b"<html/>".to_vec()),
        ("course/content/extra.js".to_owned(), b"//".to_vec()),
    ];
    if junk {
        files.extend(JUNK.iter().map(|(p, b)| ((*p).to_owned(), b.to_vec())));
    }
    files
}

fn check_zip(files: &[(String, Vec<u8>)], profile: Profile) -> ManifestCheck {
    let files: Vec<(&str, &[u8])> = files
        .iter()
        .map(|(p, b)| (p.as_str(), b.as_slice()))
        .collect();
    let package = Package::from_zip_bytes(tiny_zip(&files), &Limits::default()).unwrap();
    check_package(&package, &Options::new(profile))
}

/// A folder on disk removed when dropped.
struct Folder(PathBuf);

impl Folder {
    fn new(name: &str, files: &[(String, Vec<u8>)]) -> Self {
        let root = std::env::temp_dir().join(format!(
            "learnwire-scorm-reroot-{name}-{}",
            std::process::id()
        ));
        let _ = std::fs::remove_dir_all(&root);
        for (path, bytes) in files {
            let full = root.join(path);
            std::fs::create_dir_all(full.parent().unwrap()).unwrap();
            std::fs::write(full, bytes).unwrap();
        }
        Self(root)
    }

    fn path(&self) -> &Path {
        &self.0
    }
}

impl Drop for Folder {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn check_folder(name: &str, files: &[(String, Vec<u8>)], profile: Profile) -> ManifestCheck {
    let folder = Folder::new(name, files);
    let package = Package::open(folder.path(), &Limits::default()).unwrap();
    check_package(&package, &Options::new(profile))
}

/// Lenient: one warning naming the nested manifest, a valid verdict, launch URLs relative to the folder,
/// and unlisted files located at their full entry path.
fn assert_rerooted(check: &ManifestCheck) {
    assert!(check.is_valid(), "{:#?}", check.report);
    let rerooted: Vec<_> = check
        .report
        .issues()
        .iter()
        .filter(|issue| issue.code.as_str() == "scorm.package.rerooted")
        .collect();
    assert_eq!(rerooted.len(), 1, "{:#?}", check.report);
    assert_eq!(rerooted[0].severity, Severity::Warning);
    assert_eq!(
        rerooted[0].location,
        Location::entry("course/imsmanifest.xml")
    );
    assert!(!check.report.has_code("scorm.package.manifest-missing"));
    assert_eq!(check.content_root.as_deref(), Some("course"));
    assert_eq!(check.launches.len(), 1);
    assert_eq!(check.launches[0].url, "content/index.html");
    let unlisted: Vec<&Location> = check
        .report
        .issues()
        .iter()
        .filter(|issue| issue.code.as_str() == "scorm.package.unlisted-file")
        .map(|issue| &issue.location)
        .collect();
    assert_eq!(unlisted, [&Location::entry("course/content/extra.js")]);
}

/// Strict: today's error, nothing read from the folder.
fn assert_not_rerooted_in_strict(check: &ManifestCheck) {
    assert_error(check, "scorm.package.manifest-missing");
    assert!(!check.report.has_code("scorm.package.rerooted"));
    let issue = check
        .report
        .errors()
        .find(|issue| issue.code.as_str() == "scorm.package.manifest-missing")
        .unwrap();
    assert!(
        issue.message.contains("course/imsmanifest.xml"),
        "{}",
        issue.message
    );
    assert!(check.launches.is_empty());
    assert!(check.manifest.is_none());
    assert_eq!(check.content_root, None);
}

#[test]
fn zip_one_folder_too_high_is_rerooted_in_lenient_with_and_without_junk() {
    for junk in [false, true] {
        let files = nested_files(&baseline(), junk);
        assert_rerooted(&check_zip(&files, Profile::Lenient));
    }
}

#[test]
fn zip_one_folder_too_high_stays_an_error_in_strict_with_and_without_junk() {
    for junk in [false, true] {
        let files = nested_files(&baseline(), junk);
        assert_not_rerooted_in_strict(&check_zip(&files, Profile::Strict));
    }
}

#[test]
fn folder_one_level_too_high_is_rerooted_in_lenient_with_and_without_junk() {
    for junk in [false, true] {
        let files = nested_files(&baseline(), junk);
        assert_rerooted(&check_folder(
            &format!("lenient-{junk}"),
            &files,
            Profile::Lenient,
        ));
    }
}

#[test]
fn folder_one_level_too_high_stays_an_error_in_strict_with_and_without_junk() {
    for junk in [false, true] {
        let files = nested_files(&baseline(), junk);
        assert_not_rerooted_in_strict(&check_folder(
            &format!("strict-{junk}"),
            &files,
            Profile::Strict,
        ));
    }
}

/// The re-rooted package is checked like any other: a missing launch file is still an error, and a
/// manifest named in another case inside the folder is still reported.
#[test]
fn rerooted_packages_keep_every_other_check() {
    let mut files = nested_files(&baseline(), true);
    files.retain(|(path, _)| path != "course/content/index.html");
    let check = check_zip(&files, Profile::Lenient);
    assert!(check.report.has_code("scorm.package.rerooted"));
    assert_error(&check, "scorm.package.file-missing");
    let mut files = nested_files(&baseline(), false);
    files[0].0 = "course/IMSManifest.xml".to_owned();
    let check = check_zip(&files, Profile::Lenient);
    assert!(check.is_valid(), "{:#?}", check.report);
    assert!(check.report.has_code("scorm.package.rerooted"));
    assert!(check.report.has_code("scorm.package.manifest-case"));
}

#[test]
fn ambiguous_roots_are_never_rerooted() {
    let manifest = baseline();
    let two_folders = vec![
        ("a/imsmanifest.xml".to_owned(), manifest.as_bytes().to_vec()),
        ("a/content/index.html".to_owned(), b"x".to_vec()),
        ("b/imsmanifest.xml".to_owned(), manifest.as_bytes().to_vec()),
        ("b/content/index.html".to_owned(), b"x".to_vec()),
    ];
    let beside_a_file = vec![
        ("a/imsmanifest.xml".to_owned(), manifest.as_bytes().to_vec()),
        ("a/content/index.html".to_owned(), b"x".to_vec()),
        ("readme.txt".to_owned(), b"x".to_vec()),
    ];
    for profile in [Profile::Lenient, Profile::Strict] {
        let check = check_zip(&two_folders, profile);
        assert_error(&check, "scorm.package.manifest-missing");
        assert!(!check.report.has_code("scorm.package.rerooted"));
        assert!(check.launches.is_empty() && check.content_root.is_none());
        let message = &check.report.errors().next().unwrap().message;
        assert!(
            message.contains("a/imsmanifest.xml") && message.contains("b/imsmanifest.xml"),
            "{message}"
        );
        let check = check_folder("two", &two_folders, profile);
        assert_error(&check, "scorm.package.manifest-missing");
        assert!(!check.report.has_code("scorm.package.rerooted"));
        let check = check_zip(&beside_a_file, profile);
        assert_error(&check, "scorm.package.manifest-missing");
        assert!(!check.report.has_code("scorm.package.rerooted"));
    }
}

#[test]
fn a_manifest_at_the_root_is_never_rerooted() {
    let manifest = baseline();
    let files = vec![
        ("imsmanifest.xml".to_owned(), manifest.as_bytes().to_vec()),
        ("content/index.html".to_owned(), b"x".to_vec()),
        ("content/imsmanifest.xml".to_owned(), b"<other/>".to_vec()),
    ];
    for profile in [Profile::Lenient, Profile::Strict] {
        let check = check_zip(&files, profile);
        assert!(!check.report.has_code("scorm.package.rerooted"));
        assert!(!check.report.has_code("scorm.package.manifest-missing"));
        assert_eq!(check.content_root, None);
        assert_eq!(check.launches[0].url, "content/index.html");
        let check = check_folder(&format!("root-{profile:?}"), &files, profile);
        assert!(!check.report.has_code("scorm.package.rerooted"));
        assert_eq!(check.launches[0].url, "content/index.html");
    }
}
