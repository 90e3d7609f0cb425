//! The whole-run formats of `learnwire xapi validate` (`sarif`, `junit`): unlike text and JSON Lines,
//! which print each statement as it is validated, these write one document for the input, so each
//! verdict is kept as a [`Verdict`] (its issues only, not the statement) and the document is written
//! once the input is read. With `--lines` the statements are still streamed; only their issues are kept.
//!
//! The SARIF pieces shared with `learnwire check` (the rule table and results, the log around them, the
//! artifact location of a file) and the XML escaper come from `learnwire check`'s formats, so both
//! commands write the same shape.

use std::fmt::Write as _;
use std::path::Path;

use learnwire_report::{Code, Issue, Location};
use serde_json::{Map, Value, json};

use crate::commands::check::formats::sarif::{Rules, artifact, log};
use crate::commands::check::formats::xml_escape::{attr, text};

/// One verdict of the run: the body as a whole or one statement, with the issues kept.
#[derive(Debug)]
pub(super) struct Verdict {
    /// The JSON Lines line it came from (`--lines`), counted from 1.
    pub(super) line: Option<u64>,
    /// The statement's index (`None` for the body as a whole).
    pub(super) index: Option<usize>,
    /// The statement's position in a batch array, which prefixes its pointers in the document.
    pub(super) batch_index: Option<usize>,
    /// The statement's `id` when it has a string one.
    pub(super) id: Option<String>,
    /// Whether the statement (or body) was accepted.
    pub(super) valid: bool,
    /// The issues kept.
    pub(super) issues: Vec<Issue>,
    /// Issues found past the report's limit and not listed.
    pub(super) dropped: usize,
}

impl Verdict {
    /// The issue's JSON pointer in the input document (a batch statement's pointer under `/index`);
    /// `None` when the location is not a JSON pointer.
    fn pointer(&self, issue: &Issue) -> Option<String> {
        match &issue.location {
            Location::Json { pointer } => Some(match self.batch_index {
                Some(index) => format!("/{index}{}", pointer.as_str()),
                None => pointer.as_str().to_owned(),
            }),
            Location::Whole => Some(String::new()),
            _ => None,
        }
    }

    /// What the verdict is about, for messages: `statement 2 ("id")` or `body`.
    fn subject(&self) -> String {
        let mut subject = match self.index {
            Some(index) => format!("statement {index}"),
            None => "body".to_owned(),
        };
        if let Some(id) = &self.id {
            let _ = write!(subject, " ({})", learnwire_report::quote(id));
        }
        subject
    }
}

/// The name of the input: the path as given, or `stdin`.
pub(super) fn input_name(file: Option<&Path>) -> String {
    match file {
        Some(path) if path.as_os_str() != "-" => path.to_string_lossy().into_owned(),
        _ => "stdin".to_owned(),
    }
}

fn location(file: Option<&Path>, verdict: &Verdict, issue: &Issue) -> Value {
    let mut physical = Map::new();
    let artifact_location = match file {
        Some(path) if path.as_os_str() != "-" => artifact(path),
        _ => json!({ "uri": "stdin" }),
    };
    physical.insert("artifactLocation".into(), artifact_location);
    if let Some(line) = verdict.line {
        physical.insert("region".into(), json!({ "startLine": line }));
    }
    let mut location = Map::new();
    location.insert("physicalLocation".into(), Value::Object(physical));
    if let Some(pointer) = verdict.pointer(issue) {
        location.insert(
            "logicalLocations".into(),
            json!([{ "fullyQualifiedName": pointer, "kind": "object" }]),
        );
    }
    Value::Object(location)
}

/// The SARIF 2.1.0 log for the input, pretty-printed, with a final newline.
pub(super) fn sarif(file: Option<&Path>, verdicts: &[Verdict]) -> String {
    let mut rules = Rules::new(&[learnwire_xapi::CODES]);
    let mut results = Vec::new();
    for verdict in verdicts {
        for issue in &verdict.issues {
            let message = format!("{}: {}", verdict.subject(), issue.message);
            results.push(rules.result(issue, message, location(file, verdict, issue)));
        }
    }
    let properties = json!({
        "input": input_name(file),
        "verdicts": verdicts.len(),
        "invalid": verdicts.iter().filter(|verdict| !verdict.valid).count(),
        "droppedIssues": verdicts.iter().map(|verdict| verdict.dropped).sum::<usize>(),
    });
    log(rules, results, properties)
}

fn issue_line(verdict: &Verdict, issue: &Issue) -> String {
    let at = verdict.pointer(issue).map_or_else(
        || issue.location.to_string(),
        |pointer| {
            if pointer.is_empty() {
                "/".to_owned()
            } else {
                pointer
            }
        },
    );
    format!(
        "{}: {} at {at}: {}\n",
        verdict.subject(),
        issue.code,
        issue.message
    )
}

/// The JUnit XML document: one test suite for the input, one test case per statement batch (per line
/// with `--lines`, the one document otherwise), failed when any of its statements is invalid, with
/// every error in the failure's text and the warnings in `<system-out>`.
pub(super) fn junit(file: Option<&Path>, verdicts: &[Verdict], lines: bool) -> String {
    // Consecutive verdicts of the same line are one batch; without --lines there is one batch.
    let mut batches: Vec<&[Verdict]> = Vec::new();
    let mut start = 0;
    for (at, verdict) in verdicts.iter().enumerate() {
        let same = verdicts
            .get(start)
            .is_some_and(|first| first.line == verdict.line);
        if !same {
            batches.extend(verdicts.get(start..at));
            start = at;
        }
    }
    batches.extend(verdicts.get(start..).filter(|rest| !rest.is_empty()));
    if batches.is_empty() && !lines {
        // An empty document is still one test case (which the validator's body verdict fails).
        batches.push(&[]);
    }
    let name = input_name(file);
    let failures = batches
        .iter()
        .filter(|batch| batch.iter().any(|verdict| !verdict.valid))
        .count();
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    let _ = writeln!(
        out,
        "<testsuites name=\"learnwire xapi validate\" tests=\"{}\" failures=\"{failures}\" errors=\"0\">",
        batches.len()
    );
    let _ = writeln!(
        out,
        "  <testsuite name=\"{}\" tests=\"{}\" failures=\"{failures}\" errors=\"0\" skipped=\"0\">",
        attr(&name),
        batches.len()
    );
    for batch in &batches {
        let case = match batch.first().and_then(|verdict| verdict.line) {
            Some(line) => format!("line {line}"),
            None => "document".to_owned(),
        };
        let _ = write!(
            out,
            "    <testcase classname=\"{}\" name=\"{}\">",
            attr(&name),
            attr(&case)
        );
        let invalid = batch.iter().filter(|verdict| !verdict.valid).count();
        let mut errors = String::new();
        let mut warnings = String::new();
        let mut first: Option<Code> = None;
        let mut count = 0usize;
        for verdict in batch.iter() {
            for issue in &verdict.issues {
                if issue.is_error() {
                    first.get_or_insert(issue.code);
                    count += 1;
                    errors.push_str(&issue_line(verdict, issue));
                } else {
                    warnings.push_str(&issue_line(verdict, issue));
                }
            }
            if verdict.dropped > 0 {
                let _ = writeln!(
                    errors,
                    "{}: … and {} more issues not listed (report limit reached)",
                    verdict.subject(),
                    verdict.dropped
                );
            }
        }
        if invalid > 0 {
            let _ = write!(
                out,
                "\n      <failure message=\"{}\" type=\"{}\">{}</failure>",
                attr(&format!(
                    "{name} {case}: {invalid} invalid ({count} error{})",
                    if count == 1 { "" } else { "s" }
                )),
                attr(first.map_or("learnwire.invalid", |code| code.as_str())),
                text(&errors)
            );
        }
        if !warnings.is_empty() {
            let _ = write!(out, "\n      <system-out>{}</system-out>", text(&warnings));
        }
        if invalid == 0 && warnings.is_empty() {
            out.push_str("</testcase>\n");
        } else {
            out.push_str("\n    </testcase>\n");
        }
    }
    out.push_str("  </testsuite>\n</testsuites>\n");
    out
}
