//! The LRS's statement path against its floor (issue #11).
//!
//! - `store_batch/N` (N = 1, 10, 100): statements stored per second. `lrs` is the real path: a
//!   `POST /xapi/statements` request sent in-process to the router the binary serves
//!   (`tower::ServiceExt::oneshot`), so it pays for the body collection, the blocking-thread hop, the
//!   front door (`StatementsRequest::from_http_request`: parse, validate), the comparison with stored
//!   statements, the indexing and one SQLite transaction per batch. `floor` inserts the same rows
//!   (statement, agent and activity index rows, Agent and Activity objects) into a database of the same
//!   schema and pragmas, one transaction per batch, with prepared (cached) statements.
//! - `query_100k/F`: `GET /xapi/statements` latency on 100 000 stored statements for a few typical
//!   filters (agent, verb, activity, since with ascending, until newest first), `limit=25`, against the
//!   bare SQL query that reads the same page of bodies from the same database (agent and activity walk
//!   their index in `seq` order, since and until the index on `stored_us` in `stored` order; the LRS's
//!   query also matches statements whose StatementRef target matches, which the floor leaves out). The
//!   since and until groups also time `scan`: the plan both had before `stored_us` was indexed (every
//!   statement tested in `seq` order, the index kept out with `+`), on the same database.
//!
//! In-process rather than over loopback: the router is the binary's own (`Lrs::router`), so everything
//! the server does is measured, while the TCP stack and an HTTP client (kernel and hyper costs, the
//! same for any server, and noisy on a shared 2-core machine) are not.
//!
//! Each group ends by printing the LRS's ratio to its floor, from the fastest of interleaved runs (both
//! see the same load).
#![allow(
    missing_docs,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::cast_possible_truncation,
    clippy::cast_precision_loss,
    reason = "bench set-up on fixed, known-good inputs; criterion generates undocumented items"
)]

use std::hint::black_box;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use axum::body::Body;
use base64::Engine as _;
use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use learnwire_lrs::{Config, Lrs};
use rusqlite::{Connection, params};
use serde_json::{Value, json};
use tower::ServiceExt as _;

const USER: &str = "bench";
const PASSWORD: &str = "bench";
const VERBS: [&str; 10] = [
    "attempted",
    "completed",
    "passed",
    "failed",
    "answered",
    "experienced",
    "launched",
    "initialized",
    "terminated",
    "progressed",
];
const AGENTS: usize = 1000;
const ACTIVITIES: usize = 100;
const SEEDED: usize = 100_000;
const PAGE: usize = 25;

/// A temporary folder removed when dropped.
struct TempDir(PathBuf);

impl TempDir {
    fn new(name: &str) -> Self {
        let path =
            std::env::temp_dir().join(format!("learnwire-lrs-bench-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&path);
        std::fs::create_dir_all(&path).unwrap();
        Self(path)
    }

    fn db(&self, name: &str) -> String {
        self.0.join(name).display().to_string()
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn verb_id(i: usize) -> String {
    format!("http://adlnet.gov/expapi/verbs/{}", VERBS[i % VERBS.len()])
}

fn mbox(i: usize) -> String {
    format!("mailto:learner{}@example.com", i % AGENTS)
}

fn activity_id(i: usize) -> String {
    format!(
        "http://example.com/course/activity/{}",
        (i * 13) % ACTIVITIES
    )
}

/// The `i`th statement as a Learning Record Provider sends it (no id: the LRS assigns one).
fn statement(i: usize) -> Value {
    let verb = VERBS[i % VERBS.len()];
    json!({
        "actor": {"objectType": "Agent", "mbox": mbox(i), "name": format!("Learner {}", i % AGENTS)},
        "verb": {"id": verb_id(i), "display": {"en-US": verb}},
        "object": {
            "objectType": "Activity",
            "id": activity_id(i),
            "definition": {
                "name": {"en-US": format!("Activity {}", (i * 13) % ACTIVITIES)},
                "type": "http://adlnet.gov/expapi/activities/lesson"
            }
        },
        "result": {"success": true, "completion": true, "score": {"scaled": 0.8}},
        "context": {"contextActivities": {"parent": [{"id": "http://example.com/course"}]}},
        "timestamp": "2026-01-01T00:00:00Z"
    })
}

fn authority() -> Value {
    json!({"objectType": "Agent", "name": USER, "account": {"homePage": "urn:learnwire:lrs", "name": USER}})
}

/// The rows the LRS writes for the `i`th statement, precomputed: the floor only inserts them.
struct Rows {
    body: String,
    verb: String,
    actor_key: String,
    actor: String,
    authority_key: String,
    authority: String,
    object_id: String,
    object: String,
    parent_id: String,
}

fn rows(i: usize) -> Rows {
    let mut stored = statement(i);
    stored["id"] = json!(uuid::Uuid::from_u128(i as u128).hyphenated().to_string());
    stored["stored"] = json!("2026-01-01T00:00:00.000Z");
    stored["authority"] = authority();
    stored["version"] = json!("2.0.0");
    Rows {
        body: stored.to_string(),
        verb: verb_id(i),
        actor_key: format!("mbox {}", mbox(i)),
        actor: stored["actor"].to_string(),
        authority_key: format!("account urn:learnwire:lrs {USER}"),
        authority: authority().to_string(),
        object_id: activity_id(i),
        object: stored["object"].to_string(),
        parent_id: "http://example.com/course".to_owned(),
    }
}

/// A connection to a database the LRS created (same schema), with the LRS's per-connection pragmas.
fn floor_connection(db: &str) -> Connection {
    let connection = Connection::open(db).unwrap();
    connection
        .execute_batch("PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON;")
        .unwrap();
    connection
}

/// The floor: `batch` inserted in one transaction with cached prepared statements.
fn floor_insert(connection: &mut Connection, batch: &[Rows], next_id: &mut u128, stored_us: i64) {
    let transaction = connection.transaction().unwrap();
    for rows in batch {
        *next_id += 1;
        let id = uuid::Uuid::from_u128(*next_id).hyphenated().to_string();
        transaction
            .prepare_cached(
                "INSERT INTO statements (id, body, stored_us, verb, registration, ref_target) \
                 VALUES (?1, ?2, ?3, ?4, NULL, NULL)",
            )
            .unwrap()
            .execute(params![id, rows.body, stored_us, rows.verb])
            .unwrap();
        let seq = transaction.last_insert_rowid();
        let mut agent = transaction
            .prepare_cached("INSERT INTO statement_agents (seq, agent, direct) VALUES (?1, ?2, ?3)")
            .unwrap();
        agent.execute(params![seq, rows.actor_key, 1]).unwrap();
        agent.execute(params![seq, rows.authority_key, 0]).unwrap();
        let mut activity = transaction
            .prepare_cached(
                "INSERT INTO statement_activities (seq, activity, direct) VALUES (?1, ?2, ?3)",
            )
            .unwrap();
        activity.execute(params![seq, rows.object_id, 1]).unwrap();
        activity.execute(params![seq, rows.parent_id, 0]).unwrap();
        let mut object = transaction
            .prepare_cached("INSERT OR IGNORE INTO agents (agent, object) VALUES (?1, ?2)")
            .unwrap();
        object.execute(params![rows.actor_key, rows.actor]).unwrap();
        object
            .execute(params![rows.authority_key, rows.authority])
            .unwrap();
        transaction
            .prepare_cached(
                "INSERT INTO activities (id, activity) VALUES (?1, ?2) \
                 ON CONFLICT(id) DO UPDATE SET activity = excluded.activity",
            )
            .unwrap()
            .execute(params![rows.object_id, rows.object])
            .unwrap();
    }
    transaction.commit().unwrap();
}

fn authorization() -> String {
    format!(
        "Basic {}",
        base64::engine::general_purpose::STANDARD.encode(format!("{USER}:{PASSWORD}"))
    )
}

fn post(body: &[u8], auth: &str) -> http::Request<Body> {
    http::Request::builder()
        .method("POST")
        .uri("/xapi/statements")
        .header("authorization", auth)
        .header("x-experience-api-version", "2.0.0")
        .header("content-type", "application/json")
        .body(Body::from(body.to_vec()))
        .unwrap()
}

fn get(target: &str, auth: &str) -> http::Request<Body> {
    http::Request::builder()
        .method("GET")
        .uri(target)
        .header("authorization", auth)
        .header("x-experience-api-version", "2.0.0")
        .body(Body::empty())
        .unwrap()
}

/// Sends `request` to the router and returns the status and body.
fn send(
    runtime: &tokio::runtime::Runtime,
    router: &axum::Router,
    request: http::Request<Body>,
) -> (u16, Vec<u8>) {
    runtime.block_on(async {
        let answer = router.clone().oneshot(request).await.unwrap();
        let status = answer.status().as_u16();
        let body = axum::body::to_bytes(answer.into_body(), usize::MAX)
            .await
            .unwrap();
        (status, body.to_vec())
    })
}

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap()
}

fn store_batch(c: &mut Criterion) {
    let dir = TempDir::new("store");
    let runtime = runtime();
    let auth = authorization();
    let lrs = Lrs::open(&Config::new(dir.db("lrs.sqlite"), USER, PASSWORD)).unwrap();
    let router = lrs.router();
    // The floor's database is created by the LRS too: the same schema and journal mode.
    drop(Lrs::open(&Config::new(dir.db("floor.sqlite"), USER, PASSWORD)).unwrap());
    let mut floor = floor_connection(&dir.db("floor.sqlite"));
    let mut next_id: u128 = 0;
    let stored_us = chrono::Utc::now().timestamp_micros();
    for size in [1usize, 10, 100] {
        let batch: Vec<Value> = (0..size).map(statement).collect();
        let body = serde_json::to_vec(&batch).unwrap();
        let floor_rows: Vec<Rows> = (0..size).map(rows).collect();
        assert_eq!(send(&runtime, &router, post(&body, &auth)).0, 200);
        let mut group = c.benchmark_group(format!("store_batch/{size}"));
        group.throughput(Throughput::Elements(size as u64));
        group.bench_function("lrs", |b| {
            b.iter(|| {
                let (status, ids) = send(&runtime, &router, post(black_box(&body), &auth));
                assert_eq!(status, 200);
                ids
            })
        });
        group.bench_function("floor", |b| {
            b.iter(|| floor_insert(&mut floor, black_box(&floor_rows), &mut next_id, stored_us))
        });
        group.finish();
        let rounds = 20;
        let (mut lrs_best, mut floor_best) = (Duration::MAX, Duration::MAX);
        for _ in 0..rounds {
            let start = Instant::now();
            black_box(send(&runtime, &router, post(&body, &auth)));
            lrs_best = lrs_best.min(start.elapsed());
            let start = Instant::now();
            floor_insert(&mut floor, &floor_rows, &mut next_id, stored_us);
            floor_best = floor_best.min(start.elapsed());
        }
        println!(
            "store_batch/{size}: lrs {lrs_best:.2?} ({:.0} statements/s), floor {floor_best:.2?} ({:.0} statements/s): {:.2}x the floor (fastest of {rounds} interleaved runs)",
            size as f64 / lrs_best.as_secs_f64(),
            size as f64 / floor_best.as_secs_f64(),
            lrs_best.as_secs_f64() / floor_best.as_secs_f64()
        );
    }
}

fn encode(text: &str) -> String {
    url::form_urlencoded::byte_serialize(text.as_bytes()).collect()
}

fn query_100k(c: &mut Criterion) {
    let dir = TempDir::new("query");
    let runtime = runtime();
    let auth = authorization();
    let db = dir.db("lrs.sqlite");
    let lrs = Lrs::open(&Config::new(&db, USER, PASSWORD)).unwrap();
    let router = lrs.router();
    // 100 000 statements through the real path, in batches of 100 (once per run).
    let start = Instant::now();
    let (mut since_us, mut until_us) = (0, 0);
    for first in (0..SEEDED).step_by(100) {
        let batch: Vec<Value> = (first..first + 100).map(statement).collect();
        let body = serde_json::to_vec(&batch).unwrap();
        assert_eq!(send(&runtime, &router, post(&body, &auth)).0, 200);
        if first == SEEDED / 2 {
            since_us = chrono::Utc::now().timestamp_micros();
        }
        if first == SEEDED / 10 {
            // Until an early point, newest first: the statements after it are passed over.
            until_us = chrono::Utc::now().timestamp_micros();
        }
    }
    println!(
        "query_100k: {SEEDED} statements stored in {:.2?} (set-up)",
        start.elapsed()
    );
    let floor = floor_connection(&db);
    let text = |us: i64| {
        chrono::DateTime::from_timestamp_micros(us)
            .unwrap()
            .to_rfc3339_opts(chrono::SecondsFormat::Micros, true)
    };
    let (since_text, until_text) = (text(since_us), text(until_us));
    let agent = json!({"mbox": mbox(7)}).to_string();
    let cases: [(&str, String, &str, Value); 5] = [
        (
            "agent",
            format!("agent={}", encode(&agent)),
            "SELECT s.body FROM statements s JOIN statement_agents a ON a.seq = s.seq \
             WHERE a.agent = ?1 AND a.direct = 1 AND s.voided = 0 ORDER BY a.seq DESC LIMIT ?2",
            json!(format!("mbox {}", mbox(7))),
        ),
        (
            "verb",
            format!("verb={}", encode(&verb_id(3))),
            "SELECT body FROM statements WHERE verb = ?1 AND voided = 0 ORDER BY seq DESC LIMIT ?2",
            json!(verb_id(3)),
        ),
        (
            "activity",
            format!("activity={}", encode(&activity_id(5))),
            "SELECT s.body FROM statements s JOIN statement_activities c ON c.seq = s.seq \
             WHERE c.activity = ?1 AND c.direct = 1 AND s.voided = 0 ORDER BY c.seq DESC LIMIT ?2",
            json!(activity_id(5)),
        ),
        (
            "since_ascending",
            format!("since={}&ascending=true", encode(&since_text)),
            "SELECT body FROM statements WHERE stored_us > ?1 AND voided = 0 \
             ORDER BY stored_us ASC, seq ASC LIMIT ?2",
            json!(since_us),
        ),
        (
            "until_descending",
            format!("until={}", encode(&until_text)),
            "SELECT body FROM statements WHERE stored_us <= ?1 AND voided = 0 \
             ORDER BY stored_us DESC, seq DESC LIMIT ?2",
            json!(until_us),
        ),
    ];
    for (name, parameters, sql, value) in cases {
        // The plan before `stored_us` was indexed: every statement tested in `seq` order.
        let scan_sql = match name {
            "since_ascending" => Some(
                "SELECT body FROM statements WHERE +stored_us > ?1 AND voided = 0 \
                 ORDER BY seq ASC LIMIT ?2",
            ),
            "until_descending" => Some(
                "SELECT body FROM statements WHERE +stored_us <= ?1 AND voided = 0 \
                 ORDER BY seq DESC LIMIT ?2",
            ),
            _ => None,
        };
        let target = format!("/xapi/statements?{parameters}&limit={PAGE}");
        let value = match value {
            Value::String(text) => rusqlite::types::Value::Text(text),
            other => rusqlite::types::Value::Integer(other.as_i64().unwrap()),
        };
        let read = |sql: &str| -> Vec<String> {
            let mut statement = floor.prepare_cached(sql).unwrap();
            statement
                .query_map(params![value, PAGE as i64], |row| row.get(0))
                .unwrap()
                .collect::<Result<_, _>>()
                .unwrap()
        };
        let bare = || read(sql);
        let lrs_get = || {
            let (status, body) = send(&runtime, &router, get(&target, &auth));
            assert_eq!(status, 200, "{}", String::from_utf8_lossy(&body));
            body
        };
        let answer: Value = serde_json::from_slice(&lrs_get()).unwrap();
        assert_eq!(
            answer["statements"].as_array().map(Vec::len),
            Some(PAGE),
            "{name}"
        );
        assert_eq!(bare().len(), PAGE, "{name}");
        let mut group = c.benchmark_group(format!("query_100k/{name}"));
        group.bench_function("lrs", |b| b.iter(&lrs_get));
        group.bench_function("floor", |b| b.iter(&bare));
        if let Some(scan_sql) = scan_sql {
            assert_eq!(read(scan_sql), bare(), "{name}: the same page");
            group.bench_function("scan", |b| b.iter(|| read(scan_sql)));
        }
        group.finish();
        let rounds = 20;
        let (mut lrs_best, mut floor_best) = (Duration::MAX, Duration::MAX);
        for _ in 0..rounds {
            let start = Instant::now();
            black_box(lrs_get());
            lrs_best = lrs_best.min(start.elapsed());
            let start = Instant::now();
            black_box(bare());
            floor_best = floor_best.min(start.elapsed());
        }
        println!(
            "query_100k/{name}: lrs {lrs_best:.2?}, floor {floor_best:.2?}: {:.2}x the floor (fastest of {rounds} interleaved runs, limit={PAGE})",
            lrs_best.as_secs_f64() / floor_best.as_secs_f64()
        );
        if let Some(scan_sql) = scan_sql {
            let mut scan_best = Duration::MAX;
            for _ in 0..rounds {
                let start = Instant::now();
                black_box(read(scan_sql));
                scan_best = scan_best.min(start.elapsed());
            }
            println!(
                "query_100k/{name}: scan (the plan before stored_us was indexed) {scan_best:.2?} (fastest of {rounds} runs)"
            );
        }
    }
}

criterion_group!(benches, store_batch, query_100k);
criterion_main!(benches);
