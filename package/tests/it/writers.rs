//! Archives made by a mainstream writer (the `zip` crate) open clean: no false positives.

use std::io::{Cursor, Write};

use learnwire_package::{Limits, Package};
use zip::CompressionMethod;
use zip::write::{SimpleFileOptions, ZipWriter};

fn files() -> Vec<(&'static str, Vec<u8>)> {
    vec![
        ("imsmanifest.xml", b"<manifest identifier=\"m\"/>".to_vec()),
        ("content/index.html", b"<p>hello</p>\n".repeat(100)),
        ("content/caf\u{e9}.css", b"body{}".to_vec()),
        (
            "content/media/clip.bin",
            (0..70_000u32).map(|i| (i * 7 % 251) as u8).collect(),
        ),
    ]
}

fn check(bytes: Vec<u8>) {
    let package = Package::from_zip_bytes(bytes, &Limits::default()).unwrap();
    let verdict = package.verify_contents();
    assert!(verdict.is_empty(), "{:#?}", verdict.issues());
    for (name, data) in files() {
        let entry = package
            .file(name)
            .unwrap_or_else(|| panic!("{name} listed"));
        assert_eq!(package.read_to_vec(entry, 1 << 20).unwrap(), data, "{name}");
    }
    assert!(package.is_dir("content/media"));
}

#[test]
fn seekable_writer_with_zip64_fields_and_directories() {
    for (method, large) in [
        (CompressionMethod::Deflated, false),
        (CompressionMethod::Stored, false),
        (CompressionMethod::Deflated, true),
    ] {
        let mut writer = ZipWriter::new(Cursor::new(Vec::new()));
        let options = SimpleFileOptions::default()
            .compression_method(method)
            .unix_permissions(0o644)
            .large_file(large);
        writer.add_directory("content/", options).unwrap();
        for (name, data) in files() {
            writer.start_file(name, options).unwrap();
            writer.write_all(&data).unwrap();
        }
        writer.set_comment("made by the zip crate").unwrap();
        check(writer.finish().unwrap().into_inner());
    }
}

#[test]
fn streaming_writer_with_data_descriptors() {
    // Stored entries included: ended only by their descriptor, they are scanned for signatures and must
    // still be accepted when their data holds none.
    for method in [CompressionMethod::Deflated, CompressionMethod::Stored] {
        let mut writer = ZipWriter::new_stream(Vec::new());
        let options = SimpleFileOptions::default().compression_method(method);
        for (name, data) in files() {
            writer.start_file(name, options).unwrap();
            writer.write_all(&data).unwrap();
        }
        let bytes = writer.finish().unwrap().into_inner();
        assert_eq!(bytes[6] & 8, 8, "the first entry has a data descriptor");
        assert_eq!(
            bytes[8],
            if method == CompressionMethod::Stored {
                0
            } else {
                8
            }
        );
        check(bytes);
    }
}
