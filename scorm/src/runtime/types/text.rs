//! SCORM 2004 text types: `characterstring`, `localized_string_type`, `language_type` and the URI
//! identifiers (RTE04 §4.1; rules T04-01..T04-05, P-18..P-20).

use iri_string::types::UriReferenceStr;

use super::{InvalidValue, value_type};

value_type!(
    /// `characterstring`: any Unicode text (rule T04-01). SPMs are floors, not type limits (rule P-16).
    CharacterString,
    check_characterstring
);
value_type!(
    /// `localized_string_type`: an optional leading `{lang=<language_type>}` then text (rule T04-02).
    LocalizedString,
    check_localized
);
value_type!(
    /// `language_type`: a language tag (rules T04-03, T04-04: well-formed BCP 47, the lenient reading).
    /// The empty string is a value of the elements that allow it, not of this type.
    LanguageType,
    check_language
);
value_type!(
    /// `long_identifier_type`: a non-empty URI reference without white space (rule T04-05).
    LongIdentifier,
    check_identifier
);
value_type!(
    /// `short_identifier_type`: the same syntax as [`LongIdentifier`] with a smaller SPM (rule T04-05).
    ShortIdentifier,
    check_identifier
);

#[allow(clippy::unnecessary_wraps)]
fn check_characterstring(_value: &str) -> Result<(), InvalidValue> {
    Ok(())
}

pub(crate) fn check_localized(value: &str) -> Result<(), InvalidValue> {
    split_lang(value).map(|_| ()).ok_or(InvalidValue::mismatch(
        "a localized string [{lang=<tag>}]text",
    ))
}

pub(crate) fn check_language(value: &str) -> Result<(), InvalidValue> {
    if is_language(value) {
        Ok(())
    } else {
        Err(InvalidValue::mismatch("a language tag such as en-US"))
    }
}

pub(crate) fn check_identifier(value: &str) -> Result<(), InvalidValue> {
    if is_uri_identifier(value) {
        Ok(())
    } else {
        Err(InvalidValue::mismatch(
            "an identifier: a non-empty URI without white space",
        ))
    }
}

/// A well-formed language tag (BCP 47 grammar, `oxilangtag`), at most 250 characters.
pub(crate) fn is_language(value: &str) -> bool {
    value.len() <= 250 && oxilangtag::LanguageTag::parse(value).is_ok()
}

/// A URI reference (RFC 3986, `iri-string`), non-empty, without white space; a scheme must have a body
/// (`urn:` alone is refused).
pub(crate) fn is_uri_identifier(value: &str) -> bool {
    if value.is_empty() || value.chars().any(char::is_whitespace) {
        return false;
    }
    if UriReferenceStr::new(value).is_err() {
        return false;
    }
    match value.split_once(':') {
        Some((scheme, body))
            if !scheme.is_empty()
                && !scheme.contains(['/', '?', '#'])
                && scheme.starts_with(|c: char| c.is_ascii_alphabetic()) =>
        {
            !body.is_empty()
        }
        _ => true,
    }
}

/// Splits a leading `{lang=<tag>}` off `value`: `Some((Some(tag), text))`, `Some((None, value))` when
/// there is no delimiter, `None` when the delimiter's tag is invalid (rule P-19).
pub(crate) fn split_lang(value: &str) -> Option<(Option<&str>, &str)> {
    let Some(rest) = value.strip_prefix("{lang=") else {
        return Some((None, value));
    };
    let Some((tag, text)) = rest.split_once('}') else {
        return Some((None, value));
    };
    is_language(tag).then_some((Some(tag), text))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identifiers_follow_rule_t04_05() {
        for ok in [
            "MYID01",
            "urn:adl:lmsTest/OBJ01",
            "http://x/y#z",
            "uri.uri.uri.abcd",
            "q1:a",
        ] {
            assert!(LongIdentifier::parse(ok).is_ok(), "{ok}");
        }
        for bad in [
            "",
            "urn:",
            "urn:adl:lms Test/OBJ01",
            "{}{[]}{}{[]}{}",
            "a\tb",
        ] {
            assert!(LongIdentifier::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn localized_strings_follow_rule_t04_02() {
        for ok in [
            "",
            "{lang=en}",
            "{lang=AB}",
            "{lang=en-US}Hello",
            "plain",
            "{lang=en",
        ] {
            assert!(LocalizedString::parse(ok).is_ok(), "{ok}");
        }
        for bad in ["{lang=}", "{lang=x}z", "{lang=en_US}z"] {
            assert!(LocalizedString::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn languages_are_well_formed_tags() {
        for ok in [
            "en",
            "eng",
            "en-US",
            "zh-Hans",
            "i-klingon",
            "de-AT-1901",
            "x-anything",
        ] {
            assert!(LanguageType::parse(ok).is_ok(), "{ok}");
        }
        for bad in ["", "x", "x-", "en_US", "e"] {
            assert!(LanguageType::parse(bad).is_err(), "{bad}");
        }
    }
}
