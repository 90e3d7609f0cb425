//! The small value types that a course structure declares for each AU and that the LMS side reads at
//! launch and when judging statements: [`MoveOn`], [`LaunchMethod`] and [`MasteryScore`].

use std::fmt;

/// When an AU counts as satisfied (cmi5 §13.1.4 `moveOn`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[non_exhaustive]
pub enum MoveOn {
    /// `Passed`: a passed statement.
    Passed,
    /// `Completed`: a completed statement.
    Completed,
    /// `CompletedAndPassed`: both.
    CompletedAndPassed,
    /// `CompletedOrPassed`: either.
    CompletedOrPassed,
    /// `NotApplicable` (the default): satisfied without launching it.
    #[default]
    NotApplicable,
}

impl MoveOn {
    /// Every value, in the spec's order.
    pub const ALL: [MoveOn; 5] = [
        MoveOn::Passed,
        MoveOn::Completed,
        MoveOn::CompletedAndPassed,
        MoveOn::CompletedOrPassed,
        MoveOn::NotApplicable,
    ];

    /// The token as `cmi5.xml` and the LMS.LaunchData document spell it.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            MoveOn::Passed => "Passed",
            MoveOn::Completed => "Completed",
            MoveOn::CompletedAndPassed => "CompletedAndPassed",
            MoveOn::CompletedOrPassed => "CompletedOrPassed",
            MoveOn::NotApplicable => "NotApplicable",
        }
    }

    /// Reads the exact token (case-sensitive, no surrounding space); `None` for anything else.
    ///
    /// ```
    /// use learnwire_cmi5::MoveOn;
    /// assert_eq!(MoveOn::parse("CompletedOrPassed"), Some(MoveOn::CompletedOrPassed));
    /// assert_eq!(MoveOn::parse("passed"), None);
    /// ```
    #[must_use]
    pub fn parse(token: &str) -> Option<MoveOn> {
        MoveOn::ALL
            .into_iter()
            .find(|value| value.as_str() == token)
    }
}

impl fmt::Display for MoveOn {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// How the LMS opens an AU (cmi5 §13.1.4 `launchMethod`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[non_exhaustive]
pub enum LaunchMethod {
    /// `AnyWindow` (the default): the LMS chooses.
    #[default]
    AnyWindow,
    /// `OwnWindow`: a new window or tab, never a frame of the LMS.
    OwnWindow,
}

impl LaunchMethod {
    /// The token as `cmi5.xml` spells it.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            LaunchMethod::AnyWindow => "AnyWindow",
            LaunchMethod::OwnWindow => "OwnWindow",
        }
    }

    /// Reads the exact token; `None` for anything else.
    ///
    /// ```
    /// use learnwire_cmi5::LaunchMethod;
    /// assert_eq!(LaunchMethod::parse("OwnWindow"), Some(LaunchMethod::OwnWindow));
    /// assert_eq!(LaunchMethod::parse("ownwindow"), None);
    /// ```
    #[must_use]
    pub fn parse(token: &str) -> Option<LaunchMethod> {
        [LaunchMethod::AnyWindow, LaunchMethod::OwnWindow]
            .into_iter()
            .find(|value| value.as_str() == token)
    }
}

impl fmt::Display for LaunchMethod {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// An AU's `masteryScore`: a decimal from 0 to 1 inclusive with at most four decimal places (cmi5
/// §13.1.4), held exactly as ten-thousandths so that comparing a scaled score against it never
/// depends on binary rounding of the declared value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct MasteryScore(u16);

/// Why a `masteryScore` text was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum MasteryScoreError {
    /// Not an `xs:decimal` (digits with at most one `.`, an optional sign; no exponent, no space).
    NotDecimal,
    /// Below 0 or above 1.
    OutOfRange,
    /// More than four significant decimal places (trailing zeros do not count).
    TooPrecise,
}

impl fmt::Display for MasteryScoreError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            MasteryScoreError::NotDecimal => "not a decimal number",
            MasteryScoreError::OutOfRange => "outside 0 to 1",
            MasteryScoreError::TooPrecise => "more than four decimal places",
        })
    }
}

impl std::error::Error for MasteryScoreError {}

impl MasteryScore {
    /// The largest score, 1.
    pub const MAX: MasteryScore = MasteryScore(10_000);

    /// Reads an `xs:decimal` lexical form (`0.8`, `.75`, `1.0000`, `+0.5`) exactly.
    ///
    /// ```
    /// use learnwire_cmi5::{MasteryScore, MasteryScoreError};
    /// assert_eq!(MasteryScore::parse("0.8")?.ten_thousandths(), 8_000);
    /// assert_eq!(MasteryScore::parse("1.00000")?, MasteryScore::MAX);
    /// assert_eq!(MasteryScore::parse("0.12345"), Err(MasteryScoreError::TooPrecise));
    /// assert_eq!(MasteryScore::parse("1.01"), Err(MasteryScoreError::OutOfRange));
    /// assert_eq!(MasteryScore::parse("8e-1"), Err(MasteryScoreError::NotDecimal));
    /// # Ok::<(), MasteryScoreError>(())
    /// ```
    ///
    /// # Errors
    /// [`MasteryScoreError`] says why the text is not a mastery score.
    pub fn parse(text: &str) -> Result<MasteryScore, MasteryScoreError> {
        let (negative, unsigned) = match text.as_bytes().first() {
            Some(b'-') => (true, text.get(1..).unwrap_or("")),
            Some(b'+') => (false, text.get(1..).unwrap_or("")),
            _ => (false, text),
        };
        let (whole, fraction) = unsigned.split_once('.').unwrap_or((unsigned, ""));
        let all_digits = |part: &str| part.bytes().all(|byte| byte.is_ascii_digit());
        if (whole.is_empty() && fraction.is_empty())
            || !all_digits(whole)
            || !all_digits(fraction)
            || (unsigned.ends_with('.') && whole.is_empty())
        {
            return Err(MasteryScoreError::NotDecimal);
        }
        let fraction = fraction.trim_end_matches('0');
        if fraction.len() > 4 {
            return Err(MasteryScoreError::TooPrecise);
        }
        let whole = whole.trim_start_matches('0');
        let is_zero = whole.is_empty() && fraction.is_empty();
        if negative && !is_zero {
            return Err(MasteryScoreError::OutOfRange);
        }
        let units: u16 = match whole {
            "" => 0,
            "1" => 1,
            _ => return Err(MasteryScoreError::OutOfRange),
        };
        let mut ten_thousandths: u16 = 0;
        for (place, byte) in fraction
            .bytes()
            .chain(std::iter::repeat(b'0'))
            .take(4)
            .enumerate()
        {
            let digit = u16::from(byte - b'0');
            ten_thousandths += digit * [1000, 100, 10, 1].get(place).copied().unwrap_or(0);
        }
        if units == 1 && ten_thousandths > 0 {
            return Err(MasteryScoreError::OutOfRange);
        }
        Ok(MasteryScore(units * 10_000 + ten_thousandths))
    }

    /// Builds a score from ten-thousandths (`8000` is 0.8); `None` above 10 000.
    #[must_use]
    pub fn from_ten_thousandths(value: u16) -> Option<MasteryScore> {
        (value <= 10_000).then_some(MasteryScore(value))
    }

    /// The score in ten-thousandths (0 to 10 000).
    #[must_use]
    pub fn ten_thousandths(self) -> u16 {
        self.0
    }

    /// The score as a float, for comparison with an xAPI `score.scaled`.
    #[must_use]
    pub fn as_f64(self) -> f64 {
        f64::from(self.0) / 10_000.0
    }

    /// True when `scaled` (an xAPI `result.score.scaled`) reaches this score. Compared exactly: the
    /// score is scaled by 10 000 on the statement's side, so `0.8` reaches `0.8`.
    #[must_use]
    pub fn is_reached_by(self, scaled: f64) -> bool {
        scaled * 10_000.0 >= f64::from(self.0)
    }
}

impl fmt::Display for MasteryScore {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let units = self.0 / 10_000;
        let fraction = self.0 % 10_000;
        if fraction == 0 {
            return write!(f, "{units}");
        }
        let digits = format!("{fraction:04}");
        write!(f, "{units}.{}", digits.trim_end_matches('0'))
    }
}

impl serde::Serialize for MasteryScore {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_f64(self.as_f64())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mastery_score_reads_the_decimal_forms_exactly() {
        assert_eq!(
            MasteryScore::parse(".75").map(MasteryScore::ten_thousandths),
            Ok(7_500)
        );
        assert_eq!(
            MasteryScore::parse("0").map(MasteryScore::ten_thousandths),
            Ok(0)
        );
        assert_eq!(
            MasteryScore::parse("-0.0").map(MasteryScore::ten_thousandths),
            Ok(0)
        );
        assert_eq!(
            MasteryScore::parse("0.0001").map(MasteryScore::ten_thousandths),
            Ok(1)
        );
        assert_eq!(MasteryScore::parse("1."), Ok(MasteryScore::MAX));
        assert_eq!(
            MasteryScore::parse("-0.1"),
            Err(MasteryScoreError::OutOfRange)
        );
        assert_eq!(MasteryScore::parse("2"), Err(MasteryScoreError::OutOfRange));
        for bad in ["", ".", " 0.5", "0.5 ", "0,5", "NaN", "0x1", "1.2.3"] {
            assert_eq!(
                MasteryScore::parse(bad),
                Err(MasteryScoreError::NotDecimal),
                "{bad:?}"
            );
        }
    }

    #[test]
    fn mastery_score_is_reached_at_equality() {
        let score = MasteryScore::parse("0.8").unwrap_or(MasteryScore::MAX);
        assert!(score.is_reached_by(0.8));
        assert!(!score.is_reached_by(0.7999));
        assert_eq!(score.to_string(), "0.8");
        assert_eq!(MasteryScore::MAX.to_string(), "1");
    }
}
