//! `learnwire check`: SCORM, cmi5 and TinCan packages (zip, folder, or the lone descriptor). What a path
//! holds is told by the library (`learnwire_scorm::check_path` names the descriptors found); cmi5 and
//! TinCan are checked by `learnwire_cmi5`, AICC is recognised and reported as not supported yet.

pub(crate) mod formats;
mod parallel;
mod progress;
mod text;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Args, ValueEnum};
use learnwire_cmi5::tincan::TinCanCheck;
use learnwire_cmi5::{Descriptor, PackageCheck};
use learnwire_package::{Input, Package};
use learnwire_scorm::{
    Code, Issue, Location, ManifestCheck, Options, Profile, Report, Severity, Standard as Found,
    Version,
};
use serde::Serialize;

use crate::output::{EXIT_OK, EXIT_REJECTED, exit_usage, print_error, print_json_line};
use formats::CheckFormat as Format;

/// Arguments of `learnwire check`.
#[derive(Debug, Args)]
pub(crate) struct CheckArgs {
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
    /// Where `sarif`, `junit` and `html` write their one document (standard output when absent).
    #[arg(long, value_name = "FILE")]
    output: Option<PathBuf>,
    /// No progress line on stderr (it is shown only when stderr is a terminal).
    #[arg(long, short)]
    quiet: bool,
    /// Validation profile.
    #[arg(long, value_enum, default_value_t = ProfileArg::Lenient)]
    profile: ProfileArg,
    /// Packages to check: .zip files, folders, imsmanifest.xml or cmi5.xml files.
    #[arg(required = true)]
    paths: Vec<PathBuf>,
}

/// `--profile`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum ProfileArg {
    /// Accept what mainstream LMSs accept; strict-only rules are warnings.
    Lenient,
    /// Follow the specification to the letter.
    Strict,
}

/// Which standard a path holds, as the JSON output names it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub(super) enum Standard {
    Scorm,
    Cmi5,
    Tincan,
    Aicc,
    Unknown,
}

/// The standards the CLI recognises but cannot check yet, with their refusal.
const NOT_SUPPORTED: [(Found, Standard, Code, &str); 1] = [(
    Found::Aicc,
    Standard::Aicc,
    Code::new("aicc.not-supported"),
    "AICC courses are not supported yet",
)];

/// The result for one path.
pub(super) struct Outcome {
    pub(super) standard: Standard,
    pub(super) report: Report,
    /// The SCORM check behind a `scorm` or `unknown` answer (its report is in `report`).
    pub(super) scorm: Option<ManifestCheck>,
    /// The cmi5 check behind a `cmi5` answer (its report is in `report`).
    pub(super) cmi5: Option<PackageCheck>,
    /// The TinCan check behind a `tincan` answer (its report is in `report`).
    pub(super) tincan: Option<TinCanCheck>,
    /// Every course descriptor the path holds, in the peers' priority order (rule V-01).
    pub(super) descriptors: Vec<Descriptor>,
}

impl Outcome {
    /// The answer for an input holding `descriptors`. Rule V-01: when a package holds several
    /// standards' descriptors the caller chooses; this command checks SCORM whenever its manifest is
    /// there (as it always has), otherwise the first other standard found (cmi5 > TinCan > AICC): cmi5
    /// and TinCan with `learnwire_cmi5` on the same opened package (`source`), AICC named as not
    /// supported yet. `scorm` runs the SCORM check, only when SCORM (or nothing known) is the answer.
    /// Every descriptor is named in the answer.
    fn decide(
        descriptors: Vec<Descriptor>,
        source: Source<'_>,
        scorm: impl FnOnce() -> ManifestCheck,
        profile: Profile,
    ) -> Self {
        let found: Vec<Found> = descriptors.iter().map(|d| d.standard).collect();
        let options = learnwire_cmi5::Options::new(match profile {
            Profile::Strict => learnwire_cmi5::Profile::Strict,
            _ => learnwire_cmi5::Profile::Lenient,
        });
        match found.first() {
            Some(Found::Cmi5) if !found.contains(&Found::Scorm) => {
                let mut cmi5 = match source {
                    Source::Package(package) => learnwire_cmi5::check_package(package, &options),
                    Source::Document { bytes, name } => {
                        learnwire_cmi5::check_standalone(bytes, name, &options)
                    }
                };
                return Self {
                    standard: Standard::Cmi5,
                    report: std::mem::take(&mut cmi5.report),
                    scorm: None,
                    cmi5: Some(cmi5),
                    tincan: None,
                    descriptors,
                };
            }
            Some(Found::TinCan) if !found.contains(&Found::Scorm) => {
                let mut tincan = match source {
                    Source::Package(package) => {
                        learnwire_cmi5::tincan::check_package(package, &options)
                    }
                    Source::Document { bytes, name } => {
                        learnwire_cmi5::tincan::check_standalone(bytes, name, &options)
                    }
                };
                return Self {
                    standard: Standard::Tincan,
                    report: std::mem::take(&mut tincan.report),
                    scorm: None,
                    cmi5: None,
                    tincan: Some(tincan),
                    descriptors,
                };
            }
            _ => {}
        }
        if !found.contains(&Found::Scorm)
            && let Some((_, standard, code, message)) = found.first().and_then(|first| {
                NOT_SUPPORTED
                    .iter()
                    .find(|(standard, ..)| standard == first)
            })
        {
            let mut report = Report::new();
            report.push(Issue::new(
                *code,
                Severity::Error,
                Location::Whole,
                *message,
            ));
            return Self {
                standard: *standard,
                report,
                scorm: None,
                cmi5: None,
                tincan: None,
                descriptors,
            };
        }
        let standard = if found.contains(&Found::Scorm) {
            Standard::Scorm
        } else {
            Standard::Unknown
        };
        let mut check = scorm();
        Self {
            standard,
            report: std::mem::take(&mut check.report),
            scorm: Some(check),
            cmi5: None,
            tincan: None,
            descriptors,
        }
    }

    fn version(&self) -> Option<Version> {
        self.scorm.as_ref().and_then(|check| check.version)
    }
}

#[derive(Serialize)]
struct JsonLaunch<'a> {
    item: &'a str,
    url: &'a str,
}

#[derive(Serialize)]
struct JsonDescriptor<'a> {
    standard: &'static str,
    path: &'a str,
}

#[derive(Serialize)]
struct JsonResult<'a> {
    path: String,
    standard: Standard,
    version: Option<&'static str>,
    valid: bool,
    issues: &'a [Issue],
    launches: Vec<JsonLaunch<'a>>,
    /// Set when the package was re-rooted: launch URLs are relative to this folder of the package.
    #[serde(skip_serializing_if = "Option::is_none")]
    content_root: Option<&'a str>,
    /// Every descriptor found, in the peers' priority order, when there are several (rule V-01: the
    /// caller chooses; `standard` says which one was checked).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    descriptors: Vec<JsonDescriptor<'a>>,
}

pub(crate) fn run(args: &CheckArgs) -> ExitCode {
    let profile = match args.profile {
        ProfileArg::Lenient => Profile::Lenient,
        ProfileArg::Strict => Profile::Strict,
    };
    let options = Options::new(profile);
    let mut missing = false;
    let mut rejected = false;
    let mut collector = formats::Collector::new(args.format);
    let mut progress = progress::Progress::new(args.paths.len(), args.quiet);
    if let Some(first) = args.paths.first() {
        progress.show(0, first);
    }
    // Checked across cores (`parallel`), handed over here in the order given.
    let check = |path: &PathBuf| check_path(path, &options);
    parallel::check_all(&args.paths, check, |index, path, outcome| {
        // The progress line is blanked before a result is printed and shows the next path after it.
        progress.clear();
        let outcome = match outcome {
            Ok(outcome) => outcome,
            Err(message) => {
                print_error(message);
                missing = true;
                return;
            }
        };
        let valid = outcome.report.is_valid();
        rejected |= !valid;
        match args.format {
            Format::Json => print_json_line(&json_result(path, &outcome, valid)),
            Format::Text => text::print(path, &outcome, valid),
            Format::Sarif | Format::Junit | Format::Html => collector.add(path, &outcome, valid),
        }
        if index + 1 == args.paths.len() {
            // The process ends after the last path: the operating system takes its memory back at
            // once, where freeing a large model string by string costs more than printing it (a
            // 40 000-item manifest: 79M instructions, 5 % of the whole run). Earlier paths are freed
            // as usual, so memory does not grow with the number of paths.
            std::mem::forget(outcome);
        } else if let Some(next) = args.paths.get(index.saturating_add(1)) {
            progress.show(index.saturating_add(1), next);
        }
    });
    progress.clear();
    if let Err(message) = collector.finish(args.output.as_deref()) {
        print_error(message);
        missing = true;
    }
    if missing {
        exit_usage()
    } else if rejected {
        EXIT_REJECTED
    } else {
        EXIT_OK
    }
}

fn json_result<'a>(path: &Path, outcome: &'a Outcome, valid: bool) -> JsonResult<'a> {
    let scorm = outcome.scorm.as_ref();
    let mut launches: Vec<JsonLaunch<'a>> = scorm
        .map(|check| check.launches.as_slice())
        .unwrap_or_default()
        .iter()
        .map(|launch| JsonLaunch {
            item: &launch.item,
            url: &launch.url,
        })
        .collect();
    let mut content_root = scorm.and_then(|check| check.content_root.as_deref());
    if let Some(cmi5) = &outcome.cmi5 {
        launches.extend(cmi5.launches.iter().map(|launch| JsonLaunch {
            item: &launch.au,
            url: &launch.url,
        }));
        content_root = cmi5.content_root.as_deref();
    }
    if let Some(tincan) = &outcome.tincan {
        launches.extend(tincan.launches.iter().map(|launch| JsonLaunch {
            item: &launch.activity,
            url: &launch.url,
        }));
        content_root = tincan.content_root.as_deref();
    }
    let descriptors = if outcome.descriptors.len() > 1 {
        outcome
            .descriptors
            .iter()
            .map(|descriptor| JsonDescriptor {
                standard: descriptor.standard.as_str(),
                path: &descriptor.path,
            })
            .collect()
    } else {
        Vec::new()
    };
    JsonResult {
        path: path.display().to_string(),
        standard: outcome.standard,
        version: outcome.version().map(Version::as_str),
        valid,
        issues: outcome.report.issues(),
        launches,
        content_root,
        descriptors,
    }
}

/// Where the cmi5 and TinCan checks read an input from.
#[derive(Clone, Copy)]
enum Source<'p> {
    /// The package already opened for the SCORM check's descriptors: never opened again.
    Package(&'p Package),
    /// A lone descriptor, already read: never read again (it could have changed on disk since).
    Document {
        /// Its bytes.
        bytes: &'p [u8],
        /// Its file name.
        name: &'p str,
    },
}

/// Checks one path; `Err` for a path that does not exist (usage error). A path that exists but cannot be
/// read is a `package.io` issue in the result.
///
/// The input is opened once ([`Input::open`], as `learnwire_scorm::check_path` opens it), its
/// descriptors detected from the opened package, and that package handed to the checker of the
/// standard chosen: a cmi5 or TinCan zip is no longer streamed by the SCORM check first.
fn check_path(path: &Path, options: &Options) -> Result<Outcome, String> {
    std::fs::metadata(path).map_err(|error| format!("cannot read {}: {error}", path.display()))?;
    // Read once, within the larger of the SCORM and cmi5 limits; each check applies its own.
    let max_manifest_bytes = options
        .limits
        .max_input_bytes()
        .max(learnwire_cmi5::Limits::default().max_input_bytes());
    let profile = options.profile;
    Ok(
        match Input::open(path, &options.package_limits, max_manifest_bytes) {
            Input::Package(package) => Outcome::decide(
                learnwire_package::detect(&package),
                Source::Package(&package),
                || learnwire_scorm::check_package(&package, options),
                profile,
            ),
            Input::Document { bytes, name } => {
                let descriptors: Vec<Descriptor> = Descriptor::of_document(&bytes, name.as_str())
                    .into_iter()
                    .collect();
                let scorm = || {
                    let mut check = learnwire_scorm::check_manifest(&bytes, options);
                    check.descriptors.clone_from(&descriptors);
                    check
                };
                let source = Source::Document {
                    bytes: &bytes,
                    name: &name,
                };
                Outcome::decide(descriptors.clone(), source, scorm, profile)
            }
            // No descriptor: only the SCORM answer (the refusal) can come of it.
            Input::Refused(issue) => Outcome::decide(
                Vec::new(),
                Source::Document {
                    bytes: &[],
                    name: "",
                },
                || ManifestCheck::refused(issue),
                profile,
            ),
        },
    )
}
