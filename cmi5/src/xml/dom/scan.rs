//! The pre-pass over the decoded text: characters XML forbids, and a size hint for the tree.

/// The first character of `bytes[from..to]` not allowed in XML 1.0, as a byte offset.
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
/// Eight bytes at a time: exact per-byte tests on a `u64` flag the words holding a control byte or
/// 0xEF, and only those are looked at byte by byte.
pub(super) fn scan(text: &str) -> (Option<usize>, usize) {
    const LOW7: u64 = 0x7F7F_7F7F_7F7F_7F7F;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    const ONES: u64 = 0x0101_0101_0101_0101;
    // High bit of each byte set exactly when that byte of `word` is zero (no carry between bytes).
    let zero_bytes = |word: u64| !(((word & LOW7) + LOW7) | word) & HIGH;
    let bytes = text.as_bytes();
    let mut opens = 0usize;
    let mut chunks = bytes.chunks_exact(8);
    let mut at = 0usize;
    for chunk in &mut chunks {
        let word = <[u8; 8]>::try_from(chunk).map_or(0, u64::from_le_bytes);
        // One bit per matching byte, moved to the byte's low bit; the multiply sums the bytes into the top one.
        let matches = zero_bytes(word ^ (ONES * u64::from(b'<'))) >> 7;
        opens += (matches.wrapping_mul(ONES) >> 56) as usize;
        // High bit set exactly when the byte is below 0x20.
        let control = !(((word & LOW7) + ONES * 0x60) | word) & HIGH;
        let ef = zero_bytes(word ^ (ONES * 0xEF));
        if control | ef != 0
            && let Some(bad) = first_illegal_in(bytes, at, at + 8)
        {
            return (Some(bad), opens);
        }
        at += 8;
    }
    opens += chunks.remainder().iter().filter(|b| **b == b'<').count();
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
        ];
        for at in 0..20 {
            for bad in ['\u{0}', '\u{8}', '\u{B}', '\u{1F}', '\u{FFFE}'] {
                let mut text = "<x a='1'>".repeat(3);
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
