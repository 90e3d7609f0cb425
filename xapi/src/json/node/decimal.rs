//! Exact comparison of two decimal number texts (JSON numbers, and the `{:e}` form Rust writes),
//! so that score checks do not depend on how a number rounds to a double: `1.0000000000000000001`
//! is above `1` although both read as the double `1.0`.
//!
//! The number was already read (and refused if malformed) by serde_json; this only splits its text
//! into sign, significant digits and the place of the decimal point, and compares those.

use std::cmp::Ordering;

/// Exponents are compared exactly up to this magnitude; a larger one (a number below
/// 10^-(10^30), since a larger positive one is refused as out of range) counts as this.
const EXPONENT_BOUND: i128 = 1_000_000_000_000_000_000_000_000_000_000;

/// Compares the values of two number texts exactly. `None` when either is not a number text.
pub(super) fn compare(a: &str, b: &str) -> Option<Ordering> {
    let (a, b) = (Decimal::parse(a)?, Decimal::parse(b)?);
    Some(a.cmp(&b))
}

/// The exact decimal expansion of a finite double (a double is a binary fraction, so its decimal
/// expansion ends: 767 significant digits at most).
pub(super) fn exact_f64(value: f64) -> String {
    format!("{value:.767e}")
}

/// A number as sign × 0.`digits` × 10^`point`, `digits` without leading or trailing zeros.
#[derive(Debug)]
struct Decimal {
    negative: bool,
    /// The significant digits (empty for zero).
    digits: Vec<u8>,
    point: i128,
}

impl Decimal {
    fn parse(text: &str) -> Option<Self> {
        let (negative, rest) = match text.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, text.strip_prefix('+').unwrap_or(text)),
        };
        let (mantissa, exponent) = match rest.split_once(['e', 'E']) {
            Some((mantissa, exponent)) => (mantissa, Some(exponent)),
            None => (rest, None),
        };
        let (int, fraction) = mantissa.split_once('.').unwrap_or((mantissa, ""));
        let all_digits = |part: &str| part.bytes().all(|byte| byte.is_ascii_digit());
        if (int.is_empty() && fraction.is_empty()) || !all_digits(int) || !all_digits(fraction) {
            return None;
        }
        let exponent = match exponent {
            Some(text) => parse_exponent(text)?,
            None => 0,
        };
        let leading = int
            .bytes()
            .chain(fraction.bytes())
            .take_while(|digit| *digit == b'0')
            .count();
        let mut digits: Vec<u8> = int.bytes().chain(fraction.bytes()).skip(leading).collect();
        while digits.last() == Some(&b'0') {
            digits.pop();
        }
        let int_len = i128::try_from(int.len()).ok()?;
        let leading = i128::try_from(leading).ok()?;
        Some(Self {
            negative,
            digits,
            point: int_len - leading + exponent,
        })
    }

    fn is_zero(&self) -> bool {
        self.digits.is_empty()
    }

    /// Compares magnitudes (both non-zero).
    fn cmp_magnitude(&self, other: &Self) -> Ordering {
        self.point
            .cmp(&other.point)
            .then_with(|| self.digits.cmp(&other.digits))
    }

    fn cmp(&self, other: &Self) -> Ordering {
        match (self.is_zero(), other.is_zero()) {
            (true, true) => Ordering::Equal,
            (true, false) => sign_order(!other.negative).reverse(),
            (false, true) => sign_order(!self.negative),
            (false, false) => match (self.negative, other.negative) {
                (false, true) => Ordering::Greater,
                (true, false) => Ordering::Less,
                (false, false) => self.cmp_magnitude(other),
                (true, true) => other.cmp_magnitude(self),
            },
        }
    }
}

/// `Greater` for a positive number compared with zero, `Less` for a negative one.
fn sign_order(positive: bool) -> Ordering {
    if positive {
        Ordering::Greater
    } else {
        Ordering::Less
    }
}

/// An exponent (`+5`, `-007`, `12`), clamped to ±[`EXPONENT_BOUND`].
fn parse_exponent(text: &str) -> Option<i128> {
    let (negative, digits) = match text.strip_prefix('-') {
        Some(digits) => (true, digits),
        None => (false, text.strip_prefix('+').unwrap_or(text)),
    };
    if digits.is_empty() || !digits.bytes().all(|byte| byte.is_ascii_digit()) {
        return None;
    }
    let significant = digits.trim_start_matches('0');
    let magnitude = if significant.len() > 30 {
        EXPONENT_BOUND
    } else {
        significant.parse::<i128>().unwrap_or(0).min(EXPONENT_BOUND)
    };
    Some(if negative { -magnitude } else { magnitude })
}

#[cfg(test)]
mod tests {
    use std::cmp::Ordering::{Equal, Greater, Less};

    use super::{compare, exact_f64};

    #[test]
    fn compares_beyond_double_precision() {
        let cases = [
            ("1.0000000000000000001", "1", Greater),
            ("0.99999999999999999999", "1", Less),
            ("1", "1.000", Equal),
            ("100", "1e2", Equal),
            ("100", "1E+2", Equal),
            ("0.001", "1e-3", Equal),
            ("-0", "0", Equal),
            ("0e99999999999999999999999999999999999", "0.0", Equal),
            ("-1.0000000000000000001", "-1", Less),
            ("-1", "1", Less),
            ("-1e-400", "0", Less),
            ("1e-400", "0", Greater),
            ("0", "1e-400", Less),
            ("0", "-1e-400", Greater),
            ("12", "123e-1", Less),
            ("13", "123e-1", Greater),
            ("9007199254740993", "9007199254740992", Greater),
            ("00012.500", "12.5", Equal),
            ("1e-99999999999999999999", "2e-99999999999999999999", Less),
            ("10e-20", "1e-19", Equal),
        ];
        for (a, b, want) in cases {
            assert_eq!(compare(a, b), Some(want), "{a} vs {b}");
            assert_eq!(compare(b, a), Some(want.reverse()), "{b} vs {a}");
        }
    }

    #[test]
    fn refuses_what_is_not_a_number_text() {
        for bad in [
            "", "-", "1.2.3", "e5", "1e", "abc", "1e+", "0x10", "NaN", "inf",
        ] {
            assert_eq!(compare(bad, "1"), None, "{bad:?}");
        }
    }

    #[test]
    fn a_double_expands_exactly() {
        assert_eq!(compare(&exact_f64(0.1), "0.1"), Some(Greater));
        assert_eq!(
            compare(
                &exact_f64(0.1),
                "0.1000000000000000055511151231257827021181583404541015625"
            ),
            Some(Equal)
        );
        assert_eq!(compare(&exact_f64(-2.5), "-2.5"), Some(Equal));
        assert_eq!(compare(&exact_f64(0.0), "0"), Some(Equal));
        assert_eq!(
            compare(&exact_f64(f64::MIN_POSITIVE / 4.0), "0"),
            Some(Greater)
        );
        assert_eq!(
            compare(
                &exact_f64(1_152_921_504_606_846_976.0),
                "1152921504606846980"
            ),
            Some(Less)
        );
    }
}
