//! Tool side of a launch: verify the `id_token` a platform posts, to the letter of the 1EdTech Security
//! Framework §5.1.3, into a [`VerifiedLaunch`].

mod form;

use std::borrow::Borrow;

use aws_lc_rs::constant_time::verify_slices_are_equal;
use chrono::{DateTime, TimeDelta, Utc};
use learnwire_report::Untrusted;
use serde_json::{Map, Value};

pub use form::LaunchForm;

use crate::claims::{DeepLinkingSettings, MessageClaims, MessageType, names};
use crate::error::LaunchError;
use crate::keys::Algorithm;
use crate::limits::Limits;
use crate::login::{DEFAULT_MAX_LOGIN_AGE, LoginState, StateSealer, check_login_age};
use crate::message::{CheckedMessage, check_deployment, check_message, platform_to_tool};
use crate::nonce::NonceStore;
use crate::registration::PlatformRegistration;
use crate::token::{Expected, TokenCheck, TokenError, check_nonce, consume_once, verify_token};

/// Launch verification policy: limits, clock leeway, maximum token age, accepted message types. Secure
/// by default; nothing here can turn a check off.
///
/// # Example
///
/// ```
/// use chrono::TimeDelta;
/// use learnwire_lti::launch::LaunchVerifier;
///
/// let verifier = LaunchVerifier::new().with_leeway(TimeDelta::seconds(30));
/// assert_eq!(verifier.leeway(), TimeDelta::seconds(30));
/// ```
#[derive(Clone, Debug)]
pub struct LaunchVerifier {
    limits: Limits,
    leeway: TimeDelta,
    max_token_age: TimeDelta,
    max_login_age: TimeDelta,
    accepted: Vec<MessageType>,
    allow_anonymous: bool,
    any_deployment: bool,
}

impl Default for LaunchVerifier {
    fn default() -> Self {
        Self::new()
    }
}

impl LaunchVerifier {
    /// Default policy: [`Limits::default`], 60 s leeway, tokens at most 1 h old, login states at most
    /// 10 minutes old, the three platform-to-tool message types, `sub` required.
    pub fn new() -> Self {
        Self {
            limits: Limits::default(),
            leeway: TimeDelta::seconds(60),
            max_token_age: TimeDelta::hours(1),
            max_login_age: DEFAULT_MAX_LOGIN_AGE,
            accepted: platform_to_tool(),
            allow_anonymous: false,
            any_deployment: false,
        }
    }

    /// Sets the limits.
    #[must_use]
    pub fn with_limits(mut self, limits: Limits) -> Self {
        self.limits = limits;
        self
    }

    /// The limits.
    pub fn limits(&self) -> &Limits {
        &self.limits
    }

    /// Sets the clock leeway for `exp`, `iat` and `nbf` (default 60 s; negative values count as 0). A leeway
    /// so large that a time plus the leeway is not representable refuses every token (fail closed).
    #[must_use]
    pub fn with_leeway(mut self, leeway: TimeDelta) -> Self {
        self.leeway = leeway.max(TimeDelta::zero());
        self
    }

    /// The clock leeway.
    pub fn leeway(&self) -> TimeDelta {
        self.leeway
    }

    /// Sets how old (by `iat`) a token may be (default 1 h): the nonce retention window.
    #[must_use]
    pub fn with_max_token_age(mut self, age: TimeDelta) -> Self {
        self.max_token_age = age.max(TimeDelta::zero());
        self
    }

    /// Sets how old a login state may be when its launch arrives (default 10 minutes), measured from
    /// [`LoginState::created_at`] to `now`: exactly this age is accepted, one second more is refused
    /// (`lti.state.expired`). The same limit applies to a kept state ([`verify`](Self::verify)) and a
    /// sealed one ([`verify_sealed`](Self::verify_sealed)). A state created later than `now` plus the
    /// leeway is refused too (`lti.state.future`). Negative values count as 0.
    #[must_use]
    pub fn with_max_login_age(mut self, age: TimeDelta) -> Self {
        self.max_login_age = age.max(TimeDelta::zero());
        self
    }

    /// The maximum login state age.
    pub fn max_login_age(&self) -> TimeDelta {
        self.max_login_age
    }

    /// Sets the accepted message types (default: resource link, Deep Linking request, submission review).
    /// Accepting only the type an endpoint expects stops a Deep Linking request being replayed as a
    /// resource link launch (RFC 8725 §3.12).
    #[must_use]
    pub fn with_message_types(mut self, accepted: impl IntoIterator<Item = MessageType>) -> Self {
        self.accepted = accepted.into_iter().collect();
        self
    }

    /// Accepts launches without `sub` (anonymous launches, LTI Core 1.3 §5.3.6). Off by default.
    #[must_use]
    pub fn allow_anonymous(mut self, allow: bool) -> Self {
        self.allow_anonymous = allow;
        self
    }

    /// DANGER: accepts any `deployment_id` instead of only the registration's. For inspection tools (the
    /// `learnwire lti verify` command without `--deployment-id`); a tool serving launches must not use it.
    #[must_use]
    pub fn danger_accept_any_deployment(mut self, accept: bool) -> Self {
        self.any_deployment = accept;
        self
    }

    /// Verifies a launch: `state` first (present, equal to the kept one, in constant time), then the
    /// registration of the login's platform, found by `lookup` with the kept state's issuer and client id
    /// (the same lookup [`start_login`](crate::login::start_login) takes, so one verifier serves every
    /// platform), then the state's age (at most [`max_login_age`](Self::max_login_age) old, default 10
    /// minutes, and not created after `now` plus the leeway), then the `id_token`
    /// ([`verify_id_token`](Self::verify_id_token)), then `target_link_uri` against the login.
    ///
    /// # Errors
    /// A [`LaunchError`] naming the first failed check ([`LaunchError::UnknownRegistration`] when
    /// `lookup` finds no registration for the state's platform).
    ///
    /// # Example
    ///
    /// ```no_run
    /// # fn handle(request: http::Request<Vec<u8>>, kept: learnwire_lti::login::LoginState,
    /// #     platforms: &[learnwire_lti::PlatformRegistration]) -> Result<(), Box<dyn std::error::Error>> {
    /// use learnwire_lti::launch::{LaunchForm, LaunchVerifier};
    /// use learnwire_lti::{InMemoryNonceStore, Limits, Utc};
    ///
    /// let form = LaunchForm::from_http_request(&request, &Limits::default())?;
    /// let lookup = |iss: &str, client_id: Option<&str>| {
    ///     platforms.iter().find(|p| p.issuer == iss && client_id.is_none_or(|id| id == p.client_id))
    /// };
    /// let nonces = InMemoryNonceStore::default();
    /// let launch = LaunchVerifier::new().verify(lookup, &form, &kept, &nonces, Utc::now())?;
    /// println!("{} launched {:?}", launch.issuer(), launch.subject());
    /// # Ok(()) }
    /// ```
    pub fn verify<R: Borrow<PlatformRegistration>>(
        &self,
        lookup: impl FnOnce(&str, Option<&str>) -> Option<R>,
        form: &LaunchForm,
        state: &LoginState,
        nonces: &impl NonceStore,
        now: DateTime<Utc>,
    ) -> Result<VerifiedLaunch, LaunchError> {
        let posted = form
            .state
            .as_deref()
            .filter(|posted| !posted.is_empty())
            .ok_or(LaunchError::MissingState)?;
        if verify_slices_are_equal(posted.as_bytes(), state.state().as_bytes()).is_err() {
            return Err(LaunchError::StateMismatch);
        }
        self.verify_with_state(lookup, form, state, nonces, now)
    }

    /// Verifies a launch whose `state` parameter is a state sealed by
    /// [`start_login_sealed`](crate::login::start_login_sealed): the seal is opened once (authenticity),
    /// the registration of its platform is found by `lookup` (the state's issuer and client id), then the
    /// launch is checked as in [`verify`](Self::verify), with the same maximum login age (the verifier's,
    /// not the sealer's).
    ///
    /// # Errors
    /// A [`LaunchError`] naming the first failed check.
    pub fn verify_sealed<R: Borrow<PlatformRegistration>>(
        &self,
        lookup: impl FnOnce(&str, Option<&str>) -> Option<R>,
        form: &LaunchForm,
        sealer: &StateSealer,
        nonces: &impl NonceStore,
        now: DateTime<Utc>,
    ) -> Result<VerifiedLaunch, LaunchError> {
        let posted = form
            .state
            .as_deref()
            .filter(|posted| !posted.is_empty())
            .ok_or(LaunchError::MissingState)?;
        let state = sealer.open_authentic(posted, self.limits.max_sealed_state_bytes())?;
        self.verify_with_state(lookup, form, &state, nonces, now)
    }

    /// Verifies an `id_token` alone, with the nonce issued at login, and records the nonce as used.
    ///
    /// `platforms` is either one fixed registration (`&PlatformRegistration`) or the same lookup
    /// [`verify`](Self::verify) and [`start_login`](crate::login::start_login) take (issuer, then the
    /// client id when the token names one in `azp` or a single `aud`), so one verifier serves many
    /// platforms; see [`PlatformLookup`].
    ///
    /// # Errors
    /// A [`LaunchError`] naming the first failed check ([`LaunchError::UnknownRegistration`] when the
    /// lookup finds no registration for the token's issuer and client id).
    ///
    /// # Example
    ///
    /// ```no_run
    /// # fn handle(id_token: &str, nonce: &str, platforms: &[learnwire_lti::PlatformRegistration])
    /// #     -> Result<(), Box<dyn std::error::Error>> {
    /// use learnwire_lti::launch::LaunchVerifier;
    /// use learnwire_lti::{InMemoryNonceStore, Utc};
    /// let lookup = |iss: &str, client_id: Option<&str>| {
    ///     platforms.iter().find(|p| p.issuer == iss && client_id.is_none_or(|id| id == p.client_id))
    /// };
    /// let nonces = InMemoryNonceStore::default();
    /// let launch = LaunchVerifier::new().verify_id_token(lookup, id_token, nonce, &nonces, Utc::now())?;
    /// # Ok(()) }
    /// ```
    pub fn verify_id_token(
        &self,
        platforms: impl PlatformLookup,
        id_token: &str,
        expected_nonce: &str,
        nonces: &impl NonceStore,
        now: DateTime<Utc>,
    ) -> Result<VerifiedLaunch, LaunchError> {
        let found = platforms.find_for(id_token, &self.limits)?;
        let registration: &PlatformRegistration = found.borrow();
        let checked = self.check(registration, id_token, Some(expected_nonce), now)?;
        self.consume_nonce(registration, nonces, &checked, now)?;
        Ok(VerifiedLaunch::from_checked(checked))
    }

    /// DANGER: verifies an `id_token` without comparing or recording its nonce (it must still be
    /// present). Replay protection is then the caller's. For tools that check tokens outside a login flow,
    /// such as the `learnwire lti verify` command without `--nonce`.
    ///
    /// # Errors
    /// A [`LaunchError`] naming the first failed check.
    pub fn danger_verify_id_token_without_nonce(
        &self,
        platforms: impl PlatformLookup,
        id_token: &str,
        now: DateTime<Utc>,
    ) -> Result<VerifiedLaunch, LaunchError> {
        let found = platforms.find_for(id_token, &self.limits)?;
        self.check(found.borrow(), id_token, None, now)
            .map(VerifiedLaunch::from_checked)
    }

    fn verify_with_state<R: Borrow<PlatformRegistration>>(
        &self,
        lookup: impl FnOnce(&str, Option<&str>) -> Option<R>,
        form: &LaunchForm,
        state: &LoginState,
        nonces: &impl NonceStore,
        now: DateTime<Utc>,
    ) -> Result<VerifiedLaunch, LaunchError> {
        let found = lookup(state.issuer(), Some(state.client_id())).ok_or_else(|| {
            LaunchError::UnknownRegistration {
                issuer: Untrusted::new(state.issuer()),
                client_id: Untrusted::new(state.client_id()),
            }
        })?;
        let registration: &PlatformRegistration = found.borrow();
        if state.issuer() != registration.issuer || state.client_id() != registration.client_id {
            return Err(LaunchError::StateMismatch);
        }
        check_login_age(state, now, self.max_login_age, self.leeway)?;
        let checked = self.check(registration, &form.id_token, Some(state.nonce()), now)?;
        if let Some(target) = checked
            .token
            .claims
            .get(names::TARGET_LINK_URI)
            .and_then(Value::as_str)
            && target != state.target_link_uri()
        {
            return Err(LaunchError::TargetLinkUriMismatch {
                found: Untrusted::new(target),
            });
        }
        self.consume_nonce(registration, nonces, &checked, now)?;
        Ok(VerifiedLaunch::from_checked(checked))
    }

    /// Records the token's nonce as used until the token expires (plus the leeway).
    fn consume_nonce(
        &self,
        registration: &PlatformRegistration,
        nonces: &impl NonceStore,
        checked: &CheckedMessage,
        now: DateTime<Utc>,
    ) -> Result<(), LaunchError> {
        let nonce = checked
            .token
            .claims
            .get("nonce")
            .and_then(Value::as_str)
            .ok_or(TokenError::MissingNonce)?;
        let expected = self.expected(registration, now);
        consume_once(nonces, nonce, &checked.token, &expected, now)?;
        Ok(())
    }

    fn expected<'a>(
        &self,
        registration: &'a PlatformRegistration,
        now: DateTime<Utc>,
    ) -> Expected<'a> {
        Expected {
            issuer: &registration.issuer,
            audience: &registration.client_id,
            trusted_audiences: &registration.trusted_audiences,
            leeway: self.leeway,
            max_age: self.max_token_age,
            now,
        }
    }

    /// The signed message, its nonce (compared when given), its LTI claims, the deployment.
    fn check(
        &self,
        registration: &PlatformRegistration,
        id_token: &str,
        nonce: Option<&str>,
        now: DateTime<Utc>,
    ) -> Result<CheckedMessage, LaunchError> {
        let check = TokenCheck {
            keys: &registration.platform_keys,
            algorithms: &registration.algorithms,
            limits: &self.limits,
            expected: self.expected(registration, now),
        };
        let token = verify_token(id_token, &check)?;
        check_nonce(&token.claims, nonce)?;
        let checked = check_message(token, &self.accepted, !self.allow_anonymous)?;
        if !self.any_deployment {
            check_deployment(&checked.token.claims, &registration.deployment_ids)
                .map_err(|deployment_id| LaunchError::UnknownDeployment { deployment_id })?;
        }
        Ok(checked)
    }
}

/// Where [`LaunchVerifier::verify_id_token`] finds the registration that verifies a token: one fixed
/// registration (`&PlatformRegistration`, found without reading the token), or a lookup closure
/// `FnOnce(issuer, client_id) -> Option<R>`, the same shape [`LaunchVerifier::verify`] and
/// [`start_login`](crate::login::start_login) take. The closure gets the token's `iss` and, when the token
/// names one, its client id (`azp`, else a single `aud`); both are read before the signature is
/// checked, only to choose the keys: the registration found then verifies everything.
pub trait PlatformLookup {
    /// The registration found (a reference, an `Arc`, an owned value).
    type Found: Borrow<PlatformRegistration>;

    /// Finds the registration for `id_token`.
    ///
    /// # Errors
    /// [`LaunchError::UnknownRegistration`] when there is none; the token's own error when it cannot be
    /// read at all (size, segments, base64, JSON, header).
    fn find_for(self, id_token: &str, limits: &Limits) -> Result<Self::Found, LaunchError>;
}

impl<'a> PlatformLookup for &'a PlatformRegistration {
    type Found = &'a PlatformRegistration;

    fn find_for(self, _id_token: &str, _limits: &Limits) -> Result<Self::Found, LaunchError> {
        Ok(self)
    }
}

impl<F, R> PlatformLookup for F
where
    F: FnOnce(&str, Option<&str>) -> Option<R>,
    R: Borrow<PlatformRegistration>,
{
    type Found = R;

    fn find_for(self, id_token: &str, limits: &Limits) -> Result<R, LaunchError> {
        let claims = crate::token::unverified_claims(id_token, limits)?;
        let issuer = claims
            .get("iss")
            .and_then(Value::as_str)
            .unwrap_or_default();
        let client_id = match (claims.get("azp"), claims.get("aud")) {
            (Some(Value::String(azp)), _) => Some(azp.as_str()),
            (_, Some(Value::String(aud))) => Some(aud.as_str()),
            (_, Some(Value::Array(values))) if values.len() == 1 => {
                values.first().and_then(Value::as_str)
            }
            _ => None,
        };
        self(issuer, client_id).ok_or_else(|| LaunchError::UnknownRegistration {
            issuer: Untrusted::new(issuer),
            client_id: Untrusted::new(client_id.unwrap_or_default()),
        })
    }
}

/// A launch that passed every check. Only [`LaunchVerifier`] makes one.
#[derive(Clone, Debug)]
pub struct VerifiedLaunch {
    claims: Map<String, Value>,
    typed: MessageClaims,
    message_type: MessageType,
    kid: String,
    alg: Algorithm,
    expires_at: DateTime<Utc>,
    issued_at: DateTime<Utc>,
}

impl VerifiedLaunch {
    fn from_checked(checked: CheckedMessage) -> Self {
        let CheckedMessage {
            token,
            message_type,
            typed,
        } = checked;
        Self {
            claims: token.claims,
            typed,
            message_type,
            kid: token.kid,
            alg: token.alg,
            expires_at: token.times.expires_at,
            issued_at: token.times.issued_at,
        }
    }

    /// The message type.
    pub fn message_type(&self) -> &MessageType {
        &self.message_type
    }

    /// Every claim, typed (unknown claims in `extra`).
    pub fn message(&self) -> &MessageClaims {
        &self.typed
    }

    /// Every claim as received.
    pub fn claims(&self) -> &Map<String, Value> {
        &self.claims
    }

    /// One claim as received, by full name.
    pub fn claim(&self, name: &str) -> Option<&Value> {
        self.claims.get(name)
    }

    /// The issuer (`iss`).
    pub fn issuer(&self) -> &str {
        self.str_claim("iss")
    }

    /// The user (`sub`); `None` in an anonymous launch.
    pub fn subject(&self) -> Option<&str> {
        self.claims.get("sub").and_then(Value::as_str)
    }

    /// The deployment id.
    pub fn deployment_id(&self) -> &str {
        self.str_claim(names::DEPLOYMENT_ID)
    }

    /// `target_link_uri`, when present (always for resource link launches).
    pub fn target_link_uri(&self) -> Option<&str> {
        self.claims
            .get(names::TARGET_LINK_URI)
            .and_then(Value::as_str)
    }

    /// The role URIs, as received.
    pub fn roles(&self) -> impl Iterator<Item = &str> {
        self.claims
            .get(names::ROLES)
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .filter_map(Value::as_str)
    }

    /// The Deep Linking settings of an `LtiDeepLinkingRequest`.
    pub fn deep_linking_settings(&self) -> Option<&DeepLinkingSettings> {
        self.typed.deep_linking_settings.as_ref()
    }

    /// The `kid` of the key that signed.
    pub fn key_id(&self) -> &str {
        &self.kid
    }

    /// The algorithm that signed.
    pub fn algorithm(&self) -> Algorithm {
        self.alg
    }

    /// `exp`.
    pub fn expires_at(&self) -> DateTime<Utc> {
        self.expires_at
    }

    /// `iat`.
    pub fn issued_at(&self) -> DateTime<Utc> {
        self.issued_at
    }

    fn str_claim(&self, name: &str) -> &str {
        self.claims
            .get(name)
            .and_then(Value::as_str)
            .unwrap_or_default()
    }
}
