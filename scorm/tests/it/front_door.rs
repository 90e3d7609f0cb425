//! The front doors (`check_path`, `check_zip`): packages on disk or in memory, failures as issues,
//! descriptors, the manifest cap, and what an importer reads from the result (the course tree with its
//! launches, sequencing with IDRef resolved).

use std::path::{Path, PathBuf};

use learnwire_scorm::{
    CODES, Location, ManifestCheck, Options, PACKAGE_CODES, PackageLimits, Profile, Standard,
    check_manifest, check_path, check_zip, parse_manifest,
};
use learnwire_testkit::tiny_zip;

use crate::support::{assert_error, baseline, scorm12};

/// A folder on disk, removed when dropped.
struct Folder(PathBuf);

impl Folder {
    fn new(name: &str) -> Self {
        let root = std::env::temp_dir().join(format!(
            "learnwire-scorm-front-door-{name}-{}",
            std::process::id()
        ));
        let _ = std::fs::remove_dir_all(&root);
        std::fs::create_dir_all(&root).unwrap();
        Self(root)
    }

    fn write(&self, path: &str, bytes: &[u8]) -> PathBuf {
        let full = self.0.join(path);
        std::fs::create_dir_all(full.parent().unwrap()).unwrap();
        std::fs::write(&full, bytes).unwrap();
        full
    }

    fn path(&self) -> &Path {
        &self.0
    }
}

impl Drop for Folder {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn baseline_zip() -> Vec<u8> {
    tiny_zip(&[
        ("imsmanifest.xml", baseline().as_bytes()),
        ("content/index.html", b"<html/>"),
    ])
}

fn codes(check: &ManifestCheck) -> Vec<&'static str> {
    check
        .report
        .issues()
        .iter()
        .map(|i| i.code.as_str())
        .collect()
}

fn assert_valid_baseline(check: &ManifestCheck) {
    assert!(check.is_valid(), "{:#?}", check.report);
    assert_eq!(check.launches[0].url, "content/index.html");
    assert!(check.manifest.is_some());
}

#[test]
fn check_path_reads_a_zip_a_folder_and_a_lone_manifest() {
    let dir = Folder::new("forms");
    let zip = dir.write("course.zip", &baseline_zip());
    let check = check_path(&zip, &Options::default());
    assert_valid_baseline(&check);
    assert_eq!(check.descriptors[0].standard, Standard::Scorm);

    let folder = Folder::new("forms-folder");
    folder.write("imsmanifest.xml", baseline().as_bytes());
    folder.write("content/index.html", b"<html/>");
    let check = check_path(folder.path(), &Options::new(Profile::Strict));
    assert_valid_baseline(&check);

    // A lone manifest: checked alone (its files are not looked for).
    let manifest = dir.write("imsmanifest.xml", baseline().as_bytes());
    let check = check_path(&manifest, &Options::default());
    assert_valid_baseline(&check);
    assert_eq!(check.descriptors.len(), 1);
    assert_eq!(check.descriptors[0].standard, Standard::Scorm);
    assert_eq!(check.descriptors[0].path, "imsmanifest.xml");
}

#[test]
fn check_path_on_an_unreadable_path_reports_package_io_with_the_os_reason() {
    let dir = Folder::new("unreadable");
    let missing = dir.path().join("missing.zip");
    let check = check_path(&missing, &Options::default());
    assert!(!check.is_valid());
    assert_eq!(codes(&check), ["package.io"]);
    let issue = &check.report.issues()[0];
    assert_eq!(issue.location, Location::Whole);
    let os_reason = std::io::Error::from_raw_os_error(2).to_string();
    assert_eq!(
        issue.message,
        format!("cannot read {}: {os_reason}", missing.display())
    );
    assert!(check.manifest.is_none() && check.launches.is_empty());
}

#[test]
fn check_path_refuses_a_broken_zip_with_its_package_code() {
    let dir = Folder::new("broken");
    let not_zip = dir.write("course.zip", b"this is not a zip archive");
    assert_eq!(
        codes(&check_path(&not_zip, &Options::default())),
        ["package.not-a-zip"]
    );
    let truncated = dir.write("cut", b"PK\x03\x04 cut short");
    assert_eq!(
        codes(&check_path(&truncated, &Options::default())),
        ["package.truncated"]
    );
    let mut options = Options::default();
    options.package_limits = PackageLimits::default().with_max_archive_bytes(10);
    let zip = dir.write("big.zip", &baseline_zip());
    assert_eq!(codes(&check_path(&zip, &options)), ["package.too-large"]);
}

#[test]
fn check_zip_checks_bytes_in_memory_with_the_package_limits_of_the_options() {
    assert_valid_baseline(&check_zip(baseline_zip(), &Options::default()));
    let check = check_zip(b"plain text".to_vec(), &Options::default());
    assert_eq!(codes(&check), ["package.not-a-zip"]);
    assert!(check.manifest.is_none());
    let slip = tiny_zip(&[
        ("imsmanifest.xml", baseline().as_bytes()),
        ("content/index.html", b"<html/>"),
        ("../evil.sh", b"x"),
    ]);
    assert_error(
        &check_zip(slip, &Options::default()),
        "package.path-traversal",
    );
    let mut options = Options::default();
    options.package_limits = PackageLimits::default().with_max_entries(1);
    assert_eq!(
        codes(&check_zip(baseline_zip(), &options)),
        ["package.too-many-entries"]
    );
}

#[test]
fn max_manifest_bytes_is_enforced_on_the_manifest_read_from_a_package() {
    let manifest = baseline();
    let mut options = Options::default();
    options.package_limits =
        PackageLimits::default().with_max_manifest_bytes(manifest.len() as u64 - 1);
    let check = check_zip(baseline_zip(), &options);
    assert_error(&check, "package.manifest-too-large");
    assert_error(&check, "scorm.package.manifest-unreadable");
    let issue = check
        .report
        .issues()
        .iter()
        .find(|i| i.code.as_str() == "package.manifest-too-large")
        .unwrap();
    assert_eq!(issue.location, Location::entry("imsmanifest.xml"));
    options.package_limits =
        PackageLimits::default().with_max_manifest_bytes(manifest.len() as u64);
    assert!(check_zip(baseline_zip(), &options).is_valid());
}

#[test]
fn a_manifest_over_max_input_bytes_in_a_package_is_not_read() {
    let mut options = Options::default();
    options.limits = options.limits.with_max_input_bytes(100);
    let check = check_zip(baseline_zip(), &options);
    assert_eq!(codes(&check), ["scorm.limit.input-size"]);
}

#[test]
fn descriptors_name_every_standard_in_priority_order() {
    let zip = tiny_zip(&[
        (
            "tincan.xml",
            b"<tincan xmlns='http://projecttincan.com/tincan.xsd'/>",
        ),
        ("imsmanifest.xml", baseline().as_bytes()),
        ("cmi5.xml", b"<courseStructure/>"),
        ("content/index.html", b"<html/>"),
    ]);
    let check = check_zip(zip, &Options::default());
    let found: Vec<Standard> = check.descriptors.iter().map(|d| d.standard).collect();
    assert_eq!(found, [Standard::Cmi5, Standard::Scorm, Standard::TinCan]);
    assert!(check.manifest.is_some(), "the SCORM check still runs");
}

#[test]
fn a_package_of_another_standard_names_it_in_the_missing_manifest_issue() {
    let zip = tiny_zip(&[("cmi5.xml", b"<courseStructure/>"), ("au/index.html", b"x")]);
    let check = check_zip(zip, &Options::default());
    assert_eq!(codes(&check), ["scorm.package.manifest-missing"]);
    assert!(
        check.report.issues()[0]
            .message
            .contains("follows cmi5, not SCORM"),
        "{}",
        check.report.issues()[0].message
    );
    assert_eq!(check.descriptors[0].standard, Standard::Cmi5);
}

#[test]
fn a_lone_file_is_detected_by_its_root_namespace() {
    let dir = Folder::new("lone");
    for (name, xml, standard) in [
        (
            "cmi5.xml",
            &br#"<courseStructure xmlns="https://w3id.org/xapi/profiles/cmi5/v1/CourseStructure.xsd"/>"#[..],
            Some(Standard::Cmi5),
        ),
        (
            "tincan.xml",
            br#"<tincan xmlns="http://projecttincan.com/tincan.xsd"/>"#,
            Some(Standard::TinCan),
        ),
        ("other.xml", b"<foo/>", None),
    ] {
        let path = dir.write(name, xml);
        let check = check_path(&path, &Options::default());
        assert_eq!(
            check.descriptors.first().map(|d| d.standard),
            standard,
            "{name}"
        );
        assert_error(&check, "scorm.manifest.root");
    }
}

const TREE: &str = r#"<item identifier="MODULE"><title>Module</title>
  <item identifier="L1" identifierref="RES-1" parameters="?p=1"><title>One</title></item>
  <item identifier="L2" identifierref="RES-2"><title>Two</title></item>
</item>
<item identifier="L3" identifierref="RES-1"><title>Three</title></item>"#;

const TREE_RESOURCES: &str = r#"<resource identifier="RES-1" type="webcontent" adlcp:scormtype="sco" href="a.html"><file href="a.html"/></resource>
<resource identifier="RES-2" type="webcontent" adlcp:scormtype="asset" href="b.html"><file href="b.html"/></resource>"#;

#[test]
fn items_come_with_their_launches_from_the_tree_walk() {
    let check = check_manifest(
        scorm12(TREE, TREE_RESOURCES).as_bytes(),
        &Options::default(),
    );
    assert!(check.is_valid(), "{:#?}", check.report);
    let walked: Vec<(usize, &str, Option<&str>)> = check
        .items()
        .map(|entry| {
            assert_eq!(entry.organization.identifier, "ORG");
            (
                entry.depth,
                entry.item.identifier.as_str(),
                entry.launch.map(|launch| launch.url.as_str()),
            )
        })
        .collect();
    assert_eq!(
        walked,
        [
            (0, "MODULE", None),
            (1, "L1", Some("a.html?p=1")),
            (1, "L2", Some("b.html")),
            (0, "L3", Some("a.html")),
        ]
    );
    assert!(
        check_manifest(b"<not-a-manifest/>", &Options::default())
            .items()
            .next()
            .is_none()
    );
}

/// A 2004 manifest whose item references a sub-manifest (`SUB`) from two organizations.
fn with_sub_manifest() -> String {
    r#"<manifest identifier="M" xmlns="http://www.imsglobal.org/xsd/imscp_v1p1"
    xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_v1p3">
  <metadata><schema>ADL SCORM</schema><schemaversion>2004 4th Edition</schemaversion></metadata>
  <organizations default="A">
    <organization identifier="A"><title>A</title>
      <item identifier="A1" identifierref="SUB"><title>Shared</title></item>
      <item identifier="A2" identifierref="R"><title>Own</title></item>
    </organization>
    <organization identifier="B"><title>B</title>
      <item identifier="B1" identifierref="SUB"><title>Shared again</title></item>
    </organization>
  </organizations>
  <resources><resource identifier="R" type="webcontent" adlcp:scormType="sco" href="own.html"><file href="own.html"/></resource></resources>
  <manifest identifier="SUB">
    <organizations default="SO"><organization identifier="SO"><title>Sub</title>
      <item identifier="S1" identifierref="SR"><title>Inner</title></item>
    </organization></organizations>
    <resources><resource identifier="SR" type="webcontent" adlcp:scormType="sco" href="inner.html"><file href="inner.html"/></resource></resources>
  </manifest>
</manifest>"#
        .to_owned()
}

#[test]
fn items_of_a_referenced_sub_manifest_are_walked_under_the_referencing_item() {
    let check = check_manifest(with_sub_manifest().as_bytes(), &Options::default());
    let walked: Vec<(&str, usize, &str, Option<&str>)> = check
        .items()
        .map(|entry| {
            (
                entry.organization.identifier.as_str(),
                entry.depth,
                entry.item.identifier.as_str(),
                entry.launch.map(|launch| launch.url.as_str()),
            )
        })
        .collect();
    assert_eq!(
        walked,
        [
            ("A", 0, "A1", None),
            ("A", 1, "S1", Some("inner.html")),
            ("A", 0, "A2", Some("own.html")),
            ("B", 0, "B1", None),
            ("B", 1, "S1", Some("inner.html")),
        ]
    );
}

#[test]
fn the_item_walk_stops_at_the_launch_walk_budget() {
    // 50 organizations each expanding a 50-item sub-manifest: 2 550 visits from about 400 elements.
    let organizations: String = (0..50)
        .map(|n| {
            format!(
                r#"<organization identifier="O{n}"><title>O</title><item identifier="I{n}" identifierref="SUB"><title>I</title></item></organization>"#
            )
        })
        .collect();
    let inner: String = (0..50)
        .map(|n| format!(r#"<item identifier="S{n}" identifierref="SR"><title>S</title></item>"#))
        .collect();
    let xml = format!(
        r#"<manifest identifier="M" xmlns="http://www.imsglobal.org/xsd/imscp_v1p1"
    xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_v1p3">
  <metadata><schema>ADL SCORM</schema><schemaversion>2004 4th Edition</schemaversion></metadata>
  <organizations default="O0">{organizations}</organizations><resources/>
  <manifest identifier="SUB">
    <organizations default="SO"><organization identifier="SO"><title>Sub</title>{inner}</organization></organizations>
    <resources><resource identifier="SR" type="webcontent" adlcp:scormType="sco" href="s.html"><file href="s.html"/></resource></resources>
  </manifest>
</manifest>"#
    );
    let check = check_manifest(xml.as_bytes(), &Options::default());
    assert!(!check.report.has_code("scorm.limit.launches"));
    assert_eq!(check.items().count(), 50 * 51);
    let mut options = Options::default();
    options.limits = options.limits.with_max_elements(1_000);
    let capped = check_manifest(xml.as_bytes(), &options);
    assert_error(&capped, "scorm.limit.launches");
    assert_eq!(capped.items().count(), 1_000);
}

/// A 2004 manifest with a collection member `SHARED` and an item sequencing referencing it.
fn with_collection(item_sequencing: &str) -> String {
    format!(
        r#"<manifest identifier="M" xmlns="http://www.imsglobal.org/xsd/imscp_v1p1"
    xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_v1p3" xmlns:imsss="http://www.imsglobal.org/xsd/imsss"
    xmlns:adlseq="http://www.adlnet.org/xsd/adlseq_v1p3">
  <metadata><schema>ADL SCORM</schema><schemaversion>2004 4th Edition</schemaversion></metadata>
  <organizations default="O"><organization identifier="O"><title>Course</title>
    <item identifier="I" identifierref="R"><title>Lesson</title>{item_sequencing}</item>
  </organization></organizations>
  <resources><resource identifier="R" type="webcontent" adlcp:scormType="sco" href="a.html"><file href="a.html"/></resource></resources>
  <imsss:sequencingCollection>
    <imsss:sequencing ID="SHARED">
      <imsss:controlMode choice="false" flow="true"/>
      <imsss:sequencingRules>
        <imsss:preConditionRule><imsss:ruleConditions><imsss:ruleCondition condition="satisfied"/></imsss:ruleConditions><imsss:ruleAction action="skip"/></imsss:preConditionRule>
        <imsss:postConditionRule><imsss:ruleConditions><imsss:ruleCondition condition="always"/></imsss:ruleConditions><imsss:ruleAction action="continue"/></imsss:postConditionRule>
      </imsss:sequencingRules>
      <imsss:limitConditions attemptLimit="3"/>
      <imsss:rollupRules objectiveMeasureWeight="0.5"><imsss:rollupRule><imsss:rollupConditions><imsss:rollupCondition condition="completed"/></imsss:rollupConditions><imsss:rollupAction action="completed"/></imsss:rollupRule></imsss:rollupRules>
      <imsss:objectives><imsss:primaryObjective objectiveID="shared-primary"/></imsss:objectives>
      <imsss:deliveryControls tracked="false"/>
      <adlseq:rollupConsiderations requiredForSatisfied="ifAttempted"/>
    </imsss:sequencing>
  </imsss:sequencingCollection>
</manifest>"#
    )
}

fn resolved_item_sequencing(item_sequencing: &str) -> learnwire_scorm::manifest::Sequencing {
    let xml = with_collection(item_sequencing);
    let manifest = parse_manifest(xml.as_bytes(), &Options::new(Profile::Strict))
        .unwrap_or_else(|report| panic!("{report:#?}"));
    let item = &manifest.default_organization().unwrap().items[0];
    let local = item.sequencing.as_ref().unwrap();
    manifest.resolve_sequencing(local).into_owned()
}

#[test]
fn idref_takes_the_collection_member_when_nothing_is_written_locally() {
    let seq = resolved_item_sequencing(r#"<imsss:sequencing IDRef="SHARED"/>"#);
    assert_eq!(seq.id_ref.as_deref(), Some("SHARED"));
    assert_eq!(seq.id, None);
    assert!(!seq.control_mode.choice && seq.control_mode.flow);
    assert_eq!(seq.sequencing_rules.pre_condition.len(), 1);
    assert_eq!(seq.sequencing_rules.post_condition.len(), 1);
    assert_eq!(seq.limit_conditions.attempt_limit, Some(3));
    assert_eq!(seq.rollup_rules.objective_measure_weight, 0.5);
    assert_eq!(seq.rollup_rules.rules.len(), 1);
    assert!(!seq.delivery_controls.tracked);
    assert_eq!(
        seq.objectives.as_ref().unwrap().primary.id.as_deref(),
        Some("shared-primary")
    );
    assert_eq!(
        seq.rollup_considerations.required_for_satisfied,
        "ifAttempted"
    );
}

#[test]
fn idref_local_attributes_override_one_by_one_and_local_lists_replace() {
    let seq = resolved_item_sequencing(
        r#"<imsss:sequencing IDRef="SHARED">
          <imsss:controlMode choice="true"/>
          <imsss:sequencingRules>
            <imsss:preConditionRule><imsss:ruleConditions><imsss:ruleCondition condition="attempted"/></imsss:ruleConditions><imsss:ruleAction action="disabled"/></imsss:preConditionRule>
          </imsss:sequencingRules>
          <imsss:rollupRules/>
          <imsss:objectives><imsss:primaryObjective objectiveID="own"/></imsss:objectives>
          <imsss:deliveryControls completionSetByContent="true"/>
        </imsss:sequencing>"#,
    );
    // Written locally, even with the default value: it wins over the collection's false.
    assert!(seq.control_mode.choice);
    // Not written locally: the collection's.
    assert!(seq.control_mode.flow);
    assert!(!seq.delivery_controls.tracked);
    assert!(seq.delivery_controls.completion_set_by_content);
    assert_eq!(seq.limit_conditions.attempt_limit, Some(3));
    // Pre-condition rules replaced, post-condition rules kept.
    assert_eq!(seq.sequencing_rules.pre_condition.len(), 1);
    assert_eq!(seq.sequencing_rules.pre_condition[0].action, "disabled");
    assert_eq!(seq.sequencing_rules.post_condition[0].action, "continue");
    // A rollupRules element replaces the rules (none here) but not the attributes it does not write.
    assert!(seq.rollup_rules.rules.is_empty());
    assert_eq!(seq.rollup_rules.objective_measure_weight, 0.5);
    assert_eq!(
        seq.objectives.as_ref().unwrap().primary.id.as_deref(),
        Some("own")
    );
}

#[test]
fn an_unresolved_idref_leaves_the_local_sequencing() {
    let xml = with_collection(
        r#"<imsss:sequencing IDRef="NOWHERE"><imsss:controlMode flow="true"/></imsss:sequencing>"#,
    );
    let check = check_manifest(xml.as_bytes(), &Options::default());
    assert_error(&check, "scorm.sequencing.idref-unresolved");
    let manifest = check.manifest.as_ref().unwrap();
    let local = manifest.default_organization().unwrap().items[0]
        .sequencing
        .as_ref()
        .unwrap();
    let resolved = manifest.resolve_sequencing(local);
    assert!(matches!(resolved, std::borrow::Cow::Borrowed(_)));
    assert!(
        resolved.control_mode.choice,
        "the default, not the collection's"
    );
    // The tree walk gives the same resolved sequencing.
    let xml = with_collection(r#"<imsss:sequencing IDRef="SHARED"/>"#);
    let check = check_manifest(xml.as_bytes(), &Options::default());
    let entry = check.items().next().unwrap();
    assert!(!entry.sequencing().unwrap().control_mode.choice);
    assert_eq!(entry.launch.unwrap().url, "a.html");
}

#[test]
fn every_code_in_a_report_is_listed() {
    let mut reports = vec![
        check_zip(b"nothing".to_vec(), &Options::default()),
        check_manifest(b"<!DOCTYPE x><x/>", &Options::default()),
        check_manifest(
            with_collection(r#"<imsss:sequencing IDRef="NOWHERE"/>"#).as_bytes(),
            &Options::new(Profile::Strict),
        ),
    ];
    reports.push(check_zip(
        tiny_zip(&[("imsmanifest.xml", baseline().as_bytes()), ("../x", b"x")]),
        &Options::new(Profile::Strict),
    ));
    for check in &reports {
        for issue in check.report.issues() {
            let listed = CODES
                .iter()
                .chain(PACKAGE_CODES)
                .find(|info| info.code == issue.code)
                .unwrap_or_else(|| panic!("{} is not listed", issue.code));
            if issue.severity == learnwire_scorm::Severity::Error {
                assert_eq!(listed.severity, learnwire_scorm::Severity::Error);
            }
        }
    }
    assert_eq!(CODES.len(), learnwire_scorm::rules::ALL.len());
}
