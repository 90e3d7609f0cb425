//! `--format junit`: one `<testsuites>` holding one `<testsuite name="learnwire check">` with a
//! `<testcase>` per path (`classname` the standard, `name` the path). An invalid package's test case has
//! a `<failure>` whose `message` counts the errors, whose `type` is the first error's code, and whose
//! text lists every error (code, location, message); warnings go in the test case's `<system-out>`.
//! Every piece of package text is escaped ([`xml_escape`](super::xml_escape)).

use std::fmt::Write as _;

use learnwire_report::Issue;

use super::Checked;
use super::xml_escape::{attr, text};

fn line(issue: &Issue) -> String {
    format!("{} at {}: {}\n", issue.code, issue.location, issue.message)
}

/// The JUnit XML document for every checked path.
pub(super) fn render(checked: &[Checked]) -> String {
    let failures = checked.iter().filter(|package| !package.valid).count();
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    let _ = writeln!(
        out,
        "<testsuites name=\"learnwire check\" tests=\"{}\" failures=\"{failures}\" errors=\"0\">",
        checked.len()
    );
    let _ = writeln!(
        out,
        "  <testsuite name=\"learnwire check\" tests=\"{}\" failures=\"{failures}\" errors=\"0\" skipped=\"0\">",
        checked.len()
    );
    for package in checked {
        let _ = write!(
            out,
            "    <testcase classname=\"{}\" name=\"{}\">",
            attr(package.standard_name()),
            attr(&package.path.to_string_lossy())
        );
        if !package.valid {
            let errors: Vec<&Issue> = package.errors().collect();
            let kind = errors
                .first()
                .map_or("learnwire.invalid", |issue| issue.code.as_str());
            let mut body = String::new();
            for issue in &errors {
                body.push_str(&line(issue));
            }
            if package.dropped > 0 {
                let _ = writeln!(body, "… and {} more issues", package.dropped);
            }
            let _ = write!(
                out,
                "\n      <failure message=\"{}\" type=\"{}\">{}</failure>",
                attr(&format!(
                    "{}: {} invalid ({} error{})",
                    package.path.to_string_lossy(),
                    package.label,
                    errors.len(),
                    if errors.len() == 1 { "" } else { "s" }
                )),
                attr(kind),
                text(&body)
            );
        }
        let warnings: String = package.warnings().map(line).collect();
        if !warnings.is_empty() {
            let _ = write!(out, "\n      <system-out>{}</system-out>", text(&warnings));
        }
        if package.valid && warnings.is_empty() {
            out.push_str("</testcase>\n");
        } else {
            out.push_str("\n    </testcase>\n");
        }
    }
    out.push_str("  </testsuite>\n</testsuites>\n");
    out
}
