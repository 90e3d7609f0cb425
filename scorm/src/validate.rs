//! Checks across the whole document, after the model is built: identifiers, references, launches.

use std::collections::BTreeSet;

use learnwire_report::quote;

use crate::build::Ctx;
use crate::launch::{self, Launch, Target};
use crate::manifest::{Item, Manifest, Resource};
use crate::rules;

/// Runs every cross-reference check.
pub(crate) fn cross_check(ctx: &mut Ctx<'_, '_>, manifest: &Manifest) {
    duplicate_ids(ctx);
    let mut resource_ids = BTreeSet::new();
    let mut stack = vec![manifest];
    while let Some(current) = stack.pop() {
        resource_ids.extend(current.resources.list.iter().map(|r| r.identifier.clone()));
        stack.extend(current.sub_manifests.iter());
    }
    let deps = std::mem::take(&mut ctx.dep_refs);
    for (target, el) in &deps {
        if !resource_ids.contains(target) {
            ctx.emit(
                rules::DEPENDENCY_REF_UNRESOLVED,
                *el,
                format!("dependency {} names no resource", quote(target)),
            );
        }
    }
    let seq_ids: BTreeSet<String> = ctx.seq_ids.iter().map(|(id, _)| id.clone()).collect();
    let seq_refs = std::mem::take(&mut ctx.seq_refs);
    for (id_ref, el) in &seq_refs {
        if !seq_ids.contains(id_ref) {
            ctx.emit(
                rules::SEQ_IDREF_UNRESOLVED,
                *el,
                format!(
                    "IDRef {} names no sequencing of the sequencingCollection",
                    quote(id_ref)
                ),
            );
        }
    }
    unreferenced_resources(ctx, manifest, &deps);
}

fn duplicate_ids(ctx: &mut Ctx<'_, '_>) {
    let mut seen: BTreeSet<String> = BTreeSet::new();
    let ids = std::mem::take(&mut ctx.ids);
    for (id, el) in &ids {
        if !seen.insert(id.clone()) {
            ctx.emit(
                rules::ID_DUPLICATE,
                *el,
                format!("identifier {} is already used in this document", quote(id)),
            );
        }
    }
    ctx.ids = ids;
}

fn unreferenced_resources(ctx: &mut Ctx<'_, '_>, manifest: &Manifest, deps: &[(String, usize)]) {
    let mut used: BTreeSet<&str> = deps.iter().map(|(id, _)| id.as_str()).collect();
    let mut stack = vec![manifest];
    while let Some(current) = stack.pop() {
        for organization in &current.organizations.list {
            for item in organization.items_preorder() {
                if let Some(target) = &item.identifierref {
                    used.insert(target);
                }
            }
        }
        stack.extend(current.sub_manifests.iter());
    }
    let unused: Vec<(String, usize)> = ctx
        .resource_els
        .iter()
        .filter(|(id, _)| !id.is_empty() && !used.contains(id.as_str()))
        .cloned()
        .collect();
    for (id, el) in unused {
        ctx.emit(
            rules::RESOURCE_UNREFERENCED,
            el,
            format!(
                "resource {} is not used by any item or dependency",
                quote(&id)
            ),
        );
    }
}

/// Finds a resource and its xml:base chain (outermost first) in a manifest and its sub-manifests.
fn find_resource<'m>(
    manifest: &'m Manifest,
    id: &str,
    chain: &mut Vec<&'m str>,
) -> Option<&'m Resource> {
    let depth = chain.len();
    if let Some(base) = &manifest.base {
        chain.push(base);
    }
    let with_resources = chain.len();
    if let Some(base) = &manifest.resources.base {
        chain.push(base);
    }
    if let Some(resource) = manifest.resources.list.iter().find(|r| r.identifier == id) {
        if let Some(base) = &resource.base {
            chain.push(base);
        }
        return Some(resource);
    }
    chain.truncate(with_resources);
    for sub in &manifest.sub_manifests {
        if let Some(found) = find_resource(sub, id, chain) {
            return Some(found);
        }
    }
    chain.truncate(depth);
    None
}

/// Every launchable item of every organization, default organization first, items in pre-order.
pub(crate) fn launches(manifest: &Manifest) -> Vec<Launch> {
    let mut out = Vec::new();
    let default = manifest
        .default_organization()
        .map(|org| org.identifier.as_str());
    let mut organizations: Vec<_> = manifest.organizations.list.iter().collect();
    organizations.sort_by_key(|org| Some(org.identifier.as_str()) != default);
    for organization in organizations {
        for item in organization.items_preorder() {
            if let Some(launch) = launch_of(manifest, &organization.identifier, item) {
                out.push(launch);
            }
        }
    }
    out
}

fn launch_of(manifest: &Manifest, organization: &str, item: &Item) -> Option<Launch> {
    let target = item.identifierref.as_deref()?;
    let mut chain = Vec::new();
    let resource = find_resource(manifest, target, &mut chain)?;
    let href = resource.href.as_deref()?;
    let (resolved, _) = launch::resolve(&chain, href);
    let resolved = resolved?;
    let external = matches!(resolved.target, Target::External(_));
    let url = match &item.parameters {
        Some(parameters) => launch::merge_parameters(&resolved.url, parameters),
        None => resolved.url,
    };
    Some(Launch {
        item: item.identifier.clone(),
        url,
        organization: organization.to_owned(),
        resource: resource.identifier.clone(),
        scorm_type: resource.scorm_type,
        external,
    })
}
