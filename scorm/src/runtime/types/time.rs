//! SCORM 2004 `timeinterval` values and their sum (rules T04-15..T04-18, ST04-25).
//!
//! Accumulation keeps years, months and days apart and carries only seconds into minutes, minutes into
//! hours and hours into days, as ADL's `DMTimeUtility.add` does (rule T04-18): `PT1M` + `PT01H059M020S`
//! is `PT2H20S`, and `P0Y029DT0H` reads back as `P29D`. Every component saturates instead of
//! overflowing.

/// A duration split into the components of a `timeinterval`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct Duration {
    years: u64,
    months: u64,
    days: u64,
    hours: u64,
    minutes: u64,
    centis: u64,
}

impl Duration {
    /// Reads a `timeinterval (second,10,2)`.
    pub(crate) fn parse_interval(value: &str) -> Option<Self> {
        let rest = value.strip_prefix('P')?;
        let (date, time) = match rest.split_once('T') {
            Some((date, time)) => (date, Some(time)),
            None => (rest, None),
        };
        let mut duration = Self::default();
        let mut any = false;
        let mut text = date;
        for (unit, slot) in [('Y', 0), ('M', 1), ('D', 2)] {
            if let Some((number, tail)) = component(text, unit) {
                let value = digits(number)?;
                match slot {
                    0 => duration.years = value,
                    1 => duration.months = value,
                    _ => duration.days = value,
                }
                text = tail;
                any = true;
            }
        }
        if !text.is_empty() {
            return None;
        }
        if let Some(time) = time {
            let mut text = time;
            let mut any_time = false;
            for unit in ['H', 'M'] {
                if let Some((number, tail)) = component(text, unit) {
                    let value = digits(number)?;
                    if unit == 'H' {
                        duration.hours = value;
                    } else {
                        duration.minutes = value;
                    }
                    text = tail;
                    any_time = true;
                }
            }
            if let Some((number, tail)) = component(text, 'S') {
                duration.centis = seconds(number)?;
                text = tail;
                any_time = true;
            }
            if !text.is_empty() || !any_time {
                return None;
            }
            any = true;
        }
        any.then_some(duration)
    }

    /// Reads the ISO 8601 durations scorm-again lets through that SCORM does not (rule T04-17,
    /// DV-SA-12): weeks (`P1W`), a comma as decimal separator (`PT1,5S`) and fractions on any unit
    /// (`PT1.5M`). A fraction is converted into seconds with ADL's factors (1 Y = 365 d,
    /// 1 M = 2 628 029 s) and kept to the hundredth. The lenient profile stores the result rendered.
    pub(crate) fn parse_interval_lenient(value: &str) -> Option<Self> {
        let text = value.replace(',', ".");
        if let Some(duration) = Self::parse_interval(&text) {
            return Some(duration);
        }
        let mut rest = text.strip_prefix('P')?;
        let mut duration = Self::default();
        let mut in_time = false;
        let mut seen = Vec::new();
        while !rest.is_empty() {
            if let Some(tail) = rest.strip_prefix('T') {
                if in_time {
                    return None;
                }
                in_time = true;
                rest = tail;
                continue;
            }
            let end = rest.find(|c: char| !(c.is_ascii_digit() || c == '.'))?;
            let (number, tail) = rest.split_at(end);
            let unit = tail.chars().next()?;
            rest = tail.get(unit.len_utf8()..)?;
            let key = (in_time, unit);
            if seen.contains(&key) {
                return None;
            }
            seen.push(key);
            let seconds: u64 = match (in_time, unit) {
                (false, 'Y') => 31_536_000,
                (false, 'M') => 2_628_029,
                (false, 'W') => 604_800,
                (false, 'D') => 86_400,
                (true, 'H') => 3600,
                (true, 'M') => 60,
                (true, 'S') => 1,
                _ => return None,
            };
            let (whole, fraction) = match number.split_once('.') {
                Some((whole, fraction)) => (whole, fraction),
                None => (number, ""),
            };
            if whole.is_empty() && fraction.is_empty() {
                return None;
            }
            let whole = if whole.is_empty() { 0 } else { digits(whole)? };
            match (in_time, unit) {
                (false, 'Y') => duration.years = duration.years.saturating_add(whole),
                (false, 'M') => duration.months = duration.months.saturating_add(whole),
                (false, 'W') => {
                    duration.days = duration.days.saturating_add(whole.saturating_mul(7))
                }
                (false, _) => duration.days = duration.days.saturating_add(whole),
                (true, 'H') => duration.hours = duration.hours.saturating_add(whole),
                (true, 'M') => duration.minutes = duration.minutes.saturating_add(whole),
                _ => duration.centis = duration.centis.saturating_add(whole.saturating_mul(100)),
            }
            if !fraction.is_empty() {
                if !fraction.bytes().all(|b| b.is_ascii_digit()) {
                    return None;
                }
                let kept = fraction.get(..fraction.len().min(9)).unwrap_or("");
                let numerator = u128::from(digits(kept)?);
                let scale = 10u128.pow(u32::try_from(kept.len()).ok()?);
                let centis = numerator * u128::from(seconds) * 100 / scale;
                duration.centis = duration
                    .centis
                    .saturating_add(u64::try_from(centis).unwrap_or(u64::MAX));
            }
        }
        let time_part_filled = !in_time || seen.iter().any(|(t, _)| *t);
        (!seen.is_empty() && time_part_filled).then_some(duration)
    }

    /// `self + other`, carrying seconds → minutes → hours → days.
    pub(crate) fn add(self, other: Self) -> Self {
        let centis = self.centis.saturating_add(other.centis);
        let minutes = self
            .minutes
            .saturating_add(other.minutes)
            .saturating_add(centis / 6000);
        let hours = self
            .hours
            .saturating_add(other.hours)
            .saturating_add(minutes / 60);
        Self {
            years: self.years.saturating_add(other.years),
            months: self.months.saturating_add(other.months),
            days: self
                .days
                .saturating_add(other.days)
                .saturating_add(hours / 24),
            hours: hours % 24,
            minutes: minutes % 60,
            centis: centis % 6000,
        }
    }

    /// Normalizes (carries) the components, then renders without zero components; `PT0H0M0S` for zero.
    pub(crate) fn render(self) -> String {
        let d = Self::default().add(self);
        if d == Self::default() {
            return "PT0H0M0S".to_owned();
        }
        let mut out = String::from("P");
        for (value, unit) in [(d.years, 'Y'), (d.months, 'M'), (d.days, 'D')] {
            if value > 0 {
                out.push_str(&format!("{value}{unit}"));
            }
        }
        if d.hours > 0 || d.minutes > 0 || d.centis > 0 {
            out.push('T');
            if d.hours > 0 {
                out.push_str(&format!("{}H", d.hours));
            }
            if d.minutes > 0 {
                out.push_str(&format!("{}M", d.minutes));
            }
            if d.centis > 0 {
                let (s, cs) = (d.centis / 100, d.centis % 100);
                if cs == 0 {
                    out.push_str(&format!("{s}S"));
                } else if cs % 10 == 0 {
                    out.push_str(&format!("{s}.{}S", cs / 10));
                } else {
                    out.push_str(&format!("{s}.{cs:02}S"));
                }
            }
        }
        out
    }

    /// Total centiseconds (years as 365 days, months as 2 628 029 s as ADL converts them), saturating.
    #[cfg(test)]
    pub(crate) fn total_centis(self) -> u64 {
        let secs = self
            .years
            .saturating_mul(31_536_000)
            .saturating_add(self.months.saturating_mul(2_628_029))
            .saturating_add(self.days.saturating_mul(86_400))
            .saturating_add(self.hours.saturating_mul(3600))
            .saturating_add(self.minutes.saturating_mul(60));
        secs.saturating_mul(100).saturating_add(self.centis)
    }
}

/// Splits `12Y…` into (`12`, `…`) when the text starts with digits (and a fraction for seconds)
/// followed by `unit`.
fn component(text: &str, unit: char) -> Option<(&str, &str)> {
    let end = text.find(|c: char| !(c.is_ascii_digit() || c == '.'))?;
    let (number, rest) = text.split_at(end);
    let tail = rest.strip_prefix(unit)?;
    (!number.is_empty()).then_some((number, tail))
}

fn digits(text: &str) -> Option<u64> {
    if text.is_empty() || !text.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    // Leading zeros are allowed; a value too large for u64 saturates rather than being refused.
    Some(text.parse().unwrap_or(u64::MAX))
}

fn seconds(text: &str) -> Option<u64> {
    let (whole, fraction) = match text.split_once('.') {
        Some((whole, fraction)) => (whole, Some(fraction)),
        None => (text, None),
    };
    let whole = digits(whole)?;
    let centis = match fraction {
        None => 0,
        Some(f) if (1..=2).contains(&f.len()) => {
            let value = digits(f)?;
            if f.len() == 1 { value * 10 } else { value }
        }
        Some(_) => return None,
    };
    Some(whole.saturating_mul(100).saturating_add(centis))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(s: &str) -> Duration {
        Duration::parse_interval(s).unwrap()
    }

    #[test]
    fn intervals_follow_rule_t04_16() {
        for ok in [
            "P1Y6M14DT4H15M6.34S",
            "P6M14DT4H15M6.34S",
            "P1YT4H15M6.34S",
            "P1Y6M14D",
            "PT6.34S",
            "PT15M",
            "PT4H",
            "P1Y",
            "P6M",
            "P14D",
            "P0Y029DT0H",
            "PT01H059M020S",
            "PT0H0M0S",
            "P01Y6M14DT4H15M6.34S",
        ] {
            assert!(Duration::parse_interval(ok).is_some(), "{ok}");
        }
        for bad in [
            "1Y6M14DT4H15M6.34S",
            "P1Y6M14D4H15M6.34S",
            "P1Y6M14DT",
            "P",
            "PT",
            "-PT1M",
            "PT1.5M",
            "PT1.123S",
            "P1W",
            "PT1,5S",
            "PT1S1S",
            "P1M1Y",
            "",
        ] {
            assert!(Duration::parse_interval(bad).is_none(), "{bad}");
        }
    }

    #[test]
    fn lenient_intervals_are_converted() {
        let lenient = |s| Duration::parse_interval_lenient(s).map(Duration::render);
        assert_eq!(lenient("P1W").as_deref(), Some("P7D"));
        assert_eq!(lenient("PT1,5S").as_deref(), Some("PT1.5S"));
        assert_eq!(lenient("PT1.5M").as_deref(), Some("PT1M30S"));
        assert_eq!(lenient("PT0.5H").as_deref(), Some("PT30M"));
        assert_eq!(lenient("PT1.123S").as_deref(), Some("PT1.12S"));
        assert_eq!(lenient("PT1M").as_deref(), Some("PT1M"));
        for bad in ["P", "PT", "1W", "PT1X", "P1S", "PT1M1M", "P.Y", "PTT1S"] {
            assert_eq!(lenient(bad), None, "{bad}");
        }
    }

    #[test]
    fn sums_carry_like_adl() {
        assert_eq!(
            parse("PT1M").add(parse("PT01H059M020S")).render(),
            "PT2H20S"
        );
        assert_eq!(parse("P0Y029DT0H").render(), "P29D");
        assert_eq!(
            parse("PT2H20S").add(parse("PT0H05M49S")).render(),
            "PT2H6M9S"
        );
        assert_eq!(parse("PT0H0M0S").render(), "PT0H0M0S");
        assert_eq!(parse("PT23H59M60S").render(), "P1D");
        assert_eq!(parse("PT0.5S").render(), "PT0.5S");
        assert_eq!(parse("PT1M").total_centis(), parse("PT60S").total_centis());
    }
}
