//! Splitting a `multipart/mixed` body into parts (RFC 2046 §5.1.1), zero-copy and bounded.

use super::content_type::boundary_of;
use super::error::{MalformedReason, MultipartError, MultipartLimit};
use crate::Limits;

/// Part headers that must occur at most once in a part.
const SINGLE_HEADERS: [&str; 4] = [
    "content-type",
    "content-transfer-encoding",
    "x-experience-api-hash",
    "content-length",
];

/// A `multipart/mixed` body split into parts; the parts borrow from the body.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Multipart<'a> {
    /// The boundary from the `Content-Type`.
    pub boundary: String,
    /// The parts, in order (preamble and epilogue dropped).
    pub parts: Vec<Part<'a>>,
}

/// One part of a multipart body.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Part<'a> {
    /// Header lines as `(name, value)`, the value with surrounding whitespace removed, in order.
    pub headers: Vec<(&'a str, &'a str)>,
    /// The part's bytes, exactly as sent.
    pub body: &'a [u8],
}

impl<'a> Part<'a> {
    /// The value of header `name` (case-insensitive), if present.
    pub fn header(&self, name: &str) -> Option<&'a str> {
        self.headers
            .iter()
            .find(|(key, _)| key.eq_ignore_ascii_case(name))
            .map(|(_, value)| *value)
    }
}

/// Splits a `multipart/mixed` body into its parts.
///
/// Only CRLF line ends are accepted (RFC 2046 §5.1.1). A part's header block ends at its first empty line;
/// its body runs to the next `CRLF--boundary`. Every limit of [`Limits`] is checked while scanning: the
/// parse stops at the first part, header line or header past its limit.
///
/// # Errors
///
/// [`MultipartError::Malformed`] for a body that does not follow RFC 2046 (no boundary, truncated body,
/// header lines without a colon, folded or repeated headers, ...), [`MultipartError::LimitExceeded`] when
/// a limit is reached.
///
/// # Example
///
/// ```
/// use learnwire_xapi::multipart::{parse_multipart, Limits};
///
/// let body = b"--b\r\nContent-Type: application/json\r\n\r\n{}\r\n--b--\r\n";
/// let multipart = parse_multipart("multipart/mixed; boundary=b", body, &Limits::default())?;
/// assert_eq!(multipart.parts[0].body, b"{}");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn parse_multipart<'a>(
    content_type: &str,
    body: &'a [u8],
    limits: &Limits,
) -> Result<Multipart<'a>, MultipartError> {
    if body.len() > limits.max_multipart_bytes() {
        return Err(MultipartError::LimitExceeded {
            limit: MultipartLimit::Body,
            max: limits.max_multipart_bytes(),
        });
    }
    let boundary = boundary_of(content_type, limits.max_boundary())?;
    let dash_boundary = format!("--{boundary}");
    let delimiter = format!("\r\n--{boundary}");

    let mut pos = if body.starts_with(dash_boundary.as_bytes()) {
        dash_boundary.len()
    } else {
        let at = find(body, delimiter.as_bytes()).ok_or(MultipartError::malformed(
            MalformedReason::NoOpeningDelimiter,
        ))?;
        at.saturating_add(delimiter.len())
    };

    let mut parts = Vec::new();
    loop {
        let rest = body.get(pos..).unwrap_or_default();
        if let Some(after) = rest.strip_prefix(b"--") {
            let after = skip_padding(after);
            if after.is_empty() || after.starts_with(b"\r\n") {
                break;
            }
            return Err(MultipartError::malformed(MalformedReason::DelimiterLine));
        }
        let padded = skip_padding(rest);
        let Some(after) = padded.strip_prefix(b"\r\n") else {
            return Err(MultipartError::malformed(if padded.is_empty() {
                MalformedReason::MissingClosingDelimiter
            } else {
                MalformedReason::DelimiterLine
            }));
        };
        pos = body.len().saturating_sub(after.len());
        if parts.len() >= limits.max_parts() {
            return Err(MultipartError::LimitExceeded {
                limit: MultipartLimit::Parts,
                max: limits.max_parts(),
            });
        }
        let (headers, body_start) = parse_headers(body, pos, limits)?;
        let tail = body.get(body_start..).unwrap_or_default();
        let end = find(tail, delimiter.as_bytes()).ok_or(MultipartError::malformed(
            MalformedReason::MissingClosingDelimiter,
        ))?;
        let part_body = tail.get(..end).unwrap_or_default();
        if parts.is_empty() && part_body.len() > limits.max_body_bytes() {
            return Err(MultipartError::LimitExceeded {
                limit: MultipartLimit::StatementsPart,
                max: limits.max_body_bytes(),
            });
        }
        parts.push(Part {
            headers,
            body: part_body,
        });
        pos = body_start
            .saturating_add(end)
            .saturating_add(delimiter.len());
    }
    if parts.is_empty() {
        return Err(MultipartError::malformed(MalformedReason::NoParts));
    }
    Ok(Multipart { boundary, parts })
}

type Headers<'a> = Vec<(&'a str, &'a str)>;

/// Reads header lines from `start` up to and including the empty line; returns them and where the body starts.
fn parse_headers<'a>(
    body: &'a [u8],
    start: usize,
    limits: &Limits,
) -> Result<(Headers<'a>, usize), MultipartError> {
    let mut headers: Headers<'a> = Vec::new();
    let mut pos = start;
    loop {
        let rest = body.get(pos..).unwrap_or_default();
        let window_len = rest
            .len()
            .min(limits.max_part_header_line().saturating_add(2));
        let window = rest.get(..window_len).unwrap_or_default();
        let Some(line_len) = find(window, b"\r\n") else {
            return Err(
                if rest.len() > limits.max_part_header_line().saturating_add(1) {
                    MultipartError::LimitExceeded {
                        limit: MultipartLimit::HeaderLine,
                        max: limits.max_part_header_line(),
                    }
                } else {
                    MultipartError::malformed(MalformedReason::MissingClosingDelimiter)
                },
            );
        };
        let line = rest.get(..line_len).unwrap_or_default();
        pos = pos.saturating_add(line_len).saturating_add(2);
        if line.is_empty() {
            return Ok((headers, pos));
        }
        if line.first().is_some_and(|b| *b == b' ' || *b == b'\t') {
            return Err(MultipartError::malformed(MalformedReason::FoldedHeader));
        }
        if headers.len() >= limits.max_part_headers() {
            return Err(MultipartError::LimitExceeded {
                limit: MultipartLimit::Headers,
                max: limits.max_part_headers(),
            });
        }
        let (name, value) = split_header(line)?;
        if let Some(single) = SINGLE_HEADERS.iter().find(|h| h.eq_ignore_ascii_case(name))
            && headers
                .iter()
                .any(|(key, _)| key.eq_ignore_ascii_case(name))
        {
            return Err(MultipartError::malformed(MalformedReason::DuplicateHeader(
                single,
            )));
        }
        headers.push((name, value));
    }
}

fn split_header(line: &[u8]) -> Result<(&str, &str), MultipartError> {
    let invalid = || MultipartError::malformed(MalformedReason::InvalidHeader);
    let text = std::str::from_utf8(line).map_err(|_| invalid())?;
    if text.chars().any(|c| c.is_control() && c != '\t') {
        return Err(invalid());
    }
    let (name, value) = text.split_once(':').ok_or_else(invalid)?;
    let name_ok = !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "!#$%&'*+-.^_`|~".contains(c));
    if !name_ok {
        return Err(invalid());
    }
    Ok((name, value.trim_matches(|c| c == ' ' || c == '\t')))
}

fn skip_padding(bytes: &[u8]) -> &[u8] {
    let start = bytes
        .iter()
        .position(|b| *b != b' ' && *b != b'\t')
        .unwrap_or(bytes.len());
    bytes.get(start..).unwrap_or_default()
}

/// First index of `needle` in `haystack` (linear in practice: the needle is at most 74 bytes).
pub(crate) fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    let first = *needle.first()?;
    let mut start = 0usize;
    loop {
        let rel = haystack.get(start..)?.iter().position(|b| *b == first)?;
        let at = start.checked_add(rel)?;
        let candidate = haystack.get(at..at.checked_add(needle.len())?)?;
        if candidate == needle {
            return Some(at);
        }
        start = at.checked_add(1)?;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const CT: &str = "multipart/mixed; boundary=xyz";

    #[test]
    fn preamble_epilogue_and_empty_headers() {
        let body =
            b"preamble\r\n--xyz\r\n\r\nfirst\r\n--xyz  \r\nA: b\r\n\r\n\r\n--xyz-- \r\nepilogue";
        let parsed = parse_multipart(CT, body, &Limits::default()).unwrap();
        assert_eq!(parsed.parts.len(), 2);
        assert_eq!(parsed.parts[0].body, b"first");
        assert!(parsed.parts[0].headers.is_empty());
        assert_eq!(parsed.parts[1].header("a"), Some("b"));
        assert_eq!(parsed.parts[1].body, b"");
    }

    #[test]
    fn find_works_on_edges() {
        assert_eq!(find(b"abc", b"c"), Some(2));
        assert_eq!(find(b"abc", b"cd"), None);
        assert_eq!(find(b"", b"a"), None);
        assert_eq!(find(b"aab", b"ab"), Some(1));
    }

    #[test]
    fn rejects_structure_errors() {
        let limits = Limits::default();
        let malformed = |body: &[u8]| match parse_multipart(CT, body, &limits) {
            Err(MultipartError::Malformed { reason }) => reason,
            other => panic!("{other:?}"),
        };
        assert_eq!(
            malformed(b"no delimiter"),
            MalformedReason::NoOpeningDelimiter
        );
        assert_eq!(
            malformed(b"--xyz\r\n\r\nbody"),
            MalformedReason::MissingClosingDelimiter
        );
        assert_eq!(
            malformed(b"--xyzabc\r\n\r\nx\r\n--xyz--"),
            MalformedReason::DelimiterLine
        );
        assert_eq!(
            malformed(b"--xyz\r\nnocolon\r\n\r\nx\r\n--xyz--"),
            MalformedReason::InvalidHeader
        );
        assert_eq!(
            malformed(b"--xyz\r\nA: b\r\n c\r\n\r\nx\r\n--xyz--"),
            MalformedReason::FoldedHeader
        );
        assert_eq!(
            malformed(b"--xyz\r\nContent-Type: a/b\r\ncontent-type: a/b\r\n\r\nx\r\n--xyz--"),
            MalformedReason::DuplicateHeader("content-type")
        );
        assert_eq!(malformed(b"--xyz--"), MalformedReason::NoParts);
    }
}
