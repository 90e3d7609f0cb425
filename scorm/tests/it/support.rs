//! Fixture builders.

use learnwire_scorm::{ManifestCheck, Options, Profile, check_manifest};

/// A SCORM 1.2 manifest with `resources` and `items` spliced in.
pub(crate) fn scorm12(items: &str, resources: &str) -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<manifest identifier="MANIFEST" version="1.0" xmlns="http://www.imsproject.org/xsd/imscp_rootv1p1p2"
    xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_rootv1p2">
  <metadata><schema>ADL SCORM</schema><schemaversion>1.2</schemaversion></metadata>
  <organizations default="ORG">
    <organization identifier="ORG"><title>Course</title>
{items}
    </organization>
  </organizations>
  <resources>
{resources}
  </resources>
</manifest>"#
    )
}

/// The SCO-01 baseline: one item, one SCO resource.
pub(crate) fn baseline() -> String {
    scorm12(
        r#"<item identifier="ITEM-1" identifierref="RES-1"><title>Lesson</title></item>"#,
        r#"<resource identifier="RES-1" type="webcontent" adlcp:scormtype="sco" href="content/index.html">
  <file href="content/index.html"/>
</resource>"#,
    )
}

/// A resource with this href (and a matching file), launched by one item.
pub(crate) fn with_href(href: &str) -> String {
    scorm12(
        r#"<item identifier="ITEM-1" identifierref="RES-1"><title>Lesson</title></item>"#,
        &format!(
            r#"<resource identifier="RES-1" type="webcontent" adlcp:scormtype="sco" href="{href}"><file href="{href}"/></resource>"#
        ),
    )
}

pub(crate) fn lenient(bytes: &[u8]) -> ManifestCheck {
    check_manifest(bytes, &Options::default())
}

pub(crate) fn strict(bytes: &[u8]) -> ManifestCheck {
    check_manifest(bytes, &Options::new(Profile::Strict))
}

/// Asserts the check has an error with this code, naming every issue when not.
pub(crate) fn assert_error(check: &ManifestCheck, code: &str) {
    assert!(
        check
            .report
            .errors()
            .any(|issue| issue.code.as_str() == code),
        "expected error {code}, got {:#?}",
        check.report.issues()
    );
}
