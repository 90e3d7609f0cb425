//! The code registry (issue #8): every code literal in `src/` is listed in `CODES`, once.

use std::path::Path;

use learnwire_xapi::{CODES, Rule, Severity};

fn sources(dir: &Path, out: &mut Vec<(String, String)>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            sources(&path, out);
        } else if path
            .extension()
            .is_some_and(|ext| ext == "rs" || ext == "md")
        {
            out.push((
                path.display().to_string(),
                std::fs::read_to_string(&path).unwrap(),
            ));
        }
    }
}

/// `"xapi.word.word…"` string literals: lowercase dotted words of letters, digits and hyphens.
fn code_literals(text: &str) -> Vec<&str> {
    text.split('"')
        .skip(1)
        .step_by(2)
        .filter(|literal| {
            literal.starts_with("xapi.")
                && literal.split('.').count() >= 3
                && literal.split('.').all(|word| {
                    !word.is_empty()
                        && word
                            .bytes()
                            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
                })
        })
        .collect()
}

#[test]
fn every_code_literal_in_the_sources_is_listed() {
    let mut files = Vec::new();
    sources(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("src"),
        &mut files,
    );
    let mut missing = Vec::new();
    let mut found = 0;
    for (path, text) in &files {
        for literal in code_literals(text) {
            found += 1;
            if !CODES.iter().any(|info| info.code.as_str() == literal) {
                missing.push(format!("{path}: {literal}"));
            }
        }
    }
    assert!(found > 150, "{found} literals: the scan found too few");
    assert!(missing.is_empty(), "not in CODES: {missing:#?}");
}

#[test]
fn codes_list_every_rule_and_every_error_family() {
    assert_eq!(
        CODES.len(),
        CODES
            .iter()
            .map(|info| info.code.as_str())
            .collect::<std::collections::BTreeSet<_>>()
            .len(),
        "a code is listed twice"
    );
    for rule in Rule::ALL {
        let info = CODES.iter().find(|info| info.code == rule.code()).unwrap();
        assert_eq!(info.reference, rule.rule_id());
    }
    let warnings: Vec<&str> = CODES
        .iter()
        .filter(|info| info.severity == Severity::Warning)
        .map(|info| info.code.as_str())
        .collect();
    assert_eq!(warnings, ["xapi.voiding.target"]);
    for family in [
        "xapi.signature.",
        "xapi.multipart.",
        "xapi.attachment.",
        "xapi.query.",
        "xapi.about.",
        "xapi.version-header.",
        "xapi.alternate.",
        "xapi.document.",
        "xapi.request.",
        "xapi.sign.",
    ] {
        assert!(
            CODES
                .iter()
                .any(|info| info.code.as_str().starts_with(family)),
            "{family}"
        );
    }
}

#[test]
fn every_error_display_starts_with_its_code() {
    use learnwire_xapi::about::{About, VersionNegotiation};
    use learnwire_xapi::documents::{Document, merge_json_documents};
    use learnwire_xapi::multipart::{Limits, parse_multipart};
    use learnwire_xapi::signature::{SignaturePolicy, verify_signed_statement};
    use learnwire_xapi::types::{Iri, MediaType, Timestamp};

    fn line(code: learnwire_xapi::Code, display: String) -> (String, String) {
        (code.as_str().to_owned(), display)
    }
    let cases = [
        {
            let error =
                verify_signed_statement(&serde_json::json!({}), b"a.b", &SignaturePolicy::new())
                    .unwrap_err();
            line(error.code(), error.to_string())
        },
        {
            let error = parse_multipart(
                "multipart/mixed; boundary=b",
                b"--b\r\n",
                &Limits::default().with_max_multipart_bytes(2),
            )
            .unwrap_err();
            assert_eq!(error.code().as_str(), "xapi.multipart.limit.body");
            line(error.code(), error.to_string())
        },
        {
            let error = About::parse(b"[]").unwrap_err();
            line(error.code(), error.to_string())
        },
        {
            let error = VersionNegotiation::new(&[learnwire_xapi::XapiVersion::V1_0_3])
                .negotiate(None)
                .unwrap_err();
            line(error.code(), error.to_string())
        },
        {
            let error = merge_json_documents(
                Some(Document::new("text/plain", b"x")),
                Document::new("application/json", b"{}"),
            )
            .unwrap_err();
            line(error.code(), error.to_string())
        },
        {
            let error = Iri::parse("completed").unwrap_err();
            line(error.code(), error.to_string())
        },
        {
            let error = MediaType::parse("json").unwrap_err();
            line(error.code(), error.to_string())
        },
        {
            let error = Timestamp::parse("yesterday").unwrap_err();
            line(error.code(), error.to_string())
        },
        {
            let error = "3.0".parse::<learnwire_xapi::XapiVersion>().unwrap_err();
            line(error.code(), error.to_string())
        },
    ];
    for (code, display) in cases {
        assert!(
            CODES.iter().any(|info| info.code.as_str() == code),
            "{code}"
        );
        assert!(display.starts_with(&format!("{code}: ")), "{display}");
        assert!(display.len() > code.len() + 8, "{display}");
    }
}
