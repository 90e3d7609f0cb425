//! What an item launches: xml:base chain + href + parameters (rules XB-01..04, L-01..05, SCO-38, SCO-39).

use serde::Serialize;
use url::Url;

use crate::manifest::ScormType;
use crate::rules::{self, Rule};

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

/// Where an href points after resolution.
#[cfg(test)]
#[derive(Debug)]
pub(crate) enum Target {
    /// A file of the package: normalized, percent-decoded path.
    Package(String),
    /// An external URL.
    External(Url),
}

/// A resolved href.
#[cfg(test)]
#[derive(Debug)]
pub(crate) struct Resolved {
    pub(crate) target: Target,
    /// The launch URL before parameters: relative (as written, bases joined) or absolute.
    pub(crate) url: String,
}

fn issue(rule: Rule, message: impl Into<String>) -> HrefIssue {
    HrefIssue {
        rule,
        message: message.into(),
    }
}

const WEB_SCHEMES: [&str; 4] = ["http", "https", "ftp", "ftps"];

/// What one pass over a component found.
#[derive(Clone, Copy, Debug, Default)]
struct Seen {
    backslash: bool,
    space: bool,
    /// A ':' before the first '/', '?' or '#' (RFC 3986 §4.2: only then can there be a scheme).
    scheme: bool,
}

impl Seen {
    fn of(component: &str) -> Self {
        let mut seen = Self::default();
        let mut in_head = true;
        for byte in component.bytes() {
            match byte {
                b'\\' => seen.backslash = true,
                b' ' => seen.space = true,
                b':' if in_head => seen.scheme = true,
                b'/' | b'?' | b'#' => in_head = false,
                _ => {}
            }
        }
        seen
    }
}

/// `text.trim()`, skipping the Unicode scan when both ends are visible ASCII.
fn trim(text: &str) -> &str {
    let visible = |byte: Option<&u8>| matches!(byte, Some(0x21..=0x7E));
    let bytes = text.as_bytes();
    if visible(bytes.first()) && visible(bytes.last()) {
        text
    } else {
        text.trim()
    }
}

/// Checks one raw component (an xml:base or an href) for what is never allowed in a package reference.
fn check_raw(component: &str, seen: Seen, issues: &mut Vec<HrefIssue>) -> bool {
    let shown = || learnwire_report::quote(component);
    if seen.backslash {
        issues.push(issue(
            rules::HREF_INVALID,
            format!("{} contains a backslash", shown()),
        ));
        return false;
    }
    let bytes = component.as_bytes();
    if matches!(bytes, [letter, b':', ..] if letter.is_ascii_alphabetic())
        && !component.contains("//")
    {
        issues.push(issue(
            rules::HREF_INVALID,
            format!("{} is a drive path", shown()),
        ));
        return false;
    }
    if component.starts_with('/') {
        issues.push(issue(
            rules::HREF_INVALID,
            format!(
                "{} starts with '/': package references are relative to the package root",
                shown()
            ),
        ));
        return false;
    }
    if seen.space {
        issues.push(issue(
            rules::HREF_SPACE,
            format!("{} contains a literal space", shown()),
        ));
    }
    true
}

/// `Url::parse`, skipped when `component` cannot have a scheme: RFC 3986 §4.2, a relative reference
/// has no ':' before its first '/', '?' or '#'.
fn parse_absolute(component: &str, seen: Seen) -> Result<Url, url::ParseError> {
    if seen.scheme {
        Url::parse(component)
    } else {
        Err(url::ParseError::RelativeUrlWithoutBase)
    }
}

/// Resolves `href` against the xml:base chain (outermost first), allocating the result (tests).
///
/// Returns the resolution (None when refused) and every issue found.
#[cfg(test)]
pub(crate) fn resolve(bases: &[&str], href: &str) -> (Option<Resolved>, Vec<HrefIssue>) {
    let mut resolver = Resolver::default();
    let resolved = resolver.run(bases, href).map(|outcome| match outcome {
        Outcome::Package => Resolved {
            target: Target::Package(resolver.path().to_owned()),
            url: resolver.url().to_owned(),
        },
        Outcome::External(url) => Resolved {
            url: url.to_string(),
            target: Target::External(url),
        },
    });
    (resolved, resolver.issues)
}

/// What [`Resolver::run`] found.
#[derive(Debug)]
pub(crate) enum Outcome {
    /// A file of the package: see [`Resolver::path`] and [`Resolver::url`].
    Package,
    /// An external URL.
    External(Url),
}

/// [`resolve`] with buffers reused from one href to the next.
#[derive(Debug, Default)]
pub(crate) struct Resolver {
    /// The launch URL of the last package href (bases joined, query and fragment kept).
    raw: String,
    /// The package path of the last package href.
    path: String,
    /// The issues of the last run.
    pub(crate) issues: Vec<HrefIssue>,
}

impl Resolver {
    /// The launch URL (before parameters) of the last [`Outcome::Package`].
    pub(crate) fn url(&self) -> &str {
        &self.raw
    }

    /// The normalized, percent-decoded package path of the last [`Outcome::Package`].
    pub(crate) fn path(&self) -> &str {
        &self.path
    }

    /// Resolves `href` against the xml:base chain (outermost first); `None` when refused. The issues
    /// found are in `self.issues`.
    pub(crate) fn run(&mut self, bases: &[&str], href: &str) -> Option<Outcome> {
        let Self { raw, path, issues } = self;
        issues.clear();
        raw.clear();
        path.clear();
        let mut external: Option<Url> = None;
        let components = bases.iter().copied().chain(std::iter::once(href));
        let count = bases.len() + 1;
        for (position, component) in components.enumerate() {
            let is_href = position + 1 == count;
            let component = trim(component);
            let seen = Seen::of(component);
            if !check_raw(component, seen, issues) {
                return None;
            }
            match parse_absolute(component, seen) {
                Ok(url) => {
                    if !WEB_SCHEMES.contains(&url.scheme()) {
                        issues.push(issue(
                            rules::HREF_FORBIDDEN_SCHEME,
                            format!(
                                "{} uses the scheme {}, which is never launched",
                                learnwire_report::quote(component),
                                learnwire_report::quote(url.scheme())
                            ),
                        ));
                        return None;
                    }
                    external = Some(url);
                    raw.clear();
                }
                Err(url::ParseError::RelativeUrlWithoutBase) => {
                    if let Some(base) = &external {
                        match base.join(component) {
                            Ok(joined) => external = Some(joined),
                            Err(_) => {
                                issues.push(issue(
                                    rules::HREF_INVALID,
                                    format!(
                                        "{} is not a valid URL reference",
                                        learnwire_report::quote(component)
                                    ),
                                ));
                                return None;
                            }
                        }
                    } else if is_href {
                        raw.push_str(component);
                    } else {
                        // RFC 3986 §5.2.3: a base's last segment is replaced, so keep it only with a trailing '/'.
                        if let Some(slash) = component.rfind('/') {
                            raw.push_str(component.get(..=slash).unwrap_or(""));
                        }
                    }
                }
                Err(_) => {
                    issues.push(issue(
                        rules::HREF_INVALID,
                        format!(
                            "{} is not a valid URL reference",
                            learnwire_report::quote(component)
                        ),
                    ));
                    return None;
                }
            }
        }
        if let Some(url) = external {
            if !WEB_SCHEMES.contains(&url.scheme()) {
                issues.push(issue(
                    rules::HREF_FORBIDDEN_SCHEME,
                    "the resolved URL does not use a web scheme",
                ));
                return None;
            }
            return Some(Outcome::External(url));
        }
        let path_end = raw
            .bytes()
            .position(|b| matches!(b, b'?' | b'#'))
            .unwrap_or(raw.len());
        let path_part = raw.get(..path_end).unwrap_or("");
        match normalize_into(path_part, path) {
            Ok(()) => Some(Outcome::Package),
            Err(problem) => {
                issues.push(problem);
                None
            }
        }
    }
}

/// Percent-decodes and normalizes a relative path; refuses escapes above the root.
pub(crate) fn normalize(path: &str) -> Result<String, HrefIssue> {
    let mut out = String::with_capacity(path.len());
    normalize_into(path, &mut out)?;
    Ok(out)
}

/// True when `path` normalizes to itself: no percent escape, backslash or NUL, and no empty, `.` or
/// `..` segment (nothing starts with '.', no "//", no leading or trailing '/').
fn is_plain_path(path: &str) -> bool {
    let mut previous = b'/';
    for byte in path.bytes() {
        match byte {
            b'%' | b'\\' | 0 => return false,
            b'/' | b'.' if previous == b'/' => return false,
            _ => {}
        }
        previous = byte;
    }
    previous != b'/'
}

/// [`normalize`] into `out` (cleared first).
fn normalize_into(path: &str, out: &mut String) -> Result<(), HrefIssue> {
    out.clear();
    if is_plain_path(path) {
        out.push_str(path);
        return Ok(());
    }
    // A byte loop rather than `split('/')`: segments are short and a search per segment costs more.
    let bytes = path.as_bytes();
    let mut start = 0;
    while start <= bytes.len() {
        let end = bytes
            .get(start..)
            .and_then(|rest| rest.iter().position(|b| *b == b'/'))
            .map_or(bytes.len(), |at| start + at);
        let raw = path.get(start..end).unwrap_or("");
        start = end + 1;
        let segment = percent_decode(raw).ok_or_else(|| {
            issue(
                rules::HREF_PERCENT,
                format!(
                    "{} has a broken percent escape or is not UTF-8 once decoded",
                    learnwire_report::quote(path)
                ),
            )
        })?;
        if segment.bytes().any(|b| matches!(b, b'/' | b'\\' | 0)) {
            return Err(issue(
                rules::HREF_INVALID,
                format!(
                    "{} encodes a separator or NUL",
                    learnwire_report::quote(path)
                ),
            ));
        }
        match &*segment {
            "" | "." => {}
            ".." => {
                // Segments are never empty and never hold '/', so `out` is empty exactly when no
                // segment is left, and the last '/' ends the previous one.
                if out.is_empty() {
                    return Err(issue(
                        rules::HREF_ESCAPES_ROOT,
                        format!(
                            "{} climbs out of the package root",
                            learnwire_report::quote(path)
                        ),
                    ));
                }
                let previous_end = out.rfind('/').unwrap_or(0);
                out.truncate(previous_end);
            }
            _ => {
                if !out.is_empty() {
                    out.push('/');
                }
                out.push_str(&segment);
            }
        }
    }
    Ok(())
}

/// Strict percent-decoding: every `%` starts two hex digits and the result is UTF-8.
fn percent_decode(raw: &str) -> Option<std::borrow::Cow<'_, str>> {
    if !raw.bytes().any(|b| b == b'%') {
        return Some(std::borrow::Cow::Borrowed(raw));
    }
    let bytes = raw.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut at = 0;
    while let Some(&byte) = bytes.get(at) {
        if byte == b'%' {
            let high = (*bytes.get(at + 1)? as char).to_digit(16)?;
            let low = (*bytes.get(at + 2)? as char).to_digit(16)?;
            out.push(u8::try_from(high * 16 + low).ok()?);
            at += 3;
        } else {
            out.push(byte);
            at += 1;
        }
    }
    String::from_utf8(out).ok().map(std::borrow::Cow::Owned)
}

/// Percent-decodes `value` when every escape is valid UTF-8, else returns it unchanged.
pub(crate) fn normalize_key(value: &str) -> String {
    percent_decode(value).map_or_else(|| value.to_owned(), std::borrow::Cow::into_owned)
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
    let parameters = parameters.trim();
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
    let parameters = parameters.trim();
    if parameters.is_empty() || parameters.starts_with('#') {
        return check_uri_chars(parameters.get(1..).unwrap_or(""));
    }
    let query = parameters
        .strip_prefix('?')
        .or_else(|| parameters.strip_prefix('&'))
        .unwrap_or(parameters);
    check_uri_chars(query)
}

fn check_uri_chars(text: &str) -> Result<(), String> {
    if let Some(bad) = text.chars().find(|c| {
        c.is_whitespace()
            || c.is_control()
            || matches!(c, '<' | '>' | '"' | '{' | '}' | '|' | '\\' | '^' | '`')
    }) {
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

    fn package_path(bases: &[&str], href: &str) -> Option<String> {
        match resolve(bases, href).0?.target {
            Target::Package(path) => Some(path),
            Target::External(_) => None,
        }
    }

    #[test]
    fn bases_chain_and_decoding() {
        assert_eq!(
            package_path(&["a/", "b/"], "c%20d.html?x#y").as_deref(),
            Some("a/b/c d.html")
        );
        assert_eq!(
            package_path(&["a/x"], "c.html").as_deref(),
            Some("a/c.html")
        );
        assert_eq!(
            package_path(&[], "./a/../b.html").as_deref(),
            Some("b.html")
        );
        assert_eq!(
            resolve(&["a/"], "c.html?q=1").0.unwrap().url,
            "a/c.html?q=1"
        );
    }

    #[test]
    fn attacks_are_refused() {
        for (href, rule) in [
            ("../../../../etc/passwd", rules::HREF_ESCAPES_ROOT),
            ("a/%2e%2e/%2e%2e/x", rules::HREF_ESCAPES_ROOT),
            (
                "javascript:alert(document.domain)",
                rules::HREF_FORBIDDEN_SCHEME,
            ),
            ("JaVa\tScript:alert(1)", rules::HREF_FORBIDDEN_SCHEME),
            ("file:///etc/passwd", rules::HREF_FORBIDDEN_SCHEME),
            ("data:text/html,x", rules::HREF_FORBIDDEN_SCHEME),
            ("vbscript:x", rules::HREF_FORBIDDEN_SCHEME),
            ("/etc/passwd", rules::HREF_INVALID),
            ("C:\\x.html", rules::HREF_INVALID),
            ("a%2Fb.html", rules::HREF_INVALID),
            ("a%zz.html", rules::HREF_PERCENT),
        ] {
            let (resolved, issues) = resolve(&[], href);
            assert!(resolved.is_none(), "{href}");
            assert_eq!(issues.last().unwrap().rule, rule, "{href}");
        }
        let (resolved, _) = resolve(&["file:///etc/"], "passwd");
        assert!(resolved.is_none());
    }

    #[test]
    fn external_urls_resolve() {
        let (resolved, _) = resolve(&["https://cdn.example/x/"], "a.html");
        let resolved = resolved.unwrap();
        assert_eq!(resolved.url, "https://cdn.example/x/a.html");
        assert!(matches!(&resolved.target, Target::External(url) if url.as_str() == resolved.url));
    }

    #[test]
    fn plain_paths_take_the_short_way_with_the_same_result() {
        for path in ["a/b.html", "a.b/c-d_e", "x"] {
            assert!(is_plain_path(path), "{path}");
            assert_eq!(normalize(path).unwrap(), path);
        }
        for (path, normalized) in [
            ("", ""),
            ("a//b", "a/b"),
            ("./a", "a"),
            ("a/./b", "a/b"),
            ("a/.b", "a/.b"),
            ("a/", "a"),
            ("/a", "a"),
            ("a/%62", "a/b"),
            ("a/b/../c", "a/c"),
        ] {
            assert!(!is_plain_path(path), "{path}");
            assert_eq!(normalize(path).unwrap(), normalized, "{path}");
        }
    }

    #[test]
    fn one_pass_flags_match_the_plain_definitions() {
        for text in [
            "a b",
            "a\\b",
            "x:y/z",
            "a/b:c",
            "?q:1",
            "#f:x",
            "http://h/p",
            "",
            " : ",
            "\u{A0}a",
        ] {
            let seen = Seen::of(text);
            assert_eq!(seen.backslash, text.contains('\\'), "{text:?}");
            assert_eq!(seen.space, text.contains(' '), "{text:?}");
            let head = text.split(['/', '?', '#']).next().unwrap_or("");
            assert_eq!(seen.scheme, head.contains(':'), "{text:?}");
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
