//! Fuzz target: a `multipart/mixed` statement body with a fixed boundary.
//!
//! Oracles beyond "no panic": whatever `parse_statement_request` accepts, rebuilt with the builder,
//! parses again to the same statements and the same number of attachment parts.

#![no_main]

use learnwire_xapi::multipart::{
    Limits, MultipartBuilder, parse_multipart, parse_statement_request,
};

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let content_type = "multipart/mixed; boundary=fuzz-boundary";
    let limits = Limits::default();
    let _ = parse_multipart(content_type, data, &limits);
    let Ok(request) = parse_statement_request(content_type, data, &limits) else {
        return;
    };
    if request.attachments.iter().any(|part| part.sha2.len() != 64) {
        return; // the builder writes SHA-256 hashes only
    }
    let mut builder = MultipartBuilder::new(request.json.to_vec());
    for part in &request.attachments {
        let declared = request.declared.iter().find(|att| att.sha2 == part.sha2);
        let content_type = part
            .content_type
            .filter(|text| !text.is_empty())
            .or_else(|| declared.and_then(|att| att.content_type.as_deref()))
            .unwrap_or("application/octet-stream");
        builder = builder.attachment(content_type, part.content.to_vec());
    }
    let rebuilt = builder.build().expect("a parsed request rebuilds");
    let again = parse_statement_request(&rebuilt.content_type, &rebuilt.body, &limits)
        .expect("a rebuilt request parses");
    assert_eq!(again.statements, request.statements);
    assert_eq!(again.attachments.len(), request.attachments.len());
});
