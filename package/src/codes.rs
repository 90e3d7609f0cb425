//! The stable issue codes of this crate, all in the `package.` family.
//!
//! Codes are a contract: they are never renamed or reused. Each one names one check. The same code is used
//! for a problem found while opening (an issue in [`Package::report`](crate::Package::report)), while
//! streaming ([`Package::verify_contents`](crate::Package::verify_contents)) or returned as a
//! [`PackageError`](crate::PackageError) (see [`PackageError::code`](crate::PackageError::code)).
//!
//! [`CODES`] lists every one of them with its severity, summary and reference; it is built from the same
//! declarations as the constants, so the two cannot drift apart. Rule ids (`SCO-*`, `CMI-*`) refer to
//! Learnwire's security catalogue, `P-*` to its SCORM rule checklist, APPNOTE to PKWARE's zip format
//! specification 6.3.

use learnwire_report::{Code, CodeInfo, Severity};

/// Declares each code once: its constant (documented with its summary, reference and any further
/// paragraphs) and its [`CodeInfo`] entry in [`CODES`].
macro_rules! codes {
    ($(
        $(#[doc = $extra:literal])*
        $name:ident = $code:literal, $severity:ident, $summary:literal, $reference:literal;
    )*) => {
        $(
            #[doc = concat!(
                "`", $code, "`: ", $summary, " (",
                stringify!($severity), "; ", $reference, ")."
            )]
            $(#[doc = ""] #[doc = $extra])*
            pub const $name: Code = Code::new($code);
        )*

        /// Every code this crate emits, in reports and in [`PackageError::code`](crate::PackageError::code),
        /// with its severity (the strictest reading: a collision between two folders is only a warning, a
        /// collision is listed as an error), a one-line summary and the rule or specification behind it.
        ///
        /// # Example
        ///
        /// ```
        /// use learnwire_package::{CODES, codes};
        ///
        /// let info = CODES.iter().find(|info| info.code == codes::PATH_TRAVERSAL).unwrap();
        /// assert!(info.reference.contains("SCO-02"));
        /// ```
        pub const CODES: &[CodeInfo] = &[$(
            CodeInfo::new($code, Severity::$severity, $summary, $reference),
        )*];
    };
}

codes! {
    // Whole-archive problems (refusals: `Err(PackageError)`).
    NOT_A_ZIP = "package.not-a-zip", Error,
        "the input is not a zip archive at all", "SCO-20b, SCO-20c";
    /// The file or folder could not be read: the issue's message gives the operating system's reason.
    IO = "package.io", Error,
        "an I/O error reading the package (`PackageError::Io`)", "learnwire-package: operating-system error";
    TRUNCATED = "package.truncated", Error,
        "the archive ends before a structure it declares", "SCO-20a, SCO-09b";
    MALFORMED = "package.malformed", Error,
        "the zip structure contradicts itself: lying counts, a central directory out of place", "SCO-14; APPNOTE 6.3 §4.3.16";
    TOO_LARGE = "package.too-large", Error,
        "the archive file is larger than `Limits::max_archive_bytes`", "security catalogue §0 (recommended limits); P-07";
    TOO_MANY_ENTRIES = "package.too-many-entries", Error,
        "more entries than `Limits::max_entries`", "SCO-13, SCO-14";
    UNSUPPORTED = "package.unsupported", Error,
        "a zip feature this crate refuses: multi-disk archives, central-directory encryption", "APPNOTE 6.3 §7 (central-directory encryption), §8 (split and spanned archives)";
    UNKNOWN_ENTRY = "package.unknown-entry", Error,
        "an `Entry` that does not belong to this package was passed in (API misuse)", "learnwire-package API";
    MANIFEST_TOO_LARGE = "package.manifest-too-large", Error,
        "a course descriptor (imsmanifest.xml, cmi5.xml, tincan.xml) is larger than `Limits::max_manifest_bytes`", "SCO-08, SCO-30, CMI-06, CMI-17";

    // Structure of individual entries.
    LOCAL_HEADER_INVALID = "package.local-header-invalid", Error,
        "the local header of an entry is missing, unreadable or has a bad signature", "SCO-17; APPNOTE 6.3 §4.3.7";
    HEADER_MISMATCH = "package.header-mismatch", Error,
        "the local header disagrees with the central directory: name, method, flags or sizes", "SCO-17";
    ENTRY_TRUNCATED = "package.entry-truncated", Error,
        "the entry's data runs past the end of the file", "SCO-09b";
    ENTRY_OUT_OF_BOUNDS = "package.entry-out-of-bounds", Error,
        "the entry's data runs into the central directory", "SCO-07 (entry ranges inside the file, before the central directory)";
    OVERLAPPING_ENTRIES = "package.overlapping-entries", Error,
        "two entries share bytes: an overlapping-entries (\"better\") zip bomb or a quine", "SCO-07";
    LEADING_DATA = "package.leading-data", Warning,
        "bytes before the first entry (a self-extractor stub or a polyglot file)", "APPNOTE 6.3 §4.3.6";
    HIDDEN_ENTRY = "package.hidden-entry", Error,
        "a local header in bytes no central directory record covers: an entry hidden from the index but seen by streaming extractors", "SCO-10, SCO-17";
    /// Raised for a stored entry with a data descriptor (flag bit 3) whose data holds a record signature
    /// (`PK\x07\x08`, `PK\x03\x04`, `PK\x01\x02`, `PK\x05\x06`, `PK\x06\x06`) or whose descriptor lacks its
    /// signature; for a deflate stream that ends before the declared compressed size (found when streaming);
    /// and for a central-directory or end-record signature between entries. A streaming extractor reads
    /// local headers from the start of the file and never sees the central directory, so it would read what
    /// follows as other entries (a parser differential: entries smuggled past the check, such as a hidden
    /// `../` name; Go `archive/zip`, GHSA-236w-p7wf-5ph8).
    STREAM_SPLIT = "package.stream-split", Error,
        "a streaming extractor would end an entry elsewhere than the central directory says", "security catalogue §0 invariant 7, SCO-10, SCO-17; APPNOTE 6.3 §4.3.9, §4.4.4";
    UNREFERENCED_DATA = "package.unreferenced-data", Warning,
        "bytes between entries that belong to no entry", "APPNOTE 6.3 §4.3.6";
    TRAILING_DATA = "package.trailing-data", Warning,
        "bytes after the end record", "APPNOTE 6.3 §4.3.6";

    // Entry types and features.
    SYMLINK = "package.symlink", Error,
        "a symbolic link entry", "SCO-05, CMI-16";
    SPECIAL_FILE = "package.special-file", Error,
        "a device, FIFO, socket or other non-regular, non-directory entry", "P-06";
    ENCRYPTED = "package.encrypted", Error,
        "an encrypted entry", "SCO-15";
    UNSUPPORTED_METHOD = "package.unsupported-method", Error,
        "a compression method other than stored (0) or deflate (8)", "APPNOTE 6.3 §4.4.5; cmi5 §14";

    // Names (judged on the raw bytes, before any sanitising).
    PATH_TRAVERSAL = "package.path-traversal", Error,
        "a `..` component", "SCO-02, SCO-04, CMI-15";
    ABSOLUTE_PATH = "package.absolute-path", Error,
        "an absolute name: leading `/` or `\\`, a drive letter `C:`, a UNC `\\\\host`", "SCO-03";
    BACKSLASH = "package.name-backslash", Error,
        "a backslash used as a path separator", "P-05, SCO-04; APPNOTE 6.3 §4.4.17";
    NAME_CONTROL_CHAR = "package.name-control-char", Error,
        "NUL or another control character in a name", "SCO-18a";
    NAME_INVALID_UTF8 = "package.name-invalid-utf8", Error,
        "a name that is not valid UTF-8 although flagged as UTF-8, or a folder name that is not UTF-8", "SCO-18c";
    NAME_ENCODING = "package.name-encoding", Warning,
        "a non-ASCII name without the UTF-8 flag (readers disagree on its encoding)", "APPNOTE 6.3 §4.4.4 bit 11, appendix D";
    NAME_EMPTY = "package.name-empty", Error,
        "an empty name, or one with no component left once `.` and empty components are dropped", "SCO-18d";
    NAME_TOO_LONG = "package.name-too-long", Error,
        "a name longer than `Limits::max_name_bytes`", "SCO-18b";
    NAME_TOO_DEEP = "package.name-too-deep", Error,
        "a name with more components than `Limits::max_path_components`", "security catalogue §0 (path depth 64)";
    NAME_RESERVED = "package.name-reserved", Error,
        "a Windows device name such as `CON`, `NUL`, `COM1`", "SCO-18e";
    NAME_COLON = "package.name-colon", Error,
        "a `:` in a name (NTFS alternate data stream)", "SCO-18f";
    NAME_NOT_PORTABLE = "package.name-not-portable", Warning,
        "a character Windows refuses in names (`<>\"|?*`), or a component ending in a dot or space", "SCO-18 (names Windows cannot store)";
    NAME_FORMAT_CHAR = "package.name-format-char", Warning,
        "an invisible formatting character (bidirectional override, zero-width space, BOM) that can disguise a name", "SCO-18 (hostile names)";
    NAME_NOT_NORMALIZED = "package.name-not-normalized", Warning,
        "`.` or empty components (`a/./b`, `a//b`), dropped when normalising", "SCO-18d";
    NAME_EXTRA_MISMATCH = "package.name-extra-mismatch", Error,
        "the Info-ZIP Unicode Path extra field names a different path than the entry's name", "SCO-17; APPNOTE 6.3 §4.6.9";

    // Collisions.
    DUPLICATE = "package.duplicate", Error,
        "two entries with the same normalised name", "SCO-10, CMI-20, P-08";
    CASE_COLLISION = "package.case-collision", Error,
        "two names equal once case-folded", "SCO-11, CMI-19";
    UNICODE_COLLISION = "package.unicode-collision", Error,
        "two names equal once Unicode-normalised (NFC)", "SCO-12";
    FILE_DIR_CONFLICT = "package.file-dir-conflict", Error,
        "a file that is also used as a directory (`a` and `a/b`)", "SCO-19";

    // Sizes and contents.
    RATIO_EXCEEDED = "package.ratio-exceeded", Error,
        "an entry's compression ratio is above `Limits::max_entry_ratio`", "SCO-06";
    TOTAL_TOO_LARGE = "package.total-too-large", Error,
        "the total uncompressed size is above `Limits::max_total_uncompressed`", "SCO-06..08";
    ENTRY_TOO_LARGE = "package.entry-too-large", Error,
        "an entry is larger than the cap given to `Package::read_to_vec`", "SCO-08, CMI-17";
    SIZE_MISMATCH = "package.size-mismatch", Error,
        "the data does not have the declared size, or a stored entry declares two sizes", "SCO-09a";
    CRC_MISMATCH = "package.crc-mismatch", Error,
        "the CRC-32 of the data is not the declared one", "SCO-16";
    CORRUPT_DATA = "package.corrupt-data", Error,
        "the compressed data cannot be decompressed", "RFC 1951";
    DIRECTORY_WITH_DATA = "package.directory-with-data", Warning,
        "a directory entry that carries data", "APPNOTE 6.3 §4.3.8";
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use super::*;

    #[test]
    fn codes_are_unique_and_in_the_package_family() {
        let mut seen = BTreeSet::new();
        for info in CODES {
            assert!(seen.insert(info.code), "{} is listed twice", info.code);
            assert_eq!(info.code.family(), "package", "{}", info.code);
            assert!(!info.summary.is_empty() && !info.reference.is_empty());
        }
        assert!(CODES.iter().any(|info| info.code == MANIFEST_TOO_LARGE));
    }
}
