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
