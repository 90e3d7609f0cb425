//! What a streaming reader would see: zip record signatures in bytes whose end it has to find by itself.
//!
//! A streaming extractor (Java's `ZipInputStream`, Python's `stream-unzip`, libarchive reading a pipe,
//! Node's `unzipper`) never reads the central directory: it walks local headers from the start of the file.
//! Where a local header gives the sizes it skips exactly that many bytes, as we do. Where it does not (flag
//! bit 3, sizes in a data descriptor after the data) it must find the end of the data itself:
//!
//! - **stored** data has no end marker, so readers search for the next record signature: the data
//!   descriptor's `PK\x07\x08` (unzipper takes the first one; libarchive the first one followed by the CRC-32
//!   of the bytes before it), or, for a descriptor written without its optional signature, the next local
//!   or central header (`PK\x03\x04`, `PK\x01\x02`) twelve or more bytes on. Older `stream-unzip` versions
//!   trust the local header's size (zero) and read the descriptor from the first bytes of the data. Stored
//!   bytes that hold any of these signatures therefore end the entry early for some reader, and what follows
//!   is read as that reader's next entry: a `../` name, a symlink, a second manifest that the central
//!   directory never lists. Java's `ZipInputStream` refuses stored entries with a descriptor outright
//!   ("only DEFLATED entries can have EXT descriptor"), which is one more reason these entries are rare.
//! - **deflated** data is self-delimiting: readers inflate until the final block ends, then read the
//!   descriptor. The compressed bytes are never searched, so signatures inside them are harmless and are
//!   not looked for (they occur by chance in compressed data). The risk there is a deflate stream that ends
//!   *before* the declared compressed size: the reader takes the rest as the descriptor and the next local
//!   header. That is only visible by inflating, so it is checked when the entry is streamed
//!   ([`Package::verify_contents`](crate::Package::verify_contents), `package.stream-split`).
//!
//! Between entries (bytes no record covers), libarchive's streaming reader skips anything that is not a
//! signature until it finds the next local header, and stops at a central-directory or end-record
//! signature, so those signatures matter anywhere in a gap, not only at its start.
//!
//! The scan reads the bytes once, in 64 KiB chunks with a 3-byte overlap: linear in the size scanned, one
//! fixed buffer.

use std::io::{self, Read};

use learnwire_report::{Code, Severity};

use crate::codes;
use crate::source::Source;

/// A local file header (APPNOTE 6.3 §4.3.7).
pub(crate) const LOCAL: [u8; 4] = *b"PK\x03\x04";
/// A data descriptor's optional signature (APPNOTE §4.3.9.3).
pub(crate) const DESCRIPTOR: [u8; 4] = *b"PK\x07\x08";
/// A central directory header (APPNOTE §4.3.12).
pub(crate) const CENTRAL: [u8; 4] = *b"PK\x01\x02";
/// The end of central directory record (APPNOTE §4.3.16).
pub(crate) const END: [u8; 4] = *b"PK\x05\x06";
/// The ZIP64 end of central directory record (APPNOTE §4.3.14).
pub(crate) const END64: [u8; 4] = *b"PK\x06\x06";

/// The signatures that end stored data for some streaming reader: the descriptor's own, and the headers a
/// reader looks for after a descriptor without one. The end records are included because a reader that
/// meets one stops there.
pub(crate) const ENDS_STORED_DATA: [[u8; 4]; 5] = [DESCRIPTOR, LOCAL, CENTRAL, END, END64];

const CHUNK: usize = 64 * 1024;
/// Bytes kept from one chunk to the next, so a signature split across two chunks is still seen.
const OVERLAP: usize = 3;

/// Calls `found(offset, signature)` for each occurrence of one of `wanted` in `[start, end)`, in order,
/// until it returns `false`.
pub(crate) fn scan_signatures(
    source: &Source,
    start: u64,
    end: u64,
    wanted: &[[u8; 4]],
    found: &mut dyn FnMut(u64, [u8; 4]) -> bool,
) -> io::Result<()> {
    let mut reader = source.range(start, end);
    let mut buf = vec![0u8; CHUNK + OVERLAP];
    let mut kept = 0usize;
    // The file offset of buf[0].
    let mut base = start;
    loop {
        let Some(free) = buf.get_mut(kept..) else {
            return Ok(());
        };
        let n = match reader.read(free) {
            Ok(0) => return Ok(()),
            Ok(n) => n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        let filled = kept.saturating_add(n);
        let window = buf.get(..filled).unwrap_or_default();
        for (at, bytes) in window.windows(4).enumerate() {
            if let &[b'P', b'K', c, d] = bytes {
                let signature = [b'P', b'K', c, d];
                let offset = base.saturating_add(u64::try_from(at).unwrap_or(u64::MAX));
                if wanted.contains(&signature) && !found(offset, signature) {
                    return Ok(());
                }
            }
        }
        // The last 3 bytes start no complete window yet: they lead the next chunk, so no window is seen
        // twice and none is missed.
        let keep = filled.min(OVERLAP);
        buf.copy_within(filled.saturating_sub(keep)..filled, 0);
        base = base.saturating_add(u64::try_from(filled.saturating_sub(keep)).unwrap_or(u64::MAX));
        kept = keep;
    }
}

/// The first occurrence of one of `wanted` in `[start, end)`.
pub(crate) fn first_signature(
    source: &Source,
    start: u64,
    end: u64,
    wanted: &[[u8; 4]],
) -> io::Result<Option<(u64, [u8; 4])>> {
    let mut first = None;
    scan_signatures(source, start, end, wanted, &mut |offset, signature| {
        first = Some((offset, signature));
        false
    })?;
    Ok(first)
}

/// Scans stored data that only a data descriptor ends for a signature a streaming reader would stop at:
/// the issue to report, if any.
pub(crate) fn scan_stored_data(
    source: &Source,
    data_start: u64,
    data_end: u64,
) -> Option<(Code, Severity, String)> {
    match first_signature(source, data_start, data_end, &ENDS_STORED_DATA) {
        Ok(None) => None,
        Ok(Some((offset, signature))) => Some((
            codes::STREAM_SPLIT,
            Severity::Error,
            format!(
                "the stored entry's data holds {} at offset {offset}: a streaming reader, which has to \
                 search for the end of stored data that a data descriptor follows, ends the entry there \
                 and reads what follows as another entry",
                signature_name(signature)
            ),
        )),
        Err(_) => Some((
            codes::ENTRY_TRUNCATED,
            Severity::Error,
            "the entry's data cannot be read".into(),
        )),
    }
}

/// A plain name for a signature, for messages.
pub(crate) fn signature_name(signature: [u8; 4]) -> &'static str {
    match signature {
        LOCAL => "a local file header",
        DESCRIPTOR => "a data descriptor",
        CENTRAL => "a central directory header",
        END => "an end of central directory record",
        END64 => "a ZIP64 end of central directory record",
        _ => "a zip record",
    }
}
