//! `learnwire lti token`, `learnwire lti ags …` and `learnwire lti nrps members`: the platform's services
//! from a terminal, with learnwire-lti's client (each command gets its own token).

use std::fmt::Write as _;
use std::process::ExitCode;

use chrono::Utc;
use clap::{Args, Subcommand};
use learnwire_lti::ags::{
    ActivityProgress, GradingProgress, LineItem, LineItemResult, LineItemsQuery, Score, Timestamp,
};
use learnwire_lti::claims::Role;
use learnwire_lti::nrps::MembersQuery;
use serde_json::{Value, json};
use url::Url;

use super::service::{AuthArgs, Failure, OutputArgs, run, scopes};

/// Arguments of `learnwire lti token`.
#[derive(Debug, Args)]
pub(crate) struct TokenArgs {
    #[command(flatten)]
    auth: AuthArgs,
    /// A scope to ask for (repeatable; a space-separated list works too).
    #[arg(long = "scope", required = true, num_args = 1..)]
    scope: Vec<String>,
    #[command(flatten)]
    output: OutputArgs,
}

pub(crate) fn token(args: &TokenArgs) -> ExitCode {
    run(
        args.output.format,
        async {
            let scopes = scopes(&args.scope)?;
            let token = args.auth.client()?.token(&scopes).await?;
            let printed = token.to_json();
            Ok((printed.clone(), printed))
        },
        |printed| {
            let field = |name: &str| match &printed[name] {
                Value::String(text) => text.clone(),
                other => other.to_string(),
            };
            format!(
                "access_token {}\ntoken_type {}\nexpires_in {}\nscope {}\n",
                field("access_token"),
                field("token_type"),
                field("expires_in"),
                field("scope")
            )
        },
    )
}

/// `learnwire lti ags` subcommands.
#[derive(Debug, Subcommand)]
pub(crate) enum AgsCommand {
    /// List the line items of a context (every page), optionally filtered.
    LineItems(LineItemsArgs),
    /// Create a line item in the container; prints it as the platform stored it (with its id).
    CreateLineItem(CreateLineItemArgs),
    /// Post a score to a line item (to LINE_ITEM_URL/scores).
    Score(ScoreArgs),
    /// List a line item's results (every page, from LINE_ITEM_URL/results).
    Results(ResultsArgs),
}

pub(crate) fn ags(command: &AgsCommand) -> ExitCode {
    match command {
        AgsCommand::LineItems(args) => line_items(args),
        AgsCommand::CreateLineItem(args) => create_line_item(args),
        AgsCommand::Score(args) => score(args),
        AgsCommand::Results(args) => results(args),
    }
}

/// Arguments of `learnwire lti ags line-items`.
#[derive(Debug, Args)]
pub(crate) struct LineItemsArgs {
    #[command(flatten)]
    auth: AuthArgs,
    /// The line items container URL (the launch's AGS `lineitems`).
    #[arg(long)]
    url: Url,
    /// Only the line items of this resource link.
    #[arg(long = "resource-link-id")]
    resource_link_id: Option<String>,
    /// Only the line items with this resource id.
    #[arg(long = "resource-id")]
    resource_id: Option<String>,
    /// Only the line items with this tag.
    #[arg(long)]
    tag: Option<String>,
    /// Items per page asked of the platform (every page is read anyway).
    #[arg(long)]
    limit: Option<u32>,
    #[command(flatten)]
    output: OutputArgs,
}

fn line_item_line(item: &LineItem) -> String {
    format!(
        "{}\t{}\t{}\n",
        item.id.as_ref().map_or("-", Url::as_str),
        item.label,
        item.score_maximum
    )
}

fn line_items(args: &LineItemsArgs) -> ExitCode {
    run(
        args.output.format,
        async {
            let mut query = LineItemsQuery::default();
            query.resource_link_id.clone_from(&args.resource_link_id);
            query.resource_id.clone_from(&args.resource_id);
            query.tag.clone_from(&args.tag);
            query.limit = args.limit;
            let items = args
                .auth
                .client()?
                .list_line_items(&args.url, &query)
                .await?;
            let printed = json!(items);
            Ok((items, printed))
        },
        |items| items.iter().map(line_item_line).collect(),
    )
}

/// Arguments of `learnwire lti ags create-line-item`.
#[derive(Debug, Args)]
pub(crate) struct CreateLineItemArgs {
    #[command(flatten)]
    auth: AuthArgs,
    /// The line items container URL.
    #[arg(long)]
    url: Url,
    /// The label.
    #[arg(long)]
    label: String,
    /// The maximum score (greater than zero).
    #[arg(long = "score-maximum")]
    score_maximum: f64,
    /// The resource link to bind it to.
    #[arg(long = "resource-link-id")]
    resource_link_id: Option<String>,
    /// The tool's resource id.
    #[arg(long = "resource-id")]
    resource_id: Option<String>,
    /// A tag.
    #[arg(long)]
    tag: Option<String>,
    #[command(flatten)]
    output: OutputArgs,
}

fn create_line_item(args: &CreateLineItemArgs) -> ExitCode {
    run(
        args.output.format,
        async {
            let mut item = LineItem::new(args.label.clone(), args.score_maximum);
            item.resource_link_id.clone_from(&args.resource_link_id);
            item.resource_id.clone_from(&args.resource_id);
            item.tag.clone_from(&args.tag);
            let created = args
                .auth
                .client()?
                .create_line_item(&args.url, item)
                .await?;
            let printed = json!(created);
            Ok((created, printed))
        },
        line_item_line,
    )
}

/// Arguments of `learnwire lti ags score`.
#[derive(Debug, Args)]
pub(crate) struct ScoreArgs {
    #[command(flatten)]
    auth: AuthArgs,
    /// The line item URL (the score goes to LINE_ITEM_URL/scores).
    #[arg(long = "line-item")]
    line_item: Url,
    /// The LTI user id (the launch's sub).
    #[arg(long)]
    user: String,
    /// Initialized, Started, InProgress, Submitted or Completed.
    #[arg(long = "activity-progress")]
    activity_progress: String,
    /// FullyGraded, Pending, PendingManual, Failed or NotReady.
    #[arg(long = "grading-progress")]
    grading_progress: String,
    /// The score given (with --score-maximum).
    #[arg(long = "score-given", requires = "score_maximum")]
    score_given: Option<f64>,
    /// The maximum of the score given (with --score-given).
    #[arg(long = "score-maximum", requires = "score_given")]
    score_maximum: Option<f64>,
    /// A comment for the learner.
    #[arg(long)]
    comment: Option<String>,
    /// When the score was set (RFC 3339 with an offset; default now).
    #[arg(long)]
    timestamp: Option<String>,
    #[command(flatten)]
    output: OutputArgs,
}

fn score(args: &ScoreArgs) -> ExitCode {
    run(
        args.output.format,
        async {
            let timestamp = match &args.timestamp {
                Some(text) => Timestamp::parse(text.clone())
                    .map_err(|error| Failure::Usage(format!("--timestamp: {error}")))?,
                None => Timestamp::from_datetime(Utc::now().fixed_offset()),
            };
            let user = args
                .user
                .clone()
                .try_into()
                .map_err(|error| Failure::Usage(format!("--user: {error}")))?;
            let mut score = Score::new(
                user,
                timestamp,
                ActivityProgress::parse(args.activity_progress.as_str()),
                GradingProgress::parse(args.grading_progress.as_str()),
            );
            if let (Some(given), Some(maximum)) = (args.score_given, args.score_maximum) {
                score = score.with_score(given, maximum);
            }
            if let Some(comment) = &args.comment {
                score = score.with_comment(comment.clone());
            }
            let client = args.auth.client()?;
            client.post_score(&args.line_item, score.clone()).await?;
            let printed =
                json!({ "line_item": args.line_item.as_str(), "posted": true, "score": score });
            Ok((score, printed))
        },
        |score| {
            format!(
                "score for {} posted to {}\n",
                score.user_id.as_str(),
                args.line_item
            )
        },
    )
}

/// Arguments of `learnwire lti ags results`.
#[derive(Debug, Args)]
pub(crate) struct ResultsArgs {
    #[command(flatten)]
    auth: AuthArgs,
    /// The line item URL (results are read from LINE_ITEM_URL/results).
    #[arg(long = "line-item")]
    line_item: Url,
    /// Only this user's result.
    #[arg(long)]
    user: Option<String>,
    /// Results per page asked of the platform (every page is read anyway).
    #[arg(long)]
    limit: Option<u32>,
    #[command(flatten)]
    output: OutputArgs,
}

fn results(args: &ResultsArgs) -> ExitCode {
    run(
        args.output.format,
        async {
            let results = args
                .auth
                .client()?
                .list_results(&args.line_item, args.user.as_deref(), args.limit)
                .await?;
            let printed = json!(results);
            Ok((results, printed))
        },
        |results: &Vec<LineItemResult>| {
            let mut out = String::new();
            for result in results {
                let number = |value: Option<f64>| value.map_or("-".to_owned(), |v| v.to_string());
                let _ = writeln!(
                    out,
                    "{}\t{}/{}",
                    result.user_id.as_str(),
                    number(result.result_score),
                    number(result.result_maximum)
                );
            }
            out
        },
    )
}

/// `learnwire lti nrps` subcommands.
#[derive(Debug, Subcommand)]
pub(crate) enum NrpsCommand {
    /// The context's members (every page): {"context","members","differences"}.
    Members(MembersArgs),
}

pub(crate) fn nrps(command: &NrpsCommand) -> ExitCode {
    match command {
        NrpsCommand::Members(args) => members(args),
    }
}

/// Arguments of `learnwire lti nrps members`.
#[derive(Debug, Args)]
pub(crate) struct MembersArgs {
    #[command(flatten)]
    auth: AuthArgs,
    /// The context memberships URL (the launch's NRPS context_memberships_url).
    #[arg(long)]
    url: Url,
    /// Only members with this role (a short name such as Learner, or a full role URI).
    #[arg(long)]
    role: Option<String>,
    /// The resource link whose launch claims each member gets (rlid).
    #[arg(long)]
    rlid: Option<String>,
    /// Members per page asked of the platform (every page is read anyway).
    #[arg(long)]
    limit: Option<u32>,
    #[command(flatten)]
    output: OutputArgs,
}

fn members(args: &MembersArgs) -> ExitCode {
    run(
        args.output.format,
        async {
            let mut query = MembersQuery::default();
            query.rlid.clone_from(&args.rlid);
            query.role = args.role.clone().map(Role::parse);
            query.limit = args.limit;
            let membership = args.auth.client()?.list_members(&args.url, &query).await?;
            let printed = json!({
                "context": membership.container.context,
                "members": membership.container.members,
                "differences": membership.differences.as_ref().map(Url::as_str),
            });
            Ok((membership, printed))
        },
        |membership| {
            let mut out = String::new();
            for member in &membership.container.members {
                let roles: Vec<&str> = member.roles.iter().map(Role::as_str).collect();
                let _ = writeln!(
                    out,
                    "{}\t{}\t{}",
                    member.user_id.as_str(),
                    member.name.as_deref().unwrap_or("-"),
                    roles.join(" ")
                );
            }
            out
        },
    )
}
