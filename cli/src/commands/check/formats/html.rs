//! `--format html`: one self-contained page (no script, no external style, font or image; a strict
//! Content-Security-Policy meta tag: `default-src 'none'; style-src 'unsafe-inline'`). A summary table
//! first when several paths were checked; then per path its verdict, standard and version, the course
//! tree with what each item launches and sequencing at a glance, and the issues grouped by severity, each
//! linked to the tree node whose identifier its message quotes. Every string from a package or a path is
//! escaped ([`xml_escape`](super::xml_escape)).

use std::fmt::Write as _;

use learnwire_report::Issue;

use super::xml_escape::{attr, text};
use super::{Checked, NodeIndex};

/// The Content-Security-Policy of the page: nothing loads, only the inline style applies.
pub(crate) const CSP: &str = "default-src 'none'; style-src 'unsafe-inline'";

const STYLE: &str = "body{font-family:system-ui,sans-serif;margin:2em;max-width:70em;color:#222}\
table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.3em .6em;text-align:left}\
.valid{color:#176117}.invalid{color:#a11}.kind{color:#555;font-size:.85em}\
.note{color:#555;font-style:italic}ul.tree{list-style:none;padding-left:0}\
ul.tree li{padding:.1em 0}li:target{background:#ffd}code{background:#f4f4f4;padding:0 .2em}\
section{border-top:2px solid #ddd;margin-top:2em}";

fn counts(package: &Checked) -> (usize, usize) {
    (package.errors().count(), package.warnings().count())
}

fn verdict(valid: bool) -> &'static str {
    if valid {
        "<span class=\"valid\">valid</span>"
    } else {
        "<span class=\"invalid\">INVALID</span>"
    }
}

/// The page for every checked path.
pub(super) fn render(checked: &[Checked]) -> String {
    let mut out = String::new();
    out.push_str("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
    let _ = writeln!(
        out,
        "<meta http-equiv=\"Content-Security-Policy\" content=\"{CSP}\">"
    );
    out.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    out.push_str("<title>learnwire check</title>\n");
    let _ = writeln!(out, "<style>{STYLE}</style>\n</head>\n<body>");
    out.push_str("<h1>learnwire check</h1>\n");
    if checked.len() > 1 {
        summary(&mut out, checked);
    }
    for (index, package) in checked.iter().enumerate() {
        section(&mut out, index, package);
    }
    out.push_str("</body>\n</html>\n");
    out
}

fn summary(out: &mut String, checked: &[Checked]) {
    let invalid = checked.iter().filter(|package| !package.valid).count();
    let _ = writeln!(
        out,
        "<p>{} packages checked, {invalid} invalid.</p>\n<table class=\"summary\">\n\
         <tr><th>Package</th><th>Standard</th><th>Verdict</th><th>Errors</th><th>Warnings</th></tr>",
        checked.len()
    );
    for (index, package) in checked.iter().enumerate() {
        let (errors, warnings) = counts(package);
        let _ = writeln!(
            out,
            "<tr><td><a href=\"#pkg-{index}\">{}</a></td><td>{}</td><td>{}</td><td>{errors}</td><td>{warnings}</td></tr>",
            text(&package.path.to_string_lossy()),
            text(&package.label),
            verdict(package.valid)
        );
    }
    out.push_str("</table>\n");
}

fn section(out: &mut String, index: usize, package: &Checked) {
    let (errors, warnings) = counts(package);
    let _ = writeln!(
        out,
        "<section id=\"pkg-{index}\">\n<h2>{}</h2>\n<p>{}: {} ({errors} error{}, {warnings} warning{})</p>",
        text(&package.path.to_string_lossy()),
        text(&package.label),
        verdict(package.valid),
        if errors == 1 { "" } else { "s" },
        if warnings == 1 { "" } else { "s" },
    );
    if let Some(version) = package.version {
        let _ = writeln!(out, "<p>Version: {}</p>", text(version));
    }
    if !package.tree.is_empty() {
        out.push_str("<h3>Course</h3>\n<ul class=\"tree\">\n");
        for (node_index, node) in package.tree.iter().enumerate() {
            let _ = write!(
                out,
                "<li id=\"pkg-{index}-node-{node_index}\" style=\"padding-left:{}ch\"><span class=\"kind\">{}</span> {} <code>{}</code>",
                node.depth.saturating_mul(3),
                text(node.kind),
                text(&node.title),
                text(&node.id)
            );
            if let Some((kind, url)) = &node.launch {
                let _ = write!(out, " &rarr; {} <code>{}</code>", text(kind), text(url));
            }
            if !node.notes.is_empty() {
                let _ = write!(
                    out,
                    " <span class=\"note\">({})</span>",
                    text(&node.notes.join("; "))
                );
            }
            out.push_str("</li>\n");
        }
        out.push_str("</ul>\n");
    }
    let nodes = NodeIndex::new(&package.tree);
    issues(out, index, package, &nodes, "Errors", package.errors());
    issues(out, index, package, &nodes, "Warnings", package.warnings());
    if package.dropped > 0 {
        let _ = writeln!(
            out,
            "<p>… and {} more issues (past the report's limit).</p>",
            package.dropped
        );
    }
    out.push_str("</section>\n");
}

fn issues<'a>(
    out: &mut String,
    index: usize,
    package: &Checked,
    nodes: &NodeIndex<'_>,
    heading: &str,
    list: impl Iterator<Item = &'a Issue>,
) {
    let mut list = list.peekable();
    if list.peek().is_none() {
        return;
    }
    let _ = writeln!(out, "<h3>{heading}</h3>\n<ol>");
    for issue in list {
        let _ = write!(
            out,
            "<li><code>{}</code> at {}: {}",
            text(issue.code.as_str()),
            text(&issue.location.to_string()),
            text(&issue.message)
        );
        if let Some(node) = nodes.find(issue)
            && let Some(target) = package.tree.get(node)
        {
            let _ = write!(
                out,
                " <a href=\"#{}\">&rarr; {}</a>",
                attr(&format!("pkg-{index}-node-{node}")),
                text(&target.title)
            );
        }
        out.push_str("</li>\n");
    }
    out.push_str("</ol>\n");
}
