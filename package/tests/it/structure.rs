//! Structural checks beyond the catalogue: data descriptors, ZIP64 fields, methods, modes, extra fields.

use learnwire_package::{Limits, Package, PackageError, PackageKind};

use crate::zipgen::{Layout, Spec, baseline, build, build_with};
use crate::{assert_error, codes, open, paths};

#[test]
fn data_descriptor_entries_read_with_central_sizes() {
    let mut spec = Spec::deflated("content/index.html", &b"streamed ".repeat(100));
    spec.flags |= 8;
    spec.descriptor = true;
    let package = open(build(&[Spec::stored("imsmanifest.xml", b"<m/>"), spec]));
    assert!(
        package.report().is_empty(),
        "{:#?}",
        package.report().issues()
    );
    let data = package
        .read_to_vec(package.file("content/index.html").unwrap(), 10_000)
        .unwrap();
    assert_eq!(data, b"streamed ".repeat(100));
    assert!(package.verify_contents().is_empty());
}

#[test]
fn zip64_extra_field_sizes_are_used() {
    let data = b"zip64 sized".to_vec();
    let mut spec = Spec::stored("a.txt", &data);
    spec.size = 0xFFFF_FFFF;
    spec.csize = 0xFFFF_FFFF;
    spec.local_sizes = Some((spec.crc, 0xFFFF_FFFF, 0xFFFF_FFFF));
    let mut extra = vec![0x01, 0x00, 16, 0];
    extra.extend_from_slice(&(data.len() as u64).to_le_bytes());
    extra.extend_from_slice(&(data.len() as u64).to_le_bytes());
    spec.extra = extra;
    let package = open(build(&[spec]));
    assert!(
        package.report().is_empty(),
        "{:#?}",
        package.report().issues()
    );
    let entry = package.file("a.txt").unwrap();
    assert_eq!(entry.size, data.len() as u64);
    assert_eq!(package.read_to_vec(entry, 100).unwrap(), data);
}

#[test]
fn zip64_markers_without_the_extra_field_are_malformed() {
    let mut spec = Spec::stored("a.txt", b"x");
    spec.size = 0xFFFF_FFFF;
    let err = Package::from_zip_bytes(build(&[spec]), &Limits::default()).unwrap_err();
    assert!(matches!(err, PackageError::Malformed { .. }), "{err:?}");
}

#[test]
fn unsupported_method_and_special_files() {
    let mut bzip = Spec::stored("a.bin", b"xx");
    bzip.method = 12;
    let mut fifo = Spec::stored("fifo", b"");
    fifo.ext_attr = 0o010_644 << 16;
    let package = open(build(&[bzip, fifo]));
    assert_error(package.report(), "package.unsupported-method");
    assert_error(package.report(), "package.special-file");
    assert!(paths(&package).is_empty());
}

#[test]
fn unicode_path_extra_field_must_match_the_name() {
    let mut spec = Spec::stored("a.html", b"x");
    let name = b"../../evil.html";
    let mut extra = vec![0x75, 0x70];
    extra.extend_from_slice(&u16::try_from(5 + name.len()).unwrap().to_le_bytes());
    extra.push(1);
    extra.extend_from_slice(&crc32fast::hash(b"a.html").to_le_bytes());
    extra.extend_from_slice(name);
    spec.extra = extra;
    let package = open(build(&[spec]));
    assert_error(package.report(), "package.name-extra-mismatch");
}

#[test]
fn local_header_disagreements() {
    let mut method = Spec::stored("a", b"x");
    method.local_flags = Some(method.flags | 8);
    let mut sizes = Spec::stored("b", b"yy");
    sizes.local_sizes = Some((sizes.crc, 1, 1));
    let package = open(build(&[method, sizes]));
    assert_eq!(
        codes(package.report()),
        ["package.header-mismatch", "package.header-mismatch"]
    );
}

#[test]
fn data_running_into_the_central_directory() {
    let mut spec = Spec::stored("a", b"x");
    spec.csize = 40;
    spec.size = 40;
    let package = open(build(&[spec]));
    assert_error(package.report(), "package.entry-out-of-bounds");
}

#[test]
fn leading_and_trailing_bytes_are_warnings() {
    let layout = Layout {
        prefix: b"MZ stub".to_vec(),
        trailing: b"junk".to_vec(),
        ..Layout::default()
    };
    let package = open(build_with(&baseline(), &layout));
    assert!(package.report().is_valid());
    assert!(package.report().has_code("package.leading-data"));
    assert!(package.report().has_code("package.trailing-data"));
    assert_eq!(paths(&package).len(), 3);
}

#[test]
fn a_comment_is_fine() {
    let layout = Layout {
        comment: b"made by a test PK\x05\x06 with a fake signature inside".to_vec(),
        ..Layout::default()
    };
    let package = open(build_with(&baseline(), &layout));
    assert!(
        package.report().is_empty(),
        "{:#?}",
        package.report().issues()
    );
}

#[test]
fn unflagged_names_and_warnings() {
    let utf8 = Spec::stored("caf\u{e9}.html", b"x");
    let mut unflagged = utf8.clone().with_name_bytes("na\u{ef}ve.html".as_bytes());
    unflagged.flags = 0;
    let mut cp437 = Spec::stored("x", b"y").with_name_bytes(b"r\x82sum\x82.html");
    cp437.flags = 0;
    let package = open(build(&[utf8, unflagged, cp437]));
    assert!(
        package.report().is_valid(),
        "{:#?}",
        package.report().issues()
    );
    assert_eq!(
        codes(package.report()),
        ["package.name-encoding", "package.name-encoding"]
    );
    assert!(
        package.file("résumé.html").is_some(),
        "CP437 names are decoded"
    );
    assert!(package.file("naïve.html").is_some());
}

#[test]
fn lookups_case_and_ownership() {
    let package = open(build(&baseline()));
    assert_eq!(package.kind(), PackageKind::Zip);
    assert!(package.file("Content/Index.HTML").is_none());
    let found = package.file_ignoring_case("Content/Index.HTML").unwrap();
    assert_eq!(found.path, "content/index.html");
    let other = open(build(&[Spec::stored("imsmanifest.xml", b"other")]));
    let foreign = other.file("imsmanifest.xml").unwrap();
    let err = package.read_to_vec(foreign, 100).unwrap_err();
    assert_eq!(err.code().as_str(), "package.unknown-entry");
    let small = package
        .read_to_vec(package.file("content/index.html").unwrap(), 10)
        .unwrap_err();
    assert!(matches!(
        small,
        PackageError::EntryTooLarge { limit: 10, .. }
    ));
}

#[test]
fn dot_components_are_normalised_with_a_warning() {
    let package = open(build(&[Spec::stored("./content//a.html", b"x")]));
    assert!(package.report().is_valid());
    assert!(package.report().has_code("package.name-not-normalized"));
    assert!(package.file("content/a.html").is_some());
    assert!(package.is_dir("content"));
}

#[test]
fn corrupt_deflate_data() {
    let mut spec = Spec::deflated("a.txt", &b"hello world ".repeat(50));
    let len = spec.payload.len();
    spec.payload[len / 2..].fill(0xFF);
    let package = open(build(&[spec]));
    let err = package
        .read_to_vec(package.file("a.txt").unwrap(), 1 << 20)
        .unwrap_err();
    assert!(
        matches!(
            err,
            PackageError::CorruptData { .. }
                | PackageError::SizeMismatch { .. }
                | PackageError::CrcMismatch { .. }
        ),
        "{err:?}"
    );
}

#[test]
fn open_reads_zip_files_by_offset() {
    let dir = crate::folder::TempDir::new("zipfile");
    let path = dir.path().join("pkg.zip");
    std::fs::write(&path, build(&baseline())).unwrap();
    let package = Package::open(&path, &Limits::default()).unwrap();
    assert!(package.report().is_empty());
    assert!(package.verify_contents().is_empty());
    let err = Package::open(&path, &Limits::default().with_max_archive_bytes(10)).unwrap_err();
    assert!(matches!(err, PackageError::TooLarge { .. }));
    let err = Package::open(&dir.path().join("missing.zip"), &Limits::default()).unwrap_err();
    assert_eq!(err.code().as_str(), "package.io");
    #[cfg(unix)]
    {
        let err = Package::open(std::path::Path::new("/dev/zero"), &Limits::default()).unwrap_err();
        assert_eq!(
            err.code().as_str(),
            "package.io",
            "a device is never read as a package"
        );
    }
}

#[test]
fn package_is_send_and_sync() {
    fn assert_send_sync<T: Send + Sync>() {}
    assert_send_sync::<Package>();
    assert_send_sync::<PackageError>();
}

#[test]
fn a_local_entry_hidden_from_the_central_directory() {
    let mut hidden = Spec::stored("evil.html", b"<script>");
    hidden.hidden = true;
    let specs = [
        Spec::stored("imsmanifest.xml", b"<m/>"),
        hidden,
        Spec::stored("a.html", b"x"),
    ];
    let package = open(build(&specs));
    assert_error(package.report(), "package.hidden-entry");
}

#[test]
fn unreferenced_bytes_between_entries_are_a_warning() {
    let mut padded = Spec::stored("a.html", b"x");
    padded.payload.extend_from_slice(b"padding bytes");
    let package = open(build(&[padded, Spec::stored("b.html", b"y")]));
    assert!(
        package.report().is_valid(),
        "{:#?}",
        package.report().issues()
    );
    assert!(package.report().has_code("package.unreferenced-data"));
}

#[test]
fn data_descriptor_must_agree_with_the_central_directory() {
    let mut spec = Spec::deflated("a.html", &b"abc".repeat(30));
    spec.flags |= 8;
    spec.descriptor = true;
    let mut bytes = build(&[spec.clone(), Spec::stored("b", b"y")]);
    // The descriptor follows the data: signature, CRC, sizes. Flip its CRC.
    let at = 30 + 6 + spec.payload.len() + 4;
    bytes[at] ^= 0xFF;
    let package = open(bytes);
    assert_error(package.report(), "package.header-mismatch");
    assert!(package.file("a.html").is_none());
    assert!(!package.report().has_code("package.unreferenced-data"));
}

#[test]
fn trailing_dots_collide_like_on_windows() {
    let package = open(build(&[
        Spec::stored("a.html", b"1"),
        Spec::stored("a.html.", b"2"),
    ]));
    assert_error(package.report(), "package.case-collision");
    assert!(package.report().has_code("package.name-not-portable"));
}

fn with_unicode_path(raw: &[u8], unicode: &str) -> Spec {
    let mut spec = Spec::stored("x", b"data").with_name_bytes(raw);
    spec.flags = 0;
    let mut extra = vec![0x75, 0x70];
    extra.extend_from_slice(&u16::try_from(5 + unicode.len()).unwrap().to_le_bytes());
    extra.push(1);
    extra.extend_from_slice(&crc32fast::hash(raw).to_le_bytes());
    extra.extend_from_slice(unicode.as_bytes());
    spec.extra = extra;
    spec
}

#[test]
fn unicode_path_extra_field_gives_the_name_of_a_legacy_encoded_entry() {
    let package = open(build(&[with_unicode_path(
        b"r\x82sum\x82.html",
        "résumé.html",
    )]));
    assert!(
        package.report().is_valid(),
        "{:#?}",
        package.report().issues()
    );
    let entry = package.file("résumé.html").unwrap();
    assert_eq!(entry.raw_name, "résumé.html");
    let hostile = open(build(&[with_unicode_path(
        b"r\x82sum\x82.html",
        "../../evil.html",
    )]));
    assert_error(hostile.report(), "package.path-traversal");
    assert!(paths(&hostile).is_empty());
}

#[test]
fn data_descriptor_with_eight_byte_sizes_is_accepted() {
    let data = b"wide descriptor ".repeat(8);
    let mut spec = Spec::deflated("a.html", &data);
    spec.flags |= 8;
    let mut bytes = build(&[spec.clone()]);
    // Rebuild by hand: insert a 24-byte descriptor (8-byte sizes) after the data.
    let data_end = 30 + 6 + spec.payload.len();
    let mut descriptor = b"PK\x07\x08".to_vec();
    descriptor.extend_from_slice(&spec.crc.to_le_bytes());
    descriptor.extend_from_slice(&u64::from(spec.csize).to_le_bytes());
    descriptor.extend_from_slice(&u64::from(spec.size).to_le_bytes());
    bytes.splice(data_end..data_end, descriptor);
    // Shift the central directory offset in the end record by the 24 inserted bytes.
    let eocd = bytes.len() - 22;
    let cd = u32::from_le_bytes(bytes[eocd + 16..eocd + 20].try_into().unwrap()) + 24;
    bytes[eocd + 16..eocd + 20].copy_from_slice(&cd.to_le_bytes());
    let package = open(bytes);
    assert!(
        package.report().is_empty(),
        "{:#?}",
        package.report().issues()
    );
    assert_eq!(
        package
            .read_to_vec(package.file("a.html").unwrap(), 1 << 20)
            .unwrap(),
        data
    );
}
