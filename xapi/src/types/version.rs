//! The statement `version` property.

use super::macros::string_newtype;
use crate::XapiVersion;

/// True when `text` is a statement version accepted by an LRS speaking `lrs`:
/// `1.0`, `1.0.N` (and `2.0`, `2.0.N` for 2.0), with a SemVer pre-release/build suffix when
/// `allow_suffix`.
pub(crate) fn check_version(text: &str, lrs: XapiVersion, allow_suffix: bool) -> bool {
    let (core, suffix) = match text.find(['-', '+']) {
        Some(at) => (text.get(..at).unwrap_or(""), text.get(at..).unwrap_or("")),
        None => (text, ""),
    };
    if !suffix.is_empty() && (!allow_suffix || !check_suffix(suffix)) {
        return false;
    }
    let rest = if let Some(rest) = core.strip_prefix("1.0") {
        rest
    } else if let Some(rest) = core.strip_prefix("2.0") {
        if lrs == XapiVersion::V1_0_3 {
            return false;
        }
        rest
    } else {
        return false;
    };
    if rest.is_empty() {
        return suffix.is_empty();
    }
    let Some(patch) = rest.strip_prefix('.') else {
        return false;
    };
    is_number(patch)
}

fn is_number(text: &str) -> bool {
    !text.is_empty()
        && text.bytes().all(|byte| byte.is_ascii_digit())
        && !(text.len() > 1 && text.starts_with('0'))
}

fn check_suffix(suffix: &str) -> bool {
    let (pre, build) = match suffix.split_once('+') {
        Some((pre, build)) => (pre, Some(build)),
        None => (suffix, None),
    };
    let identifiers_ok = |text: &str| {
        text.split('.').all(|part| {
            !part.is_empty()
                && part
                    .bytes()
                    .all(|byte| byte.is_ascii_alphanumeric() || byte == b'-')
        })
    };
    let pre_ok = match pre.strip_prefix('-') {
        Some(rest) => identifiers_ok(rest),
        None => pre.is_empty(),
    };
    pre_ok && build.is_none_or(identifiers_ok)
}

fn check_any(text: &str) -> bool {
    check_version(text, XapiVersion::V2_0_0, true)
}

string_newtype!(
    /// A statement `version` (`1.0.3`, `2.0.0`).
    Version,
    InvalidVersion,
    "an xAPI version",
    check_any,
    Version
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn versions() {
        use XapiVersion::{V1_0_3, V2_0_0};
        for good in ["1.0", "1.0.0", "1.0.3", "1.0.32"] {
            assert!(check_version(good, V1_0_3, false), "{good}");
        }
        for bad in [
            "",
            "1",
            "1.0.",
            "1.1.0",
            "2.0.0",
            "0.95",
            "1.0.3-rc1",
            "1.0.03",
            "3.0.0",
        ] {
            assert!(!check_version(bad, V1_0_3, false), "{bad}");
        }
        assert!(check_version("2.0.0", V2_0_0, false));
        assert!(check_version("1.0.3", V2_0_0, false));
        assert!(check_version("1.0.32-abc.def+ghi.jkl", V1_0_3, true));
        assert!(!check_version("1.0.3-", V1_0_3, true));
    }
}
