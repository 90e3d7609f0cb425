//! The resource limits applied while opening and reading a package.

/// One mebibyte.
const MIB: u64 = 1024 * 1024;

/// Resource limits for reading a package, all checked before the work they bound.
///
/// The defaults follow Learnwire's security catalogue (section 0): they accept every real course package we
/// have seen (large video courses included) and refuse the classic hostile archives. Each limit has a
/// `with_*` setter.
///
/// | Limit | Default | Hit means |
/// |---|---|---|
/// | [`max_archive_bytes`](Self::max_archive_bytes) | 4 GiB | [`PackageError::TooLarge`](crate::PackageError::TooLarge) |
/// | [`max_entries`](Self::max_entries) | 20 000 | [`PackageError::TooManyEntries`](crate::PackageError::TooManyEntries) |
/// | [`max_total_uncompressed`](Self::max_total_uncompressed) | 2 GiB | `package.total-too-large` |
/// | [`max_entry_ratio`](Self::max_entry_ratio) | 200 (for entries over 1 MiB) | `package.ratio-exceeded` |
/// | [`max_name_bytes`](Self::max_name_bytes) | 1 024 | `package.name-too-long` |
/// | [`max_path_components`](Self::max_path_components) | 64 | `package.name-too-deep` |
/// | [`max_manifest_bytes`](Self::max_manifest_bytes) | 16 MiB | `package.manifest-too-large` from [`Package::read_manifest`](crate::Package::read_manifest) |
///
/// # Example
///
/// ```
/// use learnwire_package::Limits;
///
/// let limits = Limits::default().with_max_entries(500).with_max_total_uncompressed(100 << 20);
/// assert_eq!(limits.max_entries(), 500);
/// assert_eq!(limits.max_entry_ratio(), 200);
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Limits {
    max_archive_bytes: u64,
    max_entries: u64,
    max_total_uncompressed: u64,
    max_entry_ratio: u64,
    ratio_threshold: u64,
    max_name_bytes: usize,
    max_path_components: usize,
    max_manifest_bytes: u64,
}

impl Default for Limits {
    fn default() -> Self {
        Self {
            max_archive_bytes: 4 * 1024 * MIB,
            max_entries: 20_000,
            max_total_uncompressed: 2 * 1024 * MIB,
            max_entry_ratio: 200,
            ratio_threshold: MIB,
            max_name_bytes: 1024,
            max_path_components: 64,
            max_manifest_bytes: 16 * MIB,
        }
    }
}

impl Limits {
    /// The largest archive file (or in-memory zip) accepted, in bytes.
    pub fn max_archive_bytes(&self) -> u64 {
        self.max_archive_bytes
    }
    /// The most entries (files and directories) a package may have.
    pub fn max_entries(&self) -> u64 {
        self.max_entries
    }
    /// The largest total uncompressed size, declared and actually streamed.
    pub fn max_total_uncompressed(&self) -> u64 {
        self.max_total_uncompressed
    }
    /// The highest uncompressed/compressed ratio of one entry, applied to entries larger than
    /// [`ratio_threshold`](Self::ratio_threshold).
    pub fn max_entry_ratio(&self) -> u64 {
        self.max_entry_ratio
    }
    /// The uncompressed size (1 MiB by default) above which [`max_entry_ratio`](Self::max_entry_ratio) applies.
    pub fn ratio_threshold(&self) -> u64 {
        self.ratio_threshold
    }
    /// The longest entry name, in bytes as stored.
    pub fn max_name_bytes(&self) -> usize {
        self.max_name_bytes
    }
    /// The most path components in an entry name (and the deepest folder walked).
    pub fn max_path_components(&self) -> usize {
        self.max_path_components
    }
    /// The largest course descriptor (`imsmanifest.xml`, `cmi5.xml`, `tincan.xml`) read, in bytes: enforced
    /// by [`Package::read_manifest`](crate::Package::read_manifest) (the SCORM crate reads its manifest
    /// with it), checked against the declared size before reading and again while streaming.
    pub fn max_manifest_bytes(&self) -> u64 {
        self.max_manifest_bytes
    }

    /// Sets [`max_archive_bytes`](Self::max_archive_bytes).
    #[must_use]
    pub fn with_max_archive_bytes(mut self, bytes: u64) -> Self {
        self.max_archive_bytes = bytes;
        self
    }
    /// Sets [`max_entries`](Self::max_entries).
    #[must_use]
    pub fn with_max_entries(mut self, entries: u64) -> Self {
        self.max_entries = entries;
        self
    }
    /// Sets [`max_total_uncompressed`](Self::max_total_uncompressed).
    #[must_use]
    pub fn with_max_total_uncompressed(mut self, bytes: u64) -> Self {
        self.max_total_uncompressed = bytes;
        self
    }
    /// Sets [`max_entry_ratio`](Self::max_entry_ratio).
    #[must_use]
    pub fn with_max_entry_ratio(mut self, ratio: u64) -> Self {
        self.max_entry_ratio = ratio;
        self
    }
    /// Sets [`ratio_threshold`](Self::ratio_threshold).
    #[must_use]
    pub fn with_ratio_threshold(mut self, bytes: u64) -> Self {
        self.ratio_threshold = bytes;
        self
    }
    /// Sets [`max_name_bytes`](Self::max_name_bytes).
    #[must_use]
    pub fn with_max_name_bytes(mut self, bytes: usize) -> Self {
        self.max_name_bytes = bytes;
        self
    }
    /// Sets [`max_path_components`](Self::max_path_components).
    #[must_use]
    pub fn with_max_path_components(mut self, components: usize) -> Self {
        self.max_path_components = components;
        self
    }
    /// Sets [`max_manifest_bytes`](Self::max_manifest_bytes).
    #[must_use]
    pub fn with_max_manifest_bytes(mut self, bytes: u64) -> Self {
        self.max_manifest_bytes = bytes;
        self
    }

    /// Whether an entry of `size` bytes stored in `compressed` bytes breaks the ratio limit.
    pub(crate) fn ratio_exceeded(&self, size: u64, compressed: u64) -> bool {
        size > self.ratio_threshold
            && u128::from(size) > u128::from(compressed) * u128::from(self.max_entry_ratio)
    }
}
