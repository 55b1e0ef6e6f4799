//! Moves edge ends apart where one piece would start at the y another ends at, in one gap.
//!
//! Two such pieces run along the same horizontal line between their tracks unless the one that
//! starts there has the track further left. Between pieces going the same way the routing order
//! already does that; between a piece going up and one going down it is a constraint on the
//! order, which can be circular (each ends where the other starts). Rather than special
//! routes, such an end is moved by a pixel or three: a box's port along its side, or else a line
//! through a column (a dummy), within the room its column neighbours leave. A move is only made
//! to a y that no other end in the gaps concerned uses, so it never creates a new coincidence;
//! what cannot be moved is left to the ordering in `route`.

use crate::scene::layered::layers::{Gaps, Kind, Layered};

/// Ys used by ends on each side of a gap, with multiplicity (sorted lists: moves are rare).
#[derive(Default)]
struct Sides {
    left: Vec<i64>,
    right: Vec<i64>,
}

impl Sides {
    fn used(&self, y: i64) -> bool {
        self.left.binary_search(&y).is_ok() || self.right.binary_search(&y).is_ok()
    }
}

fn add(m: &mut Vec<i64>, y: i64) {
    let at = m.partition_point(|&v| v < y);
    m.insert(at, y);
}

fn take(m: &mut Vec<i64>, y: i64) {
    if let Ok(at) = m.binary_search(&y) {
        m.remove(at);
    }
}

const STEPS: [i64; 6] = [1, -1, 2, -2, 3, -3];

pub(crate) fn nudge(
    l: &mut Layered,
    y: &mut [i64],
    gaps: &Gaps,
    sep: &dyn Fn(usize, usize) -> i64,
) {
    let mut sides: Vec<Sides> = (0..gaps.segs.len()).map(|_| Sides::default()).collect();
    for (c, side) in sides.iter_mut().enumerate() {
        for &s in &gaps.segs[c] {
            let seg = &l.segs[s];
            side.left.push(y[seg.left] + seg.left_off as i64);
            side.right.push(y[seg.right] + seg.right_off as i64);
        }
        for &t in &gaps.turns[c] {
            let turn = &l.turns[t];
            side.left.push(y[turn.from] + turn.from_off as i64);
            side.left.push(y[turn.to] + turn.to_off as i64);
        }
        crate::scene::layered::sort::ints(&mut side.left);
        crate::scene::layered::sort::ints(&mut side.right);
    }
    let pos = l.positions();
    for c in 1..gaps.segs.len() {
        // Pieces by the y they start at (starts in one gap are distinct, moves keep them so).
        let mut starting: Vec<(i64, usize)> =
            gaps.segs[c].iter().map(|&s| (ends(l, y, s).0, s)).collect();
        crate::scene::layered::sort::by_key(&mut starting, &|p| [p.0, 0, 0, 0]);
        let find =
            |starting: &[(i64, usize)], y: i64| starting.binary_search_by_key(&y, |p| p.0).ok();
        for &s in &gaps.segs[c] {
            let (a, b) = ends(l, y, s);
            if a == b || sides[c].left.binary_search(&b).is_err() {
                continue;
            }
            // The piece starting at b, if it goes the other way (one going the same way is
            // already on the right side of this one: see `tracks`).
            let up = b < a;
            let others: Vec<usize> = find(&starting, b)
                .map(|i| starting[i].1)
                .filter(|&f| {
                    let (fa, fb) = ends(l, y, f);
                    f != s && fa == b && fb != fa && (fb < fa) != up
                })
                .into_iter()
                .collect();
            let Some(&f) = others.first() else { continue };
            if move_port(l, y, &mut sides[c], s, false) {
                continue;
            }
            if move_port(l, y, &mut sides[c], f, true)
                || move_line(l, y, &mut sides, &pos, l.segs[s].right, sep)
                || move_line(l, y, &mut sides, &pos, l.segs[f].left, sep)
            {
                // Keep the index of starts right (f's start may have moved).
                if let Some(i) = find(&starting, b) {
                    starting.remove(i);
                }
                let fy = ends(l, y, f).0;
                let at = starting.partition_point(|p| p.0 < fy);
                starting.insert(at, (fy, f));
            }
        }
    }
}

fn ends(l: &Layered, y: &[i64], s: usize) -> (i64, i64) {
    let seg = &l.segs[s];
    (
        y[seg.left] + seg.left_off as i64,
        y[seg.right] + seg.right_off as i64,
    )
}

/// Moves the port of piece `s` on its left end (`left`) or right end, if that end is a box.
fn move_port(l: &mut Layered, y: &[i64], side: &mut Sides, s: usize, left: bool) -> bool {
    let seg = &l.segs[s];
    let v = if left { seg.left } else { seg.right };
    if !matches!(l.items[v].kind, Kind::Node(_)) {
        return false;
    }
    let off = if left { seg.left_off } else { seg.right_off } as i64;
    let (top, bottom) = (
        y[v] - l.items[v].above as i64,
        y[v] + l.items[v].below as i64,
    );
    let old = y[v] + off;
    for d in STEPS {
        let new = old + d;
        if new <= top || new >= bottom || side.used(new) {
            continue;
        }
        let seg = &mut l.segs[s];
        if left {
            seg.left_off += d as i32;
            take(&mut side.left, old);
            add(&mut side.left, new);
        } else {
            seg.right_off += d as i32;
            take(&mut side.right, old);
            add(&mut side.right, new);
        }
        return true;
    }
    false
}

/// Moves a line through a column (a dummy), which is an end in the gaps on both its sides.
fn move_line(
    l: &Layered,
    y: &mut [i64],
    sides: &mut [Sides],
    pos: &[usize],
    v: usize,
    sep: &dyn Fn(usize, usize) -> i64,
) -> bool {
    if l.items[v].kind != Kind::Dummy {
        return false;
    }
    let li = l.items[v].layer;
    let layer = &l.layers[li];
    let i = pos[v];
    let (lo, hi) = crate::scene::layered::place::room(layer, i, y, sep);
    let old = y[v];
    for d in STEPS {
        let new = old + d;
        if new < lo || new > hi || sides[li].used(new) || sides[li + 1].used(new) {
            continue;
        }
        y[v] = new;
        take(&mut sides[li].right, old);
        add(&mut sides[li].right, new);
        take(&mut sides[li + 1].left, old);
        add(&mut sides[li + 1].left, new);
        return true;
    }
    false
}
