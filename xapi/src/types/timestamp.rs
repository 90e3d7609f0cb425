//! Timestamps: ISO 8601 combined date-times (xAPI 1.0.3) and their RFC 3339 profile (xAPI 2.0),
//! calendar-checked with chrono.

use std::fmt;

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveTime};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::XapiVersion;

/// Which timestamp forms a validation accepts (`timestamp`, `stored`; rule R-I01), a field of
/// [`Policy`](crate::Policy).
///
/// | variant | 1.0.3 | 2.0 |
/// |---|---|---|
/// | [`ByVersion`](Self::ByVersion) (default) | ISO 8601 | RFC 3339 |
/// | [`Rfc3339`](Self::Rfc3339) | RFC 3339 | RFC 3339 |
/// | [`Iso8601`](Self::Iso8601) | ISO 8601 | ISO 8601 |
/// | [`Lenient`](Self::Lenient) | ISO 8601 and more | ISO 8601 and more |
///
/// Why the defaults differ: xAPI 1.0.3 says a Timestamp MUST be an ISO 8601 combined date and time
/// and only SHOULD\* use RFC 3339 (Data 4.5), and the ADL requirement the LRS conformance suite
/// cites has the LRS reject a timestamp "which doesn't validate to ISO 8601 Extended or ISO 8601
/// Basic" (XAPI-00123); 2.0 turned the SHOULD\* into a SHALL, so a 2.0 timestamp is RFC 3339.
///
/// "ISO 8601" here is a complete combined date and time, `T` between date and time, wholly in
/// basic format (`20090131T230000-0100`, `20090131T230000,5Z`) or wholly in extended format
/// (`2009-01-31T23:00:00-01:00`, `2009-01-31T23:00:00+01`): seconds present, a fraction after `.` or
/// `,`, and a UTC designator `Z`, `±hh`, or `±hhmm` (basic) / `±hh:mm` (extended). RFC 3339 is the
/// extended format with `.` fractions and `Z` or `±hh:mm` only; under 2.0 a space may replace the
/// `T` (RFC 3339 §5.6 note; the ADL LRS accepts it). In every variant the date must exist (no
/// 30 February), `-00:00` and its kin are refused (`xapi.format.timestamp-unknown-offset`) and a
/// missing offset is refused unless [`Policy::allow_timestamp_without_offset`](crate::Policy) is set.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum TimestampSyntax {
    /// ISO 8601 under xAPI 1.0.3, RFC 3339 under 2.0 (see above). Default.
    #[default]
    ByVersion,
    /// RFC 3339 only, whatever the version (xapi-schema's choice for 1.0.3).
    Rfc3339,
    /// ISO 8601 combined date-times, basic or extended format, whatever the version.
    Iso8601,
    /// [`Iso8601`](Self::Iso8601), plus what LearningLocker also accepts: reduced precision
    /// (`20150513T15Z`, `2015-05-13T15:16Z`), basic and extended forms mixed in the offset
    /// (`2017-01-01T00:00:00+0100`) and, with `allow_timestamp_without_offset`, a bare date
    /// (`2017-01-01`, `20170101`, read as midnight UTC). None of these is an ISO 8601 complete
    /// date-time.
    Lenient,
}

/// Which forms beyond strict RFC 3339 (`2024-02-29T13:05:00.123+01:00`, `Z` or `±hh:mm`) are accepted.
#[derive(Clone, Copy, Debug)]
pub(crate) struct TimestampForms {
    /// A space instead of `T` (xAPI 2.0).
    pub(crate) space_separator: bool,
    /// No offset at all (local time, read as UTC).
    pub(crate) no_offset: bool,
    /// ISO 8601 complete date-times: basic format, `,` fractions, `±hh` offsets.
    pub(crate) iso8601: bool,
    /// Beyond that: reduced precision, date-only, offsets in the other format.
    pub(crate) lenient: bool,
}

impl TimestampForms {
    const LOOSEST: Self = Self {
        space_separator: true,
        no_offset: true,
        iso8601: true,
        lenient: true,
    };

    /// The forms a validation under `syntax` and `version` accepts.
    pub(crate) fn new(syntax: TimestampSyntax, version: XapiVersion, no_offset: bool) -> Self {
        let (iso8601, lenient) = match syntax {
            TimestampSyntax::ByVersion => (version == XapiVersion::V1_0_3, false),
            TimestampSyntax::Rfc3339 => (false, false),
            TimestampSyntax::Iso8601 => (true, false),
            TimestampSyntax::Lenient => (true, true),
        };
        Self {
            space_separator: version == XapiVersion::V2_0_0,
            no_offset,
            iso8601,
            lenient,
        }
    }

    /// What the accepted forms are called, for messages.
    pub(crate) fn describe(self) -> &'static str {
        if self.iso8601 {
            "an ISO 8601 date-time with offset"
        } else {
            "an RFC 3339 date-time with offset"
        }
    }
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
    use TimestampProblem::Invalid;
    let mut cursor = Cursor {
        bytes: text.as_bytes(),
        at: 0,
    };
    let year = cursor.digits(4)?;
    let extended = cursor.eat(b'-');
    if !extended && !forms.iso8601 {
        return Err(Invalid);
    }
    let month = cursor.digits(2)?;
    if extended && !cursor.eat(b'-') {
        return Err(Invalid);
    }
    let day = cursor.digits(2)?;
    let year = i32::try_from(year).map_err(|_| Invalid)?;
    let date = NaiveDate::from_ymd_opt(year, month, day).ok_or(Invalid)?;
    if cursor.done() {
        if !forms.lenient || !forms.no_offset {
            return Err(Invalid);
        }
        let utc = FixedOffset::east_opt(0).ok_or(Invalid)?;
        return date
            .and_hms_opt(0, 0, 0)
            .and_then(|naive| naive.and_local_timezone(utc).single())
            .ok_or(Invalid);
    }
    match cursor.next() {
        Some(b'T' | b't') => {}
        Some(b' ') if forms.space_separator => {}
        _ => return Err(Invalid),
    }
    let hour = cursor.digits(2)?;
    let (minute, second) = if extended {
        if !cursor.eat(b':') {
            return Err(Invalid);
        }
        let minute = cursor.digits(2)?;
        if cursor.eat(b':') {
            (minute, cursor.digits(2)?)
        } else if forms.lenient {
            (minute, 0)
        } else {
            return Err(Invalid);
        }
    } else if cursor.peek_digit() {
        let minute = cursor.digits(2)?;
        if cursor.peek_digit() {
            (minute, cursor.digits(2)?)
        } else if forms.lenient {
            (minute, 0)
        } else {
            return Err(Invalid);
        }
    } else if forms.lenient {
        (0, 0)
    } else {
        return Err(Invalid);
    };
    let mut nanos = 0u32;
    if cursor.eat(b'.') || (forms.iso8601 && cursor.eat(b',')) {
        let mut count = 0u32;
        while cursor.peek_digit() {
            let digit = cursor.digit()?;
            if count < 9 {
                nanos = nanos.saturating_mul(10).saturating_add(digit);
            }
            count = count.saturating_add(1);
        }
        if count == 0 {
            return Err(Invalid);
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
            // The offset's own format: `:` is extended, four digits basic, `±hh` either.
            let minutes = if cursor.eat(b':') {
                if !extended && !forms.lenient {
                    return Err(Invalid);
                }
                cursor.digits(2)?
            } else if cursor.peek_digit() {
                if extended && !forms.lenient {
                    return Err(Invalid);
                }
                cursor.digits(2)?
            } else if forms.iso8601 {
                0
            } else {
                return Err(Invalid);
            };
            if hours > 23 || minutes > 59 {
                return Err(Invalid);
            }
            if sign == b'-' && hours == 0 && minutes == 0 {
                return Err(TimestampProblem::UnknownOffset);
            }
            let magnitude = i32::try_from(hours * 3600 + minutes * 60).map_err(|_| Invalid)?;
            if sign == b'-' { -magnitude } else { magnitude }
        }
        _ => return Err(Invalid),
    };
    if !cursor.done() || hour > 23 || minute > 59 || second > 60 {
        return Err(Invalid);
    }
    let time = if second == 60 {
        NaiveTime::from_hms_nano_opt(hour, minute, 59, nanos.saturating_add(1_000_000_000))
    } else {
        NaiveTime::from_hms_nano_opt(hour, minute, second, nanos)
    }
    .ok_or(Invalid)?;
    let offset = FixedOffset::east_opt(offset_seconds).ok_or(Invalid)?;
    date.and_time(time)
        .and_local_timezone(offset)
        .single()
        .ok_or(Invalid)
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
#[error("{}: not an ISO 8601 timestamp", self.code())]
#[non_exhaustive]
pub struct InvalidTimestamp;

impl InvalidTimestamp {
    /// The code of the rule the value breaks (`Timestamp`).
    pub fn code(&self) -> learnwire_report::Code {
        crate::Rule::Timestamp.code()
    }
}

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
        iso8601: false,
        lenient: false,
    };

    const ISO: TimestampForms = TimestampForms {
        iso8601: true,
        ..STRICT
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
            assert!(check_timestamp(good, ISO).is_ok(), "{good}");
        }
        for bad in [
            "",
            "2023-13-45T25:61:00Z",
            "2014-09-31T00:00:00Z",
            "1900-02-29T00:00:00Z",
            "2014-09-12T03:47:40",
            "20150513T15Z",
            "20090131T230000-0100",
            "2017-01-01",
            "2017-01-01 00:00:00Z",
            "2017-01-01T00:00:00.Z",
            "2017-01-01T00:00:00+0100",
            "2017-01-01T00:00:00+01",
            "2017-01-01T00:00:00,5Z",
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
    fn iso8601_complete_forms_in_basic_or_extended_format() {
        for (text, utc) in [
            ("20090131T230000-0100", "2009-02-01T00:00:00+00:00"),
            ("20090131T230000Z", "2009-01-31T23:00:00+00:00"),
            ("20090131T230000,5+01", "2009-01-31T22:00:00.500+00:00"),
            ("20090131T230000.25+0130", "2009-01-31T21:30:00.250+00:00"),
            ("2009-01-31T23:00:00+01", "2009-01-31T22:00:00+00:00"),
            (
                "2009-01-31T23:00:00,5-01:00",
                "2009-02-01T00:00:00.500+00:00",
            ),
        ] {
            let value = check_timestamp(text, ISO).unwrap_or_else(|_| panic!("{text}"));
            assert_eq!(
                value
                    .to_utc()
                    .to_rfc3339_opts(chrono::SecondsFormat::AutoSi, false),
                utc,
                "{text}"
            );
        }
        for bad in [
            // Mixed formats: ISO 8601 wants one format throughout.
            "2009-01-31T230000-01:00",
            "20150513T15:16:00Z",
            "20090131T230000-01:00",
            "2009-01-31T23:00:00-0100",
            // Reduced precision, date-only, no `T`, no offset.
            "20150513T15Z",
            "20150513T1516Z",
            "2015-05-13T15:16Z",
            "20170101",
            "2017-01-01",
            "20170101230000Z",
            "20090131T230000",
            // Impossible values.
            "20090230T230000Z",
            "20090131T240000Z",
            "20090131T230000+2400",
        ] {
            assert_eq!(
                check_timestamp(bad, ISO),
                Err(TimestampProblem::Invalid),
                "{bad}"
            );
        }
        for unknown in [
            "20090131T230000-0000",
            "20090131T230000-00",
            "2009-01-31T23:00:00-00",
        ] {
            assert_eq!(
                check_timestamp(unknown, ISO),
                Err(TimestampProblem::UnknownOffset),
                "{unknown}"
            );
        }
    }

    #[test]
    fn forms_follow_the_syntax_and_the_version() {
        let basic = "20090131T230000-0100";
        let accepts = |syntax, version| {
            check_timestamp(basic, TimestampForms::new(syntax, version, false)).is_ok()
        };
        assert!(accepts(TimestampSyntax::ByVersion, XapiVersion::V1_0_3));
        assert!(!accepts(TimestampSyntax::ByVersion, XapiVersion::V2_0_0));
        assert!(!accepts(TimestampSyntax::Rfc3339, XapiVersion::V1_0_3));
        assert!(!accepts(TimestampSyntax::Rfc3339, XapiVersion::V2_0_0));
        assert!(accepts(TimestampSyntax::Iso8601, XapiVersion::V2_0_0));
        assert!(accepts(TimestampSyntax::Lenient, XapiVersion::V2_0_0));
    }

    #[test]
    fn loose_forms() {
        for good in [
            "20090131T230000-0100",
            "20150513T15Z",
            "2015-05-13T15:16Z",
            "2017-01-01T00:00:00+0100",
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
