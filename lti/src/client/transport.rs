//! The transport: one trait, one reqwest implementation.

use std::future::Future;
use std::time::Duration;

use http::{Request, Response};
use learnwire_report::Untrusted;

use super::error::{ClientError, TransportError};

/// Sends one request and returns the whole response, its body read up to `max_body_bytes`.
///
/// Implement it to use another HTTP stack; it must not follow redirects (the bearer token would go
/// with them) and must stop reading a body past `max_body_bytes` with [`TransportError::TooLarge`].
pub trait HttpClient {
    /// Sends `request`; the body of the answer is at most `max_body_bytes` long.
    ///
    /// # Errors
    ///
    /// A [`TransportError`]: not sent or not answered, too slow, or a body over the limit.
    fn send(
        &self,
        request: Request<Vec<u8>>,
        max_body_bytes: usize,
    ) -> impl Future<Output = Result<Response<Vec<u8>>, TransportError>> + Send;
}

/// The timeouts of a [`ReqwestClient`], in the style of [`Limits`](crate::Limits).
///
/// | option | default |
/// |---|---|
/// | [`connect_timeout`](Self::connect_timeout) | 10 s (TCP and TLS handshake) |
/// | [`timeout`](Self::timeout) | 30 s (one whole request: connect, send, headers and body) |
/// | [`danger_allow_http`](Self::danger_allow_http) | off: `https://` only, except to loopback (`localhost`, `127.0.0.0/8`, `::1`) |
///
/// # Example
///
/// ```
/// use std::time::Duration;
/// use learnwire_lti::client::ClientOptions;
///
/// let options = ClientOptions::default().with_timeout(Duration::from_secs(5));
/// assert_eq!(options.timeout(), Duration::from_secs(5));
/// assert_eq!(options.connect_timeout(), Duration::from_secs(10));
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ClientOptions {
    connect_timeout: Duration,
    timeout: Duration,
    danger_allow_http: bool,
}

impl Default for ClientOptions {
    fn default() -> Self {
        Self {
            connect_timeout: Duration::from_secs(10),
            timeout: Duration::from_secs(30),
            danger_allow_http: false,
        }
    }
}

impl ClientOptions {
    /// The longest wait for a connection (TCP and TLS), 10 s by default.
    pub fn connect_timeout(&self) -> Duration {
        self.connect_timeout
    }

    /// Sets [`connect_timeout`](Self::connect_timeout).
    #[must_use]
    pub fn with_connect_timeout(mut self, value: Duration) -> Self {
        self.connect_timeout = value;
        self
    }

    /// The longest time one request may take, body included, 30 s by default.
    pub fn timeout(&self) -> Duration {
        self.timeout
    }

    /// Sets [`timeout`](Self::timeout).
    #[must_use]
    pub fn with_timeout(mut self, value: Duration) -> Self {
        self.timeout = value;
        self
    }

    /// Whether plain `http://` URLs off loopback are allowed (off by default: such a request fails with
    /// [`TransportError::InsecureUrl`] before anything is sent). Loopback hosts are always allowed, for
    /// local platforms and tests.
    pub fn danger_allow_http(&self) -> bool {
        self.danger_allow_http
    }

    /// Sets [`danger_allow_http`](Self::danger_allow_http): for a lab network behind a TLS-terminating
    /// proxy, never for the open network.
    #[must_use]
    pub fn with_danger_allow_http(mut self, value: bool) -> Self {
        self.danger_allow_http = value;
        self
    }
}

/// [`HttpClient`] on reqwest: rustls only, redirects off, the [`ClientOptions`] timeouts, bodies read
/// chunk by chunk and dropped at the limit.
#[derive(Clone, Debug)]
pub struct ReqwestClient {
    client: reqwest::Client,
    timeout: Duration,
    allow_http: bool,
}

impl ReqwestClient {
    /// A client with redirects off, `options`' connect timeout, and its overall timeout on every request.
    ///
    /// # Errors
    ///
    /// [`ClientError::Setup`] (`lti.client.setup`) when reqwest cannot build the client (TLS set-up).
    pub fn new(options: &ClientOptions) -> Result<Self, ClientError> {
        let client = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .connect_timeout(options.connect_timeout)
            .timeout(options.timeout)
            .user_agent(concat!("learnwire-lti/", env!("CARGO_PKG_VERSION")))
            .build()
            .map_err(|error| ClientError::Setup {
                reason: Untrusted::new(&error.to_string()),
            })?;
        Ok(Self {
            client,
            timeout: options.timeout,
            allow_http: options.danger_allow_http,
        })
    }
}

/// Wraps a client built elsewhere. Its redirect policy is the caller's: build it with
/// `redirect(reqwest::redirect::Policy::none())`, or a redirect may carry the bearer token. Each request
/// still gets the default overall timeout of [`ClientOptions`], and `https://` is required off loopback.
impl From<reqwest::Client> for ReqwestClient {
    fn from(client: reqwest::Client) -> Self {
        Self {
            client,
            timeout: ClientOptions::default().timeout,
            allow_http: false,
        }
    }
}

impl HttpClient for ReqwestClient {
    async fn send(
        &self,
        request: Request<Vec<u8>>,
        max_body_bytes: usize,
    ) -> Result<Response<Vec<u8>>, TransportError> {
        if !self.allow_http {
            refuse_plain_http_off_loopback(request.uri())?;
        }
        let mut request = reqwest::Request::try_from(request).map_err(|error| transport(&error))?;
        *request.timeout_mut() = Some(self.timeout);
        let mut answer = self
            .client
            .execute(request)
            .await
            .map_err(|error| transport(&error))?;
        if let Some(length) = answer.content_length()
            && usize::try_from(length).map_or(true, |length| length > max_body_bytes)
        {
            return Err(TransportError::TooLarge {
                read: usize::try_from(length).unwrap_or(usize::MAX),
                limit: max_body_bytes,
            });
        }
        let mut response = Response::new(Vec::new());
        *response.status_mut() = answer.status();
        *response.version_mut() = answer.version();
        *response.headers_mut() = std::mem::take(answer.headers_mut());
        let mut body = Vec::new();
        while let Some(chunk) = answer.chunk().await.map_err(|error| transport(&error))? {
            let read = body.len().saturating_add(chunk.len());
            if read > max_body_bytes {
                return Err(TransportError::TooLarge {
                    read,
                    limit: max_body_bytes,
                });
            }
            body.extend_from_slice(&chunk);
        }
        *response.body_mut() = body;
        Ok(response)
    }
}

/// `https://` passes; `http://` passes only to a loopback host; anything else is refused unsent.
fn refuse_plain_http_off_loopback(uri: &http::Uri) -> Result<(), TransportError> {
    if uri
        .scheme_str()
        .is_some_and(|scheme| scheme.eq_ignore_ascii_case("https"))
    {
        return Ok(());
    }
    let host = uri.host().unwrap_or("");
    let bare = host.trim_start_matches('[').trim_end_matches(']');
    let loopback = bare.eq_ignore_ascii_case("localhost")
        || bare
            .parse::<std::net::IpAddr>()
            .is_ok_and(|address| address.is_loopback());
    let plain_http = uri
        .scheme_str()
        .is_some_and(|scheme| scheme.eq_ignore_ascii_case("http"));
    if plain_http && loopback {
        return Ok(());
    }
    let scheme = uri.scheme_str().unwrap_or("");
    let authority = uri.authority().map_or("", http::uri::Authority::as_str);
    Err(TransportError::InsecureUrl {
        url: Untrusted::new(&format!("{scheme}://{authority}")),
    })
}

fn transport(error: &reqwest::Error) -> TransportError {
    if error.is_timeout() {
        return TransportError::Timeout;
    }
    let mut reason = error.to_string();
    let mut source = std::error::Error::source(error);
    while let Some(cause) = source {
        reason.push_str(": ");
        reason.push_str(&cause.to_string());
        source = cause.source();
    }
    TransportError::Failed {
        reason: Untrusted::new(&reason),
    }
}
