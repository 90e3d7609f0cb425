//! The oracles of the fuzz targets, shared with the seed replay test. Not part of the stable API.

use learnwire_package::{Limits as PackageLimits, Package};

use crate::{Options, Profile, check_manifest, check_package, parse_manifest};

/// Fuzz oracle for one manifest: `parse_manifest` is `Ok` exactly when `check_manifest` reports no error
/// (per profile); a strictly valid manifest is leniently valid; every launch URL stays a relative path
/// inside the package or an http(s) URL.
///
/// # Panics
///
/// When an oracle fails (that is the point).
#[allow(clippy::panic)]
pub fn manifest_oracle(bytes: &[u8]) {
    let mut verdicts = Vec::new();
    for profile in [Profile::Lenient, Profile::Strict] {
        let options = Options::new(profile);
        let check = check_manifest(bytes, &options);
        let parsed = parse_manifest(bytes, &options);
        if parsed.is_ok() != check.is_valid() {
            panic!("parse_manifest and check_manifest disagree ({profile:?})");
        }
        for launch in &check.launches {
            launch_is_safe(&launch.url);
        }
        verdicts.push(check.is_valid());
    }
    if let [lenient, strict] = verdicts[..]
        && strict
        && !lenient
    {
        panic!("valid in strict but not in lenient");
    }
}

/// Fuzz oracle for one zip: opening never panics; when it opens, the package check holds the same
/// launch invariants as [`manifest_oracle`] and strict validity implies lenient validity.
///
/// # Panics
///
/// When an oracle fails.
#[allow(clippy::panic)]
pub fn package_oracle(bytes: &[u8]) {
    let limits = PackageLimits::default()
        .with_max_entries(64)
        .with_max_total_uncompressed(1 << 22);
    let Ok(package) = Package::from_zip_bytes(bytes.to_vec(), &limits) else {
        return;
    };
    let lenient = check_package(&package, &Options::new(Profile::Lenient));
    let strict = check_package(&package, &Options::new(Profile::Strict));
    for launch in lenient.launches.iter().chain(strict.launches.iter()) {
        launch_is_safe(&launch.url);
    }
    if strict.is_valid() && !lenient.is_valid() {
        panic!("package valid in strict but not in lenient");
    }
}

#[allow(clippy::panic)]
fn launch_is_safe(url: &str) {
    let lower = url.to_ascii_lowercase();
    if lower.starts_with("http://")
        || lower.starts_with("https://")
        || lower.starts_with("ftp://")
        || lower.starts_with("ftps://")
    {
        return;
    }
    if url.starts_with('/') || url.contains('\\') || lower.contains("script:") && !url.contains('?')
    {
        panic!("unsafe launch URL {url:?}");
    }
    let path = url.split(['?', '#']).next().unwrap_or("");
    if crate::launch::normalize(path).is_err() {
        panic!("launch URL {url:?} escapes the package");
    }
}
