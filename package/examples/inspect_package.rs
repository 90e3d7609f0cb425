//! Prints what `learnwire-package` finds in a package: `cargo run -p learnwire-package --example
//! inspect_package -- path/to/package.zip` (or a folder).

use std::path::PathBuf;
use std::process::ExitCode;

use learnwire_package::{Limits, Package, detect};

fn main() -> ExitCode {
    let Some(path) = std::env::args_os().nth(1).map(PathBuf::from) else {
        eprintln!("usage: inspect_package <package.zip | folder>");
        return ExitCode::from(2);
    };
    let package = match Package::open(&path, &Limits::default()) {
        Ok(package) => package,
        Err(error) => {
            // The refusal as an issue: its code, and for an I/O error the operating system's reason.
            let issue = error.to_issue();
            eprintln!("{}: {} [{}]", path.display(), issue.message, issue.code);
            return ExitCode::from(1);
        }
    };
    println!("{} files", package.files().count());
    for descriptor in detect(&package) {
        println!("{} descriptor: {}", descriptor.standard, descriptor.path);
    }
    let verdict = package.verify_contents();
    for issue in verdict.issues() {
        println!(
            "{:?} {} {}: {}",
            issue.severity, issue.code, issue.location, issue.message
        );
    }
    if verdict.is_valid() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}
