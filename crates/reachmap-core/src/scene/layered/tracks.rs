//! Which vertical track of its gap each piece of edge takes, left to right.
//!
//! Every end in a gap has its own y (see [`crate::scene::layered::ports`]), so horizontal runs never share a
//! line, provided no piece *starts* at the y where another *ends* left of it (the two runs would
//! overlap between their tracks): such a piece has to go first (left).
//!
//! A piece going down is crossed by any piece starting inside its span unless that piece's
//! track is further left, and a piece going up mirrors that. So pieces going up, by increasing
//! start, and pieces going down, by decreasing start, take tracks from left to right, reordered
//! only to let a piece starting where another ends go first; with that order the only crossings
//! left in a gap are those the order of the ends forces. Turns (same-column edges) take the
//! innermost tracks, shortest first. Each piece takes the track right of every earlier piece
//! whose span comes within `clearance` of its own (a longest path, kept in a segment tree over
//! the spans' ends), so pieces whose spans are apart share a track and no two vertical runs
//! overlap.

use crate::scene::layered::layers::{Gaps, Layered};
use std::cmp::Reverse;
use std::collections::BinaryHeap;

/// Track of every piece that is not straight, and number of tracks of every gap.
pub(crate) struct Tracks {
    pub seg: Vec<usize>,
    pub turn: Vec<usize>,
    pub count: Vec<usize>,
}

/// (is a turn, index, start y, end y)
type Piece = (bool, usize, i64, i64);

pub(crate) fn assign(l: &Layered, y: &[i64], gaps: &Gaps, clearance: i64) -> Tracks {
    let mut t = Tracks {
        seg: vec![0; l.segs.len()],
        turn: vec![0; l.turns.len()],
        count: Vec::new(),
    };
    for c in 0..gaps.segs.len() {
        let mut order: Vec<Piece> = gaps.turns[c]
            .iter()
            .map(|&i| {
                let tr = &l.turns[i];
                (
                    true,
                    i,
                    y[tr.from] + tr.from_off as i64,
                    y[tr.to] + tr.to_off as i64,
                )
            })
            .collect();
        crate::scene::layered::sort::by_key(&mut order, &|&(_, i, a, b)| {
            [(a - b).abs(), a.min(b), i as i64, 0]
        });
        let mut ups = Vec::new();
        let mut downs = Vec::new();
        for &s in &gaps.segs[c] {
            let seg = &l.segs[s];
            let a = y[seg.left] + seg.left_off as i64;
            let b = y[seg.right] + seg.right_off as i64;
            if b < a {
                ups.push((false, s, a, b));
            } else if b > a {
                downs.push((false, s, a, b));
            }
        }
        crate::scene::layered::sort::by_key(&mut ups, &|&(_, s, a, _)| [a, s as i64, 0, 0]);
        crate::scene::layered::sort::by_key(&mut downs, &|&(_, s, a, _)| [-a, s as i64, 0, 0]);
        order.extend(ups);
        order.extend(downs);
        let order = settle(&order);
        // Spans as half-open [lo, hi + clearance): two overlap iff they come within clearance.
        let mut ends: Vec<i64> = order
            .iter()
            .flat_map(|p| [p.2.min(p.3), p.2.max(p.3) + clearance])
            .collect();
        crate::scene::layered::sort::ints(&mut ends);
        ends.dedup();
        let at = |v: i64| ends.partition_point(|&e| e < v);
        let mut tree = MaxTree::new(ends.len());
        let mut count = 0;
        for &(is_turn, i, a, b) in &order {
            let (lo, hi) = (at(a.min(b)), at(a.max(b) + clearance));
            let track = tree.max(lo, hi);
            tree.raise(lo, hi, track + 1);
            count = count.max(track + 1);
            if is_turn {
                t.turn[i] = track;
            } else {
                t.seg[i] = track;
            }
        }
        t.count.push(count);
    }
    t
}

/// The pieces in their preferred order (`order`), except that a piece starting at the y where
/// another ends goes before (left of) it: Kahn's algorithm, taking the most preferred piece
/// whose predecessor is out. Pieces going the same way are already in such an order, and a
/// turn never has to wait, so this only reorders ups and downs, whose relative order costs no
/// crossings (they cross once in either order, or not at all). Only a cycle of such
/// coincidences (left to [`crate::scene::layered::nudge`]) can break the rule.
fn settle(order: &[Piece]) -> Vec<Piece> {
    let mut starts: Vec<(i64, usize)> = order.iter().enumerate().map(|(i, p)| (p.2, i)).collect();
    crate::scene::layered::sort::by_key(&mut starts, &|p| [p.0, 0, 0, 0]);
    // after[i]: the piece that must wait for piece i.
    let mut after: Vec<Option<usize>> = vec![None; order.len()];
    let mut waits = vec![false; order.len()];
    for (e, p) in order.iter().enumerate() {
        if let Ok(at) = starts.binary_search_by_key(&p.3, |s| s.0) {
            let f = starts[at].1;
            if f != e {
                after[f] = Some(e);
                waits[e] = true;
            }
        }
    }
    let mut ready: BinaryHeap<Reverse<usize>> = (0..order.len())
        .filter(|&i| !waits[i])
        .map(Reverse)
        .collect();
    let mut done = vec![false; order.len()];
    let mut out = Vec::with_capacity(order.len());
    let mut next_stuck = 0;
    while out.len() < order.len() {
        let i = match ready.pop() {
            Some(Reverse(i)) if !done[i] => i,
            Some(_) => continue,
            None => {
                // A cycle: release the most preferred piece left.
                while done[next_stuck] {
                    next_stuck += 1;
                }
                next_stuck
            }
        };
        done[i] = true;
        out.push(order[i]);
        if let Some(e) = after[i] {
            if !done[e] {
                ready.push(Reverse(e));
            }
        }
    }
    out
}

/// Range maximum with range "raise to at least" over `n` slots, both in O(log n).
struct MaxTree {
    n: usize,
    max: Vec<usize>,
    lazy: Vec<usize>,
}

impl MaxTree {
    fn new(n: usize) -> MaxTree {
        let size = 4 * n.max(1);
        MaxTree {
            n: n.max(1),
            max: vec![0; size],
            lazy: vec![0; size],
        }
    }

    /// Maximum over slots `lo..hi`.
    fn max(&self, lo: usize, hi: usize) -> usize {
        self.query(1, 0, self.n, lo, hi)
    }

    /// Raises slots `lo..hi` to at least `v`.
    fn raise(&mut self, lo: usize, hi: usize, v: usize) {
        self.update(1, 0, self.n, lo, hi, v);
    }

    fn query(&self, node: usize, a: usize, b: usize, lo: usize, hi: usize) -> usize {
        if hi <= a || b <= lo {
            return 0;
        }
        if lo <= a && b <= hi {
            return self.max[node];
        }
        let m = (a + b) / 2;
        let below = self
            .query(2 * node, a, m, lo, hi)
            .max(self.query(2 * node + 1, m, b, lo, hi));
        below.max(self.lazy[node])
    }

    fn update(&mut self, node: usize, a: usize, b: usize, lo: usize, hi: usize, v: usize) {
        if hi <= a || b <= lo {
            return;
        }
        self.max[node] = self.max[node].max(v);
        if lo <= a && b <= hi {
            self.lazy[node] = self.lazy[node].max(v);
            return;
        }
        let m = (a + b) / 2;
        self.update(2 * node, a, m, lo, hi, v);
        self.update(2 * node + 1, m, b, lo, hi, v);
    }
}
