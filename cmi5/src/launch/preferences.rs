//! The `cmi5LearnerPreferences` agent profile document (cmi5 §11, rule C5L-08).

use learnwire_report::{Code, JsonPointer, Location, Report, quote};
use learnwire_xapi::types::LanguageTag;

use crate::Limits;
use serde::{Deserialize, Serialize};

/// The agent profile id of the learner preferences document.
pub const LEARNER_PREFERENCES_PROFILE_ID: &str = "cmi5LearnerPreferences";

/// `audioPreference`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
#[non_exhaustive]
pub enum AudioPreference {
    /// `on`.
    On,
    /// `off`.
    Off,
}

/// The learner's preferences: languages in order of preference and audio on or off.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct LearnerPreferences {
    /// RFC 5646 tags, most preferred first; written as a comma-separated list.
    #[serde(serialize_with = "ser_languages")]
    pub language_preference: Vec<LanguageTag>,
    /// Audio on or off at startup.
    pub audio_preference: AudioPreference,
}

impl LearnerPreferences {
    /// Preferences with these languages (most preferred first) and audio setting.
    #[must_use]
    pub fn new(language_preference: Vec<LanguageTag>, audio_preference: AudioPreference) -> Self {
        Self {
            language_preference,
            audio_preference,
        }
    }

    /// The document as JSON bytes.
    #[must_use]
    pub fn to_json(&self) -> Vec<u8> {
        serde_json::to_vec(self).unwrap_or_default()
    }
}

fn ser_languages<S: serde::Serializer>(
    value: &[LanguageTag],
    serializer: S,
) -> Result<S::Ok, S::Error> {
    let joined: Vec<&str> = value.iter().map(LanguageTag::as_str).collect();
    serializer.serialize_str(&joined.join(","))
}

/// Reads a learner preferences document (an AU's PUT/POST, or the LMS's stored copy): a JSON object
/// with `languagePreference` (a comma-separated list of RFC 5646 tags, no spaces) and
/// `audioPreference` (`on`/`off`). Other members are allowed and ignored. Read strictly: at most
/// [`Limits::max_input_bytes`] bytes, nesting at most [`Limits::max_depth`], a repeated member refused.
///
/// ```
/// use learnwire_cmi5::Limits;
/// use learnwire_cmi5::launch::{AudioPreference, parse_learner_preferences};
/// let limits = Limits::default();
/// let prefs = parse_learner_preferences(br#"{"languagePreference":"fr-CA,en-US","audioPreference":"off"}"#, &limits)?;
/// assert_eq!(prefs.language_preference.len(), 2);
/// assert_eq!(prefs.audio_preference, AudioPreference::Off);
/// let refused = parse_learner_preferences(br#"{"languagePreference":"fr CA","audioPreference":"off"}"#, &limits);
/// assert!(refused.is_err_and(|report| report.has_code("cmi5.preferences.language")));
/// # Ok::<(), learnwire_cmi5::Report>(())
/// ```
///
/// # Errors
/// A [`Report`] with every problem: `cmi5.preferences.json` (not an object, a property missing or
/// not a string), `cmi5.preferences.language`, `cmi5.preferences.audio`.
pub fn parse_learner_preferences(
    bytes: &[u8],
    limits: &Limits,
) -> Result<LearnerPreferences, Report> {
    let mut report = Report::new();
    let root = JsonPointer::root();
    let object = match super::read_document(bytes, limits) {
        Ok(serde_json::Value::Object(object)) => object,
        Ok(_) => {
            report.error(
                Code::new("cmi5.preferences.json"),
                Location::json(root),
                "the learner preferences document must be a JSON object (cmi5 §11, [11.0.0.0-5])",
            );
            return Err(report);
        }
        Err(error) => {
            report.error(
                Code::new("cmi5.preferences.json"),
                Location::json(root),
                format!("the learner preferences document is not JSON: {error}"),
            );
            return Err(report);
        }
    };
    let string_member = |name: &str, report: &mut Report| match object.get(name) {
        Some(serde_json::Value::String(text)) => Some(text.clone()),
        Some(_) => {
            report.error(
                Code::new("cmi5.preferences.json"),
                Location::json(JsonPointer::root().key(name)),
                format!("{name} must be a string"),
            );
            None
        }
        None => {
            report.error(
                Code::new("cmi5.preferences.json"),
                Location::json(JsonPointer::root().key(name)),
                format!("{name} is missing (cmi5 §11, [11.0.0.0-5])"),
            );
            None
        }
    };
    let languages = string_member("languagePreference", &mut report);
    let audio = string_member("audioPreference", &mut report);
    let languages = languages.and_then(|text| {
        let tags: Option<Vec<LanguageTag>> = text
            .split(',')
            .map(|tag| LanguageTag::parse(tag).ok())
            .collect();
        if tags.is_none() {
            report.error(
                Code::new("cmi5.preferences.language"),
                Location::json(JsonPointer::root().key("languagePreference")),
                format!(
                    "languagePreference {} is not a comma-separated list of RFC 5646 language tags (cmi5 §11.1, [11.1.0.0-1])",
                    quote(&text)
                ),
            );
        }
        tags
    });
    let audio = audio.and_then(|text| match text.as_str() {
        "on" => Some(AudioPreference::On),
        "off" => Some(AudioPreference::Off),
        _ => {
            report.error(
                Code::new("cmi5.preferences.audio"),
                Location::json(JsonPointer::root().key("audioPreference")),
                format!("audioPreference {} must be \"on\" or \"off\"", quote(&text)),
            );
            None
        }
    });
    match (languages, audio) {
        (Some(language_preference), Some(audio_preference)) if report.is_valid() => {
            Ok(LearnerPreferences {
                language_preference,
                audio_preference,
            })
        }
        _ => Err(report),
    }
}
