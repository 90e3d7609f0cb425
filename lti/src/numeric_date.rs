//! NumericDate (RFC 7519 §2) as every reader and writer of this crate accepts it: one range for
//! integers and fractions alike, so `1e12` and `1000000000000` meet the same refusal, and nothing is
//! ever cast, wrapped or saturated into range.

use chrono::{DateTime, Utc};
use serde_json::Number;

/// Largest |NumericDate| accepted, in seconds since the epoch: 10^11 (about the year 5138). Beyond it a
/// time claim is malformed, whether written as an integer, a fraction or an exponent.
pub(crate) const MAX_SECONDS: i64 = 100_000_000_000;

/// [`MAX_SECONDS`] as a float (exact: 10^11 < 2^53).
const MAX_SECONDS_F64: f64 = 100_000_000_000.0;

/// An integer NumericDate, when within ±[`MAX_SECONDS`].
pub(crate) fn from_i64(seconds: i64) -> Option<i64> {
    (-MAX_SECONDS..=MAX_SECONDS)
        .contains(&seconds)
        .then_some(seconds)
}

/// An unsigned integer NumericDate, when within [`MAX_SECONDS`].
pub(crate) fn from_u64(seconds: u64) -> Option<i64> {
    i64::try_from(seconds).ok().and_then(from_i64)
}

/// A fractional NumericDate, when finite and within ±[`MAX_SECONDS`], rounded down.
pub(crate) fn from_f64(seconds: f64) -> Option<i64> {
    if !seconds.is_finite() || seconds.abs() > MAX_SECONDS_F64 {
        return None;
    }
    // Finite and within ±10^11, so the floored value is an exact integer in range: the cast neither
    // truncates nor saturates.
    #[allow(clippy::cast_possible_truncation)]
    let floored = seconds.floor() as i64;
    from_i64(floored)
}

/// A JSON number as a NumericDate: integers and floats meet the same range.
pub(crate) fn from_number(number: &Number) -> Option<i64> {
    if let Some(seconds) = number.as_i64() {
        from_i64(seconds)
    } else if let Some(seconds) = number.as_u64() {
        from_u64(seconds)
    } else {
        number.as_f64().and_then(from_f64)
    }
}

/// A time as a NumericDate in range, or `None` (for a signer's `now` outside it).
pub(crate) fn from_time(time: DateTime<Utc>) -> Option<i64> {
    from_i64(time.timestamp())
}

/// A NumericDate in range as a time (always representable: chrono reaches far beyond 10^11 seconds).
pub(crate) fn to_time(seconds: i64) -> Option<DateTime<Utc>> {
    from_i64(seconds).and_then(|seconds| DateTime::from_timestamp(seconds, 0))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn integers_and_floats_share_one_range() {
        assert_eq!(from_i64(MAX_SECONDS), Some(MAX_SECONDS));
        assert_eq!(from_f64(1e11), Some(MAX_SECONDS));
        assert_eq!(from_i64(MAX_SECONDS + 1), None);
        assert_eq!(from_f64(1e11 + 1.0), None);
        assert_eq!(from_i64(-MAX_SECONDS), Some(-MAX_SECONDS));
        assert_eq!(from_f64(-1e11), Some(-MAX_SECONDS));
        assert_eq!(from_i64(-MAX_SECONDS - 1), None);
        assert_eq!(from_f64(-1e11 - 1.0), None);
        assert_eq!(from_u64(u64::MAX), None);
        assert_eq!(from_i64(i64::MIN), None);
        for float in [f64::NAN, f64::INFINITY, f64::NEG_INFINITY, 1e300, -1e300] {
            assert_eq!(from_f64(float), None, "{float}");
        }
        assert_eq!(from_f64(1_700_000_000.9), Some(1_700_000_000));
        assert_eq!(from_f64(-0.5), Some(-1));
    }

    #[test]
    fn json_numbers_meet_the_same_range_as_written() {
        for (text, expected) in [
            ("1700000000", Some(1_700_000_000)),
            ("1.7e9", Some(1_700_000_000)),
            ("100000000000", Some(MAX_SECONDS)),
            ("1e11", Some(MAX_SECONDS)),
            ("100000000001", None),
            ("1000000000000", None),
            ("1e12", None),
            ("9223372036854775807", None),
            ("18446744073709551615", None),
            ("1000000000000000000000000000000", None),
            ("1e300", None),
            ("-1e300", None),
        ] {
            let number: Number = serde_json::from_str(text).unwrap();
            assert_eq!(from_number(&number), expected, "{text}");
        }
    }
}
