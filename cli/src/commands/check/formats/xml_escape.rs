//! Escaping of package text for XML 1.0 (JUnit) and HTML: `&`, `<`, `>`, `"` and `'` become
//! character references, and the characters XML 1.0 does not allow (C0 controls other than tab, line
//! feed and carriage return; U+FFFE and U+FFFF) become U+FFFD, so a hostile title or file name
//! can neither close an element or attribute nor make the document ill-formed.

use std::fmt::Write as _;

/// Escaped for element content (tab, line feed and carriage return kept).
pub(crate) fn text(raw: &str) -> String {
    escape(raw, false)
}

/// Escaped for a double- or single-quoted attribute value: tab, line feed and carriage return are
/// written as character references too, so attribute-value normalisation does not turn them into spaces.
pub(crate) fn attr(raw: &str) -> String {
    escape(raw, true)
}

fn escape(raw: &str, attribute: bool) -> String {
    let mut out = String::with_capacity(raw.len());
    for character in raw.chars() {
        match character {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '\t' | '\n' | '\r' if attribute => {
                let _ = write!(out, "&#{};", u32::from(character));
            }
            '\t' | '\n' | '\r' => out.push(character),
            c if allowed(c) => out.push(c),
            _ => out.push('\u{FFFD}'),
        }
    }
    out
}

/// XML 1.0 `Char` minus the C1 controls kept (they are allowed, if discouraged): everything but the C0
/// controls (tab, line feed, carriage return excepted), U+FFFE and U+FFFF. Rust strings hold no
/// surrogates.
fn allowed(character: char) -> bool {
    !(character < '\u{20}' || character == '\u{FFFE}' || character == '\u{FFFF}')
}

#[cfg(test)]
mod tests {
    use super::{attr, text};

    #[test]
    fn markup_characters_become_references() {
        assert_eq!(
            text(r#"<script>alert("x" & 'y')</script>"#),
            "&lt;script&gt;alert(&quot;x&quot; &amp; &#39;y&#39;)&lt;/script&gt;"
        );
    }

    #[test]
    fn control_characters_not_allowed_in_xml_become_replacement_characters() {
        assert_eq!(
            text("a\u{0}b\u{1b}c\u{FFFF}d"),
            "a\u{FFFD}b\u{FFFD}c\u{FFFD}d"
        );
        assert_eq!(text("a\tb\nc\rd"), "a\tb\nc\rd");
    }

    #[test]
    fn attribute_whitespace_is_kept_as_references() {
        assert_eq!(attr("a\tb\nc\r\"d"), "a&#9;b&#10;c&#13;&quot;d");
    }
}
