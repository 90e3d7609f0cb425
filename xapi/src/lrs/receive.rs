//! PUT/POST `/statements` end to end: the front door ([`StatementsRequest::from_http_request`]: version,
//! alternate syntax, method, `statementId`, content type, limits, multipart, validation once,
//! signatures, typed statements with ids) and the body-level [`receive_statements`] it is built on.

mod error;
mod request;

use std::borrow::Cow;

use serde_json::Value;

use crate::multipart::{self, AttachmentPart, MultipartError, parse_media_type};
use crate::signature::{
    CheckedSignature, SignatureError, SignaturePolicy, verify_request_signatures,
};
use crate::{BodyReport, Options, XapiVersion, validate_statement_body};

pub use error::ReceiveError;
pub use request::{RandomIds, ReceivedAttachment, StatementIds, StatementsRequest};

/// What an LRS accepts on PUT/POST `/statements`: the xAPI versions it serves, whether it reads the 1.0.3
/// alternate request syntax, how statements are validated and signatures checked.
///
/// | setting | default |
/// |---|---|
/// | [`versions`](Self::versions) | 1.0.3 and 2.0.0 |
/// | [`alternate_syntax`](Self::alternate_syntax) | on (1.0.3 MUST support it; 2.0 removed it, so a 2.0 request using it is refused either way) |
/// | [`validation`](Self::validation) | [`Options::default`]: default [`Limits`](crate::Limits) and [`Policy`](crate::Policy); the front door sets the version it negotiated |
/// | [`signatures`](Self::signatures) | [`SignaturePolicy::default`] |
///
/// # Example
///
/// ```
/// use learnwire_xapi::lrs::ReceiveOptions;
/// use learnwire_xapi::{Limits, Options, XapiVersion};
///
/// let options = ReceiveOptions::default()
///     .with_versions(&[XapiVersion::V2_0_0])
///     .with_validation(Options::default().with_limits(Limits::default().with_max_body_bytes(256 << 10)));
/// assert_eq!(options.versions(), [XapiVersion::V2_0_0]);
/// assert_eq!(options.validation().limits().max_body_bytes(), 256 << 10);
/// ```
#[derive(Debug, Clone)]
pub struct ReceiveOptions {
    validation: Options,
    signatures: SignaturePolicy,
    versions: Vec<XapiVersion>,
    alternate_syntax: bool,
}

impl Default for ReceiveOptions {
    fn default() -> Self {
        Self::new(Options::default())
    }
}

impl ReceiveOptions {
    /// Options for `validation`, every version, the alternate syntax, and the default signature policy
    /// (comparing payloads as `validation`'s version does).
    pub fn new(validation: Options) -> Self {
        Self {
            validation,
            signatures: SignaturePolicy::new().with_xapi_version(validation.version()),
            versions: vec![XapiVersion::V1_0_3, XapiVersion::V2_0_0],
            alternate_syntax: true,
        }
    }

    /// Statement validation: version (for [`receive_statements`]; the front door uses the negotiated
    /// one), limits, policy.
    pub fn validation(&self) -> &Options {
        &self.validation
    }

    /// The signature policy.
    pub fn signatures(&self) -> &SignaturePolicy {
        &self.signatures
    }

    /// The versions served (`X-Experience-API-Version` negotiation, Communication §3.3).
    pub fn versions(&self) -> &[XapiVersion] {
        &self.versions
    }

    /// Whether the 1.0.3 alternate request syntax is read (Communication §1.3).
    pub fn alternate_syntax(&self) -> bool {
        self.alternate_syntax
    }

    /// Sets [`validation`](Self::validation).
    #[must_use]
    pub fn with_validation(mut self, validation: Options) -> Self {
        self.validation = validation;
        self
    }

    /// Sets [`signatures`](Self::signatures).
    #[must_use]
    pub fn with_signatures(mut self, signatures: SignaturePolicy) -> Self {
        self.signatures = signatures;
        self
    }

    /// Sets [`versions`](Self::versions).
    #[must_use]
    pub fn with_versions(mut self, versions: &[XapiVersion]) -> Self {
        self.versions = versions.to_vec();
        self
    }

    /// Sets [`alternate_syntax`](Self::alternate_syntax).
    #[must_use]
    pub fn with_alternate_syntax(mut self, read: bool) -> Self {
        self.alternate_syntax = read;
        self
    }
}

/// A statement body that passed every check, as JSON values ([`StatementsRequest`] holds typed
/// statements).
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

/// Checks a PUT/POST `/statements` body as an LRS must before storing it, once its headers are read
/// (for the whole request, use [`StatementsRequest::from_http_request`]).
///
/// - `application/json`: the statements are validated; every attachment needs a `fileUrl` (Communication
///   §1.5.1), and signed statements can't be, since their JWS was not sent.
/// - `multipart/mixed`: [`multipart::parse_statement_request`], then validation of the first part, then
///   [`verify_request_signatures`].
///
/// Each statement is validated once, under `options.validation()`.
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
    receive_body(content_type, body, &options.validation, &options.signatures)
}

/// [`receive_statements`] with the options apart (the front door sets the negotiated version).
pub(crate) fn receive_body<'a>(
    content_type: &str,
    body: &'a [u8],
    validation: &Options,
    signatures: &SignaturePolicy,
) -> Result<ReceivedStatements<'a>, ReceiveError> {
    let media = parse_media_type(content_type).ok_or(ReceiveError::UnsupportedContentType)?;
    if media.is("application/json") {
        let report = validate(body, validation)?;
        let (statements, batch) = match crate::json::from_checked_slice::<Value>(body) {
            Ok(Value::Array(items)) => (items, true),
            Ok(single) => (vec![single], false),
            Err(_) => return Err(ReceiveError::Invalid(Box::new(report))),
        };
        check_json_attachments(&statements)?;
        Ok(ReceivedStatements {
            statements,
            batch,
            attachments: Vec::new(),
            signatures: Vec::new(),
            report,
        })
    } else if media.is("multipart/mixed") {
        let request = multipart::parse_statement_request_with(
            content_type,
            body,
            validation.limits(),
            validation.policy().check_attachment_length(),
        )?;
        let report = validate(request.json, validation)?;
        // The payload of a signature is compared as the request's version does (2.0: durations at
        // hundredths of a second).
        let policy = if signatures.compares_as(validation.version()) {
            Cow::Borrowed(signatures)
        } else {
            Cow::Owned(signatures.clone().with_xapi_version(validation.version()))
        };
        let signatures = verify_request_signatures(&request, &policy)?;
        Ok(ReceivedStatements {
            statements: request.statements,
            batch: request.batch,
            attachments: request.attachments,
            signatures,
            report,
        })
    } else {
        Err(ReceiveError::UnsupportedContentType)
    }
}

/// In an `application/json` body, every attachment needs a `fileUrl`, and no statement can be signed.
fn check_json_attachments(statements: &[Value]) -> Result<(), ReceiveError> {
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
    Ok(())
}

fn validate(json: &[u8], options: &Options) -> Result<BodyReport, ReceiveError> {
    let report = validate_statement_body(json, options);
    if report.is_valid() {
        Ok(report)
    } else {
        Err(ReceiveError::Invalid(Box::new(report)))
    }
}
