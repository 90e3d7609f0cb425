//! Hostile inputs that more than one crate's tests use.

/// An xAPI statement of about 250 KiB built to make reporting expensive (issue #7, item 6): 15 999
/// repeated keys under three ancestor keys of 20 000 bytes each, 5 000 unknown keys and 3 000 nulls, so
/// 23 999 problems in all. Before the fix each repeated key built its full 60 KB pointer: gigabytes of
/// report. Used by the xapi crate's tests and the CLI's.
///
/// # Panics
///
/// If the statement grows past 256 KiB (a change to this generator).
pub fn duplicate_key_statement() -> Vec<u8> {
    let long = |letter: &str| letter.repeat(20_000);
    let mut text = String::from(
        r#"{"actor":{"mbox":"mailto:a@example.com"},"verb":{"id":"http://x/v"},"object":{"id":"http://x/a"},"#,
    );
    text.push_str(&format!(
        r#""result":{{"extensions":{{"http://x/e":{{"{}":{{"{}":{{"{}":{{"#,
        long("a"),
        long("b"),
        long("c")
    ));
    for _ in 0..15_999 {
        text.push_str(r#""k":1,"#);
    }
    // Closes the innermost object, the three long-key objects, the extension value and
    // `extensions`, then `result`.
    text.push_str(r#""k":1}}}}}},"#);
    for index in 0..5_000 {
        text.push_str(&format!(r#""u{index}":0,"#));
    }
    text.push_str(r#""context":{"contextActivities":{"other":["#);
    text.push_str(&vec!["null"; 3_000].join(","));
    text.push_str("]}}}");
    assert!(text.len() <= 256 << 10, "{} bytes", text.len());
    text.into_bytes()
}
