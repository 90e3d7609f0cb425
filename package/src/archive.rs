//! Our own walk of a zip archive's structure: the authority for names, counts and ranges.
//!
//! No zip library's index is used: the `zip` crate's would hide duplicates and sanitise hostile names. Data
//! is inflated (with `flate2`) only once this walk has located and judged the entry.

mod central;
mod descriptor;
mod end;
mod extra;
mod layout;
mod local;
mod streaming;

use learnwire_report::{Issue, Location, Report, Severity, quote};

use crate::entry::{Candidate, EntryLocation};
use crate::names::{Encoding, judge_name};
use crate::source::Source;
use crate::{Limits, PackageError, codes};

/// Zip "version made by" hosts whose external attributes carry a Unix mode: Unix (3) and OS X (19).
const UNIX_HOSTS: [u16; 2] = [3, 19];
const S_IFMT: u32 = 0o170_000;
const S_IFREG: u32 = 0o100_000;
const S_IFDIR: u32 = 0o040_000;
const S_IFLNK: u32 = 0o120_000;

/// What the walk over the central directory collects.
#[derive(Default)]
struct Walk {
    candidates: Vec<Candidate>,
    /// `(local header offset, end of the entry's bytes, index)` of every located entry.
    ranges: Vec<(u64, u64, usize)>,
    /// Stored data only a data descriptor ends, to scan once overlaps are known.
    stored_scans: Vec<(usize, (u64, u64))>,
    /// The declared uncompressed size of every file.
    declared_total: u64,
}

/// Reads and judges every entry of a zip archive.
pub(crate) fn scan_zip(
    source: &Source,
    limits: &Limits,
    report: &mut Report,
) -> Result<Vec<Candidate>, PackageError> {
    let end = end::read_end(source, limits, report)?;
    let records = central::read_central(source, &end, limits)?;
    let shared = local::shared_headers(source, &records, end.cd_offset);
    let mut walk = Walk {
        candidates: Vec::with_capacity(records.len()),
        ranges: Vec::with_capacity(records.len()),
        ..Walk::default()
    };
    for (index, record) in records.iter().enumerate() {
        let is_shared = shared.get(index).copied().unwrap_or(true);
        judge_record(
            source,
            record,
            (index, is_shared),
            end.cd_offset,
            limits,
            report,
            &mut walk,
        );
    }
    let overlapping = layout::check_overlaps(&mut walk.ranges, &mut walk.candidates, report);
    layout::check_gaps(source, &walk.ranges, end.cd_offset, report);
    scan_stored(
        source,
        &walk.stored_scans,
        &overlapping,
        &mut walk.candidates,
        report,
    );
    if walk.declared_total > limits.max_total_uncompressed() {
        report.error(
            codes::TOTAL_TOO_LARGE,
            Location::Whole,
            format!(
                "the entries declare {} bytes in total, more than the limit of {}",
                walk.declared_total,
                limits.max_total_uncompressed()
            ),
        );
    }
    let first = records
        .iter()
        .map(|r| r.local_offset)
        .min()
        .unwrap_or(end.cd_offset);
    if first > 0 {
        report.warning(
            codes::LEADING_DATA,
            Location::Whole,
            format!(
                "{first} bytes precede the first entry (a self-extractor stub or a polyglot file)"
            ),
        );
    }
    Ok(walk.candidates)
}

/// Judges one central directory record (name, type, sizes, local header; `index` and whether its local
/// header is shared with another record's), reports its problems at its entry and adds its candidate.
fn judge_record(
    source: &Source,
    record: &central::CentralRecord,
    (index, is_shared): (usize, bool),
    cd_offset: u64,
    limits: &Limits,
    report: &mut Report,
    walk: &mut Walk,
) {
    let encoding = if record.flags & 0x0800 != 0 {
        Encoding::Utf8
    } else {
        Encoding::Unflagged
    };
    let (verdict, mut issues) = judge_record_name(record, encoding, limits);
    let is_dir = judge_type(record, verdict.is_dir, &mut issues);
    judge_data(record, is_dir, limits, &mut issues);
    if !is_dir {
        walk.declared_total = walk.declared_total.saturating_add(record.size);
    }
    let local = local::check_local(source, record, cd_offset, is_shared);
    issues.extend(local.issues);
    if let Some(scan) = local.stored_scan {
        walk.stored_scans.push((index, scan));
    }
    let (local_offset, data_end) = local.range.unwrap_or((record.local_offset, 0));
    if local.range.is_some() {
        walk.ranges.push((local_offset, local.extent_end, index));
    }
    let at = Location::entry(verdict.decoded.clone());
    let safe = !issues
        .iter()
        .any(|(_, severity, _)| *severity == Severity::Error);
    for (code, severity, message) in issues {
        report.push(Issue::new(code, severity, at.clone(), message));
    }
    walk.candidates.push(Candidate {
        raw_name: verdict.decoded,
        path: verdict.path,
        is_dir,
        safe,
        size: record.size,
        compressed_size: record.compressed_size,
        location: EntryLocation::Zip {
            local_offset,
            data_start: local.data_start,
            data_end,
            crc: record.crc,
            method: record.method,
            flags: record.flags,
        },
    });
}

/// Scans the stored data that only a data descriptor ends, for entries that overlap no other: such
/// entries hold disjoint bytes, so each byte is read once. An entry a streaming reader would split is
/// reported and marked unsafe.
fn scan_stored(
    source: &Source,
    stored_scans: &[(usize, (u64, u64))],
    overlapping: &[bool],
    candidates: &mut [Candidate],
    report: &mut Report,
) {
    for &(index, (start, data_end)) in stored_scans {
        if overlapping.get(index).copied().unwrap_or(true) {
            continue;
        }
        if let (Some(issue), Some(candidate)) = (
            streaming::scan_stored_data(source, start, data_end),
            candidates.get_mut(index),
        ) {
            candidate.safe = false;
            let (code, severity, message) = issue;
            report.push(Issue::new(
                code,
                severity,
                Location::entry(candidate.raw_name.clone()),
                message,
            ));
        }
    }
}

type Found = Vec<(learnwire_report::Code, Severity, String)>;

/// Judges the stored name, and the Info-ZIP Unicode Path name when one applies (readers that honour it
/// extract under that name, so it must pass the same policy).
fn judge_record_name(
    record: &central::CentralRecord,
    encoding: Encoding,
    limits: &Limits,
) -> (crate::names::NameVerdict, Found) {
    let stored = judge_name(&record.raw_name, encoding, limits);
    let collect = |v: &crate::names::NameVerdict| -> Found {
        v.issues
            .iter()
            .map(|i| (i.code, i.severity, i.message.clone()))
            .collect()
    };
    let Some(unicode) = &record.unicode_path else {
        let issues = collect(&stored);
        return (stored, issues);
    };
    if unicode.as_slice() == record.raw_name.as_slice() {
        let issues = collect(&stored);
        return (stored, issues);
    }
    if record.raw_name.is_ascii() {
        // A writer adds the field for non-ASCII names; an ASCII name with another Unicode name is two names.
        let mut issues = collect(&stored);
        issues.push((
            codes::NAME_EXTRA_MISMATCH,
            Severity::Error,
            format!(
                "the Unicode Path extra field names {}, not this entry's name",
                quote(&String::from_utf8_lossy(unicode))
            ),
        ));
        return (stored, issues);
    }
    // A legacy-encoded name with its Unicode form: the Unicode name is the entry's name; the stored one
    // must still be harmless for readers that ignore the field.
    let preferred = judge_name(unicode, Encoding::Utf8, limits);
    let mut issues = collect(&preferred);
    for (code, severity, message) in collect(&stored) {
        if severity == Severity::Error && !issues.iter().any(|(c, _, _)| *c == code) {
            issues.push((code, severity, format!("in the stored name: {message}")));
        }
    }
    (preferred, issues)
}

/// Directory or file, from the name and the Unix mode; refuses symlinks and special files.
fn judge_type(record: &central::CentralRecord, name_is_dir: bool, issues: &mut Found) -> bool {
    let mode = record.external_attributes >> 16;
    let kind = mode & S_IFMT;
    let unix = UNIX_HOSTS.contains(&(record.version_made_by >> 8));
    if kind == S_IFLNK {
        issues.push((
            codes::SYMLINK,
            Severity::Error,
            format!("the entry is a symbolic link (mode {mode:o})"),
        ));
    } else if unix && kind != 0 && kind != S_IFREG && kind != S_IFDIR {
        issues.push((
            codes::SPECIAL_FILE,
            Severity::Error,
            format!("the entry is neither a file nor a directory (mode {mode:o})"),
        ));
    }
    name_is_dir || (unix && kind == S_IFDIR)
}

/// Encryption, compression method, declared sizes and ratio.
fn judge_data(record: &central::CentralRecord, is_dir: bool, limits: &Limits, issues: &mut Found) {
    let encrypted = record.flags & 0x0041 != 0 || record.flags & 0x2000 != 0 || record.method == 99;
    if encrypted {
        issues.push((
            codes::ENCRYPTED,
            Severity::Error,
            "the entry is encrypted".into(),
        ));
    } else if record.method != 0 && record.method != 8 {
        issues.push((
            codes::UNSUPPORTED_METHOD,
            Severity::Error,
            format!(
                "compression method {} is not supported (only stored and deflate)",
                record.method
            ),
        ));
    }
    if is_dir {
        if record.size > 0 {
            issues.push((
                codes::DIRECTORY_WITH_DATA,
                Severity::Warning,
                format!("the directory entry declares {} bytes of data", record.size),
            ));
        }
        return;
    }
    if record.method == 0 && !encrypted && record.compressed_size != record.size {
        issues.push((
            codes::SIZE_MISMATCH,
            Severity::Error,
            format!(
                "the stored entry declares {} bytes compressed but {} uncompressed",
                record.compressed_size, record.size
            ),
        ));
    }
    if limits.ratio_exceeded(record.size, record.compressed_size) {
        issues.push((
            codes::RATIO_EXCEEDED,
            Severity::Error,
            format!(
                "the entry declares {} bytes from {} compressed, a ratio above {}:1",
                record.size,
                record.compressed_size,
                limits.max_entry_ratio()
            ),
        ));
    }
}

/// Little-endian `u16` at `at` (0 when out of range; callers size their buffers).
pub(crate) fn le16(buf: &[u8], at: usize) -> u16 {
    buf.get(at..at.saturating_add(2))
        .and_then(|s| s.try_into().ok())
        .map_or(0, u16::from_le_bytes)
}

/// Little-endian `u32` at `at`.
pub(crate) fn le32(buf: &[u8], at: usize) -> u32 {
    buf.get(at..at.saturating_add(4))
        .and_then(|s| s.try_into().ok())
        .map_or(0, u32::from_le_bytes)
}

/// Little-endian `u64` at `at`.
pub(crate) fn le64(buf: &[u8], at: usize) -> u64 {
    buf.get(at..at.saturating_add(8))
        .and_then(|s| s.try_into().ok())
        .map_or(0, u64::from_le_bytes)
}
