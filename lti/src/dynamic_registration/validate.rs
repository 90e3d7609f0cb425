//! Platform side: a tool's registration request checked against Dynamic Registration 1.0 §3.6, every
//! problem reported with its JSON pointer.

use learnwire_report::{JsonPointer, Location, Report, quote};
use serde_json::{Map, Value};
use url::Url;

use super::tool_configuration::{TOOL_CONFIGURATION_CLAIM, ToolConfiguration};
use super::walk::{Walk, check_https, read_object, severity_of};
use crate::claims::MessageType;
use crate::codes;
use crate::limits::Limits;
use crate::service_token::ScopeSet;

/// Checks a registration request body and reports every problem (Dynamic Registration 1.0 §3.6):
/// strict JSON within [`Limits::max_oauth_body_bytes`]; `application_type` `web`; `response_types`
/// with `id_token`; `grant_types` with `implicit` and `client_credentials`; `initiate_login_uri`,
/// `redirect_uris` (at least one), `jwks_uri` and the optional `logo_uri`, `client_uri`, `tos_uri`,
/// `policy_uri` absolute https URLs; `client_name`; `token_endpoint_auth_method` `private_key_jwt`;
/// `scope` an RFC 6749 scope list; the LTI part with `domain`, `target_link_uri` (https), `claims`, and
/// each message's `type` one of `LtiResourceLinkRequest`, `LtiDeepLinkingRequest`,
/// `LtiSubmissionReviewRequest`. A launch URL (`redirect_uris`, `initiate_login_uri`,
/// `target_link_uri`s) whose host is neither `domain`, a subdomain of it, nor a `secondary_domains`
/// entry is a warning (`lti.dynamic-registration.domain`).
///
/// # Example
///
/// ```
/// use learnwire_lti::dynamic_registration::validate_registration_request;
/// use learnwire_lti::Limits;
/// let report = validate_registration_request(br#"{"application_type":"native"}"#, &Limits::default());
/// assert!(report.has_code("lti.dynamic-registration.value"));
/// assert!(report.has_code("lti.dynamic-registration.missing"));
/// ```
pub fn validate_registration_request(bytes: &[u8], limits: &Limits) -> Report {
    let mut report = Report::new();
    if let Some(object) = read_object(bytes, limits, &mut report) {
        check_request(&object, &mut report);
    }
    report
}

/// Checks a registration request ([`validate_registration_request`]) and reads it.
///
/// # Errors
/// The [`Report`] when it has an error (warnings alone do not refuse).
pub fn parse_registration_request(
    bytes: &[u8],
    limits: &Limits,
) -> Result<ToolConfiguration, Report> {
    let mut report = Report::new();
    let Some(object) = read_object(bytes, limits, &mut report) else {
        return Err(report);
    };
    check_request(&object, &mut report);
    if !report.is_valid() {
        return Err(report);
    }
    serde_json::from_value(Value::Object(object)).map_err(|error| {
        report.error(
            codes::DR_TYPE,
            Location::json(JsonPointer::root()),
            format!("the registration does not read as a tool configuration: {error}"),
        );
        report
    })
}

fn check_request(object: &Map<String, Value>, report: &mut Report) {
    let walk = Walk::new(object, JsonPointer::root());
    if let Some(kind) = walk.string("application_type", true, report) {
        walk.require(
            kind == "web",
            codes::DR_VALUE,
            "application_type",
            "application_type must be web",
            report,
        );
    }
    if let Some(types) = walk.strings("response_types", true, report) {
        walk.require(
            types.contains(&"id_token"),
            codes::DR_VALUE,
            "response_types",
            "response_types must contain id_token",
            report,
        );
    }
    if let Some(grants) = walk.strings("grant_types", true, report) {
        walk.require(
            grants.contains(&"implicit") && grants.contains(&"client_credentials"),
            codes::DR_VALUE,
            "grant_types",
            "grant_types must contain implicit and client_credentials",
            report,
        );
    }
    if let Some(method) = walk.string("token_endpoint_auth_method", true, report) {
        walk.require(
            method == "private_key_jwt",
            codes::DR_VALUE,
            "token_endpoint_auth_method",
            "token_endpoint_auth_method must be private_key_jwt",
            report,
        );
    }
    walk.string("client_name", true, report);
    let mut launch_urls: Vec<(Url, JsonPointer)> = Vec::new();
    if let Some(url) = walk.https_url("initiate_login_uri", true, report) {
        launch_urls.push((url, JsonPointer::root().key("initiate_login_uri")));
    }
    if let Some(uris) = walk.strings("redirect_uris", true, report) {
        walk.require(
            !uris.is_empty(),
            codes::DR_MISSING,
            "redirect_uris",
            "redirect_uris must list at least one URI",
            report,
        );
        for (index, uri) in uris.iter().enumerate() {
            let at = JsonPointer::root().key("redirect_uris").index(index);
            if let Some(url) = check_https(uri, Location::json(at.clone()), "redirect_uris", report)
            {
                launch_urls.push((url, at));
            }
        }
    }
    walk.https_url("jwks_uri", true, report);
    for optional in ["logo_uri", "client_uri", "tos_uri", "policy_uri"] {
        walk.https_url(optional, false, report);
    }
    walk.strings("contacts", false, report);
    if let Some(scope) = walk.string("scope", false, report)
        && let Err(error) = ScopeSet::parse(scope)
    {
        report.error(
            error.code(),
            Location::json(JsonPointer::root().key("scope")),
            error.to_string(),
        );
    }
    if let Some(lti) = walk.object(TOOL_CONFIGURATION_CLAIM, true, report) {
        check_lti(
            lti,
            JsonPointer::root().key(TOOL_CONFIGURATION_CLAIM),
            launch_urls,
            report,
        );
    }
}

fn check_lti(
    object: &Map<String, Value>,
    at: JsonPointer,
    mut launch_urls: Vec<(Url, JsonPointer)>,
    report: &mut Report,
) {
    let walk = Walk::new(object, at.clone());
    let domain = walk.string("domain", true, report);
    let secondary = walk
        .strings("secondary_domains", false, report)
        .unwrap_or_default();
    walk.string("deployment_id", false, report);
    walk.string("description", false, report);
    if let Some(url) = walk.https_url("target_link_uri", true, report) {
        launch_urls.push((url, at.key("target_link_uri")));
    }
    walk.strings("claims", true, report);
    check_string_map(&walk, "custom_parameters", report);
    for message in walk.objects("messages", false, report) {
        if let Some(kind) = message.string("type", true, report) {
            let known = matches!(
                MessageType::parse(kind),
                MessageType::ResourceLinkRequest
                    | MessageType::DeepLinkingRequest
                    | MessageType::SubmissionReviewRequest
            );
            message.require(
                known,
                codes::DR_MESSAGE_TYPE,
                "type",
                format!(
                    "message type {} is not one a platform launches",
                    quote(kind)
                ),
                report,
            );
        }
        if let Some(url) = message.https_url("target_link_uri", false, report) {
            launch_urls.push((url, message.at.key("target_link_uri")));
        }
        message.string("label", false, report);
        message.https_url("icon_uri", false, report);
        message.strings("placements", false, report);
        message.strings("roles", false, report);
        check_string_map(&message, "custom_parameters", report);
    }
    if let Some(domain) = domain {
        for (url, pointer) in launch_urls {
            if !on_domain(&url, domain) && !secondary.iter().any(|other| on_domain(&url, other)) {
                report.push(learnwire_report::Issue::new(
                    codes::DR_DOMAIN,
                    severity_of(codes::DR_DOMAIN),
                    Location::json(pointer),
                    format!(
                        "{} is not on the tool's domain {}",
                        quote(url.as_str()),
                        quote(domain)
                    ),
                ));
            }
        }
    }
}

/// An object whose values are strings (`custom_parameters`).
fn check_string_map(walk: &Walk<'_>, name: &str, report: &mut Report) {
    if let Some(map) = walk.object(name, false, report) {
        for (key, value) in map {
            if !value.is_string() {
                report.error(
                    codes::DR_TYPE,
                    Location::json(walk.at.key(name).key(key)),
                    format!("{name} values must be strings"),
                );
            }
        }
    }
}

/// Whether `url`'s host is `domain` (a host, optionally with `:port`) or a subdomain of it.
fn on_domain(url: &Url, domain: &str) -> bool {
    let (host, port) = match domain.rsplit_once(':') {
        Some((host, port)) if port.bytes().all(|byte| byte.is_ascii_digit()) => {
            (host, port.parse::<u16>().ok())
        }
        _ => (domain, None),
    };
    let Some(url_host) = url.host_str() else {
        return false;
    };
    let (url_host, host) = (url_host.to_ascii_lowercase(), host.to_ascii_lowercase());
    let host_ok = url_host == host || url_host.ends_with(&format!(".{host}"));
    host_ok && port.is_none_or(|port| url.port_or_known_default() == Some(port))
}
