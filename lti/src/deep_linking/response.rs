//! Tool side: the `LtiDeepLinkingResponse` (Deep Linking 2.0 §4.5), honouring the request's settings.

use chrono::{DateTime, Utc};
use serde_json::Map;
use url::Url;

use super::DeepLinkingError;
use super::content_item::ContentItem;
use crate::claims::{DeepLinkingSettings, MessageType, names};
use crate::keys::SigningKey;
use crate::launch::VerifiedLaunch;
use crate::login::random_token;
use crate::message::{LTI_VERSION, check_lti_claims};
use crate::platform::{FormPost, set_times};

/// A Deep Linking response under construction, bound to the request it answers.
///
/// Items are checked against `accept_types`, `accept_presentation_document_targets`,
/// `accept_media_types` and `accept_multiple` as they are added; the request's `data` is echoed.
#[derive(Clone, Debug)]
#[non_exhaustive]
pub struct DeepLinkingResponse {
    settings: DeepLinkingSettings,
    platform_issuer: String,
    client_id: String,
    deployment_id: String,
    items: Vec<ContentItem>,
    /// `msg`: a message for the user.
    pub msg: Option<String>,
    /// `log`: a message for the platform's log.
    pub log: Option<String>,
    /// `errormsg`: an error message for the user.
    pub errormsg: Option<String>,
    /// `errorlog`: an error message for the platform's log.
    pub errorlog: Option<String>,
}

impl DeepLinkingResponse {
    /// Starts the response to a verified Deep Linking request. `client_id` is ours at the platform (the
    /// response's `iss`); the platform's issuer becomes its `aud`.
    ///
    /// # Errors
    /// [`DeepLinkingError::NotDeepLinkingRequest`].
    pub fn for_launch(launch: &VerifiedLaunch, client_id: &str) -> Result<Self, DeepLinkingError> {
        let settings = match (launch.message_type(), launch.deep_linking_settings()) {
            (MessageType::DeepLinkingRequest, Some(settings)) => settings.clone(),
            _ => return Err(DeepLinkingError::NotDeepLinkingRequest),
        };
        Ok(Self {
            settings,
            platform_issuer: launch.issuer().to_owned(),
            client_id: client_id.to_owned(),
            deployment_id: launch.deployment_id().to_owned(),
            items: Vec::new(),
            msg: None,
            log: None,
            errormsg: None,
            errorlog: None,
        })
    }

    /// The request's settings.
    pub fn settings(&self) -> &DeepLinkingSettings {
        &self.settings
    }

    /// The items added so far.
    pub fn items(&self) -> &[ContentItem] {
        &self.items
    }

    /// Adds an item after checking it against the settings.
    ///
    /// # Errors
    /// [`DeepLinkingError::NotAccepted`] or [`DeepLinkingError::MultipleNotAccepted`].
    pub fn add_item(
        &mut self,
        item: impl Into<ContentItem>,
    ) -> Result<&mut Self, DeepLinkingError> {
        let item = item.into();
        if !self.items.is_empty() && !self.settings.accepts_multiple() {
            return Err(DeepLinkingError::MultipleNotAccepted);
        }
        item.accepts(&self.settings)
            .map_err(|reason| DeepLinkingError::NotAccepted {
                index: self.items.len(),
                reason,
            })?;
        self.items.push(item);
        Ok(self)
    }

    /// Signs the response: `iss` = client id, `aud` = platform issuer, `iat` = `now`, `exp` = `now` +
    /// 5 minutes, a fresh `nonce`, the deployment id, the items, `data` echoed, and the messages.
    ///
    /// # Errors
    /// [`DeepLinkingError::Sign`], [`DeepLinkingError::Serialize`] or [`DeepLinkingError::Random`].
    pub fn sign(
        &self,
        key: &SigningKey,
        now: DateTime<Utc>,
    ) -> Result<SignedDeepLinkingResponse, DeepLinkingError> {
        let mut claims = Map::new();
        claims.insert("iss".to_owned(), self.client_id.as_str().into());
        claims.insert("aud".to_owned(), self.platform_issuer.as_str().into());
        claims.insert(
            "nonce".to_owned(),
            random_token().ok_or(DeepLinkingError::Random)?.into(),
        );
        claims.insert(
            "jti".to_owned(),
            random_token().ok_or(DeepLinkingError::Random)?.into(),
        );
        set_times(&mut claims, now).map_err(DeepLinkingError::Sign)?;
        claims.insert(
            names::MESSAGE_TYPE.to_owned(),
            MessageType::DeepLinkingResponse.as_str().into(),
        );
        claims.insert(names::VERSION.to_owned(), LTI_VERSION.into());
        claims.insert(
            names::DEPLOYMENT_ID.to_owned(),
            self.deployment_id.as_str().into(),
        );
        let items = serde_json::to_value(&self.items).map_err(|_| DeepLinkingError::Serialize)?;
        claims.insert(names::CONTENT_ITEMS.to_owned(), items);
        if let Some(data) = &self.settings.data {
            claims.insert(names::DL_DATA.to_owned(), data.clone());
        }
        for (name, value) in [
            (names::DL_MSG, &self.msg),
            (names::DL_LOG, &self.log),
            (names::DL_ERRORMSG, &self.errormsg),
            (names::DL_ERRORLOG, &self.errorlog),
        ] {
            if let Some(text) = value {
                claims.insert(name.to_owned(), text.as_str().into());
            }
        }
        // Our own output must pass our own checks.
        check_lti_claims(&claims, &[MessageType::DeepLinkingResponse], false)
            .map_err(|_| DeepLinkingError::Serialize)?;
        let jwt = key.sign_jwt(&claims).map_err(DeepLinkingError::Sign)?;
        let return_url = self.settings.deep_link_return_url.clone();
        Ok(SignedDeepLinkingResponse { jwt, return_url })
    }
}

/// A signed Deep Linking response and where it goes.
#[derive(Clone, Debug)]
pub struct SignedDeepLinkingResponse {
    jwt: String,
    return_url: Url,
}

impl SignedDeepLinkingResponse {
    /// The compact JWT.
    pub fn jwt(&self) -> &str {
        &self.jwt
    }

    /// The request's `deep_link_return_url`.
    pub fn return_url(&self) -> &Url {
        &self.return_url
    }

    /// The auto-submitting form post (field `JWT`) to the return URL.
    pub fn form_post(&self) -> FormPost {
        FormPost::new(
            self.return_url.clone(),
            vec![("JWT".to_owned(), self.jwt.clone())],
        )
    }
}
