//! What `manifest.rs` and `growth.rs` both measure on: the generated manifest and the floor scan.

use quick_xml::events::Event;
use quick_xml::reader::NsReader;

/// A SCORM 2004 manifest of `items` items (a multiple of 100) in chapters of 100, each with its own
/// resource and file, under an `xml:base`.
pub(crate) fn manifest(items: usize) -> String {
    let mut xml = String::from(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<manifest identifier="BENCH" xmlns="http://www.imsglobal.org/xsd/imscp_v1p1" xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_v1p3" xmlns:imsss="http://www.imsglobal.org/xsd/imsss">
  <metadata><schema>ADL SCORM</schema><schemaversion>2004 4th Edition</schemaversion></metadata>
  <organizations default="ORG"><organization identifier="ORG"><title>Big course</title>
"#,
    );
    for chapter in 0..items / 100 {
        xml.push_str(&format!(
            "    <item identifier=\"CH{chapter}\"><title>Chapter {chapter}</title>\n"
        ));
        for n in 0..100 {
            let id = chapter * 100 + n;
            xml.push_str(&format!(
                "      <item identifier=\"IT{id}\" identifierref=\"RES{id}\" parameters=\"?page={id}\"><title>Lesson {id}</title></item>\n"
            ));
        }
        xml.push_str("    </item>\n");
    }
    xml.push_str("  </organization></organizations>\n  <resources xml:base=\"content/\">\n");
    for id in 0..items {
        xml.push_str(&format!(
            "    <resource identifier=\"RES{id}\" type=\"webcontent\" adlcp:scormType=\"sco\" href=\"lesson{id}/index.html\"><file href=\"lesson{id}/index.html\"/></resource>\n"
        ));
    }
    xml.push_str("  </resources>\n</manifest>\n");
    xml
}

/// The floor: an `NsReader` loop resolving namespaces and reading every attribute.
pub(crate) fn ns_scan(text: &str) -> usize {
    let mut reader = NsReader::from_str(text);
    let mut count = 0;
    loop {
        match reader.read_resolved_event().unwrap() {
            (_, Event::Eof) => return count,
            (_, Event::Start(start) | Event::Empty(start)) => {
                for attr in start.attributes() {
                    count += attr.unwrap().value.len();
                }
            }
            _ => count += 1,
        }
    }
}
