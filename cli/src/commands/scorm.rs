//! `learnwire scorm runtime`: replays a SCO's API calls against the run-time engine
//! (`learnwire_scorm::runtime::Api`) and prints what each call returned and the error code after it,
//! then the attempt's final state.

use std::collections::BTreeMap;
use std::io::Read;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Subcommand, ValueEnum};
use learnwire_scorm::runtime::{Api, ApiCall, Attempt, Options as RuntimeOptions, Record, Setup};
use learnwire_scorm::{Options, Profile, Version, check_path};
use serde::Serialize;
use serde_json::Value;

use crate::output::{EXIT_OK, EXIT_REJECTED, Format, exit_usage, print_error, print_json_line};

/// The largest CALLS.json read: 16 MiB.
const MAX_CALLS_BYTES: u64 = 16 * 1024 * 1024;

/// `learnwire scorm` subcommands.
#[derive(Debug, Subcommand)]
pub(crate) enum ScormCommand {
    /// Replay SCORM API calls (CALLS.json) against the run-time engine: each call's returned string
    /// and error code, then the final state. Exit 0 when every call left error 0.
    Runtime(RuntimeArgs),
}

/// Arguments of `learnwire scorm runtime`.
#[derive(Debug, Args)]
pub(crate) struct RuntimeArgs {
    /// The API family and data model.
    #[arg(long = "scorm-version", value_enum)]
    scorm_version: VersionArg,
    /// A package (zip, folder or imsmanifest.xml) whose item gives the initial values.
    #[arg(long, requires = "item")]
    package: Option<PathBuf>,
    /// The identifier of the item of --package that is launched.
    #[arg(long, requires = "package")]
    item: Option<String>,
    /// The learner id the LMS gives (cmi.learner_id / cmi.core.student_id).
    #[arg(long = "learner-id", default_value = "learner-1")]
    learner_id: String,
    /// The learner name the LMS gives (cmi.learner_name / cmi.core.student_name).
    #[arg(long = "learner-name", default_value = "Learner, Test")]
    learner_name: String,
    /// Validation profile of the values the SCO sends.
    #[arg(long, value_enum, default_value_t = ProfileArg::Lenient)]
    profile: ProfileArg,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
    /// A JSON array of calls: [{"call":"SetValue","args":["cmi.score.raw","85"]}, …]; `-` reads
    /// standard input.
    calls: PathBuf,
}

/// `--scorm-version`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum VersionArg {
    /// SCORM 1.2 (`API`).
    #[value(name = "1.2")]
    V12,
    /// SCORM 2004 (`API_1484_11`); the 4th Edition data model unless --package says otherwise.
    #[value(name = "2004")]
    V2004,
}

/// `--profile`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum ProfileArg {
    /// Accept what mainstream LMSs accept.
    Lenient,
    /// Follow the specification to the letter.
    Strict,
}

/// One output line per call.
#[derive(Debug, Serialize)]
struct CallLine<'a> {
    index: usize,
    call: &'a str,
    result: &'a str,
    error: u16,
}

/// The last output line.
#[derive(Debug, Serialize)]
struct StateLine<'a> {
    session: &'static str,
    state: &'a Attempt,
}

/// Runs a `learnwire scorm` subcommand.
pub(crate) fn run(command: ScormCommand) -> ExitCode {
    match command {
        ScormCommand::Runtime(args) => runtime(&args),
    }
}

fn runtime(args: &RuntimeArgs) -> ExitCode {
    let calls = match read_calls(&args.calls) {
        Ok(calls) => calls,
        Err(message) => {
            print_error(message);
            return exit_usage();
        }
    };
    let mut version = match args.scorm_version {
        VersionArg::V12 => Version::Scorm12,
        VersionArg::V2004 => Version::Scorm2004Edition4,
    };
    let mut setup = Setup::new(args.learner_id.clone(), args.learner_name.clone());
    if let (Some(package), Some(item)) = (&args.package, &args.item) {
        match package_setup(package, item, version, setup) {
            Ok((found, with_item)) => {
                version = found;
                setup = with_item;
            }
            Err(message) => {
                print_error(message);
                return exit_usage();
            }
        }
    }
    let profile = match args.profile {
        ProfileArg::Lenient => Profile::Lenient,
        ProfileArg::Strict => Profile::Strict,
    };
    let mut api = Api::new(version, Attempt::new(), setup, RuntimeOptions::new(profile));
    let mut all_ok = true;
    for (index, (name, call)) in calls.iter().enumerate() {
        let outcome = api.call(call);
        all_ok &= outcome.error.is_none();
        let line = CallLine {
            index,
            call: name,
            result: &outcome.result,
            error: outcome.error.as_u16(),
        };
        match args.format {
            Format::Json => print_json_line(&line),
            Format::Text => println!(
                "{index}: {name} -> {} (error {})",
                quoted(&outcome.result),
                line.error
            ),
        }
    }
    let session = match api.state() {
        learnwire_scorm::runtime::SessionState::NotInitialized => "not-initialized",
        learnwire_scorm::runtime::SessionState::Running => "running",
        _ => "terminated",
    };
    match args.format {
        Format::Json => print_json_line(&StateLine {
            session,
            state: api.attempt(),
        }),
        Format::Text => {
            println!("session: {session}");
            let mut values = BTreeMap::new();
            flatten("", &api.attempt().data, &mut values);
            for (element, value) in values {
                if !element.contains('#') {
                    println!("{element} = {}", quoted(&value));
                }
            }
        }
    }
    if all_ok { EXIT_OK } else { EXIT_REJECTED }
}

/// Reads CALLS.json: an array of `{"call": name, "args": [strings]}`.
fn read_calls(path: &PathBuf) -> Result<Vec<(String, ApiCall)>, String> {
    let mut bytes = Vec::new();
    let read = if path.as_os_str() == "-" {
        std::io::stdin()
            .lock()
            .take(MAX_CALLS_BYTES + 1)
            .read_to_end(&mut bytes)
    } else {
        std::fs::File::open(path)
            .and_then(|file| file.take(MAX_CALLS_BYTES + 1).read_to_end(&mut bytes))
    };
    read.map_err(|error| format!("cannot read {}: {error}", path.display()))?;
    if bytes.len() as u64 > MAX_CALLS_BYTES {
        return Err(format!("{} is larger than 16 MiB", path.display()));
    }
    let value: Value = serde_json::from_slice(&bytes)
        .map_err(|error| format!("{} is not JSON: {error}", path.display()))?;
    let Value::Array(items) = value else {
        return Err(format!("{} is not a JSON array of calls", path.display()));
    };
    items
        .iter()
        .enumerate()
        .map(|(index, item)| {
            let name = item
                .get("call")
                .and_then(Value::as_str)
                .ok_or_else(|| format!("call {index}: no \"call\" string"))?;
            let args = match item.get("args") {
                None => Vec::new(),
                Some(Value::Array(args)) => args
                    .iter()
                    .map(|arg| arg.as_str().map(String::from))
                    .collect::<Option<Vec<_>>>()
                    .ok_or_else(|| format!("call {index}: every argument must be a string"))?,
                Some(_) => return Err(format!("call {index}: \"args\" must be an array")),
            };
            let call =
                ApiCall::parse(name, &args).map_err(|error| format!("call {index}: {error}"))?;
            Ok((name.to_owned(), call))
        })
        .collect()
}

/// The package's version (same family as `--scorm-version`) and the item's initial values.
fn package_setup(
    package: &std::path::Path,
    item: &str,
    asked: Version,
    setup: Setup,
) -> Result<(Version, Setup), String> {
    let check = check_path(package, &Options::default());
    let Some(version) = check.version else {
        return Err(format!(
            "{}: not a SCORM package this command can read ({} issue(s); run learnwire check)",
            package.display(),
            check.report.issues().len()
        ));
    };
    if version.is_2004() != asked.is_2004() {
        return Err(format!(
            "{} is a SCORM {version} package, not --scorm-version {}",
            package.display(),
            if asked.is_2004() { "2004" } else { "1.2" }
        ));
    }
    let Some(entry) = check.items().find(|entry| entry.item.identifier == item) else {
        return Err(format!("{} has no item {item:?}", package.display()));
    };
    let sequencing = entry.sequencing();
    let setup = setup.with_item(entry.item, sequencing.as_deref(), version.is_2004());
    Ok((version, setup))
}

/// Every value of a record, by element name (`cmi.interactions.0.id`).
fn flatten(prefix: &str, record: &Record, out: &mut BTreeMap<String, String>) {
    let join = |key: &str| {
        if prefix.is_empty() {
            key.to_owned()
        } else {
            format!("{prefix}.{key}")
        }
    };
    for (key, value) in &record.values {
        out.insert(join(key), value.clone());
    }
    for (key, records) in &record.lists {
        for (index, child) in records.iter().enumerate() {
            flatten(&format!("{}.{index}", join(key)), child, out);
        }
    }
}

/// A JSON string literal: quoted and escaped, safe on a terminal.
fn quoted(text: &str) -> String {
    serde_json::to_string(text).unwrap_or_default()
}
