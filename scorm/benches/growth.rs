//! How the cost of checking SCORM grows with size (issue #13):
//!
//! - `check_manifest` on generated manifests of 100, 10 000 and 100 000 items (each item its own
//!   resource and file; the generator of `benches/manifest.rs`), against the namespace-aware quick-xml
//!   scan with attributes of the same text;
//! - `check_zip` on stored zips of 10, 1 000 and 65 000 entries: a one-item manifest and the rest
//!   asset files, so what grows is the archive (central directory, names, collisions), not the manifest.
//!
//! Both should be linear: the cost per item and per entry stay flat.
//!
//! `cargo bench -p learnwire-scorm --bench growth` runs criterion, then prints the time per item and per
//! entry, fastest of interleaved runs. Wall time moves with the machine's load;
//! `scorm/benches/growth.sh` counts instructions per size with callgrind through the profiling hook
//! below.

#![allow(
    missing_docs,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::cast_possible_truncation,
    reason = "bench set-up on generated, known-good inputs; criterion generates undocumented items"
)]

use std::hint::black_box;
use std::time::{Duration, Instant};

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use learnwire_scorm::{Limits, Options, check_manifest, check_zip};
use learnwire_testkit::tiny_zip;

#[path = "common/input.rs"]
mod common;

use common::{manifest, ns_scan};

const ITEMS: [usize; 3] = [100, 10_000, 100_000];
const ENTRIES: [usize; 3] = [10, 1_000, 65_000];

/// Limits that let the largest inputs through: a 100 000-item manifest (about 28 MB, 400 000
/// elements) and a 65 000-entry zip.
fn options() -> Options {
    let mut options = Options::default();
    options.limits = Limits::default()
        .with_max_input_bytes(64 << 20)
        .with_max_elements(1_000_000);
    options.package_limits = learnwire_package::Limits::default().with_max_entries(100_000);
    options
}

/// A stored zip of `entries` entries: a one-item manifest, its launch file, and asset files.
fn zip(entries: usize) -> Vec<u8> {
    let manifest = r#"<?xml version="1.0" encoding="UTF-8"?>
<manifest identifier="ZIP" xmlns="http://www.imsglobal.org/xsd/imscp_v1p1" xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_v1p3">
  <metadata><schema>ADL SCORM</schema><schemaversion>2004 4th Edition</schemaversion></metadata>
  <organizations default="ORG"><organization identifier="ORG"><title>Course</title>
    <item identifier="IT" identifierref="RES"><title>Lesson</title></item>
  </organization></organizations>
  <resources><resource identifier="RES" type="webcontent" adlcp:scormType="sco" href="index.html"><file href="index.html"/></resource></resources>
</manifest>
"#;
    let names: Vec<String> = (2..entries)
        .map(|n| format!("assets/{}/file{n}.txt", n / 1_000))
        .collect();
    let mut files: Vec<(&str, &[u8])> = vec![
        ("imsmanifest.xml", manifest.as_bytes()),
        ("index.html", b"<html></html>"),
    ];
    files.extend(names.iter().map(|name| (name.as_str(), &b"x"[..])));
    tiny_zip(&files)
}

fn check_text(xml: &str, options: &Options) -> usize {
    let check = check_manifest(black_box(xml.as_bytes()), options);
    assert!(check.is_valid(), "{:?}", check.report.errors().next());
    check.launches.len()
}

fn check_archive(bytes: &[u8], options: &Options) -> usize {
    // check_zip takes the bytes; the copy is the caller's and is in the set-up count (see `zip-setup`).
    let check = check_zip(black_box(bytes.to_vec()), options);
    assert!(check.is_valid(), "{:?}", check.report.errors().next());
    check.launches.len()
}

/// Profiling hook: `LEARNWIRE_SCORM_GROWTH=<mode> <growth bench binary>` builds one input, runs the
/// named workload once and exits without criterion (for `valgrind --tool=callgrind`). Modes:
/// `manifest:N` checks an N-item manifest, `ns:N` scans it with `NsReader`, `manifest-setup:N` only
/// builds it; `zip:N` checks an N-entry zip, `zip-setup:N` only builds it (and copies it, as `zip:N`
/// does). Subtract the `-setup` count to get the workload's own instructions.
fn profile_once(mode: &str) {
    let (work, size) = mode.split_once(':').expect("mode:size");
    let size: usize = size.parse().expect("the size is a number");
    let options = options();
    match work {
        "manifest" => black_box(check_text(&manifest(size), &options)),
        "ns" => black_box(ns_scan(black_box(&manifest(size)))),
        "manifest-setup" => black_box(manifest(size).len()),
        "zip" => black_box(check_archive(&zip(size), &options)),
        "zip-setup" => black_box(black_box(zip(size).to_vec()).len()),
        other => panic!("unknown workload {other}"),
    };
}

fn bench(c: &mut Criterion) {
    if let Ok(mode) = std::env::var("LEARNWIRE_SCORM_GROWTH") {
        profile_once(&mode);
        std::process::exit(0);
    }
    let options = options();
    let manifests: Vec<(usize, String)> = ITEMS.iter().map(|&n| (n, manifest(n))).collect();
    let zips: Vec<(usize, Vec<u8>)> = ENTRIES.iter().map(|&n| (n, zip(n))).collect();
    for (n, xml) in &manifests {
        assert_eq!(check_text(xml, &options), *n);
    }
    for (_, bytes) in &zips {
        assert_eq!(check_archive(bytes, &options), 1);
    }

    let mut group = c.benchmark_group("manifest");
    group.sample_size(10);
    for (n, xml) in &manifests {
        group.throughput(Throughput::Elements(*n as u64));
        group.bench_function(format!("check_manifest/{n}"), |b| {
            b.iter(|| check_text(xml, &options))
        });
        group.bench_function(format!("floor: NsReader scan/{n}"), |b| {
            b.iter(|| ns_scan(black_box(xml)))
        });
    }
    group.finish();
    let mut group = c.benchmark_group("zip");
    group.sample_size(10);
    for (n, bytes) in &zips {
        group.throughput(Throughput::Elements(*n as u64));
        group.bench_function(format!("check_zip/{n}"), |b| {
            b.iter(|| check_archive(bytes, &options))
        });
    }
    group.finish();

    // Per element, side by side, fastest of interleaved runs.
    for (n, xml) in &manifests {
        let rounds = (300_000 / n).clamp(3, 300);
        let (mut ours, mut floor) = (Duration::MAX, Duration::MAX);
        for _ in 0..rounds {
            let start = Instant::now();
            black_box(check_text(xml, &options));
            ours = ours.min(start.elapsed());
            let start = Instant::now();
            black_box(ns_scan(black_box(xml)));
            floor = floor.min(start.elapsed());
        }
        println!(
            "{n:>6} items: check_manifest {:.2?} per item, NsReader scan {:.2?} per item: {:.2}x the floor",
            ours / *n as u32,
            floor / *n as u32,
            ours.as_secs_f64() / floor.as_secs_f64()
        );
    }
    for (n, bytes) in &zips {
        let rounds = (300_000 / n).clamp(3, 300);
        let mut best = Duration::MAX;
        for _ in 0..rounds {
            let start = Instant::now();
            black_box(check_archive(bytes, &options));
            best = best.min(start.elapsed());
        }
        println!(
            "{n:>6} entries: check_zip {:.2?} per entry",
            best / *n as u32
        );
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
