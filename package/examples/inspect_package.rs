//! Prints what `learnwire-package` finds in a package: `cargo run -p learnwire-package --example
//! inspect_package -- path/to/package.zip` (or a folder).

use std::path::PathBuf;
use std::process::ExitCode;

use learnwire_package::{Limits, Package};

fn main() -> ExitCode {
    let Some(path) = std::env::args_os().nth(1).map(PathBuf::from) else {
        eprintln!("usage: inspect_package <package.zip | folder>");
        return ExitCode::from(2);
    };
    let package = match Package::open(&path, &Limits::default()) {
        Ok(package) => package,
        Err(error) => {
            eprintln!("{}: {error} [{}]", path.display(), error.code());
            return ExitCode::from(1);
        }
    };
    let verdict = package.verify_contents();
    println!("{} files", package.files().count());
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
