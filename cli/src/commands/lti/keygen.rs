//! `learnwire lti keygen`.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;
use learnwire_lti::keys::{KeyId, SigningKey};

use crate::output::{EXIT_OK, Format, exit_usage, print_error, print_json_line};

/// Arguments of `learnwire lti keygen`.
#[derive(Debug, Args)]
pub(crate) struct KeygenArgs {
    /// The key id (default: the RFC 7638 thumbprint).
    #[arg(long)]
    kid: Option<String>,
    /// Key size in bits: 2048, 3072, 4096 or 8192.
    #[arg(long, default_value_t = 2048)]
    bits: u32,
    /// The directory to write private.pem and jwks.json into (created if missing; existing files are
    /// never overwritten).
    #[arg(long)]
    out: PathBuf,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
}

pub(crate) fn run(args: &KeygenArgs) -> ExitCode {
    match generate(args) {
        Ok(kid) => {
            let private = args.out.join("private.pem");
            let jwks = args.out.join("jwks.json");
            match args.format {
                Format::Json => print_json_line(&serde_json::json!({
                    "kid": kid, "private_key": private.display().to_string(), "jwks": jwks.display().to_string()
                })),
                Format::Text => println!(
                    "kid {kid}: wrote {} and {}",
                    private.display(),
                    jwks.display()
                ),
            }
            EXIT_OK
        }
        Err(message) => {
            print_error(message);
            exit_usage()
        }
    }
}

fn generate(args: &KeygenArgs) -> Result<String, String> {
    let kid = args
        .kid
        .clone()
        .map(KeyId::parse)
        .transpose()
        .map_err(|error| error.to_string())?;
    let key = SigningKey::generate_with_bits(args.bits, kid).map_err(|error| error.to_string())?;
    let pem = key.to_pkcs8_pem().map_err(|error| error.to_string())?;
    let jwks = serde_json::json!({ "keys": [key.public_jwk()] });
    let jwks = serde_json::to_string_pretty(&jwks).map_err(|error| error.to_string())?;
    std::fs::create_dir_all(&args.out)
        .map_err(|error| format!("cannot create {}: {error}", args.out.display()))?;
    write_new(&args.out.join("private.pem"), pem.as_bytes(), true)?;
    write_new(
        &args.out.join("jwks.json"),
        format!("{jwks}\n").as_bytes(),
        false,
    )?;
    Ok(key.kid().to_string())
}

/// Creates a file that must not exist yet; private keys get mode 0600 on Unix.
fn write_new(path: &std::path::Path, bytes: &[u8], private: bool) -> Result<(), String> {
    use std::io::Write as _;
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    if private {
        use std::os::unix::fs::OpenOptionsExt as _;
        options.mode(0o600);
    }
    #[cfg(not(unix))]
    let _ = private;
    let mut file = options
        .open(path)
        .map_err(|error| format!("cannot create {}: {error}", path.display()))?;
    file.write_all(bytes)
        .map_err(|error| format!("cannot write {}: {error}", path.display()))
}
