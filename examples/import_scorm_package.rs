//! An LMS importing a SCORM zip: refuse it if it is unsafe or broken, otherwise build the course tree with
//! what each item launches.
//!
//! ```sh
//! cargo run --example import_scorm_package -- examples/packages/workshop-safety-scorm2004.zip
//! ```

use std::path::PathBuf;
use std::process::ExitCode;

use learnwire_scorm::{Options, Profile, check_path};

fn main() -> ExitCode {
    let path = std::env::args_os().nth(1).map_or_else(
        || PathBuf::from("examples/packages/workshop-safety-scorm2004.zip"),
        PathBuf::from,
    );

    // One call: the zip's own structure (names, headers, sizes; nothing extracted), then the manifest and
    // every file it names. A zip that cannot even be opened is an issue like any other.
    // Strict is what an importer that wants portable courses would choose; Lenient accepts what
    // mainstream LMSs tolerate and reports it as warnings.
    let check = check_path(&path, &Options::new(Profile::Strict));
    for issue in check.report.issues() {
        eprintln!(
            "{:?} {} at {}: {}",
            issue.severity, issue.code, issue.location, issue.message
        );
    }
    if !check.is_valid() {
        eprintln!("refused {}: see the errors above", path.display());
        return ExitCode::FAILURE;
    }

    let version = check
        .version
        .map_or_else(|| "unknown".to_owned(), |v| v.to_string());
    println!("imported {} (SCORM {version})", path.display());
    // The course tree as the learner sees it, each item with its launch (no matching by hand).
    for entry in check.items() {
        let indent = "  ".repeat(entry.depth + 1);
        match entry.launch {
            Some(launch) => println!("{indent}{} -> {}", entry.item.title, launch.url),
            None => println!("{indent}{}", entry.item.title),
        }
    }
    ExitCode::SUCCESS
}
