//! RS256 verification of an LTI-sized token (about 2.5 KB): ours (strict read, key chosen by kid from a
//! key set parsed once, signature, strict JSON claims) against `jsonwebtoken::decode` of the same token
//! with a decoding key built once.
//!
//! The floor beneath both: aws-lc-rs alone verifying the signature over the signing input (key parsed
//! once, signature already decoded), which is the RSA check and the SHA-256 of the signing input and
//! nothing else.
//!
//! `cargo bench -p learnwire-jose -- --warm-up-time 1 --measurement-time 3`
//!
//! After criterion's figures the bench prints both ratios to the aws-lc-rs floor, fastest of
//! interleaved runs. Wall time moves with the machine's load; `jose/benches/instructions.sh` counts
//! instructions with callgrind through the profiling hook below.

#![allow(missing_docs, clippy::unwrap_used, clippy::expect_used)]

use std::hint::black_box;
use std::time::{Duration, Instant};

use aws_lc_rs::signature::{ParsedPublicKey, RSA_PKCS1_2048_8192_SHA256, RsaPublicKeyComponents};

use criterion::{Criterion, criterion_group, criterion_main};
use jsonwebtoken::{DecodingKey, Validation};
use learnwire_jose::{Algorithm, JwkSet, KeyPolicy, Limits, SigningKey, Verifier};
use serde_json::{Map, Value, json};

const NOW: i64 = 1_700_000_000;

/// A launch shaped like a real one: identity, LTI claims, context, AGS, NRPS, custom claims.
fn claims() -> Map<String, Value> {
    let lti = |name: &str| format!("https://purl.imsglobal.org/spec/lti/claim/{name}");
    let mut claims = json!({
        "iss": "https://platform.example.edu", "sub": "a6d5c443-1f51-4783-ba1a-7686ffe3b54a",
        "aud": "client-1", "exp": NOW + 300, "iat": NOW - 5, "nonce": "fc5fdc6d-5dd6-47f4-b2c9-5d1216e9b771",
        "name": "Ms Jane Marie Doe", "given_name": "Jane", "family_name": "Doe",
        "email": "jane@platform.example.edu", "locale": "en-US",
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
            json!({ "id": "200d101f-2c14-434a-a0f3-57c2a42369fd",
            "title": "Introduction Assignment", "description": "Read the chapter and answer the questions." }),
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
            "return_url": "https://platform.example.edu/terms/201601/courses/7/sec/1/resources/12" }),
        ),
        (
            "custom",
            json!({ "xstart": "2017-04-21T01:00:00Z", "request_url": "https://tool.com/link/123" }),
        ),
    ] {
        object.insert(lti(name), value);
    }
    claims.as_object().unwrap().clone()
}

/// Verifications per profiled run: enough that the count per verification is not the set-up's noise.
const PROFILE_RUNS: usize = 200;

/// Everything the three verifications need, built once.
struct Setup {
    token: String,
    set: JwkSet,
    verifier: Verifier,
    oracle_key: DecodingKey,
    validation: Validation,
    raw_key: ParsedPublicKey,
    signing_input: Vec<u8>,
    signature: Vec<u8>,
}

impl Setup {
    fn ours(&self) {
        black_box(
            self.verifier
                .verify_with_set(black_box(&self.token), &self.set)
                .unwrap(),
        );
    }

    fn jsonwebtoken(&self) {
        black_box(
            jsonwebtoken::decode::<Map<String, Value>>(
                black_box(&self.token),
                &self.oracle_key,
                &self.validation,
            )
            .unwrap(),
        );
    }

    fn raw(&self) {
        self.raw_key
            .verify_sig(black_box(&self.signing_input), black_box(&self.signature))
            .unwrap();
    }
}

fn setup(key: &SigningKey) -> Setup {
    let mut jwk = key.public_jwk();
    jwk.kid = Some("platform-1".to_owned());
    jwk.use_ = Some("sig".to_owned());
    let set = JwkSet::from_jwks([&jwk], &KeyPolicy::default()).unwrap();
    let header = json!({ "kid": "platform-1", "typ": "JWT" });
    let payload = serde_json::to_vec(&claims()).unwrap();
    let token = key
        .sign(Algorithm::Rs256, header.as_object().unwrap(), &payload)
        .unwrap();
    let verifier = Verifier::new(&[Algorithm::Rs256]).with_limits(Limits::default());
    assert!(verifier.verify_with_set(&token, &set).is_ok());
    let oracle_key = DecodingKey::from_rsa_components(&jwk.n, &jwk.e).unwrap();
    let mut validation = Validation::new(jsonwebtoken::Algorithm::RS256);
    validation.set_audience(&["client-1"]);
    validation.validate_exp = false;
    assert!(jsonwebtoken::decode::<Map<String, Value>>(&token, &oracle_key, &validation).is_ok());
    let read = verifier.read(&token).unwrap();
    let (signing_input, signature) = (read.signing_input().to_vec(), read.signature().to_vec());
    let n = learnwire_jose::base64url::decode(&jwk.n).unwrap();
    let e = learnwire_jose::base64url::decode(&jwk.e).unwrap();
    let raw_key = RsaPublicKeyComponents { n: &n, e: &e }
        .to_parsed_public_key(&RSA_PKCS1_2048_8192_SHA256)
        .unwrap();
    let setup = Setup {
        token,
        set,
        verifier,
        oracle_key,
        validation,
        raw_key,
        signing_input,
        signature,
    };
    setup.raw();
    setup
}

/// Profiling hook, for `valgrind --tool=callgrind`: `LEARNWIRE_JOSE_PROFILE=write-key:PATH` writes a
/// PKCS#8 PEM key (once, natively: key generation is slow under callgrind and its cost varies);
/// `LEARNWIRE_JOSE_PROFILE=ours|jsonwebtoken|raw|none LEARNWIRE_JOSE_KEY=PATH` reads it, does the set-up,
/// runs the named verification 200 times and exits without criterion. (mode − none) / 200 is one
/// verification.
fn profile_once(mode: &str) {
    if let Some(path) = mode.strip_prefix("write-key:") {
        let key = SigningKey::generate(2048).unwrap();
        std::fs::write(path, key.to_pkcs8_pem().unwrap()).unwrap();
        return;
    }
    let path = std::env::var("LEARNWIRE_JOSE_KEY").expect("LEARNWIRE_JOSE_KEY names a PEM key");
    let key = SigningKey::from_pem(&std::fs::read_to_string(path).unwrap()).unwrap();
    let setup = setup(&key);
    for _ in 0..PROFILE_RUNS {
        match mode {
            "ours" => setup.ours(),
            "jsonwebtoken" => setup.jsonwebtoken(),
            "raw" => setup.raw(),
            _ => {}
        }
    }
}

fn bench(c: &mut Criterion) {
    if let Ok(mode) = std::env::var("LEARNWIRE_JOSE_PROFILE") {
        profile_once(&mode);
        std::process::exit(0);
    }
    let setup = setup(&SigningKey::generate(2048).unwrap());
    eprintln!("token: {} bytes", setup.token.len());

    let mut group = c.benchmark_group("rs256_verify_lti_token");
    group.bench_function("learnwire_jose", |b| b.iter(|| setup.ours()));
    group.bench_function("jsonwebtoken_decode", |b| b.iter(|| setup.jsonwebtoken()));
    group.bench_function("floor: aws-lc-rs verify_sig", |b| b.iter(|| setup.raw()));
    group.finish();

    // Both ratios in one run: fastest of interleaved runs.
    let mut best = [Duration::MAX; 3];
    let rounds = 2_000;
    for _ in 0..rounds {
        let work: [&dyn Fn(); 3] = [&|| setup.ours(), &|| setup.jsonwebtoken(), &|| setup.raw()];
        for (run, best) in work.iter().zip(&mut best) {
            let start = Instant::now();
            run();
            *best = (*best).min(start.elapsed());
        }
    }
    let [ours, jwt, raw] = best;
    println!(
        "RS256 verify: learnwire_jose {ours:.2?} ({:.2}x the floor), jsonwebtoken::decode {jwt:.2?} ({:.2}x), aws-lc-rs verify_sig {raw:.2?} (fastest of {rounds} interleaved runs; jose/benches/instructions.sh counts instructions)",
        ours.as_secs_f64() / raw.as_secs_f64(),
        jwt.as_secs_f64() / raw.as_secs_f64()
    );
}

criterion_group!(benches, bench);
criterion_main!(benches);
