//! Result and Score (Data 2.4.5).

use serde::{Deserialize, Serialize};

use super::Extensions;
use crate::types::Duration;

/// A statement's `result` (named to avoid clashing with `std::result::Result`).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct StatementOutcome {
    /// The score.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub score: Option<Score>,
    /// Whether the attempt succeeded.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub success: Option<bool>,
    /// Whether the activity was completed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub completion: Option<bool>,
    /// The learner's response.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub response: Option<String>,
    /// How long it took.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub duration: Option<Duration>,
    /// Extensions.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub extensions: Option<Extensions>,
}

impl StatementOutcome {
    /// An empty result.
    pub fn new() -> Self {
        Self::default()
    }
}

/// A score; validated so that `scaled` ∈ [-1, 1] and `min` ≤ `raw` ≤ `max`.
///
/// The validator compares the numbers as sent, exactly; the fields hold the nearest doubles.
/// Rounding to the nearest double keeps order, so a parsed score still satisfies its bounds, and
/// it serializes to the shortest text that reads back as the same double: write then parse gives
/// an equal `Score`. Precision beyond a double is not kept (`123.5678901234567890123` is written
/// as `123.56789012345679`); under a policy refusing equal bounds, bounds that read as the same
/// double are refused (see
/// [`Policy::allow_equal_score_bounds`](crate::Policy::allow_equal_score_bounds)).
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Score {
    /// Scaled score in [-1, 1].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scaled: Option<f64>,
    /// Raw score.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub raw: Option<f64>,
    /// Lowest possible score.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min: Option<f64>,
    /// Highest possible score.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max: Option<f64>,
}

impl Score {
    /// An empty score.
    pub fn new() -> Self {
        Self::default()
    }
}
