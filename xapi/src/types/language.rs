//! BCP 47 (RFC 5646) language tags, checked with `oxilangtag` (full grammar, not only token lengths).

use super::macros::string_newtype;

/// True when `text` is a well-formed BCP 47 language tag.
pub(crate) fn check_language_tag(text: &str) -> bool {
    oxilangtag::LanguageTag::parse(text).is_ok()
}

string_newtype!(
    /// A BCP 47 language tag (`en-US`), as used by language maps and `context.language`.
    ///
    /// ```
    /// use learnwire_xapi::types::LanguageTag;
    /// assert!(LanguageTag::parse("en-US").is_ok());
    /// assert!(LanguageTag::parse("en_US!").is_err());
    /// ```
    LanguageTag,
    InvalidLanguageTag,
    "a BCP 47 language tag",
    check_language_tag,
    LanguageTag
);

#[cfg(test)]
mod tests {
    use super::check_language_tag;

    #[test]
    fn tags() {
        for good in [
            "en",
            "en-US",
            "zh-Hant-TW",
            "x-private",
            "i-klingon",
            "de-CH-1996",
        ] {
            assert!(check_language_tag(good), "{good}");
        }
        for bad in ["", "en_US!", "fr-u-o", "toolongtag-x", "-en"] {
            assert!(!check_language_tag(bad), "{bad}");
        }
    }
}
