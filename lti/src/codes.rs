//! The registry of every stable code this crate emits: the `code()` of its errors and the rules of its
//! reports. Each code is written here once, as a constant, with its severity, a one-line summary and
//! the spec section or rule behind it; [`CODES`] lists them all. Codes are never renamed or reused.

use learnwire_report::{Code, CodeInfo};

/// Declares each code as a crate-private constant and lists them all in [`CODES`], so the list and the
/// constants the errors return can never drift apart.
macro_rules! registry {
    ($($name:ident = $severity:ident($code:literal, $summary:literal, $reference:literal);)*) => {
        $(pub(crate) const $name: Code = Code::new($code);)*

        /// Every code this crate can emit, in the `code()` of its errors ([`LaunchError`](crate::LaunchError),
        /// [`TokenError`](crate::TokenError), [`MessageError`](crate::MessageError),
        /// [`DeepLinkingError`](crate::deep_linking::DeepLinkingError),
        /// [`ClientAssertionError`](crate::platform::ClientAssertionError),
        /// [`BuildError`](crate::platform::BuildError), [`LoginError`](crate::login::LoginError),
        /// [`AuthRequestError`](crate::platform::AuthRequestError),
        /// [`KeySetError`](crate::keys::KeySetError), [`KeyError`](crate::keys::KeyError)) and in the
        /// reports of
        /// [`validate_message_claims`](crate::claims::validate_message_claims), each with its severity
        /// (the strictest reading), a summary and the spec section or security catalogue rule.
        ///
        /// # Example
        ///
        /// ```
        /// use learnwire_lti::{CODES, find_code};
        ///
        /// let expired = find_code(CODES, "lti.claim.exp").unwrap();
        /// assert!(expired.reference.contains("OIDC Core"));
        /// assert!(CODES.iter().all(|info| info.code.family() == "lti"));
        /// ```
        pub const CODES: &[CodeInfo] = &[$(CodeInfo::$severity($code, $summary, $reference),)*];
    };
}

registry! {
    // The launch form and the login state (tool side).
    FORM_TOKEN_MISSING = error("lti.form.token-missing", "the form has no id_token (or, for a Deep Linking response, no JWT)", "1EdTech Security Framework §5.1.1.3; Deep Linking 2.0 §4.5");
    FORM_MALFORMED = error("lti.form.malformed", "the form is larger than the limit or repeats a field", "1EdTech Security Framework §5.1.1.3; Learnwire security catalogue LTI-44");
    STATE_MISSING = error("lti.state.missing", "the launch has no state", "1EdTech Security Framework §5.1.1.3; OIDC Core §3.1.2.5");
    STATE_MISMATCH = error("lti.state.mismatch", "state differs from the one issued at login, or the login was for another issuer or client", "1EdTech Security Framework §5.1.1.3; OIDC Core §3.1.2.7");
    STATE_SEALED_INVALID = error("lti.state.sealed-invalid", "a sealed state is forged, altered or malformed", "1EdTech Security Framework §5.1.1.3; RFC 6749 §10.12");
    STATE_EXPIRED = error("lti.state.expired", "the login state is older than the maximum login age", "1EdTech Security Framework §5.1.1.3");
    STATE_FUTURE = error("lti.state.future", "the login state was created after now plus the leeway", "1EdTech Security Framework §5.1.1.3");
    REGISTRATION_UNKNOWN = error("lti.registration.unknown", "no registration for the login state's issuer and client id", "1EdTech Security Framework §5.1.1.3; LTI Core 1.3 §3.1.3");
    DEPLOYMENT_UNKNOWN = error("lti.deployment.unknown", "deployment_id is not registered for this issuer and client", "LTI Core 1.3 §5.3.3");
    TARGET_LINK_URI = error("lti.target-link-uri", "target_link_uri differs from the login initiation's", "1EdTech Security Framework §5.1.1.1; LTI Core 1.3 §5.3.4");
    // The signed message (every LTI JWT).
    TOKEN_TOO_LARGE = error("lti.token.too-large", "token longer than the limit", "RFC 8725 §3.12; Learnwire security catalogue LTI-44");
    TOKEN_SEGMENTS = error("lti.token.segments", "not a compact JWS of three segments (JWE, JSON serialization)", "RFC 7515 §7.1; RFC 7519 §7.2 step 1");
    TOKEN_BASE64 = error("lti.token.base64", "a segment is not canonical unpadded base64url", "RFC 7515 §2, §7.1");
    TOKEN_JSON = error("lti.token.json", "header or payload is not valid JSON", "RFC 7519 §7.2 steps 3, 10; RFC 8259");
    TOKEN_NOT_OBJECT = error("lti.token.not-object", "header or payload is JSON but not an object", "RFC 7519 §7.2 steps 4, 10");
    TOKEN_TOO_DEEP = error("lti.token.too-deep", "header or payload nests deeper than the limit", "Learnwire security catalogue LTI-45; RFC 8259 §9");
    TOKEN_DUPLICATE_MEMBER = error("lti.token.duplicate-member", "header or payload repeats a member", "RFC 7515 §5.2 step 4; RFC 7519 §4");
    TOKEN_REFUSED = error("lti.token.refused", "refused by the JOSE layer for a reason without an LTI code of its own", "RFC 7515 §5.2");
    HEADER_ALG_NONE = error("lti.header.alg-none", "alg none (any case): unsecured JWT", "RFC 8725 §3.1; 1EdTech Security Framework §5.1.3");
    HEADER_ALG_NOT_ALLOWED = error("lti.header.alg-not-allowed", "alg missing, HMAC or not in the registration's allow-list", "1EdTech Security Framework §5.1.3, §6.1; RFC 8725 §3.1");
    HEADER_KID_MISSING = error("lti.header.kid-missing", "the header has no kid", "1EdTech Security Framework §6.3");
    HEADER_EMBEDDED_KEY = error("lti.header.embedded-key", "the header carries a key or key location (jwk, jku, x5u, x5c)", "RFC 8725 §3.10; RFC 7515 §4.1.2-§4.1.6");
    HEADER_CRIT = error("lti.header.crit", "crit lists an extension not understood, or b64 is not true", "RFC 7515 §4.1.11; RFC 7797 §3");
    HEADER_NESTED_JWT = error("lti.header.nested-jwt", "cty JWT: a nested token, never unwrapped", "RFC 7519 §5.2, §7.2 step 8");
    HEADER_INVALID_MEMBER = error("lti.header.invalid-member", "a header member has the wrong JSON type", "RFC 7515 §4.1");
    KEY_UNKNOWN_KID = error("lti.key.unknown-kid", "no key with the token's kid in the key set", "1EdTech Security Framework §6.3; RFC 7515 §4.1.4");
    KEY_REJECTED = error("lti.key.rejected", "the key named by kid cannot verify this token (type, use, key_ops, alg, size, exponent, encoding)", "RFC 7517 §4; RFC 7518 §3.3, §6.3.1");
    SIGNATURE_INVALID = error("lti.signature.invalid", "the signature does not verify (empty, wrong length, wrong key, altered token)", "OIDC Core §3.1.3.7 step 6; RFC 7515 §5.2 step 8");
    CLAIM_MISSING = error("lti.claim.missing", "a claim the message requires is absent", "LTI Core 1.3 §5.3; 1EdTech Security Framework §5.1.2; see claims::rules");
    CLAIM_TYPE = error("lti.claim.type", "a claim has the wrong JSON type or range", "LTI Core 1.3 §5.3-§5.4; RFC 7519 §2 (NumericDate); see claims::rules");
    CLAIM_ISS = error("lti.claim.iss", "iss is not the expected issuer", "OIDC Core §3.1.3.7 step 2; 1EdTech Security Framework §5.1.3");
    CLAIM_AUD = error("lti.claim.aud", "aud does not contain the expected audience", "OIDC Core §3.1.3.7 step 3; 1EdTech Security Framework §5.1.3");
    CLAIM_AUD_UNTRUSTED = error("lti.claim.aud-untrusted", "aud contains an audience that is not trusted", "OIDC Core §3.1.3.7 step 3");
    CLAIM_AZP_MISSING = error("lti.claim.azp-missing", "aud has several values and no azp", "OIDC Core §3.1.3.7 step 4");
    CLAIM_AZP = error("lti.claim.azp", "azp is not the expected audience", "OIDC Core §3.1.3.7 step 5");
    CLAIM_EXP = error("lti.claim.exp", "the token expired (exp, with leeway)", "OIDC Core §3.1.3.7 step 9; RFC 7519 §4.1.4");
    CLAIM_IAT_FUTURE = error("lti.claim.iat-future", "iat is in the future (beyond the leeway)", "OIDC Core §3.1.3.7 step 10; RFC 7519 §4.1.6");
    CLAIM_IAT_TOO_OLD = error("lti.claim.iat-too-old", "iat is older than the maximum token age", "OIDC Core §3.1.3.7 step 10; 1EdTech Security Framework §5.1.3");
    CLAIM_NBF = error("lti.claim.nbf", "nbf is in the future (beyond the leeway)", "RFC 7519 §4.1.5");
    NONCE_MISSING = error("lti.nonce.missing", "the token has no nonce", "OIDC Core §3.1.3.7 step 11; 1EdTech Security Framework §5.1.3");
    NONCE_MISMATCH = error("lti.nonce.mismatch", "nonce differs from the one issued at login", "OIDC Core §3.1.3.7 step 11");
    NONCE_REPLAYED = error("lti.nonce.replayed", "nonce (or client assertion jti) already used", "1EdTech Security Framework §5.1.3; RFC 7523 §3 item 7");
    NONCE_STORE = error("lti.nonce.store", "the nonce store could not record the nonce (fail closed)", "1EdTech Security Framework §5.1.3");
    // The LTI message.
    MESSAGE_TYPE = error("lti.message-type", "message_type unknown or not accepted here", "LTI Core 1.3 §5.3.1; RFC 8725 §3.12");
    VERSION = error("lti.version", "version is not 1.3.0", "LTI Core 1.3 §5.3.2");
    CLAIM_INVALID = error("lti.claim.invalid", "a claim does not read as its LTI type", "LTI Core 1.3 §5.3-§5.4; Deep Linking 2.0 §4.4-§4.5");
    // Client assertions (platform side).
    CLAIM_SUB = error("lti.claim.sub", "a client assertion's sub is not its client id", "RFC 7523 §3 item 2; 1EdTech Security Framework §4.1.1");
    CLAIM_LIFETIME = error("lti.claim.lifetime", "a client assertion lives longer than 5 minutes", "1EdTech Security Framework §4.1.1; Learnwire security catalogue LTI-48");
    // Deep Linking.
    DL_NOT_A_REQUEST = error("lti.deep-linking.not-a-request", "the launch is not an LtiDeepLinkingRequest", "Deep Linking 2.0 §4.4");
    DL_NOT_ACCEPTED = error("lti.deep-linking.not-accepted", "a content item is not accepted by the request's settings", "Deep Linking 2.0 §4.4.1");
    DL_MULTIPLE = error("lti.deep-linking.multiple", "a second item while the request accepts one", "Deep Linking 2.0 §4.4.1 (accept_multiple)");
    DL_SERIALIZE = error("lti.deep-linking.serialize", "a content item could not be serialised", "Deep Linking 2.0 §4.5.1");
    DL_SIGN = error("lti.deep-linking.sign", "signing the response failed", "Deep Linking 2.0 §4.5; 1EdTech Security Framework §5.2");
    DL_RANDOM = error("lti.deep-linking.random", "the random generator failed", "1EdTech Security Framework §5.2");
    DL_DATA = error("lti.deep-linking.data", "the response does not echo the request's data", "Deep Linking 2.0 §4.5.2");
    DL_CONTENT_ITEM = error("lti.deep-linking.content-item", "a content item of a response is not acceptable (URL not https)", "Deep Linking 2.0 §3; Learnwire security catalogue LTI-47");
    DL_ACCEPT_EMPTY = error("lti.deep-linking.accept-empty", "accept_types or accept_presentation_document_targets is empty", "Deep Linking 2.0 §4.4.1");
    DL_ITEM_INVALID = error("lti.deep-linking.item-invalid", "a content item does not read as its type", "Deep Linking 2.0 §3");
    DL_UNSAFE_URL = error("lti.deep-linking.unsafe-url", "a content item URL is not https", "Deep Linking 2.0 §3; Learnwire security catalogue LTI-47");
    DL_SCORE_MAXIMUM = error("lti.deep-linking.score-maximum", "a line item's scoreMaximum is not greater than zero", "Deep Linking 2.0 §3.1 (lineItem); AGS 2.0 §3.2.7");
    // Report rules of validate_message_claims.
    CLAIM_NOT_OBJECT = error("lti.claim.not-object", "the message payload is not a JSON object", "RFC 7519 §7.2 step 10");
    CLAIM_MESSAGE_TYPE_UNKNOWN = warning("lti.claim.message-type-unknown", "message_type is not one this crate knows", "LTI Core 1.3 §5.3.1");
    CLAIM_INSECURE_URL = warning("lti.claim.insecure-url", "a service or launch URL uses http:", "1EdTech Security Framework §3 (TLS)");
    CLAIM_DEPRECATED_FORM = warning("lti.claim.deprecated-form", "a role or context type uses a deprecated spelling", "LTI Core 1.3 §A.2, §A.1");
    ROLES_UNKNOWN_LIS_ROLE = warning("lti.roles.unknown-lis-role", "a role in the LIS namespace that is not in its vocabulary", "LTI Core 1.3 §A.2");
    // Platform builders.
    BUILD_SIGN = error("lti.build.sign", "signing a message failed, or a signing time is outside the NumericDate range", "1EdTech Security Framework §5.1.2; RFC 7519 §2");
    BUILD_RANDOM = error("lti.build.random", "the random generator failed", "1EdTech Security Framework §5.1.2 (jti)");
    // Login initiation (tool side).
    LOGIN_TOO_LARGE = error("lti.login.too-large", "the login initiation is larger than the limit", "1EdTech Security Framework §5.1.1.1; Learnwire security catalogue LTI-44");
    LOGIN_MALFORMED = error("lti.login.malformed", "the login initiation is neither a GET query nor a POST form", "1EdTech Security Framework §5.1.1.1");
    LOGIN_DUPLICATE_PARAMETER = error("lti.login.duplicate-parameter", "a login parameter appears twice", "1EdTech Security Framework §5.1.1.1");
    LOGIN_MISSING_PARAMETER = error("lti.login.missing-parameter", "iss, login_hint or target_link_uri is missing", "1EdTech Security Framework §5.1.1.1");
    LOGIN_UNKNOWN_ISSUER = error("lti.login.unknown-issuer", "no registration for this issuer (and client id)", "1EdTech Security Framework §5.1.1.1");
    LOGIN_CLIENT_ID_MISMATCH = error("lti.login.client-id-mismatch", "client_id differs from the registration's", "1EdTech Security Framework §5.1.1.1");
    LOGIN_UNTRUSTED_TARGET_LINK_URI = error("lti.login.untrusted-target-link-uri", "target_link_uri is not on one of the tool's origins", "1EdTech Security Framework §5.1.1.1; RFC 6749 §10.15 (open redirect)");
    LOGIN_UNKNOWN_DEPLOYMENT = error("lti.login.unknown-deployment", "lti_deployment_id is not registered", "1EdTech Security Framework §5.1.1.1; LTI Core 1.3 §5.3.3");
    LOGIN_RANDOM = error("lti.login.random", "the random generator failed", "1EdTech Security Framework §5.1.1.2 (state, nonce)");
    LOGIN_SEAL_KEY = error("lti.login.seal-key", "a state sealing key is shorter than 32 bytes (API misuse)", "1EdTech Security Framework §5.1.1.2; RFC 2104 §3");
    LOGIN_SEAL = error("lti.login.seal", "the login state could not be sealed", "1EdTech Security Framework §5.1.1.2");
    // Authentication request (platform side).
    AUTH_TOO_LARGE = error("lti.auth-request.too-large", "the authentication request is larger than the limit", "1EdTech Security Framework §5.1.1.2; Learnwire security catalogue LTI-44");
    AUTH_DUPLICATE_PARAMETER = error("lti.auth-request.duplicate-parameter", "a parameter appears twice", "1EdTech Security Framework §5.1.1.2");
    AUTH_MISSING_PARAMETER = error("lti.auth-request.missing-parameter", "a required parameter is missing or empty", "1EdTech Security Framework §5.1.1.2; OIDC Core §3.1.2.1");
    AUTH_UNKNOWN_CLIENT = error("lti.auth-request.unknown-client", "no tool has this client_id", "1EdTech Security Framework §5.1.1.2; OIDC Core §3.1.2.2");
    AUTH_REDIRECT_URI = error("lti.auth-request.redirect-uri", "redirect_uri is not exactly a registered one", "1EdTech Security Framework §5.1.1.2; OIDC Core §3.1.2.1");
    AUTH_INVALID_PARAMETER = error("lti.auth-request.invalid-parameter", "response_type, scope, response_mode or prompt is not the LTI value", "1EdTech Security Framework §5.1.1.2");
    AUTH_LOGIN_HINT = error("lti.auth-request.login-hint", "login_hint does not resolve to a user of the session", "1EdTech Security Framework §5.1.1.2");
    // Our signing keys.
    SIGNING_KEY_GENERATE = error("lti.signing-key.generate", "RSA key generation failed or the size is not 2048, 3072, 4096 or 8192", "RFC 7518 §3.3");
    SIGNING_KEY_PEM = error("lti.signing-key.pem", "the private key is not a PEM document", "RFC 7468 §2");
    SIGNING_KEY_PEM_LABEL = error("lti.signing-key.pem-label", "the PEM block is not a PKCS#8 or PKCS#1 private key", "RFC 7468 §10, §11");
    SIGNING_KEY_REJECTED = error("lti.signing-key.rejected", "the private key is refused: not RSA, malformed, inconsistent, 2048-8192 bits, e = 65537", "RFC 5208 §5; RFC 8017 §A.1.2; RFC 7518 §3.3");
    SIGNING_KEY_KID = error("lti.signing-key.kid", "a key id is empty, longer than 256 bytes or not visible ASCII", "RFC 7517 §4.5");
    SIGNING_KEY_ENCODE = error("lti.signing-key.encode", "the key or the claims could not be encoded, or a signing time is outside the NumericDate range", "RFC 5208 §5; RFC 7519 §2");
    SIGNING_KEY_SIGN = error("lti.signing-key.sign", "the signing operation failed", "RFC 7515 §5.1");
    // Key sets.
    JWKS_TOO_LARGE = error("lti.jwks.too-large", "the JWKS is larger than the limit", "Learnwire security catalogue LTI-52");
    JWKS_JSON = error("lti.jwks.json", "the JWKS is not strict JSON (syntax, depth, duplicate members)", "RFC 7517 §5; RFC 8259 §4");
    JWKS_SHAPE = error("lti.jwks.shape", "the JWKS is not an object with a keys array of objects", "RFC 7517 §5");
    JWKS_TOO_MANY_KEYS = error("lti.jwks.too-many-keys", "the JWKS has more keys than the limit", "Learnwire security catalogue LTI-52");
    JWKS_MALFORMED_KEY = error("lti.jwks.malformed-key", "a key without kty, with a member of the wrong type, or not RSA without kid", "RFC 7517 §4, §5");
    JWKS_PRIVATE_MATERIAL = error("lti.jwks.private-material", "a key has private members or is symmetric", "RFC 7518 §6.3.2, §6.4; Learnwire security catalogue LTI-20");
    JWKS_DUPLICATE_KID = error("lti.jwks.duplicate-kid", "two keys share a kid", "RFC 7517 §4.5; Learnwire security catalogue LTI-22");
    // Service access tokens (tool and platform sides).
    SCOPE_INVALID = error("lti.scope.invalid", "a scope is not an RFC 6749 scope-token, or a scope list is not tokens separated by single spaces", "RFC 6749 §3.3");
    TOKEN_REQUEST_BUILD = error("lti.token-request.build", "the token request could not be assembled from the token endpoint URL", "RFC 6749 §4.4.2");
    TOKEN_REQUEST_MALFORMED = error("lti.token-request.malformed", "the token request is not a POST form, is larger than the limit or repeats a parameter", "RFC 6749 §3.2, §4.4.2, §5.2 (invalid_request)");
    TOKEN_REQUEST_MISSING_PARAMETER = error("lti.token-request.missing-parameter", "grant_type, client_assertion_type, client_assertion or scope is missing", "RFC 6749 §4.4.2; RFC 7523 §2.2; 1EdTech Security Framework §4.1");
    TOKEN_REQUEST_GRANT_TYPE = error("lti.token-request.grant-type", "grant_type is not client_credentials", "RFC 6749 §4.4.2, §5.2 (unsupported_grant_type)");
    TOKEN_REQUEST_ASSERTION_TYPE = error("lti.token-request.assertion-type", "client_assertion_type is not the JWT bearer type", "RFC 7523 §2.2; 1EdTech Security Framework §4.1");
    TOKEN_REQUEST_UNKNOWN_CLIENT = error("lti.token-request.unknown-client", "no tool is registered with the assertion's client id", "RFC 7523 §3 item 1; RFC 6749 §5.2 (invalid_client)");
    TOKEN_REQUEST_SCOPE_NOT_GRANTED = error("lti.token-request.scope-not-granted", "none of the requested scopes is registered for the tool", "RFC 6749 §3.3, §5.2 (invalid_scope); 1EdTech Security Framework §4.1");
    TOKEN_REQUEST_ISSUE = error("lti.token-request.issue", "the access token could not be issued (random generator or signing)", "RFC 6749 §5.1");
    TOKEN_RESPONSE_TOO_LARGE = error("lti.token-response.too-large", "the token response is larger than the limit", "Learnwire security catalogue LTI-44 (bounded input)");
    TOKEN_RESPONSE_REFUSED = error("lti.token-response.refused", "the platform refused the token request with an RFC 6749 error", "RFC 6749 §5.2");
    TOKEN_RESPONSE_STATUS = error("lti.token-response.status", "the token endpoint answered another status than 200 without an RFC 6749 error", "RFC 6749 §5.1, §5.2");
    TOKEN_RESPONSE_JSON = error("lti.token-response.json", "the token response is not a strict JSON object", "RFC 6749 §5.1; RFC 8259 §4");
    TOKEN_RESPONSE_ACCESS_TOKEN = error("lti.token-response.access-token", "access_token is missing, empty or not an RFC 6750 b64token", "RFC 6749 §5.1; RFC 6750 §2.1");
    TOKEN_RESPONSE_TOKEN_TYPE = error("lti.token-response.token-type", "token_type is missing or not Bearer", "RFC 6749 §5.1, §7.1; RFC 6750 §4");
    TOKEN_RESPONSE_EXPIRES_IN = error("lti.token-response.expires-in", "expires_in is missing (no default configured) or not seconds from 0 to 10 years", "RFC 6749 §5.1");
    TOKEN_RESPONSE_SCOPE = error("lti.token-response.scope", "the granted scope is not an RFC 6749 scope list", "RFC 6749 §3.3, §5.1");
    ACCESS_TOKEN_MISSING = error("lti.access-token.missing", "the service request has no Authorization header", "RFC 6750 §2.1, §3.1");
    ACCESS_TOKEN_MALFORMED = error("lti.access-token.malformed", "the Authorization header is not one Bearer b64token, or is too long", "RFC 6750 §2.1, §3.1 (invalid_request)");
    ACCESS_TOKEN_UNKNOWN = error("lti.access-token.unknown", "the access token was not issued by this platform", "RFC 6750 §3.1 (invalid_token)");
    ACCESS_TOKEN_EXPIRED = error("lti.access-token.expired", "the access token expired", "RFC 6750 §3.1 (invalid_token); RFC 6749 §5.1");
    ACCESS_TOKEN_INVALID = error("lti.access-token.invalid", "a JWT access token does not verify (signature, issuer, audience, claims)", "RFC 6750 §3.1 (invalid_token); RFC 9068 §4");
    ACCESS_TOKEN_TYP = error("lti.access-token.typ", "a JWT access token's typ header is not at+jwt (nor JWT, written by this crate before)", "RFC 9068 §2.1, §4; RFC 8725 §3.11 (explicit typing)");
    ACCESS_TOKEN_SCOPE = error("lti.access-token.scope", "the access token does not grant the scope the endpoint requires", "RFC 6750 §3.1 (insufficient_scope); AGS 2.0 §3.1; NRPS 2.0");
    ACCESS_TOKEN_STORE = error("lti.access-token.store", "the access token store could not record or find a token (fail closed)", "RFC 6750 §3.1");
    // Dynamic Registration (both sides).
    DR_INITIATION = error("lti.dynamic-registration.initiation", "the registration initiation has no https openid_configuration, repeats a parameter or is too large", "LTI Dynamic Registration 1.0 §3.3");
    DR_HTTP = error("lti.dynamic-registration.http", "a registration request is not a POST of application/json, or its Authorization is not one Bearer token", "LTI Dynamic Registration 1.0 §3.6; RFC 7591 §3.1");
    DR_STATUS = error("lti.dynamic-registration.status", "the platform answered with a status that is not a success", "LTI Dynamic Registration 1.0 §3.4, §3.6.2");
    DR_BUILD = error("lti.dynamic-registration.build", "a request could not be assembled (URL or token not usable in HTTP)", "LTI Dynamic Registration 1.0 §3.4, §3.6");
    DR_JSON = error("lti.dynamic-registration.json", "the document is larger than the limit or not a strict JSON object", "LTI Dynamic Registration 1.0 §3.5, §3.6; RFC 8259 §4");
    DR_MISSING = error("lti.dynamic-registration.missing", "a required member is missing or empty", "LTI Dynamic Registration 1.0 §3.5.2, §3.6.1, §3.6.2");
    DR_TYPE = error("lti.dynamic-registration.type", "a member has the wrong JSON type", "LTI Dynamic Registration 1.0 §3.5.2, §3.6.1, §3.6.2");
    DR_ISSUER = error("lti.dynamic-registration.issuer", "issuer is not an https URL without query or fragment on the openid_configuration URL's host", "LTI Dynamic Registration 1.0 §3.5.1");
    DR_INSECURE_URL = error("lti.dynamic-registration.insecure-url", "an endpoint or URI is not an absolute https URL", "LTI Dynamic Registration 1.0 §3.5.2, §3.6.1; 1EdTech Security Framework §3");
    DR_VALUE = error("lti.dynamic-registration.value", "a member the spec fixes has another value, or a supported list lacks a required entry", "LTI Dynamic Registration 1.0 §3.5.2, §3.6.1");
    DR_MESSAGE_TYPE = error("lti.dynamic-registration.message-type", "a registered message type is not one a platform launches", "LTI Dynamic Registration 1.0 §3.6.2.1; LTI Core 1.3 §5.3.1");
    DR_DOMAIN = warning("lti.dynamic-registration.domain", "a launch URL is not on the tool's domain or secondary domains", "LTI Dynamic Registration 1.0 §3.6.2 (domain)");
    // AGS and NRPS service calls: responses read by a tool, requests read by a platform.
    SERVICE_STATUS = error("lti.service.status", "the service answered with a status that is not a success", "AGS 2.0 §3.2-§3.4; NRPS 2.0 (membership service); RFC 9110 §15");
    SERVICE_MEDIA_TYPE = error("lti.service.media-type", "Content-Type is missing or not the media type of the call", "AGS 2.0 §3.2-§3.4 (media types); NRPS 2.0 (membership container media type)");
    SERVICE_TOO_LARGE = error("lti.service.too-large", "a service body is larger than the limit", "Learnwire security catalogue, general rules 2 and 3 (bounded time and memory)");
    SERVICE_JSON = error("lti.service.json", "a service body is not strict JSON (syntax, depth, duplicate members)", "RFC 8259 §4; RFC 7493 §2.3");
    SERVICE_SHAPE = error("lti.service.shape", "a service body is JSON but not the document the media type names", "AGS 2.0 §3.2-§3.4 (media types); NRPS 2.0 (membership container media type)");
    SERVICE_INVALID = error("lti.service.invalid", "a line item, score or query breaks a rule of the spec (the report lists each)", "AGS 2.0 §3.2 (line item), §3.4 (score); NRPS 2.0 (query parameters)");
    SERVICE_URL = error("lti.service.url", "a service URL is not an absolute http(s) URL that can take a path", "AGS 2.0 §3.2, §3.4 (scores and results URLs); RFC 3986 §5");
    SERVICE_TOKEN = error("lti.service.token", "the access token is empty or cannot be a header value", "RFC 6750 §2.1");
    SERVICE_METHOD = error("lti.service.method", "the HTTP method is not one this endpoint serves (405)", "AGS 2.0 §3.2-§3.4; NRPS 2.0 (membership service); RFC 9110 §15.5.6");
    SERVICE_NOT_ACCEPTABLE = error("lti.service.not-acceptable", "the Accept header excludes the endpoint's media type (406)", "RFC 9110 §12.5.1, §15.5.7");
    SERVICE_UNSUPPORTED_MEDIA_TYPE = error("lti.service.unsupported-media-type", "the request body's Content-Type is not the endpoint's media type (415)", "AGS 2.0 §3.2 (line item), §3.4 (score); RFC 9110 §15.5.16");
    SERVICE_QUERY = error("lti.service.query", "a query parameter is repeated, malformed or out of range (400)", "AGS 2.0 §3.2 (container filters and limit), §3.3 (results); NRPS 2.0 (rlid, role, limit)");
    SERVICE_NOT_FOUND = error("lti.service.not-found", "the resource does not exist or is not the caller's (404)", "AGS 2.0 §3.2; RFC 9110 §15.5.5");
    SERVICE_UNAUTHORIZED = error("lti.service.unauthorized", "the request has no bearer access token, or it is not valid (401)", "RFC 6750 §3; 1EdTech Security Framework §4.1");
    SERVICE_SCOPE = error("lti.service.scope", "the access token does not grant the endpoint's scope (403)", "RFC 6750 §3.1; AGS 2.0 §3.1 (scopes); NRPS 2.0 (scope)");
    // Rules of AGS documents (issues of the lti.service.invalid report).
    AGS_LABEL = error("lti.ags.label", "a line item's label is missing or empty", "AGS 2.0 §3.2 (line item: label)");
    AGS_SCORE_MAXIMUM = error("lti.ags.score-maximum", "a line item's scoreMaximum is not a number greater than zero", "AGS 2.0 §3.2 (line item: scoreMaximum)");
    AGS_DATES = error("lti.ags.dates", "a line item's endDateTime is before its startDateTime", "AGS 2.0 §3.2 (line item: startDateTime, endDateTime)");
    AGS_SCORE_GIVEN = error("lti.ags.score-given", "a score's scoreGiven or scoreMaximum is negative, or scoreGiven has no scoreMaximum", "AGS 2.0 §3.4 (score: scoreGiven, scoreMaximum)");
    AGS_ID = error("lti.ags.id", "a line item id, resourceLinkId or userId is empty or not what the endpoint expects", "AGS 2.0 §3.2 (line item), §3.4 (score: userId); LTI Core 1.3 §5.3.5");
    AGS_ID_MISMATCH = error("lti.ags.id-mismatch", "a line item PUT's id is not the URL the request was sent to", "AGS 2.0 §3.2 (line item service: a line item's id is its URL)");
    AGS_PROGRESS = error("lti.ags.progress", "a score's activityProgress or gradingProgress is missing or not in its vocabulary", "AGS 2.0 §3.4 (score: activityProgress, gradingProgress)");
    AGS_TIMESTAMP = error("lti.ags.timestamp", "a timestamp is not an RFC 3339 date-time with an offset", "AGS 2.0 §3.4 (score: timestamp); RFC 3339 §5.6");
    // RFC 8288 Link headers and page following.
    LINK_MALFORMED = error("lti.link.malformed", "a Link header value does not follow the RFC 8288 grammar, or its target is not a URI reference", "RFC 8288 §3");
    LINK_TOO_LARGE = error("lti.link.too-large", "the Link headers of one response are larger than the limit", "RFC 8288 §3; Learnwire security catalogue, general rules 2 and 3 (bounded time and memory)");
    LINK_TOO_MANY = error("lti.link.too-many", "one response has more links than the limit", "RFC 8288 §3; Learnwire security catalogue, general rules 2 and 3 (bounded time and memory)");
    PAGING_CROSS_ORIGIN = error("lti.paging.cross-origin", "a next link points to another origin than the first request", "AGS 2.0 §3.2, NRPS 2.0 (paging); RFC 6454 (origin): the bearer token is never sent to another origin");
    PAGING_LOOP = error("lti.paging.loop", "a next link points to a page already read", "AGS 2.0 §3.2 (paging); NRPS 2.0 (paging)");
    PAGING_TOO_MANY_PAGES = error("lti.paging.too-many-pages", "more pages than the limit", "Learnwire security catalogue, general rules 2 and 3 (bounded time and memory)");
    PAGING_TOO_MANY_ITEMS = error("lti.paging.too-many-items", "more items over all pages than the limit", "Learnwire security catalogue, general rules 2 and 3 (bounded time and memory)");
    // The `client` feature's HTTP transport (tool side).
    CLIENT_TRANSPORT = error("lti.client.transport", "the request could not be sent or its answer not received: connection refused, DNS, TLS, a broken connection", "RFC 9110 §9; Learnwire security catalogue, general rule 2 (bounded time)");
    CLIENT_TIMEOUT = error("lti.client.timeout", "the server did not connect or answer within the client's timeouts", "Learnwire security catalogue, general rule 2 (bounded time)");
    CLIENT_SETUP = error("lti.client.setup", "the HTTP client could not be built (TLS roots, configuration)", "STYLE §6 (the client feature)");
    CLIENT_INSECURE_URL = error("lti.client.insecure-url", "a request to a plain http:// URL on a host other than loopback: the bearer token and the client assertion would cross the network unencrypted", "1EdTech Security Framework §3 (TLS required); RFC 6749 §10.9, RFC 6750 §5.3");
}

// Without the `client` feature nothing returns these codes, but they stay in CODES (one registry for every
// build); naming them here keeps the constants used.
#[cfg(not(feature = "client"))]
const _: [Code; 4] = [
    CLIENT_TRANSPORT,
    CLIENT_TIMEOUT,
    CLIENT_SETUP,
    CLIENT_INSECURE_URL,
];
