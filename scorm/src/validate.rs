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
    let ids = std::mem::take(&mut ctx.ids);
    let mut seen: BTreeSet<&str> = BTreeSet::new();
    for (id, el) in &ids {
        if !seen.insert(id.as_str()) {
            ctx.emit(
                rules::ID_DUPLICATE,
                *el,
                format!("identifier {} is already used in this document", quote(id)),
            );
        }
    }
    drop(seen);
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

/// Every resource of a manifest and its sub-manifests, by identifier (first wins), with its xml:base
/// chain (outermost first).
type ResourceMap<'m> = std::collections::BTreeMap<&'m str, (&'m Resource, Vec<&'m str>)>;

fn index_resources<'m>(
    manifest: &'m Manifest,
    chain: &mut Vec<&'m str>,
    map: &mut ResourceMap<'m>,
) {
    let depth = chain.len();
    if let Some(base) = &manifest.base {
        chain.push(base);
    }
    let with_manifest = chain.len();
    if let Some(base) = &manifest.resources.base {
        chain.push(base);
    }
    for resource in &manifest.resources.list {
        map.entry(resource.identifier.as_str()).or_insert_with(|| {
            let mut own = chain.clone();
            if let Some(base) = &resource.base {
                own.push(base);
            }
            (resource, own)
        });
    }
    chain.truncate(with_manifest);
    for sub in &manifest.sub_manifests {
        index_resources(sub, chain, map);
    }
    chain.truncate(depth);
}

/// Every launchable item of every organization, default organization first, items in pre-order. An
/// item that references a sub-manifest stands for the sub-manifest's default organization (SM-02).
pub(crate) fn launches(manifest: &Manifest) -> Vec<Launch> {
    let mut map = ResourceMap::new();
    index_resources(manifest, &mut Vec::new(), &mut map);
    let mut subs = std::collections::BTreeMap::new();
    let mut stack: Vec<&Manifest> = manifest.sub_manifests.iter().collect();
    while let Some(sub) = stack.pop() {
        subs.entry(sub.identifier.as_str()).or_insert(sub);
        stack.extend(sub.sub_manifests.iter());
    }
    let mut out = Vec::new();
    let default = manifest
        .default_organization()
        .map(|org| org.identifier.as_str());
    let mut organizations: Vec<_> = manifest.organizations.list.iter().collect();
    organizations.sort_by_key(|org| Some(org.identifier.as_str()) != default);
    for organization in organizations {
        let mut visited = BTreeSet::new();
        collect(
            &map,
            &subs,
            &organization.identifier,
            &organization.items_preorder(),
            &mut visited,
            &mut out,
        );
    }
    out
}

fn collect<'m>(
    map: &ResourceMap<'m>,
    subs: &std::collections::BTreeMap<&'m str, &'m Manifest>,
    organization: &str,
    items: &[&'m Item],
    visited: &mut BTreeSet<&'m str>,
    out: &mut Vec<Launch>,
) {
    for item in items {
        if let Some(sub) = item.identifierref.as_deref().and_then(|id| subs.get(id)) {
            if visited.insert(sub.identifier.as_str())
                && let Some(inner) = sub.default_organization()
            {
                collect(
                    map,
                    subs,
                    organization,
                    &inner.items_preorder(),
                    visited,
                    out,
                );
            }
            continue;
        }
        if let Some(launch) = launch_of(map, organization, item) {
            out.push(launch);
        }
    }
}

fn launch_of(map: &ResourceMap<'_>, organization: &str, item: &Item) -> Option<Launch> {
    let target = item.identifierref.as_deref()?;
    let (resource, chain) = map.get(target)?;
    let href = resource.href.as_deref()?;
    let (resolved, _) = launch::resolve(chain, href);
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
