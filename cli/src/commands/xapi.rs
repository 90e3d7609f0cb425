//! `learnwire xapi`: being built (placeholder until the xapi crate lands).

use std::process::ExitCode;

use clap::Subcommand;

/// `learnwire xapi` subcommands.
#[derive(Debug, Subcommand)]
pub(crate) enum XapiCommand {
    /// Not built yet.
    Unavailable,
}

pub(crate) fn run(_command: XapiCommand) -> ExitCode {
    crate::output::print_error("this subcommand is not built yet");
    crate::output::exit_usage()
}
