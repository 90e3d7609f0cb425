//! `learnwire check` on fixtures generated into a temporary folder.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use learnwire_testkit::tiny_zip;

const MANIFEST: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<manifest identifier="M" xmlns="http://www.imsproject.org/xsd/imscp_rootv1p1p2"
    xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_rootv1p2">
  <metadata><schema>ADL SCORM</schema><schemaversion>1.2</schemaversion></metadata>
  <organizations default="ORG"><organization identifier="ORG"><title>Fire safety</title>
    <item identifier="MOD"><title>Module 1</title>
      <item identifier="ITEM-1" identifierref="RES-1" parameters="?lang=en"><title>Lesson 1</title></item>
    </item>
  </organization></organizations>
  <resources><resource identifier="RES-1" type="webcontent" adlcp:scormtype="sco" href="content/index.html">
    <file href="content/index.html"/></resource></resources>
</manifest>"#;

struct TempDir(PathBuf);

impl TempDir {
    fn new(name: &str) -> Self {
        let dir =
            std::env::temp_dir().join(format!("learnwire-cli-check-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        Self(dir)
    }
    fn write(&self, name: &str, bytes: &[u8]) -> PathBuf {
        let path = self.0.join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, bytes).unwrap();
        path
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn learnwire(args: &[&str], paths: &[&Path]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_learnwire"))
        .arg("check")
        .args(args)
        .args(paths)
        .output()
        .unwrap()
}

fn json_lines(output: &Output) -> Vec<serde_json::Value> {
    String::from_utf8(output.stdout.clone())
        .unwrap()
        .lines()
        .map(|line| serde_json::from_str(line).unwrap())
        .collect()
}

#[test]
fn valid_manifest_and_zip_exit_zero_with_json_shape() {
    let dir = TempDir::new("valid");
    let manifest = dir.write("imsmanifest.xml", MANIFEST.as_bytes());
    let zip = dir.write(
        "course.zip",
        &tiny_zip(&[
            ("imsmanifest.xml", MANIFEST.as_bytes()),
            ("content/index.html", b"<html/>"),
        ]),
    );
    let output = learnwire(&["--format", "json"], &[&manifest, &zip]);
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stdout)
    );
    let lines = json_lines(&output);
    assert_eq!(lines.len(), 2);
    for line in &lines {
        let object = line.as_object().unwrap();
        let keys: Vec<&str> = object.keys().map(String::as_str).collect();
        for key in ["path", "standard", "version", "valid", "issues", "launches"] {
            assert!(keys.contains(&key), "{key} missing in {line}");
        }
        assert_eq!(line["standard"], "scorm");
        assert_eq!(line["version"], "1.2");
        assert_eq!(line["valid"], true);
        assert_eq!(
            line["launches"],
            serde_json::json!([{"item": "ITEM-1", "url": "content/index.html?lang=en"}])
        );
    }
}

#[test]
fn text_report_shows_the_course_tree() {
    let dir = TempDir::new("text");
    let manifest = dir.write("imsmanifest.xml", MANIFEST.as_bytes());
    let output = learnwire(&[], &[&manifest]);
    assert_eq!(output.status.code(), Some(0));
    let text = String::from_utf8(output.stdout).unwrap();
    assert!(text.contains("SCORM 1.2: valid"), "{text}");
    assert!(text.contains("Course \"Fire safety\" (default)"), "{text}");
    assert!(
        text.contains(
            "    - \"Module 1\"\n      - \"Lesson 1\" -> SCO \"content/index.html?lang=en\""
        ),
        "{text}"
    );
}

#[test]
fn invalid_exits_one_and_lists_issues() {
    let dir = TempDir::new("invalid");
    let broken = dir.write(
        "imsmanifest.xml",
        MANIFEST.replace("RES-1\" type", "OTHER\" type").as_bytes(),
    );
    let output = learnwire(&["--format", "json"], &[&broken]);
    assert_eq!(output.status.code(), Some(1));
    let line = &json_lines(&output)[0];
    assert_eq!(line["valid"], false);
    let codes: Vec<&str> = line["issues"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["code"].as_str().unwrap())
        .collect();
    assert!(
        codes.contains(&"scorm.item.identifierref-unresolved"),
        "{codes:?}"
    );
    assert!(
        line["issues"][0]["location"]
            .as_str()
            .unwrap()
            .starts_with("imsmanifest.xml:/manifest")
    );
}

#[test]
fn profile_decides_strict_only_rules() {
    let dir = TempDir::new("profile");
    let manifest = dir.write(
        "imsmanifest.xml",
        MANIFEST.replace(" adlcp:scormtype=\"sco\"", "").as_bytes(),
    );
    assert_eq!(learnwire(&[], &[&manifest]).status.code(), Some(0));
    assert_eq!(
        learnwire(&["--profile", "strict"], &[&manifest])
            .status
            .code(),
        Some(1)
    );
}

#[test]
fn missing_file_exits_two() {
    let output = learnwire(&[], &[Path::new("/nonexistent/learnwire/course.zip")]);
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).starts_with("learnwire: "));
    assert_eq!(
        Command::new(env!("CARGO_BIN_EXE_learnwire"))
            .arg("check")
            .output()
            .unwrap()
            .status
            .code(),
        Some(2)
    );
}

#[test]
fn hostile_inputs_exit_one_never_panic() {
    let dir = TempDir::new("hostile");
    let slip = dir.write(
        "slip.zip",
        &tiny_zip(&[
            ("imsmanifest.xml", MANIFEST.as_bytes()),
            ("../../evil.txt", b"x"),
        ]),
    );
    let garbage = dir.write("garbage.zip", b"PK\x03\x04 this is not really a zip");
    let xxe = dir.write(
        "xxe.xml",
        br#"<?xml version="1.0"?><!DOCTYPE m [<!ENTITY x SYSTEM "file:///etc/passwd">]><manifest>&x;</manifest>"#,
    );
    let deep = dir.write("deep.xml", "<a>".repeat(200_000).as_bytes());
    for path in [&slip, &garbage, &xxe, &deep] {
        let output = learnwire(&["--format", "json"], &[path]);
        assert_eq!(
            output.status.code(),
            Some(1),
            "{}: {}",
            path.display(),
            String::from_utf8_lossy(&output.stderr)
        );
        assert_eq!(json_lines(&output)[0]["valid"], false);
    }
}

const CMI5: &str = r#"<courseStructure xmlns="https://w3id.org/xapi/profiles/cmi5/v1/CourseStructure.xsd">
  <course id="https://x.invalid/c"><title><langstring>Fire safety</langstring></title><description><langstring/></description></course>
  <block id="https://x.invalid/b"><title><langstring>Module 1</langstring></title><description><langstring/></description>
    <au id="https://x.invalid/au/1" moveOn="Passed"><title><langstring>Lesson 1</langstring></title><description><langstring/></description><url>content/index.html?lang=en</url></au>
  </block>
</courseStructure>"#;

#[test]
fn cmi5_is_checked_with_its_aus_as_launches() {
    let dir = TempDir::new("cmi5");
    let zip = dir.write(
        "course.zip",
        &tiny_zip(&[
            ("cmi5.xml", CMI5.as_bytes()),
            ("content/index.html", b"<html/>"),
        ]),
    );
    let folder = TempDir::new("cmi5-folder");
    folder.write("cmi5.xml", CMI5.as_bytes());
    folder.write("content/index.html", b"<html/>");
    let output = learnwire(&["--format", "json"], &[&zip, &folder.0]);
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stdout)
    );
    for line in json_lines(&output) {
        assert_eq!(line["standard"], "cmi5");
        assert_eq!(line["version"], serde_json::Value::Null);
        assert_eq!(line["valid"], true);
        assert_eq!(
            line["launches"],
            serde_json::json!([{"item": "https://x.invalid/au/1", "url": "content/index.html?lang=en"}])
        );
    }
    let text = learnwire(&[], &[&zip]);
    let stdout = String::from_utf8_lossy(&text.stdout);
    assert!(
        stdout.contains(": cmi5: valid (0 errors, 0 warnings)"),
        "{stdout}"
    );
    assert!(
        stdout.contains(r#"- "Lesson 1" -> AU "content/index.html?lang=en" (moveOn Passed)"#),
        "{stdout}"
    );
}

#[test]
fn an_invalid_cmi5_course_is_rejected_with_its_codes() {
    let dir = TempDir::new("cmi5-bad");
    let cmi5 = dir.write(
        "cmi5.xml",
        br#"<courseStructure xmlns="https://w3id.org/xapi/profiles/cmi5/v1/CourseStructure.xsd"><course id="https://x.invalid/c"/></courseStructure>"#,
    );
    let missing_file = dir.write("course.zip", &tiny_zip(&[("cmi5.xml", CMI5.as_bytes())]));
    let output = learnwire(&["--format", "json"], &[&cmi5, &missing_file]);
    assert_eq!(output.status.code(), Some(1));
    let lines = json_lines(&output);
    for line in &lines {
        assert_eq!(line["standard"], "cmi5");
        assert_eq!(line["valid"], false);
    }
    let codes = |line: &serde_json::Value| -> Vec<String> {
        line["issues"]
            .as_array()
            .unwrap()
            .iter()
            .map(|issue| issue["code"].as_str().unwrap().to_owned())
            .collect()
    };
    assert!(codes(&lines[0]).contains(&"cmi5.structure.missing-element".to_owned()));
    assert_eq!(codes(&lines[1]), ["cmi5.package.au-file-missing"]);
}

#[test]
fn a_lone_cmi5_xml_needs_absolute_au_urls() {
    let dir = TempDir::new("cmi5-lone");
    let cmi5 = dir.write("cmi5.xml", CMI5.as_bytes());
    let line = &json_lines(&learnwire(&["--format", "json"], &[&cmi5]))[0];
    assert_eq!(line["standard"], "cmi5");
    assert_eq!(
        line["issues"][0]["code"],
        "cmi5.package.relative-url-standalone"
    );
}

#[test]
fn a_zip_one_folder_too_high_is_rerooted_in_lenient_and_refused_in_strict() {
    let dir = TempDir::new("reroot");
    let zip = dir.write(
        "course.zip",
        &tiny_zip(&[
            ("course/imsmanifest.xml", MANIFEST.as_bytes()),
            ("course/content/index.html", b"<html/>"),
            ("__MACOSX/course/._imsmanifest.xml", b"junk"),
            (".DS_Store", b"junk"),
        ]),
    );
    let output = learnwire(&["--format", "json"], &[&zip]);
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stdout)
    );
    let line = &json_lines(&output)[0];
    assert_eq!(line["standard"], "scorm");
    assert_eq!(line["valid"], true);
    assert_eq!(line["content_root"], "course");
    assert_eq!(line["issues"][0]["code"], "scorm.package.rerooted");
    assert_eq!(
        line["launches"],
        serde_json::json!([{"item": "ITEM-1", "url": "content/index.html?lang=en"}])
    );
    let output = learnwire(&["--format", "json", "--profile", "strict"], &[&zip]);
    assert_eq!(output.status.code(), Some(1));
    let line = &json_lines(&output)[0];
    assert_eq!(line["valid"], false);
    assert!(line.get("content_root").is_none());
    assert_eq!(line["issues"][0]["code"], "scorm.package.manifest-missing");
}

const TINCAN: &str = r#"<?xml version="1.0" encoding="ISO-8859-1"?><tincan xmlns="http://projecttincan.com/tincan.xsd"><activities>
  <activity id="http://x.invalid/course" type="http://adlnet.gov/expapi/activities/course"><name lang="und">Fire safety</name><launch lang="und">index.html</launch></activity>
  <activity id="http://x.invalid/course/objective"><name lang="und">Objective</name></activity>
</activities></tincan>"#;

#[test]
fn tincan_is_checked_with_its_activities_as_launches() {
    let dir = TempDir::new("tincan");
    let zip = dir.write(
        "tincan.zip",
        &tiny_zip(&[
            ("tincan.xml", TINCAN.as_bytes()),
            ("index.html", b"<html/>"),
        ]),
    );
    let lone = dir.write("tincan.xml", TINCAN.as_bytes());
    let output = learnwire(&["--format", "json"], &[&zip, &lone]);
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stdout)
    );
    for line in json_lines(&output) {
        assert_eq!(line["standard"], "tincan", "{line}");
        assert_eq!(line["version"], serde_json::Value::Null);
        assert_eq!(line["valid"], true);
        assert_eq!(
            line["launches"],
            serde_json::json!([{"item": "http://x.invalid/course", "url": "index.html"}])
        );
    }
    let missing = dir.write(
        "missing.zip",
        &tiny_zip(&[("tincan.xml", TINCAN.as_bytes())]),
    );
    let line = &json_lines(&learnwire(&["--format", "json"], &[&missing]))[0];
    assert_eq!(line["issues"][0]["code"], "cmi5.tincan.launch-file-missing");
    let empty = dir.write(
        "empty.zip",
        &tiny_zip(&[(
            "tincan.xml",
            br#"<tincan xmlns="http://projecttincan.com/tincan.xsd"/>"#,
        )]),
    );
    let line = &json_lines(&learnwire(&["--format", "json"], &[&empty]))[0];
    assert_eq!(line["standard"], "tincan");
    assert_eq!(line["issues"][0]["code"], "cmi5.tincan.no-activities");
}

#[test]
fn aicc_is_detected_and_not_supported_yet() {
    let dir = TempDir::new("aicc");
    let aicc = dir.write(
        "aicc.zip",
        &tiny_zip(&[
            ("course.crs", b"x"),
            ("course.au", b"x"),
            ("course.des", b"x"),
            ("course.cst", b"x"),
        ]),
    );
    let output = learnwire(&["--format", "json"], &[&aicc]);
    assert_eq!(output.status.code(), Some(1));
    let line = &json_lines(&output)[0];
    assert_eq!(line["standard"], "aicc");
    assert_eq!(line["valid"], false);
    assert_eq!(line["issues"][0]["code"], "aicc.not-supported");
}

#[test]
fn a_package_with_cmi5_and_tincan_is_checked_as_cmi5_and_names_both() {
    let dir = TempDir::new("cmi5-tincan");
    let zip = dir.write(
        "course.zip",
        &tiny_zip(&[
            ("tincan.xml", TINCAN.as_bytes()),
            ("cmi5.xml", CMI5.as_bytes()),
            ("content/index.html", b"<html/>"),
            ("index.html", b"<html/>"),
        ]),
    );
    let line = &json_lines(&learnwire(&["--format", "json"], &[&zip]))[0];
    assert_eq!(line["standard"], "cmi5");
    assert_eq!(
        line["descriptors"],
        serde_json::json!([
            {"standard": "cmi5", "path": "cmi5.xml"},
            {"standard": "tincan", "path": "tincan.xml"}
        ])
    );
    let text = String::from_utf8_lossy(&learnwire(&[], &[&zip]).stdout).into_owned();
    assert!(
        text.contains(r#"  Descriptors: "cmi5.xml" (cmi5), "tincan.xml" (tincan)"#),
        "{text}"
    );
}

#[test]
fn a_package_with_several_descriptors_is_checked_as_scorm() {
    let dir = TempDir::new("several");
    let zip = dir.write(
        "course.zip",
        &tiny_zip(&[
            ("imsmanifest.xml", MANIFEST.as_bytes()),
            ("cmi5.xml", br#"<courseStructure/>"#),
            ("content/index.html", b"<html/>"),
        ]),
    );
    let output = learnwire(&["--format", "json"], &[&zip]);
    assert_eq!(output.status.code(), Some(0));
    let line = &json_lines(&output)[0];
    assert_eq!(line["standard"], "scorm");
    assert_eq!(
        line["launches"],
        serde_json::json!([{"item": "ITEM-1", "url": "content/index.html?lang=en"}])
    );
    assert_eq!(
        line["descriptors"],
        serde_json::json!([
            {"standard": "cmi5", "path": "cmi5.xml"},
            {"standard": "scorm", "path": "imsmanifest.xml"}
        ])
    );
}

#[test]
fn a_cmi5_package_zipped_one_folder_too_high_is_cmi5() {
    let dir = TempDir::new("cmi5-high");
    let zip = dir.write(
        "course.zip",
        &tiny_zip(&[
            ("course/cmi5.xml", br#"<courseStructure/>"#),
            (".DS_Store", b"junk"),
        ]),
    );
    let line = &json_lines(&learnwire(&["--format", "json"], &[&zip]))[0];
    assert_eq!(line["standard"], "cmi5");
    assert_eq!(line["issues"][0]["code"], "cmi5.package.not-at-root");
    assert_eq!(line["content_root"], "course");
}

#[test]
fn a_broken_zip_is_an_issue_with_its_package_code() {
    let dir = TempDir::new("broken-zip");
    let zip = dir.write("course.zip", b"not a zip at all");
    let output = learnwire(&["--format", "json"], &[&zip]);
    assert_eq!(output.status.code(), Some(1));
    let line = &json_lines(&output)[0];
    assert_eq!(line["standard"], "unknown");
    assert_eq!(line["issues"][0]["code"], "package.not-a-zip");
}

#[test]
fn the_text_tree_shows_sub_manifest_items_under_the_referencing_item() {
    let dir = TempDir::new("sub-manifest");
    let manifest = dir.write(
        "imsmanifest.xml",
        br#"<manifest identifier="M" xmlns="http://www.imsglobal.org/xsd/imscp_v1p1"
    xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_v1p3">
  <metadata><schema>ADL SCORM</schema><schemaversion>2004 4th Edition</schemaversion></metadata>
  <organizations default="A"><organization identifier="A"><title>Course</title>
    <item identifier="A1" identifierref="SUB"><title>Shared part</title></item>
  </organization></organizations>
  <resources/>
  <manifest identifier="SUB">
    <organizations default="SO"><organization identifier="SO"><title>Sub</title>
      <item identifier="S1" identifierref="SR"><title>Inner</title></item>
    </organization></organizations>
    <resources><resource identifier="SR" type="webcontent" adlcp:scormType="sco" href="inner.html"><file href="inner.html"/></resource></resources>
  </manifest>
</manifest>"#,
    );
    let text = String::from_utf8(learnwire(&[], &[&manifest]).stdout).unwrap();
    assert!(
        text.contains("    - \"Shared part\"\n      - \"Inner\" -> SCO \"inner.html\""),
        "{text}"
    );
}
