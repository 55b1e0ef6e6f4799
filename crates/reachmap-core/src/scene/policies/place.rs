//! Where the Policies view's boxes, frames and lines go: the layered layout engine
//! (`scene::layered`) over the boxes and edges, sources left of their targets.
//!
//! Without a focus, the whole graph is laid out: namespaces as frames, the outside where flows
//! come from in the first column and where they go in the last. With a focus (and no
//! highlighted flow leaving its star), the focus stands in the middle column, what may reach
//! it on the left and what it may reach on the right, so that no two lines cross; a box on both
//! sides is drawn twice. Every edge has its own track and its own end on each box (boxes grow
//! to give them room), so no two lines share a stretch.
//!
//! Ids stay unique: a box (or frame) drawn twice keeps its id on the left and takes `@right`
//! on the right, like the outside where flows go; a focus's own frame, between two copies of
//! its namespace's, takes `@middle`.

use super::super::layered::{self, GroupSpec, Options, Rect};
use super::super::{Class, Point};
use super::flows::Edge;
use super::graph::{Cast, Kind};

pub const NODE_W: i32 = 200;
pub const NODE_H: i32 = 70;
/// A box standing for every pod group of a namespace: a heading and one line.
pub const EVERY_H: i32 = 46;
/// Space between a frame and the boxes inside it, and the band above them holding its label.
pub const FRAME_PAD: i32 = 16;
pub const FRAME_HEADER: i32 = 30;
/// Ends of edges on one side of a box are this far apart (boxes grow to keep it): a glyph or a
/// count drawn on each end then never touches its neighbour's.
pub const PORT_GAP: i32 = 16;
/// Room kept free of tracks next to every column, in every gap, for the glyph before an
/// arrowhead and the count after a bundle's start.
pub const END_ROOM: i32 = 28;

/// A box as drawn: which node, where, and its unique id.
pub struct PlacedBox {
    pub node: usize,
    pub rect: Rect,
    pub id: String,
}

/// A frame as drawn.
pub struct PlacedFrame {
    pub frame: usize,
    pub rect: Rect,
    pub id: String,
}

pub struct Placed {
    pub boxes: Vec<PlacedBox>,
    pub frames: Vec<PlacedFrame>,
    /// Per edge, its polyline.
    pub paths: Vec<Vec<Point>>,
    pub width: i32,
    pub height: i32,
}

fn options() -> Options {
    Options {
        port_gap: PORT_GAP,
        min_port_gap: PORT_GAP,
        end_room: END_ROOM,
        ..Options::default()
    }
}

/// Lays out the `shown` boxes of `cast` and the `edges` between them, below `top`. `focus`:
/// the node in the middle of a three-column drawing (only when every edge touches it).
pub fn place(
    cast: &Cast,
    edges: &[Edge],
    shown: &[bool],
    focus: Option<usize>,
    top: i32,
) -> Placed {
    // The engine's nodes are the shown boxes, in order.
    let kept: Vec<usize> = (0..cast.nodes.len()).filter(|&n| shown[n]).collect();
    let mut index = vec![usize::MAX; cast.nodes.len()];
    for (i, &n) in kept.iter().enumerate() {
        index[n] = i;
    }
    let graph = layered::Graph {
        nodes: kept
            .iter()
            .map(|&n| layered::Node {
                width: NODE_W,
                height: match cast.nodes[n].kind {
                    Kind::Every { .. } => EVERY_H,
                    _ => NODE_H,
                },
                group: cast.nodes[n].frame,
            })
            .collect(),
        edges: edges
            .iter()
            .map(|e| layered::Edge {
                from: index[e.from],
                to: index[e.to],
            })
            .collect(),
        groups: cast
            .frames
            .iter()
            .map(|f| GroupSpec {
                label_height: FRAME_HEADER,
                padding: FRAME_PAD,
                column: f.column,
            })
            .collect(),
        // Where a box could make either of two arrows straight: the highlighted flow's, else
        // an admitted flow's rather than a denied one's.
        preferred: edges
            .iter()
            .map(|e| e.class == Class::Allowed || e.state == Some(Class::Focus))
            .collect(),
    };
    let opts = options();
    let star = focus.filter(|&f| edges.iter().all(|e| e.from == f || e.to == f));
    let (layout, node_of, frame_of, paths) = match star {
        Some(center) => {
            let f = layered::focus(&graph, index[center], &opts);
            let mut paths = vec![Vec::new(); edges.len()];
            for (line, &e) in f.layout.edges.iter().zip(&f.edges) {
                paths[e] = line.clone();
            }
            let nodes = f.nodes.iter().map(|&i| kept[i]).collect();
            (f.layout, nodes, f.groups, paths)
        }
        None => {
            let l = layered::layout(&graph, &opts);
            let paths = l.edges.clone();
            let frames = (0..cast.frames.len()).collect();
            (l, kept, frames, paths)
        }
    };
    // Everything moves down below the header; the engine's own margin stays the top's.
    let dy = top - opts.margin;
    let shift = |r: &Rect| Rect { y: r.y + dy, ..*r };
    let mut boxes: Vec<PlacedBox> = layout
        .nodes
        .iter()
        .zip(&node_of)
        .map(|(r, &node)| PlacedBox {
            node,
            rect: shift(r),
            id: cast.nodes[node].id.clone(),
        })
        .collect();
    let suffixes = copies(boxes.iter().map(|b| (b.id.as_str(), b.rect.x)).collect());
    for (b, suffix) in boxes.iter_mut().zip(suffixes) {
        b.id.push_str(suffix);
    }
    let mut frames: Vec<PlacedFrame> = layout
        .groups
        .iter()
        .zip(&frame_of)
        .filter_map(|(r, &frame)| {
            r.map(|r| PlacedFrame {
                frame,
                rect: shift(&r),
                id: cast.frames[frame].id.clone(),
            })
        })
        .collect();
    let suffixes = copies(frames.iter().map(|f| (f.id.as_str(), f.rect.x)).collect());
    for (f, suffix) in frames.iter_mut().zip(suffixes) {
        f.id.push_str(suffix);
    }
    let paths = paths
        .into_iter()
        .map(|line| line.iter().map(|p| Point::new(p.x, p.y + dy)).collect())
        .collect();
    Placed {
        boxes,
        frames,
        paths,
        width: layout.width,
        height: layout.height + dy,
    }
}

/// What each of several boxes (or frames) of one id adds to it, by their x: the leftmost
/// nothing, the rightmost `@right`, one between them (a focus's own frame) `@middle`.
fn copies(ids: Vec<(&str, i32)>) -> Vec<&'static str> {
    ids.iter()
        .map(|(id, x)| {
            let same = ids.iter().filter(|(other, _)| other == id);
            let left = same.clone().filter(|(_, ox)| ox < x).count();
            let right = same.filter(|(_, ox)| ox > x).count();
            match (left, right) {
                (0, _) => "",
                (_, 0) => "@right",
                _ => "@middle",
            }
        })
        .collect()
}
