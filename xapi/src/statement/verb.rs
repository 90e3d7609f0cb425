//! Verb (Data 2.4.3), language maps (4.2) and extensions (4.1).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::types::{Iri, LanguageTag};

/// A language map: language tag → text.
pub type LanguageMap = BTreeMap<LanguageTag, String>;

/// Extensions: IRI → any JSON value (null included).
pub type Extensions = BTreeMap<Iri, serde_json::Value>;

/// What the actor did.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Verb {
    /// The verb IRI.
    pub id: Iri,
    /// Human-readable names.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub display: Option<LanguageMap>,
}

impl Verb {
    /// A verb without display.
    pub fn new(id: Iri) -> Self {
        Self { id, display: None }
    }
}
