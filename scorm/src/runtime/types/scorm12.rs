//! SCORM 1.2 data types (RTE12 §3.4.5; rules T12-01..T12-08, grammar in Part G1).

use super::{InvalidValue, Number, chars_over, value_type, within};

value_type!(
    /// `CMIString255`: any text of at most 255 characters (rule T12-01: Unicode accepted).
    CmiString255,
    check_string255
);
value_type!(
    /// `CMIString4096`: any text of at most 4096 characters.
    CmiString4096,
    check_string4096
);
value_type!(
    /// `CMIIdentifier`: 1 to 255 printable ASCII characters without white space (rule T12-04, strict
    /// reading).
    CmiIdentifier,
    check_identifier
);
value_type!(
    /// `CMIDecimal`: `["-"] 1*DIGIT ["." 1*DIGIT]` (rule T12-02).
    CmiDecimal,
    check_decimal
);
value_type!(
    /// `CMIInteger`: digits, value 0..=65536 (rule T12-03).
    CmiInteger,
    check_integer
);
value_type!(
    /// `CMISInteger`: optional sign and digits, value -32768..=32768 (rule T12-03).
    CmiSInteger,
    check_sinteger
);
value_type!(
    /// `CMITime`: `HH:MM:SS[.S[S]]`, a time of day (rule T12-05).
    CmiTime,
    check_time
);
value_type!(
    /// `CMITimespan`: `HHHH:MM:SS[.S[S]]` with 2 to 4 hour digits (rule T12-06).
    CmiTimespan,
    check_timespan
);

pub(crate) fn check_string255(value: &str) -> Result<(), InvalidValue> {
    if chars_over(value, 255) {
        return Err(InvalidValue::mismatch(
            "a CMIString255 (at most 255 characters)",
        ));
    }
    Ok(())
}

pub(crate) fn check_string4096(value: &str) -> Result<(), InvalidValue> {
    if chars_over(value, 4096) {
        return Err(InvalidValue::mismatch(
            "a CMIString4096 (at most 4096 characters)",
        ));
    }
    Ok(())
}

pub(crate) fn check_identifier(value: &str) -> Result<(), InvalidValue> {
    if value.is_empty() || value.len() > 255 || !value.bytes().all(|b| (0x21..=0x7e).contains(&b)) {
        return Err(InvalidValue::mismatch(
            "a CMIIdentifier (1 to 255 printable ASCII characters, no white space)",
        ));
    }
    Ok(())
}

/// The lenient CMIIdentifier (rule T12-04): non-empty, at most `max` characters, no control characters.
pub(crate) fn check_identifier_lenient(value: &str, max: usize) -> Result<(), InvalidValue> {
    if value.is_empty() || chars_over(value, max) || value.chars().any(char::is_control) {
        return Err(InvalidValue::mismatch(
            "a CMIIdentifier (non-empty, no control characters)",
        ));
    }
    Ok(())
}

pub(crate) fn check_decimal(value: &str) -> Result<(), InvalidValue> {
    Number::parse(value, false)
        .map(|_| ())
        .ok_or(InvalidValue::mismatch("a CMIDecimal"))
}

pub(crate) fn check_integer(value: &str) -> Result<(), InvalidValue> {
    let number = Number::parse(value, false)
        .filter(|n| n.is_integer() && !value.contains(['.', '-']))
        .ok_or(InvalidValue::mismatch("a CMIInteger"))?;
    if within(&number, Some(0), Some(65536)) {
        Ok(())
    } else {
        Err(InvalidValue::range("a CMIInteger 0..65536"))
    }
}

pub(crate) fn check_sinteger(value: &str) -> Result<(), InvalidValue> {
    sinteger_in(value, -32768, 32768)
}

/// A CMISInteger within `min..=max` (ranges of `cmi.student_preference.*`).
pub(crate) fn sinteger_in(value: &str, min: i64, max: i64) -> Result<(), InvalidValue> {
    let number = Number::parse(value, true)
        .filter(|_| !value.contains('.'))
        .ok_or(InvalidValue::mismatch("a CMISInteger"))?;
    if within(&number, Some(min), Some(max)) {
        Ok(())
    } else {
        Err(InvalidValue::range(
            "a CMISInteger within the element's range",
        ))
    }
}

/// Reads `H…:MM:SS[.S[S]]` with `hours` digits allowed; returns centiseconds.
pub(crate) fn clock_centis(value: &str, hours: std::ops::RangeInclusive<usize>) -> Option<u64> {
    let (clock, fraction) = match value.split_once('.') {
        Some((clock, fraction)) => (clock, Some(fraction)),
        None => (value, None),
    };
    let mut parts = clock.split(':');
    let (h, m, s) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() || !hours.contains(&h.len()) || m.len() != 2 || s.len() != 2 {
        return None;
    }
    let digits = |t: &str| -> Option<u64> {
        if t.bytes().all(|b| b.is_ascii_digit()) {
            t.parse().ok()
        } else {
            None
        }
    };
    let (h, m, s) = (digits(h)?, digits(m)?, digits(s)?);
    if m > 59 || s > 59 {
        return None;
    }
    let centis = match fraction {
        None => 0,
        Some(f) if (1..=2).contains(&f.len()) => {
            let value = digits(f)?;
            if f.len() == 1 { value * 10 } else { value }
        }
        Some(_) => return None,
    };
    Some(((h * 60 + m) * 60 + s) * 100 + centis)
}

pub(crate) fn check_time(value: &str) -> Result<(), InvalidValue> {
    match clock_centis(value, 2..=2) {
        Some(centis) if centis < 24 * 3600 * 100 => Ok(()),
        _ => Err(InvalidValue::mismatch(
            "a CMITime HH:MM:SS.SS (hours 00-23)",
        )),
    }
}

pub(crate) fn check_timespan(value: &str) -> Result<(), InvalidValue> {
    clock_centis(value, 2..=4)
        .map(|_| ())
        .ok_or(InvalidValue::mismatch("a CMITimespan HHHH:MM:SS.SS"))
}

/// Renders centiseconds as a CMITimespan with at least 4 hour digits (`0000:01:00.00`); hours above
/// 9999 are written in full unless `saturate` is set (rule T12-07).
pub(crate) fn render_timespan(centis: u64, saturate: bool) -> String {
    let max = ((9999 * 60 + 59) * 60 + 59) * 100 + 99;
    let centis = if saturate { centis.min(max) } else { centis };
    let (cs, secs) = (centis % 100, centis / 100);
    format!(
        "{:04}:{:02}:{:02}.{:02}",
        secs / 3600,
        (secs / 60) % 60,
        secs % 60,
        cs
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cmi_time_accepts_and_rejects_the_rule_t12_05_examples() {
        for ok in ["12:33:35.5", "00:00:00", "23:59:59.99"] {
            assert!(CmiTime::parse(ok).is_ok(), "{ok}");
        }
        for bad in [
            "24:00:00",
            "9:00:00",
            "12:60:00",
            "12:00:00.123",
            "12:00",
            "",
        ] {
            assert!(CmiTime::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn cmi_timespan_accepts_and_rejects_the_rule_t12_06_examples() {
        for ok in ["00:29:00", "1234:44:30", "0000:00:00.00", "00:01:00.5"] {
            assert!(CmiTimespan::parse(ok).is_ok(), "{ok}");
        }
        for bad in ["1:00:00", "12345:00:00", "00:75:00", "00:00:00.125", "PT1M"] {
            assert!(CmiTimespan::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn integers_check_their_ranges() {
        assert!(CmiInteger::parse("65536").is_ok());
        assert_eq!(
            CmiInteger::parse("65537").unwrap_err().kind,
            super::super::InvalidKind::OutOfRange
        );
        assert!(CmiInteger::parse("-1").is_err());
        assert!(CmiSInteger::parse("+32768").is_ok());
        assert!(CmiSInteger::parse("-32769").is_err());
        assert!(CmiSInteger::parse("1.5").is_err());
    }

    #[test]
    fn identifiers_and_strings_count_characters() {
        assert!(CmiIdentifier::parse("obj-1").is_ok());
        assert!(CmiIdentifier::parse("a b").is_err());
        assert!(CmiIdentifier::parse("").is_err());
        assert!(CmiString255::parse(&"é".repeat(255)).is_ok());
        assert!(CmiString255::parse(&"é".repeat(256)).is_err());
        assert!(CmiString4096::parse(&"x".repeat(4096)).is_ok());
        assert!(CmiDecimal::parse("-2.2").is_ok() && CmiDecimal::parse(".5").is_err());
    }

    #[test]
    fn timespans_render_with_four_hour_digits() {
        assert_eq!(render_timespan(6000, true), "0000:01:00.00");
        assert_eq!(render_timespan(10_000 * 3600 * 100, true), "9999:59:59.99");
        assert_eq!(
            render_timespan(10_000 * 3600 * 100, false),
            "10000:00:00.00"
        );
    }
}
