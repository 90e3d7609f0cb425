//! SCORM 2004 numeric and time types (RTE04 §4.1; rules T04-06..T04-18, grammar in Part G2).

use super::{Duration, InvalidValue, Number, value_type};

value_type!(
    /// `real(10,7)`: `["-"] 1*DIGIT ["." 1*DIGIT]`, kept as written (rule T04-06). `NaN`, exponents,
    /// thousands separators and a bare `.5` are refused. Ranges belong to elements, not to the type.
    Real,
    check_real
);
value_type!(
    /// `timeinterval (second,10,2)`: `P[nY][nM][nD][T[nH][nM][n[.f]S]]` (rules T04-15, T04-16).
    TimeInterval,
    check_interval
);
value_type!(
    /// `time (second,10,0)`: `YYYY[-MM[-DD[Thh[:mm[:ss[.s[TZD]]]]]]]`, years 1970-2038 (rules T04-10..T04-13).
    Timestamp,
    check_timestamp
);

pub(crate) fn check_real(value: &str) -> Result<(), InvalidValue> {
    Number::parse(value, false)
        .map(|_| ())
        .ok_or(InvalidValue::mismatch("a real number [-]digits[.digits]"))
}

pub(crate) fn check_interval(value: &str) -> Result<(), InvalidValue> {
    Duration::parse_interval(value)
        .map(|_| ())
        .ok_or(InvalidValue::mismatch("a timeinterval such as PT1H30M5.5S"))
}

pub(crate) fn check_timestamp(value: &str) -> Result<(), InvalidValue> {
    if timestamp_ok(value) {
        Ok(())
    } else {
        Err(InvalidValue::mismatch(
            "a time YYYY[-MM[-DD[Thh[:mm[:ss[.s[TZD]]]]]]] (years 1970-2038)",
        ))
    }
}

/// A cursor over ASCII digits and separators.
struct Cursor<'a> {
    rest: &'a [u8],
}

impl Cursor<'_> {
    fn digits(&mut self, count: usize) -> Option<u32> {
        let (head, tail) = (self.rest.get(..count)?, self.rest.get(count..)?);
        if !head.iter().all(u8::is_ascii_digit) {
            return None;
        }
        self.rest = tail;
        head.iter().try_fold(0u32, |acc, b| {
            acc.checked_mul(10)?.checked_add(u32::from(b - b'0'))
        })
    }

    /// Consumes `separator` when it comes next; `Some(false)` at the end of input, `None` otherwise.
    fn separator(&mut self, separator: u8) -> Option<bool> {
        match self.rest.split_first() {
            None => Some(false),
            Some((first, tail)) if *first == separator => {
                self.rest = tail;
                Some(true)
            }
            Some(_) => None,
        }
    }
}

fn timestamp_ok(value: &str) -> bool {
    parse_timestamp(value, false).is_some()
}

/// The lenient `time`: what scorm-again accepts beyond the spec, years up to 9999 and 1 to 6
/// fraction digits (rule T04-14); stored as sent.
pub(crate) fn check_timestamp_lenient(value: &str) -> Result<(), InvalidValue> {
    parse_timestamp(value, true).ok_or(InvalidValue::mismatch(
        "a time YYYY[-MM[-DD[Thh[:mm[:ss[.s[TZD]]]]]]]",
    ))
}

fn parse_timestamp(value: &str, lenient: bool) -> Option<()> {
    let mut c = Cursor {
        rest: value.as_bytes(),
    };
    let year = c.digits(4)?;
    let last_year = if lenient { 9999 } else { 2038 };
    if !(1970..=last_year).contains(&year) {
        return None;
    }
    if !c.separator(b'-')? {
        return Some(());
    }
    let month = c.digits(2)?;
    if !(1..=12).contains(&month) {
        return None;
    }
    if !c.separator(b'-')? {
        return Some(());
    }
    let day = c.digits(2)?;
    if day < 1 || day > days_in_month(year, month) {
        return None;
    }
    if !c.separator(b'T')? {
        return Some(());
    }
    if c.digits(2)? > 23 {
        return None;
    }
    if !c.separator(b':')? {
        return Some(());
    }
    if c.digits(2)? > 59 {
        return None;
    }
    if !c.separator(b':')? {
        return Some(());
    }
    if c.digits(2)? > 59 {
        return None;
    }
    if !c.separator(b'.')? {
        return Some(());
    }
    c.digits(1)?;
    let more = if lenient { 5 } else { 1 };
    for _ in 0..more {
        if c.rest.first().is_some_and(u8::is_ascii_digit) {
            c.digits(1)?;
        }
    }
    match c.rest.split_first() {
        None => Some(()),
        Some((b'Z', [])) => Some(()),
        Some((b'+' | b'-', tail)) => {
            c.rest = tail;
            if c.digits(2)? > 23 {
                return None;
            }
            if !c.separator(b':')? {
                return Some(());
            }
            if c.digits(2)? > 59 || !c.rest.is_empty() {
                return None;
            }
            Some(())
        }
        Some(_) => None,
    }
}

fn days_in_month(year: u32, month: u32) -> u32 {
    match month {
        2 if year.is_multiple_of(4) && (!year.is_multiple_of(100) || year.is_multiple_of(400)) => {
            29
        }
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timestamps_follow_rule_t04_13() {
        for ok in [
            "2004",
            "2004-04",
            "2004-04-01",
            "2004-04-01T15",
            "2004-04-01T09:45",
            "2004-04-01T09:45:58",
            "2004-04-01T09:45:58.2",
            "2004-04-01T09:45:58.55",
            "2004-04-01T09:45:58.55Z",
            "2004-04-01T09:45:58.55+02",
            "2004-04-01T09:45:58.55-03:00",
            "2004-04-01T09:45:58.55+02:30",
            "2004-02-29",
        ] {
            assert!(Timestamp::parse(ok).is_ok(), "{ok}");
        }
        for bad in [
            "",
            "4",
            "04",
            "22004",
            "2004-4",
            "2004-004",
            "2004-04-1",
            "2004-04-01T9",
            "2004-04-01T015",
            "2004-04-01T09:4",
            "2004-04-01T09:45:8",
            "2004-04-01T09:45:580",
            "2004-04-01T09:45:58.55+2",
            "2004-04-01T09:45:58.55+020",
            "2004-04-01T09:45:58.55+02:3",
            "2004-04-01T09:45:58.55+02:30.20",
            "2004-04-01T09:45:58.55Z+02:30",
            "2004-04-01T09:45:58Z",
            "2004-04-01T09:45+02:30",
            "2004-04-01T15Z",
            "1969",
            "2039",
            "2004-06-30T24",
            "2004-02-30",
            "2003-02-29",
            "2004-",
            "2004-04-01T",
            "2004-04-01T09:45:58.025",
            "2004-04-01T09:45:58.",
            "2004-04-01T09:45:58.55+24",
            "2004-04-01T09:45:58.55+05:60",
        ] {
            assert!(Timestamp::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn lenient_timestamps_follow_rule_t04_14() {
        for ok in [
            "2039",
            "9999-12-31T23:59:59.123456Z",
            "2004-04-01T09:45:58.123",
        ] {
            assert!(check_timestamp_lenient(ok).is_ok(), "{ok}");
            assert!(Timestamp::parse(ok).is_err(), "{ok} strict");
        }
        for bad in ["1969", "2004-04-01T09:45:58.1234567", "2004-02-30"] {
            assert!(check_timestamp_lenient(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn reals_keep_their_text() {
        assert_eq!(
            Real::parse("7.000099999887765544").unwrap().as_str(),
            "7.000099999887765544"
        );
        for bad in ["34,000.00", "invalid", "", "1e3", "NaN", "+1", ".5"] {
            assert!(Real::parse(bad).is_err(), "{bad}");
        }
    }
}
