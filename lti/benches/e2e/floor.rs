//! The floor of `learnwire lti verify --lines` for `lti/benches/e2e.sh`, shared by the verify_launch
//! bench (`decode-lines` mode, the system allocator) and `floor_mimalloc` (the allocator of the
//! `learnwire` binary).

use std::hint::black_box;
use std::io::{BufRead, BufReader};
use std::path::Path;

use jsonwebtoken::{Algorithm, DecodingKey, Validation};
use serde_json::{Map, Value};

/// Reads `dir/jwks.json` once for the key, then `dir/launches.jwt` line by line, and calls
/// `jsonwebtoken::decode::<Map<String, Value>>` on each line (RS256, `iss` and `aud` checked, `exp`
/// against the clock); prints how many verified.
pub(crate) fn decode_lines(dir: &Path) {
    let jwks: Value =
        serde_json::from_slice(&std::fs::read(dir.join("jwks.json")).unwrap()).unwrap();
    let jwk = jwks.pointer("/keys/0").unwrap();
    let decoding = DecodingKey::from_rsa_components(
        jwk.get("n").and_then(Value::as_str).unwrap(),
        jwk.get("e").and_then(Value::as_str).unwrap(),
    )
    .unwrap();
    let mut validation = Validation::new(Algorithm::RS256);
    validation.set_audience(&["client-1"]);
    validation.set_issuer(&["https://platform.example.edu"]);
    let mut reader = BufReader::new(std::fs::File::open(dir.join("launches.jwt")).unwrap());
    let mut line = Vec::with_capacity(4096);
    let (mut lines, mut verified) = (0u64, 0u64);
    loop {
        line.clear();
        if reader.read_until(b'\n', &mut line).unwrap() == 0 {
            break;
        }
        let token = line.trim_ascii();
        if token.is_empty() {
            continue;
        }
        lines += 1;
        let token = std::str::from_utf8(token).unwrap_or_default();
        verified += u64::from(
            jsonwebtoken::decode::<Map<String, Value>>(black_box(token), &decoding, &validation)
                .is_ok(),
        );
    }
    println!("{lines} lines, {verified} verified by jsonwebtoken::decode");
}
