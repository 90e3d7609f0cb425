//! `learnwire-lrs`: a Learning Record Store built from `learnwire-xapi`'s public API (issue #11).
//!
//! The binary (`learnwire-lrs --listen 127.0.0.1:8080 --db lrs.sqlite --user U --password P`) is a thin
//! shell over this library: [`Lrs::open`] opens the store a [`Config`] names, [`Lrs::router`] is the
//! axum `Router` serving `/xapi/`, and [`serve`] binds it to an address. The library exists so that the
//! benchmarks (`cargo bench -p learnwire-lrs --bench store`) drive the very router the binary serves.

#![forbid(unsafe_code)]

mod app;
mod config;
mod documents;
mod index;
mod statements;
mod store;

use std::sync::Arc;

use axum::body::{Body, to_bytes};
use axum::extract::{Request, State};
use axum::response::{IntoResponse, Response};
use http::StatusCode;

pub use config::{Config, DEFAULT_PAGE_SIZE};

use app::App;

/// An LRS with its store open, ready to answer requests.
#[derive(Clone)]
pub struct Lrs {
    app: Arc<App>,
}

/// The store named by a [`Config`] could not be opened.
#[derive(Debug, thiserror::Error)]
#[error("cannot open {db}: {reason}")]
pub struct OpenError {
    db: String,
    reason: String,
}

impl Lrs {
    /// Opens (or creates) the SQLite database of `config`.
    ///
    /// # Errors
    /// [`OpenError`] when the file cannot be opened or its schema created.
    pub fn open(config: &Config) -> Result<Self, OpenError> {
        let app = App::open(config).map_err(|failure| OpenError {
            db: config.db().to_owned(),
            reason: failure.to_string(),
        })?;
        Ok(Self { app: Arc::new(app) })
    }

    /// The axum router answering every request (`/xapi/...`; anything else is 404).
    pub fn router(&self) -> axum::Router {
        axum::Router::new()
            .fallback(handle)
            .with_state(Arc::clone(&self.app))
    }
}

/// Serves `lrs` on `listen` until Ctrl-C, printing `listening on http://ADDR/xapi` once bound.
///
/// # Errors
/// The socket cannot be bound or the server fails.
pub async fn serve(lrs: Lrs, listen: &str) -> std::io::Result<()> {
    let listener = tokio::net::TcpListener::bind(listen).await?;
    println!("listening on http://{}/xapi", listener.local_addr()?);
    axum::serve(listener, lrs.router())
        .with_graceful_shutdown(async {
            let _ = tokio::signal::ctrl_c().await;
        })
        .await
}

/// Reads the body (bounded), then answers on a blocking thread (SQLite is synchronous).
async fn handle(State(app): State<Arc<App>>, request: Request) -> Response {
    let (parts, body) = request.into_parts();
    let limit = app.max_body;
    let bytes = match to_bytes(body, limit.saturating_add(1)).await {
        Ok(bytes) if bytes.len() <= limit => bytes,
        _ => {
            return too_large(limit);
        }
    };
    let request = http::Request::from_parts(parts, bytes.to_vec());
    let answer = tokio::task::spawn_blocking(move || app.handle(request)).await;
    match answer {
        Ok(answer) => answer.map(Body::from).into_response(),
        Err(_) => (StatusCode::INTERNAL_SERVER_ERROR, "internal error").into_response(),
    }
}

fn too_large(limit: usize) -> Response {
    let code = learnwire_xapi::Rule::LimitBody.code();
    let body = serde_json::json!({
        "status": 413,
        "code": code.as_str(),
        "message": format!("{code}: the request body is larger than {limit} bytes"),
    });
    (
        StatusCode::PAYLOAD_TOO_LARGE,
        [(http::header::CONTENT_TYPE, "application/json")],
        body.to_string(),
    )
        .into_response()
}
