//! An LMS importing a SCORM zip: refuse it if it is unsafe or broken, otherwise list what to launch.
//!
//! ```sh
//! cargo run --example import_scorm_package -- examples/packages/workshop-safety-scorm2004.zip
//! ```

use std::path::PathBuf;
use std::process::ExitCode;

use learnwire_package::{Limits, Package};
use learnwire_scorm::{Options, Profile, check_package};

fn main() -> ExitCode {
    let path = std::env::args_os().nth(1).map_or_else(
        || PathBuf::from("examples/packages/workshop-safety-scorm2004.zip"),
        PathBuf::from,
    );

    // Opening walks the zip's own structure (names, headers, sizes) without extracting anything.
    let package = match Package::open(&path, &Limits::default()) {
        Ok(package) => package,
        Err(error) => {
            eprintln!("refused {}: {error} [{}]", path.display(), error.code());
            return ExitCode::FAILURE;
        }
    };

    // Strict is what an importer that wants portable courses would choose; Lenient accepts what
    // mainstream LMSs tolerate and reports it as warnings.
    let check = check_package(&package, &Options::new(Profile::Strict));
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
    for launch in &check.launches {
        println!("  item {:<20} launches {}", launch.item, launch.url);
    }
    ExitCode::SUCCESS
}
