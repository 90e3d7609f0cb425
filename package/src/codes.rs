//! The stable issue codes of this crate, all in the `package.` family.
//!
//! Codes are a contract: they are never renamed or reused. Each one names one check. The same code is used
//! for a problem found while opening (an issue in [`Package::report`](crate::Package::report)), while
//! streaming ([`Package::verify_contents`](crate::Package::verify_contents)) or returned as a
//! [`PackageError`](crate::PackageError) (see [`PackageError::code`](crate::PackageError::code)).

use learnwire_report::Code;

// Whole-archive problems (refusals: `Err(PackageError)`).

/// An I/O error reading the package (`PackageError::Io`).
pub const IO: Code = Code::new("package.io");
/// The input is not a zip archive at all (SCO-20b/c).
pub const NOT_A_ZIP: Code = Code::new("package.not-a-zip");
/// The archive ends before a structure it declares (SCO-20a, SCO-09b).
pub const TRUNCATED: Code = Code::new("package.truncated");
/// The zip structure contradicts itself: lying counts, a central directory out of place (SCO-14).
pub const MALFORMED: Code = Code::new("package.malformed");
/// The archive file is larger than `max_archive_bytes`.
pub const TOO_LARGE: Code = Code::new("package.too-large");
/// More entries than `max_entries` (SCO-13, SCO-14).
pub const TOO_MANY_ENTRIES: Code = Code::new("package.too-many-entries");
/// A zip feature this crate refuses: multi-disk archives, central-directory encryption.
pub const UNSUPPORTED: Code = Code::new("package.unsupported");
/// An [`Entry`](crate::Entry) that does not belong to this package was passed in.
pub const UNKNOWN_ENTRY: Code = Code::new("package.unknown-entry");

// Structure of individual entries.

/// The local header of an entry is missing, unreadable or has a bad signature.
pub const LOCAL_HEADER_INVALID: Code = Code::new("package.local-header-invalid");
/// The local header disagrees with the central directory: name, method, flags or sizes (SCO-17).
pub const HEADER_MISMATCH: Code = Code::new("package.header-mismatch");
/// The entry's data runs past the end of the file (SCO-09b).
pub const ENTRY_TRUNCATED: Code = Code::new("package.entry-truncated");
/// The entry's data runs into the central directory.
pub const ENTRY_OUT_OF_BOUNDS: Code = Code::new("package.entry-out-of-bounds");
/// Two entries share bytes: an overlapping-entries ("better") zip bomb or a quine (SCO-07).
pub const OVERLAPPING_ENTRIES: Code = Code::new("package.overlapping-entries");
/// Bytes before the first entry (a self-extractor stub or a polyglot file). Warning.
pub const LEADING_DATA: Code = Code::new("package.leading-data");
/// A local header in bytes that no central directory record covers: an entry hidden from the index but seen
/// by streaming extractors (a parser differential).
pub const HIDDEN_ENTRY: Code = Code::new("package.hidden-entry");
/// A streaming extractor, which reads local headers from the start of the file and never sees the central
/// directory, would end an entry elsewhere than the central directory says, and read what follows as other
/// entries (a parser differential: entries smuggled past the check, such as a hidden `../` name). Raised for
/// a stored entry with a data descriptor (flag bit 3) whose data holds a record signature (`PK\x07\x08`,
/// `PK\x03\x04`, `PK\x01\x02`, `PK\x05\x06`, `PK\x06\x06`) or whose descriptor lacks its signature; for a
/// deflate stream that ends before the declared compressed size (found when streaming); and for a
/// central-directory or end-record signature between entries.
///
/// References: the security catalogue, §0 invariant 7 (fail closed on a parse ambiguity), SCO-17 (what the
/// local headers say must agree with the central directory) and the zip parser differential it cites at
/// SCO-10 (Go `archive/zip`, GHSA-236w-p7wf-5ph8); APPNOTE 6.3 §4.3.9 (data descriptor) and §4.4.4 (flag
/// bit 3).
pub const STREAM_SPLIT: Code = Code::new("package.stream-split");
/// Bytes between entries that belong to no entry. Warning.
pub const UNREFERENCED_DATA: Code = Code::new("package.unreferenced-data");
/// Bytes after the end record. Warning.
pub const TRAILING_DATA: Code = Code::new("package.trailing-data");

// Entry types and features.

/// A symbolic link entry (SCO-05, CMI-16).
pub const SYMLINK: Code = Code::new("package.symlink");
/// A device, FIFO, socket or other non-regular, non-directory entry.
pub const SPECIAL_FILE: Code = Code::new("package.special-file");
/// An encrypted entry (SCO-15).
pub const ENCRYPTED: Code = Code::new("package.encrypted");
/// A compression method other than stored (0) or deflate (8).
pub const UNSUPPORTED_METHOD: Code = Code::new("package.unsupported-method");

// Names (judged on the raw bytes, before any sanitising).

/// A `..` component (SCO-02, SCO-04, CMI-15).
pub const PATH_TRAVERSAL: Code = Code::new("package.path-traversal");
/// An absolute name: leading `/` or `\`, a drive letter `C:`, a UNC `\\host` (SCO-03).
pub const ABSOLUTE_PATH: Code = Code::new("package.absolute-path");
/// A backslash used as a path separator (SCORM P-05).
pub const BACKSLASH: Code = Code::new("package.name-backslash");
/// NUL or another control character in a name (SCO-18a).
pub const NAME_CONTROL_CHAR: Code = Code::new("package.name-control-char");
/// A name that is not valid UTF-8 although flagged as UTF-8 (SCO-18c), or a folder name that is not UTF-8.
pub const NAME_INVALID_UTF8: Code = Code::new("package.name-invalid-utf8");
/// A non-ASCII name without the UTF-8 flag (readers disagree on its encoding). Warning.
pub const NAME_ENCODING: Code = Code::new("package.name-encoding");
/// An empty name, or one with no component left once `.` and empty components are dropped (SCO-18d).
pub const NAME_EMPTY: Code = Code::new("package.name-empty");
/// A name longer than `max_name_bytes` (SCO-18b).
pub const NAME_TOO_LONG: Code = Code::new("package.name-too-long");
/// A name with more components than `max_path_components`.
pub const NAME_TOO_DEEP: Code = Code::new("package.name-too-deep");
/// A Windows device name such as `CON`, `NUL`, `COM1` (SCO-18e).
pub const NAME_RESERVED: Code = Code::new("package.name-reserved");
/// A `:` in a name (NTFS alternate data stream, SCO-18f).
pub const NAME_COLON: Code = Code::new("package.name-colon");
/// A character Windows refuses in names (`<>"|?*`), or a component ending in a dot or space. Warning.
pub const NAME_NOT_PORTABLE: Code = Code::new("package.name-not-portable");
/// An invisible formatting character (bidirectional override, zero-width space, BOM) that can disguise a
/// name. Warning.
pub const NAME_FORMAT_CHAR: Code = Code::new("package.name-format-char");
/// `.` or empty components (`a/./b`, `a//b`), dropped when normalising. Warning.
pub const NAME_NOT_NORMALIZED: Code = Code::new("package.name-not-normalized");
/// The Info-ZIP Unicode Path extra field names a different path than the entry's name.
pub const NAME_EXTRA_MISMATCH: Code = Code::new("package.name-extra-mismatch");

// Collisions.

/// Two entries with the same normalised name (SCO-10, CMI-20).
pub const DUPLICATE: Code = Code::new("package.duplicate");
/// Two names equal once case-folded (SCO-11, CMI-19).
pub const CASE_COLLISION: Code = Code::new("package.case-collision");
/// Two names equal once Unicode-normalised (NFC), SCO-12.
pub const UNICODE_COLLISION: Code = Code::new("package.unicode-collision");
/// A file that is also used as a directory (`a` and `a/b`), SCO-19.
pub const FILE_DIR_CONFLICT: Code = Code::new("package.file-dir-conflict");

// Sizes and contents.

/// An entry's compression ratio is above `max_entry_ratio` (SCO-06).
pub const RATIO_EXCEEDED: Code = Code::new("package.ratio-exceeded");
/// The total uncompressed size is above `max_total_uncompressed` (SCO-06..08).
pub const TOTAL_TOO_LARGE: Code = Code::new("package.total-too-large");
/// An entry is larger than the cap given to `read_to_vec` (SCO-08, CMI-17).
pub const ENTRY_TOO_LARGE: Code = Code::new("package.entry-too-large");
/// The data does not have the declared size (SCO-09a), or a stored entry declares two sizes.
pub const SIZE_MISMATCH: Code = Code::new("package.size-mismatch");
/// The CRC-32 of the data is not the declared one (SCO-16).
pub const CRC_MISMATCH: Code = Code::new("package.crc-mismatch");
/// The compressed data cannot be decompressed.
pub const CORRUPT_DATA: Code = Code::new("package.corrupt-data");
/// A directory entry that carries data. Warning.
pub const DIRECTORY_WITH_DATA: Code = Code::new("package.directory-with-data");
