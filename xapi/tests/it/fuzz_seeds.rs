//! Replays every seed of `fuzz/seeds/xapi_statement/` through the fuzz target's oracles, and
//! checks the verdict each seed was written for.

use std::path::PathBuf;

use learnwire_testkit::xapi::statement_oracle;
use learnwire_xapi::{Options, XapiVersion, validate_statement_body};

#[test]
fn seeds_pass_the_oracles() {
    let dir = PathBuf::from(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../fuzz/seeds/xapi_statement"
    ));
    let mut seen = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        let data = std::fs::read(&path).unwrap();
        statement_oracle(&data);
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let version = if name.contains("v2") {
            XapiVersion::V2_0_0
        } else {
            XapiVersion::V1_0_3
        };
        let valid = validate_statement_body(&data, &Options::new(version)).is_valid();
        let want_valid = [
            "01-",
            "02-",
            "04-",
            "05-",
            "06-",
            "07-",
            "08-",
            "09-",
            "16-",
            "regression-score-roundtrip",
        ]
        .iter()
        .any(|prefix| name.starts_with(prefix));
        assert_eq!(valid, want_valid, "{name}");
        seen += 1;
    }
    assert!(seen >= 15, "only {seen} seeds");
}

#[test]
fn mutated_seeds_pass_the_oracles() {
    // Cheap stand-in for the fuzzer in CI: truncations and byte flips of every seed.
    let dir = PathBuf::from(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../fuzz/seeds/xapi_statement"
    ));
    for entry in std::fs::read_dir(&dir).unwrap() {
        let data = std::fs::read(entry.unwrap().path()).unwrap();
        for cut in (0..data.len()).step_by(7) {
            statement_oracle(&data[..cut]);
        }
        for at in (0..data.len()).step_by(11) {
            for byte in [b'"', b'}', b'0', b'\\', 0xFF] {
                let mut changed = data.clone();
                changed[at] = byte;
                statement_oracle(&changed);
            }
        }
    }
}
