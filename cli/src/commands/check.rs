//! `learnwire check`: placeholder until the SCORM crate lands.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, ValueEnum};

use crate::output::Format;

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
    Lenient,
    Strict,
}

pub(crate) fn run(args: &CheckArgs) -> ExitCode {
    let _ = (args.format, args.profile, &args.paths);
    crate::output::print_error("check is not built yet");
    crate::output::exit_usage()
}
