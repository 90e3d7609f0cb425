//! `lti1p1` claim: identifiers for migrating from LTI 1.1 (LTI Core 1.3 §C, "LTI 1.1 migration").

use std::collections::BTreeMap;

use aws_lc_rs::hmac;
use base64::Engine as _;
use base64::engine::{DecodePaddingMode, GeneralPurpose, GeneralPurposeConfig};
use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::MessageClaims;

/// `https://purl.imsglobal.org/spec/lti/claim/lti1p1`: the LTI 1.1 identifiers of this launch, so a tool
/// can link 1.3 users, contexts and links to the records it kept under 1.1.
///
/// `oauth_consumer_key_sign` lets the tool check the platform knows the LTI 1.1 secret; checking it is
/// the verifier's job, this type only carries it.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Lti1p1 {
    /// `user_id`: the LTI 1.1 `user_id` when it differs from `sub`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user_id: Option<String>,
    /// `oauth_consumer_key`: the LTI 1.1 consumer key.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub oauth_consumer_key: Option<String>,
    /// `oauth_consumer_key_sign`: base64 HMAC-SHA256 over the migration base string.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub oauth_consumer_key_sign: Option<String>,
    /// `resource_link_id`: the LTI 1.1 `resource_link_id` when it differs.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resource_link_id: Option<String>,
    /// `context_id`: the LTI 1.1 `context_id` when it differs.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub context_id: Option<String>,
    /// `tool_consumer_instance_guid`: the LTI 1.1 instance GUID when it differs.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tool_consumer_instance_guid: Option<String>,
    /// Members not defined by the spec, kept verbatim.
    #[serde(flatten)]
    pub extensions: BTreeMap<String, Value>,
}

impl Lti1p1 {
    /// An empty migration claim.
    pub fn new() -> Self {
        Self::default()
    }
}

/// Why an `oauth_consumer_key_sign` could not be computed or did not verify.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum MigrationError {
    /// A claim that goes into the signed base string is absent.
    #[error("claim {claim} is needed for the LTI 1.1 migration signature and is absent")]
    MissingClaim {
        /// The missing claim (`oauth_consumer_key`, `oauth_consumer_key_sign`, `deployment_id`, `iss`,
        /// `exp` or `nonce`).
        claim: &'static str,
    },
    /// `oauth_consumer_key_sign` is not base64, or is not the HMAC of the base string under the secret.
    #[error("oauth_consumer_key_sign does not verify")]
    SignatureMismatch,
}

impl Lti1p1 {
    /// Checks `oauth_consumer_key_sign` (LTI Core 1.3 LTI 1.1 migration claim): the base64 HMAC-SHA256,
    /// keyed with the LTI 1.1 shared secret, of
    /// `oauth_consumer_key & deployment_id & iss & client_id & exp & nonce` (joined with `&`). The
    /// comparison is constant-time. `client_id` is this tool's client id (one of the `aud` values).
    ///
    /// Call it only on claims from a verified launch: it proves that the platform knows the LTI 1.1
    /// secret of `oauth_consumer_key`, which is what allows linking the 1.1 records to this deployment.
    ///
    /// # Errors
    /// [`MigrationError::MissingClaim`] when a part of the base string is absent,
    /// [`MigrationError::SignatureMismatch`] when the signature is not valid base64 or does not match.
    ///
    /// # Example
    /// ```
    /// use learnwire_lti::claims::MessageClaims;
    /// // The example of the LTI 1.3 migration guide.
    /// let claims: MessageClaims = serde_json::from_value(serde_json::json!({
    ///     "nonce": "172we8671fd8z", "iat": 1551290796, "exp": 1551290856,
    ///     "iss": "https://lmsvendor.com", "aud": "PM48OJSfGDTAzAo", "sub": "3",
    ///     "https://purl.imsglobal.org/spec/lti/claim/deployment_id": "689302",
    ///     "https://purl.imsglobal.org/spec/lti/claim/lti1p1": {
    ///         "user_id": "34212", "oauth_consumer_key": "179248902",
    ///         "oauth_consumer_key_sign": "lWd54kFo5qU7xshAna6v8BwoBm6tmUjc6GTax6+12ps="
    ///     }
    /// }))?;
    /// let migration = claims.lti1p1.as_ref().ok_or("no lti1p1 claim")?;
    /// migration.verify_consumer_key_sign(&claims, "PM48OJSfGDTAzAo", b"my-lti11-secret")?;
    /// assert!(migration.verify_consumer_key_sign(&claims, "PM48OJSfGDTAzAo", b"other").is_err());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn verify_consumer_key_sign(
        &self,
        claims: &MessageClaims,
        client_id: &str,
        secret: &[u8],
    ) -> Result<(), MigrationError> {
        let consumer_key =
            self.oauth_consumer_key
                .as_deref()
                .ok_or(MigrationError::MissingClaim {
                    claim: "oauth_consumer_key",
                })?;
        let sign = self
            .oauth_consumer_key_sign
            .as_deref()
            .ok_or(MigrationError::MissingClaim {
                claim: "oauth_consumer_key_sign",
            })?;
        let base = base_string(claims, consumer_key, client_id)?;
        let tag = SIGN_BASE64
            .decode(sign.trim())
            .map_err(|_| MigrationError::SignatureMismatch)?;
        let key = hmac::Key::new(hmac::HMAC_SHA256, secret);
        hmac::verify(&key, base.as_bytes(), &tag).map_err(|_| MigrationError::SignatureMismatch)
    }

    /// Computes `oauth_consumer_key_sign` for a platform building a launch: set
    /// `oauth_consumer_key` to the LTI 1.1 consumer key and store the result in
    /// `oauth_consumer_key_sign`. `claims` must already carry `deployment_id`, `iss`, `exp` and `nonce`.
    ///
    /// # Errors
    /// [`MigrationError::MissingClaim`] when a part of the base string is absent.
    pub fn consumer_key_sign(
        claims: &MessageClaims,
        oauth_consumer_key: &str,
        client_id: &str,
        secret: &[u8],
    ) -> Result<String, MigrationError> {
        let base = base_string(claims, oauth_consumer_key, client_id)?;
        let key = hmac::Key::new(hmac::HMAC_SHA256, secret);
        Ok(base64::engine::general_purpose::STANDARD.encode(hmac::sign(&key, base.as_bytes())))
    }
}

/// Standard base64; padding optional when reading (some platforms drop it).
const SIGN_BASE64: GeneralPurpose = GeneralPurpose::new(
    &base64::alphabet::STANDARD,
    GeneralPurposeConfig::new().with_decode_padding_mode(DecodePaddingMode::Indifferent),
);

/// `oauth_consumer_key&deployment_id&iss&client_id&exp&nonce`.
fn base_string(
    claims: &MessageClaims,
    consumer_key: &str,
    client_id: &str,
) -> Result<String, MigrationError> {
    let missing = |claim| MigrationError::MissingClaim { claim };
    let deployment_id = claims
        .deployment_id
        .as_ref()
        .ok_or(missing("deployment_id"))?;
    let issuer = claims.issuer.as_deref().ok_or(missing("iss"))?;
    let expires_at = claims.expires_at.ok_or(missing("exp"))?;
    let nonce = claims.nonce.as_deref().ok_or(missing("nonce"))?;
    Ok(format!(
        "{consumer_key}&{}&{issuer}&{client_id}&{expires_at}&{nonce}",
        deployment_id.as_str()
    ))
}
