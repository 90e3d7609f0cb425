//! `learnwire-lrs`: a Learning Record Store built from `learnwire-xapi`'s public API (issue #11).
//!
//! ```text
//! learnwire-lrs --listen 127.0.0.1:8080 --db lrs.sqlite --user U --password P
//! ```
//!
//! serves xAPI 1.0.3 and 2.0.0 under `/xapi/` with HTTP Basic auth, on SQLite. It prints
//! `listening on http://ADDR/xapi` once the socket is bound (`--listen 127.0.0.1:0` picks a free port).
//! `--xapi-versions 1.0.3` serves one version only; `--page-size N` sets the largest statement page.

#![forbid(unsafe_code)]

use clap::Parser;
use learnwire_lrs::{Config, DEFAULT_PAGE_SIZE, Lrs};

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
    /// The most statements one GET /statements answer holds (limit=0 or no limit gets this many; the
    /// rest through `more`).
    #[arg(long, default_value_t = DEFAULT_PAGE_SIZE, value_parser = clap::value_parser!(u64).range(1..))]
    page_size: u64,
}

fn main() {
    let args = Args::parse();
    let config = Config::new(&args.db, &args.user, &args.password)
        .with_xapi_versions(&args.xapi_versions)
        .with_page_size(args.page_size);
    let lrs = match Lrs::open(&config) {
        Ok(lrs) => lrs,
        Err(failure) => {
            eprintln!("learnwire-lrs: {failure}");
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
    if let Err(failure) = runtime.block_on(learnwire_lrs::serve(lrs, &args.listen)) {
        eprintln!("learnwire-lrs: {failure}");
        std::process::exit(1);
    }
}
