//! `learnwire lti`: being built (placeholder until the lti crate lands).

use std::process::ExitCode;

use clap::Subcommand;

/// `learnwire lti` subcommands.
#[derive(Debug, Subcommand)]
pub(crate) enum LtiCommand {
    /// Not built yet.
    Unavailable,
}

pub(crate) fn run(_command: LtiCommand) -> ExitCode {
    crate::output::print_error("this subcommand is not built yet");
    crate::output::exit_usage()
}
