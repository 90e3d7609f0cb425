//! Entries of a package, as the caller sees them.

/// What a [`Package`](crate::Package) was opened from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum PackageKind {
    /// A zip archive (a file, or bytes in memory).
    Zip,
    /// A folder on disk.
    Folder,
}

/// A safe, readable file of a package.
///
/// Only [`Package::files`](crate::Package::files) and its lookups hand these out: every entry they return
/// passed the name policy and the structural checks. Read its data with
/// [`Package::read_to_vec`](crate::Package::read_to_vec).
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Entry {
    /// The normalised relative path: components joined with `/`, no `.` or empty components.
    pub path: String,
    /// The name as stored: lossy UTF-8, CP437-decoded for zip names without the UTF-8 flag, or the Info-ZIP
    /// Unicode Path extra field's name when that field was made for this name (readers use it).
    pub raw_name: String,
    /// The declared uncompressed size (zip), or the size found while walking (folder).
    pub size: u64,
    /// The declared compressed size (equal to [`size`](Self::size) for a folder).
    pub compressed_size: u64,
    pub(crate) index: usize,
    pub(crate) location: EntryLocation,
}

/// Where an entry's bytes are.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum EntryLocation {
    /// A zip entry: its local header offset and its data range, with the central directory's facts.
    Zip {
        local_offset: u64,
        data_start: u64,
        data_end: u64,
        crc: u32,
        method: u16,
        flags: u16,
    },
    /// A folder file, identified by device and inode where the platform has them.
    Folder { identity: Option<(u64, u64)> },
}

/// An entry found while opening, safe or not, before collisions are checked.
#[derive(Debug)]
pub(crate) struct Candidate {
    /// Lossy raw name, for locations and [`Entry::raw_name`].
    pub(crate) raw_name: String,
    /// Normalised path (may be empty for hopeless names).
    pub(crate) path: String,
    pub(crate) is_dir: bool,
    /// No error was reported for this entry.
    pub(crate) safe: bool,
    pub(crate) size: u64,
    pub(crate) compressed_size: u64,
    pub(crate) location: EntryLocation,
}
