//! `learnwire check`: SCORM packages (zip, folder, `imsmanifest.xml`). What a path holds is told by the
//! library (`learnwire_scorm::check_path` names the descriptors found); cmi5, TinCan and AICC are
//! recognised and reported as not supported yet.

mod text;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Args, ValueEnum};
use learnwire_scorm::{
    Code, Issue, Location, ManifestCheck, Options, Profile, Report, Severity, Standard as Found,
    Version,
};
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
const NOT_SUPPORTED: [(Found, Standard, Code, &str); 3] = [
    (
        Found::Cmi5,
        Standard::Cmi5,
        Code::new("cmi5.not-supported"),
        "cmi5 course structures are not supported yet",
    ),
    (
        Found::TinCan,
        Standard::Tincan,
        Code::new("tincan.not-supported"),
        "TinCan (xAPI) packages are not supported yet",
    ),
    (
        Found::Aicc,
        Standard::Aicc,
        Code::new("aicc.not-supported"),
        "AICC courses are not supported yet",
    ),
];

/// The result for one path.
pub(super) struct Outcome {
    pub(super) standard: Standard,
    pub(super) report: Report,
    /// The SCORM check behind a `scorm` or `unknown` answer (its report is in `report`).
    pub(super) scorm: Option<ManifestCheck>,
}

impl Outcome {
    /// The answer for what the SCORM check found. Rule V-01: when a package holds several standards'
    /// descriptors the caller chooses; this command checks SCORM whenever its manifest is there, and
    /// otherwise names the first other standard found (cmi5 > TinCan > AICC) as not supported yet.
    fn from_check(mut check: ManifestCheck) -> Self {
        let found: Vec<Found> = check.descriptors.iter().map(|d| d.standard).collect();
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
            };
        }
        let standard = if found.contains(&Found::Scorm) {
            Standard::Scorm
        } else {
            Standard::Unknown
        };
        Self {
            standard,
            report: std::mem::take(&mut check.report),
            scorm: Some(check),
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
            Format::Json => print_json_line(&json_result(path, &outcome, valid)),
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

fn json_result<'a>(path: &Path, outcome: &'a Outcome, valid: bool) -> JsonResult<'a> {
    let scorm = outcome.scorm.as_ref();
    JsonResult {
        path: path.display().to_string(),
        standard: outcome.standard,
        version: outcome.version().map(Version::as_str),
        valid,
        issues: outcome.report.issues(),
        launches: scorm
            .map(|check| check.launches.as_slice())
            .unwrap_or_default()
            .iter()
            .map(|launch| JsonLaunch {
                item: &launch.item,
                url: &launch.url,
            })
            .collect(),
        content_root: scorm.and_then(|check| check.content_root.as_deref()),
    }
}

/// Checks one path; `Err` for a path that does not exist (usage error). A path that exists but cannot be
/// read is a `package.io` issue in the result.
fn check_path(path: &Path, options: &Options) -> Result<Outcome, String> {
    std::fs::metadata(path).map_err(|error| format!("cannot read {}: {error}", path.display()))?;
    Ok(Outcome::from_check(learnwire_scorm::check_path(
        path, options,
    )))
}
