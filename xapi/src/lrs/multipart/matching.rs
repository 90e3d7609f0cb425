//! Matching attachment parts to the statements' attachment objects (Communication §1.5.2).

use std::collections::BTreeMap;

use serde_json::Value;
use sha2::{Digest, Sha224, Sha256, Sha384, Sha512};

use super::content_type::parse_media_type;
use super::error::{MalformedReason, MultipartError};
use super::parse::{Part, parse_multipart};
use crate::Limits;
use learnwire_report::quote;

/// The `usageType` of a signature attachment (xAPI Data §2.6).
pub const SIGNATURE_USAGE_TYPE: &str = "http://adlnet.gov/expapi/attachments/signature";

/// A statement request (or response) read from a `multipart/mixed` body, its parts matched to attachments.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct StatementRequest<'a> {
    /// The raw bytes of the first (statements) part, for strict validation.
    pub json: &'a [u8],
    /// The statements of the first part, in order (one for a single statement).
    pub statements: Vec<Value>,
    /// True when the first part was a JSON array (a batch), false for a single statement object.
    pub batch: bool,
    /// The `more` IRL when the first part was a StatementResult (responses only).
    pub more: Option<String>,
    /// Every attachment object of every statement, in order.
    pub declared: Vec<DeclaredAttachment>,
    /// The attachment parts, in order, each matched to at least one declared attachment.
    pub attachments: Vec<AttachmentPart<'a>>,
}

impl<'a> StatementRequest<'a> {
    /// The part whose hash is `sha2` (case-insensitive), if one was sent.
    pub fn part_for(&self, sha2: &str) -> Option<&AttachmentPart<'a>> {
        self.attachments
            .iter()
            .find(|part| part.sha2.eq_ignore_ascii_case(sha2))
    }
}

/// An attachment object found in a statement (`statements[statement].attachments[index]`).
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct DeclaredAttachment {
    /// 0-based index of the statement.
    pub statement: usize,
    /// 0-based index in the statement's `attachments`.
    pub index: usize,
    /// `usageType`, when a string.
    pub usage_type: Option<String>,
    /// `contentType`, when a string.
    pub content_type: Option<String>,
    /// `length`, when a non-negative integer.
    pub length: Option<u64>,
    /// `sha2`, lowercase hex.
    pub sha2: String,
    /// Whether `fileUrl` is present.
    pub has_file_url: bool,
}

impl DeclaredAttachment {
    /// Whether this is a signature attachment (`usageType` [`SIGNATURE_USAGE_TYPE`]).
    pub fn is_signature(&self) -> bool {
        self.usage_type.as_deref() == Some(SIGNATURE_USAGE_TYPE)
    }
}

/// One attachment part, its hash verified.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct AttachmentPart<'a> {
    /// 1-based index of the part in the body.
    pub part: usize,
    /// The `X-Experience-API-Hash`, lowercase hex, equal to the SHA-2 of [`content`](Self::content).
    pub sha2: String,
    /// The part's `Content-Type` header, if any.
    pub content_type: Option<&'a str>,
    /// The raw bytes.
    pub content: &'a [u8],
}

/// Lowercase hex SHA-256 of `data` (what `sha2` and `X-Experience-API-Hash` usually carry).
pub fn sha256_hex(data: &[u8]) -> String {
    hex(&Sha256::digest(data))
}

/// Reads a `multipart/mixed` statement request (PUT/POST `/statements`): first part a statement or an array.
///
/// Checks, in order: the structure ([`parse_multipart`]); the first part is `application/json` and parses
/// as one statement object or an array of them; each further part has a valid `X-Experience-API-Hash`
/// equal to the SHA-2 of its bytes, no other `Content-Transfer-Encoding` than `binary`, and a hash no other
/// part has; every part matches some attachment's `sha2` and every attachment without `fileUrl` has a
/// part; each matched part's size equals the attachment `length`; the part `Content-Type` equals the
/// attachment `contentType` (except signature attachments, checked by
/// [`verify_request_signatures`](crate::signature::verify_request_signatures)).
///
/// The statements themselves are not validated here: run the statement validator on
/// [`StatementRequest::statements`] (or use [`crate::lrs::receive_statements`], which does all).
///
/// # Errors
///
/// The first [`MultipartError`] found, each with its own [`code`](MultipartError::code).
pub fn parse_statement_request<'a>(
    content_type: &str,
    body: &'a [u8],
    limits: &Limits,
) -> Result<StatementRequest<'a>, MultipartError> {
    read(content_type, body, limits, false, true)
}

/// [`parse_statement_request`] with the `length` check chosen: `check_length` false leaves an
/// attachment whose `length` differs from its part's size to the caller (the front door follows
/// [`Policy::check_attachment_length`](crate::Policy::check_attachment_length)).
pub(crate) fn parse_statement_request_with<'a>(
    content_type: &str,
    body: &'a [u8],
    limits: &Limits,
    check_length: bool,
) -> Result<StatementRequest<'a>, MultipartError> {
    read(content_type, body, limits, false, check_length)
}

/// Reads a `multipart/mixed` GET `/statements?attachments=true` response: first part a StatementResult
/// (`{"statements": [...], "more": "..."}`) or a single statement; the same checks as
/// [`parse_statement_request`].
///
/// # Errors
///
/// As [`parse_statement_request`].
pub fn parse_statement_response<'a>(
    content_type: &str,
    body: &'a [u8],
    limits: &Limits,
) -> Result<StatementRequest<'a>, MultipartError> {
    read(content_type, body, limits, true, true)
}

fn read<'a>(
    content_type: &str,
    body: &'a [u8],
    limits: &Limits,
    response: bool,
    check_length: bool,
) -> Result<StatementRequest<'a>, MultipartError> {
    let multipart = parse_multipart(content_type, body, limits)?;
    let mut parts = multipart.parts.into_iter();
    let first = parts
        .next()
        .ok_or(MultipartError::malformed(MalformedReason::NoParts))?;
    let is_json = first
        .header("content-type")
        .and_then(parse_media_type)
        .is_some_and(|media| media.is("application/json"));
    if !is_json {
        return Err(MultipartError::malformed(MalformedReason::FirstPartNotJson));
    }
    let (statements, batch, more) = read_statements(first.body, limits, response)?;
    let declared = declared_attachments(&statements)?;
    let attachments = hashed_parts(parts)?;
    match_parts(&declared, &attachments, check_length)?;
    Ok(StatementRequest {
        json: first.body,
        statements,
        batch,
        more,
        declared,
        attachments,
    })
}

fn invalid(detail: impl Into<String>) -> MultipartError {
    MultipartError::InvalidStatements {
        detail: detail.into(),
    }
}

/// Levels a statement may sit below the top of the statements part: a batch's array (1) or a
/// StatementResult's object and its `statements` array (2).
const WRAPPER_LEVELS: usize = 2;

/// Reads the statements part as the `application/json` reader bounds a body: each statement at most
/// [`Limits::max_depth`] levels deep (the statement validator, run on the same bytes by the front door,
/// checks each statement exactly; here the bound also admits the wrapping array or StatementResult).
fn read_statements(
    json: &[u8],
    limits: &Limits,
    response: bool,
) -> Result<(Vec<Value>, bool, Option<String>), MultipartError> {
    let max_depth = limits.effective_depth().saturating_add(WRAPPER_LEVELS);
    let value: Value = crate::json::read_value_within_depth(json, max_depth)
        .map_err(|err| invalid(format!("not JSON: {err}")))?;
    let (value, more) = match value {
        Value::Object(mut map) if response && map.contains_key("statements") => {
            let more = match map.remove("more") {
                None => None,
                Some(Value::String(more)) => Some(more),
                Some(_) => return Err(invalid("\"more\" is not a string")),
            };
            let statements = map.remove("statements").unwrap_or(Value::Null);
            if !statements.is_array() {
                return Err(invalid("\"statements\" is not an array"));
            }
            (statements, more)
        }
        other => (other, None),
    };
    match value {
        Value::Object(_) => Ok((vec![value], false, more)),
        Value::Array(items) => {
            if let Some(at) = items.iter().position(|item| !item.is_object()) {
                return Err(invalid(format!("element {at} is not a statement object")));
            }
            Ok((items, true, more))
        }
        _ => Err(invalid("neither a statement object nor an array")),
    }
}

fn declared_attachments(statements: &[Value]) -> Result<Vec<DeclaredAttachment>, MultipartError> {
    let mut declared = Vec::new();
    for (statement, value) in statements.iter().enumerate() {
        let Some(list) = value.get("attachments") else {
            continue;
        };
        let list = list.as_array().ok_or_else(|| {
            invalid(format!(
                "statement {statement}: attachments is not an array"
            ))
        })?;
        for (index, attachment) in list.iter().enumerate() {
            let sha2 = attachment
                .get("sha2")
                .and_then(Value::as_str)
                .filter(|sha2| is_hex_digest(sha2))
                .ok_or_else(|| {
                    invalid(format!(
                        "statement {statement}: attachment {index} has no hex sha2"
                    ))
                })?;
            let text = |key: &str| {
                attachment
                    .get(key)
                    .and_then(Value::as_str)
                    .map(str::to_owned)
            };
            declared.push(DeclaredAttachment {
                statement,
                index,
                usage_type: text("usageType"),
                content_type: text("contentType"),
                length: attachment.get("length").and_then(Value::as_u64),
                sha2: sha2.to_ascii_lowercase(),
                has_file_url: attachment.get("fileUrl").is_some(),
            });
        }
    }
    Ok(declared)
}

fn hashed_parts<'a>(
    parts: impl Iterator<Item = Part<'a>>,
) -> Result<Vec<AttachmentPart<'a>>, MultipartError> {
    let mut out: Vec<AttachmentPart<'a>> = Vec::new();
    for (offset, part) in parts.enumerate() {
        let number = offset.saturating_add(1);
        let header = part
            .header("x-experience-api-hash")
            .ok_or(MultipartError::malformed(MalformedReason::MissingHash {
                part: number,
            }))?;
        if !is_hex_digest(header) {
            return Err(MultipartError::malformed(MalformedReason::InvalidHash {
                part: number,
            }));
        }
        if let Some(encoding) = part.header("content-transfer-encoding")
            && !encoding.eq_ignore_ascii_case("binary")
        {
            return Err(MultipartError::malformed(
                MalformedReason::TransferEncoding { part: number },
            ));
        }
        if let Some(content_type) = part.header("content-type")
            && parse_media_type(content_type).is_none()
        {
            return Err(MultipartError::malformed(
                MalformedReason::InvalidPartContentType { part: number },
            ));
        }
        let expected = header.to_ascii_lowercase();
        let computed = sha2_hex(expected.len(), part.body);
        if computed != expected {
            return Err(MultipartError::AttachmentHashMismatch {
                part: number,
                expected: quote(header),
                computed,
            });
        }
        if let Some(first) = out.iter().find(|seen| seen.sha2 == expected) {
            return Err(MultipartError::DuplicatePart {
                first: first.part,
                second: number,
                hash: expected,
            });
        }
        out.push(AttachmentPart {
            part: number,
            sha2: expected,
            content_type: part.header("content-type"),
            content: part.body,
        });
    }
    Ok(out)
}

fn match_parts(
    declared: &[DeclaredAttachment],
    parts: &[AttachmentPart<'_>],
    check_length: bool,
) -> Result<(), MultipartError> {
    let unexpected = parts
        .iter()
        .find(|part| !declared.iter().any(|att| att.sha2 == part.sha2));
    let missing = declared
        .iter()
        .find(|att| !att.has_file_url && !parts.iter().any(|part| part.sha2 == att.sha2));
    match (unexpected, missing) {
        (Some(part), Some(att)) => {
            return Err(MultipartError::AttachmentHashMismatch {
                part: part.part,
                expected: quote(&att.sha2),
                computed: part.sha2.clone(),
            });
        }
        (None, Some(att)) => {
            return Err(MultipartError::MissingAttachmentPart {
                statement: att.statement,
                attachment: att.index,
                sha2: quote(&att.sha2),
            });
        }
        (Some(part), None) => {
            return Err(MultipartError::UnexpectedPart {
                part: part.part,
                hash: part.sha2.clone(),
            });
        }
        (None, None) => {}
    }
    check_declared_types_agree(declared)?;
    for att in declared {
        let Some(part) = parts.iter().find(|part| part.sha2 == att.sha2) else {
            continue;
        };
        if let Some(length) = att.length.filter(|_| check_length)
            && u64::try_from(part.content.len()).ok() != Some(length)
        {
            return Err(MultipartError::AttachmentLengthMismatch {
                sha2: att.sha2.clone(),
                declared: length,
                actual: part.content.len(),
            });
        }
        if att.is_signature() {
            continue;
        }
        if let (Some(declared_type), Some(found)) = (&att.content_type, part.content_type) {
            let same = match (parse_media_type(declared_type), parse_media_type(found)) {
                (Some(a), Some(b)) => a.essence() == b.essence(),
                _ => declared_type.eq_ignore_ascii_case(found),
            };
            if !same {
                return Err(MultipartError::ContentTypeMismatch {
                    part: part.part,
                    declared: quote(declared_type),
                    found: quote(found),
                });
            }
        }
    }
    Ok(())
}

/// Attachments that share a hash share their content, so their declared media types (compared by
/// essence, parameters aside) must agree: otherwise which one the part must match is ambiguous.
fn check_declared_types_agree(declared: &[DeclaredAttachment]) -> Result<(), MultipartError> {
    let mut seen: BTreeMap<&str, &str> = BTreeMap::new();
    for att in declared.iter().filter(|att| !att.is_signature()) {
        let Some(declared_type) = att.content_type.as_deref() else {
            continue;
        };
        let Some(first) = seen.get(att.sha2.as_str()).copied() else {
            seen.insert(&att.sha2, declared_type);
            continue;
        };
        let same = match (parse_media_type(first), parse_media_type(declared_type)) {
            (Some(a), Some(b)) => a.essence() == b.essence(),
            _ => first.eq_ignore_ascii_case(declared_type),
        };
        if !same {
            return Err(MultipartError::ConflictingContentTypes {
                sha2: att.sha2.clone(),
                first: quote(first),
                second: quote(declared_type),
            });
        }
    }
    Ok(())
}

/// Whether `text` is the hex form of a SHA-224, SHA-256, SHA-384 or SHA-512 digest.
pub(crate) fn is_hex_digest(text: &str) -> bool {
    matches!(text.len(), 56 | 64 | 96 | 128) && text.bytes().all(|b| b.is_ascii_hexdigit())
}

/// The SHA-2 of `data` whose hex form is `hex_len` long (SHA-256 when the length is unknown).
pub(crate) fn sha2_hex(hex_len: usize, data: &[u8]) -> String {
    match hex_len {
        56 => hex(&Sha224::digest(data)),
        96 => hex(&Sha384::digest(data)),
        128 => hex(&Sha512::digest(data)),
        _ => hex(&Sha256::digest(data)),
    }
}

fn hex(bytes: &[u8]) -> String {
    use std::fmt::Write;
    let mut out = String::with_capacity(bytes.len().saturating_mul(2));
    for byte in bytes {
        let _ = write!(out, "{byte:02x}");
    }
    out
}
