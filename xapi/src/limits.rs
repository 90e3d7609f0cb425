//! Every limit on untrusted input, in one value.

/// Size, depth and count limits, each enforced before the work it protects, each with its own code when
/// hit (`xapi.limit.*` for statement bodies, `xapi.multipart.limit.*` for `multipart/mixed` bodies).
///
/// One value serves every reader of the crate: the statement body reader and validator, the
/// `multipart/mixed` scanner (whose statements part is read as a statement body, so
/// [`max_body_bytes`](Self::max_body_bytes) bounds it too) and the LRS front door.
///
/// | limit | default | checked |
/// |---|---|---|
/// | [`max_body_bytes`](Self::max_body_bytes) | 1 MiB | an `application/json` body, and the statements part of a `multipart/mixed` one, on its length |
/// | [`max_statement_bytes`](Self::max_statement_bytes) | 256 KiB | each statement of a batch, before it is read |
/// | [`max_depth`](Self::max_depth) | 128 (at most 512) | while reading, from the statement (each element of a batch on its own) |
/// | [`max_batch_statements`](Self::max_batch_statements) | 1 000 | while splitting a batch, before any statement is read |
/// | [`max_string_bytes`](Self::max_string_bytes) | 65 536 | every string value, and every key inside `extensions` |
/// | [`max_collection_items`](Self::max_collection_items) | 10 000 | every array and object, extension values included |
/// | [`max_issues`](Self::max_issues) | 10 000 | issues kept for one body, its statements together |
/// | [`max_pointer_bytes`](Self::max_pointer_bytes) | 1 024 | the JSON pointer of one issue |
/// | [`max_multipart_bytes`](Self::max_multipart_bytes) | 32 MiB | a whole `multipart/mixed` body (statements and attachment data) |
/// | [`max_parts`](Self::max_parts) | 256 | parts of a `multipart/mixed` body, the statements part included |
/// | [`max_part_header_line`](Self::max_part_header_line) | 8 KiB | one part header line, while scanning |
/// | [`max_part_headers`](Self::max_part_headers) | 32 | header lines of one part |
/// | [`max_boundary`](Self::max_boundary) | 70 | the multipart boundary (RFC 2046 §5.1.1's maximum; lower it only) |
/// | [`max_alternate_body_bytes`](Self::max_alternate_body_bytes) | 2 MiB | the form body of a 1.0.3 alternate-syntax request, before it is decoded |
///
/// # Example
///
/// ```
/// use learnwire_xapi::Limits;
///
/// let limits = Limits::default().with_max_depth(64).with_max_parts(16);
/// assert_eq!(limits.max_depth(), 64);
/// assert_eq!(limits.max_parts(), 16);
/// assert_eq!(limits.max_body_bytes(), 1 << 20);
/// assert_eq!(Limits::default().with_max_boundary(100).max_boundary(), 70);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limits {
    max_body_bytes: usize,
    max_statement_bytes: usize,
    max_depth: usize,
    max_batch_statements: usize,
    max_string_bytes: usize,
    max_collection_items: usize,
    max_issues: usize,
    max_pointer_bytes: usize,
    max_multipart_bytes: usize,
    max_parts: usize,
    max_part_header_line: usize,
    max_part_headers: usize,
    max_boundary: usize,
    max_alternate_body_bytes: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Self {
            max_body_bytes: 1 << 20,
            max_statement_bytes: 256 << 10,
            max_depth: 128,
            max_batch_statements: 1_000,
            max_string_bytes: 65_536,
            max_collection_items: 10_000,
            max_issues: learnwire_report::Report::DEFAULT_ISSUE_LIMIT,
            max_pointer_bytes: 1_024,
            max_multipart_bytes: 32 << 20,
            max_parts: 256,
            max_part_header_line: 8 << 10,
            max_part_headers: 32,
            max_boundary: 70,
            max_alternate_body_bytes: 2 << 20,
        }
    }
}

/// RFC 2046 §5.1.1: a boundary has at most 70 characters.
const RFC_2046_MAX_BOUNDARY: usize = 70;

impl Limits {
    /// The largest [`max_depth`](Self::max_depth) that takes effect: 512 levels, which the readers walk
    /// recursively within a 2 MiB thread stack.
    pub const MAX_DEPTH: usize = 512;

    /// The documented defaults.
    pub fn new() -> Self {
        Self::default()
    }

    /// Largest request body in bytes: an `application/json` body, and the statements (first) part of a
    /// `multipart/mixed` one. Default 1 MiB (1 048 576).
    pub fn max_body_bytes(&self) -> usize {
        self.max_body_bytes
    }

    /// Largest single statement in bytes (each element of a batch). Default 256 KiB (262 144).
    pub fn max_statement_bytes(&self) -> usize {
        self.max_statement_bytes
    }

    /// Deepest nesting of arrays and objects, counted from the statement (each element of a batch on its
    /// own): a statement nested exactly this deep passes, one level more is refused. Default 128. The
    /// readers recurse once per level, so values above [`Limits::MAX_DEPTH`] act as
    /// [`Limits::MAX_DEPTH`].
    pub fn max_depth(&self) -> usize {
        self.max_depth
    }

    /// Most statements in one batch. Default 1 000.
    pub fn max_batch_statements(&self) -> usize {
        self.max_batch_statements
    }

    /// Longest string value in bytes, and longest key inside `extensions` (extension keys and the keys of
    /// objects in extension values). Default 65 536.
    pub fn max_string_bytes(&self) -> usize {
        self.max_string_bytes
    }

    /// Most items in one array or object (members, components, language map entries, extensions, and any
    /// array or object inside an extension value). Default 10 000.
    pub fn max_collection_items(&self) -> usize {
        self.max_collection_items
    }

    /// Most issues kept for one request body, its statements together; past that they are only counted
    /// (each report's `dropped`), and no location or message is built for them. Default 10 000
    /// (`Report::DEFAULT_ISSUE_LIMIT`).
    pub fn max_issues(&self) -> usize {
        self.max_issues
    }

    /// Longest JSON pointer put in an issue's location, in bytes. An issue deeper than that (under long
    /// keys) is located at its deepest ancestor whose pointer fits, and its message says so. With
    /// [`max_issues`](Self::max_issues) this bounds the size of a report whatever the input. Default
    /// 1 024.
    pub fn max_pointer_bytes(&self) -> usize {
        self.max_pointer_bytes
    }

    /// Largest whole `multipart/mixed` body in bytes (statements and attachment data). Default 32 MiB.
    pub fn max_multipart_bytes(&self) -> usize {
        self.max_multipart_bytes
    }

    /// Most parts in a `multipart/mixed` body, the statements part included. Default 256.
    pub fn max_parts(&self) -> usize {
        self.max_parts
    }

    /// Longest part header line in bytes (without its CRLF). Default 8 KiB.
    pub fn max_part_header_line(&self) -> usize {
        self.max_part_header_line
    }

    /// Most header lines in one part. Default 32.
    pub fn max_part_headers(&self) -> usize {
        self.max_part_headers
    }

    /// Longest multipart boundary, in characters (never more than RFC 2046's 70). Default 70.
    pub fn max_boundary(&self) -> usize {
        self.max_boundary
    }

    /// Largest form body of a 1.0.3 alternate-syntax request (Communication §1.3) in bytes, checked before
    /// the form is decoded (the statement inside it is then bounded by
    /// [`max_body_bytes`](Self::max_body_bytes) like any other). Default 2 MiB (2 097 152).
    pub fn max_alternate_body_bytes(&self) -> usize {
        self.max_alternate_body_bytes
    }

    /// Sets [`max_body_bytes`](Self::max_body_bytes).
    #[must_use]
    pub fn with_max_body_bytes(mut self, bytes: usize) -> Self {
        self.max_body_bytes = bytes;
        self
    }

    /// Sets [`max_statement_bytes`](Self::max_statement_bytes).
    #[must_use]
    pub fn with_max_statement_bytes(mut self, bytes: usize) -> Self {
        self.max_statement_bytes = bytes;
        self
    }

    /// Sets [`max_depth`](Self::max_depth) (values above [`Limits::MAX_DEPTH`] act as it).
    #[must_use]
    pub fn with_max_depth(mut self, levels: usize) -> Self {
        self.max_depth = levels;
        self
    }

    /// Sets [`max_batch_statements`](Self::max_batch_statements).
    #[must_use]
    pub fn with_max_batch_statements(mut self, statements: usize) -> Self {
        self.max_batch_statements = statements;
        self
    }

    /// Sets [`max_string_bytes`](Self::max_string_bytes).
    #[must_use]
    pub fn with_max_string_bytes(mut self, bytes: usize) -> Self {
        self.max_string_bytes = bytes;
        self
    }

    /// Sets [`max_collection_items`](Self::max_collection_items).
    #[must_use]
    pub fn with_max_collection_items(mut self, items: usize) -> Self {
        self.max_collection_items = items;
        self
    }

    /// Sets [`max_issues`](Self::max_issues).
    #[must_use]
    pub fn with_max_issues(mut self, issues: usize) -> Self {
        self.max_issues = issues;
        self
    }

    /// Sets [`max_pointer_bytes`](Self::max_pointer_bytes).
    #[must_use]
    pub fn with_max_pointer_bytes(mut self, bytes: usize) -> Self {
        self.max_pointer_bytes = bytes;
        self
    }

    /// Sets [`max_multipart_bytes`](Self::max_multipart_bytes).
    #[must_use]
    pub fn with_max_multipart_bytes(mut self, bytes: usize) -> Self {
        self.max_multipart_bytes = bytes;
        self
    }

    /// Sets [`max_parts`](Self::max_parts).
    #[must_use]
    pub fn with_max_parts(mut self, parts: usize) -> Self {
        self.max_parts = parts;
        self
    }

    /// Sets [`max_part_header_line`](Self::max_part_header_line).
    #[must_use]
    pub fn with_max_part_header_line(mut self, bytes: usize) -> Self {
        self.max_part_header_line = bytes;
        self
    }

    /// Sets [`max_part_headers`](Self::max_part_headers).
    #[must_use]
    pub fn with_max_part_headers(mut self, count: usize) -> Self {
        self.max_part_headers = count;
        self
    }

    /// Sets [`max_boundary`](Self::max_boundary), capped at RFC 2046's 70.
    #[must_use]
    pub fn with_max_boundary(mut self, chars: usize) -> Self {
        self.max_boundary = chars.min(RFC_2046_MAX_BOUNDARY);
        self
    }

    /// Sets [`max_alternate_body_bytes`](Self::max_alternate_body_bytes).
    #[must_use]
    pub fn with_max_alternate_body_bytes(mut self, bytes: usize) -> Self {
        self.max_alternate_body_bytes = bytes;
        self
    }

    /// [`max_depth`](Self::max_depth), at most [`Self::MAX_DEPTH`].
    pub(crate) fn effective_depth(&self) -> usize {
        self.max_depth.min(Self::MAX_DEPTH)
    }
}
