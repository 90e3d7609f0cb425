//! Parameters of the State, Activity Profile and Agent Profile resources (Communication §2.3, §2.6, §2.7).

use chrono::{DateTime, FixedOffset};
use http::Method;
use learnwire_report::{Location, Report, quote};
use serde_json::Value;
use url::form_urlencoded;

use crate::query::values::{MISSING, UNKNOWN};
use crate::query::{AgentKind, at, split_query};
use crate::query::{METHOD, NOT_HERE};

/// The three document resources.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum DocumentResource {
    /// `activities/state`: documents per Activity + Agent (+ registration), id `stateId`.
    State,
    /// `activities/profile`: documents per Activity, id `profileId`.
    ActivityProfile,
    /// `agents/profile`: documents per Agent, id `profileId`.
    AgentProfile,
}

impl DocumentResource {
    /// The endpoint path relative to the LRS base (`activities/state`, ...).
    pub fn path(self) -> &'static str {
        match self {
            Self::State => "activities/state",
            Self::ActivityProfile => "activities/profile",
            Self::AgentProfile => "agents/profile",
        }
    }

    /// The name of the document id parameter (`stateId` or `profileId`).
    pub fn id_parameter(self) -> &'static str {
        match self {
            Self::State => "stateId",
            Self::ActivityProfile | Self::AgentProfile => "profileId",
        }
    }

    fn allowed(self) -> &'static [&'static str] {
        match self {
            Self::State => &["activityId", "agent", "registration", "stateId", "since"],
            Self::ActivityProfile => &["activityId", "profileId", "since"],
            Self::AgentProfile => &["agent", "profileId", "since"],
        }
    }

    fn required(self) -> &'static [&'static str] {
        match self {
            Self::State => &["activityId", "agent"],
            Self::ActivityProfile => &["activityId"],
            Self::AgentProfile => &["agent"],
        }
    }
}

/// The parameters of one document request. `document_id` is `stateId` or `profileId`.
#[derive(Debug, Clone, Default, PartialEq)]
#[non_exhaustive]
pub struct DocumentParams {
    /// `activityId` (State, Activity Profile).
    pub activity_id: Option<String>,
    /// `agent` (State, Agent Profile): an Agent (not a Group), as JSON.
    pub agent: Option<Value>,
    /// `registration` (State).
    pub registration: Option<uuid::Uuid>,
    /// `stateId` or `profileId`: present for single-document requests.
    pub document_id: Option<String>,
    /// `since` (multiple-document GET only).
    pub since: Option<DateTime<FixedOffset>>,
}

impl DocumentParams {
    /// Parses and validates the query string of a `method` request to `resource`.
    ///
    /// Checks: unknown parameters; required ones (`activityId`/`agent` per resource); the document id is
    /// required for PUT and POST (and for DELETE on the profile resources); `since` only on a GET without
    /// document id; value formats (IRI, Agent JSON, UUID, timestamp, non-empty id).
    ///
    /// # Errors
    ///
    /// The [`Report`] of every problem when any is an error.
    ///
    /// # Example
    ///
    /// ```
    /// use http::Method;
    /// use learnwire_xapi::documents::{DocumentParams, DocumentResource};
    ///
    /// let query = "activityId=http%3A%2F%2Fx%2Fa&agent=%7B%22mbox%22%3A%22mailto%3Aa%40b.c%22%7D&stateId=bookmark";
    /// let params = DocumentParams::parse(DocumentResource::State, &Method::PUT, query)?;
    /// assert_eq!(params.document_id.as_deref(), Some("bookmark"));
    /// let report = DocumentParams::parse(DocumentResource::State, &Method::PUT, "stateId=x").unwrap_err();
    /// assert!(report.has_code("xapi.query.missing-parameter"));
    /// # Ok::<(), learnwire_report::Report>(())
    /// ```
    pub fn parse(resource: DocumentResource, method: &Method, query: &str) -> Result<Self, Report> {
        let mut report = Report::new();
        let params = read(resource, method, query, &mut report);
        if report.is_valid() {
            Ok(params)
        } else {
            Err(report)
        }
    }

    /// The query string (without `?`) for a request to `resource`.
    pub fn to_query_string(&self, resource: DocumentResource) -> String {
        let mut out = form_urlencoded::Serializer::new(String::new());
        if let Some(id) = &self.activity_id {
            out.append_pair("activityId", id);
        }
        if let Some(agent) = &self.agent {
            out.append_pair("agent", &agent.to_string());
        }
        if let Some(registration) = &self.registration {
            out.append_pair("registration", &registration.hyphenated().to_string());
        }
        if let Some(id) = &self.document_id {
            out.append_pair(resource.id_parameter(), id);
        }
        if let Some(since) = &self.since {
            out.append_pair(
                "since",
                &since.to_rfc3339_opts(chrono::SecondsFormat::AutoSi, true),
            );
        }
        out.finish()
    }
}

fn read(
    resource: DocumentResource,
    method: &Method,
    query: &str,
    report: &mut Report,
) -> DocumentParams {
    use crate::query::values;

    let mut params = DocumentParams::default();
    if ![
        Method::GET,
        Method::HEAD,
        Method::PUT,
        Method::POST,
        Method::DELETE,
    ]
    .contains(method)
    {
        report.error(
            METHOD,
            Location::Whole,
            format!("{method} is not a document resource method"),
        );
    }
    let Some(pairs) = split_query(query, report) else {
        return params;
    };
    for (name, value) in &pairs {
        let (name, value) = (name.as_str(), value.as_str());
        if !resource.allowed().contains(&name) {
            report.error(
                UNKNOWN,
                crate::query::values::at_untrusted(name),
                format!("{} is not a parameter of {}", quote(name), resource.path()),
            );
            continue;
        }
        match name {
            "activityId" => params.activity_id = values::iri(name, value, report),
            "agent" => params.agent = values::agent(name, value, AgentKind::AgentOnly, report),
            "registration" => params.registration = values::uuid(name, value, report),
            "since" => params.since = values::timestamp(name, value, report),
            _ => params.document_id = values::string(name, value, report),
        }
    }
    let present = |wanted: &str| pairs.iter().any(|(name, _)| name == wanted);
    for required in resource.required() {
        if !present(required) {
            report.error(
                MISSING,
                at(required),
                format!("{required} is required on {}", resource.path()),
            );
        }
    }
    let id = resource.id_parameter();
    let id_required = *method == Method::PUT
        || *method == Method::POST
        || (*method == Method::DELETE && resource != DocumentResource::State);
    if id_required && !present(id) {
        report.error(MISSING, at(id), format!("{id} is required for {method}"));
    }
    let is_list_get = (*method == Method::GET || *method == Method::HEAD) && !present(id);
    if present("since") && !is_list_get {
        report.error(
            NOT_HERE,
            at("since"),
            "since is only allowed on a GET of the document ids",
        );
    }
    params
}
