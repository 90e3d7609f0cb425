//! Canonical unpadded base64url (RFC 7515 §2, RFC 4648 §5), the encoding of every JWS segment and JWK
//! number.
//!
//! Decoding is strict, so one byte string has exactly one accepted text (no token malleability for
//! replay caches): no `=` padding, no standard-alphabet `+` or `/`, no whitespace or line breaks, and
//! the unused low bits of the last character must be zero. This is the `base64` crate's
//! `URL_SAFE_NO_PAD` engine with its default (strict) decoding configuration.
//!
//! # Example
//!
//! ```
//! use learnwire_jose::base64url;
//!
//! assert_eq!(base64url::encode(b"\xfb\xff"), "-_8");
//! assert_eq!(base64url::decode("-_8")?, b"\xfb\xff");
//! assert!(base64url::decode("-_9").is_err()); // same bytes for a lenient decoder
//! assert!(base64url::decode("-_8=").is_err());
//! assert!(base64url::decode("+/8").is_err());
//! # Ok::<(), base64url::InvalidBase64url>(())
//! ```

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;

/// Text that is not canonical unpadded base64url.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
#[error("not canonical unpadded base64url")]
#[non_exhaustive]
pub struct InvalidBase64url;

/// Encodes bytes as unpadded base64url.
pub fn encode(bytes: impl AsRef<[u8]>) -> String {
    URL_SAFE_NO_PAD.encode(bytes)
}

/// Decodes canonical unpadded base64url.
///
/// # Errors
///
/// [`InvalidBase64url`] for padding, characters outside the URL-safe alphabet (whitespace included), an
/// impossible length, or non-zero trailing bits.
pub fn decode(text: impl AsRef<[u8]>) -> Result<Vec<u8>, InvalidBase64url> {
    URL_SAFE_NO_PAD.decode(text).map_err(|_| InvalidBase64url)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_every_non_canonical_form() {
        assert_eq!(decode("").unwrap(), b"");
        for bad in ["QQ==", "QR", "Q", "Q Q", "QQ\n", "Q+", "Q/"] {
            assert_eq!(decode(bad), Err(InvalidBase64url), "{bad:?}");
        }
        assert_eq!(decode("QQ").unwrap(), b"A");
    }
}
