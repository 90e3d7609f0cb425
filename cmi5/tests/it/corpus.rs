//! Every cmi5 and TinCan verdict of the shared corpus (`../shared/corpus/scorm-cmi5/index.tsv`), when the
//! folder exists (set LEARNWIRE_REQUIRE_CORPUS to make its absence a failure).
//!
//! How each row is judged (labels: `valid` and `real-world` must pass the lenient profile, `invalid`
//! must fail both profiles, `invalid-strict…` must pass lenient and fail strict):
//! - a lone course structure is checked as a document ([`check_course_structure`]): CATAPULT's LTS zips
//!   its valid structures with their AU, so relative urls are judged only where the row says how the
//!   structure is packaged: "standalone XML" rows (LTS 202) as a lone file ([`check_path`], C5P-04),
//!   "(zipped)" rows (LTS 203) in a zip holding only `cmi5.xml` ([`check_zip`], C5P-03);
//! - `cmi5-pkg` rows are packages: a zip or other file through [`check_path`]; the LTS 210 README is
//!   zipped alone, as the LTS does;
//! - `tincan.xml` files through the TinCan check; `xml-security` through the course structure check;
//! - schema, requirement and XSD rows (`n/a`) are not verdicts.

use std::path::{Path, PathBuf};

use learnwire_cmi5::{
    Options, Profile, Report, check_course_structure, check_path, check_zip, tincan,
};

use crate::support::stored;

/// Corpus labels we judge differently, with why. Empty: every verdict agrees. An entry that agrees
/// again fails the test so the list stays honest.
const EXPECTED_DISAGREEMENTS: &[(&str, &str)] = &[];

/// For refused rows, the code that must be among the lenient errors (the right reason, not any reason),
/// by file name prefix.
const REASONS: &[(&str, &str)] = &[
    ("cmi5/catapult/lts/201-", "cmi5.id.not-iri"),
    ("cmi5/catapult/lts/202-5", "cmi5.au.url-invalid"),
    (
        "cmi5/catapult/lts/202-",
        "cmi5.package.relative-url-standalone",
    ),
    ("cmi5/catapult/lts/203-", "cmi5.package.au-file-missing"),
    ("cmi5/catapult/lts/204-", "cmi5.au.url-reserved-parameter"),
    ("cmi5/catapult/lts/205-", "cmi5.id.duplicate"),
    ("cmi5/catapult/lts/206-", "cmi5.au.url-invalid"),
    ("cmi5/catapult/lts/207-", "cmi5.au.url-invalid"),
    ("cmi5/catapult/lts/208-", "cmi5.xml.malformed"),
    ("cmi5/catapult/lts/209-", "package.not-a-zip"),
    ("cmi5/catapult/lts/210-", "cmi5.package.no-course-structure"),
    ("cmi5/catapult/xxe-entity.xml", "cmi5.xml.doctype"),
];

fn corpus_root() -> PathBuf {
    PathBuf::from(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../shared/corpus/scorm-cmi5"
    ))
}

/// Which rows are ours.
fn is_ours(standard: &str, file: &str) -> bool {
    match standard {
        "cmi5" | "cmi5-pkg" | "xml-security" => true,
        "auto" => file.contains("cmi5") || file.ends_with("tincan.xml"),
        _ => false,
    }
}

fn run(path: &Path, file: &str, standard: &str, notes: &str, profile: Profile) -> Report {
    let options = Options::new(profile);
    if file.ends_with("tincan.xml") {
        return tincan::check_path(path, &options).report;
    }
    let bytes = std::fs::read(path).unwrap();
    if standard == "cmi5-pkg" {
        if file.ends_with("README.md") {
            return check_zip(stored(&[("README.md", &bytes)]), &options).report;
        }
        return check_path(path, &options).report;
    }
    if notes.contains("standalone XML") {
        return check_path(path, &options).report;
    }
    if notes.starts_with("(zipped)") {
        return check_zip(stored(&[("cmi5.xml", &bytes)]), &options).report;
    }
    check_course_structure(&bytes, &options).report
}

fn summary(report: &Report) -> String {
    report
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
    let mut tally: std::collections::BTreeMap<String, (usize, usize)> = Default::default();
    for line in index.lines().skip(1) {
        let columns: Vec<&str> = line.split('\t').collect();
        let (Some(file), Some(standard), Some(expected)) =
            (columns.first(), columns.get(4), columns.get(5))
        else {
            continue;
        };
        let notes = columns.get(7).copied().unwrap_or("");
        if !is_ours(standard, file) || *expected == "n/a" {
            continue;
        }
        let path = root.join(file);
        let lenient = run(&path, file, standard, notes, Profile::Lenient);
        let strict = run(&path, file, standard, notes, Profile::Strict);
        let (lenient_ok, strict_ok) = (lenient.is_valid(), strict.is_valid());
        let (want_lenient, want_strict) = match *expected {
            "valid" | "real-world" => (Some(true), None),
            "invalid" => (Some(false), Some(false)),
            e if e.starts_with("invalid-strict") => (Some(true), Some(false)),
            other => {
                mismatches.push(format!("{file}: unknown label {other}"));
                continue;
            }
        };
        let mut ok = want_lenient.is_none_or(|w| w == lenient_ok)
            && want_strict.is_none_or(|w| w == strict_ok);
        if let Some((_, code)) = REASONS.iter().find(|(prefix, _)| file.starts_with(prefix))
            && !lenient.errors().any(|issue| issue.code.as_str() == *code)
        {
            ok = false;
            println!("  {file}: refused, but not with {code}");
        }
        println!("case {file} [{expected}]: lenient valid={lenient_ok}, strict valid={strict_ok}");
        let entry = tally.entry((*expected).to_owned()).or_default();
        entry.1 += 1;
        let noted = EXPECTED_DISAGREEMENTS.iter().find(|(name, _)| name == file);
        match (ok, noted) {
            (true, None) => entry.0 += 1,
            (true, Some(_)) => {
                mismatches.push(format!("{file}: listed in EXPECTED_DISAGREEMENTS but agrees"))
            }
            (false, Some((_, why))) => eprintln!("expected disagreement: {file}: {why}"),
            (false, None) => mismatches.push(format!(
                "{file} [{expected}] lenient valid={lenient_ok} strict valid={strict_ok}: lenient: {} || strict: {}",
                summary(&lenient),
                summary(&strict)
            )),
        }
    }
    for (label, (ok, total)) in &tally {
        eprintln!("corpus {label}: {ok}/{total} agree");
    }
    assert!(
        tally.values().map(|(_, total)| total).sum::<usize>() > 60,
        "too few rows: {tally:?}"
    );
    assert!(mismatches.is_empty(), "{}", mismatches.join("\n"));
}
