//! How the run-time engine reads what a SCO sends.

use crate::Profile;

use super::{Limits, MasteryOverride, NewAttempt12};

/// The engine's policy: the profile (strict reading of the S rules: SCORM 1.2 lengths and score
/// ranges, CMIFeedback formats, index leading zeros, numeric patterns), the caps, and the SCORM 1.2
/// mastery-score policy.
///
/// # Example
///
/// ```
/// use learnwire_scorm::Profile;
/// use learnwire_scorm::runtime::{MasteryOverride, Options};
///
/// let options = Options::new(Profile::Strict).with_mastery_override(MasteryOverride::Always);
/// assert_eq!(options.profile, Profile::Strict);
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct Options {
    /// Strict or lenient (the default).
    pub profile: Profile,
    /// The caps.
    pub limits: Limits,
    /// SCORM 1.2 `lesson_status` from the mastery score.
    pub mastery_override: MasteryOverride,
    /// When a SCORM 1.2 session's end starts a new attempt.
    pub new_attempt_12: NewAttempt12,
}

impl Options {
    /// Options with `profile` and the defaults otherwise.
    pub fn new(profile: Profile) -> Self {
        Self {
            profile,
            ..Self::default()
        }
    }

    /// Sets the caps.
    #[must_use]
    pub fn with_limits(mut self, limits: Limits) -> Self {
        self.limits = limits;
        self
    }

    /// Sets the SCORM 1.2 attempt policy.
    #[must_use]
    pub fn with_new_attempt_12(mut self, policy: NewAttempt12) -> Self {
        self.new_attempt_12 = policy;
        self
    }

    /// Sets the mastery-score policy.
    #[must_use]
    pub fn with_mastery_override(mut self, policy: MasteryOverride) -> Self {
        self.mastery_override = policy;
        self
    }
}
