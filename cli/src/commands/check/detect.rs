//! Telling the standard from content, and running the matching check.

use std::io::Read;
use std::path::Path;

use learnwire_package::{Limits as PackageLimits, Package};
use learnwire_report::Code;
use learnwire_scorm::{ManifestCheck, Options, check_manifest, check_package, root_element};

use super::{Outcome, Standard};

const CMI5_NOT_SUPPORTED: Code = Code::new("cmi5.not-supported");
const NOT_A_PACKAGE: Code = Code::new("check.unrecognized");
const CMI5_NAMESPACES: [&str; 3] = [
    "https://w3id.org/xapi/profiles/cmi5/v1/CourseStructure.xsd",
    "http://www.adlnet.gov/cmi5/CourseStructure.xsd",
    "http://aicc.org/CMI5/CourseStructure.xsd",
];
const SCORM_NAMESPACES: [&str; 2] = [
    "http://www.imsproject.org/xsd/imscp_rootv1p1p2",
    "http://www.imsglobal.org/xsd/imscp_v1p1",
];

fn cmi5() -> Outcome {
    Outcome::refused(
        Standard::Cmi5,
        CMI5_NOT_SUPPORTED,
        "cmi5 course structures are not supported yet",
    )
}

fn from_check(standard: Standard, check: ManifestCheck) -> Outcome {
    Outcome {
        standard,
        version: check.version,
        report: check.report,
        launches: check.launches,
        manifest: check.manifest,
        content_root: check.content_root,
    }
}

fn package_outcome(package: &Package, options: &Options) -> Outcome {
    let has =
        |name: &str| package.file(name).is_some() || package.file_ignoring_case(name).is_some();
    if has("imsmanifest.xml") {
        return from_check(Standard::Scorm, check_package(package, options));
    }
    if has("cmi5.xml") {
        return cmi5();
    }
    // Neither at the root: the SCORM check says why (manifest missing, or only in a sub-folder), or
    // re-roots a package zipped one folder too high (lenient profile).
    let check = check_package(package, options);
    let standard = if check.content_root.is_some() {
        Standard::Scorm
    } else {
        Standard::Unknown
    };
    from_check(standard, check)
}

/// Checks a folder.
pub(super) fn check_folder(path: &Path, options: &Options) -> Outcome {
    match Package::open(path, &PackageLimits::default()) {
        Ok(package) => package_outcome(&package, options),
        Err(error) => Outcome::refused(Standard::Unknown, error.code(), error.to_string()),
    }
}

/// Checks a file: a zip, or an XML document.
pub(super) fn check_file(path: &Path, options: &Options) -> Outcome {
    let limit = u64::try_from(options.limits.max_input_bytes()).unwrap_or(u64::MAX);
    let mut head = Vec::new();
    let read = std::fs::File::open(path).and_then(|file| file.take(4).read_to_end(&mut head));
    if let Err(error) = read {
        return Outcome::refused(
            Standard::Unknown,
            NOT_A_PACKAGE,
            format!("cannot read the file: {error}"),
        );
    }
    let is_zip_name = path
        .extension()
        .is_some_and(|ext| ext.eq_ignore_ascii_case("zip"));
    if head.starts_with(b"PK") || is_zip_name {
        return match Package::open(path, &PackageLimits::default()) {
            Ok(package) => package_outcome(&package, options),
            Err(error) => Outcome::refused(Standard::Unknown, error.code(), error.to_string()),
        };
    }
    let mut bytes = Vec::new();
    let read = std::fs::File::open(path)
        .and_then(|file| file.take(limit.saturating_add(1)).read_to_end(&mut bytes));
    if let Err(error) = read {
        return Outcome::refused(
            Standard::Unknown,
            NOT_A_PACKAGE,
            format!("cannot read the file: {error}"),
        );
    }
    let root = root_element(&bytes);
    let namespace = root.as_ref().and_then(|root| root.namespace.as_deref());
    let is_cmi5 = namespace.is_some_and(|ns| CMI5_NAMESPACES.contains(&ns))
        || root
            .as_ref()
            .is_some_and(|root| root.local_name == "courseStructure" && namespace.is_none());
    if is_cmi5 {
        return cmi5();
    }
    let standard = if namespace.is_some_and(|ns| SCORM_NAMESPACES.contains(&ns)) {
        Standard::Scorm
    } else {
        Standard::Unknown
    };
    from_check(standard, check_manifest(&bytes, options))
}
