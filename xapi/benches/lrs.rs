//! LRS-side costs against their floors: multipart parsing vs hashing the same bytes, signed statement
//! verification vs the bare RS256 check, query parsing vs bare form decoding.
#![allow(
    missing_docs,
    clippy::unwrap_used,
    clippy::indexing_slicing,
    clippy::cast_possible_truncation,
    reason = "bench set-up on fixed, known-good inputs; criterion generates undocumented items"
)]

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use learnwire_xapi::multipart::{
    Limits, build_statement_request, parse_statement_request, sha256_hex,
};
use learnwire_xapi::query::StatementQuery;
use learnwire_xapi::signature::{
    SignatureAlgorithm, SignaturePolicy, SigningKey, sign_statement, verify_signed_statement,
};
use serde_json::json;
use sha2::Digest;

fn statement() -> serde_json::Value {
    json!({
        "actor": {"mbox": "mailto:learner@example.com", "name": "A Learner"},
        "verb": {"id": "http://adlnet.gov/expapi/verbs/passed", "display": {"en-US": "passed"}},
        "object": {"id": "http://example.com/exam", "definition": {"name": {"en-US": "Exam"}}},
        "result": {"success": true, "score": {"scaled": 0.9}},
        "timestamp": "2023-11-14T22:13:20Z"
    })
}

fn multipart(c: &mut Criterion) {
    let data: Vec<u8> = (0..1u32 << 20)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 24) as u8)
        .collect();
    let mut statement = statement();
    statement["attachments"] = json!([{"usageType": "http://x/u", "display": {"en-US": "a"},
        "contentType": "application/octet-stream", "length": data.len(), "sha2": sha256_hex(&data)}]);
    let body = build_statement_request(&statement, &[("application/octet-stream", &data)]).unwrap();
    let mut group = c.benchmark_group("multipart_1MiB");
    group.throughput(Throughput::Bytes(body.body.len() as u64));
    group.bench_function("floor_sha256", |b| {
        b.iter(|| sha2::Sha256::digest(black_box(&data)))
    });
    group.bench_function("parse_statement_request", |b| {
        b.iter(|| {
            parse_statement_request(
                &body.content_type,
                black_box(&body.body),
                &Limits::default(),
            )
            .unwrap()
        })
    });
    group.finish();
}

fn signature(c: &mut Criterion) {
    let key =
        SigningKey::from_rsa_pem(include_bytes!("../testdata/signature/signer.key.pem")).unwrap();
    let cert_pem = include_str!("../testdata/signature/signer.cert.pem");
    let b64: String = cert_pem
        .lines()
        .filter(|l| !l.starts_with("-----"))
        .collect();
    use base64::Engine;
    let der = base64::engine::general_purpose::STANDARD
        .decode(b64)
        .unwrap();
    let signed = sign_statement(&statement(), &key, SignatureAlgorithm::Rs256, &[der]).unwrap();
    let pub_key = jsonwebtoken::DecodingKey::from_rsa_pem(include_bytes!(
        "../testdata/signature/signer.pub.pem"
    ))
    .unwrap();
    let (input, sig) = signed.jws.rsplit_once('.').unwrap();
    let policy = SignaturePolicy::new();
    let mut group = c.benchmark_group("signed_statement");
    group.bench_function("floor_rs256_verify", |b| {
        b.iter(|| {
            jsonwebtoken::crypto::verify(
                sig,
                input.as_bytes(),
                &pub_key,
                jsonwebtoken::Algorithm::RS256,
            )
            .unwrap()
        })
    });
    group.bench_function("verify_signed_statement_x5c", |b| {
        b.iter(|| {
            verify_signed_statement(&signed.statement, black_box(signed.jws.as_bytes()), &policy)
                .unwrap()
        })
    });
    group.finish();
}

fn query(c: &mut Criterion) {
    let text = "agent=%7B%22mbox%22%3A%22mailto%3Aa%40example.com%22%7D&verb=http%3A%2F%2Fadlnet.gov%2Fexpapi%2Fverbs%2Fpassed&since=2023-11-14T22%3A13%3A20Z&limit=25&format=ids";
    let mut group = c.benchmark_group("statement_query");
    group.bench_function("floor_form_decode", |b| {
        b.iter(|| {
            url::form_urlencoded::parse(black_box(text).as_bytes())
                .into_owned()
                .count()
        })
    });
    group.bench_function("parse", |b| {
        b.iter(|| StatementQuery::parse(black_box(text)).unwrap())
    });
    group.finish();
}

criterion_group!(benches, multipart, signature, query);
criterion_main!(benches);
