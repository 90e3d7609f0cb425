//! Replays every committed fuzz seed through the fuzz targets' oracles.

use std::path::PathBuf;

use learnwire_package::{Limits, Package};
use learnwire_scorm::{Options, check_manifest, check_package};
use learnwire_testkit::scorm::{manifest_oracle, package_oracle};

fn seeds(target: &str) -> Vec<(String, Vec<u8>)> {
    let dir = PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../fuzz/seeds")).join(target);
    let mut out: Vec<(String, Vec<u8>)> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|entry| {
            let path = entry.unwrap().path();
            (
                path.file_name().unwrap().to_string_lossy().into_owned(),
                std::fs::read(&path).unwrap(),
            )
        })
        .collect();
    out.sort();
    assert!(out.len() >= 5, "too few seeds for {target}");
    out
}

#[test]
fn manifest_seeds_pass_the_oracles() {
    for (name, bytes) in seeds("scorm_manifest") {
        manifest_oracle(&bytes);
        let valid = check_manifest(&bytes, &Options::default()).is_valid();
        let expect_valid = matches!(
            name.as_str(),
            "scorm12.xml"
                | "scorm2004-4th.xml"
                | "utf16le-bom.xml"
                | "latin1.xml"
                | "submanifest.xml"
                | "prefixed.xml"
        );
        assert_eq!(
            valid,
            expect_valid,
            "{name}: {:#?}",
            check_manifest(&bytes, &Options::default()).report
        );
    }
}

#[test]
fn package_seeds_pass_the_oracles() {
    for (name, bytes) in seeds("scorm_package") {
        package_oracle(&bytes);
        let valid = Package::from_zip_bytes(bytes, &Limits::default())
            .is_ok_and(|package| check_package(&package, &Options::default()).is_valid());
        let expect_valid = matches!(
            name.as_str(),
            "valid12.zip" | "valid2004-stored.zip" | "case-variant.zip"
        );
        assert_eq!(valid, expect_valid, "{name}");
    }
}
