//! `Content-Type` values (RFC 9110 §8.3.1) and the multipart boundary (RFC 2046 §5.1.1).

use super::error::{MalformedReason, MultipartError, MultipartLimit};

/// A parsed media type: `type/subtype` lowercased, parameters with lowercased names in order.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct MediaType {
    /// `type/subtype`, lowercase (`multipart/mixed`).
    pub essence: String,
    /// Parameters as `(lowercase name, value)`; quoted values are unquoted.
    pub params: Vec<(String, String)>,
}

impl MediaType {
    /// The value of parameter `name` (case-insensitive), if present.
    pub fn param(&self, name: &str) -> Option<&str> {
        self.params
            .iter()
            .find(|(key, _)| key.eq_ignore_ascii_case(name))
            .map(|(_, value)| value.as_str())
    }
}

/// Parses a `Content-Type` header value such as `multipart/mixed; boundary="abc"`.
///
/// A repeated parameter name is refused (fail closed: which one would win is ambiguous).
///
/// # Errors
///
/// `None` when the value does not follow `type/subtype *(; name=value)`.
///
/// # Example
///
/// ```
/// use learnwire_xapi::multipart::parse_media_type;
///
/// let media = parse_media_type("Multipart/Mixed; boundary=\"a b\"").unwrap();
/// assert_eq!(media.essence, "multipart/mixed");
/// assert_eq!(media.param("BOUNDARY"), Some("a b"));
/// ```
pub fn parse_media_type(value: &str) -> Option<MediaType> {
    let mut rest = value.trim_matches(is_ows);
    let type_end = rest.find(|c: char| !is_tchar(c)).unwrap_or(rest.len());
    let (main, after) = rest.split_at(type_end);
    let after = after.strip_prefix('/')?;
    let sub_end = after.find(|c: char| !is_tchar(c)).unwrap_or(after.len());
    let (sub, after) = after.split_at(sub_end);
    if main.is_empty() || sub.is_empty() {
        return None;
    }
    let essence = format!("{}/{}", main.to_ascii_lowercase(), sub.to_ascii_lowercase());
    rest = after;
    let mut params: Vec<(String, String)> = Vec::new();
    loop {
        rest = rest.trim_start_matches(is_ows);
        if rest.is_empty() {
            break;
        }
        rest = rest.strip_prefix(';')?.trim_start_matches(is_ows);
        if rest.is_empty() {
            break;
        }
        let name_end = rest.find(|c: char| !is_tchar(c)).unwrap_or(rest.len());
        let (name, after) = rest.split_at(name_end);
        let after = after.strip_prefix('=')?;
        if name.is_empty() {
            return None;
        }
        let (value, after) = if let Some(quoted) = after.strip_prefix('"') {
            unquote(quoted)?
        } else {
            let end = after.find(|c: char| !is_tchar(c)).unwrap_or(after.len());
            let (value, after) = after.split_at(end);
            if value.is_empty() {
                return None;
            }
            (value.to_owned(), after)
        };
        let name = name.to_ascii_lowercase();
        if params.iter().any(|(key, _)| *key == name) {
            return None;
        }
        params.push((name, value));
        rest = after;
    }
    Some(MediaType { essence, params })
}

/// The boundary of a `multipart/mixed` content type, checked against RFC 2046 and `max_len`.
pub(crate) fn boundary_of(content_type: &str, max_len: usize) -> Result<String, MultipartError> {
    let media = parse_media_type(content_type).ok_or(MultipartError::malformed(
        MalformedReason::InvalidContentType,
    ))?;
    if media.essence != "multipart/mixed" {
        return Err(MultipartError::malformed(
            MalformedReason::NotMultipartMixed,
        ));
    }
    let boundary = media
        .param("boundary")
        .ok_or(MultipartError::malformed(MalformedReason::MissingBoundary))?;
    if boundary.len() > 70 {
        return Err(MultipartError::malformed(MalformedReason::InvalidBoundary));
    }
    if boundary.len() > max_len {
        return Err(MultipartError::LimitExceeded {
            limit: MultipartLimit::Boundary,
            max: max_len,
        });
    }
    if !is_valid_boundary(boundary) {
        return Err(MultipartError::malformed(MalformedReason::InvalidBoundary));
    }
    Ok(boundary.to_owned())
}

/// RFC 2046 §5.1.1: 1 to 70 `bchars`, not ending with a space.
pub(crate) fn is_valid_boundary(boundary: &str) -> bool {
    (1..=70).contains(&boundary.len())
        && !boundary.ends_with(' ')
        && boundary
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"'()+_,-./:=? ".contains(&b))
}

fn unquote(text: &str) -> Option<(String, &str)> {
    let mut out = String::new();
    let mut chars = text.char_indices();
    while let Some((at, ch)) = chars.next() {
        match ch {
            '"' => return Some((out, text.get(at + 1..)?)),
            '\\' => out.push(chars.next()?.1),
            c if c.is_control() && c != '\t' => return None,
            c => out.push(c),
        }
    }
    None
}

fn is_ows(c: char) -> bool {
    c == ' ' || c == '\t'
}

fn is_tchar(c: char) -> bool {
    c.is_ascii_alphanumeric() || "!#$%&'*+-.^_`|~".contains(c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_refuses() {
        let media = parse_media_type("multipart/mixed;boundary=abc ; charset=utf-8").unwrap();
        assert_eq!(media.param("boundary"), Some("abc"));
        assert_eq!(media.param("charset"), Some("utf-8"));
        assert!(parse_media_type("multipart/mixed; boundary=a; boundary=b").is_none());
        assert!(parse_media_type("multipart").is_none());
        assert!(parse_media_type("multipart/mixed; boundary=\"abc").is_none());
        assert!(parse_media_type("multipart/mixed; boundary=").is_none());
        assert!(parse_media_type("application/json; charset=utf-8;").is_some());
    }

    #[test]
    fn boundary_rules() {
        assert!(is_valid_boundary("simple boundary"));
        assert!(!is_valid_boundary("ends with space "));
        assert!(!is_valid_boundary(""));
        assert!(!is_valid_boundary(&"a".repeat(71)));
        assert!(!is_valid_boundary("semi;colon"));
        let err = boundary_of("multipart/mixed", 70).unwrap_err();
        assert_eq!(
            err,
            MultipartError::malformed(MalformedReason::MissingBoundary)
        );
    }
}
