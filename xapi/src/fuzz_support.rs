//! The oracles of the fuzz targets, shared with the seed replay tests so both run the same checks.
//! Not part of the stable API.

use crate::multipart::{
    Limits, MultipartBuilder, parse_media_type, parse_multipart, parse_statement_request,
};
use crate::query::StatementQuery;
use crate::{Options, XapiVersion, parse_statement, parse_statements, validate_statement_body};

/// Oracles for a statements request body, under both xAPI versions: `parse_statements` succeeds
/// exactly when `validate_statement_body` reports no error; `parse_statement` succeeds exactly for a
/// valid single statement; `stop_at_first_error` gives the same verdict; a parsed statement serializes
/// to a body that parses back to the same statement.
///
/// # Panics
///
/// When an oracle fails (that is the point).
#[allow(clippy::panic)]
pub fn statement_oracle(data: &[u8]) {
    for version in [XapiVersion::V1_0_3, XapiVersion::V2_0_0] {
        let options = Options::new(version);
        let report = validate_statement_body(data, &options);
        let mut fast = options;
        fast.stop_at_first_error = true;
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
#[allow(clippy::panic)]
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
#[allow(clippy::panic)]
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
