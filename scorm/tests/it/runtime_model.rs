//! Every element of both data models: its type (a valid and an invalid value), its access (read-only,
//! write-only, read-write), its initial value and its limit, driven by the definition tables (rules
//! Part E, Part F, Part G). Each case names its element in the failure message.

use learnwire_scorm::manifest::DataMap;
use learnwire_scorm::runtime::{
    Access, Api, Attempt, DataType, ElementDef, Initial, LmsComment, Options, Setup,
    data_model_document, definitions,
};
use learnwire_scorm::{Profile, Version};

const VERSIONS: [Version; 4] = [
    Version::Scorm12,
    Version::Scorm2004Edition2,
    Version::Scorm2004Edition3,
    Version::Scorm2004Edition4,
];

fn setup() -> Setup {
    let mut setup = Setup::new("learner-1", "Doe, Jane");
    let mut comment = LmsComment::default();
    comment.comment = "Well done".into();
    setup.comments_from_lms.push(comment);
    let mut map = DataMap::default();
    map.target_id = "shared-1".into();
    map.read_shared_data = true;
    map.write_shared_data = true;
    setup.shared_data.push(map);
    setup
}

fn running(version: Version, profile: Profile) -> Api {
    let mut api = Api::new(version, Attempt::new(), setup(), Options::new(profile));
    assert_eq!(api.initialize(""), "true");
    api
}

/// The element's name with every `n` as index 0, a navigation target filled in.
fn concrete(def: &ElementDef) -> String {
    def.name
        .split('.')
        .map(|s| if s == "n" { "0" } else { s })
        .collect::<Vec<_>>()
        .join(".")
        .replace("{target=}", "{target=activity_1}")
}

/// Sets what the element's record needs first (its `id`, an interaction's `type`).
fn prerequisites(api: &mut Api, def: &ElementDef) {
    let is_2004 = api.version().is_2004();
    let name = def.name;
    if name.starts_with("cmi.interactions.n.") && name != "cmi.interactions.n.id" {
        let id = if is_2004 { "urn:q:1" } else { "q1" };
        assert_eq!(
            api.set_value("cmi.interactions.0.id", id),
            "true",
            "{name}: id"
        );
        if name != "cmi.interactions.n.type" {
            assert_eq!(
                api.set_value("cmi.interactions.0.type", "true-false"),
                "true",
                "{name}: type"
            );
        }
    }
    if is_2004 && name.starts_with("cmi.objectives.n.") && name != "cmi.objectives.n.id" {
        assert_eq!(
            api.set_value("cmi.objectives.0.id", "urn:o:1"),
            "true",
            "{name}: id"
        );
    }
}

/// A valid value of the element's type, and an invalid one with the error each version gives.
fn samples(def: &ElementDef, is_2004: bool) -> (String, Option<(String, u16)>) {
    let mismatch = if is_2004 { 406 } else { 405 };
    let range = if is_2004 { 407 } else { 405 };
    let pair = |valid: &str, invalid: Option<(&str, u16)>| {
        (valid.to_owned(), invalid.map(|(v, c)| (v.to_owned(), c)))
    };
    match def.data_type {
        DataType::String255 => (String::from("abc"), Some(("x".repeat(256), mismatch))),
        DataType::String4096 => (String::from("abc"), Some(("x".repeat(4097), mismatch))),
        DataType::Identifier => pair("obj-1", Some(("a b", mismatch))),
        DataType::Decimal { max: Some(_), .. } => pair("50", Some(("100.5", range))),
        DataType::Decimal { .. } => pair("-2.5", Some(("abc", mismatch))),
        DataType::SInteger { max, .. } => ("0".to_owned(), Some(((max + 1).to_string(), range))),
        DataType::Time => pair("12:30:00", Some(("24:00:00", mismatch))),
        DataType::Timespan => pair("00:01:00", Some(("PT1M", mismatch))),
        DataType::Vocabulary(tokens) => {
            let valid = tokens.iter().find(|t| !t.is_empty()).copied().unwrap_or("");
            pair(valid, Some(("Invalid", mismatch)))
        }
        DataType::Feedback => pair("t", Some(("true", mismatch))),
        DataType::Result12 => pair("wrong", Some(("incorrect", mismatch))),
        DataType::CharacterString => pair("any {text} [,]", None),
        DataType::LocalizedString => pair("{lang=en}Hello", Some(("{lang=}x", mismatch))),
        DataType::Language => pair("en-US", Some(("en_US", mismatch))),
        DataType::LongIdentifier => pair("urn:x:1", Some(("a b", mismatch))),
        DataType::Real { min, max } => match (min, max) {
            (_, Some(max)) => pair("0.5", Some((&(max + 1).to_string(), range))),
            (Some(min), None) => pair("2", Some((&(min - 1).to_string(), range))),
            (None, None) => pair("-12.5", Some(("1e3", mismatch))),
        },
        DataType::Timestamp => pair(
            "2004-04-01T09:45:58.55Z",
            Some(("2004-04-01T09:45:58Z", mismatch)),
        ),
        DataType::TimeInterval => pair("PT1M", Some(("P1Y6M14D4H", mismatch))),
        DataType::Result2004 => pair("incorrect", Some(("wrong", mismatch))),
        DataType::LearnerResponse | DataType::Pattern => pair("true", Some(("yes", mismatch))),
        DataType::NavRequest => pair("continue", Some(("start", mismatch))),
        _ => pair("", None),
    }
}

#[test]
fn every_elements_type_and_access_holds() {
    for version in VERSIONS {
        let is_2004 = version.is_2004();
        for def in definitions(version).filter(|d| !d.is_keyword()) {
            let name = concrete(def);
            let case = format!("{version} {name} ({})", def.rule);
            let (valid, invalid) = samples(def, is_2004);
            let mut api = running(version, Profile::Strict);
            prerequisites(&mut api, def);
            match def.access {
                Access::ReadOnly => {
                    let got = api.set_value(&name, &valid);
                    let code = if is_2004 { 404 } else { 403 };
                    assert_eq!(
                        (got.as_str(), api.last_error().as_u16()),
                        ("false", code),
                        "{case}: read-only"
                    );
                }
                Access::WriteOnly | Access::ReadWrite => {
                    if let Some((bad, code)) = &invalid {
                        let got = api.set_value(&name, bad);
                        assert_eq!(
                            (got.as_str(), api.last_error().as_u16()),
                            ("false", *code),
                            "{case}: invalid value {bad:?}"
                        );
                    }
                    let got = api.set_value(&name, &valid);
                    assert_eq!(
                        (got.as_str(), api.last_error().as_u16()),
                        ("true", 0),
                        "{case}: valid {valid:?}: {}",
                        api.get_diagnostic("")
                    );
                    let read = api.get_value(&name);
                    if def.access == Access::WriteOnly {
                        let code = if is_2004 { 405 } else { 404 };
                        assert_eq!(
                            (read.as_str(), api.last_error().as_u16()),
                            ("", code),
                            "{case}: write-only"
                        );
                    } else {
                        assert_eq!(
                            (read.as_str(), api.last_error().as_u16()),
                            (valid.as_str(), 0),
                            "{case}: read back"
                        );
                    }
                }
                _ => panic!("{case}: unknown access"),
            }
        }
    }
}

#[test]
fn every_keyword_reads_from_the_model_and_is_read_only() {
    for version in VERSIONS {
        for def in definitions(version).filter(|d| d.is_keyword()) {
            let name = concrete(def);
            let case = format!("{version} {name} ({})", def.rule);
            let mut api = running(version, Profile::Strict);
            prerequisites(&mut api, def);
            if name.starts_with("cmi.interactions.0.") || name.starts_with("cmi.objectives.0.") {
                let id = if version.is_2004() { "urn:r:1" } else { "r1" };
                let parent = if name.starts_with("cmi.interactions") {
                    "cmi.interactions.0.id"
                } else {
                    "cmi.objectives.0.id"
                };
                api.set_value(parent, id);
            }
            let expected = match def.data_type {
                DataType::Children(children) => children.to_owned(),
                DataType::Version(version) => version.to_owned(),
                DataType::Count => {
                    let count = match name.as_str() {
                        "cmi.comments_from_lms._count" | "adl.data._count" => "1",
                        "cmi.interactions.0.objectives._count"
                        | "cmi.interactions.0.correct_responses._count" => "0",
                        _ => "0",
                    };
                    count.to_owned()
                }
                _ => panic!("{case}: not a keyword"),
            };
            let got = api.get_value(&name);
            assert_eq!(
                (got.as_str(), api.last_error().as_u16()),
                (expected.as_str(), 0),
                "{case}: get"
            );
            let got = api.set_value(&name, "x");
            let code = if version.is_2004() { 404 } else { 402 };
            assert_eq!(
                (got.as_str(), api.last_error().as_u16()),
                ("false", code),
                "{case}: set"
            );
        }
    }
}

#[test]
fn every_elements_initial_value_is_as_the_table_says() {
    for version in VERSIONS {
        let is_2004 = version.is_2004();
        for def in definitions(version).filter(|d| !d.name.contains(".n.") && !d.is_keyword()) {
            if def.access == Access::WriteOnly || def.name.contains("{target=}") {
                continue;
            }
            let case = format!("{version} {} ({})", def.name, def.rule);
            let mut api = running(version, Profile::Strict);
            let got = api.get_value(def.name);
            let error = api.last_error().as_u16();
            match def.initial {
                Initial::Default(value) => assert_eq!((got.as_str(), error), (value, 0), "{case}"),
                Initial::Unset if is_2004 => assert_eq!((got.as_str(), error), ("", 403), "{case}"),
                Initial::Unset => assert_eq!((got.as_str(), error), ("", 0), "{case}"),
                Initial::Launch => {
                    assert!(error == 0 || (is_2004 && error == 403), "{case}: {error}")
                }
                _ => panic!("{case}: unexpected initial"),
            }
        }
    }
}

#[test]
fn spms_are_floors_in_2004_and_scorm_12_lengths_are_types() {
    for version in VERSIONS {
        for def in definitions(version).filter(|d| !d.is_keyword() && d.access != Access::ReadOnly)
        {
            let Some(spm) = def.spm else { continue };
            let name = concrete(def);
            let case = format!("{version} {name} SPM {spm} ({})", def.rule);
            let long = match def.data_type {
                DataType::LongIdentifier => format!("urn:{}", "a".repeat(spm as usize)),
                DataType::Language => continue,
                _ => "a".repeat(spm as usize + 1),
            };
            let mut strict = running(version, Profile::Strict);
            prerequisites(&mut strict, def);
            let got = strict.set_value(&name, &long);
            if version.is_2004() {
                assert_eq!(
                    (got.as_str(), strict.last_error().as_u16()),
                    ("true", 0),
                    "{case}: kept whole (P-16)"
                );
            } else {
                assert_eq!(
                    (got.as_str(), strict.last_error().as_u16()),
                    ("false", 405),
                    "{case}: strict (P-17)"
                );
                let mut lenient = running(version, Profile::Lenient);
                prerequisites(&mut lenient, def);
                let got = lenient.set_value(&name, &long);
                assert_eq!(
                    (got.as_str(), lenient.last_error().as_u16()),
                    ("true", 0),
                    "{case}: lenient (P-17)"
                );
            }
        }
    }
}

#[test]
fn suspend_data_spm_differs_between_editions() {
    let spm = |version| {
        definitions(version)
            .find(|d| d.name == "cmi.suspend_data")
            .and_then(|d| d.spm)
    };
    assert_eq!(spm(Version::Scorm12), Some(4096));
    assert_eq!(spm(Version::Scorm2004Edition2), Some(4000));
    assert_eq!(spm(Version::Scorm2004Edition3), Some(4000));
    assert_eq!(spm(Version::Scorm2004Edition4), Some(64000));
    let has = |version, name| definitions(version).any(|d| d.name == name);
    assert!(!has(Version::Scorm2004Edition3, "adl.data.n.store"));
    assert!(has(Version::Scorm2004Edition4, "adl.data.n.store"));
    assert!(!has(
        Version::Scorm2004Edition3,
        "adl.nav.request_valid.jump.{target=}"
    ));
}

#[test]
fn the_data_model_doc_is_generated_from_the_definitions() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/src/runtime/data_model.md");
    let rendered = data_model_document();
    if std::env::var_os("LEARNWIRE_BLESS").is_some() {
        std::fs::write(path, &rendered).unwrap();
    }
    let committed = std::fs::read_to_string(path).unwrap();
    assert!(
        committed == rendered,
        "src/runtime/data_model.md is stale: run LEARNWIRE_BLESS=1 cargo test -p learnwire-scorm --test it runtime_model"
    );
}
