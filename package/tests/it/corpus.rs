//! Every zip of the shared corpus (`../shared/corpus/scorm-cmi5`), judged against its INDEX.md verdict.

use std::path::{Path, PathBuf};

use learnwire_package::{Limits, Package, PackageError};

fn corpus_root() -> PathBuf {
    PathBuf::from(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../shared/corpus/scorm-cmi5"
    ))
}

fn zips(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(listing) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in listing.flatten() {
        let path = entry.path();
        if path.is_dir() {
            zips(&path, out);
        } else if path.extension().is_some_and(|e| e == "zip") {
            out.push(path);
        }
    }
}

/// The expected verdict of a corpus file from INDEX.md (`valid`, `invalid`, ...).
fn expected(index: &str, rel: &str) -> Option<String> {
    index.lines().find_map(|line| {
        let cells: Vec<&str> = line.split('|').map(str::trim).collect();
        (cells.get(1) == Some(&rel)).then(|| cells.get(4).unwrap_or(&"").to_string())
    })
}

#[test]
fn corpus_zips_open_as_their_index_says() {
    let root = corpus_root();
    let Ok(index) = std::fs::read_to_string(root.join("INDEX.md")) else {
        assert!(
            std::env::var_os("LEARNWIRE_REQUIRE_CORPUS").is_none(),
            "LEARNWIRE_REQUIRE_CORPUS is set but there is no corpus at {}",
            root.display()
        );
        eprintln!("skipped: no corpus at {}", root.display());
        return;
    };
    let mut files = Vec::new();
    zips(&root, &mut files);
    files.sort();
    let mut mismatches = Vec::new();
    for path in &files {
        let rel = path
            .strip_prefix(&root)
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        let verdict = expected(&index, &rel).unwrap_or_default();
        let result = std::panic::catch_unwind(|| Package::open(path, &Limits::default()));
        let Ok(result) = result else {
            mismatches.push(format!("{rel}: PANIC"));
            continue;
        };
        match (verdict.as_str(), result) {
            ("valid", Ok(package)) => {
                let report = package.verify_contents();
                eprintln!(
                    "{rel}: {} files, {} issues: {:?}",
                    package.files().count(),
                    report.issues().len(),
                    report
                        .issues()
                        .iter()
                        .map(|i| format!("{} {}", i.code, i.location))
                        .collect::<Vec<_>>()
                );
                if !report.is_valid() {
                    mismatches.push(format!(
                        "{rel}: valid package has errors {:?}",
                        report.issues()
                    ));
                }
            }
            ("valid", Err(error)) => {
                mismatches.push(format!("{rel}: valid package refused: {error}"))
            }
            (_, Err(PackageError::NotAZip)) if rel.contains("not-a-zip") => {
                eprintln!("{rel}: refused as not a zip (expected)");
            }
            (other, result) => mismatches.push(format!(
                "{rel}: expected {other:?}, got {:?}",
                result.map(|p| p.report().issues().len())
            )),
        }
    }
    eprintln!(
        "corpus: {} zips, {} mismatches",
        files.len(),
        mismatches.len()
    );
    assert!(
        mismatches.is_empty(),
        "corpus mismatches:\n{}",
        mismatches.join("\n")
    );
}
