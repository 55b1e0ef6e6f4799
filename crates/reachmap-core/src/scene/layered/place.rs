//! The y of every item: minimum distances, a first placement, then straightening.
//!
//! Distances between neighbours in a column come from what they are: two boxes keep
//! `node_gap`, a line keeps `edge_gap`, a frame's first member sits below its label band, and
//! two frames stacked in a column keep `group_gap`. The first placement ([`crate::scene::layered::align`])
//! makes long edges straight; then a few rounds move each item, within the room its column
//! neighbours leave it, to the median of where its edges would be straight, and pull every
//! frame's borders in to its members. Each move keeps every distance, so the result is always
//! valid; it only gets straighter.

use crate::scene::layered::align::{self, Links};
use crate::scene::layered::layers::{Item, Kind, Layered};
use crate::scene::layered::model::{GroupSpec, Options};

/// The ys the `i`th item of `layer` may take while keeping its distance from both neighbours.
pub(crate) fn room(
    layer: &[usize],
    i: usize,
    y: &[i64],
    sep: &dyn Fn(usize, usize) -> i64,
) -> (i64, i64) {
    let v = layer[i];
    let lo = match i.checked_sub(1) {
        Some(above) => y[layer[above]] + sep(layer[above], v),
        None => i64::MIN,
    };
    let hi = match layer.get(i + 1) {
        Some(&below) => y[below] - sep(v, below),
        None => i64::MAX,
    };
    (lo, hi)
}

/// Least distance from `a`'s y down to `b`'s y, for `a` directly above `b` in a column.
pub(crate) fn separation(a: &Item, b: &Item, groups: &[GroupSpec], opts: &Options) -> i64 {
    let line_or_box = |i: &Item| match i.kind {
        Kind::Node(_) => opts.node_gap,
        _ => opts.edge_gap,
    };
    let gap = match (a.kind, b.kind) {
        (Kind::Top(k), Kind::Bottom(_)) => groups[k].label_height + 2 * groups[k].padding,
        (Kind::Top(k), _) => groups[k].label_height + groups[k].padding,
        (_, Kind::Bottom(k)) => groups[k].padding,
        (Kind::Bottom(_), Kind::Top(_)) => opts.group_gap,
        (Kind::Bottom(_), _) => line_or_box(b),
        (_, Kind::Top(_)) => line_or_box(a),
        (Kind::Node(_), Kind::Node(_)) => opts.node_gap,
        _ => opts.edge_gap,
    };
    (a.below + gap + b.above) as i64
}

/// The y of every item, with the smallest top at 0. `preferred`: the edges to keep straight
/// first (`Graph::preferred`).
pub(crate) fn place(
    l: &Layered,
    groups: &[GroupSpec],
    preferred: &[bool],
    opts: &Options,
) -> Vec<i64> {
    let sep = |a: usize, b: usize| separation(&l.items[a], &l.items[b], groups, opts);
    let links = align::links(l, preferred);
    let mut y = align::place(l, &links, &sep);
    let borders = borders_by_kind(l);
    for round in 0..8 {
        straighten(l, &links, &sep, &mut y, round % 2 == 1);
        shift_groups(l, &links, &borders, &sep, &mut y);
        tighten(l, &borders, &sep, &mut y);
    }
    let top = (0..y.len())
        .map(|v| y[v] - l.items[v].above as i64)
        .min()
        .unwrap_or(0);
    for v in &mut y {
        *v -= top;
    }
    y
}

/// Moves each item (borders excepted) to the median of the ys that would make its pieces
/// straight, within the room left by its neighbours in the column.
fn straighten(
    l: &Layered,
    links: &Links,
    sep: &dyn Fn(usize, usize) -> i64,
    y: &mut [i64],
    back: bool,
) {
    let (mut want, mut favoured) = (Vec::new(), Vec::new());
    let layer_ids: Vec<usize> = if back {
        (0..l.layers.len()).rev().collect()
    } else {
        (0..l.layers.len()).collect()
    };
    for li in layer_ids {
        let layer = &l.layers[li];
        for i in 0..layer.len() {
            let i = if back { layer.len() - 1 - i } else { i };
            let v = layer[i];
            if l.items[v].is_border() {
                continue;
            }
            want.clear();
            favoured.clear();
            for k in links.left[v].iter().chain(&links.right[v]) {
                want.push(y[k.other] + (k.theirs - k.mine) as i64);
                if k.preferred {
                    favoured.push(y[k.other] + (k.theirs - k.mine) as i64);
                }
            }
            if want.is_empty() {
                continue;
            }
            let target = straightest(&mut want, &favoured, y[v]);
            let (lo, hi) = room(layer, i, y, sep);
            if lo <= hi {
                y[v] = target.clamp(lo, hi);
            }
        }
    }
}

/// Where an item goes given the ys that would make each of its pieces straight (`want`; those
/// of preferred edges' pieces again in `favoured`): their median. Any y between the two middle
/// ones of an even count is as near to all of them in sum, and their mean makes neither
/// straight (a box with two incoming edges sat halfway, both edges bent twice), so it takes
/// one of the two: the one more pieces want, else the one more preferred pieces want, else the
/// one it is already at, else the upper.
fn straightest(want: &mut [i64], favoured: &[i64], now: i64) -> i64 {
    crate::scene::layered::sort::ints(want);
    let m = want.len();
    let (a, b) = (want[(m - 1) / 2], want[m / 2]);
    if a == b {
        return a;
    }
    let count = |ys: &[i64], t: i64| ys.iter().filter(|&&w| w == t).count();
    let key = |t: i64| (count(want, t), count(favoured, t), t == now);
    if key(b) > key(a) {
        b
    } else {
        a
    }
}

/// The (column, index) of every border, by group and kind: `[top, bottom]`.
fn borders_by_kind(l: &Layered) -> Vec<[Vec<(usize, usize)>; 2]> {
    let mut out: Vec<[Vec<(usize, usize)>; 2]> = Vec::new();
    for (li, layer) in l.layers.iter().enumerate() {
        for (i, &v) in layer.iter().enumerate() {
            let (k, side) = match l.items[v].kind {
                Kind::Top(k) => (k, 0),
                Kind::Bottom(k) => (k, 1),
                _ => continue,
            };
            if out.len() <= k {
                out.resize_with(k + 1, Default::default);
            }
            out[k][side].push((li, i));
        }
    }
    out
}

/// Moves each frame with everything in it, in all its columns at once, to the median of where
/// the edges between its members and the outside would be straight, within the room its
/// neighbours in every column leave it (a frame cannot move itself any other way: its members
/// stay inside its borders).
fn shift_groups(
    l: &Layered,
    links: &Links,
    borders: &[[Vec<(usize, usize)>; 2]],
    sep: &dyn Fn(usize, usize) -> i64,
    y: &mut [i64],
) {
    let mut want = Vec::new();
    for (k, [tops, bottoms]) in borders.iter().enumerate() {
        let (mut lo, mut hi) = (i64::MIN, i64::MAX);
        want.clear();
        for (&(li, ti), &(_, bi)) in tops.iter().zip(bottoms) {
            let layer = &l.layers[li];
            if ti > 0 {
                lo = lo.max(y[layer[ti - 1]] + sep(layer[ti - 1], layer[ti]) - y[layer[ti]]);
            }
            if bi + 1 < layer.len() {
                hi = hi.min(y[layer[bi + 1]] - sep(layer[bi], layer[bi + 1]) - y[layer[bi]]);
            }
            for &v in &layer[ti + 1..bi] {
                for link in links.left[v].iter().chain(&links.right[v]) {
                    if l.items[link.other].group != Some(k) {
                        want.push(y[link.other] + (link.theirs - link.mine) as i64 - y[v]);
                    }
                }
            }
        }
        if want.is_empty() || lo > hi {
            continue;
        }
        crate::scene::layered::sort::ints(&mut want);
        let m = want.len();
        let d = (want[(m - 1) / 2] + want[m / 2])
            .div_euclid(2)
            .clamp(lo, hi);
        if d == 0 {
            continue;
        }
        for (&(li, ti), &(_, bi)) in tops.iter().zip(bottoms) {
            for &v in &l.layers[li][ti..=bi] {
                y[v] += d;
            }
        }
    }
}

/// Pulls every frame's top border down and its bottom border up, as far as its members (and
/// in an empty column its own minimum height) allow, in all its columns at once.
fn tighten(
    l: &Layered,
    borders: &[[Vec<(usize, usize)>; 2]],
    sep: &dyn Fn(usize, usize) -> i64,
    y: &mut [i64],
) {
    for sides in borders {
        for (side, at) in sides.iter().enumerate() {
            if at.is_empty() {
                continue;
            }
            let mut lo = i64::MIN;
            let mut hi = i64::MAX;
            for &(li, i) in at {
                let layer = &l.layers[li];
                let v = layer[i];
                if i > 0 {
                    lo = lo.max(y[layer[i - 1]] + sep(layer[i - 1], v));
                }
                if i + 1 < layer.len() {
                    hi = hi.min(y[layer[i + 1]] - sep(v, layer[i + 1]));
                }
            }
            let target = if side == 0 { hi } else { lo };
            if lo <= hi && target != i64::MIN && target != i64::MAX {
                for &(li, i) in at {
                    y[l.layers[li][i]] = target;
                }
            }
        }
    }
}
