//! `learnwire-lrs`: a Learning Record Store built from `learnwire-xapi`'s public API (issue #11).
//!
//! ```text
//! learnwire-lrs --listen 127.0.0.1:8080 --db lrs.sqlite --user U --password P
//! ```
//!
//! serves xAPI 1.0.3 and 2.0.0 under `/xapi/` with HTTP Basic auth, on SQLite. It prints
//! `listening on http://ADDR/xapi` once the socket is bound (`--listen 127.0.0.1:0` picks a free port).
//! `--xapi-versions 1.0.3` serves one version only.

#![forbid(unsafe_code)]

mod app;
mod documents;
mod index;
mod statements;
mod store;

use std::sync::Arc;

use axum::body::{Body, to_bytes};
use axum::extract::{Request, State};
use axum::response::{IntoResponse, Response};
use clap::Parser;
use http::StatusCode;

use app::App;

/// Command-line arguments.
#[derive(Debug, Parser)]
#[command(
    name = "learnwire-lrs",
    about = "An xAPI 1.0.3 / 2.0.0 Learning Record Store"
)]
struct Args {
    /// Address to listen on (port 0: any free port).
    #[arg(long, default_value = "127.0.0.1:8080")]
    listen: String,
    /// SQLite database file (created when missing).
    #[arg(long, default_value = "lrs.sqlite")]
    db: String,
    /// HTTP Basic user name.
    #[arg(long)]
    user: String,
    /// HTTP Basic password.
    #[arg(long)]
    password: String,
    /// The xAPI versions served, comma-separated (a request without `X-Experience-API-Version` is
    /// refused and labelled with the latest).
    #[arg(long, value_delimiter = ',', default_value = "1.0.3,2.0.0")]
    xapi_versions: Vec<learnwire_xapi::XapiVersion>,
}

fn main() {
    let args = Args::parse();
    let app = match App::open(&args.db, &args.user, &args.password, &args.xapi_versions) {
        Ok(app) => Arc::new(app),
        Err(failure) => {
            eprintln!("learnwire-lrs: cannot open {}: {failure}", args.db);
            std::process::exit(1);
        }
    };
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(failure) => {
            eprintln!("learnwire-lrs: cannot start the runtime: {failure}");
            std::process::exit(1);
        }
    };
    if let Err(failure) = runtime.block_on(serve(app, &args.listen)) {
        eprintln!("learnwire-lrs: {failure}");
        std::process::exit(1);
    }
}

async fn serve(app: Arc<App>, listen: &str) -> std::io::Result<()> {
    let listener = tokio::net::TcpListener::bind(listen).await?;
    println!("listening on http://{}/xapi", listener.local_addr()?);
    let router = axum::Router::new().fallback(handle).with_state(app);
    axum::serve(listener, router)
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
