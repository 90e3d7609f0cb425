//! `check_manifest` on a generated 10 000-item, 10 000-file manifest, against raw quick-xml scans of the
//! same text: (a) a plain event loop, (b) an `NsReader` loop that also resolves namespaces and reads every
//! attribute (the least any namespace-correct reader must do). After criterion's figures the bench
//! prints the ratio of `check_manifest` to (b), from the fastest of interleaved runs.
//!
//! Wall time moves with the machine's load; instruction counts do not. `scorm/benches/instructions.sh`
//! counts them with callgrind through the profiling hook below and prints the ratio (and, with `--e2e`,
//! the end-to-end ratio of `learnwire check --format json` on a 40 000-item manifest to a program that
//! only scans that file with `NsReader`).

#![allow(missing_docs, clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::hint::black_box;
use std::io::Write;
use std::time::{Duration, Instant};

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use learnwire_scorm::{Options, check_manifest};
use quick_xml::events::Event;
use quick_xml::reader::Reader;

#[path = "common/input.rs"]
mod common;

use common::{manifest, ns_scan};

fn plain_scan(text: &str) -> usize {
    let mut reader = Reader::from_str(text);
    let mut count = 0;
    loop {
        match reader.read_event().unwrap() {
            Event::Eof => return count,
            _ => count += 1,
        }
    }
}

/// Profiling hook: `LEARNWIRE_SCORM_PROFILE=check|ns|plain|none <bench binary>` runs the named
/// workload once on the 10k manifest and exits without criterion (for `valgrind --tool=callgrind`;
/// subtract the `none` run to get the workload's own instruction count).
///
/// For the end-to-end comparison: `write:N` prints an N-item manifest (N a multiple of 100) to
/// stdout, and `ns-file:PATH` reads the file at PATH and scans it with `NsReader` as `ns` does, the
/// whole job of the floor program.
fn profile_once(mode: &str) {
    if let Some(items) = mode.strip_prefix("write:") {
        let xml = manifest(items.parse().expect("write:N takes a number of items"));
        std::io::stdout().write_all(xml.as_bytes()).unwrap();
        return;
    }
    if let Some(path) = mode.strip_prefix("ns-file:") {
        let bytes = std::fs::read(path).unwrap();
        let text = std::str::from_utf8(&bytes).unwrap();
        black_box(ns_scan(black_box(text)));
        return;
    }
    let xml = manifest(10_000);
    let options = Options::default();
    let n = match mode {
        "check" => check_manifest(black_box(xml.as_bytes()), &options)
            .launches
            .len(),
        "ns" => ns_scan(black_box(&xml)),
        "plain" => plain_scan(black_box(&xml)),
        _ => 0,
    };
    black_box(n);
}

fn bench(c: &mut Criterion) {
    if let Ok(mode) = std::env::var("LEARNWIRE_SCORM_PROFILE") {
        profile_once(&mode);
        std::process::exit(0);
    }
    let xml = manifest(10_000);
    let options = Options::default();
    let check = check_manifest(xml.as_bytes(), &options);
    assert!(check.is_valid(), "{:?}", check.report.errors().next());
    assert_eq!(check.launches.len(), 10_000);
    let mut group = c.benchmark_group("manifest-10k");
    group.throughput(Throughput::Bytes(xml.len() as u64));
    group.bench_function("check_manifest", |b| {
        b.iter(|| check_manifest(black_box(xml.as_bytes()), &options))
    });
    group.bench_function("quick-xml plain event scan", |b| {
        b.iter(|| plain_scan(black_box(&xml)))
    });
    group.bench_function("quick-xml NsReader scan + attributes", |b| {
        b.iter(|| ns_scan(black_box(&xml)))
    });
    group.finish();
    print_ratio(&xml, &options);
}

/// The fastest of `rounds` runs of `check_manifest` and of the `NsReader` scan, interleaved so that
/// both see the same load, and their ratio.
fn print_ratio(xml: &str, options: &Options) {
    let rounds = 30;
    let (mut check, mut floor) = (Duration::MAX, Duration::MAX);
    for _ in 0..rounds {
        let start = Instant::now();
        black_box(check_manifest(black_box(xml.as_bytes()), options));
        check = check.min(start.elapsed());
        let start = Instant::now();
        black_box(ns_scan(black_box(xml)));
        floor = floor.min(start.elapsed());
    }
    println!(
        "manifest-10k: check_manifest {check:.2?}, NsReader scan + attributes {floor:.2?}: {:.2}x the floor (fastest of {rounds} interleaved runs; scorm/benches/instructions.sh counts instructions)",
        check.as_secs_f64() / floor.as_secs_f64()
    );
}

criterion_group!(benches, bench);
criterion_main!(benches);
