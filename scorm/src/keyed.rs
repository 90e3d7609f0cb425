//! Lookups by string key without a tree node or a copy per entry.
//!
//! Entries are kept in one vector sorted by (FNV-1a hash of the key, key, position): comparisons are
//! mostly one integer compare, membership is a binary search, and the order is deterministic. The hash
//! only orders the vector, so colliding keys (even chosen by an attacker) cost one string comparison
//! more, never more work than a plain sorted vector.

/// FNV-1a, 64 bits.
fn hash(key: &str) -> u64 {
    key.bytes().fold(0xcbf2_9ce4_8422_2325, |hash, byte| {
        (hash ^ u64::from(byte)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

struct Entry<'k, V> {
    hash: u64,
    key: &'k str,
    position: usize,
    value: V,
}

/// Values by string key; when a key repeats, the first value given wins.
pub(crate) struct KeyIndex<'k, V> {
    entries: Vec<Entry<'k, V>>,
}

impl<'k, V> KeyIndex<'k, V> {
    /// Indexes `pairs`, keeping the first value of each key.
    pub(crate) fn first_wins(pairs: impl IntoIterator<Item = (&'k str, V)>) -> Self {
        let mut entries: Vec<Entry<'k, V>> = pairs
            .into_iter()
            .enumerate()
            .map(|(position, (key, value))| Entry {
                hash: hash(key),
                key,
                position,
                value,
            })
            .collect();
        entries
            .sort_unstable_by(|a, b| (a.hash, a.key, a.position).cmp(&(b.hash, b.key, b.position)));
        entries.dedup_by(|later, first| later.hash == first.hash && later.key == first.key);
        Self { entries }
    }

    /// The value of `key`.
    pub(crate) fn get(&self, key: &str) -> Option<&V> {
        let wanted = hash(key);
        let found = self
            .entries
            .binary_search_by(|entry| (entry.hash, entry.key).cmp(&(wanted, key)))
            .ok()?;
        self.entries.get(found).map(|entry| &entry.value)
    }

    /// True when `key` is indexed.
    pub(crate) fn contains(&self, key: &str) -> bool {
        self.get(key).is_some()
    }
}

/// The positions (ascending) of the keys equal to an earlier key.
pub(crate) fn repeats<'k>(keys: impl IntoIterator<Item = &'k str>) -> Vec<usize> {
    let mut sorted: Vec<(u64, &str, usize)> = keys
        .into_iter()
        .enumerate()
        .map(|(position, key)| (hash(key), key, position))
        .collect();
    sorted.sort_unstable();
    let mut out: Vec<usize> = sorted
        .windows(2)
        .filter_map(|pair| match pair {
            [(h1, k1, _), (h2, k2, position)] if h1 == h2 && k1 == k2 => Some(*position),
            _ => None,
        })
        .collect();
    out.sort_unstable();
    out
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
