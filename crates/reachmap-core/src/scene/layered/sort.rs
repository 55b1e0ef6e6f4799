//! One sort for the whole crate.
//!
//! Every ordering is given as keys of four integers (ties broken by position, so sorting is
//! stable), and every list of plain numbers as `i64`, and both go through the core's one stable
//! sort of indices (`crate::order::sort_indices`): the wasm module then carries no copy of the
//! standard library's sorting code for the engine, each of which weighs several kilobytes.

/// A sort key: compared component by component.
pub(crate) type Key = [i64; 4];

/// Sorts `v` by `key`; ties keep their order. The key is a `dyn` closure, so there is one copy
/// of this per element type rather than one per call site.
pub(crate) fn by_key<T: Copy>(v: &mut [T], key: &dyn Fn(&T) -> Key) {
    let keys: Vec<Key> = v.iter().map(key).collect();
    let order = indices(&keys);
    let old = v.to_vec();
    for (slot, i) in v.iter_mut().zip(order) {
        *slot = old[i];
    }
}

/// The positions of `keys`, ordered by key then position: the core's one stable sort
/// (`crate::order`), so the engine adds no copy of the sorting code to the page.
fn indices(keys: &[Key]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..keys.len()).collect();
    crate::order::sort_indices(&mut order, &|a, b| keys[a].cmp(&keys[b]));
    order
}

/// Sorts numbers in increasing order.
pub(crate) fn ints(v: &mut [i64]) {
    let mut order: Vec<usize> = (0..v.len()).collect();
    crate::order::sort_indices(&mut order, &|a, b| v[a].cmp(&v[b]));
    let old = v.to_vec();
    for (slot, i) in v.iter_mut().zip(order) {
        *slot = old[i];
    }
}

/// An integer that orders like `x` does under `f64::total_cmp`.
pub(crate) fn float(x: f64) -> i64 {
    let b = x.to_bits() as i64;
    b ^ ((((b >> 63) as u64) >> 1) as i64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stable_and_float_order() {
        let mut v = [(3, 'a'), (1, 'b'), (3, 'c'), (0, 'd')];
        by_key(&mut v, &|p| [p.0, 0, 0, 0]);
        assert_eq!(v, [(0, 'd'), (1, 'b'), (3, 'a'), (3, 'c')]);
        let xs = [-2.5, -0.0, 0.0, 1e-9, 3.0, f64::INFINITY];
        assert!(xs.windows(2).all(|w| float(w[0]) < float(w[1])));
    }
}
