//! The data descriptor (APPNOTE 6.3 §4.3.9) after the data of an entry with flag bit 3.

use super::central::CentralRecord;
use super::{le32, le64};
use crate::source::Source;

const DESCRIPTOR_SIG: u32 = 0x0807_4b50;

/// The data descriptor after the data: its length, whether it has its signature, what is wrong with it.
pub(crate) struct Descriptor {
    pub(crate) len: u64,
    pub(crate) signed: bool,
    pub(crate) problem: Option<&'static str>,
}

/// Reads the data descriptor after the data and compares it with the central directory.
pub(crate) fn check_descriptor(
    source: &Source,
    record: &CentralRecord,
    data_end: u64,
    cd_offset: u64,
    wide: bool,
) -> Descriptor {
    let mut buf = [0u8; 24];
    let available = usize::try_from(cd_offset.saturating_sub(data_end).min(24)).unwrap_or(0);
    let window = buf.get_mut(..available).unwrap_or_default();
    if source.read_exact_at(data_end, window).is_err() {
        return Descriptor {
            len: 0,
            signed: false,
            problem: Some("the data descriptor cannot be read"),
        };
    }
    let signed = available >= 4 && le32(&buf, 0) == DESCRIPTOR_SIG;
    let base = if signed { 4 } else { 0 };
    // Some writers use 8-byte sizes without a ZIP64 extra field (or the reverse): accept the layout that
    // agrees with the central directory, preferring the one the headers announce.
    let layouts = if wide { [true, false] } else { [false, true] };
    let mut first = None;
    for wide in layouts {
        let len = base + if wide { 20 } else { 12 };
        if len > available {
            continue;
        }
        let (csize, size) = if wide {
            (le64(&buf, base + 4), le64(&buf, base + 12))
        } else {
            (
                u64::from(le32(&buf, base + 4)),
                u64::from(le32(&buf, base + 8)),
            )
        };
        let len = u64::try_from(len).unwrap_or(0);
        if le32(&buf, base) == record.crc && csize == record.compressed_size && size == record.size
        {
            return Descriptor {
                len,
                signed,
                problem: None,
            };
        }
        first.get_or_insert(len);
    }
    match first {
        Some(len) => Descriptor {
            len,
            signed,
            problem: Some(
                "the data descriptor and the central directory disagree on CRC-32 or sizes",
            ),
        },
        None => Descriptor {
            len: 0,
            signed,
            problem: Some("the data descriptor is missing"),
        },
    }
}
