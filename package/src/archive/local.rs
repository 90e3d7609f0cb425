//! Checking each entry's local header against its central directory record.

use learnwire_report::Severity;

use super::central::CentralRecord;
use super::descriptor::check_descriptor;
use super::{le16, le32};
use crate::codes;
use crate::source::Source;
use learnwire_report::Code;

const LOCAL_SIG: u32 = 0x0403_4b50;
/// Flag bits that must agree between the two headers: encryption (0), data descriptor (3), UTF-8 (11).
const FLAGS_COMPARED: u16 = 0x0809;

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

/// Reads the local header of `record` and checks it (signature, name, method, flags, sizes, bounds).
pub(crate) fn check_local(source: &Source, record: &CentralRecord, cd_offset: u64) -> LocalCheck {
    let mut check = LocalCheck {
        range: None,
        data_start: 0,
        extent_end: 0,
        stored_scan: None,
        issues: Vec::new(),
    };
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
        return check;
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
        return check;
    }
    let flags = le16(&fixed, 6);
    let method = le16(&fixed, 8);
    let name_len = le16(&fixed, 26);
    let extra_len = le16(&fixed, 28);
    let mut mismatches = Vec::new();
    if name_len != record.name_len {
        mismatches.push("name");
    } else if record.name_complete() {
        let mut name = vec![0u8; usize::from(name_len)];
        let at = record.local_offset.saturating_add(30);
        if source.read_exact_at(at, &mut name).is_err() || name != record.raw_name {
            mismatches.push("name");
        }
    }
    if (flags ^ record.flags) & FLAGS_COMPARED != 0 {
        mismatches.push("flags");
    }
    if method != record.method {
        mismatches.push("compression method");
    }
    if flags & 0x0008 == 0 {
        let local_csize = le32(&fixed, 18);
        let local_size = le32(&fixed, 22);
        if le32(&fixed, 14) != record.crc {
            mismatches.push("CRC-32");
        }
        if local_csize != 0xFFFF_FFFF && u64::from(local_csize) != record.compressed_size {
            mismatches.push("compressed size");
        }
        if local_size != 0xFFFF_FFFF && u64::from(local_size) != record.size {
            mismatches.push("size");
        }
    }
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
    if data_end > source.len() {
        check.issues.push((
            codes::ENTRY_TRUNCATED,
            Severity::Error,
            format!(
                "the entry's {} compressed bytes run past the end of the file",
                record.compressed_size
            ),
        ));
    } else if data_end > cd_offset {
        check.issues.push((
            codes::ENTRY_OUT_OF_BOUNDS,
            Severity::Error,
            "the entry's data runs into the central directory".into(),
        ));
    }
    check.range = Some((record.local_offset, data_end));
    check.data_start = data_start;
    check.extent_end = data_end;
    if flags & record.flags & 0x0008 != 0 && data_end <= cd_offset {
        let wide = record.size >= 0xFFFF_FFFF
            || record.compressed_size >= 0xFFFF_FFFF
            || has_zip64_extra(source, data_start, extra_len);
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
    check
}

/// Whether the local header's extra field holds a ZIP64 record (the descriptor then has 8-byte sizes).
fn has_zip64_extra(source: &Source, data_start: u64, extra_len: u16) -> bool {
    let mut extra = vec![0u8; usize::from(extra_len)];
    let at = data_start.saturating_sub(u64::from(extra_len));
    if source.read_exact_at(at, &mut extra).is_err() {
        return false;
    }
    let mut pos = 0usize;
    while extra.get(pos..pos.saturating_add(4)).is_some() {
        if le16(&extra, pos) == 0x0001 {
            return true;
        }
        pos = pos
            .saturating_add(4)
            .saturating_add(usize::from(le16(&extra, pos.saturating_add(2))));
    }
    false
}
