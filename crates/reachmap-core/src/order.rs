//! Ordering without a copy of the sorting code per type.
//!
//! Each generic sort is its own copy of the standard library's sorting code (about 2 KB of wasm
//! each after optimisation), which every visitor of the page downloads; `collect()` into a
//! `BTreeSet` or `BTreeMap` sorts too. So:
//! - stable sorts go through one shared instantiation: a list of indices sorted with a `dyn`
//!   comparator, then the elements moved into that order (exactly `slice::sort_by`'s order);
//! - ordered sets and maps are built by inserting (`set`, `map`), which needs no sort and gives
//!   the same result as `collect()` (for a repeated map key, the last value wins in both).
//!
//! Measured: 413.7 → 390.0 KB of gzipped wasm (BENCHMARKS.md).

use std::cmp::Ordering;
use std::collections::{BTreeMap, BTreeSet};

/// The items as an ordered set, without sorting them first.
pub fn set<T: Ord>(items: impl IntoIterator<Item = T>) -> BTreeSet<T> {
    let mut out = BTreeSet::new();
    out.extend(items);
    out
}

/// The pairs as an ordered map, without sorting them first; a repeated key keeps its last value.
pub fn map<K: Ord, V>(items: impl IntoIterator<Item = (K, V)>) -> BTreeMap<K, V> {
    let mut out = BTreeMap::new();
    out.extend(items);
    out
}

/// Sorts `v` stably by `cmp`.
pub fn sort_by<T>(v: &mut Vec<T>, cmp: &dyn Fn(&T, &T) -> Ordering) {
    let mut order: Vec<usize> = (0..v.len()).collect();
    sort_indices(&mut order, &|a, b| cmp(&v[a], &v[b]));
    permute(v, &order);
}

/// Sorts `v` stably by a key computed once per element.
pub fn sort_by_cached_key<T, K: Ord>(v: &mut Vec<T>, key: impl Fn(&T) -> K) {
    let keys: Vec<K> = v.iter().map(key).collect();
    let mut order: Vec<usize> = (0..v.len()).collect();
    sort_indices(&mut order, &|a, b| keys[a].cmp(&keys[b]));
    permute(v, &order);
}

/// Sorts indices stably by a comparator: the one instantiation of the standard sort.
pub fn sort_indices(order: &mut [usize], cmp: &dyn Fn(usize, usize) -> Ordering) {
    order.sort_by(|a, b| cmp(*a, *b));
}

/// Reorders `v` so that its `i`th element is the old `order[i]`th.
fn permute<T>(v: &mut Vec<T>, order: &[usize]) {
    let mut old: Vec<Option<T>> = v.drain(..).map(Some).collect();
    v.extend(order.iter().filter_map(|&i| old[i].take()));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sorts_stably_like_the_standard_sort() {
        let mut v = vec![(3, 'a'), (1, 'b'), (3, 'c'), (2, 'd'), (1, 'e')];
        let mut expected = v.clone();
        expected.sort_by_key(|a| a.0);
        sort_by(&mut v, &|a, b| a.0.cmp(&b.0));
        assert_eq!(v, expected);
        let mut w = vec!["bb", "a", "ccc", "dd"];
        sort_by_cached_key(&mut w, |s| s.len());
        assert_eq!(w, ["a", "bb", "dd", "ccc"]);
    }

    #[test]
    fn sets_and_maps_equal_collect() {
        let pairs = [(2, 'a'), (1, 'b'), (2, 'c')];
        assert_eq!(map(pairs), pairs.into_iter().collect::<BTreeMap<_, _>>());
        assert_eq!(
            set([3, 1, 3, 2]),
            [3, 1, 3, 2].into_iter().collect::<BTreeSet<_>>()
        );
    }
}
