//! Platform side: what a platform knows about a tool registered with it ([`ToolRegistration`]).

use std::collections::BTreeSet;
use std::sync::Arc;

use url::Url;

use crate::keys::{Algorithm, KeySet};
use crate::service_token::ScopeSet;

/// Platform side: a tool registered with the platform, as the platform keeps it, keyed by `client_id`.
/// The tool side's record of a platform is [`PlatformRegistration`](crate::PlatformRegistration).
#[derive(Clone, Debug)]
#[non_exhaustive]
pub struct ToolRegistration {
    /// The tool's client id.
    pub client_id: String,
    /// The tool's registered redirect URIs, compared as exact strings (no normalisation, no prefixes).
    pub redirect_uris: Vec<String>,
    /// Deployments of the tool.
    pub deployment_ids: BTreeSet<String>,
    /// The tool's public keys (for Deep Linking responses).
    pub tool_keys: Arc<KeySet>,
    /// Algorithms accepted from the tool (RS256 by default).
    pub algorithms: Vec<Algorithm>,
    /// The tool's OIDC login initiation URL.
    pub login_initiation_url: Option<Url>,
    /// The OAuth scopes the tool may be granted at the token endpoint (AGS, NRPS); a token request is
    /// granted the requested scopes that are in this set, and refused when none is. Empty by default.
    pub scopes: ScopeSet,
}

impl ToolRegistration {
    /// A registration with RS256, no deployments, no scopes and no login initiation URL yet.
    pub fn new(
        client_id: impl Into<String>,
        redirect_uris: Vec<String>,
        tool_keys: Arc<KeySet>,
    ) -> Self {
        Self {
            client_id: client_id.into(),
            redirect_uris,
            deployment_ids: BTreeSet::new(),
            tool_keys,
            algorithms: vec![Algorithm::Rs256],
            login_initiation_url: None,
            scopes: ScopeSet::new(),
        }
    }
}
