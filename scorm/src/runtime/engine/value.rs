//! Type, format, vocabulary and range checks of a value against its element (rules Part G, Part H,
//! P-17, D12-57, N04-01).

use crate::Version;
use crate::runtime::interaction::{self, Response};
use crate::runtime::model::{DataType, ElementDef};
use crate::runtime::types::{self, InvalidValue, Number, chars_over, within};

use super::Ctx;

/// Checks `value` against the type of `def` (rules Part G, Part H); `kind` is the interaction type.
pub(crate) fn check_value(
    ctx: Ctx<'_>,
    def: &ElementDef,
    value: &str,
    kind: Option<&str>,
) -> Result<(), InvalidValue> {
    use types::scorm12 as t12;
    let strict = ctx.strict();
    let lenient_cap = ctx.limits().max_lenient_12_chars();
    let long = |limit: usize| {
        if chars_over(
            value,
            if strict {
                limit
            } else {
                lenient_cap.max(limit)
            },
        ) {
            Err(InvalidValue::mismatch(
                "a string within the element's length",
            ))
        } else {
            Ok(())
        }
    };
    match def.data_type {
        DataType::Children(_) | DataType::Count | DataType::Version(_) => {
            Err(InvalidValue::mismatch("nothing: keywords are read-only"))
        }
        DataType::String255 => long(255),
        DataType::String4096 => long(4096),
        DataType::Identifier => {
            if strict {
                t12::check_identifier(value)
            } else {
                t12::check_identifier_lenient(value, lenient_cap.max(255))
            }
        }
        DataType::Decimal {
            min,
            max,
            blank,
            strict_range,
        } => {
            if blank && value.is_empty() {
                return Ok(());
            }
            let number =
                Number::parse(value, false).ok_or(InvalidValue::mismatch("a CMIDecimal"))?;
            if (strict || !strict_range) && !within(&number, min, max) {
                return Err(InvalidValue::range(
                    "a CMIDecimal within the element's range",
                ));
            }
            Ok(())
        }
        DataType::SInteger { min, max } => t12::sinteger_in(value, min, max),
        DataType::Time => t12::check_time(value),
        DataType::Timespan => {
            if strict {
                t12::check_timespan(value)
            } else {
                t12::clock_centis(value, 1..=10)
                    .map(|_| ())
                    .ok_or(InvalidValue::mismatch("a CMITimespan HHHH:MM:SS.SS"))
            }
        }
        DataType::Vocabulary(tokens) => {
            if tokens.contains(&value) {
                Ok(())
            } else {
                Err(InvalidValue::mismatch(
                    "a token of the element's vocabulary",
                ))
            }
        }
        DataType::Feedback => {
            long(255)?;
            if strict && !interaction::check_12(kind, value, def.name.ends_with("pattern")) {
                return Err(InvalidValue::mismatch(
                    "a CMIFeedback of the interaction's type",
                ));
            }
            Ok(())
        }
        DataType::Result12 => {
            let word = ["correct", "wrong", "unanticipated", "neutral"].contains(&value);
            if word || Number::parse(value, false).is_some() {
                Ok(())
            } else {
                Err(InvalidValue::mismatch(
                    "correct, wrong, unanticipated, neutral or a CMIDecimal",
                ))
            }
        }
        DataType::CharacterString => Ok(()),
        DataType::LocalizedString => types::text::check_localized(value),
        DataType::Language => {
            if value.is_empty() {
                Ok(())
            } else {
                types::text::check_language(value)
            }
        }
        DataType::LongIdentifier => types::text::check_identifier(value),
        DataType::Real { min, max } => {
            let number = Number::parse(value, false)
                .ok_or(InvalidValue::mismatch("a real number [-]digits[.digits]"))?;
            if within(&number, min, max) {
                Ok(())
            } else {
                Err(InvalidValue::range(
                    "a real number within the element's range",
                ))
            }
        }
        DataType::Timestamp if strict => types::scorm2004::check_timestamp(value),
        DataType::Timestamp => types::scorm2004::check_timestamp_lenient(value),
        DataType::TimeInterval => types::scorm2004::check_interval(value),
        DataType::Result2004 => {
            if ["correct", "incorrect", "unanticipated", "neutral"].contains(&value)
                || Number::parse(value, false).is_some()
            {
                Ok(())
            } else {
                Err(InvalidValue::mismatch(
                    "correct, incorrect, unanticipated, neutral or a real number",
                ))
            }
        }
        DataType::LearnerResponse | DataType::Pattern => {
            let which = if def.data_type == DataType::Pattern {
                Response::Pattern
            } else {
                Response::Learner
            };
            let kind = kind.unwrap_or("other");
            if interaction::check_2004(kind, which, value, !strict) {
                Ok(())
            } else {
                Err(InvalidValue::mismatch(
                    "a response in the format of the interaction's type",
                ))
            }
        }
        DataType::NavRequest => {
            if nav_request_ok(ctx.version, value) {
                Ok(())
            } else {
                Err(InvalidValue::mismatch("a navigation request"))
            }
        }
    }
}

/// `adl.nav.request` values (rule N04-01; `jump` in the 4th Edition only).
fn nav_request_ok(version: Version, value: &str) -> bool {
    if [
        "continue",
        "previous",
        "exit",
        "exitAll",
        "abandon",
        "abandonAll",
        "suspendAll",
        "_none_",
    ]
    .contains(&value)
    {
        return true;
    }
    let Some(rest) = value.strip_prefix("{target=") else {
        return false;
    };
    let Some((target, request)) = rest.split_once('}') else {
        return false;
    };
    let request_ok =
        request == "choice" || (request == "jump" && version == Version::Scorm2004Edition4);
    request_ok && types::is_uri_identifier(target)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn navigation_requests() {
        let v4 = Version::Scorm2004Edition4;
        assert!(nav_request_ok(v4, "{target=activity_1}choice"));
        assert!(nav_request_ok(v4, "{target=a}jump"));
        assert!(!nav_request_ok(
            Version::Scorm2004Edition3,
            "{target=a}jump"
        ));
        assert!(!nav_request_ok(v4, "{target=}choice"));
        assert!(!nav_request_ok(v4, "start"));
    }
}
