//! Sibling indexes ([`Element::nth`](super::Element::nth)) counted while reading.

use std::collections::BTreeMap;

use super::{Namespace, Open};

/// Distinct child names counted in the shared stack before an element gets its own map.
const LINEAR_NAMES: usize = 8;

/// Counts one more child named `key` of `parent`; returns its 1-based index among same-named
/// siblings ([`Element::nth`]). Counters live in one shared stack (each open element owns the tail
/// from its `counters_from`, scanned linearly) until an element has more than [`LINEAR_NAMES`]
/// distinct child names; then they move to a map of its own, so hostile documents stay n log n.
pub(super) fn bump<'a, N: Namespace>(
    stack: &mut Vec<((N, &'a str), u32)>,
    parent: &mut Open<'a, N>,
    key: (N, &'a str),
) -> u32 {
    if let Some(map) = &mut parent.many {
        let count = map.entry(key).or_insert(0);
        *count = count.saturating_add(1);
        return *count;
    }
    let from = parent.counters_from;
    if let Some((_, count)) = stack
        .get_mut(from..)
        .and_then(|segment| segment.iter_mut().find(|(name, _)| *name == key))
    {
        *count = count.saturating_add(1);
        return *count;
    }
    if stack.len().saturating_sub(from) < LINEAR_NAMES {
        stack.push((key, 1));
    } else {
        let mut map: BTreeMap<(N, &'a str), u32> = stack.drain(from..).collect();
        map.insert(key, 1);
        parent.many = Some(map);
    }
    1
}
