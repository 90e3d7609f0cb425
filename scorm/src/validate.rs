//! Checks across the whole document, after the model is built: identifiers, references, launches.

use std::collections::BTreeSet;

use learnwire_report::quote;

use crate::build::Ctx;
use crate::keyed::{self, KeyIndex};
use crate::launch::{self, Launch, Outcome, Resolver};
use crate::manifest::{Item, Manifest, Resource};
use crate::{Limits, rules};

/// Runs every cross-reference check.
pub(crate) fn cross_check(ctx: &mut Ctx<'_, '_>, manifest: &Manifest) {
    duplicate_ids(ctx);
    let deps = std::mem::take(&mut ctx.dep_refs);
    let mut all_resources = Vec::new();
    let mut stack = if deps.is_empty() {
        Vec::new()
    } else {
        vec![manifest]
    };
    while let Some(current) = stack.pop() {
        all_resources.extend(current.resources.list.iter().map(|r| r.identifier.as_str()));
        stack.extend(current.sub_manifests.iter());
    }
    let resource_ids = KeyIndex::first_wins(all_resources.into_iter().map(|id| (id, ())));
    for (target, el) in &deps {
        if !resource_ids.contains(target) {
            ctx.emit(
                rules::DEPENDENCY_REF_UNRESOLVED,
                *el,
                format!("dependency {} names no resource", quote(target)),
            );
        }
    }
    let seq_refs = std::mem::take(&mut ctx.seq_refs);
    if !seq_refs.is_empty() {
        let seq_ids: BTreeSet<String> = ctx.seq_ids.iter().map(|(id, _)| id.clone()).collect();
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
    }
    unreferenced_resources(ctx, manifest, &deps);
}

/// Reports every xs:ID already declared earlier in the document, in document order.
fn duplicate_ids(ctx: &mut Ctx<'_, '_>) {
    let ids = std::mem::take(&mut ctx.ids);
    let repeats = keyed::repeats(ids.iter().map(|(id, _)| id.as_ref()));
    for position in repeats {
        if let Some((id, el)) = ids.get(position) {
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
    let mut used: Vec<&str> = deps.iter().map(|(id, _)| id.as_str()).collect();
    let mut stack = vec![manifest];
    while let Some(current) = stack.pop() {
        for organization in &current.organizations.list {
            for item in organization.items_preorder() {
                if let Some(target) = &item.identifierref {
                    used.push(target);
                }
            }
        }
        stack.extend(current.sub_manifests.iter());
    }
    let used = KeyIndex::first_wins(used.into_iter().map(|id| (id, ())));
    let unused: Vec<usize> = ctx
        .resource_els
        .iter()
        .enumerate()
        .filter(|(_, (id, _))| !id.is_empty() && !used.contains(id))
        .map(|(position, _)| position)
        .collect();
    drop(used);
    for position in unused {
        let Some((id, el)) = ctx.resource_els.get(position) else {
            continue;
        };
        let (message, el) = (
            format!(
                "resource {} is not used by any item or dependency",
                quote(id)
            ),
            *el,
        );
        ctx.emit(rules::RESOURCE_UNREFERENCED, el, message);
    }
}

/// Every resource of a manifest and its sub-manifests, by identifier (first wins), with the xml:base
/// chain of the resources element holding it (outermost first; the resource's own base is not in it).
struct ResourceMap<'m> {
    /// Each resource with the index of its chain in `chains`.
    resources: KeyIndex<'m, (&'m Resource, usize)>,
    /// The chains, one per manifest.
    chains: Vec<Vec<&'m str>>,
}

impl<'m> ResourceMap<'m> {
    fn new(manifest: &'m Manifest) -> Self {
        let mut chains = Vec::new();
        let mut found = Vec::new();
        index(manifest, &mut Vec::new(), &mut chains, &mut found);
        Self {
            resources: KeyIndex::first_wins(found),
            chains,
        }
    }

    /// The resource named `identifier` and the chain of its resources element.
    fn get(&self, identifier: &str) -> Option<(&'m Resource, &[&'m str])> {
        let (resource, chain) = self.resources.get(identifier)?;
        Some((resource, self.chains.get(*chain)?.as_slice()))
    }
}

/// Collects the resources of `manifest` and its sub-manifests (document order, manifest first).
#[allow(clippy::type_complexity)]
fn index<'m>(
    manifest: &'m Manifest,
    chain: &mut Vec<&'m str>,
    chains: &mut Vec<Vec<&'m str>>,
    found: &mut Vec<(&'m str, (&'m Resource, usize))>,
) {
    let depth = chain.len();
    if let Some(base) = &manifest.base {
        chain.push(base);
    }
    let with_manifest = chain.len();
    if let Some(base) = &manifest.resources.base {
        chain.push(base);
    }
    let chain_index = chains.len();
    chains.push(chain.clone());
    for resource in &manifest.resources.list {
        found.push((resource.identifier.as_str(), (resource, chain_index)));
    }
    chain.truncate(with_manifest);
    for sub in &manifest.sub_manifests {
        index(sub, chain, chains, found);
    }
    chain.truncate(depth);
}

/// The launches of a manifest, and whether [`Limits::max_launch_bytes`] or the item visits
/// ([`Limits::max_elements`]) stopped the walk before its end.
#[derive(Debug, Default)]
pub(crate) struct Launches {
    pub(crate) list: Vec<Launch>,
    pub(crate) capped: bool,
}

/// What one launch costs against [`Limits::max_launch_bytes`], besides its strings.
const LAUNCH_OVERHEAD: usize = std::mem::size_of::<Launch>();

/// Every launchable item of every organization, default organization first, items in pre-order. An
/// item that references a sub-manifest stands for the sub-manifest's default organization (SM-02).
pub(crate) fn launches(manifest: &Manifest, limits: &Limits) -> Launches {
    let map = ResourceMap::new(manifest);
    let subs = sub_manifests_by_id(manifest);
    let default = manifest
        .default_organization()
        .map(|org| org.identifier.as_str());
    let mut organizations: Vec<_> = manifest.organizations.list.iter().collect();
    organizations.sort_by_key(|org| Some(org.identifier.as_str()) != default);
    let mut walk = Walk {
        map: &map,
        subs: &subs,
        chain: Vec::new(),
        resolver: Resolver::new(limits),
        out: Vec::new(),
        bytes_left: limits.max_launch_bytes(),
        visits_left: limits.max_elements(),
        capped: false,
    };
    for organization in organizations {
        let mut visited = BTreeSet::new();
        walk.collect(
            &organization.identifier,
            &organization.items_preorder(),
            &mut visited,
        );
    }
    Launches {
        list: walk.out,
        capped: walk.capped,
    }
}

/// Every sub-manifest of `manifest`, at any depth, by identifier (the first found wins): what an item's
/// `identifierref` may name instead of a resource (SM-02).
pub(crate) fn sub_manifests_by_id(
    manifest: &Manifest,
) -> std::collections::BTreeMap<&str, &Manifest> {
    let mut subs = std::collections::BTreeMap::new();
    let mut stack: Vec<&Manifest> = manifest.sub_manifests.iter().collect();
    while let Some(sub) = stack.pop() {
        subs.entry(sub.identifier.as_str()).or_insert(sub);
        stack.extend(sub.sub_manifests.iter());
    }
    subs
}

/// The state of one launch walk.
struct Walk<'w, 'm> {
    map: &'w ResourceMap<'m>,
    subs: &'w std::collections::BTreeMap<&'m str, &'m Manifest>,
    /// Reused for each resource's full xml:base chain.
    chain: Vec<&'m str>,
    resolver: Resolver,
    out: Vec<Launch>,
    /// What is left of [`Limits::max_launch_bytes`].
    bytes_left: usize,
    /// Items that may still be visited: [`Limits::max_elements`] in all, so that only re-expanding
    /// sub-manifests can run out of them.
    visits_left: usize,
    /// Set when a budget ran out: the walk stops.
    capped: bool,
}

impl<'m> Walk<'_, 'm> {
    fn collect(&mut self, organization: &str, items: &[&'m Item], visited: &mut BTreeSet<&'m str>) {
        self.out
            .reserve(items.len().min(self.bytes_left / LAUNCH_OVERHEAD));
        for item in items {
            if self.capped {
                return;
            }
            let Some(visits_left) = self.visits_left.checked_sub(1) else {
                self.capped = true;
                return;
            };
            self.visits_left = visits_left;
            if let Some(sub) = item
                .identifierref
                .as_deref()
                .and_then(|id| self.subs.get(id).copied())
            {
                if visited.insert(sub.identifier.as_str())
                    && let Some(inner) = sub.default_organization()
                {
                    self.collect(organization, &inner.items_preorder(), visited);
                }
                continue;
            }
            if let Some(launch) = self.launch_of(organization, item) {
                self.out.push(launch);
            }
        }
    }

    fn launch_of(&mut self, organization: &str, item: &Item) -> Option<Launch> {
        let target = item.identifierref.as_deref()?;
        let (resource, chain) = self.map.get(target)?;
        let href = resource.href.as_deref()?;
        self.chain.clear();
        self.chain.extend_from_slice(chain);
        if let Some(base) = &resource.base {
            self.chain.push(base);
        }
        let outcome = self.resolver.run(&self.chain, href)?;
        if matches!(outcome, Outcome::Package) && !self.resolver.names_file() {
            // scorm.href.no-file: the root or a folder is nothing to launch.
            return None;
        }
        let external_url;
        let (resolved, external) = match &outcome {
            Outcome::Package => (self.resolver.url(), false),
            Outcome::External(url) => {
                external_url = url.to_string();
                (external_url.as_str(), true)
            }
        };
        let parameters = item.parameters.as_deref().unwrap_or("");
        // An upper bound of what the launch keeps, checked before anything is copied.
        let cost = [
            LAUNCH_OVERHEAD,
            item.identifier.len(),
            resolved.len(),
            parameters.len(),
            1,
            organization.len(),
            resource.identifier.len(),
        ]
        .iter()
        .fold(0usize, |sum, part| sum.saturating_add(*part));
        let Some(bytes_left) = self.bytes_left.checked_sub(cost) else {
            self.capped = true;
            return None;
        };
        self.bytes_left = bytes_left;
        let url = launch::merge_parameters(resolved, parameters);
        Some(Launch {
            item: item.identifier.clone(),
            url,
            organization: organization.to_owned(),
            resource: resource.identifier.clone(),
            scorm_type: resource.scorm_type,
            external,
        })
    }
}
