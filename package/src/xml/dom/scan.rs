//! The pre-pass over the decoded text: characters XML forbids, and a size hint for the tree.

/// The first character of `bytes[from..to]` not allowed in XML 1.0, as a byte offset.
#[inline]
fn first_illegal_in(bytes: &[u8], from: usize, to: usize) -> Option<usize> {
    for at in from..to {
        let bad = match bytes.get(at)? {
            0x00..=0x08 | 0x0B | 0x0C | 0x0E..=0x1F => true,
            // U+FFFE and U+FFFF are EF BF BE and EF BF BF.
            0xEF => matches!(
                (bytes.get(at + 1), bytes.get(at + 2)),
                (Some(0xBF), Some(0xBE | 0xBF))
            ),
            _ => false,
        };
        if bad {
            return Some(at);
        }
    }
    None
}

/// One pass over the text: the first character not allowed in XML 1.0 (as a byte offset), and the
/// number of `<` (an upper bound on the element count, to size the tree once).
///
/// 64 bytes at a time, with loops the compiler turns into vector instructions: a count of `<` and a
/// flag for a control byte other than tab, LF and CR, or a 0xEF (which starts U+FFFE and U+FFFF);
/// only flagged blocks are looked at byte by byte.
#[inline]
pub(super) fn scan(text: &str) -> (Option<usize>, usize) {
    const BLOCK: usize = 64;
    let bytes = text.as_bytes();
    let mut opens = 0usize;
    let mut blocks = bytes.chunks_exact(BLOCK);
    let mut at = 0usize;
    for block in &mut blocks {
        let (mut flagged, mut count) = (false, 0u8);
        for &byte in block {
            let control = byte < 0x20 && !matches!(byte, b'\t' | b'\n' | b'\r');
            flagged |= control | (byte == 0xEF);
            count += u8::from(byte == b'<');
        }
        opens += usize::from(count);
        if flagged && let Some(bad) = first_illegal_in(bytes, at, at + BLOCK) {
            return (Some(bad), opens);
        }
        at += BLOCK;
    }
    opens += blocks.remainder().iter().filter(|b| **b == b'<').count();
    (first_illegal_in(bytes, at, bytes.len()), opens)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn naive(text: &str) -> (Option<usize>, usize) {
        let bytes = text.as_bytes();
        let opens = bytes.iter().filter(|b| **b == b'<').count();
        (first_illegal_in(bytes, 0, bytes.len()), opens)
    }

    #[test]
    fn agrees_with_a_byte_by_byte_scan() {
        let mut cases: Vec<String> = vec![
            String::new(),
            "<a>\t\r\n</a>".to_owned(),
            "<a>\u{FFFE}</a>".to_owned(),
            "<a>\u{FFFF}</a>".to_owned(),
            "<a>\u{FFFD}\u{EFFF}é</a>".to_owned(),
            "<<<<<<<<<<<<<<<<<".to_owned(),
            "\u{1F}".to_owned(),
            "<".repeat(300),
        ];
        for at in 0..140 {
            for bad in ['\u{0}', '\u{8}', '\u{B}', '\u{1F}', '\u{FFFE}'] {
                let mut text = "<x a='1'>\t\r\n".repeat(12);
                text.insert(at, bad);
                cases.push(text);
            }
        }
        for text in &cases {
            let (illegal, opens) = scan(text);
            let (expected_illegal, expected_opens) = naive(text);
            assert_eq!(illegal, expected_illegal, "{text:?}");
            if expected_illegal.is_none() {
                assert_eq!(opens, expected_opens, "{text:?}");
            }
        }
        let (illegal, opens) = scan("<a><b/>\t\n<c/></a>");
        assert_eq!((illegal, opens), (None, 4));
    }
}
