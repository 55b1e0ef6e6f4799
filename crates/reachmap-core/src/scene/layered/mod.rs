//! Layered layout of flow graphs: sources left of their targets, groups in frames, and
//! orthogonal edges of which no two ever share a piece of line.
//!
//! The steps, each in its own module:
//! 1. `acyclic`: which edges are drawn against the flow, so that columns can read left to right;
//! 2. `layering`: the column of every node (longest path), with `First`/`Last` groups alone at
//!    the ends (`sequence`: for small graphs, the sequence of nodes that leaves the fewest
//!    crossings among those that reverse as few edges);
//! 3. `layers`: one item per column an edge passes, so that every piece joins two neighbouring
//!    columns;
//! 4. `order`: the order within columns (barycenter sweeps and swaps, groups contiguous);
//! 5. `ports`: an end of its own on its box for every edge;
//! 6. `align` and `place`: the y of everything (Brandes–Köpf, then straightening);
//! 7. `nudge`, `tracks` and `route`: tracks in the gaps between columns and the polylines.
//!
//! [`focus`] lays out one node with its callers and callees, and [`metrics`] measures any drawing
//! of edges as polylines (crossings, shared pieces, bends, length, overlapping boxes).

mod acyclic;
mod align;
mod focus;
mod layering;
mod layers;
pub mod metrics;
mod model;
mod nudge;
mod order;
mod place;
mod ports;
mod route;
mod sequence;
mod sort;
mod tracks;

pub use focus::{focus, Focus};
pub use model::{Column, Edge, Graph, GroupSpec, Layout, Node, Options, Point, Rect};

/// Lays `g` out. Deterministic: the same input gives the same output, on every target.
pub fn layout(g: &Graph, opts: &Options) -> Layout {
    let cols = acyclic::columns(g);
    let (orient, rank) = acyclic::orient(g, &cols);
    let best = sequence::best(g, &cols, &orient, &rank, opts);
    let (mut l, group_rank) = (best.layered, best.group_rank);
    layers::add_borders(&mut l, &group_rank);
    ports::assign(&mut l, opts);
    let mut y = place::place(&l, &g.groups, &g.preferred, opts);
    debug_assert!(separated(&l, &y, g, opts), "placement broke a distance");
    let gaps = layers::gaps(&l);
    let items = l.items.clone();
    let sep = |a: usize, b: usize| place::separation(&items[a], &items[b], &g.groups, opts);
    nudge::nudge(&mut l, &mut y, &gaps, &sep);
    debug_assert!(separated(&l, &y, g, opts), "nudging broke a distance");
    route::draw(&l, &y, &g.nodes, &g.groups, opts, g.edges.len())
}

/// Whether every two neighbours in a column keep their distance (checked in debug builds).
fn separated(l: &layers::Layered, y: &[i64], g: &Graph, opts: &Options) -> bool {
    for layer in &l.layers {
        for w in layer.windows(2) {
            let need = place::separation(&l.items[w[0]], &l.items[w[1]], &g.groups, opts);
            if y[w[1]] - y[w[0]] < need {
                return false;
            }
        }
    }
    true
}
