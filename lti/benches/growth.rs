//! How launch verification grows with the platform's key set (issue #13): an id token signed by one
//! key, verified against a set of 1, 10 or 100 RSA-2048 keys that holds it, verified with `LaunchVerifier::verify_id_token`
//! (key chosen by the header's `kid`). The cost should be constant in the number of keys: each key is
//! parsed and prepared once, when the set is read, and the lookup by `kid` is an ordered-map search
//! (log2(100) < 7 comparisons of short strings, nothing beside the RSA check). The signing key is
//! the same in every case: RSA public-key arithmetic runs in variable time, so another key would move
//! the count by a few per cent on its own.
//!
//! `cargo bench -p learnwire-lti --bench growth` runs criterion, then prints the time per verification
//! for each size, fastest of interleaved runs. Wall time moves with the machine's load;
//! `lti/benches/instructions.sh --growth` counts instructions per size with callgrind through the
//! profiling hook below (keys written once to files, so every callgrind run reads the same keys).

#![allow(
    missing_docs,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "bench set-up on generated, known-good inputs; criterion generates undocumented items"
)]

use std::hint::black_box;
use std::path::Path;
use std::sync::Arc;
use std::time::{Duration, Instant};

use chrono::{DateTime, Utc};
use criterion::{Criterion, criterion_group, criterion_main};
use learnwire_lti::keys::{KeyId, KeySet, KeySetOptions, SigningKey};
use learnwire_lti::launch::LaunchVerifier;
use learnwire_lti::{NonceError, NonceStore, PlatformRegistration};
use serde_json::{Map, Value, json};
use url::Url;

const NOW: i64 = 1_700_000_000;
const SIZES: [usize; 3] = [1, 10, 100];
const NONCE: &str = "fc5fdc6d-5dd6-47f4-b2c9-5d1216e9b771";
const DEPLOYMENT: &str = "07940580-b309-415e-a37c-914d387c1150";

/// Accepts every nonce: the bench measures verification, not the caller's store.
struct NoStore;

impl NonceStore for NoStore {
    fn consume(&self, _: &str, _: DateTime<Utc>, _: DateTime<Utc>) -> Result<(), NonceError> {
        Ok(())
    }
}

fn kid(index: usize) -> KeyId {
    KeyId::parse(format!("platform-key-{index:03}")).unwrap()
}

/// `count` keys: read from `dir/key<i>.pem` when a directory is given (the callgrind runs), else
/// generated.
fn keys(count: usize, dir: Option<&Path>) -> Vec<SigningKey> {
    (0..count)
        .map(|index| match dir {
            Some(dir) => {
                let pem = std::fs::read_to_string(dir.join(format!("key{index}.pem"))).unwrap();
                SigningKey::from_pem(&pem, Some(kid(index))).unwrap()
            }
            None => SigningKey::generate(Some(kid(index))).unwrap(),
        })
        .collect()
}

/// A resource link launch with the usual identity, context and service claims.
fn claims() -> Map<String, Value> {
    let lti = "https://purl.imsglobal.org/spec/lti/claim";
    let claims = json!({
        "iss": "https://platform.example.edu", "sub": "a6d5c443-1f51-4783-ba1a-7686ffe3b54a",
        "aud": "client-1", "exp": NOW + 300, "iat": NOW - 5, "nonce": NONCE,
        "name": "Ms Jane Marie Doe", "email": "jane@platform.example.edu",
        format!("{lti}/message_type"): "LtiResourceLinkRequest",
        format!("{lti}/version"): "1.3.0",
        format!("{lti}/deployment_id"): DEPLOYMENT,
        format!("{lti}/target_link_uri"): "https://tool.example.com/launch",
        format!("{lti}/resource_link"): {"id": "200d101f-2c14-434a-a0f3-57c2a42369fd", "title": "Introduction"},
        format!("{lti}/roles"): ["http://purl.imsglobal.org/vocab/lis/v2/membership#Learner"],
        format!("{lti}/context"): {"id": "c1d887f0-a1a3-4bca-ae25-c375edcc131a", "label": "ECON 1010",
            "type": ["http://purl.imsglobal.org/vocab/lis/v2/course#CourseOffering"]},
        "https://purl.imsglobal.org/spec/lti-ags/claim/endpoint": {
            "scope": ["https://purl.imsglobal.org/spec/lti-ags/scope/score"],
            "lineitems": "https://platform.example.edu/api/lti/courses/7/line_items"}
    });
    claims.as_object().unwrap().clone()
}

/// A registration whose key set holds the first `count` keys, and a launch signed by the first.
fn case(keys: &[SigningKey], count: usize) -> (PlatformRegistration, String) {
    let jwks =
        json!({ "keys": keys[..count].iter().map(SigningKey::public_jwk).collect::<Vec<_>>() });
    let set = KeySet::from_jwks(jwks.to_string().as_bytes(), &KeySetOptions::default()).unwrap();
    assert_eq!(set.len(), count);
    let mut registration = PlatformRegistration::new(
        "https://platform.example.edu",
        "client-1",
        Url::parse("https://platform.example.edu/auth").unwrap(),
        Url::parse("https://tool.example.com/launch").unwrap(),
        Arc::new(set),
    );
    registration.deployment_ids.insert(DEPLOYMENT.to_owned());
    let token = keys[0].sign_jwt(&claims()).unwrap();
    (registration, token)
}

fn verify(verifier: &LaunchVerifier, registration: &PlatformRegistration, token: &str) {
    let now = DateTime::from_timestamp(NOW, 0).unwrap();
    black_box(
        verifier
            .verify_id_token(registration, black_box(token), NONCE, &NoStore, now)
            .unwrap(),
    );
}

/// Verifications per profiled run: enough that the count per verification is not the set-up's noise.
const PROFILE_RUNS: usize = 200;

/// Profiling hook, for `valgrind --tool=callgrind`:
/// - `LEARNWIRE_LTI_PROFILE=write-keys:DIR` writes `DIR/key0.pem` … `key99.pem` (PKCS#8), once,
///   outside callgrind (key generation is slow there, and each run must read the same keys);
/// - `LEARNWIRE_LTI_PROFILE=verify:N LEARNWIRE_LTI_KEYS=DIR` builds the set of N keys and the token, then
///   verifies it 200 times; `setup:N` only builds them. (verify − setup) / 200 is one verification.
fn profile_once(mode: &str) {
    if let Some(dir) = mode.strip_prefix("write-keys:") {
        for (index, key) in keys(100, None).iter().enumerate() {
            std::fs::write(
                Path::new(dir).join(format!("key{index}.pem")),
                key.to_pkcs8_pem().unwrap(),
            )
            .unwrap();
        }
        return;
    }
    let (work, size) = mode.split_once(':').expect("mode:size");
    let size: usize = size.parse().expect("the size is a number");
    let dir = std::env::var("LEARNWIRE_LTI_KEYS").expect("LEARNWIRE_LTI_KEYS names the key files");
    let keys = keys(size, Some(Path::new(&dir)));
    let (registration, token) = case(&keys, size);
    let verifier = LaunchVerifier::new();
    match work {
        "verify" => {
            for _ in 0..PROFILE_RUNS {
                verify(&verifier, &registration, &token);
            }
        }
        "setup" => {}
        other => panic!("unknown workload {other}"),
    }
}

fn bench(c: &mut Criterion) {
    if let Ok(mode) = std::env::var("LEARNWIRE_LTI_PROFILE") {
        profile_once(&mode);
        std::process::exit(0);
    }
    let keys = keys(100, None);
    let verifier = LaunchVerifier::new();
    let cases: Vec<(usize, PlatformRegistration, String)> = SIZES
        .iter()
        .map(|&n| {
            let (registration, token) = case(&keys, n);
            verify(&verifier, &registration, &token);
            (n, registration, token)
        })
        .collect();

    let mut group = c.benchmark_group("key_set");
    for (n, registration, token) in &cases {
        group.bench_function(format!("verify_id_token/{n}_keys"), |b| {
            b.iter(|| verify(&verifier, registration, token))
        });
    }
    group.finish();

    // Side by side, fastest of interleaved runs.
    let mut best = vec![Duration::MAX; cases.len()];
    for _ in 0..300 {
        for ((_, registration, token), best) in cases.iter().zip(&mut best) {
            let start = Instant::now();
            verify(&verifier, registration, token);
            *best = (*best).min(start.elapsed());
        }
    }
    let one = best.first().map_or(1.0, Duration::as_secs_f64);
    for ((n, _, _), best) in cases.iter().zip(&best) {
        println!(
            "{n:>3} keys: verify_id_token {best:.2?} per launch ({:.2}x the 1-key set; fastest of 300 interleaved runs)",
            best.as_secs_f64() / one
        );
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
