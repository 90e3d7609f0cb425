//! Launch verification against a bare jsonwebtoken decode of the same token (the target is 1.2x),
//! launches per second, and platform signing throughput.
//!
//! `cargo bench -p learnwire-lti -- --warm-up-time 1 --measurement-time 3`
//!
//! After criterion's figures the bench prints the ratio of the launch verification to the bare decode,
//! fastest of interleaved runs (one run, same token). Wall time moves with the machine's load;
//! `lti/benches/instructions.sh` counts instructions with callgrind through the profiling hook below.
//! `lti/benches/e2e.sh` measures `learnwire lti verify --lines` end to end against a program that only
//! calls `jsonwebtoken::decode` on each line (this binary's `decode-lines` mode).

#![allow(missing_docs, clippy::unwrap_used, clippy::expect_used)]

use std::hint::black_box;
use std::path::Path;
use std::sync::Arc;
use std::time::{Duration, Instant};

use chrono::{DateTime, Utc};
use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use jsonwebtoken::{Algorithm, DecodingKey, EncodingKey, Header, Validation};
use learnwire_lti::keys::{KeyId, KeySet, KeySetOptions, SigningKey};
use learnwire_lti::launch::LaunchVerifier;
use learnwire_lti::platform::{LaunchMessage, ToolAuthRequest, ToolRegistration};
use learnwire_lti::{Limits, NonceError, NonceStore, PlatformRegistration};
use serde_json::{Map, Value, json};
use url::Url;

#[path = "e2e/floor.rs"]
mod e2e_floor;

const NOW: i64 = 1_700_000_000;

/// Accepts every nonce: the bench measures verification, not the caller's store.
struct NoStore;

impl NonceStore for NoStore {
    fn consume(&self, _: &str, _: DateTime<Utc>, _: DateTime<Utc>) -> Result<(), NonceError> {
        Ok(())
    }
}

/// A launch shaped like a real one (about 3 KB): context, AGS, NRPS, presentation, custom claims.
fn claims() -> Map<String, Value> {
    let lti = |name: &str| format!("https://purl.imsglobal.org/spec/lti/claim/{name}");
    let mut claims = json!({
        "iss": "https://platform.example.edu", "sub": "a6d5c443-1f51-4783-ba1a-7686ffe3b54a", "aud": "client-1",
        "exp": NOW + 300, "iat": NOW - 5, "nonce": "fc5fdc6d-5dd6-47f4-b2c9-5d1216e9b771",
        "name": "Ms Jane Marie Doe", "given_name": "Jane", "family_name": "Doe", "email": "jane@platform.example.edu",
        "locale": "en-US",
        "https://purl.imsglobal.org/spec/lti-ags/claim/endpoint": {
            "scope": ["https://purl.imsglobal.org/spec/lti-ags/scope/lineitem",
                      "https://purl.imsglobal.org/spec/lti-ags/scope/result.readonly",
                      "https://purl.imsglobal.org/spec/lti-ags/scope/score"],
            "lineitems": "https://platform.example.edu/api/lti/courses/7/line_items",
            "lineitem": "https://platform.example.edu/api/lti/courses/7/line_items/12" },
        "https://purl.imsglobal.org/spec/lti-nrps/claim/namesroleservice": {
            "context_memberships_url": "https://platform.example.edu/api/lti/courses/7/names_and_roles",
            "service_versions": ["2.0"] }
    });
    let object = claims.as_object_mut().unwrap();
    for (name, value) in [
        ("message_type", json!("LtiResourceLinkRequest")),
        ("version", json!("1.3.0")),
        (
            "deployment_id",
            json!("07940580-b309-415e-a37c-914d387c1150"),
        ),
        ("target_link_uri", json!("https://tool.example.com/launch")),
        (
            "resource_link",
            json!({ "id": "200d101f-2c14-434a-a0f3-57c2a42369fd", "title": "Introduction Assignment",
                                   "description": "Read the chapter and answer the questions." }),
        ),
        (
            "roles",
            json!([
                "http://purl.imsglobal.org/vocab/lis/v2/membership#Learner",
                "http://purl.imsglobal.org/vocab/lis/v2/institution/person#Student"
            ]),
        ),
        (
            "context",
            json!({ "id": "c1d887f0-a1a3-4bca-ae25-c375edcc131a", "label": "ECON 1010",
                            "title": "Economics as a Social Science",
                            "type": ["http://purl.imsglobal.org/vocab/lis/v2/course#CourseOffering"] }),
        ),
        (
            "tool_platform",
            json!({ "guid": "ex/48bbb541-ce55-456e-8b7d-ebc59a38d435", "name": "Example LMS",
                                  "product_family_code": "ExamplePlatformVendor-Product", "version": "1.0" }),
        ),
        (
            "launch_presentation",
            json!({ "document_target": "iframe", "height": 320, "width": 240,
                                        "return_url": "https://platform.example.edu/terms/201601/courses/7/sec/1/resources/2" }),
        ),
        (
            "lis",
            json!({ "person_sourcedid": "example.edu:71ee7e42-f6d2-414a-80db-b69ac2defd4",
                        "course_offering_sourcedid": "example.edu:SI182-F16",
                        "course_section_sourcedid": "example.edu:SI182-001-F16" }),
        ),
        (
            "custom",
            json!({ "xstart": "2017-04-21T01:00:00Z", "request_url": "https://tool.example.com/rq" }),
        ),
    ] {
        object.insert(lti(name), value);
    }
    object.clone()
}

/// Verifications per profiled run: enough that the count per verification is not the set-up's noise.
const PROFILE_RUNS: usize = 200;

/// Profiling hook, for `valgrind --tool=callgrind`: `LEARNWIRE_LTI_PROFILE=launch|jsonwebtoken|none
/// LEARNWIRE_LTI_KEY=key.pem <bench binary>` reads the signing key (PKCS#8 PEM, so every run uses the
/// same key; `lti/benches/growth.rs`'s `write-keys` mode writes one), does the bench's set-up, runs the
/// named verification 200 times and exits without criterion. (mode − none) / 200 is one verification.
fn profile_once(mode: &str) {
    let path = std::env::var("LEARNWIRE_LTI_KEY").expect("LEARNWIRE_LTI_KEY names a PEM key");
    let pem = std::fs::read_to_string(path).unwrap();
    let key =
        SigningKey::from_pem(&pem, Some(KeyId::parse("lw-platform-2023-01").unwrap())).unwrap();
    let (registration, token, decoding, validation) = setup(&key);
    let now = DateTime::from_timestamp(NOW, 0).unwrap();
    let verifier = LaunchVerifier::new();
    let nonce = "fc5fdc6d-5dd6-47f4-b2c9-5d1216e9b771";
    for _ in 0..PROFILE_RUNS {
        match mode {
            "launch" => {
                black_box(
                    verifier
                        .verify_id_token(&registration, black_box(&token), nonce, &NoStore, now)
                        .unwrap(),
                );
            }
            "jsonwebtoken" => {
                black_box(
                    jsonwebtoken::decode::<Map<String, Value>>(
                        black_box(&token),
                        &decoding,
                        &validation,
                    )
                    .unwrap(),
                );
            }
            _ => {}
        }
    }
}

/// The registration trusting `key`, a launch it signed, and jsonwebtoken's key and validation for it.
fn setup(key: &SigningKey) -> (PlatformRegistration, String, DecodingKey, Validation) {
    let jwks = json!({ "keys": [key.public_jwk()] }).to_string();
    let mut registration = PlatformRegistration::new(
        "https://platform.example.edu",
        "client-1",
        Url::parse("https://platform.example.edu/auth").unwrap(),
        Url::parse("https://tool.example.com/launch").unwrap(),
        Arc::new(KeySet::from_jwks(jwks.as_bytes(), &KeySetOptions::default()).unwrap()),
    );
    registration
        .deployment_ids
        .insert("07940580-b309-415e-a37c-914d387c1150".to_owned());
    let token = key.sign_jwt(&claims()).unwrap();
    let jwk = key.public_jwk();
    let decoding = DecodingKey::from_rsa_components(&jwk.n, &jwk.e).unwrap();
    let mut validation = Validation::new(Algorithm::RS256);
    validation.set_audience(&["client-1"]);
    validation.validate_exp = false;
    (registration, token, decoding, validation)
}

/// Launches signed for the end-to-end file: this many distinct ones, repeated in turn.
const DISTINCT_LAUNCHES: usize = 100;

/// End-to-end hooks (`lti/benches/e2e.sh`), whole processes:
/// - `LEARNWIRE_LTI_PROFILE=write-launches:N:DIR` writes `DIR/jwks.json` (the platform's public key) and
///   `DIR/launches.jwt`: N launches, one per line, the bench's 3 KB launch with its own `sub` and
///   `nonce` (100 distinct tokens in turn), issued now and valid for a day. The key is
///   `LEARNWIRE_LTI_KEY` (PKCS#8 PEM) when set, else a fresh one.
/// - `LEARNWIRE_LTI_PROFILE=decode-lines:DIR` is the floor of `learnwire lti verify --lines`
///   (`e2e/floor.rs`, also built with mimalloc as the `floor_mimalloc` bench): it reads
///   `DIR/jwks.json` once for the key, then `DIR/launches.jwt` line by line, and calls
///   `jsonwebtoken::decode::<Map<String, Value>>` on each line (RS256, `iss` and `aud` checked, `exp`
///   against the clock); prints how many verified.
///
/// Returns whether `mode` was one of them.
fn end_to_end(mode: &str) -> bool {
    if let Some(rest) = mode.strip_prefix("write-launches:") {
        let (count, dir) = rest.split_once(':').unwrap();
        let count: usize = count.parse().unwrap();
        let kid = Some(KeyId::parse("lw-platform-2023-01").unwrap());
        let key = match std::env::var("LEARNWIRE_LTI_KEY") {
            Ok(path) => SigningKey::from_pem(&std::fs::read_to_string(path).unwrap(), kid).unwrap(),
            Err(_) => SigningKey::generate(kid).unwrap(),
        };
        let jwks = json!({ "keys": [key.public_jwk()] }).to_string();
        std::fs::write(Path::new(dir).join("jwks.json"), jwks).unwrap();
        let now = Utc::now().timestamp();
        let tokens: Vec<String> = (0..DISTINCT_LAUNCHES.min(count))
            .map(|index| {
                let mut claims = claims();
                claims.insert("iat".to_owned(), json!(now - 5));
                claims.insert("exp".to_owned(), json!(now + 86_400));
                claims.insert("sub".to_owned(), json!(format!("user-{index:08}")));
                claims.insert("nonce".to_owned(), json!(format!("nonce-{index:08}")));
                key.sign_jwt(&claims).unwrap()
            })
            .collect();
        let mut out = String::new();
        for token in tokens.iter().cycle().take(count) {
            out.push_str(token);
            out.push('\n');
        }
        std::fs::write(Path::new(dir).join("launches.jwt"), &out).unwrap();
        eprintln!(
            "{count} launches ({} distinct in turn), {} bytes, written to {dir}/launches.jwt",
            tokens.len(),
            out.len()
        );
        return true;
    }
    if let Some(dir) = mode.strip_prefix("decode-lines:") {
        e2e_floor::decode_lines(Path::new(dir));
        return true;
    }
    false
}

fn bench(c: &mut Criterion) {
    if let Ok(mode) = std::env::var("LEARNWIRE_LTI_PROFILE") {
        if !end_to_end(&mode) {
            profile_once(&mode);
        }
        std::process::exit(0);
    }
    let key = SigningKey::generate(Some(KeyId::parse("lw-platform-2023-01").unwrap())).unwrap();
    let (registration, token, decoding, validation) = setup(&key);
    let now = DateTime::from_timestamp(NOW, 0).unwrap();
    let verifier = LaunchVerifier::new();
    let nonce = "fc5fdc6d-5dd6-47f4-b2c9-5d1216e9b771";
    verifier
        .verify_id_token(&registration, &token, nonce, &NoStore, now)
        .unwrap();

    jsonwebtoken::decode::<Map<String, Value>>(&token, &decoding, &validation).unwrap();

    let mut group = c.benchmark_group("verify");
    group.throughput(Throughput::Elements(1));
    group.bench_function("learnwire_full_launch", |b| {
        b.iter(|| {
            verifier
                .verify_id_token(&registration, black_box(&token), nonce, &NoStore, now)
                .unwrap()
        })
    });
    group.bench_function("jsonwebtoken_decode_rs256", |b| {
        b.iter(|| {
            jsonwebtoken::decode::<Map<String, Value>>(black_box(&token), &decoding, &validation)
                .unwrap()
        })
    });
    group.finish();

    // The ratio in one run: fastest of interleaved runs on the same token.
    let (mut ours, mut floor) = (Duration::MAX, Duration::MAX);
    let rounds = 2_000;
    for _ in 0..rounds {
        let start = Instant::now();
        black_box(
            verifier
                .verify_id_token(&registration, black_box(&token), nonce, &NoStore, now)
                .unwrap(),
        );
        ours = ours.min(start.elapsed());
        let start = Instant::now();
        black_box(
            jsonwebtoken::decode::<Map<String, Value>>(black_box(&token), &decoding, &validation)
                .unwrap(),
        );
        floor = floor.min(start.elapsed());
    }
    println!(
        "launch: verify_id_token {ours:.2?}, jsonwebtoken::decode {floor:.2?}: {:.2}x the floor (fastest of {rounds} interleaved runs; lti/benches/instructions.sh counts instructions)",
        ours.as_secs_f64() / floor.as_secs_f64()
    );

    // Where the difference goes: reading the verified claims into their LTI types.
    let payload = serde_json::to_value(claims()).unwrap();
    let mut group = c.benchmark_group("parts");
    group.bench_function("typed_message_claims_from_value", |b| {
        b.iter(|| {
            let typed: learnwire_lti::claims::MessageClaims =
                serde::Deserialize::deserialize(black_box(&payload)).unwrap();
            typed
        })
    });
    group.finish();

    let mut tool = ToolRegistration::new(
        "client-1",
        vec!["https://tool.example.com/launch".to_owned()],
        Arc::new(KeySet::default()),
    );
    tool.deployment_ids.insert("d-1".to_owned());
    let query = "scope=openid&response_type=id_token&response_mode=form_post&prompt=none&client_id=client-1\
                 &redirect_uri=https%3A%2F%2Ftool.example.com%2Flaunch&login_hint=u&state=s&nonce=n";
    let checked = ToolAuthRequest::parse(query.as_bytes(), &Limits::default())
        .unwrap()
        .check(|_| Some(&tool), |hint, _| Some(hint.to_owned()))
        .unwrap();
    let message = LaunchMessage::resource_link(
        "d-1",
        &Url::parse("https://tool.example.com/launch").unwrap(),
        "rl-1",
        ["http://purl.imsglobal.org/vocab/lis/v2/membership#Learner"],
    )
    .subject("user-1");
    let encoding = EncodingKey::from_rsa_pem(key.to_pkcs8_pem().unwrap().as_bytes()).unwrap();
    let mut header = Header::new(Algorithm::RS256);
    header.kid = Some("lw-platform-2023-01".to_owned());
    let claims = claims();

    let mut group = c.benchmark_group("sign");
    group.throughput(Throughput::Elements(1));
    group.bench_function("learnwire_platform_launch", |b| {
        b.iter(|| {
            message
                .sign("https://platform.example.edu", &key, &checked, now)
                .unwrap()
        })
    });
    group.bench_function("learnwire_sign_jwt", |b| {
        b.iter(|| key.sign_jwt(black_box(&claims)).unwrap())
    });
    group.bench_function("jsonwebtoken_encode_rs256", |b| {
        b.iter(|| jsonwebtoken::encode(&header, black_box(&claims), &encoding).unwrap())
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
