//! Replays the committed fuzz seeds (`fuzz/seeds/lti_token`, `fuzz/seeds/lti_login`) through the same
//! oracles as the fuzz targets, and regenerates the token seeds on demand
//! (`LEARNWIRE_WRITE_SEEDS=1 cargo test -p learnwire-lti --test it write_token_seeds -- --ignored`).

use std::path::PathBuf;

use learnwire_lti::keys::{KeyId, SigningKey};
use learnwire_testkit::lti::{login_oracle, seed_registration, token_verdict};
use learnwire_testkit::seeds::seeds;
use serde_json::{Value, json};

use crate::support::{baseline, sign_raw};

#[test]
fn token_seeds_replay_with_their_expected_verdicts() {
    let registration = seed_registration();
    let mut mismatches = Vec::new();
    let mut count = 0;
    for (name, data) in seeds("lti_token") {
        let verdict = token_verdict(registration, &data);
        count += 1;
        // Seed names say what they expect: `ok-*` accepted, `<code>--*` rejected with that code.
        let expected = if name.starts_with("ok-") {
            "ok"
        } else {
            name.split("--").next().unwrap()
        };
        if name != "jwks.json" && verdict != expected {
            mismatches.push(format!("{name}: expected {expected}, got {verdict}"));
        }
    }
    assert!(count >= 5, "too few seeds");
    assert!(mismatches.is_empty(), "{mismatches:#?}");
}

#[test]
fn login_seeds_replay() {
    let accepted = seeds("lti_login")
        .iter()
        .filter(|(_, data)| login_oracle(data))
        .count();
    assert!(
        accepted >= 1,
        "no login seed reaches an authentication request"
    );
}

#[test]
#[ignore = "writes fuzz/seeds/lti_token; run with LEARNWIRE_WRITE_SEEDS=1"]
fn write_token_seeds() {
    if std::env::var_os("LEARNWIRE_WRITE_SEEDS").is_none() {
        return;
    }
    let dir = PathBuf::from(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../fuzz/seeds/lti_token"
    ));
    let key = SigningKey::generate(Some(KeyId::parse("lw-platform-2023-01").unwrap())).unwrap();
    let jwks = json!({ "keys": [key.public_jwk()] });
    std::fs::write(
        dir.join("jwks.json"),
        serde_json::to_string_pretty(&jwks).unwrap(),
    )
    .unwrap();
    let header =
        |alg: &str| json!({ "alg": alg, "kid": "lw-platform-2023-01", "typ": "JWT" }).to_string();
    let claims = Value::Object(baseline()).to_string();
    let changed = |name: &str, change: &dyn Fn(&mut serde_json::Map<String, Value>)| {
        let mut claims = baseline();
        change(&mut claims);
        std::fs::write(dir.join(name), key.sign_jwt(&claims).unwrap()).unwrap();
    };
    changed("ok-resource-link", &|_| {});
    changed("lti.claim.exp--expired", &|c| {
        drop(c.insert("exp".into(), json!(1_699_990_000)))
    });
    changed("lti.claim.aud--wrong-audience", &|c| {
        drop(c.insert("aud".into(), json!("other")))
    });
    changed("lti.claim.type--exp-string", &|c| {
        drop(c.insert("exp".into(), json!("1700000300")))
    });
    changed("lti.deployment.unknown--deployment", &|c| {
        drop(c.insert(
            "https://purl.imsglobal.org/spec/lti/claim/deployment_id".into(),
            json!("d-9"),
        ))
    });
    changed("lti.claim.aud-untrusted--two-audiences", &|c| {
        drop(c.insert("aud".into(), json!(["client-1", "x"])))
    });
    let write = |name: &str, bytes: String| std::fs::write(dir.join(name), bytes).unwrap();
    let b64 = crate::support::b64;
    write(
        "lti.header.alg-none--none",
        format!(
            "{}.{}.",
            b64(header("none").as_bytes()),
            b64(claims.as_bytes())
        ),
    );
    write(
        "lti.header.alg-not-allowed--hs256",
        sign_raw(header("HS256").as_bytes(), claims.as_bytes(), &key),
    );
    let duplicate = r#"{"alg":"RS256","kid":"lw-platform-2023-01","alg":"RS256"}"#;
    write(
        "lti.token.duplicate-member--header",
        sign_raw(duplicate.as_bytes(), claims.as_bytes(), &key),
    );
    let deep = claims.replacen(
        '{',
        &format!(r#"{{"x":{}1{},"#, "[".repeat(100), "]".repeat(100)),
        1,
    );
    write(
        "lti.token.too-deep--nesting",
        sign_raw(header("RS256").as_bytes(), deep.as_bytes(), &key),
    );
    let good = key.sign_jwt(&baseline()).unwrap();
    write("lti.token.segments--five", format!("{good}.a.b"));
    write(
        "lti.signature.invalid--tampered",
        format!("{}A", &good[..good.len() - 1]).replace(".eyJ", ".eyK"),
    );
    write("lti.token.base64--padding", good.replacen('.', "=.", 1));
}
