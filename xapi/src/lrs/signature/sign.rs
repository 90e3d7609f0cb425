//! Signing statements (Data §2.6 "Signature Requirements").

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use serde_json::{Map, Value, json};

use super::error::SignError;
use super::jws::SignatureAlgorithm;
use super::key::SigningKey;
use crate::multipart::{
    BuildError, MultipartBody, MultipartBuilder, SIGNATURE_USAGE_TYPE, sha256_hex,
};

/// A statement with its signature attachment, and the JWS to send as that attachment's part.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct SignedStatement {
    /// The statement, its `attachments` ending with the signature attachment.
    pub statement: Value,
    /// The compact JWS (the signature attachment's data).
    pub jws: String,
}

impl SignedStatement {
    /// A `multipart/mixed` body with this statement, the signature part and `other` attachment parts.
    ///
    /// # Errors
    ///
    /// [`BuildError`] when the statement cannot be serialized or a content type is invalid.
    pub fn to_multipart(&self, other: &[(&str, &[u8])]) -> Result<MultipartBody, BuildError> {
        let json = serde_json::to_vec(&self.statement).map_err(BuildError::Json)?;
        let mut builder = MultipartBuilder::new(json);
        for (content_type, data) in other {
            builder = builder.attachment(content_type, data.to_vec());
        }
        builder
            .attachment("application/octet-stream", self.jws.clone().into_bytes())
            .build()
    }
}

/// Signs `statement` with `key`: the JWS payload is the statement as given; the returned statement has a
/// signature attachment appended (`usageType` signature, `contentType` `application/octet-stream`,
/// `length` and `sha2` of the JWS). `x5c` is the DER certificate chain to put in the header (signer's
/// certificate first), or empty.
///
/// # Errors
///
/// [`SignError`] when the statement is not an object, its `attachments` is not an array, or the key
/// cannot sign.
pub fn sign_statement(
    statement: &Value,
    key: &SigningKey,
    algorithm: SignatureAlgorithm,
    x5c: &[Vec<u8>],
) -> Result<SignedStatement, SignError> {
    let Value::Object(map) = statement else {
        return Err(SignError::NotAnObject);
    };
    if map.get("attachments").is_some_and(|list| !list.is_array()) {
        return Err(SignError::AttachmentsNotArray);
    }
    let mut header = Map::new();
    if !x5c.is_empty() {
        let chain = x5c
            .iter()
            .map(|der| Value::String(STANDARD.encode(der)))
            .collect();
        header.insert("x5c".into(), Value::Array(chain));
    }
    let payload_json = serde_json::to_vec(statement).map_err(SignError::Json)?;
    // learnwire-jose writes {"alg":…} then the members above, and signs the exact segments it sends.
    let jws = key
        .0
        .sign(algorithm.to_jose(), &header, &payload_json)
        .map_err(|error| SignError::Key(Box::new(error)))?;

    let mut signed = map.clone();
    let attachment = json!({
        "usageType": SIGNATURE_USAGE_TYPE,
        "display": {"en-US": "Signature"},
        "contentType": "application/octet-stream",
        "length": jws.len(),
        "sha2": sha256_hex(jws.as_bytes()),
    });
    match signed.get_mut("attachments") {
        Some(Value::Array(list)) => list.push(attachment),
        _ => {
            signed.insert("attachments".into(), Value::Array(vec![attachment]));
        }
    }
    Ok(SignedStatement {
        statement: Value::Object(signed),
        jws,
    })
}
