//! ETags and concurrency decisions (Communication §3.1, RFC 7232).

use std::fmt;

use http::{HeaderMap, Method, StatusCode};
use learnwire_report::{Code, CodeInfo};
use sha1::{Digest, Sha1};

use super::params::DocumentResource;

/// A document's entity tag: the lowercase hex SHA-1 of its contents (Communication §3.1).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ETag(String);

impl ETag {
    /// The ETag of `contents` (SHA-1, lowercase hex).
    ///
    /// # Example
    ///
    /// ```
    /// use learnwire_xapi::documents::ETag;
    ///
    /// let tag = ETag::of(b"{}");
    /// assert_eq!(tag.as_str(), "bf21a9e8fbc5a3846fb05b4fa0859e0917b2202f");
    /// assert_eq!(tag.to_header_value(), "\"bf21a9e8fbc5a3846fb05b4fa0859e0917b2202f\"");
    /// ```
    pub fn of(contents: &[u8]) -> Self {
        use std::fmt::Write;
        let digest = Sha1::digest(contents);
        let mut hex = String::with_capacity(40);
        for byte in digest {
            let _ = write!(hex, "{byte:02x}");
        }
        Self(hex)
    }

    /// An ETag from its opaque text (without quotes), e.g. one read from a store.
    pub fn from_opaque(text: impl Into<String>) -> Self {
        Self(text.into())
    }

    /// The opaque text, without quotes.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The `ETag` header value: the tag in double quotes.
    pub fn to_header_value(&self) -> String {
        format!("\"{}\"", self.0)
    }
}

impl fmt::Display for ETag {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "\"{}\"", self.0)
    }
}

/// Which concurrency rules apply.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
#[non_exhaustive]
pub enum ConcurrencyRules {
    /// xAPI 1.0.3: a PUT without `If-Match`/`If-None-Match` on an existing *profile* document is a
    /// `409 Conflict`; the State resource permits requests without concurrency headers.
    #[default]
    Xapi1,
    /// xAPI 2.0: concurrency control on every document resource, State included.
    Xapi2,
}

/// What to do with a document request, given the current document's ETag and the request's headers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Decision {
    /// Go ahead.
    Proceed,
    /// GET/HEAD whose `If-None-Match` matches: `304 Not Modified`.
    NotModified,
    /// A precondition failed: `412 Precondition Failed`, change nothing.
    PreconditionFailed,
    /// PUT without either header on an existing document: `409 Conflict`, change nothing; tell the client
    /// to fetch the document and send `If-Match` with its ETag.
    Conflict,
    /// xAPI 1.0.3 only: a PUT to an Activity or Agent Profile document that does not exist yet, without
    /// `If-Match` or `If-None-Match`: `400 Bad Request`. 1.0.3 asks profile writers for a precondition
    /// (Communication §2.6/§2.7 with §3.1), and the ADL conformance suite checks the refusal ("PUT
    /// without an ETag header returns an error code and message", XAPI-00273, XAPI-00287). The State
    /// resource needs none; under 2.0 such a PUT proceeds.
    MissingPrecondition,
}

const PRECONDITION_FAILED: CodeInfo = CodeInfo::error(
    "xapi.document.precondition-failed",
    "an If-Match or If-None-Match precondition does not hold (412)",
    "Communication §3.1; RFC 9110 §13.1.1, §13.1.2",
);
const CONFLICT: CodeInfo = CodeInfo::error(
    "xapi.document.conflict",
    "a PUT without If-Match or If-None-Match on an existing document (409)",
    "Communication §3.1",
);
const MISSING_PRECONDITION: CodeInfo = CodeInfo::error(
    "xapi.document.precondition-required",
    "a 1.0.3 profile document PUT without If-Match or If-None-Match where none exists (400)",
    "Communication §2.6, §2.7, §3.1; XAPI-00273, XAPI-00287",
);

impl Decision {
    /// The codes of the refusals (part of the crate's [`CODES`](crate::CODES)).
    pub const CODES: &'static [CodeInfo] = &[PRECONDITION_FAILED, CONFLICT, MISSING_PRECONDITION];

    /// The code to put in the error body of a refusal (`412`, `409`, `400`), `None` for
    /// [`Decision::Proceed`] and [`Decision::NotModified`], which are not errors.
    pub fn refusal_code(self) -> Option<Code> {
        match self {
            Self::Proceed | Self::NotModified => None,
            Self::PreconditionFailed => Some(PRECONDITION_FAILED.code),
            Self::Conflict => Some(CONFLICT.code),
            Self::MissingPrecondition => Some(MISSING_PRECONDITION.code),
        }
    }

    /// The status to answer with instead of proceeding, `None` for [`Decision::Proceed`].
    pub fn status(self) -> Option<StatusCode> {
        match self {
            Self::Proceed => None,
            Self::NotModified => Some(StatusCode::NOT_MODIFIED),
            Self::PreconditionFailed => Some(StatusCode::PRECONDITION_FAILED),
            Self::Conflict => Some(StatusCode::CONFLICT),
            Self::MissingPrecondition => Some(StatusCode::BAD_REQUEST),
        }
    }
}

/// An `If-Match` or `If-None-Match` value that is not `*` or a list of entity tags.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}: {header} is not * or a list of entity tags", self.code())]
#[non_exhaustive]
pub struct InvalidPrecondition {
    /// The header name.
    pub header: &'static str,
}

crate::codes::error_codes!(struct InvalidPrecondition => "xapi.document.precondition",
    "an If-Match or If-None-Match value is not * or a list of entity tags", "RFC 9110 §13.1.1, §13.1.2");

/// Decides a document request (Communication §3.1; RFC 7232 §3.1, §3.2 evaluation).
///
/// `current` is the ETag of the stored document, `None` when there is none. `If-Match` needs a strong
/// match (`*` matches any existing document); `If-None-Match: *` fails when a document exists; a matching
/// `If-None-Match` on GET/HEAD gives `304`. Unquoted tags are read as strong tags (some clients send the
/// bare SHA-1). A PUT without either header is a [`Decision::Conflict`] on an existing document (profiles;
/// under [`ConcurrencyRules::Xapi2`] State too) and, under [`ConcurrencyRules::Xapi1`], a
/// [`Decision::MissingPrecondition`] on a profile document that does not exist yet.
/// [`Decision::refusal_code`] names the rule of each refusal.
///
/// # Errors
///
/// [`InvalidPrecondition`] when a header is present but unreadable (answer `400 Bad Request`).
///
/// # Example
///
/// ```
/// use http::{HeaderMap, Method};
/// use learnwire_xapi::documents::{decide, ConcurrencyRules, Decision, DocumentResource, ETag};
///
/// let current = ETag::of(b"{\"x\":1}");
/// let none = HeaderMap::new();
/// let put = |headers: &HeaderMap| {
///     decide(DocumentResource::AgentProfile, &Method::PUT, Some(&current), headers, ConcurrencyRules::Xapi1)
/// };
/// assert_eq!(put(&none)?, Decision::Conflict);
/// let mut headers = HeaderMap::new();
/// headers.insert("If-Match", current.to_header_value().parse()?);
/// assert_eq!(put(&headers)?, Decision::Proceed);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn decide(
    resource: DocumentResource,
    method: &Method,
    current: Option<&ETag>,
    headers: &HeaderMap,
    rules: ConcurrencyRules,
) -> Result<Decision, InvalidPrecondition> {
    let if_match = read_header(headers, "if-match")?;
    let if_none_match = read_header(headers, "if-none-match")?;
    let read_only = *method == Method::GET || *method == Method::HEAD;
    if let Some(condition) = &if_match {
        let holds = match (condition, current) {
            (_, None) => false,
            (Condition::Any, Some(_)) => true,
            (Condition::Tags(tags), Some(current)) => tags
                .iter()
                .any(|tag| !tag.weak && tag.opaque == current.as_str()),
        };
        if !holds {
            return Ok(Decision::PreconditionFailed);
        }
    }
    if let Some(condition) = &if_none_match {
        let matches = match (condition, current) {
            (_, None) => false,
            (Condition::Any, Some(_)) => true,
            (Condition::Tags(tags), Some(current)) => {
                tags.iter().any(|tag| tag.opaque == current.as_str())
            }
        };
        if matches {
            return Ok(if read_only {
                Decision::NotModified
            } else {
                Decision::PreconditionFailed
            });
        }
    }
    let guarded = resource != DocumentResource::State || rules == ConcurrencyRules::Xapi2;
    if *method == Method::PUT
        && if_match.is_none()
        && if_none_match.is_none()
        && current.is_some()
        && guarded
    {
        return Ok(Decision::Conflict);
    }
    if *method == Method::PUT
        && if_match.is_none()
        && if_none_match.is_none()
        && current.is_none()
        && resource != DocumentResource::State
        && rules == ConcurrencyRules::Xapi1
    {
        return Ok(Decision::MissingPrecondition);
    }
    Ok(Decision::Proceed)
}

enum Condition {
    Any,
    Tags(Vec<Tag>),
}

struct Tag {
    weak: bool,
    opaque: String,
}

fn read_header(
    headers: &HeaderMap,
    name: &'static str,
) -> Result<Option<Condition>, InvalidPrecondition> {
    let invalid = InvalidPrecondition { header: name };
    let mut values = headers.get_all(name).iter().peekable();
    if values.peek().is_none() {
        return Ok(None);
    }
    let mut tags = Vec::new();
    for value in values {
        let text = value.to_str().map_err(|_| invalid.clone())?.trim();
        if text == "*" {
            return Ok(Some(Condition::Any));
        }
        parse_tags(text, &mut tags).ok_or_else(|| invalid.clone())?;
    }
    if tags.is_empty() {
        return Err(invalid);
    }
    Ok(Some(Condition::Tags(tags)))
}

/// Parses `1#entity-tag` (RFC 7232 §2.3), also accepting bare unquoted tags.
fn parse_tags(mut text: &str, tags: &mut Vec<Tag>) -> Option<()> {
    loop {
        text = text.trim_start_matches([' ', '\t', ',']);
        if text.is_empty() {
            return Some(());
        }
        let (weak, rest) = match text.strip_prefix("W/") {
            Some(rest) => (true, rest),
            None => (false, text),
        };
        if let Some(quoted) = rest.strip_prefix('"') {
            let end = quoted.find('"')?;
            let opaque = quoted.get(..end)?;
            if opaque.bytes().any(|b| b.is_ascii_control()) {
                return None;
            }
            tags.push(Tag {
                weak,
                opaque: opaque.to_owned(),
            });
            text = quoted.get(end.saturating_add(1)..)?;
        } else {
            let end = rest.find([',', ' ', '\t']).unwrap_or(rest.len());
            let opaque = rest.get(..end)?;
            if weak || opaque.bytes().any(|b| b == b'"' || b.is_ascii_control()) {
                return None;
            }
            tags.push(Tag {
                weak: false,
                opaque: opaque.to_owned(),
            });
            text = rest.get(end..)?;
        }
    }
}
