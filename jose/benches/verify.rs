//! RS256 verification of an LTI-sized token (about 2.5 KB): ours (strict read, key chosen by kid from a
//! key set parsed once, signature, strict JSON claims) against `jsonwebtoken::decode` of the same token
//! with a decoding key built once.
//!
//! `cargo bench -p learnwire-jose -- --warm-up-time 1 --measurement-time 3`
//!
//! First measurement (3.5 KB token, 2-core machine under load from other builds, load average about 3):
//! ours 40.9 µs, jsonwebtoken 56.3 µs, a ratio of 0.73. Re-measure on a quiet machine before quoting it.

#![allow(missing_docs, clippy::unwrap_used, clippy::expect_used)]

use std::hint::black_box;

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

fn bench(c: &mut Criterion) {
    let key = SigningKey::generate(2048).unwrap();
    let mut jwk = key.public_jwk();
    jwk.kid = Some("platform-1".to_owned());
    jwk.use_ = Some("sig".to_owned());
    let set = JwkSet::from_jwks([&jwk], &KeyPolicy::default()).unwrap();
    let header = json!({ "kid": "platform-1", "typ": "JWT" });
    let payload = serde_json::to_vec(&claims()).unwrap();
    let token = key
        .sign(Algorithm::Rs256, header.as_object().unwrap(), &payload)
        .unwrap();
    eprintln!("token: {} bytes", token.len());

    let verifier = Verifier::new(&[Algorithm::Rs256]).with_limits(Limits::default());
    assert!(verifier.verify_with_set(&token, &set).is_ok());
    let oracle_key = DecodingKey::from_rsa_components(&jwk.n, &jwk.e).unwrap();
    let mut validation = Validation::new(jsonwebtoken::Algorithm::RS256);
    validation.set_audience(&["client-1"]);
    validation.validate_exp = false;
    assert!(jsonwebtoken::decode::<Map<String, Value>>(&token, &oracle_key, &validation).is_ok());

    let mut group = c.benchmark_group("rs256_verify_lti_token");
    group.bench_function("learnwire_jose", |b| {
        b.iter(|| verifier.verify_with_set(black_box(&token), &set).unwrap());
    });
    group.bench_function("jsonwebtoken_decode", |b| {
        b.iter(|| {
            jsonwebtoken::decode::<Map<String, Value>>(black_box(&token), &oracle_key, &validation)
                .unwrap()
        });
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
