//! Package checks: the manifest at the root, and every file it names present (rules P-02, P-03, P-09..P-14).

use std::collections::BTreeSet;

use learnwire_package::{ContentRoot, Package, Rerooted, find_content_root};
use learnwire_report::{Location, Report, quote};

use crate::build::{self, MANIFEST_FILE, RefKind};
use crate::check::ManifestCheck;
use crate::rules::{self, Rule};
use crate::{Options, Profile};

mod folders;

use folders::FolderTree;

/// The files of a package, as the checks need them. Implemented for [`learnwire_package::Package`];
/// implement it for any other listing (an extracted folder, a storage bucket, a `*.files.txt`).
pub trait PackageFiles {
    /// True when a regular file has exactly this path (`/`-separated, relative to the package root).
    fn contains(&self, path: &str) -> bool;
    /// The stored path of a file whose path equals `path` ignoring letter case, if any.
    fn find_ignoring_case(&self, path: &str) -> Option<String>;
    /// Every file path of the package.
    fn paths(&self) -> Vec<String>;
    /// The entry name to show in an issue's location for the file at `path`: `path` itself unless the
    /// files are seen from a sub-folder.
    fn entry_name(&self, path: &str) -> String {
        path.to_owned()
    }
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

/// The files of a package seen from one of its folders (a package zipped one folder too high): paths
/// are relative to that folder, and issue locations name the full entry path.
impl PackageFiles for Rerooted<'_> {
    fn contains(&self, path: &str) -> bool {
        self.file(path).is_some()
    }
    fn find_ignoring_case(&self, path: &str) -> Option<String> {
        self.file_ignoring_case(path)
            .and_then(|entry| self.relative_path(entry))
            .map(str::to_owned)
    }
    fn paths(&self) -> Vec<String> {
        self.files()
            .filter_map(|entry| self.relative_path(entry))
            .map(str::to_owned)
            .collect()
    }
    fn entry_name(&self, path: &str) -> String {
        self.package_path(path)
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
/// is reported and used), checks it, checks that every file it names is present, and merges the
/// package's own report (zip safety, integrity of every entry).
///
/// A package zipped one folder too high (the manifest in a single top folder, with nothing beside that
/// folder but operating-system junk such as `__MACOSX/`, `.DS_Store` or `Thumbs.db`; rule P-02) is an
/// error under [`Profile::Strict`](crate::Profile::Strict), as is a manifest found nowhere at the root.
/// Under [`Profile::Lenient`](crate::Profile::Lenient) it is re-rooted with the warning
/// `scorm.package.rerooted`: the manifest, its files and its launch URLs are read relative to that
/// folder, which [`ManifestCheck::content_root`] names. Two top folders with a manifest, or one next to
/// other content, are never re-rooted.
///
/// # Example
///
/// ```
/// use learnwire_package::{Limits, Package};
/// use learnwire_scorm::{check_package, Options};
///
/// let zip = learnwire_testkit::tiny_zip(&[("imsmanifest.xml", b"<not-a-manifest/>")]);
/// let package = Package::from_zip_bytes(zip, &Limits::default()).unwrap();
/// let check = check_package(&package, &Options::default());
/// assert!(check.report.has_code("scorm.manifest.root"));
/// ```
pub fn check_package(package: &Package, options: &Options) -> ManifestCheck {
    let mut report = Report::new();
    let view = match find_content_root(package, MANIFEST_FILE) {
        ContentRoot::Folder { folder, marker } if options.profile == Profile::Lenient => {
            push(
                &mut report,
                rules::PACKAGE_REROOTED,
                options,
                Location::entry(marker.clone()),
                format!(
                    "the manifest is {}, not at the package root (the package was zipped one folder too high); it was checked from the folder {}",
                    quote(&marker),
                    quote(&folder)
                ),
            );
            Some(Rerooted::new(package, &folder))
        }
        ContentRoot::Folder { marker, .. } => {
            push(
                &mut report,
                rules::PACKAGE_MANIFEST_MISSING,
                options,
                Location::Whole,
                format!(
                    "no imsmanifest.xml at the package root (found {}: the package was zipped one folder too high; the lenient profile re-roots it)",
                    quote(&marker)
                ),
            );
            None
        }
        ContentRoot::Root => Some(Rerooted::new(package, "")),
        ContentRoot::NotFound { nested } => {
            let message = if nested.is_empty() {
                "no imsmanifest.xml at the package root".to_owned()
            } else {
                let found: Vec<String> = nested.iter().map(|path| quote(path)).collect();
                format!(
                    "no imsmanifest.xml at the package root (found {}; not re-rooted: the top level holds other folders or files)",
                    found.join(", ")
                )
            };
            push(
                &mut report,
                rules::PACKAGE_MANIFEST_MISSING,
                options,
                Location::Whole,
                message,
            );
            None
        }
        _ => {
            push(
                &mut report,
                rules::PACKAGE_MANIFEST_MISSING,
                options,
                Location::Whole,
                "no imsmanifest.xml at the package root",
            );
            None
        }
    };
    let mut check = match &view {
        Some(view) => check_view(view, options, &mut report),
        None => ManifestCheck::from_report(Report::new()),
    };
    check.content_root = view
        .as_ref()
        .map(|view| view.folder().to_owned())
        .filter(|folder| !folder.is_empty());
    report.merge(std::mem::take(&mut check.report));
    report.merge(package.verify_contents());
    check.report = report;
    check
}

/// Finds the manifest in `view` (a case variant is reported), reads it and checks it against the files
/// of `view`.
fn check_view(view: &Rerooted<'_>, options: &Options, report: &mut Report) -> ManifestCheck {
    let entry = match view.file(MANIFEST_FILE) {
        Some(entry) => entry,
        None => match view.file_ignoring_case(MANIFEST_FILE) {
            Some(entry) => {
                push(
                    report,
                    rules::PACKAGE_MANIFEST_CASE,
                    options,
                    Location::entry(entry.raw_name.clone()),
                    format!(
                        "the manifest is named {}; the name is imsmanifest.xml, in lower case",
                        quote(&entry.path)
                    ),
                );
                entry
            }
            None => {
                push(
                    report,
                    rules::INTERNAL,
                    options,
                    Location::Whole,
                    "the package root was chosen for a manifest that is not there",
                );
                return ManifestCheck::from_report(Report::new());
            }
        },
    };
    let limit = u64::try_from(options.limits.max_input_bytes()).unwrap_or(u64::MAX);
    match view.package().read_to_vec(entry, limit.saturating_add(1)) {
        Ok(bytes) => check_manifest_against(&bytes, view, options),
        Err(error) => {
            report.error(
                error.code(),
                Location::entry(entry.raw_name.clone()),
                error.to_string(),
            );
            push(
                report,
                rules::PACKAGE_MANIFEST_UNREADABLE,
                options,
                Location::entry(entry.raw_name.clone()),
                "imsmanifest.xml could not be read from the package",
            );
            ManifestCheck::from_report(Report::new())
        }
    }
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
    let all_paths = files.paths();
    if missing_paths.len() >= 3 {
        let tree = FolderTree::new(&all_paths);
        let found = missing_paths
            .iter()
            .filter(|path| tree.name_in_an_ancestor(path))
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
        for path in &all_paths {
            if !listed.contains(path.as_str()) && !is_control_or_junk(path) {
                ctx.emit_at(
                    rules::PACKAGE_UNLISTED_FILE,
                    Location::entry(files.entry_name(path)),
                    format!("{} is not listed by any resource", quote(path)),
                );
            }
        }
    }
}

fn is_control_or_junk(path: &str) -> bool {
    path == MANIFEST_FILE
        || learnwire_package::is_os_junk(path)
        || path.ends_with(".xsd")
        || path.ends_with(".dtd")
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
            content_root: None,
        }
    }
}
