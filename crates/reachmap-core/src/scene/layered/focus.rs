//! One node with the nodes that send to it on its left and those it sends to on its right.
//!
//! Built as a graph of its own and laid out like any other: callers are sources and callees are
//! sinks of a star, so they fall into the columns left and right of the centre, and since ports
//! on the centre are sorted by the order of the other ends, no two edges cross. A node that
//! both sends to and receives from the centre appears twice, once on each side, and a group
//! gets a frame on each side where it has nodes, so no frame ever holds the centre of another
//! group.

use crate::scene::layered::model::{Edge, Graph, GroupSpec, Layout, Node, Options};
use crate::scene::layered::{layout, Column};

/// A focus drawing and where its parts come from.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Focus {
    /// The drawing: the centre, its callers left of it and its callees right of it.
    pub layout: Layout,
    /// The node of the graph each box of `layout` draws.
    pub nodes: Vec<usize>,
    /// The edge of the graph each polyline of `layout` draws.
    pub edges: Vec<usize>,
    /// The group of the graph each frame of `layout` draws.
    pub groups: Vec<usize>,
}

/// Lays out `center` (an index into `g.nodes`) with its direct predecessors and successors.
/// Self-loops on the centre are kept; edges between two neighbours are not drawn.
pub fn focus(g: &Graph, center: usize, opts: &Options) -> Focus {
    let mut f = Focus::default();
    let mut sub = Graph::default();
    if center >= g.nodes.len() {
        f.layout = layout(&sub, opts);
        return f;
    }
    // (side, node) -> box; (side, group) -> frame. Sides: 0 callers, 1 centre, 2 callees.
    let mut boxes: Vec<Option<usize>> = vec![None; 3 * g.nodes.len()];
    let mut frames: Vec<Option<usize>> = vec![None; 3 * g.groups.len()];
    let mut add = |side: usize, v: usize, sub: &mut Graph, f: &mut Focus| -> usize {
        *boxes[3 * v + side].get_or_insert_with(|| {
            let node = &g.nodes[v];
            let group = node.group.filter(|&k| k < g.groups.len()).map(|k| {
                *frames[3 * k + side].get_or_insert_with(|| {
                    sub.groups.push(GroupSpec {
                        column: Column::Free,
                        ..g.groups[k]
                    });
                    f.groups.push(k);
                    sub.groups.len() - 1
                })
            });
            sub.nodes.push(Node {
                group,
                ..node.clone()
            });
            f.nodes.push(v);
            sub.nodes.len() - 1
        })
    };
    let c = add(1, center, &mut sub, &mut f);
    for (i, e) in g.edges.iter().enumerate() {
        if e.from >= g.nodes.len() || e.to >= g.nodes.len() {
            continue;
        }
        let (from, to) = if e.from == center && e.to == center {
            (c, c)
        } else if e.to == center {
            (add(0, e.from, &mut sub, &mut f), c)
        } else if e.from == center {
            (c, add(2, e.to, &mut sub, &mut f))
        } else {
            continue;
        };
        sub.edges.push(Edge { from, to });
        sub.preferred
            .push(g.preferred.get(i).copied().unwrap_or(false));
        f.edges.push(i);
    }
    f.layout = layout(&sub, opts);
    f
}
