//! Stable sorting through one shared copy of the standard library's sort.
//!
//! Each generic `sort_by` call site is its own copy of the sorting code (about 2 KB of wasm each
//! after optimisation), which the page pays for in download size. Here every call sorts a list
//! of indices with a `dyn` comparator — one copy for the whole crate — then moves the elements
//! into that order. The order is exactly `slice::sort_by`'s: stable.

use std::cmp::Ordering;

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
}
