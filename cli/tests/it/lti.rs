//! `learnwire lti keygen | sign | verify`: exit 0 accepted, 1 rejected, 2 usage; never a panic.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::sync::OnceLock;

use serde_json::{Value, json};

const NOW: i64 = 1_700_000_000;
const ISSUER: &str = "https://platform.example.edu";

fn dir() -> PathBuf {
    let dir = std::env::temp_dir().join(format!("learnwire-lti-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn run(args: &[&str], stdin: &[u8]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_learnwire"))
        .arg("lti")
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut pipe = child.stdin.take().unwrap();
    let input = stdin.to_vec();
    // The command stops reading after its limit: a closed pipe is expected then.
    let writer = std::thread::spawn(move || {
        let _ = pipe.write_all(&input);
    });
    let output = child.wait_with_output().unwrap();
    writer.join().unwrap();
    assert_ne!(
        output.status.code(),
        Some(101),
        "panicked: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(output.status.code().is_some(), "killed by a signal");
    output
}

/// A platform key pair made once with `keygen`: (directory, private key path, jwks path).
fn platform_keys() -> &'static (PathBuf, PathBuf, PathBuf) {
    static KEYS: OnceLock<(PathBuf, PathBuf, PathBuf)> = OnceLock::new();
    KEYS.get_or_init(|| {
        let out = dir().join("platform");
        let output = run(
            &[
                "keygen",
                "--kid",
                "lw-platform-2023-01",
                "--out",
                out.to_str().unwrap(),
                "--format",
                "json",
            ],
            b"",
        );
        assert_eq!(
            output.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&output.stderr)
        );
        (out.clone(), out.join("private.pem"), out.join("jwks.json"))
    })
}

fn claims() -> Value {
    json!({
        "iss": ISSUER, "sub": "user-1", "aud": "client-1", "exp": NOW + 300, "iat": NOW - 5, "nonce": "nonce-1",
        "https://purl.imsglobal.org/spec/lti/claim/message_type": "LtiResourceLinkRequest",
        "https://purl.imsglobal.org/spec/lti/claim/version": "1.3.0",
        "https://purl.imsglobal.org/spec/lti/claim/deployment_id": "deployment-1",
        "https://purl.imsglobal.org/spec/lti/claim/target_link_uri": "https://tool.example.com/launch",
        "https://purl.imsglobal.org/spec/lti/claim/resource_link": { "id": "rl-1" },
        "https://purl.imsglobal.org/spec/lti/claim/roles": []
    })
}

fn sign(name: &str, claims: &Value) -> Output {
    sign_bytes(name, claims.to_string().as_bytes())
}

fn sign_bytes(name: &str, claims: &[u8]) -> Output {
    let (_, private, _) = platform_keys();
    let path = dir().join(name);
    std::fs::write(&path, claims).unwrap();
    run(
        &[
            "sign",
            "--key",
            private.to_str().unwrap(),
            "--kid",
            "lw-platform-2023-01",
            path.to_str().unwrap(),
        ],
        b"",
    )
}

fn token() -> String {
    // Tests run in parallel: each call writes its own file so none reads another's half-written one.
    static CALLS: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let call = CALLS.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let output = sign(&format!("claims-{call}.json"), &claims());
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).unwrap().trim().to_owned()
}

fn verify_args(jwks: &Path, extra: &[&str]) -> Vec<String> {
    let mut args: Vec<String> = [
        "verify",
        "--jwks",
        jwks.to_str().unwrap(),
        "--issuer",
        ISSUER,
        "--client-id",
        "client-1",
        "--now",
    ]
    .iter()
    .map(ToString::to_string)
    .collect();
    args.push(NOW.to_string());
    args.extend(["--format".to_owned(), "json".to_owned()]);
    args.extend(extra.iter().map(ToString::to_string));
    args
}

fn verify(extra: &[&str], stdin: &[u8]) -> (Output, Vec<Value>) {
    let (_, _, jwks) = platform_keys();
    let args = verify_args(jwks, extra);
    let refs: Vec<&str> = args.iter().map(String::as_str).collect();
    let output = run(&refs, stdin);
    let lines = String::from_utf8_lossy(&output.stdout)
        .lines()
        .map(|line| serde_json::from_str(line).unwrap())
        .collect();
    (output, lines)
}

#[test]
fn keygen_writes_a_pem_and_a_public_jwks_and_never_overwrites() {
    let (out, private, jwks) = platform_keys();
    assert!(
        std::fs::read_to_string(private)
            .unwrap()
            .starts_with("-----BEGIN PRIVATE KEY-----")
    );
    let jwks: Value = serde_json::from_str(&std::fs::read_to_string(jwks).unwrap()).unwrap();
    assert_eq!(jwks["keys"][0]["kid"], "lw-platform-2023-01");
    assert!(jwks["keys"][0].get("d").is_none());
    let again = run(
        &["keygen", "--kid", "x", "--out", out.to_str().unwrap()],
        b"",
    );
    assert_eq!(again.status.code(), Some(2));
    let bad_kid = run(
        &[
            "keygen",
            "--kid",
            "has space",
            "--out",
            dir().join("k2").to_str().unwrap(),
        ],
        b"",
    );
    assert_eq!(bad_kid.status.code(), Some(2));
}

#[test]
fn sign_then_verify_as_tool() {
    let token = token();
    let (output, lines) = verify(
        &["--nonce", "nonce-1", "--deployment-id", "deployment-1"],
        token.as_bytes(),
    );
    assert_eq!(output.status.code(), Some(0), "{lines:?}");
    assert_eq!(lines[0]["valid"], true);
    assert_eq!(lines[0]["claims"]["sub"], "user-1");
    // Nonce not given: accepted (documented: not compared).
    let (output, _) = verify(&[], token.as_bytes());
    assert_eq!(output.status.code(), Some(0));
    let cases: Vec<(Vec<&str>, &str)> = vec![
        (vec!["--nonce", "other"], "lti.nonce.mismatch"),
        (
            vec!["--deployment-id", "deployment-9"],
            "lti.deployment.unknown",
        ),
        (vec!["--alg", "RS512"], "lti.header.alg-not-allowed"),
    ];
    for (extra, code) in cases {
        let (output, lines) = verify(&extra, token.as_bytes());
        assert_eq!(output.status.code(), Some(1), "{extra:?}");
        assert_eq!(lines[0]["valid"], false);
        assert_eq!(lines[0]["error"]["code"], code, "{extra:?}");
    }
}

#[test]
fn sign_refuses_invalid_lti_messages_saying_why() {
    let mut claims = claims();
    claims
        .as_object_mut()
        .unwrap()
        .remove("https://purl.imsglobal.org/spec/lti/claim/deployment_id");
    let output = sign("no-deployment.json", &claims);
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("lti.claim.missing") && stderr.contains("deployment_id"),
        "{stderr}"
    );
    let output = sign("not-object.json", &json!([1]));
    assert_eq!(output.status.code(), Some(1), "bad content is a rejection");
    // Duplicate members are ambiguous: refused, as in a received token, never "last wins".
    let text = self::claims().to_string();
    let doubled = text.replacen('{', r#"{"sub":"admin","#, 1);
    let output = sign_bytes("duplicate.json", doubled.as_bytes());
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("appears twice"), "{stderr}");
    let missing = dir().join("no-such-claims.json");
    let output = run(
        &[
            "sign",
            "--key",
            platform_keys().1.to_str().unwrap(),
            "--kid",
            "k",
            missing.to_str().unwrap(),
        ],
        b"",
    );
    assert_eq!(
        output.status.code(),
        Some(2),
        "an unreadable file is an I/O error"
    );
}

#[test]
fn hostile_tokens_are_rejected_naming_the_check() {
    let none = format!(
        "{}.{}.",
        b64(br#"{"alg":"none","kid":"lw-platform-2023-01"}"#),
        b64(claims().to_string().as_bytes())
    );
    let cases: Vec<(Vec<u8>, &str)> = vec![
        (none.into_bytes(), "lti.header.alg-none"),
        (b"".to_vec(), "lti.token.segments"),
        (b"a.b".to_vec(), "lti.token.segments"),
        (vec![0xff, 0xfe, b'.', 0, b'.', 1], "lti.token.base64"),
        (vec![b'A'; 10 * 1024 * 1024], "lti.token.too-large"),
    ];
    for (input, code) in cases {
        let (output, lines) = verify(&[], &input);
        assert_eq!(output.status.code(), Some(1), "{code}");
        assert_eq!(lines[0]["error"]["code"], code);
    }
}

#[test]
fn lines_mode_reports_each_token() {
    let token = token();
    let input = format!("{token}\nnot-a-token\n\n{token}\n");
    let (output, lines) = verify(&["--lines", "--nonce", "nonce-1"], input.as_bytes());
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(lines.len(), 3);
    assert_eq!(lines[0]["valid"], true);
    assert_eq!(lines[1]["error"]["code"], "lti.token.segments");
    assert_eq!(
        lines[2]["error"]["code"], "lti.nonce.replayed",
        "a nonce is used once within a run"
    );
    assert_eq!(lines[2]["line"], 4);
}

#[test]
fn text_output_names_the_check_on_stderr() {
    let (_, _, jwks) = platform_keys();
    let mut args = verify_args(jwks, &[]);
    args.truncate(args.len() - 2);
    let refs: Vec<&str> = args.iter().map(String::as_str).collect();
    let output = run(&refs, b"x.y.z");
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(stderr.lines().count(), 1);
    assert!(
        stderr.contains("lti.token.json") || stderr.contains("lti.token.base64"),
        "{stderr}"
    );
}

#[test]
fn usage_errors_exit_2() {
    let (output, _) = verify(&["--alg", "HS256"], b"");
    assert_eq!(output.status.code(), Some(2));
    let output = run(
        &[
            "verify",
            "--jwks",
            "/nonexistent/jwks.json",
            "--issuer",
            "i",
            "--client-id",
            "c",
        ],
        b"x",
    );
    assert_eq!(output.status.code(), Some(2));
    let (output, _) = verify(&["--as", "platform", "--nonce", "n"], b"");
    assert_eq!(output.status.code(), Some(2));
    // A readable JWKS with private members used to be a usage error here; it is hostile input, a
    // rejection with exit 1 (see jwks_with_private_members_is_rejected_with_exit_1).
}

/// Writes `jwks` to a file named `name` and verifies `input` against it, printing in `format`.
fn verify_against_jwks(name: &str, jwks: &[u8], format: &str, input: &[u8]) -> Output {
    let path = dir().join(name);
    std::fs::write(&path, jwks).unwrap();
    verify_against_path(&path, format, input)
}

fn verify_against_path(jwks: &Path, format: &str, input: &[u8]) -> Output {
    let mut args = verify_args(jwks, &[]);
    let at = args.iter().position(|arg| arg == "json").unwrap();
    args[at] = format.to_owned();
    let refs: Vec<&str> = args.iter().map(String::as_str).collect();
    run(&refs, input)
}

/// The public JWK `keygen` wrote for the platform key.
fn platform_jwk() -> Value {
    let (_, _, jwks) = platform_keys();
    let jwks: Value = serde_json::from_slice(&std::fs::read(jwks).unwrap()).unwrap();
    jwks["keys"][0].clone()
}

/// Asserts that verifying a good token against `jwks` exits 1 and reports `code` like any rejection:
/// one JSON line with `--format json`, `invalid CODE: …` on stdout and one stderr line in text.
#[track_caller]
fn assert_rejected_with_jwks(name: &str, jwks: &[u8], code: &str) {
    let token = token();
    let output = verify_against_jwks(name, jwks, "json", token.as_bytes());
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    assert_eq!(output.status.code(), Some(1), "{name}: {stderr}");
    let lines: Vec<Value> = String::from_utf8_lossy(&output.stdout)
        .lines()
        .map(|line| serde_json::from_str(line).unwrap())
        .collect();
    assert_eq!(lines.len(), 1, "{name}: {lines:?}");
    assert_eq!(lines[0]["valid"], false, "{name}");
    assert_eq!(lines[0]["error"]["code"], code, "{name}: {lines:?}");
    let output = verify_against_jwks(name, jwks, "text", token.as_bytes());
    assert_eq!(output.status.code(), Some(1), "{name}");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        stdout.starts_with(&format!("invalid {code}: ")),
        "{name}: {stdout}"
    );
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(stderr.lines().count(), 1, "{name}: {stderr}");
    assert!(stderr.contains(code), "{name}: {stderr}");
}

#[test]
fn jwks_with_private_members_is_rejected_with_exit_1() {
    let oct = json!({ "keys": [{ "kty": "oct", "kid": "lw-platform-2023-01", "k": "c2VjcmV0LWhtYWMta2V5" }] });
    assert_rejected_with_jwks(
        "jwks-oct.json",
        oct.to_string().as_bytes(),
        "lti.jwks.private-material",
    );
    let mut private = platform_jwk();
    private["d"] = json!("c2VjcmV0LWV4cG9uZW50");
    let private = json!({ "keys": [private] });
    assert_rejected_with_jwks(
        "jwks-rsa-d.json",
        private.to_string().as_bytes(),
        "lti.jwks.private-material",
    );
    // The secret itself is never printed.
    let output = verify_against_jwks(
        "jwks-oct.json",
        oct.to_string().as_bytes(),
        "text",
        token().as_bytes(),
    );
    let all = format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(!all.contains("c2VjcmV0LWhtYWMta2V5"), "{all}");
}

#[test]
fn jwks_with_two_keys_of_one_kid_is_rejected_with_exit_1() {
    let mut other = platform_jwk();
    // Another modulus under the same kid (an attacker's key listed first).
    other["n"] = json!(b64(&[0xc3; 256]));
    let jwks = json!({ "keys": [other, platform_jwk()] });
    assert_rejected_with_jwks(
        "jwks-duplicate-kid.json",
        jwks.to_string().as_bytes(),
        "lti.jwks.duplicate-kid",
    );
}

#[test]
fn jwks_with_a_weak_key_rejects_the_token_naming_it_with_exit_1() {
    // A 1024-bit modulus under the token's kid: the set loads, and the key is refused when used.
    let mut weak = platform_jwk();
    weak["n"] = json!(b64(&[0xc3; 128]));
    let jwks = json!({ "keys": [weak] });
    assert_rejected_with_jwks(
        "jwks-weak.json",
        jwks.to_string().as_bytes(),
        "lti.key.rejected",
    );
}

#[test]
fn jwks_too_large_or_ambiguous_is_rejected_with_exit_1() {
    let padding = "x".repeat(300 * 1024);
    let large = json!({ "keys": [platform_jwk()], "padding": padding });
    assert_rejected_with_jwks(
        "jwks-large.json",
        large.to_string().as_bytes(),
        "lti.jwks.too-large",
    );
    // JSON that repeats a member is read and refused (never first or last wins): not a usage error.
    let doubled = format!(r#"{{"keys":[],"keys":[{}]}}"#, platform_jwk());
    assert_rejected_with_jwks("jwks-doubled.json", doubled.as_bytes(), "lti.jwks.json");
    let shape = json!({ "keys": "none" });
    assert_rejected_with_jwks(
        "jwks-shape.json",
        shape.to_string().as_bytes(),
        "lti.jwks.shape",
    );
}

#[test]
fn jwks_that_cannot_be_read_or_is_not_json_exits_2() {
    let token = token();
    let unreadable = [dir().join("no-such-jwks.json"), dir()];
    for path in &unreadable {
        for format in ["json", "text"] {
            let output = verify_against_path(path, format, token.as_bytes());
            assert_eq!(output.status.code(), Some(2), "{path:?} {format}");
            assert!(output.stdout.is_empty(), "{path:?} {format}");
            assert!(
                String::from_utf8_lossy(&output.stderr).contains("cannot read"),
                "{path:?}"
            );
        }
    }
    let not_json: [&[u8]; 4] = [b"not json", b"{\"keys\":[", b"", b"\xff\xfe{}"];
    for (index, bytes) in not_json.into_iter().enumerate() {
        for format in ["json", "text"] {
            let output = verify_against_jwks(
                &format!("jwks-not-json-{index}.json"),
                bytes,
                format,
                token.as_bytes(),
            );
            assert_eq!(output.status.code(), Some(2), "{bytes:?} {format}");
            assert!(output.stdout.is_empty(), "{bytes:?} {format}");
            assert!(
                String::from_utf8_lossy(&output.stderr).contains("is not JSON"),
                "{bytes:?}"
            );
        }
    }
}

#[test]
fn verify_as_platform_checks_a_deep_linking_response() {
    // The "tool" signs with the same key pair here; as platform, --issuer is ours (aud), --client-id the tool's (iss).
    let response = json!({
        "iss": "client-1", "aud": ISSUER, "exp": NOW + 300, "iat": NOW, "nonce": "tool-nonce",
        "https://purl.imsglobal.org/spec/lti/claim/message_type": "LtiDeepLinkingResponse",
        "https://purl.imsglobal.org/spec/lti/claim/version": "1.3.0",
        "https://purl.imsglobal.org/spec/lti/claim/deployment_id": "deployment-1",
        "https://purl.imsglobal.org/spec/lti-dl/claim/data": "d-1",
        "https://purl.imsglobal.org/spec/lti-dl/claim/content_items": [{ "type": "link", "url": "https://tool.example.com/x" }]
    });
    let output = sign("dl.json", &response);
    let jwt = String::from_utf8(output.stdout).unwrap();
    let (output, lines) = verify(
        &["--as", "platform", "--data", "d-1"],
        jwt.trim().as_bytes(),
    );
    assert_eq!(output.status.code(), Some(0), "{lines:?}");
    assert_eq!(lines[0]["message_type"], "LtiDeepLinkingResponse");
    let (output, lines) = verify(
        &["--as", "platform", "--data", "other"],
        jwt.trim().as_bytes(),
    );
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(lines[0]["error"]["code"], "lti.deep-linking.data");
    // A launch is not a Deep Linking response.
    let (output, lines) = verify(&["--as", "platform"], token().as_bytes());
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(lines[0]["error"]["code"], "lti.claim.iss");
}

fn b64(bytes: &[u8]) -> String {
    use base64::Engine as _;
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
}

#[test]
fn lti_54_rejections_never_echo_the_token_or_signature() {
    let token = token();
    let (input, signature) = token.rsplit_once('.').unwrap();
    // Change one character in the middle: the last one carries padding bits that must stay zero, and
    // changing it would test strict base64url instead of the signature.
    let mut chars: Vec<char> = signature.chars().collect();
    chars[10] = if chars[10] == 'A' { 'B' } else { 'A' };
    let forged = format!("{input}.{}", chars.into_iter().collect::<String>());
    for format in ["json", "text"] {
        let (_, _, jwks) = platform_keys();
        let mut args = verify_args(jwks, &["--nonce", "nonce-1"]);
        let at = args.iter().position(|arg| arg == "json").unwrap();
        args[at] = format.to_owned();
        let refs: Vec<&str> = args.iter().map(String::as_str).collect();
        let output = run(&refs, forged.as_bytes());
        assert_eq!(output.status.code(), Some(1));
        let all = format!(
            "{}{}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        );
        assert!(all.contains("lti.signature.invalid"), "{all}");
        assert!(
            !all.contains(&forged[forged.len() - 40..]) && !all.contains("nonce-1"),
            "{all}"
        );
    }
}

#[test]
fn lines_mode_with_a_closed_stdout_is_not_a_panic() {
    let (_, _, jwks) = platform_keys();
    let token = token();
    let input: String = (0..3_000)
        .map(|n| {
            if n % 2 == 0 {
                format!("{token}\n")
            } else {
                "x.y.z\n".to_owned()
            }
        })
        .collect();
    let path = dir().join("closed-stdout.jwt");
    std::fs::write(&path, input).unwrap();
    for format in ["text", "json"] {
        let mut args = verify_args(jwks, &["--lines"]);
        // verify_args asks for --format json: this run's format replaces it.
        let at = args.iter().position(|arg| arg == "--format").unwrap();
        args[at + 1] = format.to_owned();
        let mut child = Command::new(env!("CARGO_BIN_EXE_learnwire"))
            .arg("lti")
            .args(&args)
            .arg(&path)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        drop(child.stdout.take());
        let output = child.wait_with_output().unwrap();
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(1), "{format}: {stderr}");
        assert!(!stderr.contains("panicked"), "{format}: {stderr}");
    }
}
