//! The opened package: its safe entries, its report, and lookups.

use std::collections::{BTreeMap, BTreeSet};
use std::fs::File;
use std::path::Path;
use std::sync::Mutex;

use learnwire_report::Report;

use crate::collisions::{check_collisions, fold_key};
use crate::entry::{Candidate, Entry};
use crate::source::Source;
use crate::{Limits, PackageError, PackageKind, archive, folder};

/// A course package (zip or folder) whose structure has been checked; nothing is extracted.
///
/// Opening walks the whole structure once and records every problem in [`report`](Self::report). Entries
/// with a problem (an unsafe name, a symlink, a collision, overlapping data...) are left out of
/// [`files`](Self::files), so whatever the caller reads is unambiguous.
///
/// # Example
///
/// ```
/// use learnwire_package::{Limits, Package};
///
/// # let zip = learnwire_testkit::tiny_zip(&[("imsmanifest.xml", b"<manifest/>")]);
/// let package = Package::from_zip_bytes(zip, &Limits::default())?;
/// assert!(package.report().is_valid());
/// let manifest = package.file("imsmanifest.xml").expect("present");
/// let bytes = package.read_manifest(manifest)?; // at most Limits::max_manifest_bytes
/// assert_eq!(bytes, b"<manifest/>");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug)]
pub struct Package {
    pub(crate) source: Source,
    pub(crate) limits: Limits,
    pub(crate) entries: Vec<Entry>,
    by_path: BTreeMap<String, usize>,
    by_folded: BTreeMap<String, usize>,
    dirs: BTreeSet<String>,
    report: Report,
}

impl Package {
    /// Opens a `.zip` file or a folder and checks its whole structure.
    ///
    /// A folder is walked without following symbolic links (they are reported). A file is read as a zip
    /// archive by offset, never loaded whole.
    ///
    /// # Errors
    ///
    /// [`PackageError::Io`] when the path cannot be read; [`PackageError::TooLarge`] when the file is over
    /// [`Limits::max_archive_bytes`]; otherwise as [`from_zip_bytes`](Self::from_zip_bytes).
    pub fn open(path: &Path, limits: &Limits) -> Result<Package, PackageError> {
        let metadata = std::fs::metadata(path).map_err(|e| PackageError::io(Some(path), e))?;
        let mut report = Report::new();
        if metadata.is_dir() {
            let candidates = folder::scan_folder(path, limits, &mut report)?;
            let source = Source::Folder {
                root: path.to_path_buf(),
            };
            return Ok(Self::build(source, limits, candidates, report));
        }
        if !metadata.is_file() {
            return Err(PackageError::io(
                Some(path),
                std::io::Error::other("not a regular file or a folder"),
            ));
        }
        let len = metadata.len();
        if len > limits.max_archive_bytes() {
            return Err(PackageError::TooLarge {
                size: len,
                limit: limits.max_archive_bytes(),
            });
        }
        let file = File::open(path).map_err(|e| PackageError::io(Some(path), e))?;
        let source = Source::File {
            file: Mutex::new(file),
            len,
            path: path.to_path_buf(),
        };
        let candidates = archive::scan_zip(&source, limits, &mut report)?;
        Ok(Self::build(source, limits, candidates, report))
    }

    /// Checks zip bytes held in memory.
    ///
    /// # Errors
    ///
    /// [`PackageError::NotAZip`], [`PackageError::Truncated`], [`PackageError::Malformed`] (lying end record,
    /// central directory out of place, fewer or more records than declared), [`PackageError::TooLarge`],
    /// [`PackageError::TooManyEntries`] (checked from the end record before any record is read),
    /// [`PackageError::Unsupported`] (multi-disk). Problems of single entries are not errors: they are in
    /// [`report`](Self::report).
    pub fn from_zip_bytes(bytes: Vec<u8>, limits: &Limits) -> Result<Package, PackageError> {
        let len = u64::try_from(bytes.len()).unwrap_or(u64::MAX);
        if len > limits.max_archive_bytes() {
            return Err(PackageError::TooLarge {
                size: len,
                limit: limits.max_archive_bytes(),
            });
        }
        let source = Source::Bytes(bytes);
        let mut report = Report::new();
        let candidates = archive::scan_zip(&source, limits, &mut report)?;
        Ok(Self::build(source, limits, candidates, report))
    }

    /// Every structural problem found while opening: errors and warnings with `package.*` codes, located at
    /// [`Location::Entry`](learnwire_report::Location::Entry) (raw name) or
    /// [`Location::Whole`](learnwire_report::Location::Whole).
    pub fn report(&self) -> &Report {
        &self.report
    }

    /// The safe, readable file entries, in archive (or folder walk) order. Directories and every entry with
    /// an error in [`report`](Self::report) are left out.
    pub fn files(&self) -> impl Iterator<Item = &Entry> {
        self.entries.iter()
    }

    /// The safe file at exactly this normalised path (`content/index.html`, `/`-separated, case-sensitive).
    pub fn file(&self, path: &str) -> Option<&Entry> {
        self.by_path.get(path).and_then(|&i| self.entries.get(i))
    }

    /// The safe file whose path equals `path` ignoring case and Unicode normalisation, for "case mismatch"
    /// reports (a reference that works on Windows but not on a Linux server).
    ///
    /// # Example
    ///
    /// ```
    /// use learnwire_package::{Limits, Package};
    ///
    /// # let zip = learnwire_testkit::tiny_zip(&[("Content/Index.html", b"hi")]);
    /// let package = Package::from_zip_bytes(zip, &Limits::default())?;
    /// assert!(package.file("content/index.html").is_none());
    /// let found = package.file_ignoring_case("content/index.html").expect("a case variant");
    /// assert_eq!(found.path, "Content/Index.html");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn file_ignoring_case(&self, path: &str) -> Option<&Entry> {
        self.by_folded
            .get(&fold_key(path))
            .and_then(|&i| self.entries.get(i))
    }

    /// Whether `path` is a directory: an explicit directory entry, or the parent of a safe file. A trailing
    /// `/` is ignored; the root (`""`) is not listed.
    ///
    /// # Example
    ///
    /// ```
    /// use learnwire_package::{Limits, Package};
    ///
    /// # let zip = learnwire_testkit::tiny_zip(&[("content/media/a.mp4", b"..")]);
    /// let package = Package::from_zip_bytes(zip, &Limits::default())?;
    /// assert!(package.is_dir("content") && package.is_dir("content/media/"));
    /// assert!(!package.is_dir("content/media/a.mp4"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn is_dir(&self, path: &str) -> bool {
        self.dirs.contains(path.trim_end_matches('/'))
    }

    /// Whether the package came from a zip archive or a folder.
    pub fn kind(&self) -> PackageKind {
        match self.source {
            Source::Folder { .. } => PackageKind::Folder,
            Source::Bytes(_) | Source::File { .. } => PackageKind::Zip,
        }
    }

    /// The limits the package was opened with.
    pub fn limits(&self) -> &Limits {
        &self.limits
    }

    fn build(
        source: Source,
        limits: &Limits,
        mut candidates: Vec<Candidate>,
        mut report: Report,
    ) -> Package {
        check_collisions(&mut candidates, &mut report);
        let mut package = Package {
            source,
            limits: limits.clone(),
            entries: Vec::new(),
            by_path: BTreeMap::new(),
            by_folded: BTreeMap::new(),
            dirs: BTreeSet::new(),
            report,
        };
        for candidate in candidates.into_iter().filter(|c| c.safe) {
            let mut parent = candidate.path.as_str();
            while let Some((up, _)) = parent.rsplit_once('/') {
                if !package.dirs.insert(up.to_owned()) {
                    break;
                }
                parent = up;
            }
            if candidate.is_dir {
                package.dirs.insert(candidate.path);
                continue;
            }
            let index = package.entries.len();
            package.by_path.insert(candidate.path.clone(), index);
            package
                .by_folded
                .entry(fold_key(&candidate.path))
                .or_insert(index);
            package.entries.push(Entry {
                path: candidate.path,
                raw_name: candidate.raw_name,
                size: candidate.size,
                compressed_size: candidate.compressed_size,
                index,
                location: candidate.location,
            });
        }
        package
    }
}
