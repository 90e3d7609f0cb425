//! Fixture builders: course structures and zips (stored, deflated, symbolic links).

use std::io::Write;

/// The cmi5 namespace.
pub(crate) const NS: &str = "https://w3id.org/xapi/profiles/cmi5/v1/CourseStructure.xsd";

/// A course structure with `members` (AUs and blocks) spliced in after the course.
pub(crate) fn course(members: &str) -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<courseStructure xmlns="{NS}">
  <course id="https://example.com/course">
    <title><langstring lang="en-US">Course</langstring></title>
    <description><langstring lang="en-US">About</langstring></description>
  </course>
{members}
</courseStructure>"#
    )
}

/// One AU with these attributes and url.
pub(crate) fn au(id: &str, attributes: &str, url: &str) -> String {
    format!(
        r#"<au id="{id}" {attributes}><title><langstring>AU</langstring></title><description><langstring/></description><url>{url}</url></au>"#
    )
}

/// The CMI-01 baseline: one AU, moveOn CompletedOrPassed, masteryScore 0.8, AnyWindow,
/// `content/index.html`.
pub(crate) fn baseline() -> String {
    course(&au(
        "https://example.com/au/1",
        r#"moveOn="CompletedOrPassed" masteryScore="0.8" launchMethod="AnyWindow""#,
        "content/index.html",
    ))
}

/// How a zip entry is written.
#[derive(Clone, Copy)]
pub(crate) enum Kind {
    Stored,
    Deflated,
    Symlink,
}

/// A zip of `entries`: UTF-8 names, Unix "made by", no extras.
pub(crate) fn zip(entries: &[(&str, &[u8], Kind)]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut central = Vec::new();
    for (name, data, kind) in entries {
        let crc = crc32fast::hash(data);
        let (method, body): (u16, Vec<u8>) = match kind {
            Kind::Deflated => {
                let mut encoder =
                    flate2::write::DeflateEncoder::new(Vec::new(), flate2::Compression::best());
                encoder.write_all(data).unwrap();
                (8, encoder.finish().unwrap())
            }
            _ => (0, data.to_vec()),
        };
        let external: u32 = match kind {
            Kind::Symlink => 0o120_777 << 16,
            _ => 0o100_644 << 16,
        };
        let offset = out.len() as u32;
        let header = |signature: u32, central_record: bool| {
            let mut h = Vec::new();
            h.extend_from_slice(&signature.to_le_bytes());
            if central_record {
                h.extend_from_slice(&(0x0314u16).to_le_bytes());
            }
            h.extend_from_slice(&20u16.to_le_bytes());
            h.extend_from_slice(&0x0800u16.to_le_bytes());
            h.extend_from_slice(&method.to_le_bytes());
            h.extend_from_slice(&0u16.to_le_bytes());
            h.extend_from_slice(&0x21u16.to_le_bytes());
            h.extend_from_slice(&crc.to_le_bytes());
            h.extend_from_slice(&(body.len() as u32).to_le_bytes());
            h.extend_from_slice(&(data.len() as u32).to_le_bytes());
            h.extend_from_slice(&(name.len() as u16).to_le_bytes());
            h.extend_from_slice(&0u16.to_le_bytes());
            if central_record {
                h.extend_from_slice(&0u16.to_le_bytes());
                h.extend_from_slice(&0u16.to_le_bytes());
                h.extend_from_slice(&0u16.to_le_bytes());
                h.extend_from_slice(&external.to_le_bytes());
                h.extend_from_slice(&offset.to_le_bytes());
            }
            h.extend_from_slice(name.as_bytes());
            h
        };
        out.extend(header(0x0403_4b50, false));
        out.extend_from_slice(&body);
        central.extend(header(0x0201_4b50, true));
    }
    let central_offset = out.len() as u32;
    out.extend_from_slice(&central);
    out.extend_from_slice(&0x0605_4b50u32.to_le_bytes());
    out.extend_from_slice(&[0, 0, 0, 0]);
    out.extend_from_slice(&(entries.len() as u16).to_le_bytes());
    out.extend_from_slice(&(entries.len() as u16).to_le_bytes());
    out.extend_from_slice(&(central.len() as u32).to_le_bytes());
    out.extend_from_slice(&central_offset.to_le_bytes());
    out.extend_from_slice(&0u16.to_le_bytes());
    out
}

/// A stored zip of `files` (the testkit's writer).
pub(crate) fn stored(files: &[(&str, &[u8])]) -> Vec<u8> {
    learnwire_testkit::tiny_zip(files)
}

/// The codes of the report's errors.
pub(crate) fn error_codes(report: &learnwire_cmi5::Report) -> Vec<&'static str> {
    report.errors().map(|issue| issue.code.as_str()).collect()
}

/// A scratch folder removed on drop.
pub(crate) struct TempDir(pub(crate) std::path::PathBuf);

impl TempDir {
    pub(crate) fn new(name: &str) -> Self {
        let path = std::env::temp_dir().join(format!(
            "learnwire-cmi5-{name}-{}-{:?}",
            std::process::id(),
            std::thread::current().id()
        ));
        let _ = std::fs::remove_dir_all(&path);
        std::fs::create_dir_all(&path).unwrap();
        Self(path)
    }

    pub(crate) fn write(&self, name: &str, bytes: &[u8]) -> std::path::PathBuf {
        let path = self.0.join(name);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).unwrap();
        }
        std::fs::write(&path, bytes).unwrap();
        path
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}
