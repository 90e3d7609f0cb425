//! Walking the extra field of a local or central header (APPNOTE 6.3 §4.5): a list of `(id, length, data)`.

use super::{le16, le64};

/// The ZIP64 extended information field (APPNOTE §4.5.3).
pub(crate) const ZIP64: u16 = 0x0001;
/// The Info-ZIP Unicode Path field (APPNOTE §4.6.9).
pub(crate) const UNICODE_PATH: u16 = 0x7075;

/// The fields of an extra block, in order; a field whose length runs past the block ends the walk.
pub(crate) fn fields(extra: &[u8]) -> impl Iterator<Item = (u16, &[u8])> {
    let mut at = 0usize;
    std::iter::from_fn(move || {
        let header = extra.get(at..at.saturating_add(4))?;
        let id = le16(header, 0);
        let start = at.saturating_add(4);
        let end = start.saturating_add(usize::from(le16(header, 2)));
        let data = extra.get(start..end)?;
        at = end;
        Some((id, data))
    })
}

/// The first field with this id.
pub(crate) fn find(extra: &[u8], id: u16) -> Option<&[u8]> {
    fields(extra).find_map(|(found, data)| (found == id).then_some(data))
}

/// The UTF-8 name of an Info-ZIP Unicode Path field, when the field was made for `raw_name` (version 1 and
/// a CRC-32 of the stored name that matches, as the readers that honour it check).
pub(crate) fn unicode_path<'a>(extra: &'a [u8], raw_name: &[u8]) -> Option<&'a [u8]> {
    let data = find(extra, UNICODE_PATH)?;
    let crc = data.get(1..5).map(|b| super::le32(b, 0))?;
    (data.first() == Some(&1) && crc == crc32fast::hash(raw_name))
        .then(|| data.get(5..))
        .flatten()
}

/// Replaces each field of `values` that holds the ZIP64 marker (`0xFFFF_FFFF`) with the next 8 bytes of a
/// ZIP64 field, in order. `None` when the field is too short for the markers.
pub(crate) fn apply_zip64(data: &[u8], values: &mut [&mut u64]) -> Option<()> {
    let mut at = 0usize;
    for value in values.iter_mut() {
        if **value == 0xFFFF_FFFF {
            data.get(at..at.saturating_add(8))?;
            **value = le64(data, at);
            at = at.saturating_add(8);
        }
    }
    Some(())
}
