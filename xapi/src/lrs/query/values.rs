//! Typed values of query parameters (validated as in statements, Data §2.2 / XAPI-00012), shared by the
//! statement and document resources.

use chrono::{DateTime, FixedOffset};
use iri_string::types::IriStr;
use learnwire_report::{JsonPointer, Location, Report, quote};
use serde_json::Value;
use url::form_urlencoded;

use super::agent::{AgentKind, check_agent};

pub(crate) use super::codes::{
    AGENT_JSON, BOOLEAN, DUPLICATE, ENCODING, IRI, MISSING, STRING, TIMESTAMP, TOO_LONG, UNKNOWN,
    UUID,
};

/// Longest query string read, in bytes.
pub(crate) const MAX_QUERY_LEN: usize = 16 << 10;
/// Most parameters read.
pub(crate) const MAX_PARAMS: usize = 64;

pub(crate) fn at(name: &str) -> Location {
    Location::json(JsonPointer::root().key(name))
}

/// Whether an attacker-chosen name may appear in a location as is (no control characters, short).
pub(crate) fn printable(name: &str) -> bool {
    name.len() <= 128 && !name.chars().any(char::is_control)
}

/// [`at`] for a name read from the input: the whole query when the name is not [`printable`] (the
/// message quotes it instead).
pub(crate) fn at_untrusted(name: &str) -> Location {
    if printable(name) {
        at(name)
    } else {
        Location::Whole
    }
}

/// Splits a query string (with or without its leading `?`) into decoded pairs with `url`'s
/// `form_urlencoded`, reporting size, count, encoding and duplicate problems. Unknown names are left to
/// the caller. `None` when the query cannot be read at all.
pub(crate) fn split_query(query: &str, report: &mut Report) -> Option<Vec<(String, String)>> {
    if query.len() > MAX_QUERY_LEN {
        report.error(
            TOO_LONG,
            Location::Whole,
            format!("query string longer than {MAX_QUERY_LEN} bytes"),
        );
        return None;
    }
    let query = query.strip_prefix('?').unwrap_or(query);
    let mut pairs: Vec<(String, String)> = Vec::new();
    for (name, value) in form_urlencoded::parse(query.as_bytes()) {
        if pairs.len() >= MAX_PARAMS {
            report.error(
                TOO_LONG,
                Location::Whole,
                format!("more than {MAX_PARAMS} parameters"),
            );
            return None;
        }
        if name.contains('\u{FFFD}') || value.contains('\u{FFFD}') {
            report.error(
                ENCODING,
                at_untrusted(&name),
                "parameter is not UTF-8 once percent-decoded",
            );
            continue;
        }
        if pairs.iter().any(|(seen, _)| *seen == name) {
            report.error(
                DUPLICATE,
                at_untrusted(&name),
                format!("parameter {} repeated", quote(&name)),
            );
            continue;
        }
        pairs.push((name.into_owned(), value.into_owned()));
    }
    Some(pairs)
}

pub(crate) fn uuid(name: &str, value: &str, report: &mut Report) -> Option<uuid::Uuid> {
    let hyphenated = value.len() == 36
        && value.bytes().enumerate().all(|(i, b)| {
            if matches!(i, 8 | 13 | 18 | 23) {
                b == b'-'
            } else {
                b.is_ascii_hexdigit()
            }
        });
    match uuid::Uuid::try_parse(value).ok().filter(|_| hyphenated) {
        Some(id) => Some(id),
        None => {
            report.error(
                UUID,
                at(name),
                format!("{name} {} is not a hyphenated UUID", quote(value)),
            );
            None
        }
    }
}

pub(crate) fn iri(name: &str, value: &str, report: &mut Report) -> Option<String> {
    if IriStr::new(value).is_ok() {
        Some(value.to_owned())
    } else {
        report.error(
            IRI,
            at(name),
            format!("{name} {} is not an absolute IRI", quote(value)),
        );
        None
    }
}

pub(crate) fn boolean(name: &str, value: &str, report: &mut Report) -> Option<bool> {
    match value {
        "true" => Some(true),
        "false" => Some(false),
        _ => {
            report.error(
                BOOLEAN,
                at(name),
                format!("{name} is {}, not true or false", quote(value)),
            );
            None
        }
    }
}

pub(crate) fn timestamp(
    name: &str,
    value: &str,
    report: &mut Report,
) -> Option<DateTime<FixedOffset>> {
    match DateTime::parse_from_rfc3339(value) {
        Ok(time) if !value.ends_with("-00:00") => Some(time),
        _ => {
            report.error(
                TIMESTAMP,
                at(name),
                format!(
                    "{name} {} is not an RFC 3339 timestamp with offset",
                    quote(value)
                ),
            );
            None
        }
    }
}

pub(crate) fn string(name: &str, value: &str, report: &mut Report) -> Option<String> {
    if value.is_empty() {
        report.error(STRING, at(name), format!("{name} is empty"));
        None
    } else {
        Some(value.to_owned())
    }
}

/// An `agent` parameter: JSON of an Agent (or, where `kind` allows, an identified Group).
pub(crate) fn agent(
    name: &str,
    value: &str,
    kind: AgentKind,
    report: &mut Report,
) -> Option<Value> {
    let parsed = match crate::json::read_value(value.as_bytes()) {
        Some(parsed) => parsed,
        None => {
            report.error(
                AGENT_JSON,
                at(name),
                format!("{name} is not JSON (or repeats a key)"),
            );
            return None;
        }
    };
    let before = report.errors().count();
    check_agent(&parsed, name, kind, report);
    (report.errors().count() == before).then_some(parsed)
}

/// Formats a timestamp the way it was most likely sent: RFC 3339, offset kept, fraction only if any.
pub(crate) fn format_timestamp(time: &DateTime<FixedOffset>) -> String {
    time.to_rfc3339_opts(chrono::SecondsFormat::AutoSi, true)
}
