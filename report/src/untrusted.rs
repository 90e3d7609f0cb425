//! Attacker-controlled text kept in an error.

use std::fmt;

/// The longest attacker-supplied text kept, in bytes (cut at a character boundary).
const MAX_KEPT_BYTES: usize = 256;

/// Attacker-controlled text kept in an error (an `alg`, a `kid`, a member name): cut to 256 bytes when
/// stored, and shown quoted and escaped, at most 128 characters, by `Display` and `Debug`
/// ([`quote`](crate::quote)), so an error can be logged as it is.
///
/// # Example
///
/// ```
/// use learnwire_report::Untrusted;
///
/// let kid = Untrusted::new("key-1\r\nX-Injected: 1");
/// assert_eq!(kid.as_str(), "key-1\r\nX-Injected: 1");
/// assert_eq!(kid.to_string(), r#""key-1\u{d}\u{a}X-Injected: 1""#);
/// assert_eq!(Untrusted::new(&"x".repeat(1000)).as_str().len(), 256);
/// ```
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct Untrusted(String);

impl Untrusted {
    /// Keeps at most 256 bytes of `text`.
    pub fn new(text: &str) -> Self {
        let mut end = text.len().min(MAX_KEPT_BYTES);
        while !text.is_char_boundary(end) {
            end = end.saturating_sub(1);
        }
        Self(text.get(..end).unwrap_or_default().to_owned())
    }

    /// The kept (possibly cut) text, unescaped. Escape it before showing it anywhere.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Untrusted {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&crate::quote(&self.0))
    }
}

impl fmt::Debug for Untrusted {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cuts_at_a_character_boundary() {
        let text = "é".repeat(200);
        let kept = Untrusted::new(&text);
        assert_eq!(kept.as_str().len(), 256);
        assert!(kept.as_str().chars().all(|c| c == 'é'));
    }
}
