//! Turning descriptor bytes into UTF-8 text (XML 1.0 §4.3.3 and Appendix F).

use std::borrow::Cow;
use std::fmt;

use encoding_rs::{Encoding, UTF_16BE, UTF_16LE, WINDOWS_1252};
use learnwire_report::quote;

use super::Problem;

/// How original byte offsets relate to offsets in the decoded text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Unit {
    /// One decoded byte is one original byte.
    Utf8,
    /// Each character was two or four original bytes.
    Utf16,
    /// Each character was one original byte.
    SingleByte,
}

/// Decoded text plus what is needed to map positions back to the original bytes.
#[derive(Debug)]
#[non_exhaustive]
pub struct Decoded<'a> {
    /// The document as UTF-8, without its byte order mark: borrowed from the input when it already
    /// was UTF-8 (no copy of a large document), owned when it was converted.
    pub text: Cow<'a, str>,
    /// The length of the byte order mark in the original bytes (0 without one).
    pub bom_len: u64,
    /// How a decoded character relates to original bytes.
    pub unit: Unit,
}

/// A decoding failure, or the warning [`Problem::EncodingSuspect`]: what, a message (document text
/// quoted) and the original byte offset it is at (0 for the document as a whole).
#[derive(Debug)]
#[non_exhaustive]
pub struct DecodeError {
    /// What went wrong, family-neutral.
    pub problem: Problem,
    /// Why, for a person (document text quoted).
    pub message: String,
    /// Original byte offset (byte order mark included).
    pub offset: u64,
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "XML {} at byte {}: {}",
            self.problem, self.offset, self.message
        )
    }
}

impl std::error::Error for DecodeError {}

/// Result of decoding: the text, plus an optional warning ([`Problem::EncodingSuspect`]).
pub type DecodeResult<'a> = Result<(Decoded<'a>, Option<DecodeError>), DecodeError>;

fn fail(problem: Problem, message: impl Into<String>, offset: u64) -> DecodeError {
    DecodeError {
        problem,
        message: message.into(),
        offset,
    }
}

/// Decodes `bytes` to UTF-8 per the byte order mark and the XML declaration: UTF-8, UTF-16 (LE or BE,
/// with a BOM or detected from `<?`), ISO-8859-1, windows-1252 and US-ASCII.
///
/// # Errors
///
/// [`Problem::UnsupportedEncoding`] for UTF-32 and undeclared encodings,
/// [`Problem::InvalidEncoding`] for bytes the encoding does not define (at their offset),
/// [`Problem::EncodingConflict`] when the BOM or the bytes and the declaration disagree. A
/// single-byte declaration over bytes that look like UTF-8 is decoded as declared, with the warning
/// [`Problem::EncodingSuspect`] beside the text.
pub fn decode(bytes: &[u8]) -> DecodeResult<'_> {
    match bytes {
        [0xEF, 0xBB, 0xBF, rest @ ..] => decode_ascii_family(rest, 3, true),
        [0xFF, 0xFE, 0, 0, ..]
        | [0, 0, 0xFE, 0xFF, ..]
        | [0x3C, 0, 0, 0, ..]
        | [0, 0, 0, 0x3C, ..] => Err(fail(
            Problem::UnsupportedEncoding,
            "UTF-32 is not supported",
            0,
        )),
        [0xFF, 0xFE, rest @ ..] => decode_utf16(rest, UTF_16LE, 2),
        [0xFE, 0xFF, rest @ ..] => decode_utf16(rest, UTF_16BE, 2),
        [0x3C, 0, 0x3F, 0, ..] => decode_utf16(bytes, UTF_16LE, 0),
        [0, 0x3C, 0, 0x3F, ..] => decode_utf16(bytes, UTF_16BE, 0),
        _ => decode_ascii_family(bytes, 0, false),
    }
}

/// The encoding named in the XML declaration at the start of `text`, if any.
fn declared_encoding(text: &str) -> Option<&str> {
    let decl = text.strip_prefix("<?xml")?;
    let end = decl.find("?>")?;
    let decl = decl.get(..end)?;
    let at = decl.find("encoding")?;
    let rest = decl.get(at + "encoding".len()..)?.trim_start();
    let rest = rest.strip_prefix('=')?.trim_start();
    let quote_char = rest.chars().next()?;
    if quote_char != '"' && quote_char != '\'' {
        return None;
    }
    let value = rest.get(1..)?;
    let close = value.find(quote_char)?;
    value.get(..close)
}

/// The single-byte encodings a manifest may declare.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum SingleByte {
    /// US-ASCII: bytes 0x00..=0x7F only.
    Ascii,
    /// ISO-8859-1: every byte is the code point of the same value (U+0000..U+00FF).
    Latin1,
    /// windows-1252: ISO-8859-1 except 0x80..=0x9F, where five bytes are undefined.
    Windows1252,
}

/// The single-byte encoding a label names (IANA names and aliases, any case).
fn single_byte(label: &str) -> Option<SingleByte> {
    match label.to_ascii_lowercase().as_str() {
        "us-ascii" | "ascii" | "ansi_x3.4-1968" | "iso646-us" | "iso-ir-6" | "csascii"
        | "ibm367" | "cp367" => Some(SingleByte::Ascii),
        "iso-8859-1" | "iso8859-1" | "iso_8859-1" | "latin1" | "l1" | "iso-ir-100" | "ibm819"
        | "cp819" | "csisolatin1" => Some(SingleByte::Latin1),
        "windows-1252" | "cp1252" | "x-cp1252" => Some(SingleByte::Windows1252),
        _ => None,
    }
}

/// The bytes windows-1252 leaves undefined (Microsoft's code page and its IANA registration; the
/// WHATWG decoder, which encoding_rs follows, passes them through as C1 controls).
const WINDOWS_1252_UNDEFINED: [u8; 5] = [0x81, 0x8D, 0x8F, 0x90, 0x9D];

/// Decodes single-byte text; a byte the encoding does not define is a fatal error (XML 1.0 §4.3.3).
fn decode_single_byte(
    bytes: &[u8],
    encoding: SingleByte,
    label: &str,
) -> Result<String, DecodeError> {
    let undefined = |byte: &u8| match encoding {
        SingleByte::Ascii => !byte.is_ascii(),
        SingleByte::Latin1 => false,
        SingleByte::Windows1252 => WINDOWS_1252_UNDEFINED.contains(byte),
    };
    if let Some(at) = bytes.iter().position(undefined) {
        let byte = bytes.get(at).copied().unwrap_or(0);
        return Err(fail(
            Problem::InvalidEncoding,
            format!(
                "byte 0x{byte:02X} at offset {at} is not a character of the declared encoding {} (XML 1.0 §4.3.3)",
                quote(label)
            ),
            at as u64,
        ));
    }
    Ok(match encoding {
        // Every byte is ASCII: the bytes are already UTF-8.
        SingleByte::Ascii => String::from_utf8_lossy(bytes).into_owned(),
        SingleByte::Latin1 => bytes.iter().copied().map(char::from).collect(),
        SingleByte::Windows1252 => WINDOWS_1252
            .decode_without_bom_handling(bytes)
            .0
            .into_owned(),
    })
}

fn is_utf16_label(label: &str) -> bool {
    matches!(
        label.to_ascii_lowercase().as_str(),
        "utf-16" | "utf-16le" | "utf-16be" | "utf16"
    )
}

fn is_utf8_label(label: &str) -> bool {
    matches!(label.to_ascii_lowercase().as_str(), "utf-8" | "utf8")
}

fn decode_ascii_family(bytes: &[u8], bom_len: u64, has_bom: bool) -> DecodeResult<'_> {
    // The declaration is ASCII in every encoding of this family, so reading it from a lossy view is safe.
    let head_len = bytes.len().min(512);
    let head = String::from_utf8_lossy(bytes.get(..head_len).unwrap_or(bytes));
    let declared = declared_encoding(&head).map(str::to_owned);
    match declared.as_deref() {
        None => decode_utf8(bytes, bom_len),
        Some(label) if is_utf8_label(label) => decode_utf8(bytes, bom_len),
        Some(label) if is_utf16_label(label) => Err(fail(
            Problem::EncodingConflict,
            format!(
                "the document declares encoding {} but its bytes are {}",
                quote(label),
                if has_bom {
                    "UTF-8 (byte order mark)"
                } else {
                    "not UTF-16"
                }
            ),
            0,
        )),
        Some(label) => match single_byte(label) {
            Some(encoding) => decode_declared_single_byte(bytes, label, encoding, has_bom, bom_len),
            None => Err(fail(
                Problem::UnsupportedEncoding,
                format!("encoding {} is not supported", quote(label)),
                0,
            )),
        },
    }
}

/// A document declared in a single-byte encoding: no UTF-8 byte order mark, every byte defined, and a
/// warning when the bytes look like UTF-8.
fn decode_declared_single_byte(
    bytes: &[u8],
    label: &str,
    encoding: SingleByte,
    has_bom: bool,
    bom_len: u64,
) -> DecodeResult<'static> {
    if has_bom {
        return Err(fail(
            Problem::EncodingConflict,
            format!(
                "the document has a UTF-8 byte order mark but declares {}",
                quote(label)
            ),
            0,
        ));
    }
    let suspect = looks_like_utf8(bytes).then(|| {
        fail(
            Problem::EncodingSuspect,
            format!(
                "the document declares {} but its bytes look like UTF-8; decoded as declared",
                quote(label)
            ),
            0,
        )
    });
    // Not encoding_rs's ISO-8859-1, which is windows-1252 (the WHATWG rule): 0x80..=0x9F differ.
    let text = decode_single_byte(bytes, encoding, label)?;
    Ok((
        Decoded {
            text: Cow::Owned(text),
            bom_len,
            unit: Unit::SingleByte,
        },
        suspect,
    ))
}

fn looks_like_utf8(bytes: &[u8]) -> bool {
    !bytes.is_ascii() && std::str::from_utf8(bytes).is_ok()
}

fn decode_utf8(bytes: &[u8], bom_len: u64) -> DecodeResult<'_> {
    match std::str::from_utf8(bytes) {
        Ok(text) => Ok((
            Decoded {
                text: Cow::Borrowed(text),
                bom_len,
                unit: Unit::Utf8,
            },
            None,
        )),
        Err(error) => {
            let offset = bom_len.saturating_add(error.valid_up_to() as u64);
            Err(fail(
                Problem::InvalidEncoding,
                format!("invalid UTF-8 at byte {offset}"),
                offset,
            ))
        }
    }
}

fn decode_utf16(bytes: &[u8], encoding: &'static Encoding, bom_len: u64) -> DecodeResult<'static> {
    if !bytes.len().is_multiple_of(2) {
        return Err(fail(
            Problem::InvalidEncoding,
            "UTF-16 text with an odd number of bytes",
            bom_len.saturating_add(bytes.len() as u64),
        ));
    }
    let Some(text) = encoding.decode_without_bom_handling_and_without_replacement(bytes) else {
        return Err(fail(
            Problem::InvalidEncoding,
            "invalid UTF-16 (unpaired surrogate)",
            bom_len,
        ));
    };
    if let Some(label) = declared_encoding(&text)
        && !is_utf16_label(label)
    {
        return Err(fail(
            Problem::EncodingConflict,
            format!(
                "the document is UTF-16 but declares encoding {}",
                quote(label)
            ),
            0,
        ));
    }
    Ok((
        Decoded {
            text: Cow::Owned(text.into_owned()),
            bom_len,
            unit: Unit::Utf16,
        },
        None,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf16le_with_bom_decodes() {
        let mut bytes = vec![0xFF, 0xFE];
        for unit in "<?xml version=\"1.0\" encoding=\"UTF-16\"?><a>é</a>".encode_utf16() {
            bytes.extend_from_slice(&unit.to_le_bytes());
        }
        let (decoded, warning) = decode(&bytes).unwrap();
        assert!(decoded.text.ends_with("<a>é</a>"));
        assert_eq!(decoded.unit, Unit::Utf16);
        assert!(warning.is_none());
    }

    #[test]
    fn latin1_decodes_and_flags_mojibake() {
        let bytes = b"<?xml version='1.0' encoding='ISO-8859-1'?><a>\xe9</a>";
        let (decoded, warning) = decode(bytes).unwrap();
        assert!(decoded.text.contains('é'));
        assert!(warning.is_none());
        let utf8 = "<?xml version='1.0' encoding='ISO-8859-1'?><a>é</a>".as_bytes();
        let (_, warning) = decode(utf8).unwrap();
        assert_eq!(warning.unwrap().problem, Problem::EncodingSuspect);
    }

    #[test]
    fn conflicts_and_unknown_are_refused() {
        let bytes = b"\xEF\xBB\xBF<?xml version=\"1.0\" encoding=\"UTF-16\"?><a/>";
        assert_eq!(
            decode(bytes).unwrap_err().problem,
            Problem::EncodingConflict
        );
        let bytes = b"<?xml version=\"1.0\" encoding=\"x-learnwire-unknown\"?><a/>";
        assert_eq!(
            decode(bytes).unwrap_err().problem,
            Problem::UnsupportedEncoding
        );
        assert_eq!(
            decode(b"\xFF\xFE\0\0<\0\0\0").unwrap_err().problem,
            Problem::UnsupportedEncoding
        );
        assert_eq!(decode(b"<a>\xC3\x28</a>").unwrap_err().offset, 3);
        assert_eq!(
            decode(b"\xFF\xFE<\0a").unwrap_err().problem,
            Problem::InvalidEncoding
        );
    }
}
