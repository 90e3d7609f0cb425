//! What an item's `identifierref` points at, and the checks that depend on it.

use std::collections::BTreeSet;
use std::rc::Rc;

use learnwire_report::quote;

use super::super::Ctx;
use crate::keyed::KeyIndex;
use crate::launch::check_parameters;
use crate::manifest::{Item, Manifest, ScormType};
use crate::rules;

/// What an item's `identifierref` can point at.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Target {
    Resource {
        has_href: bool,
        /// False when the href names the package root or a folder, or only a query or fragment.
        href_names_file: bool,
        scorm_type: Option<ScormType>,
    },
    SubManifest,
}

/// Resources and sub-manifests of a manifest, by identifier (first found wins).
pub(crate) struct ResourceIndex<'m> {
    targets: KeyIndex<'m, Target>,
}

impl<'m> ResourceIndex<'m> {
    /// `nameless` holds the resources whose href names no file ([`Ctx::nameless_hrefs`]).
    pub(crate) fn new(manifest: &'m Manifest, nameless: &BTreeSet<Rc<str>>) -> Self {
        let mut targets = Vec::new();
        let mut stack = vec![manifest];
        while let Some(current) = stack.pop() {
            for resource in &current.resources.list {
                let target = Target::Resource {
                    has_href: resource.href.is_some(),
                    href_names_file: !nameless.contains(resource.identifier.as_str()),
                    scorm_type: resource.scorm_type,
                };
                targets.push((resource.identifier.as_str(), target));
            }
            for sub in &current.sub_manifests {
                targets.push((sub.identifier.as_str(), Target::SubManifest));
                stack.push(sub);
            }
        }
        Self {
            targets: KeyIndex::first_wins(targets),
        }
    }

    /// What `identifier` names.
    pub(crate) fn get(&self, identifier: &str) -> Option<&Target> {
        self.targets.get(identifier)
    }
}

/// The checks that depend on what the item's `identifierref` names: parameters (L-04), leaves and
/// parents (S04-14), resolution (S12-09, S04-15), the resource's href, and SCO-only extensions.
pub(super) fn check_item_target(
    ctx: &mut Ctx<'_, '_>,
    el: usize,
    item: &Item,
    index: &ResourceIndex<'_>,
    sco_only: &[(usize, &str)],
) {
    let is_leaf = item.items.is_empty();
    if let Some(parameters) = &item.parameters {
        check_item_parameters(ctx, el, parameters, item.identifierref.is_some());
    }
    let Some(target) = &item.identifierref else {
        if is_leaf && ctx.is_2004 {
            ctx.emit(
                rules::ITEM_LEAF_WITHOUT_REF,
                el,
                "a leaf item must reference a resource",
            );
        }
        report_sco_only(ctx, sco_only);
        return;
    };
    if !is_leaf && ctx.is_2004 {
        ctx.emit(
            rules::ITEM_PARENT_WITH_REF,
            el,
            "an item with children must not reference a resource",
        );
    }
    match index.get(target) {
        None => ctx.emit(
            rules::ITEM_REF_UNRESOLVED,
            el,
            format!("identifierref {} names no resource", quote(target)),
        ),
        Some(Target::SubManifest) => {
            ctx.emit(
                rules::SUBMANIFEST_REFERENCED,
                el,
                format!("item references sub-manifest {}", quote(target)),
            );
        }
        Some(Target::Resource {
            has_href,
            href_names_file,
            scorm_type,
        }) => {
            if is_leaf {
                check_launched_href(ctx, el, target, *has_href, *href_names_file);
            }
            if ctx.is_2004 && *scorm_type == Some(ScormType::Asset) {
                report_sco_only(ctx, sco_only);
            }
        }
    }
}

/// `parameters`: valid syntax, and only on an item that references something.
fn check_item_parameters(ctx: &mut Ctx<'_, '_>, el: usize, parameters: &str, has_ref: bool) {
    if let Err(problem) = check_parameters(parameters) {
        ctx.emit(
            rules::ITEM_PARAMETERS,
            el,
            format!("parameters {} {problem}", quote(parameters)),
        );
    }
    if !has_ref {
        ctx.emit(
            rules::ITEM_PARAMETERS_WITHOUT_REF,
            el,
            "parameters on an item that launches nothing",
        );
    }
}

/// A leaf item launches the href of resource `target`: it must have one, naming a file.
fn check_launched_href(
    ctx: &mut Ctx<'_, '_>,
    el: usize,
    target: &str,
    has_href: bool,
    href_names_file: bool,
) {
    if !has_href {
        ctx.emit(
            rules::RESOURCE_HREF_MISSING,
            el,
            format!(
                "the item launches resource {}, which has no href",
                quote(target)
            ),
        );
    } else if !href_names_file {
        ctx.emit(
            rules::HREF_NO_FILE,
            el,
            format!(
                "the item launches resource {}, whose href names no file (empty, '.', a folder, or only a query or fragment)",
                quote(target)
            ),
        );
    }
}

/// Reports every extension allowed only on an item that launches a SCO.
fn report_sco_only(ctx: &mut Ctx<'_, '_>, sco_only: &[(usize, &str)]) {
    for (child, name) in sco_only {
        ctx.emit(
            rules::ITEM_SCO_ONLY,
            *child,
            format!("{name} is allowed only on an item that launches a SCO"),
        );
    }
}
