//! Attachment metadata (Data 2.4.11).

use serde::{Deserialize, Deserializer, Serialize};

use super::LanguageMap;
use crate::types::{Iri, MediaType, Sha2Sum};

/// One attachment's metadata.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[non_exhaustive]
pub struct Attachment {
    /// What the attachment is for (e.g. the signature usage type).
    pub usage_type: Iri,
    /// Display names.
    pub display: LanguageMap,
    /// Descriptions.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<LanguageMap>,
    /// The media type.
    pub content_type: MediaType,
    /// Length in octets.
    #[serde(deserialize_with = "integral")]
    pub length: u64,
    /// Hex SHA-2 of the content.
    pub sha2: Sha2Sum,
    /// Where the content can be fetched instead of a multipart part.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub file_url: Option<Iri>,
}

impl Attachment {
    /// An attachment with its required properties.
    pub fn new(
        usage_type: Iri,
        display: LanguageMap,
        content_type: MediaType,
        length: u64,
        sha2: Sha2Sum,
    ) -> Self {
        Self {
            usage_type,
            display,
            description: None,
            content_type,
            length,
            sha2,
            file_url: None,
        }
    }
}

/// A non-negative integer, also written as `5.0`.
fn integral<'de, D: Deserializer<'de>>(deserializer: D) -> Result<u64, D::Error> {
    let number = serde_json::Number::deserialize(deserializer)?;
    if let Some(value) = number.as_u64() {
        return Ok(value);
    }
    match number.as_f64() {
        Some(value) if value >= 0.0 && value.fract() == 0.0 && value < 1.8e19 => Ok(value as u64),
        _ => Err(serde::de::Error::custom(
            "length must be a non-negative integer",
        )),
    }
}
