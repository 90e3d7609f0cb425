//! Walking a package folder without following symbolic links.
//!
//! Everything the checks need (type, size, identity) comes from `symlink_metadata`; no file is opened or
//! read while walking or verifying. A file is opened only when a caller reads its content
//! ([`Package::read_to_vec`](crate::Package::read_to_vec)).

use std::fs;
use std::path::{Path, PathBuf};

use learnwire_report::{Issue, Location, Report};

use crate::entry::{Candidate, Entry, EntryLocation};
use crate::names::{Encoding, judge_name};
use crate::{Limits, PackageError, codes};

/// A folder still to walk: its path, its package path (raw bytes) and its depth.
type Pending = (PathBuf, Vec<u8>, usize);

/// Walks `root` (candidates come out sorted by name); symbolic links and special files are reported, never followed.
pub(crate) fn scan_folder(
    root: &Path,
    limits: &Limits,
    report: &mut Report,
) -> Result<Vec<Candidate>, PackageError> {
    let mut candidates = Vec::new();
    let mut stack: Vec<Pending> = vec![(root.to_path_buf(), Vec::new(), 0)];
    let mut total = 0u64;
    let mut count = 0u64;
    while let Some((dir, prefix, depth)) = stack.pop() {
        let Some(children) = list_folder(root, &dir, &prefix, &mut count, limits, report)? else {
            continue;
        };
        let mut subdirs = Vec::new();
        for child in children {
            let mut raw = prefix.clone();
            if !raw.is_empty() {
                raw.push(b'/');
            }
            raw.extend_from_slice(&name_bytes(&child.file_name()));
            let Some(candidate) = walk_entry(&child, &raw, limits, report) else {
                continue;
            };
            if candidate.is_dir
                && candidate.safe
                && depth.saturating_add(1) <= limits.max_path_components()
            {
                subdirs.push((child.path(), raw, depth.saturating_add(1)));
            }
            total = total.saturating_add(candidate.size);
            candidates.push(candidate);
        }
        stack.extend(subdirs.into_iter().rev());
    }
    candidates.sort_by(|a, b| a.raw_name.cmp(&b.raw_name));
    if total > limits.max_total_uncompressed() {
        report.error(
            codes::TOTAL_TOO_LARGE,
            Location::Whole,
            format!(
                "the files hold {total} bytes in total, more than the limit of {}",
                limits.max_total_uncompressed()
            ),
        );
    }
    Ok(candidates)
}

/// The entries of `dir`, sorted by name, counted against [`Limits::max_entries`]. `None` when a sub-folder
/// cannot be listed (reported); the root not being listable is an error.
fn list_folder(
    root: &Path,
    dir: &Path,
    prefix: &[u8],
    count: &mut u64,
    limits: &Limits,
    report: &mut Report,
) -> Result<Option<Vec<fs::DirEntry>>, PackageError> {
    let listing = match fs::read_dir(dir) {
        Ok(listing) => listing,
        Err(error) if prefix.is_empty() => return Err(PackageError::io(Some(root), error)),
        Err(error) => {
            report.error(
                codes::IO,
                Location::entry(String::from_utf8_lossy(prefix).into_owned()),
                format!("cannot list the folder: {error}"),
            );
            return Ok(None);
        }
    };
    let mut children = Vec::new();
    for child in listing {
        let child = child.map_err(|e| PackageError::io(Some(dir), e))?;
        *count = count.saturating_add(1);
        if *count > limits.max_entries() {
            return Err(PackageError::TooManyEntries {
                found: *count,
                limit: limits.max_entries(),
            });
        }
        children.push(child);
    }
    children.sort_by_key(fs::DirEntry::file_name);
    Ok(Some(children))
}

/// Judges one folder entry named `raw` (its package path): name policy, then type from its own metadata
/// (a symbolic link or a special file is reported and unsafe). `None` when its metadata cannot be read
/// (reported).
fn walk_entry(
    child: &fs::DirEntry,
    raw: &[u8],
    limits: &Limits,
    report: &mut Report,
) -> Option<Candidate> {
    let verdict = judge_name(raw, Encoding::Utf8, limits);
    let at = Location::entry(verdict.decoded.clone());
    let mut safe = verdict.is_safe();
    for issue in verdict.issues {
        report.push(Issue::new(
            issue.code,
            issue.severity,
            at.clone(),
            issue.message,
        ));
    }
    let metadata = match child.path().symlink_metadata() {
        Ok(metadata) => metadata,
        Err(error) => {
            report.error(codes::IO, at, format!("cannot read the entry: {error}"));
            return None;
        }
    };
    let kind = metadata.file_type();
    if kind.is_symlink() {
        report.error(
            codes::SYMLINK,
            at,
            "the entry is a symbolic link (not followed)",
        );
        safe = false;
    } else if !kind.is_file() && !kind.is_dir() {
        report.error(
            codes::SPECIAL_FILE,
            at,
            "the entry is neither a file nor a directory",
        );
        safe = false;
    }
    let size = if kind.is_file() { metadata.len() } else { 0 };
    Some(Candidate {
        raw_name: verdict.decoded,
        path: verdict.path,
        is_dir: kind.is_dir(),
        safe,
        size,
        compressed_size: size,
        location: EntryLocation::Folder {
            identity: identity(&metadata),
        },
    })
}

/// Checks from metadata alone that a walked file is still there, as the same regular file (device and inode
/// where the platform has them) with the size the walk found, and returns its path. The file is not opened
/// and a link in its place is not followed: neither a FIFO nor a device swapped in can block or feed the
/// check.
///
/// # Errors
///
/// [`PackageError::Io`] when the file is gone, unreadable or replaced; [`PackageError::SizeMismatch`] when
/// its size changed.
pub(crate) fn recheck(
    root: &Path,
    entry: &Entry,
    walked: Option<(u64, u64)>,
) -> Result<PathBuf, PackageError> {
    let path = entry
        .path
        .split('/')
        .fold(root.to_path_buf(), |p, c| p.join(c));
    let metadata = path
        .symlink_metadata()
        .map_err(|e| PackageError::io(Some(&path), e))?;
    if !metadata.is_file() || (walked.is_some() && identity(&metadata) != walked) {
        return Err(replaced(&path));
    }
    if metadata.len() != entry.size {
        return Err(PackageError::SizeMismatch {
            entry: entry.path.clone(),
            declared: entry.size,
            larger: metadata.len() > entry.size,
        });
    }
    Ok(path)
}

/// The error for a file that is no longer the one the walk checked.
pub(crate) fn replaced(path: &Path) -> PackageError {
    PackageError::io(
        Some(path),
        std::io::Error::other("the file was replaced after the folder was checked"),
    )
}

/// The raw bytes of a file name (invalid UTF-8 kept as is on Unix).
#[cfg(unix)]
fn name_bytes(name: &std::ffi::OsStr) -> Vec<u8> {
    use std::os::unix::ffi::OsStrExt;
    name.as_bytes().to_vec()
}

/// The raw bytes of a file name (unpaired surrogates become invalid bytes, reported as invalid UTF-8).
#[cfg(not(unix))]
fn name_bytes(name: &std::ffi::OsStr) -> Vec<u8> {
    match name.to_str() {
        Some(text) => text.as_bytes().to_vec(),
        None => vec![0xFF],
    }
}

/// Device and inode, so a read can tell a file swapped after the walk.
#[cfg(unix)]
pub(crate) fn identity(metadata: &fs::Metadata) -> Option<(u64, u64)> {
    use std::os::unix::fs::MetadataExt;
    Some((metadata.dev(), metadata.ino()))
}

/// No portable identity off Unix.
#[cfg(not(unix))]
pub(crate) fn identity(_metadata: &fs::Metadata) -> Option<(u64, u64)> {
    None
}
