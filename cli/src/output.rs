//! Output conventions shared by every subcommand.

use std::io::Write;
use std::process::ExitCode;

use clap::ValueEnum;
use serde::Serialize;

/// Exit status when every input was accepted.
pub(crate) const EXIT_OK: ExitCode = ExitCode::SUCCESS;
/// Exit status when some input was rejected or invalid.
pub(crate) const EXIT_REJECTED: ExitCode = ExitCode::FAILURE;

/// Exit status for usage errors and unreadable files (2).
pub(crate) fn exit_usage() -> ExitCode {
    ExitCode::from(2)
}

/// How results are printed.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, ValueEnum)]
pub(crate) enum Format {
    /// A readable report.
    #[default]
    Text,
    /// One JSON object per result, one per line (JSON Lines).
    Json,
}

/// Writes one JSON line to stdout. A closed pipe is not an error worth a panic: it is ignored.
///
/// The line is built in memory and written at once: serde_json's many small writes, each through
/// the line-buffered stdout, cost more than the serialization itself on a large result (40 000
/// launches), and a line is never left half-written.
pub(crate) fn print_json_line(value: &impl Serialize) {
    if let Ok(mut line) = serde_json::to_vec(value) {
        line.push(b'\n');
        let _ = std::io::stdout().lock().write_all(&line);
    }
}

/// Prints one line to stderr naming what went wrong, for usage and I/O errors.
pub(crate) fn print_error(message: impl std::fmt::Display) {
    let _ = writeln!(std::io::stderr().lock(), "learnwire: {message}");
}
