//! `learnwire lti verify`.

use std::borrow::Cow;
use std::fs::File;
use std::io::{BufWriter, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;

use chrono::{DateTime, TimeDelta, Utc};
use clap::{Args, ValueEnum};
use learnwire_lti::deep_linking::DeepLinkingResponseVerifier;
use learnwire_lti::keys::{Algorithm, KeySet, KeySetError, KeySetOptions};
use learnwire_lti::launch::LaunchVerifier;
use learnwire_lti::platform::{ClientAssertionVerifier, ToolRegistration};
use learnwire_lti::{Code, InMemoryNonceStore, Limits, PlatformRegistration};
use serde::Serialize;
use serde_json::{Map, Value, json};

use super::input::{next_line, open, read_bounded, trim};
use crate::output::{EXIT_OK, EXIT_REJECTED, Format, exit_usage, print_error};

/// Which side verifies.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum Side {
    /// A tool checking a platform's message (launch, Deep Linking request, submission review).
    Tool,
    /// A platform checking a tool's message (a Deep Linking response).
    Platform,
}

/// What is verified.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, ValueEnum)]
enum Kind {
    /// An LTI message: a launch (as tool) or a Deep Linking response (as platform).
    #[default]
    Message,
    /// A tool's client-credentials JWT assertion (RFC 7523), as the platform's token endpoint checks it:
    /// needs --token-endpoint (the expected aud) and --client-id (iss = sub).
    ClientAssertion,
}

/// Arguments of `learnwire lti verify`.
#[derive(Debug, Args)]
pub(crate) struct VerifyArgs {
    /// The signer's JWKS file (the platform's as tool, the tool's as platform).
    #[arg(long)]
    jwks: PathBuf,
    /// As tool: the platform's issuer. As platform: our own issuer (the expected aud). Required for
    /// --kind message.
    #[arg(long)]
    issuer: Option<String>,
    /// What the tokens are: LTI messages (default) or client assertions.
    #[arg(long, value_enum, default_value_t = Kind::Message)]
    kind: Kind,
    /// --kind client-assertion: the token endpoint URL, the aud the assertion must name (exactly).
    #[arg(long = "token-endpoint")]
    token_endpoint: Option<String>,
    /// As tool: our client id (the expected aud). As platform: the tool's client id (the expected iss).
    #[arg(long = "client-id")]
    client_id: String,
    /// The registered deployment id (repeatable); without it any deployment is accepted.
    #[arg(long = "deployment-id")]
    deployment_id: Vec<String>,
    /// The nonce issued at login (as tool). Without it the nonce is not compared or recorded.
    #[arg(long)]
    nonce: Option<String>,
    /// The time to verify at, in seconds since the Unix epoch (default: now).
    #[arg(long)]
    now: Option<i64>,
    /// Clock leeway in seconds.
    #[arg(long, default_value_t = 60)]
    leeway: i64,
    /// An accepted algorithm (repeatable; default RS256).
    #[arg(long = "alg")]
    alg: Vec<String>,
    /// An audience trusted beside the expected one (repeatable).
    #[arg(long = "trusted-audience")]
    trusted_audience: Vec<String>,
    /// Verify as a tool (default) or as a platform.
    #[arg(long = "as", value_enum, default_value_t = Side::Tool)]
    side: Side,
    /// As platform: the data the Deep Linking request carried (JSON; text that is not JSON is a string).
    #[arg(long)]
    data: Option<String>,
    /// The input has one token per line.
    #[arg(long)]
    lines: bool,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
    /// The token file; `-` or nothing reads standard input.
    file: Option<PathBuf>,
}

/// Why a token was rejected: the library's stable code and its message.
struct Rejection {
    code: Code,
    message: String,
}

impl Rejection {
    /// The error's code and its message without the `code: ` prefix its `Display` starts with (the
    /// output prints the code on its own).
    fn of(code: Code, error: &dyn std::error::Error) -> Self {
        Self {
            code,
            message: without_code(code, &error.to_string()),
        }
    }
}

/// A configured verifier, either side.
enum Verifier {
    Tool {
        verifier: LaunchVerifier,
        registration: PlatformRegistration,
        nonce: Option<String>,
    },
    Platform {
        verifier: DeepLinkingResponseVerifier,
        tool: ToolRegistration,
        data: Option<Value>,
    },
    ClientAssertion {
        verifier: ClientAssertionVerifier,
        tool: ToolRegistration,
    },
}

impl Verifier {
    /// Verifies one token; an accepted one's message type and claims go to `accepted`, borrowed
    /// (nothing is copied to print them).
    fn verify(
        &self,
        token: &str,
        nonces: &InMemoryNonceStore,
        now: DateTime<Utc>,
        accepted: &mut dyn FnMut(&str, &Map<String, Value>),
    ) -> Result<(), Rejection> {
        match self {
            Self::Tool {
                verifier,
                registration,
                nonce: Some(nonce),
            } => verifier
                .verify_id_token(registration, token, nonce, nonces, now)
                .map(|launch| accepted(&launch.message_type().to_string(), launch.claims()))
                .map_err(|error| Rejection::of(error.code(), &error)),
            Self::Tool {
                verifier,
                registration,
                nonce: None,
            } => verifier
                .danger_verify_id_token_without_nonce(registration, token, now)
                .map(|launch| accepted(&launch.message_type().to_string(), launch.claims()))
                .map_err(|error| Rejection::of(error.code(), &error)),
            Self::Platform {
                verifier,
                tool,
                data,
            } => verifier
                .verify(tool, token, data.as_ref(), nonces, now)
                .map(|response| accepted("LtiDeepLinkingResponse", response.claims()))
                .map_err(|error| Rejection::of(error.code(), &error)),
            Self::ClientAssertion { verifier, tool } => verifier
                .verify(tool, token, nonces, now)
                .map(|verified| accepted("client-assertion", verified.claims()))
                .map_err(|error| Rejection::of(error.code(), &error)),
        }
    }
}

/// Why the command could not start verifying.
enum SetupError {
    /// A usage error or a JWKS file that cannot be read or is not JSON: exit 2.
    Usage(String),
    /// A readable JWKS that the library refuses (private members, a repeated `kid`, too large, …):
    /// hostile input, reported like any rejected token, exit 1.
    KeySetRefused {
        /// The library's stable code (`lti.jwks.*`).
        code: Code,
        /// What is wrong, naming the file.
        message: String,
    },
}

impl From<String> for SetupError {
    fn from(message: String) -> Self {
        Self::Usage(message)
    }
}

impl From<&str> for SetupError {
    fn from(message: &str) -> Self {
        Self::Usage(message.to_owned())
    }
}

pub(crate) fn run(args: &VerifyArgs) -> ExitCode {
    let (verifier, now) = match configure(args) {
        Ok(configured) => configured,
        Err(SetupError::Usage(message)) => {
            print_error(message);
            return exit_usage();
        }
        Err(SetupError::KeySetRefused { code, message }) => {
            let mut out = std::io::stdout().lock();
            let _ = print_rejection(&mut out, args.format, None, code, &message);
            return EXIT_REJECTED;
        }
    };
    let mut reader = match open(args.file.as_deref()) {
        Ok(reader) => reader,
        Err(error) => {
            print_error(format_args!("cannot read the input: {error}"));
            return exit_usage();
        }
    };
    let limit = Limits::default().max_token_bytes();
    let nonces = InMemoryNonceStore::default();
    let mut all_valid = true;
    // Results go through one buffer, written when it fills or before the input is read again (a
    // live stream still sees each result at once): not one write per token. Write errors (a
    // closed pipe) end nothing: the exit status still tells the verdict.
    let mut out = BufWriter::with_capacity(64 * 1024, std::io::stdout().lock());
    // On a terminal each result shows at once, in step with the rejections written to stderr.
    let terminal = std::io::stdout().is_terminal();
    let check = |out: &mut BufWriter<_>, line: Option<usize>, token: &[u8]| {
        let mut accepted = |message_type: &str, claims: &Map<String, Value>| {
            let _ = print_accepted(out, args.format, line, message_type, claims);
        };
        let result = verifier.verify(&text(token), &nonces, now, &mut accepted);
        if let Err(rejection) = &result {
            let _ = print_rejection(out, args.format, line, rejection.code, &rejection.message);
        }
        if terminal {
            let _ = out.flush();
        }
        result.is_ok()
    };
    if args.lines {
        let mut number = 0usize;
        let mut line = Vec::new();
        loop {
            if reader.buffer().is_empty() {
                let _ = out.flush();
            }
            match next_line(&mut reader, &mut line, limit) {
                Ok(true) => {}
                Ok(false) => break,
                Err(error) => {
                    let _ = out.flush();
                    print_error(format_args!("cannot read the input: {error}"));
                    return exit_usage();
                }
            }
            number = number.saturating_add(1);
            let token = trim(&line);
            if token.is_empty() {
                continue;
            }
            all_valid &= check(&mut out, Some(number), token);
        }
    } else {
        let bytes = match read_bounded(&mut reader, limit) {
            Ok(bytes) => bytes,
            Err(error) => {
                print_error(format_args!("cannot read the input: {error}"));
                return exit_usage();
            }
        };
        all_valid = check(&mut out, None, trim(&bytes));
    }
    let _ = out.flush();
    if all_valid { EXIT_OK } else { EXIT_REJECTED }
}

/// Input bytes as text, borrowed when they are UTF-8; bytes that are not can never be a valid token,
/// and become U+FFFD here only so the verifier can name the failed check (strict base64url refuses
/// them).
fn text(bytes: &[u8]) -> Cow<'_, str> {
    String::from_utf8_lossy(bytes)
}

/// An accepted token in JSON: the fields in the order a JSON object map writes them (sorted).
#[derive(Serialize)]
struct AcceptedJson<'a> {
    claims: &'a Map<String, Value>,
    #[serde(skip_serializing_if = "Option::is_none")]
    line: Option<usize>,
    message_type: &'a str,
    valid: bool,
}

/// Prints one accepted token.
fn print_accepted(
    out: &mut impl Write,
    format: Format,
    line: Option<usize>,
    message_type: &str,
    claims: &Map<String, Value>,
) -> std::io::Result<()> {
    match format {
        Format::Json => {
            let accepted = AcceptedJson {
                claims,
                line,
                message_type,
                valid: true,
            };
            serde_json::to_writer(&mut *out, &accepted)?;
            out.write_all(b"\n")
        }
        Format::Text => {
            let issuer = claims
                .get("iss")
                .and_then(Value::as_str)
                .unwrap_or_default();
            if let Some(line) = line {
                write!(out, "line {line}: ")?;
            }
            writeln!(
                out,
                "valid {message_type} from {}",
                learnwire_report::quote(issuer)
            )
        }
    }
}

/// `message` without the leading `code: ` that every library error's `Display` starts with.
fn without_code(code: Code, message: &str) -> String {
    message
        .strip_prefix(code.as_str())
        .and_then(|rest| rest.strip_prefix(": "))
        .unwrap_or(message)
        .to_owned()
}

/// Prints one rejection (a token's, or the key set's) with its stable code.
fn print_rejection(
    out: &mut impl Write,
    format: Format,
    line: Option<usize>,
    code: Code,
    message: &str,
) -> std::io::Result<()> {
    match format {
        Format::Json => {
            let mut rejected =
                json!({ "valid": false, "error": { "code": code, "message": message } });
            if let (Some(line), Some(object)) = (line, rejected.as_object_mut()) {
                object.insert("line".to_owned(), line.into());
            }
            serde_json::to_writer(&mut *out, &rejected)?;
            out.write_all(b"\n")
        }
        Format::Text => {
            let prefix = line
                .map(|line| format!("line {line}: "))
                .unwrap_or_default();
            print_error(format_args!("{prefix}rejected: {code}: {message}"));
            writeln!(out, "{prefix}invalid {code}: {message}")
        }
    }
}

/// Reads and checks the JWKS file: exit 2 when it cannot be read or is not JSON, a rejection (exit 1)
/// when it is readable and refused. At most the library's limit plus one byte is read.
fn read_key_set(path: &Path) -> Result<KeySet, SetupError> {
    let limit = Limits::default().max_jwks_bytes();
    let unreadable = |error: std::io::Error| format!("cannot read {}: {error}", path.display());
    let file = File::open(path).map_err(unreadable)?;
    let bytes = read_bounded(file, limit).map_err(unreadable)?;
    if bytes.len() > limit {
        let refused = KeySetError::TooLarge {
            length: bytes.len(),
            limit,
        };
        return Err(SetupError::KeySetRefused {
            code: refused.code(),
            message: format!(
                "{} is larger than the limit of {limit} bytes",
                path.display()
            ),
        });
    }
    KeySet::from_jwks(&bytes, &KeySetOptions::default()).map_err(|error| {
        if error.is_not_json() {
            let reason = std::error::Error::source(&error)
                .map_or_else(|| error.to_string(), std::string::ToString::to_string);
            SetupError::Usage(format!("{} is not JSON: {reason}", path.display()))
        } else {
            SetupError::KeySetRefused {
                code: error.code(),
                message: format!(
                    "{}: {}",
                    path.display(),
                    without_code(error.code(), &error.to_string())
                ),
            }
        }
    })
}

fn configure(args: &VerifyArgs) -> Result<(Verifier, DateTime<Utc>), SetupError> {
    let now = match args.now {
        Some(seconds) => DateTime::from_timestamp(seconds, 0).ok_or("--now is out of range")?,
        None => Utc::now(),
    };
    if args.leeway < 0 || args.leeway > 86_400 {
        return Err("--leeway must be between 0 and 86400 seconds".into());
    }
    let leeway = TimeDelta::seconds(args.leeway);
    let algorithms = if args.alg.is_empty() {
        vec![Algorithm::Rs256]
    } else {
        args.alg
            .iter()
            .map(|name| {
                Algorithm::from_name(name)
                    .ok_or_else(|| format!("unsupported --alg {name:?} (RS256, RS384, RS512)"))
            })
            .collect::<Result<_, _>>()?
    };
    let keys = Arc::new(read_key_set(&args.jwks)?);
    let any_deployment = args.deployment_id.is_empty();
    if args.kind == Kind::ClientAssertion {
        let Some(token_endpoint) = &args.token_endpoint else {
            return Err("--kind client-assertion needs --token-endpoint".into());
        };
        if args.nonce.is_some() || args.data.is_some() || args.side != Side::Tool {
            return Err("--nonce, --data and --as apply to --kind message".into());
        }
        let mut tool = ToolRegistration::new(&args.client_id, Vec::new(), keys);
        tool.algorithms = algorithms;
        let verifier = ClientAssertionVerifier::new(token_endpoint.clone())
            .with_leeway(leeway)
            .with_audiences(args.trusted_audience.iter().cloned());
        return Ok((Verifier::ClientAssertion { verifier, tool }, now));
    }
    if args.token_endpoint.is_some() {
        return Err("--token-endpoint applies to --kind client-assertion".into());
    }
    let Some(issuer) = args.issuer.as_deref() else {
        return Err("--issuer is required (unless --kind client-assertion)".into());
    };
    let verifier = match args.side {
        Side::Tool => {
            if args.data.is_some() {
                return Err("--data applies to --as platform".into());
            }
            let placeholder =
                url::Url::parse("https://invalid.invalid/").map_err(|error| error.to_string())?;
            let mut registration = PlatformRegistration::new(
                issuer,
                &args.client_id,
                placeholder.clone(),
                placeholder,
                keys,
            );
            registration.deployment_ids = args.deployment_id.iter().cloned().collect();
            registration.algorithms = algorithms;
            registration.trusted_audiences = args.trusted_audience.iter().cloned().collect();
            let verifier = LaunchVerifier::new()
                .with_leeway(leeway)
                .danger_accept_any_deployment(any_deployment);
            Verifier::Tool {
                verifier,
                registration,
                nonce: args.nonce.clone(),
            }
        }
        Side::Platform => {
            if args.nonce.is_some() {
                return Err(
                    "--nonce applies to --as tool (a Deep Linking response's nonce is the tool's)"
                        .into(),
                );
            }
            let mut tool = ToolRegistration::new(&args.client_id, Vec::new(), keys);
            tool.deployment_ids = args.deployment_id.iter().cloned().collect();
            tool.algorithms = algorithms;
            let verifier = DeepLinkingResponseVerifier::new(issuer)
                .with_leeway(leeway)
                .with_trusted_audiences(args.trusted_audience.iter().cloned())
                .danger_accept_any_deployment(any_deployment);
            let data = args.data.as_ref().map(|data| {
                serde_json::from_str(data).unwrap_or_else(|_| Value::String(data.clone()))
            });
            Verifier::Platform {
                verifier,
                tool,
                data,
            }
        }
    };
    Ok((verifier, now))
}
