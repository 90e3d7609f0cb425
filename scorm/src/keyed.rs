//! Lookups by string key without a tree node or a copy per entry.
//!
//! Entries are kept in the standard library's hash map with its per-process random keys (SipHash):
//! building an index is linear (no sort of the keys), a lookup is one hash and usually one string
//! comparison, and keys chosen by an attacker to collide cannot be found without the process's keys,
//! so they cost no more than any others. Nothing iterates the map: answers never depend on its order.
//! (That order is why the workspace's clippy.toml refuses `HashMap`/`HashSet`; it is allowed here only.)
#![allow(
    clippy::disallowed_types,
    reason = "lookups only: the maps are never iterated, so their order reaches no output"
)]

use std::collections::{HashMap, HashSet};

/// Values by string key; when a key repeats, the first value given wins.
pub(crate) struct KeyIndex<'k, V> {
    entries: HashMap<&'k str, V>,
}

impl<'k, V> KeyIndex<'k, V> {
    /// Indexes `pairs`, keeping the first value of each key.
    pub(crate) fn first_wins(pairs: impl IntoIterator<Item = (&'k str, V)>) -> Self {
        let pairs = pairs.into_iter();
        let mut entries = HashMap::with_capacity(pairs.size_hint().0);
        for (key, value) in pairs {
            entries.entry(key).or_insert(value);
        }
        Self { entries }
    }

    /// The value of `key`.
    pub(crate) fn get(&self, key: &str) -> Option<&V> {
        self.entries.get(key)
    }

    /// True when `key` is indexed.
    pub(crate) fn contains(&self, key: &str) -> bool {
        self.entries.contains_key(key)
    }
}

/// The positions (ascending) of the keys equal to an earlier key.
pub(crate) fn repeats<'k>(keys: impl IntoIterator<Item = &'k str>) -> Vec<usize> {
    let keys = keys.into_iter();
    let mut seen: HashSet<&str> = HashSet::with_capacity(keys.size_hint().0);
    keys.enumerate()
        .filter_map(|(position, key)| (!seen.insert(key)).then_some(position))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn first_value_wins_and_lookups_work() {
        let index = KeyIndex::first_wins([("b", 1), ("a", 2), ("b", 3), ("", 4)]);
        assert_eq!(index.get("b"), Some(&1));
        assert_eq!(index.get("a"), Some(&2));
        assert_eq!(index.get(""), Some(&4));
        assert_eq!(index.get("c"), None);
        assert!(!index.contains("ab"));
    }

    #[test]
    fn repeats_in_document_order() {
        assert_eq!(repeats(["x", "y", "x", "z", "y", "x"]), vec![2, 4, 5]);
        assert!(repeats(["a", "b"]).is_empty());
    }
}
