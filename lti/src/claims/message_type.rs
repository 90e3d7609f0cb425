//! `message_type` and `version` claims (LTI Core 1.3 §5.3.1, §5.3.2).

use super::vocabulary::open_vocabulary;

open_vocabulary! {
    /// `https://purl.imsglobal.org/spec/lti/claim/message_type`: which LTI message this token carries.
    ///
    /// Unknown types (for example `LtiEULARequest`, `LtiAssetProcessorSettingsRequest`) are kept and
    /// report `is_unrecognized()`; a verifier decides whether to accept them.
    ///
    /// # Example
    /// ```
    /// use learnwire_lti::claims::MessageType;
    /// assert_eq!(MessageType::parse("LtiResourceLinkRequest"), MessageType::ResourceLinkRequest);
    /// assert_eq!(MessageType::parse("LtiEULARequest").as_str(), "LtiEULARequest");
    /// ```
    pub enum MessageType {
        /// `LtiResourceLinkRequest` (LTI Core 1.3 §5.3.1).
        ResourceLinkRequest => "LtiResourceLinkRequest",
        /// `LtiDeepLinkingRequest` (Deep Linking 2.0 §4.4).
        DeepLinkingRequest => "LtiDeepLinkingRequest",
        /// `LtiDeepLinkingResponse` (Deep Linking 2.0 §4.5), sent by the tool.
        DeepLinkingResponse => "LtiDeepLinkingResponse",
        /// `LtiSubmissionReviewRequest` (LTI Submission Review 1.0 / AGS).
        SubmissionReviewRequest => "LtiSubmissionReviewRequest",
    }
}

open_vocabulary! {
    /// `https://purl.imsglobal.org/spec/lti/claim/version` (LTI Core 1.3 §5.3.2). Only `1.3.0` is
    /// conformant; any other string (`"1.3"`, `"1.1.0"`) is kept as unrecognized.
    pub enum LtiVersion {
        /// `1.3.0`.
        V1p3p0 => "1.3.0",
    }
}
