//! `learnwire check`: SCORM packages (zip, folder, `imsmanifest.xml`); cmi5 is detected and reported as
//! not supported yet.

mod detect;
mod text;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Args, ValueEnum};
use learnwire_report::{Code, Issue, Location, Report};
use learnwire_scorm::{Launch, Manifest, Options, Profile, Version};
use serde::Serialize;

use crate::output::{EXIT_OK, EXIT_REJECTED, Format, exit_usage, print_error, print_json_line};

/// Arguments of `learnwire check`.
#[derive(Debug, Args)]
pub(crate) struct CheckArgs {
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
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

/// Which standard a path holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub(super) enum Standard {
    Scorm,
    Cmi5,
    Unknown,
}

/// The result for one path.
pub(super) struct Outcome {
    pub(super) standard: Standard,
    pub(super) version: Option<Version>,
    pub(super) report: Report,
    pub(super) launches: Vec<Launch>,
    pub(super) manifest: Option<Manifest>,
    /// The folder the package was read from when it was re-rooted (zipped one folder too high).
    pub(super) content_root: Option<String>,
}

impl Outcome {
    pub(super) fn refused(standard: Standard, code: Code, message: impl Into<String>) -> Self {
        let mut report = Report::new();
        report.push(Issue::new(
            code,
            learnwire_report::Severity::Error,
            Location::Whole,
            message,
        ));
        Self {
            standard,
            version: None,
            report,
            launches: Vec::new(),
            manifest: None,
            content_root: None,
        }
    }
}

#[derive(Serialize)]
struct JsonLaunch<'a> {
    item: &'a str,
    url: &'a str,
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
}

pub(crate) fn run(args: &CheckArgs) -> ExitCode {
    let profile = match args.profile {
        ProfileArg::Lenient => Profile::Lenient,
        ProfileArg::Strict => Profile::Strict,
    };
    let options = Options::new(profile);
    let mut missing = false;
    let mut rejected = false;
    for path in &args.paths {
        let outcome = match check_path(path, &options) {
            Ok(outcome) => outcome,
            Err(message) => {
                print_error(message);
                missing = true;
                continue;
            }
        };
        let valid = outcome.report.is_valid();
        rejected |= !valid;
        match args.format {
            Format::Json => print_json_line(&JsonResult {
                path: path.display().to_string(),
                standard: outcome.standard,
                version: outcome.version.map(Version::as_str),
                valid,
                issues: outcome.report.issues(),
                launches: outcome
                    .launches
                    .iter()
                    .map(|launch| JsonLaunch {
                        item: &launch.item,
                        url: &launch.url,
                    })
                    .collect(),
                content_root: outcome.content_root.as_deref(),
            }),
            Format::Text => text::print(path, &outcome, valid),
        }
    }
    if missing {
        exit_usage()
    } else if rejected {
        EXIT_REJECTED
    } else {
        EXIT_OK
    }
}

/// Checks one path; `Err` for a path that does not exist or cannot be read at all (usage error).
fn check_path(path: &Path, options: &Options) -> Result<Outcome, String> {
    let metadata = std::fs::metadata(path)
        .map_err(|error| format!("cannot read {}: {error}", path.display()))?;
    if metadata.is_dir() {
        return Ok(detect::check_folder(path, options));
    }
    Ok(detect::check_file(path, options))
}
