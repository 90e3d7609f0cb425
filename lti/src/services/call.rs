//! The steps every tool-side service call shares: the request (bearer token, `Accept`, a checked JSON
//! body) and the reading of the response (status, size, `Link` headers, media type, strict JSON, the
//! document's shape). Each call states only its method, media types and document.

use http::{Method, Request, Response};
use learnwire_report::{Report, Untrusted};
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value;
use url::Url;

use super::{BuildRequestError, ServiceError, bearer_request, read_response, to_json_body};
use crate::Limits;
use crate::paging::{Links, Page};

/// A tool-side call: where its request goes and the limits its response is read under. The provided
/// methods are the shared steps.
pub(crate) trait Call {
    /// The request URL (the one `Link` headers resolve against) and the limits.
    fn target(&self) -> (&Url, &Limits);

    /// `GET` with `Authorization: Bearer` and `Accept: accept`.
    fn get(
        &self,
        access_token: &str,
        accept: &'static str,
    ) -> Result<Request<Vec<u8>>, BuildRequestError> {
        bearer_request(
            Method::GET,
            self.target().0,
            access_token,
            Some(accept),
            None,
        )
    }

    /// `method` with `Authorization: Bearer`, `Accept` when given, and `body` as `media_type` once
    /// `rules` find no problem in it (every problem reported).
    fn send_checked<T: Serialize>(
        &self,
        method: Method,
        access_token: &str,
        accept: Option<&'static str>,
        (media_type, body): (&'static str, &T),
        rules: fn(&Value, &mut Report),
    ) -> Result<Request<Vec<u8>>, BuildRequestError> {
        let url = self.target().0;
        super::check_service_url(url)?;
        let value = serde_json::to_value(body).unwrap_or(Value::Null);
        let mut report = Report::new();
        rules(&value, &mut report);
        if !report.is_valid() {
            return Err(BuildRequestError::Invalid { report });
        }
        let bytes = to_json_body(&value)?;
        bearer_request(method, url, access_token, accept, Some((media_type, bytes)))
    }

    /// Reads a success whose body is one `expected` document of `media_type`, and its links.
    fn read_document<T: DeserializeOwned>(
        &self,
        response: &Response<Vec<u8>>,
        media_type: &'static str,
        expected: &'static str,
    ) -> Result<(T, Links), ServiceError> {
        let (url, limits) = self.target();
        let (value, links) = read_response(response, Some(media_type), url, limits)?;
        let document = super::from_value(value.unwrap_or_default())
            .map_err(|reason| ServiceError::Shape { expected, reason })?;
        Ok((document, links))
    }

    /// Reads a success whose body is a container (a JSON array) of `T` of `media_type`: one page.
    fn read_container<T: DeserializeOwned>(
        &self,
        response: &Response<Vec<u8>>,
        media_type: &'static str,
        expected: &'static str,
    ) -> Result<Page<Vec<T>>, ServiceError> {
        let (url, limits) = self.target();
        let (value, links) = read_response(response, Some(media_type), url, limits)?;
        let items = read_array(value.unwrap_or_default(), expected)?;
        Ok(Page::new(items, links))
    }

    /// Checks the answer is a success (any 2xx; a body is ignored, its size and `Link` headers are not).
    fn read_success(&self, response: &Response<Vec<u8>>) -> Result<(), ServiceError> {
        let (url, limits) = self.target();
        read_response(response, None, url, limits).map(|_| ())
    }
}

/// Reads a container (a JSON array) of `T`; a wrong item is named by its index.
fn read_array<T: DeserializeOwned>(
    value: Value,
    expected: &'static str,
) -> Result<Vec<T>, ServiceError> {
    let Value::Array(values) = value else {
        return Err(ServiceError::Shape {
            expected,
            reason: Untrusted::new("the container is not a JSON array"),
        });
    };
    values
        .into_iter()
        .enumerate()
        .map(|(index, value)| {
            serde_json::from_value(value).map_err(|error| ServiceError::Shape {
                expected,
                reason: Untrusted::new(&format!("item {index}: {error}")),
            })
        })
        .collect()
}

/// Appends each `name=value` with a value to the URL's query, after any query it has (never
/// replacing it); a URL given no value is left as it is.
pub(crate) fn append_query<'a>(
    url: &mut Url,
    pairs: impl IntoIterator<Item = (&'a str, Option<&'a str>)>,
) {
    for (name, value) in pairs {
        if let Some(value) = value {
            url.query_pairs_mut().append_pair(name, value);
        }
    }
}

/// The parts call types have alike: `Call` (from their `url` and `limits` fields); with
/// `with_limits`, that setter; with `paged`, also `page`, `url` and `PagedCall` (the items counted by
/// `$count`).
macro_rules! service_call {
    ($call:ident) => {
        impl $crate::services::call::Call for $call {
            fn target(&self) -> (&::url::Url, &$crate::Limits) {
                (&self.url, &self.limits)
            }
        }
    };
    ($call:ident, with_limits) => {
        $crate::services::call::service_call!($call);

        impl $call {
            /// Reads the response under `limits` instead of the defaults.
            #[must_use]
            pub fn with_limits(mut self, limits: $crate::Limits) -> Self {
                self.limits = limits;
                self
            }
        }
    };
    ($call:ident, paged $items:ty, $count:expr, $page_doc:literal) => {
        $crate::services::call::service_call!($call, with_limits);

        impl $call {
            #[doc = $page_doc]
            pub fn page(url: ::url::Url) -> Self {
                Self {
                    url,
                    limits: $crate::Limits::default(),
                }
            }

            /// The URL the request goes to.
            pub fn url(&self) -> &::url::Url {
                &self.url
            }
        }

        impl $crate::paging::PagedCall for $call {
            type Items = $items;

            fn url(&self) -> &::url::Url {
                &self.url
            }

            fn for_page(&self, url: ::url::Url) -> Self {
                Self {
                    url,
                    limits: self.limits.clone(),
                }
            }

            fn to_http_request(
                &self,
                access_token: &str,
            ) -> Result<::http::Request<Vec<u8>>, $crate::services::BuildRequestError> {
                Self::to_http_request(self, access_token)
            }

            fn parse_http_response(
                &self,
                response: ::http::Response<Vec<u8>>,
            ) -> Result<$crate::paging::Page<Self::Items>, $crate::services::ServiceError> {
                Self::parse_http_response(self, response)
            }

            fn item_count(items: &Self::Items) -> usize {
                let count: fn(&Self::Items) -> usize = $count;
                count(items)
            }
        }
    };
}

pub(crate) use service_call;
