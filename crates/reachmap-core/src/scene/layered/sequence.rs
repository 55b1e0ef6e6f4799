//! Which sequence of the free nodes the layering walks, for small graphs.
//!
//! The greedy of [`crate::scene::layered::acyclic`] gives one sequence that reverses few
//! edges, but where nodes talk both ways (folded namespaces usually all do) every sequence
//! reverses one edge of each pair, and which node goes where decides how many long edges pass
//! the others: with kube-system, which outside never reaches, at the right end, the edges from
//! outside and to outside pass every namespace; in the middle, they pass none. So for a graph
//! this small each free node is tried at every other place of the sequence, and a sequence is
//! kept when it reverses no more edges than the greedy's and leaves fewer crossings after
//! ordering (the drawing's own count, before ports and tracks); a few rounds at most. Bigger
//! graphs keep the greedy's sequence: each try is a whole layering and ordering.

use crate::scene::layered::acyclic::{self, Orient};
use crate::scene::layered::layers::{self, Layered};
use crate::scene::layered::model::{Column, Graph, Options};
use crate::scene::layered::{layering, order};

/// At most this many free nodes get tried elsewhere (n × (n − 1) tries per round).
const FREE: usize = 8;
/// At most this many items and pieces in the greedy's layering.
const PIECES: usize = 200;
/// Rounds of tries, each starting from the best sequence so far.
const ROUNDS: usize = 2;
/// Ordering rounds of a try (the sequence kept is then ordered with the caller's rounds): few
/// rounds already tell a sequence with fewer crossings.
const TRY_ROUNDS: usize = 3;

/// One sequence laid out in columns and ordered.
pub(crate) struct Tried {
    pub layered: Layered,
    pub group_rank: Vec<usize>,
    crossings: usize,
    reversed: usize,
}

/// Layers and orders the graph for the free-node sequence `rank`.
fn attempt(
    g: &Graph,
    cols: &[Column],
    orient: &[Orient],
    rank: &[usize],
    opts: Option<&Options>,
) -> Tried {
    let layer = layering::assign(g, cols, orient, rank);
    let mut layered = layers::build(g, orient, &layer);
    // A try (no options) is an estimate: few rounds from one start. The sequence kept, like
    // the greedy's, is ordered with the caller's rounds and every start.
    let (rounds, quick) = opts.map_or((TRY_ROUNDS, true), |o| (o.order_rounds, false));
    let (group_rank, crossings) = order::minimise(&mut layered, g.groups.len(), rounds, quick);
    Tried {
        layered,
        group_rank,
        crossings,
        reversed: orient.iter().filter(|o| **o == Orient::Reversed).count(),
    }
}

/// The columns and order of the greedy's sequence, or of a better one (see the module's
/// comment).
pub(crate) fn best(
    g: &Graph,
    cols: &[Column],
    orient: &[Orient],
    rank: &[usize],
    opts: &Options,
) -> Tried {
    let greedy = attempt(g, cols, orient, rank, Some(opts));
    let small =
        rank.len() <= FREE && greedy.layered.items.len() + greedy.layered.segs.len() <= PIECES;
    if !small || greedy.crossings == 0 {
        return greedy;
    }
    let mut best = attempt(g, cols, orient, rank, None);
    let mut sequence: Option<Vec<usize>> = None;
    for _ in 0..ROUNDS {
        let mut improved = false;
        let start = sequence.clone().unwrap_or_else(|| rank.to_vec());
        for from in 0..start.len() {
            for to in (0..start.len()).filter(|&to| to != from) {
                let mut tried = start.clone();
                let v = tried.remove(from);
                tried.insert(to, v);
                let orient = acyclic::orient_by(g, cols, &tried);
                let t = attempt(g, cols, &orient, &tried, None);
                if t.reversed <= best.reversed && t.crossings < best.crossings {
                    best = t;
                    sequence = Some(tried);
                    improved = true;
                }
            }
        }
        if !improved || best.crossings == 0 {
            break;
        }
    }
    match sequence {
        // Ordered again with the caller's rounds; kept only if still better than the greedy's.
        Some(s) => {
            let full = attempt(g, cols, &acyclic::orient_by(g, cols, &s), &s, Some(opts));
            if full.crossings < greedy.crossings {
                full
            } else {
                greedy
            }
        }
        None => greedy,
    }
}
