//! A raw zip writer for tests: every header field is ours to forge.

use std::io::Write;

/// One entry to write. Fields are written exactly as given, so they can lie.
#[derive(Clone, Debug)]
pub(crate) struct Spec {
    pub(crate) name: Vec<u8>,
    pub(crate) local_name: Vec<u8>,
    pub(crate) payload: Vec<u8>,
    pub(crate) method: u16,
    pub(crate) flags: u16,
    pub(crate) local_flags: Option<u16>,
    pub(crate) crc: u32,
    pub(crate) size: u32,
    pub(crate) csize: u32,
    /// Sizes/CRC in the local header (None: same as central, or 0 with flag bit 3).
    pub(crate) local_sizes: Option<(u32, u32, u32)>,
    pub(crate) made_by: u16,
    pub(crate) ext_attr: u32,
    pub(crate) extra: Vec<u8>,
    /// A different extra field for the local header (None: the same as the central one).
    pub(crate) local_extra: Option<Vec<u8>>,
    /// Point this record at entry k's local header instead of writing one.
    pub(crate) point_at: Option<usize>,
    /// Write a data descriptor after the data.
    pub(crate) descriptor: bool,
    /// Start the data descriptor with its (optional) signature `PK\x07\x08`.
    pub(crate) descriptor_signature: bool,
    /// Write the local entry but leave it out of the central directory.
    pub(crate) hidden: bool,
}

impl Spec {
    pub(crate) fn stored(name: &str, data: &[u8]) -> Spec {
        Spec::raw(
            name.as_bytes(),
            data.to_vec(),
            0,
            crc32fast::hash(data),
            data.len(),
        )
    }

    pub(crate) fn deflated(name: &str, data: &[u8]) -> Spec {
        let mut encoder =
            flate2::write::DeflateEncoder::new(Vec::new(), flate2::Compression::default());
        encoder.write_all(data).unwrap();
        let payload = encoder.finish().unwrap();
        Spec::raw(
            name.as_bytes(),
            payload,
            8,
            crc32fast::hash(data),
            data.len(),
        )
    }

    pub(crate) fn dir(name: &str) -> Spec {
        let mut spec = Spec::raw(name.as_bytes(), Vec::new(), 0, 0, 0);
        spec.ext_attr = (0o040_755 << 16) | 0x10;
        spec
    }

    pub(crate) fn raw(name: &[u8], payload: Vec<u8>, method: u16, crc: u32, size: usize) -> Spec {
        let csize = u32::try_from(payload.len()).unwrap();
        Spec {
            name: name.to_vec(),
            local_name: name.to_vec(),
            payload,
            method,
            flags: 0x0800,
            local_flags: None,
            crc,
            size: u32::try_from(size).unwrap(),
            csize,
            local_sizes: None,
            made_by: 0x031E,
            ext_attr: 0o100_644 << 16,
            extra: Vec::new(),
            local_extra: None,
            point_at: None,
            descriptor: false,
            descriptor_signature: true,
            hidden: false,
        }
    }

    pub(crate) fn with_name_bytes(mut self, name: &[u8]) -> Spec {
        self.name = name.to_vec();
        self.local_name = name.to_vec();
        self
    }
}

/// Archive-level forgeries.
#[derive(Clone, Debug, Default)]
pub(crate) struct Layout {
    pub(crate) prefix: Vec<u8>,
    /// Entry count written in the end record (None: the real count).
    pub(crate) count: Option<u16>,
    /// Write a ZIP64 end record with this count (the classic record then says 0xFFFF).
    pub zip64_count: Option<u64>,
    pub(crate) comment: Vec<u8>,
    pub(crate) trailing: Vec<u8>,
}

fn put16(out: &mut Vec<u8>, v: u16) {
    out.extend_from_slice(&v.to_le_bytes());
}
fn put32(out: &mut Vec<u8>, v: u32) {
    out.extend_from_slice(&v.to_le_bytes());
}
fn put64(out: &mut Vec<u8>, v: u64) {
    out.extend_from_slice(&v.to_le_bytes());
}

pub(crate) fn build(specs: &[Spec]) -> Vec<u8> {
    build_with(specs, &Layout::default())
}

pub(crate) fn build_with(specs: &[Spec], layout: &Layout) -> Vec<u8> {
    let mut out = layout.prefix.clone();
    let mut offsets = Vec::new();
    for spec in specs {
        offsets.push(u32::try_from(out.len()).unwrap());
        if spec.point_at.is_some() {
            continue;
        }
        out.extend_from_slice(&local_record(spec));
    }
    let cd_offset = out.len();
    let mut listed = 0u32;
    for (i, spec) in specs.iter().enumerate() {
        if spec.hidden {
            continue;
        }
        listed += 1;
        let offset = match spec.point_at {
            Some(k) => offsets[k],
            None => offsets[i],
        };
        out.extend_from_slice(b"PK\x01\x02");
        put16(&mut out, spec.made_by);
        put16(&mut out, 20);
        put16(&mut out, spec.flags);
        put16(&mut out, spec.method);
        put32(&mut out, 0x0021_0000);
        put32(&mut out, spec.crc);
        put32(&mut out, spec.csize);
        put32(&mut out, spec.size);
        put16(&mut out, u16::try_from(spec.name.len()).unwrap());
        put16(&mut out, u16::try_from(spec.extra.len()).unwrap());
        put16(&mut out, 0);
        put16(&mut out, 0);
        put16(&mut out, 0);
        put32(&mut out, spec.ext_attr);
        put32(&mut out, offset);
        out.extend_from_slice(&spec.name);
        out.extend_from_slice(&spec.extra);
    }
    let cd_size = out.len() - cd_offset;
    let mut count = layout
        .count
        .unwrap_or(u16::try_from(listed).unwrap_or(0xFFFF));
    if let Some(count64) = layout.zip64_count {
        let eocd64 = out.len();
        out.extend_from_slice(b"PK\x06\x06");
        put64(&mut out, 44);
        put16(&mut out, 45);
        put16(&mut out, 45);
        put32(&mut out, 0);
        put32(&mut out, 0);
        put64(&mut out, count64);
        put64(&mut out, count64);
        put64(&mut out, cd_size as u64);
        put64(&mut out, cd_offset as u64);
        out.extend_from_slice(b"PK\x06\x07");
        put32(&mut out, 0);
        put64(&mut out, eocd64 as u64);
        put32(&mut out, 1);
        count = 0xFFFF;
    }
    out.extend_from_slice(b"PK\x05\x06");
    put16(&mut out, 0);
    put16(&mut out, 0);
    put16(&mut out, count);
    put16(&mut out, count);
    put32(&mut out, u32::try_from(cd_size).unwrap());
    put32(&mut out, u32::try_from(cd_offset).unwrap());
    put16(&mut out, u16::try_from(layout.comment.len()).unwrap());
    out.extend_from_slice(&layout.comment);
    out.extend_from_slice(&layout.trailing);
    out
}

/// The bytes `build` writes for one entry: local header, name, extra field, data and data descriptor.
pub(crate) fn local_record(spec: &Spec) -> Vec<u8> {
    let mut out = Vec::new();
    let flags = spec.local_flags.unwrap_or(spec.flags);
    let (crc, csize, size) = match spec.local_sizes {
        Some(sizes) => sizes,
        None if flags & 8 != 0 => (0, 0, 0),
        None => (spec.crc, spec.csize, spec.size),
    };
    let extra = spec.local_extra.as_ref().unwrap_or(&spec.extra);
    out.extend_from_slice(b"PK\x03\x04");
    put16(&mut out, 20);
    put16(&mut out, flags);
    put16(&mut out, spec.method);
    put32(&mut out, 0x0021_0000);
    put32(&mut out, crc);
    put32(&mut out, csize);
    put32(&mut out, size);
    put16(&mut out, u16::try_from(spec.local_name.len()).unwrap());
    put16(&mut out, u16::try_from(extra.len()).unwrap());
    out.extend_from_slice(&spec.local_name);
    out.extend_from_slice(extra);
    out.extend_from_slice(&spec.payload);
    if spec.descriptor {
        if spec.descriptor_signature {
            out.extend_from_slice(b"PK\x07\x08");
        }
        put32(&mut out, spec.crc);
        put32(&mut out, spec.csize);
        put32(&mut out, spec.size);
    }
    out
}

/// A small valid package: SCO-01's shape.
pub(crate) fn baseline() -> Vec<Spec> {
    vec![
        Spec::deflated(
            "imsmanifest.xml",
            b"<manifest identifier=\"m\"><organizations/><resources/></manifest>",
        ),
        Spec::dir("content/"),
        Spec::deflated(
            "content/index.html",
            &b"<html><body>hello</body></html>\n".repeat(20),
        ),
        Spec::stored("content/style.css", b"body{}"),
    ]
}
