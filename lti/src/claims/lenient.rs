//! Reading optional URL members that real platforms send as `""` (the 1EdTech reference platform sends
//! `"url": ""` in `tool_platform`): an empty string means absent; anything else must be a valid URL.

use serde::{Deserialize, Deserializer};
use url::Url;

/// `Option<Url>` where `""` and `null` read as `None`.
pub(crate) fn optional_url<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<Option<Url>, D::Error> {
    let value = Option::<String>::deserialize(deserializer)?;
    match value.as_deref().map(str::trim) {
        None | Some("") => Ok(None),
        Some(text) => Url::parse(text).map(Some).map_err(serde::de::Error::custom),
    }
}

/// A NumericDate (RFC 7519 §2): seconds since the epoch, an integer or a finite fraction (rounded down),
/// within ±10^11 seconds whichever way it is written (the verifier's range). `null`, strings, non-finite
/// numbers and values outside the range are errors, never "absent".
pub(crate) fn numeric_date<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<Option<i64>, D::Error> {
    deserializer.deserialize_any(NumericDateVisitor).map(Some)
}

struct NumericDateVisitor;

impl serde::de::Visitor<'_> for NumericDateVisitor {
    type Value = i64;

    fn expecting(&self, formatter: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        formatter.write_str("a NumericDate (seconds since the epoch)")
    }

    fn visit_i64<E: serde::de::Error>(self, value: i64) -> Result<i64, E> {
        crate::numeric_date::from_i64(value).ok_or_else(|| E::custom("NumericDate out of range"))
    }

    fn visit_u64<E: serde::de::Error>(self, value: u64) -> Result<i64, E> {
        crate::numeric_date::from_u64(value).ok_or_else(|| E::custom("NumericDate out of range"))
    }

    fn visit_f64<E: serde::de::Error>(self, value: f64) -> Result<i64, E> {
        crate::numeric_date::from_f64(value).ok_or_else(|| E::custom("NumericDate out of range"))
    }
}

/// A display size hint in pixels (`launch_presentation.width`/`height`): an integer, a non-negative
/// number (rounded) or a numeric string. Anything else (`"100%"`, negative, absurdly large) is ignored
/// and reads as absent: it is a cosmetic hint, not a security claim, and must not fail a launch.
pub(crate) fn optional_pixels<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<Option<u32>, D::Error> {
    let value = serde_json::Value::deserialize(deserializer)?;
    let number = match &value {
        serde_json::Value::Number(number) => number.as_f64(),
        serde_json::Value::String(text) => text.trim().parse::<f64>().ok(),
        _ => None,
    };
    Ok(number
        .filter(|pixels| (0.0..=f64::from(u32::MAX)).contains(pixels))
        .map(|pixels| {
            #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
            // in [0, u32::MAX], checked above
            let rounded = pixels.round() as u32;
            rounded
        }))
}
