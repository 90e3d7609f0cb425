//! Runs every case of `shared/corpus/xapi/index.json` under each version of its `verdicts`.

use std::collections::BTreeMap;
use std::path::PathBuf;

use learnwire_xapi::{
    Options, XapiVersion, parse_statement, parse_statements, validate_statement_body,
};
use serde_json::Value;

mod disagreements;

use disagreements::EXPECTED_DISAGREEMENTS;

fn corpus_dir() -> PathBuf {
    PathBuf::from(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../shared/corpus/xapi"
    ))
}

#[test]
fn corpus_verdicts_match() {
    let dir = corpus_dir();
    let Ok(index) = std::fs::read(dir.join("index.json")) else {
        assert!(
            std::env::var_os("LEARNWIRE_REQUIRE_CORPUS").is_none(),
            "LEARNWIRE_REQUIRE_CORPUS is set but there is no corpus at {}",
            dir.display()
        );
        println!("skipped: no corpus at {}", dir.display());
        return;
    };
    let index: Value = serde_json::from_slice(&index).unwrap();
    let cases = index["cases"].as_array().unwrap();
    let expected: BTreeMap<(&str, &str), &str> = EXPECTED_DISAGREEMENTS
        .iter()
        .map(|(id, version, reason)| ((*id, *version), *reason))
        .collect();
    let mut mismatches = Vec::new();
    let mut agreed_disagreements = Vec::new();
    let mut per_version: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    let mut per_source: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    for case in cases {
        let id = case["id"].as_str().unwrap();
        let bytes = std::fs::read(dir.join(case["file"].as_str().unwrap())).unwrap();
        for (version, verdict) in case["verdicts"].as_object().unwrap() {
            let xapi: XapiVersion = version.parse().unwrap();
            let options = Options::new(xapi);
            let report = validate_statement_body(&bytes, &options);
            // The typed model must accept exactly what the validator accepts, and round-trip.
            match parse_statements(&bytes, &options) {
                Ok(statements) => {
                    if !report.is_valid() {
                        mismatches.push(format!(
                            "{id} [{version}]: parsed but the report has errors"
                        ));
                    }
                    for statement in statements {
                        let json = serde_json::to_vec(&statement).unwrap();
                        match parse_statement(&json, &options) {
                            Ok(again) if again == statement => {}
                            Ok(_) => mismatches.push(format!(
                                "{id} [{version}]: round trip changed the statement"
                            )),
                            Err(report) => mismatches.push(format!(
                                "{id} [{version}]: serialized form invalid: {report:?}"
                            )),
                        }
                    }
                }
                Err(_) if report.is_valid() => {
                    mismatches.push(format!(
                        "{id} [{version}]: valid but the typed model refused it"
                    ));
                }
                Err(_) => {}
            }
            let want_valid = verdict == "valid";
            let agrees = report.is_valid() == want_valid;
            println!("case {id} [{version}] expected {verdict}: agrees={agrees}");
            let tally = per_version.entry(version.clone()).or_default();
            tally.1 += 1;
            let source = id.rsplit_once('-').map_or(id, |(source, _)| source);
            let by_source = per_source.entry(format!("{source} {version}")).or_default();
            by_source.1 += 1;
            by_source.0 += usize::from(agrees);
            let listed = expected.contains_key(&(id, version.as_str()));
            if agrees {
                tally.0 += 1;
                if listed {
                    mismatches.push(format!(
                        "{id} [{version}]: listed in EXPECTED_DISAGREEMENTS but now agrees"
                    ));
                }
            } else if listed {
                agreed_disagreements.push(id);
            } else {
                let codes: Vec<String> = report
                    .flatten()
                    .issues()
                    .iter()
                    .map(|issue| format!("{} {} {}", issue.code, issue.location, issue.message))
                    .collect();
                mismatches.push(format!(
                    "{id} [{version}] expected {verdict}: {} | {codes:?}",
                    case["description"].as_str().unwrap_or("")
                ));
            }
        }
    }
    for (version, (agree, total)) in &per_version {
        println!("corpus xAPI {version}: {agree}/{total} agree");
    }
    for (source, (agree, total)) in &per_source {
        println!("  {source}: {agree}/{total} agree");
    }
    println!(
        "expected disagreements (listed with reasons): {}",
        agreed_disagreements.len()
    );
    assert!(
        mismatches.is_empty(),
        "{} mismatches:\n{}",
        mismatches.len(),
        mismatches.join("\n")
    );
}
