//! Package paths: strict percent-decoding and normalization that never climbs above the root.

use super::{HrefIssue, issue};
use crate::rules;

/// Percent-decodes and normalizes a relative path; refuses escapes above the root.
#[cfg(test)]
fn normalize(path: &str) -> Result<String, HrefIssue> {
    let mut out = String::with_capacity(path.len());
    normalize_into(path, &mut out)?;
    Ok(out)
}

/// True when `path` normalizes to itself: no percent escape, backslash or NUL, and no empty, `.` or
/// `..` segment (nothing starts with '.', no "//", no leading or trailing '/').
#[cfg(test)]
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

/// What one pass over a joined package reference finds (see [`scan`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct Scan {
    /// Where the path ends: the first `?` or `#`, or the end.
    pub(super) path_end: usize,
    /// The number of `/` in the path.
    pub(super) slashes: usize,
    /// Where the path's last segment starts (after its last `/`).
    pub(super) last_start: usize,
    /// Whether the path is plain (see `is_plain_path`): it normalizes to itself.
    pub(super) plain: bool,
}

/// One pass over `reference` (a package reference, query and fragment included): where its path ends,
/// how many `/` the path has, where its last segment starts, and whether it is plain.
pub(super) fn scan(reference: &str) -> Scan {
    let mut previous = b'/';
    let mut plain = true;
    let mut slashes = 0;
    let mut last_start = 0;
    let mut path_end = reference.len();
    for (at, byte) in reference.bytes().enumerate() {
        match byte {
            b'?' | b'#' => {
                path_end = at;
                break;
            }
            b'/' => {
                plain &= previous != b'/';
                slashes += 1;
                last_start = at + 1;
            }
            b'.' => plain &= previous != b'/',
            b'%' | b'\\' | 0 => plain = false,
            _ => {}
        }
        previous = byte;
    }
    Scan {
        path_end,
        slashes,
        last_start,
        plain: plain && previous != b'/',
    }
}

/// [`normalize`] into `out` (cleared first).
#[cfg(test)]
fn normalize_into(path: &str, out: &mut String) -> Result<(), HrefIssue> {
    normalize_scanned(path, is_plain_path(path), out)
}

/// `normalize` into `out` (cleared first), `plain` telling whether `path` is plain (see
/// `is_plain_path`).
pub(super) fn normalize_scanned(
    path: &str,
    plain: bool,
    out: &mut String,
) -> Result<(), HrefIssue> {
    out.clear();
    if plain {
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

#[cfg(test)]
mod tests {
    use super::*;

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

    /// The one pass of [`scan`] finds what the separate searches it replaces find.
    #[test]
    fn one_scan_finds_what_separate_searches_find() {
        for reference in [
            "",
            "/",
            "a",
            "a/",
            "/a",
            "a//b",
            "./a",
            "a/./b",
            "a/.b",
            "a/%62",
            "a\\b",
            "a\0b",
            "a/b.html?x=1/2#y",
            "a/b#c?d",
            "?x",
            "#f",
            "a/b/c.html",
            "a.b/c-d_e",
            ".",
            "..",
            "a/..",
            "a/b/",
            "a/b?/c",
            "é/ü.html",
            "x%zz/y",
        ] {
            let found = scan(reference);
            let path_end = reference.find(['?', '#']).unwrap_or(reference.len());
            let path = &reference[..path_end];
            let last = path.rsplit('/').next().unwrap_or(path);
            assert_eq!(found.path_end, path_end, "{reference:?}");
            assert_eq!(found.slashes, path.matches('/').count(), "{reference:?}");
            assert_eq!(&path[found.last_start..], last, "{reference:?}");
            assert_eq!(found.plain, is_plain_path(path), "{reference:?}");
        }
    }
}
