//! `Content-Type` values (RFC 9110 §8.3.1) and the multipart boundary (RFC 2046 §5.1.1).

use super::error::{MalformedReason, MultipartError, MultipartLimit};
use crate::types::{MediaType, is_ows};

/// Parses a `Content-Type` header value such as `multipart/mixed; boundary="abc"` into the crate's one
/// [`MediaType`]: the value is trimmed of surrounding white space (RFC 9110 §5.5), then read by
/// [`MediaType::parse`].
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
/// assert_eq!(media.essence(), "multipart/mixed");
/// assert_eq!(media.param("BOUNDARY"), Some("a b"));
/// ```
pub fn parse_media_type(value: &str) -> Option<MediaType> {
    MediaType::parse(value.trim_matches(is_ows)).ok()
}

/// The boundary of a `multipart/mixed` content type, checked against RFC 2046 and `max_len`.
pub(crate) fn boundary_of(content_type: &str, max_len: usize) -> Result<String, MultipartError> {
    let media = parse_media_type(content_type).ok_or(MultipartError::malformed(
        MalformedReason::InvalidContentType,
    ))?;
    if !media.is("multipart/mixed") {
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
