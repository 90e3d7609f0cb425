//! Typed builders for the messages a platform signs, which refuse to produce a message missing a
//! required claim.

use chrono::{DateTime, TimeDelta, Utc};
use learnwire_report::Code;
use serde_json::{Map, Value};
use url::Url;

use super::{CheckedAuthRequest, FormPost};
use crate::claims::{DeepLinkingSettings, MessageType, names};
use crate::codes;
use crate::keys::{KeyError, SigningKey};
use crate::login::random_token;
use crate::message::{LTI_VERSION, MessageError, check_lti_claims, check_registered_shape};
use crate::numeric_date;

/// Why a message was not signed.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum BuildError {
    /// The claims are not a valid LTI message; the inner error names the claim (and gives the code).
    #[error(transparent)]
    InvalidMessage(MessageError),
    /// Signing failed.
    #[error("{}: signing failed", self.code())]
    Sign(#[source] KeyError),
    /// The system random generator failed.
    #[error("{}: the random generator failed", self.code())]
    Random,
}

impl BuildError {
    /// A stable code: the inner check's code for an invalid message, else "lti.build.*".
    pub fn code(&self) -> Code {
        match self {
            Self::InvalidMessage(inner) => inner.code(),
            Self::Sign(_) => codes::BUILD_SIGN,
            Self::Random => codes::BUILD_RANDOM,
        }
    }
}

/// How long a signed message stays valid: 5 minutes (LTI-53: `exp - iat` at most 5 minutes).
const LIFETIME: TimeDelta = TimeDelta::minutes(5);

/// An LTI message a platform sends to a tool, built claim by claim and checked before it is signed.
///
/// # Example
///
/// ```
/// use learnwire_lti::platform::LaunchMessage;
///
/// let message = LaunchMessage::resource_link(
///     "deployment-1",
///     &url::Url::parse("https://tool.example.com/launch")?,
///     "resource-link-1",
///     ["http://purl.imsglobal.org/vocab/lis/v2/membership#Learner"],
/// )
/// .subject("user-42")
/// .claim("name", "Ada Lovelace".into());
/// assert_eq!(message.claims()["sub"], "user-42");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug, PartialEq)]
pub struct LaunchMessage {
    claims: Map<String, Value>,
}

impl LaunchMessage {
    /// An `LtiResourceLinkRequest` with its required claims.
    pub fn resource_link<R: Into<String>>(
        deployment_id: &str,
        target_link_uri: &Url,
        resource_link_id: &str,
        roles: impl IntoIterator<Item = R>,
    ) -> Self {
        Self::base(MessageType::ResourceLinkRequest, deployment_id)
            .claim(names::TARGET_LINK_URI, target_link_uri.as_str().into())
            .claim(
                names::RESOURCE_LINK,
                serde_json::json!({ "id": resource_link_id }),
            )
            .claim(names::ROLES, roles_value(roles))
    }

    /// An `LtiDeepLinkingRequest` with its settings.
    pub fn deep_linking_request(deployment_id: &str, settings: &DeepLinkingSettings) -> Self {
        let settings = serde_json::to_value(settings).unwrap_or(Value::Null);
        Self::base(MessageType::DeepLinkingRequest, deployment_id)
            .claim(names::DEEP_LINKING_SETTINGS, settings)
    }

    /// An `LtiSubmissionReviewRequest`: the reviewed line item and the learner whose submission it is.
    pub fn submission_review<R: Into<String>>(
        deployment_id: &str,
        target_link_uri: &Url,
        resource_link_id: &str,
        roles: impl IntoIterator<Item = R>,
        line_item: &Url,
        for_user_id: &str,
    ) -> Self {
        Self::base(MessageType::SubmissionReviewRequest, deployment_id)
            .claim(names::TARGET_LINK_URI, target_link_uri.as_str().into())
            .claim(
                names::RESOURCE_LINK,
                serde_json::json!({ "id": resource_link_id }),
            )
            .claim(names::ROLES, roles_value(roles))
            .claim(
                names::FOR_USER,
                serde_json::json!({ "user_id": for_user_id }),
            )
            .claim(
                names::AGS_ENDPOINT,
                serde_json::json!({ "lineitem": line_item.as_str() }),
            )
    }

    /// Sets `sub`.
    #[must_use]
    pub fn subject(self, subject: &str) -> Self {
        self.claim("sub", subject.into())
    }

    /// Sets any claim by full name (context, custom, launch_presentation, AGS, NRPS...). `iss`, `aud`,
    /// `exp`, `iat` and `nonce` are overwritten at signing.
    #[must_use]
    pub fn claim(mut self, name: &str, value: Value) -> Self {
        self.claims.insert(name.to_owned(), value);
        self
    }

    /// The claims so far.
    pub fn claims(&self) -> &Map<String, Value> {
        &self.claims
    }

    /// Signs the message for a checked authentication request: `iss` = `issuer`, `aud` = the tool's
    /// client id, the tool's `nonce`, `iat` = `now`, `exp` = `now` + 5 minutes, signed by `key` (RS256,
    /// `kid` set). The result holds the form post to the verified redirect URI.
    ///
    /// # Errors
    /// [`BuildError::InvalidMessage`] when a required claim is missing or malformed; [`BuildError::Sign`].
    pub fn sign<U>(
        &self,
        issuer: &str,
        key: &SigningKey,
        request: &CheckedAuthRequest<U>,
        now: DateTime<Utc>,
    ) -> Result<SignedMessage, BuildError> {
        let mut claims = self.claims.clone();
        claims.insert("iss".to_owned(), issuer.into());
        claims.insert("aud".to_owned(), request.client_id().into());
        claims.insert("nonce".to_owned(), request.nonce().into());
        set_times(&mut claims, now).map_err(BuildError::Sign)?;
        let id_token = sign_message(&claims, key)?;
        let mut fields = vec![("id_token".to_owned(), id_token.clone())];
        if let Some(state) = request.state() {
            fields.push(("state".to_owned(), state.to_owned()));
        }
        Ok(SignedMessage {
            token: id_token,
            form_post: FormPost::new(request.redirect_uri().clone(), fields),
        })
    }

    fn base(message_type: MessageType, deployment_id: &str) -> Self {
        let mut claims = Map::new();
        claims.insert(names::MESSAGE_TYPE.to_owned(), message_type.as_str().into());
        claims.insert(names::VERSION.to_owned(), LTI_VERSION.into());
        claims.insert(names::DEPLOYMENT_ID.to_owned(), deployment_id.into());
        Self { claims }
    }
}

/// A signed message and the form post that carries it.
#[derive(Clone, Debug)]
pub struct SignedMessage {
    token: String,
    form_post: FormPost,
}

impl SignedMessage {
    /// The compact JWT.
    pub fn token(&self) -> &str {
        &self.token
    }

    /// The auto-submitting form post to the tool.
    pub fn form_post(&self) -> &FormPost {
        &self.form_post
    }
}

/// Sets `iat` = `now` and `exp` = `now` + 5 minutes.
///
/// # Errors
/// [`KeyError::Encode`] when either time falls outside the NumericDate range every verifier accepts
/// (±10^11 seconds): never a saturated or wrapped time.
pub(crate) fn set_times(
    claims: &mut Map<String, Value>,
    now: DateTime<Utc>,
) -> Result<(), KeyError> {
    let expires = now.checked_add_signed(LIFETIME).ok_or(KeyError::Encode)?;
    let issued_at = numeric_date::from_time(now).ok_or(KeyError::Encode)?;
    let expires_at = numeric_date::from_time(expires).ok_or(KeyError::Encode)?;
    claims.insert("iat".to_owned(), issued_at.into());
    claims.insert("exp".to_owned(), expires_at.into());
    Ok(())
}

/// Checks that `claims` form a valid LTI message of any type (registered claims typed and present:
/// `iss`, `aud`, `exp`, `iat`, `nonce`; then the LTI claims of its message type, `sub` optional), then
/// signs them with `key` (RS256). A `jti` is added when absent.
///
/// # Errors
/// [`BuildError::InvalidMessage`] naming the first problem; [`BuildError::Sign`].
///
/// # Example
///
/// ```
/// use learnwire_lti::keys::SigningKey;
/// use learnwire_lti::platform::sign_message;
///
/// let key = SigningKey::generate(None)?;
/// let claims = serde_json::json!({ "iss": "https://platform.example.edu", "aud": "client-1",
///     "exp": 1_700_000_300, "iat": 1_700_000_000, "nonce": "n-1",
///     "https://purl.imsglobal.org/spec/lti/claim/message_type": "LtiResourceLinkRequest",
///     "https://purl.imsglobal.org/spec/lti/claim/version": "1.3.0" });
/// let error = sign_message(claims.as_object().unwrap(), &key).unwrap_err();
/// assert_eq!(error.code().as_str(), "lti.claim.missing"); // deployment_id
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn sign_message(claims: &Map<String, Value>, key: &SigningKey) -> Result<String, BuildError> {
    check_registered_shape(claims).map_err(BuildError::InvalidMessage)?;
    let all = [
        MessageType::ResourceLinkRequest,
        MessageType::DeepLinkingRequest,
        MessageType::SubmissionReviewRequest,
        MessageType::DeepLinkingResponse,
    ];
    check_lti_claims(claims, &all, false).map_err(BuildError::InvalidMessage)?;
    let signed = if claims.contains_key("jti") {
        key.sign_jwt(claims)
    } else {
        let mut with_jti = claims.clone();
        with_jti.insert(
            "jti".to_owned(),
            random_token().ok_or(BuildError::Random)?.into(),
        );
        key.sign_jwt(&with_jti)
    };
    signed.map_err(BuildError::Sign)
}

fn roles_value<R: Into<String>>(roles: impl IntoIterator<Item = R>) -> Value {
    Value::Array(
        roles
            .into_iter()
            .map(|role| Value::String(role.into()))
            .collect(),
    )
}
