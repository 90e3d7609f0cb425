//! Result and Score (Data 2.4.5).

use crate::node::Node;
use learnwire_report::quote;

use super::Walker;
use crate::Rule;
use crate::path::Path;
use crate::types::check_duration;

const RESULT_KEYS: &[&str] = &[
    "score",
    "success",
    "completion",
    "response",
    "duration",
    "extensions",
];
const SCORE_KEYS: &[&str] = &["scaled", "raw", "min", "max"];

/// Checks `result`.
pub(super) fn result(walker: &mut Walker<'_>, value: &Node<'_>, at: &Path<'_>) {
    let Some(map) = walker.object(value, at, "a result object") else {
        return;
    };
    walker.keys(map, RESULT_KEYS, at);
    walker.empty_object(map, at, "result");
    if let Some(value) = map.get("score") {
        score(walker, value, &at.key("score"));
    }
    if let Some(value) = map.get("success") {
        walker.boolean(value, &at.key("success"));
    }
    if let Some(value) = map.get("completion") {
        walker.boolean(value, &at.key("completion"));
    }
    if let Some(value) = map.get("response") {
        walker.string(value, &at.key("response"), "a string");
    }
    if let Some(value) = map.get("duration") {
        let child = at.key("duration");
        if let Some(text) = walker.string(value, &child, "an ISO 8601 duration")
            && !check_duration(text)
        {
            walker.error(Rule::Duration, &child, || {
                format!(
                    "{} is not an ISO 8601 duration (PnYnMnDTnHnMnS or PnW)",
                    quote(text)
                )
            });
        }
    }
    if let Some(value) = map.get("extensions") {
        walker.extensions(value, &at.key("extensions"));
    }
}

fn score(walker: &mut Walker<'_>, value: &Node<'_>, at: &Path<'_>) {
    let Some(map) = walker.object(value, at, "a score object") else {
        return;
    };
    walker.keys(map, SCORE_KEYS, at);
    walker.empty_object(map, at, "score");
    let mut read = |name: &'static str| {
        map.get(name)
            .and_then(|value| walker.number(value, &at.key(name)))
    };
    let scaled = read("scaled");
    let raw = read("raw");
    let min = read("min");
    let max = read("max");
    if let Some(scaled) = scaled
        && !(-1.0..=1.0).contains(&scaled)
    {
        walker.error(Rule::Score, &at.key("scaled"), || {
            format!("scaled must be between -1 and 1, found {scaled}")
        });
    }
    if let (Some(min), Some(max)) = (min, max) {
        let equal_ok = walker.options.policy.allow_equal_score_bounds;
        if max < min || (max == min && !equal_ok) {
            walker.error(Rule::Score, &at.key("max"), || {
                format!("max ({max}) must be greater than min ({min})")
            });
        }
    }
    if let (Some(raw), Some(min)) = (raw, min)
        && raw < min
    {
        walker.error(Rule::Score, &at.key("raw"), || {
            format!("raw ({raw}) is below min ({min})")
        });
    }
    if let (Some(raw), Some(max)) = (raw, max)
        && raw > max
    {
        walker.error(Rule::Score, &at.key("raw"), || {
            format!("raw ({raw}) is above max ({max})")
        });
    }
}
