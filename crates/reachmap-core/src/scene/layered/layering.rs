//! Which column each node goes to.
//!
//! Longest path: a node goes one column right of its rightmost predecessor, so every drawn edge
//! points right (or, reversed, left) and spans at least one gap. Then nodes with more edges on
//! one side move towards it as far as their neighbours allow (a load generator, which only
//! sends, moves up to its nearest callee instead of reaching across the drawing from column
//! one), which shortens edges. `First` groups get column 0 alone, and no free node goes there;
//! `Last` groups get a column of their own after every free node.

use crate::scene::layered::acyclic::Orient;
use crate::scene::layered::model::{Column, Graph};

/// The column of every node, counted from 0 at the left.
pub(crate) fn assign(g: &Graph, cols: &[Column], orient: &[Orient], rank: &[usize]) -> Vec<usize> {
    let n = g.nodes.len();
    let base = usize::from(cols.contains(&Column::First));
    // Oriented free-to-free edges, by tail and by head.
    let mut succ: Vec<Vec<usize>> = vec![Vec::new(); n];
    let mut pred: Vec<Vec<usize>> = vec![Vec::new(); n];
    for (e, o) in g.edges.iter().zip(orient) {
        let (a, b) = match o {
            Orient::Forward => (e.from, e.to),
            Orient::Reversed => (e.to, e.from),
            Orient::Invalid | Orient::Flat => continue,
        };
        if cols[a] == Column::Free && cols[b] == Column::Free {
            succ[a].push(b);
            pred[b].push(a);
        }
    }
    let mut layer = vec![base; n];
    // `rank` is a topological order of these edges.
    for &v in rank {
        for &p in &pred[v] {
            layer[v] = layer[v].max(layer[p] + 1);
        }
    }
    // Edges to the last column and from the first, which pull nodes towards them.
    let mut to_last = vec![0usize; n];
    let mut from_first = vec![0usize; n];
    for (e, o) in g.edges.iter().zip(orient) {
        let (a, b) = match o {
            Orient::Forward => (e.from, e.to),
            Orient::Reversed => (e.to, e.from),
            Orient::Invalid | Orient::Flat => continue,
        };
        match (cols[a], cols[b]) {
            (Column::Free, Column::Last) => to_last[a] += 1,
            (Column::First, Column::Free) => from_first[b] += 1,
            _ => {}
        }
    }
    let last = rank.iter().map(|&v| layer[v] + 1).max().unwrap_or(base);
    // Balancing: a node with more edges to the right than to the left moves right as far as its
    // successors allow, and the other way round, which shortens edges (fewer dummies, fewer
    // crossings) without changing any edge's direction.
    for _ in 0..8 {
        let mut moved = false;
        for &v in rank.iter().rev() {
            let ins = pred[v].len() + from_first[v];
            let outs = succ[v].len() + to_last[v];
            let lo = pred[v]
                .iter()
                .map(|&p| layer[p] + 1)
                .max()
                .unwrap_or(base)
                .max(base);
            let hi = succ[v]
                .iter()
                .map(|&s| layer[s] - 1)
                .min()
                .unwrap_or(last - 1)
                .min(last - 1);
            let want = if outs > ins {
                hi
            } else if ins > outs {
                lo
            } else {
                layer[v]
            };
            if want != layer[v] && lo <= want && want <= hi {
                layer[v] = want;
                moved = true;
            }
        }
        if !moved {
            break;
        }
    }
    let last = rank.iter().map(|&v| layer[v] + 1).max().unwrap_or(base);
    for v in 0..n {
        match cols[v] {
            Column::First => layer[v] = 0,
            Column::Last => layer[v] = last,
            Column::Free => {}
        }
    }
    layer
}
