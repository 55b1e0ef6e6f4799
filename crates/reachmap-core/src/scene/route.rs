//! Tracks in a channel: edges run through the empty corridors between boxes, and each edge (or
//! each bundle of edges that may share a line, such as everything leaving one node) gets its
//! own track, so that no two unrelated lines coincide. Keys whose extents along the channel do
//! not overlap can share a track (the left-edge algorithm), which keeps corridors narrow.

use std::collections::BTreeMap;

/// Assigns a track to every key of one channel. `spans` lists `(key, from, to)` extents along
/// the channel (in any monotone coordinates; a key may appear several times and then occupies
/// the hull of its extents). Touching extents count as overlapping. Returns each key's track
/// and the number of tracks.
pub fn tracks<K: Ord + Clone>(spans: &[(K, i64, i64)]) -> (BTreeMap<K, usize>, usize) {
    let mut hull: BTreeMap<K, (i64, i64)> = BTreeMap::new();
    for (k, a, b) in spans {
        let (lo, hi) = (*a.min(b), *a.max(b));
        hull.entry(k.clone())
            .and_modify(|h| {
                h.0 = h.0.min(lo);
                h.1 = h.1.max(hi);
            })
            .or_insert((lo, hi));
    }
    let mut order: Vec<(&K, (i64, i64))> = hull.iter().map(|(k, h)| (k, *h)).collect();
    crate::order::sort_by(&mut order, &|a, b| a.1.cmp(&b.1).then_with(|| a.0.cmp(b.0)));
    // The end of the last extent on each track.
    let mut ends: Vec<i64> = Vec::new();
    let mut out = BTreeMap::new();
    for (k, (lo, hi)) in order {
        let t = match ends.iter().position(|e| *e < lo) {
            Some(t) => t,
            None => {
                ends.push(i64::MIN);
                ends.len() - 1
            }
        };
        ends[t] = hi;
        out.insert(k.clone(), t);
    }
    (out, ends.len())
}

/// Edges through a channel between two columns of boxes leave the left column at `start` and
/// enter the right one at `end` (one y each; at most one edge starts, and one ends, at any y).
/// An edge that starts at the y where another ends would run along it for a stretch whatever
/// the tracks; such an end moves a few pixels (down first), keeping clear of every start.
pub fn separate_ends(ends: &mut [(i32, i32)]) {
    let starts: BTreeMap<i32, usize> =
        crate::order::map(ends.iter().enumerate().map(|(i, e)| (e.0, i)));
    let clash = |y: i32, me: usize| starts.get(&y).is_some_and(|&i| i != me);
    for (i, end) in ends.iter_mut().enumerate() {
        if !clash(end.1, i) {
            continue;
        }
        let y = end.1;
        if let Some(free) = [7, -7, 4, -4, 10]
            .iter()
            .map(|d| y + d)
            .find(|&y| !clash(y, i))
        {
            end.1 = free;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn overlapping_keys_get_distinct_tracks_and_disjoint_ones_share() {
        let (t, n) = tracks(&[("a", 0, 10), ("b", 5, 20), ("c", 11, 30), ("a", 2, 3)]);
        assert_eq!(n, 2);
        assert_ne!(t["a"], t["b"]);
        assert_ne!(t["b"], t["c"]);
        assert_eq!(t["a"], t["c"], "a ends before c starts");
        let (t, n) = tracks(&[("a", 0, 10), ("b", 10, 20)]);
        assert_eq!(n, 2, "touching extents overlap");
        assert_ne!(t["a"], t["b"]);
        let (_, n) = tracks::<&str>(&[]);
        assert_eq!(n, 0);
    }

    #[test]
    fn an_end_never_sits_where_another_edge_starts() {
        // Edge 0 goes down from 100 to 140; edge 1 goes up from 140 to 100: each would run
        // along the other at both ys.
        let mut ends = [(100, 140), (140, 100), (200, 200)];
        separate_ends(&mut ends);
        assert_eq!(ends, [(100, 147), (140, 107), (200, 200)]);
    }
}
