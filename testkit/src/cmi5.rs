//! Oracle of the `cmi5_course_structure` fuzz target: `cmi5.xml` (and the same bytes as `tincan.xml`).

use learnwire_cmi5::tincan::{check_tincan, parse_tincan};
use learnwire_cmi5::{
    CODES, Location, Options, Profile, Report, check_course_structure, parse_course_structure,
};
use percent_encoding::percent_decode_str;

/// Oracle for one document read as a course structure and as a TinCan descriptor, in each profile:
/// `parse_*` is `Ok` exactly when `check_*` has no error; a valid check has its model; strict validity
/// implies lenient validity; every issue has a registered code and an XML location (a path that starts
/// with `/`, or none); a valid course has unique AU and block ids, at most
/// [`Limits::max_course_nodes`](learnwire_cmi5::Limits::max_course_nodes) of them, and every AU url
/// and TinCan launch safe ([`assert_url_is_safe`]).
///
/// # Panics
///
/// When an oracle fails (that is the point).
pub fn course_structure_oracle(bytes: &[u8]) {
    let mut verdicts = Vec::new();
    for profile in [Profile::Lenient, Profile::Strict] {
        let options = Options::new(profile);
        let check = check_course_structure(bytes, &options);
        let parsed = parse_course_structure(bytes, &options);
        if parsed.is_ok() != check.is_valid() {
            panic!("parse_course_structure and check_course_structure disagree ({profile:?})");
        }
        assert_issues_are_registered_and_located(&check.report);
        if let Some(course) = check.course.as_ref().filter(|_| check.is_valid()) {
            let mut ids = std::collections::BTreeSet::new();
            let mut count = 0usize;
            for node in course.nodes() {
                count += 1;
                if !ids.insert(node.id()) {
                    panic!("a valid course repeats the id {:?}", node.id());
                }
            }
            if count > options.limits.max_course_nodes() {
                panic!("a valid course has more nodes than the limit");
            }
            for au in course.aus() {
                assert_url_is_safe(&au.url);
            }
        }
        let tincan = check_tincan(bytes, &options);
        if parse_tincan(bytes, &options).is_ok() != tincan.is_valid() {
            panic!("parse_tincan and check_tincan disagree ({profile:?})");
        }
        assert_issues_are_registered_and_located(&tincan.report);
        for launch in &tincan.launches {
            assert_url_is_safe(&launch.url);
        }
        verdicts.push((check.is_valid(), tincan.is_valid()));
    }
    if let [lenient, strict] = verdicts[..]
        && ((strict.0 && !lenient.0) || (strict.1 && !lenient.1))
    {
        panic!("valid in strict but not in lenient");
    }
}

fn assert_issues_are_registered_and_located(report: &Report) {
    for issue in report.issues() {
        if !CODES.iter().any(|info| info.code == issue.code) {
            panic!("unregistered code {}", issue.code);
        }
        match &issue.location {
            Location::Xml { path, .. } if path.is_empty() || path.starts_with('/') => {}
            Location::Whole | Location::Entry { .. } => {}
            other => panic!("unexpected location {other:?} for {}", issue.code),
        }
    }
}

/// Asserts that an AU url or TinCan launch is an absolute `http(s)` URL with a host, or a relative path
/// that stays inside the package: no whitespace, control character or backslash anywhere; the path part
/// (before `?` or `#`) does not start with `/`, has no `:` in its first segment, decodes as UTF-8 with
/// every `%` starting two hex digits, encodes no `/`, `\` or NUL, and never climbs above the root with
/// `..`. An independent reading of the rules (the crate's own classifier is private).
///
/// # Panics
///
/// When the URL is not safe.
pub fn assert_url_is_safe(url: &str) {
    if url
        .chars()
        .any(|c| c.is_whitespace() || c.is_control() || c == '\\')
    {
        panic!("unsafe character in {url:?}");
    }
    if let Ok(parsed) = url::Url::parse(url) {
        if !matches!(parsed.scheme(), "http" | "https") || parsed.host().is_none() {
            panic!("unsafe absolute URL {url:?}");
        }
        return;
    }
    let path = url.split(['?', '#']).next().unwrap_or("");
    if path.starts_with('/') || path.split('/').next().is_some_and(|s| s.contains(':')) {
        panic!("not a path inside the package: {url:?}");
    }
    let bytes = path.as_bytes();
    for (at, byte) in bytes.iter().enumerate() {
        let hex = |offset: usize| bytes.get(at + offset).is_some_and(u8::is_ascii_hexdigit);
        if *byte == b'%' && !(hex(1) && hex(2)) {
            panic!("broken escape in {url:?}");
        }
    }
    let mut depth = 0usize;
    for segment in path.split('/') {
        let Ok(segment) = percent_decode_str(segment).decode_utf8() else {
            panic!("not UTF-8 once decoded: {url:?}");
        };
        if segment.contains(['/', '\\', '\0']) {
            panic!("encoded separator in {url:?}");
        }
        match &*segment {
            "" | "." => {}
            ".." => {
                depth = depth
                    .checked_sub(1)
                    .unwrap_or_else(|| panic!("climbs out of the package: {url:?}"));
            }
            _ => depth += 1,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_url_oracle_refuses_what_it_should() {
        for url in [
            "a/b.html?x#y",
            "https://e.com/x",
            "a/../b.html",
            "my%20course/i.html",
        ] {
            assert_url_is_safe(url);
        }
        for url in [
            "../x",
            "a/%2e%2e/%2e%2e/x",
            "/x",
            "javascript:x",
            "a b",
            "a%2Fb",
            "x%zz",
        ] {
            assert!(
                std::panic::catch_unwind(|| assert_url_is_safe(url)).is_err(),
                "{url}"
            );
        }
    }
}
