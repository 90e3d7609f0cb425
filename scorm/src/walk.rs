//! Walking the course tree as a learner sees it, each item with what it launches.

use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet};

use crate::check::ManifestCheck;
use crate::launch::Launch;
use crate::manifest::{Item, Manifest, Organization, Sequencing};

/// One item met in a walk of the course tree ([`ManifestCheck::items`]), with its launch.
#[derive(Clone, Copy, Debug)]
#[non_exhaustive]
pub struct CourseItem<'c> {
    /// The organization walked. Items of a sub-manifest that an item references are met in the
    /// organization of the referencing item (SM-02).
    pub organization: &'c Organization,
    /// The item.
    pub item: &'c Item,
    /// How deep it is: 0 for the organization's top-level items, one more for each parent; the items of a
    /// referenced sub-manifest are one level below the item that references it.
    pub depth: usize,
    /// What it launches ([`ManifestCheck::launches`]), or `None` for an item that launches nothing (a
    /// module, an item whose launch was refused, or one past a limit that stopped the launch walk).
    pub launch: Option<&'c Launch>,
    manifest: &'c Manifest,
}

impl<'c> CourseItem<'c> {
    /// The sequencing that applies to the item, its `IDRef` resolved against the `sequencingCollection`
    /// ([`Manifest::resolve_sequencing`]); `None` when the item has no `imsss:sequencing`.
    pub fn sequencing(&self) -> Option<Cow<'c, Sequencing>> {
        let manifest = self.manifest;
        self.item
            .sequencing
            .as_ref()
            .map(|sequencing| manifest.resolve_sequencing(sequencing))
    }
}

impl ManifestCheck {
    /// Every item of every organization, organizations in document order, items in pre-order (a parent
    /// before its children), each with its launch: the tree an importer builds, with no need to match
    /// [`launches`](Self::launches) to items by hand. An item that references a sub-manifest is followed
    /// by the items of that sub-manifest's default organization, one level deeper (each sub-manifest at
    /// most once per organization, as for launches). Empty when there is no model.
    ///
    /// The walk visits at most [`Limits::max_elements`](crate::Limits::max_elements) items, the budget
    /// of the launch walk: past it (the report then has `scorm.limit.launches`) it stops, so a hostile
    /// manifest cannot make it yield more items than it has elements.
    ///
    /// # Example
    ///
    /// ```
    /// use learnwire_scorm::{check_manifest, Options};
    ///
    /// let xml = br#"<manifest identifier="M" xmlns="http://www.imsproject.org/xsd/imscp_rootv1p1p2"
    ///     xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_rootv1p2">
    ///   <metadata><schema>ADL SCORM</schema><schemaversion>1.2</schemaversion></metadata>
    ///   <organizations default="O"><organization identifier="O"><title>Course</title>
    ///     <item identifier="MODULE"><title>Module</title>
    ///       <item identifier="LESSON" identifierref="R"><title>Lesson</title></item>
    ///     </item>
    ///   </organization></organizations>
    ///   <resources><resource identifier="R" type="webcontent" adlcp:scormtype="sco" href="a.html">
    ///     <file href="a.html"/></resource></resources>
    /// </manifest>"#;
    /// let check = check_manifest(xml, &Options::default());
    /// let tree: Vec<(usize, &str, Option<&str>)> = check
    ///     .items()
    ///     .map(|entry| (entry.depth, entry.item.title.as_str(), entry.launch.map(|l| l.url.as_str())))
    ///     .collect();
    /// assert_eq!(tree, [(0, "Module", None), (1, "Lesson", Some("a.html"))]);
    /// ```
    pub fn items(&self) -> CourseItems<'_> {
        let Some(manifest) = &self.manifest else {
            return CourseItems::default();
        };
        let mut launches = BTreeMap::new();
        for launch in &self.launches {
            launches
                .entry((launch.organization.as_str(), launch.item.as_str()))
                .or_insert(launch);
        }
        CourseItems {
            manifest: Some(manifest),
            launches,
            subs: crate::validate::sub_manifests_by_id(manifest),
            organizations: manifest.organizations.list.iter(),
            organization: None,
            stack: Vec::new(),
            visited: BTreeSet::new(),
            visits_left: self.walk_budget,
        }
    }
}

/// The iterator of [`ManifestCheck::items`].
#[derive(Debug, Default)]
pub struct CourseItems<'c> {
    manifest: Option<&'c Manifest>,
    /// Launches by organization and item identifier (the first wins).
    launches: BTreeMap<(&'c str, &'c str), &'c Launch>,
    subs: BTreeMap<&'c str, &'c Manifest>,
    organizations: std::slice::Iter<'c, Organization>,
    /// The organization being walked.
    organization: Option<&'c Organization>,
    /// Items still to visit, each list with its depth; the top is next.
    stack: Vec<(std::slice::Iter<'c, Item>, usize)>,
    /// Sub-manifests already expanded in this organization.
    visited: BTreeSet<&'c str>,
    visits_left: usize,
}

impl<'c> Iterator for CourseItems<'c> {
    type Item = CourseItem<'c>;

    fn next(&mut self) -> Option<CourseItem<'c>> {
        let manifest = self.manifest?;
        loop {
            let Some(organization) = self.organization else {
                let next = self.organizations.next()?;
                self.organization = Some(next);
                self.visited.clear();
                self.stack.push((next.items.iter(), 0));
                continue;
            };
            let Some((items, depth)) = self.stack.last_mut() else {
                self.organization = None;
                continue;
            };
            let depth = *depth;
            let Some(item) = items.next() else {
                self.stack.pop();
                continue;
            };
            self.visits_left = self.visits_left.checked_sub(1)?;
            if !item.items.is_empty() {
                self.stack
                    .push((item.items.iter(), depth.saturating_add(1)));
            }
            if let Some(sub) = item
                .identifierref
                .as_deref()
                .and_then(|id| self.subs.get(id).copied())
                && self.visited.insert(sub.identifier.as_str())
                && let Some(inner) = sub.default_organization()
            {
                self.stack
                    .push((inner.items.iter(), depth.saturating_add(1)));
            }
            let launch = self
                .launches
                .get(&(organization.identifier.as_str(), item.identifier.as_str()))
                .copied();
            return Some(CourseItem {
                organization,
                item,
                depth,
                launch,
                manifest,
            });
        }
    }
}
