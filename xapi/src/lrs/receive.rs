//! PUT/POST `/statements` bodies end to end: content type, multipart, validation, signatures.

use learnwire_report::Code;
use serde_json::Value;

use crate::multipart::{self, AttachmentPart, MultipartError, parse_media_type};
use crate::signature::{
    CheckedSignature, SignatureError, SignaturePolicy, verify_request_signatures,
};
use crate::{BodyReport, Options, validate_statement_body};

/// What [`receive_statements`] checks against.
#[derive(Debug, Clone, Default)]
#[non_exhaustive]
pub struct ReceiveOptions {
    /// Statement validation (version, limits, policy).
    pub validation: Options,
    /// Signature policy.
    pub signatures: SignaturePolicy,
}

impl ReceiveOptions {
    /// Options for `validation`, default limits and signature policy.
    pub fn new(validation: Options) -> Self {
        Self {
            validation,
            signatures: SignaturePolicy::new().with_xapi_version(validation.version),
        }
    }
}

/// A statement body that passed every check.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct ReceivedStatements<'a> {
    /// The statements, in order.
    pub statements: Vec<Value>,
    /// Whether the body was a batch (array).
    pub batch: bool,
    /// The attachment parts (empty for `application/json`).
    pub attachments: Vec<AttachmentPart<'a>>,
    /// The signatures checked, one per signed statement.
    pub signatures: Vec<CheckedSignature>,
    /// The validation report (warnings only, since the body passed).
    pub report: BodyReport,
}

/// Why a statement body was rejected (`400 Bad Request`).
#[derive(Debug, Clone, thiserror::Error)]
#[non_exhaustive]
pub enum ReceiveError {
    /// The `Content-Type` is neither `application/json` nor `multipart/mixed`.
    #[error("content type is neither application/json nor multipart/mixed")]
    UnsupportedContentType,
    /// The `multipart/mixed` structure or attachment matching failed.
    #[error(transparent)]
    Multipart(#[from] MultipartError),
    /// A statement is invalid.
    #[error("the statements are invalid")]
    Invalid(Box<BodyReport>),
    /// A signed statement failed its checks.
    #[error(transparent)]
    Signature(#[from] SignatureError),
}

impl ReceiveError {
    /// The stable code: the inner error's, or the first validation error's.
    pub fn code(&self) -> Code {
        match self {
            Self::UnsupportedContentType => Code::new("xapi.request.content-type"),
            Self::Multipart(error) => error.code(),
            Self::Signature(error) => error.code(),
            Self::Invalid(report) => report
                .flatten()
                .errors()
                .next()
                .map_or(Code::new("xapi.statement.invalid"), |issue| issue.code),
        }
    }
}

/// Checks a PUT/POST `/statements` body as an LRS must before storing it.
///
/// - `application/json`: the statements are validated; every attachment needs a `fileUrl` (Communication
///   §1.5.1), and signed statements can't be, since their JWS was not sent.
/// - `multipart/mixed`: [`multipart::parse_statement_request`], then validation of the first part, then
///   [`verify_request_signatures`].
///
/// # Errors
///
/// The first [`ReceiveError`] found.
///
/// # Example
///
/// ```
/// use learnwire_xapi::lrs::{receive_statements, ReceiveOptions};
///
/// let body = br#"{"actor": {"mbox": "mailto:a@example.com"}, "verb": {"id": "http://x/v"},
///                 "object": {"id": "http://x/a"}}"#;
/// let received = receive_statements("application/json", body, &ReceiveOptions::default())?;
/// assert_eq!(received.statements.len(), 1);
/// # Ok::<(), learnwire_xapi::lrs::ReceiveError>(())
/// ```
pub fn receive_statements<'a>(
    content_type: &str,
    body: &'a [u8],
    options: &ReceiveOptions,
) -> Result<ReceivedStatements<'a>, ReceiveError> {
    let essence = parse_media_type(content_type)
        .map(|media| media.essence().to_owned())
        .ok_or(ReceiveError::UnsupportedContentType)?;
    match essence.as_str() {
        "application/json" => {
            let report = validate(body, options)?;
            let (statements, batch) = match crate::json::from_checked_slice::<Value>(body) {
                Ok(Value::Array(items)) => (items, true),
                Ok(single) => (vec![single], false),
                Err(_) => return Err(ReceiveError::Invalid(Box::new(report))),
            };
            for (statement, value) in statements.iter().enumerate() {
                let list = value.get("attachments").and_then(Value::as_array);
                for (attachment, item) in list.into_iter().flatten().enumerate() {
                    let sha2 = item.get("sha2").and_then(Value::as_str).unwrap_or_default();
                    let usage = item.get("usageType").and_then(Value::as_str);
                    if usage == Some(multipart::SIGNATURE_USAGE_TYPE) {
                        return Err(SignatureError::MissingPart {
                            sha2: learnwire_report::quote(sha2),
                        }
                        .into());
                    }
                    if item.get("fileUrl").is_none() {
                        return Err(MultipartError::MissingAttachmentPart {
                            statement,
                            attachment,
                            sha2: learnwire_report::quote(sha2),
                        }
                        .into());
                    }
                }
            }
            Ok(ReceivedStatements {
                statements,
                batch,
                attachments: Vec::new(),
                signatures: Vec::new(),
                report,
            })
        }
        "multipart/mixed" => {
            let request =
                multipart::parse_statement_request(content_type, body, &options.validation.limits)?;
            let report = validate(request.json, options)?;
            let signatures = verify_request_signatures(&request, &options.signatures)?;
            Ok(ReceivedStatements {
                statements: request.statements,
                batch: request.batch,
                attachments: request.attachments,
                signatures,
                report,
            })
        }
        _ => Err(ReceiveError::UnsupportedContentType),
    }
}

fn validate(json: &[u8], options: &ReceiveOptions) -> Result<BodyReport, ReceiveError> {
    let report = validate_statement_body(json, &options.validation);
    if report.is_valid() {
        Ok(report)
    } else {
        Err(ReceiveError::Invalid(Box::new(report)))
    }
}
