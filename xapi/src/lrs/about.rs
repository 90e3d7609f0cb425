//! The About resource and `X-Experience-API-Version` negotiation (xAPI 1.0.3 Communication §2.8, §3.3).
//!
//! # Example
//!
//! ```
//! use learnwire_xapi::about::{About, VersionNegotiation};
//! use learnwire_xapi::XapiVersion;
//!
//! let lrs = VersionNegotiation::new(&[XapiVersion::V1_0_3, XapiVersion::V2_0_0]);
//! assert_eq!(lrs.negotiate(Some("1.0"))?, XapiVersion::V1_0_3);
//! assert_eq!(lrs.negotiate(Some("2.0.0"))?, XapiVersion::V2_0_0);
//! assert!(lrs.negotiate(Some("1.1.0")).is_err());
//! assert!(lrs.negotiate(None).is_err());
//!
//! let about = About::new(&[XapiVersion::V1_0_3, XapiVersion::V2_0_0]);
//! assert_eq!(about.to_json(), serde_json::json!({"version": ["1.0.3", "2.0.0"]}));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::collections::BTreeMap;

use http::StatusCode;
use iri_string::types::IriStr;
use learnwire_report::quote;
use serde_json::{Map, Value};

use crate::XapiVersion;

/// The header carrying the xAPI version of every request and response (Communication §3.3).
pub const VERSION_HEADER: &str = "X-Experience-API-Version";

/// The About document: versions supported and extensions (Communication §2.8).
#[derive(Debug, Clone, Default, PartialEq)]
#[non_exhaustive]
pub struct About {
    /// `version`: the latest patch version supported, per major version (`1.0.3`, `2.0.0`).
    pub version: Vec<String>,
    /// `extensions`: IRI keys, any JSON values.
    pub extensions: BTreeMap<String, Value>,
}

/// Why an About document was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum AboutError {
    /// Not a JSON object (or a repeated key).
    #[error("{}: the About document is not a JSON object", self.code())]
    NotObject,
    /// `version` missing, not an array of strings, or empty.
    #[error("{}: the About document has no array of version strings", self.code())]
    Version,
    /// A property other than `version` and `extensions`.
    #[error("{}: the About document has the property {name}, not allowed outside extensions", self.code())]
    UnknownProperty {
        /// The property (quoted).
        name: String,
    },
    /// `extensions` is not an object with IRI keys.
    #[error("{}: the About extensions are not an object with IRI keys", self.code())]
    Extensions,
}

crate::codes::error_codes!(AboutError {
    NotObject => "xapi.about.not-object", "the About document is not a JSON object", "Communication §2.8";
    Version => "xapi.about.version", "the About document has no array of version strings", "Communication §2.8";
    UnknownProperty => "xapi.about.unknown-property",
        "the About document has a property other than version and extensions", "Communication §2.8";
    Extensions => "xapi.about.extensions",
        "the About extensions are not an object with IRI keys", "Communication §2.8";
});

impl About {
    /// The About document of an LRS supporting `versions`.
    pub fn new(versions: &[XapiVersion]) -> Self {
        Self {
            version: versions.iter().map(|v| v.as_str().to_owned()).collect(),
            extensions: BTreeMap::new(),
        }
    }

    /// The JSON document (`extensions` only when not empty).
    pub fn to_json(&self) -> Value {
        let mut map = Map::new();
        map.insert(
            "version".into(),
            Value::Array(self.version.iter().cloned().map(Value::String).collect()),
        );
        if !self.extensions.is_empty() {
            map.insert(
                "extensions".into(),
                Value::Object(self.extensions.clone().into_iter().collect()),
            );
        }
        Value::Object(map)
    }

    /// Reads an About document (a client reading GET `/about`).
    ///
    /// # Errors
    ///
    /// [`AboutError`] when the document breaks Communication §2.8.
    pub fn parse(bytes: &[u8]) -> Result<Self, AboutError> {
        let Some(Value::Object(map)) = crate::json::read_value(bytes) else {
            return Err(AboutError::NotObject);
        };
        if let Some(name) = map
            .keys()
            .find(|key| *key != "version" && *key != "extensions")
        {
            return Err(AboutError::UnknownProperty { name: quote(name) });
        }
        let version = map
            .get("version")
            .and_then(Value::as_array)
            .filter(|list| !list.is_empty())
            .and_then(|list| {
                list.iter()
                    .map(|v| v.as_str().map(str::to_owned))
                    .collect::<Option<Vec<_>>>()
            })
            .ok_or(AboutError::Version)?;
        let extensions = match map.get("extensions") {
            None => BTreeMap::new(),
            Some(Value::Object(ext)) if ext.keys().all(|key| IriStr::new(key).is_ok()) => {
                ext.clone().into_iter().collect()
            }
            Some(_) => return Err(AboutError::Extensions),
        };
        Ok(Self {
            version,
            extensions,
        })
    }

    /// The `200 OK` answer to GET `/about`, with `Content-Type` and `X-Experience-API-Version`
    /// (`response_version`: the version negotiated, or the latest supported when the client sent none).
    ///
    /// # Errors
    ///
    /// [`http::Error`] never in practice (all header values are ASCII).
    pub fn to_http_response(
        &self,
        response_version: XapiVersion,
    ) -> Result<http::Response<Vec<u8>>, http::Error> {
        http::Response::builder()
            .status(StatusCode::OK)
            .header(http::header::CONTENT_TYPE, "application/json")
            .header(VERSION_HEADER, response_version.as_str())
            .body(self.to_json().to_string().into_bytes())
    }
}

/// Why a request's `X-Experience-API-Version` was refused (answer `400 Bad Request`).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum VersionError {
    /// No header (only the About resource accepts that).
    #[error("{}: the X-Experience-API-Version header is missing", self.code())]
    Missing,
    /// The header is not a version this LRS supports (`0.95`, `1.1.0`, `2.0.0` on a 1.0.3-only LRS, ...).
    #[error("{}: xAPI version {requested} is not supported", self.code())]
    Unsupported {
        /// The header value (quoted).
        requested: String,
    },
}

crate::codes::error_codes!(VersionError {
    Missing => "xapi.version-header.missing",
        "the X-Experience-API-Version header is missing", "Communication §3.3; R-P06";
    Unsupported => "xapi.version-header.unsupported",
        "the X-Experience-API-Version header names a version not served", "Communication §3.3; R-P06";
});

impl VersionError {
    /// The status to answer with: always `400 Bad Request`.
    pub fn status(&self) -> StatusCode {
        StatusCode::BAD_REQUEST
    }
}

/// Which `X-Experience-API-Version` values an LRS accepts (Communication §3.3).
///
/// 1.0.3 rules: `1.0` is read as `1.0.0`; every `1.0.x` is accepted; anything before `1.0.0` or from
/// `1.1.0` on is refused; a missing header is refused. 2.0: `2.0.x` (and `2.0`) are accepted.
/// Pre-release or build suffixes are refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VersionNegotiation {
    supported: Vec<XapiVersion>,
}

impl VersionNegotiation {
    /// Accepts the given versions.
    pub fn new(supported: &[XapiVersion]) -> Self {
        Self {
            supported: supported.to_vec(),
        }
    }

    /// The version to serve a request with, from its header value.
    ///
    /// # Errors
    ///
    /// [`VersionError`] when the header is missing or names no supported version.
    pub fn negotiate(&self, header: Option<&str>) -> Result<XapiVersion, VersionError> {
        let requested = header.ok_or(VersionError::Missing)?.trim();
        let unsupported = || VersionError::Unsupported {
            requested: quote(requested),
        };
        let numbers: Vec<&str> = requested.split('.').collect();
        let numeric = |part: &&str| {
            !part.is_empty() && part.len() <= 9 && part.bytes().all(|b| b.is_ascii_digit())
        };
        if !(2..=3).contains(&numbers.len()) || !numbers.iter().all(numeric) {
            return Err(unsupported());
        }
        let version = match (numbers.first().copied(), numbers.get(1).copied()) {
            (Some("1"), Some("0")) => XapiVersion::V1_0_3,
            (Some("2"), Some("0")) => XapiVersion::V2_0_0,
            _ => return Err(unsupported()),
        };
        if self.supported.contains(&version) {
            Ok(version)
        } else {
            Err(unsupported())
        }
    }

    /// Reads the header from `headers` and negotiates.
    ///
    /// # Errors
    ///
    /// As [`negotiate`](Self::negotiate); a non-ASCII header value is unsupported.
    pub fn negotiate_headers(
        &self,
        headers: &http::HeaderMap,
    ) -> Result<XapiVersion, VersionError> {
        match headers.get(VERSION_HEADER) {
            None => self.negotiate(None),
            Some(value) => match value.to_str() {
                Ok(text) => self.negotiate(Some(text)),
                Err(_) => Err(VersionError::Unsupported {
                    requested: quote(&String::from_utf8_lossy(value.as_bytes())),
                }),
            },
        }
    }

    /// The latest supported version (for responses to requests that named none, such as About).
    pub fn latest(&self) -> Option<XapiVersion> {
        self.supported.iter().max().copied()
    }

    /// A `400 Bad Request` answer for `error`, with a short plain-text description (Communication §3.3).
    ///
    /// # Errors
    ///
    /// [`http::Error`] never in practice.
    pub fn error_response(
        &self,
        error: &VersionError,
    ) -> Result<http::Response<Vec<u8>>, http::Error> {
        let mut builder = http::Response::builder()
            .status(error.status())
            .header(http::header::CONTENT_TYPE, "text/plain; charset=utf-8");
        if let Some(latest) = self.latest() {
            builder = builder.header(VERSION_HEADER, latest.as_str());
        }
        builder.body(error.to_string().into_bytes())
    }
}
