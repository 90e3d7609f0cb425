//! Why a package could not be opened or an entry could not be read.

use std::path::PathBuf;

use learnwire_report::{Code, Issue, Location, Severity};

use crate::codes;

/// Why a package was refused, or why one entry could not be read.
///
/// Opening refuses only what leaves nothing trustworthy to look at (not a zip, truncated, lying end record,
/// too large, too many entries); every per-entry problem is an issue in
/// [`Package::report`](crate::Package::report) instead. Reading an entry fails with the variant naming the
/// check that stopped it. [`code`](Self::code) gives the stable `package.*` code, so a refusal can be shown as
/// an issue.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum PackageError {
    /// Reading the package failed.
    #[error("cannot read {}", path.as_ref().map_or_else(|| "the package".to_owned(), |p| p.display().to_string()))]
    Io {
        /// The file or folder, when the package came from one.
        path: Option<PathBuf>,
        /// The underlying error.
        #[source]
        source: std::io::Error,
    },
    /// The input is not a zip archive (no end of central directory record).
    #[error("not a zip archive")]
    NotAZip,
    /// The archive ends before a structure it declares.
    #[error("the zip archive is truncated")]
    Truncated,
    /// The zip structure contradicts itself.
    #[error("malformed zip archive: {reason}")]
    Malformed {
        /// What is wrong.
        reason: &'static str,
    },
    /// The archive is larger than [`Limits::max_archive_bytes`](crate::Limits::max_archive_bytes).
    #[error("the archive has {size} bytes, more than the limit of {limit}")]
    TooLarge {
        /// The archive size.
        size: u64,
        /// The limit.
        limit: u64,
    },
    /// The archive declares or holds more entries than [`Limits::max_entries`](crate::Limits::max_entries).
    #[error("the package has {found} entries, more than the limit of {limit}")]
    TooManyEntries {
        /// Entries declared or counted.
        found: u64,
        /// The limit.
        limit: u64,
    },
    /// A zip feature this crate refuses (multi-disk archives, central-directory encryption).
    #[error("unsupported zip feature: {feature}")]
    Unsupported {
        /// The feature.
        feature: &'static str,
    },
    /// The entry is larger than the cap given to [`Package::read_to_vec`](crate::Package::read_to_vec).
    #[error(
        "entry {} is larger than {limit} bytes",
        learnwire_report::quote(entry)
    )]
    EntryTooLarge {
        /// The entry path.
        entry: String,
        /// The cap.
        limit: u64,
    },
    /// A course descriptor (`imsmanifest.xml`, `cmi5.xml`, `tincan.xml`) is larger than
    /// [`Limits::max_manifest_bytes`](crate::Limits::max_manifest_bytes) (read with
    /// [`Package::read_manifest`](crate::Package::read_manifest)).
    #[error(
        "the manifest {} is larger than the limit of {limit} bytes (Limits::max_manifest_bytes)",
        learnwire_report::quote(entry)
    )]
    ManifestTooLarge {
        /// The entry path.
        entry: String,
        /// The limit.
        limit: u64,
    },
    /// The entry inflates beyond [`Limits::max_entry_ratio`](crate::Limits::max_entry_ratio).
    #[error(
        "entry {} inflates more than {limit}:1",
        learnwire_report::quote(entry)
    )]
    RatioExceeded {
        /// The entry path.
        entry: String,
        /// The ratio limit.
        limit: u64,
    },
    /// Streaming went past [`Limits::max_total_uncompressed`](crate::Limits::max_total_uncompressed).
    #[error("the package inflates to more than {limit} bytes")]
    TotalTooLarge {
        /// The limit.
        limit: u64,
    },
    /// The entry's data does not have its declared size.
    #[error("entry {} declares {declared} bytes but holds {}", learnwire_report::quote(entry), if *larger { "more" } else { "fewer" })]
    SizeMismatch {
        /// The entry path.
        entry: String,
        /// The declared uncompressed size.
        declared: u64,
        /// True when the data is larger than declared (reading stopped one byte past it).
        larger: bool,
    },
    /// The CRC-32 of the entry's data is not the declared one.
    #[error(
        "entry {} has CRC-32 {actual:08x}, but {declared:08x} is declared",
        learnwire_report::quote(entry)
    )]
    CrcMismatch {
        /// The entry path.
        entry: String,
        /// The declared CRC-32.
        declared: u32,
        /// The CRC-32 of the data read.
        actual: u32,
    },
    /// The entry is encrypted.
    #[error("entry {} is encrypted", learnwire_report::quote(entry))]
    Encrypted {
        /// The entry path.
        entry: String,
    },
    /// The entry uses a compression method other than stored or deflate.
    #[error(
        "entry {} uses unsupported compression method {method}",
        learnwire_report::quote(entry)
    )]
    UnsupportedMethod {
        /// The entry path.
        entry: String,
        /// The method number (APPNOTE 4.4.5).
        method: u16,
    },
    /// The entry's compressed data is corrupt.
    #[error("entry {} cannot be decompressed", learnwire_report::quote(entry))]
    CorruptData {
        /// The entry path.
        entry: String,
        /// What the decompressor said.
        #[source]
        source: Box<dyn std::error::Error + Send + Sync>,
    },
    /// The entry's deflate stream ends before its declared compressed size: a streaming reader, which
    /// inflates until the stream ends, reads the remaining bytes as the next record (code
    /// `package.stream-split`).
    #[error(
        "entry {}'s deflate stream ends after {consumed} of its {declared} compressed bytes",
        learnwire_report::quote(entry)
    )]
    StreamSplit {
        /// The entry path.
        entry: String,
        /// The compressed bytes the deflate stream used.
        consumed: u64,
        /// The declared compressed size.
        declared: u64,
    },
    /// The [`Entry`](crate::Entry) does not belong to this package, or is not readable.
    #[error(
        "entry {} is not a readable entry of this package",
        learnwire_report::quote(entry)
    )]
    UnknownEntry {
        /// The entry path.
        entry: String,
    },
}

impl PackageError {
    /// The stable `package.*` code of this error (see [`codes`](crate::codes)).
    ///
    /// # Example
    ///
    /// ```
    /// use learnwire_package::{Limits, Package, PackageError};
    ///
    /// let err = Package::from_zip_bytes(b"plain text".to_vec(), &Limits::default()).unwrap_err();
    /// assert!(matches!(err, PackageError::NotAZip));
    /// assert_eq!(err.code().as_str(), "package.not-a-zip");
    /// ```
    pub fn code(&self) -> Code {
        match self {
            Self::Io { .. } => codes::IO,
            Self::NotAZip => codes::NOT_A_ZIP,
            Self::Truncated => codes::TRUNCATED,
            Self::Malformed { .. } => codes::MALFORMED,
            Self::TooLarge { .. } => codes::TOO_LARGE,
            Self::TooManyEntries { .. } => codes::TOO_MANY_ENTRIES,
            Self::Unsupported { .. } => codes::UNSUPPORTED,
            Self::EntryTooLarge { .. } => codes::ENTRY_TOO_LARGE,
            Self::ManifestTooLarge { .. } => codes::MANIFEST_TOO_LARGE,
            Self::RatioExceeded { .. } => codes::RATIO_EXCEEDED,
            Self::TotalTooLarge { .. } => codes::TOTAL_TOO_LARGE,
            Self::SizeMismatch { .. } => codes::SIZE_MISMATCH,
            Self::CrcMismatch { .. } => codes::CRC_MISMATCH,
            Self::Encrypted { .. } => codes::ENCRYPTED,
            Self::UnsupportedMethod { .. } => codes::UNSUPPORTED_METHOD,
            Self::CorruptData { .. } => codes::CORRUPT_DATA,
            Self::StreamSplit { .. } => codes::STREAM_SPLIT,
            Self::UnknownEntry { .. } => codes::UNKNOWN_ENTRY,
        }
    }

    /// This error as a report issue, so that a refusal and the problems of an opened package take one shape:
    /// its [`code`](Self::code), severity error, located at the entry it names (or the whole package), and a
    /// message that goes down the chain of sources, so an I/O error says what the operating system said.
    ///
    /// # Example
    ///
    /// ```
    /// use learnwire_package::{Limits, Package};
    /// use learnwire_report::Location;
    ///
    /// let err = Package::open("/no/such/course.zip".as_ref(), &Limits::default()).unwrap_err();
    /// let issue = err.to_issue();
    /// assert_eq!(issue.code.as_str(), "package.io");
    /// assert_eq!(issue.location, Location::Whole);
    /// assert!(issue.message.starts_with("cannot read /no/such/course.zip: "), "{}", issue.message);
    /// ```
    pub fn to_issue(&self) -> Issue {
        let location = match self.entry() {
            Some(entry) => Location::entry(entry),
            None => Location::Whole,
        };
        Issue::new(self.code(), Severity::Error, location, self.message())
    }

    /// `Display`, followed by each source's own message (`cannot read x.zip: Permission denied (os error 13)`).
    pub(crate) fn message(&self) -> String {
        let mut message = self.to_string();
        let mut source = std::error::Error::source(self);
        while let Some(cause) = source {
            message.push_str(": ");
            message.push_str(&cause.to_string());
            source = cause.source();
        }
        message
    }

    /// The entry path the error is about, if it is about one entry.
    fn entry(&self) -> Option<&str> {
        match self {
            Self::EntryTooLarge { entry, .. }
            | Self::ManifestTooLarge { entry, .. }
            | Self::RatioExceeded { entry, .. }
            | Self::SizeMismatch { entry, .. }
            | Self::CrcMismatch { entry, .. }
            | Self::Encrypted { entry }
            | Self::UnsupportedMethod { entry, .. }
            | Self::CorruptData { entry, .. }
            | Self::StreamSplit { entry, .. }
            | Self::UnknownEntry { entry } => Some(entry),
            Self::Io { .. }
            | Self::NotAZip
            | Self::Truncated
            | Self::Malformed { .. }
            | Self::TooLarge { .. }
            | Self::TooManyEntries { .. }
            | Self::Unsupported { .. }
            | Self::TotalTooLarge { .. } => None,
        }
    }

    /// True when the input itself is at fault (hostile or broken), false for I/O errors and API misuse.
    pub fn is_bad_input(&self) -> bool {
        !matches!(self, Self::Io { .. } | Self::UnknownEntry { .. })
    }

    pub(crate) fn io(path: Option<&std::path::Path>, source: std::io::Error) -> Self {
        Self::Io {
            path: path.map(std::path::Path::to_path_buf),
            source,
        }
    }
}
