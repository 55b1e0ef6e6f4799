//! First y of every item: Brandes and Köpf's vertical alignment and compaction.
//!
//! Each item is aligned with a median neighbour in the previous column so that the piece
//! between them is straight (port to port, not middle to middle); aligned items form blocks that
//! move as one, and blocks are packed against each other column by column. Pieces between two
//! dummies win conflicts, so long edges run straight. A frame's top borders (and its bottom
//! borders) are one block in every run, and no other alignment may cross them, so frames stay
//! rectangles. The four runs (aligned to the left or right column, packed up or down) are
//! averaged: every run satisfies the same minimum distances, and so does their mean, which is
//! why the mean and not the median of the original paper is taken.

use crate::scene::layered::layers::{Item, Kind, Layered, Route};

/// One neighbour of an item in the next column to one side.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Link {
    pub other: usize,
    /// Port offset on this item and on the other one.
    pub mine: i32,
    pub theirs: i32,
    /// Whether the piece belongs to an edge to keep straight first (`Graph::preferred`).
    pub preferred: bool,
}

/// Neighbours to the left and to the right, border chains included.
pub(crate) struct Links {
    pub left: Csr,
    pub right: Csr,
}

/// Lists of links of every item, in one buffer (no allocation per item).
pub(crate) struct Csr {
    start: Vec<usize>,
    links: Vec<Link>,
}

impl Csr {
    fn new(n: usize, pairs: Vec<(usize, Link)>) -> Csr {
        let (start, links) = bucket(n, pairs);
        Csr { start, links }
    }

    /// Index of item `v`'s first link in the buffer.
    fn first(&self, v: usize) -> usize {
        self.start[v]
    }
}

/// Values grouped by item (a counting sort, keeping their order): where each item's values start
/// (n + 1 entries), and the values.
fn bucket<T: Copy>(n: usize, pairs: Vec<(usize, T)>) -> (Vec<usize>, Vec<T>) {
    let mut start = vec![0; n + 1];
    for p in &pairs {
        start[p.0 + 1] += 1;
    }
    for v in 0..n {
        start[v + 1] += start[v];
    }
    let mut next = start.clone();
    let mut out: Vec<Option<T>> = vec![None; pairs.len()];
    for (v, x) in pairs {
        out[next[v]] = Some(x);
        next[v] += 1;
    }
    (start, out.into_iter().flatten().collect())
}

impl std::ops::Index<usize> for Csr {
    type Output = [Link];

    fn index(&self, v: usize) -> &[Link] {
        &self.links[self.start[v]..self.start[v + 1]]
    }
}

/// The links of every item; `preferred` by edge, as `Graph::preferred`.
pub(crate) fn links(l: &Layered, preferred: &[bool]) -> Links {
    let n = l.items.len();
    let mut seg_preferred = vec![false; l.segs.len()];
    for (route, _) in l.routes.iter().zip(preferred).filter(|(_, &p)| p) {
        if let Route::Chain { segs, .. } = route {
            for &s in segs {
                seg_preferred[s] = true;
            }
        }
    }
    let mut left = Vec::with_capacity(l.segs.len());
    let mut right = Vec::with_capacity(l.segs.len());
    for (seg, &preferred) in l.segs.iter().zip(&seg_preferred) {
        right.push((
            seg.left,
            Link {
                other: seg.right,
                mine: seg.left_off,
                theirs: seg.right_off,
                preferred,
            },
        ));
        left.push((
            seg.right,
            Link {
                other: seg.left,
                mine: seg.right_off,
                theirs: seg.left_off,
                preferred,
            },
        ));
    }
    // Border chains: each top (bottom) border with the one of its group in the next column.
    for li in 1..l.layers.len() {
        for &b in &l.layers[li] {
            if !l.items[b].is_border() {
                continue;
            }
            let kind = l.items[b].kind;
            if let Some(&a) = l.layers[li - 1].iter().find(|&&a| l.items[a].kind == kind) {
                right.push((
                    a,
                    Link {
                        other: b,
                        mine: 0,
                        theirs: 0,
                        preferred: false,
                    },
                ));
                left.push((
                    b,
                    Link {
                        other: a,
                        mine: 0,
                        theirs: 0,
                        preferred: false,
                    },
                ));
            }
        }
    }
    Links {
        left: Csr::new(n, left),
        right: Csr::new(n, right),
    }
}

/// For every item, how many border chains to its right (`right`) or left (`left`) pass above
/// it. A piece from `a` to `b` (a column further right) crosses no chain iff
/// `right[a] == left[b]`.
struct ChainCount {
    left: Vec<usize>,
    right: Vec<usize>,
}

fn chain_count(l: &Layered, links: &Links) -> ChainCount {
    let n = l.items.len();
    let mut c = ChainCount {
        left: vec![0; n],
        right: vec![0; n],
    };
    for layer in &l.layers {
        let (mut to_left, mut to_right) = (0, 0);
        for &v in layer {
            c.left[v] = to_left;
            c.right[v] = to_right;
            if l.items[v].is_border() {
                to_left += links.left[v].len();
                to_right += links.right[v].len();
            }
        }
    }
    c
}

/// The averaged y of every item; `sep(a, b)` is the least distance from `a`'s y down to the
/// y of `b` when `a` is directly above `b`.
pub(crate) fn place(l: &Layered, links: &Links, sep: &dyn Fn(usize, usize) -> i64) -> Vec<i64> {
    let chains = chain_count(l, links);
    let mut runs = Vec::with_capacity(4);
    for &(to_right, upward) in &[(false, false), (false, true), (true, false), (true, true)] {
        runs.push(run(l, links, &chains, sep, to_right, upward));
    }
    let extent = |y: &[i64]| {
        let top = (0..y.len())
            .map(|v| y[v] - l.items[v].above as i64)
            .min()
            .unwrap_or(0);
        let bottom = (0..y.len())
            .map(|v| y[v] + l.items[v].below as i64)
            .max()
            .unwrap_or(0);
        (top, bottom)
    };
    let extents: Vec<(i64, i64)> = runs.iter().map(|y| extent(y)).collect();
    let narrowest = (0..4)
        .min_by_key(|&k| extents[k].1 - extents[k].0)
        .unwrap_or(0);
    let n = l.items.len();
    let mut sum = vec![0i64; n];
    for (k, y) in runs.iter().enumerate() {
        // Runs packed up share the narrowest's top, runs packed down its bottom.
        let shift = if k % 2 == 0 {
            extents[narrowest].0 - extents[k].0
        } else {
            extents[narrowest].1 - extents[k].1
        };
        for v in 0..n {
            sum[v] += y[v] + shift;
        }
    }
    sum.into_iter().map(|s| s.div_euclid(4)).collect()
}

/// One of the four runs. `to_right`: align each item with its neighbours in the column to its
/// right (columns walked right to left). `upward`: pack towards the bottom (columns read bottom
/// to top). Works in a mirrored frame and maps back.
fn run(
    l: &Layered,
    links: &Links,
    chains: &ChainCount,
    sep: &dyn Fn(usize, usize) -> i64,
    to_right: bool,
    upward: bool,
) -> Vec<i64> {
    let n = l.items.len();
    let mut layers: Vec<Vec<usize>> = l.layers.clone();
    if to_right {
        layers.reverse();
    }
    if upward {
        for layer in &mut layers {
            layer.reverse();
        }
    }
    let mut pos = vec![0usize; n];
    for layer in &layers {
        for (i, &v) in layer.iter().enumerate() {
            pos[v] = i;
        }
    }
    let sign: i64 = if upward { -1 } else { 1 };
    let back: &Csr = if to_right { &links.right } else { &links.left };
    // No crossing a border chain: compare counts in the original left-to-right sense.
    let clear = |a: usize, b: usize| {
        if to_right {
            chains.right[b] == chains.left[a]
        } else {
            chains.right[a] == chains.left[b]
        }
    };
    let marked = conflicts(&layers, &l.items, back, &pos);
    let mut root: Vec<usize> = (0..n).collect();
    let mut rel = vec![0i64; n];
    let mut ups: Vec<(usize, Link)> = Vec::new();
    for layer in layers.iter().skip(1) {
        let mut r: isize = -1;
        for &v in layer {
            ups.clear();
            ups.extend(back[v].iter().copied().enumerate());
            if ups.is_empty() {
                continue;
            }
            crate::scene::layered::sort::by_key(&mut ups, &|&(_, k)| {
                [pos[k.other] as i64, sign * k.theirs as i64, 0, 0]
            });
            let d = ups.len();
            for m in [(d - 1) / 2, d / 2] {
                if root[v] != v {
                    break;
                }
                let (idx, link) = ups[m];
                let u = link.other;
                if marked[back.first(v) + idx] || !clear(u, v) || r >= pos[u] as isize {
                    continue;
                }
                root[v] = root[u];
                rel[v] = rel[u] + sign * (link.theirs - link.mine) as i64;
                r = pos[u] as isize;
            }
        }
    }
    // Compaction: blocks packed in the mirrored frame by longest path over "is above" pairs.
    let mut pairs: Vec<(usize, (usize, i64))> = Vec::with_capacity(n);
    let mut indeg = vec![0usize; n];
    for layer in &layers {
        for w in layer.windows(2) {
            let (p, q) = (w[0], w[1]);
            let s = if upward { sep(q, p) } else { sep(p, q) };
            pairs.push((root[p], (root[q], s + rel[p] - rel[q])));
            indeg[root[q]] += 1;
        }
    }
    let (first, pairs) = bucket(n, pairs);
    let mut y = vec![i64::MIN; n];
    let mut stack: Vec<usize> = (0..n)
        .rev()
        .filter(|&v| root[v] == v && indeg[v] == 0)
        .collect();
    for &v in &stack {
        y[v] = 0;
    }
    let mut done = 0;
    while let Some(b) = stack.pop() {
        done += 1;
        for &(c, w) in &pairs[first[b]..first[b + 1]] {
            y[c] = y[c].max(y[b] + w);
            indeg[c] -= 1;
            if indeg[c] == 0 {
                stack.push(c);
            }
        }
    }
    debug_assert_eq!(
        done,
        (0..n).filter(|&v| root[v] == v).count(),
        "blocks form a cycle"
    );
    (0..n)
        .map(|v| {
            let yv = if y[root[v]] == i64::MIN {
                0
            } else {
                y[root[v]]
            } + rel[v];
            sign * yv
        })
        .collect()
}

/// Links (by index in `back`'s buffer) that cross a piece between two dummies, which are not
/// aligned so that long edges stay straight (type 1 conflicts).
fn conflicts(layers: &[Vec<usize>], items: &[Item], back: &Csr, pos: &[usize]) -> Vec<bool> {
    let mut marked = vec![false; back.links.len()];
    let dummy = |v: usize| items[v].kind == Kind::Dummy;
    for li in 1..layers.len() {
        let (upper, lower) = (&layers[li - 1], &layers[li]);
        let (mut k0, mut l) = (0usize, 0usize);
        for (l1, &v) in lower.iter().enumerate() {
            let inner = if dummy(v) {
                back[v].iter().find(|k| dummy(k.other))
            } else {
                None
            };
            if l1 + 1 == lower.len() || inner.is_some() {
                let k1 = inner.map_or(upper.len().saturating_sub(1), |k| pos[k.other]);
                while l <= l1 {
                    let w = lower[l];
                    if !items[w].is_border() {
                        for (idx, k) in back[w].iter().enumerate() {
                            let p = pos[k.other];
                            if p < k0 || p > k1 {
                                marked[back.first(w) + idx] = true;
                            }
                        }
                    }
                    l += 1;
                }
                k0 = k1;
            }
        }
    }
    marked
}
