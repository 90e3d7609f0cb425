//! What an item launches: xml:base chain + href + parameters (rules XB-01..04, L-01..05, SCO-38, SCO-39).

use serde::Serialize;

use crate::manifest::ScormType;
use crate::rules::Rule;

mod path;
mod resolve;

pub(crate) use path::normalize_key;
pub(crate) use resolve::{Outcome, ResolvedHrefs, Resolver};

/// One launchable item and the URL it launches.
///
/// `url` is relative to the package root (xml:base applied, query and fragment kept, `parameters`
/// merged) or, for external content, an absolute `http(s)` URL.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct Launch {
    /// The item's identifier.
    pub item: String,
    /// The URL to launch.
    pub url: String,
    /// The organization the item belongs to.
    #[serde(skip)]
    pub organization: String,
    /// The resource launched.
    #[serde(skip)]
    pub resource: String,
    /// Whether the resource is a SCO (run-time API) or an asset; `None` when the manifest does not say.
    #[serde(skip)]
    pub scorm_type: Option<ScormType>,
    /// True when `url` is an absolute external URL.
    #[serde(skip)]
    pub external: bool,
}

/// A problem with an href or xml:base.
#[derive(Debug)]
pub(crate) struct HrefIssue {
    pub(crate) rule: Rule,
    pub(crate) message: String,
}

pub(crate) fn issue(rule: Rule, message: impl Into<String>) -> HrefIssue {
    HrefIssue {
        rule,
        message: message.into(),
    }
}

/// Merges `item/@parameters` into a launch URL (rule L-04).
///
/// # Example
///
/// ```
/// use learnwire_scorm::merge_parameters;
///
/// assert_eq!(merge_parameters("a.html", "?x=1"), "a.html?x=1");
/// assert_eq!(merge_parameters("a.html?y=2#top", "&x=1"), "a.html?y=2&x=1#top");
/// assert_eq!(merge_parameters("a.html", "x=1"), "a.html?x=1");
/// assert_eq!(merge_parameters("a.html", "#part"), "a.html#part");
/// assert_eq!(merge_parameters("a.html#keep", "#part"), "a.html#keep");
/// ```
pub fn merge_parameters(url: &str, parameters: &str) -> String {
    let parameters = trim(parameters);
    if parameters.is_empty() {
        return url.to_owned();
    }
    let (before_fragment, fragment) = match url.find('#') {
        Some(at) => (url.get(..at).unwrap_or(url), url.get(at..)),
        None => (url, None),
    };
    if parameters.starts_with('#') {
        return match fragment {
            Some(_) => url.to_owned(),
            None => format!("{url}{parameters}"),
        };
    }
    let query = parameters
        .strip_prefix('?')
        .or_else(|| parameters.strip_prefix('&'))
        .unwrap_or(parameters);
    let joiner = if before_fragment.contains('?') {
        '&'
    } else {
        '?'
    };
    let mut out = String::with_capacity(url.len() + query.len() + 1);
    out.push_str(before_fragment);
    if !query.is_empty() {
        out.push(joiner);
        out.push_str(query);
    }
    if let Some(fragment) = fragment {
        out.push_str(fragment);
    }
    out
}

/// Checks `item/@parameters` syntax (L-04): `#fragment`, or `name=value` pairs joined by `&`, optionally
/// after `?` or `&`, in URI characters with valid percent escapes.
pub(crate) fn check_parameters(parameters: &str) -> Result<(), String> {
    let parameters = trim(parameters);
    if parameters.is_empty() || parameters.starts_with('#') {
        return check_uri_chars(parameters.get(1..).unwrap_or(""));
    }
    let query = parameters
        .strip_prefix('?')
        .or_else(|| parameters.strip_prefix('&'))
        .unwrap_or(parameters);
    check_uri_chars(query)
}

/// `text.trim()`, skipping the Unicode scan when both ends are visible ASCII.
pub(crate) fn trim(text: &str) -> &str {
    let visible = |byte: Option<&u8>| matches!(byte, Some(0x21..=0x7E));
    let bytes = text.as_bytes();
    if visible(bytes.first()) && visible(bytes.last()) {
        text
    } else {
        text.trim()
    }
}

/// A character never allowed unescaped in parameters: white space, a control character, or one of
/// `<>"{}|\^` and the backquote.
fn is_bad_uri_char(c: char) -> bool {
    c.is_whitespace()
        || c.is_control()
        || matches!(c, '<' | '>' | '"' | '{' | '}' | '|' | '\\' | '^' | '`')
}

/// [`is_bad_uri_char`] for an ASCII byte: at or below the space (the controls and the space, which
/// hold every ASCII white space), DEL, and the listed characters.
fn is_bad_uri_byte(byte: u8) -> bool {
    byte <= b' '
        || byte == 0x7F
        || matches!(
            byte,
            b'<' | b'>' | b'"' | b'{' | b'}' | b'|' | b'\\' | b'^' | b'`'
        )
}

fn check_uri_chars(text: &str) -> Result<(), String> {
    let bad = if text.is_ascii() {
        text.bytes()
            .find(|byte| is_bad_uri_byte(*byte))
            .map(char::from)
    } else {
        text.chars().find(|c| is_bad_uri_char(*c))
    };
    if let Some(bad) = bad {
        return Err(format!(
            "contains the character {}",
            learnwire_report::quote(&bad.to_string())
        ));
    }
    let bytes = text.as_bytes();
    for (at, byte) in bytes.iter().enumerate() {
        if *byte == b'%' {
            let ok = matches!((bytes.get(at + 1), bytes.get(at + 2)), (Some(a), Some(b)) if a.is_ascii_hexdigit() && b.is_ascii_hexdigit());
            if !ok {
                return Err("has a broken percent escape".to_owned());
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ascii_parameter_bytes_are_judged_as_their_characters() {
        for byte in 0u8..128 {
            assert_eq!(
                is_bad_uri_byte(byte),
                is_bad_uri_char(char::from(byte)),
                "{byte}"
            );
        }
        for text in ["", " x", "x ", "\u{A0}x", "x\u{2003}", "?a=1"] {
            assert_eq!(trim(text), text.trim(), "{text:?}");
        }
    }

    #[test]
    fn parameters_syntax() {
        assert!(check_parameters("?a=1&b=%20").is_ok());
        assert!(check_parameters("a b").is_err());
        assert!(check_parameters("%zz").is_err());
    }
}
