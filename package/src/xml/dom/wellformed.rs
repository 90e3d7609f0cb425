//! Well-formedness rules of XML 1.0 that quick-xml lets through: the XML declaration (§2.8), names
//! (§2.3), processing instruction targets (§2.6), references (§4.1), the white space allowed around
//! the root element (§2.3 `S`, §2.8 `Misc`), and `]]>` in character data (§2.4).
//!
//! Each check returns the problem as a message (document text quoted); the reader turns it into a
//! [`Problem::Malformed`](crate::xml::Problem::Malformed) at the right offset.

use learnwire_report::quote;

/// XML 1.0 §2.3 `S`: space, tab, CR or LF. Nothing else is white space to XML (not U+00A0, not U+3000).
#[inline]
pub(super) fn is_space(byte: u8) -> bool {
    matches!(byte, b' ' | b'\t' | b'\r' | b'\n')
}

/// The byte offset of the first character of `text` that is not `S`.
#[inline]
pub(super) fn first_non_space(text: &str) -> Option<usize> {
    text.bytes().position(|byte| !is_space(byte))
}

/// §2.3 `NameStartChar`.
#[inline]
fn is_name_start(c: char) -> bool {
    matches!(c,
        ':' | 'A'..='Z' | '_' | 'a'..='z' | '\u{C0}'..='\u{D6}' | '\u{D8}'..='\u{F6}'
        | '\u{F8}'..='\u{2FF}' | '\u{370}'..='\u{37D}' | '\u{37F}'..='\u{1FFF}'
        | '\u{200C}'..='\u{200D}' | '\u{2070}'..='\u{218F}' | '\u{2C00}'..='\u{2FEF}'
        | '\u{3001}'..='\u{D7FF}' | '\u{F900}'..='\u{FDCF}' | '\u{FDF0}'..='\u{FFFD}'
        | '\u{10000}'..='\u{EFFFF}')
}

/// §2.3 `NameChar`.
#[inline]
fn is_name_char(c: char) -> bool {
    is_name_start(c)
        || matches!(c, '-' | '.' | '0'..='9' | '\u{B7}' | '\u{300}'..='\u{36F}' | '\u{203F}'..='\u{2040}')
}

/// [`NAME_CLASSES`] bit: §2.3 `NameStartChar`.
const NAME_START: u8 = 1;
/// [`NAME_CLASSES`] bit: §2.3 `NameChar`.
const NAME_CHAR: u8 = 2;
/// [`NAME_CLASSES`] bit: `:`.
const COLON: u8 = 4;
/// [`NAME_CLASSES`] bit: a byte of a non-ASCII character (the class is then decided by characters).
const NON_ASCII: u8 = 8;

/// The class of one byte of a name.
const fn name_class(byte: u8) -> u8 {
    match byte {
        b':' => NAME_START | NAME_CHAR | COLON,
        b'A'..=b'Z' | b'a'..=b'z' | b'_' => NAME_START | NAME_CHAR,
        b'-' | b'.' | b'0'..=b'9' => NAME_CHAR,
        0x80.. => NON_ASCII,
        _ => 0,
    }
}

/// [`name_class`] of every byte.
// Indexing in a constant: evaluated by the compiler, an index out of bounds would fail the build.
#[allow(clippy::indexing_slicing)]
const NAME_CLASSES: [u8; 256] = {
    let mut table = [0; 256];
    let mut byte = 0;
    while byte < 256 {
        table[byte] = name_class(byte as u8);
        byte += 1;
    }
    table
};

/// [`value_bytes`] bit: `&`, which starts a reference.
pub(super) const VALUE_REF: u8 = 1;
/// [`value_bytes`] bit: a tab, CR or LF, which attribute-value normalization turns into a space.
pub(super) const VALUE_BREAK: u8 = 2;
/// [`value_bytes`] bit: `<`, never allowed in an attribute value.
pub(super) const VALUE_LT: u8 = 4;

/// The [`value_bytes`] class of every byte.
// Indexing in a constant: evaluated by the compiler, an index out of bounds would fail the build.
#[allow(clippy::indexing_slicing)]
const VALUE_CLASSES: [u8; 256] = {
    let mut table = [0; 256];
    table[b'&' as usize] = VALUE_REF;
    table[b'\t' as usize] = VALUE_BREAK;
    table[b'\r' as usize] = VALUE_BREAK;
    table[b'\n' as usize] = VALUE_BREAK;
    table[b'<' as usize] = VALUE_LT;
    table
};

/// The [`VALUE_REF`], [`VALUE_BREAK`] and [`VALUE_LT`] bits of the bytes of an attribute value, in
/// one pass (a table lookup per byte, no branch).
#[inline]
pub(super) fn value_bytes(value: &str) -> u8 {
    value.bytes().fold(0, |seen, byte| {
        seen | VALUE_CLASSES.get(usize::from(byte)).copied().unwrap_or(0)
    })
}

/// Whether `text` is an XML `Name` (§2.3), and where its first `:` is (when it is a name).
///
/// One table lookup per byte for ASCII names; a name with other characters is read again by
/// characters, and the `:` is looked for only in names that have one.
#[inline]
fn read_name(text: &str) -> Option<Option<usize>> {
    let class = |byte: &u8| NAME_CLASSES.get(usize::from(*byte)).copied().unwrap_or(0);
    let first = class(text.as_bytes().first()?);
    let (mut all, mut any) = (first, first);
    for byte in text.as_bytes() {
        let class = class(byte);
        all &= class;
        any |= class;
    }
    if any & NON_ASCII != 0 {
        return read_unicode_name(text);
    }
    if first & NAME_START == 0 || all & NAME_CHAR == 0 {
        return None;
    }
    Some(if any & COLON != 0 {
        text.find(':')
    } else {
        None
    })
}

/// [`read_name`] by characters.
#[inline]
fn read_unicode_name(text: &str) -> Option<Option<usize>> {
    let mut chars = text.chars();
    let valid = chars.next().is_some_and(is_name_start) && chars.all(is_name_char);
    valid.then(|| text.find(':'))
}

/// Whether `text` is an XML `Name` (§2.3).
#[inline]
pub(super) fn is_name(text: &str) -> bool {
    read_name(text).is_some()
}

/// The name of an element or attribute as written (§3.1 `STag`, `Attribute`): where its first `:`
/// is, when it is an XML name.
#[inline]
pub(super) fn check_name(name: &str, what: &str) -> Result<Option<usize>, String> {
    read_name(name).ok_or_else(|| format!("{what} name {} is not an XML name", quote(name)))
}

/// The text between `&` and `;` of a reference (§4.1): a character reference (`#` and decimal digits,
/// or `#x` and hex digits) or an entity name.
#[inline]
pub(super) fn is_reference_body(body: &str) -> bool {
    match body.strip_prefix('#') {
        Some(number) => match number.strip_prefix('x') {
            Some(hex) => !hex.is_empty() && hex.bytes().all(|byte| byte.is_ascii_hexdigit()),
            None => !number.is_empty() && number.bytes().all(|byte| byte.is_ascii_digit()),
        },
        None => is_name(body),
    }
}

/// Every `&` of a raw attribute value starts a reference (§3.1 `AttValue`, §4.1).
#[inline]
pub(super) fn check_attribute_references(value: &str) -> Result<(), String> {
    let mut rest = value;
    while let Some((_, after)) = rest.split_once('&') {
        let Some((body, tail)) = after.split_once(';') else {
            return Err("an '&' that starts no reference (write &amp;)".to_owned());
        };
        if !is_reference_body(body) {
            return Err(format!(
                "an '&' that starts no reference: &{}; (write &amp;)",
                quote(body).trim_matches('"')
            ));
        }
        rest = tail;
    }
    Ok(())
}

/// A processing instruction `<?target ...?>`, given as written: its target is a name other than `xml` in
/// any letter case (§2.6); the declaration itself is handled apart.
pub(super) fn check_processing_instruction(raw: &str) -> Result<(), String> {
    let body = raw.strip_prefix("<?").unwrap_or(raw);
    let end = body.bytes().position(is_space).unwrap_or(body.len());
    let target = body
        .get(..end)
        .map_or(body, |target| target.strip_suffix("?>").unwrap_or(target));
    if target.eq_ignore_ascii_case("xml") {
        return Err(format!(
            "a processing instruction named {}: the name is reserved and an XML declaration may only open the document (XML 1.0 §2.6, §2.8)",
            quote(target)
        ));
    }
    if !is_name(target) {
        return Err(format!(
            "the processing instruction target {} is not an XML name",
            quote(target)
        ));
    }
    Ok(())
}

/// The XML declaration, as written (`<?xml ... ?>`, §2.8): `version` (`1.` and digits), then optionally
/// `encoding` (an `EncName`) and `standalone` (`yes` or `no`), in this order, each after white space.
pub(super) fn check_declaration(raw: &str) -> Result<(), String> {
    let body = raw
        .strip_prefix("<?xml")
        .and_then(|body| body.strip_suffix("?>"))
        .ok_or_else(|| "the XML declaration is cut short".to_owned())?;
    let (version, rest) = pseudo_attribute(body, "version")?
        .ok_or_else(|| "the XML declaration has no version (XML 1.0 §2.8)".to_owned())?;
    let version_ok = version
        .strip_prefix("1.")
        .is_some_and(|minor| !minor.is_empty() && minor.bytes().all(|b| b.is_ascii_digit()));
    if !version_ok {
        return Err(format!(
            "XML version {} is not 1.x (XML 1.0 §2.8)",
            quote(version)
        ));
    }
    let mut rest = rest;
    if let Some((encoding, after)) = pseudo_attribute(rest, "encoding")? {
        let valid = encoding.bytes().enumerate().all(|(at, byte)| {
            byte.is_ascii_alphabetic()
                || at > 0 && (byte.is_ascii_digit() || matches!(byte, b'.' | b'_' | b'-'))
        });
        if encoding.is_empty() || !valid {
            return Err(format!(
                "encoding name {} is not valid (XML 1.0 §4.3.3)",
                quote(encoding)
            ));
        }
        rest = after;
    }
    if let Some((standalone, after)) = pseudo_attribute(rest, "standalone")? {
        if !matches!(standalone, "yes" | "no") {
            return Err(format!(
                "standalone is {}, not yes or no (XML 1.0 §2.9)",
                quote(standalone)
            ));
        }
        rest = after;
    }
    if first_non_space(rest).is_some() {
        return Err(format!(
            "the XML declaration has unexpected content {} (only version, encoding and standalone, in this order)",
            quote(rest.trim())
        ));
    }
    Ok(())
}

/// `S name S? = S? quoted-value` at the start of `text`: `Ok(None)` when `text` does not continue with
/// white space and `name`; the value and what follows it otherwise.
fn pseudo_attribute<'t>(text: &'t str, name: &str) -> Result<Option<(&'t str, &'t str)>, String> {
    let trimmed = text.trim_start_matches([' ', '\t', '\r', '\n']);
    if trimmed.len() == text.len() {
        return Ok(None);
    }
    let Some(after_name) = trimmed.strip_prefix(name) else {
        return Ok(None);
    };
    let broken = || format!("{name} in the XML declaration is not name=\"value\"");
    let after_eq = after_name
        .trim_start_matches([' ', '\t', '\r', '\n'])
        .strip_prefix('=')
        .ok_or_else(broken)?
        .trim_start_matches([' ', '\t', '\r', '\n']);
    let quote_char = after_eq.chars().next().filter(|c| matches!(c, '"' | '\''));
    let quote_char = quote_char.ok_or_else(broken)?;
    let inside = after_eq.get(1..).unwrap_or("");
    let (value, rest) = inside.split_once(quote_char).ok_or_else(broken)?;
    Ok(Some((value, rest)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn declarations() {
        for good in [
            "<?xml version='1.0'?>",
            "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>",
            "<?xml  version = '1.1'\n encoding='ISO-8859-1'  ?>",
            "<?xml version='1.0' standalone='no'?>",
        ] {
            assert_eq!(check_declaration(good), Ok(()), "{good}");
        }
        for bad in [
            "<?xml?>",
            "<?xml encoding='UTF-8'?>",
            "<?xml version='2.0'?>",
            "<?xml version='1.'?>",
            "<?xml version='1.0'encoding='UTF-8'?>",
            "<?xml version='1.0' standalone='yes' encoding='UTF-8'?>",
            "<?xml version='1.0' encoding='8bit'?>",
            "<?xml version='1.0' standalone='maybe'?>",
            "<?xml version='1.0' junk?>",
            "<?xml version=1.0?>",
            "<?xml version='1.0?>",
        ] {
            assert!(check_declaration(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn processing_instructions_and_names() {
        assert!(check_processing_instruction("<?xml-stylesheet href='a'?>").is_ok());
        assert!(check_processing_instruction("<?pi?>").is_ok());
        for bad in ["<?XmL x?>", "<?XML?>", "<?xml?>", "<? pi?>", "<?1pi?>"] {
            assert!(check_processing_instruction(bad).is_err(), "{bad}");
        }
        for good in ["a", "adlcp:scormType", "_x-1.2", "été", "a\u{B7}b"] {
            assert!(is_name(good), "{good}");
        }
        for bad in ["", "1a", "a/", "-a", "a b", "\u{B7}a", "a\u{A0}"] {
            assert!(!is_name(bad), "{bad:?}");
        }
    }

    /// The one-pass reading agrees with the character classes of §2.3 and with `find(':')`.
    #[test]
    fn names_read_in_one_pass_agree_with_the_character_classes() {
        let mut names: Vec<String> = [
            "a", ":", "a:b", ":a", "a:", "a::b", "xmlns:x", "é:a", "a:é", "_-.9",
        ]
        .iter()
        .map(|name| (*name).to_owned())
        .collect();
        for first in 0u8..128 {
            for second in 0u8..128 {
                names.push(String::from_utf8(vec![first, second]).unwrap());
            }
            names.push(String::from_utf8(vec![first]).unwrap());
        }
        for name in &names {
            let mut chars = name.chars();
            let expected = chars.next().is_some_and(is_name_start) && chars.all(is_name_char);
            let read = read_name(name);
            assert_eq!(read.is_some(), expected, "{name:?}");
            if expected {
                assert_eq!(read, Some(name.find(':')), "{name:?}");
            }
        }
    }

    #[test]
    fn value_bytes_flags_what_normalization_and_well_formedness_look_at() {
        for byte in 0u8..128 {
            let text = String::from(char::from(byte));
            let expected = match byte {
                b'&' => VALUE_REF,
                b'\t' | b'\r' | b'\n' => VALUE_BREAK,
                b'<' => VALUE_LT,
                _ => 0,
            };
            assert_eq!(value_bytes(&text), expected, "{byte}");
        }
        assert_eq!(value_bytes("é a&b\n<"), VALUE_REF | VALUE_BREAK | VALUE_LT);
        assert_eq!(value_bytes("plain/é.html"), 0);
    }

    #[test]
    fn attribute_references() {
        for good in ["", "a &amp; b", "&#65;&#x41;&lt;", "x&unknown;y"] {
            assert_eq!(check_attribute_references(good), Ok(()), "{good}");
        }
        for bad in ["a & b", "a &amp b", "&;", "&#;", "&#x;", "&#12a;", "&a b;"] {
            assert!(check_attribute_references(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn only_the_four_xml_spaces_are_space() {
        assert_eq!(first_non_space(" \t\r\n"), None);
        assert_eq!(first_non_space(" \u{A0}"), Some(1));
        assert_eq!(first_non_space("\u{3000}"), Some(0));
    }
}
