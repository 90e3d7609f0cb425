//! Checking each entry's local header against its central directory record.
//!
//! A streaming extractor reads only local headers, so every field it would act on must agree with the
//! central directory: name (and an Info-ZIP Unicode Path name), flags, method, CRC-32 and sizes (with their
//! ZIP64 forms), and, where the sizes follow the data, the data descriptor and the bytes it delimits.

use learnwire_report::{Code, Severity};

use super::central::CentralRecord;
use super::descriptor::check_descriptor;
use super::{extra, le16, le32, le64};
use crate::codes;
use crate::source::Source;

const LOCAL_SIG: u32 = 0x0403_4b50;
/// Flag bits that must agree between the two headers: encryption (0), data descriptor (3), UTF-8 (11).
const FLAGS_COMPARED: u16 = 0x0809;
const DESCRIPTOR_FLAG: u16 = 0x0008;
const MARKER: u32 = 0xFFFF_FFFF;

/// Where an entry's data is, or why it could not be located.
#[derive(Debug)]
pub(crate) struct LocalCheck {
    /// `[local header offset, end of data)`, when the header could be read.
    pub(crate) range: Option<(u64, u64)>,
    /// The first byte of the entry's data (after the local header, name and extra field).
    pub(crate) data_start: u64,
    /// The end of the entry's bytes: the data, plus its data descriptor when flag bit 3 is set.
    pub(crate) extent_end: u64,
    /// Stored data that only a data descriptor ends, `[data start, data end)`: to scan with
    /// [`scan_stored_data`](super::streaming::scan_stored_data) once the entry is known not to overlap
    /// another, so that all the scans together read each byte of the file at most once.
    pub(crate) stored_scan: Option<(u64, u64)>,
    pub(crate) issues: Vec<(Code, Severity, String)>,
}

/// Which records have a local header (fixed part, name and extra field) that overlaps another record's.
///
/// Their names and extra fields are not read: forged records pointing into one large header must not make
/// the walk read it once per record. Only headers with a valid signature count, so every record marked here
/// gets a data range from [`check_local`] that the overlap check sees overlapping another, and is refused
/// by it.
pub(crate) fn shared_headers(
    source: &Source,
    records: &[CentralRecord],
    cd_offset: u64,
) -> Vec<bool> {
    let mut extents: Vec<(u64, u64, usize)> = records
        .iter()
        .enumerate()
        .filter_map(|(index, record)| {
            // The same conditions as `check_local` for a header it locates (and gives a data range).
            if record.local_offset.saturating_add(30) > cd_offset {
                return None;
            }
            let mut fixed = [0u8; 30];
            source.read_exact_at(record.local_offset, &mut fixed).ok()?;
            if le32(&fixed, 0) != LOCAL_SIG {
                return None;
            }
            let len = 30 + u64::from(le16(&fixed, 26)) + u64::from(le16(&fixed, 28));
            let end = record.local_offset.saturating_add(len);
            Some((record.local_offset, end, index))
        })
        .collect();
    extents.sort_unstable();
    let mut shared = vec![false; records.len()];
    let mut furthest: Option<(u64, usize)> = None;
    for &(start, end, index) in &extents {
        if let Some((max_end, owner)) = furthest
            && start < max_end
        {
            for i in [index, owner] {
                if let Some(flag) = shared.get_mut(i) {
                    *flag = true;
                }
            }
        }
        if furthest.is_none_or(|(max_end, _)| end > max_end) {
            furthest = Some((end, index));
        }
    }
    shared
}

/// Reads the local header of `record` and checks it (signature, name, method, flags, sizes, bounds).
/// With `shared` (see [`shared_headers`]) the name and extra field are not read.
pub(crate) fn check_local(
    source: &Source,
    record: &CentralRecord,
    cd_offset: u64,
    shared: bool,
) -> LocalCheck {
    let mut check = LocalCheck {
        range: None,
        data_start: 0,
        extent_end: 0,
        stored_scan: None,
        issues: Vec::new(),
    };
    let Some(fixed) = read_fixed_header(source, record, cd_offset, &mut check) else {
        return check;
    };
    let flags = le16(&fixed, 6);
    let (name_len, extra_len) = (le16(&fixed, 26), le16(&fixed, 28));
    let variable = (!shared).then(|| {
        read_variable(
            source,
            record.local_offset,
            usize::from(name_len).saturating_add(usize::from(extra_len)),
        )
    });
    let local_extra = variable
        .as_ref()
        .and_then(|read| read.as_deref())
        .and_then(|bytes| bytes.get(usize::from(name_len)..))
        .unwrap_or(&[]);
    let mismatches = header_mismatches(&fixed, variable.as_ref(), record);
    if !mismatches.is_empty() {
        check.issues.push((
            codes::HEADER_MISMATCH,
            Severity::Error,
            format!(
                "the local header and the central directory disagree on: {}",
                mismatches.join(", ")
            ),
        ));
    }
    let data_start = record
        .local_offset
        .saturating_add(30)
        .saturating_add(u64::from(name_len))
        .saturating_add(u64::from(extra_len));
    let data_end = data_start.saturating_add(record.compressed_size);
    let in_bounds = check_data_bounds(source, record, data_end, cd_offset, &mut check);
    check.range = Some((record.local_offset, data_end));
    check.data_start = data_start;
    check.extent_end = data_end;
    if flags & record.flags & DESCRIPTOR_FLAG != 0 && in_bounds {
        check_data_descriptor(
            source,
            record,
            local_extra,
            (data_start, data_end),
            cd_offset,
            &mut check,
        );
    }
    check
}

/// The fixed part of the local header (30 bytes), when it lies in the entry area and has its signature;
/// otherwise the problem is recorded in `check`.
fn read_fixed_header(
    source: &Source,
    record: &CentralRecord,
    cd_offset: u64,
    check: &mut LocalCheck,
) -> Option<[u8; 30]> {
    let mut fixed = [0u8; 30];
    if record.local_offset.saturating_add(30) > cd_offset {
        let code = if record.local_offset >= source.len() {
            codes::ENTRY_TRUNCATED
        } else {
            codes::LOCAL_HEADER_INVALID
        };
        check.issues.push((
            code,
            Severity::Error,
            "the local header offset is outside the entry area".into(),
        ));
        return None;
    }
    if source
        .read_exact_at(record.local_offset, &mut fixed)
        .is_err()
        || le32(&fixed, 0) != LOCAL_SIG
    {
        check.issues.push((
            codes::LOCAL_HEADER_INVALID,
            Severity::Error,
            "no local header at the offset the central directory gives".into(),
        ));
        return None;
    }
    Some(fixed)
}

/// The name and extra field that follow the fixed header, in one read (at most 128 KiB: both lengths are
/// 16-bit); `None` when they cannot be read.
fn read_variable(source: &Source, local_offset: u64, len: usize) -> Option<Vec<u8>> {
    let mut variable = vec![0u8; len];
    source
        .read_exact_at(local_offset.saturating_add(30), &mut variable)
        .ok()
        .map(|()| variable)
}

/// What the local header says differently from the central directory. `variable` is the name and extra
/// field: not read (`None`, a shared header), unreadable (`Some(None)`) or read.
fn header_mismatches(
    fixed: &[u8; 30],
    variable: Option<&Option<Vec<u8>>>,
    record: &CentralRecord,
) -> Vec<&'static str> {
    let (flags, method, name_len) = (le16(fixed, 6), le16(fixed, 8), le16(fixed, 26));
    let mut mismatches = Vec::new();
    let read = match variable {
        Some(None) => {
            mismatches.push("name and extra field (unreadable)");
            None
        }
        Some(Some(bytes)) => Some(bytes.split_at(usize::from(name_len).min(bytes.len()))),
        None => None,
    };
    let complete = read.is_some() && record.name_complete();
    let (local_name, local_extra) = read.unwrap_or((&[], &[]));
    if name_len != record.name_len || (complete && local_name != record.raw_name) {
        mismatches.push("name");
    } else if complete && unicode_name_differs(record, local_extra) {
        mismatches.push("Unicode Path extra field");
    }
    if (flags ^ record.flags) & FLAGS_COMPARED != 0 {
        mismatches.push("flags");
    }
    if method != record.method {
        mismatches.push("compression method");
    }
    if read.is_some() {
        let descriptor = flags & DESCRIPTOR_FLAG != 0;
        compare_sizes(fixed, local_extra, descriptor, record, &mut mismatches);
    }
    mismatches
}

/// Whether the entry's data ends before the central directory; data past the end of the file or into the
/// central directory is recorded in `check`.
fn check_data_bounds(
    source: &Source,
    record: &CentralRecord,
    data_end: u64,
    cd_offset: u64,
    check: &mut LocalCheck,
) -> bool {
    let in_bounds = data_end <= cd_offset;
    if data_end > source.len() {
        check.issues.push((
            codes::ENTRY_TRUNCATED,
            Severity::Error,
            format!(
                "the entry's {} compressed bytes run past the end of the file",
                record.compressed_size
            ),
        ));
    } else if !in_bounds {
        check.issues.push((
            codes::ENTRY_OUT_OF_BOUNDS,
            Severity::Error,
            "the entry's data runs into the central directory".into(),
        ));
    }
    in_bounds
}

/// Checks the data descriptor after `data` (`[start, end)`) and, for stored data it alone ends, that a
/// streaming reader can find it (`package.stream-split`); extends the entry's extent over it.
fn check_data_descriptor(
    source: &Source,
    record: &CentralRecord,
    local_extra: &[u8],
    (data_start, data_end): (u64, u64),
    cd_offset: u64,
    check: &mut LocalCheck,
) {
    let wide = record.size >= 0xFFFF_FFFF
        || record.compressed_size >= 0xFFFF_FFFF
        || extra::find(local_extra, extra::ZIP64).is_some();
    let descriptor = check_descriptor(source, record, data_end, cd_offset, wide);
    check.extent_end = data_end.saturating_add(descriptor.len);
    if let Some(message) = descriptor.problem {
        check
            .issues
            .push((codes::HEADER_MISMATCH, Severity::Error, message.into()));
    }
    if record.method == 0 {
        if !descriptor.signed {
            check.issues.push((
                codes::STREAM_SPLIT,
                Severity::Error,
                "the stored entry's data descriptor has no signature, so a streaming reader \
                 cannot tell where the data ends"
                    .into(),
            ));
        }
        check.stored_scan = Some((data_start, data_end));
    }
}

/// An Info-ZIP Unicode Path field in the local header that names another path than the central directory
/// does (its own field, or the stored name): libarchive's streaming reader uses the local one.
fn unicode_name_differs(record: &CentralRecord, local_extra: &[u8]) -> bool {
    let Some(local) = extra::unicode_path(local_extra, &record.raw_name) else {
        return false;
    };
    let central = record.unicode_path.as_deref().unwrap_or(&record.raw_name);
    local != central
}

/// The local CRC-32 and sizes against the central directory's (APPNOTE §4.4.4 bit 3, §4.5.3).
///
/// Without a descriptor a streaming reader trusts the local values, so they must be equal; the ZIP64 markers
/// must come as a pair with a ZIP64 field holding both sizes (a reader such as `stream-unzip` takes a lone
/// marker literally). With a descriptor the local values are zero by the spec; a writer that fills them in
/// must fill in the central directory's values, since some readers use non-zero local sizes.
fn compare_sizes(
    fixed: &[u8],
    local_extra: &[u8],
    descriptor: bool,
    record: &CentralRecord,
    mismatches: &mut Vec<&'static str>,
) {
    let agrees = |local: u64, central: u64| local == central || (descriptor && local == 0);
    if !agrees(u64::from(le32(fixed, 14)), u64::from(record.crc)) {
        mismatches.push("CRC-32");
    }
    let (csize, size) = (le32(fixed, 18), le32(fixed, 22));
    let (csize, size) = if csize == MARKER || size == MARKER {
        match extra::find(local_extra, extra::ZIP64) {
            Some(zip64) if csize == MARKER && size == MARKER && zip64.len() >= 16 => {
                (le64(zip64, 8), le64(zip64, 0))
            }
            _ => {
                mismatches.push("ZIP64 sizes");
                return;
            }
        }
    } else {
        (u64::from(csize), u64::from(size))
    };
    if !agrees(csize, record.compressed_size) {
        mismatches.push("compressed size");
    }
    if !agrees(size, record.size) {
        mismatches.push("size");
    }
}
