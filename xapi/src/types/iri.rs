//! IRIs (RFC 3987, absolute, fragment allowed) and `openid` URIs (RFC 3986).

use iri_string::spec::IriSpec;

use super::macros::string_newtype;

/// True when `text` is an absolute RFC 3987 IRI (a scheme, optional fragment). Linear time.
pub(crate) fn check_iri(text: &str) -> bool {
    iri_string::validate::iri::<IriSpec>(text).is_ok()
}

string_newtype!(
    /// An absolute IRI (RFC 3987): verb ids, activity ids, types, extension keys, IRLs.
    ///
    /// ```
    /// use learnwire_xapi::types::Iri;
    /// assert!(Iri::parse("http://adlnet.gov/expapi/verbs/completed").is_ok());
    /// assert!(Iri::parse("completed").is_err());
    /// ```
    Iri,
    InvalidIri,
    "an absolute IRI",
    check_iri,
    Iri
);

string_newtype!(
    /// An `openid` identifier: an absolute URI. Its IRI form (RFC 3987, non-ASCII characters
    /// unescaped) is accepted too: it maps to exactly one URI (RFC 3987 §3.1).
    OpenId,
    InvalidOpenId,
    "an absolute URI",
    check_iri,
    Uri
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iris() {
        for good in [
            "http://example.com/xapi/foo/#bar?x=1",
            "http://a_b/#foo",
            "foo+bar.baz-quxx:",
            "urn:uuid:6ba7b810-9dad-11d1-80b4-00c04fd430c8",
            "http://例え.テスト/パス",
        ] {
            assert!(check_iri(good), "{good}");
        }
        for bad in [
            "",
            "www.example.com",
            "/path",
            "example.com/x",
            "http://a b",
            "http://x/%zz",
        ] {
            assert!(!check_iri(bad), "{bad}");
        }
    }
}
