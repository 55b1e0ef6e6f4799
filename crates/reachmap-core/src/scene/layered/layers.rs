//! The layered graph the later steps work on: nodes, bend points of long edges, frame borders.
//!
//! An edge that spans several columns gets one dummy item per column it passes, so that every
//! piece of every edge joins two neighbouring columns; crossing reduction, straightening and
//! routing then only ever look at one gap at a time. A dummy belongs to the group of an end of
//! its edge whose columns it is in (see `dummy_group`); its line then stays inside that frame.
//!
//! After ordering, each group gets a top and a bottom border item in every column it spans,
//! around its (contiguous) members there. All top borders of a group are later tied to one y
//! and so are all bottom borders: the frame is the rectangle between them, and everything else
//! in those columns is kept above its top or below its bottom, which is what keeps other nodes
//! and foreign lines out of the frame.

use crate::scene::layered::acyclic::Orient;
use crate::scene::layered::model::Graph;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Kind {
    Node(usize),
    Dummy,
    Top(usize),
    Bottom(usize),
}

#[derive(Clone, Debug)]
pub(crate) struct Item {
    pub kind: Kind,
    pub layer: usize,
    pub group: Option<usize>,
    /// Extent above and below the item's y (its anchor: a node's middle, a line's y).
    pub above: i32,
    pub below: i32,
}

impl Item {
    pub fn is_border(&self) -> bool {
        matches!(self.kind, Kind::Top(_) | Kind::Bottom(_))
    }
}

/// A piece of an edge between an item of column `L` (`left`) and one of column `L + 1`.
#[derive(Clone, Debug)]
pub(crate) struct Seg {
    pub left: usize,
    pub right: usize,
    /// Where the piece meets each item, relative to its y.
    pub left_off: i32,
    pub right_off: i32,
}

/// An edge whose ends are in one column (or a self-loop): from `from`'s right side, around
/// through the gap right of the column, into `to`'s right side.
#[derive(Clone, Debug)]
pub(crate) struct Turn {
    pub from: usize,
    pub to: usize,
    pub from_off: i32,
    pub to_off: i32,
}

#[derive(Clone, Debug)]
pub(crate) enum Route {
    None,
    /// Pieces left to right; `reversed` when the edge is read right to left.
    Chain {
        segs: Vec<usize>,
        reversed: bool,
    },
    Turn(usize),
}

#[derive(Clone, Debug, Default)]
pub(crate) struct Layered {
    /// Items `0..n` are the graph's nodes, in order.
    pub items: Vec<Item>,
    pub layers: Vec<Vec<usize>>,
    pub segs: Vec<Seg>,
    pub turns: Vec<Turn>,
    /// Pieces leaving each item to the right, and entering it from the left.
    pub outs: Vec<Vec<usize>>,
    pub ins: Vec<Vec<usize>>,
    pub routes: Vec<Route>,
}

impl Layered {
    /// Each item's index within its column.
    pub fn positions(&self) -> Vec<usize> {
        let mut pos = vec![0; self.items.len()];
        for layer in &self.layers {
            for (i, &v) in layer.iter().enumerate() {
                pos[v] = i;
            }
        }
        pos
    }

    fn push_item(&mut self, item: Item) -> usize {
        self.layers[item.layer].push(self.items.len());
        self.items.push(item);
        self.outs.push(Vec::new());
        self.ins.push(Vec::new());
        self.items.len() - 1
    }

    fn push_seg(&mut self, left: usize, right: usize) -> usize {
        let s = self.segs.len();
        self.segs.push(Seg {
            left,
            right,
            left_off: 0,
            right_off: 0,
        });
        self.outs[left].push(s);
        self.ins[right].push(s);
        s
    }
}

/// Nodes and dummies, each column in creation order (nodes by index, then dummies by edge).
pub(crate) fn build(g: &Graph, orient: &[Orient], layer: &[usize]) -> Layered {
    let columns = layer.iter().map(|&l| l + 1).max().unwrap_or(0);
    let mut l = Layered {
        layers: vec![Vec::new(); columns],
        ..Layered::default()
    };
    for (v, node) in g.nodes.iter().enumerate() {
        let h = node.height.max(0);
        let group = node.group.filter(|&k| k < g.groups.len());
        l.push_item(Item {
            kind: Kind::Node(v),
            layer: layer[v],
            group,
            above: h / 2,
            below: h - h / 2,
        });
    }
    // Each group's columns, from its nodes.
    let mut span = vec![(usize::MAX, 0); g.groups.len()];
    for item in &l.items {
        if let Some(k) = item.group {
            span[k] = (span[k].0.min(item.layer), span[k].1.max(item.layer));
        }
    }
    for (e, o) in g.edges.iter().zip(orient) {
        let route = match o {
            Orient::Invalid => Route::None,
            Orient::Flat => {
                l.turns.push(Turn {
                    from: e.from,
                    to: e.to,
                    from_off: 0,
                    to_off: 0,
                });
                Route::Turn(l.turns.len() - 1)
            }
            Orient::Forward | Orient::Reversed => {
                let reversed = *o == Orient::Reversed;
                let (a, b) = if reversed {
                    (e.to, e.from)
                } else {
                    (e.from, e.to)
                };
                let (ga, gb) = (l.items[a].group, l.items[b].group);
                let mut segs = Vec::with_capacity(layer[b] - layer[a]);
                let mut prev = a;
                for k in layer[a] + 1..layer[b] {
                    let group = dummy_group(ga, gb, k, &span);
                    let d = l.push_item(Item {
                        kind: Kind::Dummy,
                        layer: k,
                        group,
                        above: 0,
                        below: 0,
                    });
                    segs.push(l.push_seg(prev, d));
                    prev = d;
                }
                segs.push(l.push_seg(prev, b));
                Route::Chain { segs, reversed }
            }
        };
        l.routes.push(route);
    }
    l
}

/// Adds each group's top and bottom border in every column from its first to its last.
/// `rank` is the order of groups from top to bottom that every column follows.
pub(crate) fn add_borders(l: &mut Layered, rank: &[usize]) {
    let groups = rank.len();
    let mut span = vec![(usize::MAX, 0); groups];
    for item in &l.items {
        if let Some(k) = item.group {
            span[k] = (span[k].0.min(item.layer), span[k].1.max(item.layer));
        }
    }
    // `rank` is a permutation of the groups.
    let mut by_rank: Vec<usize> = vec![0; groups];
    for (k, &r) in rank.iter().enumerate() {
        by_rank[r] = k;
    }
    for li in 0..l.layers.len() {
        let mut layer = std::mem::take(&mut l.layers[li]);
        for &k in &by_rank {
            if span[k].0 > li || span[k].1 < li {
                continue;
            }
            let first = layer.iter().position(|&v| l.items[v].group == Some(k));
            let (at, end) = match first {
                Some(f) => {
                    let n = layer[f..]
                        .iter()
                        .take_while(|&&v| l.items[v].group == Some(k))
                        .count();
                    (f, f + n)
                }
                None => {
                    // No member here: right after the blocks of the groups ranked above.
                    let after = layer
                        .iter()
                        .rposition(|&v| l.items[v].group.is_some_and(|j| rank[j] < rank[k]))
                        .map_or(0, |p| p + 1);
                    (after, after)
                }
            };
            let top = new_border(l, Kind::Top(k), li);
            let bottom = new_border(l, Kind::Bottom(k), li);
            layer.insert(end, bottom);
            layer.insert(at, top);
        }
        l.layers[li] = layer;
    }
}

/// The group of an edge's line through column `k`, between nodes of groups `a` (left) and `b`:
/// an edge stays in its ends' frames while it is within their columns, so that it leaves a frame
/// through the frame's side instead of going around it; it belongs to no group where it is in
/// neither's columns or in both's (then it runs between the two frames).
fn dummy_group(
    a: Option<usize>,
    b: Option<usize>,
    k: usize,
    span: &[(usize, usize)],
) -> Option<usize> {
    if a == b {
        return a;
    }
    let in_a = a.is_some_and(|g| k <= span[g].1);
    let in_b = b.is_some_and(|g| k >= span[g].0);
    match (in_a, in_b) {
        (true, false) => a,
        (false, true) => b,
        _ => None,
    }
}

fn new_border(l: &mut Layered, kind: Kind, layer: usize) -> usize {
    let group = match kind {
        Kind::Top(k) | Kind::Bottom(k) => Some(k),
        _ => None,
    };
    l.items.push(Item {
        kind,
        layer,
        group,
        above: 0,
        below: 0,
    });
    l.outs.push(Vec::new());
    l.ins.push(Vec::new());
    l.items.len() - 1
}

/// Pieces (segments and turns) of each gap: gap `c` lies left of column `c` (the routing
/// and the nudging read them; they follow from the layers alone).
pub(crate) struct Gaps {
    pub segs: Vec<Vec<usize>>,
    pub turns: Vec<Vec<usize>>,
}

pub(crate) fn gaps(l: &Layered) -> Gaps {
    let n = l.layers.len() + 1;
    let mut g = Gaps {
        segs: vec![Vec::new(); n],
        turns: vec![Vec::new(); n],
    };
    for (s, seg) in l.segs.iter().enumerate() {
        g.segs[l.items[seg.left].layer + 1].push(s);
    }
    for (t, turn) in l.turns.iter().enumerate() {
        g.turns[l.items[turn.from].layer + 1].push(t);
    }
    g
}
