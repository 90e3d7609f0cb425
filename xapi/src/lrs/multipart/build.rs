//! Building `multipart/mixed` statement bodies (Communication §1.5.2).

use serde_json::Value;

use super::content_type::is_valid_boundary;
use super::matching::sha256_hex;
use super::parse::find;

/// A built body and the `Content-Type` (with its boundary) to send it with.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct MultipartBody {
    /// `multipart/mixed; boundary="..."`.
    pub content_type: String,
    /// The body bytes.
    pub body: Vec<u8>,
}

impl MultipartBody {
    /// A request carrying this body, with `Content-Type` and `X-Experience-API-Version` set.
    ///
    /// # Errors
    ///
    /// [`http::Error`] when `uri` or `version` is not a valid URI or header value.
    pub fn into_http_request(
        self,
        method: http::Method,
        uri: &str,
        version: &str,
    ) -> Result<http::Request<Vec<u8>>, http::Error> {
        http::Request::builder()
            .method(method)
            .uri(uri)
            .header(http::header::CONTENT_TYPE, self.content_type)
            .header("X-Experience-API-Version", version)
            .body(self.body)
    }

    /// A `200 OK` response carrying this body (GET `/statements?attachments=true`).
    ///
    /// # Errors
    ///
    /// [`http::Error`] when `version` is not a valid header value.
    pub fn into_http_response(self, version: &str) -> Result<http::Response<Vec<u8>>, http::Error> {
        http::Response::builder()
            .status(http::StatusCode::OK)
            .header(http::header::CONTENT_TYPE, self.content_type)
            .header("X-Experience-API-Version", version)
            .body(self.body)
    }
}

/// Why a body could not be built (a misuse of the builder, not bad input).
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum BuildError {
    /// The boundary given is not 1–70 RFC 2046 `bchars`.
    #[error("{}: boundary is not 1 to 70 RFC 2046 characters", self.code())]
    InvalidBoundary,
    /// The boundary given occurs in the content.
    #[error("{}: boundary occurs in the content", self.code())]
    BoundaryInContent,
    /// An attachment content type is not a valid header value.
    #[error("{}: attachment content type is not a valid header value", self.code())]
    InvalidContentType,
    /// The statements could not be serialized.
    #[error("{}: statements could not be serialized", self.code())]
    Json(#[source] serde_json::Error),
}

crate::codes::error_codes!(BuildError {
    InvalidBoundary => "xapi.multipart.build.boundary",
        "the boundary given is not 1 to 70 RFC 2046 characters", "RFC 2046 §5.1.1";
    BoundaryInContent => "xapi.multipart.build.boundary-in-content",
        "the boundary given occurs in the content", "RFC 2046 §5.1.1";
    InvalidContentType => "xapi.multipart.build.content-type",
        "an attachment content type is not a valid header value", "RFC 9110 §8.3";
    Json => "xapi.multipart.build.json", "the statements could not be serialized", "RFC 8259";
});

/// Builds a `multipart/mixed` statement body: statements first, then one part per distinct attachment.
///
/// Attachments with identical bytes are sent once (Communication §1.5.2 "SHOULD only include one copy").
/// Without [`boundary`](Self::boundary) the boundary is derived from the content's SHA-256 (so the output
/// is deterministic) and re-derived if it ever occurs in the content.
///
/// # Example
///
/// ```
/// use learnwire_xapi::multipart::MultipartBuilder;
///
/// let body = MultipartBuilder::new(br#"{"actor":{}}"#.to_vec())
///     .attachment("text/plain", b"hi".to_vec())
///     .boundary("xyz")
///     .build()?;
/// assert_eq!(body.content_type, "multipart/mixed; boundary=\"xyz\"");
/// assert!(body.body.starts_with(b"--xyz\r\nContent-Type: application/json\r\n"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone)]
pub struct MultipartBuilder {
    json: Vec<u8>,
    attachments: Vec<(String, Vec<u8>)>,
    boundary: Option<String>,
}

impl MultipartBuilder {
    /// A builder whose first part is `statements_json` (a statement, an array, or a StatementResult).
    pub fn new(statements_json: Vec<u8>) -> Self {
        Self {
            json: statements_json,
            attachments: Vec::new(),
            boundary: None,
        }
    }

    /// Adds an attachment part (skipped when identical bytes were already added).
    #[must_use]
    pub fn attachment(mut self, content_type: &str, data: Vec<u8>) -> Self {
        if !self.attachments.iter().any(|(_, seen)| *seen == data) {
            self.attachments.push((content_type.to_owned(), data));
        }
        self
    }

    /// Uses this boundary instead of a derived one.
    #[must_use]
    pub fn boundary(mut self, boundary: impl Into<String>) -> Self {
        self.boundary = Some(boundary.into());
        self
    }

    /// Builds the body.
    ///
    /// # Errors
    ///
    /// [`BuildError`] for an invalid boundary or content type, or a boundary found in the content.
    pub fn build(self) -> Result<MultipartBody, BuildError> {
        for (content_type, _) in &self.attachments {
            if content_type.is_empty() || content_type.bytes().any(|b| b.is_ascii_control()) {
                return Err(BuildError::InvalidContentType);
            }
        }
        let boundary = match &self.boundary {
            Some(boundary) => {
                if !is_valid_boundary(boundary) {
                    return Err(BuildError::InvalidBoundary);
                }
                if self.contains(boundary) {
                    return Err(BuildError::BoundaryInContent);
                }
                boundary.clone()
            }
            None => self.derive_boundary()?,
        };
        let mut body = Vec::with_capacity(
            self.json
                .len()
                .saturating_add(
                    self.attachments
                        .iter()
                        .map(|(_, d)| d.len().saturating_add(200))
                        .sum(),
                )
                .saturating_add(200),
        );
        push_part(
            &mut body,
            &boundary,
            "Content-Type: application/json\r\n",
            &self.json,
        );
        for (content_type, data) in &self.attachments {
            let headers = format!(
                "Content-Type: {content_type}\r\nContent-Transfer-Encoding: binary\r\nX-Experience-API-Hash: {}\r\n",
                sha256_hex(data)
            );
            push_part(&mut body, &boundary, &headers, data);
        }
        body.extend_from_slice(b"--");
        body.extend_from_slice(boundary.as_bytes());
        body.extend_from_slice(b"--\r\n");
        Ok(MultipartBody {
            content_type: format!("multipart/mixed; boundary=\"{boundary}\""),
            body,
        })
    }

    fn contents(&self) -> impl Iterator<Item = &[u8]> {
        std::iter::once(self.json.as_slice())
            .chain(self.attachments.iter().map(|(_, d)| d.as_slice()))
    }

    fn contains(&self, boundary: &str) -> bool {
        let dash = format!("--{boundary}");
        self.contents()
            .any(|content| find(content, dash.as_bytes()).is_some())
    }

    fn derive_boundary(&self) -> Result<String, BuildError> {
        let mut seed = Vec::new();
        for content in self.contents() {
            seed.extend_from_slice(sha256_hex(content).as_bytes());
        }
        for round in 0u8..16 {
            seed.push(round);
            let digest = sha256_hex(&seed);
            let boundary = format!("learnwire-{}", digest.get(..40).unwrap_or(&digest));
            if !self.contains(&boundary) {
                return Ok(boundary);
            }
        }
        Err(BuildError::BoundaryInContent)
    }
}

fn push_part(body: &mut Vec<u8>, boundary: &str, headers: &str, data: &[u8]) {
    body.extend_from_slice(b"--");
    body.extend_from_slice(boundary.as_bytes());
    body.extend_from_slice(b"\r\n");
    body.extend_from_slice(headers.as_bytes());
    body.extend_from_slice(b"\r\n");
    body.extend_from_slice(data);
    body.extend_from_slice(b"\r\n");
}

/// Builds a statement request body: `statements` (a statement or an array) then one part per attachment
/// `(content type, bytes)`, with a derived boundary.
///
/// # Errors
///
/// [`BuildError`] when the statements cannot be serialized or a content type is invalid.
pub fn build_statement_request(
    statements: &Value,
    attachments: &[(&str, &[u8])],
) -> Result<MultipartBody, BuildError> {
    let json = serde_json::to_vec(statements).map_err(BuildError::Json)?;
    let mut builder = MultipartBuilder::new(json);
    for (content_type, data) in attachments {
        builder = builder.attachment(content_type, data.to_vec());
    }
    builder.build()
}
