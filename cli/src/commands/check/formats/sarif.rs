//! `--format sarif`: one SARIF 2.1.0 log (OASIS SARIF v2.1.0, §3.13 sarifLog) with one run for every
//! path checked.
//!
//! Rules (§3.49 reportingDescriptor) are the codes that appear, taken from the crates' `CODES`
//! registries: `id` is the code, `shortDescription` its summary, `fullDescription` and `help` name the
//! spec reference (kept in `properties.reference` too; it is a section name, not a URI, so there is no
//! `helpUri`), `defaultConfiguration.level` its severity.
//!
//! Locations. GitHub code scanning shows an alert on a file of the repository named by
//! `physicalLocation.artifactLocation.uri`, relative to the checkout (`uriBaseId` `%SRCROOT%`); it does
//! not open zips, and a URI naming an entry inside a zip (`pkg.zip#…`, `jar:`…) matches no file of the
//! repository, so the alert would be lost. So:
//! - a folder or a lone descriptor: the URI is the real file (`course/imsmanifest.xml`) with the issue's
//!   `region` (startLine, startColumn), which GitHub places on that line;
//! - a zip: the URI is the zip itself, without a region (a line of an entry is no line of the zip); the
//!   entry, line and column go in the location's `properties` and its `logicalLocations`;
//! - in every case `logicalLocations` carries the XML element path (kind `element`) or the JSON pointer
//!   (kind `object`), with the entry name as its `fullyQualifiedName` prefix (`imsmanifest.xml:/manifest/…`).

use std::path::Path;

use learnwire_report::{Code, CodeInfo, Issue, Location, Severity, find_code};
use serde_json::{Map, Value, json};
use url::Url;

use super::{Checked, PathKind};

/// The schema the log names (`$schema`).
const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";

/// The registries whose codes `learnwire check` reports.
const REGISTRIES: [&[CodeInfo]; 3] = [
    learnwire_scorm::CODES,
    learnwire_package::CODES,
    learnwire_cmi5::CODES,
];

/// The SARIF `level` of a severity (§3.27.10).
fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        _ => "note",
    }
}

/// The rules of one run (§3.19.23): each code once, in the order the results first name it, described
/// from the code registries the command reports from. Shared by `learnwire check` and
/// `learnwire xapi validate`.
pub(crate) struct Rules<'r> {
    registries: &'r [&'r [CodeInfo]],
    codes: Vec<Code>,
    rules: Vec<Value>,
}

impl<'r> Rules<'r> {
    /// No rule yet; codes are looked up in `registries`.
    pub(crate) fn new(registries: &'r [&'r [CodeInfo]]) -> Self {
        Self {
            registries,
            codes: Vec::new(),
            rules: Vec::new(),
        }
    }

    /// A result for `issue` (§3.27): its rule (added on first use), level, `message` and `location`.
    pub(crate) fn result(&mut self, issue: &Issue, message: String, location: Value) -> Value {
        let index = match self.codes.iter().position(|code| *code == issue.code) {
            Some(index) => index,
            None => {
                self.codes.push(issue.code);
                self.rules.push(rule(self.registries, issue));
                self.codes.len() - 1
            }
        };
        json!({
            "ruleId": issue.code.as_str(),
            "ruleIndex": index,
            "level": level(issue.severity),
            "message": { "text": message },
            "locations": [location],
        })
    }
}

/// The SARIF 2.1.0 log of one run of `learnwire` (its rules, `results` and the run's `properties`),
/// with `%SRCROOT%` the working directory, pretty-printed with a final newline.
pub(crate) fn log(rules: Rules<'_>, results: Vec<Value>, properties: Value) -> String {
    let mut run = Map::new();
    run.insert(
        "tool".into(),
        json!({ "driver": {
            "name": "learnwire",
            "version": env!("CARGO_PKG_VERSION"),
            "semanticVersion": env!("CARGO_PKG_VERSION"),
            "informationUri": env!("CARGO_PKG_REPOSITORY"),
            "rules": rules.rules,
        }}),
    );
    run.insert("results".into(), Value::Array(results));
    run.insert("properties".into(), properties);
    if let Ok(cwd) = std::env::current_dir()
        && let Ok(base) = Url::from_directory_path(cwd)
    {
        run.insert(
            "originalUriBaseIds".into(),
            json!({ "%SRCROOT%": { "uri": base.as_str() } }),
        );
    }
    let log = json!({
        "version": "2.1.0",
        "$schema": SCHEMA,
        "runs": [Value::Object(run)],
    });
    let mut out = serde_json::to_string_pretty(&log).unwrap_or_default();
    out.push('\n');
    out
}

/// The rule of `issue`'s code: from its registry entry, or (a code of the command itself, such as
/// `aicc.not-supported`) from the issue.
fn rule(registries: &[&[CodeInfo]], issue: &Issue) -> Value {
    let code = issue.code;
    let registered = registries
        .iter()
        .find_map(|registry| find_code(registry, code.as_str()));
    match registered {
        Some(info) => json!({
            "id": code.as_str(),
            "name": code.as_str(),
            "shortDescription": { "text": info.summary },
            "fullDescription": { "text": format!("{} ({})", info.summary, info.reference) },
            "help": { "text": format!("{}. Reference: {}.", info.summary.trim_end_matches('.'), info.reference.trim_end_matches('.')) },
            "defaultConfiguration": { "level": level(info.severity) },
            "properties": { "reference": info.reference },
        }),
        None => json!({
            "id": code.as_str(),
            "name": code.as_str(),
            "shortDescription": { "text": issue.message },
            "defaultConfiguration": { "level": level(issue.severity) },
        }),
    }
}

/// The artifact location of a file path: relative to the working directory (`uriBaseId` `%SRCROOT%`)
/// when the path is relative, a `file:` URI otherwise.
pub(crate) fn artifact(path: &Path) -> Value {
    let cwd = std::env::current_dir().ok();
    if path.is_relative()
        && let Some(cwd) = &cwd
        && let Ok(base) = Url::from_directory_path(cwd)
        && let Ok(full) = Url::from_file_path(cwd.join(path))
        && let Some(relative) = base.make_relative(&full)
    {
        return json!({ "uri": relative, "uriBaseId": "%SRCROOT%" });
    }
    match Url::from_file_path(path) {
        Ok(url) => json!({ "uri": url.as_str() }),
        Err(()) => json!({ "uri": path.to_string_lossy() }),
    }
}

fn location(checked: &Checked, issue: &Issue) -> Value {
    let mut physical = Map::new();
    let mut properties = Map::new();
    let mut logical = Vec::new();
    let (entry, line) = match &issue.location {
        Location::Xml {
            file,
            path,
            position,
        } => {
            logical.push(json!({
                "fullyQualifiedName": if file.is_empty() { path.clone() } else { format!("{file}:{path}") },
                "name": path.rsplit('/').next().unwrap_or(path),
                "kind": "element",
            }));
            (Some(file.as_str()), Some(*position))
        }
        Location::Json { pointer } => {
            logical.push(json!({
                "fullyQualifiedName": pointer.as_str(),
                "kind": "object",
            }));
            (None, None)
        }
        Location::Entry { name } => (Some(name.as_str()), None),
        _ => (None, None),
    };
    // XML locations name the descriptor relative to the content root of a re-rooted package.
    let rooted;
    let entry = match (&issue.location, entry, &checked.content_root) {
        (Location::Xml { .. }, Some(file), Some(root)) if !file.is_empty() => {
            rooted = format!("{}/{file}", root.trim_end_matches('/'));
            Some(rooted.as_str())
        }
        _ => entry,
    };
    let entry = entry.filter(|entry| !entry.is_empty());
    let in_file = match (checked.kind, entry) {
        (PathKind::Folder, Some(entry)) => {
            physical.insert(
                "artifactLocation".into(),
                artifact(&checked.path.join(entry)),
            );
            true
        }
        (PathKind::Descriptor, _) => {
            physical.insert("artifactLocation".into(), artifact(&checked.path));
            true
        }
        (PathKind::Archive, Some(entry)) => {
            physical.insert("artifactLocation".into(), artifact(&checked.path));
            properties.insert("entry".into(), json!(entry));
            false
        }
        _ => {
            physical.insert("artifactLocation".into(), artifact(&checked.path));
            false
        }
    };
    if let Some(position) = line.filter(|position| position.line > 0) {
        if in_file {
            let mut region = Map::new();
            region.insert("startLine".into(), json!(position.line));
            if position.column > 0 {
                region.insert("startColumn".into(), json!(position.column));
            }
            physical.insert("region".into(), Value::Object(region));
        } else {
            properties.insert("line".into(), json!(position.line));
            properties.insert("column".into(), json!(position.column));
        }
    }
    let mut location = Map::new();
    location.insert("physicalLocation".into(), Value::Object(physical));
    if !logical.is_empty() {
        location.insert("logicalLocations".into(), Value::Array(logical));
    }
    if !properties.is_empty() {
        location.insert("properties".into(), Value::Object(properties));
    }
    Value::Object(location)
}

/// The result's message: the issue's, followed by its place inside a zip (which the physical location,
/// naming the zip, cannot show).
fn message(checked: &Checked, issue: &Issue) -> String {
    match (&issue.location, checked.kind) {
        (Location::Xml { .. } | Location::Entry { .. }, PathKind::Archive) => {
            format!("{} (at {})", issue.message, issue.location)
        }
        _ => issue.message.clone(),
    }
}

/// The SARIF log for every checked path, pretty-printed, with a final newline.
pub(super) fn render(checked: &[Checked]) -> String {
    let mut rules = Rules::new(&REGISTRIES);
    let mut results = Vec::new();
    for package in checked {
        for issue in &package.issues {
            results.push(rules.result(issue, message(package, issue), location(package, issue)));
        }
    }
    let properties = json!({
        "packages": checked.iter().map(|package| json!({
            "path": package.path.to_string_lossy(),
            "standard": package.standard_name(),
            "version": package.version,
            "valid": package.valid,
            "droppedIssues": package.dropped,
        })).collect::<Vec<_>>(),
    });
    log(rules, results, properties)
}
