//! Agent identifiers and attachment digests: `mailto:` IRIs, SHA-1 and SHA-2 hex digests.

use super::macros::string_newtype;

/// True when `text` is `mailto:` followed by one e-mail address: a local part of RFC 5322 `atext`
/// and dots (non-ASCII allowed, RFC 6531), `@`, and a domain of letters, digits, dots and hyphens
/// (non-ASCII allowed).
pub(crate) fn check_mbox(text: &str) -> bool {
    let Some(address) = text.strip_prefix("mailto:") else {
        return false;
    };
    let Some((local, domain)) = address.rsplit_once('@') else {
        return false;
    };
    !local.is_empty()
        && !domain.is_empty()
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !domain.contains("..")
        && domain.bytes().all(|byte| {
            byte.is_ascii_alphanumeric() || byte == b'.' || byte == b'-' || byte >= 0x80
        })
        && percent_escapes_ok(local)
        && local.chars().all(|ch| {
            ch.is_ascii_alphanumeric()
                || "!$%&'*+-/=^_`{|}~.".contains(ch)
                || (!ch.is_ascii() && !ch.is_control() && !ch.is_whitespace())
        })
}

/// Every `%` starts a `%XX` escape.
fn percent_escapes_ok(text: &str) -> bool {
    let bytes = text.as_bytes();
    bytes.iter().enumerate().all(|(at, byte)| {
        *byte != b'%'
            || (bytes.get(at + 1).is_some_and(u8::is_ascii_hexdigit)
                && bytes.get(at + 2).is_some_and(u8::is_ascii_hexdigit))
    })
}

/// True when `text` is 40 hex digits (a SHA-1 digest).
pub(crate) fn check_sha1(text: &str) -> bool {
    text.len() == 40 && text.bytes().all(|byte| byte.is_ascii_hexdigit())
}

/// True when `text` is the hex form of a SHA-224/256/384/512 digest.
pub(crate) fn check_sha2(text: &str) -> bool {
    matches!(text.len(), 56 | 64 | 96 | 128) && text.bytes().all(|byte| byte.is_ascii_hexdigit())
}

string_newtype!(
    /// A `mailto:` IRI naming one e-mail address (`mbox`).
    ///
    /// ```
    /// use learnwire_xapi::types::MailtoIri;
    /// assert!(MailtoIri::parse("mailto:learner@example.com").is_ok());
    /// assert!(MailtoIri::parse("learner@example.com").is_err());
    /// ```
    MailtoIri,
    InvalidMbox,
    "a mailto IRI",
    check_mbox,
    Mbox
);

string_newtype!(
    /// The hex SHA-1 of a `mailto:` IRI (`mbox_sha1sum`).
    Sha1Sum,
    InvalidSha1Sum,
    "40 hex digits",
    check_sha1,
    MboxSha1
);

string_newtype!(
    /// A hex SHA-2 digest (`attachment.sha2`).
    Sha2Sum,
    InvalidSha2,
    "a hex SHA-2 digest",
    check_sha2,
    Sha2
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mboxes() {
        assert!(check_mbox("mailto:a@example.com"));
        assert!(check_mbox("mailto:foo-baz.@some-domain.com"));
        for bad in [
            "a@example.com",
            "mailto:",
            "mailto:a",
            "mailto:@x.com",
            "mailto:a@",
            "MAILTO:a@b.c",
        ] {
            assert!(!check_mbox(bad), "{bad}");
        }
    }

    #[test]
    fn digests() {
        assert!(check_sha1(&"a".repeat(40)));
        assert!(!check_sha1(&"a".repeat(39)));
        assert!(!check_sha1(&"g".repeat(40)));
        assert!(check_sha2(&"0".repeat(64)));
        assert!(!check_sha2("YWJj"));
    }
}
