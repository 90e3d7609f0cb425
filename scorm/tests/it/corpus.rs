//! Every SCORM verdict of the shared corpus (`../shared/corpus/scorm-cmi5/index.tsv`).

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use learnwire_package::{Limits as PackageLimits, Package};
use learnwire_scorm::{
    ManifestCheck, Options, Profile, check_files, check_manifest, check_package,
};

/// Corpus labels we believe are wrong, or cases our checks deliberately judge differently, with why.
/// Each entry is reported when the test runs; an entry that no longer disagrees fails the test so the
/// list stays honest.
const EXPECTED_DISAGREEMENTS: &[(&str, &str)] = &[(
    "real/rise/InstructDesign-Risesample.imsmanifest.xml",
    "the listing is a flattened copy (scormdriver/ lost): every href is missing from it, 48 distinct paths, \
     while analysis.tsv counts 49; the package as published cannot be judged from this listing",
)];

fn corpus_root() -> PathBuf {
    PathBuf::from(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../shared/corpus/scorm-cmi5"
    ))
}

fn is_scorm_row(standard: &str, file: &str) -> bool {
    match standard {
        "auto" => file.ends_with("imsmanifest.xml"),
        "xml-security" => true,
        s => s.starts_with("scorm") && !s.ends_with("-lom") && s != "scorm12-lom",
    }
}

/// A folder-like listing from `X.imsmanifest.xml.files.txt`, when present.
fn listing(path: &Path) -> Option<BTreeSet<String>> {
    let mut list_path = path.as_os_str().to_owned();
    list_path.push(".files.txt");
    let text = std::fs::read_to_string(PathBuf::from(list_path)).ok()?;
    Some(
        text.lines()
            .map(|line| line.trim().trim_start_matches("./").to_owned())
            .filter(|line| !line.is_empty())
            .collect(),
    )
}

fn run(path: &Path, file: &str, expected: &str, profile: Profile) -> Result<ManifestCheck, String> {
    let bytes = std::fs::read(path).map_err(|e| format!("unreadable: {e}"))?;
    let options = Options::new(profile);
    if file.ends_with(".zip") {
        return match Package::from_zip_bytes(bytes, &PackageLimits::default()) {
            Ok(package) => Ok(check_package(&package, &options)),
            Err(error) => Err(format!("package refused: {error}")),
        };
    }
    if let Some(files) = listing(path) {
        return Ok(check_files(&bytes, &files, &options));
    }
    if expected == "invalid-package" {
        // A lone manifest whose package holds nothing but itself.
        let files: BTreeSet<String> = ["imsmanifest.xml".to_owned()].into_iter().collect();
        return Ok(check_files(&bytes, &files, &options));
    }
    Ok(check_manifest(&bytes, &options))
}

/// `missing_files` per file from `analysis.tsv` (the corpus's own count of files the listing lacks).
fn missing_counts(root: &Path) -> std::collections::BTreeMap<String, usize> {
    let Ok(text) = std::fs::read_to_string(root.join("analysis.tsv")) else {
        return Default::default();
    };
    let mut lines = text.lines();
    let header: Vec<&str> = lines.next().unwrap_or("").split('\t').collect();
    let Some(column) = header.iter().position(|name| *name == "missing_files") else {
        return Default::default();
    };
    lines
        .filter_map(|line| {
            let columns: Vec<&str> = line.split('\t').collect();
            let count = columns.get(column)?.parse().ok()?;
            Some(((*columns.first()?).to_owned(), count))
        })
        .collect()
}

/// For a real-world manifest checked against a listing the corpus itself says is incomplete: when our
/// count of missing files equals the corpus's count, those issues are the known gaps of the listing and
/// the verdict is judged on the other issues.
fn judge_without_known_missing(check: &ManifestCheck, expected_missing: usize) -> Option<bool> {
    let missing: BTreeSet<String> = check
        .report
        .errors()
        .filter(|issue| issue.code.as_str() == "scorm.package.file-missing")
        .filter_map(|issue| issue.message.split('"').nth(1).map(str::to_owned))
        .collect();
    if expected_missing == 0 || missing.len() != expected_missing {
        return None;
    }
    Some(
        !check
            .report
            .errors()
            .any(|issue| issue.code.as_str() != "scorm.package.file-missing"),
    )
}

fn summary(check: &ManifestCheck) -> String {
    check
        .report
        .errors()
        .take(4)
        .map(|issue| format!("{} at {}: {}", issue.code, issue.location, issue.message))
        .collect::<Vec<_>>()
        .join(" | ")
}

#[test]
fn corpus_verdicts_match() {
    let root = corpus_root();
    let Ok(index) = std::fs::read_to_string(root.join("index.tsv")) else {
        assert!(
            std::env::var_os("LEARNWIRE_REQUIRE_CORPUS").is_none(),
            "LEARNWIRE_REQUIRE_CORPUS is set but there is no corpus at {}",
            root.display()
        );
        eprintln!("skipped: corpus not found at {}", root.display());
        return;
    };
    let mut mismatches = Vec::new();
    let mut agreed: std::collections::BTreeMap<String, (usize, usize)> = Default::default();
    let mut disagreed_as_expected = BTreeSet::new();
    let missing = missing_counts(&root);
    for line in index.lines().skip(1) {
        let columns: Vec<&str> = line.split('\t').collect();
        let (Some(file), Some(standard), Some(expected)) =
            (columns.first(), columns.get(4), columns.get(5))
        else {
            continue;
        };
        if !is_scorm_row(standard, file) {
            continue;
        }
        let path = root.join(file);
        let lenient = run(&path, file, expected, Profile::Lenient);
        let strict = run(&path, file, expected, Profile::Strict);
        let known_missing = missing.get(*file).copied().unwrap_or(0);
        let judge = |result: &Result<ManifestCheck, String>| match result {
            Ok(check) if *expected == "real-world" => {
                judge_without_known_missing(check, known_missing)
                    .unwrap_or_else(|| check.is_valid())
            }
            Ok(check) => check.is_valid(),
            Err(_) => false,
        };
        let lenient_ok = judge(&lenient);
        let strict_ok = judge(&strict);
        let (want_lenient, want_strict) = match *expected {
            "valid" | "real-world" => (Some(true), None),
            "invalid" | "reject" | "not-well-formed" | "invalid-package" => {
                (Some(false), Some(false))
            }
            e if e.starts_with("invalid-strict") => (Some(true), Some(false)),
            other => {
                mismatches.push(format!("{file}: unknown label {other}"));
                continue;
            }
        };
        let ok = want_lenient.is_none_or(|w| w == lenient_ok)
            && want_strict.is_none_or(|w| w == strict_ok);
        println!("case {file} [{expected}]: lenient valid={lenient_ok}, strict valid={strict_ok}");
        let tally = agreed.entry((*expected).to_owned()).or_default();
        tally.1 += 1;
        let noted = EXPECTED_DISAGREEMENTS.iter().find(|(name, _)| name == file);
        if ok {
            tally.0 += 1;
            if noted.is_some() {
                mismatches.push(format!(
                    "{file}: listed in EXPECTED_DISAGREEMENTS but now agrees"
                ));
            }
            continue;
        }
        if let Some((_, why)) = noted {
            eprintln!("expected disagreement: {file} ({expected}): {why}");
            disagreed_as_expected.insert(*file);
            continue;
        }
        let detail = match (&lenient, &strict) {
            (Ok(l), Ok(s)) => format!("lenient: {} || strict: {}", summary(l), summary(s)),
            (Err(e), _) | (_, Err(e)) => e.clone(),
        };
        mismatches.push(format!(
            "{file} [{expected}] lenient valid={lenient_ok} strict valid={strict_ok}: {detail}"
        ));
    }
    for (label, (ok, total)) in &agreed {
        eprintln!("corpus {label}: {ok}/{total} agree");
    }
    assert!(
        mismatches.is_empty(),
        "{} corpus mismatches:\n{}",
        mismatches.len(),
        mismatches.join("\n")
    );
}
