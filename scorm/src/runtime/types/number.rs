//! Exact decimal numbers: the lexical form `["-"] 1*DIGIT ["." 1*DIGIT]` shared by SCORM 1.2 CMIDecimal
//! and SCORM 2004 real(10,7), compared by value without a float round-trip (rules T12-02, T04-06,
//! T04-07).

use std::cmp::Ordering;

/// A decimal number borrowed from the value it was read from: sign, integer digits without leading
/// zeros, fraction digits without trailing zeros.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Number<'a> {
    negative: bool,
    int: &'a str,
    frac: &'a str,
}

impl<'a> Number<'a> {
    /// Reads `["-"] 1*DIGIT ["." 1*DIGIT]`; with `allow_plus` a leading `+` too (CMISInteger).
    pub(crate) fn parse(value: &'a str, allow_plus: bool) -> Option<Self> {
        let (negative, rest) = match value.as_bytes().first() {
            Some(b'-') => (true, value.get(1..)?),
            Some(b'+') if allow_plus => (false, value.get(1..)?),
            _ => (false, value),
        };
        let (int, frac) = match rest.split_once('.') {
            Some((int, frac)) => (int, Some(frac)),
            None => (rest, None),
        };
        if int.is_empty() || !int.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let frac = match frac {
            Some(frac) if frac.is_empty() || !frac.bytes().all(|b| b.is_ascii_digit()) => {
                return None;
            }
            Some(frac) => frac.trim_end_matches('0'),
            None => "",
        };
        let int = int.trim_start_matches('0');
        let zero = int.is_empty() && frac.is_empty();
        Some(Self {
            negative: negative && !zero,
            int,
            frac,
        })
    }

    /// True when the number has no fraction digits (after trailing zeros are dropped).
    pub(crate) fn is_integer(&self) -> bool {
        self.frac.is_empty()
    }

    /// Compares with an integer bound, exactly.
    pub(crate) fn cmp_int(&self, bound: i64) -> Ordering {
        let text = bound.unsigned_abs().to_string();
        let other = Number {
            negative: bound < 0,
            int: text.trim_start_matches('0'),
            frac: "",
        };
        self.cmp_number(&other)
    }

    /// Compares two numbers by value.
    pub(crate) fn cmp_number(&self, other: &Number<'_>) -> Ordering {
        match (self.negative, other.negative) {
            (false, true) => Ordering::Greater,
            (true, false) => Ordering::Less,
            (false, false) => magnitude(self, other),
            (true, true) => magnitude(other, self),
        }
    }
}

fn magnitude(a: &Number<'_>, b: &Number<'_>) -> Ordering {
    a.int
        .len()
        .cmp(&b.int.len())
        .then_with(|| a.int.cmp(b.int))
        .then_with(|| a.frac.cmp(b.frac))
}

/// True when `value` is within `min..=max` (either bound open when `None`), compared exactly.
pub(crate) fn within(number: &Number<'_>, min: Option<i64>, max: Option<i64>) -> bool {
    min.is_none_or(|min| number.cmp_int(min) != Ordering::Less)
        && max.is_none_or(|max| number.cmp_int(max) != Ordering::Greater)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_lexical_form_is_strict() {
        for ok in ["0", "-2.2", "2", "007.50", "7.000099999887765544"] {
            assert!(Number::parse(ok, false).is_some(), "{ok}");
        }
        for bad in [
            "", "-", ".5", "5.", "1e5", "1,5", "+5", " 5", "NaN", "Infinity", "--1",
        ] {
            assert!(Number::parse(bad, false).is_none(), "{bad}");
        }
        assert!(Number::parse("+5", true).is_some());
    }

    #[test]
    fn comparison_is_exact() {
        let n = |s| Number::parse(s, false).unwrap();
        assert_eq!(n("1.0000999").cmp_int(1), Ordering::Greater);
        assert_eq!(n("1.000").cmp_int(1), Ordering::Equal);
        assert_eq!(n("-0.0").cmp_int(0), Ordering::Equal);
        assert_eq!(n("-1.5").cmp_number(&n("-1.25")), Ordering::Less);
        assert_eq!(n("10").cmp_number(&n("9.99")), Ordering::Greater);
        assert!(within(&n("100"), Some(0), Some(100)));
        assert!(!within(&n("100.01"), Some(0), Some(100)));
    }
}
