//! `learnwire check --format sarif|junit|html`: the SARIF log's structure as SARIF 2.1.0 defines it,
//! the JUnit document's shape (parsed back with quick-xml), and the HTML page's escaping of hostile
//! titles and file names.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use learnwire_testkit::tiny_zip;
use serde_json::Value;

#[path = "support/junit.rs"]
mod junit_support;

use junit_support::junit;

const MANIFEST: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<manifest identifier="M" xmlns="http://www.imsproject.org/xsd/imscp_rootv1p1p2"
    xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_rootv1p2">
  <metadata><schema>ADL SCORM</schema><schemaversion>1.2</schemaversion></metadata>
  <organizations default="ORG"><organization identifier="ORG"><title>Fire safety</title>
    <item identifier="MOD"><title>Module 1</title>
      <item identifier="ITEM-1" identifierref="RES-1"><title>Lesson 1</title></item>
      <item identifier="ITEM-2" identifierref="RES-X"><title>Lesson 2</title></item>
    </item>
  </organization></organizations>
  <resources><resource identifier="RES-1" type="webcontent" adlcp:scormtype="sco" href="index.html">
    <file href="missing.html"/></resource></resources>
</manifest>"#;

const VALID: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<manifest identifier="M" xmlns="http://www.imsproject.org/xsd/imscp_rootv1p1p2"
    xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_rootv1p2">
  <metadata><schema>ADL SCORM</schema><schemaversion>1.2</schemaversion></metadata>
  <organizations default="ORG"><organization identifier="ORG"><title>Fine</title>
    <item identifier="ITEM-1" identifierref="RES-1"><title>Lesson 1</title></item>
  </organization></organizations>
  <resources><resource identifier="RES-1" type="webcontent" adlcp:scormtype="sco" href="index.html">
    <file href="index.html"/></resource></resources>
</manifest>"#;

/// A title and an item title written to break out of HTML text and attributes.
const HOSTILE: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<manifest identifier="M" xmlns="http://www.imsproject.org/xsd/imscp_rootv1p1p2"
    xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_rootv1p2">
  <metadata><schema>ADL SCORM</schema><schemaversion>1.2</schemaversion></metadata>
  <organizations default="ORG"><organization identifier="ORG"><title>&lt;script&gt;alert(1)&lt;/script&gt;</title>
    <item identifier="X&quot;&gt;&lt;img src=x onerror=alert(2)&gt;" identifierref="RES-X"><title>"&gt;&lt;img src=x onerror=alert(3)&gt;&amp;amp;</title></item>
  </organization></organizations>
  <resources><resource identifier="RES-1" type="webcontent" adlcp:scormtype="sco" href="index.html">
    <file href="index.html"/></resource></resources>
</manifest>"#;

struct TempDir(PathBuf);

impl TempDir {
    fn new(name: &str) -> Self {
        let dir = std::env::temp_dir().join(format!(
            "learnwire-cli-formats-{name}-{}",
            std::process::id()
        ));
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

fn learnwire(args: &[&str], paths: &[&Path], cwd: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_learnwire"))
        .current_dir(cwd)
        .arg("check")
        .args(args)
        .args(paths)
        .output()
        .unwrap()
}

/// A folder package and the same package zipped, next to each other in `dir`.
fn folder_and_zip(dir: &TempDir) -> (PathBuf, PathBuf) {
    dir.write("course/imsmanifest.xml", MANIFEST.as_bytes());
    dir.write("course/index.html", b"<p>hi</p>");
    let zip = tiny_zip(&[
        ("imsmanifest.xml", MANIFEST.as_bytes()),
        ("index.html", b"<p>hi</p>"),
    ]);
    dir.write("course.zip", &zip);
    (PathBuf::from("course"), PathBuf::from("course.zip"))
}

fn sarif(output: &Output) -> Value {
    serde_json::from_slice(&output.stdout).unwrap()
}

#[test]
fn sarif_log_is_sarif_2_1_0_with_rules_from_the_code_registries_and_results_with_locations() {
    let dir = TempDir::new("sarif");
    let (folder, zip) = folder_and_zip(&dir);
    let output = learnwire(&["--format", "sarif"], &[&folder, &zip], &dir.0);
    assert_eq!(output.status.code(), Some(1), "an invalid package exits 1");
    let log = sarif(&output);
    assert_eq!(log["version"], "2.1.0");
    assert_eq!(
        log["$schema"],
        "https://json.schemastore.org/sarif-2.1.0.json"
    );
    let runs = log["runs"].as_array().unwrap();
    assert_eq!(runs.len(), 1, "one run for all paths");
    let driver = &runs[0]["tool"]["driver"];
    assert_eq!(driver["name"], "learnwire");
    assert!(driver["version"].is_string());
    assert!(driver["informationUri"].is_string());
    let rules = driver["rules"].as_array().unwrap();
    for rule in rules {
        let help = rule["help"]["text"].as_str().unwrap();
        assert!(
            !help.contains(".."),
            "help text ends its sentences once: {help}"
        );
    }
    let results = runs[0]["results"].as_array().unwrap();
    assert!(!results.is_empty());
    for result in results {
        let index = result["ruleIndex"].as_u64().unwrap() as usize;
        assert_eq!(
            rules[index]["id"], result["ruleId"],
            "ruleIndex names the rule of ruleId"
        );
        assert!(["error", "warning", "note"].contains(&result["level"].as_str().unwrap()));
        assert!(
            result["message"]["text"]
                .as_str()
                .is_some_and(|text| !text.is_empty())
        );
        let locations = result["locations"].as_array().unwrap();
        assert_eq!(locations.len(), 1);
        assert!(locations[0]["physicalLocation"]["artifactLocation"]["uri"].is_string());
    }
    // The rule comes from learnwire_scorm::CODES: summary, reference, level.
    let unresolved = rules
        .iter()
        .find(|rule| rule["id"] == "scorm.item.identifierref-unresolved")
        .expect("the rule of a reported code");
    let info = learnwire_scorm::CODES
        .iter()
        .find(|info| info.code.as_str() == "scorm.item.identifierref-unresolved")
        .unwrap();
    assert_eq!(unresolved["shortDescription"]["text"], info.summary);
    assert_eq!(unresolved["properties"]["reference"], info.reference);
    assert_eq!(unresolved["defaultConfiguration"]["level"], "error");
    // Every rule appears once.
    let mut ids: Vec<&str> = rules
        .iter()
        .map(|rule| rule["id"].as_str().unwrap())
        .collect();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), rules.len());

    let of = |uri: &str, code: &str| -> Value {
        results
            .iter()
            .find(|result| {
                result["ruleId"] == code
                    && result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == uri
            })
            .unwrap_or_else(|| panic!("no {code} result on {uri}"))
            .clone()
    };
    // Folder: the real manifest file, with the line and column.
    let in_folder = of(
        "course/imsmanifest.xml",
        "scorm.item.identifierref-unresolved",
    );
    assert_eq!(in_folder["level"], "error");
    let location = &in_folder["locations"][0];
    assert_eq!(
        location["physicalLocation"]["artifactLocation"]["uriBaseId"],
        "%SRCROOT%"
    );
    assert_eq!(location["physicalLocation"]["region"]["startLine"], 8);
    assert!(location["physicalLocation"]["region"]["startColumn"].is_u64());
    assert_eq!(
        location["logicalLocations"][0]["fullyQualifiedName"],
        "imsmanifest.xml:/manifest/organizations/organization[1]/item[1]/item[2]"
    );
    assert_eq!(location["logicalLocations"][0]["kind"], "element");
    // Zip: the zip itself, no region (a line of an entry is no line of the zip); the entry and line in
    // the location's properties.
    let warning = of(
        "course/imsmanifest.xml",
        "scorm.resource.href-not-in-files-12",
    );
    assert_eq!(warning["level"], "warning");
    let in_zip = of("course.zip", "scorm.item.identifierref-unresolved");
    let location = &in_zip["locations"][0];
    assert!(location["physicalLocation"].get("region").is_none());
    assert_eq!(location["properties"]["entry"], "imsmanifest.xml");
    assert_eq!(location["properties"]["line"], 8);
    assert!(
        in_zip["message"]["text"]
            .as_str()
            .unwrap()
            .contains("imsmanifest.xml:/manifest/organizations")
    );
}

#[test]
fn sarif_of_valid_packages_has_no_results_and_exits_0() {
    let dir = TempDir::new("sarif-valid");
    dir.write("ok/imsmanifest.xml", VALID.as_bytes());
    dir.write("ok/index.html", b"hi");
    let output = learnwire(&["--format", "sarif"], &[Path::new("ok")], &dir.0);
    assert_eq!(output.status.code(), Some(0));
    let log = sarif(&output);
    assert_eq!(log["runs"][0]["results"].as_array().unwrap().len(), 0);
    assert_eq!(
        log["runs"][0]["tool"]["driver"]["rules"]
            .as_array()
            .unwrap()
            .len(),
        0
    );
}

#[test]
fn junit_has_one_testcase_per_package_failed_with_every_error_and_warnings_in_system_out() {
    let dir = TempDir::new("junit");
    let (folder, zip) = folder_and_zip(&dir);
    dir.write("ok/imsmanifest.xml", VALID.as_bytes());
    dir.write("ok/index.html", b"hi");
    let output = learnwire(
        &["--format", "junit"],
        &[&folder, &zip, Path::new("ok")],
        &dir.0,
    );
    assert_eq!(output.status.code(), Some(1));
    let xml = String::from_utf8(output.stdout).unwrap();
    assert!(xml.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites"));
    let (suites, cases) = junit(&xml);
    assert_eq!(suites.len(), 1);
    assert_eq!(cases.len(), 3, "one test case per package");
    assert_eq!(cases[0].classname, "scorm");
    assert_eq!(cases[0].name, "course");
    assert_eq!(cases[1].name, "course.zip");
    assert_eq!(cases[2].name, "ok");
    assert!(cases[2].failure.is_none(), "a valid package passes");
    for case in &cases[..2] {
        let (message, kind, body) = case.failure.as_ref().expect("an invalid package fails");
        assert!(message.contains("2 errors"), "{message}");
        assert_eq!(kind, "scorm.item.identifierref-unresolved");
        assert!(body.contains("scorm.item.identifierref-unresolved at imsmanifest.xml:"));
        assert!(body.contains("scorm.package.file-missing"));
        assert!(
            body.contains(r#"identifierref "RES-X""#),
            "quotes unescaped: {body}"
        );
        assert!(
            !body.contains("scorm.resource.href-not-in-files-12"),
            "no warning among the errors"
        );
        assert!(
            case.system_out
                .contains("scorm.resource.href-not-in-files-12 at imsmanifest.xml:"),
            "the warning in system-out: {case:?}"
        );
    }
}

#[test]
fn junit_escapes_hostile_file_names_and_replaces_control_characters() {
    let dir = TempDir::new("junit-hostile");
    let name = "a<b>&c\"d'e\u{1}f";
    dir.write(&format!("{name}/imsmanifest.xml"), MANIFEST.as_bytes());
    let output = learnwire(&["--format", "junit"], &[Path::new(name)], &dir.0);
    assert_eq!(output.status.code(), Some(1));
    let xml = String::from_utf8(output.stdout).unwrap();
    assert!(
        !xml.contains('\u{1}'),
        "a control character XML 1.0 forbids is replaced"
    );
    let (_, cases) = junit(&xml);
    assert_eq!(cases.len(), 1);
    assert_eq!(cases[0].name, "a<b>&c\"d'e\u{FFFD}f");
    let (message, ..) = cases[0].failure.as_ref().unwrap();
    assert!(message.starts_with("a<b>&c\"d'e\u{FFFD}f: SCORM 1.2 invalid"));
}

/// The tags the HTML report writes: any other `<` in the page would be package text that escaped.
const TAGS: [&str; 22] = [
    "!DOCTYPE", "html", "head", "meta", "title", "style", "body", "h1", "h2", "h3", "p", "table",
    "tr", "th", "td", "a", "section", "ul", "li", "span", "code", "ol",
];

fn assert_only_own_markup(html: &str) {
    for (at, _) in html.match_indices('<') {
        let rest = &html[at + 1..];
        let rest = rest.strip_prefix('/').unwrap_or(rest);
        let name: String = rest
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '!')
            .collect();
        assert!(
            TAGS.contains(&name.as_str()),
            "unexpected markup <{name} at byte {at}: {}",
            &html[at..(at + 80).min(html.len())]
        );
    }
    assert_eq!(html.matches("http-equiv").count(), 1);
    assert!(html.contains(
        r#"<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">"#
    ));
    // Inside the page's own tags: no source, no event handler, no style loading anything.
    for (at, _) in html.match_indices('<') {
        let tag = &html[at..at + html[at..].find('>').unwrap()];
        let lower = tag.to_ascii_lowercase();
        assert!(!lower.contains(" src="), "{tag}");
        assert!(!lower.contains(" on"), "{tag}");
    }
    let style = &html[html.find("<style>").unwrap()..html.find("</style>").unwrap()];
    assert!(!style.contains("url(") && !style.contains("@import"));
}

#[test]
fn html_shows_hostile_titles_and_file_names_as_text() {
    let dir = TempDir::new("html-hostile");
    let name = "<b>pkg&amp;\"'";
    dir.write(&format!("{name}/imsmanifest.xml"), HOSTILE.as_bytes());
    dir.write(&format!("{name}/index.html"), b"hi");
    dir.write("ok/imsmanifest.xml", VALID.as_bytes());
    dir.write("ok/index.html", b"hi");
    let report = dir.0.join("report.html");
    let output = learnwire(
        &["--format", "html", "--output", report.to_str().unwrap()],
        &[Path::new(name), Path::new("ok")],
        &dir.0,
    );
    assert_eq!(output.status.code(), Some(1));
    assert!(output.stdout.is_empty(), "--output: nothing on stdout");
    let html = std::fs::read_to_string(&report).unwrap();
    assert_only_own_markup(&html);
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(html.contains("&quot;&gt;&lt;img src=x onerror=alert(3)&gt;&amp;amp;"));
    assert!(html.contains("&lt;b&gt;pkg&amp;amp;&quot;&#39;"));
    // The summary table comes first, linking to each package.
    let table = html.find("<table class=\"summary\">").unwrap();
    assert!(table < html.find("<section id=\"pkg-0\">").unwrap());
    assert!(html.contains("<a href=\"#pkg-1\">ok</a>"));
    // The unresolved identifierref is linked to its item in the tree.
    assert!(html.contains("<li id=\"pkg-0-node-1\""));
    let issue = html
        .lines()
        .find(|line| line.contains("scorm.item.identifierref-unresolved"))
        .unwrap();
    assert!(issue.contains("<a href=\"#pkg-0-node-1\">"), "{issue}");
}

#[test]
fn html_shows_the_course_tree_with_launches_and_issues_grouped_by_severity() {
    let dir = TempDir::new("html-tree");
    let (folder, _) = folder_and_zip(&dir);
    let output = learnwire(&["--format", "html"], &[&folder], &dir.0);
    assert_eq!(output.status.code(), Some(1));
    let html = String::from_utf8(output.stdout).unwrap();
    assert_only_own_markup(&html);
    assert!(
        !html.contains("class=\"summary\""),
        "no summary for one package"
    );
    assert!(html.contains("SCORM 1.2: <span class=\"invalid\">INVALID</span>"));
    assert!(html.contains("Lesson 1 <code>ITEM-1</code> &rarr; SCO <code>index.html</code>"));
    let errors = html.find("<h3>Errors</h3>").unwrap();
    let warnings = html.find("<h3>Warnings</h3>").unwrap_or(usize::MAX);
    assert!(errors < warnings);
    assert!(html[errors..].contains("scorm.package.file-missing"));
}

#[test]
fn html_of_the_shared_corpus_holds_only_its_own_markup() {
    let corpus = Path::new("/work/shared/corpus/scorm-cmi5");
    if !corpus.is_dir() {
        return;
    }
    let mut paths = Vec::new();
    let mut stack = vec![corpus.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                if !path.ends_with("xsd") {
                    stack.push(path);
                }
            } else if path
                .extension()
                .is_some_and(|extension| extension == "xml" || extension == "zip")
            {
                paths.push(path);
            }
        }
    }
    paths.sort();
    let refs: Vec<&Path> = paths.iter().map(PathBuf::as_path).collect();
    let dir = TempDir::new("html-corpus");
    let output = learnwire(&["--format", "html"], &refs, &dir.0);
    assert!(matches!(output.status.code(), Some(0 | 1)));
    let html = String::from_utf8(output.stdout).unwrap();
    assert_only_own_markup(&html);
    assert_eq!(html.matches("<section id=").count(), paths.len());
}

#[test]
fn unwritable_output_is_a_usage_error() {
    let dir = TempDir::new("unwritable");
    dir.write("ok/imsmanifest.xml", VALID.as_bytes());
    let output = learnwire(
        &["--format", "sarif", "--output", "no/such/folder/out.sarif"],
        &[Path::new("ok")],
        &dir.0,
    );
    assert_eq!(output.status.code(), Some(2));
    assert!(
        String::from_utf8(output.stderr)
            .unwrap()
            .contains("cannot write")
    );
}

const CMI5: &str = r#"<?xml version="1.0" encoding="utf-8"?>
<courseStructure xmlns="https://w3id.org/xapi/profiles/cmi5/v1/CourseStructure.xsd">
  <course id="https://example.com/course">
    <title><langstring lang="en">&lt;script&gt;x&lt;/script&gt;</langstring></title>
    <description><langstring lang="en">d</langstring></description>
  </course>
  <block id="https://example.com/b1">
    <title><langstring lang="en">Block</langstring></title>
    <description><langstring lang="en">d</langstring></description>
    <au id="https://example.com/au1" moveOn="Bogus">
      <title><langstring lang="en">AU one</langstring></title>
      <description><langstring lang="en">d</langstring></description>
      <url>https://example.com/au1.html</url>
    </au>
  </block>
</courseStructure>"#;

#[test]
fn html_links_cmi5_issues_to_their_au_and_sarif_takes_the_rule_from_cmi5_codes() {
    let dir = TempDir::new("cmi5");
    dir.write("cmi5.xml", CMI5.as_bytes());
    let output = learnwire(&["--format", "html"], &[Path::new("cmi5.xml")], &dir.0);
    assert_eq!(output.status.code(), Some(1));
    let html = String::from_utf8(output.stdout).unwrap();
    assert_only_own_markup(&html);
    assert!(html.contains("<span class=\"kind\">course</span> &lt;script&gt;x&lt;/script&gt;"));
    assert!(html.contains("<li id=\"pkg-0-node-2\""));
    let issue = html
        .lines()
        .find(|line| line.contains("<code>cmi5.au.move-on</code>"))
        .unwrap();
    assert!(
        issue.contains("<a href=\"#pkg-0-node-2\">&rarr; AU one</a>"),
        "{issue}"
    );

    let output = learnwire(&["--format", "sarif"], &[Path::new("cmi5.xml")], &dir.0);
    let log = sarif(&output);
    let rule = log["runs"][0]["tool"]["driver"]["rules"]
        .as_array()
        .unwrap()
        .iter()
        .find(|rule| rule["id"] == "cmi5.au.move-on")
        .unwrap()
        .clone();
    let info = learnwire_cmi5::CODES
        .iter()
        .find(|info| info.code.as_str() == "cmi5.au.move-on")
        .unwrap();
    assert_eq!(rule["shortDescription"]["text"], info.summary);
    let result = log["runs"][0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .find(|result| result["ruleId"] == "cmi5.au.move-on")
        .unwrap()
        .clone();
    let location = &result["locations"][0];
    assert_eq!(
        location["physicalLocation"]["artifactLocation"]["uri"],
        "cmi5.xml"
    );
    assert_eq!(location["physicalLocation"]["region"]["startLine"], 10);
}

#[test]
fn many_paths_are_printed_in_the_order_given_with_no_progress_line_when_stderr_is_not_a_terminal() {
    let dir = TempDir::new("order");
    let mut names = Vec::new();
    for index in 0..9 {
        let name = format!("p{}", 9 - index);
        let manifest = if index % 3 == 0 { MANIFEST } else { VALID };
        dir.write(&format!("{name}/imsmanifest.xml"), manifest.as_bytes());
        dir.write(&format!("{name}/index.html"), b"hi");
        names.push(name);
    }
    let paths: Vec<&Path> = names.iter().map(Path::new).collect();
    let output = learnwire(&["--format", "json"], &paths, &dir.0);
    assert_eq!(output.status.code(), Some(1));
    assert!(output.stderr.is_empty(), "no progress on a pipe");
    let printed: Vec<String> = String::from_utf8(output.stdout)
        .unwrap()
        .lines()
        .map(|line| {
            serde_json::from_str::<Value>(line).unwrap()["path"]
                .as_str()
                .unwrap()
                .to_owned()
        })
        .collect();
    assert_eq!(printed, names);
    let output = learnwire(&["--format", "junit", "--quiet"], &paths, &dir.0);
    let (_, cases) = junit(&String::from_utf8(output.stdout).unwrap());
    let order: Vec<&str> = cases.iter().map(|case| case.name.as_str()).collect();
    assert_eq!(order, names);
    assert!(cases[0].failure.is_some() && cases[1].failure.is_none());
}

#[test]
fn progress_line_on_a_terminal_is_silenced_by_quiet() {
    // `script` (util-linux) runs the command on a pseudo-terminal; skipped where it is missing.
    if Command::new("script").arg("--version").output().is_err() {
        return;
    }
    let dir = TempDir::new("progress");
    dir.write("a/imsmanifest.xml", VALID.as_bytes());
    dir.write("a/index.html", b"hi");
    dir.write("b/imsmanifest.xml", VALID.as_bytes());
    dir.write("b/index.html", b"hi");
    let run = |quiet: &str| {
        let command = format!(
            "{} check {quiet} --format sarif --output out.sarif a b",
            env!("CARGO_BIN_EXE_learnwire")
        );
        let output = Command::new("script")
            .current_dir(&dir.0)
            .args(["-qec", &command, "/dev/null"])
            .output()
            .unwrap();
        String::from_utf8_lossy(&output.stdout).into_owned()
    };
    let shown = run("");
    assert!(shown.contains("[1/2] a\r"), "{shown:?}");
    assert!(shown.contains("[2/2] b\r"), "{shown:?}");
    assert_eq!(run("--quiet"), "");
}

#[test]
fn a_closed_stdout_pipe_is_not_a_panic_in_text_output() {
    let dir = TempDir::new("pipe");
    for name in ["a", "b", "c", "d"] {
        dir.write(&format!("{name}/imsmanifest.xml"), MANIFEST.as_bytes());
    }
    let mut child = Command::new(env!("CARGO_BIN_EXE_learnwire"))
        .current_dir(&dir.0)
        .args(["check", "a", "b", "c", "d"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let output = child.wait_with_output().unwrap();
    assert_eq!(
        output.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(!String::from_utf8_lossy(&output.stderr).contains("panicked"));
}

#[test]
fn sarif_names_the_descriptor_inside_the_content_root_of_a_rerooted_folder() {
    let dir = TempDir::new("rerooted");
    dir.write("hi/top/imsmanifest.xml", MANIFEST.as_bytes());
    dir.write("hi/top/index.html", b"hi");
    let output = learnwire(&["--format", "sarif"], &[Path::new("hi")], &dir.0);
    let log = sarif(&output);
    let result = log["runs"][0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .find(|result| result["ruleId"] == "scorm.item.identifierref-unresolved")
        .unwrap()
        .clone();
    let physical = &result["locations"][0]["physicalLocation"];
    assert_eq!(
        physical["artifactLocation"]["uri"],
        "hi/top/imsmanifest.xml"
    );
    assert_eq!(physical["region"]["startLine"], 8);
}
