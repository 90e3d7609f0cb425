//! The full names of the claims this crate types, as they appear in a JWT payload.

/// `message_type` (LTI Core 1.3 §5.3.1).
pub const MESSAGE_TYPE: &str = "https://purl.imsglobal.org/spec/lti/claim/message_type";
/// `version` (LTI Core 1.3 §5.3.2).
pub const VERSION: &str = "https://purl.imsglobal.org/spec/lti/claim/version";
/// `deployment_id` (LTI Core 1.3 §5.3.3).
pub const DEPLOYMENT_ID: &str = "https://purl.imsglobal.org/spec/lti/claim/deployment_id";
/// `target_link_uri` (LTI Core 1.3 §5.3.4).
pub const TARGET_LINK_URI: &str = "https://purl.imsglobal.org/spec/lti/claim/target_link_uri";
/// `resource_link` (LTI Core 1.3 §5.3.5).
pub const RESOURCE_LINK: &str = "https://purl.imsglobal.org/spec/lti/claim/resource_link";
/// `roles` (LTI Core 1.3 §5.3.7).
pub const ROLES: &str = "https://purl.imsglobal.org/spec/lti/claim/roles";
/// `role_scope_mentor` (LTI Core 1.3 §5.4.3 / §A.2.3 mentor scope).
pub const ROLE_SCOPE_MENTOR: &str = "https://purl.imsglobal.org/spec/lti/claim/role_scope_mentor";
/// `context` (LTI Core 1.3 §5.4.1).
pub const CONTEXT: &str = "https://purl.imsglobal.org/spec/lti/claim/context";
/// `tool_platform` (LTI Core 1.3 §5.4.2).
pub const TOOL_PLATFORM: &str = "https://purl.imsglobal.org/spec/lti/claim/tool_platform";
/// `launch_presentation` (LTI Core 1.3 §5.4.4).
pub const LAUNCH_PRESENTATION: &str =
    "https://purl.imsglobal.org/spec/lti/claim/launch_presentation";
/// `lis` (LTI Core 1.3 §5.4.5).
pub const LIS: &str = "https://purl.imsglobal.org/spec/lti/claim/lis";
/// `custom` (LTI Core 1.3 §5.4.6).
pub const CUSTOM: &str = "https://purl.imsglobal.org/spec/lti/claim/custom";
/// `lti1p1` migration claim (LTI Core 1.3 appendix on LTI 1.1 migration).
pub const LTI1P1: &str = "https://purl.imsglobal.org/spec/lti/claim/lti1p1";
/// `for_user` (LTI Submission Review 1.0).
pub const FOR_USER: &str = "https://purl.imsglobal.org/spec/lti/claim/for_user";
/// AGS endpoint claim (AGS 2.0 §3.1).
pub const AGS_ENDPOINT: &str = "https://purl.imsglobal.org/spec/lti-ags/claim/endpoint";
/// NRPS claim (NRPS 2.0 §3.6.1).
pub const NAMES_ROLE_SERVICE: &str =
    "https://purl.imsglobal.org/spec/lti-nrps/claim/namesroleservice";
/// `deep_linking_settings` (Deep Linking 2.0 §4.4.1).
pub const DEEP_LINKING_SETTINGS: &str =
    "https://purl.imsglobal.org/spec/lti-dl/claim/deep_linking_settings";
/// `content_items` (Deep Linking 2.0 §4.5.1).
pub const CONTENT_ITEMS: &str = "https://purl.imsglobal.org/spec/lti-dl/claim/content_items";
/// `data` echoed in a Deep Linking response (Deep Linking 2.0 §4.5.2).
pub const DL_DATA: &str = "https://purl.imsglobal.org/spec/lti-dl/claim/data";
/// `msg` of a Deep Linking response (Deep Linking 2.0 §4.5.3).
pub const DL_MSG: &str = "https://purl.imsglobal.org/spec/lti-dl/claim/msg";
/// `log` of a Deep Linking response (Deep Linking 2.0 §4.5.4).
pub const DL_LOG: &str = "https://purl.imsglobal.org/spec/lti-dl/claim/log";
/// `errormsg` of a Deep Linking response (Deep Linking 2.0 §4.5.5).
pub const DL_ERRORMSG: &str = "https://purl.imsglobal.org/spec/lti-dl/claim/errormsg";
/// `errorlog` of a Deep Linking response (Deep Linking 2.0 §4.5.6).
pub const DL_ERRORLOG: &str = "https://purl.imsglobal.org/spec/lti-dl/claim/errorlog";
