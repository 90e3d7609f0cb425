//! Result and Score (Data 2.4.5).

use std::cmp::Ordering;

use crate::json::node::{Node, compare_numbers};
use learnwire_report::quote;

use super::Walker;
use crate::Rule;
use crate::json::path::Path;
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
    // Numbers only; the comparisons below are exact (decimal values, not nearest doubles).
    let mut read = |name: &'static str| {
        map.get(name)
            .filter(|value| walker.number(value, &at.key(name)).is_some())
    };
    let scaled = read("scaled");
    let raw = read("raw");
    let min = read("min");
    let max = read("max");
    if let Some(scaled) = scaled
        && (below(scaled, &Node::NumberText(-1.0, "-1"))
            || above(scaled, &Node::NumberText(1.0, "1")))
    {
        walker.error(Rule::Score, &at.key("scaled"), || {
            format!("scaled must be between -1 and 1, found {}", shown(scaled))
        });
    }
    if let (Some(min), Some(max)) = (min, max) {
        let equal_ok = walker.options.policy().allow_equal_score_bounds();
        let order = compare_numbers(max, min);
        if order == Some(Ordering::Less) || (order == Some(Ordering::Equal) && !equal_ok) {
            walker.error(Rule::Score, &at.key("max"), || {
                format!(
                    "max ({}) must be greater than min ({})",
                    shown(max),
                    shown(min)
                )
            });
        } else if !equal_ok && same_double(max, min) {
            // The typed Score holds doubles: these bounds would be written back as equal ones,
            // which this policy refuses, so the statement is refused now (rounding is monotone,
            // so raw and scaled keep their exact verdicts through the doubles).
            walker.error(Rule::Score, &at.key("max"), || {
                format!(
                    "max ({}) must be greater than min ({}) as a double too: both read as {}",
                    shown(max),
                    shown(min),
                    max.as_f64().unwrap_or(f64::NAN)
                )
            });
        }
    }
    if let (Some(raw), Some(min)) = (raw, min)
        && below(raw, min)
    {
        walker.error(Rule::Score, &at.key("raw"), || {
            format!("raw ({}) is below min ({})", shown(raw), shown(min))
        });
    }
    if let (Some(raw), Some(max)) = (raw, max)
        && above(raw, max)
    {
        walker.error(Rule::Score, &at.key("raw"), || {
            format!("raw ({}) is above max ({})", shown(raw), shown(max))
        });
    }
}

/// True when `value` is exactly below `bound`.
fn below(value: &Node<'_>, bound: &Node<'_>) -> bool {
    compare_numbers(value, bound) == Some(Ordering::Less)
}

/// True when `value` is exactly above `bound`.
fn above(value: &Node<'_>, bound: &Node<'_>) -> bool {
    compare_numbers(value, bound) == Some(Ordering::Greater)
}

/// True when two numbers read as the same double (the value the typed model holds).
fn same_double(a: &Node<'_>, b: &Node<'_>) -> bool {
    matches!((a.as_f64(), b.as_f64()), (Some(a), Some(b)) if a == b)
}

/// The longest number text shown in a message, in characters.
const SHOWN_CHARS: usize = 40;

/// A number for a message: its text as sent (cut when long), or the double.
fn shown(value: &Node<'_>) -> String {
    match value {
        Node::NumberText(_, text) if text.len() > SHOWN_CHARS => {
            let cut: String = text.chars().take(SHOWN_CHARS).collect();
            format!("{cut}…")
        }
        Node::NumberText(_, text) => (*text).to_owned(),
        Node::JsonNumber(number) => number.to_string(),
        other => other
            .as_f64()
            .map(|number| number.to_string())
            .unwrap_or_default(),
    }
}
