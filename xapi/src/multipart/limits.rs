//! Limits for `multipart/mixed` bodies.

/// Bounds applied while a `multipart/mixed` body is scanned; each is checked before the work it bounds.
///
/// | limit | default | why |
/// |---|---|---|
/// | [`max_body`](Self::max_body) | 32 MiB | whole request (statements + attachment data) |
/// | [`max_statements_part`](Self::max_statements_part) | 1 MiB | the JSON part, as for an `application/json` body |
/// | [`max_parts`](Self::max_parts) | 256 | statements part included |
/// | [`max_header_line`](Self::max_header_line) | 8 KiB | one part header line |
/// | [`max_headers`](Self::max_headers) | 32 | header lines in one part |
/// | [`max_boundary`](Self::max_boundary) | 70 | RFC 2046 §5.1.1 maximum; lower it only |
///
/// # Example
///
/// ```
/// use learnwire_xapi::multipart::Limits;
///
/// let limits = Limits::default().with_max_parts(16).with_max_body(4 << 20);
/// assert_eq!(limits.max_parts(), 16);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    max_body: usize,
    max_statements_part: usize,
    max_parts: usize,
    max_header_line: usize,
    max_headers: usize,
    max_boundary: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Self {
            max_body: 32 << 20,
            max_statements_part: 1 << 20,
            max_parts: 256,
            max_header_line: 8 << 10,
            max_headers: 32,
            max_boundary: 70,
        }
    }
}

impl Limits {
    /// Largest whole body, in bytes.
    pub fn max_body(&self) -> usize {
        self.max_body
    }
    /// Largest statements (first) part, in bytes.
    pub fn max_statements_part(&self) -> usize {
        self.max_statements_part
    }
    /// Most parts, the statements part included.
    pub fn max_parts(&self) -> usize {
        self.max_parts
    }
    /// Longest part header line, in bytes (without its CRLF).
    pub fn max_header_line(&self) -> usize {
        self.max_header_line
    }
    /// Most header lines in one part.
    pub fn max_headers(&self) -> usize {
        self.max_headers
    }
    /// Longest boundary, in characters (never more than RFC 2046's 70).
    pub fn max_boundary(&self) -> usize {
        self.max_boundary
    }

    /// Sets [`max_body`](Self::max_body).
    #[must_use]
    pub fn with_max_body(mut self, bytes: usize) -> Self {
        self.max_body = bytes;
        self
    }
    /// Sets [`max_statements_part`](Self::max_statements_part).
    #[must_use]
    pub fn with_max_statements_part(mut self, bytes: usize) -> Self {
        self.max_statements_part = bytes;
        self
    }
    /// Sets [`max_parts`](Self::max_parts).
    #[must_use]
    pub fn with_max_parts(mut self, parts: usize) -> Self {
        self.max_parts = parts;
        self
    }
    /// Sets [`max_header_line`](Self::max_header_line).
    #[must_use]
    pub fn with_max_header_line(mut self, bytes: usize) -> Self {
        self.max_header_line = bytes;
        self
    }
    /// Sets [`max_headers`](Self::max_headers).
    #[must_use]
    pub fn with_max_headers(mut self, count: usize) -> Self {
        self.max_headers = count;
        self
    }
    /// Sets [`max_boundary`](Self::max_boundary), capped at RFC 2046's 70.
    #[must_use]
    pub fn with_max_boundary(mut self, chars: usize) -> Self {
        self.max_boundary = chars.min(70);
        self
    }
}
