//! RFC 7638 JWK thumbprints.

use aws_lc_rs::digest::{SHA256, digest};
use serde_json::Value;

use crate::base64url;

/// The RFC 7638 SHA-256 thumbprint of an RSA JWK, base64url: SHA-256 over `{"e":…,"kty":…,"n":…}` (the
/// required members in lexicographic order, no whitespace, §3.2), whatever the order or presence of other
/// members in the key.
pub(crate) fn rsa_thumbprint(e: &str, kty: &str, n: &str) -> String {
    // Members written by hand, in the order §3.2 requires, with serde_json's string escaping (§3.3: the
    // values are base64url and "RSA", so nothing needs escaping in practice).
    let canonical = format!(
        r#"{{"e":{},"kty":{},"n":{}}}"#,
        Value::from(e),
        Value::from(kty),
        Value::from(n)
    );
    base64url::encode(digest(&SHA256, canonical.as_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// RFC 7638 §3.1's example key and its thumbprint.
    #[test]
    fn rfc_7638_example() {
        let n = "0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4cbbfAAtVT86zwu1RK7aPFFxuhDR1L6tSoc_BJECPebWKRXjBZCiFV4n3oknjhMstn64tZ_2W-5JsGY4Hc5n9yBXArwl93lqt7_RN5w6Cf0h4QyQ5v-65YGjQR0_FDW2QvzqY368QQMicAtaSqzs8KJZgnYb9c7d0zgdAZHzu6qMQvRL5hajrn1n91CbOpbISD08qNLyrdkt-bFTWhAI4vMQFh6WeZu0fM4lFd2NcRwr3XPksINHaQ-G_xBniIqbw0Ls1jF44-csFCur-kEgU8awapJzKnqDKgw";
        assert_eq!(
            rsa_thumbprint("AQAB", "RSA", n),
            "NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs"
        );
    }
}
