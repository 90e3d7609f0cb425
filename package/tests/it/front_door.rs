//! What the standard crates build on: descriptor detection, the manifest cap, failures as issues.

use learnwire_package::{
    CODES, Limits, Location, Package, PackageError, Severity, Standard, detect,
};
use learnwire_report::find_code;

use crate::folder::TempDir;
use crate::open;
use crate::zipgen::{Spec, build};

#[test]
fn max_manifest_bytes_is_enforced_with_its_own_code() {
    let mut xml = b"<?xml version=\"1.0\"?><manifest/>".to_vec();
    xml.resize(4096, b' ');
    let limits = Limits::default().with_max_manifest_bytes(4095);
    let package =
        Package::from_zip_bytes(build(&[Spec::deflated("imsmanifest.xml", &xml)]), &limits)
            .unwrap();
    let entry = package.file("imsmanifest.xml").unwrap();
    let err = package.read_manifest(entry).unwrap_err();
    assert!(
        matches!(&err, PackageError::ManifestTooLarge { entry, limit: 4095 } if entry == "imsmanifest.xml"),
        "{err:?}"
    );
    assert_eq!(err.code().as_str(), "package.manifest-too-large");
    let issue = err.to_issue();
    assert_eq!(issue.location, Location::entry("imsmanifest.xml"));
    assert!(
        issue.message.contains("Limits::max_manifest_bytes"),
        "{}",
        issue.message
    );
    // Exactly at the limit it is read.
    let limits = Limits::default().with_max_manifest_bytes(4096);
    let package =
        Package::from_zip_bytes(build(&[Spec::deflated("imsmanifest.xml", &xml)]), &limits)
            .unwrap();
    let entry = package.file("imsmanifest.xml").unwrap();
    assert_eq!(package.read_manifest(entry).unwrap(), xml);
}

#[test]
fn a_manifest_holding_more_than_it_declares_is_a_size_mismatch() {
    let mut xml = b"<?xml version=\"1.0\"?>".to_vec();
    xml.resize(64 << 10, b' ');
    let mut spec = Spec::deflated("cmi5.xml", &xml);
    spec.size = 100;
    let package = open(build(&[spec]));
    let entry = package.file("cmi5.xml").unwrap();
    let err = package.read_manifest(entry).unwrap_err();
    assert_eq!(err.code().as_str(), "package.size-mismatch", "{err:?}");
}

#[test]
fn an_unreadable_path_becomes_an_issue_with_the_operating_system_reason() {
    let dir = TempDir::new("unreadable");
    let missing = dir.path().join("missing.zip");
    let err = Package::open(&missing, &Limits::default()).unwrap_err();
    let issue = err.to_issue();
    assert_eq!(issue.code.as_str(), "package.io");
    assert_eq!(issue.severity, Severity::Error);
    assert_eq!(issue.location, Location::Whole);
    assert!(
        issue
            .message
            .starts_with(&format!("cannot read {}: ", missing.display())),
        "{}",
        issue.message
    );
    assert!(
        issue.message.contains("os error 2"),
        "the operating system's reason is missing: {}",
        issue.message
    );
}

#[test]
fn refusals_become_issues_with_their_codes() {
    let err = Package::from_zip_bytes(b"plain text".to_vec(), &Limits::default()).unwrap_err();
    let issue = err.to_issue();
    assert_eq!(
        (issue.code.as_str(), issue.location),
        ("package.not-a-zip", Location::Whole)
    );
    let limits = Limits::default().with_max_archive_bytes(10);
    let err = Package::from_zip_bytes(vec![0; 11], &limits).unwrap_err();
    assert_eq!(err.to_issue().code.as_str(), "package.too-large");
}

#[test]
fn every_code_the_crate_emits_is_listed() {
    for code in [
        "package.io",
        "package.not-a-zip",
        "package.manifest-too-large",
        "package.stream-split",
        "package.name-not-portable",
    ] {
        assert!(find_code(CODES, code).is_some(), "{code}");
    }
    assert_eq!(
        find_code(CODES, "package.trailing-data").map(|info| info.severity),
        Some(Severity::Warning)
    );
}

#[test]
fn detection_of_a_folder_package() {
    let dir = TempDir::new("detect");
    dir.write("course/tincan.xml", b"<tincan/>");
    dir.write("course/index.html", b"hi");
    dir.write(".DS_Store", b"junk");
    let package = Package::open(dir.path(), &Limits::default()).unwrap();
    let found = detect(&package);
    assert_eq!(found.len(), 1);
    assert_eq!(
        (
            found[0].standard,
            found[0].path.as_str(),
            found[0].folder.as_str()
        ),
        (Standard::TinCan, "course/tincan.xml", "course")
    );
}
