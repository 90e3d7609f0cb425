//! Zip cases about entry names and types (SCO-02..05, SCO-18, CMI-15, CMI-16).

use crate::zipgen::{Spec, baseline, build};
use crate::{assert_error, open, paths};
use learnwire_package::Package;

fn hostile(name: &str) -> Package {
    let mut specs = baseline();
    specs.push(Spec::stored(name, b"pwned"));
    open(build(&specs))
}

#[test]
fn sco02_zip_slip() {
    for name in [
        "../../learnwire-zipslip.txt",
        "content/../../../learnwire-zipslip.txt",
    ] {
        let package = hostile(name);
        assert_error(package.report(), "package.path-traversal");
        assert_eq!(paths(&package).len(), 3, "{name} must be left out");
    }
}

#[test]
fn cmi15_zip_slip_next_to_cmi5_xml() {
    let package = open(build(&[
        Spec::stored("cmi5.xml", b"<courseStructure/>"),
        Spec::stored("../../learnwire-zipslip.txt", b"x"),
    ]));
    assert_error(package.report(), "package.path-traversal");
    assert_eq!(paths(&package), ["cmi5.xml"]);
}

#[test]
fn sco03_absolute_drive_and_unc_paths() {
    for name in [
        "/learnwire-abs.txt",
        "C:/learnwire-drive.txt",
        "C:\\learnwire-drive.txt",
        "\\\\attacker.invalid\\share\\x.txt",
    ] {
        let package = hostile(name);
        assert_error(package.report(), "package.absolute-path");
        assert_eq!(paths(&package).len(), 3, "{name} must be left out");
    }
}

#[test]
fn sco04_backslash_traversal() {
    let package = hostile("..\\..\\learnwire-backslash.txt");
    assert_error(package.report(), "package.path-traversal");
    assert_error(package.report(), "package.name-backslash");
}

fn symlink(name: &str, target: &[u8]) -> Spec {
    let mut spec = Spec::stored(name, target);
    spec.ext_attr = 0o120_777 << 16;
    spec
}

#[test]
fn sco05a_symlink_entry() {
    let mut specs = baseline();
    specs.push(symlink("content/passwd", b"/etc/passwd"));
    let package = open(build(&specs));
    assert_error(package.report(), "package.symlink");
    assert!(package.file("content/passwd").is_none());
}

#[test]
fn sco05b_write_through_symlink() {
    let mut specs = baseline();
    specs.push(symlink("content/up", b"../../../../../../var"));
    specs.push(Spec::stored("content/up/learnwire-symlink.txt", b"x"));
    let package = open(build(&specs));
    assert_error(package.report(), "package.symlink");
    assert_error(package.report(), "package.file-dir-conflict");
    assert!(package.file("content/up/learnwire-symlink.txt").is_none());
}

#[test]
fn cmi16_symlink_entry_in_cmi5_package() {
    let package = open(build(&[
        Spec::stored("cmi5.xml", b"<courseStructure/>"),
        symlink("content/passwd", b"/etc/passwd"),
    ]));
    assert_error(package.report(), "package.symlink");
    assert_eq!(paths(&package), ["cmi5.xml"]);
}

#[test]
fn sco18_hostile_names() {
    let long = "a".repeat(65_535);
    let cases: [(&[u8], &str); 6] = [
        (b"imsmanifest.xml\0.txt", "package.name-control-char"),
        (long.as_bytes(), "package.name-too-long"),
        (b"content/\xff\xfe.html", "package.name-invalid-utf8"),
        (b"", "package.name-empty"),
        (b"content/CON", "package.name-reserved"),
        (b"content/index.html:evil", "package.name-colon"),
    ];
    for (name, code) in cases {
        let spec = Spec::stored("x", b"data").with_name_bytes(name);
        let package = open(build(&[spec]));
        assert_error(package.report(), code);
        assert!(paths(&package).is_empty(), "{code}: the entry is left out");
        for issue in package.report().issues() {
            assert!(
                issue.message.chars().count() < 400,
                "messages are cut: {}",
                issue.message.len()
            );
        }
    }
}
