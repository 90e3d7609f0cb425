//! The entry points: check a lone manifest, or parse it into the model.

use learnwire_package::Descriptor;
use learnwire_package::xml::{self, Decoded};
use learnwire_report::{Issue, Location, Report, XmlPosition};
use serde::Serialize;

use crate::build::{self, Ctx, MANIFEST_FILE};
use crate::launch::Launch;
use crate::manifest::Manifest;
use crate::parse::{dom, position::LineIndex, rule_of};
use crate::rules::{self, Rule};
use crate::{Options, Version};

/// The result of a check: version, model (when the document could be read), every issue, and the
/// launch URL of every launchable item.
#[derive(Clone, Debug, Serialize)]
#[non_exhaustive]
pub struct ManifestCheck {
    /// The SCORM version detected, if any.
    pub version: Option<Version>,
    /// The model, when the document was well-formed with a manifest root (it may still have errors:
    /// see `report`).
    #[serde(skip)]
    pub manifest: Option<Manifest>,
    /// Every issue found.
    pub report: Report,
    /// Every launchable item, default organization first, items in document order.
    pub launches: Vec<Launch>,
    /// The package folder everything was read from when the package was zipped one folder too high and
    /// the lenient profile re-rooted it (`scorm.package.rerooted`): file paths and launch URLs are
    /// relative to this folder. `None` when the manifest is at the package root (or for a lone manifest).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub content_root: Option<String>,
    /// The course descriptors the input holds, in priority order (cmi5, SCORM, TinCan, AICC; rule V-01):
    /// from [`check_path`](crate::check_path), [`check_zip`](crate::check_zip) and
    /// [`check_package`](crate::check_package), every descriptor at the package's content root
    /// ([`learnwire_package::detect`]); for a lone file given to `check_path`, the standard its root
    /// element names. Empty for [`check_manifest`] and [`check_files`](crate::check_files), and when
    /// nothing was recognised. A caller that handles several standards chooses from it.
    #[serde(skip)]
    pub descriptors: Vec<Descriptor>,
    /// How many items [`items`](Self::items) may visit: the launch walk's budget.
    #[serde(skip)]
    pub(crate) walk_budget: usize,
}

impl ManifestCheck {
    /// True when the report has no error under the profile used.
    pub fn is_valid(&self) -> bool {
        self.report.is_valid()
    }

    /// A check with nothing but this report.
    pub(crate) fn from_report(report: Report) -> Self {
        Self {
            version: None,
            manifest: None,
            report,
            launches: Vec::new(),
            content_root: None,
            descriptors: Vec::new(),
            walk_budget: 0,
        }
    }

    /// A check of an input that could not be opened (a [`learnwire_package::Input::Refused`]): its one
    /// issue, nothing else. What [`check_path`](crate::check_path) returns for such an input.
    #[must_use]
    pub fn refused(issue: Issue) -> Self {
        let mut report = Report::new();
        report.push(issue);
        Self::from_report(report)
    }
}

pub(crate) fn issue_at_start(
    rule: Rule,
    options: &Options,
    offset: u64,
    message: impl Into<String>,
) -> Issue {
    Issue::new(
        rule.code,
        build::severity(rule, options.profile),
        Location::xml(MANIFEST_FILE, "/", XmlPosition::new(1, 1, offset)),
        message,
    )
}

/// Checks a lone `imsmanifest.xml`: XML safety, structure, every SCORM rule, references inside the
/// document, and launch URLs.
///
/// Files named by the manifest are **not** checked for presence here (there is no package): use
/// [`check_package`](crate::check_package) or [`check_files`](crate::check_files) for that.
///
/// # Example
///
/// ```
/// use learnwire_scorm::{check_manifest, Options, Version};
///
/// let xml = br#"<manifest identifier="M" xmlns="http://www.imsproject.org/xsd/imscp_rootv1p1p2"
///     xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_rootv1p2">
///   <metadata><schema>ADL SCORM</schema><schemaversion>1.2</schemaversion></metadata>
///   <organizations default="O"><organization identifier="O"><title>Course</title>
///     <item identifier="I" identifierref="R"><title>Lesson</title></item>
///   </organization></organizations>
///   <resources><resource identifier="R" type="webcontent" adlcp:scormtype="sco" href="index.html">
///     <file href="index.html"/></resource></resources>
/// </manifest>"#;
/// let check = check_manifest(xml, &Options::default());
/// assert!(check.is_valid(), "{:?}", check.report);
/// assert_eq!(check.version, Some(Version::Scorm12));
/// assert_eq!(check.launches[0].url, "index.html");
/// ```
pub fn check_manifest(bytes: &[u8], options: &Options) -> ManifestCheck {
    check_manifest_with(bytes, options, None)
}

/// [`check_manifest`], plus presence checks against `files` when given: decode, read the element tree,
/// build the model with every rule, resolve launches, look for the files.
pub(crate) fn check_manifest_with(
    bytes: &[u8],
    options: &Options,
    files: Option<&dyn crate::PackageFiles>,
) -> ManifestCheck {
    let mut report = Report::new();
    if bytes.len() > options.limits.max_input_bytes() {
        report.push(issue_at_start(
            rules::LIMIT_INPUT_SIZE,
            options,
            0,
            format!(
                "the manifest has {} bytes, more than the limit of {}",
                bytes.len(),
                options.limits.max_input_bytes()
            ),
        ));
        return ManifestCheck::from_report(report);
    }
    let Some(decoded) = decode_reporting(bytes, options, &mut report) else {
        return ManifestCheck::from_report(report);
    };
    let text: &str = &decoded.text;
    let index = LineIndex::new(text, decoded.bom_len, decoded.unit);
    let dom = match dom::read(text, &options.limits) {
        Ok(dom) => dom,
        Err(error) => {
            let position = index.position(text, error.offset);
            let rule = rule_of(error.problem);
            report.push(Issue::new(
                rule.code,
                build::severity(rule, options.profile),
                Location::xml(MANIFEST_FILE, "/", position),
                error.message,
            ));
            return ManifestCheck::from_report(report);
        }
    };
    let mut ctx = Ctx::new(&dom, text, &index, options);
    let manifest = build::build_manifest(&mut ctx);
    let launches = launches_reporting(&mut ctx, manifest.as_ref(), options);
    if let Some(files) = files {
        crate::presence::check_presence(&mut ctx, files, &launches, manifest.is_some());
    }
    let version = ctx.version;
    report.merge(ctx.report);
    ManifestCheck {
        version,
        manifest,
        report,
        launches,
        content_root: None,
        descriptors: Vec::new(),
        walk_budget: options.limits.max_elements(),
    }
}

/// Decodes the manifest bytes (BOM, declared encoding); a suspicious decoding is a warning in `report`,
/// a failure an error there and `None`.
fn decode_reporting<'a>(
    bytes: &'a [u8],
    options: &Options,
    report: &mut Report,
) -> Option<Decoded<'a>> {
    match xml::decode(bytes) {
        Ok((decoded, warning)) => {
            if let Some(warning) = warning {
                report.push(issue_at_start(
                    rule_of(warning.problem),
                    options,
                    warning.offset,
                    warning.message,
                ));
            }
            Some(decoded)
        }
        Err(error) => {
            let (line, column) = line_column_of_bytes(bytes, error.offset);
            let rule = rule_of(error.problem);
            let mut issue = issue_at_start(rule, options, error.offset, error.message);
            issue.location = Location::xml(
                MANIFEST_FILE,
                "/",
                XmlPosition::new(line, column, error.offset),
            );
            report.push(issue);
            None
        }
    }
}

/// Resolves the launches of `manifest`, reporting a walk stopped by a limit (`scorm.limit.launches`) and a
/// default organization that launches nothing (`scorm.launch.none`).
fn launches_reporting(
    ctx: &mut Ctx<'_, '_>,
    manifest: Option<&Manifest>,
    options: &Options,
) -> Vec<Launch> {
    let crate::validate::Launches {
        list: launches,
        capped,
    } = manifest
        .map(|manifest| crate::validate::launches(manifest, &options.limits, &ctx.root_hrefs))
        .unwrap_or_default();
    if capped {
        ctx.emit_at(
            rules::LIMIT_LAUNCHES,
            Location::Whole,
            format!(
                "launches stopped after {}: they would take more than {} bytes, or expanding sub-manifests would visit more than {} items",
                launches.len(),
                options.limits.max_launch_bytes(),
                options.limits.max_elements()
            ),
        );
    }
    if let Some(manifest) = manifest
        && !capped
        && let Some(default) = manifest.default_organization()
        && !launches
            .iter()
            .any(|launch| launch.organization == default.identifier)
    {
        ctx.emit(
            rules::LAUNCH_NONE,
            0,
            format!(
                "no item of the default organization {} launches anything",
                learnwire_report::quote(&default.identifier)
            ),
        );
    }
    launches
}

/// Checks a manifest and returns its model when no error was found.
///
/// `parse_manifest(b, o).is_ok()` is exactly `check_manifest(b, o).is_valid()`.
///
/// # Errors
///
/// The full [`Report`] when it has at least one error under `options.profile`.
///
/// # Example
///
/// ```
/// use learnwire_scorm::{parse_manifest, Options};
///
/// let report = parse_manifest(b"<!DOCTYPE x [<!ENTITY a 'b'>]><x/>", &Options::default()).unwrap_err();
/// assert!(report.has_code("scorm.xml.doctype"));
/// ```
pub fn parse_manifest(bytes: &[u8], options: &Options) -> Result<Manifest, Report> {
    let check = check_manifest(bytes, options);
    if !check.report.is_valid() {
        return Err(check.report);
    }
    match check.manifest {
        Some(manifest) => Ok(manifest),
        None => {
            let mut report = check.report;
            report.push(issue_at_start(
                rules::INTERNAL,
                options,
                0,
                "no model was built although no error was reported",
            ));
            Err(report)
        }
    }
}

fn line_column_of_bytes(bytes: &[u8], offset: u64) -> (u32, u32) {
    let end = usize::try_from(offset)
        .unwrap_or(usize::MAX)
        .min(bytes.len());
    let before = bytes.get(..end).unwrap_or(bytes);
    let line = before
        .iter()
        .filter(|b| **b == b'\n')
        .count()
        .saturating_add(1);
    let line_start = before
        .iter()
        .rposition(|b| *b == b'\n')
        .map_or(0, |at| at + 1);
    let column = String::from_utf8_lossy(before.get(line_start..).unwrap_or(&[]))
        .chars()
        .count()
        + 1;
    (
        u32::try_from(line).unwrap_or(u32::MAX),
        u32::try_from(column).unwrap_or(u32::MAX),
    )
}
