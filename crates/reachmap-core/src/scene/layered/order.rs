//! The order of items within each column: few crossings, groups kept together.
//!
//! Barycenter sweeps (each item moves to the mean position of its neighbours in the column
//! just fixed), alternately left to right and right to left, each column followed by adjacent
//! swaps that lower its crossings; the best order seen is kept. Crossings are counted exactly
//! between every two neighbouring columns (Barth, Jünger and Mutzel's accumulator). Small
//! graphs get four starts and every round that gains; big ones stop early (see `SMALL`).
//!
//! Frames must not overlap, so one order of groups holds in every column: a column is the
//! sequence of its groups' blocks, in that global order, with ungrouped items merged in where
//! their barycenters fall. Members move only within their block. After each round the groups
//! are re-ranked by the mean position of their members, and every column follows at once.

use crate::scene::layered::layers::{Item, Layered};

/// Below this many items and pieces a graph is small: it gets every round that gains, and
/// four starts; above, rounds that gain less than 1 % count as stale, so that 500 nodes and
/// 2,000 edges stay within milliseconds.
const SMALL: usize = 4000;

/// Orders `l.layers` and returns the rank of each group (0 at the top) and the crossings
/// left between neighbouring columns. `one_start`: only the first of a small graph's starts
/// (a quick estimate, for comparing layerings).
pub(crate) fn minimise(
    l: &mut Layered,
    groups: usize,
    rounds: usize,
    one_start: bool,
) -> (Vec<usize>, usize) {
    let layers = std::mem::take(&mut l.layers);
    let small = l.items.len() + l.segs.len() <= SMALL;
    let mut by_layer: Vec<Vec<usize>> = vec![Vec::new(); layers.len()];
    for (s, seg) in l.segs.iter().enumerate() {
        by_layer[l.items[seg.left].layer].push(s);
    }
    // Other starts: the first sweep right to left (settling the right end first), and columns
    // in reverse creation order. Sweeps only find a local optimum; starts differ in which.
    let starts: &[(bool, bool)] = if small && !one_start {
        &[(false, false), (true, false), (false, true), (true, true)]
    } else {
        &[(false, false)]
    };
    let mut best: Option<(usize, Vec<Vec<usize>>, Vec<usize>)> = None;
    for &(backwards, reverse) in starts {
        let mut start = layers.clone();
        if reverse {
            for layer in &mut start {
                layer.reverse();
            }
        }
        let found = attempt(l, start, &by_layer, groups, rounds, small, backwards);
        if best.as_ref().is_none_or(|b| found.0 < b.0) {
            best = Some(found);
        }
    }
    let (crossings, layers, rank) = best.unwrap_or((0, layers, vec![0; groups]));
    l.layers = layers;
    (rank, crossings)
}

/// One run of sweeps from the order items were created in: (crossings, order, group ranks).
fn attempt(
    l: &Layered,
    mut layers: Vec<Vec<usize>>,
    by_layer: &[Vec<usize>],
    groups: usize,
    rounds: usize,
    small: bool,
    backwards: bool,
) -> (usize, Vec<Vec<usize>>, Vec<usize>) {
    let mut rank = initial_rank(&l.items, groups);
    let mut pos = l.positions_of(&layers);
    let mut key = vec![0.0; l.items.len()];
    for layer in &mut layers {
        for &v in layer.iter() {
            key[v] = pos[v] as f64;
        }
        arrange(layer, &key, &l.items, &rank);
        set_positions(layer, &mut pos);
    }
    let mut best = crossings(&layers, &pos, l, by_layer);
    let mut best_layers = layers.clone();
    let mut best_rank = rank.clone();
    let mut stale = 0;
    let n = layers.len();
    for round in 0..rounds {
        if best == 0 {
            break;
        }
        if !(backwards && round == 0) {
            for li in 1..n {
                sweep_one(&mut layers, li, true, &mut pos, &mut key, l, &rank);
            }
        }
        for li in (0..n.saturating_sub(1)).rev() {
            sweep_one(&mut layers, li, false, &mut pos, &mut key, l, &rank);
        }
        if groups > 1 {
            rerank(&mut layers, &mut pos, &mut key, &l.items, &mut rank);
        }
        let c = crossings(&layers, &pos, l, by_layer);
        let gain = if small { c < best } else { c + c / 100 < best };
        stale = if gain { 0 } else { stale + 1 };
        if c < best {
            best = c;
            best_layers.clone_from(&layers);
            best_rank.clone_from(&rank);
        }
        if stale >= if small { 4 } else { 2 } {
            break;
        }
    }
    (best, best_layers, best_rank)
}

impl Layered {
    fn positions_of(&self, layers: &[Vec<usize>]) -> Vec<usize> {
        let mut pos = vec![0; self.items.len()];
        for layer in layers {
            set_positions(layer, &mut pos);
        }
        pos
    }
}

fn set_positions(layer: &[usize], pos: &mut [usize]) {
    for (i, &v) in layer.iter().enumerate() {
        pos[v] = i;
    }
}

/// Groups in the order of their first node: the caller's order of namespaces.
fn initial_rank(items: &[Item], groups: usize) -> Vec<usize> {
    let mut first = vec![usize::MAX; groups];
    for (v, item) in items.iter().enumerate() {
        if let Some(k) = item.group {
            first[k] = first[k].min(v);
        }
    }
    let mut order: Vec<usize> = (0..groups).collect();
    crate::scene::layered::sort::by_key(&mut order, &|&k| [first[k] as i64, k as i64, 0, 0]);
    let mut rank = vec![0; groups];
    for (r, &k) in order.iter().enumerate() {
        rank[k] = r;
    }
    rank
}

/// Reorders column `li` by barycenters of its neighbours on the left (`forward`) or right,
/// then swaps neighbours while that lowers crossings.
fn sweep_one(
    layers: &mut [Vec<usize>],
    li: usize,
    forward: bool,
    pos: &mut [usize],
    key: &mut [f64],
    l: &Layered,
    rank: &[usize],
) {
    let other = if forward { li - 1 } else { li + 1 };
    let scale = layers[other].len() as f64 / layers[li].len().max(1) as f64;
    for &v in &layers[li] {
        let links = if forward { &l.ins[v] } else { &l.outs[v] };
        key[v] = if links.is_empty() {
            pos[v] as f64 * scale
        } else {
            let sum: usize = links
                .iter()
                .map(|&s| {
                    if forward {
                        pos[l.segs[s].left]
                    } else {
                        pos[l.segs[s].right]
                    }
                })
                .sum();
            sum as f64 / links.len() as f64
        };
    }
    arrange(&mut layers[li], key, &l.items, rank);
    set_positions(&layers[li], pos);
    transpose(&mut layers[li], pos, l);
}

/// Sorts a column by `key`: members within their group's block, blocks in `rank` order,
/// ungrouped items merged between blocks by key (an item goes before the first block whose mean
/// key exceeds its own). Ties keep the current order. Done as one sort: a block's key for the
/// merge is the running maximum of the mean keys of the blocks up to it in rank order.
fn arrange(layer: &mut [usize], key: &[f64], items: &[Item], rank: &[usize]) {
    let groups = rank.len();
    let mut sum = vec![0.0f64; groups];
    let mut count = vec![0usize; groups];
    for &v in layer.iter() {
        if let Some(k) = items[v].group {
            sum[k] += key[v];
            count[k] += 1;
        }
    }
    let mut by_rank: Vec<usize> = vec![usize::MAX; groups];
    for k in (0..groups).filter(|&k| count[k] > 0) {
        by_rank[rank[k]] = k;
    }
    by_rank.retain(|&k| k != usize::MAX);
    let mut merge_key = vec![0.0f64; groups];
    let mut running = f64::NEG_INFINITY;
    for &k in &by_rank {
        running = running.max(sum[k] / count[k] as f64);
        merge_key[k] = running;
    }
    // (merge key, block before item, group rank, key within block); stable, so ties keep order.
    use crate::scene::layered::sort::float;
    crate::scene::layered::sort::by_key(layer, &|&v| match items[v].group {
        Some(k) => [float(merge_key[k]), 0, rank[k] as i64, float(key[v])],
        None => [float(key[v]), 1, 0, 0],
    });
}

/// Adjacent swaps (within a block, or of two ungrouped items) that lower the crossings on
/// both sides of the column, until none does (or a few passes).
fn transpose(layer: &mut [usize], pos: &mut [usize], l: &Layered) {
    // Sorted neighbour positions of each item, to the left and to the right, in one buffer;
    // swapping two items swaps their ranges.
    let mut buf: Vec<i64> = Vec::new();
    let mut ranges: Vec<[(usize, usize); 2]> = Vec::with_capacity(layer.len());
    for &v in layer.iter() {
        let mut r = [(0, 0); 2];
        for (side, range) in r.iter_mut().enumerate() {
            let start = buf.len();
            if side == 0 {
                buf.extend(l.ins[v].iter().map(|&s| pos[l.segs[s].left] as i64));
            } else {
                buf.extend(l.outs[v].iter().map(|&s| pos[l.segs[s].right] as i64));
            }
            crate::scene::layered::sort::ints(&mut buf[start..]);
            *range = (start, buf.len());
        }
        ranges.push(r);
    }
    for _ in 0..2 {
        let mut improved = false;
        for i in 0..layer.len().saturating_sub(1) {
            let (u, v) = (layer[i], layer[i + 1]);
            if l.items[u].group != l.items[v].group {
                continue;
            }
            let (mut keep, mut swap) = (0, 0);
            for (a, b) in ranges[i].iter().zip(&ranges[i + 1]) {
                let (k, s) = pair_crossings(&buf[a.0..a.1], &buf[b.0..b.1]);
                keep += k;
                swap += s;
            }
            if swap < keep {
                layer.swap(i, i + 1);
                ranges.swap(i, i + 1);
                pos[layer[i]] = i;
                pos[layer[i + 1]] = i + 1;
                improved = true;
            }
        }
        if !improved {
            break;
        }
    }
}

/// Crossings between the edges of two neighbouring items to one side, given their
/// neighbours' sorted positions: (with `a` above `b`, with `b` above `a`).
fn pair_crossings(a: &[i64], b: &[i64]) -> (usize, usize) {
    let (mut j, mut k, mut above, mut below) = (0, 0, 0, 0);
    for &x in a {
        while j < b.len() && b[j] < x {
            j += 1;
        }
        while k < b.len() && b[k] <= x {
            k += 1;
        }
        above += j;
        below += b.len() - k;
    }
    (above, below)
}

/// Ranks groups by the mean relative position of their members, and makes every column follow.
fn rerank(
    layers: &mut [Vec<usize>],
    pos: &mut [usize],
    key: &mut [f64],
    items: &[Item],
    rank: &mut [usize],
) {
    let groups = rank.len();
    let mut sum = vec![0.0; groups];
    let mut count = vec![0usize; groups];
    for layer in layers.iter() {
        for (i, &v) in layer.iter().enumerate() {
            if let Some(k) = items[v].group {
                sum[k] += (i as f64 + 0.5) / layer.len() as f64;
                count[k] += 1;
            }
        }
    }
    let mut order: Vec<usize> = (0..groups).collect();
    let mean = |k: usize| {
        if count[k] == 0 {
            f64::MAX
        } else {
            sum[k] / count[k] as f64
        }
    };
    crate::scene::layered::sort::by_key(&mut order, &|&k| {
        [
            crate::scene::layered::sort::float(mean(k)),
            rank[k] as i64,
            0,
            0,
        ]
    });
    if order.iter().enumerate().all(|(r, &k)| rank[k] == r) {
        return;
    }
    for (r, &k) in order.iter().enumerate() {
        rank[k] = r;
    }
    for layer in layers.iter_mut() {
        for &v in layer.iter() {
            key[v] = pos[v] as f64;
        }
        arrange(layer, key, items, rank);
        set_positions(layer, pos);
    }
}

/// Crossings between every two neighbouring columns, counting pieces that share an item as
/// not crossing.
pub(crate) fn crossings(
    layers: &[Vec<usize>],
    pos: &[usize],
    l: &Layered,
    by_layer: &[Vec<usize>],
) -> usize {
    let mut total = 0;
    let mut pairs: Vec<i64> = Vec::new();
    for li in 0..layers.len().saturating_sub(1) {
        let n = layers[li + 1].len();
        // (left, right) as one number, so that sorting numbers sorts the pairs.
        pairs.clear();
        pairs.extend(
            by_layer[li]
                .iter()
                .map(|&s| (pos[l.segs[s].left] * (n + 1) + pos[l.segs[s].right]) as i64),
        );
        crate::scene::layered::sort::ints(&mut pairs);
        let mut tree = vec![0usize; n + 1];
        for (seen, &pair) in pairs.iter().enumerate() {
            let b = pair as usize % (n + 1);
            // Earlier pieces ending strictly below b cross this one.
            let mut at_most = 0;
            let mut i = b + 1;
            while i > 0 {
                at_most += tree[i];
                i &= i - 1;
            }
            total += seen - at_most;
            let mut i = b + 1;
            while i <= n {
                tree[i] += 1;
                i += i & i.wrapping_neg();
            }
        }
    }
    total
}
