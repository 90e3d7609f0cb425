//! Tool side: what a tool knows about a platform it is registered with ([`PlatformRegistration`]). The
//! platform side's record of a tool is [`ToolRegistration`](crate::platform::ToolRegistration).

use std::collections::BTreeSet;
use std::sync::Arc;

use url::Url;

use crate::keys::{Algorithm, KeySet};

/// Tool side: a platform the tool is registered with, as the tool keeps it, keyed by `(issuer,
/// client_id)` (one issuer can hold many client ids: Canvas Cloud uses one issuer for every customer).
/// Login ([`start_login`](crate::login::start_login)) and launch verification
/// ([`LaunchVerifier::verify`](crate::launch::LaunchVerifier::verify)) find it through the same lookup.
/// (It was called `Registration`; the platform side's record of a tool is
/// [`ToolRegistration`](crate::platform::ToolRegistration).)
///
/// # Example
///
/// ```
/// use std::sync::Arc;
/// use learnwire_lti::PlatformRegistration;
/// use learnwire_lti::keys::KeySet;
/// use url::Url;
///
/// let mut registration = PlatformRegistration::new(
///     "https://platform.example.edu",
///     "tool-client-1",
///     Url::parse("https://platform.example.edu/auth")?,
///     Url::parse("https://tool.example.com/launch")?,
///     Arc::new(KeySet::default()),
/// );
/// registration.deployment_ids.insert("deployment-1".to_owned());
/// assert!(registration.accepts_target_link_uri(&Url::parse("https://tool.example.com/lesson/4")?));
/// assert!(!registration.accepts_target_link_uri(&Url::parse("https://evil.example/launch")?));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug)]
#[non_exhaustive]
pub struct PlatformRegistration {
    /// The platform's issuer (`iss`), compared byte for byte.
    pub issuer: String,
    /// Our client id at the platform (the expected `aud`).
    pub client_id: String,
    /// The platform's OIDC authorization endpoint (where the authentication request goes).
    pub authorization_endpoint: Url,
    /// Our launch URL (`redirect_uri`), where the platform posts the `id_token`.
    pub redirect_uri: Url,
    /// The platform's public keys.
    pub platform_keys: Arc<KeySet>,
    /// Deployment ids registered for this issuer and client.
    pub deployment_ids: BTreeSet<String>,
    /// Algorithms accepted in the header (RS256 by default).
    pub algorithms: Vec<Algorithm>,
    /// Extra audiences trusted beside our client id (empty by default; OIDC Core §3.1.3.7 step 3).
    pub trusted_audiences: BTreeSet<String>,
    /// Extra URLs whose origin may appear as `target_link_uri` (the `redirect_uri` origin always may).
    pub target_link_uris: Vec<Url>,
}

impl PlatformRegistration {
    /// A registration with no deployment ids yet, RS256 only, no extra audiences.
    pub fn new(
        issuer: impl Into<String>,
        client_id: impl Into<String>,
        authorization_endpoint: Url,
        redirect_uri: Url,
        platform_keys: Arc<KeySet>,
    ) -> Self {
        Self {
            issuer: issuer.into(),
            client_id: client_id.into(),
            authorization_endpoint,
            redirect_uri,
            platform_keys,
            deployment_ids: BTreeSet::new(),
            algorithms: vec![Algorithm::Rs256],
            trusted_audiences: BTreeSet::new(),
            target_link_uris: Vec::new(),
        }
    }

    /// True when `uri` has the origin (scheme, host, port) of `redirect_uri` or of one of
    /// `target_link_uris`: a login initiation may only send the user to our own sites.
    pub fn accepts_target_link_uri(&self, uri: &Url) -> bool {
        let origin = uri.origin();
        origin.is_tuple()
            && std::iter::once(&self.redirect_uri)
                .chain(&self.target_link_uris)
                .any(|allowed| allowed.origin() == origin)
    }
}
