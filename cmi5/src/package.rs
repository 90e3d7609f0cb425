//! cmi5 course packages (cmi5 §14; rules C5P-01..C5P-05): a zip or folder with `cmi5.xml` at its
//! root, or a lone `cmi5.xml` whose AU urls are all fully qualified.

use std::path::Path;

use learnwire_package::{
    ContentRoot, Descriptor, Entry, Input, Package, Rerooted, Standard, detect, find_content_root,
};
use learnwire_report::{Issue, Location, Report, quote};

use crate::codes::{self, Rule};
use crate::launch_path::Target;
use crate::model::Course;
use crate::structure::{COURSE_STRUCTURE_FILE, CourseStructureCheck, check_document};
use crate::{Options, xml};

/// One AU as the LMS launches it.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct AuLaunch {
    /// The AU's publisher id.
    pub au: String,
    /// The AU url as declared (trimmed): relative to the content root, or absolute.
    pub url: String,
    /// For a relative url, the package file it names (percent-decoded, without query or fragment).
    pub path: Option<String>,
}

/// A checked cmi5 package: the course, every issue (the package's `package.*` ones merged) and each
/// AU's launch.
#[derive(Debug, Clone, Default)]
#[non_exhaustive]
pub struct PackageCheck {
    /// The course, when `cmi5.xml` was found and read as a course structure.
    pub course: Option<Course>,
    /// Every problem found.
    pub report: Report,
    /// Each AU with a valid url, in document order.
    pub launches: Vec<AuLaunch>,
    /// Set when the package was zipped one folder too high and read from that folder: AU urls are
    /// relative to it.
    pub content_root: Option<String>,
    /// Every course descriptor at the package's content root (cmi5, SCORM, TinCan, AICC, in the peers'
    /// priority order, rule V-01), or for a lone file the standard its root element names.
    pub descriptors: Vec<Descriptor>,
}

impl PackageCheck {
    /// True when the report has no error.
    #[must_use]
    pub fn is_valid(&self) -> bool {
        self.report.is_valid()
    }

    fn refused(issue: Issue) -> Self {
        let mut report = Report::new();
        report.push(issue);
        Self {
            report,
            ..Self::default()
        }
    }
}

/// Checks a cmi5 course on disk, whatever its form (cmi5 §14): a `.zip` file, a folder, or a lone
/// course structure XML file (every AU url must then be fully qualified, C5P-04).
///
/// A package that cannot be opened gives a check whose report holds the refusal with its `package.*`
/// code. Nothing is written and no network is used.
///
/// ```
/// use learnwire_cmi5::{check_path, Options};
///
/// let check = check_path("/no/such/course.zip".as_ref(), &Options::default());
/// assert!(check.report.has_code("package.io"));
/// ```
#[must_use]
pub fn check_path(path: &Path, options: &Options) -> PackageCheck {
    let max_bytes = options.limits.max_input_bytes();
    match Input::open(path, &options.package_limits, max_bytes) {
        Input::Package(package) => check_package(&package, options),
        Input::Document { bytes, name } => check_standalone(&bytes, &name, options),
        Input::Refused(issue) => PackageCheck::refused(issue),
    }
}

/// Checks zip bytes held in memory (an upload): opened with [`Options::package_limits`], then as
/// [`check_package`].
///
/// ```
/// use learnwire_cmi5::{check_zip, Options};
///
/// let check = check_zip(b"not a zip".to_vec(), &Options::default());
/// assert!(check.report.has_code("package.not-a-zip"));
/// ```
#[must_use]
pub fn check_zip(bytes: Vec<u8>, options: &Options) -> PackageCheck {
    match Package::from_zip_bytes(bytes, &options.package_limits) {
        Ok(package) => check_package(&package, options),
        Err(error) => PackageCheck::refused(error.to_issue()),
    }
}

/// Checks an opened package: `cmi5.xml` at its root (C5P-02; a package zipped one folder too high is
/// read from that folder with `cmi5.package.not-at-root`, a warning under the lenient profile), the
/// course structure, every relative AU url naming a file of the package (C5P-03; percent-decoded, query
/// and fragment stripped, compared case-sensitively), and the package's own checks (zip safety, every
/// entry's integrity: C5P-05).
#[must_use]
pub fn check_package(package: &Package, options: &Options) -> PackageCheck {
    let descriptors = detect(package);
    let mut report = Report::new();
    let mut check = PackageCheck::default();
    if let Some(view) = content_view(package, options, &descriptors, &mut report) {
        if !view.folder().is_empty() {
            check.content_root = Some(view.folder().to_owned());
        }
        if let Some(entry) = descriptor_entry(
            &view,
            options,
            COURSE_STRUCTURE_FILE,
            "the course structure",
            &mut report,
        ) {
            check_entry(&view, entry, options, &mut report, &mut check);
        }
    }
    check.descriptors = descriptors;
    report.merge(package.verify_contents());
    check.report = report;
    check
}

/// Checks a lone course structure already read (`name` is its file name, for locations), as
/// [`check_path`] checks a `cmi5.xml` file: the document, then every AU url must be absolute (cmi5
/// §14.2: without a package nothing relative can be launched). For a caller that read the file itself
/// and should not open it a second time.
///
/// ```
/// use learnwire_cmi5::{check_standalone, Options};
///
/// let check = check_standalone(b"<courseStructure/>", "cmi5.xml", &Options::default());
/// assert!(!check.is_valid());
/// ```
#[must_use]
pub fn check_standalone(bytes: &[u8], name: &str, options: &Options) -> PackageCheck {
    let structure = check_document(bytes, options, name);
    let mut report = Report::new();
    for (target, location) in &structure.au_urls {
        if let Some(Target::Relative(_)) = target {
            push(
                &mut report,
                options,
                codes::PACKAGE_RELATIVE_URL_STANDALONE,
                location.clone(),
                "a lone course structure (no package) must give every AU a fully qualified url (cmi5 §14.2)",
            );
        }
    }
    let descriptors = Descriptor::of_document(bytes, name).into_iter().collect();
    let mut check = finish(structure, report, descriptors);
    // Nothing relative can be launched without a package.
    check.launches.retain(|launch| launch.path.is_none());
    check
}

/// The package seen from where `cmi5.xml` is (C5P-02). `None`, with the reason reported, when there is
/// none.
fn content_view<'p>(
    package: &'p Package,
    options: &Options,
    descriptors: &[Descriptor],
    report: &mut Report,
) -> Option<Rerooted<'p>> {
    let located = locate_descriptor(
        package,
        options,
        COURSE_STRUCTURE_FILE,
        "the course structure",
        "cmi5 §14.1: ",
        report,
    );
    let nested = match located {
        DescriptorRoot::View(view) => return Some(view),
        DescriptorRoot::Refused => return None,
        DescriptorRoot::Missing { nested } => nested,
    };
    let message = if nested.is_empty() {
        match descriptors.iter().find(|d| d.standard != Standard::Cmi5) {
            Some(other) => format!(
                "no cmi5.xml at the package root (found {}: the package follows {})",
                quote(&other.path),
                other.standard
            ),
            None => "no cmi5.xml at the package root (cmi5 §14.1)".to_owned(),
        }
    } else {
        let found: Vec<String> = nested.iter().map(|path| quote(path)).collect();
        format!(
            "no cmi5.xml at the package root (found {}; not re-rooted: the top level holds other folders or files)",
            found.join(", ")
        )
    };
    push(
        report,
        options,
        codes::PACKAGE_NO_COURSE_STRUCTURE,
        Location::Whole,
        message,
    );
    None
}

/// Where a package's descriptor (`cmi5.xml`, `tincan.xml`) is, as [`locate_descriptor`] found it.
pub(crate) enum DescriptorRoot<'p> {
    /// At the package root, or in the one top folder the package was zipped in (reported with
    /// `cmi5.package.not-at-root`): the package seen from there.
    View(Rerooted<'p>),
    /// The package's own checks refused the descriptor entry (reported with `cmi5.package.unreadable`).
    Refused,
    /// Neither at the root nor re-rootable (not reported: the caller says what is missing); `nested`
    /// are where it was seen one level down.
    Missing {
        /// The descriptor's paths one level down, when the content root is ambiguous.
        nested: Vec<String>,
    },
}

/// Finds the descriptor `file` at the content root of `package`, reporting a refused descriptor entry
/// and a package zipped one folder too high; `what` names the descriptor in messages and `citation`
/// (empty, or ending in `": "`) the spec section that places it at the root.
pub(crate) fn locate_descriptor<'p>(
    package: &'p Package,
    options: &Options,
    file: &str,
    what: &str,
    citation: &str,
    report: &mut Report,
) -> DescriptorRoot<'p> {
    if let Some(refused) = refused_descriptor(package, file) {
        push(
            report,
            options,
            codes::PACKAGE_UNREADABLE,
            Location::entry(refused.clone()),
            format!(
                "the package holds {} but its checks refused that entry (see its package.* issue)",
                quote(&refused)
            ),
        );
        return DescriptorRoot::Refused;
    }
    match find_content_root(package, file) {
        ContentRoot::Root => DescriptorRoot::View(Rerooted::new(package, "")),
        ContentRoot::Folder { folder, marker } => {
            push(
                report,
                options,
                codes::PACKAGE_NOT_AT_ROOT,
                Location::entry(marker.clone()),
                format!(
                    "{what} is {}, not at the package root ({citation}the package was zipped one folder too high); it was read from the folder {}",
                    quote(&marker),
                    quote(&folder)
                ),
            );
            DescriptorRoot::View(Rerooted::new(package, &folder))
        }
        ContentRoot::NotFound { nested } => DescriptorRoot::Missing { nested },
        _ => DescriptorRoot::Missing { nested: Vec::new() },
    }
}

/// The descriptor `file` in `view`, or a case variant of its name (reported with
/// `cmi5.package.name-case`); `what` names it in the message.
pub(crate) fn descriptor_entry<'p>(
    view: &Rerooted<'p>,
    options: &Options,
    file: &str,
    what: &str,
    report: &mut Report,
) -> Option<&'p Entry> {
    if let Some(entry) = view.file(file) {
        return Some(entry);
    }
    let entry = view.file_ignoring_case(file)?;
    push(
        report,
        options,
        codes::PACKAGE_NAME_CASE,
        Location::entry(entry.raw_name.clone()),
        format!(
            "{what} is named {}; the name is {file}, in lower case",
            quote(&entry.path)
        ),
    );
    Some(entry)
}

/// The name of an entry at the package root called `name` (any letter case) that the package checks
/// refused (a bomb, a bad name...), so that it is missing from [`Package::files`].
fn refused_descriptor(package: &Package, name: &str) -> Option<String> {
    if package.file_ignoring_case(name).is_some() {
        return None;
    }
    package
        .report()
        .errors()
        .find_map(|issue| match &issue.location {
            Location::Entry { name: entry, .. } if entry.eq_ignore_ascii_case(name) => {
                Some(entry.clone())
            }
            _ => None,
        })
}

/// Reads and checks the course structure at `entry`, then its AU urls against the files of `view`.
fn check_entry(
    view: &Rerooted<'_>,
    entry: &Entry,
    options: &Options,
    report: &mut Report,
    check: &mut PackageCheck,
) {
    let limit = u64::try_from(options.limits.max_input_bytes()).unwrap_or(u64::MAX);
    if entry.size > limit {
        push(
            report,
            options,
            codes::LIMIT_INPUT_SIZE,
            Location::entry(entry.raw_name.clone()),
            format!(
                "the course structure declares {} bytes, more than the limit of {limit}",
                entry.size
            ),
        );
        return;
    }
    let bytes = match view.package().read_manifest(entry) {
        Ok(bytes) => bytes,
        Err(error) => {
            let mut issue = error.to_issue();
            issue.location = Location::entry(entry.raw_name.clone());
            report.push(issue);
            push(
                report,
                options,
                codes::PACKAGE_UNREADABLE,
                Location::entry(entry.raw_name.clone()),
                "cmi5.xml could not be read from the package",
            );
            return;
        }
    };
    let structure = check_document(&bytes, options, &entry.path);
    let mut files = Report::new();
    for (target, location) in &structure.au_urls {
        let Some(Target::Relative(path)) = target else {
            continue;
        };
        if view.file(path).is_some() {
            continue;
        }
        match view.file_ignoring_case(path) {
            Some(found) => push(
                &mut files,
                options,
                codes::PACKAGE_AU_FILE_CASE,
                location.clone(),
                format!(
                    "the AU url names {}, which the package holds only as {} (letter case differs)",
                    quote(path),
                    quote(&found.path)
                ),
            ),
            None => push(
                &mut files,
                options,
                codes::PACKAGE_AU_FILE_MISSING,
                location.clone(),
                format!(
                    "the AU url names {}, which is not in the package",
                    quote(path)
                ),
            ),
        }
    }
    let done = finish(structure, files, Vec::new());
    report.merge(done.report);
    check.course = done.course;
    check.launches = done.launches;
}

/// The package check of a course structure check plus `extra` issues.
fn finish(
    structure: CourseStructureCheck,
    extra: Report,
    descriptors: Vec<Descriptor>,
) -> PackageCheck {
    let mut report = structure.report;
    report.merge(extra);
    let launches = match &structure.course {
        Some(course) => course
            .aus()
            .zip(&structure.au_urls)
            .filter_map(|(au, (target, _))| {
                let target = target.as_ref()?;
                Some(AuLaunch {
                    au: au.id.clone(),
                    url: au.url.clone(),
                    path: match target {
                        Target::Relative(path) => Some(path.clone()),
                        Target::Absolute(_) => None,
                    },
                })
            })
            .collect(),
        None => Vec::new(),
    };
    PackageCheck {
        course: structure.course,
        report,
        launches,
        content_root: None,
        descriptors,
    }
}

/// Reports `rule` at `at` with the severity `options`' profile gives it.
pub(crate) fn push(
    report: &mut Report,
    options: &Options,
    rule: Rule,
    at: Location,
    message: impl Into<String>,
) {
    xml::push(report, options.profile, rule, at, message);
}
