//! `GetValue` and `SetValue` on the data of one attempt, once the API state allows them: name
//! resolution, keywords, collections and their index rules, dependencies, uniqueness, access, types
//! and ranges, in the order of rules N1 and N2 (P-13 for SCORM 2004).

use std::borrow::Cow;

use crate::{Profile, Version};

use super::data::{RECORD_COST, Record};
use super::error::Fault;
use super::interaction;
use super::model::{self, Access, DataType, ElementDef, Needs, definition, definitions};
use super::path::{Keyword, Path};
use super::status;
use super::types::scorm12::clock_centis;
use super::types::{Duration, InvalidKind, chars_over};
use super::{Limits, Options};

mod value;

pub(crate) use value::check_value;

/// What a data-model call needs besides the data.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Ctx<'a> {
    pub(crate) version: Version,
    pub(crate) options: &'a Options,
}

impl Ctx<'_> {
    fn strict(&self) -> bool {
        self.options.profile == Profile::Strict
    }

    fn limits(&self) -> &Limits {
        &self.options.limits
    }
}

/// Keys of the `adl.data` permissions kept beside a record's values (never element names).
pub(crate) const READ_KEY: &str = "#read";
pub(crate) const WRITE_KEY: &str = "#write";

/// `GetValue(name)`.
pub(crate) fn get(ctx: Ctx<'_>, root: &Record, name: &str) -> Result<String, Fault> {
    if name.is_empty() {
        return Err(Fault::ElementEmpty);
    }
    let path = Path::parse(name).ok_or_else(|| unparsable(name, Fault::IndexOutOfRange))?;
    let def = resolve(ctx.version, &path)?;
    if path.leading_zero && ctx.strict() {
        return Err(Fault::IndexOutOfRange);
    }
    let record = root.walk(&path.steps).ok_or(Fault::IndexOutOfRange)?;
    match def.data_type {
        DataType::Children(children) => return Ok(children.to_owned()),
        DataType::Version(version) => return Ok(version.to_owned()),
        DataType::Count => {
            let key = path.leaf.strip_suffix("._count").unwrap_or(&path.leaf);
            return Ok(record.list(key).len().to_string());
        }
        _ => {}
    }
    if def.access == Access::WriteOnly {
        return Err(Fault::WriteOnly);
    }
    if record.value(READ_KEY) == Some("false") && path.leaf == "store" {
        return Err(Fault::WriteOnly);
    }
    if ctx.version.is_2004() {
        match name {
            "cmi.completion_status" => return Ok(status::completion_2004(root).to_owned()),
            "cmi.success_status" => return Ok(status::success_2004(root).to_owned()),
            _ => {}
        }
        if path.template.starts_with("adl.nav.request_valid.") {
            return Ok(record.value(&path.leaf).unwrap_or("unknown").to_owned());
        }
    }
    match record.value(&path.leaf) {
        Some(value) => Ok(value.to_owned()),
        None if ctx.version.is_2004() => Err(Fault::NotInitialized),
        None => Ok(String::new()),
    }
}

/// `SetValue(name, value)`: checks everything first, then changes the data; a failure changes
/// nothing (rule P-09). `size` is the attempt's size ([`Record::size`]), kept up to date.
pub(crate) fn set(
    ctx: Ctx<'_>,
    root: &mut Record,
    size: &mut usize,
    name: &str,
    value: &str,
) -> Result<(), Fault> {
    if name.is_empty() {
        return Err(Fault::ElementEmpty);
    }
    let path = Path::parse(name).ok_or_else(|| unparsable(name, Fault::IndexOutOfOrder))?;
    let def = resolve(ctx.version, &path)?;
    if def.is_keyword() {
        return Err(Fault::Keyword);
    }
    let is_2004 = ctx.version.is_2004();
    if !is_2004 && def.access == Access::ReadOnly {
        return Err(Fault::ReadOnly);
    }
    let new_records = check_indices(ctx, root, &path)?;
    let outer = match path.steps.first() {
        Some(step) => root.walk(std::slice::from_ref(step)),
        None => None,
    };
    let kind = outer.and_then(|record| record.value("type"));
    if is_2004 {
        let has = |key| outer.is_some_and(|record| record.value(key).is_some());
        let met = match def.needs {
            Needs::Nothing => true,
            Needs::Id => has("id"),
            Needs::IdAndType => has("id") && has("type"),
        };
        if !met {
            return Err(Fault::Dependency);
        }
        if path.template.ends_with("correct_responses.n.pattern")
            && kind.is_some_and(interaction::single_pattern)
            && path.steps.get(1).is_some_and(|(_, index)| *index >= 1)
        {
            return Err(Fault::Unique);
        }
        if def.access == Access::ReadOnly {
            return Err(Fault::ReadOnly);
        }
        if path.leaf == "store"
            && root.walk(&path.steps).and_then(|r| r.value(WRITE_KEY)) != Some("true")
        {
            return Err(Fault::ReadOnly);
        }
    }
    let normalized = lenient(ctx, def, value);
    let value: &str = &normalized;
    check_value(ctx, def, value, kind).map_err(|invalid| match invalid.kind {
        InvalidKind::OutOfRange => Fault::OutOfRange,
        _ => Fault::TypeMismatch,
    })?;
    if is_2004 {
        check_unique(root, &path, def, value, kind)?;
    }
    if chars_over(value, ctx.limits().max_value_chars()) {
        return Err(Fault::Limit);
    }
    let existing = root
        .walk(&path.steps)
        .and_then(|record| record.value(&path.leaf));
    let old = existing.map_or(0, |v| v.chars().count() + path.leaf.chars().count());
    let defaults = new_records
        .map(|depth| record_cost(ctx.version, &path, depth))
        .unwrap_or(0);
    let new_size = size
        .saturating_sub(old)
        .saturating_add(value.chars().count() + path.leaf.chars().count())
        .saturating_add(defaults);
    if new_size > ctx.limits().max_total_chars() {
        return Err(Fault::Limit);
    }
    let version = ctx.version;
    let template = path.template.clone();
    let mut dropped = 0usize;
    let mut on_new = |depth: usize, record: &mut Record| {
        for (key, default) in record_defaults(version, &template, depth) {
            record.values.insert(key.to_owned(), default.to_owned());
        }
    };
    let record = root
        .walk_create(&path.steps, &mut on_new)
        .ok_or(Fault::IndexOutOfOrder)?;
    if is_2004
        && path.leaf == "type"
        && !path.template.contains("objectives")
        && record.value("type").is_some_and(|old| old != value)
    {
        dropped = record
            .lists
            .remove("correct_responses")
            .map_or(0, |list| list.iter().map(|r| r.size() + RECORD_COST).sum());
        dropped += record
            .values
            .remove("learner_response")
            .map_or(0, |v| v.chars().count() + "learner_response".len());
    }
    record.values.insert(path.leaf.clone(), value.to_owned());
    *size = new_size.saturating_sub(dropped);
    Ok(())
}

/// The fault of a name that does not parse: a malformed navigation target is a general get/set
/// failure (rule GV-12), anything else an undefined element.
fn unparsable(name: &str, target_fault: Fault) -> Fault {
    if name.starts_with("adl.nav.request_valid.choice.")
        || name.starts_with("adl.nav.request_valid.jump.")
    {
        target_fault
    } else {
        Fault::Undefined
    }
}

/// The lenient profile's readings of values real runtimes send and the spec does not allow, converted
/// to what the spec allows before they are checked and stored: SCORM 1.2 `cmi.core.exit = "normal"`
/// as `""` (rule DV-SA-05), an interaction `result` of `incorrect` as `wrong` (rule I12-11), a
/// CMITimespan with one hour digit padded to two (DV-SA-04); SCORM 2004 timeintervals with weeks,
/// comma decimals or fractions on any unit in their canonical form (T04-17, DV-SA-12). The strict
/// profile takes values as sent (and refuses these).
fn lenient<'v>(ctx: Ctx<'_>, def: &ElementDef, value: &'v str) -> Cow<'v, str> {
    if ctx.strict() {
        return Cow::Borrowed(value);
    }
    if ctx.version.is_2004() {
        if def.data_type == DataType::TimeInterval
            && Duration::parse_interval(value).is_none()
            && let Some(duration) = Duration::parse_interval_lenient(value)
        {
            return Cow::Owned(duration.render());
        }
        return Cow::Borrowed(value);
    }
    match (def.name, value) {
        ("cmi.core.exit", "normal") => Cow::Borrowed(""),
        ("cmi.interactions.n.result", "incorrect") => Cow::Borrowed("wrong"),
        _ if def.data_type == DataType::Timespan && clock_centis(value, 1..=1).is_some() => {
            Cow::Owned(format!("0{value}"))
        }
        _ => Cow::Borrowed(value),
    }
}

/// Finds the definition of `path`, or the fault of a name that is not an element.
fn resolve(version: Version, path: &Path) -> Result<&'static ElementDef, Fault> {
    if let Some(def) = definition(version, &path.template) {
        return Ok(def);
    }
    if let Some(keyword) = path.keyword {
        let parent = path.parent_template();
        if definition(version, parent).is_none() && !model::is_container(version, parent) {
            return Err(Fault::Undefined);
        }
        return Err(match keyword {
            Keyword::Children => Fault::NoChildren,
            Keyword::Count => Fault::NoCount,
            Keyword::Version => Fault::NoVersion,
        });
    }
    if model::is_container(version, &path.template) {
        return Err(Fault::Container);
    }
    Err(Fault::Undefined)
}

/// The index rules of a set (P-06, P-10, N04-11, PM-06): the depth of the first record the set
/// creates, if any.
fn check_indices(ctx: Ctx<'_>, root: &Record, path: &Path) -> Result<Option<usize>, Fault> {
    if path.leading_zero && ctx.strict() {
        return Err(Fault::IndexOutOfOrder);
    }
    let mut record = Some(root);
    let mut created = None;
    for (depth, (key, index)) in path.steps.iter().enumerate() {
        let len = record.map_or(0, |r| r.list(key).len());
        if *index > len {
            return Err(Fault::IndexOutOfOrder);
        }
        if *index == len {
            if key == "adl.data" {
                return Err(Fault::IndexOutOfOrder);
            }
            let cap = if depth == 0 {
                ctx.limits().max_records()
            } else {
                ctx.limits().max_nested_records()
            };
            if len >= cap {
                return Err(Fault::Limit);
            }
            created.get_or_insert(depth);
            record = None;
        } else {
            record = record.and_then(|r| r.list(key).get(*index));
        }
    }
    Ok(created)
}

/// Uniqueness and write-once (rules P-11, P-12, I04-14).
fn check_unique(
    root: &Record,
    path: &Path,
    def: &ElementDef,
    value: &str,
    kind: Option<&str>,
) -> Result<(), Fault> {
    let pattern_unique = path.template.ends_with("correct_responses.n.pattern")
        && kind.is_some_and(interaction::unique_patterns);
    if !def.unique && !pattern_unique {
        return Ok(());
    }
    let Some(((key, index), parents)) = path.steps.split_last() else {
        return Ok(());
    };
    let Some(parent) = root.walk(parents) else {
        return Ok(());
    };
    let list = parent.list(key);
    if def.unique
        && list
            .get(*index)
            .and_then(|r| r.value(&path.leaf))
            .is_some_and(|old| old != value)
    {
        return Err(Fault::Unique);
    }
    let taken = list
        .iter()
        .enumerate()
        .any(|(i, r)| i != *index && r.value(&path.leaf) == Some(value));
    if taken { Err(Fault::Unique) } else { Ok(()) }
}

/// The defaults a record of the collection at `depth` of `template` starts with (rule P-14).
fn record_defaults(
    version: Version,
    template: &str,
    depth: usize,
) -> impl Iterator<Item = (&'static str, &'static str)> {
    let prefix = record_prefix(template, depth);
    definitions(version).filter_map(move |def| {
        let rest = def.name.strip_prefix(prefix.as_str())?.strip_prefix('.')?;
        match def.initial {
            model::Initial::Default(value) if !rest.contains(".n.") => Some((rest, value)),
            _ => None,
        }
    })
}

/// The size cost of the records a set creates from `depth` on.
fn record_cost(version: Version, path: &Path, depth: usize) -> usize {
    (depth..path.steps.len())
        .map(|d| {
            RECORD_COST
                + record_defaults(version, &path.template, d)
                    .map(|(k, v)| k.chars().count() + v.chars().count())
                    .sum::<usize>()
        })
        .sum()
}

/// `cmi.interactions.n` for depth 0 of `cmi.interactions.n.objectives.n.id`, and so on.
fn record_prefix(template: &str, depth: usize) -> String {
    let mut seen = 0;
    let mut out = Vec::new();
    for segment in template.split('.') {
        out.push(segment);
        if segment == "n" {
            if seen == depth {
                break;
            }
            seen += 1;
        }
    }
    out.join(".")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn record_prefixes_and_defaults() {
        assert_eq!(
            record_prefix("cmi.interactions.n.objectives.n.id", 0),
            "cmi.interactions.n"
        );
        assert_eq!(
            record_prefix("cmi.interactions.n.objectives.n.id", 1),
            "cmi.interactions.n.objectives.n"
        );
        let defaults: Vec<_> =
            record_defaults(Version::Scorm2004Edition4, "cmi.objectives.n.id", 0).collect();
        assert!(defaults.contains(&("success_status", "unknown")));
        assert!(defaults.contains(&("completion_status", "unknown")));
        assert_eq!(
            record_defaults(Version::Scorm12, "cmi.objectives.n.id", 0).count(),
            0
        );
    }
}
