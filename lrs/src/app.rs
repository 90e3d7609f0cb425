//! The request handler: `http::Request` in, `http::Response` out, synchronous. Every xAPI decision is
//! learnwire-xapi's; this file routes, authenticates, and talks to the [`Store`].

use std::sync::Mutex;

use base64::Engine as _;
use chrono::{DateTime, SecondsFormat, Utc};
use http::header::{CONTENT_TYPE, HeaderValue};
use http::{HeaderMap, Method, Request, Response, StatusCode};
use learnwire_xapi::about::{About, VERSION_HEADER, VersionNegotiation};
use learnwire_xapi::lrs::{ReceiveError, ReceiveOptions, read_alternate_request};
use learnwire_xapi::{Code, Issue, Location, Options, Report, Severity, XapiVersion};

use crate::config::Config;
use crate::store::{SqliteStore, Store, StoreError};

/// Server configuration and state.
pub(crate) struct App {
    store: Mutex<Box<dyn Store>>,
    /// The versions served (a request without a version header is answered with the latest).
    versions: Vec<XapiVersion>,
    user: String,
    password: String,
    /// The base path, `/xapi`.
    base: String,
    /// Largest page of a statement query ([`Config::page_size`]).
    pub(crate) max_page: u64,
    /// Largest request body read (the multipart limit: the largest body any resource takes).
    pub(crate) max_body: usize,
    /// The authority put on stored statements.
    pub(crate) authority: serde_json::Value,
    options: Options,
}

/// A response built here.
pub(crate) type Answer = Response<Vec<u8>>;

impl App {
    /// An app on the SQLite database of `config`.
    pub(crate) fn open(config: &Config) -> Result<Self, StoreError> {
        let store = SqliteStore::open(config.db())?;
        let options = Options::default();
        let user = config.user();
        Ok(Self {
            store: Mutex::new(Box::new(store)),
            versions: config.xapi_versions().to_vec(),
            user: user.to_owned(),
            password: config.password().to_owned(),
            base: "/xapi".to_owned(),
            max_page: config.page_size(),
            max_body: options.limits().max_multipart_bytes(),
            authority: serde_json::json!({
                "objectType": "Agent",
                "name": user,
                "account": {"homePage": "urn:learnwire:lrs", "name": user},
            }),
            options,
        })
    }

    /// The front door options of `version` (one version: the one negotiated).
    pub(crate) fn receive_options(&self) -> ReceiveOptions {
        ReceiveOptions::new(self.options).with_versions(&self.versions)
    }

    /// The crate's limits the server applies.
    pub(crate) fn limits(&self) -> &learnwire_xapi::Limits {
        self.options.limits()
    }

    /// The latest version served.
    fn latest(&self) -> XapiVersion {
        VersionNegotiation::new(&self.versions)
            .latest()
            .unwrap_or(XapiVersion::V2_0_0)
    }

    /// Runs `work` with the store locked.
    pub(crate) fn with_store<T>(
        &self,
        work: impl FnOnce(&mut dyn Store) -> Result<T, StoreError>,
    ) -> Result<T, StoreError> {
        let mut guard = self.store.lock().map_err(|_| StoreError::poisoned())?;
        work(guard.as_mut())
    }

    /// Answers one request.
    pub(crate) fn handle(&self, request: Request<Vec<u8>>) -> Answer {
        let negotiation = VersionNegotiation::new(&self.versions);
        let Some(resource) = request
            .uri()
            .path()
            .strip_prefix(self.base.as_str())
            .map(|rest| {
                rest.trim_start_matches('/')
                    .trim_end_matches('/')
                    .to_owned()
            })
        else {
            return plain(StatusCode::NOT_FOUND, None, "no such resource");
        };
        // The 1.0.3 alternate request syntax, for every resource (refused under 2.0).
        let outer_version = negotiation.negotiate_headers(request.headers()).ok();
        let request = match self.alternate(&request, outer_version) {
            Ok(Some(inner)) => inner,
            Ok(None) => request,
            Err(answer) => return *answer,
        };
        if resource == "about" {
            return self.about(&request);
        }
        if !self.authenticated(request.headers()) {
            let mut answer = error(
                StatusCode::UNAUTHORIZED,
                outer_version.unwrap_or_else(|| self.latest()),
                Code::new("lrs.auth"),
                "HTTP Basic credentials are required",
            );
            answer.headers_mut().insert(
                http::header::WWW_AUTHENTICATE,
                HeaderValue::from_static("Basic realm=\"xAPI\""),
            );
            return answer;
        }
        let version = match negotiation.negotiate_headers(request.headers()) {
            Ok(version) => version,
            Err(refused) => {
                return ReceiveError::Version(refused).to_http_response(self.latest());
            }
        };
        let head = request.method() == Method::HEAD;
        let mut answer = match resource.as_str() {
            "statements" => crate::statements::handle(self, &request, version),
            "activities/state" | "activities/profile" | "agents/profile" => {
                crate::documents::handle(self, &request, &resource, version)
            }
            "activities" => crate::documents::activities(self, &request, version),
            "agents" => crate::documents::agents(self, &request, version),
            _ => plain(StatusCode::NOT_FOUND, Some(version), "no such resource"),
        };
        if head {
            answer.body_mut().clear();
        }
        answer
    }

    fn about(&self, request: &Request<Vec<u8>>) -> Answer {
        if request.method() != Method::GET && request.method() != Method::HEAD {
            return plain(StatusCode::METHOD_NOT_ALLOWED, None, "GET /about only");
        }
        let negotiation = VersionNegotiation::new(&self.versions);
        let version = negotiation
            .negotiate_headers(request.headers())
            .unwrap_or_else(|_| self.latest());
        let mut answer = About::new(&self.versions)
            .to_http_response(version)
            .unwrap_or_else(|_| plain(StatusCode::INTERNAL_SERVER_ERROR, None, "about"));
        if request.method() == Method::HEAD {
            answer.body_mut().clear();
        }
        answer
    }

    /// The request an alternate-syntax request stands for.
    fn alternate(
        &self,
        request: &Request<Vec<u8>>,
        outer: Option<XapiVersion>,
    ) -> Result<Option<Request<Vec<u8>>>, Box<Answer>> {
        let read_as = outer.unwrap_or(XapiVersion::V1_0_3);
        let refused = |error: learnwire_xapi::lrs::AlternateError, version| {
            Box::new(ReceiveError::Alternate(error).to_http_response(version))
        };
        match read_alternate_request(request, read_as, self.options.limits()) {
            Ok(None) => Ok(None),
            Ok(Some(inner)) => {
                let inner_version = VersionNegotiation::new(&self.versions)
                    .negotiate_headers(inner.headers())
                    .ok();
                if inner_version == Some(XapiVersion::V2_0_0) {
                    return Err(refused(
                        learnwire_xapi::lrs::AlternateError::Removed,
                        XapiVersion::V2_0_0,
                    ));
                }
                Ok(Some(inner))
            }
            Err(error) => Err(refused(error, read_as)),
        }
    }

    fn authenticated(&self, headers: &HeaderMap) -> bool {
        let Some(value) = headers
            .get(http::header::AUTHORIZATION)
            .and_then(|value| value.to_str().ok())
        else {
            return false;
        };
        let Some(encoded) = value
            .strip_prefix("Basic ")
            .or_else(|| value.strip_prefix("basic "))
        else {
            return false;
        };
        let Ok(decoded) = base64::engine::general_purpose::STANDARD.decode(encoded.trim()) else {
            return false;
        };
        let expected = format!("{}:{}", self.user, self.password);
        constant_time_eq(&decoded, expected.as_bytes())
    }
}

fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

impl StoreError {
    fn poisoned() -> Self {
        Self::new("the store lock is poisoned")
    }
}

/// A text answer.
pub(crate) fn plain(status: StatusCode, version: Option<XapiVersion>, text: &str) -> Answer {
    let mut answer = Response::new(text.as_bytes().to_vec());
    *answer.status_mut() = status;
    answer.headers_mut().insert(
        CONTENT_TYPE,
        HeaderValue::from_static("text/plain; charset=utf-8"),
    );
    if let Some(version) = version {
        answer
            .headers_mut()
            .insert(VERSION_HEADER, HeaderValue::from_static(version.as_str()));
    }
    answer
}

/// A JSON error naming its code (the body of learnwire-xapi's `ReceiveError::to_http_response`).
pub(crate) fn error(status: StatusCode, version: XapiVersion, code: Code, message: &str) -> Answer {
    let mut report = Report::new();
    report.push(Issue::new(code, Severity::Error, Location::Whole, message));
    report_error(status, version, report)
}

/// A JSON error from a report of parameter problems.
pub(crate) fn report_error(status: StatusCode, version: XapiVersion, report: Report) -> Answer {
    let mut answer = ReceiveError::Query(Box::new(report)).to_http_response(version);
    *answer.status_mut() = status;
    answer
}

/// `500` for a storage failure.
pub(crate) fn internal(version: XapiVersion, failure: &StoreError) -> Answer {
    error(
        StatusCode::INTERNAL_SERVER_ERROR,
        version,
        Code::new("lrs.store"),
        &failure.to_string(),
    )
}

/// A JSON answer.
pub(crate) fn json(status: StatusCode, version: XapiVersion, body: Vec<u8>) -> Answer {
    let mut answer = Response::new(body);
    *answer.status_mut() = status;
    answer
        .headers_mut()
        .insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
    answer
        .headers_mut()
        .insert(VERSION_HEADER, HeaderValue::from_static(version.as_str()));
    answer
}

/// Now, in microseconds since the epoch.
pub(crate) fn now_us() -> i64 {
    Utc::now().timestamp_micros()
}

/// RFC 3339 UTC text of a microsecond time (milliseconds shown).
pub(crate) fn timestamp_text(us: i64) -> String {
    DateTime::<Utc>::from_timestamp_micros(us)
        .unwrap_or_default()
        .to_rfc3339_opts(SecondsFormat::Millis, true)
}

/// Sets a header from text, skipping values that are not valid header text.
pub(crate) fn set_header(answer: &mut Answer, name: &'static str, value: &str) {
    if let Ok(value) = HeaderValue::from_str(value) {
        answer.headers_mut().insert(name, value);
    }
}
