//! Internet media types: an attachment's `contentType` (Data 2.4.11, R-L02) and the `Content-Type`
//! headers of requests and multipart parts (RFC 9110 §8.3.1), read by one parser.

use std::cmp::Ordering;
use std::fmt;
use std::hash::{Hash, Hasher};

/// An Internet media type: `type/subtype` and its parameters (RFC 6838 tokens; RFC 9110 §8.3.1
/// grammar: `type "/" subtype *( OWS ";" OWS name "=" ( token / quoted-string ) )`, a final `;` allowed).
///
/// The same type is an attachment's `contentType` and a parsed `Content-Type` header. It keeps the text
/// as received ([`as_str`](Self::as_str), what it serializes to, what equality compares) and its parts
/// read: [`essence`](Self::essence) lowercased, [`param`](Self::param) by case-insensitive name, quoted
/// values unquoted. A parameter name given twice is refused (which one wins would be ambiguous).
///
/// # Example
///
/// ```
/// use learnwire_xapi::types::MediaType;
///
/// let media = MediaType::parse("Multipart/Mixed; boundary=\"a b\"")?;
/// assert_eq!(media.essence(), "multipart/mixed");
/// assert_eq!(media.param("BOUNDARY"), Some("a b"));
/// assert_eq!(media.as_str(), "Multipart/Mixed; boundary=\"a b\"");
/// assert!(media.is("multipart/mixed"));
/// assert!(MediaType::parse("text/plain; a=1; a=2").is_err());
/// assert!(MediaType::parse("json").is_err());
/// # Ok::<(), learnwire_xapi::types::InvalidMediaType>(())
/// ```
#[derive(Clone, Debug, serde::Serialize, serde::Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct MediaType {
    text: String,
    essence: String,
    params: Vec<(String, String)>,
}

/// The text is not an Internet media type.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct InvalidMediaType;

impl fmt::Display for InvalidMediaType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: not an Internet media type", self.code())
    }
}

impl std::error::Error for InvalidMediaType {}

impl InvalidMediaType {
    /// The code of the rule the value breaks (`MediaType`).
    pub fn code(&self) -> learnwire_report::Code {
        crate::Rule::MediaType.code()
    }
}

impl MediaType {
    /// Reads a media type. White space may precede a `;` and follow the last parameter, not lead the
    /// text (a header value is trimmed first: [`parse_media_type`](crate::multipart::parse_media_type)).
    ///
    /// # Errors
    ///
    /// [`InvalidMediaType`] when `value` does not follow the grammar, or names a parameter twice.
    pub fn parse(value: impl Into<String>) -> Result<Self, InvalidMediaType> {
        let text = value.into();
        let (essence, params) = read(&text).ok_or(InvalidMediaType)?;
        Ok(Self {
            text,
            essence,
            params,
        })
    }

    /// The text, exactly as received.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// `type/subtype`, lowercase (`multipart/mixed`).
    pub fn essence(&self) -> &str {
        &self.essence
    }

    /// True when the essence is `essence` (compared without regard to case; parameters ignored).
    pub fn is(&self, essence: &str) -> bool {
        self.essence.eq_ignore_ascii_case(essence)
    }

    /// The value of parameter `name` (case-insensitive), if present.
    pub fn param(&self, name: &str) -> Option<&str> {
        self.params
            .iter()
            .find(|(key, _)| key.eq_ignore_ascii_case(name))
            .map(|(_, value)| value.as_str())
    }

    /// Every parameter as `(lowercase name, value)`, in order; quoted values unquoted.
    pub fn params(&self) -> &[(String, String)] {
        &self.params
    }
}

/// True when `text` is a media type ([`MediaType::parse`] without keeping it).
pub(crate) fn check_media_type(text: &str) -> bool {
    read(text).is_some()
}

/// The essence and parameters of `text`, or `None`.
fn read(text: &str) -> Option<(String, Vec<(String, String)>)> {
    let type_end = text.find(|c: char| !is_tchar(c)).unwrap_or(text.len());
    let (main, after) = text.split_at(type_end);
    let after = after.strip_prefix('/')?;
    let sub_end = after.find(|c: char| !is_tchar(c)).unwrap_or(after.len());
    let (sub, after) = after.split_at(sub_end);
    if main.is_empty() || sub.is_empty() {
        return None;
    }
    let essence = format!("{}/{}", main.to_ascii_lowercase(), sub.to_ascii_lowercase());
    let mut rest = after;
    let mut params: Vec<(String, String)> = Vec::new();
    loop {
        rest = rest.trim_start_matches(is_ows);
        if rest.is_empty() {
            break;
        }
        rest = rest.strip_prefix(';')?.trim_start_matches(is_ows);
        if rest.is_empty() {
            break;
        }
        let name_end = rest.find(|c: char| !is_tchar(c)).unwrap_or(rest.len());
        let (name, after) = rest.split_at(name_end);
        let after = after.strip_prefix('=')?;
        if name.is_empty() {
            return None;
        }
        let (value, after) = if let Some(quoted) = after.strip_prefix('"') {
            unquote(quoted)?
        } else {
            let end = after.find(|c: char| !is_tchar(c)).unwrap_or(after.len());
            let (value, after) = after.split_at(end);
            if value.is_empty() {
                return None;
            }
            (value.to_owned(), after)
        };
        let name = name.to_ascii_lowercase();
        if params.iter().any(|(key, _)| *key == name) {
            return None;
        }
        params.push((name, value));
        rest = after;
    }
    Some((essence, params))
}

/// A quoted-string's content up to its closing quote (RFC 9110 §5.6.4), and the text after it.
fn unquote(text: &str) -> Option<(String, &str)> {
    let mut out = String::new();
    let mut chars = text.char_indices();
    while let Some((at, ch)) = chars.next() {
        match ch {
            '"' => return Some((out, text.get(at.saturating_add(1)..)?)),
            // quoted-pair: a backslash before HTAB, SP, VCHAR or obs-text, never a control.
            '\\' => match chars.next()?.1 {
                c if c.is_control() && c != '\t' => return None,
                c => out.push(c),
            },
            c if c.is_control() && c != '\t' => return None,
            c => out.push(c),
        }
    }
    None
}

pub(crate) fn is_ows(c: char) -> bool {
    c == ' ' || c == '\t'
}

fn is_tchar(c: char) -> bool {
    c.is_ascii_alphanumeric() || "!#$%&'*+-.^_`|~".contains(c)
}

impl PartialEq for MediaType {
    fn eq(&self, other: &Self) -> bool {
        self.text == other.text
    }
}

impl Eq for MediaType {}

impl PartialOrd for MediaType {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for MediaType {
    fn cmp(&self, other: &Self) -> Ordering {
        self.text.cmp(&other.text)
    }
}

impl Hash for MediaType {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.text.hash(state);
    }
}

impl TryFrom<String> for MediaType {
    type Error = InvalidMediaType;

    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::parse(value)
    }
}

impl std::str::FromStr for MediaType {
    type Err = InvalidMediaType;

    fn from_str(value: &str) -> Result<Self, Self::Err> {
        Self::parse(value)
    }
}

impl From<MediaType> for String {
    fn from(value: MediaType) -> Self {
        value.text
    }
}

impl AsRef<str> for MediaType {
    fn as_ref(&self) -> &str {
        &self.text
    }
}

impl fmt::Display for MediaType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_refuses() {
        let media = MediaType::parse("multipart/mixed;boundary=abc ; charset=utf-8").unwrap();
        assert_eq!(media.param("boundary"), Some("abc"));
        assert_eq!(media.param("charset"), Some("utf-8"));
        assert!(MediaType::parse("multipart/mixed; boundary=a; boundary=b").is_err());
        assert!(MediaType::parse("multipart").is_err());
        assert!(MediaType::parse("multipart/mixed; boundary=\"abc").is_err());
        assert!(MediaType::parse("multipart/mixed; boundary=").is_err());
        assert!(MediaType::parse("application/json; charset=utf-8;").is_ok());
        assert!(MediaType::parse("application/json ").is_ok());
        assert!(MediaType::parse(" application/json").is_err());
    }

    #[test]
    fn attachment_content_types() {
        assert!(check_media_type("application/json"));
        assert!(check_media_type("text/plain; charset=utf-8"));
        assert!(check_media_type("multipart/mixed; boundary=\"a b\""));
        for bad in [
            "",
            "json",
            "application/",
            "a/b c",
            "a/b;x",
            "a/b; x=\"y\"z",
        ] {
            assert!(!check_media_type(bad), "{bad}");
        }
    }

    #[test]
    fn equality_and_serde_keep_the_text() {
        let a = MediaType::parse("Text/Plain").unwrap();
        let b = MediaType::parse("text/plain").unwrap();
        assert_ne!(a, b);
        assert!(a.is("text/plain") && b.is("TEXT/PLAIN"));
        let json = serde_json::to_string(&a).unwrap();
        assert_eq!(json, "\"Text/Plain\"");
        assert_eq!(serde_json::from_str::<MediaType>(&json).unwrap(), a);
        assert!(serde_json::from_str::<MediaType>("\"nope\"").is_err());
    }
}
