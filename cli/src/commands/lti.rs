//! `learnwire lti`: make keys, sign LTI messages, verify them as a tool or as a platform.

mod input;
mod keygen;
mod service;
mod services;
mod sign;
mod verify;

use std::process::ExitCode;

use clap::Subcommand;

/// `learnwire lti` subcommands.
#[derive(Debug, Subcommand)]
pub(crate) enum LtiCommand {
    /// Generate an RS256 key pair: DIR/private.pem (PKCS#8) and DIR/jwks.json (public key only).
    Keygen(keygen::KeygenArgs),
    /// Sign a JSON claims file as an RS256 JWT; refuses claims that are not a valid LTI message.
    Sign(sign::SignArgs),
    /// Verify LTI messages as a tool (launches) or as a platform (Deep Linking responses).
    ///
    /// Without --nonce the nonce is required in the token but not compared or recorded: the command
    /// then cannot detect a replay across runs (the library always requires the nonce check).
    /// Without --deployment-id any deployment is accepted.
    ///
    /// A --jwks file that is readable but refused (private members such as d or k, two keys with one
    /// kid, more than 256 KiB or 100 keys, duplicate JSON members) is hostile input: it is reported with
    /// its lti.jwks.* code like a rejected token, exit 1. A weak key (under 2048 bits) is kept and refuses
    /// the tokens that name it (lti.key.rejected, exit 1). A --jwks file that cannot be read or is not
    /// JSON is a usage error, exit 2.
    Verify(verify::VerifyArgs),
    /// Get a service access token (client credentials with a signed assertion) and print it:
    /// {"access_token","token_type","expires_in","scope"}. Exit 1 when the platform refuses, 2 when it
    /// cannot be reached or a file cannot be read.
    Token(Box<services::TokenArgs>),
    /// Assignment and Grade Services: line items, scores, results (each command gets its own token).
    #[command(subcommand)]
    Ags(Box<services::AgsCommand>),
    /// Names and Role Provisioning Services: the context's members (every page).
    #[command(subcommand)]
    Nrps(Box<services::NrpsCommand>),
}

pub(crate) fn run(command: LtiCommand) -> ExitCode {
    match command {
        LtiCommand::Keygen(args) => keygen::run(&args),
        LtiCommand::Sign(args) => sign::run(&args),
        LtiCommand::Verify(args) => verify::run(&args),
        LtiCommand::Token(args) => services::token(&args),
        LtiCommand::Ags(command) => services::ags(&command),
        LtiCommand::Nrps(command) => services::nrps(&command),
    }
}
