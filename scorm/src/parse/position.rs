//! Byte offsets in the decoded text turned into line, column and original byte offset.

use learnwire_report::XmlPosition;

use super::decode::Unit;

/// Line starts of a decoded document, for turning offsets into positions in O(log n).
#[derive(Debug)]
pub(crate) struct LineIndex {
    /// Decoded byte offset of each line start.
    starts: Vec<usize>,
    bom_len: u64,
    unit: Unit,
}

impl LineIndex {
    /// Indexes `text`. Line breaks are `\n`, `\r\n` and a lone `\r` (XML 1.0 §2.11).
    pub(crate) fn new(text: &str, bom_len: u64, unit: Unit) -> Self {
        let bytes = text.as_bytes();
        let mut starts = vec![0];
        for (at, byte) in bytes.iter().enumerate() {
            match byte {
                b'\n' => starts.push(at + 1),
                b'\r' if bytes.get(at + 1) != Some(&b'\n') => starts.push(at + 1),
                _ => {}
            }
        }
        Self {
            starts,
            bom_len,
            unit,
        }
    }

    /// The position of decoded byte `offset` in `text` (the text given to [`LineIndex::new`]).
    pub(crate) fn position(&self, text: &str, offset: usize) -> XmlPosition {
        let offset = offset.min(text.len());
        let line = self.starts.partition_point(|start| *start <= offset);
        let start = self
            .starts
            .get(line.saturating_sub(1))
            .copied()
            .unwrap_or(0);
        let in_line = text.get(start..offset).unwrap_or("");
        let column = in_line.chars().count().saturating_add(1);
        let original = match self.unit {
            Unit::Utf8 => offset as u64,
            Unit::SingleByte => {
                let before = text.get(..offset).unwrap_or("");
                before.chars().count() as u64
            }
            Unit::Utf16 => {
                let before = text.get(..offset).unwrap_or("");
                before.encode_utf16().count() as u64 * 2
            }
        };
        XmlPosition::new(
            u32::try_from(line).unwrap_or(u32::MAX),
            u32::try_from(column).unwrap_or(u32::MAX),
            original.saturating_add(self.bom_len),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_and_columns() {
        let text = "ab\néx\r\ny\rz";
        let index = LineIndex::new(text, 3, Unit::Utf8);
        let at = index.position(text, text.find('x').unwrap());
        assert_eq!((at.line, at.column, at.offset), (2, 2, 3 + 5));
        let at = index.position(text, text.find('z').unwrap());
        assert_eq!((at.line, at.column), (4, 1));
        let at = index.position(text, 0);
        assert_eq!((at.line, at.column), (1, 1));
    }

    #[test]
    fn utf16_offsets_count_code_units() {
        let text = "é<a>";
        let index = LineIndex::new(text, 2, Unit::Utf16);
        assert_eq!(index.position(text, text.find('<').unwrap()).offset, 4);
    }
}
