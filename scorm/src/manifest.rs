//! The typed model of `imsmanifest.xml` (IMS CP 1.1.2 / 1.1.4 with the ADL SCORM bindings).
//!
//! Every value is as written in the manifest after XSD whitespace rules (identifiers collapsed, text
//! trimmed). Spec defaults are applied and visible: an absent `isvisible` is `true`, an absent
//! `controlMode/@flow` is `false`, and so on; each field's documentation names its default.

mod item;
mod metadata;
mod organization;
mod resource;
mod sequencing;

pub use item::{CompletionThreshold, DataMap, Item, Presentation, TimeLimitAction};
pub use metadata::Metadata;
pub use organization::{Organization, Organizations};
pub use resource::{Resource, ResourceFile, Resources, ScormType};
pub(crate) use sequencing::Written;
pub use sequencing::{
    ConditionCombination, ControlMode, DeliveryControls, LimitConditions, MapInfo, Objective,
    Objectives, RandomizationControls, RollupConsiderations, RollupRule, RollupRules,
    RuleCondition, Sequencing, SequencingRule, SequencingRules,
};

use std::borrow::Cow;

use serde::Serialize;

use crate::Version;

/// A manifest (the root `manifest` element, or a sub-manifest).
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
#[non_exhaustive]
pub struct Manifest {
    /// `@identifier`.
    pub identifier: String,
    /// `@version`, if any.
    pub version: Option<String>,
    /// `@xml:base`, if any.
    pub base: Option<String>,
    /// `metadata`, if any.
    pub metadata: Option<Box<Metadata>>,
    /// `organizations`.
    pub organizations: Organizations,
    /// `resources`.
    pub resources: Resources,
    /// Child `manifest` elements.
    pub sub_manifests: Vec<Manifest>,
    /// `imsss:sequencingCollection` members (SCORM 2004), each with its `ID`.
    pub sequencing_collection: Vec<Sequencing>,
    /// The SCORM version detected (root manifest only).
    pub scorm_version: Option<Version>,
}

impl Manifest {
    /// A manifest with this identifier and nothing else.
    pub fn new(identifier: impl Into<String>) -> Self {
        Self {
            identifier: identifier.into(),
            ..Self::default()
        }
    }

    /// The default organization: `organizations/@default`, or the first organization when `default` is
    /// absent (SCORM 1.2). `None` when `default` names no organization (never silently the first one).
    pub fn default_organization(&self) -> Option<&Organization> {
        match &self.organizations.default {
            Some(default) => self
                .organizations
                .list
                .iter()
                .find(|org| &org.identifier == default),
            None => self.organizations.list.first(),
        }
    }

    /// The `sequencingCollection` member whose `ID` is `id`, in this manifest or its sub-manifests (an
    /// `IDRef` may name any of them: xs:ID is unique in the whole document).
    pub fn collection_sequencing(&self, id: &str) -> Option<&Sequencing> {
        let mut stack = vec![self];
        while let Some(manifest) = stack.pop() {
            if let Some(found) = manifest
                .sequencing_collection
                .iter()
                .find(|member| member.id.as_deref() == Some(id))
            {
                return Some(found);
            }
            stack.extend(manifest.sub_manifests.iter().rev());
        }
        None
    }

    /// The sequencing that applies to the item or organization whose `sequencing` element this is: with
    /// an `IDRef`, the collection member it names with `sequencing` applied over it
    /// ([`Sequencing::applied_over`]); without one (or when the `IDRef` names nothing, which the report
    /// gives as `scorm.sequencing.idref-unresolved`), `sequencing` itself.
    ///
    /// # Example
    ///
    /// ```
    /// use learnwire_scorm::{Options, parse_manifest};
    ///
    /// let xml = br#"<manifest identifier="M" xmlns="http://www.imsglobal.org/xsd/imscp_v1p1"
    ///     xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_v1p3" xmlns:imsss="http://www.imsglobal.org/xsd/imsss">
    ///   <metadata><schema>ADL SCORM</schema><schemaversion>2004 4th Edition</schemaversion></metadata>
    ///   <organizations default="O"><organization identifier="O"><title>Course</title>
    ///     <item identifier="I" identifierref="R"><title>Lesson</title>
    ///       <imsss:sequencing IDRef="SHARED"><imsss:controlMode flow="true"/></imsss:sequencing>
    ///     </item>
    ///   </organization></organizations>
    ///   <resources><resource identifier="R" type="webcontent" adlcp:scormType="sco" href="a.html">
    ///     <file href="a.html"/></resource></resources>
    ///   <imsss:sequencingCollection>
    ///     <imsss:sequencing ID="SHARED"><imsss:controlMode choice="false"/></imsss:sequencing>
    ///   </imsss:sequencingCollection>
    /// </manifest>"#;
    /// let manifest = parse_manifest(xml, &Options::default()).unwrap();
    /// let item = &manifest.default_organization().unwrap().items[0];
    /// let sequencing = manifest.resolve_sequencing(item.sequencing.as_ref().unwrap());
    /// assert!(!sequencing.control_mode.choice, "from the collection");
    /// assert!(sequencing.control_mode.flow, "written on the item");
    /// ```
    pub fn resolve_sequencing<'m>(&'m self, sequencing: &'m Sequencing) -> Cow<'m, Sequencing> {
        match sequencing
            .id_ref
            .as_deref()
            .and_then(|id| self.collection_sequencing(id))
        {
            Some(base) => Cow::Owned(sequencing.applied_over(base)),
            None => Cow::Borrowed(sequencing),
        }
    }

    /// The resource with this identifier, in this manifest or its sub-manifests.
    pub fn resource(&self, identifier: &str) -> Option<&Resource> {
        self.resources
            .list
            .iter()
            .find(|resource| resource.identifier == identifier)
            .or_else(|| {
                self.sub_manifests
                    .iter()
                    .find_map(|sub| sub.resource(identifier))
            })
    }
}
