//! Interaction responses: SCORM 2004 `learner_response` and `correct_responses.n.pattern` by type
//! (Part H1, rules I04-01..I04-19) and SCORM 1.2 `CMIFeedback` by type (Part H2, rules I12-01..I12-13).

use super::types::{Number, is_uri_identifier, split_lang};

/// Which of the two 2004 values is checked.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Response {
    Learner,
    Pattern,
}

/// The interaction types whose `correct_responses` hold at most one pattern (absolute maximum, rule
/// I04-01, I04-05, I04-09, I04-10).
pub(crate) fn single_pattern(kind: &str) -> bool {
    matches!(kind, "true-false" | "likert" | "numeric" | "other")
}

/// Types whose patterns must differ from each other (rule I04-14).
pub(crate) fn unique_patterns(kind: &str) -> bool {
    matches!(kind, "choice" | "sequencing")
}

/// Checks a 2004 value of an interaction of type `kind`. `lenient` accepts a bare number as a numeric
/// pattern (rule I04-16).
pub(crate) fn check_2004(kind: &str, which: Response, value: &str, lenient: bool) -> bool {
    let pattern = which == Response::Pattern;
    match kind {
        "true-false" => matches!(value, "true" | "false"),
        "choice" => {
            value.is_empty() || {
                let items: Vec<&str> = value.split("[,]").collect();
                let mut seen = std::collections::BTreeSet::new();
                items
                    .iter()
                    .all(|i| is_uri_identifier(i) && seen.insert(*i))
            }
        }
        "fill-in" => {
            let rest = if pattern {
                match strip_flags(value, &["case_matters", "order_matters"]) {
                    Some(rest) => rest,
                    None => return false,
                }
            } else {
                value
            };
            rest.split("[,]").all(|item| split_lang(item).is_some())
        }
        "long-fill-in" => {
            let rest = if pattern {
                match strip_flags_and_lang(value) {
                    Some(rest) => rest,
                    None => return false,
                }
            } else {
                value
            };
            split_lang(rest).is_some()
        }
        "likert" => is_uri_identifier(value),
        "matching" => {
            (value.is_empty() && !pattern)
                || value.split("[,]").all(|pair| match pair.split_once("[.]") {
                    Some((source, target)) => {
                        is_uri_identifier(source)
                            && is_uri_identifier(target)
                            && !target.contains("[.]")
                    }
                    None => false,
                })
        }
        "performance" => {
            let rest = if pattern {
                match strip_flags(value, &["order_matters"]) {
                    Some(rest) => rest,
                    None => return false,
                }
            } else {
                value
            };
            !rest.is_empty()
                && rest
                    .split("[,]")
                    .all(|record| match record.split_once("[.]") {
                        Some((name, answer)) => {
                            !(name.is_empty() && answer.is_empty())
                                && (name.is_empty() || is_uri_identifier(name))
                                && !answer.contains("[.]")
                                && (!pattern || !answer.contains("[:]") || numeric_range(answer))
                        }
                        None => false,
                    })
        }
        "sequencing" => !value.is_empty() && value.split("[,]").all(is_uri_identifier),
        "numeric" => {
            if pattern {
                numeric_range(value) || (lenient && Number::parse(value, false).is_some())
            } else {
                Number::parse(value, false).is_some()
            }
        }
        // `other`, and a type we do not know (cannot happen: the type is a checked vocabulary).
        _ => true,
    }
}

/// `min[:]max`, either bound a real or empty, min ≤ max (rule I04-16).
fn numeric_range(value: &str) -> bool {
    let Some((min, max)) = value.split_once("[:]") else {
        return false;
    };
    if max.contains("[:]") {
        return false;
    }
    match (bound(min), bound(max)) {
        (Some(Some(min)), Some(Some(max))) => min.cmp_number(&max) != std::cmp::Ordering::Greater,
        (Some(_), Some(_)) => true,
        _ => false,
    }
}

fn bound(text: &str) -> Option<Option<Number<'_>>> {
    if text.is_empty() {
        Some(None)
    } else {
        Number::parse(text, false).map(Some)
    }
}

fn braced(value: &str) -> &str {
    value
        .strip_prefix('{')
        .and_then(|v| v.strip_suffix('}'))
        .unwrap_or(value)
}

/// Strips leading `{name=true|false}` delimiters (each of `names` at most once, any order); `None`
/// when a recognised delimiter has another value (rule P-19).
fn strip_flags<'a>(value: &'a str, names: &[&str]) -> Option<&'a str> {
    let mut rest = value;
    let mut seen = Vec::new();
    'outer: loop {
        for name in names {
            if seen.contains(name) {
                continue;
            }
            let Some(after) = rest
                .strip_prefix('{')
                .and_then(|r| r.strip_prefix(*name))
                .and_then(|r| r.strip_prefix('='))
            else {
                continue;
            };
            let (flag, tail) = after.split_once('}')?;
            if !matches!(flag, "true" | "false") {
                return None;
            }
            seen.push(name);
            rest = tail;
            continue 'outer;
        }
        return Some(rest);
    }
}

/// Long-fill-in patterns: `{case_matters=…}` and `{lang=…}` in either order (rule I04-18).
fn strip_flags_and_lang(value: &str) -> Option<&str> {
    let rest = strip_flags(value, &["case_matters"])?;
    match split_lang(rest)? {
        (Some(_), text) => strip_flags(text, &["case_matters"]).map(|_| rest),
        (None, _) => Some(rest),
    }
}

/// Checks a SCORM 1.2 `CMIFeedback` value for an interaction of type `kind` in the strict reading
/// (rules I12-01..I12-08); `None` when the type is unknown (not set yet).
pub(crate) fn check_12(kind: Option<&str>, value: &str, pattern: bool) -> bool {
    let single = |c: &str| {
        c.len() == 1
            && c.bytes()
                .all(|b| b.is_ascii_digit() || b.is_ascii_lowercase())
    };
    if value.chars().nth(255).is_some() {
        return false;
    }
    match kind {
        Some("true-false") => matches!(value, "0" | "1" | "t" | "f"),
        Some("choice") => {
            let inner = braced(value);
            inner.is_empty() || inner.split(',').all(single)
        }
        Some("numeric") => Number::parse(value, false).is_some(),
        Some("likert") => single(value) || (pattern && value.is_empty()),
        Some("matching") => braced(value).split(',').all(|pair| {
            pair.split_once('.')
                .is_some_and(|(source, target)| single(source) && single(target))
        }),
        Some("sequencing") => value.split(',').all(single),
        // fill-in, performance, or no type yet: a string of at most 255 characters.
        _ => true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ok(kind: &str, which: Response, value: &str) -> bool {
        check_2004(kind, which, value, false)
    }

    #[test]
    fn the_cts_interaction_vectors_of_rules_i04_30_to_i04_44_hold() {
        use Response::{Learner as L, Pattern as P};
        let cases: &[(&str, Response, &str, bool)] = &[
            ("choice", L, "uri.uri.uri.abcd[,]testuri", true),
            ("choice", L, "{}{[]}{}{[]}{}", false),
            ("choice", P, "", true),
            ("choice", P, "[,]", false),
            ("choice", L, "a[,]a", false),
            ("fill-in", L, "{}{[]}{}{[]}{}", true),
            ("fill-in", L, "[,]", true),
            ("fill-in", L, " ", true),
            ("fill-in", L, "{lang=en}", true),
            ("fill-in", P, "{lang=eng}z", true),
            ("fill-in", P, "{lang=en-US}z", true),
            ("fill-in", P, "{order_matters=true-false}z", false),
            ("fill-in", P, "{case_matters=invalid}z", false),
            (
                "fill-in",
                P,
                "{case_matters=true}{order_matters=false}z",
                true,
            ),
            (
                "fill-in",
                P,
                "{lang=en-US}{order_matters=false}{case_matters=invalid}z",
                true,
            ),
            ("long-fill-in", L, "uri.uri.uri[.]abcd[,]testuri", true),
            ("long-fill-in", P, "{case_matters=true}{lang=eng}z", true),
            ("long-fill-in", P, "{lang=eng}{case_matters=true}z", true),
            ("likert", L, "z", true),
            ("likert", L, "uri.uri.uri[.]abcd[,]testuri", false),
            ("matching", P, "z", false),
            ("matching", P, "a[.]", false),
            ("matching", P, "a[.]b[,]c[.]d", true),
            ("matching", L, "", true),
            ("performance", L, "uri.uri.uri[.]abcd[,]testuri", false),
            ("performance", L, "step1[.]answer", true),
            ("performance", L, "[.]", false),
            ("performance", P, "{order_matters=false}s[.]1[:]5", true),
            ("sequencing", L, "[,]", false),
            ("sequencing", L, "a[,]b", true),
            ("numeric", L, "-0.23100", true),
            ("numeric", L, "-234.23003", true),
            ("numeric", L, "410", true),
            ("numeric", L, "4000.003a", false),
            ("numeric", P, "3[:]10", true),
            ("numeric", P, "-1000.333[:]-1.00", true),
            ("numeric", P, "30[:]-4500", false),
            ("numeric", P, "300[:]1.5", false),
            ("numeric", P, "100,000.00", false),
            ("numeric", P, "[:]5", true),
            ("numeric", P, "5", false),
            ("true-false", L, "true", true),
            ("true-false", L, "a[,]a", false),
            ("true-false", P, "", false),
            ("other", L, &"x".repeat(5000), true),
        ];
        for (kind, which, value, expected) in cases {
            assert_eq!(
                ok(kind, *which, value),
                *expected,
                "{kind} {which:?} {value:?}"
            );
        }
        assert!(check_2004("numeric", Response::Pattern, "5", true));
    }

    #[test]
    fn scorm_12_feedback_follows_part_h2() {
        let cases: &[(Option<&str>, &str, bool, bool)] = &[
            (Some("true-false"), "t", false, true),
            (Some("true-false"), "true", false, false),
            (Some("choice"), "a,b", false, true),
            (Some("choice"), "{a,b}", true, true),
            (Some("choice"), "Paris", false, false),
            (Some("likert"), "", true, true),
            (Some("likert"), "", false, false),
            (Some("matching"), "{1.a,2.c}", true, true),
            (Some("matching"), "term1.def3", false, false),
            (Some("numeric"), "2.5", false, true),
            (Some("sequencing"), "a,b,c", false, true),
            (Some("fill-in"), "any text", false, true),
            (None, "anything", false, true),
        ];
        for (kind, value, pattern, expected) in cases {
            assert_eq!(
                check_12(*kind, value, *pattern),
                *expected,
                "{kind:?} {value:?}"
            );
        }
    }
}
