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

/// What one pass over the text found: size hints for the tree, and the first character XML forbids.
#[derive(Debug, Default, PartialEq, Eq)]
pub(super) struct Scan {
    /// The first character not allowed in XML 1.0, as a byte offset.
    pub(super) illegal: Option<usize>,
    /// The number of `<`: an upper bound on the element count.
    pub(super) opens: usize,
    /// The number of `=`: an upper bound on the attribute count.
    pub(super) equals: usize,
}

/// One pass over the text: the first character not allowed in XML 1.0, and the counts of `<` and `=`
/// (to size the element and attribute lists once). The counts stop at the first illegal character.
///
/// 64 bytes at a time, with loops the compiler turns into vector instructions: the two counts and a
/// flag for a control byte other than tab, LF and CR, or a 0xEF (which starts U+FFFE and U+FFFF);
/// only flagged blocks are looked at byte by byte.
#[inline]
pub(super) fn scan(text: &str) -> Scan {
    const BLOCK: usize = 64;
    let bytes = text.as_bytes();
    let mut found = Scan::default();
    let mut blocks = bytes.chunks_exact(BLOCK);
    let mut at = 0usize;
    for block in &mut blocks {
        let (mut flagged, mut opens, mut equals) = (false, 0u8, 0u8);
        for &byte in block {
            let control = byte < 0x20 && !matches!(byte, b'\t' | b'\n' | b'\r');
            flagged |= control | (byte == 0xEF);
            opens += u8::from(byte == b'<');
            equals += u8::from(byte == b'=');
        }
        found.opens += usize::from(opens);
        found.equals += usize::from(equals);
        if flagged && let Some(bad) = first_illegal_in(bytes, at, at + BLOCK) {
            found.illegal = Some(bad);
            return found;
        }
        at += BLOCK;
    }
    for byte in blocks.remainder() {
        found.opens += usize::from(*byte == b'<');
        found.equals += usize::from(*byte == b'=');
    }
    found.illegal = first_illegal_in(bytes, at, bytes.len());
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    fn naive(text: &str) -> Scan {
        let bytes = text.as_bytes();
        Scan {
            illegal: first_illegal_in(bytes, 0, bytes.len()),
            opens: bytes.iter().filter(|b| **b == b'<').count(),
            equals: bytes.iter().filter(|b| **b == b'=').count(),
        }
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
            "<a b='=' c=\"==\">=</a>".repeat(40),
        ];
        for at in 0..140 {
            for bad in ['\u{0}', '\u{8}', '\u{B}', '\u{1F}', '\u{FFFE}'] {
                let mut text = "<x a='1'>\t\r\n".repeat(12);
                text.insert(at, bad);
                cases.push(text);
            }
        }
        for text in &cases {
            let found = scan(text);
            let expected = naive(text);
            assert_eq!(found.illegal, expected.illegal, "{text:?}");
            if expected.illegal.is_none() {
                assert_eq!(found, expected, "{text:?}");
            }
        }
        let found = scan("<a x='1'><b y='2'/>\t\n<c/></a>");
        assert_eq!(
            found,
            Scan {
                illegal: None,
                opens: 4,
                equals: 2
            }
        );
    }
}
