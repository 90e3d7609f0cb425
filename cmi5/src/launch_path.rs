//! What an AU `url` or a TinCan `launch` names: an absolute web URL, or a path inside the package.
//!
//! Parsing is the `url` crate's (absolute URLs, query pairs) and `percent-encoding`'s (decoding); this
//! module only decides what is allowed: `http`/`https` for absolute URLs (no `javascript:`, `file:`,
//! `data:`...), and for relative ones a path that stays inside the package root once percent-decoded,
//! with no backslash, no encoded separator, no leading `/` and no scheme-relative `//host`.

use percent_encoding::percent_decode_str;
use url::Url;

/// A launch location that passed the checks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Target {
    /// An absolute `http` or `https` URL.
    Absolute(Url),
    /// A path inside the package: percent-decoded, normalized (`./` and `a/../` removed), without query
    /// or fragment.
    Relative(String),
}

/// Why a launch location was refused (a sentence, the caller adds which url).
pub(crate) type Refusal = String;

/// Classifies `text` (already trimmed), at most `max_bytes` long.
pub(crate) fn classify(text: &str, max_bytes: usize) -> Result<Target, Refusal> {
    if text.is_empty() {
        return Err("is empty".to_owned());
    }
    if text.len() > max_bytes {
        return Err(format!("is longer than {max_bytes} bytes"));
    }
    if let Some(bad) = text
        .chars()
        .find(|c| c.is_whitespace() || c.is_control() || matches!(c, '\\' | '<' | '>' | '"'))
    {
        return Err(format!(
            "holds the character U+{:04X}, which a URL may not hold unescaped (RFC 3986, RFC 1738)",
            u32::from(bad)
        ));
    }
    match Url::parse(text) {
        Ok(url) => match url.scheme() {
            "http" | "https" if url.host().is_some() => Ok(Target::Absolute(url)),
            "http" | "https" => Err("is an http(s) URL without a host".to_owned()),
            scheme => Err(format!(
                "uses the scheme {}: only http and https URLs, or paths inside the package, are launched",
                learnwire_report::quote(scheme)
            )),
        },
        Err(url::ParseError::RelativeUrlWithoutBase) => relative(text).map(Target::Relative),
        Err(error) => Err(format!("is not a valid URL ({error})")),
    }
}

/// The package path of a relative reference.
fn relative(text: &str) -> Result<String, Refusal> {
    let path = text.split(['?', '#']).next().unwrap_or("");
    if text.starts_with("//") {
        return Err("is scheme-relative (//host): write the scheme".to_owned());
    }
    if path.starts_with('/') {
        return Err(
            "starts with '/': a path inside the package is relative to its root".to_owned(),
        );
    }
    if path
        .split('/')
        .next()
        .is_some_and(|first| first.contains(':'))
    {
        return Err("has a ':' in its first segment, which reads as a scheme".to_owned());
    }
    // Every '%' must start two hex digits (decoding below would keep a broken escape as text).
    let bytes = path.as_bytes();
    for (at, byte) in bytes.iter().enumerate() {
        if *byte == b'%' {
            let hex = |offset: usize| bytes.get(at + offset).is_some_and(u8::is_ascii_hexdigit);
            if !(hex(1) && hex(2)) {
                return Err("has a broken percent escape".to_owned());
            }
        }
    }
    let mut segments: Vec<String> = Vec::new();
    for raw in path.split('/') {
        let segment = percent_decode_str(raw)
            .decode_utf8()
            .map_err(|_| "is not UTF-8 once percent-decoded".to_owned())?;
        if segment.contains(['/', '\\', '\0']) {
            return Err("encodes a separator or NUL".to_owned());
        }
        match &*segment {
            "" | "." => {}
            ".." => {
                if segments.pop().is_none() {
                    return Err("climbs out of the package root".to_owned());
                }
            }
            _ => segments.push(segment.into_owned()),
        }
    }
    if segments.is_empty() {
        return Err("names no file".to_owned());
    }
    Ok(segments.join("/"))
}

/// The query parameter names of `text` (absolute or relative), decoded as a form would be.
pub(crate) fn query_names(text: &str) -> Vec<String> {
    let before_fragment = text.split('#').next().unwrap_or("");
    let Some((_, query)) = before_fragment.split_once('?') else {
        return Vec::new();
    };
    url::form_urlencoded::parse(query.as_bytes())
        .map(|(name, _)| name.into_owned())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_paths_are_decoded_and_normalized() {
        assert_eq!(
            classify("./a/../b%20c.html?x=1#top", 100),
            Ok(Target::Relative("b c.html".to_owned()))
        );
        assert!(classify("../../etc/passwd", 100).is_err());
        assert!(classify("a/%2e%2e/%2e%2e/x", 100).is_err());
        assert!(classify("a%2Fb", 100).is_err());
        assert!(classify("/index.html", 100).is_err());
        assert!(classify("javascript:alert(1)", 100).is_err());
        assert!(classify("file:///etc/passwd", 100).is_err());
        assert!(classify("http://example.com index.html", 100).is_err());
        assert!(classify("a%zz", 100).is_err());
        assert!(matches!(
            classify("https://example.com/a?b=c", 100),
            Ok(Target::Absolute(_))
        ));
    }

    #[test]
    fn query_names_are_read_before_the_fragment() {
        assert_eq!(
            query_names("index.html?endpoint=x&a%20b=1#activityId=2"),
            ["endpoint", "a b"]
        );
    }
}
