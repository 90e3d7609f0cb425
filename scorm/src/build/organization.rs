//! `organizations`, `organization`, `item` and the ADL extensions on items.

use std::collections::BTreeMap;

use learnwire_report::quote;

use super::manifest::{build_metadata, identifier, is_scorm_ns, unexpected};
use super::sequencing::{Place, build_sequencing};
use super::values::{boolean, collapse, decimal, is_cmi_timespan};
use super::{Ctx, ns_is};
use crate::manifest::{Item, Organization, Organizations, TimeLimitAction};
use crate::parse::ns::Ns;
use crate::rules;

mod extensions;
mod target;

use extensions::{completion_threshold, data_maps, presentation};
pub(crate) use target::ResourceIndex;
use target::check_item_target;

/// Builds `organizations`.
pub(crate) fn build_organizations(
    ctx: &mut Ctx<'_, '_>,
    el: usize,
    index: &ResourceIndex<'_>,
) -> Organizations {
    let mut organizations = Organizations {
        default: ctx
            .plain(el, "default")
            .map(|value| collapse(value).into_owned()),
        ..Organizations::default()
    };
    for child in ctx.children(el) {
        let element = ctx.el(child);
        if element.ns.is_cp() && element.local == "organization" {
            let organization = build_organization(ctx, child, index);
            organizations.list.push(organization);
        } else if is_scorm_ns(element.ns) {
            unexpected(ctx, child);
        }
    }
    if organizations.list.is_empty() {
        ctx.emit(
            rules::ORGANIZATIONS_EMPTY,
            el,
            "no organization: a resource package, nothing to launch",
        );
        return organizations;
    }
    match &organizations.default {
        Some(default)
            if !organizations
                .list
                .iter()
                .any(|org| &org.identifier == default) =>
        {
            ctx.emit(
                rules::ORGANIZATIONS_DEFAULT_UNRESOLVED,
                el,
                format!("default organization {} does not exist", quote(default)),
            );
        }
        None if ctx.is_2004 => ctx.emit(
            rules::ORGANIZATIONS_DEFAULT_MISSING,
            el,
            "organizations has no default attribute; the first organization is used",
        ),
        Some(_) | None => {}
    }
    organizations
}

fn build_organization(ctx: &mut Ctx<'_, '_>, el: usize, index: &ResourceIndex<'_>) -> Organization {
    let mut organization = Organization {
        identifier: identifier(ctx, el, rules::ORGANIZATION_IDENTIFIER, "organization"),
        structure: ctx
            .plain(el, "structure")
            .map_or_else(|| "hierarchical".to_owned(), |s| s.trim().to_owned()),
        objectives_global_to_system: true,
        shared_data_global_to_system: true,
        ..Organization::default()
    };
    if let Some(value) = ctx.attr(el, ns_is::adlseq, "objectivesGlobalToSystem") {
        organization.objectives_global_to_system =
            bool_attr(ctx, el, "objectivesGlobalToSystem", value, true);
    }
    if let Some(value) = ctx.attr(el, ns_is::adlcp, "sharedDataGlobalToSystem") {
        organization.shared_data_global_to_system =
            bool_attr(ctx, el, "sharedDataGlobalToSystem", value, true);
    }
    organization.items.reserve_exact(count_items(ctx, el));
    let mut titles = 0;
    for child in ctx.children(el) {
        let element = ctx.el(child);
        match (element.ns, element.local) {
            (ns, "title") if ns.is_cp() => {
                titles += 1;
                organization.title = ctx.text_of(child).to_owned();
                check_title(ctx, child);
            }
            (ns, "item") if ns.is_cp() => {
                let item = build_item(ctx, child, index);
                organization.items.push(item);
            }
            (ns, "metadata") if ns.is_cp() => {
                organization.metadata = Some(Box::new(build_metadata(ctx, child)))
            }
            (Ns::Imsss, "sequencing") => {
                organization.sequencing =
                    Some(Box::new(build_sequencing(ctx, child, Place::Organization)));
            }
            (ns, "completionThreshold") if ns.is_adlcp() => {
                organization.completion_threshold = completion_threshold(ctx, child, true);
            }
            (ns, _) if is_scorm_ns(ns) => unexpected(ctx, child),
            _ => {}
        }
    }
    if titles == 0 {
        ctx.emit(rules::ORGANIZATION_TITLE, el, "organization has no title");
    } else if titles > 1 {
        ctx.emit(
            rules::MANIFEST_DUPLICATE_CHILD,
            el,
            "organization has more than one title",
        );
    }
    if organization.items.is_empty() {
        ctx.emit(rules::ORGANIZATION_NO_ITEMS, el, "organization has no item");
    }
    organization
}

/// The number of `item` children of `el` (to size the vector once: items are large).
fn count_items(ctx: &Ctx<'_, '_>, el: usize) -> usize {
    ctx.children(el)
        .filter(|child| {
            let element = ctx.el(*child);
            element.ns.is_cp() && element.local == "item"
        })
        .count()
}

fn check_title(ctx: &mut Ctx<'_, '_>, el: usize) {
    if super::values::longer_than(ctx.text_of(el), 200) {
        ctx.emit(
            rules::ATTRIBUTE_TOO_LONG,
            el,
            "title is longer than 200 characters",
        );
    }
}

pub(super) fn bool_attr(
    ctx: &mut Ctx<'_, '_>,
    el: usize,
    name: &str,
    value: &str,
    default: bool,
) -> bool {
    boolean(value).unwrap_or_else(|| {
        ctx.emit(
            rules::ITEM_BOOLEAN,
            el,
            format!("{name} is {}, not a boolean", quote(value)),
        );
        default
    })
}

/// Builds one `item`, its children and ADL extensions, then checks what it targets.
fn build_item(ctx: &mut Ctx<'_, '_>, el: usize, index: &ResourceIndex<'_>) -> Item {
    let mut item = Item {
        identifier: identifier(ctx, el, rules::ITEM_IDENTIFIER, "item"),
        identifierref: ctx
            .plain(el, "identifierref")
            .map(|value| collapse(value).into_owned()),
        isvisible: true,
        parameters: ctx
            .plain(el, "parameters")
            .map(|value| value.trim().to_owned()),
        ..Item::default()
    };
    if let Some(value) = ctx.plain(el, "isvisible") {
        item.isvisible = bool_attr(ctx, el, "isvisible", value, true);
    }
    item.items.reserve_exact(count_items(ctx, el));
    let mut titles = 0;
    let mut seen: BTreeMap<&str, usize> = BTreeMap::new();
    let mut sco_only: Vec<(usize, &'static str)> = Vec::new();
    for child in ctx.children(el) {
        let element = ctx.el(child);
        let local = element.local;
        if element.ns.is_adlcp()
            || matches!(element.ns, Ns::Imsss | Ns::Adlnav)
            || (element.ns.is_cp() && local == "metadata")
        {
            let count = seen.entry(local).or_insert(0);
            *count += 1;
            if *count == 2 {
                ctx.emit(
                    rules::MANIFEST_DUPLICATE_CHILD,
                    child,
                    format!("{} may appear only once in an item", quote(element.qname)),
                );
            }
        }
        match (element.ns, local) {
            (ns, "title") if ns.is_cp() => {
                titles += 1;
                item.title = ctx.text_of(child).to_owned();
                check_title(ctx, child);
            }
            (ns, "item") if ns.is_cp() => {
                let nested = build_item(ctx, child, index);
                item.items.push(nested);
            }
            (ns, "metadata") if ns.is_cp() => {
                item.metadata = Some(Box::new(build_metadata(ctx, child)))
            }
            (Ns::Imsss, "sequencing") => {
                item.sequencing = Some(Box::new(build_sequencing(ctx, child, Place::Item)))
            }
            (ns, _) if ns.is_adlcp() => adlcp_child(ctx, child, &mut item, &mut sco_only),
            (Ns::Adlnav, "presentation") => item.presentation = Some(presentation(ctx, child)),
            (ns, _) if is_scorm_ns(ns) => unexpected(ctx, child),
            _ => {}
        }
    }
    if titles == 0 {
        ctx.emit(rules::ITEM_TITLE, el, "item has no title");
    }
    check_item_target(ctx, el, &item, index, &sco_only);
    item
}

/// One ADL CP extension of an item (S12-10..12, S04-17..20); those allowed only on items that launch a
/// SCO go to `sco_only`.
fn adlcp_child(
    ctx: &mut Ctx<'_, '_>,
    child: usize,
    item: &mut Item,
    sco_only: &mut Vec<(usize, &'static str)>,
) {
    match ctx.el(child).local {
        "prerequisites" => {
            item.prerequisites = Some(ctx.text_of(child).to_owned());
            if ctx.attr(child, ns_is::none, "type").map(str::trim) != Some("aicc_script") {
                ctx.emit(
                    rules::ITEM_PREREQUISITES,
                    child,
                    "prerequisites needs type=\"aicc_script\"",
                );
            }
        }
        "maxtimeallowed" => {
            let value = ctx.text_of(child).to_owned();
            if !is_cmi_timespan(&value) {
                ctx.emit(
                    rules::ITEM_MAX_TIME,
                    child,
                    format!("maxtimeallowed {} is not HHHH:MM:SS.SS", quote(&value)),
                );
            }
            item.max_time_allowed = Some(value);
        }
        "timelimitaction" | "timeLimitAction" => {
            let value = ctx.text_of(child);
            item.time_limit_action = TimeLimitAction::parse(value);
            if item.time_limit_action.is_none() {
                ctx.emit(
                    rules::ITEM_TIME_LIMIT_ACTION,
                    child,
                    format!(
                        "timeLimitAction {} is not one of the four allowed values",
                        quote(value)
                    ),
                );
            }
            sco_only.push((child, "timeLimitAction"));
        }
        "datafromlms" | "dataFromLMS" => {
            let value = ctx.text_of(child).to_owned();
            let limit = if ctx.is_2004 { 4000 } else { 255 };
            if super::values::longer_than(&value, limit) {
                ctx.emit(
                    rules::ATTRIBUTE_TOO_LONG,
                    child,
                    format!("dataFromLMS is longer than {limit} characters"),
                );
            }
            item.data_from_lms = Some(value);
            sco_only.push((child, "dataFromLMS"));
        }
        "masteryscore" => mastery_score(ctx, child, item),
        "completionThreshold" => {
            item.completion_threshold = completion_threshold(ctx, child, false);
            if !ctx.el(child).text.trim().is_empty() {
                sco_only.push((child, "completionThreshold"));
            }
        }
        "data" => item.data = data_maps(ctx, child),
        _ => unexpected(ctx, child),
    }
}

/// `adlcp:masteryscore`: a decimal from 0 to 100 (S12-10, S12-11).
fn mastery_score(ctx: &mut Ctx<'_, '_>, child: usize, item: &mut Item) {
    let value = ctx.text_of(child);
    match decimal(value) {
        Some(score) if (0.0..=100.0).contains(&score) => item.mastery_score = Some(score),
        _ => ctx.emit(
            rules::ITEM_MASTERY_SCORE,
            child,
            format!(
                "masteryscore {} is not a decimal from 0 to 100",
                quote(value)
            ),
        ),
    }
}
