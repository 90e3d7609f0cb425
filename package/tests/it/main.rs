//! Integration tests of learnwire-package: every hostile zip is forged here, byte by byte.

// Test helpers outside #[test] functions panic on purpose when a fixture cannot be built.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod corpus;
mod folder;
mod front_door;
mod seeds;
mod streaming;
mod structure;
mod writers;
mod zip_cases;
mod zip_names;
mod zipgen;

use learnwire_package::{Limits, Package, PackageError};
use learnwire_report::Report;

/// Opens zip bytes with default limits; panics on a refusal.
pub(crate) fn open(bytes: Vec<u8>) -> Package {
    Package::from_zip_bytes(bytes, &Limits::default()).expect("the package opens")
}

/// Opens zip bytes and expects a refusal.
pub(crate) fn refuse(bytes: Vec<u8>, limits: &Limits) -> PackageError {
    match Package::from_zip_bytes(bytes, limits) {
        Ok(package) => panic!("expected a refusal, got {:?}", package.report()),
        Err(error) => error,
    }
}

/// The codes of a report, in order.
pub(crate) fn codes(report: &Report) -> Vec<&'static str> {
    report.issues().iter().map(|i| i.code.as_str()).collect()
}

/// Asserts the report has `code` as an error, printing the report otherwise.
#[track_caller]
pub(crate) fn assert_error(report: &Report, code: &str) {
    assert!(
        report.errors().any(|i| i.code.as_str() == code),
        "expected error {code}, got {:#?}",
        report.issues()
    );
}

/// The safe file paths of a package.
pub(crate) fn paths(package: &Package) -> Vec<String> {
    package.files().map(|e| e.path.clone()).collect()
}

/// Bytes this thread has read with `read` calls so far (Linux `/proc/thread-self/io`, `rchar`): a way to
/// assert that a check did not read a file, or read it once, without timing anything.
#[cfg(target_os = "linux")]
pub(crate) fn bytes_read_by_this_thread() -> u64 {
    let io = std::fs::read_to_string("/proc/thread-self/io").unwrap();
    io.lines()
        .find_map(|line| line.strip_prefix("rchar: "))
        .unwrap()
        .parse()
        .unwrap()
}
