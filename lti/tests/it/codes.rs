//! `CODES` lists every code the crate emits: each error variant's code and each report rule's, once.

use std::collections::BTreeSet;

use chrono::{TimeDelta, Utc};
use learnwire_lti::claims::validate;
use learnwire_lti::deep_linking::DeepLinkingError;
use learnwire_lti::deep_linking::content_item::NotAccepted;
use learnwire_lti::keys::{KeyError, KeySet, KeySetError, KeySetOptions};
use learnwire_lti::login::LoginError;
use learnwire_lti::platform::{AuthRequestError, BuildError, ClientAssertionError};
use learnwire_lti::{
    CODES, Code, KeyProblem, LaunchError, MessageError, Severity, TokenError, TokenPart, Untrusted,
    find_code, http,
};

fn text() -> Untrusted {
    Untrusted::new("x")
}

fn token_errors() -> Vec<TokenError> {
    let now = Utc::now();
    let jose = learnwire_jose::JoseError::Encode;
    vec![
        TokenError::TooLarge {
            length: 2,
            limit: 1,
        },
        TokenError::SegmentCount { found: 2 },
        TokenError::Base64 {
            part: TokenPart::Header,
        },
        TokenError::InvalidJson {
            part: TokenPart::Payload,
            source: "x".into(),
        },
        TokenError::NotAnObject {
            part: TokenPart::Header,
        },
        TokenError::TooDeep {
            part: TokenPart::Payload,
            limit: 1,
        },
        TokenError::DuplicateMember {
            part: TokenPart::Payload,
            name: text(),
        },
        TokenError::UnsecuredJwt,
        TokenError::AlgorithmNotAllowed { found: text() },
        TokenError::MissingKeyId,
        TokenError::EmbeddedKey { member: "jwk" },
        TokenError::UnsupportedCritical { name: text() },
        TokenError::NestedToken { cty: text() },
        TokenError::InvalidHeaderMember { name: "kid" },
        TokenError::UnknownKeyId { kid: text() },
        TokenError::KeyRejected {
            kid: text(),
            problem: KeyProblem::Exponent,
        },
        TokenError::InvalidSignature,
        TokenError::Refused(Box::new(jose)),
        TokenError::MissingClaim { claim: "exp" },
        TokenError::InvalidClaimType { claim: "exp" },
        TokenError::IssuerMismatch { found: text() },
        TokenError::AudienceMismatch,
        TokenError::UntrustedAudience { audience: text() },
        TokenError::MissingAuthorizedParty,
        TokenError::AuthorizedPartyMismatch { found: text() },
        TokenError::Expired {
            expired_at: now,
            now,
            leeway: TimeDelta::zero(),
        },
        TokenError::IssuedInFuture {
            issued_at: now,
            now,
        },
        TokenError::IssuedTooLongAgo {
            issued_at: now,
            max_age: TimeDelta::zero(),
        },
        TokenError::NotYetValid {
            not_before: now,
            now,
        },
        TokenError::MissingNonce,
        TokenError::NonceMismatch,
        TokenError::NonceReplayed,
        TokenError::NonceStore("x".into()),
    ]
}

fn message_errors() -> Vec<MessageError> {
    vec![
        MessageError::InvalidMessageType { found: text() },
        MessageError::UnsupportedVersion { found: text() },
        MessageError::MissingClaim {
            claim: "roles",
            reference: "§",
        },
        MessageError::InvalidClaimType {
            claim: "roles",
            reference: "§",
        },
        MessageError::InvalidClaims { reason: "x".into() },
    ]
}

/// Every code of every error variant (with the error's message), and of every report rule.
fn emitted() -> Vec<(Code, Option<String>)> {
    let now = Utc::now();
    let mut codes: Vec<(Code, Option<String>)> = token_errors()
        .iter()
        .map(|error| (error.code(), Some(error.to_string())))
        .collect();
    codes.extend(
        message_errors()
            .iter()
            .map(|error| (error.code(), Some(error.to_string()))),
    );
    let launch = [
        LaunchError::MissingToken { field: "id_token" },
        LaunchError::MalformedForm { reason: "x" },
        LaunchError::MissingState,
        LaunchError::StateMismatch,
        LaunchError::InvalidSealedState { reason: "x" },
        LaunchError::LoginStateExpired {
            created_at: now,
            now,
            max_age: TimeDelta::zero(),
        },
        LaunchError::LoginStateFromFuture {
            created_at: now,
            now,
        },
        LaunchError::UnknownRegistration {
            issuer: text(),
            client_id: text(),
        },
        LaunchError::Token(TokenError::InvalidSignature),
        LaunchError::Message(MessageError::UnsupportedVersion { found: text() }),
        LaunchError::UnknownDeployment {
            deployment_id: text(),
        },
        LaunchError::TargetLinkUriMismatch { found: text() },
    ];
    codes.extend(
        launch
            .iter()
            .map(|error| (error.code(), Some(error.to_string()))),
    );
    let deep_linking = [
        DeepLinkingError::NotDeepLinkingRequest,
        DeepLinkingError::NotAccepted {
            index: 0,
            reason: NotAccepted::Multiple { count: 2 },
        },
        DeepLinkingError::MultipleNotAccepted,
        DeepLinkingError::Serialize,
        DeepLinkingError::Sign(KeyError::Sign),
        DeepLinkingError::Random,
        DeepLinkingError::Token(TokenError::NonceReplayed),
        DeepLinkingError::Message(MessageError::InvalidClaims { reason: "x".into() }),
        DeepLinkingError::UnknownDeployment {
            deployment_id: text(),
        },
        DeepLinkingError::DataMismatch,
        DeepLinkingError::InvalidContentItem {
            index: 0,
            reason: "x",
        },
    ];
    codes.extend(
        deep_linking
            .iter()
            .map(|error| (error.code(), Some(error.to_string()))),
    );
    let assertion = [
        ClientAssertionError::Token(TokenError::MissingClaim { claim: "jti" }),
        ClientAssertionError::SubjectMismatch { found: text() },
        ClientAssertionError::LifetimeTooLong {
            lifetime: TimeDelta::zero(),
        },
    ];
    codes.extend(
        assertion
            .iter()
            .map(|error| (error.code(), Some(error.to_string()))),
    );
    let build = [
        BuildError::InvalidMessage(MessageError::MissingClaim {
            claim: "roles",
            reference: "§",
        }),
        BuildError::Sign(KeyError::Encode),
        BuildError::Random,
    ];
    codes.extend(
        build
            .iter()
            .map(|error| (error.code(), Some(error.to_string()))),
    );
    let login = [
        LoginError::TooLarge {
            length: 2,
            limit: 1,
        },
        LoginError::Malformed { reason: "x" },
        LoginError::DuplicateParameter { name: "iss" },
        LoginError::MissingParameter { name: "iss" },
        LoginError::UnknownIssuer { issuer: text() },
        LoginError::ClientIdMismatch { found: text() },
        LoginError::UntrustedTargetLinkUri { found: text() },
        LoginError::UnknownDeployment {
            deployment_id: text(),
        },
        LoginError::Random,
        LoginError::Seal,
    ];
    codes.extend(
        login
            .iter()
            .map(|error| (error.code(), Some(error.to_string()))),
    );
    let auth = [
        AuthRequestError::TooLarge {
            length: 2,
            limit: 1,
        },
        AuthRequestError::DuplicateParameter { name: "nonce" },
        AuthRequestError::MissingParameter { name: "nonce" },
        AuthRequestError::UnknownClient { client_id: text() },
        AuthRequestError::UnregisteredRedirectUri {
            redirect_uri: text(),
        },
        AuthRequestError::InvalidParameter {
            name: "prompt",
            expected: "none",
            found: text(),
        },
        AuthRequestError::LoginHintRejected,
    ];
    codes.extend(
        auth.iter()
            .map(|error| (error.code(), Some(error.to_string()))),
    );
    let options = KeySetOptions::default();
    let not_json = KeySet::from_jwks(b"{", &options).unwrap_err();
    assert!(matches!(not_json, KeySetError::InvalidJson(_)));
    let key_sets = [
        KeySetError::TooLarge {
            length: 2,
            limit: 1,
        },
        not_json,
        KeySetError::InvalidShape,
        KeySetError::TooManyKeys { count: 2, limit: 1 },
        KeySetError::MalformedKey {
            index: 0,
            member: "kty",
        },
        KeySetError::PrivateMaterial {
            index: 0,
            member: "d",
        },
        KeySetError::DuplicateKeyId { kid: text() },
    ];
    codes.extend(
        key_sets
            .iter()
            .map(|error| (error.code(), Some(error.to_string()))),
    );
    let keys = [
        KeyError::Generate,
        KeyError::Pem("x".into()),
        KeyError::UnsupportedPem { tag: text() },
        KeyError::Rejected { reason: "x" },
        KeyError::InvalidKeyId,
        KeyError::Encode,
        KeyError::Sign,
    ];
    codes.extend(
        keys.iter()
            .map(|error| (error.code(), Some(error.to_string()))),
    );
    // Service access tokens, both sides.
    {
        use learnwire_lti::service_token::*;
        let scope = ScopeSet::parse("a  b").unwrap_err();
        let http_error = http::Request::builder().uri("\u{0}").body(()).unwrap_err();
        let errors: Vec<(Code, String)> = vec![
            (scope.code(), scope.to_string()),
            {
                let e = TokenRequestError::Build(http_error);
                (e.code(), e.to_string())
            },
            {
                let e = TokenRequestError::Sign(KeyError::Sign);
                (e.code(), e.to_string())
            },
        ];
        codes.extend(errors.into_iter().map(|(code, text)| (code, Some(text))));
        let responses = [
            TokenResponseError::TooLarge {
                length: 2,
                limit: 1,
            },
            TokenResponseError::Refused {
                status: 400,
                error: text(),
                description: None,
            },
            TokenResponseError::Status {
                status: 500,
                body: text(),
            },
            TokenResponseError::Json(None),
            TokenResponseError::AccessToken,
            TokenResponseError::TokenType { found: text() },
            TokenResponseError::ExpiresIn { reason: "x" },
            TokenResponseError::Scope(ScopeSet::parse(" ").unwrap_err()),
        ];
        codes.extend(
            responses
                .iter()
                .map(|error| (error.code(), Some(error.to_string()))),
        );
        let endpoint = [
            TokenEndpointError::Malformed { reason: "x" },
            TokenEndpointError::MissingParameter { name: "scope" },
            TokenEndpointError::UnsupportedGrantType { found: text() },
            TokenEndpointError::AssertionType { found: text() },
            TokenEndpointError::Assertion(ClientAssertionError::UnknownClient {
                client_id: text(),
            }),
            TokenEndpointError::ScopeNotGranted,
            TokenEndpointError::Issue(KeyError::Sign),
            TokenEndpointError::Store(AccessTokenStoreError::Full),
        ];
        codes.extend(
            endpoint
                .iter()
                .map(|error| (error.code(), Some(error.to_string()))),
        );
        let access = [
            AccessTokenError::Missing,
            AccessTokenError::Malformed { reason: "x" },
            AccessTokenError::Unknown,
            AccessTokenError::Expired {
                expired_at: Utc::now(),
            },
            AccessTokenError::Invalid(TokenError::InvalidSignature),
            AccessTokenError::WrongType {
                found: learnwire_lti::Untrusted::new("dpop+jwt"),
            },
            AccessTokenError::InsufficientScope {
                required: "s".to_owned(),
            },
            AccessTokenError::Store("x".into()),
        ];
        codes.extend(
            access
                .iter()
                .map(|error| (error.code(), Some(error.to_string()))),
        );
    }
    // AGS, NRPS and paging, both sides (the errors and the rules of line items and scores).
    codes.extend(crate::ags::emitted_codes());
    // Dynamic Registration: the errors, and every rule of its reports.
    {
        use learnwire_lti::dynamic_registration::*;
        let limits = learnwire_lti::Limits::default();
        let http_error = http::Request::builder().uri("\u{0}").body(()).unwrap_err();
        let errors = [
            DynamicRegistrationError::Initiation { reason: "x" },
            DynamicRegistrationError::Malformed { reason: "x" },
            DynamicRegistrationError::Status {
                status: 500,
                body: text(),
            },
            DynamicRegistrationError::Build(http_error),
        ];
        codes.extend(
            errors
                .iter()
                .map(|error| (error.code(), Some(error.to_string()))),
        );
        let url = learnwire_lti::Url::parse("https://lms.example/config").unwrap();
        let platform = br#"{"issuer":"http://other.example/?q","jwks_uri":"http://x","scopes_supported":["profile"],"claims_supported":[1]}"#;
        let mut reports = vec![
            PlatformConfiguration::parse(platform, &url, &limits).unwrap_err(),
            PlatformConfiguration::parse(b"[]", &url, &limits).unwrap_err(),
        ];
        let request = br#"{"redirect_uris":["https://elsewhere.example/x"],
            "https://purl.imsglobal.org/spec/lti-tool-configuration":{"domain":"tool.example","messages":[{"type":"LtiEULARequest"}]}}"#;
        reports.push(validate_registration_request(request, &limits));
        reports.push(validate_registration_request(
            br#"{"application_type":"native"}"#,
            &limits,
        ));
        for report in reports {
            codes.extend(report.issues().iter().map(|issue| (issue.code, None)));
        }
    }
    // The small errors of one operation each: nonce stores, sealing keys, claims documents to sign.
    let short_key = learnwire_lti::login::StateSealer::new(&[0; 8]).unwrap_err();
    codes.push((short_key.code(), Some(short_key.to_string())));
    for error in [
        learnwire_lti::NonceError::Replayed,
        learnwire_lti::NonceError::Full,
    ] {
        codes.push((error.code(), Some(error.to_string())));
    }
    for document in [&b"{"[..], br#"{"a":1,"a":2}"#, b"[1]", &[b'['; 200][..]] {
        let error =
            learnwire_lti::platform::read_claims(document, &learnwire_lti::Limits::default())
                .unwrap_err();
        codes.push((error.code(), Some(error.to_string())));
    }
    codes.extend(
        [
            validate::NOT_OBJECT,
            validate::INVALID,
            validate::MISSING,
            validate::VERSION,
            validate::MESSAGE_TYPE_UNKNOWN,
            validate::INSECURE_URL,
            validate::DEPRECATED_FORM,
            validate::UNKNOWN_LIS_ROLE,
            validate::ACCEPT_EMPTY,
            validate::ITEM_INVALID,
            validate::ITEM_UNSAFE_URL,
            validate::SCORE_MAXIMUM,
        ]
        .map(|code| (code, None)),
    );
    codes.extend(client_codes());
    codes
}

/// The `client` feature's transport codes: its errors when the feature is on, else the codes alone (the
/// client's own tests, `tests/client`, check those errors against CODES too).
#[cfg(feature = "client")]
fn client_codes() -> Vec<(Code, Option<String>)> {
    use learnwire_lti::client::{ClientError, TransportError};
    let errors = [
        ClientError::Setup { reason: text() },
        ClientError::Transport(TransportError::Failed { reason: text() }),
        ClientError::Transport(TransportError::Timeout),
        ClientError::Transport(TransportError::InsecureUrl { url: text() }),
    ];
    errors
        .iter()
        .map(|error| (error.code(), Some(error.to_string())))
        .collect()
}

#[cfg(not(feature = "client"))]
fn client_codes() -> Vec<(Code, Option<String>)> {
    [
        "lti.client.setup",
        "lti.client.transport",
        "lti.client.timeout",
        "lti.client.insecure-url",
    ]
    .map(|code| (Code::new(code), None))
    .into()
}

#[test]
fn every_code_an_error_or_a_report_rule_returns_is_listed_in_codes() {
    let emitted = emitted();
    for (code, _) in &emitted {
        assert!(
            find_code(CODES, code.as_str()).is_some(),
            "{code} is not in CODES"
        );
    }
    // And nothing is listed that nothing emits.
    let emitted: BTreeSet<&str> = emitted.iter().map(|(code, _)| code.as_str()).collect();
    for info in CODES {
        assert!(
            emitted.contains(info.code.as_str()),
            "{} is listed but never emitted",
            info.code
        );
    }
}

#[test]
fn codes_are_unique_in_the_lti_family_with_a_reference_and_a_summary() {
    let mut seen = BTreeSet::new();
    for info in CODES {
        assert!(seen.insert(info.code), "{} is listed twice", info.code);
        assert_eq!(info.code.family(), "lti", "{}", info.code);
        assert!(
            !info.summary.is_empty() && !info.reference.is_empty(),
            "{}",
            info.code
        );
    }
    // Report warnings are warnings; everything an error returns is an error.
    let warnings: Vec<&str> = CODES
        .iter()
        .filter(|info| info.severity == Severity::Warning)
        .map(|info| info.code.as_str())
        .collect();
    assert_eq!(
        warnings,
        [
            "lti.claim.message-type-unknown",
            "lti.claim.insecure-url",
            "lti.claim.deprecated-form",
            "lti.roles.unknown-lis-role",
            "lti.dynamic-registration.domain"
        ]
    );
}

#[test]
fn every_error_message_starts_with_its_code_for_a_log_line() {
    for (code, message) in emitted() {
        let Some(message) = message else { continue };
        let rest = message
            .strip_prefix(&format!("{code}: "))
            .unwrap_or_else(|| panic!("{message:?} does not start with {code}"));
        assert!(
            !rest.is_empty() && !rest.contains(code.as_str()),
            "{message}"
        );
    }
}
