//! UUIDs in the standard `8-4-4-4-12` hex form (statement ids, registrations, StatementRef ids).

use super::macros::string_newtype;
use crate::UuidPolicy;

/// True when `text` is a UUID accepted under `policy`.
pub(crate) fn check_uuid(text: &str, policy: UuidPolicy) -> bool {
    let bytes = text.as_bytes();
    if bytes.len() != 36 {
        return false;
    }
    let shape = bytes.iter().enumerate().all(|(at, byte)| match at {
        8 | 13 | 18 | 23 => *byte == b'-',
        _ => byte.is_ascii_hexdigit(),
    });
    if !shape {
        return false;
    }
    let nil_or_max = bytes.iter().all(|byte| *byte == b'-' || *byte == b'0')
        || bytes
            .iter()
            .all(|byte| *byte == b'-' || byte.eq_ignore_ascii_case(&b'f'));
    let version_ok = matches!(bytes.get(14), Some(b'1'..=b'8')) || nil_or_max;
    let variant_ok =
        matches!(bytes.get(19), Some(b'8' | b'9' | b'a' | b'b' | b'A' | b'B')) || nil_or_max;
    match policy {
        UuidPolicy::Shape => true,
        UuidPolicy::KnownVersion => version_ok,
        UuidPolicy::Rfc4122 => version_ok && variant_ok,
    }
}

fn check_shape(text: &str) -> bool {
    check_uuid(text, UuidPolicy::Shape)
}

string_newtype!(
    /// A UUID in `8-4-4-4-12` hex form, kept as received (case included).
    ///
    /// ```
    /// use learnwire_xapi::types::XapiUuid;
    /// let id = XapiUuid::parse("fd41c918-b88b-4b20-a0a5-a4c32391aaa0").unwrap();
    /// assert_eq!(id.to_uuid().get_version_num(), 4);
    /// assert!(XapiUuid::parse("{fd41c918-b88b-4b20-a0a5-a4c32391aaa0}").is_err());
    /// ```
    XapiUuid,
    InvalidUuid,
    "a UUID",
    check_shape,
    Uuid
);

impl XapiUuid {
    /// The UUID value.
    pub fn to_uuid(&self) -> uuid::Uuid {
        uuid::Uuid::try_parse(&self.0).unwrap_or_default()
    }

    /// The value in lowercase hyphenated form, as an LRS should compare and return it.
    pub fn from_uuid(value: uuid::Uuid) -> Self {
        Self(value.hyphenated().to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn policies() {
        let spec_example = "12345678-1234-5678-1234-567812345678";
        assert!(check_uuid(spec_example, UuidPolicy::KnownVersion));
        assert!(!check_uuid(spec_example, UuidPolicy::Rfc4122));
        assert!(!check_uuid(
            "12345678-1234-9234-1234-123456789012",
            UuidPolicy::KnownVersion
        ));
        assert!(check_uuid(
            "12345678-1234-9234-1234-123456789012",
            UuidPolicy::Shape
        ));
        assert!(check_uuid(
            "00000000-0000-0000-0000-000000000000",
            UuidPolicy::Rfc4122
        ));
        for bad in [
            "",
            "not-a-uuid",
            "123456781234567812341234567812345678",
            "urn:uuid:x",
        ] {
            assert!(!check_uuid(bad, UuidPolicy::Shape), "{bad}");
        }
    }
}
