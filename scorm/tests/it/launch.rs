//! Versions, launches, parameters, xml:base, profiles and the model's defaults.

use learnwire_scorm::{Options, Profile, Version, check_manifest};

use crate::support::{assert_error, lenient, scorm12, strict};

fn scorm2004(schemaversion: &str, body: &str) -> String {
    format!(
        r#"<manifest identifier="M" xmlns="http://www.imsglobal.org/xsd/imscp_v1p1"
    xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_v1p3" xmlns:imsss="http://www.imsglobal.org/xsd/imsss"
    xmlns:adlnav="http://www.adlnet.org/xsd/adlnav_v1p3" xmlns:adlseq="http://www.adlnet.org/xsd/adlseq_v1p3">
  <metadata><schema>ADL SCORM</schema><schemaversion>{schemaversion}</schemaversion></metadata>
  {body}
</manifest>"#
    )
}

const ORG_2004: &str = r##"<organizations default="ORG"><organization identifier="ORG"><title>T</title>
  <item identifier="I1" identifierref="R1" parameters="#start"><title>One</title>
    <adlcp:completionThreshold completedByMeasure="true" minProgressMeasure="0.8"/>
    <imsss:sequencing><imsss:controlMode flow="true"/>
      <imsss:objectives><imsss:primaryObjective objectiveID="p" satisfiedByMeasure="true">
        <imsss:minNormalizedMeasure>0.6</imsss:minNormalizedMeasure>
        <imsss:mapInfo targetObjectiveID="g" writeSatisfiedStatus="true"/></imsss:primaryObjective>
      </imsss:objectives></imsss:sequencing>
    <adlnav:presentation><adlnav:navigationInterface><adlnav:hideLMSUI>suspendAll</adlnav:hideLMSUI></adlnav:navigationInterface></adlnav:presentation>
  </item></organization></organizations>
<resources xml:base="course/"><resource identifier="R1" type="webcontent" adlcp:scormType="sco" xml:base="sco1/" href="index.html?a=1"><file href="index.html"/></resource></resources>"##;

#[test]
fn versions_display_and_detect() {
    for (schemaversion, version) in [
        ("CAM 1.3", Version::Scorm2004Edition2),
        ("2004 3rd Edition", Version::Scorm2004Edition3),
        ("2004 4th Edition", Version::Scorm2004Edition4),
    ] {
        let check = lenient(scorm2004(schemaversion, ORG_2004).as_bytes());
        assert!(check.is_valid(), "{schemaversion}: {:#?}", check.report);
        assert_eq!(check.version, Some(version));
    }
    assert_eq!(Version::Scorm12.to_string(), "1.2");
    assert_eq!(Version::Scorm2004Edition2.to_string(), "2004 2nd Edition");
    assert_eq!(Version::Scorm2004Edition3.to_string(), "2004 3rd Edition");
}

#[test]
fn launch_applies_bases_query_and_parameters_and_defaults_are_visible() {
    let check = lenient(scorm2004("2004 4th Edition", ORG_2004).as_bytes());
    assert_eq!(check.launches.len(), 1);
    assert_eq!(check.launches[0].item, "I1");
    assert_eq!(check.launches[0].url, "course/sco1/index.html?a=1#start");
    let manifest = check.manifest.unwrap();
    let item = &manifest.organizations.list[0].items[0];
    assert!(item.isvisible);
    let threshold = item.completion_threshold.unwrap();
    assert!(threshold.completed_by_measure);
    assert!((threshold.min_progress_measure - 0.8).abs() < 1e-9);
    assert!((threshold.progress_weight - 1.0).abs() < 1e-9);
    let sequencing = item.sequencing.as_ref().unwrap();
    assert!(sequencing.control_mode.flow);
    assert!(sequencing.control_mode.choice, "default true");
    assert!(!sequencing.control_mode.forward_only, "default false");
    assert!(sequencing.delivery_controls.tracked);
    assert_eq!(sequencing.randomization_controls.selection_timing, "never");
    let primary = &sequencing.objectives.as_ref().unwrap().primary;
    assert!((primary.min_normalized_measure - 0.6).abs() < 1e-9);
    assert!(primary.map_info[0].read_satisfied_status, "default true");
    assert!(primary.map_info[0].write_satisfied_status);
    assert_eq!(
        item.presentation.as_ref().unwrap().hide_lms_ui,
        vec!["suspendAll"]
    );
}

#[test]
fn prefixes_do_not_matter_namespaces_do() {
    let xml = scorm12(
        r#"<item identifier="I" identifierref="R"><title>L</title></item>"#,
        r#"<resource identifier="R" type="webcontent" zz:scormtype="sco" href="a.html" xmlns:zz="http://www.adlnet.org/xsd/adlcp_rootv1p2"><file href="a.html"/></resource>"#,
    )
    .replace("xmlns=\"http://www.imsproject.org/xsd/imscp_rootv1p1p2\"", "xmlns:cp=\"http://www.imsproject.org/xsd/imscp_rootv1p1p2\" xmlns=\"http://www.imsproject.org/xsd/imscp_rootv1p1p2\"");
    let check = strict(xml.as_bytes());
    assert!(check.is_valid(), "{:#?}", check.report);
    // The same names in another namespace are not a manifest.
    let wrong = xml.replace(
        "http://www.imsproject.org/xsd/imscp_rootv1p1p2",
        "urn:not-ims",
    );
    assert_error(&lenient(wrong.as_bytes()), "scorm.manifest.root");
}

#[test]
fn strict_only_rules_are_warnings_in_lenient() {
    let xml = scorm12(
        r#"<item identifier="I" identifierref="R"><title>L</title></item>"#,
        r#"<resource identifier="R" type="webcontent" href="a.html"><file href="a.html"/></resource>"#,
    );
    let relaxed = lenient(xml.as_bytes());
    assert!(relaxed.is_valid());
    assert!(relaxed.report.has_code("scorm.resource.scorm-type-missing"));
    assert_error(&strict(xml.as_bytes()), "scorm.resource.scorm-type-missing");
    assert_eq!(relaxed.launches[0].scorm_type, None);
}

/// S12-17 is a recommendation (W) while its 2004 counterpart S04-32 is an S rule: a 1.2 resource whose
/// href is not also a `file` (Rustici's golf examples launch `shared/launchpage.html?content=...`) is a
/// warning in both profiles, and the 2004 rule keeps its strict error.
#[test]
fn scorm12_href_not_listed_as_a_file_is_a_warning_in_both_profiles() {
    let xml = scorm12(
        r#"<item identifier="I" identifierref="R"><title>L</title></item>"#,
        r#"<resource identifier="R" type="webcontent" adlcp:scormtype="sco" href="shared/launch.html?content=one"><file href="one/page.html"/></resource>"#,
    );
    for check in [lenient(xml.as_bytes()), strict(xml.as_bytes())] {
        assert!(check.is_valid(), "{:#?}", check.report);
        let issue = check
            .report
            .issues()
            .iter()
            .find(|issue| issue.code.as_str() == "scorm.resource.href-not-in-files-12")
            .unwrap_or_else(|| panic!("{:#?}", check.report));
        assert_eq!(issue.severity, learnwire_report::Severity::Warning);
        assert!(!check.report.has_code("scorm.resource.href-not-in-files"));
    }
    let xml_2004 = scorm2004("2004 4th Edition", ORG_2004).replace(
        r#"<file href="index.html"/>"#,
        r#"<file href="other.html"/>"#,
    );
    let relaxed = lenient(xml_2004.as_bytes());
    assert!(relaxed.is_valid(), "{:#?}", relaxed.report);
    assert!(relaxed.report.has_code("scorm.resource.href-not-in-files"));
    assert_error(
        &strict(xml_2004.as_bytes()),
        "scorm.resource.href-not-in-files",
    );
    assert!(
        !relaxed
            .report
            .has_code("scorm.resource.href-not-in-files-12")
    );
}

/// A launched href that resolves to the package root or a folder, or carries only a query or fragment,
/// names nothing to launch: an error in both profiles, at the launching item, and no launch URL.
#[test]
fn a_launch_href_that_names_no_file_is_an_error_in_both_profiles() {
    for href in [
        "",
        ".",
        "?x=1",
        "#frag",
        "./",
        " ",
        "content/",
        "content/..",
        "%2e",
        "a/%2E%2E",
    ] {
        let xml = scorm12(
            r#"<item identifier="I" identifierref="R"><title>L</title></item>"#,
            &format!(
                r#"<resource identifier="R" type="webcontent" adlcp:scormtype="sco" href="{href}"><file href="content/index.html"/></resource>"#
            ),
        );
        for check in [lenient(xml.as_bytes()), strict(xml.as_bytes())] {
            assert_error(&check, "scorm.href.no-file");
            let issue = check
                .report
                .errors()
                .find(|issue| issue.code.as_str() == "scorm.href.no-file")
                .unwrap();
            assert!(
                issue.location.to_string().contains("/item[1]"),
                "{href:?}: {}",
                issue.location
            );
            assert!(check.launches.is_empty(), "{href:?}: {:?}", check.launches);
        }
    }
    // Through xml:base too: the base names a folder and the href adds nothing.
    let xml = scorm12(
        r#"<item identifier="I" identifierref="R"><title>L</title></item>"#,
        r#"<resource identifier="R" type="webcontent" adlcp:scormtype="sco" xml:base="content/" href="?page=1"><file href="index.html"/></resource>"#,
    );
    assert_error(&strict(xml.as_bytes()), "scorm.href.no-file");
    // A resource no item launches is not reported for it.
    let xml = scorm12(
        r#"<item identifier="I" identifierref="R"><title>L</title></item>"#,
        r#"<resource identifier="R" type="webcontent" adlcp:scormtype="sco" href="a.html" ><file href="a.html"/><dependency identifierref="D"/></resource>
<resource identifier="D" type="webcontent" adlcp:scormtype="asset" href=""><file href="lib.js"/></resource>"#,
    );
    let check = strict(xml.as_bytes());
    assert!(check.is_valid(), "{:#?}", check.report);
}

#[test]
fn a_file_that_names_no_file_is_an_error_in_both_profiles() {
    for file in [".", "", "./", "content/", "?x=1"] {
        let xml = scorm12(
            r#"<item identifier="I" identifierref="R"><title>L</title></item>"#,
            &format!(
                r#"<resource identifier="R" type="webcontent" adlcp:scormtype="sco" href="index.html"><file href="index.html"/><file href="{file}"/></resource>"#
            ),
        );
        for check in [lenient(xml.as_bytes()), strict(xml.as_bytes())] {
            assert_error(&check, "scorm.href.no-file");
            let issue = check
                .report
                .errors()
                .find(|issue| issue.code.as_str() == "scorm.href.no-file")
                .unwrap();
            assert!(
                issue.location.to_string().contains("/file[2]"),
                "{file:?}: {}",
                issue.location
            );
            assert_eq!(check.launches.len(), 1);
        }
    }
}

#[test]
fn external_launch_is_a_warning_and_parameters_merge() {
    let xml = scorm12(
        r#"<item identifier="I" identifierref="R" parameters="?x=1"><title>L</title></item>"#,
        r#"<resource identifier="R" type="webcontent" adlcp:scormtype="asset" href="https://cdn.example/a.html?y=2"/>"#,
    );
    let check = lenient(xml.as_bytes());
    assert!(check.is_valid(), "{:#?}", check.report);
    assert!(check.report.has_code("scorm.href.external"));
    assert_eq!(check.launches[0].url, "https://cdn.example/a.html?y=2&x=1");
    let mut options = Options::new(Profile::Strict);
    options.allow_external_launch_urls_silently = true;
    assert!(
        !check_manifest(xml.as_bytes(), &options)
            .report
            .has_code("scorm.href.external")
    );
}

#[test]
fn scorm12_item_extensions_are_checked() {
    let xml = scorm12(
        r#"<item identifier="I" identifierref="R"><title>L</title>
  <adlcp:masteryscore>101</adlcp:masteryscore><adlcp:maxtimeallowed>1:00</adlcp:maxtimeallowed>
  <adlcp:timelimitaction>stop</adlcp:timelimitaction><adlcp:prerequisites>I</adlcp:prerequisites></item>"#,
        r#"<resource identifier="R" type="webcontent" adlcp:scormtype="sco" href="a.html"><file href="a.html"/></resource>"#,
    );
    let check = lenient(xml.as_bytes());
    for code in [
        "scorm.item.mastery-score-invalid",
        "scorm.item.max-time-allowed-invalid",
        "scorm.item.time-limit-action-invalid",
        "scorm.item.prerequisites-invalid",
    ] {
        assert_error(&check, code);
    }
}

#[test]
fn missing_pieces_are_all_reported_with_positions() {
    let xml = scorm12(
        r#"<item identifierref="R"><title>L</title></item><item identifier="J" identifierref="R2"/>"#,
        r#"<resource identifier="R" type="webcontent" adlcp:scormtype="sco"/>
<resource identifier="R2" adlcp:scormtype="bogus" href="b.html"><dependency identifierref="ZZ"/></resource>"#,
    )
    .replace("<title>Course</title>", "");
    let check = lenient(xml.as_bytes());
    for code in [
        "scorm.item.identifier-missing",
        "scorm.item.title-missing",
        "scorm.organization.title-missing",
        "scorm.resource.href-missing",
        "scorm.resource.type-missing",
        "scorm.resource.scorm-type-invalid",
        "scorm.dependency.identifierref-unresolved",
    ] {
        assert_error(&check, code);
    }
    let item = check
        .report
        .issues()
        .iter()
        .find(|i| i.code.as_str() == "scorm.item.identifier-missing")
        .unwrap();
    assert_eq!(
        item.location.to_string(),
        "imsmanifest.xml:/manifest/organizations/organization[1]/item[1] (line 7, column 1)"
    );
}

#[test]
fn sequencing_vocabularies_and_references() {
    let body = r#"<organizations default="ORG"><organization identifier="ORG"><title>T</title>
  <item identifier="I1" identifierref="R1"><title>One</title>
    <imsss:sequencing IDRef="NOPE"><imsss:controlMode flow="maybe"/>
      <imsss:sequencingRules><imsss:postConditionRule><imsss:ruleConditions><imsss:ruleCondition condition="sunny"/></imsss:ruleConditions><imsss:ruleAction action="fly"/></imsss:postConditionRule></imsss:sequencingRules>
    </imsss:sequencing></item>
  <imsss:sequencing><imsss:sequencingRules><imsss:postConditionRule><imsss:ruleConditions><imsss:ruleCondition condition="always"/></imsss:ruleConditions><imsss:ruleAction action="previous"/></imsss:postConditionRule></imsss:sequencingRules></imsss:sequencing>
  </organization></organizations>
<resources><resource identifier="R1" type="webcontent" adlcp:scormType="sco" href="a.html"><file href="a.html"/></resource></resources>
<imsss:sequencingCollection><imsss:sequencing ID="S1"/></imsss:sequencingCollection>"#;
    let check = lenient(scorm2004("2004 4th Edition", body).as_bytes());
    for code in [
        "scorm.sequencing.value-invalid",
        "scorm.sequencing.idref-unresolved",
        "scorm.sequencing.organization-action",
    ] {
        assert_error(&check, code);
    }
}

#[test]
fn items_referencing_a_sub_manifest_launch_its_default_organization() {
    let xml = scorm12(
        r#"<item identifier="I" identifierref="SUB"><title>Imported</title></item>"#,
        r#"<resource identifier="R" type="webcontent" adlcp:scormtype="asset" href="a.html"><file href="a.html"/></resource>"#,
    )
    .replace(
        "</manifest>",
        r#"<manifest identifier="SUB" xml:base="sub/"><organizations default="SO"><organization identifier="SO"><title>S</title>
  <item identifier="SI" identifierref="SR"><title>Inner</title></item></organization></organizations>
  <resources><resource identifier="SR" type="webcontent" adlcp:scormtype="sco" href="s.html"><file href="s.html"/></resource></resources>
</manifest></manifest>"#,
    );
    let check = lenient(xml.as_bytes());
    assert!(check.is_valid(), "{:#?}", check.report);
    assert!(check.report.has_code("scorm.submanifest.referenced"));
    assert_eq!(check.launches.len(), 1);
    assert_eq!(check.launches[0].item, "SI");
    assert_eq!(check.launches[0].url, "sub/s.html");
}

#[test]
fn version_signals_conflict_or_are_missing() {
    // schemaversion says 2004 but the namespaces are SCORM 1.2 ones (V-04): strict-only error.
    let conflict = scorm12(
        r#"<item identifier="I" identifierref="R"><title>L</title></item>"#,
        r#"<resource identifier="R" type="webcontent" adlcp:scormtype="sco" href="a.html"><file href="a.html"/></resource>"#,
    )
    .replace("<schemaversion>1.2</schemaversion>", "<schemaversion>2004 4th Edition</schemaversion>");
    let relaxed = lenient(conflict.as_bytes());
    assert!(relaxed.is_valid(), "{:#?}", relaxed.report);
    assert_eq!(relaxed.version, Some(Version::Scorm12), "namespaces win");
    assert_error(&strict(conflict.as_bytes()), "scorm.version.conflict");
    // A plain IMS content package is not SCORM (V-06).
    let plain = r#"<manifest identifier="M" xmlns="http://www.imsglobal.org/xsd/imscp_v1p1"><organizations/><resources/></manifest>"#;
    assert_error(&lenient(plain.as_bytes()), "scorm.version.unknown");
    // X-03: declared Latin-1 over UTF-8 bytes is decoded as declared, with a warning.
    let mojibake = scorm12(
        r#"<item identifier="I" identifierref="R"><title>Café</title></item>"#,
        r#"<resource identifier="R" type="webcontent" adlcp:scormtype="sco" href="a.html"><file href="a.html"/></resource>"#,
    )
    .replacen("UTF-8", "ISO-8859-1", 1);
    let check = lenient(mojibake.as_bytes());
    assert!(check.is_valid());
    assert!(check.report.has_code("scorm.xml.encoding-suspect"));
}

#[test]
fn identifiers_are_unique_across_sub_manifests_and_whitespace_collapsed() {
    let xml = scorm12(
        r#"<item identifier="  I  " identifierref=" R "><title>L</title></item>"#,
        r#"<resource identifier="R" type="webcontent" adlcp:scormtype="sco" href="a.html"><file href="a.html"/></resource>"#,
    )
    .replace(
        "</manifest>",
        r#"<manifest identifier="I"><organizations/><resources/></manifest></manifest>"#,
    );
    let check = lenient(xml.as_bytes());
    assert_error(&check, "scorm.id.duplicate");
    assert_eq!(check.launches[0].item, "I");
}
