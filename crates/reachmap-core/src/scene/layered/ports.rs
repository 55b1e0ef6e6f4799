//! Where each edge meets its box: every edge end gets a port of its own.
//!
//! Ends on one side of a box are sorted by the position of the item at the edge's other end, so
//! edges that share a box never cross each other next to it, and spread `port_gap` apart around
//! the middle of the side (closer, down to `min_port_gap`, when the side is short; the box grows
//! when even that does not fit). Since no two ends share a point, no two edges leaving or
//! entering a box can run along the same line. Lines through a column (dummies) are their own
//! port.

use crate::scene::layered::layers::{Kind, Layered};
use crate::scene::layered::model::Options;

pub(crate) fn assign(l: &mut Layered, opts: &Options) {
    let pos = l.positions();
    let nodes = l
        .items
        .iter()
        .take_while(|i| matches!(i.kind, Kind::Node(_)))
        .count();
    // Ends on each node's right side: (sort key, which end).
    let mut right: Vec<Vec<(RightKey, End)>> = vec![Vec::new(); nodes];
    let mut left: Vec<Vec<((usize, usize), usize)>> = vec![Vec::new(); nodes];
    for (s, seg) in l.segs.iter().enumerate() {
        if seg.left < nodes {
            right[seg.left].push(((1, pos[seg.right], s, 0), End::SegLeft(s)));
        }
        if seg.right < nodes {
            left[seg.right].push(((pos[seg.left], s), s));
        }
    }
    for (t, turn) in l.turns.iter().enumerate() {
        let (a, b) = (turn.from, turn.to);
        // A turn's ends go to the side of the box that faces the other end; a self-loop's at the
        // bottom, next to each other.
        let class = |me: usize, other: usize| if pos[other] < pos[me] { 0 } else { 2 };
        right[a].push(((class(a, b), pos[b], t, 0), End::TurnFrom(t)));
        right[b].push(((class(b, a), pos[a], t, 1), End::TurnTo(t)));
    }
    for v in 0..nodes {
        crate::scene::layered::sort::by_key(&mut right[v], &|e| {
            [e.0 .0 as i64, e.0 .1 as i64, e.0 .2 as i64, e.0 .3 as i64]
        });
        crate::scene::layered::sort::by_key(&mut left[v], &|e| {
            [e.0 .0 as i64, e.0 .1 as i64, 0, 0]
        });
        let item = &l.items[v];
        let height = item.above + item.below;
        let need = height
            .max(needed(right[v].len(), opts))
            .max(needed(left[v].len(), opts));
        let item = &mut l.items[v];
        item.above = need / 2;
        item.below = need - need / 2;
        for (off, &(_, end)) in offsets(right[v].len(), need, opts)
            .into_iter()
            .zip(&right[v])
        {
            match end {
                End::SegLeft(s) => l.segs[s].left_off = off,
                End::TurnFrom(t) => l.turns[t].from_off = off,
                End::TurnTo(t) => l.turns[t].to_off = off,
            }
        }
        for (off, &(_, s)) in offsets(left[v].len(), need, opts).into_iter().zip(&left[v]) {
            l.segs[s].right_off = off;
        }
    }
}

/// (side of the box facing the other end: 0 top, 1 across, 2 bottom; other end's position;
/// piece; which end of a turn)
type RightKey = (u8, usize, usize, u8);

#[derive(Clone, Copy, Debug)]
enum End {
    SegLeft(usize),
    TurnFrom(usize),
    TurnTo(usize),
}

/// The least side length that holds `k` ports `min_port_gap` apart, clear of the corners.
fn needed(k: usize, opts: &Options) -> i32 {
    (k as i32 + 1) * opts.min_port_gap.max(1)
}

/// Offsets from the side's middle of `k` ports on a side of length `h` (at least `needed`).
fn offsets(k: usize, h: i32, opts: &Options) -> Vec<i32> {
    if k == 0 {
        return Vec::new();
    }
    let k = k as i32;
    let step = opts.port_gap.min(h / (k + 1)).max(1);
    (0..k).map(|i| i * step - (k - 1) * step / 2).collect()
}
