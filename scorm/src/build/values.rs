//! XSD simple-type checks shared by the builders (X-07: whitespace collapse before comparing).

use std::borrow::Cow;

/// xs:token whitespace collapse: trim, and turn every run of whitespace into one space.
pub(crate) fn collapse(value: &str) -> Cow<'_, str> {
    // The usual identifier: visible ASCII only, nothing to trim or join.
    if value.bytes().all(|byte| matches!(byte, 0x21..=0x7E)) {
        return Cow::Borrowed(value);
    }
    let trimmed = value.trim_matches(is_xml_space);
    let needs_work = trimmed
        .as_bytes()
        .windows(2)
        .any(|pair| matches!(pair, [b' ', b' ']))
        || trimmed.contains(['\t', '\n', '\r']);
    if !needs_work {
        return Cow::Borrowed(trimmed);
    }
    let mut out = String::with_capacity(trimmed.len());
    for word in trimmed.split(is_xml_space).filter(|word| !word.is_empty()) {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    Cow::Owned(out)
}

/// True when `value` has more than `limit` characters (counted only when its byte length could exceed it).
pub(crate) fn longer_than(value: &str, limit: usize) -> bool {
    value.len() > limit && value.chars().count() > limit
}

fn is_xml_space(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\n' | '\r')
}

/// xs:boolean.
pub(crate) fn boolean(value: &str) -> Option<bool> {
    match value.trim_matches(is_xml_space) {
        "true" | "1" => Some(true),
        "false" | "0" => Some(false),
        _ => None,
    }
}

/// xs:decimal (no exponent), as f64.
pub(crate) fn decimal(value: &str) -> Option<f64> {
    let value = value.trim_matches(is_xml_space);
    let digits = value.strip_prefix(['+', '-']).unwrap_or(value);
    let (int, frac) = digits.split_once('.').unwrap_or((digits, ""));
    let valid = !(int.is_empty() && frac.is_empty())
        && int.bytes().all(|b| b.is_ascii_digit())
        && frac.bytes().all(|b| b.is_ascii_digit());
    if !valid {
        return None;
    }
    value.parse::<f64>().ok()
}

/// xs:nonNegativeInteger (bounded to u64).
pub(crate) fn non_negative_integer(value: &str) -> Option<u64> {
    let value = value.trim_matches(is_xml_space);
    let value = value.strip_prefix('+').unwrap_or(value);
    if value.is_empty() || !value.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    value.parse().ok()
}

/// xs:NCName (letters, digits, `_`, `-`, `.`, not starting with a digit, `-` or `.`).
pub(crate) fn is_ncname(value: &str) -> bool {
    if value.is_ascii() {
        // The same rule restricted to ASCII, without per-character Unicode tests.
        let bytes = value.as_bytes();
        return matches!(bytes.first(), Some(first) if first.is_ascii_alphabetic() || *first == b'_')
            && bytes
                .iter()
                .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b'.'));
    }
    let mut chars = value.chars();
    let Some(first) = chars.next() else {
        return false;
    };
    let name_start = |c: char| c == '_' || c.is_alphabetic();
    name_start(first)
        && chars.all(|c| name_start(c) || c.is_alphanumeric() || matches!(c, '-' | '.' | '\u{B7}'))
}

/// SCORM 1.2 CMITimespan `HHHH:MM:SS.SS` (hours 2 to 4 digits, optional 1 or 2 decimal digits).
pub(crate) fn is_cmi_timespan(value: &str) -> bool {
    let mut parts = value.trim().split(':');
    let (Some(hours), Some(minutes), Some(seconds), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return false;
    };
    let digits = |s: &str, min: usize, max: usize| {
        (min..=max).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit())
    };
    let (whole, frac) = seconds.split_once('.').unwrap_or((seconds, "00"));
    digits(hours, 2, 4) && digits(minutes, 2, 2) && digits(whole, 2, 2) && digits(frac, 1, 2)
}

/// xs:duration (`PnYnMnDTnHnMnS`), structurally.
pub(crate) fn is_duration(value: &str) -> bool {
    let value = value.trim();
    let value = value.strip_prefix('-').unwrap_or(value);
    let Some(rest) = value.strip_prefix('P') else {
        return false;
    };
    let (date, time) = match rest.split_once('T') {
        Some((date, time)) => (date, Some(time)),
        None => (rest, None),
    };
    let fields_ok = |part: &str, designators: &str, allow_fraction_last: bool| -> Option<usize> {
        let mut count = 0;
        let mut number = String::new();
        let mut allowed = designators.chars();
        for c in part.chars() {
            if c.is_ascii_digit() || (allow_fraction_last && c == '.') {
                number.push(c);
                continue;
            }
            if number.is_empty() || !allowed.by_ref().any(|d| d == c) {
                return None;
            }
            if number.contains('.') && c != 'S' {
                return None;
            }
            number.clear();
            count += 1;
        }
        number.is_empty().then_some(count)
    };
    let Some(date_fields) = fields_ok(date, "YMD", false) else {
        return false;
    };
    match time {
        Some(time) => matches!(fields_ok(time, "HMS", true), Some(n) if n > 0),
        None => date_fields > 0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn simple_types() {
        assert_eq!(collapse("  a \t b  "), "a b");
        assert_eq!(boolean(" true "), Some(true));
        assert_eq!(boolean("yes"), None);
        assert_eq!(decimal("0.5"), Some(0.5));
        assert_eq!(decimal(".5"), Some(0.5));
        assert_eq!(decimal("1e3"), None);
        assert_eq!(decimal("0,5"), None);
        assert!(is_ncname("ITEM-1.a"));
        assert!(is_ncname("_x"));
        assert!(is_ncname("é-1"));
        assert!(!is_ncname(""));
        assert!(!is_ncname("a b"));
        assert!(!is_ncname("a:b"));
        assert!(!is_ncname(".a"));
        assert_eq!(collapse("ABC-1"), "ABC-1");
        assert_eq!(collapse("a\u{A0}b"), "a\u{A0}b");
        assert_eq!(collapse("\ta\n\nb "), "a b");
        assert!(!is_ncname("5-Why"));
        assert!(is_cmi_timespan("0000:30:00"));
        assert!(is_cmi_timespan("01:00:00.5"));
        assert!(!is_cmi_timespan("1:00"));
        assert!(is_duration("PT1H30M"));
        assert!(is_duration("P1DT0.5S"));
        assert!(!is_duration("P"));
        assert!(!is_duration("PT"));
        assert!(!is_duration("1H"));
    }
}
