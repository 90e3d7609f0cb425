//! `learnwire xapi validate`: statements as an LRS receives them (`PUT`/`POST /statements` bodies,
//! `multipart/mixed` with attachments and signatures) or as JSON Lines streamed in constant memory.
//!
//! The default xAPI version is 1.0.3: it is what `X-Experience-API-Version` says for the great
//! majority of deployed content, and a 2.0 LRS still accepts 1.0.x statements; choose 2.0.0 with
//! `--xapi-version 2.0.0`.

use std::fs::File;
use std::io::{BufRead, BufReader, BufWriter, IsTerminal, Read, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Subcommand, ValueEnum};
use learnwire_report::{Code, Issue, Location, Report};
use learnwire_xapi::lrs::{ReceiveError, ReceiveOptions, receive_statements};
use learnwire_xapi::{BodyReport, Options, XapiVersion, validate_statement_body};
use serde::Serialize;

use crate::output::{EXIT_OK, EXIT_REJECTED, exit_usage, print_error};

mod formats;

use formats::Verdict;

/// `learnwire xapi` subcommands.
#[derive(Debug, Subcommand)]
pub(crate) enum XapiCommand {
    /// Validate xAPI statements: one request body (a statement or a batch array), a
    /// multipart/mixed body (--content-type), or JSON Lines (--lines).
    Validate(ValidateArgs),
}

/// Arguments of `learnwire xapi validate`.
#[derive(Debug, Args)]
pub(crate) struct ValidateArgs {
    /// The xAPI version of the request (X-Experience-API-Version).
    #[arg(long = "xapi-version", value_enum, default_value_t = VersionArg::V1_0_3)]
    xapi_version: VersionArg,
    /// Output format. `sarif` and `junit` write one document for the whole input (to standard
    /// output) once it is read; `--summary` does not change them.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
    /// The request's Content-Type; `multipart/mixed; boundary=…` checks attachments and signatures.
    #[arg(long = "content-type", conflicts_with = "lines")]
    content_type: Option<String>,
    /// The input is JSON Lines: one statement (or batch) per line, streamed. An empty line, or
    /// one of JSON whitespace only (space, tab, carriage return), is skipped; any other line is
    /// validated, so a line holding a form feed or another non-JSON character is an error.
    #[arg(long)]
    lines: bool,
    /// Print only the counts.
    #[arg(long)]
    summary: bool,
    /// The input file; `-` or nothing reads standard input.
    file: Option<PathBuf>,
}

/// `--format` of `learnwire xapi validate`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, ValueEnum)]
enum Format {
    /// A readable report.
    #[default]
    Text,
    /// One JSON object per statement, one per line (JSON Lines).
    Json,
    /// One SARIF 2.1.0 log: a result per issue, located by the input file, the line (`--lines`)
    /// and the JSON pointer.
    Sarif,
    /// One JUnit XML document: a test case per statement batch (per line with `--lines`).
    Junit,
}

/// `--xapi-version`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum VersionArg {
    /// xAPI 1.0.3.
    #[value(name = "1.0.3")]
    V1_0_3,
    /// xAPI 2.0 (IEEE 9274.1.1).
    #[value(name = "2.0.0")]
    V2_0_0,
}

/// One output line per statement.
#[derive(Debug, Serialize)]
struct Line<'a> {
    index: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    line: Option<u64>,
    id: Option<&'a str>,
    valid: bool,
    issues: &'a [Issue],
    /// Issues found past the report's limit and not listed (hostile input).
    #[serde(skip_serializing_if = "is_zero")]
    dropped: usize,
}

fn is_zero(count: &usize) -> bool {
    *count == 0
}

/// Counts for `--summary` (and the text footer), and the verdicts kept for `sarif` and `junit`.
#[derive(Debug, Default, Serialize)]
struct Summary {
    statements: u64,
    valid: u64,
    invalid: u64,
    errors: u64,
    warnings: u64,
    /// Kept only for the whole-input formats.
    #[serde(skip)]
    verdicts: Vec<Verdict>,
}

/// One result to print: the body as a whole or one statement.
struct Entry<'a> {
    index: Option<usize>,
    line: Option<u64>,
    /// The statement's position in a batch array (its pointers' prefix in the document).
    batch_index: Option<usize>,
    id: Option<&'a str>,
    issues: &'a [Issue],
    /// Issues found past the report's limit and not listed.
    dropped: usize,
    valid: bool,
}

/// Runs a `learnwire xapi` subcommand.
pub(crate) fn run(command: XapiCommand) -> ExitCode {
    match command {
        XapiCommand::Validate(args) => validate(&args),
    }
}

fn validate(args: &ValidateArgs) -> ExitCode {
    let version = match args.xapi_version {
        VersionArg::V1_0_3 => XapiVersion::V1_0_3,
        VersionArg::V2_0_0 => XapiVersion::V2_0_0,
    };
    let options = Options::new(version);
    let input: Box<dyn Read> = match args.file.as_deref() {
        None => Box::new(std::io::stdin().lock()),
        Some(path) if path.as_os_str() == "-" => Box::new(std::io::stdin().lock()),
        Some(path) => match File::open(path) {
            Ok(file) => Box::new(file),
            Err(error) => {
                print_error(format_args!("cannot read {}: {error}", path.display()));
                return exit_usage();
            }
        },
    };
    let mut summary = Summary::default();
    // Results go through one buffer, written when it fills or before the input is read again (so a
    // live stream still sees each result as soon as its line is judged): not one write per line.
    // Write errors (a closed pipe) end nothing: the exit status still tells the verdict.
    let mut out = BufWriter::with_capacity(64 * 1024, std::io::stdout().lock());
    let terminal = std::io::stdout().is_terminal();
    let outcome = if args.lines {
        lines(input, &options, args, &mut summary, &mut out, terminal)
    } else {
        body(input, &options, args, &mut summary, &mut out)
    };
    if let Err(error) = outcome {
        let _ = out.flush();
        print_error(format_args!("cannot read the input: {error}"));
        return exit_usage();
    }
    let document = match args.format {
        Format::Sarif => Some(formats::sarif(args.file.as_deref(), &summary.verdicts)),
        Format::Junit => Some(formats::junit(
            args.file.as_deref(),
            &summary.verdicts,
            args.lines,
        )),
        Format::Text | Format::Json => None,
    };
    if let Some(document) = document {
        // A closed pipe is not worth a panic.
        let _ = out.write_all(document.as_bytes());
    } else if args.summary {
        let _ = match args.format {
            Format::Json => json_line(&mut out, &summary),
            _ => writeln!(
                out,
                "{} statements: {} valid, {} invalid ({} errors, {} warnings)",
                summary.statements,
                summary.valid,
                summary.invalid,
                summary.errors,
                summary.warnings
            ),
        };
    }
    let _ = out.flush();
    if summary.invalid == 0 {
        EXIT_OK
    } else {
        EXIT_REJECTED
    }
}

/// One request body: a statement, a batch, or a multipart body.
fn body(
    input: Box<dyn Read>,
    options: &Options,
    args: &ValidateArgs,
    summary: &mut Summary,
    out: &mut impl Write,
) -> std::io::Result<()> {
    let receive = ReceiveOptions::new(*options);
    let limit = match &args.content_type {
        Some(_) => options.limits().max_multipart_bytes(),
        None => options.limits().max_body_bytes(),
    };
    // Read at most one byte more than the limit: enough for the validator to report it.
    let mut bytes = Vec::new();
    input
        .take(limit.saturating_add(1) as u64)
        .read_to_end(&mut bytes)?;
    let report = match &args.content_type {
        None => validate_statement_body(&bytes, options),
        Some(content_type) => match receive_statements(content_type, &bytes, &receive) {
            Ok(received) => received.report,
            Err(ReceiveError::Invalid(report)) => *report,
            Err(error) => {
                // One issue naming the code, the message without the code in front.
                let issues = error.issues();
                emit(
                    &Entry {
                        index: None,
                        line: None,
                        batch_index: None,
                        id: None,
                        issues: issues.issues(),
                        dropped: issues.dropped(),
                        valid: false,
                    },
                    args,
                    summary,
                    out,
                );
                return Ok(());
            }
        },
    };
    print_body(&report, None, args, summary, out);
    Ok(())
}

fn print_body(
    report: &BodyReport,
    line: Option<u64>,
    args: &ValidateArgs,
    summary: &mut Summary,
    out: &mut impl Write,
) {
    if !report.body.is_empty() {
        emit(
            &Entry {
                index: None,
                line,
                batch_index: None,
                id: None,
                issues: report.body.issues(),
                dropped: report.body.dropped(),
                valid: report.body.is_valid(),
            },
            args,
            summary,
            out,
        );
    }
    for statement in &report.statements {
        let valid = statement.report.is_valid() && report.body.is_valid();
        emit(
            &Entry {
                index: Some(statement.index),
                line,
                batch_index: report.batch.then_some(statement.index),
                id: statement.id.as_deref(),
                issues: statement.report.issues(),
                dropped: statement.report.dropped(),
                valid,
            },
            args,
            summary,
            out,
        );
    }
}

/// Prints one result to `out` (or keeps it for `sarif` and `junit`) and counts it.
fn emit(entry: &Entry<'_>, args: &ValidateArgs, summary: &mut Summary, out: &mut impl Write) {
    let Entry {
        index,
        line,
        batch_index,
        id,
        issues,
        dropped,
        valid,
    } = *entry;
    // In `--lines` mode the index counts statements across the whole stream (the `line` field says
    // where each came from); otherwise it is the position in the batch.
    let index = match line {
        Some(_) => usize::try_from(summary.statements).ok(),
        None => index,
    };
    summary.statements += 1;
    if valid {
        summary.valid += 1;
    } else {
        summary.invalid += 1;
    }
    let errors = issues.iter().filter(|issue| issue.is_error()).count() as u64;
    summary.errors += errors;
    summary.warnings += issues.len() as u64 - errors;
    if matches!(args.format, Format::Sarif | Format::Junit) {
        summary.verdicts.push(Verdict {
            line,
            index,
            batch_index,
            id: id.map(str::to_owned),
            valid,
            issues: issues.to_vec(),
            dropped,
        });
        return;
    }
    if args.summary {
        return;
    }
    // A failed write (a closed pipe) is not worth a panic; the exit status still tells the verdict.
    let _ = match args.format {
        Format::Json => json_line(
            out,
            &Line {
                index,
                line,
                id,
                valid,
                issues,
                dropped,
            },
        ),
        Format::Text => text_entry(out, entry, index),
        Format::Sarif | Format::Junit => Ok(()),
    };
}

/// One result as text: its head line (with `index`, the statement number [`emit`] settled on), then
/// one line per issue.
fn text_entry(
    out: &mut impl Write,
    entry: &Entry<'_>,
    index: Option<usize>,
) -> std::io::Result<()> {
    let Entry {
        line,
        id,
        issues,
        dropped,
        valid,
        ..
    } = *entry;
    // The head line is most of the output of a large valid stream: numbers written with itoa,
    // not through the formatting machinery.
    let mut number = itoa::Buffer::new();
    if let Some(line) = line {
        out.write_all(b"line ")?;
        out.write_all(number.format(line).as_bytes())?;
        out.write_all(b": ")?;
    }
    match index {
        Some(index) => {
            out.write_all(b"statement ")?;
            out.write_all(number.format(index).as_bytes())?;
        }
        None => out.write_all(b"body")?,
    }
    if let Some(id) = id {
        write!(out, " ({})", learnwire_report::quote(id))?;
    }
    out.write_all(if valid { b": valid\n" } else { b": invalid\n" })?;
    for issue in issues {
        let severity = if issue.is_error() { "error" } else { "warning" };
        writeln!(
            out,
            "  {severity} {} at {}: {}",
            issue.code,
            location(&issue.location),
            issue.message
        )?;
    }
    if dropped > 0 {
        writeln!(
            out,
            "  … and {dropped} more issues not listed (report limit reached)"
        )?;
    }
    Ok(())
}

/// One JSON value and a newline.
fn json_line(out: &mut impl Write, value: &impl Serialize) -> std::io::Result<()> {
    serde_json::to_writer(&mut *out, value)?;
    out.write_all(b"\n")
}

fn location(location: &Location) -> String {
    match location {
        Location::Json { pointer } if pointer.as_str().is_empty() => "/".to_owned(),
        Location::Whole => "/".to_owned(),
        other => other.to_string(),
    }
}

/// JSON Lines, streamed: each line is read with a length cap, validated and printed, then dropped.
fn lines(
    input: Box<dyn Read>,
    options: &Options,
    args: &ValidateArgs,
    summary: &mut Summary,
    out: &mut impl Write,
    terminal: bool,
) -> std::io::Result<()> {
    let max = options.limits().max_statement_bytes();
    let mut reader = BufReader::with_capacity(64 * 1024, input);
    let mut buffer = Vec::with_capacity(4096);
    let mut number = 0u64;
    loop {
        buffer.clear();
        if terminal || reader.buffer().is_empty() {
            // The next read may wait for a live stream: what was judged so far goes out first (on
            // a terminal, each result at once).
            let _ = out.flush();
        }
        let (read, too_long) = read_line_capped(&mut reader, &mut buffer, max)?;
        if read == 0 {
            return Ok(());
        }
        number += 1;
        if too_long {
            let mut report = Report::new();
            report.error(
                Code::new("xapi.limit.statement-size"),
                Location::Whole,
                format!("the line is longer than {max} bytes"),
            );
            emit(
                &Entry {
                    index: None,
                    line: Some(number),
                    batch_index: None,
                    id: None,
                    issues: report.issues(),
                    dropped: 0,
                    valid: false,
                },
                args,
                summary,
                out,
            );
            continue;
        }
        let text = trim_line(&buffer);
        if text.iter().all(is_json_whitespace) {
            continue;
        }
        let report = validate_statement_body(text, options);
        print_body(&report, Some(number), args, summary, out);
    }
}

/// JSON's own whitespace (RFC 8259 §2): not a form feed or a vertical tab, which
/// `u8::is_ascii_whitespace` would also accept.
fn is_json_whitespace(byte: &u8) -> bool {
    matches!(byte, b' ' | b'\t' | b'\r' | b'\n')
}

fn trim_line(line: &[u8]) -> &[u8] {
    let line = line.strip_suffix(b"\n").unwrap_or(line);
    line.strip_suffix(b"\r").unwrap_or(line)
}

/// Reads one line into `buffer`, keeping at most `max + 1` bytes; the rest of an overlong line is
/// skipped. Returns (bytes consumed, whether the line was too long).
fn read_line_capped(
    reader: &mut impl BufRead,
    buffer: &mut Vec<u8>,
    max: usize,
) -> std::io::Result<(usize, bool)> {
    let mut consumed = 0usize;
    let mut too_long = false;
    loop {
        let available = reader.fill_buf()?;
        if available.is_empty() {
            return Ok((consumed, too_long));
        }
        let (chunk, done) = match memchr::memchr(b'\n', available) {
            Some(at) => (available.get(..=at).unwrap_or(available), true),
            None => (available, false),
        };
        let room = (max + 2).saturating_sub(buffer.len());
        if chunk.len() > room {
            too_long = true;
        }
        buffer.extend_from_slice(chunk.get(..chunk.len().min(room)).unwrap_or_default());
        let length = chunk.len();
        reader.consume(length);
        consumed = consumed.saturating_add(length);
        if done {
            let content = trim_line(buffer).len();
            return Ok((consumed, too_long || content > max));
        }
    }
}
