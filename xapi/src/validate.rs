//! The report walker: checks a JSON tree ([`Node`], or a `serde_json::Value` viewed as one) against every statement rule, reporting all
//! problems with a JSON pointer, a stable code and a message. It never needs the typed model.

mod actor;
mod context;
mod object;
mod result;
mod rule;
mod statement;

pub use rule::Rule;

use std::collections::BTreeMap;
use std::collections::btree_map::Entry;

use crate::json::node::{Node, Object};
use learnwire_report::{Location, Report, Severity, quote};

use crate::json::path::Path;
use crate::types::{
    TimestampForms, TimestampProblem, check_iri, check_language_tag, check_timestamp, check_uuid,
};
use crate::{Options, XapiVersion};

/// Validates one statement (already parsed JSON) under `options`, reporting every problem.
///
/// Duplicate keys cannot be seen here (a `Value` has already dropped them); use
/// [`validate_statement_body`](crate::validate_statement_body) on raw bytes for that.
///
/// ```
/// use learnwire_xapi::{Options, validate_value};
/// let statement = serde_json::json!({
///     "actor": {"mbox": "mailto:learner@example.com"},
///     "verb": {"id": "http://adlnet.gov/expapi/verbs/completed"},
///     "object": {"id": "http://example.com/course"}
/// });
/// assert!(validate_value(&statement, &Options::default()).is_valid());
/// ```
pub fn validate_value(statement: &serde_json::Value, options: &Options) -> Report {
    let report = Report::with_issue_limit(options.limits().max_issues());
    validate_node(&Node::from_value(statement), options, report)
}

/// Validates one statement already read into a [`Node`], adding to `report` (whose issue limit
/// bounds the work: past it, problems are only counted).
pub(crate) fn validate_node(statement: &Node<'_>, options: &Options, report: Report) -> Report {
    let mut walker = Walker::new(options);
    walker.report = report;
    statement::statement(&mut walker, statement, &Path::Root);
    walker.report
}

/// The statement validator's Agent and Group rules applied to one actor given on its own (the `agent`
/// parameter of a query or document request), with pointers under `/{name}`.
pub(crate) fn validate_actor_parameter(value: &serde_json::Value, name: &str) -> Report {
    let options = Options::default();
    let mut walker = Walker::new(&options);
    let root = Path::Root;
    actor::actor(
        &mut walker,
        &Node::from_value(value),
        &root.key(name),
        actor::ActorRole::Actor,
    );
    walker.report
}

/// Walks one statement, collecting issues.
pub(crate) struct Walker<'o> {
    pub(crate) options: &'o Options,
    pub(crate) report: Report,
    errors: usize,
}

impl<'o> Walker<'o> {
    pub(crate) fn new(options: &'o Options) -> Self {
        Self {
            options,
            report: Report::new(),
            errors: 0,
        }
    }

    /// True once `stop_at_first_error` is set and an error was reported.
    pub(crate) fn stopped(&self) -> bool {
        self.options.stop_at_first_error() && self.errors > 0
    }

    pub(crate) fn v2(&self) -> bool {
        self.options.version() == XapiVersion::V2_0_0
    }

    /// Reports an error; the pointer (at most [`Limits::max_pointer_bytes`](crate::Limits)) and the
    /// message are built only here, and only while the report keeps issues: once it is full the
    /// error is just counted.
    pub(crate) fn error(&mut self, rule: Rule, at: &Path<'_>, message: impl FnOnce() -> String) {
        if self.stopped() {
            return;
        }
        self.errors = self.errors.saturating_add(1);
        if self.report.is_full() {
            self.report.count_dropped(1, Severity::Error);
            return;
        }
        let bounded = at.pointer_within(self.options.limits().max_pointer_bytes());
        let message = bounded.message(message());
        self.report
            .error(rule.code(), Location::json(bounded.pointer), message);
    }

    /// `null` or a value of the wrong type: reports and returns false.
    fn wrong_type(&mut self, value: &Node<'_>, at: &Path<'_>, expected: &'static str) {
        if value.is_null() {
            self.error(Rule::JsonNull, at, || {
                format!("null is not allowed here (expected {expected})")
            });
        } else {
            let found = value.type_name();
            self.error(Rule::JsonType, at, || {
                format!("expected {expected}, found {found}")
            });
        }
    }

    pub(crate) fn object<'v, 'a>(
        &mut self,
        value: &'v Node<'a>,
        at: &Path<'_>,
        expected: &'static str,
    ) -> Option<&'v Object<'a>> {
        match value {
            Node::Object(map) => {
                if map.len() > self.options.limits().max_collection_items() {
                    self.error(Rule::LimitCollection, at, || {
                        "too many properties".to_owned()
                    });
                    return None;
                }
                Some(map)
            }
            _ => {
                self.wrong_type(value, at, expected);
                None
            }
        }
    }

    pub(crate) fn array<'v, 'a>(
        &mut self,
        value: &'v Node<'a>,
        at: &Path<'_>,
        expected: &'static str,
    ) -> Option<&'v [Node<'a>]> {
        match value {
            Node::Array(items) => {
                if items.len() > self.options.limits().max_collection_items() {
                    self.error(Rule::LimitCollection, at, || {
                        format!(
                            "more than {} items",
                            self.options.limits().max_collection_items()
                        )
                    });
                    return None;
                }
                Some(items)
            }
            _ => {
                self.wrong_type(value, at, expected);
                None
            }
        }
    }

    pub(crate) fn string<'v, 'a>(
        &mut self,
        value: &'v Node<'a>,
        at: &Path<'_>,
        expected: &'static str,
    ) -> Option<&'v str> {
        match value {
            Node::String(text) => {
                if text.len() > self.options.limits().max_string_bytes() {
                    self.error(Rule::LimitString, at, || {
                        format!(
                            "longer than {} bytes",
                            self.options.limits().max_string_bytes()
                        )
                    });
                    return None;
                }
                Some(text)
            }
            _ => {
                self.wrong_type(value, at, expected);
                None
            }
        }
    }

    pub(crate) fn boolean(&mut self, value: &Node<'_>, at: &Path<'_>) {
        if !value.is_boolean() {
            self.wrong_type(value, at, "a boolean");
        }
    }

    pub(crate) fn number(&mut self, value: &Node<'_>, at: &Path<'_>) -> Option<f64> {
        let number = value.as_f64();
        if number.is_none() {
            self.wrong_type(value, at, "a number");
        }
        number
    }

    /// Reports keys not in `allowed` (case mismatches get their own code).
    pub(crate) fn keys(&mut self, map: &Object<'_>, allowed: &[&str], at: &Path<'_>) {
        for key in map.keys() {
            if allowed.contains(&key) {
                continue;
            }
            let child = at.key(key);
            if let Some(right) = allowed.iter().find(|name| name.eq_ignore_ascii_case(key)) {
                self.error(Rule::KeyCase, &child, || {
                    format!("property {} must be spelled {right:?}", quote(key))
                });
            } else {
                self.error(Rule::UnknownKey, &child, || {
                    format!("property {} is not allowed here", quote(key))
                });
            }
        }
    }

    pub(crate) fn missing(&mut self, at: &Path<'_>, name: &'static str, what: &'static str) {
        let child = at.key(name);
        self.error(Rule::MissingProperty, &child, || {
            format!("{what} requires {name:?}")
        });
    }

    pub(crate) fn empty_object(&mut self, map: &Object<'_>, at: &Path<'_>, what: &'static str) {
        if map.is_empty() && self.options.policy().reject_empty_objects() {
            self.error(Rule::EmptyObject, at, || {
                format!("{what} must not be an empty object")
            });
        }
    }

    pub(crate) fn iri(&mut self, value: &Node<'_>, at: &Path<'_>) {
        if let Some(text) = self.string(value, at, "an IRI")
            && !check_iri(text)
        {
            self.error(Rule::Iri, at, || {
                format!("{} is not an absolute IRI", quote(text))
            });
        }
    }

    pub(crate) fn uuid(&mut self, value: &Node<'_>, at: &Path<'_>) {
        if let Some(text) = self.string(value, at, "a UUID")
            && !check_uuid(text, self.options.policy().uuid())
        {
            self.error(Rule::Uuid, at, || format!("{} is not a UUID", quote(text)));
        }
    }

    pub(crate) fn timestamp(&mut self, value: &Node<'_>, at: &Path<'_>) {
        let Some(text) = self.string(value, at, "a timestamp") else {
            return;
        };
        let policy = *self.options.policy();
        let forms = TimestampForms::new(
            policy.timestamp_syntax(),
            self.options.version(),
            policy.allow_timestamp_without_offset(),
        );
        match check_timestamp(text, forms) {
            Ok(_) => {}
            Err(TimestampProblem::UnknownOffset) => {
                self.error(Rule::TimestampUnknownOffset, at, || {
                    format!(
                        "{} uses an unknown-offset form (-00:00, -0000, -00)",
                        quote(text)
                    )
                });
            }
            Err(TimestampProblem::Invalid) => self.error(Rule::Timestamp, at, || {
                format!("{} is not {}", quote(text), forms.describe())
            }),
        }
    }

    /// A language map: language tags to strings, no tag twice (tags are case-insensitive, so
    /// `en-US` and `en-us` are one tag).
    pub(crate) fn language_map(&mut self, value: &Node<'_>, at: &Path<'_>) {
        let Some(map) = self.object(value, at, "a language map") else {
            return;
        };
        self.empty_object(map, at, "a language map");
        for (tag, text) in map.iter() {
            let child = at.key(tag);
            if !check_language_tag(tag) {
                self.error(Rule::LanguageTag, &child, || {
                    format!("{} is not a BCP 47 language tag", quote(tag))
                });
            }
            self.string(text, &child, "a string");
        }
        for (tag, first) in case_repeats(map) {
            let child = at.key(tag);
            self.error(Rule::LanguageMapDuplicateTag, &child, || {
                format!(
                    "language tag {} is {} in another case (tags are case-insensitive)",
                    quote(tag),
                    quote(first)
                )
            });
        }
    }

    /// Extensions: IRI keys, any values (null included). The values are not checked against
    /// any rule, but the documented limits hold inside them: string and key lengths, array and
    /// object sizes, depth.
    pub(crate) fn extensions(&mut self, value: &Node<'_>, at: &Path<'_>) {
        let Some(map) = self.object(value, at, "an extensions object") else {
            return;
        };
        for (key, item) in map.iter() {
            let child = at.key(key);
            if key.len() > self.options.limits().max_string_bytes() {
                self.error(Rule::LimitString, &child, || {
                    format!(
                        "extension key longer than {} bytes",
                        self.options.limits().max_string_bytes()
                    )
                });
            } else if !check_iri(key) {
                self.error(Rule::Iri, &child, || {
                    format!("extension key {} is not an absolute IRI", quote(key))
                });
            }
            self.extension_value(item, &child, 1);
        }
    }

    /// The limits inside an extension value, `depth` levels below the extensions object.
    fn extension_value(&mut self, value: &Node<'_>, at: &Path<'_>, depth: usize) {
        let limits = *self.options.limits();
        match value {
            Node::String(text) if text.len() > limits.max_string_bytes() => {
                self.error(Rule::LimitString, at, || {
                    format!("longer than {} bytes", limits.max_string_bytes())
                });
            }
            Node::Array(_) | Node::Object(_) if depth > limits.effective_depth() => {
                // A stack guard for a `serde_json::Value` given to `validate_value`: the reader
                // refuses deeper input before any walk.
                self.error(Rule::LimitDepth, at, || {
                    format!("nesting deeper than {} levels", limits.effective_depth())
                });
            }
            Node::Array(items) => {
                if items.len() > limits.max_collection_items() {
                    self.error(Rule::LimitCollection, at, || {
                        format!("more than {} items", limits.max_collection_items())
                    });
                    return;
                }
                for (index, item) in items.iter().enumerate() {
                    self.extension_value(item, &at.index(index), depth.saturating_add(1));
                }
            }
            Node::Object(map) => {
                if map.len() > limits.max_collection_items() {
                    self.error(Rule::LimitCollection, at, || {
                        format!("more than {} properties", limits.max_collection_items())
                    });
                    return;
                }
                for (key, item) in map.iter() {
                    let child = at.key(key);
                    if key.len() > limits.max_string_bytes() {
                        self.error(Rule::LimitString, &child, || {
                            format!("key longer than {} bytes", limits.max_string_bytes())
                        });
                    }
                    self.extension_value(item, &child, depth.saturating_add(1));
                }
            }
            _ => {}
        }
    }
}

/// Maps up to this size are searched for case repeats pair by pair, without allocating.
const PAIRWISE_TAGS: usize = 8;

/// Tags of `map` that repeat an earlier tag in another case, each with that earlier tag (the keys
/// are already distinct byte for byte).
fn case_repeats<'m>(map: &'m Object<'_>) -> Vec<(&'m str, &'m str)> {
    let mut repeats = Vec::new();
    if map.len() <= PAIRWISE_TAGS {
        for (at, tag) in map.keys().enumerate() {
            if let Some(first) = map
                .keys()
                .take(at)
                .find(|earlier| earlier.eq_ignore_ascii_case(tag))
            {
                repeats.push((tag, first));
            }
        }
        return repeats;
    }
    let mut seen: BTreeMap<String, &'m str> = BTreeMap::new();
    for tag in map.keys() {
        match seen.entry(tag.to_ascii_lowercase()) {
            Entry::Occupied(first) => repeats.push((tag, *first.get())),
            Entry::Vacant(slot) => {
                slot.insert(tag);
            }
        }
    }
    repeats
}
