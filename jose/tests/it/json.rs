//! The strict JSON reader on its own (security catalogue XAPI-02..06, XAPI-09; LTI-27, LTI-45).

use learnwire_jose::{JsonError, Limits, read_json};

fn code(bytes: &[u8]) -> &'static str {
    read_json(bytes, &Limits::default())
        .unwrap_err()
        .code()
        .as_str()
}

#[test]
fn reads_any_json_value() {
    let value = read_json(
        br#" {"a":[1,-2,3.5,"x",null,true,{"b":{}}]} "#,
        &Limits::default(),
    )
    .unwrap();
    assert_eq!(value["a"][2], 3.5);
    assert_eq!(
        read_json(b"[]", &Limits::default()).unwrap(),
        serde_json::json!([])
    );
    assert_eq!(read_json(b"\"s\"", &Limits::default()).unwrap(), "s");
}

#[test]
fn xapi_03_duplicate_members_anywhere_are_refused_with_their_position() {
    assert_eq!(
        code(br#"{"actor":{},"actor":{}}"#),
        "jose.json.duplicate-member"
    );
    assert_eq!(
        code(br#"{"a":{"en-US":"x","en-US":"y"}}"#),
        "jose.json.duplicate-member"
    );
    match read_json(b"{\"a\":1,\n\"a\":2}", &Limits::default()) {
        Err(error @ JsonError::DuplicateMember { .. }) => {
            assert_eq!(error.position().map(|(line, _)| line), Some(2));
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn xapi_02_deep_nesting_is_refused() {
    assert_eq!(code("[".repeat(100_000).as_bytes()), "jose.json.too-deep");
    assert_eq!(
        code(format!("{}{}", "{\"a\":".repeat(65), "1").as_bytes()),
        "jose.json.too-deep"
    );
    let deep = Limits::default().with_max_json_depth(126);
    let nested = format!("{}{}", "[".repeat(126), "]".repeat(126));
    assert!(read_json(nested.as_bytes(), &deep).is_ok());
    match read_json(format!("[{nested}]").as_bytes(), &deep) {
        Err(JsonError::TooDeep { limit: 126, .. }) => {}
        other => panic!("{other:?}"),
    }
}

#[test]
fn xapi_04_05_06_09_what_serde_json_refuses_is_a_syntax_error() {
    let long_integer = "9".repeat(100_000);
    for bad in [
        &b"{\"raw\":1e400}"[..],
        b"{\"raw\":-1e400}",
        long_integer.as_bytes(),
        br#"{"a":"\ud800"}"#,
        br#"{"a":"\udc00"}"#,
        br#"{"a":"\udc00\ud800"}"#,
        b"{\"a\":\"\xff\"}",
        b"{\"a\":\"\xc0\xae\"}",
        b"\xff\xfe{\x00}\x00",
        b"NaN",
        b"Infinity",
        b"// comment\n{}",
        b"{} trailing",
        b"",
    ] {
        assert_eq!(
            code(bad),
            "jose.json.syntax",
            "{:?}",
            String::from_utf8_lossy(bad)
        );
    }
}

#[test]
fn the_size_limit_is_checked_first() {
    let limits = Limits::default().with_max_json_bytes(8);
    let error = read_json(b"[1,2,3,4,5]", &limits).unwrap_err();
    assert!(matches!(
        error,
        JsonError::TooLarge {
            length: 11,
            limit: 8
        }
    ));
    assert_eq!(error.code().as_str(), "jose.json.too-large");
}
