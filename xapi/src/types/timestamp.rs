//! Timestamps: the RFC 3339 profile of ISO 8601 date-times, calendar-checked with chrono.

use std::fmt;

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveTime};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// Which forms beyond strict RFC 3339 (`2024-02-29T13:05:00.123+01:00`, `Z` or `±hh:mm`) are accepted.
#[derive(Clone, Copy, Debug)]
pub(crate) struct TimestampForms {
    /// A space instead of `T` (xAPI 2.0).
    pub(crate) space_separator: bool,
    /// No offset at all (local time, read as UTC).
    pub(crate) no_offset: bool,
    /// ISO 8601 basic format, reduced precision, date-only, `±hhmm`/`±hh` offsets, comma fractions.
    pub(crate) iso8601_basic: bool,
}

impl TimestampForms {
    const LOOSEST: Self = Self {
        space_separator: true,
        no_offset: true,
        iso8601_basic: true,
    };
}

/// Why a timestamp was refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum TimestampProblem {
    /// Not a date-time in an accepted form, or not a real date/time.
    Invalid,
    /// `-00:00`, `-0000` or `-00`: RFC 3339's "unknown local offset".
    UnknownOffset,
}

/// Parses `text` under `forms`.
pub(crate) fn check_timestamp(
    text: &str,
    forms: TimestampForms,
) -> Result<DateTime<FixedOffset>, TimestampProblem> {
    let mut cursor = Cursor {
        bytes: text.as_bytes(),
        at: 0,
    };
    let year = cursor.digits(4)?;
    let extended = cursor.eat(b'-');
    if !extended && !forms.iso8601_basic {
        return Err(TimestampProblem::Invalid);
    }
    let month = cursor.digits(2)?;
    if extended && !cursor.eat(b'-') {
        return Err(TimestampProblem::Invalid);
    }
    let day = cursor.digits(2)?;
    let date = NaiveDate::from_ymd_opt(year as i32, month, day).ok_or(TimestampProblem::Invalid)?;
    if cursor.done() {
        if !forms.iso8601_basic || !forms.no_offset {
            return Err(TimestampProblem::Invalid);
        }
        let utc = FixedOffset::east_opt(0).ok_or(TimestampProblem::Invalid)?;
        return date
            .and_hms_opt(0, 0, 0)
            .and_then(|naive| naive.and_local_timezone(utc).single())
            .ok_or(TimestampProblem::Invalid);
    }
    match cursor.next() {
        Some(b'T' | b't') => {}
        Some(b' ') if forms.space_separator => {}
        _ => return Err(TimestampProblem::Invalid),
    }
    let hour = cursor.digits(2)?;
    let (minute, second) = if extended {
        if !cursor.eat(b':') {
            return Err(TimestampProblem::Invalid);
        }
        let minute = cursor.digits(2)?;
        if !cursor.eat(b':') {
            if !forms.iso8601_basic {
                return Err(TimestampProblem::Invalid);
            }
            (minute, 0)
        } else {
            (minute, cursor.digits(2)?)
        }
    } else if cursor.peek_digit() {
        let minute = cursor.digits(2)?;
        let second = if cursor.peek_digit() {
            cursor.digits(2)?
        } else {
            0
        };
        (minute, second)
    } else {
        (0, 0)
    };
    let mut nanos = 0u32;
    if cursor.eat(b'.') || (forms.iso8601_basic && cursor.eat(b',')) {
        let mut count = 0u32;
        while cursor.peek_digit() {
            let digit = cursor.digit()?;
            if count < 9 {
                nanos = nanos.saturating_mul(10).saturating_add(digit);
            }
            count = count.saturating_add(1);
        }
        if count == 0 {
            return Err(TimestampProblem::Invalid);
        }
        for _ in count..9 {
            nanos = nanos.saturating_mul(10);
        }
    }
    let offset_seconds = match cursor.next() {
        Some(b'Z' | b'z') => 0,
        None if forms.no_offset => 0,
        Some(sign @ (b'+' | b'-')) => {
            let hours = cursor.digits(2)?;
            let minutes = if cursor.eat(b':') || (forms.iso8601_basic && cursor.peek_digit()) {
                cursor.digits(2)?
            } else if forms.iso8601_basic {
                0
            } else {
                return Err(TimestampProblem::Invalid);
            };
            if hours > 23 || minutes > 59 {
                return Err(TimestampProblem::Invalid);
            }
            if sign == b'-' && hours == 0 && minutes == 0 {
                return Err(TimestampProblem::UnknownOffset);
            }
            let magnitude = (hours * 3600 + minutes * 60) as i32;
            if sign == b'-' { -magnitude } else { magnitude }
        }
        _ => return Err(TimestampProblem::Invalid),
    };
    if !cursor.done() || hour > 23 || minute > 59 || second > 60 {
        return Err(TimestampProblem::Invalid);
    }
    let time = if second == 60 {
        NaiveTime::from_hms_nano_opt(hour, minute, 59, nanos.saturating_add(1_000_000_000))
    } else {
        NaiveTime::from_hms_nano_opt(hour, minute, second, nanos)
    }
    .ok_or(TimestampProblem::Invalid)?;
    let offset = FixedOffset::east_opt(offset_seconds).ok_or(TimestampProblem::Invalid)?;
    date.and_time(time)
        .and_local_timezone(offset)
        .single()
        .ok_or(TimestampProblem::Invalid)
}

struct Cursor<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl Cursor<'_> {
    fn next(&mut self) -> Option<u8> {
        let byte = self.bytes.get(self.at).copied();
        self.at = self.at.saturating_add(1);
        byte
    }

    fn eat(&mut self, wanted: u8) -> bool {
        if self.bytes.get(self.at) == Some(&wanted) {
            self.at = self.at.saturating_add(1);
            true
        } else {
            false
        }
    }

    fn peek_digit(&self) -> bool {
        self.bytes.get(self.at).is_some_and(u8::is_ascii_digit)
    }

    fn digit(&mut self) -> Result<u32, TimestampProblem> {
        match self.next() {
            Some(byte @ b'0'..=b'9') => Ok(u32::from(byte - b'0')),
            _ => Err(TimestampProblem::Invalid),
        }
    }

    fn digits(&mut self, count: usize) -> Result<u32, TimestampProblem> {
        let mut value = 0u32;
        for _ in 0..count {
            value = value * 10 + self.digit()?;
        }
        Ok(value)
    }

    fn done(&self) -> bool {
        self.at >= self.bytes.len()
    }
}

/// An ISO 8601 timestamp, kept as received together with its instant.
///
/// Accepts the loosest form any [`Policy`](crate::Policy) allows; a value without offset is read as
/// UTC.
///
/// ```
/// use learnwire_xapi::types::Timestamp;
/// let time = Timestamp::parse("2024-02-29T13:05:00.123+01:00").unwrap();
/// assert_eq!(time.to_utc().to_rfc3339(), "2024-02-29T12:05:00.123+00:00");
/// assert!(Timestamp::parse("2023-02-29T13:05:00Z").is_err());
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Timestamp {
    text: String,
    value: DateTime<FixedOffset>,
}

/// The text is not an ISO 8601 date-time.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("not an ISO 8601 timestamp")]
#[non_exhaustive]
pub struct InvalidTimestamp;

impl Timestamp {
    /// Parses a timestamp.
    ///
    /// # Errors
    /// [`InvalidTimestamp`] when `text` is not a date-time or names an impossible date.
    pub fn parse(text: impl Into<String>) -> Result<Self, InvalidTimestamp> {
        let text = text.into();
        let value =
            check_timestamp(&text, TimestampForms::LOOSEST).map_err(|_| InvalidTimestamp)?;
        Ok(Self { text, value })
    }

    /// The text as received.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// The instant with the offset as written.
    pub fn value(&self) -> DateTime<FixedOffset> {
        self.value
    }

    /// The instant in UTC (what a 2.0 LRS stores).
    pub fn to_utc(&self) -> DateTime<chrono::Utc> {
        self.value.to_utc()
    }
}

impl fmt::Display for Timestamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

impl Serialize for Timestamp {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.text)
    }
}

impl<'de> Deserialize<'de> for Timestamp {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        Self::parse(text).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const STRICT: TimestampForms = TimestampForms {
        space_separator: false,
        no_offset: false,
        iso8601_basic: false,
    };

    #[test]
    fn strict_forms() {
        for good in [
            "2013-05-18T05:32:34.804Z",
            "2015-06-30T23:59:60Z",
            "2015-05-13T15:16:00-20:00",
            "2000-02-29T00:00:00+14:00",
            "2015-01-01T00:00:00.0000000Z",
            "2015-01-01t00:00:00z",
        ] {
            assert!(check_timestamp(good, STRICT).is_ok(), "{good}");
        }
        for bad in [
            "",
            "2023-13-45T25:61:00Z",
            "2014-09-31T00:00:00Z",
            "1900-02-29T00:00:00Z",
            "2014-09-12T03:47:40",
            "20150513T15Z",
            "2017-01-01",
            "2017-01-01 00:00:00Z",
            "2017-01-01T00:00:00.Z",
            "2017-01-01T00:00:00+0100",
            "2017-01-01T24:00:00Z",
        ] {
            assert!(check_timestamp(bad, STRICT).is_err(), "{bad}");
        }
        assert_eq!(
            check_timestamp("2017-01-01T00:00:00-00:00", STRICT),
            Err(TimestampProblem::UnknownOffset)
        );
    }

    #[test]
    fn loose_forms() {
        for good in [
            "20090131T230000-0100",
            "20170101",
            "2017-01-01",
            "2017-01-01 10:00:00Z",
        ] {
            assert!(
                check_timestamp(good, TimestampForms::LOOSEST).is_ok(),
                "{good}"
            );
        }
    }
}
