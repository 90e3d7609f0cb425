//! `learnwire cmi5 session`: a recorded AU session's statements judged by the cmi5 rules, in order,
//! then the AU's moveOn state and the `satisfied` statements the LMS should issue.
//!
//! The launch values the statements must match (actor, registration, activityId, session id) are
//! taken from the options when given, else from the first statement (normally `initialized`); the
//! AU's moveOn and masteryScore come from the course structure. Output is deterministic: the
//! `satisfied` statements get fixed ids, LMS block/course ids `urn:learnwire:cmi5:<kind>:<publisher
//! id, percent-encoded>`, and the timestamp of the session's last statement.

use std::io::Read;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Subcommand, ValueEnum};
use learnwire_cmi5::launch::{AuLaunchSettings, LaunchData, LaunchMode, SESSION_ID_EXTENSION};
use learnwire_cmi5::move_on::{MoveOnTree, Registration, SatisfiedContext};
use learnwire_cmi5::session::{AuProgress, Cmi5Verb, SessionJudge, SessionSettings, Verdict};
use learnwire_report::Issue;
use learnwire_xapi::statement::{Agent, Statement};
use learnwire_xapi::types::{Iri, Timestamp, XapiUuid};
use serde::Serialize;
use serde_json::Value;
use serde_json::value::RawValue;

use crate::output::{EXIT_OK, EXIT_REJECTED, Format, exit_usage, print_error, print_json_line};

/// The largest statements file read (bytes).
const MAX_STATEMENTS_BYTES: u64 = 64 * 1024 * 1024;

/// `learnwire cmi5` subcommands.
#[derive(Debug, Subcommand)]
pub(crate) enum Cmi5Command {
    /// Judge a recorded AU session (a JSON array of statements, in order) by the cmi5 rules, then
    /// print the AU's moveOn state and the satisfied statements the LMS should issue.
    Session(SessionArgs),
}

/// `--launch-mode`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum ModeArg {
    /// Normal.
    #[value(name = "Normal")]
    Normal,
    /// Browse.
    #[value(name = "Browse")]
    Browse,
    /// Review.
    #[value(name = "Review")]
    Review,
}

/// Arguments of `learnwire cmi5 session`.
#[derive(Debug, Args)]
pub(crate) struct SessionArgs {
    /// The course: a cmi5.xml, a course package (zip) or its folder.
    #[arg(long)]
    course: PathBuf,
    /// The AU's id (publisher id) in the course structure.
    #[arg(long)]
    au: String,
    /// Output format (json: one JSON line per statement, then one with the moveOn state).
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
    /// The session's launch mode.
    #[arg(long = "launch-mode", value_enum, default_value_t = ModeArg::Normal)]
    launch_mode: ModeArg,
    /// The launch registration (default: the first statement's context.registration).
    #[arg(long)]
    registration: Option<String>,
    /// The launch actor as JSON (default: the first statement's actor).
    #[arg(long)]
    actor: Option<String>,
    /// The LMS activityId of the AU (default: the first statement's object id).
    #[arg(long = "activity-id")]
    activity_id: Option<String>,
    /// The session id (default: the first statement's session id extension).
    #[arg(long = "session-id")]
    session_id: Option<String>,
    /// The AU recorded completed in an earlier session of the registration.
    #[arg(long = "completed-before")]
    completed_before: bool,
    /// The AU recorded passed in an earlier session of the registration.
    #[arg(long = "passed-before")]
    passed_before: bool,
    /// List statements with a verb only the LMS issues (launched, satisfied, abandoned, waived) as
    /// skipped instead of judging them as the AU's (for a session exported from an LRS).
    #[arg(long = "skip-lms")]
    skip_lms: bool,
    /// The statements: a JSON array, in the order received; `-` reads standard input.
    statements: PathBuf,
}

/// Runs a `learnwire cmi5` subcommand.
pub(crate) fn run(command: Cmi5Command) -> ExitCode {
    match command {
        Cmi5Command::Session(args) => session(&args),
    }
}

/// One output line per statement.
#[derive(Debug, Serialize)]
struct Line<'a> {
    index: usize,
    verdict: &'static str,
    kind: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    verb: Option<&'static str>,
    codes: Vec<&'static str>,
    issues: &'a [Issue],
}

/// The last line: the AU's state and what the LMS issues.
#[derive(Debug, Serialize)]
struct Outcome<'a> {
    au: &'a str,
    #[serde(rename = "moveOn")]
    move_on: &'static str,
    completed: bool,
    passed: bool,
    failed: bool,
    satisfied: bool,
    #[serde(rename = "courseSatisfied")]
    course_satisfied: bool,
    accepted: usize,
    rejected: usize,
    skipped: usize,
    /// `satisfied` statements due at registration (NotApplicable AUs), before this session.
    #[serde(rename = "satisfiedAtRegistration")]
    at_registration: &'a [Statement],
    /// `satisfied` statements this session triggers.
    #[serde(rename = "satisfiedBySession")]
    by_session: &'a [Statement],
}

/// What the command could not use (exit 2).
struct Unusable(String);

fn session(args: &SessionArgs) -> ExitCode {
    match run_session(args) {
        Ok(code) => code,
        Err(Unusable(message)) => {
            print_error(message);
            exit_usage()
        }
    }
}

fn run_session(args: &SessionArgs) -> Result<ExitCode, Unusable> {
    let course = read_course(args)?;
    let au = course.au(args.au.trim()).ok_or_else(|| {
        Unusable(format!(
            "cmi5.moveon.unknown-au: no AU {:?} in the course",
            args.au
        ))
    })?;
    let statements = read_statements(args)?;
    let first: Option<Value> = statements
        .first()
        .and_then(|raw| serde_json::from_str(raw.get()).ok());
    let settings = settings(args, au, first.as_ref())?;
    let mut progress = AuProgress::new();
    progress.completed = args.completed_before;
    progress.passed = args.passed_before;
    let mut judge = SessionJudge::new(settings.clone(), progress);

    let mut accepted = 0;
    let mut rejected = 0;
    let mut last_timestamp: Option<Timestamp> = None;
    let mut skipped = 0;
    for (index, raw) in statements.iter().enumerate() {
        if args.skip_lms
            && let Some(verb) = lms_verb(raw)
        {
            skipped += 1;
            print_skipped(args.format, index, verb);
            continue;
        }
        let verdict = judge.judge_bytes(raw.get().as_bytes());
        if verdict.is_accepted() {
            accepted += 1;
            last_timestamp = judge.last_timestamp().cloned().or(last_timestamp);
        } else {
            rejected += 1;
        }
        print_verdict(args.format, index, &verdict);
    }

    // moveOn: the course tree with deterministic LMS ids.
    let mut lms_id = |publisher: &str| {
        let encoded: String = url::form_urlencoded::byte_serialize(publisher.as_bytes()).collect();
        if publisher == course.id {
            format!("urn:learnwire:cmi5:course:{encoded}")
        } else {
            format!("urn:learnwire:cmi5:block:{encoded}")
        }
    };
    let tree = MoveOnTree::from_course(&course, &mut lms_id)
        .map_err(|error| Unusable(error.to_string()))?;
    let mut registration = Registration::new(tree);
    let mut counter = 0u32;
    let mut ids = || {
        counter += 1;
        XapiUuid::parse(format!("00000000-0000-4000-8000-{counter:012}")).map_err(|_| ())
    };
    let timestamp = last_timestamp
        .or_else(|| Timestamp::parse("1970-01-01T00:00:00Z").ok())
        .ok_or_else(|| Unusable("no timestamp".to_owned()))?;
    let at_registration_context = SatisfiedContext::new(
        settings.actor.clone(),
        settings.registration.clone(),
        "registration",
        timestamp.clone(),
    );
    let at_registration = registration
        .evaluate(&at_registration_context, &mut ids)
        .map_err(|error| Unusable(error.to_string()))?;
    registration
        .set_progress(&au.id, judge.progress())
        .map_err(|error| Unusable(error.to_string()))?;
    let session_id = settings.launch_data.session_id().unwrap_or("").to_owned();
    let session_context = SatisfiedContext::new(
        settings.actor.clone(),
        settings.registration.clone(),
        session_id,
        timestamp,
    );
    let by_session = registration
        .evaluate(&session_context, &mut ids)
        .map_err(|error| Unusable(error.to_string()))?;
    let state = judge.progress();
    let outcome = Outcome {
        au: &au.id,
        move_on: au.move_on.as_str(),
        completed: state.completed,
        passed: state.passed,
        failed: state.failed,
        satisfied: state.satisfies(au.move_on),
        course_satisfied: registration.is_course_satisfied(),
        accepted,
        rejected,
        skipped,
        at_registration: &at_registration,
        by_session: &by_session,
    };
    print_outcome(args.format, &outcome);
    Ok(if rejected == 0 {
        EXIT_OK
    } else {
        EXIT_REJECTED
    })
}

fn read_course(args: &SessionArgs) -> Result<learnwire_cmi5::Course, Unusable> {
    let check = learnwire_cmi5::check_path(&args.course, &learnwire_cmi5::Options::default());
    match check.course {
        Some(course) => {
            let errors = check.report.errors().count();
            if errors > 0 {
                print_error(format_args!(
                    "note: the course has {errors} error(s) (see `learnwire check`); its structure is used as read"
                ));
            }
            Ok(course)
        }
        None => {
            let reasons: Vec<String> = check
                .report
                .errors()
                .take(3)
                .map(|issue| format!("{}: {}", issue.code, issue.message))
                .collect();
            Err(Unusable(format!(
                "cannot read the course {}: {}",
                args.course.display(),
                reasons.join("; ")
            )))
        }
    }
}

fn read_statements(args: &SessionArgs) -> Result<Vec<Box<RawValue>>, Unusable> {
    let path = &args.statements;
    let mut bytes = Vec::new();
    let read = if path.as_os_str() == "-" {
        std::io::stdin()
            .lock()
            .take(MAX_STATEMENTS_BYTES + 1)
            .read_to_end(&mut bytes)
    } else {
        std::fs::File::open(path)
            .and_then(|file| file.take(MAX_STATEMENTS_BYTES + 1).read_to_end(&mut bytes))
    };
    read.map_err(|error| Unusable(format!("cannot read {}: {error}", path.display())))?;
    if bytes.len() as u64 > MAX_STATEMENTS_BYTES {
        return Err(Unusable(format!(
            "{} is larger than {MAX_STATEMENTS_BYTES} bytes",
            path.display()
        )));
    }
    serde_json::from_slice::<Vec<Box<RawValue>>>(&bytes).map_err(|error| {
        Unusable(format!(
            "{} is not a JSON array of statements: {error}",
            path.display()
        ))
    })
}

fn settings(
    args: &SessionArgs,
    au: &learnwire_cmi5::Au,
    first: Option<&Value>,
) -> Result<SessionSettings, Unusable> {
    let from_first = |pointer: &str| first.and_then(|value| value.pointer(pointer));
    let actor: Agent = match &args.actor {
        Some(text) => serde_json::from_str(text)
            .map_err(|error| Unusable(format!("--actor is not a JSON Agent: {error}")))?,
        None => from_first("/actor")
            .and_then(|value| serde_json::from_value(value.clone()).ok())
            .ok_or_else(|| {
                Unusable("cannot take the actor from the first statement: give --actor".to_owned())
            })?,
    };
    let registration_text = match &args.registration {
        Some(text) => text.clone(),
        None => from_first("/context/registration")
            .and_then(Value::as_str)
            .map(str::to_owned)
            .ok_or_else(|| {
                Unusable(
                    "cannot take the registration from the first statement: give --registration"
                        .to_owned(),
                )
            })?,
    };
    let registration = XapiUuid::parse(registration_text.as_str()).map_err(|_| {
        Unusable(format!(
            "the registration {registration_text:?} is not a UUID"
        ))
    })?;
    let activity_text = match &args.activity_id {
        Some(text) => text.clone(),
        None => from_first("/object/id")
            .and_then(Value::as_str)
            .map(str::to_owned)
            .ok_or_else(|| {
                Unusable(
                    "cannot take the activityId from the first statement: give --activity-id"
                        .to_owned(),
                )
            })?,
    };
    let activity_id = Iri::parse(activity_text.as_str())
        .map_err(|_| Unusable(format!("the activityId {activity_text:?} is not an IRI")))?;
    let session_id = match &args.session_id {
        Some(text) => text.clone(),
        None => first
            .and_then(|value| value.get("context"))
            .and_then(|context| context.get("extensions"))
            .and_then(|extensions| extensions.get(SESSION_ID_EXTENSION))
            .and_then(Value::as_str)
            .map(str::to_owned)
            .ok_or_else(|| {
                Unusable(
                    "cannot take the session id from the first statement: give --session-id"
                        .to_owned(),
                )
            })?,
    };
    let mode = match args.launch_mode {
        ModeArg::Normal => LaunchMode::Normal,
        ModeArg::Browse => LaunchMode::Browse,
        ModeArg::Review => LaunchMode::Review,
    };
    let data = LaunchData::for_au(&AuLaunchSettings::from(au), &session_id, mode)
        .map_err(|error| Unusable(error.to_string()))?;
    Ok(SessionSettings::new(actor, registration, activity_id, data))
}

/// The LMS-only cmi5 verb of a statement, if it has one.
fn lms_verb(raw: &RawValue) -> Option<Cmi5Verb> {
    let value: Value = serde_json::from_str(raw.get()).ok()?;
    let verb = Cmi5Verb::from_iri(value.pointer("/verb/id")?.as_str()?)?;
    verb.is_lms_only().then_some(verb)
}

fn print_skipped(format: Format, index: usize, verb: Cmi5Verb) {
    match format {
        Format::Json => print_json_line(&Line {
            index,
            verdict: "skipped",
            kind: "lms",
            verb: Some(verb.word()),
            codes: Vec::new(),
            issues: &[],
        }),
        Format::Text => println!("#{index} skipped {verb} (issued by the LMS)"),
    }
}

fn print_verdict(format: Format, index: usize, verdict: &Verdict) {
    let issues = verdict.report().issues();
    match format {
        Format::Json => print_json_line(&Line {
            index,
            verdict: if verdict.is_accepted() {
                "accepted"
            } else {
                "rejected"
            },
            kind: verdict.kind().as_str(),
            verb: verdict.verb().map(|verb| verb.word()),
            codes: issues.iter().map(|issue| issue.code.as_str()).collect(),
            issues,
        }),
        Format::Text => {
            let verb = verdict
                .verb()
                .map_or(String::new(), |verb| format!(" {verb}"));
            println!(
                "#{index} {}{verb} ({})",
                if verdict.is_accepted() {
                    "accepted"
                } else {
                    "rejected"
                },
                verdict.kind().as_str()
            );
            for issue in issues {
                println!(
                    "    {} {} at {}: {}",
                    if issue.is_error() { "error" } else { "warning" },
                    issue.code,
                    issue.location,
                    issue.message
                );
            }
        }
    }
}

fn print_outcome(format: Format, outcome: &Outcome<'_>) {
    match format {
        Format::Json => print_json_line(outcome),
        Format::Text => {
            let yes = |value: bool| if value { "yes" } else { "no" };
            println!(
                "{} statements: {} accepted, {} rejected, {} skipped",
                outcome.accepted + outcome.rejected + outcome.skipped,
                outcome.accepted,
                outcome.rejected,
                outcome.skipped
            );
            println!(
                "AU {}: moveOn {}, completed {}, passed {}, failed {} -> satisfied {}; course satisfied {}",
                outcome.au,
                outcome.move_on,
                yes(outcome.completed),
                yes(outcome.passed),
                yes(outcome.failed),
                yes(outcome.satisfied),
                yes(outcome.course_satisfied)
            );
            for (when, statements) in [
                ("at registration", outcome.at_registration),
                ("after this session", outcome.by_session),
            ] {
                println!("satisfied statements {when}: {}", statements.len());
                for statement in statements {
                    println!(
                        "    {}",
                        serde_json::to_string(statement).unwrap_or_default()
                    );
                }
            }
        }
    }
}
