//! Safe quoting of attacker-controlled text in messages.

/// The longest quoted text, in characters, before it is cut with `…`.
const MAX_QUOTED_CHARS: usize = 128;

/// Quotes untrusted text for a message: wrapped in double quotes, control characters and quotes escaped,
/// cut to 128 characters.
///
/// Every validator passes values it read from the input through this before putting them in a message,
/// so a report can be printed to a terminal or a log safely.
///
/// # Example
///
/// ```
/// use learnwire_report::quote;
///
/// assert_eq!(quote("a\u{1b}[31mb"), r#""a\u{1b}[31mb""#);
/// assert_eq!(quote(&"x".repeat(500)).chars().count(), 128 + 3);
/// ```
pub fn quote(text: &str) -> String {
    let mut out = String::with_capacity(text.len().min(MAX_QUOTED_CHARS * 2) + 2);
    out.push('"');
    for (count, ch) in text.chars().enumerate() {
        if count == MAX_QUOTED_CHARS {
            out.push('…');
            break;
        }
        match ch {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c.is_control() => out.extend(c.escape_unicode()),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}
