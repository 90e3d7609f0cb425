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
pub use sequencing::{
    ConditionCombination, ControlMode, DeliveryControls, LimitConditions, MapInfo, Objective,
    Objectives, RandomizationControls, RollupConsiderations, RollupRule, RollupRules,
    RuleCondition, Sequencing, SequencingRule, SequencingRules,
};

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
    pub metadata: Option<Metadata>,
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
