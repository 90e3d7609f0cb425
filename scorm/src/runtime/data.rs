//! The CMI data of one attempt: values by element, and collections of records (rule P-06: packed
//! arrays). Serialises with serde so an LMS can keep it between sessions (rule PM-01).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// The characters a record counts toward [`Limits::max_total_chars`](crate::runtime::Limits).
pub(crate) const RECORD_COST: usize = 32;

/// Values and collections at one level: the attempt's root, or a record of a collection.
///
/// At the root, values are keyed by the full element name (`cmi.score.raw`) and collections by theirs
/// (`cmi.interactions`); inside a record, by the rest of the name (`id`, `score.raw`, `objectives`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Record {
    /// The values set, by element.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub values: BTreeMap<String, String>,
    /// The collections, by name.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub lists: BTreeMap<String, Vec<Record>>,
}

impl Record {
    /// The value of `key`, if set.
    pub fn value(&self, key: &str) -> Option<&str> {
        self.values.get(key).map(String::as_str)
    }

    /// The records of collection `key` (empty when none).
    pub fn list(&self, key: &str) -> &[Record] {
        self.lists.get(key).map_or(&[], Vec::as_slice)
    }

    /// The record reached through `steps`, if every index exists.
    pub(crate) fn walk(&self, steps: &[(String, usize)]) -> Option<&Record> {
        steps.iter().try_fold(self, |record, (key, index)| {
            record.lists.get(key)?.get(*index)
        })
    }

    /// The record reached through `steps`, creating the record at each index equal to the length.
    /// `on_new` is called with the collection depth (0 = top) and the new record.
    pub(crate) fn walk_create(
        &mut self,
        steps: &[(String, usize)],
        on_new: &mut dyn FnMut(usize, &mut Record),
    ) -> Option<&mut Record> {
        let mut record = self;
        for (depth, (key, index)) in steps.iter().enumerate() {
            let list = record.lists.entry(key.clone()).or_default();
            if *index == list.len() {
                let mut fresh = Record::default();
                on_new(depth, &mut fresh);
                list.push(fresh);
            }
            record = list.get_mut(*index)?;
        }
        Some(record)
    }

    /// Characters of every value, each record counting [`RECORD_COST`].
    pub(crate) fn size(&self) -> usize {
        let values: usize = self
            .values
            .iter()
            .map(|(k, v)| k.chars().count().saturating_add(v.chars().count()))
            .fold(0, usize::saturating_add);
        let lists: usize = self
            .lists
            .values()
            .flatten()
            .map(|r| r.size().saturating_add(RECORD_COST))
            .fold(0, usize::saturating_add);
        values.saturating_add(lists)
    }
}
