//! Finding and checking the end of central directory record (and its ZIP64 form).

use learnwire_report::{Location, Report};

use super::{le16, le32, le64};
use crate::source::Source;
use crate::{Limits, PackageError, codes};

const EOCD_SIG: u32 = 0x0605_4b50;
const EOCD64_SIG: u32 = 0x0606_4b50;
const LOCATOR_SIG: u32 = 0x0706_4b50;
const LOCAL_SIG: [u8; 4] = *b"PK\x03\x04";
const EOCD_LEN: u64 = 22;
const LOCATOR_LEN: u64 = 20;
const EOCD64_LEN: usize = 56;
/// The end record is at most 22 bytes plus a 65 535-byte comment from the end.
const MAX_TAIL: u64 = EOCD_LEN + 0xFFFF;

/// What the end record says about the central directory.
#[derive(Debug)]
pub(crate) struct EndRecord {
    pub(crate) entries: u64,
    pub(crate) cd_offset: u64,
    pub(crate) cd_size: u64,
}

/// The classic end record's fields.
#[derive(Debug)]
struct ClassicEnd {
    disk: u16,
    cd_disk: u16,
    on_disk: u16,
    total: u16,
    cd_size: u64,
    cd_offset: u64,
}

/// Finds the end record, checks it, and refuses counts over the limit before any record is read.
pub(crate) fn read_end(
    source: &Source,
    limits: &Limits,
    report: &mut Report,
) -> Result<EndRecord, PackageError> {
    let (classic, eocd_pos) = find_end_record(source, report)?;
    let (record, cd_end) = match zip64_locator(source, eocd_pos)? {
        Some(eocd64_pos) => (
            read_zip64_end(source, eocd64_pos, eocd_pos, &classic, limits)?,
            eocd64_pos,
        ),
        None => (classic_end(&classic, limits)?, eocd_pos),
    };
    check_placement(&record, cd_end, source.len())?;
    Ok(record)
}

/// Finds the one end record in the last 64 KiB or so (trailing bytes are a warning; a rival record, which
/// another reader would take, is refused) and returns its fields and offset.
fn find_end_record(
    source: &Source,
    report: &mut Report,
) -> Result<(ClassicEnd, u64), PackageError> {
    let len = source.len();
    let tail_len = len.min(MAX_TAIL);
    let tail_start = len.saturating_sub(tail_len);
    let mut tail = vec![0u8; usize::try_from(tail_len).map_err(|_| PackageError::NotAZip)?];
    source
        .read_exact_at(tail_start, &mut tail)
        .map_err(|e| PackageError::io(source.path(), e))?;
    let Some((pos_in_tail, exact)) = find_eocd(&tail) else {
        let mut head = [0u8; 4];
        let starts_like_zip = source.read_exact_at(0, &mut head).is_ok()
            && (head == LOCAL_SIG || head == *b"PK\x05\x06");
        return Err(if starts_like_zip {
            PackageError::Truncated
        } else {
            PackageError::NotAZip
        });
    };
    if has_rival(&tail, pos_in_tail) {
        return Err(PackageError::Malformed {
            reason: "two end of central directory records could be the archive's (a forged one in the comment or trailing bytes?)",
        });
    }
    let eocd = tail.get(pos_in_tail..).unwrap_or_default();
    let eocd_pos = tail_start.saturating_add(u64::try_from(pos_in_tail).unwrap_or(u64::MAX));
    if !exact {
        report.warning(
            codes::TRAILING_DATA,
            Location::Whole,
            "bytes follow the end of central directory record",
        );
    }
    let classic = ClassicEnd {
        disk: le16(eocd, 4),
        cd_disk: le16(eocd, 6),
        on_disk: le16(eocd, 8),
        total: le16(eocd, 10),
        cd_size: u64::from(le32(eocd, 12)),
        cd_offset: u64::from(le32(eocd, 16)),
    };
    Ok((classic, eocd_pos))
}

/// The record of an archive without ZIP64: one disk, one entry count, within the limit.
fn classic_end(classic: &ClassicEnd, limits: &Limits) -> Result<EndRecord, PackageError> {
    if classic.disk != 0 || classic.cd_disk != 0 {
        return Err(PackageError::Unsupported {
            feature: "multi-disk archive",
        });
    }
    if classic.on_disk != classic.total {
        return Err(PackageError::Malformed {
            reason: "the end record has two different entry counts",
        });
    }
    let record = EndRecord {
        entries: u64::from(classic.total),
        cd_size: classic.cd_size,
        cd_offset: classic.cd_offset,
    };
    check_limit(record.entries, limits)?;
    Ok(record)
}

/// Reads the ZIP64 end record at `eocd64_pos` (before its locator, one disk, one entry count, within the
/// limit) and checks that the classic record agrees with it (each classic value equal, or the marker).
fn read_zip64_end(
    source: &Source,
    eocd64_pos: u64,
    eocd_pos: u64,
    classic: &ClassicEnd,
    limits: &Limits,
) -> Result<EndRecord, PackageError> {
    let mut buf = [0u8; EOCD64_LEN];
    if eocd64_pos.saturating_add(56) > eocd_pos.saturating_sub(LOCATOR_LEN) {
        return Err(PackageError::Malformed {
            reason: "the ZIP64 end record is not before its locator",
        });
    }
    source
        .read_exact_at(eocd64_pos, &mut buf)
        .map_err(|_| PackageError::Truncated)?;
    if le32(&buf, 0) != EOCD64_SIG {
        return Err(PackageError::Malformed {
            reason: "the ZIP64 locator does not point at a ZIP64 end record",
        });
    }
    if le32(&buf, 16) != 0 || le32(&buf, 20) != 0 {
        return Err(PackageError::Unsupported {
            feature: "multi-disk archive",
        });
    }
    let (on_disk64, total64) = (le64(&buf, 24), le64(&buf, 32));
    if on_disk64 != total64 {
        return Err(PackageError::Malformed {
            reason: "the ZIP64 end record has two different entry counts",
        });
    }
    check_limit(total64, limits)?;
    let size64 = le64(&buf, 40);
    let offset64 = le64(&buf, 48);
    let agrees = |classic: u64, marker: u64, wide: u64| classic == marker || classic == wide;
    if !agrees(u64::from(classic.total), 0xFFFF, total64)
        || !agrees(classic.cd_size, 0xFFFF_FFFF, size64)
        || !agrees(classic.cd_offset, 0xFFFF_FFFF, offset64)
    {
        return Err(PackageError::Malformed {
            reason: "the classic and ZIP64 end records disagree",
        });
    }
    Ok(EndRecord {
        entries: total64,
        cd_size: size64,
        cd_offset: offset64,
    })
}

/// The central directory must end exactly where the end record (or ZIP64 end record) starts, and be large
/// enough for the entries it declares.
fn check_placement(record: &EndRecord, cd_end: u64, len: u64) -> Result<(), PackageError> {
    if record.cd_offset.checked_add(record.cd_size) != Some(cd_end) {
        return Err(if record.cd_offset.saturating_add(record.cd_size) > len {
            PackageError::Truncated
        } else {
            PackageError::Malformed {
                reason: "the central directory is not where the end record says",
            }
        });
    }
    if record.entries.saturating_mul(46) > record.cd_size {
        return Err(PackageError::Malformed {
            reason: "the end record declares more entries than the central directory can hold",
        });
    }
    Ok(())
}

fn check_limit(entries: u64, limits: &Limits) -> Result<(), PackageError> {
    if entries > limits.max_entries() {
        return Err(PackageError::TooManyEntries {
            found: entries,
            limit: limits.max_entries(),
        });
    }
    Ok(())
}

/// The last end-record signature whose comment reaches exactly to the end (`true`), else the last one whose
/// comment fits (`false`).
fn find_eocd(tail: &[u8]) -> Option<(usize, bool)> {
    let last_start = tail.len().checked_sub(22)?;
    let mut fallback = None;
    for pos in (0..=last_start).rev() {
        if le32(tail, pos) != EOCD_SIG {
            continue;
        }
        let comment = usize::from(le16(tail, pos.saturating_add(20)));
        let end = pos.saturating_add(22).saturating_add(comment);
        if end == tail.len() {
            return Some((pos, true));
        }
        if end < tail.len() && fallback.is_none() {
            fallback = Some((pos, false));
        }
    }
    fallback
}

/// Another well-formed end record that some reader would take instead of the one at `chosen`.
///
/// Readers search backwards from the end: Python's `zipfile` takes the last signature, Go's `archive/zip`
/// the last one whose comment fits in the file, we the last one whose comment reaches exactly to the end.
/// So any record *after* the chosen one (inside its comment or in trailing bytes) is a rival, and so is an
/// earlier one whose comment also reaches exactly to the end. A signature followed by text is harmless:
/// a record is only a rival when its disk numbers are zero and its two entry counts agree, as every reader
/// requires. Records inside entry data before the chosen one (a stored inner zip) are never rivals.
fn has_rival(tail: &[u8], chosen: usize) -> bool {
    let Some(last_start) = tail.len().checked_sub(22) else {
        return false;
    };
    (0..=last_start).any(|pos| {
        if pos == chosen || le32(tail, pos) != EOCD_SIG {
            return false;
        }
        let well_formed = le16(tail, pos + 4) == 0
            && le16(tail, pos + 6) == 0
            && le16(tail, pos + 8) == le16(tail, pos + 10);
        let comment = usize::from(le16(tail, pos + 20));
        let exact = pos + 22 + comment == tail.len();
        well_formed && (pos > chosen || exact)
    })
}

/// The offset of the ZIP64 end record when a locator precedes the end record.
fn zip64_locator(source: &Source, eocd_pos: u64) -> Result<Option<u64>, PackageError> {
    let Some(at) = eocd_pos.checked_sub(LOCATOR_LEN) else {
        return Ok(None);
    };
    let mut buf = [0u8; 20];
    if source.read_exact_at(at, &mut buf).is_err() || le32(&buf, 0) != LOCATOR_SIG {
        return Ok(None);
    }
    if le32(&buf, 4) != 0 || le32(&buf, 16) > 1 {
        return Err(PackageError::Unsupported {
            feature: "multi-disk archive",
        });
    }
    Ok(Some(le64(&buf, 8)))
}
