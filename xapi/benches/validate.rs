//! Throughput of statement validation against the floor (`serde_json::from_slice::<Value>` of the
//! same bytes). Statements: the corpus' valid single statements when `../shared/corpus` is present,
//! otherwise a generated mix.
//!
//! `cargo bench -p learnwire-xapi --bench validate -- --warm-up-time 1 --measurement-time 3`
//!
//! After criterion's figures the bench prints the ratio of `validate_statement_body` to the floor, from
//! the fastest of interleaved passes (one run, same bytes). Wall time moves with the machine's load;
//! `xapi/benches/instructions.sh` counts instructions with callgrind through the profiling hook below.
//! `xapi/benches/e2e.sh` measures `learnwire xapi validate --lines` end to end against a program that
//! only parses each line (this binary's `floor-lines` mode) and the Learning Locker validator.

// criterion_group! generates an undocumented public function.
#![allow(missing_docs)]
// Bench set-up reads JSON it controls; a panic there is a broken bench, not a bug.
#![allow(clippy::indexing_slicing, clippy::unwrap_used)]

use std::hint::black_box;
use std::time::{Duration, Instant};

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use learnwire_xapi::{Options, XapiVersion, parse_statement, validate_statement_body};
use serde_json::{Value, json};

#[path = "e2e/floor.rs"]
mod e2e_floor;

fn corpus_statements() -> Vec<Vec<u8>> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../shared/corpus/xapi");
    let Ok(index) = std::fs::read(format!("{dir}/index.json")) else {
        return Vec::new();
    };
    let Ok(index) = serde_json::from_slice::<Value>(&index) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for case in index["cases"].as_array().into_iter().flatten() {
        let valid = case["verdicts"]["1.0.3"] == "valid" && case.get("contested").is_none();
        let Some(file) = case["file"].as_str() else {
            continue;
        };
        if !valid {
            continue;
        }
        if let Ok(bytes) = std::fs::read(format!("{dir}/{file}")) {
            let options = Options::new(XapiVersion::V1_0_3);
            if bytes.first() == Some(&b'{') && validate_statement_body(&bytes, &options).is_valid()
            {
                out.push(bytes);
            }
        }
    }
    out
}

fn generated_statements() -> Vec<Vec<u8>> {
    (0..500)
        .map(|index| {
            let mut statement = json!({
                "id": format!("fd41c918-b88b-4b20-a0a5-{index:012x}"),
                "actor": {"objectType": "Agent", "name": "Learner", "mbox": format!("mailto:learner{index}@example.com")},
                "verb": {"id": "http://adlnet.gov/expapi/verbs/completed", "display": {"en-US": "completed"}},
                "object": {"id": format!("http://example.com/activities/{index}"),
                           "definition": {"name": {"en-US": "Activity"}, "type": "http://adlnet.gov/expapi/activities/lesson"}},
                "timestamp": "2024-05-01T10:00:00.123Z"
            });
            if index % 2 == 0 {
                statement["result"] = json!({"score": {"scaled": 0.5, "raw": 50, "min": 0, "max": 100},
                                             "success": true, "completion": true, "duration": "PT1H2M3.5S"});
            }
            if index % 3 == 0 {
                statement["context"] = json!({"registration": "ec531277-b57b-4c15-8d91-d292c5b2b8f7",
                    "contextActivities": {"parent": [{"id": "http://example.com/course"}]},
                    "language": "en-US", "platform": "web",
                    "extensions": {"http://example.com/ext": {"a": [1, 2, 3]}}});
            }
            serde_json::to_vec(&statement).unwrap_or_default()
        })
        .collect()
}

/// The statements the bench reads: the corpus' valid ones, or the generated mix without a corpus.
fn statements() -> (Vec<Vec<u8>>, &'static str) {
    let statements = corpus_statements();
    if statements.is_empty() {
        (generated_statements(), "generated")
    } else {
        (statements, "corpus")
    }
}

/// One pass of `validate_statement_body` over every statement.
fn validate_all(statements: &[Vec<u8>], options: &Options) {
    for statement in statements {
        black_box(validate_statement_body(black_box(statement), options).is_valid());
    }
}

/// One pass of the floor over every statement.
fn floor_all(statements: &[Vec<u8>]) {
    for statement in statements {
        black_box(serde_json::from_slice::<Value>(black_box(statement)).is_ok());
    }
}

/// Profiling hook: `LEARNWIRE_XAPI_PROFILE=validate|fast|floor|none <validate bench binary>` reads the
/// statements, makes one pass of the named workload (`fast`: stop at first error) and exits without
/// criterion (for `valgrind --tool=callgrind`; subtract the `none` run to get the pass's own count).
fn profile_once(mode: &str, statements: &[Vec<u8>]) {
    let options = Options::new(XapiVersion::V1_0_3);
    match mode {
        "validate" => validate_all(statements, &options),
        "fast" => validate_all(statements, &options.with_stop_at_first_error(true)),
        "floor" => floor_all(statements),
        _ => {}
    }
}

/// End-to-end hooks (`xapi/benches/e2e.sh`), whole processes:
/// - `LEARNWIRE_XAPI_PROFILE=write-lines:N:PATH` writes N statements as JSON Lines to PATH: the bench's
///   statements (corpus or generated) in turn, each with the whitespace between its tokens removed (a
///   statement's bytes are otherwise kept, so its verdict is the same);
/// - `LEARNWIRE_XAPI_PROFILE=floor-lines:PATH` is the floor of `learnwire xapi validate --lines PATH`
///   (`e2e/floor.rs`, also built with mimalloc as the `floor_mimalloc` bench): it reads PATH line by
///   line, runs `serde_json::from_slice::<Value>` on each non-empty line and prints how many parsed. It
///   reads nothing else (no corpus), so its whole-process cost is the floor's own.
///
/// Returns whether `mode` was one of them.
fn end_to_end(mode: &str) -> bool {
    if let Some(rest) = mode.strip_prefix("write-lines:") {
        let (count, path) = rest.split_once(':').unwrap();
        let count: usize = count.parse().unwrap();
        let (statements, source) = statements();
        let mut out = Vec::new();
        for statement in statements.iter().cycle().take(count) {
            out.extend(compact(statement));
            out.push(b'\n');
        }
        std::fs::write(path, &out).unwrap();
        eprintln!(
            "{count} statements ({} distinct {source} ones in turn), {} bytes, written to {path}",
            statements.len(),
            out.len()
        );
        return true;
    }
    if let Some(path) = mode.strip_prefix("floor-lines:") {
        e2e_floor::floor_lines(path);
        return true;
    }
    false
}

/// `statement` without the JSON whitespace between its tokens (strings kept byte for byte).
fn compact(statement: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(statement.len());
    let (mut in_string, mut escaped) = (false, false);
    for &byte in statement {
        if in_string {
            if escaped {
                escaped = false;
            } else if byte == b'\\' {
                escaped = true;
            } else if byte == b'"' {
                in_string = false;
            }
        } else if matches!(byte, b' ' | b'\t' | b'\n' | b'\r') {
            continue;
        } else if byte == b'"' {
            in_string = true;
        }
        out.push(byte);
    }
    out
}

fn bench(c: &mut Criterion) {
    let mode = std::env::var("LEARNWIRE_XAPI_PROFILE").ok();
    if mode.as_deref().is_some_and(end_to_end) {
        std::process::exit(0);
    }
    let (statements, source) = statements();
    if let Some(mode) = mode {
        profile_once(&mode, &statements);
        std::process::exit(0);
    }
    bench_criterion(c, &statements, source);
    print_ratio(&statements);
}

/// The ratio to the floor in one run: fastest of interleaved passes over the same statements.
fn print_ratio(statements: &[Vec<u8>]) {
    let options = Options::new(XapiVersion::V1_0_3);
    let (mut ours, mut floor) = (Duration::MAX, Duration::MAX);
    let rounds = 40;
    for _ in 0..rounds {
        let start = Instant::now();
        validate_all(statements, &options);
        ours = ours.min(start.elapsed());
        let start = Instant::now();
        floor_all(statements);
        floor = floor.min(start.elapsed());
    }
    println!(
        "{} statements: validate_statement_body {ours:.2?} per pass, floor serde_json::from_slice::<Value> {floor:.2?}: {:.2}x the floor (fastest of {rounds} interleaved passes; xapi/benches/instructions.sh counts instructions)",
        statements.len(),
        ours.as_secs_f64() / floor.as_secs_f64()
    );
}

fn bench_criterion(c: &mut Criterion, statements: &[Vec<u8>], source: &str) {
    let bytes: usize = statements.iter().map(Vec::len).sum();
    println!("{} {source} statements, {bytes} bytes", statements.len());
    let options = Options::new(XapiVersion::V1_0_3);
    let fast = options.with_stop_at_first_error(true);
    let mut group = c.benchmark_group("statements");
    group.throughput(Throughput::Elements(statements.len() as u64));
    group.bench_function("floor: serde_json::from_slice::<Value>", |b| {
        b.iter(|| {
            for statement in statements {
                black_box(serde_json::from_slice::<Value>(black_box(statement)).is_ok());
            }
        });
    });
    group.bench_function("validate_statement_body", |b| {
        b.iter(|| {
            for statement in statements {
                black_box(validate_statement_body(black_box(statement), &options).is_valid());
            }
        });
    });
    let values: Vec<Value> = statements
        .iter()
        .filter_map(|statement| serde_json::from_slice(statement).ok())
        .collect();
    group.bench_function("validate_value (pre-parsed, walker only)", |b| {
        b.iter(|| {
            for value in &values {
                black_box(learnwire_xapi::validate_value(black_box(value), &options).is_valid());
            }
        });
    });
    group.bench_function("validate_statement_body (stop at first error)", |b| {
        b.iter(|| {
            for statement in statements {
                black_box(validate_statement_body(black_box(statement), &fast).is_valid());
            }
        });
    });
    group.bench_function("parse_statement (typed model)", |b| {
        b.iter(|| {
            for statement in statements {
                black_box(parse_statement(black_box(statement), &options).is_ok());
            }
        });
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
