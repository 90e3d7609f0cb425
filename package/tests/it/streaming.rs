//! Archives that a streaming extractor splits differently from the central directory (issue #7, item 11,
//! and the same class elsewhere): stored data ended by a data descriptor, deflate streams that end early,
//! signatures between entries, local header fields a streaming reader acts on, forged end records.
//!
//! `streaming_view` is a small model of a streaming extractor (unzipper, libarchive on a pipe,
//! `stream-unzip`): it walks local headers from the start, ends stored data at the first data descriptor
//! signature followed by the CRC-32 of the bytes before it, ends deflated data where the deflate stream
//! ends, and skips unknown bytes until the next local header. Each attack is first shown to work on it.

use std::io::{Read, Write};

use learnwire_package::{Limits, Package, PackageError};
use learnwire_report::Location;

use crate::zipgen::{Layout, Spec, baseline, build, build_with, local_record};
use crate::{assert_error, codes, open, paths};

/// The entry names a streaming extractor would see, in order.
fn streaming_view(bytes: &[u8]) -> Vec<String> {
    let u16_at = |at: usize| u16::from_le_bytes([bytes[at], bytes[at + 1]]) as usize;
    let u32_at = |at: usize| u32::from_le_bytes(bytes[at..at + 4].try_into().unwrap());
    let mut names = Vec::new();
    let mut at = 0;
    while at + 4 <= bytes.len() {
        match &bytes[at..at + 4] {
            b"PK\x03\x04" => {}
            b"PK\x01\x02" | b"PK\x05\x06" => break,
            _ => {
                at += 1;
                continue;
            }
        }
        let (flags, method) = (u16_at(at + 6), u16_at(at + 8));
        let (name_len, extra_len) = (u16_at(at + 26), u16_at(at + 28));
        let start = at + 30 + name_len + extra_len;
        names.push(String::from_utf8_lossy(&bytes[at + 30..at + 30 + name_len]).into_owned());
        at = match (flags & 8 != 0, method) {
            (true, 0) => {
                let mut end = start;
                while !(bytes[end..].starts_with(b"PK\x07\x08")
                    && u32_at(end + 4) == crc32fast::hash(&bytes[start..end]))
                {
                    end += 1;
                }
                end + 16
            }
            (_, 8) => {
                let mut inflate = flate2::bufread::DeflateDecoder::new(&bytes[start..]);
                std::io::copy(&mut inflate, &mut std::io::sink()).unwrap();
                let end = start + inflate.total_in() as usize;
                match (flags & 8 != 0, bytes[end..].starts_with(b"PK\x07\x08")) {
                    (false, _) => end,
                    (true, true) => end + 16,
                    (true, false) => end + 12,
                }
            }
            _ => start + u32_at(at + 18) as usize,
        };
    }
    names
}

/// A data descriptor as a writer puts it after the data.
fn descriptor(data: &[u8], compressed: usize) -> Vec<u8> {
    let mut out = b"PK\x07\x08".to_vec();
    out.extend_from_slice(&crc32fast::hash(data).to_le_bytes());
    out.extend_from_slice(&(compressed as u32).to_le_bytes());
    out.extend_from_slice(&(data.len() as u32).to_le_bytes());
    out
}

fn with_descriptor(mut spec: Spec) -> Spec {
    spec.flags |= 8;
    spec.descriptor = true;
    spec
}

/// A stored entry `../evil.txt`, as the bytes a streaming extractor would read as the next entry.
fn smuggled() -> Vec<u8> {
    local_record(&Spec::stored("../evil.txt", b"pwned"))
}

fn deflate(data: &[u8], level: flate2::Compression) -> Vec<u8> {
    let mut encoder = flate2::write::DeflateEncoder::new(Vec::new(), level);
    encoder.write_all(data).unwrap();
    encoder.finish().unwrap()
}

#[track_caller]
fn assert_entry_error(package: &Package, entry: &str, code: &str) {
    assert!(
        package
            .report()
            .errors()
            .any(|i| i.code.as_str() == code && i.location == Location::entry(entry)),
        "expected {code} at {entry}, got {:#?}",
        package.report().issues()
    );
    assert!(
        package.file(entry).is_none(),
        "{entry} must not be readable"
    );
}

#[test]
fn stored_descriptor_entry_smuggling_a_local_header_is_a_stream_split() {
    // The data: "hello", then a data descriptor that matches "hello" (signature, CRC-32, sizes), then a
    // local header for ../evil.txt. The central directory lists one entry holding all of it.
    let mut data = b"hello".to_vec();
    data.extend_from_slice(&descriptor(b"hello", 5));
    data.extend_from_slice(&smuggled());
    let specs = [
        Spec::stored("imsmanifest.xml", b"<manifest/>"),
        with_descriptor(Spec::stored("content/index.html", &data)),
    ];
    let bytes = build(&specs);
    assert_eq!(
        streaming_view(&bytes),
        ["imsmanifest.xml", "content/index.html", "../evil.txt"],
        "a streaming extractor ends the entry at the inner descriptor and extracts ../evil.txt"
    );
    let package = open(bytes);
    assert_entry_error(&package, "content/index.html", "package.stream-split");
    assert_eq!(paths(&package), ["imsmanifest.xml"]);
    assert_eq!(codes(package.report()), ["package.stream-split"]);
}

#[test]
fn stored_descriptor_entry_holding_a_descriptor_signature_is_a_stream_split() {
    // Only a descriptor signature, no header after it: unzipper (first signature) already ends the entry
    // there; whatever follows is garbage for it, and a parse ambiguity all the same.
    let mut data = b"<p>".to_vec();
    data.extend_from_slice(b"PK\x07\x08");
    data.extend_from_slice(b" and more text</p>");
    let package = open(build(&[with_descriptor(Spec::stored("a.html", &data))]));
    assert_entry_error(&package, "a.html", "package.stream-split");
    // A local header signature alone, or a central directory one, is refused the same way.
    for signature in [b"PK\x03\x04", b"PK\x01\x02", b"PK\x05\x06", b"PK\x06\x06"] {
        let mut data = b"text ".to_vec();
        data.extend_from_slice(signature);
        data.extend_from_slice(b" text");
        let package = open(build(&[with_descriptor(Spec::stored("a.html", &data))]));
        assert_entry_error(&package, "a.html", "package.stream-split");
    }
}

#[test]
fn stored_descriptor_signature_split_across_scan_chunks_is_found() {
    // The scan reads 64 KiB at a time: a signature straddling two chunks must still be seen.
    for offset in [65_534, 65_535, 65_536, 65_537, 65_538] {
        let mut data = vec![b'x'; 70_000];
        data[offset..offset + 4].copy_from_slice(b"PK\x03\x04");
        let package = open(build(&[with_descriptor(Spec::stored("a.bin", &data))]));
        assert_entry_error(&package, "a.bin", "package.stream-split");
    }
}

#[test]
fn stored_descriptor_without_its_signature_is_a_stream_split() {
    // Without PK\x07\x08 a signature-searching reader runs on into the next entry.
    let mut spec = with_descriptor(Spec::stored("a.html", b"plain text"));
    spec.descriptor_signature = false;
    let bytes = build(&[spec, Spec::stored("b.html", b"b")]);
    let package = open(bytes);
    assert_entry_error(&package, "a.html", "package.stream-split");
    assert_eq!(paths(&package), ["b.html"]);
}

#[test]
fn harmless_stored_descriptor_entry_is_accepted() {
    let data = b"<html><body>no signatures here: P K PK PK\x03 PK\x07</body></html>".repeat(50);
    let specs = [
        with_descriptor(Spec::stored("imsmanifest.xml", b"<manifest/>")),
        with_descriptor(Spec::stored("content/index.html", &data)),
    ];
    let bytes = build(&specs);
    assert_eq!(
        streaming_view(&bytes),
        ["imsmanifest.xml", "content/index.html"]
    );
    let package = open(bytes);
    assert!(
        package.report().is_empty(),
        "{:#?}",
        package.report().issues()
    );
    let entry = package.file("content/index.html").unwrap();
    assert_eq!(package.read_to_vec(entry, 1 << 20).unwrap(), data);
    assert!(package.verify_contents().is_empty());
}

#[test]
fn deflated_descriptor_entry_is_decoded_by_length_not_scanned() {
    // The same smuggled bytes inside a deflated entry with a descriptor. With no compression the deflate
    // stream is made of stored blocks, so the compressed bytes hold PK\x07\x08 and PK\x03\x04 literally.
    // A streaming reader never searches compressed data: it inflates until the final block ends, which is
    // exactly the declared compressed size here, so it sees the same single entry. Not a risk, and not
    // scanned (signatures also occur by chance in compressed data, which would make false alarms).
    let mut data = b"hello".to_vec();
    data.extend_from_slice(&descriptor(b"hello", 5));
    data.extend_from_slice(&smuggled());
    let payload = deflate(&data, flate2::Compression::none());
    assert!(payload.windows(4).any(|w| w == b"PK\x03\x04"));
    let mut spec = Spec::raw(
        b"content/index.html",
        payload,
        8,
        crc32fast::hash(&data),
        data.len(),
    );
    spec = with_descriptor(spec);
    let bytes = build(&[spec]);
    assert_eq!(streaming_view(&bytes), ["content/index.html"]);
    let package = open(bytes);
    assert!(
        package.report().is_empty(),
        "{:#?}",
        package.report().issues()
    );
    let entry = package.file("content/index.html").unwrap();
    assert_eq!(package.read_to_vec(entry, 1 << 20).unwrap(), data);
    assert!(package.verify_contents().is_empty());
}

#[test]
fn deflate_stream_ending_before_its_compressed_size_is_a_stream_split() {
    // Where deflated data *is* a risk: the stream ends early, and inside the declared compressed size
    // follow a descriptor for the part before and a local header. A streaming reader inflates to the end
    // of the stream, reads that descriptor, and extracts ../evil.txt. Only inflating shows it, so it is
    // found when the entry is read or verified.
    let data = b"<p>the real page</p>".repeat(10);
    let stream = deflate(&data, flate2::Compression::default());
    for with_desc in [true, false] {
        let mut payload = stream.clone();
        if with_desc {
            payload.extend_from_slice(&descriptor(&data, stream.len()));
        }
        payload.extend_from_slice(&smuggled());
        let mut spec = Spec::raw(
            b"index.html",
            payload,
            8,
            crc32fast::hash(&data),
            data.len(),
        );
        if with_desc {
            spec = with_descriptor(spec);
        }
        let bytes = build(&[spec]);
        assert_eq!(streaming_view(&bytes), ["index.html", "../evil.txt"]);
        let package = open(bytes);
        let entry = package.file("index.html").unwrap();
        let err = package.read_to_vec(entry, 1 << 20).unwrap_err();
        assert!(
            matches!(err, PackageError::StreamSplit { consumed, declared, .. }
                if consumed == stream.len() as u64 && declared > consumed),
            "{err:?}"
        );
        assert_eq!(err.code().as_str(), "package.stream-split");
        assert_error(&package.verify_contents(), "package.stream-split");
    }
}

#[test]
fn deflate_stream_without_its_end_is_corrupt() {
    // The declared compressed size cuts the stream before its final block: a streaming reader would inflate
    // on into the next record. The output may even be complete (a sync flush ends a non-final block).
    let data = b"complete output, unfinished stream ".repeat(4);
    let mut encoder =
        flate2::write::DeflateEncoder::new(Vec::new(), flate2::Compression::default());
    encoder.write_all(&data).unwrap();
    encoder.flush().unwrap();
    let payload = encoder.get_ref().clone();
    let mut check = flate2::read::DeflateDecoder::new(&payload[..]);
    let mut out = Vec::new();
    let _ = check.read_to_end(&mut out);
    assert_eq!(out, data, "the flushed part already holds all the data");
    let spec = Spec::raw(b"a.txt", payload, 8, crc32fast::hash(&data), data.len());
    let package = open(build(&[spec]));
    let err = package
        .read_to_vec(package.file("a.txt").unwrap(), 1 << 20)
        .unwrap_err();
    assert!(matches!(err, PackageError::CorruptData { .. }), "{err:?}");
    assert_error(&package.verify_contents(), "package.corrupt-data");
}

#[test]
fn local_header_anywhere_in_a_gap_is_a_hidden_entry() {
    // libarchive's streaming reader skips bytes that are not a signature, so a local header need not sit
    // at the start of the gap to be extracted.
    let mut padded = Spec::stored("a.html", b"x");
    padded.payload.extend_from_slice(b"padding first, then ");
    padded.payload.extend_from_slice(&smuggled());
    let bytes = build(&[padded, Spec::stored("b.html", b"y")]);
    assert_eq!(streaming_view(&bytes), ["a.html", "../evil.txt", "b.html"]);
    assert_error(open(bytes).report(), "package.hidden-entry");
    // The same in a self-extractor-like stub before the first entry.
    let mut prefix = b"MZ stub bytes ".to_vec();
    prefix.extend_from_slice(&smuggled());
    let layout = Layout {
        prefix,
        ..Layout::default()
    };
    let bytes = build_with(&baseline(), &layout);
    assert_eq!(streaming_view(&bytes)[0], "../evil.txt");
    assert_error(open(bytes).report(), "package.hidden-entry");
}

#[test]
fn central_directory_signature_between_entries_is_a_stream_split() {
    // A streaming reader stops at a central directory header: b.html is invisible to it.
    let mut padded = Spec::stored("a.html", b"x");
    padded
        .payload
        .extend_from_slice(b"PK\x01\x02 looks like the end");
    let bytes = build(&[padded, Spec::stored("b.html", b"y")]);
    assert_eq!(streaming_view(&bytes), ["a.html"]);
    let package = open(bytes);
    assert_error(package.report(), "package.stream-split");
    // After the last entry it hides nothing: still only the unreferenced-bytes warning.
    let mut last = Spec::stored("b.html", b"y");
    last.payload.extend_from_slice(b"PK\x01\x02 trailing");
    let package = open(build(&[Spec::stored("a.html", b"x"), last]));
    assert!(
        package.report().is_valid(),
        "{:#?}",
        package.report().issues()
    );
    assert!(package.report().has_code("package.unreferenced-data"));
}

/// An end record for the archive `build` makes of `specs`, to forge into a comment.
fn end_record(entries: u16, cd_size: u32, cd_offset: u32, comment_len: u16) -> Vec<u8> {
    let mut out = b"PK\x05\x06".to_vec();
    for v in [0u16, 0, entries, entries] {
        out.extend_from_slice(&v.to_le_bytes());
    }
    out.extend_from_slice(&cd_size.to_le_bytes());
    out.extend_from_slice(&cd_offset.to_le_bytes());
    out.extend_from_slice(&comment_len.to_le_bytes());
    out
}

#[test]
fn forged_end_record_in_the_comment_is_refused() {
    // Readers search backwards: Python takes the last end record signature, Go the last whose comment fits.
    // A well-formed record in the comment (here: claiming an empty archive) makes them read another archive.
    for (comment_len, trailing) in [(0u16, &b""[..]), (0, &b"junk"[..]), (3, &b"abc"[..])] {
        let mut comment = end_record(0, 0, 0, comment_len);
        comment.extend_from_slice(trailing);
        let layout = Layout {
            comment,
            ..Layout::default()
        };
        let err = Package::from_zip_bytes(build_with(&baseline(), &layout), &Limits::default())
            .unwrap_err();
        assert!(matches!(err, PackageError::Malformed { .. }), "{err:?}");
        assert_eq!(err.code().as_str(), "package.malformed");
    }
    // A forged record in trailing bytes is the last one, so it is the one used (as backward-searching
    // readers do): no rival to disagree with, and here it does not describe the archive.
    let layout = Layout {
        trailing: end_record(1, 46, 0, 0),
        ..Layout::default()
    };
    let err =
        Package::from_zip_bytes(build_with(&baseline(), &layout), &Limits::default()).unwrap_err();
    assert!(matches!(err, PackageError::Malformed { .. }), "{err:?}");
}

#[test]
fn stored_inner_zip_before_the_end_record_is_not_a_forged_end_record() {
    // A stored .zip inside the package has its own end record within the last 64 KiB: not a rival, since
    // backward-searching readers meet the real one first. (Its local headers do make it a stream split
    // only with a data descriptor, which this entry does not have.)
    let inner = build(&[Spec::stored("inner.txt", b"inner")]);
    let package = open(build(&[
        Spec::stored("imsmanifest.xml", b"<manifest/>"),
        Spec::stored("content/archive.zip", &inner),
    ]));
    assert!(
        package.report().is_empty(),
        "{:#?}",
        package.report().issues()
    );
}

fn zip64_extra(size: u64, csize: u64) -> Vec<u8> {
    let mut extra = vec![0x01, 0x00, 16, 0];
    extra.extend_from_slice(&size.to_le_bytes());
    extra.extend_from_slice(&csize.to_le_bytes());
    extra
}

#[test]
fn local_zip64_sizes_must_agree_with_the_central_directory() {
    // A streaming reader takes the sizes from the local ZIP64 field: here it would read 2 bytes, then the
    // rest as the next record.
    let data = b"0123456789".to_vec();
    let mut spec = Spec::stored("a.txt", &data);
    spec.local_sizes = Some((spec.crc, 0xFFFF_FFFF, 0xFFFF_FFFF));
    spec.local_extra = Some(zip64_extra(2, 2));
    let package = open(build(&[spec.clone()]));
    assert_entry_error(&package, "a.txt", "package.header-mismatch");
    // Agreeing values are fine.
    spec.local_extra = Some(zip64_extra(10, 10));
    let package = open(build(&[spec.clone()]));
    assert!(
        package.report().is_empty(),
        "{:#?}",
        package.report().issues()
    );
    // A lone marker (stream-unzip reads it as a 4 GiB size) or a missing ZIP64 field is a mismatch.
    spec.local_sizes = Some((spec.crc, 10, 0xFFFF_FFFF));
    assert_entry_error(
        &open(build(&[spec.clone()])),
        "a.txt",
        "package.header-mismatch",
    );
    spec.local_sizes = Some((spec.crc, 0xFFFF_FFFF, 0xFFFF_FFFF));
    spec.local_extra = Some(Vec::new());
    assert_entry_error(&open(build(&[spec])), "a.txt", "package.header-mismatch");
}

#[test]
fn descriptor_entry_local_sizes_are_zero_or_the_central_ones() {
    let data = b"descriptor data".repeat(4);
    let mut spec = with_descriptor(Spec::deflated("a.txt", &data));
    spec.local_sizes = Some((spec.crc, spec.csize, spec.size));
    let package = open(build(&[spec.clone()]));
    assert!(
        package.report().is_empty(),
        "{:#?}",
        package.report().issues()
    );
    spec.local_sizes = Some((0, 3, 0));
    assert_entry_error(&open(build(&[spec])), "a.txt", "package.header-mismatch");
}

fn unicode_path_extra(for_name: &[u8], unicode: &str) -> Vec<u8> {
    let mut extra = vec![0x75, 0x70];
    extra.extend_from_slice(&u16::try_from(5 + unicode.len()).unwrap().to_le_bytes());
    extra.push(1);
    extra.extend_from_slice(&crc32fast::hash(for_name).to_le_bytes());
    extra.extend_from_slice(unicode.as_bytes());
    extra
}

#[test]
fn local_unicode_path_must_name_the_central_name() {
    // libarchive reads the Unicode Path field of the local header: it would extract ../../evil.html.
    let mut spec = Spec::stored("a.html", b"x");
    spec.local_extra = Some(unicode_path_extra(b"a.html", "../../evil.html"));
    assert_entry_error(
        &open(build(&[spec.clone()])),
        "a.html",
        "package.header-mismatch",
    );
    // The same name in both headers is fine.
    spec.local_extra = Some(unicode_path_extra(b"a.html", "a.html"));
    assert!(open(build(&[spec])).report().is_empty());
}

#[test]
fn repeated_extra_field_is_malformed() {
    let data = b"twice".to_vec();
    let mut spec = Spec::stored("a.txt", &data);
    spec.size = 0xFFFF_FFFF;
    spec.csize = 0xFFFF_FFFF;
    spec.local_sizes = Some((spec.crc, 0xFFFF_FFFF, 0xFFFF_FFFF));
    let mut extra = zip64_extra(5, 5);
    extra.extend_from_slice(&zip64_extra(1 << 40, 1 << 40));
    spec.extra = extra;
    let err = Package::from_zip_bytes(build(&[spec]), &Limits::default()).unwrap_err();
    assert!(matches!(err, PackageError::Malformed { .. }), "{err:?}");
}

#[cfg(target_os = "linux")]
#[test]
fn records_sharing_one_stored_descriptor_entry_scan_it_once() {
    // 2 000 records point at one entry of 1 MiB of stored data ended by a descriptor. Scanning it once per
    // record would read about 2 GiB; only entries that overlap no other are scanned, so each byte at most
    // once.
    let first = with_descriptor(Spec::stored("big.bin", &vec![b'x'; 1 << 20]));
    assert_shared_entry_read_about_once(first, "shared-entry");
}

#[cfg(target_os = "linux")]
#[test]
fn records_sharing_one_large_local_header_read_it_once() {
    // The same with a 60 KiB extra field in the shared local header: reading the name and extra field once
    // per record would read 120 MB. Headers that overlap another are not read (the overlap check refuses
    // their entries).
    let mut first = Spec::stored("big.bin", b"small data");
    first.extra = vec![0xCA, 0xFE, 0x60, 0xEA];
    first.extra.resize(4 + 0xEA60, 0);
    assert_shared_entry_read_about_once(first, "shared-header");
}

/// Opens `first` plus 2 000 records pointing at its local header, from a file, and checks that opening read
/// less than three times the file.
#[cfg(target_os = "linux")]
fn assert_shared_entry_read_about_once(first: Spec, tag: &str) {
    let mut specs = vec![first.clone()];
    for i in 0..2000 {
        let name = format!("k{i}");
        let mut spec = Spec::raw(name.as_bytes(), Vec::new(), 0, first.crc, 0);
        (spec.flags, spec.descriptor) = (first.flags, first.descriptor);
        (spec.csize, spec.size) = (first.csize, first.size);
        spec.point_at = Some(0);
        specs.push(spec);
    }
    let dir = crate::folder::TempDir::new(tag);
    let path = dir.path().join("shared.zip");
    std::fs::write(&path, build(&specs)).unwrap();
    let size = std::fs::metadata(&path).unwrap().len();
    let before = crate::bytes_read_by_this_thread();
    let package = Package::open(&path, &Limits::default()).unwrap();
    let read = crate::bytes_read_by_this_thread() - before;
    assert!(
        read < 3 * size,
        "opening read {read} bytes of a {size}-byte file"
    );
    assert_error(package.report(), "package.overlapping-entries");
    assert!(paths(&package).is_empty());
}

#[test]
fn record_pointing_into_a_local_header_does_not_skip_its_checks() {
    // Entry a.html's local header names ../evil.html and carries, in an extra field, bytes that look like
    // another local header; a second record points there. The header of a.html is then shared, so its
    // name is not read: it must be refused as overlapping all the same.
    let mut a = Spec::stored("a.html", b"page");
    a.local_name = b"../evil.html".to_vec();
    let fake = local_record(&Spec::stored("b.html", b""));
    let mut extra = vec![0xCA, 0xFE];
    extra.extend_from_slice(&u16::try_from(fake.len()).unwrap().to_le_bytes());
    extra.extend_from_slice(&fake);
    a.local_extra = Some(extra);
    let mut b = Spec::stored("b.html", b"");
    b.point_at = Some(0);
    let mut bytes = build(&[a, b]);
    let into_extra = (30 + b"../evil.html".len() + 4) as u32;
    let second = bytes
        .windows(4)
        .enumerate()
        .filter(|(_, w)| *w == b"PK\x01\x02")
        .nth(1)
        .unwrap()
        .0;
    bytes[second + 42..second + 46].copy_from_slice(&into_extra.to_le_bytes());
    let package = open(bytes);
    assert_error(package.report(), "package.overlapping-entries");
    assert!(paths(&package).is_empty(), "{:?}", paths(&package));
}
