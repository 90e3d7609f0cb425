//! The State, Activity Profile and Agent Profile resources (ETags, preconditions, JSON merge), and the
//! Activities and Agents resources.

use http::{Method, Request, StatusCode};
use learnwire_xapi::documents::{
    ConcurrencyRules, Decision, Document, DocumentParams, DocumentResource, ETag, decide,
    last_modified_header, merge_json_documents,
};
use learnwire_xapi::lrs::{Person, parse_activities_query, parse_agents_query};
use learnwire_xapi::{Code, XapiVersion};
use serde_json::Value;

use crate::app::{Answer, App, error, internal, json, now_us, report_error, set_header};
use crate::index::agent_key;
use crate::store::{DocumentKey, Store, StoreError, StoredDocument};

fn resource_of(path: &str) -> Option<DocumentResource> {
    match path {
        "activities/state" => Some(DocumentResource::State),
        "activities/profile" => Some(DocumentResource::ActivityProfile),
        "agents/profile" => Some(DocumentResource::AgentProfile),
        _ => None,
    }
}

fn rules(version: XapiVersion) -> ConcurrencyRules {
    match version {
        XapiVersion::V2_0_0 => ConcurrencyRules::Xapi2,
        _ => ConcurrencyRules::Xapi1,
    }
}

pub(crate) fn handle(
    app: &App,
    request: &Request<Vec<u8>>,
    path: &str,
    version: XapiVersion,
) -> Answer {
    let Some(resource) = resource_of(path) else {
        return error(
            StatusCode::NOT_FOUND,
            version,
            Code::new("lrs.not-found"),
            "no such resource",
        );
    };
    let method = if request.method() == Method::HEAD {
        Method::GET
    } else {
        request.method().clone()
    };
    if ![Method::GET, Method::PUT, Method::POST, Method::DELETE].contains(&method) {
        return error(
            StatusCode::METHOD_NOT_ALLOWED,
            version,
            Code::new("lrs.method"),
            "document resources take GET, HEAD, PUT, POST and DELETE",
        );
    }
    let limit = app.limits().max_body_bytes();
    if request.body().len() > limit {
        let code = learnwire_xapi::Rule::LimitBody.code();
        return error(
            StatusCode::PAYLOAD_TOO_LARGE,
            version,
            code,
            &format!("a document is at most {limit} bytes (Limits::max_body_bytes)"),
        );
    }
    let query = request.uri().query().unwrap_or("");
    let params = match DocumentParams::parse(resource, &method, query) {
        Ok(params) => params,
        Err(report) => return report_error(StatusCode::BAD_REQUEST, version, report),
    };
    let key = DocumentKey {
        resource: resource.path(),
        activity: params.activity_id.clone().unwrap_or_default(),
        agent: params
            .agent
            .as_ref()
            .and_then(agent_key)
            .unwrap_or_default(),
        registration: params
            .registration
            .map(|id| id.hyphenated().to_string())
            .unwrap_or_default(),
        id: params.document_id.clone().unwrap_or_default(),
    };
    let single = params.document_id.is_some();
    let outcome = app.with_store(|store| {
        if single {
            one(store, request, &method, resource, &key, version)
        } else if method == Method::GET {
            let since = params.since.map(|since| since.timestamp_micros());
            let ids = store.document_ids(&key, since)?;
            let body = serde_json::to_vec(&ids).unwrap_or_default();
            Ok(json(StatusCode::OK, version, body))
        } else if method == Method::DELETE && resource == DocumentResource::State {
            store.delete_documents(&key, true)?;
            Ok(no_content(version))
        } else {
            Ok(error(
                StatusCode::BAD_REQUEST,
                version,
                Code::new("xapi.query.missing-parameter"),
                "the document id is required",
            ))
        }
    });
    match outcome {
        Ok(answer) => answer,
        Err(failure) => internal(version, &failure),
    }
}

fn no_content(version: XapiVersion) -> Answer {
    let mut answer = json(StatusCode::NO_CONTENT, version, Vec::new());
    answer.headers_mut().remove(http::header::CONTENT_TYPE);
    answer
}

fn one(
    store: &mut dyn Store,
    request: &Request<Vec<u8>>,
    method: &Method,
    resource: DocumentResource,
    key: &DocumentKey,
    version: XapiVersion,
) -> Result<Answer, StoreError> {
    let current = store.document(key)?;
    let etag = current
        .as_ref()
        .map(|document| ETag::from_opaque(document.etag.clone()));
    let decision = match decide(
        resource,
        method,
        etag.as_ref(),
        request.headers(),
        rules(version),
    ) {
        Ok(decision) => decision,
        Err(invalid) => {
            return Ok(error(
                StatusCode::BAD_REQUEST,
                version,
                invalid.code(),
                &invalid.to_string(),
            ));
        }
    };
    match decision {
        Decision::Proceed => {}
        Decision::NotModified => {
            let mut answer = json(StatusCode::NOT_MODIFIED, version, Vec::new());
            answer.headers_mut().remove(http::header::CONTENT_TYPE);
            return Ok(answer);
        }
        refused => {
            let message = match refused {
                Decision::Conflict => {
                    "the document exists: send If-Match with its ETag to overwrite it"
                }
                Decision::MissingPrecondition => {
                    "a profile document is written with If-Match or If-None-Match (If-None-Match: * to create it)"
                }
                _ => "the If-Match or If-None-Match precondition does not hold",
            };
            return Ok(error(
                refused.status().unwrap_or(StatusCode::PRECONDITION_FAILED),
                version,
                refused
                    .refusal_code()
                    .unwrap_or(Code::new("xapi.document.precondition-failed")),
                message,
            ));
        }
    }
    let content_type = request
        .headers()
        .get(http::header::CONTENT_TYPE)
        .and_then(|value| value.to_str().ok())
        .unwrap_or("application/octet-stream")
        .to_owned();
    match *method {
        Method::GET => Ok(match current {
            None => error(
                StatusCode::NOT_FOUND,
                version,
                Code::new("lrs.not-found"),
                "no such document",
            ),
            Some(document) => {
                let mut answer = json(StatusCode::OK, version, document.content);
                set_header(&mut answer, "content-type", &document.content_type);
                set_header(&mut answer, "etag", &format!("\"{}\"", document.etag));
                let at = chrono::DateTime::from_timestamp_micros(document.updated_us)
                    .unwrap_or_default();
                set_header(&mut answer, "last-modified", &last_modified_header(at));
                answer
            }
        }),
        Method::DELETE => {
            store.delete_documents(key, false)?;
            Ok(no_content(version))
        }
        Method::PUT => {
            write(store, key, content_type, request.body().clone())?;
            Ok(no_content(version))
        }
        _ => {
            let posted = Document::new(&content_type, request.body());
            let existing = current
                .as_ref()
                .map(|document| Document::new(&document.content_type, &document.content));
            match merge_json_documents(existing, posted) {
                Ok(merged) => {
                    let stored_type = current.as_ref().map_or(content_type.clone(), |document| {
                        document.content_type.clone()
                    });
                    write(store, key, stored_type, merged)?;
                    Ok(no_content(version))
                }
                Err(refused) => Ok(error(
                    StatusCode::BAD_REQUEST,
                    version,
                    refused.code(),
                    &refused.to_string(),
                )),
            }
        }
    }
}

fn write(
    store: &mut dyn Store,
    key: &DocumentKey,
    content_type: String,
    content: Vec<u8>,
) -> Result<(), StoreError> {
    let etag = ETag::of(&content).as_str().to_owned();
    store.put_document(
        key,
        &StoredDocument {
            content_type,
            content,
            etag,
            updated_us: now_us(),
        },
    )
}

/// GET `/activities`: the Activity with its latest definition.
pub(crate) fn activities(app: &App, request: &Request<Vec<u8>>, version: XapiVersion) -> Answer {
    if request.method() != Method::GET && request.method() != Method::HEAD {
        return error(
            StatusCode::METHOD_NOT_ALLOWED,
            version,
            Code::new("lrs.method"),
            "GET /activities only",
        );
    }
    let id = match parse_activities_query(request.uri().query().unwrap_or("")) {
        Ok(id) => id,
        Err(report) => return report_error(StatusCode::BAD_REQUEST, version, report),
    };
    match app.with_store(|store| store.activity(&id)) {
        Ok(found) => {
            let activity = found
                .and_then(|text| serde_json::from_str::<Value>(&text).ok())
                .unwrap_or_else(|| serde_json::json!({"objectType": "Activity", "id": id}));
            let mut activity = activity;
            if let Some(map) = activity.as_object_mut() {
                map.insert("objectType".into(), Value::String("Activity".into()));
            }
            json(StatusCode::OK, version, activity.to_string().into_bytes())
        }
        Err(failure) => internal(version, &failure),
    }
}

/// GET `/agents`: the Person object of every Agent stored with the same identifier.
pub(crate) fn agents(app: &App, request: &Request<Vec<u8>>, version: XapiVersion) -> Answer {
    if request.method() != Method::GET && request.method() != Method::HEAD {
        return error(
            StatusCode::METHOD_NOT_ALLOWED,
            version,
            Code::new("lrs.method"),
            "GET /agents only",
        );
    }
    let agent = match parse_agents_query(request.uri().query().unwrap_or("")) {
        Ok(agent) => agent,
        Err(report) => return report_error(StatusCode::BAD_REQUEST, version, report),
    };
    let key = agent_key(&agent).unwrap_or_default();
    match app.with_store(|store| store.agents(&key)) {
        Ok(found) => {
            let mut objects: Vec<Value> = found
                .iter()
                .filter_map(|text| serde_json::from_str(text).ok())
                .collect();
            objects.insert(0, agent);
            let person = Person::from_agents(&objects);
            json(
                StatusCode::OK,
                version,
                person.to_json().to_string().into_bytes(),
            )
        }
        Err(failure) => internal(version, &failure),
    }
}
