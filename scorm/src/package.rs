//! Package checks: the manifest at the root, and every file it names present (rules P-02, P-03, P-09..P-13).

use std::collections::BTreeSet;

use learnwire_package::Package;
use learnwire_report::{Location, Report, quote};

use crate::Options;
use crate::build::{self, RefKind};
use crate::check::ManifestCheck;
use crate::rules::{self, Rule};

/// The files of a package, as the checks need them. Implemented for [`learnwire_package::Package`];
/// implement it for any other listing (an extracted folder, a storage bucket, a `*.files.txt`).
pub trait PackageFiles {
    /// True when a regular file has exactly this path (`/`-separated, relative to the package root).
    fn contains(&self, path: &str) -> bool;
    /// The stored path of a file whose path equals `path` ignoring letter case, if any.
    fn find_ignoring_case(&self, path: &str) -> Option<String>;
    /// Every file path of the package.
    fn paths(&self) -> Vec<String>;
}

impl PackageFiles for Package {
    fn contains(&self, path: &str) -> bool {
        self.file(path).is_some()
    }
    fn find_ignoring_case(&self, path: &str) -> Option<String> {
        self.file_ignoring_case(path)
            .map(|entry| entry.path.clone())
    }
    fn paths(&self) -> Vec<String> {
        self.files().map(|entry| entry.path.clone()).collect()
    }
}

impl PackageFiles for std::collections::BTreeSet<String> {
    fn contains(&self, path: &str) -> bool {
        std::collections::BTreeSet::contains(self, path)
    }
    fn find_ignoring_case(&self, path: &str) -> Option<String> {
        let wanted = path.to_lowercase();
        self.iter()
            .find(|candidate| candidate.to_lowercase() == wanted)
            .cloned()
    }
    fn paths(&self) -> Vec<String> {
        self.iter().cloned().collect()
    }
}

/// Checks a package opened with `learnwire-package`: finds `imsmanifest.xml` at the root (a case variant
/// is reported and used; one only in a sub-folder is an error), checks it, checks that every file it
/// names is present, and merges the package's own report (zip safety, integrity of every entry).
///
/// # Example
///
/// ```
/// use learnwire_package::{Limits, Package};
/// use learnwire_scorm::{check_package, Options};
///
/// let zip = learnwire_package::doc_support::tiny_zip(&[("imsmanifest.xml", b"<not-a-manifest/>")]);
/// let package = Package::from_zip_bytes(zip, &Limits::default()).unwrap();
/// let check = check_package(&package, &Options::default());
/// assert!(check.report.has_code("scorm.manifest.root"));
/// ```
pub fn check_package(package: &Package, options: &Options) -> ManifestCheck {
    let mut report = Report::new();
    let entry = match package.file("imsmanifest.xml") {
        Some(entry) => Some(entry),
        None => match package.file_ignoring_case("imsmanifest.xml") {
            Some(entry) => {
                push(
                    &mut report,
                    rules::PACKAGE_MANIFEST_CASE,
                    options,
                    Location::entry(entry.raw_name.clone()),
                    format!(
                        "the manifest is named {}; the name is imsmanifest.xml, in lower case",
                        quote(&entry.path)
                    ),
                );
                Some(entry)
            }
            None => None,
        },
    };
    let mut check = match entry {
        Some(entry) => {
            let limit = u64::try_from(options.limits.max_input_bytes()).unwrap_or(u64::MAX);
            match package.read_to_vec(entry, limit.saturating_add(1)) {
                Ok(bytes) => check_manifest_against(&bytes, package, options),
                Err(error) => {
                    report.error(
                        error.code(),
                        Location::entry(entry.raw_name.clone()),
                        error.to_string(),
                    );
                    push(
                        &mut report,
                        rules::PACKAGE_MANIFEST_UNREADABLE,
                        options,
                        Location::entry(entry.raw_name.clone()),
                        "imsmanifest.xml could not be read from the package",
                    );
                    ManifestCheck::from_report(Report::new())
                }
            }
        }
        None => {
            let nested = package
                .paths()
                .into_iter()
                .find(|path| path.ends_with("/imsmanifest.xml") && path.matches('/').count() == 1);
            let message = match nested {
                Some(path) => format!(
                    "no imsmanifest.xml at the package root (found {}: the package was zipped one folder too high)",
                    quote(&path)
                ),
                None => "no imsmanifest.xml at the package root".to_owned(),
            };
            push(
                &mut report,
                rules::PACKAGE_MANIFEST_MISSING,
                options,
                Location::Whole,
                message,
            );
            ManifestCheck::from_report(Report::new())
        }
    };
    report.merge(std::mem::take(&mut check.report));
    report.merge(package.verify_contents());
    check.report = report;
    check
}

/// Checks a manifest against a list of package files: like [`check_manifest`](crate::check_manifest), plus presence of every
/// file the manifest names (case mismatches reported apart) and files no resource lists.
pub fn check_files(manifest: &[u8], files: &dyn PackageFiles, options: &Options) -> ManifestCheck {
    check_manifest_against(manifest, files, options)
}

fn check_manifest_against(
    bytes: &[u8],
    files: &dyn PackageFiles,
    options: &Options,
) -> ManifestCheck {
    crate::check::check_manifest_with(bytes, options, Some(files))
}

/// Reports every file the manifest names that `files` lacks, and every file no resource lists.
pub(crate) fn check_presence(
    ctx: &mut build::Ctx<'_, '_>,
    files: &dyn PackageFiles,
    launches: &[crate::Launch],
    has_manifest: bool,
) {
    let launched: BTreeSet<&str> = launches
        .iter()
        .map(|launch| launch.resource.as_str())
        .collect();
    let refs = std::mem::take(&mut ctx.refs);
    let paths = std::mem::take(&mut ctx.ref_paths);
    let mut missing_paths: BTreeSet<&str> = BTreeSet::new();
    for reference in &refs {
        let path = reference.path(&paths);
        if path.is_empty() || files.contains(path) {
            continue;
        }
        let kind = match reference.kind {
            RefKind::ResourceHref if launched.contains(&*reference.resource) => RefKind::Launch,
            other => other,
        };
        let what = match kind {
            RefKind::Launch => "the launch file",
            RefKind::ResourceHref => "the resource file",
            RefKind::File => "the file",
            RefKind::Metadata => "the metadata file",
        };
        if let Some(found) = files.find_ignoring_case(path) {
            ctx.emit(
                rules::PACKAGE_FILE_CASE,
                reference.el,
                format!(
                    "{what} {} is in the package only as {} (breaks on case-sensitive servers)",
                    quote(path),
                    quote(&found)
                ),
            );
            continue;
        }
        if path.contains('/') {
            missing_paths.insert(path);
        }
        let rule = if kind == RefKind::Metadata {
            rules::PACKAGE_METADATA_MISSING
        } else {
            rules::PACKAGE_FILE_MISSING
        };
        ctx.emit(
            rule,
            reference.el,
            format!("{what} {} is not in the package", quote(path)),
        );
    }
    if missing_paths.len() >= 3 {
        let found = missing_paths
            .iter()
            .filter(|path| exists_in_an_ancestor_folder(path, files))
            .count();
        if found * 2 >= missing_paths.len() {
            ctx.emit_at(
                rules::PACKAGE_FLATTENED,
                Location::Whole,
                format!(
                    "{found} of {} missing files exist in a parent folder: the archive looks flattened (its folder structure was lost)",
                    missing_paths.len()
                ),
            );
        }
    }
    if has_manifest {
        let listed: BTreeSet<&str> = refs.iter().map(|r| r.path(&paths)).collect();
        for path in files.paths() {
            if !listed.contains(path.as_str()) && !is_control_or_junk(&path) {
                ctx.emit_at(
                    rules::PACKAGE_UNLISTED_FILE,
                    Location::entry(path.clone()),
                    format!("{} is not listed by any resource", quote(&path)),
                );
            }
        }
    }
}

/// Whether the file `a/b/c.js` (missing) is present as `a/c.js` or `c.js`: what flattening a folder
/// structure upward leaves behind.
fn exists_in_an_ancestor_folder(path: &str, files: &dyn PackageFiles) -> bool {
    let Some((mut folder, name)) = path.rsplit_once('/') else {
        return false;
    };
    loop {
        folder = match folder.rsplit_once('/') {
            Some((parent, _)) => parent,
            None if folder.is_empty() => return false,
            None => "",
        };
        let candidate = if folder.is_empty() {
            name.to_owned()
        } else {
            format!("{folder}/{name}")
        };
        if files.contains(&candidate) {
            return true;
        }
        if folder.is_empty() {
            return false;
        }
    }
}

fn is_control_or_junk(path: &str) -> bool {
    let name = path.rsplit('/').next().unwrap_or(path);
    path == "imsmanifest.xml"
        || path.starts_with("__MACOSX/")
        || name.starts_with("._")
        || matches!(name, ".DS_Store" | "Thumbs.db" | "desktop.ini")
        || name.ends_with(".xsd")
        || name.ends_with(".dtd")
}

fn push(
    report: &mut Report,
    rule: Rule,
    options: &Options,
    at: Location,
    message: impl Into<String>,
) {
    report.push(learnwire_report::Issue::new(
        rule.code,
        build::severity(rule, options.profile),
        at,
        message,
    ));
}

impl ManifestCheck {
    pub(crate) fn from_report(report: Report) -> Self {
        Self {
            version: None,
            manifest: None,
            report,
            launches: Vec::new(),
        }
    }
}
