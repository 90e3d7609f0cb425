//! The persisted state of one learner attempt on one SCO (rules PM-01, PM-02, F04-11, ST04-21).

use serde::{Deserialize, Serialize};

use super::data::Record;

/// What an LMS stores for an attempt between sessions: the CMI data and where the attempt stands.
/// Serialises with serde; keep it per (learner, package, SCO, attempt) (rule PM-01).
///
/// # Example
///
/// ```
/// use learnwire_scorm::runtime::Attempt;
///
/// let json = serde_json::to_string(&Attempt::new()).unwrap();
/// let back: Attempt = serde_json::from_str(&json).unwrap();
/// assert_eq!(back, Attempt::new());
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Attempt {
    /// The CMI values and collections.
    #[serde(default)]
    pub data: Record,
    /// Sessions that ended (`Terminate`/`LMSFinish`) in this attempt.
    #[serde(default)]
    pub sessions: u32,
    /// The last session ended suspended: the next one resumes (`entry = resume`).
    #[serde(default)]
    pub suspended: bool,
    /// The last session ended the attempt; the next `Initialize` starts a new attempt (2004: rule
    /// ST04-21; 1.2: [`NewAttempt12`](crate::runtime::NewAttempt12)).
    #[serde(default)]
    pub ended: bool,
}

impl Attempt {
    /// A new, empty attempt.
    pub fn new() -> Self {
        Self::default()
    }
}
