//! `multipart/mixed` statement bodies: security cases XAPI-27..31, round trips, fuzz seed replay.
#![cfg(test)]

use std::path::Path;

use learnwire_xapi::multipart::{
    Limits, MalformedReason, MultipartBuilder, MultipartError, MultipartLimit,
    build_statement_request, parse_multipart, parse_statement_request, parse_statement_response,
    sha256_hex,
};
use serde_json::{Value, json};

const CT: &str = "multipart/mixed; boundary=abcABC0123";

fn statement_with(attachments: Value) -> Value {
    json!({
        "actor": {"mbox": "mailto:a@example.com"},
        "verb": {"id": "http://adlnet.gov/expapi/verbs/attempted"},
        "object": {"id": "http://example.com/activity"},
        "attachments": attachments
    })
}

fn attachment(data: &[u8]) -> Value {
    json!({
        "usageType": "http://example.com/usage/photo",
        "display": {"en-US": "photo"},
        "contentType": "image/png",
        "length": data.len(),
        "sha2": sha256_hex(data)
    })
}

/// A body from raw parts: `(headers, body)`; the first part is the statements.
fn raw_body(parts: &[(&str, &[u8])], close: bool) -> Vec<u8> {
    let mut out = Vec::new();
    for (headers, body) in parts {
        out.extend_from_slice(b"--abcABC0123\r\n");
        out.extend_from_slice(headers.as_bytes());
        out.extend_from_slice(b"\r\n");
        out.extend_from_slice(body);
        out.extend_from_slice(b"\r\n");
    }
    if close {
        out.extend_from_slice(b"--abcABC0123--\r\n");
    }
    out
}

fn json_part(statement: &Value) -> Vec<u8> {
    serde_json::to_vec(statement).unwrap()
}

fn malformed(result: Result<impl std::fmt::Debug, MultipartError>) -> MalformedReason {
    match result {
        Err(MultipartError::Malformed { reason }) => reason,
        other => panic!("expected malformed, got {other:?}"),
    }
}

#[test]
fn round_trip_request_with_shared_attachment() {
    let data = b"\x89PNG\r\n--abc\r\nbinary".to_vec();
    let statements = json!([
        statement_with(json!([attachment(&data)])),
        statement_with(json!([attachment(&data)]))
    ]);
    let body = build_statement_request(&statements, &[("image/png", &data), ("image/png", &data)])
        .unwrap();
    let request =
        parse_statement_request(&body.content_type, &body.body, &Limits::default()).unwrap();
    assert!(request.batch);
    assert_eq!(request.statements, statements.as_array().unwrap().clone());
    assert_eq!(request.attachments.len(), 1, "identical data is sent once");
    assert_eq!(request.declared.len(), 2);
    assert_eq!(request.attachments[0].content, data.as_slice());
    assert_eq!(
        request
            .part_for(&sha256_hex(&data).to_uppercase())
            .unwrap()
            .part,
        1
    );
}

#[test]
fn file_url_attachments_need_no_part_and_responses_read_statement_results() {
    let mut remote = attachment(b"remote");
    remote["fileUrl"] = json!("https://example.com/remote.png");
    let result = json!({"statements": [statement_with(json!([remote]))], "more": "/xapi/statements?cursor=2"});
    let body = MultipartBuilder::new(json_part(&result)).build().unwrap();
    let response =
        parse_statement_response(&body.content_type, &body.body, &Limits::default()).unwrap();
    assert_eq!(response.more.as_deref(), Some("/xapi/statements?cursor=2"));
    assert_eq!(response.statements.len(), 1);
    assert!(response.attachments.is_empty());
    // As a request, the StatementResult object is read as one (invalid) statement: structure only here.
    let request =
        parse_statement_request(&body.content_type, &body.body, &Limits::default()).unwrap();
    assert!(!request.batch && request.more.is_none());
}

#[test]
fn xapi_27_part_not_matching_its_hash_is_a_hash_mismatch() {
    let declared = b"the declared bytes";
    let statement = statement_with(json!([attachment(declared)]));
    let header = format!(
        "Content-Type: image/png\r\nContent-Transfer-Encoding: binary\r\nX-Experience-API-Hash: {}\r\n",
        sha256_hex(declared)
    );
    let body = raw_body(
        &[
            ("Content-Type: application/json\r\n", &json_part(&statement)),
            (&header, b"other bytes"),
        ],
        true,
    );
    let error = parse_statement_request(CT, &body, &Limits::default()).unwrap_err();
    assert!(
        matches!(
            error,
            MultipartError::AttachmentHashMismatch { part: 1, .. }
        ),
        "{error:?}"
    );
    assert_eq!(error.code().as_str(), "xapi.attachment.hash-mismatch");

    // The part's own hash is right but the statement declares another sha2.
    let header = format!(
        "Content-Type: image/png\r\nX-Experience-API-Hash: {}\r\n",
        sha256_hex(b"other bytes")
    );
    let body = raw_body(
        &[
            ("Content-Type: application/json\r\n", &json_part(&statement)),
            (&header, b"other bytes"),
        ],
        true,
    );
    let error = parse_statement_request(CT, &body, &Limits::default()).unwrap_err();
    assert_eq!(error.code().as_str(), "xapi.attachment.hash-mismatch");
}

#[test]
fn sha384_and_sha512_hashes_are_checked_with_their_algorithm() {
    use sha2::Digest;
    let data = b"data";
    for hex in [
        format!("{:x}", sha2::Sha384::digest(data)),
        format!("{:x}", sha2::Sha512::digest(data)),
    ] {
        let mut att = attachment(data);
        att["sha2"] = json!(hex);
        let statement = statement_with(json!([att]));
        let header = format!("Content-Type: image/png\r\nX-Experience-API-Hash: {hex}\r\n");
        let body = raw_body(
            &[
                ("Content-Type: application/json\r\n", &json_part(&statement)),
                (&header, data),
            ],
            true,
        );
        parse_statement_request(CT, &body, &Limits::default()).unwrap();
    }
}

#[test]
fn xapi_28a_truncated_body_has_no_closing_delimiter() {
    let statement = statement_with(json!([]));
    let body = raw_body(
        &[("Content-Type: application/json\r\n", &json_part(&statement))],
        false,
    );
    assert_eq!(
        malformed(parse_statement_request(CT, &body, &Limits::default())),
        MalformedReason::MissingClosingDelimiter
    );
    let cut = &body[..body.len() / 2];
    assert_eq!(
        malformed(parse_statement_request(CT, cut, &Limits::default())),
        MalformedReason::MissingClosingDelimiter
    );
}

#[test]
fn xapi_28b_first_part_not_json() {
    let body = raw_body(&[("Content-Type: text/plain\r\n", b"{}")], true);
    let error = parse_statement_request(CT, &body, &Limits::default()).unwrap_err();
    assert_eq!(
        error,
        MultipartError::Malformed {
            reason: MalformedReason::FirstPartNotJson
        }
    );
    assert_eq!(error.code().as_str(), "xapi.multipart.malformed");
    let body = raw_body(&[("", b"{}")], true);
    assert_eq!(
        malformed(parse_statement_request(CT, &body, &Limits::default())),
        MalformedReason::FirstPartNotJson
    );
}

#[test]
fn xapi_28c_attachment_part_without_hash() {
    let data = b"x";
    let statement = statement_with(json!([attachment(data)]));
    let body = raw_body(
        &[
            ("Content-Type: application/json\r\n", &json_part(&statement)),
            (
                "Content-Type: image/png\r\nContent-Transfer-Encoding: binary\r\n",
                data,
            ),
        ],
        true,
    );
    assert_eq!(
        malformed(parse_statement_request(CT, &body, &Limits::default())),
        MalformedReason::MissingHash { part: 1 }
    );
}

#[test]
fn xapi_28d_content_type_without_boundary() {
    let body = raw_body(&[("Content-Type: application/json\r\n", b"{}")], true);
    for content_type in ["multipart/mixed", "multipart/mixed; charset=utf-8"] {
        assert_eq!(
            malformed(parse_statement_request(
                content_type,
                &body,
                &Limits::default()
            )),
            MalformedReason::MissingBoundary
        );
    }
    assert_eq!(
        malformed(parse_statement_request(
            "application/json",
            &body,
            &Limits::default()
        )),
        MalformedReason::NotMultipartMixed
    );
    assert_eq!(
        malformed(parse_statement_request(
            "multipart/mixed; boundary",
            &body,
            &Limits::default()
        )),
        MalformedReason::InvalidContentType
    );
}

#[test]
fn xapi_28e_ten_thousand_char_boundary() {
    let boundary = "b".repeat(10_000);
    let content_type = format!("multipart/mixed; boundary={boundary}");
    let body =
        format!("--{boundary}\r\nContent-Type: application/json\r\n\r\n{{}}\r\n--{boundary}--\r\n");
    assert_eq!(
        malformed(parse_statement_request(
            &content_type,
            body.as_bytes(),
            &Limits::default()
        )),
        MalformedReason::InvalidBoundary
    );
    let lower = Limits::default().with_max_boundary(8);
    let error = parse_multipart("multipart/mixed; boundary=0123456789", b"", &lower).unwrap_err();
    assert_eq!(error.code().as_str(), "xapi.multipart.limit.boundary");
}

#[test]
fn xapi_29_two_thousand_parts_stop_at_the_limit() {
    let mut body = Vec::new();
    body.extend_from_slice(b"--abcABC0123\r\nContent-Type: application/json\r\n\r\n{}\r\n");
    for _ in 0..2_000 {
        body.extend_from_slice(b"--abcABC0123\r\nX-Experience-API-Hash: 00\r\n\r\nx\r\n");
    }
    body.extend_from_slice(b"--abcABC0123--\r\n");
    let error = parse_statement_request(CT, &body, &Limits::default()).unwrap_err();
    assert_eq!(
        error,
        MultipartError::LimitExceeded {
            limit: MultipartLimit::Parts,
            max: 256
        }
    );
    assert_eq!(error.code().as_str(), "xapi.multipart.limit.parts");
    assert!(error.is_limit());
}

#[test]
fn xapi_30_huge_header_line_stops_after_eight_kib() {
    let mut body = b"--abcABC0123\r\nX-Long: ".to_vec();
    body.extend(std::iter::repeat_n(b'a', 256 << 10));
    body.extend_from_slice(b"\r\n\r\n{}\r\n--abcABC0123--\r\n");
    let error = parse_statement_request(CT, &body, &Limits::default()).unwrap_err();
    assert_eq!(
        error,
        MultipartError::LimitExceeded {
            limit: MultipartLimit::HeaderLine,
            max: 8 << 10
        }
    );
    // The decision needs only the first 8 KiB of the line: a body cut after 9 KiB fails the same way.
    let cut = &body[..9 << 10];
    assert_eq!(
        parse_statement_request(CT, cut, &Limits::default())
            .unwrap_err()
            .code()
            .as_str(),
        "xapi.multipart.limit.header-line"
    );
}

#[test]
fn xapi_31_length_not_matching_the_part() {
    let data = b"12345";
    let mut att = attachment(data);
    att["length"] = json!(6);
    let body =
        build_statement_request(&statement_with(json!([att])), &[("image/png", data)]).unwrap();
    let error =
        parse_statement_request(&body.content_type, &body.body, &Limits::default()).unwrap_err();
    assert!(matches!(
        error,
        MultipartError::AttachmentLengthMismatch {
            declared: 6,
            actual: 5,
            ..
        }
    ));
    assert_eq!(error.code().as_str(), "xapi.attachment.length-mismatch");
}

#[test]
fn the_front_door_checks_attachment_length_only_when_the_policy_asks() {
    use learnwire_xapi::lrs::{ReceiveOptions, receive_statements};
    use learnwire_xapi::{Options, Policy};
    let data = b"12345";
    let mut att = attachment(data);
    att["length"] = json!(6);
    let body =
        build_statement_request(&statement_with(json!([att])), &[("image/png", data)]).unwrap();
    // Default (the ADL suite's reading, XAPI-00127 "raw data"): stored; the part is the hashed bytes.
    assert!(!Policy::default().check_attachment_length());
    let received =
        receive_statements(&body.content_type, &body.body, &ReceiveOptions::default()).unwrap();
    assert_eq!(received.attachments.len(), 1);
    // Asked for: refused with the parser's code.
    let strict = ReceiveOptions::new(
        Options::default().with_policy(Policy::default().with_check_attachment_length(true)),
    );
    let error = receive_statements(&body.content_type, &body.body, &strict).unwrap_err();
    assert_eq!(error.code().as_str(), "xapi.attachment.length-mismatch");
}

#[test]
fn missing_extra_duplicate_and_mistyped_parts() {
    let data = b"data";
    let statement = statement_with(json!([attachment(data)]));
    let only_json = MultipartBuilder::new(json_part(&statement))
        .build()
        .unwrap();
    let error =
        parse_statement_request(&only_json.content_type, &only_json.body, &Limits::default())
            .unwrap_err();
    assert_eq!(error.code().as_str(), "xapi.attachment.missing-part");

    let extra =
        build_statement_request(&statement_with(json!([])), &[("image/png", data)]).unwrap();
    let error =
        parse_statement_request(&extra.content_type, &extra.body, &Limits::default()).unwrap_err();
    assert_eq!(error.code().as_str(), "xapi.multipart.unexpected-part");

    let header = format!(
        "Content-Type: image/png\r\nX-Experience-API-Hash: {}\r\n",
        sha256_hex(data)
    );
    let twice = raw_body(
        &[
            ("Content-Type: application/json\r\n", &json_part(&statement)),
            (&header, data),
            (&header, data),
        ],
        true,
    );
    let error = parse_statement_request(CT, &twice, &Limits::default()).unwrap_err();
    assert_eq!(error.code().as_str(), "xapi.multipart.duplicate-part");

    let mistyped = build_statement_request(&statement, &[("text/html", data)]).unwrap();
    let error = parse_statement_request(&mistyped.content_type, &mistyped.body, &Limits::default())
        .unwrap_err();
    assert_eq!(
        error.code().as_str(),
        "xapi.attachment.content-type-mismatch"
    );

    let header = format!(
        "X-Experience-API-Hash: {}\r\nContent-Transfer-Encoding: base64\r\n",
        sha256_hex(data)
    );
    let encoded = raw_body(
        &[
            ("Content-Type: application/json\r\n", &json_part(&statement)),
            (&header, data),
        ],
        true,
    );
    assert_eq!(
        malformed(parse_statement_request(CT, &encoded, &Limits::default())),
        MalformedReason::TransferEncoding { part: 1 }
    );
}

#[test]
fn other_limits_and_bad_statements_part() {
    let body = raw_body(&[("Content-Type: application/json\r\n", b"[1]")], true);
    let error = parse_statement_request(CT, &body, &Limits::default()).unwrap_err();
    assert_eq!(error.code().as_str(), "xapi.multipart.invalid-statements");
    let body = raw_body(
        &[("Content-Type: application/json\r\n", b"{not json")],
        true,
    );
    assert_eq!(
        parse_statement_request(CT, &body, &Limits::default())
            .unwrap_err()
            .code()
            .as_str(),
        "xapi.multipart.invalid-statements"
    );
    let small = Limits::default().with_max_multipart_bytes(10);
    assert_eq!(
        parse_statement_request(CT, &body, &small)
            .unwrap_err()
            .code()
            .as_str(),
        "xapi.multipart.limit.body"
    );
    let small = Limits::default().with_max_body_bytes(2);
    assert_eq!(
        parse_statement_request(CT, &body, &small)
            .unwrap_err()
            .code()
            .as_str(),
        "xapi.multipart.limit.statements-part"
    );
    let headers: String = (0..40).map(|i| format!("X-H{i}: v\r\n")).collect();
    let body = raw_body(&[(&headers, b"{}")], true);
    assert_eq!(
        parse_statement_request(CT, &body, &Limits::default())
            .unwrap_err()
            .code()
            .as_str(),
        "xapi.multipart.limit.headers"
    );
}

fn fuzz_seed_dir() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../fuzz/seeds/xapi_multipart")
}

#[test]
fn replays_fuzz_seeds() {
    let dir = fuzz_seed_dir();
    let mut count = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        learnwire_testkit::xapi::multipart_oracle(&std::fs::read(&path).unwrap());
        count += 1;
    }
    assert!(count >= 5, "expected seeds in {}", dir.display());
}

mod round_trip {
    use learnwire_xapi::multipart::{
        Limits, build_statement_request, parse_statement_request, sha256_hex,
    };
    use proptest::prelude::*;
    use serde_json::json;

    fn data() -> impl Strategy<Value = Vec<u8>> {
        // Bytes that like to look like delimiters.
        proptest::collection::vec(
            prop_oneof![
                any::<u8>(),
                Just(b'\r'),
                Just(b'\n'),
                Just(b'-'),
                Just(b'l')
            ],
            0..300,
        )
    }

    proptest! {
        #[test]
        fn build_then_parse_returns_every_attachment(blobs in proptest::collection::vec(data(), 0..5)) {
            let attachments: Vec<_> = blobs.iter().map(|blob| json!({
                "usageType": "http://example.com/u", "display": {"en-US": "a"},
                "contentType": "application/octet-stream", "length": blob.len(), "sha2": sha256_hex(blob)
            })).collect();
            let statement = json!({"actor": {"mbox": "mailto:a@example.com"}, "verb": {"id": "http://x/v"},
                                   "object": {"id": "http://x/a"}, "attachments": attachments});
            let parts: Vec<(&str, &[u8])> = blobs.iter().map(|b| ("application/octet-stream", b.as_slice())).collect();
            let body = build_statement_request(&statement, &parts).unwrap();
            let request = parse_statement_request(&body.content_type, &body.body, &Limits::default()).unwrap();
            prop_assert_eq!(&request.statements[0], &statement);
            for blob in &blobs {
                prop_assert_eq!(request.part_for(&sha256_hex(blob)).unwrap().content, blob.as_slice());
            }
        }
    }
}

mod mutation {
    use proptest::prelude::*;

    fn seeds() -> Vec<Vec<u8>> {
        let dir =
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../fuzz/seeds/xapi_multipart");
        let mut seeds: Vec<Vec<u8>> = std::fs::read_dir(dir)
            .unwrap()
            .map(|entry| std::fs::read(entry.unwrap().path()).unwrap())
            .collect();
        seeds.sort();
        seeds
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(512))]
        #[test]
        fn mutated_seeds_keep_the_oracle(
            pick in any::<prop::sample::Index>(),
            edits in proptest::collection::vec((any::<prop::sample::Index>(), any::<u8>(), 0u8..3), 1..8),
        ) {
            let seeds = seeds();
            let mut data = pick.get(&seeds).clone();
            for (at, byte, kind) in edits {
                if data.is_empty() {
                    break;
                }
                let at = at.index(data.len());
                match kind {
                    0 => data[at] = byte,
                    1 => data.truncate(at),
                    _ => data.insert(at, byte),
                }
            }
            learnwire_testkit::xapi::multipart_oracle(&data);
        }
    }
}

/// Found by the `xapi_multipart` fuzz target: two statements declare the same `sha2` with different
/// `contentType`s and the part's own Content-Type header is misspelt (so absent). The request was
/// accepted, yet rebuilt with either type it was refused: an ambiguity must fail closed.
#[test]
fn conflicting_content_types_for_one_hash_are_refused() {
    let data =
        std::fs::read(fuzz_seed_dir().join("regression-conflicting-content-types.bin")).unwrap();
    let error = parse_statement_request(
        "multipart/mixed; boundary=fuzz-boundary",
        &data,
        &Limits::default(),
    )
    .unwrap_err();
    assert_eq!(
        error.code().as_str(),
        "xapi.attachment.content-type-conflict"
    );
    learnwire_testkit::xapi::multipart_oracle(&data);
}

/// Found by the `xapi_multipart` fuzz target: a part whose Content-Type is junk (`textMM` and tabs)
/// was accepted, and the request could then not be rebuilt. A part header that is not a media type is
/// malformed.
#[test]
fn junk_part_content_type_is_malformed() {
    let data =
        std::fs::read(fuzz_seed_dir().join("regression-junk-part-content-type.bin")).unwrap();
    let error = parse_statement_request(
        "multipart/mixed; boundary=fuzz-boundary",
        &data,
        &Limits::default(),
    )
    .unwrap_err();
    assert_eq!(error.code().as_str(), "xapi.multipart.malformed");
    assert!(error.to_string().contains("not a media type"), "{error}");
    learnwire_testkit::xapi::multipart_oracle(&data);
}
