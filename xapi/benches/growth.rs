//! How the cost of `validate_statement_body` grows with the size of its input (issue #13):
//!
//! - batches of 1, 100 and 10 000 generated statements (each different: its own id, actor and
//!   activity), against `serde_json::from_slice::<Value>` of the same body;
//! - one statement whose `context.extensions` value nests objects down to depth 16, 64, 128 (the
//!   default [`Limits::max_depth`]) and 512 ([`Limits::MAX_DEPTH`], the most any limit allows).
//!
//! Both should be linear: the cost per statement and the cost per extra level stay flat. (Duplicate
//! statement ids in a batch are found with an ordered map, so a batch costs O(n log n) in comparisons
//! of ids; at 10 000 statements that is about 14 comparisons of a 36-byte id per statement, too little
//! to see against reading the statement.)
//!
//! `cargo bench -p learnwire-xapi --bench growth` runs criterion (element throughput per size) and then
//! prints the time per statement and per level, fastest of interleaved runs. Wall time moves with the
//! machine's load; `xapi/benches/instructions.sh --growth` counts instructions per size with callgrind
//! through the profiling hook below.

#![allow(
    missing_docs,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    clippy::cast_precision_loss,
    clippy::cast_possible_truncation,
    reason = "bench set-up on generated, known-good inputs; criterion generates undocumented items"
)]

use std::hint::black_box;
use std::time::{Duration, Instant};

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use learnwire_xapi::{Limits, Options, XapiVersion, validate_statement_body};
use serde_json::{Value, json};

const BATCHES: [usize; 3] = [1, 100, 10_000];
const DEPTHS: [usize; 4] = [16, 64, 128, Limits::MAX_DEPTH];

/// Limits that let the largest input through: 10 000 statements (about 4 MB) in one body, 512 levels.
fn options() -> Options {
    let limits = Limits::default()
        .with_max_body_bytes(64 << 20)
        .with_max_batch_statements(100_000)
        .with_max_collection_items(100_000)
        .with_max_depth(Limits::MAX_DEPTH);
    Options::new(XapiVersion::V1_0_3).with_limits(limits)
}

/// Statement `index`: identity, verb, activity, every other one a result, every third a context.
fn statement(index: usize) -> Value {
    let mut statement = json!({
        "id": format!("fd41c918-b88b-4b20-a0a5-{index:012x}"),
        "actor": {"objectType": "Agent", "name": "Learner", "mbox": format!("mailto:learner{index}@example.com")},
        "verb": {"id": "http://adlnet.gov/expapi/verbs/completed", "display": {"en-US": "completed"}},
        "object": {"id": format!("http://example.com/activities/{index}"),
                   "definition": {"name": {"en-US": "Activity"}, "type": "http://adlnet.gov/expapi/activities/lesson"}},
        "timestamp": "2024-05-01T10:00:00.123Z"
    });
    if index.is_multiple_of(2) {
        statement["result"] = json!({"score": {"scaled": 0.5, "raw": 50, "min": 0, "max": 100},
                                     "success": true, "completion": true, "duration": "PT1H2M3.5S"});
    }
    if index.is_multiple_of(3) {
        statement["context"] = json!({"registration": "ec531277-b57b-4c15-8d91-d292c5b2b8f7",
            "contextActivities": {"parent": [{"id": "http://example.com/course"}]},
            "language": "en-US", "platform": "web",
            "extensions": {"http://example.com/ext": {"a": [1, 2, 3]}}});
    }
    statement
}

/// A batch body of `n` statements.
fn batch(n: usize) -> Vec<u8> {
    serde_json::to_vec(&Value::Array((0..n).map(statement).collect())).unwrap()
}

/// One statement nested exactly `depth` levels deep (the statement itself is level 1; the extension
/// value's objects take it down to `depth`).
fn deep(depth: usize) -> Vec<u8> {
    // statement (1) > context (2) > extensions (3) > extension value objects (4 ..= depth).
    let inner = depth - 3;
    let mut value = String::new();
    for _ in 0..inner {
        value.push_str(r#"{"a":"#);
    }
    value.push('1');
    for _ in 0..inner {
        value.push('}');
    }
    format!(
        r#"{{"actor":{{"mbox":"mailto:a@example.com"}},"verb":{{"id":"http://adlnet.gov/expapi/verbs/completed"}},"object":{{"id":"http://example.com/a"}},"context":{{"extensions":{{"http://example.com/ext":{value}}}}}}}"#
    )
    .into_bytes()
}

fn validate(body: &[u8], options: &Options) -> bool {
    validate_statement_body(black_box(body), options).is_valid()
}

fn floor(body: &[u8]) -> bool {
    serde_json::from_slice::<Value>(black_box(body)).is_ok()
}

/// Profiling hook: `LEARNWIRE_XAPI_PROFILE=<mode> <growth bench binary>` builds one input, runs the named
/// workload once and exits without criterion (for `valgrind --tool=callgrind`). Modes:
/// `batch:N` validates a batch of N statements, `batch-floor:N` parses it into a `Value`, `batch-setup:N`
/// only builds it; `depth:D` and `depth-setup:D` the same for one statement D levels deep (no floor:
/// serde_json refuses more than 128 levels). Subtract the `-setup` count to get the workload's own
/// instructions. Every mode first validates and parses one other small batch, so the first call's
/// one-time work is in the set-up, not in the input's count.
fn profile_once(mode: &str) {
    let (kind, size) = mode
        .split_once(':')
        .expect("LEARNWIRE_XAPI_PROFILE takes kind:size");
    let size: usize = size.parse().expect("the size is a number");
    let options = options();
    let (body, work) = match kind.split_once('-') {
        Some((input, work)) => (input, work),
        None => (kind, "validate"),
    };
    let body = match body {
        "batch" => batch(size),
        "depth" => deep(size),
        other => panic!("unknown input {other}"),
    };
    // Warm-up, in every mode (set-up included): the first call's one-time work is not the input's.
    let warm = serde_json::to_vec(&Value::Array(vec![statement(1_000_001)])).unwrap();
    assert!(validate(&warm, &options) && floor(&warm));
    let ok = match work {
        "validate" => validate(&body, &options),
        "floor" if kind.starts_with("batch") => floor(&body),
        "setup" => true,
        other => panic!("unknown workload {other}"),
    };
    assert!(ok, "{mode} failed");
}

fn bench(c: &mut Criterion) {
    if let Ok(mode) = std::env::var("LEARNWIRE_XAPI_PROFILE") {
        profile_once(&mode);
        std::process::exit(0);
    }
    let options = options();
    let batches: Vec<(usize, Vec<u8>)> = BATCHES.iter().map(|&n| (n, batch(n))).collect();
    let deeps: Vec<(usize, Vec<u8>)> = DEPTHS.iter().map(|&d| (d, deep(d))).collect();
    for (n, body) in &batches {
        assert!(validate(body, &options), "batch of {n} is valid");
    }
    for (d, body) in &deeps {
        assert!(validate(body, &options), "depth {d} is valid");
        let too_deep = options.with_limits(options.limits().with_max_depth(d - 1));
        assert!(!validate(body, &too_deep), "depth {d} is at the limit");
    }

    let mut group = c.benchmark_group("batch");
    group.sample_size(10);
    for (n, body) in &batches {
        group.throughput(Throughput::Elements(*n as u64));
        group.bench_function(format!("validate_statement_body/{n}"), |b| {
            b.iter(|| validate(body, &options))
        });
        group.bench_function(format!("floor: serde_json::from_slice::<Value>/{n}"), |b| {
            b.iter(|| floor(body))
        });
    }
    group.finish();
    let mut group = c.benchmark_group("depth");
    for (d, body) in &deeps {
        group.throughput(Throughput::Elements(*d as u64));
        group.bench_function(format!("validate_statement_body/{d}"), |b| {
            b.iter(|| validate(body, &options))
        });
    }
    group.finish();

    // Per element, side by side, fastest of interleaved runs (enough runs for about 0.3 s each).
    for (n, body) in &batches {
        let rounds = (30_000 / n).clamp(3, 3_000);
        let (mut ours, mut base) = (Duration::MAX, Duration::MAX);
        for _ in 0..rounds {
            let start = Instant::now();
            black_box(validate(body, &options));
            ours = ours.min(start.elapsed());
            let start = Instant::now();
            black_box(floor(body));
            base = base.min(start.elapsed());
        }
        println!(
            "batch of {n:>6}: validate_statement_body {:>8.2?} per statement, serde_json Value {:>8.2?} per statement: {:.2}x the floor",
            ours / *n as u32,
            base / *n as u32,
            ours.as_secs_f64() / base.as_secs_f64()
        );
    }
    let mut previous: Option<(usize, Duration)> = None;
    for (d, body) in &deeps {
        let mut best = Duration::MAX;
        for _ in 0..2_000 {
            let start = Instant::now();
            black_box(validate(body, &options));
            best = best.min(start.elapsed());
        }
        let step = previous.map_or(String::new(), |(pd, pt)| {
            format!(
                ", {:.1?} per level over depth {pd}",
                best.saturating_sub(pt) / (d - pd) as u32
            )
        });
        println!("depth {d:>3}: validate_statement_body {best:.2?}{step}");
        previous = Some((*d, best));
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
