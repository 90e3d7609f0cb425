//! Checking each entry's local header against its central directory record.

use learnwire_report::Severity;

use super::central::CentralRecord;
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
    pub(crate) issues: Vec<(Code, Severity, String)>,
}

/// Reads the local header of `record` and checks it (signature, name, method, flags, sizes, bounds).
pub(crate) fn check_local(source: &Source, record: &CentralRecord, cd_offset: u64) -> LocalCheck {
    let mut check = LocalCheck {
        range: None,
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
    check
}
