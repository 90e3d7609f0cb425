//! The Statement resource: PUT/POST through learnwire-xapi's front door, GET with its query, `more`,
//! `format`, `attachments=true`, voiding.

use http::{Method, Request, StatusCode};
use learnwire_xapi::documents::last_modified_header;
use learnwire_xapi::lrs::{
    AcceptLanguage, CanonicalSource, StatementResult, StatementsRequest, format_statement,
    more_irl, read_more_request,
};
use learnwire_xapi::multipart::MultipartBuilder;
use learnwire_xapi::query::StatementQuery;
use learnwire_xapi::voiding::{VoidingOutcome, check_voiding_target, voided_id};
use learnwire_xapi::{Code, Report, Statement, XapiVersion};
use serde_json::Value;

use crate::app::{
    Answer, App, error, internal, json, now_us, report_error, set_header, timestamp_text,
};
use crate::index::{Index, agent_key};
use crate::store::{Filter, NewStatement, Query, Store, StoreError, StoredAttachment};

/// The `more` cursor parameter.
const CURSOR: &str = "cursor";

pub(crate) fn handle(app: &App, request: &Request<Vec<u8>>, version: XapiVersion) -> Answer {
    match *request.method() {
        Method::PUT | Method::POST => store(app, request, version),
        Method::GET | Method::HEAD => {
            // Every GET answer carries the header, errors included (Communication 2.1.3, XAPI-00153).
            let mut answer = get(app, request, version);
            if !answer
                .headers()
                .contains_key("x-experience-api-consistent-through")
            {
                set_header(
                    &mut answer,
                    "x-experience-api-consistent-through",
                    &timestamp_text(now_us()),
                );
            }
            answer
        }
        _ => {
            let mut answer = error(
                StatusCode::METHOD_NOT_ALLOWED,
                version,
                Code::new("lrs.method"),
                "the Statement resource takes GET, HEAD, PUT and POST",
            );
            set_header(&mut answer, "allow", "GET, HEAD, PUT, POST");
            answer
        }
    }
}

fn store(app: &App, request: &Request<Vec<u8>>, version: XapiVersion) -> Answer {
    let options = app.receive_options();
    let received = match StatementsRequest::from_http_request(request, &options) {
        Ok(received) => received,
        Err(refused) => return refused.to_http_response(version),
    };
    let outcome = app.with_store(|store| {
        let already = match received.compare_with_stored(|id| {
            store
                .statement(id.as_str())
                .ok()
                .flatten()
                .and_then(|stored| serde_json::from_str(&stored.body).ok())
        }) {
            Ok(already) => already,
            Err(conflict) => return Ok(Err(conflict.to_http_response(version))),
        };
        let stored_us = stored_now(store.latest_stored_us()?);
        let stored_text = timestamp_text(stored_us);
        let mut batch: Vec<NewStatement> = Vec::new();
        for (index, statement) in received.statements().iter().enumerate() {
            if already.get(index).copied().unwrap_or(false) {
                continue;
            }
            match new_statement(
                app,
                store,
                statement,
                &batch,
                stored_us,
                &stored_text,
                version,
            ) {
                Ok(new) => batch.push(new),
                Err(answer) => return Ok(Err(*answer)),
            }
        }
        let attachments: Vec<StoredAttachment> = received
            .attachments()
            .iter()
            .map(|part| StoredAttachment {
                sha2: part.sha2.clone(),
                content_type: part
                    .content_type
                    .clone()
                    .unwrap_or_else(|| declared_type(received.statements(), &part.sha2)),
                content: part.content.clone(),
            })
            .collect();
        store.insert_statements(&batch, &attachments)?;
        Ok(Ok(()))
    });
    match outcome {
        Ok(Ok(())) => received.to_http_response(),
        Ok(Err(answer)) => answer,
        Err(failure) => internal(version, &failure),
    }
}

/// The `stored` of a new batch: now, to the millisecond (the precision `stored` is shown with, so the
/// instant a client reads back is the one `since` and `until` compare with), and always in a later
/// millisecond than `latest` (the latest `stored` in the store). Two batches never share a `stored`: a
/// client that polls with `since=` the last `stored` it read (exclusive) would otherwise miss a batch
/// stored in the same millisecond after its read; and if the clock went back, `stored` still increases
/// in insertion order. Under more than a thousand batches a second `stored` runs ahead of the clock by
/// what the backlog needs, no more.
pub(crate) fn stored_now(latest: Option<i64>) -> i64 {
    let now = now_us();
    let millisecond = now - now.rem_euclid(1000);
    latest.map_or(millisecond, |latest| {
        // A value written before `stored` was kept to the millisecond may hold microseconds.
        let next = latest
            .saturating_sub(latest.rem_euclid(1000))
            .saturating_add(1000);
        millisecond.max(next)
    })
}

/// The `contentType` the statements declare for `sha2`.
fn declared_type(statements: &[Statement], sha2: &str) -> String {
    statements
        .iter()
        .flat_map(|statement| statement.attachments.iter().flatten())
        .find(|attachment| attachment.sha2.as_str().eq_ignore_ascii_case(sha2))
        .map_or_else(
            || "application/octet-stream".to_owned(),
            |attachment| attachment.content_type.as_str().to_owned(),
        )
}

/// The stored form of `statement`: `stored`, `authority`, `timestamp` and `version` set; under 2.0 the
/// timestamp in UTC.
fn new_statement(
    app: &App,
    store: &dyn Store,
    statement: &Statement,
    batch: &[NewStatement],
    stored_us: i64,
    stored_text: &str,
    version: XapiVersion,
) -> Result<NewStatement, Box<Answer>> {
    let mut value = serde_json::to_value(statement).map_err(|failure| {
        Box::new(error(
            StatusCode::INTERNAL_SERVER_ERROR,
            version,
            Code::new("lrs.serialize"),
            &failure.to_string(),
        ))
    })?;
    let Some(map) = value.as_object_mut() else {
        return Err(Box::new(error(
            StatusCode::INTERNAL_SERVER_ERROR,
            version,
            Code::new("lrs.serialize"),
            "a statement is not an object",
        )));
    };
    map.insert("stored".into(), Value::String(stored_text.to_owned()));
    map.insert("authority".into(), app.authority.clone());
    let timestamp = match &statement.timestamp {
        Some(timestamp) if version == XapiVersion::V2_0_0 => timestamp
            .to_utc()
            .to_rfc3339_opts(chrono::SecondsFormat::AutoSi, true),
        Some(timestamp) => timestamp.as_str().to_owned(),
        None => stored_text.to_owned(),
    };
    map.insert("timestamp".into(), Value::String(timestamp));
    if !map.contains_key("version") {
        let default = match version {
            XapiVersion::V2_0_0 => "2.0.0",
            _ => "1.0.0",
        };
        map.insert("version".into(), Value::String(default.to_owned()));
    }
    let id = statement
        .id
        .as_ref()
        .map(|id| id.as_str().to_ascii_lowercase())
        .unwrap_or_default();
    let voids = match voided_id(statement) {
        None => None,
        Some(target) => {
            let target = target.as_str().to_ascii_lowercase();
            let typed = stored_typed(store, batch, &target, version);
            let mut report = Report::new();
            match check_voiding_target(typed.as_ref(), &mut report) {
                VoidingOutcome::VoidTarget => Some(target),
                _ => None,
            }
        }
    };
    let ref_target = match value.pointer("/object/objectType").and_then(Value::as_str) {
        Some("StatementRef") => value
            .pointer("/object/id")
            .and_then(Value::as_str)
            .map(str::to_ascii_lowercase),
        _ => None,
    };
    let index = Index::of(&value);
    Ok(NewStatement {
        id,
        body: value.to_string(),
        stored_us,
        verb: statement.verb.id.as_str().to_owned(),
        registration: value
            .pointer("/context/registration")
            .and_then(Value::as_str)
            .map(str::to_ascii_lowercase),
        ref_target,
        voids,
        agents: index.agents,
        activities: index.activities,
        agent_objects: index.agent_objects,
        activity_objects: index.activity_objects,
    })
}

/// The statement `id` as the typed model, from the store or earlier in the same batch.
fn stored_typed(
    store: &dyn Store,
    batch: &[NewStatement],
    id: &str,
    version: XapiVersion,
) -> Option<Statement> {
    let body = match batch.iter().find(|new| new.id == id) {
        Some(new) => new.body.clone(),
        None => store.statement(id).ok().flatten()?.body,
    };
    let value: Value = serde_json::from_str(&body).ok()?;
    Statement::from_value(value, &learnwire_xapi::Options::new(version)).ok()
}

/// Canonical Activity definitions: the latest the LRS stored.
struct StoredCanonical<'a>(&'a dyn Store);

impl CanonicalSource for StoredCanonical<'_> {
    fn activity_definition(&self, id: &str) -> Option<Value> {
        let text = self.0.activity(id).ok().flatten()?;
        let activity: Value = serde_json::from_str(&text).ok()?;
        activity.get("definition").cloned()
    }

    fn verb_display(&self, _id: &str) -> Option<Value> {
        None
    }
}

fn get(app: &App, request: &Request<Vec<u8>>, version: XapiVersion) -> Answer {
    let text = request.uri().query().unwrap_or("");
    let (query, cursor) = match read_more_request(text, CURSOR) {
        Ok(read) => read,
        Err(report) => return report_error(StatusCode::BAD_REQUEST, version, report),
    };
    let accept = request
        .headers()
        .get(http::header::ACCEPT_LANGUAGE)
        .and_then(|value| value.to_str().ok())
        .map(AcceptLanguage::parse)
        .unwrap_or_default();
    let path = request.uri().path().to_owned();
    let outcome = app.with_store(|store| {
        if query.is_single() {
            single(store, &query, &accept, version)
        } else {
            let after = cursor
                .as_deref()
                .and_then(|cursor| cursor.parse::<i64>().ok());
            several(app, store, &query, after, &path, &accept, version)
        }
    });
    match outcome {
        Ok(answer) => answer,
        Err(failure) => internal(version, &failure),
    }
}

fn single(
    store: &dyn Store,
    query: &StatementQuery,
    accept: &AcceptLanguage,
    version: XapiVersion,
) -> Result<Answer, StoreError> {
    let (id, want_voided) = match (query.statement_id, query.voided_statement_id) {
        (Some(id), _) => (id, false),
        (None, Some(id)) => (id, true),
        (None, None) => (uuid::Uuid::nil(), false),
    };
    let found = store
        .statement(&id.hyphenated().to_string())?
        .filter(|stored| stored.voided == want_voided);
    let Some(stored) = found else {
        return Ok(error(
            StatusCode::NOT_FOUND,
            version,
            Code::new("lrs.not-found"),
            "no such statement",
        ));
    };
    let value: Value = serde_json::from_str(&stored.body).unwrap_or(Value::Null);
    let formatted = format_statement(
        &value,
        query.format_or_default(),
        accept,
        &StoredCanonical(store),
    );
    let mut answer = if query.attachments == Some(true) {
        with_attachments(store, &formatted, std::slice::from_ref(&value), version)?
    } else {
        json(StatusCode::OK, version, formatted.to_string().into_bytes())
    };
    set_header(
        &mut answer,
        "last-modified",
        &last_modified_header(from_us(stored.stored_us)),
    );
    set_header(
        &mut answer,
        "x-experience-api-consistent-through",
        &timestamp_text(now_us()),
    );
    Ok(answer)
}

fn from_us(us: i64) -> chrono::DateTime<chrono::Utc> {
    chrono::DateTime::from_timestamp_micros(us).unwrap_or_default()
}

fn several(
    app: &App,
    store: &dyn Store,
    query: &StatementQuery,
    after: Option<i64>,
    path: &str,
    accept: &AcceptLanguage,
    version: XapiVersion,
) -> Result<Answer, StoreError> {
    let page = match query.limit {
        None | Some(0) => app.max_page,
        Some(limit) => limit.min(app.max_page),
    };
    let page = i64::try_from(page).unwrap_or(i64::MAX);
    let filter = Filter {
        agent: query.agent.as_ref().and_then(agent_key),
        related_agents: query.related_agents == Some(true),
        verb: query.verb.clone(),
        activity: query.activity.clone(),
        related_activities: query.related_activities == Some(true),
        registration: query.registration.map(|id| id.hyphenated().to_string()),
    };
    let consistent = now_us();
    let rows = store.query(&Query {
        filter,
        since_us: query.since.map(|since| since.timestamp_micros()),
        until_us: query.until.map(|until| until.timestamp_micros()),
        ascending: query.ascending == Some(true),
        after_seq: after,
        limit: page.saturating_add(1),
    })?;
    let more_rows = rows.len() > usize::try_from(page).unwrap_or(usize::MAX);
    let rows: Vec<_> = rows
        .into_iter()
        .take(usize::try_from(page).unwrap_or(usize::MAX))
        .collect();
    let more = if more_rows {
        rows.last()
            .and_then(|last| more_irl(path, query, CURSOR, &last.seq.to_string()).ok())
    } else {
        None
    };
    let canonical = StoredCanonical(store);
    let originals: Vec<Value> = rows
        .iter()
        .map(|row| serde_json::from_str(&row.body).unwrap_or(Value::Null))
        .collect();
    let statements: Vec<Value> = originals
        .iter()
        .map(|value| format_statement(value, query.format_or_default(), accept, &canonical))
        .collect();
    let last_modified = rows.iter().map(|row| row.stored_us).max();
    let result = StatementResult::new(statements, more);
    let mut answer = if query.attachments == Some(true) {
        let body = serde_json::to_value(&result).unwrap_or(Value::Null);
        let mut answer = with_attachments(store, &body, &originals, version)?;
        set_header(
            &mut answer,
            "x-experience-api-consistent-through",
            &timestamp_text(consistent),
        );
        answer
    } else {
        let consistent_through = from_us(consistent);
        match result.to_http_response(version.as_str(), consistent_through) {
            Ok(answer) => answer,
            Err(failure) => {
                return Ok(error(
                    StatusCode::INTERNAL_SERVER_ERROR,
                    version,
                    Code::new("lrs.response"),
                    &failure.to_string(),
                ));
            }
        }
    };
    if let Some(last) = last_modified {
        set_header(
            &mut answer,
            "last-modified",
            &last_modified_header(from_us(last)),
        );
    }
    Ok(answer)
}

/// A `multipart/mixed` answer: `body` first, then the data of every attachment `statements` declare
/// that the LRS holds.
fn with_attachments(
    store: &dyn Store,
    body: &Value,
    statements: &[Value],
    version: XapiVersion,
) -> Result<Answer, StoreError> {
    let mut builder = MultipartBuilder::new(body.to_string().into_bytes());
    for statement in statements {
        for attachment in statement
            .get("attachments")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            let Some(sha2) = attachment.get("sha2").and_then(Value::as_str) else {
                continue;
            };
            if let Some(stored) = store.attachment(&sha2.to_ascii_lowercase())? {
                builder = builder.attachment(&stored.content_type, stored.content);
            }
        }
    }
    builder
        .build()
        .map_err(|failure| StoreError::new(failure.to_string()))
        .and_then(|built| {
            built
                .into_http_response(version.as_str())
                .map_err(|failure| StoreError::new(failure.to_string()))
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stored_is_to_the_millisecond_and_never_before_the_latest_stored() {
        let before = now_us();
        let stored = stored_now(None);
        assert_eq!(
            stored.rem_euclid(1000),
            0,
            "shown to the millisecond: {stored}"
        );
        assert!(stored <= now_us() && stored > before - 1000, "{stored}");
        // The clock went back, or another batch came in the same millisecond: the next millisecond
        // after the latest, never the same one (a poll with `since=` it would miss this batch).
        let future = before - before.rem_euclid(1000) + 3_600_000_000;
        assert_eq!(stored_now(Some(future)), future + 1000);
        let same = stored_now(None);
        assert!(stored_now(Some(same)) > same);
        // A microsecond value from an earlier version: the next whole millisecond.
        assert_eq!(stored_now(Some(future + 250)), future + 1000);
        assert_eq!(stored_now(Some(i64::MIN)).rem_euclid(1000), 0);
    }

    #[test]
    fn batches_stored_one_after_another_never_share_a_stored() {
        // 2,000 batches in far less than 2 s: many fall in one millisecond of the clock, and each
        // must still get a later stored than the one before.
        let mut latest = None;
        for _ in 0..2_000 {
            let stored = stored_now(latest);
            assert_eq!(stored.rem_euclid(1000), 0);
            if let Some(previous) = latest {
                assert!(stored > previous, "{stored} after {previous}");
            }
            latest = Some(stored);
        }
    }
}
