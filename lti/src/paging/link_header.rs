//! RFC 8288 `Link` header fields, read by the grammar of §3 (not by a regular expression over the
//! value): several links in one field value and several `Link` fields, `rel` as a token or a quoted
//! string with several space-separated relation types, parameter names in any case, targets kept as
//! written and resolved against the request URL only when they are relative.

use http::HeaderMap;
use http::header::LINK;
use learnwire_report::{Code, Untrusted};
use url::Url;

use crate::Limits;
use crate::codes;

/// Why a `Link` header (or one link in it) was refused.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum LinkError {
    /// A link value does not follow the RFC 8288 §3 grammar, or its target is not a URI reference. The
    /// other links of the field are still read when the grammar lets the parser find where the bad one
    /// ends (the next top-level comma).
    #[error("{}: Link value {value} is malformed at byte {position}: {reason}", self.code())]
    Malformed {
        /// The link value (or the rest of the field value) as received, cut.
        value: Untrusted,
        /// Byte offset of the problem in the field value.
        position: usize,
        /// What is wrong.
        reason: &'static str,
    },
    /// The `Link` fields of one response are longer, together, than
    /// [`Limits::max_link_header_bytes`]; none is read.
    #[error("{}: the Link headers are {length} bytes, more than the limit of {limit}", self.code())]
    TooLarge {
        /// Their length in bytes, all fields together.
        length: usize,
        /// The limit.
        limit: usize,
    },
    /// One response has more links than [`Limits::max_links`].
    #[error("{}: the Link headers hold more than {limit} links", self.code())]
    TooMany {
        /// The limit.
        limit: usize,
    },
}

impl LinkError {
    /// The stable code: `lti.link.malformed`, `lti.link.too-large` or `lti.link.too-many`.
    pub fn code(&self) -> Code {
        match self {
            Self::Malformed { .. } => codes::LINK_MALFORMED,
            Self::TooLarge { .. } => codes::LINK_TOO_LARGE,
            Self::TooMany { .. } => codes::LINK_TOO_MANY,
        }
    }
}

/// One link of a `Link` header: its target, its relation types and its other parameters.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Link {
    target: Url,
    written: String,
    relations: Vec<String>,
    params: Vec<(String, String)>,
}

impl Link {
    /// The target, resolved against the request URL when it was written relative; an absolute target
    /// is the URL as written (its path and query keep their case).
    pub fn target(&self) -> &Url {
        &self.target
    }

    /// The target exactly as written between `<` and `>`.
    pub fn target_as_written(&self) -> &str {
        &self.written
    }

    /// The relation types of the `rel` parameter, ASCII lower-cased (relation types compare without
    /// case, RFC 8288 §2.1.1); empty when the link has no `rel`.
    pub fn relations(&self) -> impl Iterator<Item = &str> {
        self.relations.iter().map(String::as_str)
    }

    /// Whether `relation` (compared without ASCII case) is one of the link's relation types.
    pub fn has_relation(&self, relation: &str) -> bool {
        self.relations
            .iter()
            .any(|known| known.eq_ignore_ascii_case(relation))
    }

    /// The value of parameter `name` (compared without ASCII case), unquoted; the first occurrence
    /// wins, as RFC 8288 §3.3 says for `rel`. A parameter written without a value reads as `""`.
    pub fn param(&self, name: &str) -> Option<&str> {
        self.params
            .iter()
            .find(|(known, _)| known.eq_ignore_ascii_case(name))
            .map(|(_, value)| value.as_str())
    }
}

/// The links of one response's `Link` headers, in order, with the problems met on the way.
///
/// # Example
///
/// ```
/// use learnwire_lti::paging::Links;
/// use learnwire_lti::{Limits, Url};
///
/// let request = Url::parse("https://lms.example.edu/api/lti/courses/1/line_items?per_page=2")?;
/// let value = r#"<https://lms.example.edu/api/lti/courses/1/line_items?page=2&per_page=2>; rel=next,
///                </api/lti/courses/1/line_items?page=1&per_page=2>; REL="first prev""#;
/// let links = Links::parse(value, &request, &Limits::default())?;
/// assert_eq!(links.next().unwrap().as_str(), "https://lms.example.edu/api/lti/courses/1/line_items?page=2&per_page=2");
/// assert_eq!(links.first(), links.prev());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Links {
    links: Vec<Link>,
    problems: Vec<LinkError>,
}

impl Links {
    /// Reads every `Link` field of `headers` (the name in any case; `http` folds it), resolving
    /// relative targets against `request_url`.
    ///
    /// # Errors
    ///
    /// [`LinkError::TooLarge`] or [`LinkError::TooMany`]; a malformed link is not an error here, it is
    /// kept in [`problems`](Self::problems) and the field's other links are read.
    pub fn from_headers(
        headers: &HeaderMap,
        request_url: &Url,
        limits: &Limits,
    ) -> Result<Self, LinkError> {
        let length: usize = headers.get_all(LINK).iter().map(|v| v.len()).sum();
        if length > limits.max_link_header_bytes() {
            return Err(LinkError::TooLarge {
                length,
                limit: limits.max_link_header_bytes(),
            });
        }
        let mut links = Self::default();
        for value in headers.get_all(LINK) {
            match value.to_str() {
                Ok(text) => links.read(text, request_url, limits)?,
                Err(_) => links.problems.push(LinkError::Malformed {
                    value: Untrusted::new(&String::from_utf8_lossy(value.as_bytes())),
                    position: 0,
                    reason: "the field value is not visible ASCII",
                }),
            }
        }
        Ok(links)
    }

    /// Reads one `Link` field value.
    ///
    /// # Errors
    ///
    /// As [`from_headers`](Self::from_headers).
    pub fn parse(value: &str, request_url: &Url, limits: &Limits) -> Result<Self, LinkError> {
        if value.len() > limits.max_link_header_bytes() {
            return Err(LinkError::TooLarge {
                length: value.len(),
                limit: limits.max_link_header_bytes(),
            });
        }
        let mut links = Self::default();
        links.read(value, request_url, limits)?;
        Ok(links)
    }

    fn read(&mut self, value: &str, base: &Url, limits: &Limits) -> Result<(), LinkError> {
        let mut reader = Reader { text: value, at: 0 };
        loop {
            // `#link-value`: empty list elements and whitespace around commas are allowed.
            while matches!(reader.peek(), Some(b',' | b' ' | b'\t')) {
                reader.at += 1;
            }
            if reader.peek().is_none() {
                return Ok(());
            }
            let start = reader.at;
            match read_link(&mut reader, base) {
                Ok(link) => {
                    if self.links.len() >= limits.max_links() {
                        return Err(LinkError::TooMany {
                            limit: limits.max_links(),
                        });
                    }
                    self.links.push(link);
                }
                Err((position, reason)) => {
                    // Resynchronise from the start of the bad value, so a comma inside its target
                    // or a quoted string is not taken for the end.
                    reader.at = start;
                    reader.skip_to_comma();
                    let part = value.get(start..reader.at).unwrap_or(value);
                    self.problems.push(LinkError::Malformed {
                        value: Untrusted::new(part),
                        position,
                        reason,
                    });
                    if self.problems.len() > limits.max_links() {
                        return Err(LinkError::TooMany {
                            limit: limits.max_links(),
                        });
                    }
                }
            }
        }
    }

    /// Every link read, in order.
    pub fn iter(&self) -> impl Iterator<Item = &Link> {
        self.links.iter()
    }

    /// How many links were read.
    pub fn len(&self) -> usize {
        self.links.len()
    }

    /// Whether no link was read.
    pub fn is_empty(&self) -> bool {
        self.links.is_empty()
    }

    /// The malformed link values met (each with `lti.link.malformed`); their neighbours were read.
    pub fn problems(&self) -> &[LinkError] {
        &self.problems
    }

    /// The first link with relation type `relation` about the response itself (a link with an
    /// `anchor` parameter is about another resource and is skipped).
    pub fn find(&self, relation: &str) -> Option<&Link> {
        self.links
            .iter()
            .find(|link| link.param("anchor").is_none() && link.has_relation(relation))
    }

    fn target(&self, relation: &str) -> Option<&Url> {
        self.find(relation).map(Link::target)
    }

    /// The `next` page.
    pub fn next(&self) -> Option<&Url> {
        self.target("next")
    }

    /// The `prev` page (or `previous`, its registered synonym).
    pub fn prev(&self) -> Option<&Url> {
        self.target("prev").or_else(|| self.target("previous"))
    }

    /// The `first` page.
    pub fn first(&self) -> Option<&Url> {
        self.target("first")
    }

    /// The `last` page.
    pub fn last(&self) -> Option<&Url> {
        self.target("last")
    }

    /// NRPS 2.0's `differences` link: the membership changes since this response.
    pub fn differences(&self) -> Option<&Url> {
        self.target("differences")
    }
}

/// A cursor over a field value.
struct Reader<'a> {
    text: &'a str,
    at: usize,
}

impl Reader<'_> {
    fn peek(&self) -> Option<u8> {
        self.text.as_bytes().get(self.at).copied()
    }

    fn skip_ows(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t')) {
            self.at += 1;
        }
    }

    /// Moves to the next comma outside `<…>` and quoted strings (or the end): where the next link
    /// value starts.
    fn skip_to_comma(&mut self) {
        let mut in_target = false;
        let mut in_quotes = false;
        while let Some(byte) = self.peek() {
            match byte {
                b'\\' if in_quotes => self.at += 1,
                b'"' if !in_target => in_quotes = !in_quotes,
                b'<' if !in_quotes => in_target = true,
                b'>' if !in_quotes => in_target = false,
                b',' if !in_quotes && !in_target => return,
                _ => {}
            }
            self.at += 1;
        }
        self.at = self.text.len();
    }

    fn token(&mut self) -> &str {
        let start = self.at;
        while self.peek().is_some_and(is_tchar) {
            self.at += 1;
        }
        self.text.get(start..self.at).unwrap_or_default()
    }

    fn quoted_string(&mut self) -> Result<String, (usize, &'static str)> {
        // The opening quote is the current byte.
        self.at += 1;
        let mut value = String::new();
        loop {
            match self.peek() {
                None => return Err((self.at, "a quoted string is not closed")),
                Some(b'"') => {
                    self.at += 1;
                    return Ok(value);
                }
                Some(b'\\') => {
                    self.at += 1;
                    match self.peek() {
                        Some(byte) if byte == b'\t' || (b' '..=b'~').contains(&byte) => {
                            value.push(char::from(byte));
                            self.at += 1;
                        }
                        _ => return Err((self.at, "a quoted pair escapes nothing valid")),
                    }
                }
                Some(byte) if byte == b'\t' || (b' '..=b'~').contains(&byte) => {
                    value.push(char::from(byte));
                    self.at += 1;
                }
                Some(_) => return Err((self.at, "a control character in a quoted string")),
            }
        }
    }
}

/// RFC 9110 §5.6.2 `tchar`.
fn is_tchar(byte: u8) -> bool {
    byte.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&byte)
}

/// `"<" URI-Reference ">" *( OWS ";" OWS link-param )`, stopping before the comma or the end.
fn read_link(reader: &mut Reader<'_>, base: &Url) -> Result<Link, (usize, &'static str)> {
    if reader.peek() != Some(b'<') {
        return Err((reader.at, "a link value does not start with <"));
    }
    reader.at += 1;
    let start = reader.at;
    loop {
        match reader.peek() {
            None => return Err((reader.at, "the target has no closing >")),
            Some(b'>') => break,
            Some(byte) if byte <= b' ' || byte == b'<' || byte == b'"' || byte > b'~' => {
                return Err((
                    reader.at,
                    "the target holds a character no URI reference has",
                ));
            }
            Some(_) => reader.at += 1,
        }
    }
    let written = reader.text.get(start..reader.at).unwrap_or_default();
    let target_position = start;
    reader.at += 1;
    let target = match Url::parse(written) {
        Ok(url) => url,
        Err(url::ParseError::RelativeUrlWithoutBase) => base
            .join(written)
            .map_err(|_| (target_position, "the relative target does not resolve"))?,
        Err(_) => return Err((target_position, "the target is not a URI reference")),
    };
    let mut relations = None;
    let mut params = Vec::new();
    loop {
        reader.skip_ows();
        match reader.peek() {
            None | Some(b',') => break,
            Some(b';') => reader.at += 1,
            Some(_) => return Err((reader.at, "expected ; or , after a link or parameter")),
        }
        reader.skip_ows();
        if matches!(reader.peek(), None | Some(b',' | b';')) {
            // An empty parameter (`<a>; ; rel=next`, a trailing `;`): nothing to read.
            continue;
        }
        let name_position = reader.at;
        let name = reader.token().to_ascii_lowercase();
        if name.is_empty() {
            return Err((name_position, "a parameter name is not a token"));
        }
        reader.skip_ows();
        let value = if reader.peek() == Some(b'=') {
            reader.at += 1;
            reader.skip_ows();
            if reader.peek() == Some(b'"') {
                reader.quoted_string()?
            } else {
                let value_position = reader.at;
                let value = reader.token().to_owned();
                if value.is_empty() {
                    return Err((
                        value_position,
                        "a parameter value is neither a token nor quoted",
                    ));
                }
                value
            }
        } else {
            String::new()
        };
        if name == "rel" && relations.is_none() {
            relations = Some(
                value
                    .split([' ', '\t'])
                    .filter(|relation| !relation.is_empty())
                    .map(str::to_ascii_lowercase)
                    .collect::<Vec<_>>(),
            );
        }
        params.push((name, value));
    }
    Ok(Link {
        target,
        written: written.to_owned(),
        relations: relations.unwrap_or_default(),
        params,
    })
}
