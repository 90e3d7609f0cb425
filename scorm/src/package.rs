//! Package checks: the front doors ([`check_path`], [`check_zip`]) and the checks of an opened package:
//! the manifest at the root, and every file it names present (rules P-02, P-03, P-09..P-14).

use std::path::Path;

use learnwire_package::{
    ContentRoot, Descriptor, Entry, Input, Package, Rerooted, Standard, detect, find_content_root,
};
use learnwire_report::{Issue, Location, Report, quote};

use crate::build::{self, MANIFEST_FILE};
use crate::check::{ManifestCheck, check_manifest_with, issue_at_start};
use crate::rules::{self, Rule};
use crate::{Options, PackageFiles, Profile};

/// Checks a SCORM package on disk, whatever its form: a `.zip` file, a folder, or a lone
/// `imsmanifest.xml`. This is the front door: one call, one result, every problem in its report.
///
/// - A zip file (a name ending in `.zip`, or content starting with `PK`) or a folder is opened with
///   [`Options::package_limits`] and checked as [`check_package`] does. A package that cannot be opened
///   (not a zip, truncated, too large, too many entries, unreadable) gives a check whose report holds
///   that refusal as an error with its `package.*` code; an I/O error's message carries the operating
///   system's reason.
/// - Any other file is read as a manifest (at most [`Limits::max_input_bytes`](crate::Limits::max_input_bytes)
///   and one byte) and checked as [`check_manifest`](crate::check_manifest) does: the files it names
///   are not looked for (check the folder for that).
///
/// [`ManifestCheck::descriptors`] names what the input holds: every course descriptor at the package's
/// content root (cmi5, SCORM, TinCan, AICC, in that priority order), or for a lone file the standard its
/// root element's namespace names. A caller that handles several standards chooses from it.
///
/// Nothing is written and no network is used.
///
/// # Example
///
/// ```
/// use learnwire_scorm::{check_path, package_codes, Options};
///
/// let check = check_path("/no/such/course.zip".as_ref(), &Options::default());
/// assert!(!check.is_valid());
/// let issue = &check.report.issues()[0];
/// assert_eq!(issue.code, package_codes::IO);
/// assert!(issue.message.starts_with("cannot read /no/such/course.zip: "), "{}", issue.message);
/// ```
pub fn check_path(path: &Path, options: &Options) -> ManifestCheck {
    let max_manifest_bytes = options.limits.max_input_bytes();
    match Input::open(path, &options.package_limits, max_manifest_bytes) {
        Input::Package(package) => check_package(&package, options),
        Input::Document { bytes, name } => {
            let mut check = check_manifest_with(&bytes, options, None);
            check.descriptors = Descriptor::of_document(&bytes, name).into_iter().collect();
            check
        }
        Input::Refused(issue) => ManifestCheck::refused(issue),
    }
}

/// Checks zip bytes held in memory (an upload, say): opened with [`Options::package_limits`], then as
/// [`check_package`]. A zip that cannot be opened gives a check whose report holds the refusal as an
/// error with its `package.*` code.
///
/// # Example
///
/// ```
/// use learnwire_scorm::{check_zip, package_codes, Options};
///
/// let check = check_zip(b"not a zip at all".to_vec(), &Options::default());
/// assert!(check.report.has_code(package_codes::NOT_A_ZIP.as_str()));
/// assert!(check.manifest.is_none());
/// ```
pub fn check_zip(bytes: Vec<u8>, options: &Options) -> ManifestCheck {
    match Package::from_zip_bytes(bytes, &options.package_limits) {
        Ok(package) => check_package(&package, options),
        Err(error) => ManifestCheck::refused(error.to_issue()),
    }
}

/// Checks a package opened with `learnwire-package`: finds `imsmanifest.xml` at the root (a case variant
/// is reported and used), checks it, checks that every file it names is present, and merges the
/// package's own report (zip safety, integrity of every entry). The manifest is read with
/// [`Package::read_manifest`], so the package's
/// [`max_manifest_bytes`](learnwire_package::Limits::max_manifest_bytes) applies
/// (`package.manifest-too-large`), and so does [`Limits::max_input_bytes`](crate::Limits::max_input_bytes)
/// (`scorm.limit.input-size`).
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
/// use learnwire_scorm::{Options, Package, PackageLimits, check_package};
///
/// let zip = learnwire_testkit::tiny_zip(&[("imsmanifest.xml", b"<not-a-manifest/>")]);
/// let package = Package::from_zip_bytes(zip, &PackageLimits::default()).unwrap();
/// let check = check_package(&package, &Options::default());
/// assert!(check.report.has_code("scorm.manifest.root"));
/// ```
pub fn check_package(package: &Package, options: &Options) -> ManifestCheck {
    let descriptors = detect(package);
    let mut report = Report::new();
    let view = content_view(package, options, &descriptors, &mut report);
    let mut check = match &view {
        Some(view) => check_view(view, options, &mut report),
        None => ManifestCheck::from_report(Report::new()),
    };
    check.content_root = view
        .as_ref()
        .map(|view| view.folder().to_owned())
        .filter(|folder| !folder.is_empty());
    check.descriptors = descriptors;
    report.merge(std::mem::take(&mut check.report));
    report.merge(package.verify_contents());
    check.report = report;
    check
}

/// Checks a manifest against a list of package files: like [`check_manifest`](crate::check_manifest), plus presence of every
/// file the manifest names (case mismatches reported apart) and files no resource lists.
pub fn check_files(manifest: &[u8], files: &dyn PackageFiles, options: &Options) -> ManifestCheck {
    check_manifest_with(manifest, options, Some(files))
}

/// The package seen from where its manifest is (P-02): the root, or under the lenient profile the single
/// top folder of a package zipped one folder too high. `None`, with the reason reported, when there is no
/// manifest to check.
fn content_view<'p>(
    package: &'p Package,
    options: &Options,
    descriptors: &[Descriptor],
    report: &mut Report,
) -> Option<Rerooted<'p>> {
    let message = match find_content_root(package, MANIFEST_FILE) {
        ContentRoot::Root => return Some(Rerooted::new(package, "")),
        ContentRoot::Folder { folder, marker } if options.profile == Profile::Lenient => {
            push(
                report,
                rules::PACKAGE_REROOTED,
                options,
                Location::entry(marker.clone()),
                format!(
                    "the manifest is {}, not at the package root (the package was zipped one folder too high); it was checked from the folder {}",
                    quote(&marker),
                    quote(&folder)
                ),
            );
            return Some(Rerooted::new(package, &folder));
        }
        ContentRoot::Folder { marker, .. } => format!(
            "no imsmanifest.xml at the package root (found {}: the package was zipped one folder too high; the lenient profile re-roots it)",
            quote(&marker)
        ),
        ContentRoot::NotFound { nested } if !nested.is_empty() => {
            let found: Vec<String> = nested.iter().map(|path| quote(path)).collect();
            format!(
                "no imsmanifest.xml at the package root (found {}; not re-rooted: the top level holds other folders or files)",
                found.join(", ")
            )
        }
        _ => match descriptors.iter().find(|d| d.standard != Standard::Scorm) {
            Some(other) => format!(
                "no imsmanifest.xml at the package root (found {}: the package follows {}, not SCORM)",
                quote(&other.path),
                standard_name(other.standard)
            ),
            None => "no imsmanifest.xml at the package root".to_owned(),
        },
    };
    push(
        report,
        rules::PACKAGE_MANIFEST_MISSING,
        options,
        Location::Whole,
        message,
    );
    None
}

/// Finds the manifest in `view` (a case variant is reported), reads it and checks it against the files
/// of `view`.
fn check_view(view: &Rerooted<'_>, options: &Options, report: &mut Report) -> ManifestCheck {
    let Some(entry) = manifest_entry(view, options, report) else {
        return ManifestCheck::from_report(Report::new());
    };
    let package_limit = view.package().limits().max_manifest_bytes();
    let scorm_limit = u64::try_from(options.limits.max_input_bytes()).unwrap_or(u64::MAX);
    if entry.size > scorm_limit && entry.size <= package_limit {
        // Not worth reading: scorm.limit.input-size, as check_manifest would say after reading it.
        report.push(issue_at_start(
            rules::LIMIT_INPUT_SIZE,
            options,
            0,
            format!(
                "the manifest declares {} bytes, more than the limit of {scorm_limit}",
                entry.size
            ),
        ));
        return ManifestCheck::from_report(Report::new());
    }
    match view.package().read_manifest(entry) {
        Ok(bytes) => check_manifest_with(&bytes, options, Some(view)),
        Err(error) => {
            let mut issue = error.to_issue();
            issue.location = Location::entry(entry.raw_name.clone());
            report.push(issue);
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

/// The manifest's entry in `view`: `imsmanifest.xml`, or a case variant (reported, P-03).
fn manifest_entry<'p>(
    view: &Rerooted<'p>,
    options: &Options,
    report: &mut Report,
) -> Option<&'p Entry> {
    if let Some(entry) = view.file(MANIFEST_FILE) {
        return Some(entry);
    }
    let Some(entry) = view.file_ignoring_case(MANIFEST_FILE) else {
        push(
            report,
            rules::INTERNAL,
            options,
            Location::Whole,
            "the package root was chosen for a manifest that is not there",
        );
        return None;
    };
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
    Some(entry)
}

/// A standard's name in a sentence.
fn standard_name(standard: Standard) -> &'static str {
    match standard {
        Standard::Cmi5 => "cmi5",
        Standard::Scorm => "SCORM",
        Standard::TinCan => "TinCan (xAPI)",
        Standard::Aicc => "AICC",
        _ => "another standard",
    }
}

fn push(
    report: &mut Report,
    rule: Rule,
    options: &Options,
    at: Location,
    message: impl Into<String>,
) {
    report.push(Issue::new(
        rule.code,
        build::severity(rule, options.profile),
        at,
        message,
    ));
}
