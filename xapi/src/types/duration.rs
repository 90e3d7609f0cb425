//! ISO 8601:2004 §4.4.3.2 durations (`PnYnMnDTnHnMnS`, `PnW`). The alternative format of §4.4.3.3
//! (`P0003-06-04T12:30:05`) is refused, as xAPI requires. Linear time, no backtracking.

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// The designators of a duration, as numbers (fractions allowed on the last one only).
#[derive(Clone, Copy, Debug, Default, PartialEq)]
#[non_exhaustive]
pub struct DurationComponents {
    /// `nY`.
    pub years: f64,
    /// `nM` before `T`.
    pub months: f64,
    /// `nW`.
    pub weeks: f64,
    /// `nD`.
    pub days: f64,
    /// `nH`.
    pub hours: f64,
    /// `nM` after `T`.
    pub minutes: f64,
    /// `nS`.
    pub seconds: f64,
}

/// Parses `text`; `None` when it is not a §4.4.3.2 duration.
pub(crate) fn parse_duration(text: &str) -> Option<DurationComponents> {
    let rest = text.strip_prefix('P')?;
    let mut parts = DurationComponents::default();
    if rest.is_empty() {
        return None;
    }
    if let Some(weeks) = rest.strip_suffix('W') {
        parts.weeks = number(weeks, true)?;
        return Some(parts);
    }
    let (date, time) = match rest.split_once('T') {
        Some((date, time)) => {
            if time.is_empty() {
                return None;
            }
            (date, Some(time))
        }
        None => (rest, None),
    };
    let mut fraction_seen = false;
    let date_slots: [(u8, &mut f64); 3] = [
        (b'Y', &mut parts.years),
        (b'M', &mut parts.months),
        (b'D', &mut parts.days),
    ];
    designators(date, date_slots, &mut fraction_seen)?;
    if let Some(time) = time {
        let mut time_parts = (0.0, 0.0, 0.0);
        let time_slots: [(u8, &mut f64); 3] = [
            (b'H', &mut time_parts.0),
            (b'M', &mut time_parts.1),
            (b'S', &mut time_parts.2),
        ];
        designators(time, time_slots, &mut fraction_seen)?;
        (parts.hours, parts.minutes, parts.seconds) = time_parts;
    }
    Some(parts)
}

/// Reads `nX` groups in the order of `slots`, each at most once; a fraction only on the last group.
fn designators(text: &str, mut slots: [(u8, &mut f64); 3], fraction_seen: &mut bool) -> Option<()> {
    let bytes = text.as_bytes();
    let mut start = 0usize;
    let mut next_slot = 0usize;
    for (at, byte) in bytes.iter().enumerate() {
        if byte.is_ascii_digit() || *byte == b'.' || *byte == b',' {
            continue;
        }
        if *fraction_seen {
            return None;
        }
        let number_text = text.get(start..at)?;
        let position = slots
            .iter()
            .skip(next_slot)
            .position(|(designator, _)| designator == byte)?;
        let slot = next_slot.checked_add(position)?;
        let value = number(number_text, true)?;
        *fraction_seen = number_text.contains(['.', ',']);
        if let Some((_, target)) = slots.get_mut(slot) {
            **target = value;
        }
        next_slot = slot.checked_add(1)?;
        start = at.checked_add(1)?;
    }
    (start == bytes.len()).then_some(())
}

/// `digits [("." | ",") digits]`.
fn number(text: &str, allow_fraction: bool) -> Option<f64> {
    let (whole, fraction) = match text.find(['.', ',']) {
        Some(at) => (text.get(..at)?, Some(text.get(at.checked_add(1)?..)?)),
        None => (text, None),
    };
    if whole.is_empty() || !whole.bytes().all(|byte| byte.is_ascii_digit()) {
        return None;
    }
    if let Some(fraction) = fraction {
        if !allow_fraction
            || fraction.is_empty()
            || !fraction.bytes().all(|byte| byte.is_ascii_digit())
        {
            return None;
        }
        return format!("{whole}.{fraction}").parse().ok();
    }
    whole.parse().ok()
}

/// True when `text` is a §4.4.3.2 duration.
pub(crate) fn check_duration(text: &str) -> bool {
    parse_duration(text).is_some()
}

/// An ISO 8601 duration (`result.duration`), kept as received.
///
/// ```
/// use learnwire_xapi::types::Duration;
/// let duration = Duration::parse("PT1H30M5.25S").unwrap();
/// assert_eq!(duration.components().minutes, 30.0);
/// assert!(Duration::parse("P0003-06-04T12:30:05").is_err());
/// assert!(Duration::parse("P1Y2X").is_err());
/// ```
#[derive(Clone, Debug, PartialEq)]
pub struct Duration {
    text: String,
    components: DurationComponents,
}

/// The text is not an ISO 8601 §4.4.3.2 duration.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{}: not an ISO 8601 duration", self.code())]
#[non_exhaustive]
pub struct InvalidDuration;

impl InvalidDuration {
    /// The code of the rule the value breaks (`Duration`).
    pub fn code(&self) -> learnwire_report::Code {
        crate::Rule::Duration.code()
    }
}

impl Duration {
    /// Parses a duration.
    ///
    /// # Errors
    /// [`InvalidDuration`] when `text` is not a §4.4.3.2 duration.
    pub fn parse(text: impl Into<String>) -> Result<Self, InvalidDuration> {
        let text = text.into();
        let components = parse_duration(&text).ok_or(InvalidDuration)?;
        Ok(Self { text, components })
    }

    /// The text as received.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// The designators as numbers.
    pub fn components(&self) -> DurationComponents {
        self.components
    }

    /// Hours, minutes, seconds and weeks/days folded into seconds, truncated (never rounded) to
    /// hundredths as xAPI 2.0 compares durations; `None` when years or months are present (their
    /// length in seconds is not fixed).
    pub fn to_hundredths(&self) -> Option<u128> {
        let parts = self.components;
        if parts.years != 0.0 || parts.months != 0.0 {
            return None;
        }
        let seconds = parts.weeks * 604_800.0
            + parts.days * 86_400.0
            + parts.hours * 3_600.0
            + parts.minutes * 60.0
            + parts.seconds;
        let hundredths = (seconds * 100.0 + 1e-6).floor();
        (hundredths.is_finite() && hundredths >= 0.0).then_some(hundredths as u128)
    }
}

impl Serialize for Duration {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.text)
    }
}

impl<'de> Deserialize<'de> for Duration {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        Self::parse(text).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_the_basic_format() {
        for good in [
            "P1Y",
            "P1Y2M3DT4H5M6S",
            "PT16559.14S",
            "P3W",
            "PT1.5H",
            "P0D",
            "PT0S",
            "P1DT12H",
            "PT1,5S",
            "P1.5Y",
            "PT36H",
            "P4Y2M",
            "PT0.001S",
        ] {
            assert!(check_duration(good), "{good}");
        }
    }

    #[test]
    fn refuses_everything_else() {
        for bad in [
            "",
            "P",
            "PT",
            "P1",
            "1Y",
            "-PT5S",
            "P1Y2X",
            "P0003-06-04T12:30:05",
            "P1S",
            "PT1D",
            "P1M1Y",
            "P1.5Y2M",
            "PT1.5H2M",
            "P1W2D",
            "P.5S",
            "PT5.S",
            "P1YT",
            "pt5s",
            "P1Y1Y",
            "PT1H1H",
            "P1DT",
            "P T5S",
            "PT5S ",
            "P1,W",
        ] {
            assert!(!check_duration(bad), "{bad}");
        }
    }

    #[test]
    fn hundredths_truncate() {
        let duration = Duration::parse("PT1.999S").unwrap();
        assert_eq!(duration.to_hundredths(), Some(199));
        assert_eq!(
            Duration::parse("PT2M").unwrap().to_hundredths(),
            Some(12_000)
        );
        assert_eq!(Duration::parse("P1Y").unwrap().to_hundredths(), None);
    }
}
