//! Checks across the whole document, after the model is built: identifiers, references, launches.

use std::collections::BTreeSet;

use learnwire_report::quote;

use crate::build::Ctx;
use crate::keyed::{self, KeyIndex};
use crate::launch::{self, Launch, Outcome, ResolvedHrefs, Resolver};
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
    /// Each resource with the index of its chain in `chains` and, for the root manifest's resources,
    /// its position in the root's list (`usize::MAX` for the others).
    resources: KeyIndex<'m, (&'m Resource, usize, usize)>,
    /// The chains, one per manifest.
    chains: Vec<Vec<&'m str>>,
}

impl<'m> ResourceMap<'m> {
    fn new(manifest: &'m Manifest) -> Self {
        let mut chains = Vec::new();
        let mut found = Vec::with_capacity(manifest.resources.list.len());
        index(manifest, &mut Vec::new(), &mut chains, &mut found);
        Self {
            resources: KeyIndex::first_wins(found),
            chains,
        }
    }

    /// The resource named `identifier`, the chain of its resources element and its position in the
    /// root manifest's list (`usize::MAX` when it is not the root's).
    fn get(&self, identifier: &str) -> Option<(&'m Resource, &[&'m str], usize)> {
        let (resource, chain, position) = self.resources.get(identifier)?;
        Some((resource, self.chains.get(*chain)?.as_slice(), *position))
    }
}

/// Collects the resources of `manifest` and its sub-manifests (document order, manifest first).
#[allow(clippy::type_complexity)]
fn index<'m>(
    manifest: &'m Manifest,
    chain: &mut Vec<&'m str>,
    chains: &mut Vec<Vec<&'m str>>,
    found: &mut Vec<(&'m str, (&'m Resource, usize, usize))>,
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
    for (position, resource) in manifest.resources.list.iter().enumerate() {
        // The root manifest's chain is the first one.
        let position = if chain_index == 0 {
            position
        } else {
            usize::MAX
        };
        found.push((
            resource.identifier.as_str(),
            (resource, chain_index, position),
        ));
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
/// `resolved` holds the root manifest's resource hrefs already resolved while building (a resource
/// whose href and chain are those inputs is not resolved again).
pub(crate) fn launches(manifest: &Manifest, limits: &Limits, resolved: &ResolvedHrefs) -> Launches {
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
        resolved,
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
    /// The root's resource hrefs resolved while building.
    resolved: &'w ResolvedHrefs,
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
        let (resource, chain, position) = self.map.get(target)?;
        let href = resource.href.as_deref()?;
        self.chain.clear();
        self.chain.extend_from_slice(chain);
        if let Some(base) = &resource.base {
            self.chain.push(base);
        }
        let external_url;
        let (resolved, external) = match self.resolved.get(position, &self.chain, href) {
            // Resolved while building, from these very inputs: a package path.
            Some((_, false)) => return None,
            Some((url, true)) => (url, false),
            None => {
                let outcome = self.resolver.run(&self.chain, href)?;
                match outcome {
                    // scorm.href.no-file: the root or a folder is nothing to launch.
                    Outcome::Package if !self.resolver.names_file() => return None,
                    Outcome::Package => (self.resolver.url(), false),
                    Outcome::External(url) => {
                        external_url = url.to_string();
                        (external_url.as_str(), true)
                    }
                }
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Options, check_manifest};

    /// The launches found with the hrefs resolved while building are those a walk that resolves
    /// every href itself finds: xml:base chains, sub-manifests, hrefs with white space around them,
    /// external URLs, folders, queries, percent escapes, a resource listed twice.
    #[test]
    fn launches_from_hrefs_resolved_while_building_are_the_walks_own() {
        let resources = r#"<resources xml:base="content/">
              <resource identifier="R1" type="webcontent" adlcp:scormType="sco" href="a/b.html?x=1"><file href="a/b.html"/></resource>
              <resource identifier="R2" type="webcontent" adlcp:scormType="sco" xml:base="sub/" href=" c%20d.html "/>
              <resource identifier="R3" type="webcontent" adlcp:scormType="sco" href="https://cdn.example/x.html"/>
              <resource identifier="R4" type="webcontent" adlcp:scormType="sco" href="folder/"/>
              <resource identifier="R5" type="webcontent" adlcp:scormType="sco" href="../../../up.html"/>
              <resource identifier="R1" type="webcontent" adlcp:scormType="sco" href="second.html"/>
            </resources>"#;
        let items: String = ["R1", "R2", "R3", "R4", "R5", "SUB"]
            .iter()
            .enumerate()
            .map(|(n, target)| {
                format!(r#"<item identifier="I{n}" identifierref="{target}" parameters="?p={n}"><title>T</title></item>"#)
            })
            .collect();
        let xml = format!(
            r#"<manifest identifier="M" xml:base="root/" xmlns="http://www.imsglobal.org/xsd/imscp_v1p1" xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_v1p3">
              <metadata><schema>ADL SCORM</schema><schemaversion>2004 4th Edition</schemaversion></metadata>
              <organizations default="O"><organization identifier="O"><title>T</title>{items}</organization></organizations>
              {resources}
              <manifest identifier="SUB" xml:base="inner/">
                <organizations default="SO"><organization identifier="SO"><title>T</title>
                  <item identifier="SI" identifierref="S1"><title>T</title></item>
                  <item identifier="SI2" identifierref="R1"><title>T</title></item>
                </organization></organizations>
                <resources><resource identifier="S1" type="webcontent" adlcp:scormType="sco" href="s.html"/></resources>
              </manifest>
            </manifest>"#
        );
        let check = check_manifest(xml.as_bytes(), &Options::default());
        let manifest = check.manifest.as_ref().unwrap();
        let walked = launches(manifest, &Limits::default(), &ResolvedHrefs::default());
        assert!(!walked.capped);
        assert_eq!(check.launches, walked.list);
        let urls: Vec<&str> = check
            .launches
            .iter()
            .map(|launch| launch.url.as_str())
            .collect();
        assert_eq!(
            urls,
            [
                "root/content/a/b.html?x=1&p=0",
                "root/content/sub/c%20d.html?p=1",
                "https://cdn.example/x.html?p=2",
                "root/inner/s.html",
                "root/content/a/b.html?x=1",
            ]
        );
    }
}
