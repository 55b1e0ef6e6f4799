//! Which way each edge points in the layering: cycles are broken here.
//!
//! Columns only read left to right if the graph is acyclic, so some edges of every cycle are
//! drawn against the flow: free nodes are put in a sequence and edges pointing backwards in it
//! are reversed. A greedy feedback arc set (Eades, Lin and Smyth) gives a sequence that reverses
//! few edges. Which ones also matters for reading: in a policy graph a workload that accepts
//! traffic from every pod and from outside (Online Boutique's frontend) closes a 2-cycle with
//! each of its callees, and turning frontend→cartservice around would put cartservice left of
//! the frontend. So the nodes that the `First` column (outside) sends to come first whenever
//! the greedy has to choose (only nodes nobody sends to come before them): traffic reads from
//! where it enters. Nodes of `First` and `Last` groups need no ranking:
//! edges leave the first column and enter the last one.

use crate::scene::layered::model::{Column, Graph};

/// How an edge is laid out.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Orient {
    /// An end is not a node of the graph: not drawn.
    Invalid,
    /// From `from`'s column to a column further right.
    Forward,
    /// Drawn from `to`'s column to a column further right, then read backwards.
    Reversed,
    /// A self-loop, or both ends pinned to the same column.
    Flat,
}

/// The column each node is pinned to, from its group.
pub(crate) fn columns(g: &Graph) -> Vec<Column> {
    g.nodes
        .iter()
        .map(|n| {
            n.group
                .and_then(|k| g.groups.get(k))
                .map_or(Column::Free, |s| s.column)
        })
        .collect()
}

/// The orientation of every edge and the ranking of free nodes (a topological order of the
/// oriented free-to-free edges, which the layering walks).
pub(crate) fn orient(g: &Graph, cols: &[Column]) -> (Vec<Orient>, Vec<usize>) {
    let n = g.nodes.len();
    let free = |v: usize| cols[v] == Column::Free;
    // Free-to-free edges, for the ranking.
    let mut succ: Vec<Vec<usize>> = vec![Vec::new(); n];
    let mut pred: Vec<Vec<usize>> = vec![Vec::new(); n];
    let mut entered = vec![false; n];
    for e in &g.edges {
        if e.from >= n || e.to >= n || e.from == e.to {
            continue;
        }
        if free(e.from) && free(e.to) {
            succ[e.from].push(e.to);
            pred[e.to].push(e.from);
        } else if cols[e.from] == Column::First && free(e.to) {
            entered[e.to] = true;
        }
    }
    let rank = rank_free(n, &free, &succ, &pred, &entered);
    let orient = orient_by(g, cols, &rank);
    (orient, rank)
}

/// The orientation of every edge for a given sequence of the free nodes: forward where its
/// target comes later in `rank` (or in a later pinned column), reversed where earlier.
pub(crate) fn orient_by(g: &Graph, cols: &[Column], rank: &[usize]) -> Vec<Orient> {
    let n = g.nodes.len();
    let mut place = vec![usize::MAX; n];
    for (i, &v) in rank.iter().enumerate() {
        place[v] = i;
    }
    g.edges
        .iter()
        .map(|e| {
            if e.from >= n || e.to >= n {
                return Orient::Invalid;
            }
            let (a, b) = (cols[e.from], cols[e.to]);
            if e.from == e.to || (a == b && a != Column::Free) {
                Orient::Flat
            } else if a == Column::First || b == Column::Last {
                Orient::Forward
            } else if b == Column::First || a == Column::Last {
                Orient::Reversed
            } else if place[e.from] < place[e.to] {
                Orient::Forward
            } else {
                Orient::Reversed
            }
        })
        .collect()
}

/// Free nodes, in the order described in the module's comment.
fn rank_free(
    n: usize,
    free: &dyn Fn(usize) -> bool,
    succ: &[Vec<usize>],
    pred: &[Vec<usize>],
    entered: &[bool],
) -> Vec<usize> {
    let nodes: Vec<usize> = (0..n).filter(|&v| free(v)).collect();
    eades(&nodes, succ, pred, entered)
}

/// Greedy feedback arc set on the subgraph induced by `nodes`: a sequence in which few edges
/// point backwards. Repeatedly: sinks go to the end, sources to the front, otherwise a node
/// marked `first` goes to the front, or else the node whose out-degree most exceeds its
/// in-degree; ties by the position in `nodes`.
fn eades(nodes: &[usize], succ: &[Vec<usize>], pred: &[Vec<usize>], first: &[bool]) -> Vec<usize> {
    if nodes.len() <= 1 {
        return nodes.to_vec();
    }
    let mut local = vec![usize::MAX; succ.len()];
    for (i, &v) in nodes.iter().enumerate() {
        local[v] = i;
    }
    let m = nodes.len();
    let mut outs = vec![Vec::new(); m];
    let mut ins = vec![Vec::new(); m];
    for (i, &v) in nodes.iter().enumerate() {
        for &w in &succ[v] {
            if local[w] != usize::MAX {
                outs[i].push(local[w]);
            }
        }
        for &w in &pred[v] {
            if local[w] != usize::MAX {
                ins[i].push(local[w]);
            }
        }
    }
    let mut outdeg: Vec<isize> = outs.iter().map(|o| o.len() as isize).collect();
    let mut indeg: Vec<isize> = ins.iter().map(|o| o.len() as isize).collect();
    let mut gone = vec![false; m];
    let (mut front, mut back) = (Vec::new(), Vec::new());
    let mut left = m;
    let forced: Vec<usize> = (0..m).filter(|&i| first[nodes[i]]).collect();
    let remove =
        |i: usize, gone: &mut Vec<bool>, outdeg: &mut Vec<isize>, indeg: &mut Vec<isize>| {
            gone[i] = true;
            for &j in &outs[i] {
                indeg[j] -= 1;
            }
            for &j in &ins[i] {
                outdeg[j] -= 1;
            }
        };
    while left > 0 {
        let mut changed = true;
        while changed {
            changed = false;
            for i in 0..m {
                if !gone[i] && outdeg[i] == 0 {
                    remove(i, &mut gone, &mut outdeg, &mut indeg);
                    back.push(i);
                    left -= 1;
                    changed = true;
                } else if !gone[i] && indeg[i] == 0 {
                    remove(i, &mut gone, &mut outdeg, &mut indeg);
                    front.push(i);
                    left -= 1;
                    changed = true;
                }
            }
        }
        if left > 0 {
            let best = forced.iter().copied().find(|&i| !gone[i]).or_else(|| {
                (0..m)
                    .filter(|&i| !gone[i])
                    .max_by_key(|&i| (outdeg[i] - indeg[i], std::cmp::Reverse(i)))
            });
            if let Some(i) = best {
                remove(i, &mut gone, &mut outdeg, &mut indeg);
                front.push(i);
                left -= 1;
            }
        }
    }
    front.extend(back.into_iter().rev());
    front.into_iter().map(|i| nodes[i]).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scene::layered::model::{Edge, Node};

    fn graph(n: usize, edges: &[(usize, usize)]) -> Graph {
        Graph {
            nodes: vec![
                Node {
                    width: 10,
                    height: 10,
                    group: None
                };
                n
            ],
            edges: edges.iter().map(|&(from, to)| Edge { from, to }).collect(),
            groups: Vec::new(),
            preferred: Vec::new(),
        }
    }

    #[test]
    fn what_outside_calls_keeps_its_edges_forward() {
        // 1 calls 2, 3, 4, and everyone calls 1 (an allow-all ingress), outside (0) included;
        // 2 calls everyone too, so it would win a plain feedback arc set.
        let mut g = graph(
            5,
            &[
                (0, 1),
                (1, 2),
                (1, 3),
                (1, 4),
                (2, 1),
                (3, 1),
                (4, 1),
                (2, 3),
                (2, 4),
            ],
        );
        g.groups.push(crate::scene::layered::model::GroupSpec {
            column: Column::First,
            ..Default::default()
        });
        g.nodes[0].group = Some(0);
        // 5 only sends (a load generator): it stays left of 1.
        g.nodes.push(g.nodes[1].clone());
        g.edges.push(Edge { from: 5, to: 1 });
        let (o, _) = orient(&g, &columns(&g));
        assert_eq!(&o[..4], &[Orient::Forward; 4]);
        assert_eq!(&o[4..7], &[Orient::Reversed; 3]);
        assert_eq!(o[9], Orient::Forward);
    }

    #[test]
    fn a_cycle_without_entry_is_broken_once() {
        let g = graph(3, &[(0, 1), (1, 2), (2, 0)]);
        let (o, rank) = orient(&g, &columns(&g));
        assert_eq!(rank.len(), 3);
        assert_eq!(o.iter().filter(|&&x| x == Orient::Reversed).count(), 1);
    }
}
