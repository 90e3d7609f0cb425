//! Platform side: verify a tool's `LtiDeepLinkingResponse` (Deep Linking 2.0 §4.5, 1EdTech Security
//! Framework §5.2) and read its content items.

use std::collections::BTreeSet;

use chrono::{DateTime, TimeDelta, Utc};
use serde_json::{Map, Value};

use super::DeepLinkingError;
use super::content_item::ContentItem;
use crate::claims::{MessageClaims, MessageType, names};
use crate::limits::Limits;
use crate::message::{check_deployment, check_message};
use crate::nonce::NonceStore;
use crate::platform::ToolRegistration;
use crate::token::{Expected, TokenCheck, check_nonce, consume_once, verify_token};

/// Verifies Deep Linking responses for one platform issuer: signature by the tool's keys, `iss` = the
/// tool's client id, `aud` = our issuer, times, nonce present and unused, deployment registered, message
/// type `LtiDeepLinkingResponse`, version, `data` echoed exactly, content items typed and their URLs
/// `https:` (`http:` only when allowed). Items of unknown types are kept, not refused.
///
/// # Example
///
/// ```
/// use learnwire_lti::deep_linking::DeepLinkingResponseVerifier;
///
/// let verifier = DeepLinkingResponseVerifier::new("https://platform.example.edu");
/// assert_eq!(verifier.issuer(), "https://platform.example.edu");
/// ```
#[derive(Clone, Debug)]
pub struct DeepLinkingResponseVerifier {
    issuer: String,
    limits: Limits,
    leeway: TimeDelta,
    max_token_age: TimeDelta,
    allow_http_urls: bool,
    any_deployment: bool,
    trusted_audiences: BTreeSet<String>,
}

impl DeepLinkingResponseVerifier {
    /// A verifier for responses addressed to `issuer` (our platform issuer): default limits, 60 s
    /// leeway, 1 h maximum age, `https:` URLs only.
    pub fn new(issuer: impl Into<String>) -> Self {
        Self {
            issuer: issuer.into(),
            limits: Limits::default(),
            leeway: TimeDelta::seconds(60),
            max_token_age: TimeDelta::hours(1),
            allow_http_urls: false,
            any_deployment: false,
            trusted_audiences: BTreeSet::new(),
        }
    }

    /// Our issuer (the expected `aud`).
    pub fn issuer(&self) -> &str {
        &self.issuer
    }

    /// Sets the limits.
    #[must_use]
    pub fn with_limits(mut self, limits: Limits) -> Self {
        self.limits = limits;
        self
    }

    /// Sets the clock leeway (default 60 s).
    #[must_use]
    pub fn with_leeway(mut self, leeway: TimeDelta) -> Self {
        self.leeway = leeway.max(TimeDelta::zero());
        self
    }

    /// Accepts `http:` URLs in content items too (for development platforms).
    #[must_use]
    pub fn allow_http_urls(mut self, allow: bool) -> Self {
        self.allow_http_urls = allow;
        self
    }

    /// DANGER: accepts any `deployment_id` instead of only the tool's registered ones (for inspection
    /// tools such as `learnwire lti verify --as platform` without `--deployment-id`).
    #[must_use]
    pub fn danger_accept_any_deployment(mut self, accept: bool) -> Self {
        self.any_deployment = accept;
        self
    }

    /// Extra audiences trusted beside our issuer (empty by default).
    #[must_use]
    pub fn with_trusted_audiences(mut self, audiences: impl IntoIterator<Item = String>) -> Self {
        self.trusted_audiences = audiences.into_iter().collect();
        self
    }

    /// Verifies `jwt` from `tool`. `data` is the `data` of the Deep Linking request this answers (the
    /// response must echo it exactly, and must carry none when the request had none).
    ///
    /// # Errors
    /// A [`DeepLinkingError`] naming the first failed check.
    pub fn verify(
        &self,
        tool: &ToolRegistration,
        jwt: &str,
        data: Option<&Value>,
        nonces: &impl NonceStore,
        now: DateTime<Utc>,
    ) -> Result<VerifiedDeepLinkingResponse, DeepLinkingError> {
        let expected = Expected {
            issuer: &tool.client_id,
            audience: &self.issuer,
            trusted_audiences: &self.trusted_audiences,
            leeway: self.leeway,
            max_age: self.max_token_age,
            now,
        };
        let check = TokenCheck {
            keys: &tool.tool_keys,
            algorithms: &tool.algorithms,
            limits: &self.limits,
            expected,
        };
        let token = verify_token(jwt, &check)?;
        let nonce = check_nonce(&token.claims, None)?.to_owned();
        let checked = check_message(token, &[MessageType::DeepLinkingResponse], false)?;
        let claims = &checked.token.claims;
        if !self.any_deployment {
            check_deployment(claims, &tool.deployment_ids)
                .map_err(|deployment_id| DeepLinkingError::UnknownDeployment { deployment_id })?;
        }
        if claims.get(names::DL_DATA) != data {
            return Err(DeepLinkingError::DataMismatch);
        }
        let items = checked.typed.content_items.clone().unwrap_or_default();
        for (index, item) in items.iter().enumerate() {
            if item.disallowed_url(self.allow_http_urls).is_some() {
                return Err(DeepLinkingError::InvalidContentItem {
                    index,
                    reason: "a URL is not https",
                });
            }
        }
        consume_once(nonces, &nonce, &checked.token, &check.expected, now)
            .map_err(DeepLinkingError::Token)?;
        Ok(VerifiedDeepLinkingResponse {
            claims: checked.token.claims,
            typed: checked.typed,
            items,
        })
    }
}

/// A Deep Linking response that passed every check. Only [`DeepLinkingResponseVerifier`] makes one.
#[derive(Clone, Debug)]
pub struct VerifiedDeepLinkingResponse {
    claims: Map<String, Value>,
    typed: MessageClaims,
    items: Vec<ContentItem>,
}

impl VerifiedDeepLinkingResponse {
    /// The content items, in order (unknown types kept as JSON).
    pub fn content_items(&self) -> &[ContentItem] {
        &self.items
    }

    /// `msg`.
    pub fn msg(&self) -> Option<&str> {
        self.typed.deep_linking_message.as_deref()
    }

    /// `log`.
    pub fn log(&self) -> Option<&str> {
        self.typed.deep_linking_log.as_deref()
    }

    /// `errormsg`.
    pub fn errormsg(&self) -> Option<&str> {
        self.typed.deep_linking_error_message.as_deref()
    }

    /// `errorlog`.
    pub fn errorlog(&self) -> Option<&str> {
        self.typed.deep_linking_error_log.as_deref()
    }

    /// The deployment id.
    pub fn deployment_id(&self) -> &str {
        self.claims
            .get(names::DEPLOYMENT_ID)
            .and_then(Value::as_str)
            .unwrap_or_default()
    }

    /// Every claim, typed.
    pub fn message(&self) -> &MessageClaims {
        &self.typed
    }

    /// Every claim as received.
    pub fn claims(&self) -> &Map<String, Value> {
        &self.claims
    }
}
