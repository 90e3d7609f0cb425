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
#[derive(Debug)]
pub(crate) enum Target {
    /// A file of the package: normalized, percent-decoded path.
    Package(String),
    /// An external URL.
    External(Url),
}

/// A resolved href.
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

/// Checks one raw component (an xml:base or an href) for what is never allowed in a package reference.
fn check_raw(component: &str, issues: &mut Vec<HrefIssue>) -> bool {
    let shown = || learnwire_report::quote(component);
    if component.contains('\\') {
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
    if component.contains(' ') {
        issues.push(issue(
            rules::HREF_SPACE,
            format!("{} contains a literal space", shown()),
        ));
    }
    true
}

/// `Url::parse`, skipped when `component` cannot have a scheme: RFC 3986 §4.2, a relative reference
/// has no ':' before its first '/', '?' or '#'.
fn parse_absolute(component: &str) -> Result<Url, url::ParseError> {
    let has_scheme = component
        .bytes()
        .take_while(|b| !matches!(b, b'/' | b'?' | b'#'))
        .any(|b| b == b':');
    if has_scheme {
        Url::parse(component)
    } else {
        Err(url::ParseError::RelativeUrlWithoutBase)
    }
}

/// Resolves `href` against the xml:base chain (outermost first).
///
/// Returns the resolution (None when refused) and every issue found.
pub(crate) fn resolve(bases: &[&str], href: &str) -> (Option<Resolved>, Vec<HrefIssue>) {
    let mut issues = Vec::new();
    let mut external: Option<Url> = None;
    let capacity = bases
        .iter()
        .fold(href.len(), |total, base| total.saturating_add(base.len()));
    let mut raw_path = String::with_capacity(capacity);
    let components = bases.iter().copied().chain(std::iter::once(href));
    let count = bases.len() + 1;
    for (position, component) in components.enumerate() {
        let is_href = position + 1 == count;
        let component = component.trim();
        if !check_raw(component, &mut issues) {
            return (None, issues);
        }
        match parse_absolute(component) {
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
                    return (None, issues);
                }
                external = Some(url);
                raw_path.clear();
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
                            return (None, issues);
                        }
                    }
                } else if is_href {
                    raw_path.push_str(component);
                } else {
                    // RFC 3986 §5.2.3: a base's last segment is replaced, so keep it only with a trailing '/'.
                    if let Some(slash) = component.rfind('/') {
                        raw_path.push_str(component.get(..=slash).unwrap_or(""));
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
                return (None, issues);
            }
        }
    }
    if let Some(url) = external {
        if !WEB_SCHEMES.contains(&url.scheme()) {
            issues.push(issue(
                rules::HREF_FORBIDDEN_SCHEME,
                "the resolved URL does not use a web scheme",
            ));
            return (None, issues);
        }
        let text = url.to_string();
        return (
            Some(Resolved {
                target: Target::External(url),
                url: text,
            }),
            issues,
        );
    }
    let path_end = raw_path
        .bytes()
        .position(|b| matches!(b, b'?' | b'#'))
        .unwrap_or(raw_path.len());
    let path_part = raw_path.get(..path_end).unwrap_or("");
    match normalize(path_part) {
        Ok(path) => (
            Some(Resolved {
                target: Target::Package(path),
                url: raw_path,
            }),
            issues,
        ),
        Err(problem) => {
            issues.push(problem);
            (None, issues)
        }
    }
}

/// Percent-decodes and normalizes a relative path; refuses escapes above the root.
pub(crate) fn normalize(path: &str) -> Result<String, HrefIssue> {
    let mut out = String::with_capacity(path.len());
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
    Ok(out)
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
        assert_eq!(resolved.unwrap().url, "https://cdn.example/x/a.html");
    }

    #[test]
    fn parameters_syntax() {
        assert!(check_parameters("?a=1&b=%20").is_ok());
        assert!(check_parameters("a b").is_err());
        assert!(check_parameters("%zz").is_err());
    }
}
