//! What the service commands share (`lti token`, `lti ags …`, `lti nrps members`): the AUTH options, the
//! client, the runtime, and how outcomes map to exit codes.

use std::future::Future;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;

use clap::Args;
use learnwire_lti::client::{ClientError, ClientOptions, ReqwestClient, ServiceClient};
use learnwire_lti::keys::{KeyId, SigningKey};
use learnwire_lti::service_token::{Scope, ScopeSet};
use serde_json::Value;
use url::Url;

use super::input::read_file;
use crate::output::{EXIT_OK, EXIT_REJECTED, Format, exit_usage, print_error};

/// Largest key file read.
const MAX_KEY_BYTES: usize = 1024 * 1024;

/// AUTH: how the command gets its access token (client credentials with a signed JWT assertion).
#[derive(Debug, Args)]
pub(crate) struct AuthArgs {
    /// The platform's token endpoint URL, exactly as registered (it is the assertion's aud).
    #[arg(long = "token-url")]
    token_url: Url,
    /// The tool's client id at the platform.
    #[arg(long = "client-id")]
    client_id: String,
    /// The tool's private key (PKCS#8 or PKCS#1 PEM).
    #[arg(long)]
    key: PathBuf,
    /// The key id the platform knows the key by.
    #[arg(long)]
    kid: String,
    /// The assertion's aud when the platform names another audience than the token URL.
    #[arg(long)]
    audience: Option<String>,
}

/// The output format of the service commands: one JSON document (default) or readable lines.
#[derive(Debug, Args)]
pub(crate) struct OutputArgs {
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Json)]
    pub(crate) format: Format,
}

/// Why a command did not print its result.
pub(crate) enum Failure {
    /// Bad options or an unreadable file: exit 2.
    Usage(String),
    /// The client's error: exit 2 when the platform was not reached or did not answer, else 1.
    Client(ClientError),
}

impl From<ClientError> for Failure {
    fn from(error: ClientError) -> Self {
        Self::Client(error)
    }
}

impl AuthArgs {
    /// The client for this platform.
    pub(crate) fn client(&self) -> Result<ServiceClient, Failure> {
        let kid = KeyId::parse(self.kid.as_str())
            .map_err(|error| Failure::Usage(format!("--kid: {error}")))?;
        let pem = read_file(&self.key, MAX_KEY_BYTES).map_err(Failure::Usage)?;
        let pem = String::from_utf8(pem)
            .map_err(|_| Failure::Usage(format!("{} is not text", self.key.display())))?;
        let key = SigningKey::from_pem(&pem, Some(kid))
            .map_err(|error| Failure::Usage(format!("{}: {error}", self.key.display())))?;
        let http = ReqwestClient::new(&ClientOptions::default())?;
        let client =
            ServiceClient::new(http, self.token_url.clone(), &self.client_id, Arc::new(key));
        Ok(match &self.audience {
            Some(audience) => client.with_audience(audience.clone()),
            None => client,
        })
    }
}

/// Parses scope URIs given on the command line.
pub(crate) fn scopes(values: &[String]) -> Result<ScopeSet, Failure> {
    values
        .iter()
        .flat_map(|value| value.split_ascii_whitespace())
        .map(|value| {
            Scope::parse(value).map_err(|error| Failure::Usage(format!("--scope: {error}")))
        })
        .collect()
}

/// Runs `work` on a one-thread runtime, prints its result as JSON or text, and maps the outcome to the
/// exit code: 0 printed, 1 refused or invalid, 2 usage or I/O (the platform not reached or silent).
pub(crate) fn run<F, T>(format: Format, work: F, text: impl FnOnce(&T) -> String) -> ExitCode
where
    F: Future<Output = Result<(T, Value), Failure>>,
{
    let runtime = match tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(error) => {
            print_error(format_args!("cannot start the async runtime: {error}"));
            return exit_usage();
        }
    };
    match runtime.block_on(work) {
        Ok((value, json)) => {
            match format {
                Format::Json => println!("{}", pretty(&json)),
                Format::Text => print!("{}", text(&value)),
            }
            EXIT_OK
        }
        Err(Failure::Usage(message)) => {
            print_error(message);
            exit_usage()
        }
        Err(Failure::Client(error)) => {
            let detail = std::error::Error::source(&error)
                .map(|source| format!(": {source}"))
                .unwrap_or_default();
            if error.is_transport() {
                print_error(format_args!("cannot reach the platform: {error}{detail}"));
                exit_usage()
            } else {
                print_error(format_args!("refused: {error}{detail}"));
                EXIT_REJECTED
            }
        }
    }
}

fn pretty(value: &Value) -> String {
    serde_json::to_string_pretty(value).unwrap_or_else(|_| value.to_string())
}
