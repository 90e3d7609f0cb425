//! Byte offsets in the decoded text turned into line, column and original byte offset.
//!
//! The index is built lazily, on the first position asked for (a document without issues never pays
//! for it), in one pass. It keeps a checkpoint at every line start and every 4 KiB inside long lines, so
//! each position costs O(log n + 4 KiB) even on a one-line (minified) document with many issues.

use std::cell::OnceCell;

use learnwire_report::XmlPosition;

use super::decode::Unit;

/// Bytes of decoded text between checkpoints inside a line.
const STRIDE: usize = 4096;

#[derive(Clone, Copy, Debug)]
struct Checkpoint {
    /// Decoded byte offset.
    offset: usize,
    /// 1-based line.
    line: u32,
    /// Characters from the line start to `offset`.
    column: u64,
    /// Original byte offset (BOM excluded).
    original: u64,
}

/// Positions in a decoded document: line, column (in characters, both 1-based) and original byte
/// offset of a decoded byte offset.
#[derive(Debug)]
pub struct LineIndex {
    bom_len: u64,
    unit: Unit,
    checkpoints: OnceCell<Vec<Checkpoint>>,
}

fn original_len(c: char, unit: Unit) -> u64 {
    match unit {
        Unit::Utf8 => c.len_utf8() as u64,
        Unit::SingleByte => 1,
        Unit::Utf16 => c.len_utf16() as u64 * 2,
    }
}

impl LineIndex {
    /// An index of `text` (built on first use), decoded from bytes with a byte order mark of
    /// `bom_len` bytes and characters of `unit` ([`Decoded`](super::Decoded) has both).
    #[must_use]
    pub fn new(_text: &str, bom_len: u64, unit: Unit) -> Self {
        Self {
            bom_len,
            unit,
            checkpoints: OnceCell::new(),
        }
    }

    fn build(&self, text: &str) -> Vec<Checkpoint> {
        let mut points = vec![Checkpoint {
            offset: 0,
            line: 1,
            column: 0,
            original: 0,
        }];
        let (mut line, mut column, mut original, mut last) = (1u32, 0u64, 0u64, 0usize);
        let mut chars = text.char_indices().peekable();
        while let Some((at, c)) = chars.next() {
            original += original_len(c, self.unit);
            let next = at + c.len_utf8();
            let line_break =
                c == '\n' || (c == '\r' && chars.peek().map(|(_, n)| *n) != Some('\n'));
            if line_break {
                line = line.saturating_add(1);
                column = 0;
            } else {
                column += 1;
            }
            if line_break || next - last >= STRIDE {
                points.push(Checkpoint {
                    offset: next,
                    line,
                    column,
                    original,
                });
                last = next;
            }
        }
        points
    }

    /// The position of decoded byte `offset` in `text` (the text given to [`LineIndex::new`]).
    /// An offset past the end is the end.
    #[must_use]
    pub fn position(&self, text: &str, offset: usize) -> XmlPosition {
        let offset = offset.min(text.len());
        let points = self.checkpoints.get_or_init(|| self.build(text));
        let found = points.partition_point(|point| point.offset <= offset);
        let Some(point) = points.get(found.saturating_sub(1)) else {
            return XmlPosition::new(1, 1, self.bom_len);
        };
        let between = text.get(point.offset..offset).unwrap_or("");
        let mut column = point.column;
        let mut original = point.original;
        for c in between.chars() {
            column += 1;
            original += original_len(c, self.unit);
        }
        XmlPosition::new(
            point.line,
            u32::try_from(column.saturating_add(1)).unwrap_or(u32::MAX),
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

    #[test]
    fn long_lines_use_checkpoints() {
        let text = format!("{}é{}X", "a".repeat(10_000), "b".repeat(10_000));
        let index = LineIndex::new(&text, 0, Unit::SingleByte);
        let at = index.position(&text, text.find('X').unwrap());
        assert_eq!((at.line, at.column, at.offset), (1, 20_002, 20_001));
    }
}
