//! Oracles of the `xapi_statement`, `xapi_multipart`, `xapi_query` and `xapi_document_merge` fuzz
//! targets.

use learnwire_xapi::documents::{Document, MergeError, merge_json_documents};
use learnwire_xapi::multipart::{
    Limits, MultipartBuilder, parse_media_type, parse_multipart, parse_statement_request,
};
use learnwire_xapi::query::StatementQuery;
use learnwire_xapi::{
    Options, XapiVersion, parse_statement, parse_statements, validate_statement_body,
};
use serde_json::{Map, Value};

/// Oracles for a statements request body, under both xAPI versions: `parse_statements` succeeds
/// exactly when `validate_statement_body` reports no error; `parse_statement` succeeds exactly for a
/// valid single statement; `stop_at_first_error` gives the same verdict; a parsed statement serializes
/// to a body that parses back to the same statement.
///
/// # Panics
///
/// When an oracle fails (that is the point).
pub fn statement_oracle(data: &[u8]) {
    for version in [XapiVersion::V1_0_3, XapiVersion::V2_0_0] {
        let options = Options::new(version);
        let report = validate_statement_body(data, &options);
        let fast = options.with_stop_at_first_error(true);
        if validate_statement_body(data, &fast).is_valid() != report.is_valid() {
            panic!("stop_at_first_error changed the verdict ({version:?})");
        }
        let parsed = parse_statements(data, &options);
        if parsed.is_ok() != report.is_valid() {
            panic!("parse_statements and validate_statement_body disagree ({version:?})");
        }
        let single = parse_statement(data, &options);
        if single.is_ok() != (report.is_valid() && !report.batch) {
            panic!("parse_statement disagrees with the report ({version:?})");
        }
        for statement in parsed.into_iter().flatten() {
            let Ok(bytes) = serde_json::to_vec(&statement) else {
                panic!("a parsed statement does not serialize");
            };
            match parse_statement(&bytes, &options) {
                Ok(again) if again == statement => {}
                Ok(_) => panic!("serialize then parse changed the statement ({version:?})"),
                Err(report) => panic!("our own output is invalid: {report:?}"),
            }
        }
    }
}

/// Oracle for a `multipart/mixed` statement body with the boundary `fuzz-boundary`: whatever
/// `parse_statement_request` accepts, rebuilt with [`MultipartBuilder`], parses again to the same
/// statements and the same number of attachment parts.
///
/// # Panics
///
/// When the oracle fails.
pub fn multipart_oracle(data: &[u8]) {
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
        // Every declaration of this hash that names a type names the same one (the parser checks it).
        let declared_type = request
            .declared
            .iter()
            .filter(|att| att.sha2 == part.sha2)
            .find_map(|att| att.content_type.as_deref());
        let content_type = part
            .content_type
            .filter(|text| !text.is_empty())
            .or(declared_type)
            .unwrap_or("application/octet-stream");
        if parse_media_type(content_type).is_none() {
            // Only reachable through a declared contentType that is not a media type: the statement
            // validator refuses those (`receive_statements`), and the builder cannot write them.
            return;
        }
        builder = builder.attachment(content_type, part.content.to_vec());
    }
    let Ok(rebuilt) = builder.build() else {
        panic!("a parsed request does not rebuild");
    };
    let Ok(again) = parse_statement_request(&rebuilt.content_type, &rebuilt.body, &limits) else {
        panic!("a rebuilt request does not parse");
    };
    if again.statements != request.statements
        || again.attachments.len() != request.attachments.len()
    {
        panic!("rebuild then parse changed the request");
    }
}

/// Oracle for a statement query string: `validate` agrees with `parse`; when `parse` succeeds,
/// build then parse is the identity.
///
/// # Panics
///
/// When the oracle fails.
pub fn query_oracle(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let report = StatementQuery::validate(text);
    match StatementQuery::parse(text) {
        Ok(query) => {
            if !report.is_valid() {
                panic!("parse accepted what validate refused");
            }
            match StatementQuery::parse(&query.to_query_string()) {
                Ok(again) if again == query => {}
                _ => panic!("build then parse changed the query"),
            }
        }
        Err(_) if report.is_valid() => panic!("parse refused what validate accepted"),
        Err(_) => {}
    }
}

/// Oracle for a JSON document POST (`merge_json_documents`). `data` is `existing NUL posted` (split at
/// the first NUL byte, which JSON text never holds); without a NUL there is no stored document and
/// `data` is the posted one.
///
/// - No stored document: the posted bytes are stored as sent when they are a JSON object, otherwise
///   refused with [`MergeError::NotObject`] (the posted type is JSON; XAPI-00314).
/// - A merge that succeeds stores exactly the stored object with each posted top-level member put in
///   (serialized as serde_json writes it), and posting the same document again changes nothing.
/// - A merge never fails with [`MergeError::NotJson`] here (both content types are JSON), and never
///   refuses two documents that are JSON objects without repeated keys: when plain `serde_json` reads
///   both as objects, their re-serialized forms merge.
/// - Same inputs, same outcome.
///
/// # Panics
///
/// When an oracle fails.
pub fn document_merge_oracle(data: &[u8]) {
    let posted_type = "application/json; charset=utf-8";
    let Some(split) = data.iter().position(|byte| *byte == 0) else {
        let stored = merge_json_documents(None, Document::new(posted_type, data));
        match (&stored, read_object(data)) {
            (Ok(_), None) => panic!("a POST of JSON that is not an object must be refused"),
            (Ok(bytes), Some(_)) if bytes.as_slice() != data => {
                panic!("a POST with no stored document must store the posted bytes as sent")
            }
            // Refused: not an object, or one the strict reader refuses (a repeated key, nesting
            // past the limit) though plain serde_json reads it.
            (Err(MergeError::NotObject { .. }), _) | (Ok(_), Some(_)) => {}
            (Err(error), _) => panic!("unexpected refusal {error:?}"),
        }
        return;
    };
    let existing = data.get(..split).unwrap_or_default();
    let posted = data.get(split + 1..).unwrap_or_default();
    let merge = |existing: &[u8], posted: &[u8]| {
        merge_json_documents(
            Some(Document::new("application/json", existing)),
            Document::new(posted_type, posted),
        )
    };
    let outcome = merge(existing, posted);
    if merge(existing, posted) != outcome {
        panic!("the same merge gave two outcomes");
    }
    match &outcome {
        Ok(merged) => {
            let (Some(base), Some(update)) = (read_object(existing), read_object(posted)) else {
                panic!("a merge succeeded on a document serde_json does not read as an object");
            };
            let expected = merged_bytes(base, update);
            if *merged != expected {
                panic!(
                    "merged {:?}, expected {:?}",
                    String::from_utf8_lossy(merged),
                    String::from_utf8_lossy(&expected)
                );
            }
            if merge(merged, posted).as_ref() != Ok(merged) {
                panic!("posting the same document twice changed the stored one");
            }
        }
        Err(MergeError::NotJson { side }) => {
            panic!("{side:?} refused as not JSON with a JSON content type")
        }
        Err(error) => {
            if !error.code().as_str().starts_with("xapi.document.") {
                panic!("merge error code {} is not xapi.document.*", error.code());
            }
        }
    }
    // The converse: two objects serde_json reads (so no repeated key survives re-serialization, and
    // nesting stays within its limit) always merge.
    if let (Some(base), Some(update)) = (
        serde_json::from_slice::<Map<String, Value>>(existing).ok(),
        serde_json::from_slice::<Map<String, Value>>(posted).ok(),
    ) {
        let (Ok(base_bytes), Ok(update_bytes)) = (
            serde_json::to_vec(&Value::Object(base.clone())),
            serde_json::to_vec(&Value::Object(update.clone())),
        ) else {
            return;
        };
        match merge(&base_bytes, &update_bytes) {
            Ok(merged) if merged == merged_bytes(base, update) => {}
            Ok(_) => panic!("the merge of two plain objects is not their top-level union"),
            Err(error) => panic!("two plain objects were refused ({})", error.code()),
        }
    }
}

/// Reads a JSON object without serde_json's recursion limit (the merge reads 128 levels; the merge
/// succeeded, so the depth is bounded).
fn read_object(bytes: &[u8]) -> Option<Map<String, Value>> {
    let mut deserializer = serde_json::Deserializer::from_slice(bytes);
    deserializer.disable_recursion_limit();
    let value = <Value as serde::Deserialize>::deserialize(&mut deserializer).ok()?;
    deserializer.end().ok()?;
    match value {
        Value::Object(map) => Some(map),
        _ => None,
    }
}

/// What a merge must store: `base` with every member of `update` put in.
fn merged_bytes(mut base: Map<String, Value>, update: Map<String, Value>) -> Vec<u8> {
    for (key, value) in update {
        base.insert(key, value);
    }
    serde_json::to_vec(&Value::Object(base)).unwrap_or_default()
}
