//! ADL extensions on items and organizations: completionThreshold, data/map, presentation.

use learnwire_report::quote;

use super::bool_attr;
use crate::build::values::{collapse, decimal};
use crate::build::{Ctx, ns_is};
use crate::manifest::{CompletionThreshold, DataMap, Presentation};
use crate::rules;

pub(super) fn completion_threshold(
    ctx: &mut Ctx<'_, '_>,
    el: usize,
    on_organization: bool,
) -> Option<CompletionThreshold> {
    let text = ctx.text_of(el);
    let has_attrs = !ctx.attrs_of(el).is_empty();
    let mut threshold = CompletionThreshold::default();
    if !text.is_empty() {
        if has_attrs || on_organization {
            ctx.emit(
                rules::ITEM_COMPLETION_THRESHOLD,
                el,
                "completionThreshold has a value and attributes, or a value on an organization",
            );
        }
        match decimal(text) {
            Some(value) if (0.0..=1.0).contains(&value) => {
                threshold.completed_by_measure = true;
                threshold.min_progress_measure = value;
            }
            _ => ctx.emit(
                rules::ITEM_COMPLETION_THRESHOLD,
                el,
                format!(
                    "completionThreshold {} is not a decimal from 0 to 1",
                    quote(text)
                ),
            ),
        }
        return Some(threshold);
    }
    if let Some(value) = ctx.attr(el, ns_is::none, "completedByMeasure") {
        threshold.completed_by_measure = bool_attr(ctx, el, "completedByMeasure", value, false);
    }
    for (name, slot) in [("minProgressMeasure", 0), ("progressWeight", 1)] {
        if let Some(value) = ctx.attr(el, ns_is::none, name) {
            match decimal(value) {
                Some(number) if (0.0..=1.0).contains(&number) => {
                    if slot == 0 {
                        threshold.min_progress_measure = number;
                    } else {
                        threshold.progress_weight = number;
                    }
                }
                _ => ctx.emit(
                    rules::ITEM_COMPLETION_THRESHOLD,
                    el,
                    format!("{name} {} is not a decimal from 0 to 1", quote(value)),
                ),
            }
        }
    }
    Some(threshold)
}

pub(super) fn data_maps(ctx: &mut Ctx<'_, '_>, el: usize) -> Vec<DataMap> {
    let mut maps = Vec::new();
    for map in ctx.kids(el, ns_is::adlcp, "map") {
        let target = ctx
            .attr(map, ns_is::none, "targetID")
            .map(|v| collapse(v).into_owned())
            .unwrap_or_default();
        if target.is_empty() {
            ctx.emit(
                rules::ITEM_DATA_MAP,
                map,
                "adlcp:map needs a non-blank targetID",
            );
        }
        let mut data = DataMap {
            target_id: target,
            read_shared_data: true,
            write_shared_data: false,
        };
        if let Some(value) = ctx.attr(map, ns_is::none, "readSharedData") {
            data.read_shared_data = bool_attr(ctx, map, "readSharedData", value, true);
        }
        if let Some(value) = ctx.attr(map, ns_is::none, "writeSharedData") {
            data.write_shared_data = bool_attr(ctx, map, "writeSharedData", value, false);
        }
        maps.push(data);
    }
    if maps.is_empty() {
        ctx.emit(
            rules::ITEM_DATA_MAP,
            el,
            "adlcp:data needs at least one adlcp:map",
        );
    }
    maps
}

const HIDE_LMS_UI: [&str; 7] = [
    "abandon",
    "continue",
    "exit",
    "previous",
    "suspendAll",
    "exitAll",
    "abandonAll",
];

pub(super) fn presentation(ctx: &mut Ctx<'_, '_>, el: usize) -> Presentation {
    let mut presentation = Presentation::default();
    let interfaces = ctx.kids(el, ns_is::adlnav, "navigationInterface");
    if interfaces.len() > 1 {
        ctx.emit(
            rules::ITEM_PRESENTATION,
            el,
            "more than one navigationInterface",
        );
    }
    for interface in interfaces {
        for hide in ctx.kids(interface, ns_is::adlnav, "hideLMSUI") {
            let value = ctx.text_of(hide);
            if HIDE_LMS_UI.contains(&value) {
                presentation.hide_lms_ui.push(value.to_owned());
            } else {
                ctx.emit(
                    rules::ITEM_PRESENTATION,
                    hide,
                    format!("hideLMSUI {} is not an allowed value", quote(value)),
                );
            }
        }
    }
    presentation
}
