//! Reading the central directory records, exactly as many as the end record declares.

use std::io::{BufReader, Read};

use super::end::EndRecord;
use super::{extra, le16, le32};
use crate::source::Source;
use crate::{Limits, PackageError};

const CENTRAL_SIG: u32 = 0x0201_4b50;

/// One central directory record, as stored.
#[derive(Debug)]
pub(crate) struct CentralRecord {
    /// The raw name, cut to `max_name_bytes + 1` bytes.
    pub(crate) raw_name: Vec<u8>,
    /// The stored name length.
    pub(crate) name_len: u16,
    pub(crate) version_made_by: u16,
    pub(crate) flags: u16,
    pub(crate) method: u16,
    pub(crate) crc: u32,
    pub(crate) compressed_size: u64,
    pub(crate) size: u64,
    pub(crate) local_offset: u64,
    pub(crate) external_attributes: u32,
    /// The Info-ZIP Unicode Path extra field, when present and made for this name (its CRC-32 of the
    /// stored name matches, as readers that honour it check): the UTF-8 name it gives.
    pub(crate) unicode_path: Option<Vec<u8>>,
}

impl CentralRecord {
    /// The full name was kept (it is not longer than the limit).
    pub(crate) fn name_complete(&self) -> bool {
        self.raw_name.len() == usize::from(self.name_len)
    }
}

/// Reads every record; fails when the directory holds fewer or more records than declared.
pub(crate) fn read_central(
    source: &Source,
    end: &EndRecord,
    limits: &Limits,
) -> Result<Vec<CentralRecord>, PackageError> {
    let cd_end = end.cd_offset.saturating_add(end.cd_size);
    let mut reader = BufReader::with_capacity(64 * 1024, source.range(end.cd_offset, cd_end));
    let mut records = Vec::new();
    let keep = limits.max_name_bytes().saturating_add(1);
    for _ in 0..end.entries {
        let mut fixed = [0u8; 46];
        reader
            .read_exact(&mut fixed)
            .map_err(|e| short(source, e))?;
        if le32(&fixed, 0) != CENTRAL_SIG {
            return Err(PackageError::Malformed {
                reason: "a central directory record has a bad signature (fewer records than declared?)",
            });
        }
        let name_len = le16(&fixed, 28);
        let extra_len = le16(&fixed, 30);
        let comment_len = le16(&fixed, 32);
        let mut name = vec![0u8; usize::from(name_len)];
        reader.read_exact(&mut name).map_err(|e| short(source, e))?;
        name.truncate(keep);
        let mut extra = vec![0u8; usize::from(extra_len)];
        reader
            .read_exact(&mut extra)
            .map_err(|e| short(source, e))?;
        let skipped = std::io::copy(
            &mut (&mut reader).take(u64::from(comment_len)),
            &mut std::io::sink(),
        )
        .map_err(|e| short(source, e))?;
        if skipped != u64::from(comment_len) {
            return Err(PackageError::Malformed {
                reason: "a central directory record runs past the directory",
            });
        }
        let mut record = CentralRecord {
            raw_name: name,
            name_len,
            version_made_by: le16(&fixed, 4),
            flags: le16(&fixed, 8),
            method: le16(&fixed, 10),
            crc: le32(&fixed, 16),
            compressed_size: u64::from(le32(&fixed, 20)),
            size: u64::from(le32(&fixed, 24)),
            local_offset: u64::from(le32(&fixed, 42)),
            external_attributes: le32(&fixed, 38),
            unicode_path: None,
        };
        if le16(&fixed, 34) != 0 && le16(&fixed, 34) != 0xFFFF {
            return Err(PackageError::Unsupported {
                feature: "multi-disk archive",
            });
        }
        apply_extra(&mut record, &extra)?;
        records.push(record);
    }
    let mut probe = [0u8; 1];
    if reader.read(&mut probe).map_err(|e| short(source, e))? != 0 {
        return Err(PackageError::Malformed {
            reason: "the central directory holds more records than the end record declares",
        });
    }
    Ok(records)
}

fn short(source: &Source, error: std::io::Error) -> PackageError {
    if error.kind() == std::io::ErrorKind::UnexpectedEof {
        PackageError::Malformed {
            reason: "the central directory holds fewer records than the end record declares",
        }
    } else {
        PackageError::io(source.path(), error)
    }
}

/// Applies the ZIP64 extra field (wide sizes and offset) and records the Unicode Path field.
///
/// A field repeated in one record is refused: readers differ on whether the first or the last one counts.
fn apply_extra(record: &mut CentralRecord, extra: &[u8]) -> Result<(), PackageError> {
    for id in [extra::ZIP64, extra::UNICODE_PATH] {
        if extra::fields(extra)
            .filter(|(found, _)| *found == id)
            .count()
            > 1
        {
            return Err(PackageError::Malformed {
                reason: "a central directory record repeats an extra field (readers disagree on which counts)",
            });
        }
    }
    let needs64 = record.size == 0xFFFF_FFFF
        || record.compressed_size == 0xFFFF_FFFF
        || record.local_offset == 0xFFFF_FFFF;
    match extra::find(extra, extra::ZIP64) {
        Some(data) => extra::apply_zip64(
            data,
            &mut [
                &mut record.size,
                &mut record.compressed_size,
                &mut record.local_offset,
            ],
        )
        .ok_or(PackageError::Malformed {
            reason: "a ZIP64 extra field is too short",
        })?,
        None if needs64 => {
            return Err(PackageError::Malformed {
                reason: "a record uses ZIP64 size markers without a ZIP64 extra field",
            });
        }
        None => {}
    }
    if record.name_complete() {
        record.unicode_path = extra::unicode_path(extra, &record.raw_name).map(<[u8]>::to_vec);
    }
    Ok(())
}
