//! The readable report: the course as a learner sees it, then the issues.

use std::fmt::Write as _;
use std::path::Path;

use learnwire_cmi5::tincan::TinCanCheck;
use learnwire_cmi5::{CourseNode, PackageCheck};
use learnwire_report::{Severity, quote};
use learnwire_scorm::manifest::ScormType;
use learnwire_scorm::{CourseItem, ManifestCheck};

use super::{Outcome, Standard};

pub(super) fn print(path: &Path, outcome: &Outcome, valid: bool) {
    let mut out = String::new();
    let standard = match (outcome.standard, outcome.version()) {
        (Standard::Scorm, Some(version)) => format!("SCORM {version}"),
        (Standard::Scorm, None) => "SCORM (version unknown)".to_owned(),
        (Standard::Cmi5, _) => "cmi5".to_owned(),
        (Standard::Tincan, _) => "TinCan (xAPI)".to_owned(),
        (Standard::Aicc, _) => "AICC".to_owned(),
        (Standard::Unknown, _) => "unknown standard".to_owned(),
    };
    let errors = outcome.report.errors().count();
    let warnings = outcome.report.warnings().count();
    let _ = writeln!(
        out,
        "{}: {standard}: {} ({errors} error{}, {warnings} warning{})",
        path.display(),
        if valid { "valid" } else { "INVALID" },
        if errors == 1 { "" } else { "s" },
        if warnings == 1 { "" } else { "s" },
    );
    if outcome.descriptors.len() > 1 {
        let found: Vec<String> = outcome
            .descriptors
            .iter()
            .map(|descriptor| format!("{} ({})", quote(&descriptor.path), descriptor.standard))
            .collect();
        let _ = writeln!(out, "  Descriptors: {}", found.join(", "));
    }
    if let Some(check) = &outcome.scorm {
        course(&mut out, check);
    }
    if let Some(check) = &outcome.cmi5 {
        cmi5_course(&mut out, check);
    }
    if let Some(check) = &outcome.tincan {
        tincan_activities(&mut out, check);
    }
    if !outcome.report.is_empty() {
        out.push_str("  Issues:\n");
        for issue in outcome.report.issues() {
            let level = if issue.severity == Severity::Error {
                "error"
            } else {
                "warning"
            };
            let _ = writeln!(
                out,
                "    {level} {} at {}: {}",
                issue.code, issue.location, issue.message
            );
        }
        if outcome.report.dropped() > 0 {
            let _ = writeln!(out, "    … and {} more", outcome.report.dropped());
        }
    }
    // A closed pipe (`learnwire check … | head`) is not worth a panic: ignored, as for JSON lines.
    let _ = std::io::Write::write_all(&mut std::io::stdout().lock(), out.as_bytes());
}

/// Every organization (the default one marked) with its items as the library walks them.
fn course(out: &mut String, check: &ManifestCheck) {
    let Some(manifest) = &check.manifest else {
        return;
    };
    let default = manifest
        .default_organization()
        .map(|org| org.identifier.as_str());
    let mut items = check.items().peekable();
    for organization in &manifest.organizations.list {
        let marker = if Some(organization.identifier.as_str()) == default {
            " (default)"
        } else {
            ""
        };
        let _ = writeln!(out, "  Course {}{marker}", quote(&organization.title));
        while let Some(entry) =
            items.next_if(|entry| std::ptr::eq(entry.organization, organization))
        {
            item(out, &entry);
        }
    }
}

fn item(out: &mut String, entry: &CourseItem<'_>) {
    let indent = "  ".repeat(entry.depth + 2);
    let hidden = if entry.item.isvisible {
        ""
    } else {
        " [hidden]"
    };
    let title = quote(&entry.item.title);
    match entry.launch {
        Some(launch) => {
            let kind = match launch.scorm_type {
                Some(ScormType::Sco) => "SCO",
                Some(ScormType::Asset) => "asset",
                _ => "launch",
            };
            let _ = writeln!(
                out,
                "{indent}- {title}{hidden} -> {kind} {}",
                quote(&launch.url)
            );
        }
        None => {
            let _ = writeln!(out, "{indent}- {title}{hidden}");
        }
    }
}

/// The cmi5 course: its blocks and AUs as declared, each AU with its url.
fn cmi5_course(out: &mut String, check: &PackageCheck) {
    let Some(course) = &check.course else {
        return;
    };
    let _ = writeln!(out, "  Course {}", quote(course.title.first_text()));
    cmi5_nodes(out, &course.children, 2);
}

fn cmi5_nodes(out: &mut String, nodes: &[CourseNode], depth: usize) {
    let indent = "  ".repeat(depth);
    for node in nodes {
        match node {
            CourseNode::Block(block) => {
                let _ = writeln!(out, "{indent}- {} (block)", quote(block.title.first_text()));
                cmi5_nodes(out, &block.children, depth + 1);
            }
            CourseNode::Au(au) => {
                let _ = writeln!(
                    out,
                    "{indent}- {} -> AU {} (moveOn {})",
                    quote(au.title.first_text()),
                    quote(&au.url),
                    au.move_on
                );
            }
            _ => {}
        }
    }
}

/// The TinCan activities that launch, each with its launch.
fn tincan_activities(out: &mut String, check: &TinCanCheck) {
    let Some(tincan) = &check.tincan else {
        return;
    };
    out.push_str("  Launchable activities\n");
    for activity in tincan.launchable() {
        let url = activity
            .launches
            .first()
            .map_or("", |launch| launch.url.as_str());
        let _ = writeln!(
            out,
            "    - {} -> launch {}",
            quote(activity.name.first_text()),
            quote(url)
        );
    }
}
