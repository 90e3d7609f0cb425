//! `learnwire lti sign`.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;
use learnwire_lti::Limits;
use learnwire_lti::keys::{KeyId, SigningKey};
use learnwire_lti::platform::{read_claims, sign_message};

use super::input::read_file;
use crate::output::{EXIT_OK, EXIT_REJECTED, exit_usage, print_error};

/// Largest key or claims file read.
const MAX_FILE_BYTES: usize = 1024 * 1024;

/// Arguments of `learnwire lti sign`.
#[derive(Debug, Args)]
pub(crate) struct SignArgs {
    /// The private key (PKCS#8 or PKCS#1 PEM).
    #[arg(long)]
    key: PathBuf,
    /// The key id to put in the header.
    #[arg(long)]
    kid: String,
    /// The claims, a JSON object with iss, aud, exp, iat, nonce and the LTI claims of its message type.
    claims: PathBuf,
}

pub(crate) fn run(args: &SignArgs) -> ExitCode {
    let (key, claims) = match load(args) {
        Ok(loaded) => loaded,
        Err(message) => {
            print_error(message);
            return exit_usage();
        }
    };
    // The same strictness as a received token: duplicate members and deep nesting are refused.
    let claims = match read_claims(&claims, &Limits::default()) {
        Ok(claims) => claims,
        Err(error) => {
            print_error(format_args!("refused: {}: {error}", args.claims.display()));
            return EXIT_REJECTED;
        }
    };
    match sign_message(&claims, &key) {
        Ok(token) => {
            println!("{token}");
            EXIT_OK
        }
        Err(error) => {
            // The message starts with the code; the cause, when there is one, follows.
            let detail = std::error::Error::source(&error)
                .map(|source| format!(": {source}"))
                .unwrap_or_default();
            print_error(format_args!("refused: {error}{detail}"));
            EXIT_REJECTED
        }
    }
}

fn load(args: &SignArgs) -> Result<(SigningKey, Vec<u8>), String> {
    let kid = KeyId::parse(args.kid.as_str()).map_err(|error| error.to_string())?;
    let pem = read_file(&args.key, MAX_FILE_BYTES)?;
    let pem = String::from_utf8(pem).map_err(|_| format!("{} is not text", args.key.display()))?;
    let key = SigningKey::from_pem(&pem, Some(kid)).map_err(|error| error.to_string())?;
    let claims = read_file(&args.claims, MAX_FILE_BYTES)?;
    Ok((key, claims))
}
