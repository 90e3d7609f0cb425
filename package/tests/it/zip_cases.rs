//! One test per zip case of the security catalogue (SCO-01..SCO-20, CMI-15, -16, -17, -19, -20).

use learnwire_package::{Limits, Package, PackageError};

use crate::zipgen::{Layout, Spec, baseline, build, build_with};
use crate::{assert_error, open, paths, refuse};

#[test]
fn sco01_valid_package_control() {
    let package = open(build(&baseline()));
    assert!(
        package.report().is_empty(),
        "{:#?}",
        package.report().issues()
    );
    assert_eq!(
        paths(&package),
        ["imsmanifest.xml", "content/index.html", "content/style.css"]
    );
    assert!(
        package.is_dir("content")
            && package.is_dir("content/")
            && !package.is_dir("imsmanifest.xml")
    );
    let manifest = package.file("imsmanifest.xml").unwrap();
    let xml = package
        .read_to_vec(manifest, Limits::default().max_manifest_bytes())
        .unwrap();
    assert!(xml.starts_with(b"<manifest"));
    let verdict = package.verify_contents();
    assert!(verdict.is_empty(), "{:#?}", verdict.issues());
}

fn zeros_bomb(name: &str, size: usize) -> Spec {
    Spec::deflated(name, &vec![0u8; size])
}

#[test]
fn sco06_single_entry_bomb_declared_ratio() {
    let mut specs = baseline();
    specs.push(zeros_bomb("content/zeros.bin", 8 << 20));
    let package = open(build(&specs));
    assert_error(package.report(), "package.ratio-exceeded");
    assert!(package.file("content/zeros.bin").is_none());
}

#[test]
fn sco06_total_enforced_from_declared_sizes_and_while_streaming() {
    let mut specs = baseline();
    specs.push(zeros_bomb("content/zeros.bin", 4 << 20));
    let lenient = Limits::default()
        .with_max_entry_ratio(1_000_000)
        .with_max_total_uncompressed(1 << 20);
    let package = Package::from_zip_bytes(build(&specs), &lenient).unwrap();
    assert_error(package.report(), "package.total-too-large");
    let entry = package.file("content/zeros.bin").unwrap();
    let err = package.read_to_vec(entry, u64::MAX).unwrap_err();
    assert!(matches!(err, PackageError::TotalTooLarge { .. }), "{err:?}");
    let verdict = package.verify_contents();
    assert!(
        verdict
            .errors()
            .filter(|i| i.code.as_str() == "package.total-too-large")
            .count()
            >= 2
    );
}

#[test]
fn sco07_overlapping_entries() {
    let kernel = zeros_bomb("kernel", 2 << 20);
    let mut specs = vec![kernel.clone()];
    for i in 0..11 {
        let mut spec = kernel.clone().with_name_bytes(format!("k{i}").as_bytes());
        spec.point_at = Some(0);
        specs.push(spec);
    }
    let package = Package::from_zip_bytes(
        build(&specs),
        &Limits::default().with_max_entry_ratio(100_000),
    )
    .unwrap();
    assert_error(package.report(), "package.overlapping-entries");
    assert_eq!(
        package
            .report()
            .errors()
            .filter(|i| i.code.as_str() == "package.overlapping-entries")
            .count(),
        12,
        "the kernel and the eleven records pointing into it"
    );
    assert!(
        paths(&package).is_empty(),
        "every entry sharing bytes is left out"
    );
}

#[test]
fn sco08_and_cmi17_manifest_bomb_stops_at_the_cap() {
    for name in ["imsmanifest.xml", "cmi5.xml"] {
        let mut whitespace = b"<?xml version=\"1.0\"?>".to_vec();
        whitespace.resize(17 << 20, b' ');
        let specs = [Spec::deflated(name, &whitespace)];
        let limits = Limits::default().with_max_entry_ratio(100_000);
        let package = Package::from_zip_bytes(build(&specs), &limits).unwrap();
        let entry = package.file(name).unwrap();
        let err = package
            .read_to_vec(entry, limits.max_manifest_bytes())
            .unwrap_err();
        assert!(
            matches!(err, PackageError::EntryTooLarge { limit, .. } if limit == 16 << 20),
            "{err:?}"
        );
        assert_eq!(err.code().as_str(), "package.entry-too-large");
        // With the default limits the declared ratio alone refuses it.
        assert_error(open(build(&specs)).report(), "package.ratio-exceeded");
    }
}

#[test]
fn sco09a_lying_uncompressed_size() {
    let real = vec![0u8; 1 << 20];
    let mut spec = Spec::deflated("content/index.html", &real);
    spec.size = 64;
    let package = open(build(&[spec]));
    assert!(
        package.report().is_valid(),
        "{:#?}",
        package.report().issues()
    );
    let entry = package.file("content/index.html").unwrap();
    let err = package.read_to_vec(entry, u64::MAX).unwrap_err();
    assert!(
        matches!(
            err,
            PackageError::SizeMismatch {
                declared: 64,
                larger: true,
                ..
            }
        ),
        "{err:?}"
    );
    assert_error(&package.verify_contents(), "package.size-mismatch");
}

#[test]
fn sco09a_shorter_than_declared() {
    let mut spec = Spec::deflated("a.txt", b"hello");
    spec.size = 50;
    let package = open(build(&[spec]));
    let err = package
        .read_to_vec(package.file("a.txt").unwrap(), 1000)
        .unwrap_err();
    assert!(
        matches!(err, PackageError::SizeMismatch { larger: false, .. }),
        "{err:?}"
    );
}

#[test]
fn sco09b_compressed_size_past_eof() {
    let mut spec = Spec::stored("content/index.html", b"hello");
    spec.csize = 1 << 30;
    spec.size = 1 << 30;
    let mut specs = vec![Spec::stored("imsmanifest.xml", b"<m/>")];
    specs.push(spec);
    let package = Package::from_zip_bytes(build(&specs), &Limits::default()).unwrap();
    assert_error(package.report(), "package.entry-truncated");
    assert_eq!(paths(&package), ["imsmanifest.xml"]);
}

#[test]
fn sco10_duplicate_names() {
    let package = open(build(&[
        Spec::stored("imsmanifest.xml", b"<manifest>one</manifest>"),
        Spec::stored("content/index.html", b"x"),
        Spec::stored("imsmanifest.xml", b"<manifest>two</manifest>"),
    ]));
    assert_error(package.report(), "package.duplicate");
    assert!(
        package.file("imsmanifest.xml").is_none(),
        "neither copy may be chosen"
    );
    assert_eq!(paths(&package), ["content/index.html"]);
}

#[test]
fn cmi20_duplicate_cmi5_xml() {
    let package = open(build(&[
        Spec::stored("cmi5.xml", b"<a/>"),
        Spec::stored("cmi5.xml", b"<b/>"),
    ]));
    assert_error(package.report(), "package.duplicate");
    assert!(package.file("cmi5.xml").is_none());
}

#[test]
fn sco11_case_collisions() {
    let a = open(build(&[
        Spec::stored("content/index.html", b"a"),
        Spec::stored("content/Index.html", b"b"),
    ]));
    assert_error(a.report(), "package.case-collision");
    let b = open(build(&[
        Spec::stored("imsmanifest.xml", b"a"),
        Spec::stored("IMSMANIFEST.XML", b"b"),
    ]));
    assert_error(b.report(), "package.case-collision");
    assert!(paths(&b).is_empty());
}

#[test]
fn cmi19_cmi5_xml_case_collision() {
    let package = open(build(&[
        Spec::stored("cmi5.xml", b"a"),
        Spec::stored("CMI5.XML", b"b"),
    ]));
    assert_error(package.report(), "package.case-collision");
}

#[test]
fn sco12_unicode_normalisation_collision() {
    let package = open(build(&[
        Spec::stored("content/caf\u{e9}.html", b"nfc"),
        Spec::stored("content/cafe\u{301}.html", b"nfd"),
    ]));
    assert_error(package.report(), "package.unicode-collision");
    assert!(paths(&package).is_empty());
}

fn many_entries(n: usize) -> Vec<Spec> {
    (0..n)
        .map(|i| Spec::stored(&format!("f/{i}"), b""))
        .collect()
}

#[test]
fn sco13_hundred_thousand_entries() {
    let bytes = build_with(
        &many_entries(100_000),
        &Layout {
            zip64_count: Some(100_000),
            ..Layout::default()
        },
    );
    let err = refuse(bytes.clone(), &Limits::default());
    assert!(
        matches!(
            err,
            PackageError::TooManyEntries {
                found: 100_000,
                limit: 20_000
            }
        ),
        "{err:?}"
    );
    assert_eq!(err.code().as_str(), "package.too-many-entries");
    // With the limit raised, the walk is linear: well under the 10 s debug-build bound.
    let started = std::time::Instant::now();
    let package =
        Package::from_zip_bytes(bytes, &Limits::default().with_max_entries(200_000)).unwrap();
    assert_eq!(package.files().count(), 100_000);
    assert!(
        package.report().is_empty(),
        "{:?}",
        package.report().issues().first()
    );
    eprintln!("opened 100 000 entries in {:?}", started.elapsed());
    assert!(
        started.elapsed().as_secs() < 10,
        "took {:?}",
        started.elapsed()
    );
}

#[test]
fn sco14a_classic_end_record_lies_about_the_count() {
    let bytes = build_with(
        &[Spec::stored("a", b"x")],
        &Layout {
            count: Some(65_535),
            ..Layout::default()
        },
    );
    let err = refuse(bytes.clone(), &Limits::default());
    assert!(
        matches!(err, PackageError::TooManyEntries { found: 65_535, .. }),
        "{err:?}"
    );
    let err = refuse(bytes, &Limits::default().with_max_entries(100_000));
    assert!(matches!(err, PackageError::Malformed { .. }), "{err:?}");
    let err = refuse(
        build_with(
            &[Spec::stored("a", b"x"), Spec::stored("b", b"y")],
            &Layout {
                count: Some(1),
                ..Layout::default()
            },
        ),
        &Limits::default(),
    );
    assert!(
        matches!(err, PackageError::Malformed { .. }),
        "more records than declared: {err:?}"
    );
}

#[test]
fn sco14b_zip64_end_record_claims_2_pow_62_entries() {
    let bytes = build_with(
        &[Spec::stored("a", b"x")],
        &Layout {
            zip64_count: Some(1 << 62),
            ..Layout::default()
        },
    );
    let err = refuse(bytes.clone(), &Limits::default());
    assert!(
        matches!(err, PackageError::TooManyEntries { found, .. } if found == 1 << 62),
        "{err:?}"
    );
    let err = refuse(bytes, &Limits::default().with_max_entries(u64::MAX));
    assert!(matches!(err, PackageError::Malformed { .. }), "{err:?}");
}

#[test]
fn sco15a_zipcrypto_entry() {
    let mut spec = Spec::stored("imsmanifest.xml", &[7u8; 40]);
    spec.flags |= 1;
    let package = open(build(&[spec]));
    assert_error(package.report(), "package.encrypted");
    assert!(package.file("imsmanifest.xml").is_none());
}

#[test]
fn sco15b_winzip_aes_entry() {
    let mut spec = Spec::stored("imsmanifest.xml", &[7u8; 40]);
    spec.flags |= 1;
    spec.method = 99;
    spec.extra = vec![0x01, 0x99, 7, 0, 2, 0, b'A', b'E', 3, 8, 0];
    let package = open(build(&[spec]));
    assert_error(package.report(), "package.encrypted");
}

#[test]
fn sco16_crc_mismatch() {
    let mut specs = baseline();
    specs[2].crc ^= 0xDEAD_BEEF;
    let package = open(build(&specs));
    assert!(
        package.report().is_valid(),
        "the CRC is only known once read"
    );
    let entry = package.file("content/index.html").unwrap();
    let err = package.read_to_vec(entry, 1 << 20).unwrap_err();
    assert!(matches!(err, PackageError::CrcMismatch { .. }), "{err:?}");
    let verdict = package.verify_contents();
    assert_error(&verdict, "package.crc-mismatch");
    assert_eq!(verdict.errors().count(), 1, "{:#?}", verdict.issues());
}

#[test]
fn sco17_local_name_differs_from_central_name() {
    let mut spec = Spec::stored("content/index.html", b"x");
    spec.local_name = b"../../learnwire-lh.txt".to_vec();
    let package = open(build(&[Spec::stored("imsmanifest.xml", b"<m/>"), spec]));
    assert_error(package.report(), "package.header-mismatch");
    assert_eq!(paths(&package), ["imsmanifest.xml"]);
}

#[test]
fn sco19_file_directory_conflict() {
    let package = open(build(&[
        Spec::stored("content", b"i am a file"),
        Spec::stored("content/index.html", b"x"),
    ]));
    assert_error(package.report(), "package.file-dir-conflict");
    assert!(paths(&package).is_empty());
    let explicit = open(build(&[
        Spec::stored("content", b"file"),
        Spec::dir("content/"),
    ]));
    assert_error(explicit.report(), "package.file-dir-conflict");
    assert!(!explicit.report().has_code("package.duplicate"));
}

#[test]
fn sco20_not_a_valid_zip() {
    let valid = build(&baseline());
    let half = valid[..valid.len() / 2].to_vec();
    assert!(matches!(
        refuse(half, &Limits::default()),
        PackageError::Truncated
    ));
    let text = b"# LMS Test Package\nThis is not a zip file.\n".to_vec();
    let err = refuse(text, &Limits::default());
    assert!(matches!(err, PackageError::NotAZip));
    assert_eq!(err.code().as_str(), "package.not-a-zip");
    assert!(matches!(
        refuse(Vec::new(), &Limits::default()),
        PackageError::NotAZip
    ));
}

#[test]
fn every_refusal_has_a_package_code() {
    for bytes in [Vec::new(), b"PK\x03\x04".to_vec(), b"PK\x05\x06".to_vec()] {
        let err = refuse(bytes, &Limits::default());
        assert!(err.code().as_str().starts_with("package."));
    }
}
