//! The readable report: the course as a learner sees it, then the issues.

use std::path::Path;

use learnwire_report::{Severity, quote};
use learnwire_scorm::manifest::Item;

use super::{Outcome, Standard};

pub(super) fn print(path: &Path, outcome: &Outcome, valid: bool) {
    let mut out = String::new();
    let standard = match (outcome.standard, outcome.version) {
        (Standard::Scorm, Some(version)) => format!("SCORM {version}"),
        (Standard::Scorm, None) => "SCORM (version unknown)".to_owned(),
        (Standard::Cmi5, _) => "cmi5".to_owned(),
        (Standard::Unknown, _) => "unknown standard".to_owned(),
    };
    let errors = outcome.report.errors().count();
    let warnings = outcome.report.warnings().count();
    out.push_str(&format!(
        "{}: {standard}: {} ({errors} error{}, {warnings} warning{})\n",
        path.display(),
        if valid { "valid" } else { "INVALID" },
        if errors == 1 { "" } else { "s" },
        if warnings == 1 { "" } else { "s" },
    ));
    if let Some(manifest) = &outcome.manifest {
        let default = manifest
            .default_organization()
            .map(|org| org.identifier.as_str());
        for organization in &manifest.organizations.list {
            let marker = if Some(organization.identifier.as_str()) == default {
                " (default)"
            } else {
                ""
            };
            out.push_str(&format!(
                "  Course {}{marker}\n",
                quote(&organization.title)
            ));
            for item in &organization.items {
                tree(&mut out, item, outcome, 2);
            }
        }
    }
    if !outcome.report.is_empty() {
        out.push_str("  Issues:\n");
        for issue in outcome.report.issues() {
            let level = if issue.severity == Severity::Error {
                "error"
            } else {
                "warning"
            };
            out.push_str(&format!(
                "    {level} {} at {}: {}\n",
                issue.code, issue.location, issue.message
            ));
        }
        if outcome.report.dropped() > 0 {
            out.push_str(&format!("    … and {} more\n", outcome.report.dropped()));
        }
    }
    print!("{out}");
}

fn tree(out: &mut String, item: &Item, outcome: &Outcome, depth: usize) {
    let indent = "  ".repeat(depth);
    let launch = outcome
        .launches
        .iter()
        .find(|launch| launch.item == item.identifier);
    let hidden = if item.isvisible { "" } else { " [hidden]" };
    match launch {
        Some(launch) => {
            let kind = match launch.scorm_type {
                Some(learnwire_scorm::manifest::ScormType::Sco) => "SCO",
                Some(learnwire_scorm::manifest::ScormType::Asset) => "asset",
                _ => "launch",
            };
            out.push_str(&format!(
                "{indent}- {}{hidden} -> {kind} {}\n",
                quote(&item.title),
                quote(&launch.url)
            ));
        }
        None => out.push_str(&format!("{indent}- {}{hidden}\n", quote(&item.title))),
    }
    for child in &item.items {
        tree(out, child, outcome, depth + 1);
    }
}
